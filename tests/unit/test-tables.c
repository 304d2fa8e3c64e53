/* test-tables.c - the data tables hold to their rules: sorted, every
 * entry with help text, every member a name libseccomp knows. */
#include "config.h"

#include <seccomp.h>
#include <string.h>

#include "filter.h"
#include "groups.h"
#include "options.h"
#include "tap.h"

static void test_groups_sorted(void)
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
}

/* Every member is a group or a syscall name known to libseccomp (on some
 * architecture); a group does not contain itself through nesting. */
static bool member_ok(const char *m, int depth, const char *top)
{
	if (m[0] == '@') {
		const struct jr_group *g = jr_group_find(m);
		char *copy, *save = NULL;
		bool good = true;

		if (!g || depth > 8 || (depth && strcmp(m, top) == 0)) {
			diag("%s: bad nested group %s", top, m);
			return false;
		}
		copy = strdup(g->members);
		for (char *t = strtok_r(copy, " ", &save); t;
		     t = strtok_r(NULL, " ", &save))
			good &= member_ok(t, depth + 1, top);
		free(copy);
		return good;
	}
	if (seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, m) ==
	    __NR_SCMP_ERROR) {
		diag("%s: libseccomp does not know %s", top, m);
		return false;
	}
	return true;
}

static void test_group_members(void)
{
	for (size_t i = 0; i < jr_ngroups; i++)
		ok(member_ok(jr_groups[i].name, 0, jr_groups[i].name),
		   "%s: every member known", jr_groups[i].name);
}

/* Groups resolve for other architectures too (profiles are written once
 * for all): at least one member of each group is real on aarch64 and on
 * i386, or the group is explicitly x86-only. */
static void test_other_arches(void)
{
	static const uint32_t arches[] = { SCMP_ARCH_AARCH64, SCMP_ARCH_X86 };
	static const char *const arch_names[] = { "aarch64", "i386" };

	for (size_t a = 0; a < 2; a++) {
		size_t resolved = 0;

		for (size_t i = 0; i < jr_ngroups; i++) {
			char *copy = strdup(jr_groups[i].members), *save = NULL;

			for (char *t = strtok_r(copy, " ", &save); t;
			     t = strtok_r(NULL, " ", &save))
				if (t[0] != '@' &&
				    seccomp_syscall_resolve_name_arch(
					    arches[a], t) >= 0)
					resolved++;
			free(copy);
		}
		ok(resolved > 40, "%zu group members are real syscalls on %s",
		   resolved, arch_names[a]);
	}
}

static void test_probes(void)
{
	bool sorted = true, known = true;

	for (size_t i = 0; i < jr_nprobe_names; i++) {
		if (i && strcmp(jr_probe_names[i - 1], jr_probe_names[i]) >= 0)
			sorted = false;
		if (seccomp_syscall_resolve_name(jr_probe_names[i]) < 0) {
			diag("probe %s unknown here", jr_probe_names[i]);
			known = false;
		}
	}
	ok(sorted, "ENOSYS probe list sorted");
	ok(known, "ENOSYS probe list: every name is a native syscall");
	ok(jr_filter_is_probe(seccomp_syscall_resolve_name("clone3")),
	   "clone3 is a probe");
	ok(!jr_filter_is_probe(seccomp_syscall_resolve_name("mkdir")),
	   "mkdir is not a probe");
}

static void test_families(void)
{
	bool sorted = true;

	for (size_t i = 1; i < jr_nfamilies; i++)
		if (strcmp(jr_families[i - 1].name, jr_families[i].name) >= 0)
			sorted = false;
	ok(sorted, "protocol families sorted");
	ok(jr_nfamilies == 6, "the six families of DESIGN §1");
}

int main(void)
{
	test_groups_sorted();
	test_group_members();
	test_other_arches();
	test_probes();
	test_families();
	return tap_done();
}
