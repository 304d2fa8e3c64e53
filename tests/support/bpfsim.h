/* bpfsim.h - run a seccomp classic BPF program without loading it.
 *
 * The unit tests use this to check the filters that libseccomp builds for
 * jailrun (exported with seccomp_export_bpf()) against chosen system calls,
 * without installing them in the kernel.
 *
 * It follows the kernel's classic BPF semantics for seccomp:
 *
 *  - Load-time checks, done over the whole program before it runs, exactly
 *    as the kernel does when the filter is installed: bpf_check_classic()
 *    and check_load_and_stores() in net/core/filter.c, then
 *    seccomp_check_filter() in kernel/seccomp.c.  A program they would
 *    reject yields JR_BPF_INVALID even if the bad instruction is never
 *    reached.  That means: LEN 0 or over BPF_MAXINSNS; an opcode outside
 *    seccomp's allow-list (so BPF_ALU|BPF_MOD, byte/half-word loads,
 *    BPF_IND, BPF_MSH and BPF_RET|BPF_X are all rejected); a BPF_LD|BPF_W|
 *    BPF_ABS offset not 4-byte aligned or outside struct seccomp_data;
 *    DIV by a constant 0; LSH/RSH by a constant >= 32; a scratch index
 *    >= BPF_MEMWORDS (16); a jump whose target is past the end; a last
 *    instruction that is not BPF_RET; and a scratch cell that may be read
 *    on some path before it is written.
 *
 *  - Run-time semantics as in bpf_convert_filter() (net/core/filter.c) and
 *    the interpreter in kernel/bpf/core.c: A and X start at 0; arithmetic
 *    is unsigned 32-bit and wraps; jumps compare unsigned; BPF_LD|BPF_W|
 *    BPF_LEN and BPF_LDX|BPF_W|BPF_LEN load sizeof(struct seccomp_data);
 *    fields are read in host byte order (nr at 0, arch at 4,
 *    instruction_pointer at 8, args[i] at 16 + 8 * i, so on little-endian
 *    the low half of an argument is at the lower offset).
 *
 *  - Shifts by X use the low 5 bits of X (A << (X & 31)), as the kernel's
 *    interpreter does; shifts by a constant >= 32 are rejected at load.
 *
 *  - One deliberate difference: division by an X that is 0 at run time
 *    yields JR_BPF_INVALID.  The kernel instead ends the filter with the
 *    value 0, which is SECCOMP_RET_KILL_THREAD.
 */
#ifndef JAILRUN_BPFSIM_H
#define JAILRUN_BPFSIM_H

#include <stddef.h>
#include <stdint.h>

#include <linux/filter.h>	/* struct sock_filter */
#include <linux/seccomp.h>	/* struct seccomp_data, SECCOMP_RET_* */

/*
 * The result for an invalid program.  Its action bits (0xffff0000) are not
 * a SECCOMP_RET_* action.  A program can still return this value with
 * BPF_RET|BPF_K; the kernel would treat that as SECCOMP_RET_KILL_PROCESS,
 * and libseccomp never emits it.
 */
#define JR_BPF_INVALID	0xffffffffU

/*
 * Run PROG (LEN instructions) over DATA.  Returns the 32-bit value the
 * filter returns (e.g. SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | 1), or
 * JR_BPF_INVALID if the kernel would refuse the program, on a division by
 * zero, or if PROG or DATA is NULL.
 */
uint32_t jr_bpf_run(const struct sock_filter *prog, size_t len,
		    const struct seccomp_data *data);

/* Fill D for system call NR of audit architecture ARCH; ARGS may be NULL. */
void jr_bpf_data(struct seccomp_data *d, uint32_t arch, int nr,
		 const uint64_t args[6]);

#endif /* JAILRUN_BPFSIM_H */
