/* test-initbpf.c - the init's program generated at build time
 * (tools/jr-initbpf, initbpf-gen.h) is the one libseccomp compiles here
 * at run time, instruction for instruction; and it does what the init
 * needs: wait4 allowed, anything else (execve, open) kills. */
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

int main(void)
{
	struct jr_bpf prog = { NULL, 0 };
	struct jr_err err = { { 0 } };
	size_t n = sizeof(jr_init_bpf) / sizeof(jr_init_bpf[0]);

	/* where seccomp(2) cannot be probed (under valgrind, which does
	 * not run it), libseccomp refuses SCMP_ACT_KILL_PROCESS: the plain
	 * run of this test makes the comparison */
	if (seccomp_api_get() < 3) {
		skip("libseccomp's API level here is below 3 (seccomp(2) "
		     "not probed: valgrind?): no run-time program to compare");
		skip("... the same length");
		skip("... the same instructions");
	} else {
		ok(jr_filter_compile_init(&prog, &err) == 0,
		   "libseccomp compiles the init's program: %s", err.msg);
		is_int((int)prog.len, (int)n,
		       "the same length as the generated one");
		ok(prog.len == n &&
			   memcmp(prog.insns, jr_init_bpf,
				  n * sizeof(*jr_init_bpf)) == 0,
		   "the same instructions");
	}
	for (size_t i = 0; i < n && i < prog.len; i++)
		if (memcmp(&prog.insns[i], &jr_init_bpf[i], sizeof(*jr_init_bpf)))
			tap_diag("insn %zu: generated {0x%x,%u,%u,0x%x}, run time {0x%x,%u,%u,0x%x}",
			     i, jr_init_bpf[i].code, jr_init_bpf[i].jt,
			     jr_init_bpf[i].jf, jr_init_bpf[i].k,
			     prog.insns[i].code, prog.insns[i].jt,
			     prog.insns[i].jf, prog.insns[i].k);
	jr_bpf_free(&prog);
	{
		static const struct { int nr; uint32_t want; const char *name; } c[] = {
			{ SYS_wait4, SECCOMP_RET_ALLOW, "wait4" },
			{ SYS_read, SECCOMP_RET_ALLOW, "read" },
			{ SYS_execve, SECCOMP_RET_KILL_PROCESS, "execve" },
			{ SYS_openat, SECCOMP_RET_KILL_PROCESS, "openat" },
		};
		struct seccomp_data d;

		for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
			jr_bpf_data(&d, AUDIT_ARCH_X86_64, c[i].nr, NULL);
			is_int((int)(jr_bpf_run(jr_init_bpf, n, &d) & SECCOMP_RET_ACTION_FULL),
			       (int)c[i].want, "the generated program: %s %s", c[i].name,
			       c[i].want == SECCOMP_RET_ALLOW ? "allowed" : "kills");
		}
	}
	return tap_done();
}
