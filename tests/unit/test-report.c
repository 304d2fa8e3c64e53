/* test-report.c - the supervisor's verdicts and their words, and the
 * learning layer: what is recorded, the profile written from it, and that
 * profile read back by the real profile parser. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "learn.h"
#include "options.h"
#include "profile.h"
#include "report.h"
#include "syscalls.h"
#include "tap.h"

static int nr_of(const char *name)
{
	int nr = -1;

	jr_syscall_resolve(name, &nr);
	return nr;
}

static struct seccomp_data call(const char *name, uint64_t a0, uint64_t a1,
				uint64_t a2)
{
	struct seccomp_data d = { .nr = nr_of(name) };

	d.args[0] = a0;
	d.args[1] = a1;
	d.args[2] = a2;
	return d;
}

static struct jr_policy *policy(const char *key, const char *value,
				const char *where)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_err err = { { 0 } };

	if (key && jr_key_set(pol, jr_key_find(key), value, where, &err) < 0)
		diag("%s", err.msg);
	return pol;
}

static void set(struct jr_policy *pol, const char *key, const char *value,
		const char *where)
{
	struct jr_err err = { { 0 } };

	if (jr_key_set(pol, jr_key_find(key), value, where, &err) < 0)
		diag("%s", err.msg);
}

/* The reason given for D under the one rule KEY = VALUE (from WHERE). */
static void reason_is(const char *key, const char *value, const char *where,
		      struct seccomp_data d, const char *want, const char *desc)
{
	struct jr_policy *pol = policy(key, value, where);
	struct jr_verdict v;

	jr_verdict_for(pol, &d, &v);
	is_str(v.reason, want, "%s", desc);
	jr_policy_free(pol);
}

static void test_verdicts(void)
{
	struct jr_policy *pol = policy("seccomp.drop", "mkdir,clone3",
				       "/etc/jailrun/x.profile:7");
	struct seccomp_data d = call("mkdir", 0, 0, 0);
	struct jr_verdict v;

	jr_verdict_for(pol, &d, &v);
	ok(v.kind == JR_V_ERRNO && v.err == EPERM, "drop: EPERM");
	is_str(v.reason, "denied by seccomp.drop in x.profile:7",
	       "drop: the rule and its file:line");
	d = call("clone3", 0, 0, 0);
	set(pol, "seccomp.action", "kill", "f:1");
	jr_verdict_for(pol, &d, &v);
	ok(v.kind == JR_V_ERRNO && v.err == ENOSYS,
	   "a probed call gets ENOSYS even under action kill");
	d = call("mkdir", 0, 0, 0);
	jr_verdict_for(pol, &d, &v);
	ok(v.kind == JR_V_KILL, "action kill: kill");
	set(pol, "seccomp.action", "log", "f:1");
	jr_verdict_for(pol, &d, &v);
	ok(v.kind == JR_V_CONTINUE, "action log: continue (permissive)");
	d = call("getpid", 0, 0, 0);
	set(pol, "seccomp.action", "errno:EACCES", "f:1");
	jr_verdict_for(pol, &d, &v);
	ok(v.kind == JR_V_ERRNO && v.err == EPERM &&
		   strstr(v.reason, "not expected"),
	   "an allowed call that reaches the supervisor is denied (fail "
	   "closed)");
	jr_policy_free(pol);

	reason_is("seccomp", "yes", "--seccomp", call("ptrace", 16, 1, 0),
		  "denied by --seccomp (@default-deny)",
		  "seccomp = yes on the command line");
	reason_is("seccomp.keep", "@stdio", "/p/k.profile:3",
		  call("mkdir", 0, 0, 0), "not in seccomp.keep of k.profile:3",
		  "allow-list: not in seccomp.keep, and where it is");

	pol = policy("protocol", "unix", "/p/n.profile:4");
	set(pol, "seccomp.action", "kill", "f:1");
	d = call("socket", AF_PACKET, SOCK_RAW, 0);
	jr_verdict_for(pol, &d, &v);
	ok(v.kind == JR_V_ERRNO && v.err == EAFNOSUPPORT,
	   "refused family: EAFNOSUPPORT (as the filter does, under kill "
	   "too)");
	is_str(v.reason, "family not in protocol (AF_PACKET) of n.profile:4",
	       "refused family named");
	d = call("socket", AF_UNIX | (1ULL << 32), SOCK_STREAM, 0);
	jr_verdict_for(pol, &d, &v);
	ok(v.err == EAFNOSUPPORT, "high bits set on an allowed family: "
	   "refused (fail closed, as the filter)");
	jr_policy_free(pol);
}

static void test_calls(void)
{
	char buf[160];
	struct seccomp_data d;

	d = call("socket", AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 768);
	is_str(jr_report_call(&d, buf, sizeof(buf)),
	       "socket(AF_PACKET, SOCK_RAW|SOCK_CLOEXEC, 768)", "socket decoded");
	d = call("openat", (uint64_t)AT_FDCWD, 0x1234,
		 O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
	is_str(jr_report_call(&d, buf, sizeof(buf)),
	       "openat(-100, ..., O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC)",
	       "openat flags decoded, path not read");
	d = call("ptrace", 16, 42, 0);
	is_str(jr_report_call(&d, buf, sizeof(buf)),
	       "ptrace(PTRACE_ATTACH, 42, ...)", "ptrace request named");
	d = call("kill", 1, SIGTERM, 0);
	is_str(jr_report_call(&d, buf, sizeof(buf)), "kill(1, SIGTERM)",
	       "kill signal named");
	d = call("mkdir", 0, 0, 0);
	is_str(jr_report_call(&d, buf, sizeof(buf)), "mkdir(...)",
	       "other calls: name only");
	is_str(jr_report_open_flags(O_RDONLY | O_NOCTTY, buf, sizeof(buf)),
	       "O_RDONLY|O_NOCTTY", "open flags alone, for Landlock's reports");
	d = call("socket", 9999, 0, 0);
	jr_report_call(&d, buf, 12);
	ok(strlen(buf) == 11, "a short buffer truncates, terminated");
}

static void test_tally(void)
{
	struct jr_report *r = calloc(1, sizeof(*r));
	char buf[256];

	ok(jr_report_note(r, 10, nr_of("mkdir")), "first (pid, call): say it");
	ok(!jr_report_note(r, 10, nr_of("mkdir")), "again: quiet");
	ok(jr_report_note(r, 11, nr_of("mkdir")), "another pid: say it");
	jr_report_note(r, 11, nr_of("ptrace"));
	jr_report_note(r, 12, nr_of("mkdir"));
	is_str(jr_report_summary(r, buf, sizeof(buf)), "mkdir x4, ptrace x1",
	       "summary: each call and count, most first");
	free(r);
}

/* ---- learning ------------------------------------------------------- */

static struct jr_learned *learned_of(const char *const names[])
{
	struct jr_learned *l = calloc(1, sizeof(*l));

	for (size_t i = 0; names[i]; i++) {
		struct seccomp_data d = call(names[i], AF_UNIX, 0, 0);

		jr_learned_note(l, &d, strcmp(names[i], "execve") == 0);
	}
	l->runs = 1;
	return l;
}

static const char *const ls_like[] = {
	"execve", "brk", "arch_prctl", "mmap", "access", "openat",
	"newfstatat", "close", "read", "pread64", "mprotect",
	"set_tid_address", "set_robust_list", "rseq", "prlimit64", "munmap",
	"getrandom", "statfs", "ioctl", "getdents64", "write", "exit_group",
	"socket", "connect", "lseek", "futex", "readlink", "getxattr",
	"lgetxattr", "statx", NULL
};

static void test_learn_profile(void)
{
	struct jr_learned *l = learned_of(ls_like);
	struct jr_policy *pol = jr_policy_new();
	struct jr_profile_log log = { .n = 0 };
	struct jr_lookup lk = { NULL, "/nonexistent", NULL };
	struct jr_err err = { { 0 } };
	char *text = NULL;
	bool covers = true, tight = true;

	ok(l->families == 1ULL << AF_UNIX && !l->exec_after_start,
	   "recorded: unix sockets; the launch is not an exec after start");
	is_int(jr_learned_profile(l, "ls -l /", "2026-01-01T00:00:00Z", &text,
				  &err),
	       0, "profile built");
	ok(strstr(text, "seccomp.keep = @start") != NULL,
	   "@start chosen (enough of it used)");
	ok(strstr(text, "protocol = unix\n") != NULL, "protocol = unix");
	ok(strstr(text, "seccomp.drop = execve, execveat") != NULL,
	   "no exec after the start: execve, execveat dropped");
	ok(strstr(text, "# groups: one is used when") != NULL,
	   "the header says the rule that chose groups");
	is_int(jr_profile_parse_buffer(pol, &lk, "/t/learned.profile", text,
				       strlen(text), &log, &err),
	       0, "the profile parses (%s)", err.msg);
	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		if (l->used[nr] && !pol->keep.origin[nr])
			covers = false;
	}
	ok(pol->keep_mode && covers, "every used syscall is kept");
	if (pol->keep.origin[nr_of("ptrace")] ||
	    pol->keep.origin[nr_of("mount")] || pol->keep.origin[nr_of("bpf")])
		tight = false;
	ok(tight, "and nothing of the attack surface (ptrace, mount, bpf)");
	ok(pol->drop.origin[nr_of("execve")] && pol->seccomp,
	   "execve dropped; seccomp = yes");
	jr_profile_log_free(&log);
	jr_policy_free(pol);
	free(text);
	free(l);
}

static void test_learn_files(void)
{
	char path[] = "/tmp/jailrun-learn-XXXXXX";
	int fd = mkstemp(path);
	struct jr_learned *l = learned_of(ls_like), *back;
	struct jr_err err = { { 0 } };
	bool same = true;

	close(fd);
	l->exec_after_start = true;
	is_int(jr_learned_write(l, path, "ls", "now", &err), 0,
	       "written (%s)", err.msg);
	back = calloc(1, sizeof(*back));
	is_int(jr_learned_load(back, path, &err), 0, "read back (%s)",
	       err.msg);
	for (int nr = 0; nr < JR_NR_MAX; nr++)
		same &= back->used[nr] == l->used[nr];
	ok(same && back->families == l->families && back->runs == 1 &&
		   back->exec_after_start,
	   "append reads back exactly what was observed");
	free(back);

	back = calloc(1, sizeof(*back));
	fd = open(path, O_WRONLY | O_TRUNC);
	ok(write(fd, "seccomp = yes\n", 14) == 14, "a hand-written profile");
	close(fd);
	ok(jr_learned_load(back, path, &err) < 0 &&
		   strstr(err.msg, "not written by --learn"),
	   "append refuses a profile --learn did not write");
	fd = open(path, O_WRONLY | O_TRUNC);
	ok(write(fd, "# observed-syscalls: read opne\n", 31) == 31,
	   "a damaged one");
	close(fd);
	ok(jr_learned_load(back, path, &err) < 0 &&
		   strstr(err.msg, ":1: observed syscall 'opne'"),
	   "a bad observed name: FILE:LINE error (%s)", err.msg);
	unlink(path);
	ok(jr_learned_load(back, path, &err) == 0,
	   "a missing file is an empty record (first --learn-append)");
	free(back);
	free(l);
}

int main(void)
{
	test_verdicts();
	test_calls();
	test_tally();
	test_learn_profile();
	test_learn_files();
	return tap_done();
}
