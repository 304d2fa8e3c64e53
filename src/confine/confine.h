/* confine.h - what reaches the sandbox's file system: mounts in its own
 * mount namespace, Landlock rules, and the environment that goes with
 * them (desktop sockets).
 *
 * A plan is built from the policy in the supervisor, before the clone
 * (jr_confine_plan: paths expanded and checked, nothing touched; errors
 * come back with FILE:LINE).  The init carries out the mounts
 * (jr_confine_mount, mounts.h), the launcher the Landlock rules and the
 * environment (jr_confine_restrict, landlock.h).  The plan is plain data: the clone
 * gives the init and the launcher their copies. */
#ifndef JAILRUN_CONFINE_H
#define JAILRUN_CONFINE_H

#include <stdbool.h>

#include "plan.h"
#include "policy.h"
#include "util.h"

/* Build PLAN from POL for the target PATH.  ABI is the kernel's Landlock
 * ABI (jr_landlock_abi(), landlock.h; a test passes any).  0, or -1 with ERR. */
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

/* Whether M is optional and its path (or its source) is missing now: the
 * init skips it. */
bool jr_confine_mount_skipped(const struct jr_mount *m);

/* The first mount of PLAN that needs a mount namespace now: not a mkdir,
 * not an optional one (a blacklist, a whitelist) whose path is missing at
 * this moment, which the init would skip; NULL when there is none.  Where
 * no mount namespace can be had, this decides between refusing and
 * running: a path that does not exist has nothing to hide. */
const struct jr_mount *jr_confine_needed_mount(const struct jr_confine *plan);

#endif
