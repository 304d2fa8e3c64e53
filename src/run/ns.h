/* ns.h - namespaces: which to create, the clone, uid/gid maps, and what
 * a fresh mount/pid/net namespace needs inside. */
#ifndef JAILRUN_NS_H
#define JAILRUN_NS_H

#include <stdbool.h>
#include <sys/types.h>

#include "policy.h"
#include "util.h"

/* clone() flags for POL; ROOT skips the user namespace.  -1 with ERR set
 * for a combination that cannot work (noroot as root or without the
 * user namespace; nogroups for a user who has supplementary groups and
 * no privilege to drop them). */
int jr_ns_flags(const struct jr_policy *pol, bool root, int *flags,
		struct jr_err *err);

/* nogroups: drop the supplementary groups (as root; for anyone else
 * jr_ns_flags found none).  0, or -1 with errno. */
int jr_ns_drop_groups(const struct jr_policy *pol);

/* fork-like clone into new namespaces: 0 in the child, the child's pid
 * in the parent, -1 with errno. */
pid_t jr_ns_clone(int flags);

/* Map UID and GID to themselves in child PID's user namespace (after
 * "setgroups deny", as an unprivileged process must).  0 or -errno. */
int jr_ns_write_maps(pid_t pid, uid_t uid, gid_t gid);

/* Inside: make / rprivate, mount a fresh /proc (pid namespace), bring up
 * loopback (net namespace).  0, or -1 with ERR set. */
int jr_ns_setup_inside(int flags, struct jr_err *err);

/* --join, in main after the sandbox was checked: open the namespaces of
 * INIT's first child (the init is not dumpable) that differ from ours,
 * checking that the child stays the init's and that INIT_PIDFD and it are
 * alive afterwards, and that its user namespace is a child of ours.  0 or
 * -1 + ERR.  The descriptors wait, for the init jr_run clones. */
int jr_ns_join_prepare(pid_t init, int init_pidfd, struct jr_err *err);
void jr_ns_join_release(void);

/* --join, in the new init: enter the namespaces prepared for INIT, the
 * user namespace first (it gives the rights to enter the others), and
 * close them.  Children forked afterwards are in its pid namespace.  0 or
 * -1 + ERR (nothing prepared for INIT: refused). */
int jr_ns_join(pid_t init, struct jr_err *err);

/* "user mount pid ..." for --debug. */
const char *jr_ns_describe(int flags, char *buf, size_t n);

#endif
