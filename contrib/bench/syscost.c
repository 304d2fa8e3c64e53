/*
 * syscost - how many nanoseconds one system call costs, as seen by the
 * calling process (entry, seccomp filter if any, body, exit).
 *
 *   syscost [-n N] TEST...
 *   syscost -F PROGRAM [ARG...]
 *
 * -F runs PROGRAM under a one-instruction seccomp filter that allows
 * everything (no_new_privs set first): the kernel's own cost of having a
 * filter at all, whatever it says, which no sandbox's filter can go
 * below (the bench's "floor" row runs syscost under it).
 *
 * TEST is one of
 *   getppid   syscall(SYS_getppid): the cheapest real syscall, so the
 *             seccomp filter's share of it is as visible as it gets
 *   enosys    syscall(1023): no such syscall, the kernel's bare entry/exit
 *             path (the filter still runs: it sees an unknown number)
 *   read      read(2) of 4 KiB from /dev/zero (a copy-heavy call)
 *   open      openat(/etc/hostname) + close: two calls, path lookup
 *   denied    syscall(SYS_getppid) that the caller's filter denies; the
 *             call must fail with EPERM, else syscost exits 2
 *
 * Each TEST prints one line on stdout:
 *   syscost test=getppid calls=10000000 ns_per_call=98.31 best_tenth_ns=97.02
 * ns_per_call is the mean over all N calls. The N calls are timed in ten
 * slices of N/10; best_tenth_ns is the mean of the fastest slice, the
 * figure least disturbed by other load on a shared machine.
 * For "open" a call is the openat+close pair.
 *
 * N defaults per test (getppid, enosys, denied: 10M; read: 1M; open: 200k)
 * so that each test takes about a second where a syscall costs ~100 ns
 * (ten times that on a VM with expensive entry). -n N applies to all.
 * Only clock_gettime (vDSO, no syscall) is called inside a timed loop
 * besides the syscall under test. Exit 2 if a call fails unexpectedly,
 * so a filter that denies what it should allow cannot go unnoticed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NO_SUCH_SYSCALL 1023L

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void fail(const char *test, const char *what)
{
	fprintf(stderr, "syscost: %s: %s: %s\n", test, what, strerror(errno));
	exit(2);
}

/* The loops check every result: the check costs a compare and a branch
 * that is always predicted, and it means a denied call is never
 * mistaken for a fast one. Each returns the time of its n calls. */

static double t_getppid(long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		if (syscall(SYS_getppid) < 0)
			fail("getppid", "getppid");
	return now_ns() - t0;
}

static double t_enosys(long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		if (syscall(NO_SUCH_SYSCALL) != -1 || errno != ENOSYS)
			fail("enosys", "syscall 1023 did not fail with ENOSYS");
	return now_ns() - t0;
}

static double t_denied(long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++) {
		long r = syscall(SYS_getppid);

		if (r != -1 || errno != EPERM) {
			fprintf(stderr, "syscost: denied: getppid returned %ld "
					"(%s), not EPERM: is it dropped?\n",
				r, r == -1 ? strerror(errno) : "allowed");
			exit(2);
		}
	}
	return now_ns() - t0;
}

static int zero_fd = -1;

static double t_read(long n)
{
	static char buf[4096];
	double t0;

	if (zero_fd < 0 &&
	    (zero_fd = open("/dev/zero", O_RDONLY | O_CLOEXEC)) < 0)
		fail("read", "open /dev/zero");
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (read(zero_fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			fail("read", "read 4 KiB");
	return now_ns() - t0;
}

static double t_open(long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++) {
		int fd = openat(AT_FDCWD, "/etc/hostname", O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			fail("open", "openat /etc/hostname");
		if (close(fd) < 0)
			fail("open", "close");
	}
	return now_ns() - t0;
}

static const struct test {
	const char *name;
	double (*run)(long n);
	long n;
} tests[] = {
	{ "getppid", t_getppid, 10000000 },
	{ "enosys", t_enosys, 10000000 },
	{ "denied", t_denied, 10000000 },
	{ "read", t_read, 1000000 },
	{ "open", t_open, 200000 },
};

static const struct test *find(const char *name)
{
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		if (strcmp(tests[i].name, name) == 0)
			return &tests[i];
	return NULL;
}

#define SLICES 10

/* Run n calls as SLICES slices (the last takes the remainder) and print
 * the overall mean and the fastest slice's mean. */
static void run_test(const struct test *t, long n)
{
	long per = n / SLICES, done = 0;
	double total = 0, best = -1;

	if (per == 0)
		per = n;
	while (done < n) {
		long k = n - done < 2 * per ? n - done : per;
		double ns = t->run(k);

		total += ns;
		if (best < 0 || ns / k < best)
			best = ns / k;
		done += k;
	}
	printf("syscost test=%s calls=%ld ns_per_call=%.2f best_tenth_ns=%.2f\n",
	       t->name, n, total / n, best);
	fflush(stdout);
}

static void usage(void)
{
	fprintf(stderr, "usage: syscost [-n N] TEST...\n"
			"       syscost -F PROGRAM [ARG...]\n"
			"TEST: getppid enosys denied read open\n");
	exit(1);
}

/* -F: PROGRAM under a filter of one instruction, "allow" */
static int filtered(char **argv)
{
	struct sock_filter allow[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 1, allow };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		perror("syscost -F: seccomp");
		return 2;
	}
	execvp(argv[0], argv);
	perror(argv[0]);
	return 2;
}

int main(int argc, char **argv)
{
	long n = 0;
	int i = 1;

	if (argc > 2 && strcmp(argv[1], "-F") == 0)
		return filtered(argv + 2);
	if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
		char *end;

		n = strtol(argv[i + 1], &end, 10);
		if (*end || n <= 0)
			usage();
		i += 2;
	}
	if (i >= argc)
		usage();
	for (int j = i; j < argc; j++)
		if (!find(argv[j]))
			usage();
	for (; i < argc; i++) {
		const struct test *t = find(argv[i]);

		run_test(t, n ? n : t->n);
	}
	return 0;
}
