/* new-ns - create or join a namespace from inside the sandbox: the first
 * step of most container escapes and of kernel bugs reachable only with
 * CAP_SYS_ADMIN in a fresh user namespace.
 *   new-ns unshare | clone | clone3 | setns
 * Defeated by: restrict-namespaces = yes. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int say(long r)
{
	printf("%s\n", r < 0 ? strerrorname_np(errno) : "OK");
	return 0;
}

static long child_done(long pid)
{
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid((pid_t)pid, NULL, 0);
	return pid;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "unshare";

	if (strcmp(op, "unshare") == 0)
		return say(unshare(CLONE_NEWUSER));
	if (strcmp(op, "clone") == 0)
		return say(child_done(syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD,
					      0, 0, 0, 0)));
	if (strcmp(op, "clone3") == 0) {
		struct clone_args a = { .flags = CLONE_NEWUSER,
					.exit_signal = SIGCHLD };

		return say(child_done(syscall(SYS_clone3, &a, sizeof(a))));
	}
	if (strcmp(op, "setns") == 0) {
		int fd = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);

		return say(fd < 0 ? -1 : setns(fd, CLONE_NEWUTS));
	}
	fprintf(stderr, "usage: new-ns unshare|clone|clone3|setns\n");
	return 2;
}
