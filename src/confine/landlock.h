/* landlock.h - the Landlock domain and the environment of a
 * confinement plan, applied by the launcher; the kernel's Landlock ABI,
 * which the planner is given; and --debug's account of the plan. */
#ifndef JAILRUN_LANDLOCK_H
#define JAILRUN_LANDLOCK_H

#include <stdbool.h>

#include "plan.h"
#include "policy.h"
#include "util.h"

/* The running kernel's Landlock ABI version, 0 when it has none. */
int jr_landlock_abi(void);

/* In the launcher, after no_new_privs and before the seccomp filter:
 * the environment, then the Landlock domain (POL's ports and scopes
 * with PLAN's paths).  OUTSIDE_VISIBLE: the target shares jailrun's pid
 * namespace; it then gets a domain in any case, which keeps it from
 * ptrace and (ABI 6) signals of jailrun's processes.  0, or -1 with
 * ERR. */
int jr_confine_restrict(const struct jr_confine *plan,
			const struct jr_policy *pol, bool outside_visible,
			struct jr_err *err);

/* --debug: every mount and path rule with its access rights */
void jr_confine_describe(const struct jr_confine *plan,
			 const struct jr_policy *pol);

#endif
