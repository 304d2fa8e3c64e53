/* pairs.c - two commands' wall times as a ratio, pair by pair (issue 21).
 *
 *   pairs [-n PAIRS] [-w WARMUP] CMD_A [ARG...] --vs CMD_B [ARG...]
 *
 * Runs A and B in turn, PAIRS times each after WARMUP unmeasured pairs,
 * the order within a pair alternating (A B, then B A), each run timed
 * from its spawn to its reaping with stdin and stdout on /dev/null.
 * Prints one line:
 *
 *   A_MS B_MS RATIO Q1 Q3
 *
 * the medians of A's and of B's wall times in ms, and the median and
 * quartiles of the per-pair ratios A/B.  The two runs of a pair are a
 * few ms apart, so a drift of the machine's speed moves both of them;
 * rounds of many runs of one command, then many of the other (as
 * hyperfine's are), carry such a drift into their ratio.  Exits 1 when a
 * run fails or cannot start, 2 on bad arguments. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAIRS_MAX 10000

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One run of ARGV: its wall time in ms, or -1 when it failed. */
static double run(char **argv, const posix_spawn_file_actions_t *fa)
{
	double t0 = now_ms(), t1;
	pid_t pid;
	int st;

	if (posix_spawnp(&pid, argv[0], fa, NULL, argv, environ) != 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	t1 = now_ms();
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? t1 - t0 : -1;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The value at fraction Q of the sorted V (N > 0). */
static double at(double *v, int n, double q)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return v[(int)(q * (n - 1) + 0.5)];
}

static int usage(void)
{
	fprintf(stderr, "usage: pairs [-n PAIRS] [-w WARMUP] CMD_A [ARG...] "
			"--vs CMD_B [ARG...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	posix_spawn_file_actions_t fa;
	char **a, **b = NULL;
	double *ta, *tb, *r;
	int n = 200, warm = 10, opt;

	while ((opt = getopt(argc, argv, "+n:w:")) != -1) {
		if (opt == 'n')
			n = atoi(optarg);
		else if (opt == 'w')
			warm = atoi(optarg);
		else
			return usage();
	}
	if (n < 1 || n > PAIRS_MAX || warm < 0 || warm > PAIRS_MAX)
		return usage();
	a = argv + optind;
	for (int i = optind; i < argc; i++)
		if (strcmp(argv[i], "--vs") == 0) {
			argv[i] = NULL;
			b = argv + i + 1;
			break;
		}
	if (!b || !a[0] || !b[0])
		return usage();
	ta = calloc((size_t)n, sizeof(*ta));
	tb = calloc((size_t)n, sizeof(*tb));
	r = calloc((size_t)n, sizeof(*r));
	if (!ta || !tb || !r)
		return 1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	for (int i = -warm; i < n; i++) {
		double x, y;

		if (i % 2 == 0) {
			x = run(a, &fa);
			y = run(b, &fa);
		} else {
			y = run(b, &fa);
			x = run(a, &fa);
		}
		if (x < 0 || y < 0) {
			fprintf(stderr, "pairs: %s failed\n", x < 0 ? a[0] : b[0]);
			return 1;
		}
		if (i < 0)
			continue;
		ta[i] = x;
		tb[i] = y;
		r[i] = x / y;
	}
	printf("%.3f %.3f %.3f %.3f %.3f\n", at(ta, n, 0.5), at(tb, n, 0.5),
	       at(r, n, 0.5), at(r, n, 0.25), at(r, n, 0.75));
	posix_spawn_file_actions_destroy(&fa);
	free(ta);
	free(tb);
	free(r);
	return 0;
}
