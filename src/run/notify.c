/* notify.c - the supervisor's seccomp listener.
 *
 * It never CONTINUEs a call made by target code: the calls it lets
 * through are the launcher's execve of the target and its one read of
 * the hand-over byte, identified by pid and each taken once.  Its
 * verdicts read only register arguments, which the kernel copied.  So
 * the user-notify TOCTOU caveat (a CONTINUEd call's pointed-to arguments
 * can change after the check) does not apply.  Permissive mode
 * (seccomp.action=log) and learning are the exception by design: they
 * allow everything. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <linux/filter.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "filter.h"
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

/* Kill the caller as the kernel's KILL_PROCESS would (SIGKILL: a
 * SIGSYS could be caught), through a pidfd checked to still belong to
 * the task that is waiting on this notification. */
static void kill_caller(struct jr_notify *n)
{
	pid_t pid = (pid_t)n->req->pid;
	cleanup_fd int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (pidfd < 0 ||
	    ioctl(n->fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &n->req->id) < 0)
		return; /* gone already */
	if (syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0) == 0 &&
	    pid == n->launcher)
		n->killed_target = true;
}

static void comm_of(pid_t pid, char *buf, size_t size)
{
	char path[64];
	cleanup_fd int fd = -1;
	ssize_t r;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	r = fd >= 0 ? read(fd, buf, size - 1) : -1;
	if (r <= 0)
		r = snprintf(buf, size, "?");
	buf[r] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

void jr_notify_say(const struct jr_notify *n, const char *fmt, ...)
{
	char line[1024], stamp[32], out[1100];
	struct tm tm;
	time_t now = time(NULL);
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (n->report_stderr)
		fprintf(stderr, "%s\n", line);
	if (n->log_fd < 0)
		return;
	if (!gmtime_r(&now, &tm) ||
	    !strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm))
		stamp[0] = '\0';
	/* one write per line (O_APPEND): lines of sandboxes sharing a log
	 * never interleave; a full disk loses the line, not the sandbox */
	len = snprintf(out, sizeof(out), "%s [%d] %s\n", stamp, (int)getpid(),
		       line);
	if (len > 0 && (size_t)len < sizeof(out) &&
	    write(n->log_fd, out, (size_t)len) < 0)
		return;
}

/* jailrun: blocked: ls[1234] socket(AF_INET, SOCK_STREAM, 0) = EAFNOSUPPORT
 *   — family not in protocol (AF_INET) in x.profile:4 */
static void say(struct jr_notify *n, const struct jr_verdict *v)
{
	char raw[32], comm[128], call[160], result[48] = "";
	pid_t pid = (pid_t)n->req->pid;

	if (!jr_report_note(n->rep, pid, n->req->data.nr) || !n->report)
		return;
	/* the target names itself (prctl, the file it runs): never let
	 * that name reach the user's terminal as escape sequences */
	comm_of(pid, raw, sizeof(raw));
	jr_escape(raw, comm, sizeof(comm));
	jr_report_call(&n->req->data, call, sizeof(call));
	if (v->kind == JR_V_KILL)
		snprintf(result, sizeof(result), "killed");
	else if (v->kind == JR_V_ERRNO)
		snprintf(result, sizeof(result), "= %s", jr_errno_name(v->err));
	jr_notify_say(n, "jailrun: %s: %s[%d] %s%s%s \u2014 %s",
		v->kind == JR_V_CONTINUE ? "allowed (seccomp.action=log)" :
					   "blocked",
		comm, (int)pid, call, v->kind == JR_V_CONTINUE ? "" : " ",
		v->kind == JR_V_CONTINUE ? "" : result, v->reason);
}

static void answer(struct jr_notify *n, const struct jr_policy *pol)
{
	struct jr_verdict v;

	jr_verdict_for(pol, &n->req->data, &v);
	say(n, &v);
	switch (v.kind) {
	case JR_V_CONTINUE:
		n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		return;
	case JR_V_KILL:
		kill_caller(n);
		break;
	case JR_V_ERRNO:
		break;
	}
	n->denied++;
	n->resp->error = -(v.kind == JR_V_ERRNO ? v.err : EPERM);
}

/* Whether the launch is over.  Asked when a notification arrives, and
 * the exec-failure pipe was closed by the launcher's execve before the
 * target could make any call: a call of target code always finds it
 * over, whether or not the launch itself was a notified call (with
 * reporting on, an allowed execve launches unseen).  An error of poll
 * counts as over: fail closed. */
static bool launch_over(struct jr_notify *n)
{
	struct pollfd p = { .fd = n->exec_fd, .events = POLLIN };

	if (!n->launched && (n->exec_fd < 0 || poll(&p, 1, 0) != 0))
		n->launched = true;
	return n->launched;
}

/* The launcher's own calls, before the target exists: the execve of the
 * target, and the one read of the hand-over byte.  Each is let through
 * once, only for the launcher's pid, and only while the launch is not
 * over; everything after is target code. */
static bool launch_call(struct jr_notify *n)
{
	const struct seccomp_data *d = &n->req->data;
	int read_nr;

	if ((pid_t)n->req->pid != n->launcher || launch_over(n))
		return false;
	if (jr_filter_is_exec(d->nr)) {
		n->launched = true;
		return true;
	}
	if (n->ack_fd >= 0 && !n->acked &&
	    jr_syscall_resolve("read", &read_nr) == JR_SC_NATIVE &&
	    d->nr == read_nr && d->args[0] == (uint64_t)n->ack_fd) {
		n->acked = true;
		return true;
	}
	return false;
}

int jr_notify_handle(struct jr_notify *n, const struct jr_policy *pol)
{
	bool launch;

	memset(n->req, 0, n->req_size);
	if (ioctl(n->fd, SECCOMP_IOCTL_NOTIF_RECV, n->req) < 0)
		return errno == EINTR || errno == ENOENT ? 0 : -1;
	memset(n->resp, 0, n->resp_size);
	n->resp->id = n->req->id;
	launch = launch_call(n);
	if (n->learned) {
		/* learning: every call runs; the hand-over read is ours */
		if (!launch || jr_filter_is_exec(n->req->data.nr))
			jr_learned_note(n->learned, &n->req->data, launch);
		n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else if (launch) {
		n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else {
		answer(n, pol);
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
