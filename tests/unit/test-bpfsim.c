/* test-bpfsim.c - unit test for the seccomp classic BPF interpreter.
 *
 * Hand-assembled programs run over one fixed seccomp_data (only nr and
 * args[0] vary per row), then a real filter built by libseccomp and
 * exported with seccomp_export_bpf().
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1	/* memfd_create() */
#endif

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/audit.h>
#include <seccomp.h>

#include "bpfsim.h"
#include "tap.h"

#define MAX_INSNS	12

/* Where each half of a 64-bit field sits, in host byte order. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LO	0
#define HI	4
#else
#define LO	4
#define HI	0
#endif

#define OFF_NR		offsetof(struct seccomp_data, nr)
#define OFF_ARCH	offsetof(struct seccomp_data, arch)
#define OFF_IP		offsetof(struct seccomp_data, instruction_pointer)
#define OFF_ARG(i)	offsetof(struct seccomp_data, args[i])

/* The fixed part of every row's input. */
#define IN_IP		0x0123456789abcdefULL
#define IN_ARG(i)	((0xa0ULL + (i)) << 32 | (0xb0ULL + (i)))

/* Shorthands for the commonest instructions. */
#define LDW_ABS		(BPF_LD | BPF_W | BPF_ABS)
#define LD_IMM(k)	BPF_STMT(BPF_LD | BPF_IMM, (k))
#define LDX_IMM(k)	BPF_STMT(BPF_LDX | BPF_IMM, (k))
#define LD_NR		BPF_STMT(LDW_ABS, OFF_NR)
#define ALU(op, k)	BPF_STMT(BPF_ALU | (op), (k))
#define RET_K(k)	BPF_STMT(BPF_RET | BPF_K, (k))
#define RET_A		BPF_STMT(BPF_RET | BPF_A, 0)
#define TXA		BPF_STMT(BPF_MISC | BPF_TXA, 0)
#define TAX		BPF_STMT(BPF_MISC | BPF_TAX, 0)
/* A conditional jump: true returns 1, false returns 2. */
#define BRANCH(op, k) \
	BPF_JUMP(BPF_JMP | (op), (k), 0, 1), RET_K(1), RET_K(2)

#define NINSN(...) \
	(sizeof((struct sock_filter[]){ __VA_ARGS__ }) / \
	 sizeof(struct sock_filter))
#define P(...)		{ __VA_ARGS__ }, NINSN(__VA_ARGS__)

#define INVALID		JR_BPF_INVALID

struct row {
	const char *name;
	struct sock_filter prog[MAX_INSNS];
	size_t len;
	int nr;
	uint64_t a0;
	uint32_t want;
};

static const struct row load_rows[] = {
	{ "ld abs: nr", P(LD_NR, RET_A), 42, 0, 42 },
	{ "ld abs: negative nr", P(LD_NR, RET_A), -1, 0, 0xffffffff },
	{ "ld abs: arch", P(BPF_STMT(LDW_ABS, OFF_ARCH), RET_A),
	  0, 0, AUDIT_ARCH_X86_64 },
	{ "ld abs: instruction_pointer low half",
	  P(BPF_STMT(LDW_ABS, OFF_IP + LO), RET_A), 0, 0, 0x89abcdef },
	{ "ld abs: instruction_pointer high half",
	  P(BPF_STMT(LDW_ABS, OFF_IP + HI), RET_A), 0, 0, 0x01234567 },
	{ "ld abs: args[0] low half", P(BPF_STMT(LDW_ABS, OFF_ARG(0) + LO),
	  RET_A), 0, 0x1122334455667788ULL, 0x55667788 },
	{ "ld abs: args[0] high half", P(BPF_STMT(LDW_ABS, OFF_ARG(0) + HI),
	  RET_A), 0, 0x1122334455667788ULL, 0x11223344 },
	{ "ld abs: args[3] low half", P(BPF_STMT(LDW_ABS, OFF_ARG(3) + LO),
	  RET_A), 0, 0, 0xb3 },
	{ "ld abs: args[5] high half, last word",
	  P(BPF_STMT(LDW_ABS, OFF_ARG(5) + HI), RET_A), 0, 0, 0xa5 },
	{ "ld len: sizeof(seccomp_data)",
	  P(BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0), RET_A), 0, 0, 64 },
	{ "ldx len: sizeof(seccomp_data)",
	  P(BPF_STMT(BPF_LDX | BPF_W | BPF_LEN, 0), TXA, RET_A), 0, 0, 64 },
	{ "ld imm", P(LD_IMM(0xdeadbeef), RET_A), 0, 0, 0xdeadbeef },
	{ "ldx imm, txa", P(LDX_IMM(7), TXA, RET_A), 0, 0, 7 },
	{ "A starts at 0", P(RET_A), 0, 0, 0 },
	{ "X starts at 0", P(LD_IMM(9), TXA, RET_A), 0, 0, 0 },
	{ "tax", P(LD_IMM(5), TAX, LD_IMM(0), TXA, RET_A), 0, 0, 5 },
	{ "st, ld mem", P(LD_IMM(7), BPF_STMT(BPF_ST, 3), LD_IMM(0),
	  BPF_STMT(BPF_LD | BPF_MEM, 3), RET_A), 0, 0, 7 },
	{ "stx, ldx mem", P(LDX_IMM(9), BPF_STMT(BPF_STX, 15), LDX_IMM(0),
	  BPF_STMT(BPF_LDX | BPF_MEM, 15), TXA, RET_A), 0, 0, 9 },
	{ "st overwrites a cell", P(LD_IMM(1), BPF_STMT(BPF_ST, 0), LD_IMM(2),
	  BPF_STMT(BPF_ST, 0), LD_IMM(0), BPF_STMT(BPF_LD | BPF_MEM, 0),
	  RET_A), 0, 0, 2 },
};

/* A scratch cell stored on both paths of a branch, then read. */
#define BOTH_PATHS \
	LD_NR, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 42, 0, 3), \
	LD_IMM(1), BPF_STMT(BPF_ST, 0), BPF_STMT(BPF_JMP | BPF_JA, 2), \
	LD_IMM(2), BPF_STMT(BPF_ST, 0), \
	BPF_STMT(BPF_LD | BPF_MEM, 0), RET_A

/* The same with the store missing on the false path. */
#define ONE_PATH \
	LD_NR, BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 42, 0, 3), \
	LD_IMM(1), BPF_STMT(BPF_ST, 0), BPF_STMT(BPF_JMP | BPF_JA, 2), \
	LD_IMM(2), LD_IMM(2), \
	BPF_STMT(BPF_LD | BPF_MEM, 0), RET_A

static const struct row scratch_rows[] = {
	{ "scratch stored on both paths, true", P(BOTH_PATHS), 42, 0, 1 },
	{ "scratch stored on both paths, false", P(BOTH_PATHS), 43, 0, 2 },
	{ "scratch stored on one path only", P(ONE_PATH), 42, 0, INVALID },
	{ "scratch not stored before a ja", P(LD_NR,
	  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 42, 0, 2), LD_IMM(1),
	  BPF_STMT(BPF_JMP | BPF_JA, 1), BPF_STMT(BPF_ST, 0),
	  BPF_STMT(BPF_LD | BPF_MEM, 0), RET_A), 43, 0, INVALID },
	{ "ld mem never stored", P(BPF_STMT(BPF_LD | BPF_MEM, 0), RET_A),
	  0, 0, INVALID },
	{ "ldx mem never stored", P(BPF_STMT(BPF_LDX | BPF_MEM, 4), RET_A),
	  0, 0, INVALID },
	{ "ld mem of another cell", P(BPF_STMT(BPF_ST, 1),
	  BPF_STMT(BPF_LD | BPF_MEM, 2), RET_A), 0, 0, INVALID },
	{ "st index 16", P(BPF_STMT(BPF_ST, 16), RET_A), 0, 0, INVALID },
	{ "stx index 16", P(BPF_STMT(BPF_STX, 16), RET_A), 0, 0, INVALID },
	{ "ld mem index 16", P(BPF_STMT(BPF_ST, 0),
	  BPF_STMT(BPF_LD | BPF_MEM, 16), RET_A), 0, 0, INVALID },
	{ "ldx mem index 16", P(BPF_STMT(BPF_STX, 0),
	  BPF_STMT(BPF_LDX | BPF_MEM, 16), RET_A), 0, 0, INVALID },
};

static const struct row alu_rows[] = {
	{ "add k wraps", P(LD_IMM(0xfffffff0), ALU(BPF_ADD | BPF_K, 0x20),
	  RET_A), 0, 0, 0x10 },
	{ "add x", P(LD_IMM(40), LDX_IMM(2), ALU(BPF_ADD | BPF_X, 0),
	  RET_A), 0, 0, 42 },
	{ "sub k wraps", P(LD_IMM(1), ALU(BPF_SUB | BPF_K, 2), RET_A),
	  0, 0, 0xffffffff },
	{ "sub x", P(LD_IMM(50), LDX_IMM(8), ALU(BPF_SUB | BPF_X, 0),
	  RET_A), 0, 0, 42 },
	{ "mul k wraps", P(LD_IMM(0x10000), ALU(BPF_MUL | BPF_K, 0x10001),
	  RET_A), 0, 0, 0x10000 },
	{ "mul x", P(LD_IMM(6), LDX_IMM(7), ALU(BPF_MUL | BPF_X, 0),
	  RET_A), 0, 0, 42 },
	{ "div k", P(LD_IMM(100), ALU(BPF_DIV | BPF_K, 7), RET_A),
	  0, 0, 14 },
	{ "div x is unsigned", P(LD_IMM(0xffffffff), LDX_IMM(2),
	  ALU(BPF_DIV | BPF_X, 0), RET_A), 0, 0, 0x7fffffff },
	{ "div x by 0 not reached", P(LDX_IMM(0), RET_K(1),
	  ALU(BPF_DIV | BPF_X, 0), RET_A), 0, 0, 1 },
	{ "and k", P(LD_IMM(0xf0f0f0f0), ALU(BPF_AND | BPF_K, 0xff00ff00),
	  RET_A), 0, 0, 0xf000f000 },
	{ "and x", P(LD_IMM(0x3c), LDX_IMM(0x0f), ALU(BPF_AND | BPF_X, 0),
	  RET_A), 0, 0, 0x0c },
	{ "or k", P(LD_IMM(0xf0), ALU(BPF_OR | BPF_K, 0x0f), RET_A),
	  0, 0, 0xff },
	{ "or x", P(LD_IMM(0x80000000), LDX_IMM(1), ALU(BPF_OR | BPF_X, 0),
	  RET_A), 0, 0, 0x80000001 },
	{ "xor k", P(LD_IMM(0xff), ALU(BPF_XOR | BPF_K, 0x0f), RET_A),
	  0, 0, 0xf0 },
	{ "xor x", P(LD_IMM(0xffffffff), LDX_IMM(0xffff),
	  ALU(BPF_XOR | BPF_X, 0), RET_A), 0, 0, 0xffff0000 },
	{ "lsh k 31", P(LD_IMM(1), ALU(BPF_LSH | BPF_K, 31), RET_A),
	  0, 0, 0x80000000 },
	{ "lsh k 0", P(LD_IMM(5), ALU(BPF_LSH | BPF_K, 0), RET_A),
	  0, 0, 5 },
	{ "lsh k drops high bits", P(LD_IMM(0xc0000001),
	  ALU(BPF_LSH | BPF_K, 1), RET_A), 0, 0, 0x80000002 },
	{ "lsh x", P(LD_IMM(3), LDX_IMM(4), ALU(BPF_LSH | BPF_X, 0),
	  RET_A), 0, 0, 48 },
	{ "lsh x 32 shifts by 0", P(LD_IMM(1), LDX_IMM(32),
	  ALU(BPF_LSH | BPF_X, 0), RET_A), 0, 0, 1 },
	{ "lsh x 33 shifts by 1", P(LD_IMM(1), LDX_IMM(33),
	  ALU(BPF_LSH | BPF_X, 0), RET_A), 0, 0, 2 },
	{ "rsh k is logical", P(LD_IMM(0x80000000), ALU(BPF_RSH | BPF_K, 31),
	  RET_A), 0, 0, 1 },
	{ "rsh x", P(LD_IMM(0x80000000), LDX_IMM(4), ALU(BPF_RSH | BPF_X, 0),
	  RET_A), 0, 0, 0x08000000 },
	{ "rsh x 36 shifts by 4", P(LD_IMM(0x80000000), LDX_IMM(36),
	  ALU(BPF_RSH | BPF_X, 0), RET_A), 0, 0, 0x08000000 },
	{ "neg 1", P(LD_IMM(1), ALU(BPF_NEG, 0), RET_A), 0, 0, 0xffffffff },
	{ "neg 0", P(ALU(BPF_NEG, 0), RET_A), 0, 0, 0 },
	{ "neg INT_MIN", P(LD_IMM(0x80000000), ALU(BPF_NEG, 0), RET_A),
	  0, 0, 0x80000000 },
	{ "alu leaves X alone", P(LDX_IMM(3), LD_IMM(4),
	  ALU(BPF_ADD | BPF_X, 0), TXA, RET_A), 0, 0, 3 },
};

static const struct row jump_rows[] = {
	{ "ja 1", P(BPF_STMT(BPF_JMP | BPF_JA, 1), RET_K(1), RET_K(2)),
	  0, 0, 2 },
	{ "ja 0", P(BPF_STMT(BPF_JMP | BPF_JA, 0), RET_K(1)), 0, 0, 1 },
	{ "jeq k, equal", P(LD_NR, BRANCH(BPF_JEQ | BPF_K, 42)), 42, 0, 1 },
	{ "jeq k, not equal", P(LD_NR, BRANCH(BPF_JEQ | BPF_K, 42)),
	  43, 0, 2 },
	{ "jeq k 0xffffffff", P(LD_IMM(0xffffffff),
	  BRANCH(BPF_JEQ | BPF_K, 0xffffffff)), 0, 0, 1 },
	{ "jeq x, equal", P(LD_IMM(5), LDX_IMM(5),
	  BRANCH(BPF_JEQ | BPF_X, 0)), 0, 0, 1 },
	{ "jeq x, not equal", P(LD_IMM(5), LDX_IMM(6),
	  BRANCH(BPF_JEQ | BPF_X, 0)), 0, 0, 2 },
	{ "jgt k is unsigned", P(LD_IMM(0x80000000),
	  BRANCH(BPF_JGT | BPF_K, 1)), 0, 0, 1 },
	{ "jgt k, equal", P(LD_IMM(7), BRANCH(BPF_JGT | BPF_K, 7)),
	  0, 0, 2 },
	{ "jgt x", P(LD_IMM(8), LDX_IMM(7), BRANCH(BPF_JGT | BPF_X, 0)),
	  0, 0, 1 },
	{ "jgt x, less", P(LD_IMM(6), LDX_IMM(7),
	  BRANCH(BPF_JGT | BPF_X, 0)), 0, 0, 2 },
	{ "jge k, equal", P(LD_IMM(7), BRANCH(BPF_JGE | BPF_K, 7)),
	  0, 0, 1 },
	{ "jge k, less", P(LD_IMM(6), BRANCH(BPF_JGE | BPF_K, 7)),
	  0, 0, 2 },
	{ "jge x, equal", P(LD_IMM(7), LDX_IMM(7),
	  BRANCH(BPF_JGE | BPF_X, 0)), 0, 0, 1 },
	{ "jge x is unsigned", P(LD_IMM(1), LDX_IMM(0x80000000),
	  BRANCH(BPF_JGE | BPF_X, 0)), 0, 0, 2 },
	{ "jset k, common bit", P(LD_IMM(0x10),
	  BRANCH(BPF_JSET | BPF_K, 0x30)), 0, 0, 1 },
	{ "jset k, no common bit", P(LD_IMM(0x10),
	  BRANCH(BPF_JSET | BPF_K, 0x0f)), 0, 0, 2 },
	{ "jset x, common bit", P(LD_IMM(0x80000000), LDX_IMM(0xffffffff),
	  BRANCH(BPF_JSET | BPF_X, 0)), 0, 0, 1 },
	{ "jset x, no common bit", P(LD_IMM(1), LDX_IMM(2),
	  BRANCH(BPF_JSET | BPF_X, 0)), 0, 0, 2 },
	{ "jeq jt 1 jf 2, true", P(LD_NR,
	  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 42, 1, 2),
	  RET_K(1), RET_K(2), RET_K(3)), 42, 0, 2 },
	{ "jeq jt 1 jf 2, false", P(LD_NR,
	  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 42, 1, 2),
	  RET_K(1), RET_K(2), RET_K(3)), 43, 0, 3 },
	{ "ret k", P(RET_K(SECCOMP_RET_ERRNO | 1)), 0, 0,
	  SECCOMP_RET_ERRNO | 1 },
	{ "ret a", P(LD_IMM(SECCOMP_RET_TRACE | 7), RET_A), 0, 0,
	  SECCOMP_RET_TRACE | 7 },
	{ "ret stops the program", P(RET_K(1), RET_K(2)), 0, 0, 1 },
};

static const struct row invalid_rows[] = {
	{ "ja past the end", P(BPF_STMT(BPF_JMP | BPF_JA, 1), RET_K(1)),
	  0, 0, INVALID },
	{ "ja 0xffffffff", P(BPF_STMT(BPF_JMP | BPF_JA, 0xffffffff),
	  RET_K(1)), 0, 0, INVALID },
	{ "jeq jt past the end",
	  P(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0), RET_K(1)),
	  0, 0, INVALID },
	{ "jeq jf past the end, jt taken",
	  P(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1), RET_K(1)),
	  0, 0, INVALID },
	{ "jgt jf past the end",
	  P(BPF_JUMP(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 1), RET_K(1)),
	  0, 0, INVALID },
	{ "jset jt 255", P(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0, 255, 0),
	  RET_K(1)), 0, 0, INVALID },
	{ "ld abs unaligned", P(BPF_STMT(LDW_ABS, 2), RET_A), 0, 0, INVALID },
	{ "ld abs at sizeof(seccomp_data)", P(BPF_STMT(LDW_ABS, 64), RET_A),
	  0, 0, INVALID },
	{ "ld abs far out", P(BPF_STMT(LDW_ABS, 0x1000), RET_A),
	  0, 0, INVALID },
	{ "ld abs ancillary SKF_AD_OFF", P(BPF_STMT(LDW_ABS, 0xfffff000U),
	  RET_A), 0, 0, INVALID },
	{ "ld h abs", P(BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0), RET_A),
	  0, 0, INVALID },
	{ "ld b abs", P(BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0), RET_A),
	  0, 0, INVALID },
	{ "ld w ind", P(BPF_STMT(BPF_LD | BPF_W | BPF_IND, 0), RET_A),
	  0, 0, INVALID },
	{ "ldx w abs", P(BPF_STMT(BPF_LDX | BPF_W | BPF_ABS, 0), RET_A),
	  0, 0, INVALID },
	{ "ldx b msh", P(BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0), RET_A),
	  0, 0, INVALID },
	{ "ldx b imm", P(BPF_STMT(BPF_LDX | BPF_B | BPF_IMM, 0), RET_A),
	  0, 0, INVALID },
	{ "st h", P(BPF_STMT(BPF_ST | BPF_H, 0), RET_A), 0, 0, INVALID },
	{ "div k 0", P(LD_IMM(1), ALU(BPF_DIV | BPF_K, 0), RET_A),
	  0, 0, INVALID },
	{ "div k 0 never reached", P(RET_K(1), ALU(BPF_DIV | BPF_K, 0),
	  RET_A), 0, 0, INVALID },
	{ "div x 0 at run time", P(LD_IMM(1), LDX_IMM(0),
	  ALU(BPF_DIV | BPF_X, 0), RET_A), 0, 0, INVALID },
	{ "mod k, not in seccomp's list", P(LD_IMM(7),
	  ALU(BPF_MOD | BPF_K, 3), RET_A), 0, 0, INVALID },
	{ "mod x, not in seccomp's list", P(LD_IMM(7), LDX_IMM(3),
	  ALU(BPF_MOD | BPF_X, 0), RET_A), 0, 0, INVALID },
	{ "lsh k 32", P(LD_IMM(1), ALU(BPF_LSH | BPF_K, 32), RET_A),
	  0, 0, INVALID },
	{ "rsh k 32", P(LD_IMM(1), ALU(BPF_RSH | BPF_K, 32), RET_A),
	  0, 0, INVALID },
	{ "neg x", P(ALU(BPF_NEG | BPF_X, 0), RET_A), 0, 0, INVALID },
	/* 0xb0 is eBPF's BPF_MOV, 0x50 its BPF_JNE: not classic BPF. */
	{ "alu op 0xb0", P(ALU(0xb0 | BPF_K, 1), RET_A), 0, 0, INVALID },
	{ "jmp op 0x50", P(BPF_JUMP(BPF_JMP | 0x50 | BPF_K, 0, 0, 0),
	  RET_K(1)), 0, 0, INVALID },
	{ "ja x", P(BPF_STMT(BPF_JMP | BPF_JA | BPF_X, 0), RET_K(1)),
	  0, 0, INVALID },
	{ "ret x", P(BPF_STMT(BPF_RET | BPF_X, 0)), 0, 0, INVALID },
	{ "misc op 0x40", P(BPF_STMT(BPF_MISC | 0x40, 0), RET_A),
	  0, 0, INVALID },
	{ "runs off the end", P(LD_IMM(1)), 0, 0, INVALID },
	{ "last insn not ret, not reached", P(LD_NR,
	  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 42, 0, 1), RET_K(1),
	  LD_IMM(2)), 42, 0, INVALID },
	{ "bad insn never reached", P(RET_K(1),
	  BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0), RET_A), 0, 0, INVALID },
	{ "bad jump never reached", P(RET_K(1),
	  BPF_STMT(BPF_JMP | BPF_JA, 5), RET_K(2)), 0, 0, INVALID },
};

static void run_rows(const struct row *rows, size_t n)
{
	struct seccomp_data d;
	uint64_t args[6];
	size_t i;
	int j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < 6; j++)
			args[j] = IN_ARG(j);
		args[0] = rows[i].a0;
		jr_bpf_data(&d, AUDIT_ARCH_X86_64, rows[i].nr, args);
		d.instruction_pointer = IN_IP;
		is_int(jr_bpf_run(rows[i].prog, rows[i].len, &d),
		       rows[i].want, "%s", rows[i].name);
	}
}

#define RUN_ROWS(rows)	run_rows(rows, sizeof(rows) / sizeof(rows[0]))

static void test_data(void)
{
	static const uint64_t args[6] = { 1, 2, 3, 4, 5, 0xffffffffffffffff };
	struct seccomp_data d;

	memset(&d, 0xaa, sizeof(d));
	jr_bpf_data(&d, AUDIT_ARCH_I386, 39, args);
	ok(d.nr == 39 && d.arch == AUDIT_ARCH_I386 &&
	   d.instruction_pointer == 0 && d.args[0] == 1 &&
	   d.args[5] == 0xffffffffffffffff, "jr_bpf_data fills every field");
	memset(&d, 0xaa, sizeof(d));
	jr_bpf_data(&d, AUDIT_ARCH_X86_64, 1, NULL);
	ok(d.args[0] == 0 && d.args[5] == 0, "jr_bpf_data: NULL args is 0");
}

/* A program of N instructions: N - 1 times A += 1, then return A. */
static struct sock_filter *counter_prog(size_t n)
{
	struct sock_filter *prog = calloc(n, sizeof(*prog));
	size_t i;

	if (!prog)
		return NULL;
	for (i = 0; i + 1 < n; i++)
		prog[i] = (struct sock_filter)ALU(BPF_ADD | BPF_K, 1);
	prog[n - 1] = (struct sock_filter)RET_A;
	return prog;
}

static void test_lengths(void)
{
	static const struct sock_filter ret[] = { RET_K(SECCOMP_RET_ALLOW) };
	struct sock_filter *max = counter_prog(BPF_MAXINSNS);
	struct sock_filter *over = counter_prog(BPF_MAXINSNS + 1);
	struct seccomp_data d;

	jr_bpf_data(&d, AUDIT_ARCH_X86_64, 0, NULL);
	is_int(jr_bpf_run(ret, 1, &d), SECCOMP_RET_ALLOW, "one instruction");
	is_int(jr_bpf_run(ret, 0, &d), INVALID, "len 0");
	is_int(jr_bpf_run(NULL, 1, &d), INVALID, "NULL program");
	is_int(jr_bpf_run(ret, 1, NULL), INVALID, "NULL data");
	if (max && over) {
		is_int(jr_bpf_run(max, BPF_MAXINSNS, &d), BPF_MAXINSNS - 1,
		       "len BPF_MAXINSNS runs");
		is_int(jr_bpf_run(over, BPF_MAXINSNS + 1, &d), INVALID,
		       "len BPF_MAXINSNS + 1");
	} else {
		skip("out of memory");
		skip("out of memory");
	}
	free(max);
	free(over);
}

/* The filter of the brief, for x86_64 whatever the host. */
static scmp_filter_ctx build_filter(void)
{
	scmp_filter_ctx ctx;
	int rc = 0;

	/*
	 * The filter is exported, never loaded, so the running kernel's
	 * seccomp API level does not matter; under valgrind, which does not
	 * know seccomp(2), libseccomp would see level 1 and refuse
	 * SCMP_ACT_KILL_PROCESS (level 3).
	 */
	if (seccomp_api_get() < 3 && seccomp_api_set(3))
		diag("seccomp_api_set(3) failed");
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return NULL;
	if (seccomp_arch_native() != SCMP_ARCH_X86_64) {
		rc |= seccomp_arch_add(ctx, SCMP_ARCH_X86_64);
		rc |= seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	}
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(mkdir), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT),
			       SCMP_SYS(socket), 1,
			       SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffffffff,
				       AF_PACKET));
	rc |= seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			       SCMP_ACT_KILL_PROCESS);
	if (rc) {
		diag("building the libseccomp filter failed");
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

static struct sock_filter *read_back(int fd, size_t size)
{
	struct sock_filter *prog = malloc(size);
	size_t done = 0;

	while (prog && done < size) {
		ssize_t n = pread(fd, (char *)prog + done, size - done,
				  (off_t)done);

		if (n <= 0) {
			free(prog);
			return NULL;
		}
		done += (size_t)n;
	}
	return prog;
}

/* Export CTX through a memfd and read the instructions back. */
static struct sock_filter *export_filter(scmp_filter_ctx ctx, size_t *len)
{
	struct sock_filter *prog = NULL;
	struct stat st;
	int fd = memfd_create("bpfsim", MFD_CLOEXEC);

	if (fd < 0) {
		diag("memfd_create: %s", strerror(errno));
		return NULL;
	}
	if (seccomp_export_bpf(ctx, fd) == 0 && fstat(fd, &st) == 0 &&
	    st.st_size > 0 && st.st_size % sizeof(*prog) == 0) {
		prog = read_back(fd, (size_t)st.st_size);
		*len = (size_t)st.st_size / sizeof(*prog);
	}
	close(fd);
	return prog;
}

struct call {
	const char *name;
	uint32_t arch;
	int nr;
	uint64_t a0;
	uint32_t want;
};

#define X32_BIT		0x40000000

static void test_libseccomp(void)
{
	int mkdir_nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64,
							 "mkdir");
	int socket_nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64,
							  "socket");
	int getpid_nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64,
							  "getpid");
	const struct call calls[] = {
		{ "x86_64 mkdir", AUDIT_ARCH_X86_64, mkdir_nr, 0,
		  SECCOMP_RET_ERRNO | EPERM },
		{ "x86_64 getpid", AUDIT_ARCH_X86_64, getpid_nr, 0,
		  SECCOMP_RET_ALLOW },
		{ "socket(AF_PACKET)", AUDIT_ARCH_X86_64, socket_nr,
		  AF_PACKET, SECCOMP_RET_ERRNO | EAFNOSUPPORT },
		{ "socket(AF_PACKET | 1 << 32), masked compare",
		  AUDIT_ARCH_X86_64, socket_nr, AF_PACKET | (1ULL << 32),
		  SECCOMP_RET_ERRNO | EAFNOSUPPORT },
		{ "socket(AF_INET)", AUDIT_ARCH_X86_64, socket_nr, AF_INET,
		  SECCOMP_RET_ALLOW },
		/* 39 is mkdir on i386. */
		{ "i386 mkdir: bad arch", AUDIT_ARCH_I386, 39, 0,
		  SECCOMP_RET_KILL_PROCESS },
		/* x32 shares AUDIT_ARCH_X86_64; only bit 30 of nr tells. */
		{ "x32 nr 39 | X32_BIT: bad arch", AUDIT_ARCH_X86_64,
		  39 | X32_BIT, 0, SECCOMP_RET_KILL_PROCESS },
		{ "x32 mkdir: bad arch", AUDIT_ARCH_X86_64, mkdir_nr | X32_BIT,
		  0, SECCOMP_RET_KILL_PROCESS },
		/* libseccomp lets nr -1 through the x32 check (ptrace skip). */
		{ "x86_64 nr -1", AUDIT_ARCH_X86_64, -1, 0, SECCOMP_RET_ALLOW },
	};
	const size_t n = sizeof(calls) / sizeof(calls[0]);
	scmp_filter_ctx ctx = build_filter();
	struct sock_filter *prog = NULL;
	size_t len = 0, i;

	ok(ctx != NULL, "libseccomp builds the filter");
	if (ctx)
		prog = export_filter(ctx, &len);
	ok(prog != NULL, "seccomp_export_bpf into a memfd, read back");
	diag("libseccomp %u.%u.%u filter: %zu instructions",
	     seccomp_version()->major, seccomp_version()->minor,
	     seccomp_version()->micro, len);
	for (i = 0; i < n; i++) {
		const struct call *c = &calls[i];
		uint64_t args[6] = { c->a0, 0, 0, 0, 0, 0 };
		struct seccomp_data d;
		uint32_t got;

		if (!prog) {
			skip("no exported filter");
			continue;
		}
		jr_bpf_data(&d, c->arch, c->nr, args);
		got = jr_bpf_run(prog, len, &d);
		if (c->nr & X32_BIT)
			diag("%s: nr %#x gives %#x", c->name,
			     (unsigned int)c->nr, got);
		is_int(got, c->want, "libseccomp filter: %s", c->name);
	}
	free(prog);
	if (ctx)
		seccomp_release(ctx);
}

int main(void)
{
	RUN_ROWS(load_rows);
	RUN_ROWS(scratch_rows);
	RUN_ROWS(alu_rows);
	RUN_ROWS(jump_rows);
	RUN_ROWS(invalid_rows);
	test_data();
	test_lengths();
	test_libseccomp();
	return tap_done();
}
