/* test-firejail.c - the firejail converter (firejail.c): one table row
 * per translation (firejail line -> jailrun line(s) and counts), macros,
 * conditions, the order of noblacklist, keys that convert once jailrun's
 * key table has them, what the result enforces, and garbage and huge
 * input.  Every result without includes is also parsed as a jailrun
 * profile, so a translation that jailrun would refuse fails here. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "firejail.h"
#include "options.h"
#include "profile.h"
#include "tap.h"

static const struct jr_fj_opts opts = {
	.cfg_dir = "/etc/firejail",
	.path = "/usr/local/bin:/usr/bin",
};

static const struct row {
	const char *in;
	const char *want; /* lines the output holds, in order */
	unsigned converted, not_converted;
} rows[] = {
	{ "blacklist ${HOME}/.ssh", "blacklist = ${HOME}/.ssh\n", 1, 0 },
	{ "blacklist-nolog /etc/shadow", "blacklist = /etc/shadow\n", 1, 0 },
	{ "blacklist ${RUNUSER}/gnupg",
	  "blacklist = ${RUNUSER}/gnupg\n", 1, 0 },
	{ "read-only ${DOWNLOADS}", "read-only = ${XDG_DOWNLOAD_DIR}\n", 1, 0 },
	{ "whitelist ${DOCUMENTS}/x", "whitelist = ${XDG_DOCUMENTS_DIR}/x\n", 1,
	  0 },
	{ "mkdir ${HOME}/.cache/x", "mkdir = ${HOME}/.cache/x\n", 1, 0 },
	{ "blacklist ${PATH}/su",
	  "blacklist = /usr/local/bin/su\nblacklist = /usr/bin/su\n", 1, 0 },
	{ "blacklist ${CFG}/x.net", "blacklist = /etc/firejail/x.net\n", 1, 0 },
	{ "blacklist ${HOME}/.mozilla/*/x",
	  "# not converted: blacklist ${HOME}/.mozilla/*/x (a wildcard", 0, 1 },
	{ "blacklist ${HOME}/a b",
	  "# not converted: blacklist ${HOME}/a b "
	  "(a space in a path",
	  0, 1 },
	{ "blacklist ${SOMETHING}/x",
	  "# not converted: blacklist ${SOMETHING}/x (a firejail macro", 0, 1 },
	{ "blacklist relative", "(not an absolute path)", 0, 1 },
	{ "private-tmp", "private-tmp = yes\n", 1, 0 },
	{ "private-dev", "private-dev = yes\n", 1, 0 },
	{ "restrict-namespaces", "restrict-namespaces = yes\n", 1, 0 },
	{ "restrict-namespaces cgroup,ipc", "(jailrun restricts all", 0, 1 },
	{ "memory-deny-write-execute", "memory-deny-write-execute = yes\n", 1,
	  0 },
	{ "nosound", "sound = no\n", 1, 0 },
	{ "x11 none", "x11 = no\n", 1, 0 },
	{ "x11 xorg", "# not converted: x11 xorg (jailrun starts no X", 0, 1 },
	{ "hostname box", "hostname = box\n", 1, 0 },
	{ "dns 192.0.2.53", "dns = 192.0.2.53\n", 1, 0 },
	{ "netfilter", "# not converted: netfilter (firejail's netfilter acts "
		       "only", 0, 1 },
	{ "netfilter /etc/firejail/nolocal.net",
	  "# not converted: netfilter /etc/firejail/nolocal.net (firejail's",
	  0, 1 },
	{ "net eth0", "# not converted: net eth0 (firejail's --net needs its",
	  0, 1 },
	{ "env FOO=bar", "env.set = FOO=bar\n", 1, 0 },
	{ "rmenv FOO", "env.unset = FOO\n", 1, 0 },
	{ "dbus-user none", "dbus.user = none\n", 1, 0 },
	{ "dbus-user filter\ndbus-user.talk org.a.B\ndbus-user.own org.c.*",
	  "dbus.user = filter\ndbus.user.talk = org.a.B\n"
	  "dbus.user.own = org.c.*\n",
	  3, 0 },
	{ "dbus-system none", "dbus.system = none\n", 1, 0 },
	{ "dbus-system filter", "(jailrun has no system bus filter)", 0, 1 },
	{ "dbus-user.see org.a.B", "(jailrun's bus filter has talk", 0, 1 },
	{ "seccomp", "seccomp = yes\n", 1, 0 },
	{ "seccomp !chroot,mount",
	  "seccomp = yes\nseccomp.drop = !chroot,mount\n", 1, 0 },
	{ "seccomp.drop @clock", "seccomp.drop = @clock\n", 1, 0 },
	{ "seccomp.keep @default,read", "seccomp.keep = @default,read\n", 1,
	  0 },
	{ "protocol unix,inet", "protocol = unix,inet\n", 1, 0 },
	{ "caps.drop all", "caps.drop = all\n", 1, 0 },
	{ "caps.keep sys_rawio", "caps.keep = sys_rawio\n", 1, 0 },
	{ "net none", "net = none\n", 1, 0 },
	{ "shell none", "shell = none\n", 1, 0 },
	{ "timeout 01:02:03", "timeout = 3723\n", 1, 0 },
	{ "rlimit-nofile 100", "rlimit.nofile = 100\n", 1, 0 },
	{ "nonewprivs", "# nonewprivs: always on", 1, 0 },
	{ "seccomp.block-secondary", "# seccomp.block-secondary: always on", 1,
	  0 },
	{ "ipc-namespace",
	  "# ipc-namespace, after the includes: any file asking for it "
	  "wins\nnamespaces = ipc\n",
	  1, 0 },
	{ "include x.profile\nipc-namespace",
	  "include = ./x.profile\n\n# ipc-namespace, after the includes: any "
	  "file asking for it wins\nnamespaces = ipc\n",
	  2, 0 },
	{ "net none", "namespaces = !ipc\nnet = none\n", 1, 0 },
	{ "apparmor", "# not converted: apparmor (jailrun loads no AppArmor", 0,
	  1 },
	{ "tracelog", "# not converted: tracelog", 0, 1 },
	{ "frobnicate yes",
	  "# not converted: frobnicate yes (no jailrun "
	  "equivalent)",
	  0, 1 },
	/* include: the converted file beside this one; .local dropped */
	{ "include disable-common.inc", "include = ./disable-common.inc\n", 1,
	  0 },
	{ "include /etc/firejail/firefox-common.profile",
	  "include = ./firefox-common.profile\n", 1, 0 },
	{ "include curl.local",
	  "# include curl.local: jailrun reads NAME.local and globals.local "
	  "itself",
	  1, 0 },
	{ "include ${HOME}/x.inc", "(an include through a macro)", 0, 1 },
	{ "include /usr/x.inc", "(an include outside firejail's", 0, 1 },
	/* ignore: the jailrun key's name */
	{ "ignore nosound", "ignore = sound\n", 1, 0 },
	{ "ignore private-dev", "ignore = private-dev\n", 1, 0 },
	{ "ignore frobnicate", "# ignore frobnicate: jailrun has no such key",
	  1, 0 },
	{ "ignore dbus-user none", "(an ignore of one value", 0, 1 },
	/* conditions as a plain `firejail PROGRAM` decides them */
	{ "?BROWSER_DISABLE_U2F: private-tmp",
	  "# ?BROWSER_DISABLE_U2F: private-tmp -> true", 1, 0 },
	{ "?BROWSER_DISABLE_U2F: private-tmp", "private-tmp = yes\n", 1, 0 },
	{ "?HAS_APPIMAGE: private-tmp",
	  "# ?HAS_APPIMAGE: private-tmp -> false (set by --appimage only)\n", 0,
	  0 },
	{ "?ALLOW_TRAY: dbus-user none", "-> false", 0, 0 },
	{ "?NO_SUCH: private-tmp",
	  "# not converted: ?NO_SUCH: private-tmp "
	  "(an unknown condition)",
	  0, 1 },
	/* noblacklist after everything: jailrun's !PATH takes back what
	 * was read before it */
	{ "noblacklist ${HOME}/.ssh\ninclude disable-common.inc",
	  "include = ./disable-common.inc\n\n# firejail's noblacklist lines", 2,
	  0 },
	{ "noblacklist ${HOME}/.ssh\ninclude disable-common.inc",
	  "blacklist = !${HOME}/.ssh\n", 2, 0 },
	{ "include allow-perl.inc\ninclude disable-interpreters.inc",
	  "include = ./disable-interpreters.inc\n\n# firejail's noblacklist", 2,
	  0 },
	{ "include allow-perl.inc\ninclude disable-interpreters.inc",
	  "after the includes\ninclude = ./allow-perl.inc\n", 2, 0 },
	{ "noblacklist ${PATH}/gpg",
	  "blacklist = !/usr/local/bin/gpg\nblacklist = !/usr/bin/gpg\n", 1,
	  0 },
	/* comments and blanks stay */
	{ "# a comment\n\nprivate-tmp", "# a comment\n\nprivate-tmp = yes\n", 1,
	  0 },
	/* CRLF and surrounding blanks */
	{ "  private-tmp  \r\n", "private-tmp = yes\n", 1, 0 },
};

static char *convert(const char *in, struct jr_fj_counts *c, struct jr_err *err)
{
	char *out = NULL;

	if (jr_firejail_convert("t.profile", in, strlen(in), &opts, &out, c,
				err) < 0)
		return NULL;
	return out;
}

/* OUT holds WANT's lines in order (WANT is one piece of text). */
static bool holds(const char *out, const char *want)
{
	return out && strstr(out, want);
}

/* OUT, without its includes, is a profile jailrun reads. */
static bool parses(const char *out, struct jr_err *err)
{
	struct jr_lookup lk = { .user_dir = NULL,
				.system_path = "/nonexistent" };
	struct jr_policy *pol = jr_policy_new();
	int r;

	r = jr_profile_parse_buffer(pol, &lk, "out.profile", out, strlen(out),
				    NULL, err);
	jr_policy_free(pol);
	return r == 0;
}

/* S on one line, for a test's name */
static const char *flat(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		buf[n++] = *s == '\n' ? '|' : *s == '\r' ? ' ' : *s;
	buf[n] = '\0';
	return buf;
}

static void test_rows(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct row fr = rows[i];
		const struct row *r = &fr;
		char in[256], want[256];

		fr.in = flat(rows[i].in, in, sizeof(in));
		struct jr_err err = { { 0 } };
		struct jr_fj_counts c;
		char *out = convert(rows[i].in, &c, &err);

		flat(rows[i].want, want, sizeof(want));
		if (!holds(out, r->want)) {
			ok(0, "'%s' -> '%s'", r->in, want);
			diag("got: %s", out ? out : err.msg);
			free(out);
			continue;
		}
		ok(1, "'%s' -> '%s'", r->in, want);
		is_int((int)c.converted, (int)r->converted,
		       "'%s': %u converted", r->in, r->converted);
		is_int((int)c.not_converted, (int)r->not_converted,
		       "'%s': %u not converted", r->in, r->not_converted);
		if (!strstr(out, "include = ") && !parses(out, &err))
			ok(0, "'%s': the result parses: %s", r->in, err.msg);
		free(out);
	}
}

/* A key jailrun's table has is converted under its own name; one it
 * lacks stays a comment saying so (so a key another change adds
 * converts as soon as it is in the table). */
static void test_same_name(void)
{
	static const char *const keys[] = { "noroot", "nogroups", "nou2f",
					    "private-cache", "disable-mnt" };

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		struct jr_err err = { { 0 } };
		struct jr_fj_counts c;
		char want[128];
		char *out = convert(keys[i], &c, &err);

		if (jr_key_find(keys[i]))
			snprintf(want, sizeof(want), "\n%s = yes\n", keys[i]);
		else
			snprintf(want, sizeof(want),
				 "# not converted: %s (no such jailrun key in "
				 "this version)",
				 keys[i]);
		ok(holds(out, want), "%s: %s", keys[i],
		   jr_key_find(keys[i]) ? "converted, jailrun has it" :
					  "kept, jailrun lacks it");
		free(out);
	}
}

static void test_enforcing(void)
{
	struct jr_err err = { { 0 } };
	struct jr_fj_counts c;
	char *out;

	out = convert("apparmor\nnonewprivs\n", &c, &err);
	ok(out && jr_firejail_lost_all(&c),
	   "a profile whose only rule is not converted enforces nothing");
	free(out);
	out = convert("apparmor\nprivate-tmp\n", &c, &err);
	ok(out && !jr_firejail_lost_all(&c), "... one converted rule: it does");
	free(out);
	out = convert("noblacklist ${HOME}/.ssh\nquiet\nallusers\n", &c, &err);
	ok(out && !jr_firejail_lost_all(&c),
	   "a file that only loosens lost nothing");
	free(out);
	out = convert("include x.inc\n", &c, &err);
	ok(out && !jr_firejail_lost_all(&c) && c.enforcing_out == 1,
	   "an include is a rule of the result");
	free(out);
}

static void test_long_list(void)
{
	char in[2048];
	struct jr_err err = { { 0 } };
	struct jr_fj_counts c;
	char *out;
	int lines = 0;

	snprintf(in, sizeof(in), "seccomp.drop ");
	for (int i = 0; i < 100; i++)
		snprintf(in + strlen(in), sizeof(in) - strlen(in), "%sread",
			 i ? "," : "");
	out = convert(in, &c, &err);
	lines = 0;
	for (const char *p = out; p && (p = strstr(p, "\nseccomp.drop = "));
	     p++)
		lines++;
	ok(lines > 1, "a list longer than a jailrun line is split (%d lines)",
	   lines);
	ok(out && parses(out, &err), "... and the lines parse: %s", err.msg);
	free(out);
}

static void test_bad_input(void)
{
	struct jr_err err = { { 0 } };
	struct jr_fj_counts c;
	char *big, *out = NULL;

	is_int(jr_firejail_convert("t.profile", "private-tmp\n\0x", 14, &opts,
				   &out, &c, &err),
	       -1, "a NUL byte: refused");
	is_str(err.msg,
	       "t.profile:2: binary data (NUL byte): not a firejail "
	       "profile",
	       "... with its line");
	is_int(jr_firejail_convert("t.profile", "a\x01", 2, &opts, &out, &c,
				   &err),
	       -1, "a control character: refused");
	is_str(err.msg, "t.profile:1: control character 0x01", "... said");
	big = malloc(JR_FJ_SIZE_MAX + 2);
	memset(big, '#', JR_FJ_SIZE_MAX + 1);
	big[JR_FJ_SIZE_MAX + 1] = '\0';
	is_int(jr_firejail_convert("t.profile", big, JR_FJ_SIZE_MAX + 1, &opts,
				   &out, &c, &err),
	       -1, "a file over the limit: refused");
	is_str(err.msg, "t.profile: larger than 256 KiB", "... said");
	is_int(jr_firejail_convert("t.profile", big, JR_FJ_LINE_MAX + 1, &opts,
				   &out, &c, &err),
	       -1, "a line over the limit: refused");
	is_str(err.msg, "t.profile:1: line longer than 4096 characters",
	       "... said");
	/* the longest line allowed: a comment, wrapped into lines jailrun
	 * reads */
	big[JR_FJ_LINE_MAX] = '\0';
	out = NULL;
	is_int(jr_firejail_convert("t.profile", big, JR_FJ_LINE_MAX, &opts,
				   &out, &c, &err),
	       0, "the longest line: converted");
	ok(out && parses(out, &err), "... into lines jailrun reads: %s",
	   err.msg);
	free(out);
	free(big);
	is_int(jr_firejail_convert("t.profile", "", 0, &opts, &out, &c, &err),
	       0, "an empty file: converted");
	free(out);
}

int main(void)
{
	test_rows();
	test_same_name();
	test_enforcing();
	test_long_list();
	test_bad_input();
	return tap_done();
}
