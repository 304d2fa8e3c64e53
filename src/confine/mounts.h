/* mounts.h - the mounts of a confinement plan, carried out by the init
 * inside the sandbox's new mount namespace (the plan is plan.h's, built
 * by confine.h's jr_confine_plan). */
#ifndef JAILRUN_MOUNTS_H
#define JAILRUN_MOUNTS_H

#include "plan.h"
#include "util.h"

/* In the init, inside the new mount namespace: carry out the mounts,
 * phase by phase.  0, or -1 with ERR naming the mount and its origin. */
int jr_confine_mount(const struct jr_confine *plan, struct jr_err *err);

#endif
