/* reach - try every way a process of the same user has to take over
 * another one, and say what happened for each:
 *
 *   reach victim FILE       the control's victim: writes the address of a
 *                           variable to FILE, then waits (10 s at most)
 *                           for someone to change it and prints "HIT"
 *   reach pid PID [ADDR]    attack process PID (ADDR: where to write)
 *   reach supervisor        attack the jailrun supervisor: the parent of
 *                           the init (our parent); "not visible" when the
 *                           init's parent is not in our pid namespace
 *
 * The ways: kill (signal 0: the permission check of every signal), mem
 * (open /proc/PID/mem read-write, and write ADDR when given), ptrace
 * (PTRACE_SEIZE), vm_write (process_vm_writev), getfd (pidfd_getfd of
 * descriptor 0), environ (read /proc/PID/environ).  Each prints
 * "WAY: reached" or "WAY: ERRNO".  Built static too by the tests: no
 * shim, no libc difference. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

static volatile uint64_t flag;

static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case EPERM:
		return "EPERM";
	case EACCES:
		return "EACCES";
	case ESRCH:
		return "ESRCH";
	case ENOSYS:
		return "ENOSYS";
	case EFAULT:
		return "EFAULT";
	}
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static void say(const char *way, int r)
{
	if (r >= 0)
		printf("%s: reached\n", way);
	else
		printf("%s: %s\n", way, errname(errno));
}

static pid_t ppid_of(pid_t pid)
{
	char path[64], line[256];
	FILE *f;
	long pp = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "PPid: %ld", &pp) == 1)
			break;
	if (f)
		fclose(f);
	return (pid_t)pp;
}

static int try_mem(pid_t pid, uintptr_t addr)
{
	char path[64];
	uint64_t one = 1;
	int fd, r = 0;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (addr && pwrite(fd, &one, sizeof(one), (off_t)addr) != sizeof(one))
		r = -1;
	close(fd);
	return r;
}

static int try_ptrace(pid_t pid)
{
	if (ptrace(PTRACE_SEIZE, pid, 0, 0) < 0)
		return -1;
	ptrace(PTRACE_DETACH, pid, 0, 0);
	return 0;
}

static int try_vm_write(pid_t pid, uintptr_t addr)
{
	uint64_t one = 1;
	struct iovec local = { &one, sizeof(one) };
	/* without an address: one that is never mapped, so that a
	 * permitted call says EFAULT and a refused one EPERM */
	struct iovec remote = { (void *)(addr ? addr : 0x1000), sizeof(one) };
	ssize_t n = process_vm_writev(pid, &local, 1, &remote, 1, 0);

	if (n < 0 && errno == EFAULT && !addr)
		return 0;
	return n == sizeof(one) ? 0 : -1;
}

static int try_getfd(pid_t pid)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int fd;

	if (pidfd < 0)
		return -1;
	fd = (int)syscall(SYS_pidfd_getfd, pidfd, 0, 0);
	close(pidfd);
	if (fd >= 0)
		close(fd);
	return fd;
}

static int try_environ(pid_t pid)
{
	char path[64], buf[64];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n < 0 ? -1 : 0;
}

static int attack(pid_t pid, uintptr_t addr)
{
	say("kill", kill(pid, 0));
	say("mem", try_mem(pid, addr));
	say("ptrace", try_ptrace(pid));
	say("vm_write", try_vm_write(pid, addr));
	say("getfd", try_getfd(pid));
	say("environ", try_environ(pid));
	return 0;
}

static int victim(const char *file)
{
	FILE *f = fopen(file, "we");
	struct timespec tick = { 0, 10 * 1000 * 1000 };

	if (!f)
		return 1;
	fprintf(f, "%lu\n", (unsigned long)(uintptr_t)&flag);
	fclose(f);
	for (int i = 0; i < 1000 && !flag; i++)
		nanosleep(&tick, NULL);
	printf("%s\n", flag ? "HIT" : "untouched");
	return 0;
}

int main(int argc, char **argv)
{
	pid_t sup;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "victim") == 0)
		return victim(argv[2]);
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "pid") == 0)
		return attack((pid_t)atoi(argv[2]),
			      argc == 4 ? (uintptr_t)strtoul(argv[3], NULL, 10) :
					  0);
	if (argc == 2 && strcmp(argv[1], "supervisor") == 0) {
		sup = ppid_of(getppid());
		if (sup <= 0) {
			printf("supervisor: not visible\n");
			return 0;
		}
		printf("supervisor: pid %d\n", (int)sup);
		return attack(sup, 0);
	}
	fprintf(stderr, "usage: reach victim FILE | pid PID [ADDR] | "
			"supervisor\n");
	return 2;
}
