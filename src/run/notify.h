/* notify.h - seccomp user notification, the supervisor's side: take the
 * launcher's listener, let the launch through (the launcher's own execve,
 * and its one read of the hand-over byte, before any target code exists),
 * answer every later call with the policy's verdict, name it (report),
 * or record it and let it run (learn). */
#ifndef JAILRUN_NOTIFY_H
#define JAILRUN_NOTIFY_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <sys/types.h>

#include "learn.h"
#include "plan.h"
#include "policy.h"
#include "report.h"
#include "util.h"

struct jr_notify {
	int fd;        /* the listener; -1 until taken */
	pid_t launcher; /* in our pid namespace */
	bool launched; /* the launch is over: its execve was let through,
			* or it has succeeded or failed (exec_fd) */
	int exec_fd;   /* the read end of the launcher's pipe of the
			* launch's end, from its hello (-1 before; owned):
			* the write end is close-on-exec and only ever the
			* launcher's, so the pipe is ready from the moment its
			* execve ends, before any target code runs */
	int ack_fd;    /* the launcher's descriptor for the hand-over byte,
			* -1 when the launch is notified instead */
	bool acked;    /* its one read has been let through */
	bool report;   /* name each denied call (jr_notify_say) */
	bool report_stderr; /* on stderr */
	int log_fd;    /* and in the report log (-1: none) */
	bool killed_target; /* action kill: we killed the launcher's pid */
	struct jr_report *rep;       /* counts, with report */
	struct jr_learned *learned;  /* learning mode: record, allow all */
	const struct jr_confine *llcheck; /* report: name what these
					   * Landlock file rules refuse */
	char **ll_real;  /* the rules' paths resolved (lazily) */
	const char *runtime; /* $XDG_RUNTIME_DIR, for desktop sockets */
	unsigned denied;
	unsigned ll_refused; /* Landlock refusals named */
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	size_t req_size, resp_size;
};

/* Whether a filter with a new listener can be loaded here (not when an
 * ancestor filter already has one: EBUSY; not on old kernels). */
bool jr_notify_possible(void);

/* Take descriptor REMOTE_FD from process PID (retrying while it does not
 * exist yet) and check that it is a seccomp listener.  0 or -1 + ERR. */
int jr_notify_take(struct jr_notify *n, pid_t pid, int remote_fd,
		   struct jr_err *err);

/* Receive one notification and answer it.  0, or -1 when the listener is
 * gone. */
int jr_notify_handle(struct jr_notify *n, const struct jr_policy *pol);

void jr_notify_close(struct jr_notify *n);

/* One report line (FMT without the newline): on stderr when
 * report_stderr, and appended to the report log (log_fd) with the time
 * and jailrun's pid in front. */
void jr_notify_say(const struct jr_notify *n, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
