/* notify.c - the supervisor's seccomp listener.
 *
 * It never CONTINUEs a call made by target code: the calls it lets
 * through are the launcher's execve of the target and its one read of
 * the hand-over byte, identified by pid and each taken once.  Its
 * verdicts read only register arguments, which the kernel copied.  So
 * the user-notify TOCTOU caveat (a CONTINUEd call's pointed-to arguments
 * can change after the check) does not apply.  Permissive mode
 * (seccomp.action=log) and learning are the exception by design: they
 * allow everything.  So are the path calls of a reporting run under
 * Landlock file rules: the filter allows them, they come here only to
 * be named, and are CONTINUEd as ALLOW would have let them run; Landlock
 * decides on the path the kernel then reads itself. */
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
#include <limits.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "argrules.h"
#include "elfinfo.h"
#include "filter.h"
#include "notify.h"
#include "report.h"
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
	char line[8192], stamp[32], out[8300];
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

	if (!n->rep || !jr_report_note(n->rep, pid, n->req->data.nr) ||
	    !n->report)
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
 * the launcher's pipe of the launch's end was closed by its execve
 * before the target could make any call: a call of target code always
 * finds it over, whether or not the launch itself was a notified call
 * (with reporting on, an allowed execve launches unseen).  No pipe, or
 * an error of poll, counts as over: fail closed. */
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

/* ---- the target's paths ------------------------------------------------
 *
 * Read from its memory (/proc/PID/mem), its working directory and
 * descriptors (/proc/PID/cwd, /proc/PID/fd/N).  Only ever used to learn
 * or to name: the call is CONTINUEd either way and the kernel (Landlock)
 * decides on what it then reads itself, so that the target can change
 * the string after our read changes nothing but what is recorded.  A
 * read is kept only when the notification is still valid after it: the
 * pid was not reused by another task meanwhile. */

static bool still_valid(struct jr_notify *n)
{
	return ioctl(n->fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &n->req->id) == 0;
}

/* SIZE bytes at ADDR in the target's memory, page by page: a string
 * (TO_NUL) may end just before an unmapped page, and the read stops at
 * the page that holds its NUL.  A struct (a sockaddr: its family's high
 * byte is a NUL) is read whole, whichever pages it spans.  Bytes read,
 * or -1. */
static ssize_t read_mem(struct jr_notify *n, uint64_t addr, void *buf,
			size_t size, bool to_nul)
{
	char path[64];
	cleanup_fd int fd = -1;
	size_t got = 0;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)n->req->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (got < size) {
		size_t page = 4096 - (size_t)((addr + got) % 4096);
		size_t want = size - got < page ? size - got : page;
		ssize_t r = pread(fd, (char *)buf + got, want,
				  (off_t)(addr + got));

		if (r <= 0)
			break;
		got += (size_t)r;
		if (to_nul && memchr((char *)buf + got - (size_t)r, '\0',
				     (size_t)r))
			break;
	}
	return got ? (ssize_t)got : -1;
}

static int read_string(struct jr_notify *n, uint64_t addr, char *buf,
		       size_t size)
{
	ssize_t r = read_mem(n, addr, buf, size - 1, true);

	if (r < 0)
		return -1;
	buf[r] = '\0';
	return memchr(buf, '\0', (size_t)r + 1) && strlen(buf) < size - 1 ?
		       0 :
		       -1;
}

static int read_link(pid_t pid, const char *what, char *buf, size_t size)
{
	char link[64];
	ssize_t r;

	snprintf(link, sizeof(link), "/proc/%d/%s", (int)pid, what);
	r = readlink(link, buf, size - 1);
	if (r <= 0 || buf[0] != '/')
		return -1;
	buf[r] = '\0';
	return 0;
}

/* The absolute path argument PATH_ARG names, resolved against DIRFD_ARG
 * (-1: the working directory), into OUT.  0 or -1. */
static int target_path(struct jr_notify *n, int dirfd_arg, int path_arg,
		       bool empty_ok, char *out, size_t size)
{
	const struct seccomp_data *d = &n->req->data;
	char rel[PATH_MAX], base[PATH_MAX], joined[2 * PATH_MAX + 2];
	pid_t pid = (pid_t)n->req->pid;
	int dirfd = dirfd_arg < 0 ? AT_FDCWD : (int)d->args[dirfd_arg];

	if (read_string(n, d->args[path_arg], rel, sizeof(rel)) < 0)
		return -1;
	if (!rel[0] && !empty_ok)
		return -1;
	if (rel[0] != '/') {
		char fd[32];

		snprintf(fd, sizeof(fd), "fd/%d", dirfd);
		if (read_link(pid, dirfd == AT_FDCWD ? "cwd" : fd, base,
			      sizeof(base)) < 0)
			return -1;
		snprintf(joined, sizeof(joined), "%s/%s", base, rel);
	} else {
		snprintf(joined, sizeof(joined), "%s", rel);
	}
	if (!still_valid(n))
		return -1;
	return jr_lf_normalise(joined, out, size);
}

/* stat PATH as the target sees it (through its root).  Its /proc is
 * its pid namespace's, where "self" is not us: taken as there. */
static int target_stat(pid_t pid, const char *path, struct stat *st)
{
	char at[PATH_MAX + 64];

	if (jr_path_beneath(path, "/proc")) {
		memset(st, 0, sizeof(*st));
		return 0;
	}
	snprintf(at, sizeof(at), "/proc/%d/root%s", (int)pid, path);
	return stat(at, st);
}

/* Learning: what Landlock checks is the file PATH resolves to
 * (/usr/share/locale/locale.alias -> /etc/locale.alias): that too. */
static void note_resolved(struct jr_learned *l, pid_t pid, const char *path,
			  unsigned acc)
{
	char at[PATH_MAX + 64], prefix[64];
	cleanup_free char *real = NULL;
	size_t plen;

	acc &= JR_LF_READ | JR_LF_WRITE | JR_LF_EXEC;
	if (!acc || jr_path_beneath(path, "/proc"))
		return;
	snprintf(at, sizeof(at), "/proc/%d/root%s", (int)pid, path);
	real = realpath(at, NULL);
	plen = (size_t)snprintf(prefix, sizeof(prefix), "/proc/%d/root",
				(int)pid);
	if (!real || real[0] != '/' || strcmp(real, path) == 0 ||
	    strncmp(real, prefix, plen) == 0)
		return;
	jr_learnfs_add(&l->fs, real, acc);
}

/* The open flags of an open call (creat's implied ones, openat2's from
 * its struct open_how).  0 or -1. */
static int open_flags(struct jr_notify *n, const struct jr_pathcall *pc,
		      uint64_t *flags)
{
	const struct seccomp_data *d = &n->req->data;

	if (pc->kind != JR_PC_OPEN)
		return -1;
	if (pc->flags == -2)
		*flags = O_CREAT | O_WRONLY | O_TRUNC;
	else if (pc->flags == -3)
		return read_mem(n, d->args[2], flags, sizeof(*flags), false) ==
				       sizeof(*flags) ?
			       0 :
			       -1;
	else if (pc->flags >= 0)
		*flags = d->args[pc->flags];
	else
		return -1;
	return 0;
}

/* What one path call will do: JR_LF_* on the path (and, for a rename,
 * CREATE on the second path).  0 when there is nothing to record (a
 * missing file opened without O_CREAT fails before any Landlock
 * check; O_PATH is not checked). */
static unsigned call_access(struct jr_notify *n, const struct jr_pathcall *pc,
			    const char *path)
{
	struct stat st;
	bool exists = target_stat((pid_t)n->req->pid, path, &st) == 0;
	uint64_t flags;
	unsigned acc = 0;

	switch (pc->kind) {
	case JR_PC_EXEC:
		return exists ? JR_LF_EXEC : 0;
	case JR_PC_CREATE:
		/* a name made that exists (EEXIST), or removed that does
		 * not (ENOENT), fails before Landlock is asked */
		if (strncmp(pc->name, "unlink", 6) == 0 ||
		    strcmp(pc->name, "rmdir") == 0 ||
		    strncmp(pc->name, "rename", 6) == 0)
			return exists ? JR_LF_CREATE : 0;
		return exists ? 0 : JR_LF_CREATE;
	case JR_PC_WRITE:
		return exists ? JR_LF_WRITE : 0;
	case JR_PC_OPEN:
		break;
	}
	if (open_flags(n, pc, &flags) < 0)
		return 0;
	if (flags & O_PATH)
		return 0;
	if (!exists)
		return flags & O_CREAT ? JR_LF_CREATE : 0;
	if ((flags & O_ACCMODE) != O_WRONLY)
		acc |= JR_LF_READ;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		acc |= JR_LF_WRITE;
	return acc;
}

/* Learning: an executed program's interpreters (#! and the ELF
 * loader), which the kernel opens with the exec right too. */
static void note_interps(struct jr_learned *l, pid_t pid, const char *path)
{
	cleanup_free struct jr_elf_info *elf = xcalloc(1, sizeof(*elf));
	char at[PATH_MAX + 64];

	snprintf(at, sizeof(at), "/proc/%d/root%s", (int)pid, path);
	if (jr_elf_classify(at, elf) < 0)
		return;
	for (int i = 0; i < elf->scripts; i++)
		if (elf->chain[i][0] == '/')
			jr_learnfs_add(&l->fs, elf->chain[i], JR_LF_EXEC);
	if (elf->interp[0] == '/')
		jr_learnfs_add(&l->fs, elf->interp, JR_LF_EXEC);
}

/* Learning: connect/bind to a TCP port, or to a desktop socket. */
static void note_socket(struct jr_notify *n, bool bind_call)
{
	const struct seccomp_data *d = &n->req->data;
	struct sockaddr_storage sa;
	size_t len = d->args[2] < sizeof(sa) ? (size_t)d->args[2] : sizeof(sa);
	struct jr_learned *l = n->learned;

	memset(&sa, 0, sizeof(sa));
	if (len < sizeof(sa_family_t) ||
	    read_mem(n, d->args[1], &sa, len, false) != (ssize_t)len ||
	    !still_valid(n))
		return;
	if (sa.ss_family == AF_INET || sa.ss_family == AF_INET6) {
		unsigned port = ntohs(sa.ss_family == AF_INET ?
				      ((struct sockaddr_in *)&sa)->sin_port :
				      ((struct sockaddr_in6 *)&sa)->sin6_port);
		uint64_t *ports = bind_call ? l->bind : l->connect;

		ports[port / 64] |= 1ULL << (port % 64);
	} else if (sa.ss_family == AF_UNIX && !bind_call &&
		   len > offsetof(struct sockaddr_un, sun_path)) {
		struct sockaddr_un *un = (struct sockaddr_un *)&sa;
		char name[sizeof(un->sun_path) + 1];
		size_t nlen = len - offsetof(struct sockaddr_un, sun_path);

		memcpy(name, un->sun_path, nlen);
		name[nlen] = '\0';
		if (!name[0] && nlen > 1)
			name[0] = '@';
		l->desktop |= jr_learned_desktop_of(name, n->runtime);
	}
}

static unsigned learn_refused(struct jr_notify *n, const char *path,
			      unsigned acc);

static void learn_call(struct jr_notify *n)
{
	const struct seccomp_data *d = &n->req->data;
	const struct jr_pathcall *pc = jr_filter_path_call(d->nr);
	char path[PATH_MAX];
	int nr_connect, nr_bind;
	unsigned acc;

	if (!pc) {
		if (jr_syscall_resolve("connect", &nr_connect) == JR_SC_NATIVE &&
		    d->nr == nr_connect)
			note_socket(n, false);
		else if (jr_syscall_resolve("bind", &nr_bind) == JR_SC_NATIVE &&
			 d->nr == nr_bind)
			note_socket(n, true);
		return;
	}
	if (target_path(n, pc->dirfd, pc->path,
			pc->kind == JR_PC_EXEC && pc->flags >= 0 &&
				(d->args[pc->flags] & AT_EMPTY_PATH),
			path, sizeof(path)) < 0)
		return;
	acc = learn_refused(n, path, call_access(n, pc, path));
	if (acc)
		jr_learnfs_add(&n->learned->fs, path, acc);
	if (acc & JR_LF_EXEC)
		note_interps(n->learned, (pid_t)n->req->pid, path);
	note_resolved(n->learned, (pid_t)n->req->pid, path, acc);
	if (pc->path2 >= 0 &&
	    target_path(n, pc->dirfd2, pc->path2, false, path,
			sizeof(path)) == 0 &&
	    learn_refused(n, path, JR_LF_CREATE))
		jr_learnfs_add(&n->learned->fs, path, JR_LF_CREATE);
}

/* ---- naming Landlock's refusals ---------------------------------------- */

static void parent_dir(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash && slash != path ? (size_t)(slash - path) : 1;

	snprintf(out, size, "%.*s", (int)len, path);
}

/* Whether a rule grants NEED (JR_LL_*) on PATH, lexically or once both
 * are resolved (a rule on /lib covers /usr/lib/x when /lib -> usr/lib).
 * PATH is resolved only when no rule covers it as written: most calls
 * of a working program are allowed, and realpath costs a lstat a
 * component. */
static bool ll_allows(struct jr_notify *n, const char *path, unsigned need)
{
	const struct jr_confine *c = n->llcheck;
	char real[PATH_MAX];

	for (size_t i = 0; i < c->nll; i++)
		if ((c->ll[i].access & need) == need &&
		    jr_path_beneath(path, c->ll[i].path))
			return true;
	if (!realpath(path, real))
		return false;
	if (!n->ll_real) {
		n->ll_real = xcalloc(c->nll + 1, sizeof(char *));
		for (size_t i = 0; i < c->nll; i++)
			n->ll_real[i] = realpath(c->ll[i].path, NULL);
	}
	for (size_t i = 0; i < c->nll; i++)
		if ((c->ll[i].access & need) == need && n->ll_real[i] &&
		    jr_path_beneath(real, n->ll_real[i]))
			return true;
	return false;
}

/* Learning under a profile's Landlock file rules (llcheck): what of
 * ACC (JR_LF_*) on PATH they refuse is recorded as refused, never as
 * used, so the learned profile does not grant what the run never got
 * past; the rest is returned.  (The learning counterpart of ll_check.) */
static unsigned learn_refused(struct jr_notify *n, const char *path,
			      unsigned acc)
{
	static const struct {
		unsigned lf, ll;
	} map[] = { { JR_LF_READ, JR_LL_READ },
		    { JR_LF_WRITE, JR_LL_WRITE },
		    { JR_LF_EXEC, JR_LL_EXEC } };
	char dir[PATH_MAX];
	unsigned refused = 0;

	if (!n->llcheck || !acc)
		return acc;
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if ((acc & map[i].lf) && !ll_allows(n, path, map[i].ll))
			refused |= map[i].lf;
	if (acc & JR_LF_CREATE) {
		parent_dir(path, dir, sizeof(dir));
		if (!ll_allows(n, dir, JR_LL_WRITE))
			refused |= JR_LF_CREATE;
	}
	if (refused)
		jr_learnfs_add(&n->learned->refused, path, refused);
	return acc & ~refused;
}


/* The line that made KEY's rules: the policy's first KEY line, else its
 * first Landlock file line (which made the rule set, without KEY).  As
 * "x.profile:9" (the file's name alone) or "--landlock.read". */
static const char *ll_origin(const struct jr_policy *pol, enum jr_pathkey key)
{
	const char *first = NULL, *where = NULL, *slash;

	for (size_t i = 0; i < pol->npaths && !where; i++) {
		const struct jr_pathrule *r = &pol->paths[i];

		if (r->key == key)
			where = r->origin;
		else if (!first && (r->key == JR_PK_LL_READ ||
				    r->key == JR_PK_LL_WRITE ||
				    r->key == JR_PK_LL_EXEC))
			first = r->origin;
	}
	if (!where)
		where = first;
	if (!where)
		return "jailrun";
	slash = strrchr(where, '/');
	return slash && where[0] != '-' ? slash + 1 : where;
}

/* What the call names, as the seccomp reports show a call, with the
 * path resolved (the directory descriptor folded in):
 * openat("/tmp/x", O_RDONLY), mkdir("/tmp/x", ...), symlink(..., "/x"). */
static void ll_call(struct jr_notify *n, const struct jr_pathcall *pc,
		    const char *shown, char *buf, size_t size)
{
	char flags[160];
	uint64_t f;
	/* link and symlink: the name made is their second path */
	bool before = strncmp(pc->name, "link", 4) == 0 ||
		      strncmp(pc->name, "symlink", 7) == 0;
	bool after = strcmp(pc->name, "unlink") != 0 &&
		     strcmp(pc->name, "rmdir") != 0 &&
		     strcmp(pc->name, "link") != 0 &&
		     strncmp(pc->name, "symlink", 7) != 0;

	if (open_flags(n, pc, &f) == 0)
		snprintf(buf, size, "%s(\"%s\", %s)", pc->name, shown,
			 jr_report_open_flags((long)f, flags, sizeof(flags)));
	else
		snprintf(buf, size, "%s(%s\"%s\"%s)", pc->name,
			 before ? "..., " : "", shown, after ? ", ..." : "");
}

/* jailrun: blocked: gzip[412] openat("/var/tmp/x/f.txt", O_RDONLY)
 *   = EACCES — not in landlock.read (gzip.profile:9); add to
 *   gzip.local: landlock.read = /var/tmp/x/f.txt
 * PATH: what the call names; GRANT: what the rule must cover (PATH, or
 * the directory of a name created or removed). */
static void ll_say(struct jr_notify *n, const struct jr_policy *pol,
		   const struct jr_pathcall *pc, const char *path,
		   const char *grant, unsigned need)
{
	static const char *const keys[] = { "", "landlock.read",
					    "landlock.write", "",
					    "landlock.exec" };
	static const enum jr_pathkey pkeys[] = { 0, JR_PK_LL_READ,
						 JR_PK_LL_WRITE, 0,
						 JR_PK_LL_EXEC };
	char raw[32], comm[128], where[PATH_MAX * 2], shown[PATH_MAX * 2];
	char call[PATH_MAX * 2 + 256], local[300];

	if (ll_allows(n, grant, need))
		return;
	comm_of((pid_t)n->req->pid, raw, sizeof(raw));
	jr_escape(raw, comm, sizeof(comm));
	jr_escape(path, shown, sizeof(shown));
	jr_escape(grant, where, sizeof(where));
	ll_call(n, pc, shown, call, sizeof(call));
	if (pol->local_used)
		jr_escape(pol->local_used, local, sizeof(local));
	if (pol->local_used)
		jr_notify_say(n,
			"jailrun: blocked: %s[%d] %s = EACCES \u2014 not in "
			"%s (%s); add to %s: %s = %s",
			comm, (int)n->req->pid, call, keys[need],
			ll_origin(pol, pkeys[need]), local, keys[need], where);
	else
		jr_notify_say(n,
			"jailrun: blocked: %s[%d] %s = EACCES \u2014 not in "
			"%s (%s); add --%s=%s",
			comm, (int)n->req->pid, call, keys[need],
			ll_origin(pol, pkeys[need]), keys[need], where);
	n->ll_refused++;
}

/* Report mode under Landlock file rules: name what the kernel is about
 * to refuse; the call is CONTINUEd, Landlock decides. */
static void ll_check(struct jr_notify *n, const struct jr_policy *pol,
		     const struct jr_pathcall *pc)
{
	char path[PATH_MAX], dir[PATH_MAX];
	unsigned acc;

	if (target_path(n, pc->dirfd, pc->path,
			pc->kind == JR_PC_EXEC && pc->flags >= 0 &&
				(n->req->data.args[pc->flags] & AT_EMPTY_PATH),
			path, sizeof(path)) < 0)
		return;
	acc = call_access(n, pc, path);
	if (acc & JR_LF_EXEC)
		ll_say(n, pol, pc, path, path, JR_LL_EXEC);
	if (acc & JR_LF_READ)
		ll_say(n, pol, pc, path, path, JR_LL_READ);
	if (acc & JR_LF_WRITE)
		ll_say(n, pol, pc, path, path, JR_LL_WRITE);
	if (acc & JR_LF_CREATE) {
		parent_dir(path, dir, sizeof(dir));
		ll_say(n, pol, pc, path, dir, JR_LL_WRITE);
	}
}

int jr_notify_handle(struct jr_notify *n, const struct jr_policy *pol)
{
	const struct jr_pathcall *pc;
	bool launch;

	memset(n->req, 0, n->req_size);
	if (ioctl(n->fd, SECCOMP_IOCTL_NOTIF_RECV, n->req) < 0)
		return errno == EINTR || errno == ENOENT ? 0 : -1;
	memset(n->resp, 0, n->resp_size);
	n->resp->id = n->req->id;
	launch = launch_call(n);
	if (n->learned) {
		/* learning: every call runs; the hand-over read is ours */
		if (!launch || jr_filter_is_exec(n->req->data.nr)) {
			jr_learned_note(n->learned, &n->req->data, launch);
			learn_call(n);
		}
		n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else if (launch) {
		n->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else if (n->llcheck &&
		   (pc = jr_filter_path_call(n->req->data.nr)) &&
		   jr_policy_allows(pol, n->req->data.nr) &&
		   !jr_argrule_applies(pol, n->req->data.nr)) {
		/* an allowed call, routed here only to be named: Landlock
		 * decides (never weakens: CONTINUE is what ALLOW was) */
		ll_check(n, pol, pc);
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
	if (n->exec_fd >= 0)
		close(n->exec_fd);
	n->exec_fd = -1;
	free(n->req);
	free(n->resp);
	if (n->ll_real && n->llcheck)
		for (size_t i = 0; i < n->llcheck->nll; i++)
			free(n->ll_real[i]);
	free(n->ll_real);
	n->ll_real = NULL;
	n->req = NULL;
	n->resp = NULL;
}
