/* ptrace-sibling - take control of another process of the sandbox:
 * attach with ptrace, or write into its memory with process_vm_writev
 * (how a compromised renderer would hijack a more trusted sibling).
 *   ptrace-sibling attach | vm-write
 * Defeated by: seccomp = yes (@debug in @default-deny). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile char target[16] = "untouched";

int main(int argc, char **argv)
{
	int vm = argc > 1 && strcmp(argv[1], "vm-write") == 0;
	pid_t pid = fork();
	long r;

	if (pid == 0) {
		sleep(10);
		_exit(0);
	}
	if (pid < 0)
		return 1;
	if (vm) {
		char evil[] = "hijacked";
		struct iovec local = { evil, sizeof(evil) };
		struct iovec remote = { (void *)target, sizeof(evil) };

		r = process_vm_writev(pid, &local, 1, &remote, 1, 0);
	} else {
		r = ptrace(PTRACE_ATTACH, pid, 0, 0);
	}
	printf("%s\n", r < 0 ? strerrorname_np(errno) : "OK");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return 0;
}
