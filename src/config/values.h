/* values.h - the grammars of the process keys' values (env.set,
 * env.unset, rlimit.*, timeout), for the key table's setters; the
 * appliers are process.h's, in the launcher.  Each parser returns 0, or
 * -1 with ERR naming WHERE. */
#ifndef JAILRUN_VALUES_H
#define JAILRUN_VALUES_H

#include <stdbool.h>
#include <sys/resource.h>

#include "policy.h"
#include "util.h"

/* NAME=VALUE: NAME a valid variable name.  0 or -1 with ERR. */
int jr_env_check(const char *assignment, const char *where,
		 struct jr_err *err);
int jr_env_name_check(const char *name, const char *where,
		      struct jr_err *err);

/* "unlimited", or a number with an optional K/M/G (x1024) suffix when
 * BYTES.  0 or -1 with ERR. */
int jr_rlimit_parse(const char *value, bool bytes, rlim_t *out,
		    const char *where, struct jr_err *err);

/* "SECONDS", or with an s/m/h suffix; 1 s to 30 days. */
int jr_duration_parse(const char *value, unsigned *seconds,
		      const char *where, struct jr_err *err);

/* The key of rlimit index I (JR_RLIM_*): "rlimit.as", ... */
const char *jr_rlimit_key(int i);

#endif
