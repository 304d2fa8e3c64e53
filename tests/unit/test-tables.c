/* test-tables.c - the data tables hold to their rules: sorted, every
 * entry with help text, every member a name libseccomp knows.  The group
 * table has its own test, test-groups.c. */
#include "config.h"

#include <seccomp.h>
#include <string.h>

#include "filter.h"
#include "options.h"
#include "tap.h"

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
	test_probes();
	test_families();
	return tap_done();
}
