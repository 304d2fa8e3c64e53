/* syscalls.c - names <-> numbers via libseccomp (native architecture).
 *
 * libseccomp resolves a name it knows for some architecture but not for
 * the one asked to a negative "pseudo syscall" number (for example `open`
 * on aarch64), and a name it does not know at all to __NR_SCMP_ERROR.
 * That difference is what lets a profile name `open` once for every
 * architecture while a typo stays an error. */
#include "config.h"

#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "policy.h"
#include "syscalls.h"
#include "util.h"

enum jr_sc_res jr_syscall_resolve(const char *name, int *nr)
{
	int n = seccomp_syscall_resolve_name_arch(seccomp_arch_native(), name);

	if (n == __NR_SCMP_ERROR)
		return JR_SC_UNKNOWN;
	if (n < 0 || n >= JR_NR_MAX)
		return JR_SC_ABSENT;
	*nr = n;
	return JR_SC_NATIVE;
}

int jr_syscall_max(void)
{
	static int max = -1;

	for (int nr = JR_NR_MAX - 1; max < 0 && nr >= 0; nr--) {
		char *n = seccomp_syscall_resolve_num_arch(
			seccomp_arch_native(), nr);

		if (n)
			max = nr;
		free(n);
	}
	return max;
}

const char *jr_arch_name(void)
{
	static struct utsname u;

	if (!u.machine[0] && uname(&u) < 0)
		return "this architecture";
	return u.machine;
}

const char *jr_syscall_name(int nr, char *buf, size_t size)
{
	char *n = seccomp_syscall_resolve_num_arch(seccomp_arch_native(), nr);

	if (n)
		snprintf(buf, size, "%s", n);
	else
		snprintf(buf, size, "#%d", nr);
	free(n);
	return buf;
}

const char *jr_syscall_suggest(const char *name, char *buf, size_t size)
{
	size_t best_d = (size_t)-1;

	buf[0] = '\0';
	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		char *n = seccomp_syscall_resolve_num_arch(
			seccomp_arch_native(), nr);
		size_t d;

		if (!n)
			continue;
		d = jr_levenshtein(name, n);
		if (d < best_d) {
			best_d = d;
			snprintf(buf, size, "%s", n);
		}
		free(n);
	}
	return jr_close_enough(name, best_d) ? buf : NULL;
}
