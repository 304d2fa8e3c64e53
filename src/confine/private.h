/* private.h - the plan of the private directory keys: private-etc,
 * private-bin, private-opt, private-srv (a tmpfs over the directory
 * holding only the listed entries, bound from the real one), machine-id
 * (a random one per sandbox) and bind = SRC,DST (who may bind where).
 * Pure: reads the file system and the password file, touches nothing. */
#ifndef JAILRUN_PRIVATE_H
#define JAILRUN_PRIVATE_H

#include "plan.h"
#include "policy.h"
#include "util.h"

/* What private-etc always holds besides the listed entries (passwd and
 * group are generated: jr_private_passwd), NULL-terminated. */
extern const char *const jr_private_etc_always[];

/* Add POL's private-* directories, machine-id and binds to PLAN (phase
 * JR_PH_PRIV, read-only in JR_PH_RO).  0, or -1 with ERR. */
int jr_private_plan(const struct jr_policy *pol, struct jr_confine *plan,
		    struct jr_err *err);

/* The passwd (GROUP false) or group file of a private /etc: the lines of
 * root, the calling user and nobody (groups: root, the user's, nogroup),
 * from the password and group files.  A malloc'd string, or NULL with
 * ERR. */
char *jr_private_passwd(bool group, struct jr_err *err);

#endif
