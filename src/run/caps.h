/* caps.h - capabilities, dropped from every set with direct calls. */
#ifndef JAILRUN_CAPS_H
#define JAILRUN_CAPS_H

#include "policy.h"

/* Apply caps.drop / caps.keep to the calling process: effective,
 * permitted, inheritable, bounding and ambient sets, so that no execve
 * (even as root) regains a dropped capability; kept ones are raised into
 * the ambient set so they survive execve for a non-root uid.  Returns 0,
 * 1 when the bounding set could not be changed (no CAP_SETPCAP), or -1;
 * *what says which step. */
/* Whether the target keeps capability CAP under POL (when it has it). */
bool jr_caps_keeps(const struct jr_policy *pol, int cap);

int jr_caps_apply(const struct jr_policy *pol, const char **what);

#endif
