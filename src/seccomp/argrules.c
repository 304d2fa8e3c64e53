/* argrules.c - the argument rules and the arithmetic behind them.
 *
 * The kernel reads ioctl's command and mmap's protection as 32-bit ints,
 * so their masks cover the low 32 bits only: a caller that sets high bits
 * (TIOCSTI | 1 << 32, CVE-2019-10063's bypass of a plain compare) still
 * matches.  Numbers: TIOCSTI 0x5412, TIOCLINUX 0x541C
 * (asm-generic/ioctls.h); CLONE_NEW* from linux/sched.h. */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/shm.h>

#include "argrules.h"
#include "syscalls.h"
#include "util.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef SHM_EXEC
#define SHM_EXEC 0100000
#endif
#ifndef TIOCLINUX
#define TIOCLINUX 0x541C
#endif

#define LOW32 0xffffffffULL
#define NS_ROW(sc, flag)                                                     \
	{ sc, JR_AR_NS, 0, flag, flag, 0, #flag }

const struct jr_argrule jr_argrules[] = {
	{ "ioctl", JR_AR_TTY, 1, LOW32, TIOCSTI, 0,
	  "TIOCSTI: typing into the terminal" },
	{ "ioctl", JR_AR_TTY, 1, LOW32, TIOCLINUX, 0,
	  "TIOCLINUX: console selection and injection" },
	/* clone's low byte is the exit signal: CLONE_NEWTIME (0x80) is
	 * only valid for unshare and clone3 */
	NS_ROW("clone", CLONE_NEWNS),	  NS_ROW("clone", CLONE_NEWCGROUP),
	NS_ROW("clone", CLONE_NEWUTS),	  NS_ROW("clone", CLONE_NEWIPC),
	NS_ROW("clone", CLONE_NEWUSER),	  NS_ROW("clone", CLONE_NEWPID),
	NS_ROW("clone", CLONE_NEWNET),	  NS_ROW("unshare", CLONE_NEWNS),
	NS_ROW("unshare", CLONE_NEWCGROUP), NS_ROW("unshare", CLONE_NEWUTS),
	NS_ROW("unshare", CLONE_NEWIPC),  NS_ROW("unshare", CLONE_NEWUSER),
	NS_ROW("unshare", CLONE_NEWPID),  NS_ROW("unshare", CLONE_NEWNET),
	NS_ROW("unshare", CLONE_NEWTIME),
	{ "setns", JR_AR_NS, 0, 0, 0, 0, "joining a namespace" },
	/* its flags are in memory the filter cannot read: ENOSYS, and
	 * libc falls back to clone, whose flags it can */
	{ "clone3", JR_AR_NS, 0, 0, 0, ENOSYS, "clone3 (flags unreadable)" },
	{ "mmap", JR_AR_MDWE, 2, PROT_WRITE | PROT_EXEC, PROT_WRITE | PROT_EXEC,
	  0, "a mapping both writable and executable" },
	{ "mmap2", JR_AR_MDWE, 2, PROT_WRITE | PROT_EXEC,
	  PROT_WRITE | PROT_EXEC, 0, "a mapping both writable and executable" },
	{ "mprotect", JR_AR_MDWE, 2, PROT_EXEC, PROT_EXEC, 0,
	  "making memory executable" },
	{ "pkey_mprotect", JR_AR_MDWE, 2, PROT_EXEC, PROT_EXEC, 0,
	  "making memory executable" },
	{ "shmat", JR_AR_MDWE, 2, SHM_EXEC, SHM_EXEC, 0,
	  "executable shared memory" },
};
const size_t jr_nargrules = ARRAY_SIZE(jr_argrules);

bool jr_argrule_on(const struct jr_policy *pol, enum jr_argrule_kind kind)
{
	switch (kind) {
	case JR_AR_TTY:
		return true; /* every filter jailrun builds (filter.c) */
	case JR_AR_NS:
		return pol->restrict_ns;
	case JR_AR_MDWE:
		return pol->mdwe;
	}
	return false;
}

const char *jr_argrule_key(enum jr_argrule_kind kind)
{
	switch (kind) {
	case JR_AR_TTY:
		return "every filter";
	case JR_AR_NS:
		return "restrict-namespaces";
	case JR_AR_MDWE:
		return "memory-deny-write-execute";
	}
	return "?";
}

/* Each row's native number, resolved once: the filter compiler asks
 * about every syscall number on every launch. */
static bool row_is(const struct jr_argrule *r, int nr)
{
	static int rows_nr[ARRAY_SIZE(jr_argrules)];
	static bool ready;

	if (!ready) {
		for (size_t i = 0; i < jr_nargrules; i++)
			if (jr_syscall_resolve(jr_argrules[i].syscall,
					       &rows_nr[i]) != JR_SC_NATIVE)
				rows_nr[i] = -1;
		ready = true;
	}
	return nr >= 0 && rows_nr[r - jr_argrules] == nr;
}

bool jr_argrule_active(const struct jr_policy *pol, const struct jr_argrule *r,
		       int nr)
{
	return jr_argrule_on(pol, r->kind) && row_is(r, nr);
}

bool jr_argrule_applies(const struct jr_policy *pol, int nr)
{
	for (size_t i = 0; i < jr_nargrules; i++)
		if (jr_argrule_active(pol, &jr_argrules[i], nr))
			return true;
	return false;
}

const struct jr_argrule *jr_argrule_match(const struct jr_policy *pol,
					  const struct seccomp_data *d)
{
	for (size_t i = 0; i < jr_nargrules; i++) {
		const struct jr_argrule *r = &jr_argrules[i];

		if (jr_argrule_active(pol, r, d->nr) &&
		    (d->args[r->arg] & r->mask) == r->value)
			return r;
	}
	return NULL;
}

/* ---- the complement, as cubes ---------------------------------------- */

struct split {
	const struct jr_argrule *rows[32];
	size_t nrows;
	uint64_t bits[64]; /* the bits any row looks at, high first */
	size_t nbits;
	unsigned arg;
	struct jr_cube *out;
	size_t max, n;
	bool full;
};

/* Row R denies every value of the cube (MASK, VALUE)? */
static bool covers(const struct jr_argrule *r, uint64_t mask, uint64_t value)
{
	return (r->mask & mask) == r->mask && (value & r->mask) == r->value;
}

/* Row R denies some value of the cube?  They agree on the bits both fix. */
static bool meets(const struct jr_argrule *r, uint64_t mask, uint64_t value)
{
	uint64_t both = r->mask & mask;

	return (value & both) == (r->value & both);
}

static void split(struct split *s, size_t bit, uint64_t mask, uint64_t value)
{
	bool any = false;

	for (size_t i = 0; i < s->nrows; i++) {
		if (covers(s->rows[i], mask, value))
			return; /* all denied */
		any |= meets(s->rows[i], mask, value);
	}
	if (!any) {
		if (s->n == s->max) {
			s->full = true;
			return;
		}
		s->out[s->n++] = (struct jr_cube){ s->arg, mask, value };
		return;
	}
	if (bit == s->nbits)
		return; /* unreachable: every bit fixed means covered */
	split(s, bit + 1, mask | s->bits[bit], value);
	split(s, bit + 1, mask | s->bits[bit], value | s->bits[bit]);
}

int jr_argrule_allowed(const struct jr_policy *pol, int nr,
		       struct jr_cube *out, size_t max)
{
	struct split s = { .out = out, .max = max };
	uint64_t all = 0;

	for (size_t i = 0; i < jr_nargrules; i++) {
		const struct jr_argrule *r = &jr_argrules[i];

		if (!jr_argrule_active(pol, r, nr))
			continue;
		if (r->mask == 0)
			return 0; /* denied whatever the arguments */
		if (s.nrows == ARRAY_SIZE(s.rows) ||
		    (s.nrows && s.arg != r->arg))
			return -1; /* the table keeps one argument per call */
		s.arg = r->arg;
		s.rows[s.nrows++] = r;
		all |= r->mask;
	}
	for (int b = 63; b >= 0; b--)
		if (all & (1ULL << b))
			s.bits[s.nbits++] = 1ULL << b;
	split(&s, 0, 0, 0);
	return s.full ? -1 : (int)s.n;
}
