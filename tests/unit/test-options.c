/* test-options.c - the key table, every key's parser, the LIST syntax and
 * the command line.  Each error is asserted as the exact message a user
 * sees, so a change of wording is a deliberate change of this test. */
#include "config.h"

#include <linux/capability.h>
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "groups.h"
#include "list.h"
#include "options.h"
#include "preflight.h"
#include "syscalls.h"
#include "tap.h"

#define WHERE "p.profile:7"

static struct jr_policy *pol;
static struct jr_command cmd;
static struct jr_err err;

static void reset(void)
{
	jr_policy_free(pol);
	pol = jr_policy_new();
	cmd = (struct jr_command)JR_COMMAND_INIT;
	memset(&err, 0, sizeof(err));
}

/* A description safe for TAP: no '#', no newline, not too long. */
static const char *safe(const char *s)
{
	static char buf[4][80];
	static int slot;
	char *b = buf[slot++ % 4];
	size_t i;

	if (!s)
		return "(null)";
	for (i = 0; s[i] && i < sizeof(buf[0]) - 4; i++)
		b[i] = s[i] == '#' || s[i] == '\n' ? '_' : s[i];
	strcpy(b + i, s[i] ? "..." : "");
	return b;
}

/* KEY = VALUE as a profile line at WHERE would give it. */
static int set(const char *key, const char *value)
{
	const struct jr_key *k = jr_key_find(key);

	memset(&err, 0, sizeof(err));
	if (!k)
		return jr_fail(&err, NULL, "test: no key '%s'", key);
	return jr_key_apply(pol, &cmd, k, value, WHERE, &err);
}

static void good(const char *key, const char *value)
{
	if (!is_int(set(key, value), 0, "%s = %s is accepted", key,
		    safe(value)))
		diag("error: %s", err.msg);
}

/* KEY = VALUE fails with exactly WHERE ": " MSG. */
static void bad(const char *key, const char *value, const char *msg)
{
	char want[JR_ERR_MAX];
	int r = set(key, value);

	snprintf(want, sizeof(want), "%s: %s", WHERE, msg);
	is_str(r == -1 ? err.msg : "(accepted)", want, "%s = %s: %s", key,
	       safe(value), safe(msg));
}

static int nr_of(const char *name)
{
	int nr = -1;

	if (jr_syscall_resolve(name, &nr) != JR_SC_NATIVE) {
		diag("test: %s is not a native syscall", name);
		return 0;
	}
	return nr;
}

static const char *dropped(const char *name)
{
	return pol->drop.origin[nr_of(name)];
}

static const char *kept(const char *name)
{
	return pol->keep.origin[nr_of(name)];
}

static int count(const struct jr_scset *s)
{
	int n = 0;

	for (int nr = 0; nr < JR_NR_MAX; nr++)
		n += s->origin[nr] != NULL;
	return n;
}

/* ---- the table --------------------------------------------------------- */

static void test_table(void)
{
	bool sorted = true, helped = true;

	ok(jr_nkeys > 10, "the table has keys (%zu)", jr_nkeys);
	for (size_t i = 0; i < jr_nkeys; i++) {
		const struct jr_key *k = &jr_keys[i];

		if (i && strcmp(jr_keys[i - 1].name, k->name) >= 0) {
			diag("not sorted: %s after %s", k->name,
			     jr_keys[i - 1].name);
			sorted = false;
		}
		if (!k->help || strlen(k->help) < 10) {
			diag("%s: no help text", k->name);
			helped = false;
		}
	}
	ok(sorted, "keys sorted by name, no duplicates (jr_key_find searches "
		   "them in halves)");
	{
		bool found = true;

		for (size_t i = 0; i < jr_nkeys; i++)
			if (jr_key_find(jr_keys[i].name) != &jr_keys[i]) {
				diag("jr_key_find(%s) is not its entry",
				     jr_keys[i].name);
				found = false;
			}
		ok(found, "jr_key_find finds every key at its own entry");
		ok(!jr_key_find("") && !jr_key_find("zzzz") &&
			   !jr_key_find("a") && !jr_key_find("seccomp.kee"),
		   "jr_key_find: no key for names not in the table");
	}
	ok(helped, "every key has help text");
	for (size_t i = 0; i < jr_nkeys; i++) {
		const struct jr_key *k = &jr_keys[i];
		bool sane;

		switch (k->scope) {
		case JR_SCOPE_PROFILE:
			sane = !k->set && k->arg == JR_ARG_REQUIRED &&
			       k->metavar;
			break;
		case JR_SCOPE_BOTH:
			/* a profile line always has a value */
			sane = k->set && k->arg != JR_ARG_NONE && k->metavar;
			break;
		case JR_SCOPE_CLI:
			sane = k->set && (k->arg == JR_ARG_NONE) == !k->metavar;
			break;
		default:
			sane = false;
		}
		ok(sane && strspn(k->name, "abcdefghijklmnopqrstuvwxyz0123456789.-") ==
				   strlen(k->name),
		   "%s: scope, argument, metavar and name sane", k->name);
		ok(jr_key_find(k->name) == k, "jr_key_find(%s)", k->name);
	}
	ok(!jr_key_find("seccomp.kep"), "jr_key_find: no such key");
	ok(!jr_key_find(""), "jr_key_find: empty name");
	is_str(jr_key_suggest("seccomp.kep"), "seccomp.keep",
	       "suggest seccomp.keep for seccomp.kep");
	is_str(jr_key_suggest("protocl"), "protocol", "suggest protocol");
	is_str(jr_key_suggest("completely-unrelated-words"), NULL,
	       "no suggestion for a word far from every key");
	for (size_t i = 0; i < jr_nfamilies; i++)
		ok(i == 0 || strcmp(jr_families[i - 1].name,
				    jr_families[i].name) < 0,
		   "families sorted: %s", jr_families[i].name);
}

/* ---- generic jr_key_set rules ------------------------------------------ */

static void test_key_set_rules(void)
{
	reset();
	bad("include", "x", "'include' is a profile directive");
	bad("ignore", "seccomp", "'ignore' is a profile directive");
	bad("caps.drop", NULL, "'caps.drop' needs a value");
	bad("seccomp.keep", NULL, "'seccomp.keep' needs a value");
	bad("debug", "x", "'debug' takes no value");
	bad("noprofile", "yes", "'noprofile' takes no value");
	good("seccomp", NULL);
	ok(pol->seccomp, "seccomp with no value means yes");

	/* command-line-only settings */
	reset();
	good("debug", NULL);
	is_int(cmd.verbosity, 2, "debug: verbosity 2");
	good("quiet", NULL);
	is_int(cmd.verbosity, 0, "quiet: verbosity 0");
	good("noprofile", NULL);
	good("print-filter", NULL);
	good("help", NULL);
	good("version", NULL);
	ok(cmd.noprofile && cmd.print_filter && cmd.help && cmd.version,
	   "flags set their fields");
	good("profile", "firefox");
	is_str(cmd.profile, "firefox", "profile: the name is kept");
	bad("profile", "", "empty profile name");
}

/* ---- LIST syntax ------------------------------------------------------- */

struct collect {
	char out[256];
	int n;
	int fail_at; /* fail on this item (1-based), 0: never */
};

static int collect_fn(void *ctx, const char *item, bool negate,
		      const char *where, struct jr_err *e)
{
	struct collect *c = ctx;
	size_t len = strlen(c->out);

	c->n++;
	if (c->fail_at == c->n)
		return jr_fail(e, where, "stop at '%s'", item);
	snprintf(c->out + len, sizeof(c->out) - len, "%s%s%s",
		 len ? "|" : "", negate ? "!" : "", item);
	return 0;
}

/* VALUE splits into WANT ("a|!b|c"), or fails with MSG. */
static void list_is(const char *value, const char *want, const char *msg)
{
	struct collect c = { .out = "", .n = 0, .fail_at = 0 };
	char full[JR_ERR_MAX];
	int r;

	memset(&err, 0, sizeof(err));
	r = jr_list_foreach(value, collect_fn, &c, WHERE, &err);
	if (!msg) {
		if (!is_str(r == 0 ? c.out : err.msg, want, "list '%s'",
			    safe(value)))
			diag("r = %d", r);
		return;
	}
	snprintf(full, sizeof(full), "%s: %s", WHERE, msg);
	is_str(r == -1 ? err.msg : "(accepted)", full, "list '%s': %s",
	       safe(value), safe(msg));
}

static char *repeat(char *buf, size_t size, const char *unit, size_t n,
		    const char *sep)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? sep : "", unit);
	return buf;
}

static void test_list(void)
{
	static char big[JR_VALUE_MAX + 64];
	char item[JR_LIST_MAX_ITEM + 2];
	struct collect c = { .out = "", .n = 0, .fail_at = 2 };

	list_is("read", "read", NULL);
	list_is("read,write", "read|write", NULL);
	list_is(" read , write\t,close ", "read|write|close", NULL);
	list_is("!read", "!read", NULL);
	list_is("read, !write, ! close,!\tdup", "read|!write|!close|!dup",
		NULL);
	list_is("@stdio,!@clock,42", "@stdio|!@clock|42", NULL);
	list_is("", NULL, "empty list");
	list_is("   ", NULL, "empty list");
	list_is(",read", NULL, "empty item in list");
	list_is("read,", NULL, "empty item in list");
	list_is("read,,write", NULL, "empty item in list");
	list_is("read, ,write", NULL, "empty item in list");
	list_is("!", NULL, "empty item in list");
	list_is("read,!,write", NULL, "empty item in list");
	list_is("read,! ,write", NULL, "empty item in list");
	list_is("read write", NULL,
		"space inside list item 'read write' (items are separated by "
		"commas)");
	list_is("read,write # the rest", NULL,
		"space inside list item 'write # the rest' (items are "
		"separated by commas; an inline comment needs ' ;')");
	list_is("read\x01", NULL, "invalid character 0x01 in list item");
	list_is("r\xc3\xa9\x61\x64", NULL,
		"invalid character 0xc3 in list item");

	memset(item, 'a', JR_LIST_MAX_ITEM);
	item[JR_LIST_MAX_ITEM] = '\0';
	{
		struct collect one = { .out = "", .n = 0, .fail_at = 0 };

		is_int(jr_list_foreach(item, collect_fn, &one, WHERE, &err),
		       0, "an item of %d characters is accepted",
		       JR_LIST_MAX_ITEM);
	}
	item[JR_LIST_MAX_ITEM] = 'a';
	item[JR_LIST_MAX_ITEM + 1] = '\0';
	list_is(item, NULL, "list item longer than 1024 characters");

	repeat(big, sizeof(big), "1", JR_LIST_MAX_ITEMS, ",");
	{
		struct collect many = { .out = "", .n = 0, .fail_at = 0 };
		int r = jr_list_foreach(big, collect_fn, &many, WHERE, &err);

		ok(r == 0 && many.n == JR_LIST_MAX_ITEMS,
		   "%d items are accepted", JR_LIST_MAX_ITEMS);
	}
	repeat(big, sizeof(big), "1", JR_LIST_MAX_ITEMS + 1, ",");
	list_is(big, NULL, "more than 1024 items in list");
	repeat(big, sizeof(big), "abcdefg", JR_VALUE_MAX / 8 + 1, ",");
	list_is(big, NULL, "value longer than 8192 characters");

	/* the callback's error stops the walk and comes back as is */
	memset(&err, 0, sizeof(err));
	is_int(jr_list_foreach("a,b,c", collect_fn, &c, WHERE, &err), -1,
	       "a callback error stops the list");
	is_str(err.msg, WHERE ": stop at 'b'", "the callback's message");
	ok(c.n == 2 && strcmp(c.out, "a") == 0, "no item after the error");
}

/* ---- seccomp.keep, seccomp.drop, seccomp ------------------------------- */

static void test_syscall_lists(void)
{
	int before;

	reset();
	good("seccomp.drop", "mkdir, rmdir");
	is_str(dropped("mkdir"), WHERE, "drop mkdir: origin is the line");
	ok(dropped("rmdir") && !dropped("chdir"), "drop rmdir, not chdir");
	ok(!pol->keep_mode, "a drop is not an allow-list");
	good("seccomp.drop", "!mkdir");
	ok(!dropped("mkdir") && dropped("rmdir"), "!mkdir takes mkdir out");
	good("seccomp.drop", "0");
	ok(dropped("read") != NULL, "a number: 0 is read");
	good("seccomp.drop", "!0");
	ok(!dropped("read"), "!0 takes it out again");
	good("seccomp.drop", "1023");
	ok(pol->drop.origin[1023] != NULL, "1023 is the highest number");
	bad("seccomp.drop", "1024",
	    "syscall number '1024' out of range (0-1023)");
	bad("seccomp.drop", "99999999999999999999",
	    "syscall number '99999999999999999999' out of range (0-1023)");
	bad("seccomp.drop", "12abc",
	    "syscall number '12abc' is not a decimal number");
	bad("seccomp.drop", "0x3b",
	    "syscall number '0x3b' is not a decimal number");
	bad("seccomp.drop", "1024",
	    "syscall number '1024' out of range (0-1023)");

	/* groups, and taking a group or one member out */
	reset();
	good("seccomp.drop", "@mount");
	ok(dropped("mount") && dropped("umount2") && dropped("chroot") &&
		   dropped("pivot_root"),
	   "@mount drops mount, umount2, chroot, pivot_root");
	good("seccomp.drop", "!chroot");
	ok(!dropped("chroot") && dropped("mount"),
	   "!chroot takes one member out");
	good("seccomp.drop", "!@mount");
	is_int(count(&pol->drop), 0, "!@mount takes the whole group out");
	good("seccomp.drop", "@default-deny");
	ok(dropped("mount") && dropped("reboot") && dropped("bpf") &&
		   dropped("kexec_load") && dropped("swapon"),
	   "@default-deny holds its nested groups");
	ok(!pol->seccomp, "@default-deny by hand is not `seccomp = yes`");

	/* unknown names */
	reset();
	bad("seccomp.drop", "mkdri",
	    "unknown syscall 'mkdri' (did you mean 'mkdir'?)");
	bad("seccomp.drop", "read,wirte",
	    "unknown syscall 'wirte' (did you mean 'write'?)");
	bad("seccomp.keep", "!opneat",
	    "unknown syscall 'opneat' (did you mean 'openat'?)");
	bad("seccomp.drop", "xyzzyplughfrobnicate",
	    "unknown syscall 'xyzzyplughfrobnicate'");
	bad("seccomp.drop", "@mout",
	    "unknown syscall group '@mout' (did you mean '@mount'?)");
	bad("seccomp.keep", "@xyzzyplughfrobnicate",
	    "unknown syscall group '@xyzzyplughfrobnicate'");
	bad("seccomp.drop", "@", "unknown syscall group '@'");

	/* real elsewhere, absent here: skipped without a word */
	reset();
	ok(seccomp_syscall_resolve_name_arch(seccomp_arch_native(),
					     "riscv_flush_icache") < 0 &&
		   seccomp_syscall_resolve_name_arch(
			   seccomp_arch_native(), "riscv_flush_icache") !=
			   __NR_SCMP_ERROR,
	   "riscv_flush_icache is a pseudo syscall on this arch");
	good("seccomp.drop", "riscv_flush_icache,arm_fadvise64_64");
	good("seccomp.keep", "riscv_flush_icache,!arm_fadvise64_64");
	is_int(count(&pol->drop) + count(&pol->keep), 0,
	       "absent names add nothing");
	good("seccomp.drop", "open");
	ok(dropped("open") != NULL, "open is native here and is dropped");

	/* keep */
	reset();
	good("seccomp.keep", "read,write,@mount,!chroot");
	ok(pol->keep_mode, "seccomp.keep makes an allow-list");
	ok(kept("read") && kept("write") && kept("mount") && !kept("chroot"),
	   "keep read, write, @mount but chroot");
	is_str(kept("read"), WHERE, "keep: origin is the line");
	is_int(count(&pol->drop), 0, "keep touches no drop");
	before = count(&pol->keep);
	bad("seccomp.keep", "fork,mkdri",
	    "unknown syscall 'mkdri' (did you mean 'mkdir'?)");
	is_int(count(&pol->keep), before + 1,
	       "items before the bad one were applied (the run stops anyway)");
}

static void test_seccomp_bool(void)
{
	int n;

	reset();
	good("seccomp", "yes");
	n = count(&pol->drop);
	ok(pol->seccomp && n > 20, "seccomp = yes drops @default-deny (%d)", n);
	ok(dropped("mount") && dropped("reboot"), "mount and reboot dropped");
	is_str(dropped("reboot"), WHERE, "origin of the default rule");
	good("seccomp", "no");
	ok(!pol->seccomp, "seccomp = no");
	is_int(count(&pol->drop), 0, "seccomp = no takes back all it added");

	/* only what it added: drops before and after it stay */
	reset();
	good("seccomp.drop", "mount,mkdir");
	good("seccomp", "yes");
	good("seccomp.drop", "reboot");
	good("seccomp", "no");
	ok(dropped("mount") && dropped("mkdir") && dropped("reboot"),
	   "seccomp = no keeps explicit drops, given before or after");
	is_int(count(&pol->drop), 3, "and only those");
	good("seccomp", "yes");
	good("seccomp.drop", "!bpf");
	good("seccomp", "no");
	is_int(count(&pol->drop), 3, "a removed default member stays removed");

	reset();
	good("seccomp", "TRUE");
	ok(pol->seccomp, "TRUE is yes");
	good("seccomp", "0");
	ok(!pol->seccomp, "0 is no");
	good("seccomp", "on");
	good("seccomp", "Off");
	ok(!pol->seccomp, "on, Off");
	bad("seccomp", "maybe", "expected yes or no, not 'maybe'");
	bad("seccomp", "", "expected yes or no, not ''");
	bad("seccomp", "yes # on", "expected yes or no, not 'yes # on'");
}

static void test_action(void)
{
	reset();
	is_int(pol->action, JR_ACT_ERRNO, "default action errno");
	is_int(pol->action_errno, EPERM, "default errno EPERM");
	good("seccomp.action", "kill");
	is_int(pol->action, JR_ACT_KILL, "kill");
	is_str(pol->action_origin, WHERE, "the action's origin");
	good("seccomp.action", "log");
	is_int(pol->action, JR_ACT_LOG, "log");
	good("seccomp.action", "errno:EACCES");
	ok(pol->action == JR_ACT_ERRNO && pol->action_errno == EACCES,
	   "errno:EACCES");
	good("seccomp.action", "errno");
	is_int(pol->action_errno, EPERM, "errno alone is EPERM again");
	good("seccomp.action", "errno:13");
	is_int(pol->action_errno, 13, "errno:13");
	good("seccomp.action", "errno:ENOSYS");
	is_int(pol->action_errno, ENOSYS, "errno:ENOSYS");
	good("seccomp.action", "errno:4095");
	is_int(pol->action_errno, 4095, "errno:4095 is the highest");
	bad("seccomp.action", "errno:EFOO",
	    "unknown errno 'EFOO' (e.g. EPERM, EACCES, ENOSYS)");
	bad("seccomp.action", "errno:eacces",
	    "unknown errno 'eacces' (e.g. EPERM, EACCES, ENOSYS)");
	bad("seccomp.action", "errno:",
	    "unknown errno '' (e.g. EPERM, EACCES, ENOSYS)");
	bad("seccomp.action", "errno:0",
	    "unknown errno '0' (e.g. EPERM, EACCES, ENOSYS)");
	bad("seccomp.action", "errno:4096",
	    "unknown errno '4096' (e.g. EPERM, EACCES, ENOSYS)");
	bad("seccomp.action", "errno:13x",
	    "unknown errno '13x' (e.g. EPERM, EACCES, ENOSYS)");
	bad("seccomp.action", "trap",
	    "seccomp.action: expected errno, errno:ENAME, kill or log, not "
	    "'trap'");
	bad("seccomp.action", "KILL",
	    "seccomp.action: expected errno, errno:ENAME, kill or log, not "
	    "'KILL'");
	bad("seccomp.action", "errno=EPERM",
	    "seccomp.action: expected errno, errno:ENAME, kill or log, not "
	    "'errno=EPERM'");
	is_int(pol->action_errno, 4095, "a bad value leaves the errno");
}

static void test_protocol(void)
{
	reset();
	ok(!pol->protocol_set, "no protocol rule by default");
	good("protocol", "unix,inet");
	ok(pol->protocol_set &&
		   pol->protocols == ((1ULL << AF_UNIX) | (1ULL << AF_INET)),
	   "unix,inet");
	is_str(pol->protocol_origin, WHERE, "the protocol's origin");
	good("protocol", "inet6,!inet");
	ok(pol->protocols == ((1ULL << AF_UNIX) | (1ULL << AF_INET6)),
	   "a second line adds inet6 and takes inet out");
	good("protocol", "netlink,packet,bluetooth");
	is_int(__builtin_popcountll(pol->protocols), 5, "all the others");
	bad("protocol", "inte",
	    "unknown protocol 'inte' (did you mean 'inet'?)");
	bad("protocol", "Unix",
	    "unknown protocol 'Unix' (did you mean 'unix'?)");
	bad("protocol", "ax25",
	    "unknown protocol 'ax25' (known: unix, inet, inet6, netlink, "
	    "packet, bluetooth)");
	bad("protocol", "unix,", "empty item in list");
}

static void test_caps(void)
{
	int admin = CAP_NET_ADMIN;
	int ptrace = CAP_SYS_PTRACE;

	reset();
	good("caps.drop", "net_admin,CAP_SYS_PTRACE");
	ok(pol->caps_drop == ((1ULL << admin) | (1ULL << ptrace)),
	   "caps.drop: with and without cap_, any case");
	ok(!pol->caps_drop_all, "a list is not all");
	good("caps.drop", "!Cap_Net_Admin");
	ok(pol->caps_drop == 1ULL << ptrace, "!NAME takes one out");
	good("caps.drop", "all");
	ok(pol->caps_drop_all, "caps.drop = all");
	bad("caps.drop", "net_admn",
	    "unknown capability 'net_admn' (e.g. net_admin, sys_ptrace, all)");
	bad("caps.drop", "cap_",
	    "unknown capability 'cap_' (e.g. net_admin, sys_ptrace, all)");
	bad("caps.drop", "12",
	    "unknown capability '12' (e.g. net_admin, sys_ptrace, all)");

	reset();
	ok(!pol->caps_keep_set, "no caps.keep by default");
	good("caps.keep", "cap_net_bind_service");
	ok(pol->caps_keep_set &&
		   pol->caps_keep == 1ULL << CAP_NET_BIND_SERVICE,
	   "caps.keep = cap_net_bind_service");
	bad("caps.keep", "net_bind",
	    "unknown capability 'net_bind' (e.g. net_admin, sys_ptrace)");
	bad("caps.drop", "net_bind",
	    "unknown capability 'net_bind' (e.g. net_admin, sys_ptrace, all)");
	bad("caps.keep", "all",
	    "caps.keep: 'all' is not a capability: name the ones to keep "
	    "(every other is dropped)");
	bad("caps.drop", "net_admin,!all", "caps.drop: '!all' has no meaning");
	bad("caps.keep", "", "empty list");
}

static void test_namespaces_net_shell(void)
{
	reset();
	is_int(pol->namespaces, JR_NS_DEFAULT, "default namespaces");
	good("namespaces", "!ipc,!cgroup");
	is_int(pol->namespaces, JR_NS_DEFAULT & ~(JR_NS_IPC | JR_NS_CGROUP),
	       "!ipc,!cgroup leave them out");
	good("namespaces", "ipc,net");
	is_int(pol->namespaces, (JR_NS_DEFAULT & ~JR_NS_CGROUP) | JR_NS_NET,
	       "ipc,net add them");
	good("namespaces", "!user,!mount,!pid,!ipc,!uts,!net");
	is_int(pol->namespaces, 0, "every namespace can be left out");
	bad("namespaces", "network",
	    "unknown namespace 'network' (known: user, mount, pid, ipc, uts, "
	    "cgroup, net)");
	bad("namespaces", "+net",
	    "unknown namespace '+net' (known: user, mount, pid, ipc, uts, "
	    "cgroup, net)");

	reset();
	ok(!pol->net_none, "no net = none by default");
	good("net", "none");
	ok(pol->net_none && (pol->namespaces & JR_NS_NET),
	   "net = none adds the net namespace");
	bad("net", "host",
	    "net: 'none' (a new network namespace with loopback only) or "
	    "'user' (one connected through pasta or slirp4netns), not 'host'");
	bad("net", "",
	    "net: 'none' (a new network namespace with loopback only) or "
	    "'user' (one connected through pasta or slirp4netns), not ''");
	reset();
	good("net", "user");
	ok(pol->net_user && !pol->net_none && (pol->namespaces & JR_NS_NET),
	   "net = user adds the net namespace");
	good("net.allow", "127.0.0.1:80,example.org:1000-2000,[::1]:53");
	good("net.deny", "10.0.0.0/8,fd00::/8");
	is_int((int)pol->nnet_rules, 5, "net.allow + net.deny: 5 rules");
	ok(!pol->net_rules[0].deny && pol->net_rules[3].deny,
	   "net.allow allows, net.deny denies");
	bad("net.allow", "!a.example",
	    "'!a.example': net.allow and net.deny take no '!'");
	bad("net.deny", "a;b",
	    "'a;b': expected HOST[:PORT[-PORT]] (HOST a name, an "
	    "address[/prefix], [IPv6]:PORT, or *)");
	good("net.forward", "8080:80,8443:443");
	is_int((int)pol->nnet_fwd, 2, "net.forward: two ports");
	bad("net.forward", "8080",
	    "'8080': expected HOSTPORT:PORT (each 1-65535)");
	good("dns", "192.0.2.1,2001:db8::1");
	is_int((int)pol->ndns, 2, "dns: two servers");
	bad("dns", "example.org",
	    "dns: 'example.org' is not an IPv4 or IPv6 address");
	bad("dns", "192.0.2.2,192.0.2.3",
	    "dns: at most 3 servers (what the resolver reads)");
	good("netfilter", "/etc/jailrun/x.nft");
	bad("netfilter", "x.nft",
	    "netfilter: 'x.nft' is not an absolute path (or ~/...)");
	good("shell", "none");
	bad("shell", "bash",
	    "shell: jailrun runs the target directly, without a shell; only "
	    "'none' is accepted, not 'bash'");
	bad("shell", "/bin/sh",
	    "shell: jailrun runs the target directly, without a shell; only "
	    "'none' is accepted, not '/bin/sh'");
}

static void test_private(void)
{
	const struct jr_privlist *etc;

	reset();
	etc = &pol->priv[JR_PRIV_ETC]; /* after reset: pol is new */
	ok(!etc->set && !pol->machine_id && !pol->nbinds,
	   "no private-etc, machine-id or bind by default");
	good("private-etc", "hosts,fonts");
	good("private-etc", "ssl,hosts");
	ok(etc->set && etc->n == 3 && strcmp(etc->names[0], "hosts") == 0 &&
		   strcmp(etc->names[1], "fonts") == 0 &&
		   strcmp(etc->names[2], "ssl") == 0,
	   "private-etc: the lists add up, each name once");
	good("private-etc", "!fonts");
	ok(etc->n == 2 && strcmp(etc->names[1], "ssl") == 0,
	   "private-etc: !NAME takes an entry out");
	bad("private-etc", "a/b",
	    "private-etc: 'a/b' is not a name (1 to 255 characters, no '/', "
	    "not . or ..)");
	bad("private-bin", "..",
	    "private-bin: '..' is not a name (1 to 255 characters, no '/', "
	    "not . or ..)");
	good("private-bin", "ls,sh");
	ok(pol->priv[JR_PRIV_BIN].n == 2, "private-bin: two programs");
	good("private-opt", "x");
	good("private-srv", "y");
	ok(pol->priv[JR_PRIV_OPT].set && pol->priv[JR_PRIV_SRV].set,
	   "private-opt and private-srv are set");
	bad("private-lib", "libc.so.6",
	    "private-lib: not supported: the libraries a program loads with "
	    "dlopen (NSS, gconv, plugins) cannot be known in advance");
	good("machine-id", "yes");
	ok(pol->machine_id, "machine-id = yes");
	good("bind", "/a,/b");
	ok(pol->nbinds == 1 && strcmp(pol->binds[0].src, "/a") == 0 &&
		   strcmp(pol->binds[0].dst, "/b") == 0,
	   "bind: SRC and DST");
	bad("bind", "/a", "bind: expected SRC,DST, two absolute paths, not '/a'");
	bad("bind", "a,/b",
	    "bind: expected SRC,DST, two absolute paths, not 'a,/b'");
	bad("bind", "/a,/b,/c",
	    "bind: expected SRC,DST, two absolute paths, not '/a,/b,/c'");
}

/* ---- the command line -------------------------------------------------- */

static struct jr_cli cli;

/* Parse the NULL-terminated ARGV (argv[0] added). */
static int parse(char **args)
{
	static char *argv[32] = { "jailrun" }; /* cli.program points here */
	int argc = 1;

	while (*args && argc < 31)
		argv[argc++] = *args++;
	argv[argc] = NULL;
	memset(&err, 0, sizeof(err));
	memset(&cli, 0, sizeof(cli));
	return jr_cli_parse(argc, argv, &cli, &err);
}

#define ARGS(...) ((char *[]){ __VA_ARGS__, NULL })

static void cli_bad(char **args, const char *msg)
{
	int r = parse(args);

	is_str(r == -1 ? err.msg : "(accepted)", msg, "command line: %s",
	       safe(msg));
}

static void test_cli_parse(void)
{
	char *argv[JR_CLI_MAX + 3];
	int r;

	r = parse(ARGS("--debug", "--seccomp.drop=mkdir", "--profile", "x",
		       "prog", "-a", "--debug"));
	ok(r == 0 && cli.n == 3, "three options");
	ok(cli.items[0].key == jr_key_find("debug") && !cli.items[0].value,
	   "--debug: a flag");
	ok(cli.items[1].key == jr_key_find("seccomp.drop") &&
		   jr_streq(cli.items[1].value, "mkdir"),
	   "--seccomp.drop=mkdir");
	ok(cli.items[2].key == jr_key_find("profile") &&
		   jr_streq(cli.items[2].value, "x"),
	   "--profile x: the value as the next argument");
	ok(cli.program && jr_streq(cli.program[0], "prog") &&
		   jr_streq(cli.program[1], "-a") &&
		   jr_streq(cli.program[2], "--debug") && !cli.program[3],
	   "options stop at the program; its arguments are its own");

	r = parse(ARGS("--", "--debug", "x"));
	ok(r == 0 && cli.n == 0 && cli.program &&
		   jr_streq(cli.program[0], "--debug"),
	   "-- ends the options");
	r = parse(ARGS("--noprofile", "--"));
	ok(r == 0 && cli.n == 1 && !cli.program, "-- and no program");
	r = parse(ARGS("--noprofile"));
	ok(r == 0 && !cli.program, "no program: program is NULL");
	r = parse(ARGS("prog", "--", "x"));
	ok(r == 0 && cli.n == 0 && jr_streq(cli.program[1], "--"),
	   "a -- after the program is the program's");
	r = parse(ARGS("--seccomp", "prog"));
	ok(r == 0 && cli.n == 1 && !cli.items[0].value &&
		   jr_streq(cli.program[0], "prog"),
	   "bare --seccomp takes no value from the next argument");
	r = parse(ARGS("--seccomp=no", "prog"));
	ok(r == 0 && jr_streq(cli.items[0].value, "no"), "--seccomp=no");
	r = parse(ARGS("-h"));
	ok(r == 0 && cli.n == 1 && cli.items[0].key == jr_key_find("help"),
	   "-h is --help");
	r = parse(ARGS("--seccomp.keep=", "prog"));
	ok(r == 0 && jr_streq(cli.items[0].value, ""),
	   "an empty value is passed on (and refused by the key)");

	cli_bad(ARGS("--seccomp.kep=read", "prog"),
		"unknown option '--seccomp.kep' (did you mean '--seccomp.keep'?)");
	cli_bad(ARGS("--protocl", "unix", "prog"),
		"unknown option '--protocl' (did you mean '--protocol'?)");
	cli_bad(ARGS("--xyzzyplughfrobnicate", "prog"),
		"unknown option '--xyzzyplughfrobnicate'");
	cli_bad(ARGS("--noprofile=x", "prog"),
		"option '--noprofile' takes no value");
	cli_bad(ARGS("--debug=yes", "prog"), "option '--debug' takes no value");
	cli_bad(ARGS("--profile"), "option '--profile' needs a value");
	cli_bad(ARGS("--noprofile", "--seccomp.drop"),
		"option '--seccomp.drop' needs a value");
	cli_bad(ARGS("-x", "prog"), "unknown option '-x'");
	cli_bad(ARGS("-hx", "prog"), "unknown option '-x'");
	cli_bad(ARGS("-xh", "prog"), "unknown option '-x'");
	/* abbreviations: a key is a key, on the command line too */
	cli_bad(ARGS("--seccomp.kee=read", "prog"),
		"unknown option '--seccomp.kee' (did you mean '--seccomp.keep'?)");
	cli_bad(ARGS("--nopro", "prog"),
		"unknown option '--nopro' (did you mean '--noprofile'?)");
	cli_bad(ARGS("--prof", "x", "prog"),
		"unknown option '--prof' (did you mean '--profile'?)");

	/* too many options */
	argv[0] = "jailrun";
	for (int i = 1; i <= JR_CLI_MAX + 1; i++)
		argv[i] = "--debug";
	argv[JR_CLI_MAX + 2] = NULL;
	memset(&err, 0, sizeof(err));
	r = jr_cli_parse(JR_CLI_MAX + 2, argv, &cli, &err);
	is_str(r == -1 ? err.msg : "(accepted)", "more than 256 options",
	       "more than JR_CLI_MAX options");
	r = jr_cli_parse(JR_CLI_MAX + 1, argv, &cli, &err);
	ok(r == 0 && cli.n == JR_CLI_MAX, "JR_CLI_MAX options are fine");
}

static void test_cli_apply(void)
{
	reset();
	parse(ARGS("--seccomp.drop=mkdir", "--debug", "--seccomp", "prog"));
	is_int(jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_CLI, &err), 0, "CLI pass");
	ok(cmd.verbosity == 2 && count(&pol->drop) == 0 && !pol->seccomp,
	   "the CLI pass applies only command-line settings");
	is_int(jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_BOTH, &err), 0, "BOTH pass");
	is_str(dropped("mkdir"), "--seccomp.drop",
	       "the BOTH pass applies keys; origin names the option");
	ok(pol->seccomp && dropped("mount"), "bare --seccomp means yes");
	is_str(dropped("reboot"), "--seccomp", "origin of a --seccomp rule");

	reset();
	parse(ARGS("--seccomp.drop=mkdir,rmdir", "--seccomp.drop=!mkdir", "x"));
	jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_BOTH, &err);
	ok(!dropped("mkdir") && dropped("rmdir"), "options apply in order");

	reset();
	parse(ARGS("--seccomp.drop=mkdri", "prog"));
	is_int(jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_CLI, &err), 0,
	       "a bad key value is not seen in the CLI pass");
	jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_BOTH, &err);
	is_str(err.msg,
	       "--seccomp.drop: unknown syscall 'mkdri' (did you mean 'mkdir'?)",
	       "a bad value names the option");

	reset();
	parse(ARGS("--debug", "--include=x", "prog"));
	is_int(jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_CLI, &err), -1,
	       "--include is refused");
	is_str(err.msg,
	       "--include: 'include' is a profile directive; on the command "
	       "line use --profile",
	       "--include: the message");
	parse(ARGS("--ignore=seccomp", "prog"));
	jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_CLI, &err);
	is_str(err.msg,
	       "--ignore: 'ignore' is a profile directive; on the command line "
	       "use --profile",
	       "--ignore is refused");

	reset();
	parse(ARGS("--profile=", "prog"));
	jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_CLI, &err);
	is_str(err.msg, "--profile: empty profile name", "--profile=");
	parse(ARGS("--shell=bash", "prog"));
	jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_BOTH, &err);
	is_str(err.msg,
	       "--shell: shell: jailrun runs the target directly, without a "
	       "shell; only 'none' is accepted, not 'bash'",
	       "--shell=bash");
}

/* The digest --join trusts: every key that bounds the sandbox changes
 * it (one sample value each; a new key without a sample fails here, so
 * it cannot be forgotten), a key that only changes what is said does
 * not, and the same settings always give the same digest. */
static const struct {
	const char *key, *value;
} digest_samples[] = {
	{ "bind", "/tmp/a,/tmp/b" },
	{ "blacklist", "/tmp/x" }, { "caps.drop", "all" },
	{ "caps.keep", "net_raw" }, { "chdir", "/tmp" },
	{ "dbus.system", "none" }, { "dbus.user", "none" },
	{ "dbus.user.own", "org.example.A" },
	{ "dbus.user.talk", "org.example.A" }, { "die-with-parent", "yes" },
	{ "disable-mnt", "yes" },
	{ "dns", "192.0.2.1" },
	{ "env.clear", "yes" }, { "env.set", "A=b" }, { "env.unset", "A" },
	{ "hostname", "h" }, { "landlock.exec", "/usr" },
	{ "landlock.net.bind", "80" }, { "landlock.net.connect", "80" },
	{ "landlock.read", "/usr" }, { "landlock.require", "yes" },
	{ "landlock.scope", "signal" }, { "landlock.write", "/tmp" },
	{ "machine-id", "yes" },
	{ "memory-deny-write-execute", "yes" }, { "mkdir", "/tmp/x" },
	{ "mkfile", "/tmp/x" }, { "noexec", "/tmp" }, { "nowhitelist", "~/x" },
	{ "namespaces", "!ipc" }, { "net", "none" }, { "new-session", "yes" },
	{ "no3d", "yes" }, { "nodvd", "yes" }, { "nogroups", "yes" },
	{ "noinput", "yes" }, { "noroot", "yes" }, { "notv", "yes" },
	{ "nou2f", "yes" }, { "novideo", "yes" },
	{ "private", "yes" }, { "private-bin", "ls" },
	{ "private-cache", "yes" }, { "private-dev", "yes" },
	{ "private-etc", "hosts" }, { "private-opt", "x" },
	{ "private-srv", "x" }, { "private-tmp", "yes" },
	{ "net.allow", "192.0.2.1:80" }, { "net.deny", "192.0.2.2" },
	{ "net.forward", "8080:80" }, { "netfilter", "/x.nft" },
	{ "private-dev", "yes" }, { "private-tmp", "yes" },
	{ "protocol", "unix" }, { "read-only", "/usr" },
	{ "read-write", "/tmp" },
	{ "restrict-namespaces", "yes" }, { "rlimit.as", "1000000000" },
	{ "rlimit.cpu", "10" }, { "rlimit.fsize", "1000000" },
	{ "rlimit.nofile", "64" }, { "rlimit.nproc", "10" },
	{ "seccomp", "yes" }, { "seccomp.action", "kill" },
	{ "seccomp.drop", "mkdir" }, { "seccomp.keep", "@default" },
	{ "shell", "none" }, { "sound", "no" }, { "static", "refuse" },
	{ "timeout", "10" }, { "tmpfs", "/tmp/x" }, { "wayland", "no" },
	{ "whitelist", "~/x" }, { "whitelist-ro", "~/x" },
	{ "writable-run-user", "yes" }, { "writable-var", "yes" },
	{ "x11", "no" },
};

static const char *digest_sample(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(digest_samples); i++)
		if (strcmp(digest_samples[i].key, key) == 0)
			return digest_samples[i].value;
	return NULL;
}

static uint64_t digest_of(const char *key, const char *value,
			  const char *key2, const char *value2)
{
	struct jr_policy *p = jr_policy_new();
	struct jr_err e = { { 0 } };
	uint64_t d;

	if (key && jr_key_set(p, jr_key_find(key), value, "t:1", &e) < 0)
		diag("%s = %s: %s", key, value, e.msg);
	if (key2 && jr_key_set(p, jr_key_find(key2), value2, "t:2", &e) < 0)
		diag("%s = %s: %s", key2, value2, e.msg);
	d = jr_policy_digest(p);
	jr_policy_free(p);
	return d;
}

static void test_digest(void)
{
	uint64_t none = digest_of(NULL, NULL, NULL, NULL);

	for (size_t i = 0; i < jr_nkeys; i++) {
		const struct jr_key *k = &jr_keys[i];
		const char *v = digest_sample(k->name);

		if (!jr_key_bounds(k))
			continue;
		if (!ok(v != NULL, "digest: %s has a sample value", k->name))
			continue;
		ok(digest_of(k->name, v, NULL, NULL) != none,
		   "digest: %s = %s changes it", k->name, v);
	}
	ok(!jr_key_bounds(jr_key_find("report")) &&
		   digest_of("report", "yes", NULL, NULL) == none,
	   "digest: report (what is said) leaves it alone");
	ok(!jr_key_bounds(jr_key_find("debug")) &&
		   !jr_key_bounds(jr_key_find("join")),
	   "digest: command-line-only settings are not in it");
	ok(digest_of("seccomp.drop", "mkdir", "caps.drop", "all") ==
		   digest_of("seccomp.drop", "mkdir", "caps.drop", "all"),
	   "digest: the same settings, the same digest");
	ok(digest_of("seccomp.drop", "mkdir", NULL, NULL) !=
		   digest_of("seccomp.drop", "mkdir,rmdir", NULL, NULL),
	   "digest: another value, another digest");
	ok(digest_of("hostname", "ab", NULL, NULL) !=
		   digest_of("hostname", "a", "hostname", "b"),
	   "digest: values are delimited");
}

/* ---- issue 24: values the format does not define, conflicts ----------- */

static void test_issue24(void)
{
	struct jr_cli c = { .n = 0 };
	char *argv[] = { (char *)"prog", NULL };

	reset();
	good("landlock.net.bind", "80,1000-1002");
	ok(pol->ll_bind[80 / 64] & (1ULL << (80 % 64)), "port 80 is in");
	bad("landlock.net.bind", "0-",
	    "'0-': expected a TCP port (0-65535) or a range FIRST-LAST");
	bad("landlock.net.bind", "1-+5",
	    "'1-+5': expected a TCP port (0-65535) or a range FIRST-LAST");
	bad("landlock.net.connect", "-5",
	    "'-5': expected a TCP port (0-65535) or a range FIRST-LAST");

	reset();
	good("caps.drop", "all,net_admin");
	ok(pol->caps_drop_all, "caps.drop = all,net_admin drops all");
	reset();
	good("caps.drop", "net_admin, All");
	ok(pol->caps_drop_all, "caps.drop = net_admin,All: anywhere, any case");
	reset();
	good("caps.keep", "net_raw");
	is_str(pol->caps_keep_origin, WHERE, "caps.keep keeps its origin");
	good("chdir", "/srv");
	is_str(pol->chdir_origin, WHERE, "chdir keeps its origin");
	good("rlimit.nofile", "64");
	is_str(pol->rlimit[JR_RLIM_NOFILE].origin, WHERE,
	       "rlimit.nofile keeps its origin");

	/* every message is escaped for the terminal */
	bad("shell", "\x1b[2J\xc3(\\", "shell: jailrun runs the target "
	    "directly, without a shell; only 'none' is accepted, not "
	    "'\\x1b[2J\\xc3(\\\\'");

	/* conflicting options */
	reset();
	cmd.noprofile = true;
	cmd.profile = "x";
	jr_cli_check(pol, &cmd, &c, &err);
	is_str(err.msg, "--noprofile and --profile=x: choose one",
	       "--noprofile with --profile");
	reset();
	pol->learn_append = true;
	is_int(jr_cli_check(pol, &cmd, &c, &err), -1, "--learn-append alone");
	pol->learn = "f";
	is_int(jr_cli_check(pol, &cmd, &c, &err), 0, "--learn-append with --learn");
	reset();
	cmd.list = true;
	cmd.shutdown = "x";
	jr_cli_check(pol, &cmd, &c, &err);
	is_str(err.msg, "--list and --shutdown=x: one at a time",
	       "--list with --shutdown");
	cmd.shutdown = NULL;
	c.program = argv;
	jr_cli_check(pol, &cmd, &c, &err);
	is_str(err.msg, "--list runs no program: 'prog' would be ignored",
	       "--list with a program");
	c.program = NULL;
	is_int(jr_cli_check(pol, &cmd, &c, &err), 0, "--list alone");
}

/* ---- the start needs (preflight.c): a sorted table, each in @start -- */

static int find_member(void *ctx, const char *name, const char *where,
		       struct jr_err *e)
{
	(void)where;
	(void)e;
	return strcmp(name, (const char *)ctx) == 0;
}

static void test_start_needs(void)
{
	char buf[256];

	for (size_t i = 0; i < jr_nstart_needs; i++) {
		const struct jr_start_need *n = &jr_start_needs[i];

		ok(i == 0 || strcmp(jr_start_needs[i - 1].name, n->name) < 0,
		   "start needs: %s in order", n->name);
		ok(n->why && *n->why, "start needs: %s says why", n->name);
		ok(jr_group_expand("@start", find_member, (void *)n->name,
				   "t", &err) == 1,
		   "start needs: %s is in @start", n->name);
	}
	reset();
	good("seccomp.keep", "@start");
	is_int((int)jr_start_missing(pol, false, buf, sizeof(buf)), 0,
	       "keep = @start: nothing missing");
	reset();
	good("seccomp.keep", "@mount,read,write,execve");
	jr_start_missing(pol, false, buf, sizeof(buf));
	is_str(buf, "arch_prctl, brk, close, exit_group, mmap, mprotect, "
	       "newfstatat, openat, pread64",
	       "keep = @mount,read,write,execve: what a dynamic one lacks");
	jr_start_missing(pol, true, buf, sizeof(buf));
	is_str(buf, "arch_prctl, brk, exit_group, mmap",
	       "... and a static one");
	reset();
	good("seccomp.keep", "@start,!newfstatat");
	is_int((int)jr_start_missing(pol, false, buf, sizeof(buf)), 0,
	       "fstat stands in for newfstatat (an older libc)");
	reset();
	good("seccomp.drop", "mmap");
	jr_start_missing(pol, false, buf, sizeof(buf));
	is_str(buf, "mmap (seccomp.drop at " WHERE ")",
	       "a dropped one names its origin");
	good("seccomp.action", "log");
	is_int((int)jr_start_missing(pol, false, buf, sizeof(buf)), 0,
	       "seccomp.action = log: nothing is denied");
}

int main(void)
{
	test_table();
	test_digest();
	test_key_set_rules();
	test_list();
	test_syscall_lists();
	test_seccomp_bool();
	test_action();
	test_protocol();
	test_caps();
	test_namespaces_net_shell();
	test_private();
	test_cli_parse();
	test_cli_apply();
	test_issue24();
	test_start_needs();
	jr_policy_free(pol);
	return tap_done();
}
