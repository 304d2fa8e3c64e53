/* test-tables.c - the data tables hold to their rules: sorted, every
 * entry with help text, every member a name libseccomp knows.  The group
 * table has its own test, test-groups.c. */
#include "config.h"

#include <ctype.h>
#include <linux/capability.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argrules.h"
#include "capnames.h"
#include "filter.h"
#include "groups.h"
#include "hints.h"
#include "options.h"
#include "syscalls.h"
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

/* NAME, if native, is a number jailrun knows: at most jr_syscall_max */
static bool within(const char *name, int max)
{
	int nr;

	if (jr_syscall_resolve(name, &nr) != JR_SC_NATIVE || nr <= max)
		return true;
	diag("%s is %d, above the highest known %d", name, nr, max);
	return false;
}

/* The highest known number (the deny-list's ENOSYS prefix starts above
 * it) is libseccomp's, and every name jailrun maps lies within it. */
static void test_known(void)
{
	int max = jr_syscall_max(), table = -1;
	bool round = true, maps = true;
	char buf[64];

	for (int nr = 0; nr < 4096; nr++) {
		char *n = seccomp_syscall_resolve_num_arch(
			seccomp_arch_native(), nr);
		int back = -1;

		if (!n)
			continue;
		table = nr;
		if (nr < JR_NR_MAX &&
		    (jr_syscall_resolve(n, &back) != JR_SC_NATIVE ||
		     back != nr ||
		     strcmp(jr_syscall_name(nr, buf, sizeof(buf)), n))) {
			diag("%d %s resolves back to %d", nr, n, back);
			round = false;
		}
		free(n);
	}
	is_int(max, table, "the highest known number is libseccomp's (%d)",
	       table);
	ok(max > 0 && max < JR_NR_MAX, "it fits the policy's sets");
	ok(round, "every native name resolves back to its number");
	{
		char want[32];

		snprintf(want, sizeof(want), "#%d", max + 1);
		is_str(jr_syscall_name(max + 1, buf, sizeof(buf)), want,
		       "the number above it has no name");
	}
	for (size_t i = 0; i < jr_ngroups; i++) {
		char *m = strdup(jr_groups[i].members), *save = NULL;

		for (char *t = strtok_r(m, " ", &save); t;
		     t = strtok_r(NULL, " ", &save))
			if (t[0] != '@')
				maps &= within(t, max);
		free(m);
	}
	for (size_t i = 0; i < jr_nprobe_names; i++)
		maps &= within(jr_probe_names[i], max);
	for (size_t i = 0; i < jr_nargrules; i++)
		maps &= within(jr_argrules[i].syscall, max);
	ok(maps, "groups, probes and argument rules name known numbers only");
}

/* Each jailrun option a hint names ("--a=X --b=!PATH") is a key. */
static bool options_exist(const char *opts)
{
	for (const char *p = strstr(opts, "--"); p; p = strstr(p, "--")) {
		char name[64];
		size_t n;

		p += 2;
		n = strcspn(p, "= ");
		if (n == 0 || n >= sizeof(name))
			return false;
		memcpy(name, p, n);
		name[n] = '\0';
		if (!jr_key_find(name)) {
			diag("--%s is no jailrun option", name);
			return false;
		}
	}
	return strncmp(opts, "--", 2) == 0;
}

static void test_hints(void)
{
	bool sorted = true, not_keys = true, exist = true, said = true;

	for (size_t i = 0; i < jr_nhints; i++) {
		const struct jr_hint *h = &jr_hints[i];

		if (i && strcmp(jr_hints[i - 1].firejail, h->firejail) >= 0)
			sorted = false;
		if (jr_key_find(h->firejail)) {
			diag("--%s is a jailrun key: its hint is dead",
			     h->firejail);
			not_keys = false;
		}
		if (h->jailrun && !options_exist(h->jailrun))
			exist = false;
		if (!h->jailrun &&
		    (!h->note || (strncmp(h->note, "has ", 4) != 0 &&
				  strncmp(h->note, "is ", 3) != 0))) {
			diag("--%s: a hint without jailrun's option says "
			     "what it is or has", h->firejail);
			said = false;
		}
	}
	ok(jr_nhints > 30, "firejail hints: a table of %zu", jr_nhints);
	ok(sorted, "firejail hints: sorted");
	ok(not_keys, "firejail hints: no firejail name is a jailrun key");
	ok(exist, "firejail hints: every jailrun option named exists");
	ok(said, "firejail hints: each one without an option reads as a "
		 "sentence");
	ok(jr_hint_find("nonewprivs") && !jr_hint_find("private-tmp"),
	   "firejail hints: found by name");
}

/* The capability names: one at each number the headers know, each its
 * own, lower case, found again by name; the running kernel's last
 * capability is one of them (a newer kernel's is said, not failed: its
 * extra ones are only printed as numbers). */
static void test_capnames(void)
{
	bool each = true, lower = true, unique = true, back = true;
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "r");
	int last = -1;

	for (size_t i = 0; i < jr_ncap_names; i++) {
		const char *n = jr_cap_names[i];

		if (!n) {
			diag("capability %zu has no name", i);
			each = false;
			continue;
		}
		for (const char *c = n; *c; c++)
			if (!islower((unsigned char)*c) && *c != '_')
				lower = false;
		for (size_t j = 0; j < i; j++)
			if (jr_cap_names[j] && strcmp(jr_cap_names[j], n) == 0)
				unique = false;
		if (jr_cap_by_name(n) != (int)i)
			back = false;
	}
	ok(jr_ncap_names == CAP_LAST_CAP + 1,
	   "capability names: one per number up to the headers' CAP_LAST_CAP "
	   "(%d)", CAP_LAST_CAP);
	ok(each, "capability names: every number has one");
	ok(lower, "capability names: lower case, no cap_ prefix");
	ok(unique, "capability names: each its own");
	ok(back, "capability names: each found again at its number");
	ok(jr_cap_by_name("net_admin") == CAP_NET_ADMIN &&
		   jr_cap_by_name("SYS_PTRACE") == CAP_SYS_PTRACE &&
		   jr_cap_by_name("checkpoint_restore") == 40,
	   "capability names: by name, any case");
	ok(jr_cap_by_name("net_admn") < 0 && jr_cap_by_name("") < 0 &&
		   jr_cap_by_name("12") < 0 && !jr_cap_name(-1) &&
		   !jr_cap_name((int)jr_ncap_names),
	   "capability names: unknown names and numbers are none");
	if (f && fscanf(f, "%d", &last) == 1 && last < (int)jr_ncap_names)
		ok(jr_cap_name(last) != NULL,
		   "capability names: the running kernel's last (%d) has one",
		   last);
	else if (last >= 0)
		skip("this kernel's last capability is newer than the headers: "
		     "its extra ones print as numbers");
	else
		skip("no /proc/sys/kernel/cap_last_cap here");
	if (f)
		fclose(f);
}

int main(void)
{
	test_capnames();
	test_hints();
	test_probes();
	test_known();
	test_families();
	return tap_done();
}
