/* process.h - what the target's process gets besides filters: its
 * environment, working directory, resource limits, session (the
 * grammars of those keys' values are in values.h).  Appliers return 0
 * or -errno with WHAT naming the step; the launcher dies on them (it is
 * an edge). */
#ifndef JAILRUN_PROCESS_H
#define JAILRUN_PROCESS_H

#include <stdint.h>
#include <sys/resource.h>

#include "policy.h"
#include "util.h"

/* The resource of rlimit index I (JR_RLIM_*); its key is
 * jr_rlimit_key(I) (values.h). */
int jr_rlimit_resource(int i);

/* Unset every variable whose "NAME=VALUE" entry DROP is true for.
 * 0 or -errno. */
int jr_env_drop(bool (*drop)(const char *entry));

/* Unset the names UNSET, then put the "NAME=VALUE" entries SET (which
 * become part of the environment: they must outlive it).  0 or -errno. */
int jr_env_change(const char *const *unset, size_t nunset,
		  const char *const *set, size_t nset);

/* In the launcher, in this order: environment (clear, unset, set),
 * working directory, limits, session.  On failure WHAT names the step;
 * a step a profile asked for names its FILE:LINE, key and value
 * ("p.profile:3: chdir = /nowhere"), and a limit above the hard limit
 * says so. */
int jr_process_apply(const struct jr_policy *pol, const char **what);

#endif
