/* preinit - execve from the executable's .preinit_array, which runs
 * before any preloaded library's constructor (so before the postexec
 * shim): firejail's shim is escaped this way.  Defeated by the
 * supervisor's user notification for seccomp.drop = execve. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void early_exec(int argc, char **argv, char **envp)
{
	char *const esc[] = { "/bin/sh", "-c", "echo ESCAPED", NULL };

	(void)argc;
	(void)argv;
	execve(esc[0], esc, envp);
	fprintf(stderr, "preinit blocked: %s\n", strerrorname_np(errno));
}

__attribute__((section(".preinit_array"), used)) static void (*const
	preinit)(int, char **, char **) = early_exec;

int main(void)
{
	printf("main ran\n");
	return 0;
}
