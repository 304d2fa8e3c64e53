/* exec - try to run a second program, and say what happened.
 *
 *   exec execve PROG       execve(PROG, {PROG, NULL})
 *   exec execveat PROG     execveat(AT_FDCWD, PROG, ...)
 *   exec reexec            clear the environment (LD_PRELOAD and all)
 *                          and execve itself with "after-reexec"
 *   exec late-execve       sleep a second, then execve (the tests kill
 *                          the supervisor meanwhile)
 *   exec memfd             copy /bin/sh into a memfd and fexecve it (a
 *                          program that exists nowhere on disk)
 *   exec ldso              execve the dynamic loader with /bin/sh as
 *                          its argument (no exec of /bin/sh itself)
 *
 * PROG is usually `/bin/sh -c 'echo ESCAPED'`-like: on success the
 * second program prints; on failure this prints "blocked: ERRNO".
 * Built dynamic, static and static-pie by the tests: the rule that
 * defeats it is seccomp.drop = execve, execveat (delayed filter). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* errno names without glibc's strerrorname_np (built with musl too) */
static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case EPERM:
		return "EPERM";
	case ENOSYS:
		return "ENOSYS";
	case EACCES:
		return "EACCES";
	case EHWPOISON:
		return "EHWPOISON";
	}
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static int blocked(void)
{
	printf("blocked: %s\n", errname(errno));
	return 0;
}

#define LDSO "/lib64/ld-linux-x86-64.so.2"

/* /bin/sh copied into an anonymous file, executed from its descriptor. */
static void fexec_memfd(char *const argv[])
{
	char buf[65536];
	char *const noenv[] = { NULL };
	int in = open(argv[0], O_RDONLY | O_CLOEXEC);
	int fd = (int)syscall(SYS_memfd_create, "escape", 0);
	ssize_t n;

	if (in < 0 || fd < 0)
		return;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n)
			return;
	syscall(SYS_execveat, fd, "", argv, noenv, AT_EMPTY_PATH);
}

int main(int argc, char **argv)
{
	char *const esc[] = { "/bin/sh", "-c", "echo ESCAPED", NULL };
	char *const self[] = { argv[0], "after-reexec", NULL };
	char *const noenv[] = { NULL };

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "after-reexec")) {
		printf("ESCAPED (re-exec)\n");
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "execve"))
		execve(esc[0], esc, noenv);
	else if (argc > 1 && !strcmp(argv[1], "execveat"))
		syscall(SYS_execveat, AT_FDCWD, esc[0], esc, noenv, 0);
	else if (argc > 1 && !strcmp(argv[1], "late-execve")) {
		sleep(1);
		execve(esc[0], esc, noenv);
	} else if (argc > 1 && !strcmp(argv[1], "memfd")) {
		fexec_memfd(esc);
	} else if (argc > 1 && !strcmp(argv[1], "ldso")) {
		char *const ld[] = { LDSO, "/bin/sh", "-c", "echo ESCAPED",
				     NULL };

		execve(ld[0], ld, noenv);
	} else if (argc > 1 && !strcmp(argv[1], "reexec")) {
		clearenv();
		execve("/proc/self/exe", self, noenv);
	} else {
		fprintf(stderr, "usage: exec execve|execveat|reexec|late-execve|"
				"memfd|ldso\n");
		return 2;
	}
	return blocked();
}
