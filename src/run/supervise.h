/* supervise.h - the jailrun process outside the sandbox: create it,
 * write its maps, forward signals, and exit with the target's status. */
#ifndef JAILRUN_SUPERVISE_H
#define JAILRUN_SUPERVISE_H

#include "filter.h"
#include "learn.h"
#include "policy.h"
#include <stdint.h>
#include <sys/types.h>

/* What main decided for this target. */
struct jr_plan {
	const struct jr_bpf *prog;      /* the target's main filter */
	const struct jr_bpf *init_prog; /* the init's own */
	const struct jr_bpf *postexec;  /* the shim's program (len 0: none) */
	const struct jr_bpf *keyring_prog; /* the keyrings' filter, when the
					    * policy leaves them open and only
					    * the launch can tell whether the
					    * target shares the user's (a user
					    * namespace refused, --join); else
					    * NULL (launch.c) */
	bool keyring_warn; /* ... and it named keyring calls to allow */
	const char *shim_path;          /* with postexec */
	bool listener; /* delayed syscalls go to us by user notification */
	bool via_execveat; /* execve allowed, execveat delayed: launch with
			    * execveat so that the launch is notified */
	bool launch_notified; /* the launch call goes to the listener; when
			       * not, the launcher waits for a hand-over byte */
	bool report;       /* name every denied call (and sum them up) */
	bool report_stderr; /* ... on stderr */
	bool report_log;    /* ... in the report log, which the supervisor
			     * opens ($XDG_STATE_HOME/jailrun/NAME.log) */
	bool report_log_must; /* report = log: no log is an error */
	bool ll_notify;    /* and what Landlock's file rules refuse */
	struct jr_learned *learned; /* learning mode: record every call */
	const char *rec_args; /* the options, for the record ("": none) */
	uint64_t digest;      /* jr_policy_digest, for the record */
	pid_t join_init;      /* --join: enter this init's namespaces */
	const struct jr_confine *confine; /* mounts, Landlock, environment */
};

/* Run PATH with ARGV under POL.  Returns jailrun's exit status. */
int jr_run(const struct jr_policy *pol, const struct jr_plan *plan,
	   const char *path, char *const *argv);

#endif
