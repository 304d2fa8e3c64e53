/*
 * llfloor - the kernel's own cost of one Landlock path rule, the floor
 * under jailrun's start-up slope per landlock.* path (rules.sh).
 *
 *   llfloor [-r ROUNDS] DIR N
 *
 * DIR holds N directories named d0 .. d(N-1) (rules.sh makes them).  A
 * round forks a child that does what a sandbox start does for N paths
 * and nothing else, and waits for it:
 *   landlock_create_ruleset; for each path open(O_PATH), then
 *   landlock_add_rule, then close; prctl(NO_NEW_PRIVS);
 *   landlock_restrict_self; _exit (the domain is freed then).
 * Each round also runs the same child with 0 paths; the figure is the
 * median over the rounds of (time(N) - time(0)) / N, in microseconds,
 * with the child's own split of its path loop (open, add_rule, close)
 * and of restrict_self, per path:
 *
 *   llfloor paths=500 us_per_path=6.10 open=3.02 add=1.55 close=1.07 restrict=0.47
 *
 * Exit 2 when Landlock is missing here or a call fails, so a floor is
 * never printed for what did not run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

#define MAX_ROUNDS 1000

struct path_beneath {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* The child's split, in ns summed over its paths, for the parent. */
struct split {
	double open, add, close, restrict_;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "llfloor: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* The child: N rules (read_file, read_dir: what landlock.read gives a
 * directory), then restrict; exit 0, or 2 on a failure. */
static void child(int dir, int n, struct split *sp)
{
	uint64_t handled = (1ULL << 13) - 1; /* ABI 1's rights */
	int rs = (int)syscall(SYS_landlock_create_ruleset, &handled,
			      sizeof(handled), 0);
	double t;

	if (rs < 0)
		_exit(2);
	for (int i = 0; i < n; i++) {
		struct path_beneath pb = { (1ULL << 2) | (1ULL << 3), -1 };
		char name[32];

		snprintf(name, sizeof(name), "d%d", i);
		t = now_ns();
		pb.parent_fd = openat(dir, name, O_PATH | O_CLOEXEC);
		sp->open += now_ns() - t;
		if (pb.parent_fd < 0)
			_exit(2);
		t = now_ns();
		if (syscall(SYS_landlock_add_rule, rs, 1, &pb, 0) < 0)
			_exit(2);
		sp->add += now_ns() - t;
		t = now_ns();
		close(pb.parent_fd);
		sp->close += now_ns() - t;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		_exit(2);
	t = now_ns();
	if (syscall(SYS_landlock_restrict_self, rs, 0) < 0)
		_exit(2);
	sp->restrict_ += now_ns() - t;
	_exit(0);
}

/* One child's whole life, fork to reaped, in ns. */
static double one(int dir, int n, struct split *shared)
{
	double t = now_ns();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0)
		child(dir, n, shared);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "llfloor: the child failed (no Landlock here, "
				"or DIR lacks d0..d%d)\n", n - 1);
		exit(2);
	}
	return now_ns() - t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static double per[MAX_ROUNDS];
	struct split *sp = mmap(NULL, sizeof(*sp), PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct split sum = { 0 };
	int rounds = 50, opt, n, dir;

	while ((opt = getopt(argc, argv, "r:")) != -1) {
		if (opt != 'r')
			goto usage;
		rounds = atoi(optarg);
	}
	if (argc - optind != 2 || rounds < 1 || rounds > MAX_ROUNDS)
		goto usage;
	n = atoi(argv[optind + 1]);
	if (n < 1 || n > 100000)
		goto usage;
	if (sp == MAP_FAILED)
		die("mmap");
	dir = open(argv[optind], O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		die(argv[optind]);
	one(dir, n, sp); /* warm the dentries */
	for (int r = 0; r < rounds; r++) {
		double t0, tn;

		memset(sp, 0, sizeof(*sp));
		tn = one(dir, n, sp);
		sum.open += sp->open;
		sum.add += sp->add;
		sum.close += sp->close;
		sum.restrict_ += sp->restrict_;
		t0 = one(dir, 0, sp);
		per[r] = (tn - t0) / n;
	}
	qsort(per, (size_t)rounds, sizeof(per[0]), cmp_double);
	printf("llfloor paths=%d us_per_path=%.2f open=%.2f add=%.2f "
	       "close=%.2f restrict=%.2f\n",
	       n, per[rounds / 2] / 1e3, sum.open / rounds / n / 1e3,
	       sum.add / rounds / n / 1e3, sum.close / rounds / n / 1e3,
	       sum.restrict_ / rounds / n / 1e3);
	return 0;
usage:
	fprintf(stderr, "usage: llfloor [-r ROUNDS] DIR N\n");
	return 2;
}
