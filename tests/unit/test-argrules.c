/* test-argrules.c - the argument rules: the table holds to its shape, and
 * the compiled filter (run in the BPF simulator) and the supervisor's
 * predicate give the same answer for every interesting argument value,
 * in a deny-list and in an allow-list, where the filter writes "allow,
 * except" as cubes. */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "argrules.h"
#include "bpfsim.h"
#include "filter.h"
#include "options.h"
#include "syscalls.h"
#include "tap.h"

#define POISON (SECCOMP_RET_ERRNO | EHWPOISON)
#define ENOSYS_RET (SECCOMP_RET_ERRNO | ENOSYS)

static void test_table(void)
{
	bool known = true, one_arg = true, described = true, low = true;

	for (size_t i = 0; i < jr_nargrules; i++) {
		const struct jr_argrule *r = &jr_argrules[i];

		if (seccomp_syscall_resolve_name(r->syscall) == __NR_SCMP_ERROR)
			known = false;
		if (!r->what || strlen(r->what) < 5)
			described = false;
		if ((r->value & ~r->mask) || (r->mask >> 32))
			low = false; /* int arguments: the low 32 bits */
		for (size_t j = 0; j < i; j++)
			if (!strcmp(jr_argrules[j].syscall, r->syscall) &&
			    jr_argrules[j].arg != r->arg && r->mask)
				one_arg = false;
	}
	ok(known, "every syscall of the table is known to libseccomp");
	ok(described, "every rule says what it stops");
	ok(low, "masks cover the low 32 bits only (the kernel reads an int)");
	ok(one_arg, "one argument per syscall (the cubes need it)");
}

static struct jr_policy *hardened(bool keep)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_err err = { { 0 } };
	static const char *const kv[][2] = {
		{ "seccomp", "yes" },
		{ "restrict-namespaces", "yes" },
		{ "memory-deny-write-execute", "yes" },
		{ "seccomp.action", "errno:EHWPOISON" },
	};

	for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]); i++)
		if (jr_key_set(pol, jr_key_find(kv[i][0]), kv[i][1], "t:1",
			       &err) < 0)
			diag("%s", err.msg);
	if (keep && jr_key_set(pol, jr_key_find("seccomp.keep"),
			       "@stdio,@thread,@proc,unshare,setns,shmat,"
			       "pkey_mprotect",
			       "t:2", &err) < 0)
		diag("%s", err.msg);
	return pol;
}

/* Values worth trying for a rule: its own, with high bits, one bit off,
 * zero, all ones, and some pseudo-random ones. */
static size_t samples(const struct jr_argrule *r, uint64_t *v, size_t max)
{
	size_t n = 0;
	uint64_t x = 0x9e3779b97f4a7c15ULL;

	v[n++] = r->value;
	v[n++] = r->value | (1ULL << 32);
	v[n++] = r->value | 0xffffffff00000000ULL;
	v[n++] = 0;
	v[n++] = ~0ULL;
	for (int b = 0; b < 32 && n < max; b++)
		v[n++] = r->value ^ (1ULL << b);
	while (n < max) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		v[n] = (n & 1) ? x : (x & 0xffff) | r->value;
		n++;
	}
	return n;
}

static void test_agree(bool keep)
{
	struct jr_policy *pol = hardened(keep);
	struct jr_filter_opts o = { .notify = false };
	struct jr_bpf prog = { 0 };
	struct jr_err err = { { 0 } };
	size_t tried = 0, wrong = 0, denied = 0;

	if (jr_filter_compile(pol, &o, &prog, &err) < 0) {
		ok(false, "%s: compiles (%s)", keep ? "allow-list" : "deny-list",
		   err.msg);
		jr_policy_free(pol);
		return;
	}
	for (size_t i = 0; i < jr_nargrules; i++) {
		const struct jr_argrule *r = &jr_argrules[i];
		uint64_t vals[64], args[6] = { 0 };
		size_t nvals = samples(r, vals, 64);
		int nr;

		if (jr_syscall_resolve(r->syscall, &nr) != JR_SC_NATIVE)
			continue;
		for (size_t k = 0; k < nvals; k++) {
			struct seccomp_data d;
			uint32_t got, want;

			args[r->arg] = vals[k];
			jr_bpf_data(&d, SCMP_ARCH_X86_64, nr, args);
			got = jr_bpf_run(prog.insns, prog.len, &d);
			const struct jr_argrule *m = jr_argrule_match(pol, &d);
			want = !m ? SECCOMP_RET_ALLOW :
			       m->err ? (SECCOMP_RET_ERRNO | (uint32_t)m->err) :
					POISON;
			tried++;
			denied += want != SECCOMP_RET_ALLOW;
			if (got != want && wrong++ < 5)
				diag("%s(%#llx): filter %#x, predicate %#x",
				     r->syscall, (unsigned long long)vals[k], got,
				     want);
		}
	}
	ok(wrong == 0 && denied > 20,
	   "%s: filter and predicate agree on %zu calls (%zu denied, %zu "
	   "differ)",
	   keep ? "allow-list" : "deny-list", tried, denied, wrong);
	jr_bpf_free(&prog);
	jr_policy_free(pol);
}

static void test_cubes(void)
{
	struct jr_policy *pol = hardened(false);
	struct jr_cube c[JR_CUBES_MAX];
	int ioctl_nr = -1, unshare_nr = -1, setns_nr = -1;
	int n;

	jr_syscall_resolve("ioctl", &ioctl_nr);
	jr_syscall_resolve("unshare", &unshare_nr);
	jr_syscall_resolve("setns", &setns_nr);
	n = jr_argrule_allowed(pol, unshare_nr, c, JR_CUBES_MAX);
	ok(n == 1 && c[0].value == 0,
	   "unshare: one cube, no namespace flag set (%d)", n);
	n = jr_argrule_allowed(pol, ioctl_nr, c, JR_CUBES_MAX);
	ok(n > 30 && n < 40, "ioctl less two commands: %d cubes", n);
	ok(jr_argrule_allowed(pol, setns_nr, c, JR_CUBES_MAX) == 0,
	   "setns: denied whatever its arguments");
	ok(jr_argrule_allowed(pol, ioctl_nr, c, 4) == -1,
	   "too many cubes for the room: -1, never a partial list");
	jr_policy_free(pol);
}

int main(void)
{
	/* valgrind answers seccomp(2) with ENOSYS: tell libseccomp the
	 * kernel's API level, as test-filter does (nothing is loaded). */
	if (seccomp_api_get() < 6)
		seccomp_api_set(6);
	test_table();
	test_agree(false);
	test_agree(true);
	test_cubes();
	return tap_done();
}
