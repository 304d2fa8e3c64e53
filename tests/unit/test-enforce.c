/* test-enforce.c - the enforcement plan (src/enforce.c) over the trust
 * matrix: reporting on and off, execve and execveat denied alone or
 * together, allow-lists holding one of them, static and dynamic
 * targets, with and without a listener.  One row per combination, the
 * expected decisions written out; and for every row the invariant that
 * a denied exec is always enforced by someone or said to be not.
 *
 * The rows where reporting is on and execve is allowed are the ones the
 * report-mode hole lived in: the launch is an allowed execve that the
 * supervisor never sees (launch_notified = 0), so the allowance must be
 * closed by the launch's end, not by its notification (notify.c;
 * t-trust.sh proves it on real targets). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "enforce.h"
#include "options.h"
#include "syscalls.h"
#include "tap.h"

enum rule { DROP_EXECVE, DROP_EXECVEAT, DROP_BOTH, KEEP_EXECVE, KEEP_EXECVEAT };

static const char *const rule_name[] = {
	"drop execve", "drop execveat", "drop both", "keep execve only",
	"keep execveat only",
};

static const struct {
	const char *key, *value;
} rule_set[] = {
	{ "seccomp.drop", "execve" },
	{ "seccomp.drop", "execveat" },
	{ "seccomp.drop", "execve,execveat" },
	{ "seccomp.keep", "@start,!execveat" },
	{ "seccomp.keep", "@start,!execve,execveat" },
};

#define W_CANNOT JR_EW_SHIM_CANNOT
#define W_UNENF JR_EW_UNENFORCED
#define W_ALONE JR_EW_SHIM_ALONE
#define W_NOREP JR_EW_NO_REPORT

struct row {
	enum rule rule;
	bool report;
	enum jr_elf_kind kind;
	bool notify_possible;
	bool refuse; /* static = refuse */
	/* expected */
	bool fails;
	bool listener, shim, rep, launch_notified, via_execveat;
	unsigned warnings;
};

#define G JR_ELF_GLIBC
#define S JR_ELF_STATIC
#define F JR_ELF_FOREIGN

static const struct row rows[] = {
	/* rule, report, kind, notify, refuse:
	 *   fails, listener, shim, rep, launch_notified, via_execveat, warn */

	/* reporting off: the shim for glibc programs, the supervisor for
	 * the rest; the launch is the delayed call (notified) */
	{ DROP_EXECVE, 0, G, 1, 0, 0, 1, 1, 0, 1, 0, 0 },
	{ DROP_EXECVEAT, 0, G, 1, 0, 0, 1, 1, 0, 1, 1, 0 },
	{ DROP_BOTH, 0, G, 1, 0, 0, 1, 1, 0, 1, 0, 0 },
	{ KEEP_EXECVE, 0, G, 1, 0, 0, 1, 1, 0, 1, 1, 0 },
	{ KEEP_EXECVEAT, 0, G, 1, 0, 0, 1, 1, 0, 1, 0, 0 },
	{ DROP_EXECVE, 0, S, 1, 0, 0, 1, 0, 0, 1, 0, W_CANNOT },
	{ DROP_EXECVEAT, 0, S, 1, 0, 0, 1, 0, 0, 1, 1, W_CANNOT },
	{ DROP_BOTH, 0, S, 1, 0, 0, 1, 0, 0, 1, 0, W_CANNOT },
	{ KEEP_EXECVE, 0, S, 1, 0, 0, 1, 0, 0, 1, 1, W_CANNOT },
	{ KEEP_EXECVEAT, 0, S, 1, 0, 0, 1, 0, 0, 1, 0, W_CANNOT },
	{ DROP_BOTH, 0, F, 1, 0, 0, 1, 0, 0, 1, 0, W_CANNOT },

	/* reporting on: no shim, the supervisor answers every exec; where
	 * execve is allowed the launch is an allowed call it never sees */
	{ DROP_EXECVE, 1, G, 1, 0, 0, 1, 0, 1, 1, 0, 0 },
	{ DROP_EXECVEAT, 1, G, 1, 0, 0, 1, 0, 1, 0, 0, 0 },
	{ DROP_BOTH, 1, G, 1, 0, 0, 1, 0, 1, 1, 0, 0 },
	{ KEEP_EXECVE, 1, G, 1, 0, 0, 1, 0, 1, 0, 0, 0 },
	{ KEEP_EXECVEAT, 1, G, 1, 0, 0, 1, 0, 1, 1, 0, 0 },
	{ DROP_EXECVE, 1, S, 1, 0, 0, 1, 0, 1, 1, 0, W_CANNOT },
	{ DROP_EXECVEAT, 1, S, 1, 0, 0, 1, 0, 1, 0, 0, W_CANNOT },
	{ DROP_BOTH, 1, S, 1, 0, 0, 1, 0, 1, 1, 0, W_CANNOT },
	{ KEEP_EXECVE, 1, S, 1, 0, 0, 1, 0, 1, 0, 0, W_CANNOT },
	{ KEEP_EXECVEAT, 1, S, 1, 0, 0, 1, 0, 1, 1, 0, W_CANNOT },

	/* no listener possible (nested sandbox): the shim alone, said; a
	 * static target unenforced, said, or refused */
	{ DROP_BOTH, 0, G, 0, 0, 0, 0, 1, 0, 0, 0, W_ALONE },
	{ DROP_BOTH, 1, G, 0, 0, 0, 0, 1, 0, 0, 0, W_ALONE | W_NOREP },
	{ DROP_BOTH, 0, S, 0, 0, 0, 0, 0, 0, 0, 0, W_CANNOT | W_UNENF },
	{ DROP_EXECVEAT, 1, S, 0, 0, 0, 0, 0, 0, 0, 0,
	  W_CANNOT | W_UNENF | W_NOREP },
	{ DROP_BOTH, 0, S, 0, 1, 1, 0, 0, 0, 0, 0, 0 },
	{ DROP_BOTH, 0, S, 1, 1, 0, 1, 0, 0, 1, 0, W_CANNOT },
};

static struct jr_policy *policy(const struct row *r)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_err err = { { 0 } };
	const struct jr_key *k = jr_key_find(rule_set[r->rule].key);
	const struct jr_key *rep = jr_key_find("report");
	const struct jr_key *st = jr_key_find("static");

	if (!k || jr_key_set(pol, k, rule_set[r->rule].value, "test", &err) < 0 ||
	    !rep || jr_key_set(pol, rep, r->report ? "yes" : "no", "test", &err) < 0 ||
	    !st || jr_key_set(pol, st, r->refuse ? "refuse" : "warn", "test", &err) < 0)
		diag("setting the row's keys: %s", err.msg);
	return pol;
}

static int nr_of(const char *name)
{
	int nr = -1;

	return jr_syscall_resolve(name, &nr) == JR_SC_NATIVE ? nr : -1;
}

/* Every exec the policy denies is enforced by the shim or the
 * supervisor, or the plan says it is not. */
static bool covered(const struct jr_policy *pol, const struct jr_enforce *e)
{
	bool denied = !jr_policy_allows(pol, nr_of("execve")) ||
		      !jr_policy_allows(pol, nr_of("execveat"));

	return !denied || e->opts.shim || (e->opts.notify && e->listener) ||
	       (e->warnings & JR_EW_UNENFORCED);
}

static void check_row(const struct row *r)
{
	struct jr_policy *pol = policy(r);
	struct jr_elf_info elf = { .kind = r->kind };
	struct jr_facts f = { .path = "/target", .notify_possible =
				      r->notify_possible,
			      .judged = 0, .elf = &elf };
	struct jr_err err = { { 0 } };
	struct jr_enforce e;
	char what[160];
	int rc;

	snprintf(elf.binary, sizeof(elf.binary), "/target");
	snprintf(elf.why, sizeof(elf.why), "%s", jr_elf_kind_name(r->kind));
	snprintf(what, sizeof(what), "%s, report %s, %s, listener %s%s",
		 rule_name[r->rule], r->report ? "on" : "off",
		 jr_elf_kind_name(r->kind),
		 r->notify_possible ? "possible" : "impossible",
		 r->refuse ? ", static=refuse" : "");
	rc = jr_enforce_plan(pol, &f, &e, &err);
	if (r->fails) {
		ok(rc < 0 && strstr(err.msg, "static = refuse"),
		   "%s: refused (%s)", what, err.msg);
		jr_policy_free(pol);
		return;
	}
	if (!ok(rc == 0, "%s: planned", what)) {
		diag("%s", err.msg);
		jr_policy_free(pol);
		return;
	}
	is_int(e.listener, r->listener, "%s: listener", what);
	is_int(e.opts.shim, r->shim, "%s: shim", what);
	is_int(e.opts.report, r->rep, "%s: report", what);
	if (e.listener) {
		is_int(e.launch_notified, r->launch_notified,
		       "%s: launch notified", what);
		is_int(e.via_execveat, r->via_execveat, "%s: via execveat",
		       what);
	}
	is_int((int)e.warnings, (int)r->warnings, "%s: warnings", what);
	ok(covered(pol, &e), "%s: every denied exec is enforced or said",
	   what);
	jr_policy_free(pol);
}

static void errors(void)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_elf_info elf = { .kind = JR_ELF_32BIT };
	struct jr_facts f = { .path = "/t", .notify_possible = true,
			      .judged = 0, .elf = &elf };
	struct jr_err err = { { 0 } };
	struct jr_enforce e;
	const struct jr_key *k = jr_key_find("seccomp.drop");

	jr_key_set(pol, k, "execve", "test", &err);
	ok(jr_enforce_plan(pol, &f, &e, &err) < 0 &&
		   strstr(err.msg, "kills every other ABI"),
	   "a 32-bit target is refused (%s)", err.msg);
	elf.kind = JR_ELF_STATIC;
	f.judged = -ENOENT;
	ok(jr_enforce_plan(pol, &f, &e, &err) < 0 &&
		   strstr(err.msg, "/t: No such file"),
	   "an unreadable target with delayed rules is refused (%s)", err.msg);
	jr_policy_free(pol);

	pol = jr_policy_new();
	pol->learn = "/tmp/learned";
	f.judged = 0;
	f.notify_possible = false;
	ok(jr_enforce_plan(pol, &f, &e, &err) < 0 &&
		   strstr(err.msg, "--learn needs a seccomp listener"),
	   "learning without a listener is refused");
	f.notify_possible = true;
	ok(jr_enforce_plan(pol, &f, &e, &err) == 0 && e.listener &&
		   e.opts.learn && e.launch_notified,
	   "learning: every call, the launch too, reaches the supervisor");
	pol->learn = NULL;
	jr_policy_free(pol);
}

int main(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		check_row(&rows[i]);
	errors();
	return tap_done();
}
