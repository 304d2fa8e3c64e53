/* mounts.h - the mounts of a confinement plan, carried out by the init
 * inside the sandbox's new mount namespace (the plan is plan.h's, built
 * by confine.h's jr_confine_plan). */
#ifndef JAILRUN_MOUNTS_H
#define JAILRUN_MOUNTS_H

#include "plan.h"
#include "util.h"

/* The detached trees the mounts were taken from (the empty tmpfs that
 * hides, the bind sources' copies), still open. */
struct jr_mount_held;

/* In the init, inside the new mount namespace: carry out the mounts,
 * phase by phase.  0, or -1 with ERR naming the mount and its origin.
 * With HELD, the detached trees are handed back open (*HELD; NULL when
 * there were no mounts) instead of closed: the last close of a detached
 * mount unmounts it, which waits for an RCU grace period (tens of us,
 * milliseconds on a loaded machine), so the init does it once the
 * target is started (issue 21). */
int jr_confine_mount(const struct jr_confine *plan,
		     struct jr_mount_held **held, struct jr_err *err);

/* Close HELD's trees and free it; NULL is nothing. */
void jr_confine_mount_release(struct jr_mount_held *held);

#endif
