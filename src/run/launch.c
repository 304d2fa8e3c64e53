/* launch.c - init and launcher, inside the new namespaces.
 *
 * The init is pid 1 of the sandbox: unshare(CLONE_NEWPID) moves only
 * children into the new namespace, /proc can only be mounted from inside
 * it, a target that is pid 1 ignores SIGINT/SIGTERM without a handler, and
 * orphans need a reaper in there.  The init runs no target code, is not
 * dumpable, and holds a filter of its own. */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <linux/keyctl.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <fcntl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "caps.h"
#include "confine.h"
#include "landlock.h"
#include "launch.h"
#include "mounts.h"
#include "net.h"
#include "process.h"
#include "ns.h"

extern char **environ;

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif
#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif

static int load_filter_flags(const struct jr_bpf *prog, unsigned long flags)
{
	struct sock_fprog fp = {
		.len = (unsigned short)prog->len,
		.filter = prog->insns,
	};

	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fp);
}

static int load_filter(const struct jr_bpf *prog)
{
	return load_filter_flags(prog, 0);
}

/* The hello to the supervisor: the descriptor the listener will get (the
 * lowest free one, since nothing else opens a descriptor before the
 * load) and the read end of a pipe of the launch's end.  That pipe is
 * made here, close-on-exec, and its write end is only ever ours (never
 * the init's): it reads EOF at the very execve that ends the launch, or
 * at our death, before any target code runs, which is when the
 * supervisor's launch allowance closes (notify.c).  Both ends stay open
 * here until the execve, so that the prediction holds.  The kernel
 * attaches our pid, translated into the supervisor's namespace
 * (SO_PASSCRED on its end). */
static void announce_listener(int hello_fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	int over[2], next;
	struct iovec iov = { .iov_base = &next, .iov_len = sizeof(next) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	if (pipe2(over, O_CLOEXEC) < 0)
		die_errno("a pipe for the end of the launch");
	next = fcntl(hello_fd, F_DUPFD_CLOEXEC, 0);
	if (next < 0)
		die_errno("predicting the listener descriptor");
	close(next);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &over[0], sizeof(int));
	if (sendmsg(hello_fd, &msg, 0) != sizeof(next))
		die_errno("telling the supervisor the listener descriptor");
}

/* The filter with a listener for the supervisor: waiting for its answer
 * is killable where the kernel has WAIT_KILLABLE_RECV (5.19+). */
static int load_with_listener(const struct jr_bpf *prog)
{
	int fd = load_filter_flags(prog, SECCOMP_FILTER_FLAG_NEW_LISTENER |
						 SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV);

	if (fd < 0 && errno == EINVAL)
		fd = load_filter_flags(prog, SECCOMP_FILTER_FLAG_NEW_LISTENER);
	return fd;
}

/* jailrun's own variables (JAILRUN_PROFILE_PATH, ...) never reach the
 * target; the shim's is set again afterwards, and the shim removes it. */
static bool is_jailruns(const char *entry)
{
	return strncmp(entry, "JAILRUN_", 8) == 0;
}

/* The shim's program crosses execve in the one descriptor that is not
 * O_CLOEXEC; the shim finds it through the environment and removes both
 * variables again. */
static void prepare_shim(const struct jr_launch *l)
{
	const char *old = getenv("LD_PRELOAD");
	char fd[16];

	snprintf(fd, sizeof(fd), "%d", l->postexec_fd);
	if (setenv("JAILRUN_POSTEXEC_FD", fd, 1) < 0)
		die_errno("setenv");
	if (old && *old) {
		cleanup_free char *both =
			xasprintf("%s:%s", l->shim_path, old);

		if (setenv("LD_PRELOAD", both, 1) < 0)
			die_errno("setenv");
	} else if (setenv("LD_PRELOAD", l->shim_path, 1) < 0) {
		die_errno("setenv");
	}
	debugx("postexec: shim %s, program in fd %d", l->shim_path,
	       l->postexec_fd);
}

/* Whether this launcher is still in the supervisor's pid namespace
 * (none of its own, or --join of a sandbox without one): the target
 * could then name jailrun's own processes.  Unknown counts as yes. */
static bool sees_jailrun(const struct jr_launch *l)
{
	struct stat st;

	if (jr_launch_own_pidns(l))
		return false; /* the init is pid 1 of a new one */
	return !l->outer_pidns || stat("/proc/self/ns/pid", &st) < 0 ||
	       st.st_ino == l->outer_pidns;
}

/* The user's keyrings hold the BPF cache's secret (bpfcache.h), which a
 * target must never read: a policy that leaves the keyring calls open
 * gets them in a user namespace of its own (its own user keyring), from
 * a new session keyring (the inherited one links the user's); where the
 * target shares the user's namespace, or that fails, the keyrings'
 * filter refuses the calls.  Fails closed: in doubt, refused. */
static void close_keyrings(const struct jr_launch *l)
{
	struct stat st;

	if (l->outer_userns && stat("/proc/self/ns/user", &st) == 0 &&
	    st.st_ino != l->outer_userns &&
	    syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) >= 0) {
		debugx("keyrings: the sandbox's own, from a new session "
		       "keyring");
		return;
	}
	debugx("keyrings: the target shares the user's: add_key, keyctl "
	       "and request_key refused (EPERM), by the keyrings' filter");
	if (load_filter(l->keyring_prog) < 0)
		die_errno("loading the keyrings' filter");
}

/* The launcher: the order below is the security argument.
 *   groups -> capabilities -> no_new_privs -> [keyrings] ->
 *   [announce listener] -> seccomp -> execve
 * Groups (nogroups) and capabilities go first, while the process may
 * still change them; then no_new_privs, which an unprivileged filter
 * requires and which keeps execve from gaining privilege (set-id bits,
 * file capabilities); the filter is the last thing before execve, so it
 * judges only the target, and nothing but execve (and, if that fails, its report) runs under it.
 * With a listener, that execve waits for the supervisor, which takes the
 * listener from us meanwhile and lets exactly this one call through; when
 * the launch is an allowed call (reporting, learning) a read of one byte
 * from the supervisor comes first, and it is let through once too. */
__attribute__((noreturn)) static void launcher(const struct jr_launch *l)
{
	struct jr_err err = { { 0 } };
	const char *what = NULL;
	char ack;
	sigset_t none;
	int r, e;

	sigemptyset(&none);
	if (sigprocmask(SIG_SETMASK, &none, NULL) < 0)
		die_errno("sigprocmask");
	/* nogroups: while root still holds CAP_SETGID */
	if (jr_ns_drop_groups(l->pol) < 0)
		die_errno("nogroups: dropping the supplementary groups");
	r = jr_caps_apply(l->pol, &what);
	if (r < 0)
		die_errno("capabilities: %s", what);
	if (r > 0)
		debugx("capabilities: %s; no_new_privs keeps execve from "
		       "gaining any",
		       what);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die_errno("prctl(PR_SET_NO_NEW_PRIVS)");
	if (jr_env_drop(is_jailruns) < 0)
		die_errno("unsetenv");
	/* environment, working directory, limits, session: after the caps
	 * (nothing here needs one) and before the filter (which may deny
	 * chdir, setrlimit or setsid to the target) */
	if (jr_process_apply(l->pol, &what) < 0)
		die_errno("%s", what);
	/* the sandbox's environment (desktop sockets) and its Landlock
	 * domain: after no_new_privs (Landlock needs it), before the
	 * filter (which may deny the landlock calls) */
	if (l->confine && jr_confine_restrict(l->confine, l->pol,
					      sees_jailrun(l), &err) < 0)
		die("%s", err.msg);
	/* the target dies with the init, which dies with the supervisor:
	 * without a pid namespace nothing else would end it */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		die_errno("prctl(PR_SET_PDEATHSIG)");
	if (l->postexec_fd >= 0)
		prepare_shim(l);
	/* the keyrings: a filter of their own, before the main one (which
	 * may deny seccomp()); the strictest answer of the two wins */
	if (l->keyring_prog)
		close_keyrings(l);
	if (l->prog->len) {
		debugx("seccomp: loading %zu instructions%s, then execve %s",
		       l->prog->len, l->hello_fd >= 0 ? " with a listener" : "",
		       l->path);
		if (l->hello_fd >= 0)
			announce_listener(l->hello_fd);
		if ((l->hello_fd >= 0 ? load_with_listener(l->prog) :
					load_filter(l->prog)) < 0)
			die_errno("loading the seccomp filter");
		/* Reporting and learning: the launch may be an allowed call,
		 * so wait here (a read the supervisor lets through if the
		 * filter sends it) until the listener is taken.  No stdio
		 * from here on: only read, then execve. */
		if (l->await_ack && read(l->hello_fd, &ack, 1) != 1)
			_exit(EXIT_JAILRUN);
	}
	if (l->via_execveat)
		syscall(SYS_execveat, AT_FDCWD, l->path, l->argv, environ, 0);
	else
		execve(l->path, l->argv, environ);
	e = errno;
	if (write(l->execfail_fd, &e, sizeof(e)) < 0) {
		/* the supervisor reports from the exit status alone */
	}
	_exit(e == ENOENT ? EXIT_NOENT : EXIT_NOEXEC);
}

/* Reap every child; exit with the target's status when it is gone,
 * told to the supervisor first: it may end then, as bwrap's parent does,
 * while the kernel tears the namespaces down with this exit (the rest of
 * the sandbox is killed with it). */
static void reap(pid_t target, int status_fd)
{
	for (;;) {
		int status;
		pid_t p = waitpid(-1, &status, WNOHANG);

		if (p == target) {
			if (write(status_fd, &status, sizeof(status)) < 0) {
				/* the supervisor learns it from our exit */
			}
			_exit(jr_exit_code(status));
		}
		if (p <= 0)
			return;
	}
}

/* Signals that the terminal sent (SI_KERNEL) reached the whole foreground
 * process group, the target included; only those sent to jailrun by a
 * process (kill, timeout, systemd) are forwarded. */
__attribute__((noreturn)) static void init_loop(int sfd, pid_t target,
						 int status_fd)
{
	for (;;) {
		struct signalfd_siginfo si;
		ssize_t n = read(sfd, &si, sizeof(si));

		if (n < 0 && errno == EINTR)
			continue;
		if (n != sizeof(si))
			_exit(EXIT_JAILRUN);
		if (si.ssi_signo == SIGCHLD)
			reap(target, status_fd);
		else if (si.ssi_code != SI_KERNEL)
			kill(target, (int)si.ssi_signo);
	}
}

#if defined(__SANITIZE_ADDRESS__)
#define JR_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JR_ASAN 1
#endif
#endif

/* The launcher's stack while it shares the init's memory (its callees
 * keep a few KiB there; the rest is a reserve, never touched). */
#define LAUNCHER_STACK (1024 * 1024)

struct target_start {
	const struct jr_launch *l;
	int sfd; /* the init's signalfd */
};

static int launcher_main(void *arg)
{
	const struct target_start *ts = arg;

	close(ts->sfd);
	close(ts->l->status_fd);
	launcher(ts->l);
}

/* The launcher runs in the init's memory until its execve, as
 * posix_spawn's child does (CLONE_VM | CLONE_VFORK): no copy of the
 * init's pages and page tables for the execve to throw away, and the
 * init sleeps until then.  So the launcher leaves alone what the init
 * goes on using: it frees nothing of the init's (the held trees close
 * with its execve: O_CLOEXEC), and it dies with _exit.  Its stack is its
 * own, above a guard page.  AddressSanitizer cannot follow code onto a
 * stack it did not make: that build forks.  -1 (errno set) on failure. */
static pid_t start_target(const struct jr_launch *l, int sfd)
{
	struct target_start ts = { .l = l, .sfd = sfd };
	pid_t pid;
#ifdef JR_ASAN
	pid = fork();
	if (pid == 0)
		launcher_main(&ts);
#else
	size_t guard = (size_t)sysconf(_SC_PAGESIZE);
	char *stack = mmap(NULL, LAUNCHER_STACK, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	int e;

	if (stack == MAP_FAILED)
		return -1;
	pid = mprotect(stack, guard, PROT_NONE) < 0 ?
		      -1 :
		      clone(launcher_main, stack + LAUNCHER_STACK,
			    CLONE_VM | CLONE_VFORK | SIGCHLD, &ts);
	e = errno;
	/* the launcher has called execve or died: its stack is free */
	munmap(stack, LAUNCHER_STACK);
	errno = e;
#endif
	return pid;
}

void jr_init_main(const struct jr_launch *l)
{
	struct jr_err err = { { 0 } };
	struct jr_mount_held *held = NULL;
	pid_t target;
	char c;
	int sfd;

	/* 0. the sandbox ends with the supervisor, whose listener and
	 *    records it depends on (set before the wait: if the supervisor
	 *    is gone already, the read sees EOF) */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		die_errno("prctl(PR_SET_PDEATHSIG)");
	/* 1. wait until the supervisor has written our uid/gid maps */
	if (read(l->sync_fd, &c, 1) != 1)
		_exit(EXIT_JAILRUN); /* the supervisor said why */
	close(l->sync_fd);
	/* 2. mounts (/ private, /proc, the network rules (net.allow...)
	 *    with nft while the host's files are there, then the
	 *    confinement's: mkdir,
	 *    whitelist, private-tmp, private-dev, hidden, read-only) and
	 *    loopback, while we hold the namespace's caps; or,
	 *    for --join, the running sandbox's namespaces (set up already) */
	if (l->join_init) {
		if (jr_ns_join(l->join_init, &err) < 0)
			die("%s", err.msg);
	} else if (!(l->ns_flags & CLONE_NEWNS) && l->confine &&
		   jr_confine_needed_mount(l->confine)) {
		/* the supervisor found nothing to hide; now there is */
		die("no mount namespace, and %s has appeared since the start: "
		    "it cannot be hidden",
		    jr_confine_needed_mount(l->confine)->dst);
	} else if (jr_ns_setup_inside(l->ns_flags, &err) < 0 ||
		   (l->nft_rules &&
		    jr_net_load_rules(l->nft_path, l->nft_rules, &err) < 0) ||
		   (l->confine && jr_confine_mount(l->confine, &held, &err) < 0)) {
		die("%s", err.msg);
	}
	if (l->netlog_fd >= 0)
		jr_net_log_send(l->netlog_fd); /* bound here, read outside */
	if (l->pol->hostname && !l->join_init) {
		/* only ever in our own uts namespace (checked by jr_run) */
		if (!(l->ns_flags & CLONE_NEWUTS) ||
		    sethostname(l->pol->hostname, strlen(l->pol->hostname)) < 0)
			die_errno("hostname %s", l->pol->hostname);
	}
	if (!(l->ns_flags & CLONE_NEWPID) &&
	    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		die_errno("prctl(PR_SET_CHILD_SUBREAPER)");
	sfd = signalfd(-1, &l->signals, SFD_CLOEXEC);
	if (sfd < 0)
		die_errno("signalfd");
	/* 3. the launcher, which becomes the target; this init goes on
	 *    when it has called execve (or died) */
	target = start_target(l, sfd);
	if (target < 0)
		die_errno("starting the target");
	/* The detached trees (the empty tmpfs that hides, the generated
	 * files) stay open until this init exits.  The last close of a
	 * detached tree unmounts it, and the kernel waits there for an
	 * expedited RCU grace period; at the init's exit that wait comes
	 * after the target's status is told.  The trees are empty, or
	 * read-only copies of what the sandbox has mounted anyway. */
	close(l->execfail_fd);
	if (l->hello_fd >= 0)
		close(l->hello_fd);
	if (l->postexec_fd >= 0)
		close(l->postexec_fd);
	/* 4. the init locks itself down: not dumpable (no ptrace, no
	 *    /proc/1/mem), no new privileges, a filter of its own */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    load_filter(l->init_prog) < 0) {
		kill(target, SIGKILL);
		die_errno("locking down the init");
	}
	init_loop(sfd, target, l->status_fd);
}

/* Whether ST is this very program: a shortcut (a symlink named after a
 * program, pointing at jailrun) is never the program it stands for. */
bool jr_is_self(const struct stat *st)
{
	struct stat self;

	return stat("/proc/self/exe", &self) == 0 && self.st_ino == st->st_ino &&
	       self.st_dev == st->st_dev;
}

int jr_find_program(const char *name, char **path)
{
	const char *p = getenv("PATH");
	bool denied = false;

	if (!*name)
		return -ENOENT;
	if (strchr(name, '/')) {
		if (access(name, F_OK) < 0)
			return -ENOENT;
		if (access(name, X_OK) < 0)
			return -EACCES;
		*path = xstrdup(name);
		return 0;
	}
	if (!p)
		p = "/usr/local/bin:/usr/bin:/bin";
	while (*p) {
		const char *end = strchrnul(p, ':');
		cleanup_free char *cand = xasprintf(
			"%.*s/%s", (int)(end - p), end > p ? p : ".", name);
		struct stat st;

		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
		    !jr_is_self(&st)) {
			if (access(cand, X_OK) == 0) {
				*path = steal_ptr(&cand);
				return 0;
			}
			denied = true;
		}
		p = *end ? end + 1 : end;
	}
	return denied ? -EACCES : -ENOENT;
}
