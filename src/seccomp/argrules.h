/* argrules.h - rules on a syscall's arguments, not just its name:
 * terminal injection (TIOCSTI, TIOCLINUX) in every filter jailrun builds,
 * `restrict-namespaces`, `memory-deny-write-execute`.  Pure: the table,
 * the predicate the supervisor uses to name a denial, and the cubes the
 * filter compiler turns into masked compares.  test-argrules holds the
 * predicate and the compiled BPF to the same answers. */
#ifndef JAILRUN_ARGRULES_H
#define JAILRUN_ARGRULES_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>

#include "policy.h"

enum jr_argrule_kind {
	JR_AR_TTY,  /* always: a filter never lets a target type into the
		     * caller's terminal */
	JR_AR_NS,   /* restrict-namespaces = yes */
	JR_AR_MDWE, /* memory-deny-write-execute = yes */
};

/* Denied when (args[arg] & mask) == value; mask 0 denies every call. */
struct jr_argrule {
	const char *syscall;
	enum jr_argrule_kind kind;
	unsigned arg;
	uint64_t mask, value;
	int err; /* 0: the policy's action; else this errno (ENOSYS) */
	const char *what;
};

extern const struct jr_argrule jr_argrules[];
extern const size_t jr_nargrules;

/* Whether the setting that switches KIND on is set (JR_AR_TTY: always),
 * and its name. */
bool jr_argrule_on(const struct jr_policy *pol, enum jr_argrule_kind kind);
const char *jr_argrule_key(enum jr_argrule_kind kind);

/* Whether rule R is switched on and concerns native syscall NR. */
bool jr_argrule_active(const struct jr_policy *pol, const struct jr_argrule *r,
		       int nr);

/* Whether any active rule concerns native syscall NR. */
bool jr_argrule_applies(const struct jr_policy *pol, int nr);

/* The active rule that denies the call D, or NULL. */
const struct jr_argrule *jr_argrule_match(const struct jr_policy *pol,
					  const struct seccomp_data *d);

/* A set of argument values: (args[arg] & mask) == value. */
struct jr_cube {
	unsigned arg;
	uint64_t mask, value;
};

#define JR_CUBES_MAX 96

/* The values of NR's arguments no active rule denies, as disjoint
 * cubes (for an allow-list: allow exactly these).  Rules on NR with mask
 * 0 are not included: such a call is denied whatever its arguments.
 * Returns the number of cubes, or -1 when they would not fit. */
int jr_argrule_allowed(const struct jr_policy *pol, int nr,
		       struct jr_cube *out, size_t max);

#endif
