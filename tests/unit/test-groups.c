/* test-groups.c - the @group table holds to its rules: sorted, helped,
 * every member a name libseccomp knows, every variant of an operation in
 * the same groups, every x86_64 syscall in a group or in jr_ungrouped[],
 * every group resolvable for the other architectures profiles are
 * written for, every group with a systemd name holding systemd 252's
 * members, and @stdio holding no exec and no open (pledge's stdio). */
#include "config.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "tap.h"

/* ---- a universe of names: every syscall of the arches below ---------- */

#define NAMES_MAX 1024
#define GROUPS_MAX JR_GROUPS_MAX

static const uint32_t arches[] = {
	SCMP_ARCH_X86_64,  SCMP_ARCH_X86,   SCMP_ARCH_X32,   SCMP_ARCH_AARCH64,
	SCMP_ARCH_ARM,     SCMP_ARCH_PPC64, SCMP_ARCH_S390X, SCMP_ARCH_RISCV64,
	SCMP_ARCH_MIPS64,
};

static char *names[NAMES_MAX];
static size_t nnames;
/* member[g][i]: group g holds names[i] (nested groups flattened) */
static bool member[GROUPS_MAX][NAMES_MAX];

static int name_index(const char *name, bool add)
{
	for (size_t i = 0; i < nnames; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	if (!add || nnames == NAMES_MAX)
		return -1;
	names[nnames] = strdup(name);
	return (int)nnames++;
}

static bool known_anywhere(const char *name)
{
	return seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, name) !=
	       __NR_SCMP_ERROR;
}

static void load_universe(void)
{
	for (size_t a = 0; a < sizeof(arches) / sizeof(arches[0]); a++) {
		for (int nr = 0; nr < 1100; nr++) {
			char *n = seccomp_syscall_resolve_num_arch(arches[a], nr);

			if (n)
				name_index(n, true);
			free(n);
		}
	}
}

struct collect {
	size_t g;
	bool all_known;
};

static int collect_member(void *ctx, const char *name, const char *where,
			  struct jr_err *err)
{
	struct collect *c = ctx;
	int i;

	(void)where;
	(void)err;
	if (!known_anywhere(name)) {
		diag("%s: libseccomp does not know %s", jr_groups[c->g].name,
		     name);
		c->all_known = false;
		return 0;
	}
	i = name_index(name, true);
	if (i >= 0)
		member[c->g][i] = true;
	return 0;
}

static void test_table(void)
{
	bool sorted = true, helped = true, named = true;

	for (size_t i = 0; i < jr_ngroups; i++) {
		const struct jr_group *g = &jr_groups[i];

		if (i && strcmp(jr_groups[i - 1].name, g->name) >= 0) {
			diag("not sorted: %s after %s", g->name,
			     jr_groups[i - 1].name);
			sorted = false;
		}
		if (!g->help || strlen(g->help) < 10)
			helped = false;
		if (g->name[0] != '@')
			named = false;
	}
	ok(sorted, "groups sorted by name, no duplicates");
	ok(helped, "every group has help text");
	ok(named, "every group name starts with @");
	ok(jr_ngroups <= GROUPS_MAX, "table fits the test (%zu groups)",
	   jr_ngroups);
}

/* Expanding every group succeeds (no unknown nested group, no loop:
 * a loop would hit the depth limit) and every member is known. */
static void test_expand(void)
{
	for (size_t g = 0; g < jr_ngroups; g++) {
		struct collect c = { .g = g, .all_known = true };
		struct jr_err err = { { 0 } };
		int r = jr_group_expand(jr_groups[g].name, collect_member, &c,
					"test", &err);

		if (r != 0)
			diag("%s", err.msg);
		ok(r == 0 && c.all_known, "%s expands, every member known",
		   jr_groups[g].name);
	}
}

static void test_expand_errors(void)
{
	struct collect c = { .g = 0, .all_known = true };
	struct jr_err err = { { 0 } };

	ok(jr_group_expand("@stdoi", collect_member, &c, "f:1", &err) == -1 &&
		   strstr(err.msg, "did you mean '@stdio'"),
	   "unknown group: error with a close match (%s)", err.msg);
}

/* ---- systemd's names, systemd's members ------------------------------ */

/* tests/data/systemd-252-groups.txt is `systemd-analyze syscall-filter`
 * of Debian 12's systemd 252 (its header says how it was made).  Every
 * jailrun group that carries one of its names holds exactly its members,
 * nested groups expanded, less the names libseccomp does not know; a
 * jailrun group may add only syscalls systemd 252 does not know at all
 * (newer than its table: not in its @known).  A deliberate difference
 * takes a name of jailrun's own instead. */
#define SD_GROUPS_MAX 64
#define SD_MEMBERS_MAX 4096

struct sd_group {
	char name[JR_GROUP_NAME_MAX];
	size_t first, n; /* members: sd_members[first .. first + n) */
};
static struct sd_group sd_groups[SD_GROUPS_MAX];
static size_t sd_ngroups;
static char *sd_members[SD_MEMBERS_MAX];
static size_t sd_nmembers;

static const struct sd_group *sd_find(const char *name)
{
	for (size_t i = 0; i < sd_ngroups; i++)
		if (strcmp(sd_groups[i].name, name) == 0)
			return &sd_groups[i];
	return NULL;
}

static bool sd_load(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	struct sd_group *cur = NULL;
	bool good = true;

	if (!f) {
		diag("cannot open %s", path);
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p = line;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '@') {
			if (sd_ngroups == SD_GROUPS_MAX ||
			    strlen(line) >= sizeof(cur->name)) {
				good = false;
				break;
			}
			cur = &sd_groups[sd_ngroups++];
			strcpy(cur->name, line);
			cur->first = sd_nmembers;
			cur->n = 0;
			continue;
		}
		p += strspn(p, " \t");
		if (*p == '\0' || *p == '#' || p == line)
			continue; /* blank, comment, or not indented */
		if (!cur || sd_nmembers == SD_MEMBERS_MAX) {
			good = false;
			break;
		}
		sd_members[sd_nmembers++] = strdup(p);
		cur->n++;
	}
	fclose(f);
	return good && sd_ngroups > 20;
}

/* Mark the members of systemd's group G in SET (names index). */
static bool sd_expand(const struct sd_group *g, bool *set, int depth)
{
	if (depth > JR_GROUP_DEPTH_MAX)
		return false;
	for (size_t m = g->first; m < g->first + g->n; m++) {
		const char *n = sd_members[m];
		int i;

		if (n[0] == '@') {
			const struct sd_group *sub = sd_find(n);

			if (!sub || !sd_expand(sub, set, depth + 1))
				return false;
			continue;
		}
		if (!known_anywhere(n))
			continue; /* absent from libseccomp: skipped */
		i = name_index(n, true);
		if (i >= 0)
			set[i] = true;
	}
	return true;
}

static void test_systemd(void)
{
	static bool sd[NAMES_MAX], known[NAMES_MAX];
	const char *top = getenv("top_srcdir");
	char path[4096];
	size_t shared = 0;

	snprintf(path, sizeof(path), "%s/tests/data/systemd-252-groups.txt",
		 top ? top : ".");
	if (!sd_load(path)) {
		ok(false, "systemd's groups read from %s", path);
		return;
	}
	const struct sd_group *all = sd_find("@known");

	ok(all && sd_expand(all, known, 0), "systemd's @known expands");
	for (size_t g = 0; g < jr_ngroups; g++) {
		const struct sd_group *s = sd_find(jr_groups[g].name);
		size_t missing = 0, extra = 0;

		if (!s || strcmp(s->name, "@known") == 0)
			continue;
		shared++;
		memset(sd, 0, sizeof(sd));
		if (!sd_expand(s, sd, 0)) {
			ok(false, "%s: systemd's group expands", s->name);
			continue;
		}
		for (size_t i = 0; i < nnames; i++) {
			if (sd[i] && !member[g][i]) {
				diag("%s lacks systemd's %s", s->name,
				     names[i]);
				missing++;
			} else if (!sd[i] && member[g][i] && known[i]) {
				diag("%s holds %s, which systemd's does not",
				     s->name, names[i]);
				extra++;
			}
		}
		ok(missing == 0 && extra == 0,
		   "%s holds systemd 252's members (%zu missing, %zu extra)",
		   s->name, missing, extra);
	}
	ok(shared >= 25, "%zu groups share a name with systemd's", shared);
	for (size_t m = 0; m < sd_nmembers; m++)
		free(sd_members[m]);
}

/* ---- pledge's names: @stdio has no exec and no open ------------------ */

/* OpenBSD pledge(2): "stdio" allows neither execve (that is "exec") nor
 * opening files by path ("rpath", "wpath", "cpath"). */
static void test_pledge(void)
{
	static const char *const not_stdio[] = {
		"execve", "execveat", "open", "openat", "openat2", "creat",
		"access", "faccessat", "faccessat2", NULL
	};
	const struct jr_group *st = jr_group_find("@stdio");
	const struct jr_group *ex = jr_group_find("@exec");
	const struct jr_group *rp = jr_group_find("@rpath");
	size_t g = (size_t)(st - jr_groups), bad = 0;
	int e = name_index("execve", false), o = name_index("openat", false);

	for (size_t m = 0; not_stdio[m]; m++) {
		int i = name_index(not_stdio[m], false);

		if (i < 0 || member[g][i]) {
			diag("@stdio holds %s", not_stdio[m]);
			bad++;
		}
	}
	ok(bad == 0, "@stdio holds no exec and no open (%zu)", bad);
	ok(e >= 0 && member[ex - jr_groups][e], "@exec holds execve");
	ok(o >= 0 && member[rp - jr_groups][o], "@rpath holds openat");
}

/* ---- coverage: every x86_64 syscall is somewhere ---------------------- */

static bool in_some_group(int i)
{
	for (size_t g = 0; g < jr_ngroups; g++)
		if (member[g][i])
			return true;
	return false;
}

static void test_coverage(void)
{
	size_t missing = 0, total = 0;
	bool ungrouped_ok = true;

	for (int nr = 0; nr < 1024; nr++) {
		char *n = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);
		bool listed = false;

		if (!n)
			continue;
		total++;
		for (size_t u = 0; u < jr_nungrouped; u++)
			listed |= strcmp(jr_ungrouped[u].name, n) == 0;
		if (!listed && !in_some_group(name_index(n, false))) {
			diag("x86_64 syscall %s (%d) is in no group and not in "
			     "jr_ungrouped[]",
			     n, nr);
			missing++;
		}
		free(n);
	}
	ok(missing == 0, "all %zu x86_64 syscalls libseccomp knows are grouped "
	   "or listed as ungrouped (%zu missing)", total, missing);

	for (size_t u = 0; u < jr_nungrouped; u++) {
		int i = name_index(jr_ungrouped[u].name, false);

		if (i < 0 || in_some_group(i) || !jr_ungrouped[u].why ||
		    strlen(jr_ungrouped[u].why) < 10) {
			diag("ungrouped %s: unknown, grouped after all, or no "
			     "reason", jr_ungrouped[u].name);
			ungrouped_ok = false;
		}
	}
	ok(ungrouped_ok, "every ungrouped entry is a real, ungrouped syscall "
	   "with a reason");
}

/* ---- variants: one operation, every name it has ---------------------- */

/* Each row: names that are one operation on some arch or libc; a group
 * holding one holds all.  "A > B C" rows are one-way: a group with A
 * holds B and C (fork is clone on arches without fork). */
static const char *const variants[] = {
	"open openat openat2",
	("stat lstat fstat newfstatat fstatat64 statx stat64 lstat64 fstat64 "
	 "oldstat oldlstat oldfstat"),
	"statfs fstatfs statfs64 fstatfs64",
	"access faccessat faccessat2",
	"readlink readlinkat",
	"readdir > getdents getdents64", /* systemd: readdir apart */
	"mkdir mkdirat",
	"rename renameat renameat2",
	"link linkat",
	"symlink symlinkat",
	"unlink unlinkat",
	"mknod mknodat",
	"chmod fchmod fchmodat fchmodat2",
	"chown fchown fchownat lchown",
	"utime utimes futimesat utimensat",
	"fcntl fcntl64",
	"mmap mmap2",
	"lseek _llseek",
	"dup dup2 dup3",
	"pipe pipe2",
	"select _newselect pselect6 poll ppoll",
	"epoll_create epoll_create1",
	"epoll_wait epoll_pwait epoll_pwait2",
	"eventfd eventfd2",
	"signalfd signalfd4",
	"inotify_init inotify_init1",
	"accept accept4",
	"send sendto",
	"recv recvfrom",
	"socketcall > socket connect sendmsg recvmsg",
	"wait4 waitid waitpid",
	"clone clone3",
	"fork > clone clone3 vfork",
	"rt_sigaction sigaction signal",
	"rt_sigprocmask sigprocmask",
	"rt_sigreturn sigreturn",
	"rt_sigsuspend sigsuspend",
	"rt_sigpending sigpending",
	"getrlimit ugetrlimit prlimit64",
	"fadvise64 fadvise64_64 arm_fadvise64_64",
	"sync_file_range sync_file_range2 arm_sync_file_range",
	"preadv preadv2",
	"pwritev pwritev2",
	"umount umount2",
	"timerfd > timerfd_create", /* systemd: timerfd in no group */
	"futex futex_time64",
	"arch_prctl > set_thread_area set_tls",
};

static bool check_row(size_t g, const char *row)
{
	char *copy = strdup(row), *save = NULL;
	bool one_way = strstr(row, " > ") != NULL;
	size_t have = 0, want = 0;
	bool first_in = false, good = true;

	for (char *t = strtok_r(copy, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		int i;

		if (strcmp(t, ">") == 0)
			continue;
		i = name_index(t, false);
		if (i < 0) {
			diag("variant row names unknown %s", t);
			good = false;
			continue;
		}
		if (want == 0)
			first_in = member[g][i];
		want++;
		have += member[g][i];
	}
	free(copy);
	if (!good)
		return false;
	if (one_way)
		return !first_in || have == want;
	return have == 0 || have == want;
}

static void test_variant_rows(void)
{
	size_t bad = 0;

	for (size_t g = 0; g < jr_ngroups; g++) {
		for (size_t r = 0; r < sizeof(variants) / sizeof(variants[0]);
		     r++) {
			if (!check_row(g, variants[r])) {
				diag("%s holds part of: %s", jr_groups[g].name,
				     variants[r]);
				bad++;
			}
		}
	}
	ok(bad == 0, "every group holds all or none of each variant row "
	   "(%zu broken)", bad);
}

/* X_time64, X32 and X64 are X on 32-bit arches: same groups as X. */
static const char *const suffixes[] = { "_time64", "32", "64" };

static void test_variant_suffixes(void)
{
	size_t pairs = 0, bad = 0;

	for (size_t i = 0; i < nnames; i++) {
		for (size_t s = 0; s < 3; s++) {
			size_t n = strlen(names[i]), k = strlen(suffixes[s]);
			char base[64];
			int b;

			if (n <= k || n - k >= sizeof(base) ||
			    strcmp(names[i] + n - k, suffixes[s]) != 0)
				continue;
			memcpy(base, names[i], n - k);
			base[n - k] = '\0';
			b = name_index(base, false);
			if (b < 0)
				continue;
			pairs++;
			for (size_t g = 0; g < jr_ngroups; g++) {
				if (member[g][i] == member[g][b])
					continue;
				diag("%s holds %s but not %s",
				     jr_groups[g].name,
				     member[g][i] ? names[i] : base,
				     member[g][i] ? base : names[i]);
				bad++;
			}
		}
	}
	ok(pairs > 30 && bad == 0,
	   "%zu X/X_time64/X32/X64 pairs, each in the same groups "
	   "(%zu broken)", pairs, bad);
}

/* ---- other architectures --------------------------------------------- */

/* Groups with no syscall at all on some arch, by nature. */
static bool arch_specific(const char *group, uint32_t arch)
{
	if (arch != SCMP_ARCH_AARCH64)
		return false;
	return strcmp(group, "@cpu-emulation") == 0 ||
	       strcmp(group, "@raw-io") == 0 || strcmp(group, "@obsolete") == 0;
}

/* Build a real libseccomp filter for ARCH with a rule for every member
 * of every group: resolution and rule building must succeed there. */
static void test_arch(uint32_t arch, const char *arch_name,
		      const char *const must[])
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	size_t rules = 0, failures = 0, empty = 0;

	seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	if (seccomp_arch_add(ctx, arch) < 0) {
		ok(false, "%s: libseccomp cannot build for it", arch_name);
		seccomp_release(ctx);
		return;
	}
	for (size_t g = 0; g < jr_ngroups; g++) {
		size_t real = 0;

		for (size_t i = 0; i < nnames; i++) {
			int nr;

			if (!member[g][i])
				continue;
			nr = seccomp_syscall_resolve_name_arch(arch, names[i]);
			if (nr == __NR_SCMP_ERROR) {
				failures++;
				continue;
			}
			if (nr < 0)
				continue; /* not on this arch: skipped */
			real++;
			/* rule_add takes the native number (or pseudo number)
			 * and translates it by name for the filter's arch */
			if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1),
					     seccomp_syscall_resolve_name(names[i]),
					     0) < 0) {
				diag("%s: rule for %s (%d) failed", arch_name,
				     names[i], nr);
				failures++;
			}
			rules++;
		}
		if (real == 0 && !arch_specific(jr_groups[g].name, arch)) {
			diag("%s: %s has no syscall there", arch_name,
			     jr_groups[g].name);
			empty++;
		}
	}
	ok(failures == 0 && empty == 0,
	   "%s: every group resolves (%zu rules, %zu failures, %zu empty "
	   "groups)", arch_name, rules, failures, empty);

	/* The names a profile for this arch cannot do without. */
	const struct jr_group *def = jr_group_find("@start");
	size_t gi = (size_t)(def - jr_groups);
	bool all = true;

	for (size_t m = 0; must[m]; m++) {
		int i = name_index(must[m], false);

		if (i < 0 || !member[gi][i] ||
		    seccomp_syscall_resolve_name_arch(arch, must[m]) < 0) {
			diag("%s: @start lacks %s", arch_name, must[m]);
			all = false;
		}
	}
	ok(all, "%s: @start has the loader's syscalls of that arch",
	   arch_name);
	seccomp_release(ctx);
}

static void test_other_arches(void)
{
	static const char *const aarch64[] = { "openat", "newfstatat", "mmap",
					       "execve", "set_tid_address",
					       NULL };
	static const char *const i386[] = { "openat", "mmap2", "fstat64",
					    "set_thread_area", "execve", NULL };

	test_arch(SCMP_ARCH_AARCH64, "aarch64", aarch64);
	test_arch(SCMP_ARCH_X86, "i386", i386);
}

int main(void)
{
	load_universe();
	test_table();
	test_expand();
	test_expand_errors();
	test_systemd();
	test_pledge();
	test_coverage();
	test_variant_rows();
	test_variant_suffixes();
	test_other_arches();
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	return tap_done();
}
