/* notify.c - the supervisor's seccomp listener.
 *
 * It never CONTINUEs a call made by target code: the one call it lets
 * through is the launcher's execve of the target, identified by pid and
 * taken once.  So the user-notify TOCTOU caveat (a CONTINUEd call's
 * arguments can change after the check) does not apply.  Permissive mode
 * (seccomp.action=log) is the exception by design: it allows everything. */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <linux/filter.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "notify.h"
#include "syscalls.h"

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

static long seccomp_call(unsigned op, unsigned flags, void *arg)
{
	return syscall(SYS_seccomp, op, flags, arg);
}

bool jr_notify_possible(void)
{
	/* Unfiltered, on a kernel with user notification (libseccomp API
	 * level 5+): no ancestor listener can exist, so no probe is needed.
	 * That spares every launch a fork (about 1 ms measured here). */
	if (seccomp_api_get() >= 5 && prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0)
		return true;
	/* A child loads an allow-all filter with a new listener: EBUSY
	 * when an ancestor filter already has one (nested sandbox). */
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { .len = 1, .filter = &allow };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return false;
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(1);
		_exit(seccomp_call(SECCOMP_SET_MODE_FILTER,
				   SECCOMP_FILTER_FLAG_NEW_LISTENER,
				   &prog) < 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool is_listener(int fd)
{
	char link[64], target[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	return strcmp(target, "anon_inode:seccomp notify") == 0;
}

static int alloc_bufs(struct jr_notify *n, struct jr_err *err)
{
	struct seccomp_notif_sizes sizes;

	if (seccomp_call(SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0)
		return jr_fail(err, NULL, "seccomp notification sizes: %s",
			       strerror(errno));
	n->req_size = sizes.seccomp_notif > sizeof(*n->req) ?
			      sizes.seccomp_notif :
			      sizeof(*n->req);
	n->resp_size = sizes.seccomp_notif_resp > sizeof(*n->resp) ?
			       sizes.seccomp_notif_resp :
			       sizeof(*n->resp);
	n->req = xcalloc(1, n->req_size);
	n->resp = xcalloc(1, n->resp_size);
	return 0;
}

int jr_notify_take(struct jr_notify *n, pid_t pid, int remote_fd,
		   struct jr_err *err)
{
	cleanup_fd int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct timespec pause = { 0, 20 * 1000 };

	n->fd = -1;
	n->launcher = pid;
	if (pidfd < 0)
		return jr_fail(err, NULL, "pidfd_open(%d): %s", (int)pid,
			       strerror(errno));
	/* The launcher loads its filter right after telling us the number;
	 * until then the descriptor does not exist (EBADF).  Its execve
	 * then waits for our answer, so the listener cannot go away. */
	for (int tries = 0; tries < 250000; tries++) {
		n->fd = (int)syscall(SYS_pidfd_getfd, pidfd, remote_fd, 0);
		if (n->fd >= 0 || errno != EBADF)
			break;
		nanosleep(&pause, NULL);
	}
	if (n->fd < 0)
		return jr_fail(err, NULL,
			       "taking the seccomp listener (pidfd_getfd): %s",
			       strerror(errno));
	if (!is_listener(n->fd)) {
		close(n->fd);
		n->fd = -1;
		return jr_fail(err, NULL,
			       "descriptor %d of the launcher is not a "
			       "seccomp listener",
			       remote_fd);
	}
	return alloc_bufs(n, err);
}

static void deny(struct jr_notify *n, const struct jr_policy *pol)
{
	char name[64];

	n->denied++;
	if (pol->action == JR_ACT_KILL)
		kill((pid_t)n->req->pid, SIGKILL);
	n->resp->error = -(pol->action == JR_ACT_ERRNO ? pol->action_errno :
							 EPERM);
	debugx("supervisor: denied %s by pid %u",
	       jr_syscall_name(n->req->data.nr, name, sizeof(name)),
	       n->req->pid);
}

int jr_notify_handle(struct jr_notify *n, const struct jr_policy *pol)
{
	memset(n->req, 0, n->req_size);
	if (ioctl(n->fd, SECCOMP_IOCTL_NOTIF_RECV, n->req) < 0)
		return errno == EINTR || errno == ENOENT ? 0 : -1;
	memset(n->resp, 0, n->resp_size);
	n->resp->id = n->req->id;
	if (!n->launched && (pid_t)n->req->pid == n->launcher) {
		/* the launcher's execve of the target: no target code yet */
		n->launched = true;
		n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else if (pol->action == JR_ACT_LOG) {
		n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else {
		deny(n, pol);
	}
	if (ioctl(n->fd, SECCOMP_IOCTL_NOTIF_SEND, n->resp) < 0 &&
	    errno != ENOENT)
		return -1;
	return 0;
}

void jr_notify_close(struct jr_notify *n)
{
	if (n->fd >= 0)
		close(n->fd);
	n->fd = -1;
	free(n->req);
	free(n->resp);
	n->req = NULL;
	n->resp = NULL;
}
