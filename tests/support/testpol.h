/* testpol.h - a policy built from KEY=VALUE strings, for the unit tests
 * of the planners. */
#ifndef JAILRUN_TESTPOL_H
#define JAILRUN_TESTPOL_H

#include "policy.h"
#include "util.h"

/* Free *POL, make a fresh one with each KEY=VALUE (or bare KEY) of the
 * NULL-terminated list applied; ERR is cleared first and holds the last
 * failure, which is also said as a TAP diagnostic (through DIAG). */
void jrt_policy_with(struct jr_policy **pol, struct jr_err *err,
		     void (*diag)(const char *msg), const char *kv, ...);

#endif
