/* test-filter.c - policies compiled to BPF and run through the
 * interpreter (src/bpfsim.c) over synthetic seccomp_data: one row per
 * behaviour, as libseccomp's own tests do with scmp_bpf_sim. */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <string.h>
#include <sys/socket.h>

#include "bpfsim.h"
#include "filter.h"
#include "options.h"
#include "syscalls.h"
#include "tap.h"

#define X32_BIT 0x40000000

struct setting {
	const char *key, *value;
};

struct row {
	const char *what;
	struct setting set[4];
	uint32_t arch;
	const char *call; /* native name, or NULL to use nr */
	int nr;
	uint64_t a0;
	uint32_t want;
};

static const uint32_t x86_64 = AUDIT_ARCH_X86_64;
static const uint32_t i386 = AUDIT_ARCH_I386;
#define ERRNO(e) (SECCOMP_RET_ERRNO | (e))
#define ALLOW SECCOMP_RET_ALLOW
#define KILLP SECCOMP_RET_KILL_PROCESS

static const struct row rows[] = {
	/* deny-list */
	{ "drop: mkdir denied EPERM", { { "seccomp.drop", "mkdir" } }, x86_64,
	  "mkdir", 0, 0, ERRNO(EPERM) },
	{ "drop: others allowed", { { "seccomp.drop", "mkdir" } }, x86_64,
	  "mkdirat", 0, 0, ALLOW },
	{ "drop with !: taken out again",
	  { { "seccomp.drop", "mkdir,rmdir,!mkdir" } }, x86_64, "mkdir", 0, 0,
	  ALLOW },
	{ "drop by number", { { "seccomp.drop", "83" } }, x86_64, "mkdir", 0,
	  0, ERRNO(EPERM) },
	{ "drop: action errno:EACCES",
	  { { "seccomp.drop", "mkdir" }, { "seccomp.action", "errno:EACCES" } },
	  x86_64, "mkdir", 0, 0, ERRNO(EACCES) },
	{ "drop: action kill",
	  { { "seccomp.drop", "mkdir" }, { "seccomp.action", "kill" } },
	  x86_64, "mkdir", 0, 0, KILLP },
	{ "drop: action log",
	  { { "seccomp.drop", "mkdir" }, { "seccomp.action", "log" } },
	  x86_64, "mkdir", 0, 0, SECCOMP_RET_LOG },
	{ "drop: probed clone3 gets ENOSYS", { { "seccomp.drop", "clone3" } },
	  x86_64, "clone3", 0, 0, ERRNO(ENOSYS) },
	{ "drop: probed clone3 gets ENOSYS even with kill",
	  { { "seccomp.drop", "clone3" }, { "seccomp.action", "kill" } },
	  x86_64, "clone3", 0, 0, ERRNO(ENOSYS) },
	/* seccomp = yes */
	{ "seccomp: ptrace denied", { { "seccomp", "yes" } }, x86_64, "ptrace",
	  0, 0, ERRNO(EPERM) },
	{ "seccomp: io_uring_setup ENOSYS", { { "seccomp", "yes" } }, x86_64,
	  "io_uring_setup", 0, 0, ERRNO(ENOSYS) },
	{ "seccomp: read allowed", { { "seccomp", "yes" } }, x86_64, "read", 0,
	  0, ALLOW },
	{ "seccomp with !ptrace", { { "seccomp", "yes" },
				     { "seccomp.drop", "!ptrace" } },
	  x86_64, "ptrace", 0, 0, ALLOW },
	{ "seccomp = no takes it back", { { "seccomp", "yes" },
					   { "seccomp", "no" },
					   { "seccomp.drop", "mkdir" } },
	  x86_64, "ptrace", 0, 0, ALLOW },
	/* allow-list */
	{ "keep: kept allowed", { { "seccomp.keep", "read,write,execve" } },
	  x86_64, "write", 0, 0, ALLOW },
	{ "keep: others denied", { { "seccomp.keep", "read,write,execve" } },
	  x86_64, "mkdir", 0, 0, ERRNO(EPERM) },
	{ "keep: unknown numbers denied",
	  { { "seccomp.keep", "read,write,execve" } }, x86_64, NULL, 1000, 0,
	  ERRNO(EPERM) },
	{ "keep: drop beats keep",
	  { { "seccomp.keep", "read,write,execve" },
	    { "seccomp.drop", "write" } },
	  x86_64, "write", 0, 0, ERRNO(EPERM) },
	{ "keep: default-deny beats keep",
	  { { "seccomp.keep", "ptrace,execve" }, { "seccomp", "yes" } },
	  x86_64, "ptrace", 0, 0, ERRNO(EPERM) },
	{ "keep: not kept probe gets ENOSYS",
	  { { "seccomp.keep", "read,execve" }, { "seccomp.action", "kill" } },
	  x86_64, "faccessat2", 0, 0, ERRNO(ENOSYS) },
	{ "keep: action kill", { { "seccomp.keep", "read,execve" },
				 { "seccomp.action", "kill" } },
	  x86_64, "write", 0, 0, KILLP },
	{ "keep: @group then !member",
	  { { "seccomp.keep", "@mount,!mount,execve" } }, x86_64, "mount", 0,
	  0, ERRNO(EPERM) },
	{ "keep: @group member kept",
	  { { "seccomp.keep", "@mount,!mount,execve" } }, x86_64, "umount2",
	  0, 0, ALLOW },
	/* protocol */
	{ "protocol: unix allowed", { { "protocol", "unix" } }, x86_64,
	  "socket", 0, AF_UNIX, ALLOW },
	{ "protocol: inet refused", { { "protocol", "unix" } }, x86_64,
	  "socket", 0, AF_INET, ERRNO(EAFNOSUPPORT) },
	{ "protocol: packet refused", { { "protocol", "unix,inet" } }, x86_64,
	  "socket", 0, AF_PACKET, ERRNO(EAFNOSUPPORT) },
	{ "protocol: high bits on a refused family",
	  { { "protocol", "unix" } }, x86_64, "socket", 0,
	  (1ULL << 32) | AF_PACKET, ERRNO(EAFNOSUPPORT) },
	{ "protocol: high bits on an allowed family (fail closed)",
	  { { "protocol", "unix" } }, x86_64, "socket", 0,
	  (1ULL << 32) | AF_UNIX, ERRNO(EAFNOSUPPORT) },
	{ "protocol: family beyond AF_MAX", { { "protocol", "unix" } }, x86_64,
	  "socket", 0, 200, ERRNO(EAFNOSUPPORT) },
	{ "protocol: socketpair too", { { "protocol", "inet" } }, x86_64,
	  "socketpair", 0, AF_UNIX, ERRNO(EAFNOSUPPORT) },
	{ "protocol: !inet6 taken out", { { "protocol", "inet,inet6,!inet6" } },
	  x86_64, "socket", 0, AF_INET6, ERRNO(EAFNOSUPPORT) },
	{ "protocol in keep mode: allowed family",
	  { { "seccomp.keep", "socket,execve" }, { "protocol", "inet" } },
	  x86_64, "socket", 0, AF_INET, ALLOW },
	{ "protocol in keep mode: refused family",
	  { { "seccomp.keep", "socket,execve" }, { "protocol", "inet" } },
	  x86_64, "socket", 0, AF_NETLINK, ERRNO(EAFNOSUPPORT) },
	{ "protocol in keep mode: socket not kept",
	  { { "seccomp.keep", "read,execve" }, { "protocol", "inet" } },
	  x86_64, "socket", 0, AF_INET, ERRNO(EPERM) },
	{ "protocol: dropped socket stays dropped",
	  { { "seccomp.drop", "socket" }, { "protocol", "inet" } }, x86_64,
	  "socket", 0, AF_INET, ERRNO(EPERM) },
	/* other ABIs: killed whatever the rules say */
	{ "i386 mkdir killed", { { "seccomp.drop", "mkdir" } }, i386, NULL, 39,
	  0, KILLP },
	{ "i386 getpid killed", { { "seccomp.drop", "mkdir" } }, i386, NULL, 20,
	  0, KILLP },
	{ "i386 socketcall killed", { { "protocol", "unix" } }, i386, NULL, 102,
	  0, KILLP },
	{ "x32 getpid killed", { { "seccomp.drop", "mkdir" } }, x86_64, NULL,
	  39 | X32_BIT, 0, KILLP },
	{ "x32 mkdir killed (allow-list)",
	  { { "seccomp.keep", "mkdir,execve" } }, x86_64, NULL, 83 | X32_BIT, 0,
	  KILLP },
	{ "x32 socket killed", { { "protocol", "unix" } }, x86_64, NULL,
	  41 | X32_BIT, AF_PACKET, KILLP },
};

static const struct jr_filter_opts notify_opts = { .notify = true };

static int compile(const struct row *r, struct jr_bpf *prog,
		   struct jr_policy **polp)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_err err = { { 0 } };

	*polp = pol;
	for (size_t i = 0; i < 4 && r->set[i].key; i++) {
		const struct jr_key *k = jr_key_find(r->set[i].key);

		if (!k || jr_key_set(pol, k, r->set[i].value, "test", &err) < 0) {
			diag("%s: %s", r->set[i].key, err.msg);
			return -1;
		}
	}
	if (jr_filter_compile(pol, &notify_opts, prog, &err) < 0) {
		diag("compile: %s", err.msg);
		return -1;
	}
	return 0;
}

static void run_row(const struct row *r)
{
	struct jr_bpf prog = { 0 };
	struct jr_policy *pol = NULL;
	struct seccomp_data d;
	uint64_t args[6] = { r->a0 };
	int nr = r->nr;

	if (r->call)
		nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64,
						       r->call);
	if (compile(r, &prog, &pol) < 0) {
		ok(0, "%s (compiles)", r->what);
	} else {
		jr_bpf_data(&d, r->arch, nr, args);
		is_int(jr_bpf_run(prog.insns, prog.len, &d), r->want, "%s",
		       r->what);
	}
	jr_bpf_free(&prog);
	jr_policy_free(pol);
}

static void test_empty_and_init(void)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_bpf prog = { 0 };
	struct jr_err err = { { 0 } };
	struct seccomp_data d;

	ok(jr_filter_compile(pol, &notify_opts, &prog, &err) == 0 &&
		   prog.len > 0,
	   "no seccomp setting: the floor filter");
	{
		/* i386 ioctl is 54, x32's is 514 | X32_BIT; TIOCSTI 0x5412 */
		static uint64_t sti[6] = { 0, 0x5412 }, other[6] = { 0, 0x5401 };
		static const struct {
			const char *what;
			uint32_t arch;
			int nr;
			uint64_t *args;
			uint32_t want;
		} floor_rows[] = {
			{ "x86_64 TIOCSTI", AUDIT_ARCH_X86_64, 16, sti, ERRNO(EPERM) },
			{ "x86_64 TCGETS", AUDIT_ARCH_X86_64, 16, other, ALLOW },
			{ "x86_64 mkdir", AUDIT_ARCH_X86_64, 83, NULL, ALLOW },
			{ "i386 TIOCSTI", AUDIT_ARCH_I386, 54, sti, ERRNO(EPERM) },
			{ "i386 TCGETS", AUDIT_ARCH_I386, 54, other, ALLOW },
			{ "i386 mkdir", AUDIT_ARCH_I386, 39, NULL, ALLOW },
			{ "x32 TIOCSTI", AUDIT_ARCH_X86_64, 514 | X32_BIT, sti,
			  ERRNO(EPERM) },
			{ "x32 mkdir", AUDIT_ARCH_X86_64, 83 | X32_BIT, NULL, ALLOW },
		};

		for (size_t i = 0; prog.len && i < ARRAY_SIZE(floor_rows); i++) {
			jr_bpf_data(&d, floor_rows[i].arch, floor_rows[i].nr,
				    floor_rows[i].args);
			is_int((int)jr_bpf_run(prog.insns, prog.len, &d),
			       (int)floor_rows[i].want, "floor: %s",
			       floor_rows[i].what);
		}
	}
	jr_bpf_free(&prog);
	jr_policy_free(pol);

	ok(jr_filter_compile_init(&prog, &err) == 0 && prog.len > 0,
	   "init filter compiles");
	jr_bpf_data(&d, x86_64, seccomp_syscall_resolve_name("wait4"), NULL);
	is_int(jr_bpf_run(prog.insns, prog.len, &d), ALLOW,
	       "init filter: wait4 allowed");
	jr_bpf_data(&d, x86_64, seccomp_syscall_resolve_name("execve"), NULL);
	is_int(jr_bpf_run(prog.insns, prog.len, &d), KILLP,
	       "init filter: execve kills");
	jr_bpf_data(&d, x86_64, seccomp_syscall_resolve_name("ptrace"), NULL);
	is_int(jr_bpf_run(prog.insns, prog.len, &d), KILLP,
	       "init filter: ptrace kills");
	jr_bpf_data(&d, i386, 1, NULL);
	is_int(jr_bpf_run(prog.insns, prog.len, &d), KILLP,
	       "init filter: i386 exit kills");
	jr_bpf_free(&prog);
}

static uint32_t verdict(const struct jr_bpf *prog, const char *call)
{
	struct seccomp_data d;

	jr_bpf_data(&d, x86_64, seccomp_syscall_resolve_name(call), NULL);
	return jr_bpf_run(prog->insns, prog->len, &d);
}

/* execve/execveat are the launch itself: denied only after the start.
 * The main program sends them to the supervisor (or allows them when no
 * listener can exist); the postexec program denies them. */
static void test_delayed(void)
{
	static const struct {
		const char *key, *value;
	} sets[] = {
		{ "seccomp.drop", "execve,execveat" },
		{ "seccomp.keep", "read,write,exit_group" },
	};
	const struct jr_filter_opts plain = { .notify = false, .shim = true };

	for (size_t i = 0; i < ARRAY_SIZE(sets); i++) {
		struct jr_policy *pol = jr_policy_new();
		struct jr_bpf main_n = { 0 }, main_p = { 0 }, post = { 0 };
		struct jr_err err = { { 0 } };
		const char *what = sets[i].key;

		jr_key_set(pol, jr_key_find(sets[i].key), sets[i].value, "p:1",
			   &err);
		ok(jr_filter_has_delayed(pol), "%s: execve is delayed", what);
		ok(jr_filter_compile(pol, &notify_opts, &main_n, &err) == 0,
		   "%s: main program with a listener compiles", what);
		is_int(verdict(&main_n, "execve"), SECCOMP_RET_USER_NOTIF,
		       "%s: main: execve goes to the supervisor", what);
		is_int(verdict(&main_n, "execveat"), SECCOMP_RET_USER_NOTIF,
		       "%s: main: execveat goes to the supervisor", what);
		ok(jr_filter_compile(pol, &plain, &main_p, &err) == 0,
		   "%s: main program without a listener compiles", what);
		is_int(verdict(&main_p, "execve"), ALLOW,
		       "%s: no listener: main allows execve (the shim denies)",
		       what);
		is_int(verdict(&main_p, "seccomp"), ALLOW,
		       "%s: with a shim, main leaves seccomp() to load it", what);
		{
			const struct jr_filter_opts both = { .notify = true,
							     .shim = true };
			struct jr_bpf m = { 0 };

			jr_filter_compile(pol, &both, &m, &err);
			is_int(verdict(&m, "seccomp"), ALLOW,
			       "%s: with shim and listener, seccomp() is "
			       "allowed, not notified",
			       what);
			jr_bpf_free(&m);
		}
		ok(jr_filter_compile_postexec(pol, true, &post, &err) == 0,
		   "%s: postexec program compiles", what);
		is_int(verdict(&post, "execve"), ERRNO(EPERM),
		       "%s: postexec: execve denied", what);
		is_int(verdict(&post, "execveat"), ERRNO(EPERM),
		       "%s: postexec: execveat denied", what);
		is_int(verdict(&post, "read"), ALLOW,
		       "%s: postexec: everything else is the main program's",
		       what);
		is_int(verdict(&post, "seccomp"),
		       i == 1 ? ERRNO(EPERM) : ALLOW,
		       "%s: postexec: seccomp() denied once the shim is in, "
		       "unless allowed",
		       what);
		jr_bpf_free(&main_n);
		jr_bpf_free(&main_p);
		jr_bpf_free(&post);
		jr_policy_free(pol);
	}
}

static void test_nothing_delayed(void)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_bpf post = { 0 };
	struct jr_err err = { { 0 } };

	jr_key_set(pol, jr_key_find("seccomp.drop"), "mkdir", "p:1", &err);
	ok(!jr_filter_has_delayed(pol), "seccomp.drop=mkdir: nothing delayed");
	ok(jr_filter_compile_postexec(pol, true, &post, &err) == 0 &&
		   post.len == 0,
	   "nothing delayed: no postexec program");
	jr_key_set(pol, jr_key_find("seccomp.drop"), "execve", "p:2", &err);
	jr_key_set(pol, jr_key_find("seccomp.action"), "log", "p:3", &err);
	ok(!jr_filter_has_delayed(pol),
	   "permissive mode (log) delays nothing: it allows everything");
	jr_policy_free(pol);
}

/* Terminal injection: every filter jailrun builds refuses TIOCSTI and
 * TIOCLINUX, high bits or not, whatever it was built for (a delayed exec
 * drop alone once left ioctl open); permissive modes refuse them too.
 * A policy without rules gets the floor, so there is always a program. */
static void test_tty(void)
{
	static const struct {
		const char *what;
		struct setting set[3];
		bool learn, report;
	} pols[] = {
		{ "no setting", { { NULL, NULL } }, false, false },
		{ "seccomp = no", { { "seccomp", "no" } }, false, false },
		{ "seccomp = yes", { { "seccomp", "yes" } }, false, false },
		{ "only a delayed drop",
		  { { "seccomp.drop", "execve,execveat" } }, false, false },
		{ "a delayed drop, reported",
		  { { "seccomp.drop", "execve,execveat" } }, false, true },
		{ "drop=mkdir", { { "seccomp.drop", "mkdir" } }, false, false },
		{ "protocol only", { { "protocol", "unix" } }, false, false },
		{ "restrict-namespaces only",
		  { { "restrict-namespaces", "yes" } }, false, false },
		{ "allow-list keeping ioctl",
		  { { "seccomp.keep", "@stdio,@tty,execve" } }, false, false },
		{ "action log", { { "seccomp.drop", "mkdir" },
				  { "seccomp.action", "log" } }, false, false },
		{ "action log, reported",
		  { { "seccomp.drop", "mkdir" }, { "seccomp.action", "log" } },
		  false, true },
		{ "allow-list, action log",
		  { { "seccomp.keep", "@stdio,@tty,execve" },
		    { "seccomp.action", "log" } }, false, false },
		{ "action kill", { { "seccomp.drop", "mkdir" },
				   { "seccomp.action", "kill" } }, false, false },
		{ "learning", { { NULL, NULL } }, true, false },
	};
	static const uint64_t cmds[] = {
		0x5412, 0x5412 | 1ULL << 32, 0x5412 | 0xffffffff00000000ULL,
		0x541C, 0x541C | 0xffffffff00000000ULL,
	};
	int ioctl_nr = seccomp_syscall_resolve_name("ioctl");

	for (size_t i = 0; i < ARRAY_SIZE(pols); i++) {
		struct jr_policy *pol = jr_policy_new();
		struct jr_filter_opts o = { .notify = true,
					    .learn = pols[i].learn,
					    .report = pols[i].report };
		struct jr_bpf prog = { 0 };
		struct jr_err err = { { 0 } };
		bool refused = true, other = true;
		struct seccomp_data d;

		for (size_t k = 0; k < 3 && pols[i].set[k].key; k++)
			jr_key_set(pol, jr_key_find(pols[i].set[k].key),
				   pols[i].set[k].value, "t:1", &err);
		if (pols[i].learn)
			pol->learn = "learned.profile";
		if (jr_filter_compile(pol, &o, &prog, &err) < 0) {
			ok(0, "tty: %s: compiles (%s)", pols[i].what, err.msg);
			jr_policy_free(pol);
			continue;
		}
		ok(prog.len > 0, "tty: %s: there is a program (the floor at "
		   "least)", pols[i].what);
		for (size_t k = 0; prog.len && k < ARRAY_SIZE(cmds); k++) {
			uint64_t args[6] = { 0, cmds[k] };
			uint32_t v;

			jr_bpf_data(&d, x86_64, ioctl_nr, args);
			v = jr_bpf_run(prog.insns, prog.len, &d);
			/* the supervisor refuses what it is sent, except
			 * in the permissive modes, where it is never sent */
			if ((v & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ALLOW ||
			    v == SECCOMP_RET_LOG ||
			    (v == SECCOMP_RET_USER_NOTIF &&
			     (pols[i].learn || pol->action == JR_ACT_LOG)))
				refused = false;
		}
		if (prog.len) {
			uint64_t args[6] = { 0, 0x5401 /* TCGETS */ };
			uint32_t v;

			jr_bpf_data(&d, x86_64, ioctl_nr, args);
			v = jr_bpf_run(prog.insns, prog.len, &d);
			other = v == ALLOW || v == SECCOMP_RET_LOG ||
				v == SECCOMP_RET_USER_NOTIF;
			ok(refused, "tty: %s: TIOCSTI, TIOCLINUX refused, high "
				    "bits or not", pols[i].what);
			ok(other, "tty: %s: TCGETS not refused", pols[i].what);
		}
		jr_bpf_free(&prog);
		jr_policy_free(pol);
	}
}

/* Numbers newer than libseccomp's table: ENOSYS under any deny-list
 * (a kernel upgrade must not widen the sandbox), the default action under
 * an allow-list; x32 and i386 still killed.  MAX is jr_syscall_max(). */
static void test_unknown(void)
{
	enum { POLICY = -1 }; /* want: what the policy says of MAX */
	static const struct {
		const char *what;
		struct setting set[2];
	} pols[] = {
		{ "seccomp = yes", { { "seccomp", "yes" } } },
		{ "only a delayed drop", { { "seccomp.drop", "execve,execveat" } } },
		{ "protocol only", { { "protocol", "unix" } } },
		{ "drop, action kill", { { "seccomp.drop", "mkdir" },
					 { "seccomp.action", "kill" } } },
		{ "drop, action log", { { "seccomp.drop", "mkdir" },
					{ "seccomp.action", "log" } } },
		{ "drop of the highest number", { { "seccomp.drop", "" } } },
		{ "allow-list", { { "seccomp.keep", "read,write,execve" } } },
		{ "allow-list, kill", { { "seccomp.keep", "read,write,execve" },
					{ "seccomp.action", "kill" } } },
	};
	int max = jr_syscall_max();
	char maxs[16];

	snprintf(maxs, sizeof(maxs), "%d", max);
	for (size_t i = 0; i < ARRAY_SIZE(pols); i++) {
		struct jr_policy *pol = jr_policy_new();
		struct jr_bpf prog = { 0 };
		struct jr_err err = { { 0 } };
		const char *w = pols[i].what;
		uint32_t deny, unknown;
		const struct {
			const char *what;
			uint32_t arch;
			uint32_t nr;
			int64_t want; /* POLICY, or the answer */
		} *c, cases[] = {
			{ "the highest known number", x86_64, (uint32_t)max,
			  POLICY },
			{ "the next one", x86_64, (uint32_t)max + 1, 1 },
			{ "statmount (457)", x86_64, 457, 1 },
			{ "listmount (458)", x86_64, 458, 1 },
			{ "open_tree_attr (467)", x86_64, 467, 1 },
			{ "the last below x32", x86_64, X32_BIT - 1, 1 },
			{ "x32 getpid", x86_64, X32_BIT | 39, KILLP },
			{ "x32 beyond the table", x86_64, X32_BIT + 1000,
			  KILLP },
			{ "i386 getpid", i386, 20, KILLP },
			{ "i386 above the table", i386, (uint32_t)max + 1,
			  KILLP },
		};

		for (size_t k = 0; k < 2 && pols[i].set[k].key; k++)
			jr_key_set(pol, jr_key_find(pols[i].set[k].key),
				   pols[i].set[k].value[0] ?
					   pols[i].set[k].value :
					   maxs,
				   "t:1", &err);
		if (jr_filter_compile(pol, &notify_opts, &prog, &err) < 0) {
			ok(0, "unknown: %s: compiles (%s)", w, err.msg);
			jr_policy_free(pol);
			continue;
		}
		deny = pol->action == JR_ACT_KILL ? KILLP :
		       pol->action == JR_ACT_LOG  ? SECCOMP_RET_LOG :
						    ERRNO(EPERM);
		unknown = pol->keep_mode ? deny :
			  pol->action == JR_ACT_LOG ? SECCOMP_RET_LOG :
						      ERRNO(ENOSYS);
		for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
			struct seccomp_data d;
			uint32_t want;

			c = &cases[k];
			if (c->arch == x86_64 && c->want == 1 && c->nr <= (uint32_t)max) {
				skip("libseccomp knows it here");
				continue;
			}
			want = c->want == 1 ? unknown :
			       c->want != POLICY ? (uint32_t)c->want :
			       pol->keep_mode || pol->drop.origin[max] ? deny :
									 ALLOW;
			jr_bpf_data(&d, c->arch, (int)c->nr, NULL);
			is_int(jr_bpf_run(prog.insns, prog.len, &d), want,
			       "unknown: %s: %s", w, c->what);
		}
		jr_bpf_free(&prog);
		jr_policy_free(pol);
	}
}

/* protocol, every family and the high-bit values against the policy:
 * allowed exactly when below AF_MAX and in pol->protocols, else
 * EAFNOSUPPORT, whatever rules encode it (in keep mode too). */
static void test_protocol_families(void)
{
	static const char *const sets[] = {
		"unix,inet,inet6,netlink", /* default.profile */
		"unix", "inet", "inet6", "netlink", "packet",
		"inet,inet6", "unix,netlink,packet,bluetooth",
	};
	uint64_t vals[400];
	size_t nv = 0;

	for (uint64_t x = 0; x < 300; x++)
		vals[nv++] = x;
	for (uint64_t a = 0; a < 64; a++)
		vals[nv++] = (1ULL << 32) | a;
	vals[nv++] = 0x7fffffffULL;
	vals[nv++] = 0x80000000ULL;
	vals[nv++] = 0xffffffffULL;
	vals[nv++] = 1ULL << 63;
	vals[nv++] = ~0ULL;
	vals[nv++] = 0xffffffff00000001ULL; /* -1 in the high half, unix */
	vals[nv++] = 0xffffffff0000000aULL; /* ..., inet6 */
	for (int keep = 0; keep < 2; keep++) {
		for (size_t s = 0; s < ARRAY_SIZE(sets); s++) {
			struct row r = { .what = sets[s], .arch = x86_64 };
			const char *const calls[] = { "socket", "socketpair" };
			struct jr_bpf prog = { 0 };
			struct jr_policy *pol = NULL;
			size_t bad = 0;
			uint64_t first = 0;

			r.set[0] = (struct setting){ "protocol", sets[s] };
			if (keep)
				r.set[1] = (struct setting){
					"seccomp.keep", "socket,socketpair,execve"
				};
			if (compile(&r, &prog, &pol) < 0) {
				ok(0, "protocol = %s compiles", sets[s]);
				continue;
			}
			for (size_t c = 0; c < 2; c++)
				for (size_t i = 0; i < nv; i++) {
					uint64_t args[6] = { vals[i] };
					struct seccomp_data d;
					uint32_t want =
						vals[i] < AF_MAX &&
								(pol->protocols &
								 (1ULL << vals[i])) ?
							ALLOW :
							ERRNO(EAFNOSUPPORT);

					jr_bpf_data(&d, x86_64,
						    seccomp_syscall_resolve_name(
							    calls[c]),
						    args);
					if (jr_bpf_run(prog.insns, prog.len,
						       &d) != want && !bad++)
						first = vals[i];
				}
			ok(bad == 0,
			   "protocol = %s%s: socket and socketpair, %zu "
			   "domains each, as the policy says (%zu wrong, "
			   "first %#llx; %zu instructions)",
			   sets[s], keep ? " (keep mode)" : "", nv, bad,
			   (unsigned long long)first, prog.len);
			jr_bpf_free(&prog);
			jr_policy_free(pol);
		}
	}
}

/* jr_filter_keyrings_open: false only where the compiled main program
 * refuses all three keyring calls (then the launcher needs no keyrings'
 * filter); true where one of them gets through. */
static void test_keyrings_open(void)
{
	static const struct {
		const char *key[2], *value[2];
		bool learn, want;
		const char *what;
	} t[] = {
		{ { "seccomp" }, { "yes" }, false, false,
		  "seccomp = yes (@default-deny)" },
		{ { NULL }, { NULL }, false, true, "no rule (the floor)" },
		{ { "seccomp.drop" }, { "mkdir" }, false, true,
		  "a deny-list without them" },
		{ { "seccomp.drop" }, { "keyctl,add_key,request_key" }, false,
		  false, "a deny-list of all three" },
		{ { "seccomp.drop" }, { "keyctl,add_key" }, false, true,
		  "a deny-list of two (request_key open)" },
		{ { "seccomp.keep" }, { "@stdio" }, false, false,
		  "an allow-list without them" },
		{ { "seccomp.keep" }, { "@stdio,keyctl" }, false, true,
		  "an allow-list with keyctl" },
		{ { "seccomp", "seccomp.action" }, { "yes", "log" }, false,
		  true, "permissive mode (denials only logged)" },
		{ { "seccomp" }, { "yes" }, true, true, "learning mode" },
	};
	static const char *const calls[] = { "add_key", "keyctl",
					     "request_key" };

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		struct jr_policy *pol = jr_policy_new();
		struct jr_filter_opts o = { .notify = true, .learn = t[i].learn };
		struct jr_err err = { { 0 } };
		struct jr_bpf prog = { 0 };
		int open = 0;

		for (int k = 0; k < 2 && t[i].key[k]; k++)
			jr_key_set(pol, jr_key_find(t[i].key[k]), t[i].value[k],
				   "p:1", &err);
		ok(jr_filter_keyrings_open(pol, &o) == t[i].want,
		   "keyrings %s: %s", t[i].want ? "open" : "closed", t[i].what);
		if (jr_filter_compile(pol, &o, &prog, &err) < 0) {
			ok(0, "... compiles: %s", err.msg);
		} else {
			for (size_t c = 0; c < ARRAY_SIZE(calls); c++) {
				uint32_t v = verdict(&prog, calls[c]) &
					     SECCOMP_RET_ACTION_FULL;

				open += v == SECCOMP_RET_ALLOW ||
					v == SECCOMP_RET_LOG ||
					v == SECCOMP_RET_USER_NOTIF;
			}
			ok((open > 0) == t[i].want,
			   "... the program agrees (%d of 3 let through or "
			   "sent on)", open);
		}
		jr_bpf_free(&prog);
		/* keyrings_closed: all three refused, EPERM, whatever the
		 * policy (i386 too where the program has that ABI: the
		 * floor; elsewhere the bad-architecture action kills) */
		o.keyrings_closed = true;
		if (jr_filter_compile(pol, &o, &prog, &err) < 0) {
			ok(0, "... closed: compiles: %s", err.msg);
		} else {
			struct seccomp_data d;
			int eperm = 0;

			for (size_t c = 0; c < ARRAY_SIZE(calls); c++)
				eperm += verdict(&prog, calls[c]) ==
					 (SECCOMP_RET_ERRNO | EPERM);
			jr_bpf_data(&d, i386, 288, NULL); /* keyctl */
			eperm += (jr_bpf_run(prog.insns, prog.len, &d) &
				  SECCOMP_RET_ACTION_FULL) ==
					 SECCOMP_RET_ALLOW ?
					 -10 :
					 0;
			is_int(eperm, 3,
			       "... keyrings_closed: all three EPERM (i386 "
			       "keyctl not allowed)");
		}
		jr_bpf_free(&prog);
		jr_policy_free(pol);
	}
}

int main(void)
{
	/* valgrind has no seccomp(): libseccomp would then assume an old
	 * kernel and refuse KILL_PROCESS and NOTIFY.  Filters here are only
	 * exported, never loaded: take the level of a current kernel. */
	if (seccomp_api_get() < 6)
		seccomp_api_set(6);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		run_row(&rows[i]);
	test_empty_and_init();
	test_delayed();
	test_nothing_delayed();
	test_tty();
	test_unknown();
	test_protocol_families();
	test_keyrings_open();
	return tap_done();
}
