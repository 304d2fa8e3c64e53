/* jr-try - do one thing and print how it went: "OK" or the errno name.
 * Integration tests run it with and without a rule, so a denial is
 * always shown against a run where the same call works.
 *
 *   jr-try mkdir PATH          jr-try socket FAMILY [hi]
 *   jr-try call NAME           (syscall NAME with bad pointers: an allowed
 *                               call fails EFAULT/EBADF/EINVAL, a denied one
 *                               with the filter's errno)
 *   jr-try int80-getpid        (i386 entry point)
 *   jr-try x32-getpid          (x32 syscall number)
 *   jr-try pid                 (print getpid())
 *   jr-try wait-signal         (print the first SIGINT/SIGTERM/SIGHUP/
 *                               SIGUSR1 received, exit 0) */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int report(long r)
{
	if (r < 0)
		printf("%s\n", strerrorname_np(errno) ? strerrorname_np(errno) :
							"E?");
	else
		printf("OK\n");
	return 0;
}

static int family(const char *name)
{
	static const struct {
		const char *name;
		int af;
	} fam[] = {
		{ "unix", AF_UNIX },	   { "inet", AF_INET },
		{ "inet6", AF_INET6 },	   { "netlink", AF_NETLINK },
		{ "packet", AF_PACKET },   { "bluetooth", AF_BLUETOOTH },
		{ "vsock", AF_VSOCK },	   { "alg", AF_ALG },
	};

	for (size_t i = 0; i < sizeof(fam) / sizeof(fam[0]); i++)
		if (strcmp(fam[i].name, name) == 0)
			return fam[i].af;
	return atoi(name);
}

static int try_socket(const char *name, int hi)
{
	long af = family(name);
	int type = af == AF_UNIX || af == AF_INET || af == AF_INET6 ?
			   SOCK_STREAM :
		   af == AF_NETLINK ? SOCK_RAW :
		   af == AF_PACKET  ? SOCK_DGRAM :
				      SOCK_SEQPACKET;

	if (hi)
		af |= 1L << 32; /* the kernel reads an int: same family */
	return report(syscall(SYS_socket, af, type, 0));
}

static int try_call(const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr < 0) {
		fprintf(stderr, "jr-try: unknown syscall %s\n", name);
		return 2;
	}
	/* -1 everywhere: a bad fd, a bad pointer, an invalid flag. */
	return report(syscall(nr, -1L, -1L, -1L, -1L, -1L, -1L));
}

static long int80_getpid(void)
{
	long r = 20; /* __NR_getpid on i386 */

	__asm__ volatile("int $0x80" : "+a"(r) : : "memory");
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static volatile sig_atomic_t got;
static void on_signal(int sig)
{
	got = sig;
}

static int wait_signal(void)
{
	const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGUSR1 };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_signal);
	printf("ready\n");
	fflush(stdout);
	while (!got)
		pause();
	printf("%s\n", sigabbrev_np(got));
	return 0;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";

	if (!strcmp(op, "mkdir") && argc == 3)
		return report(mkdir(argv[2], 0700));
	if (!strcmp(op, "socket") && argc >= 3)
		return try_socket(argv[2], argc > 3);
	if (!strcmp(op, "call") && argc == 3)
		return try_call(argv[2]);
	if (!strcmp(op, "int80-getpid"))
		return report(int80_getpid());
	if (!strcmp(op, "x32-getpid"))
		return report(syscall(39 | 0x40000000));
	if (!strcmp(op, "pid"))
		return printf("%d\n", getpid()) < 0;
	if (!strcmp(op, "wait-signal"))
		return wait_signal();
	fprintf(stderr, "usage: jr-try mkdir|socket|call|int80-getpid|"
			"x32-getpid|pid|wait-signal ...\n");
	return 2;
}
