/* ctor-lib - a shared library of the target whose constructor calls
 * execve: libraries the program links run their constructors before a
 * preloaded shim's.  Defeated by the supervisor's user notification. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

__attribute__((constructor)) static void lib_exec(void)
{
	char *const esc[] = { "/bin/sh", "-c", "echo ESCAPED", NULL };

	execve(esc[0], esc, environ);
	fprintf(stderr, "ctor blocked: %s\n", strerrorname_np(errno));
}

int ctor_lib_marker(void);
int ctor_lib_marker(void)
{
	return 42;
}
