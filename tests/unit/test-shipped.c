/* test-shipped.c - every shipped profile (NAME.profile in etc/ and profiles/)
 * loads, compiles, and its filter kills the other ABIs (the i386 entry
 * point, x32 numbers) and a syscall number with the x32 bit, checked in
 * the BPF simulator, because these machines have no i386 entry point. */
#include "config.h"

#include <dirent.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "bpfsim.h"
#include "filter.h"
#include "profile.h"
#include "tap.h"

#define KILLP SECCOMP_RET_KILL_PROCESS
#define AUDIT_I386 0x40000003U   /* AUDIT_ARCH_I386 */
#define AUDIT_X86_64 0xc000003eU /* AUDIT_ARCH_X86_64 */

static void check_profile(const char *dir, const char *name,
			  const char *syspath)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_command cmd = JR_COMMAND_INIT;
	struct jr_lookup lk = { NULL, syspath, NULL };
	struct jr_profile_log log = { .n = 0 };
	struct jr_filter_opts o = { .notify = true };
	struct jr_bpf prog = { 0 };
	struct jr_err err = { { 0 } };
	struct seccomp_data d;
	char path[1024];
	int getpid_nr = seccomp_syscall_resolve_name("getpid");

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	cmd.profile = path;
	if (jr_profile_load(pol, &cmd, &lk, "prog", &log, &err) < 0 ||
	    jr_filter_compile(pol, &o, &prog, &err) < 0) {
		ok(false, "%s: loads and compiles (%s)", name, err.msg);
		goto out;
	}
	if (!prog.len) {
		ok(true, "%s: no seccomp keys, no filter to check",
		   name);
		goto out;
	}
	jr_bpf_data(&d, AUDIT_I386, 20, NULL); /* i386 getpid */
	is_int(jr_bpf_run(prog.insns, prog.len, &d), KILLP,
	       "%s: int 0x80 (i386 getpid) kills", name);
	jr_bpf_data(&d, AUDIT_X86_64, getpid_nr | 0x40000000, NULL);
	is_int(jr_bpf_run(prog.insns, prog.len, &d), KILLP,
	       "%s: x32 getpid (nr | 0x40000000) kills", name);
	jr_bpf_data(&d, AUDIT_X86_64, 0x40000000 | 59, NULL);
	is_int(jr_bpf_run(prog.insns, prog.len, &d), KILLP,
	       "%s: x32 execve kills", name);
	jr_bpf_data(&d, AUDIT_X86_64, getpid_nr, NULL);
	ok(jr_bpf_run(prog.insns, prog.len, &d) == SECCOMP_RET_ALLOW,
	   "%s: native getpid is allowed (the filter is not deny-all)",
	   name);
out:
	jr_bpf_free(&prog);
	jr_profile_log_free(&log);
	jr_policy_free(pol);
}

static int is_profile(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 8 && strcmp(e->d_name + n - 8, ".profile") == 0;
}

static size_t check_dir(const char *dir, const char *syspath)
{
	struct dirent **list;
	int n = scandir(dir, &list, is_profile, alphasort);

	if (n < 0)
		return 0;
	for (int i = 0; i < n; i++) {
		check_profile(dir, list[i]->d_name, syspath);
		free(list[i]);
	}
	free(list);
	return (size_t)n;
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	char etc[1024], profiles[1024], syspath[2100];
	size_t n;

	/* valgrind answers seccomp(2) with ENOSYS: tell libseccomp the
	 * kernel's API level, as test-filter does (nothing is loaded). */
	if (seccomp_api_get() < 6)
		seccomp_api_set(6);
	if (!top) {
		ok(false, "top_srcdir is set (run through make check)");
		return tap_done();
	}
	snprintf(etc, sizeof(etc), "%s/etc", top);
	snprintf(profiles, sizeof(profiles), "%s/profiles", top);
	snprintf(syspath, sizeof(syspath), "%s:%s", etc, profiles);
	n = check_dir(etc, syspath) + check_dir(profiles, syspath);
	ok(n >= 1, "%zu shipped profiles checked", n);
	return tap_done();
}
