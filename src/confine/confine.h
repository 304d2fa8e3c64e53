/* confine.h - what reaches the sandbox's file system: mounts in its own
 * mount namespace, Landlock rules, and the environment that goes with
 * them (desktop sockets).
 *
 * A plan is built from the policy in the supervisor, before the clone
 * (jr_confine_plan: paths expanded and checked, nothing touched; errors
 * come back with FILE:LINE).  The init carries out the mounts
 * (jr_confine_mount), the launcher the Landlock rules and the
 * environment (jr_confine_restrict).  The plan is plain data: the clone
 * gives the init and the launcher their copies. */
#ifndef JAILRUN_CONFINE_H
#define JAILRUN_CONFINE_H

#include <stdbool.h>

#include "plan.h"
#include "policy.h"
#include "util.h"

/* Build PLAN from POL for the target PATH.  ABI is the kernel's Landlock
 * ABI (jr_landlock_abi(); a test passes any).  0, or -1 with ERR. */
int jr_confine_plan(const struct jr_policy *pol, const char *path, int abi,
		    struct jr_confine *plan, struct jr_err *err);

/* The hiding mount (blacklist, a hidden desktop socket) that makes PATH,
 * symlinks resolved, disappear in the sandbox; NULL when none does.  A
 * file jailrun itself needs inside (the postexec shim) must not be
 * hidden: ld.so ignores a preload it cannot open. */
const struct jr_mount *jr_confine_hiding(const struct jr_confine *plan,
					 const char *path);

/* Whether PLAN mounts anything (mkdir alone needs no namespace). */
bool jr_confine_has_mounts(const struct jr_confine *plan);

/* The running kernel's Landlock ABI version, 0 when it has none. */
int jr_landlock_abi(void);

/* In the init, inside the new mount namespace: carry out the mounts,
 * phase by phase.  0, or -1 with ERR naming the mount and its origin. */
int jr_confine_mount(const struct jr_confine *plan, struct jr_err *err);

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
