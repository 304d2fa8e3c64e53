/* supervise.h - the jailrun process outside the sandbox: create it,
 * write its maps, forward signals, and exit with the target's status. */
#ifndef JAILRUN_SUPERVISE_H
#define JAILRUN_SUPERVISE_H

#include "filter.h"
#include "policy.h"

/* Run PATH with ARGV under POL.  Returns jailrun's exit status. */
int jr_run(const struct jr_policy *pol, const struct jr_bpf *prog,
	   const struct jr_bpf *init_prog, const char *path,
	   char *const *argv);

#endif
