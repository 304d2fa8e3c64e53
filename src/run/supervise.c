/* supervise.c - the supervisor (DESIGN §4, left column). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "caps.h"
#include "confine.h"
#include "enforce.h"
#include "landlock.h"
#include "launch.h"
#include "notify.h"
#include "net.h"
#include "ns.h"
#include "state.h"
#include "supervise.h"

/* Signals forwarded to the target (through the init). */
static const int forwarded[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1,
				 SIGUSR2 };

static bool userns_refused(int e)
{
	return e == EPERM || e == EACCES || e == EINVAL || e == ENOSPC ||
	       e == EUSERS;
}

static pid_t start(const struct jr_policy *pol,
		   const struct jr_confine *confine, int *flags)
{
	const struct jr_mount *m;
	char names[96];
	pid_t pid;
	int e;

	debugx("namespaces: %s", jr_ns_describe(*flags, names, sizeof(names)));
	pid = jr_ns_clone(*flags);
	if (pid >= 0 || !(*flags & CLONE_NEWUSER) || !userns_refused(errno))
		return pid;
	e = errno;
	if (pol->noroot)
		die("user namespaces are not available (%s), and noroot = yes "
		    "needs one",
		    strerror(e));
	/* what a mount would have hidden must not be left open: refused,
	 * unless nothing it names exists (a blacklist of a missing path) */
	m = jr_confine_needed_mount(confine);
	if (pol->net_none || pol->net_user || pol->hostname)
		die("user namespaces are not available (%s), and %s needs one: "
		    "allow user namespaces, or take the key away",
		    strerror(e),
		    pol->net_none ? "net=none" :
		    pol->net_user ? "net=user" :
				    "hostname");
	if (m)
		die("user namespaces are not available (%s), and the "
		    "file-system confinement (mounts) needs one for %s (%s): "
		    "allow user namespaces, or take the key away (ignore = "
		    "KEY in a .local file, or --noprofile)",
		    strerror(e), m->dst, m->origin ? m->origin : "jailrun");
	warnx_jr("user namespaces are not available (%s): running without "
		 "namespaces, with seccomp, capabilities and no_new_privs only",
		 strerror(e));
	*flags = 0;
	return jr_ns_clone(0);
}


/* The launcher's announcement: its pid (from the kernel, in our pid
 * namespace), the descriptor number its listener will get, and the read
 * end of its pipe of the launch's end (launch.c).  A hello without
 * exactly one descriptor is refused, whatever it carried closed. */
static int read_hello(int fd, pid_t *pid, int *remote_fd, int *over_fd)
{
	char cbuf[CMSG_SPACE(sizeof(struct ucred)) +
		  CMSG_SPACE(4 * sizeof(int))];
	struct iovec iov = { .iov_base = remote_fd, .iov_len = sizeof(int) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	ssize_t n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
	bool cred = false;
	int nfds = 0;

	*over_fd = -1;
	if (n < 0)
		return -1;
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_CREDENTIALS &&
		    c->cmsg_len == CMSG_LEN(sizeof(struct ucred))) {
			struct ucred uc;

			memcpy(&uc, CMSG_DATA(c), sizeof(uc));
			*pid = uc.pid;
			cred = true;
		} else if (c->cmsg_type == SCM_RIGHTS) {
			size_t len = c->cmsg_len - CMSG_LEN(0);

			for (size_t i = 0; i < len / sizeof(int); i++) {
				int got;

				memcpy(&got, CMSG_DATA(c) + i * sizeof(int),
				       sizeof(got));
				if (nfds++ == 0)
					*over_fd = got;
				else
					close(got);
			}
		}
	}
	if (n == sizeof(int) && cred && nfds == 1 &&
	    !(msg.msg_flags & MSG_CTRUNC))
		return 0;
	if (*over_fd >= 0)
		close(*over_fd);
	*over_fd = -1;
	return -1;
}

/* The grace period between timeout's SIGTERM and its SIGKILL. */
#define TIMEOUT_GRACE 5

struct watch {
	pid_t init;
	int sfd;
	int timer_fd;  /* timeout, or -1 */
	int timeouts;  /* 1: SIGTERM sent, 2: SIGKILL sent */
	int record_fd;   /* the record's listening socket, or -1 */
	char *record;    /* the record it serves */
	char *log;       /* the report log's path, or NULL */
	int execfail_fd;
	int status_fd; /* the init's report of the target's status, or -1 */
	int hello_fd;
	int nflog_fd; /* refused connections (net.c), or -1 */
	struct jr_notify notify;
	int exec_errno;
};

/* The launcher's execve has ended: EOF (it succeeded, the write end was
 * close-on-exec) or its errno.  The launch allowance closes with it. */
static void read_execfail(struct watch *w)
{
	int e;
	ssize_t n = read(w->execfail_fd, &e, sizeof(e));

	if (n < 0 && errno == EINTR)
		return;
	if (n == sizeof(e))
		w->exec_errno = e;
	close(w->execfail_fd);
	w->execfail_fd = -1;
	w->notify.launched = true;
}

static void on_hello(struct watch *w)
{
	struct jr_err err = { { 0 } };
	pid_t pid = 0;
	int remote = -1;
	int r = read_hello(w->hello_fd, &pid, &remote, &w->notify.exec_fd);

	if (r < 0) {
		close(w->hello_fd);
		w->hello_fd = -1;
		return; /* the launcher died first; its status says why */
	}
	if (jr_notify_take(&w->notify, pid, remote, &err) < 0) {
		/* Fail closed: the launcher's execve would wait forever. */
		kill(w->init, SIGKILL);
		die("%s", err.msg);
	}
	/* The hand-over byte: the launcher may go on to its execve. */
	if (w->notify.ack_fd >= 0 && write(w->hello_fd, "k", 1) != 1) {
		kill(w->init, SIGKILL);
		die_errno("handing over to the launcher");
	}
	close(w->hello_fd);
	w->hello_fd = -1;
	debugx("supervisor: listening to pid %d (listener fd %d)", (int)pid,
	       w->notify.fd);
}

/* The sum of what was blocked (or, in permissive mode, would have been). */
static void summary(const struct jr_notify *n, const struct jr_policy *pol)
{
	char buf[1024];

	if (!n->report || !n->rep || !n->rep->total)
		return;
	jr_notify_say(n, "jailrun: summary: %s %lu call%s: %s",
		pol->action == JR_ACT_LOG ? "allowed (seccomp.action=log)" :
					    "blocked",
		n->rep->total, n->rep->total == 1 ? "" : "s",
		jr_report_summary(n->rep, buf, sizeof(buf)));
}

/* timeout: SIGTERM through the init (which forwards it to the target),
 * then, after the grace period, SIGKILL to the init: with a pid namespace
 * that ends every process in it; without, the target's parent-death
 * signal does. */
static void on_timeout(struct watch *w)
{
	uint64_t ticks;
	struct itimerspec grace = { .it_value = { TIMEOUT_GRACE, 0 } };

	if (read(w->timer_fd, &ticks, sizeof(ticks)) != sizeof(ticks))
		return;
	w->timeouts++;
	if (w->timeouts == 1) {
		warnx_jr("timeout: sending SIGTERM");
		kill(w->init, SIGTERM);
		timerfd_settime(w->timer_fd, 0, &grace, NULL);
	} else {
		warnx_jr("timeout: still running %d s later: SIGKILL",
			 TIMEOUT_GRACE);
		kill(w->init, SIGKILL);
	}
}

static int start_timer(unsigned seconds)
{
	struct itimerspec t = { .it_value = { (time_t)seconds, 0 } };
	int fd;

	if (!seconds)
		return -1;
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (fd < 0 || timerfd_settime(fd, 0, &t, NULL) < 0)
		die_errno("timerfd");
	return fd;
}

/* The report log: $XDG_STATE_HOME/jailrun/NAME.log (NAME the sandbox's
 * name or the program's, other characters than [A-Za-z0-9._+-] made
 * '_'), the directories made 0700, the file 0600, appended to; a file
 * that is not ours or not a regular file is refused.  The path in
 * *PATHP (malloc'd), the descriptor (close-on-exec), or -1 with errno. */
static int open_log(const char *name, char **pathp)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	cleanup_free char *dir = NULL, *safe = xstrdup(name);
	struct stat st;
	int fd;

	*pathp = NULL;
	for (char *c = safe; *c; c++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._+-", *c) || (c == safe && *c == '.'))
			*c = '_';
	if (state && state[0] == '/')
		dir = xasprintf("%s/jailrun", state);
	else if (home && home[0] == '/')
		dir = xasprintf("%s/.local/state/jailrun", home);
	else
		return errno = ENOENT, -1;
	for (char *p = dir + 1;; p++) {
		char c = *p;

		if (c && c != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return -1;
		*p = c;
		if (!c)
			break;
	}
	*pathp = xasprintf("%s/%s.log", dir, safe);
	fd = open(*pathp, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid()) {
		close(fd);
		return errno = EPERM, -1;
	}
	return fd;
}

/* The report log, opened after the clone (the sandbox's init never holds
 * it).  report = log: without it, nothing runs; report = yes: the
 * reports still reach stderr, and it is said. */
static void start_log(struct watch *w, const struct jr_policy *pol,
		      const struct jr_plan *plan, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = pol->name ? pol->name : slash ? slash + 1 : path;

	w->notify.log_fd = -1;
	if (!plan->report || !plan->report_log)
		return;
	w->notify.log_fd = open_log(name, &w->log);
	if (w->notify.log_fd >= 0) {
		debugx("reports logged to %s", w->log);
		return;
	}
	if (plan->report_log_must) {
		kill(w->init, SIGKILL);
		die_errno("report = log: cannot open %s",
			  w->log ? w->log : "$XDG_STATE_HOME (nor $HOME) unset");
	}
	warnx_jr("WARNING: reports are not logged: %s: %s",
		 w->log ? w->log : "neither $XDG_STATE_HOME nor $HOME is set",
		 strerror(errno));
	free(w->log);
	w->log = NULL;
}

/* The record --list, --shutdown and --join read, served from here (see
 * state.h): bound after the start, off the launch's critical path.  A
 * sandbox without one still runs, but it is said loudly: --list would
 * not show it. */
static void record(struct watch *w, const struct jr_policy *pol,
		   const struct jr_plan *plan, const char *path)
{
	struct jr_err err = { { 0 } };
	const char *slash = strrchr(path, '/');
	struct jr_record r = {
		.pid = getpid(), .init = w->init, .digest = plan->digest,
		.start = jr_proc_start(getpid()),
		.init_start = jr_proc_start(w->init),
		.started = (long)time(NULL),
		.name = (char *)(pol->name ? pol->name :
				 slash ? slash + 1 : path),
		.profile = (char *)(pol->profile_used ? pol->profile_used :
							 "none"),
		.args = (char *)(plan->rec_args ? plan->rec_args : ""),
		.log = w->log ? w->log : (char *)"",
	};
	char name[108];

	w->record_fd = jr_record_listen(name, sizeof(name), &err);
	if (w->record_fd < 0) {
		warnx_jr("WARNING: %s: this sandbox will not be listed by "
			 "--list, nor reachable by --shutdown or --join",
			 err.msg);
		return;
	}
	w->record = jr_record_format(&r);
	debugx("record served at @%s", name);
}

/* One pass over whatever is ready.  1 when the init has exited. */
static int on_events(struct watch *w, const struct jr_policy *pol,
		     struct pollfd *pf, int *status)
{
	struct signalfd_siginfo si;

	if (w->execfail_fd >= 0 && pf[1].revents)
		read_execfail(w);
	if (w->hello_fd >= 0 && pf[2].revents)
		on_hello(w);
	if (w->timer_fd >= 0 && pf[4].revents & POLLIN)
		on_timeout(w);
	if (w->record_fd >= 0 && pf[5].revents & POLLIN)
		jr_record_serve(w->record_fd, w->record, strlen(w->record));
	if (w->nflog_fd >= 0 && pf[6].revents & POLLIN)
		jr_net_log_read(w->nflog_fd, pol);
	if (w->notify.fd >= 0 && pf[3].revents & POLLIN)
		jr_notify_handle(&w->notify, pol);
	else if (w->notify.fd >= 0 && pf[3].revents & (POLLHUP | POLLERR))
		jr_notify_close(&w->notify);
	if (w->status_fd >= 0 && pf[7].revents) {
		/* the target's status, from the init: done, without waiting
		 * for the init's exit and the namespaces' teardown (EOF: the
		 * init ended without one; its SIGCHLD says how) */
		ssize_t n = read(w->status_fd, status, sizeof(*status));

		if (n == sizeof(*status))
			return 1;
		if (n >= 0 || errno != EINTR) {
			close(w->status_fd);
			w->status_fd = -1;
		}
	}
	if (!(pf[0].revents & POLLIN) ||
	    read(w->sfd, &si, sizeof(si)) != sizeof(si))
		return 0;
	if (si.ssi_signo != SIGCHLD) {
		if (si.ssi_code != SI_KERNEL)
			kill(w->init, (int)si.ssi_signo);
		return 0;
	}
	return waitpid(w->init, status, WNOHANG) == w->init;
}

/* Wait for the init; forward the signals a process sent us (the terminal
 * already signalled the whole foreground group); take the launcher's
 * listener and answer its notifications. */
static int supervise(struct watch *w, const sigset_t *mask,
		     const struct jr_policy *pol, const char *path)
{
	int status = 0;

	w->sfd = signalfd(-1, mask, SFD_CLOEXEC);
	if (w->sfd < 0)
		die_errno("signalfd");
	for (;;) {
		struct pollfd pf[8] = {
			{ w->sfd, POLLIN, 0 },
			{ w->execfail_fd, POLLIN, 0 },
			{ w->hello_fd, POLLIN, 0 },
			{ w->notify.fd, POLLIN, 0 },
			{ w->timer_fd, POLLIN, 0 },
			{ w->record_fd, POLLIN, 0 },
			{ w->nflog_fd, POLLIN, 0 },
			{ w->status_fd, POLLIN, 0 },
		};

		if (poll(pf, 8, -1) < 0) {
			if (errno == EINTR)
				continue;
			die_errno("poll");
		}
		if (on_events(w, pol, pf, &status))
			break;
	}
	if (w->execfail_fd >= 0)
		read_execfail(w);
	if (w->status_fd >= 0)
		close(w->status_fd);
	if (w->exec_errno)
		warnx_jr("%s: cannot execute: %s", path,
			 strerror(w->exec_errno));
	close(w->sfd);
	if (w->record_fd >= 0)
		close(w->record_fd);
	if (w->timer_fd >= 0)
		close(w->timer_fd);
	summary(&w->notify, pol);
	if (w->nflog_fd >= 0) {
		while (jr_net_log_read(w->nflog_fd, pol)) {
			/* what is left */
		}
		jr_net_log_summary();
		close(w->nflog_fd);
	}
	jr_notify_close(&w->notify);
	if (w->timeouts)
		return EXIT_TIMEOUT;
	/* We killed the target for action kill: say it as the kernel's
	 * SIGSYS would have, so the status never depends on reporting. */
	if (w->notify.killed_target && jr_exit_code(status) == 128 + SIGKILL)
		return 128 + SIGSYS;
	return jr_exit_code(status);
}

/* The shim's program, in a sealed memfd.  Deliberately not O_CLOEXEC: it
 * is the one descriptor that crosses execve into the target, whose shim
 * closes it. */
static int postexec_memfd(const struct jr_bpf *p)
{
	size_t size = p->len * sizeof(p->insns[0]);
	int fd = memfd_create("jailrun-postexec", MFD_ALLOW_SEALING);

	if (fd < 0)
		die_errno("memfd_create");
	if (write(fd, p->insns, size) != (ssize_t)size ||
	    fcntl(fd, F_ADD_SEALS,
		  F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
		die_errno("sealing the postexec filter");
	return fd;
}

static void make_channels(const struct jr_plan *plan, struct jr_launch *l,
			  int hello[2])
{
	int one = 1;

	hello[0] = hello[1] = -1;
	l->hello_fd = -1;
	l->postexec_fd = -1;
	if (plan->listener) {
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
			       hello) < 0 ||
		    setsockopt(hello[0], SOL_SOCKET, SO_PASSCRED, &one,
			       sizeof(one)) < 0)
			die_errno("socketpair");
		l->hello_fd = hello[1];
	}
	if (plan->postexec->len && plan->shim_path) {
		l->postexec_fd = postexec_memfd(plan->postexec);
		l->shim_path = plan->shim_path;
	}
}

/* The inode of our namespace of KIND (0: unknown). */
static ino_t ns_of_self(const char *kind)
{
	char path[32];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", kind);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* A target in our pid namespace can name the supervisor (and the init,
 * the D-Bus proxy).  They are not dumpable, and the launcher puts the
 * target in a Landlock domain that refuses it ptrace of them and, from
 * ABI 6, signals; what this kernel lacks of that is said, loudly. */
static void warn_visible(const struct jr_policy *pol, int ns_flags, int abi)
{
	bool caps = false;

	if (ns_flags & CLONE_NEWPID)
		return;
	for (int cap = 0; cap <= CAP_LAST_CAP && geteuid() == 0 &&
			  !(ns_flags & CLONE_NEWUSER);
	     cap++)
		caps |= jr_caps_keeps(pol, cap);
	if (caps)
		warnx_jr("WARNING: the target keeps root's capabilities in "
			 "jailrun's pid namespace, outside any user "
			 "namespace: it can read what root reads of "
			 "jailrun's processes, and act as root on the "
			 "machine (caps.drop = all, or the pid namespace, "
			 "prevents it)");
	if (abi < 1)
		warnx_jr("WARNING: the target shares jailrun's pid namespace "
			 "and this kernel has no Landlock: a target that "
			 "keeps CAP_SYS_PTRACE could reach jailrun's "
			 "supervisor, and it can signal it");
	else if (abi < 6)
		warnx_jr("WARNING: the target shares jailrun's pid namespace "
			 "and Landlock ABI %d cannot scope signals (6 can): it "
			 "can signal jailrun's supervisor, which ends or "
			 "stalls its own sandbox only",
			 abi);
}

int jr_run(const struct jr_policy *pol, const struct jr_plan *plan,
	   const char *path, char *const *argv)
{
	struct jr_err err = { { 0 } };
	struct jr_launch l = {
		.pol = pol, .prog = plan->prog, .init_prog = plan->init_prog,
		.path = path, .argv = argv, .via_execveat = plan->via_execveat,
		.await_ack = plan->listener && !plan->launch_notified,
		.join_init = plan->join_init, .confine = plan->confine,
		.keyring_prog = plan->keyring_prog,
	};
	struct watch w = { .notify = { .fd = -1, .ack_fd = -1, .exec_fd = -1 },
			   .record_fd = -1,
			   .nflog_fd = -1 };
	/* 40 KiB, for the listener's reports only: a run without one does
	 * not fault in its pages (issue 21) */
	cleanup_free struct jr_report *rep =
		plan->listener || plan->report ? xcalloc(1, sizeof(*rep)) :
						 NULL;
	struct jr_net net = { 0 };
	int sync_pipe[2], fail_pipe[2], status_pipe[2], hello[2];
	int netlog[2] = { -1, -1 };
	pid_t init;
	int r;

	if (plan->join_init)
		l.ns_flags = 0; /* the init enters the sandbox's instead */
	else if (jr_ns_flags(pol, geteuid() == 0, &l.ns_flags, &err) < 0)
		die("%s", err.msg);
	if (pol->hostname && !plan->join_init && !(l.ns_flags & CLONE_NEWUTS))
		die("hostname needs the uts namespace (namespaces = uts)");
	/* die-with-parent: jailrun itself ends with the program that ran
	 * it; the init and the target end with jailrun */
	if (pol->die_with_parent) {
		pid_t parent = getppid();

		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
			die_errno("prctl(PR_SET_PDEATHSIG)");
		if (getppid() != parent)
			die("die-with-parent: the parent is gone already");
	}
	/* Blocked before the clone so that no signal is lost in between;
	 * the init reads them from a signalfd, the launcher unblocks them
	 * before execve. */
	sigemptyset(&l.signals);
	sigaddset(&l.signals, SIGCHLD);
	for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++)
		sigaddset(&l.signals, forwarded[i]);
	if (sigprocmask(SIG_BLOCK, &l.signals, NULL) < 0)
		die_errno("sigprocmask");
	if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(fail_pipe, O_CLOEXEC) < 0 ||
	    pipe2(status_pipe, O_CLOEXEC) < 0)
		die_errno("pipe");
	if (!plan->join_init)
		jr_net_prepare(pol, &net); /* dies when net = user cannot be */
	l.nft_path = net.nft;
	l.nft_rules = net.rules;
	l.netlog_fd = -1;
	/* --report names refused connections: net.allow/net.deny's rules
	 * log them (a netfilter file's are the user's own) */
	if (net.rules && !pol->netfilter &&
	    jr_enforce_wants_report(pol, isatty(STDERR_FILENO)) &&
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, netlog) < 0)
		die_errno("socketpair");
	make_channels(plan, &l, hello);
	/* 0 (unknown, counted as ours) unless the launcher has to ask */
	if (!jr_launch_own_pidns(&l))
		l.outer_pidns = ns_of_self("pid");
	if (l.keyring_prog)
		l.outer_userns = ns_of_self("user");
	init = start(pol, plan->confine, &l.ns_flags);
	if (init < 0)
		die_errno("clone");
	if (init > 0)
		jr_ns_join_release(); /* --join: the init has them now */
	if (init == 0) {
		close(sync_pipe[1]);
		close(fail_pipe[0]);
		close(status_pipe[0]);
		if (hello[0] >= 0)
			close(hello[0]);
		l.sync_fd = sync_pipe[0];
		if (netlog[0] >= 0)
			close(netlog[0]);
		l.netlog_fd = netlog[1];
		l.execfail_fd = fail_pipe[1];
		l.status_fd = status_pipe[1];
		jr_init_main(&l);
	}
	/* From here on, and for as long as target code exists, the
	 * supervisor is not dumpable: no ptrace, no /proc/PID/mem, no
	 * pidfd_getfd by a process of the same user without
	 * CAP_SYS_PTRACE.  Not before the clone: the init must stay
	 * dumpable until its uid map is written (a non-dumpable process's
	 * /proc files belong to root). */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
		kill(init, SIGKILL);
		die_errno("prctl(PR_SET_DUMPABLE)");
	}
	if (plan->keyring_warn && !plan->join_init &&
	    !(l.ns_flags & CLONE_NEWUSER))
		warnx_jr("the policy allows keyring calls, but the target "
			 "has no user namespace of its own and would share "
			 "the user's keyrings, where jailrun keeps the BPF "
			 "cache's secret: add_key, keyctl and request_key "
			 "are refused (EPERM)");
	if (!plan->join_init)
		warn_visible(pol, l.ns_flags, plan->confine ? plan->confine->ll_abi :
							 jr_landlock_abi());
	close(sync_pipe[0]);
	close(fail_pipe[1]);
	close(status_pipe[1]);
	if (hello[1] >= 0)
		close(hello[1]);
	if (l.postexec_fd >= 0)
		close(l.postexec_fd);
	if (l.ns_flags & CLONE_NEWUSER) {
		r = jr_ns_write_maps(init, getuid(), getgid());
		if (r < 0) {
			kill(init, SIGKILL);
			errno = -r;
			die_errno("writing the uid/gid maps");
		}
		debugx("user namespace: uid %u and gid %u mapped to themselves",
		       getuid(), getgid());
	}
	/* net = user: the helper configures the namespace before the init
	 * goes on (and loads the rules there) */
	jr_net_attach(&net, pol, init, l.ns_flags & CLONE_NEWUSER);
	if (write(sync_pipe[1], "g", 1) != 1)
		die_errno("starting the sandbox");
	close(sync_pipe[1]);
	/* The init goes first: the kernel puts a new process on its
	 * parent's CPU, and the two took turns there while the other core
	 * idled.  What follows (the --list record, the log) can wait until
	 * the init has spawned the target (issue 21: x0.98-0.99 as root and
	 * as nobody, paired).  Only a hint: nothing waits on it. */
	(void)sched_yield();
	if (netlog[0] >= 0) {
		close(netlog[1]);
		w.nflog_fd = jr_net_log_recv(netlog[0]);
	}
	w.init = init;
	start_log(&w, pol, plan, path);
	if (!plan->join_init)
		record(&w, pol, plan, path);
	w.timer_fd = start_timer(pol->timeout);
	w.execfail_fd = fail_pipe[0];
	w.status_fd = status_pipe[0];
	w.hello_fd = hello[0];
	w.notify.ack_fd = plan->listener && !plan->launch_notified ? hello[1] :
								    -1;
	w.notify.report = plan->report;
	w.notify.report_stderr = plan->report_stderr;
	w.notify.rep = rep;
	w.notify.learned = plan->learned;
	/* report: name Landlock's refusals; learning: record them */
	w.notify.llcheck = plan->confine && plan->confine->ll_fs &&
					   (plan->ll_notify ||
					    (plan->learned &&
					     plan->confine->ll_abi > 0)) ?
				   plan->confine :
				   NULL;
	w.notify.runtime = getenv("XDG_RUNTIME_DIR");
	r = supervise(&w, &l.signals, pol, path);
	jr_net_stop(&net);
	jr_net_free(&net);
	free(w.record);
	free(w.log);
	if (w.notify.log_fd >= 0)
		close(w.notify.log_fd);
	return r;
}
