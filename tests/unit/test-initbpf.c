/* test-initbpf.c - the fixed programs generated at build time
 * (tools/jr-initbpf, initbpf-gen.h) are the ones libseccomp compiles
 * here at run time, instruction for instruction; and they do what they
 * must: the init's allows wait4 and kills on anything else (execve,
 * open); the keyrings' refuses the three keyring calls on x86_64, x32
 * and i386 with EPERM and allows everything else. */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/syscall.h>

#include <seccomp.h>

#include "bpfsim.h"
#include "filter.h"
#include "initbpf-gen.h"
#include "tap.h"

/* GEN (N instructions, generated at build time) is what COMPILE makes
 * with libseccomp here at run time */
static void same_as_run_time(const char *name,
			     int (*compile)(struct jr_bpf *, struct jr_err *),
			     const struct sock_filter *gen, size_t n)
{
	struct jr_bpf prog = { NULL, 0 };
	struct jr_err err = { { 0 } };

	/* where seccomp(2) cannot be probed (under valgrind, which does
	 * not run it), libseccomp refuses SCMP_ACT_KILL_PROCESS: the plain
	 * run of this test makes the comparison */
	if (seccomp_api_get() < 3) {
		skip("libseccomp's API level here is below 3 (seccomp(2) "
		     "not probed: valgrind?): no run-time program to "
		     "compare");
		skip("... the same length");
		skip("... the same instructions");
		return;
	}
	ok(compile(&prog, &err) == 0, "libseccomp compiles the %s program: %s",
	   name, err.msg);
	is_int((int)prog.len, (int)n, "the same length as the generated one");
	ok(prog.len == n && memcmp(prog.insns, gen, n * sizeof(*gen)) == 0,
	   "the same instructions");
	for (size_t i = 0; i < n && i < prog.len; i++)
		if (memcmp(&prog.insns[i], &gen[i], sizeof(*gen)))
			tap_diag("insn %zu: generated {0x%x,%u,%u,0x%x}, run "
				 "time {0x%x,%u,%u,0x%x}",
				 i, gen[i].code, gen[i].jt, gen[i].jf, gen[i].k,
				 prog.insns[i].code, prog.insns[i].jt,
				 prog.insns[i].jf, prog.insns[i].k);
	jr_bpf_free(&prog);
}

struct call {
	uint32_t arch;
	int nr;
	uint32_t want;
	const char *name;
};

static void decides(const char *prog, const struct sock_filter *insns,
		    size_t n, const struct call *c, size_t nc)
{
	struct seccomp_data d;

	for (size_t i = 0; i < nc; i++) {
		uint32_t r;

		jr_bpf_data(&d, c[i].arch, c[i].nr, NULL);
		r = jr_bpf_run(insns, n, &d);
		is_int((int)(c[i].want == SECCOMP_RET_ALLOW ||
				     c[i].want == SECCOMP_RET_KILL_PROCESS ?
			     r & SECCOMP_RET_ACTION_FULL :
			     r),
		       (int)c[i].want, "the generated %s program: %s %s", prog,
		       c[i].name,
		       c[i].want == SECCOMP_RET_ALLOW ? "allowed" :
		       c[i].want == SECCOMP_RET_KILL_PROCESS ? "kills" :
							     "refused, EPERM");
	}
}

#define X32 0x40000000

int main(void)
{
	static const struct call init[] = {
		{ AUDIT_ARCH_X86_64, SYS_wait4, SECCOMP_RET_ALLOW, "wait4" },
		{ AUDIT_ARCH_X86_64, SYS_read, SECCOMP_RET_ALLOW, "read" },
		{ AUDIT_ARCH_X86_64, SYS_execve, SECCOMP_RET_KILL_PROCESS,
		  "execve" },
		{ AUDIT_ARCH_X86_64, SYS_openat, SECCOMP_RET_KILL_PROCESS,
		  "openat" },
	};
	/* i386: add_key 286, request_key 287, keyctl 288, getpid 20 */
	static const struct call keyring[] = {
		{ AUDIT_ARCH_X86_64, SYS_add_key, SECCOMP_RET_ERRNO | EPERM,
		  "add_key" },
		{ AUDIT_ARCH_X86_64, SYS_keyctl, SECCOMP_RET_ERRNO | EPERM,
		  "keyctl" },
		{ AUDIT_ARCH_X86_64, SYS_request_key, SECCOMP_RET_ERRNO | EPERM,
		  "request_key" },
		{ AUDIT_ARCH_X86_64, X32 | SYS_keyctl,
		  SECCOMP_RET_ERRNO | EPERM, "x32 keyctl" },
		{ AUDIT_ARCH_X86_64, X32 | SYS_add_key,
		  SECCOMP_RET_ERRNO | EPERM, "x32 add_key" },
		{ AUDIT_ARCH_I386, 286, SECCOMP_RET_ERRNO | EPERM,
		  "i386 add_key" },
		{ AUDIT_ARCH_I386, 287, SECCOMP_RET_ERRNO | EPERM,
		  "i386 request_key" },
		{ AUDIT_ARCH_I386, 288, SECCOMP_RET_ERRNO | EPERM,
		  "i386 keyctl" },
		{ AUDIT_ARCH_X86_64, SYS_getpid, SECCOMP_RET_ALLOW, "getpid" },
		{ AUDIT_ARCH_X86_64, SYS_openat, SECCOMP_RET_ALLOW, "openat" },
		{ AUDIT_ARCH_X86_64, X32 | SYS_getpid, SECCOMP_RET_ALLOW,
		  "x32 getpid" },
		{ AUDIT_ARCH_I386, 20, SECCOMP_RET_ALLOW, "i386 getpid" },
	};
	size_t ni = sizeof(jr_init_bpf) / sizeof(jr_init_bpf[0]);
	size_t nk = sizeof(jr_keyring_bpf) / sizeof(jr_keyring_bpf[0]);

	same_as_run_time("init's", jr_filter_compile_init, jr_init_bpf, ni);
	decides("init's", jr_init_bpf, ni, init,
		sizeof(init) / sizeof(init[0]));
	same_as_run_time("keyrings'", jr_filter_compile_keyring,
			 jr_keyring_bpf, nk);
	decides("keyrings'", jr_keyring_bpf, nk, keyring,
		sizeof(keyring) / sizeof(keyring[0]));
	return tap_done();
}
