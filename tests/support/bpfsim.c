/* bpfsim.c - classic BPF interpreter for seccomp filters (see bpfsim.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bpfsim.h"

/* Registers and scratch memory of one run. */
struct bpf_vm {
	uint32_t a;
	uint32_t x;
	uint32_t mem[BPF_MEMWORDS];
};

/* Opcodes that seccomp_check_filter() (kernel/seccomp.c) lets through. */
static bool code_allowed(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
		return true;
	}
	return false;
}

static bool is_cond_jump(uint16_t code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) != BPF_JA;
}

static bool uses_scratch(uint16_t code)
{
	return code == (BPF_LD | BPF_MEM) || code == (BPF_LDX | BPF_MEM) ||
	       code == BPF_ST || code == BPF_STX;
}

/* Operand checks of bpf_check_classic() and seccomp_check_filter(). */
static bool operands_ok(const struct sock_filter *f, size_t pc, size_t len)
{
	size_t left = len - pc - 1;	/* instructions after this one */

	if (f->code == (BPF_LD | BPF_W | BPF_ABS))
		return f->k < sizeof(struct seccomp_data) && !(f->k & 3);
	if (f->code == (BPF_ALU | BPF_DIV | BPF_K))
		return f->k != 0;
	if (f->code == (BPF_ALU | BPF_LSH | BPF_K) ||
	    f->code == (BPF_ALU | BPF_RSH | BPF_K))
		return f->k < 32;
	if (uses_scratch(f->code))
		return f->k < BPF_MEMWORDS;
	if (f->code == (BPF_JMP | BPF_JA))
		return f->k < left;
	if (is_cond_jump(f->code))
		return f->jt < left && f->jf < left;
	return true;
}

/*
 * Reject a read of a scratch cell that some path reaches before writing
 * it, with the same one-pass analysis as check_load_and_stores() in
 * net/core/filter.c: jumps only go forward, so when we reach an
 * instruction every jump into it has been seen.  into[pc] holds the cells
 * written on every jump that lands on pc.
 */
static bool scratch_ok(const struct sock_filter *prog, size_t len)
{
	uint16_t into[BPF_MAXINSNS];
	uint16_t valid = 0;
	size_t pc;

	memset(into, 0xff, len * sizeof(into[0]));
	for (pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &prog[pc];

		valid &= into[pc];
		if (f->code == BPF_ST || f->code == BPF_STX) {
			valid |= 1u << f->k;
		} else if (uses_scratch(f->code)) {
			if (!(valid & (1u << f->k)))
				return false;
		} else if (f->code == (BPF_JMP | BPF_JA)) {
			into[pc + 1 + f->k] &= valid;
			valid = 0xffff;
		} else if (is_cond_jump(f->code)) {
			into[pc + 1 + f->jt] &= valid;
			into[pc + 1 + f->jf] &= valid;
			valid = 0xffff;
		}
	}
	return true;
}

/* Would the kernel accept PROG as a seccomp filter? */
static bool prog_ok(const struct sock_filter *prog, size_t len)
{
	size_t pc;

	if (!prog || len == 0 || len > BPF_MAXINSNS)
		return false;
	for (pc = 0; pc < len; pc++) {
		if (!code_allowed(prog[pc].code))
			return false;
		if (!operands_ok(&prog[pc], pc, len))
			return false;
	}
	if (BPF_CLASS(prog[len - 1].code) != BPF_RET)
		return false;
	return scratch_ok(prog, len);
}

static void do_load(struct bpf_vm *vm, const struct sock_filter *f,
		    const struct seccomp_data *d)
{
	uint32_t v = 0;

	switch (BPF_MODE(f->code)) {
	case BPF_ABS:
		memcpy(&v, (const unsigned char *)d + f->k, sizeof(v));
		break;
	case BPF_LEN:
		v = sizeof(*d);
		break;
	case BPF_IMM:
		v = f->k;
		break;
	case BPF_MEM:
		v = vm->mem[f->k];
		break;
	}
	if (BPF_CLASS(f->code) == BPF_LD)
		vm->a = v;
	else
		vm->x = v;
}

/* A op= K or X.  Returns false on division by zero. */
static bool do_alu(struct bpf_vm *vm, const struct sock_filter *f)
{
	uint32_t src = BPF_SRC(f->code) == BPF_X ? vm->x : f->k;

	switch (BPF_OP(f->code)) {
	case BPF_ADD:
		vm->a += src;
		break;
	case BPF_SUB:
		vm->a -= src;
		break;
	case BPF_MUL:
		vm->a *= src;
		break;
	case BPF_DIV:
		if (!src)
			return false;
		vm->a /= src;
		break;
	case BPF_AND:
		vm->a &= src;
		break;
	case BPF_OR:
		vm->a |= src;
		break;
	case BPF_XOR:
		vm->a ^= src;
		break;
	case BPF_LSH:
		vm->a <<= src & 31;
		break;
	case BPF_RSH:
		vm->a >>= src & 31;
		break;
	case BPF_NEG:
		vm->a = 0u - vm->a;
		break;
	default:
		return false;
	}
	return true;
}

/* How many instructions a jump skips. */
static uint32_t jump_skip(const struct bpf_vm *vm, const struct sock_filter *f)
{
	uint32_t src = BPF_SRC(f->code) == BPF_X ? vm->x : f->k;
	bool taken = false;

	switch (BPF_OP(f->code)) {
	case BPF_JA:
		return f->k;
	case BPF_JEQ:
		taken = vm->a == src;
		break;
	case BPF_JGT:
		taken = vm->a > src;
		break;
	case BPF_JGE:
		taken = vm->a >= src;
		break;
	case BPF_JSET:
		taken = (vm->a & src) != 0;
		break;
	}
	return taken ? f->jt : f->jf;
}

/*
 * Execute one non-returning instruction at *PC and move *PC on.  Returns
 * false if the program cannot go on.
 */
static bool step(struct bpf_vm *vm, const struct sock_filter *f, size_t *pc,
		 const struct seccomp_data *d)
{
	switch (BPF_CLASS(f->code)) {
	case BPF_LD:
	case BPF_LDX:
		do_load(vm, f, d);
		break;
	case BPF_ST:
		vm->mem[f->k] = vm->a;
		break;
	case BPF_STX:
		vm->mem[f->k] = vm->x;
		break;
	case BPF_ALU:
		if (!do_alu(vm, f))
			return false;
		break;
	case BPF_JMP:
		*pc += jump_skip(vm, f);
		break;
	case BPF_MISC:
		if (BPF_MISCOP(f->code) == BPF_TAX)
			vm->x = vm->a;
		else
			vm->a = vm->x;
		break;
	default:
		return false;
	}
	(*pc)++;
	return true;
}

uint32_t jr_bpf_run(const struct sock_filter *prog, size_t len,
		    const struct seccomp_data *data)
{
	struct bpf_vm vm;
	size_t pc = 0;

	if (!data || !prog_ok(prog, len))
		return JR_BPF_INVALID;
	memset(&vm, 0, sizeof(vm));
	while (pc < len) {
		const struct sock_filter *f = &prog[pc];

		if (BPF_CLASS(f->code) == BPF_RET)
			return BPF_RVAL(f->code) == BPF_K ? f->k : vm.a;
		if (!step(&vm, f, &pc, data))
			return JR_BPF_INVALID;
	}
	return JR_BPF_INVALID;	/* ran off the end */
}

void jr_bpf_data(struct seccomp_data *d, uint32_t arch, int nr,
		 const uint64_t args[6])
{
	int i;

	memset(d, 0, sizeof(*d));
	d->nr = nr;
	d->arch = arch;
	for (i = 0; args && i < 6; i++)
		d->args[i] = args[i];
}
