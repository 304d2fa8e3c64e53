/* launch.h - the inside of the sandbox: the init (pid 1) and the launcher
 * whose last act is execve of the target (DESIGN §4). */
#ifndef JAILRUN_LAUNCH_H
#define JAILRUN_LAUNCH_H

#include <sched.h>
#include <signal.h>
#include <sys/types.h>

#include "filter.h"
#include "policy.h"

struct jr_launch {
	const struct jr_policy *pol;
	const struct jr_bpf *prog;      /* the target's filter (may be empty) */
	const struct jr_bpf *init_prog; /* the init's own filter */
	const char *path;               /* resolved target */
	char *const *argv;
	int ns_flags;
	int sync_fd;     /* read end: the supervisor has written the maps */
	int execfail_fd; /* write end: errno of a failed execve */
	int status_fd;   /* write end: the target's wait status, once reaped */
	int hello_fd;    /* to the supervisor: the listener's fd number, or
			  * -1 when no listener is used */
	int postexec_fd; /* sealed memfd with the shim's program, or -1 */
	const char *shim_path; /* set with postexec_fd */
	bool via_execveat; /* launch with execveat: the delayed one, so the
			    * launch waits for the supervisor's hand-over */
	pid_t join_init;   /* --join: enter its namespaces, create none */
	bool await_ack;    /* the launch is not notified: wait on hello_fd
			    * until the supervisor has taken the listener */
	const struct jr_confine *confine; /* mounts (init), Landlock and
					   * environment (launcher) */
	const char *nft_path;  /* net.allow/net.deny/netfilter: the init */
	const char *nft_rules; /* loads these with nft, or NULL */
	int netlog_fd;         /* --report: to the supervisor, the socket of the
			  * refusals' log (net.c), or -1 */
	sigset_t signals; /* blocked by the supervisor; the init forwards them */
	ino_t outer_pidns; /* the supervisor's pid namespace (0: unknown): a
			    * launcher still in it can see jailrun's
			    * processes */
	const struct jr_bpf *keyring_prog; /* the policy leaves the keyrings
					    * open: this closes them where
					    * the target shares the user's */
	ino_t outer_userns; /* with keyring_prog: the supervisor's user
			     * namespace (0: unknown, counted as shared) */
};

/* Whether the launch makes a pid namespace of its own (not --join): the
 * target can then never see jailrun's processes, and nobody needs to ask
 * which namespace it is in. */
static inline bool jr_launch_own_pidns(const struct jr_launch *l)
{
	return !l->join_init && (l->ns_flags & CLONE_NEWPID);
}

/* The child of the clone.  Never returns. */
__attribute__((noreturn)) void jr_init_main(const struct jr_launch *l);

/* Find NAME in PATH (or take it as a path when it has a '/'), skipping
 * jailrun itself (its shortcuts).  Returns 0 with a malloc'd *path,
 * -ENOENT, or -EACCES. */
int jr_find_program(const char *name, char **path);

struct stat;
bool jr_is_self(const struct stat *st);

#endif
