/* supervise.c - the supervisor (DESIGN §4, left column). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

#include "launch.h"
#include "ns.h"
#include "supervise.h"

/* Signals forwarded to the target (through the init). */
static const int forwarded[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1,
				 SIGUSR2 };

static bool userns_refused(int e)
{
	return e == EPERM || e == EACCES || e == EINVAL || e == ENOSPC ||
	       e == EUSERS;
}

static pid_t start(const struct jr_policy *pol, int *flags)
{
	char names[96];
	pid_t pid;

	debugx("namespaces: %s", jr_ns_describe(*flags, names, sizeof(names)));
	pid = jr_ns_clone(*flags);
	if (pid >= 0 || !(*flags & CLONE_NEWUSER) || !userns_refused(errno))
		return pid;
	if (pol->net_none)
		die("user namespaces are not available (%s), and net=none "
		    "needs one",
		    strerror(errno));
	warnx_jr("user namespaces are not available (%s): running without "
		 "namespaces, with seccomp, capabilities and no_new_privs only",
		 strerror(errno));
	*flags = 0;
	return jr_ns_clone(0);
}

static int status_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_JAILRUN;
}

static int read_execfail(int *fd, int *exec_errno)
{
	int e;
	ssize_t n = read(*fd, &e, sizeof(e));

	if (n < 0 && errno == EINTR)
		return 0;
	if (n == sizeof(e))
		*exec_errno = e;
	close(*fd);
	*fd = -1;
	return 0;
}

/* Wait for the init; forward the signals a process sent us (the terminal
 * already signalled the whole foreground group). */
static int supervise(pid_t init, int execfail_fd, const sigset_t *mask,
		     const char *path)
{
	cleanup_fd int sfd = signalfd(-1, mask, SFD_CLOEXEC);
	int exec_errno = 0, status = 0;

	if (sfd < 0)
		die_errno("signalfd");
	for (;;) {
		struct pollfd pf[2] = { { sfd, POLLIN, 0 },
					{ execfail_fd, POLLIN, 0 } };
		struct signalfd_siginfo si;

		if (poll(pf, execfail_fd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die_errno("poll");
		}
		if (execfail_fd >= 0 && pf[1].revents)
			read_execfail(&execfail_fd, &exec_errno);
		if (!(pf[0].revents & POLLIN))
			continue;
		if (read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo != SIGCHLD) {
			if (si.ssi_code != SI_KERNEL)
				kill(init, (int)si.ssi_signo);
			continue;
		}
		if (waitpid(init, &status, WNOHANG) == init)
			break;
	}
	if (execfail_fd >= 0)
		read_execfail(&execfail_fd, &exec_errno);
	if (exec_errno)
		warnx_jr("%s: cannot execute: %s", path, strerror(exec_errno));
	return status_code(status);
}

int jr_run(const struct jr_policy *pol, const struct jr_bpf *prog,
	   const struct jr_bpf *init_prog, const char *path,
	   char *const *argv)
{
	struct jr_err err = { { 0 } };
	struct jr_launch l = {
		.pol = pol, .prog = prog, .init_prog = init_prog,
		.path = path, .argv = argv,
	};
	int sync_pipe[2], fail_pipe[2];
	pid_t init;

	if (jr_ns_flags(pol, geteuid() == 0, &l.ns_flags, &err) < 0)
		die("%s", err.msg);
	/* Blocked before the clone so that no signal is lost in between;
	 * the init reads them from a signalfd, the launcher unblocks them
	 * before execve. */
	sigemptyset(&l.signals);
	sigaddset(&l.signals, SIGCHLD);
	for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++)
		sigaddset(&l.signals, forwarded[i]);
	if (sigprocmask(SIG_BLOCK, &l.signals, NULL) < 0)
		die_errno("sigprocmask");
	if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(fail_pipe, O_CLOEXEC) < 0)
		die_errno("pipe");
	init = start(pol, &l.ns_flags);
	if (init < 0)
		die_errno("clone");
	if (init == 0) {
		close(sync_pipe[1]);
		close(fail_pipe[0]);
		l.sync_fd = sync_pipe[0];
		l.execfail_fd = fail_pipe[1];
		jr_init_main(&l);
	}
	close(sync_pipe[0]);
	close(fail_pipe[1]);
	if (l.ns_flags & CLONE_NEWUSER) {
		int r = jr_ns_write_maps(init, getuid(), getgid());

		if (r < 0) {
			kill(init, SIGKILL);
			errno = -r;
			die_errno("writing the uid/gid maps");
		}
		debugx("user namespace: uid %u and gid %u mapped to themselves",
		       getuid(), getgid());
	}
	if (write(sync_pipe[1], "g", 1) != 1)
		die_errno("starting the sandbox");
	close(sync_pipe[1]);
	return supervise(init, fail_pipe[0], &l.signals, path);
}
