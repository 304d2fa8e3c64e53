/* devices.h - the device classes (sound, 3d, video, dvd, tv, u2f,
 * input) as mounts in a confinement plan: a class's /dev nodes hidden
 * by its no* key, or bound into a private-dev.  Which nodes each class
 * has is in devices.c. */
#ifndef JAILRUN_DEVICES_H
#define JAILRUN_DEVICES_H

#include "plan.h"
#include "policy.h"
#include "util.h"

/* The device classes' mounts for PLAN, the nodes found in DEVDIR
 * (jr_confine_plan passes "/dev"; a test, a directory of its own) and
 * named as they are in /dev.  Called after private-dev's JR_MNT_DEV is
 * in the plan.  0, or -1 with ERR (more nodes than a class may have). */
int jr_devices_plan(const struct jr_policy *pol, const char *devdir,
		    struct jr_confine *plan, struct jr_err *err);

#endif
