/* enforce.c - the enforcement plan (enforce.h). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "enforce.h"
#include "syscalls.h"

bool jr_enforce_needs_elf(const struct jr_policy *pol)
{
	return jr_policy_wants_filter(pol) || pol->learn;
}

bool jr_enforce_needs_probe(const struct jr_policy *pol, bool stderr_tty)
{
	return pol->learn || jr_filter_has_delayed(pol) ||
	       (jr_enforce_wants_report(pol, stderr_tty) &&
		jr_policy_wants_filter(pol));
}

bool jr_enforce_wants_report(const struct jr_policy *pol, bool stderr_tty)
{
	if (pol->report >= 0)
		return pol->report;
	return pol->action == JR_ACT_LOG || stderr_tty;
}

/* Whether POL has Landlock file rules (whose refusals a report names). */
static bool has_ll_files(const struct jr_policy *pol)
{
	for (size_t i = 0; i < pol->npaths; i++)
		if (pol->paths[i].key == JR_PK_LL_READ ||
		    pol->paths[i].key == JR_PK_LL_WRITE ||
		    pol->paths[i].key == JR_PK_LL_EXEC)
			return true;
	return false;
}

/* Reports and learning need the supervisor's listener. */
static int plan_listener(const struct jr_policy *pol,
			 const struct jr_facts *f, struct jr_enforce *e,
			 struct jr_err *err)
{
	bool learn = pol->learn != NULL;
	bool report = jr_enforce_wants_report(pol, f->stderr_tty) &&
		      jr_policy_wants_filter(pol);

	if (!learn && !report)
		return 0;
	if (f->notify_possible) {
		e->opts.notify = true;
		e->opts.learn = learn;
		e->opts.report = report && !learn;
		e->opts.ll_notify = e->opts.report && has_ll_files(pol);
		return 0;
	}
	if (learn)
		return jr_fail(err, NULL,
			       "--learn needs a seccomp listener, and none can "
			       "be installed here (nested sandbox or old "
			       "kernel)");
	if (pol->action == JR_ACT_LOG)
		e->warnings |= JR_EW_LOG_UNNAMED;
	else if (pol->report == 1)
		e->warnings |= JR_EW_NO_REPORT;
	return 0;
}

/* Who enforces the delayed rules for this target (unless the supervisor
 * already sees every denial).  Reporting: every exec after the start
 * reaches the supervisor, which refuses and names it; the shim would
 * answer first. */
static int plan_delayed(const struct jr_policy *pol, const struct jr_facts *f,
			struct jr_enforce *e, struct jr_err *err)
{
	const struct jr_elf_info *elf = f->elf;

	if (f->judged < 0)
		return jr_fail(err, NULL, "%s: %s", f->path,
			       strerror(-f->judged));
	if (!e->opts.notify)
		e->opts.notify = f->notify_possible;
	e->opts.shim = elf->kind == JR_ELF_GLIBC && !e->opts.report;
	if (!e->opts.shim && elf->kind != JR_ELF_NOTELF &&
	    elf->kind != JR_ELF_GLIBC) {
		if (!e->opts.notify && pol->static_refuse)
			return jr_fail(err, NULL,
				       "%s: %s, and no seccomp listener can be "
				       "installed: its delayed filter cannot "
				       "be enforced (static = refuse)",
				       elf->binary, elf->why);
		e->warnings |= JR_EW_SHIM_CANNOT |
			       (e->opts.notify ? 0 : JR_EW_UNENFORCED);
	}
	if (e->opts.shim && !e->opts.notify)
		e->warnings |= JR_EW_SHIM_ALONE;
	return 0;
}

/* The launch is a notified call where the policy denies it (it is then
 * delayed) or in learning; otherwise the launcher waits for a hand-over
 * byte.  Launching with execveat when only it is delayed keeps the old
 * shape: the launch itself waits. */
static void plan_launch(const struct jr_policy *pol, struct jr_enforce *e)
{
	int launch_nr = -1, at;

	if (jr_syscall_resolve("execve", &launch_nr) == JR_SC_NATIVE &&
	    jr_policy_allows(pol, launch_nr) && !e->opts.learn &&
	    !e->opts.report) {
		e->via_execveat =
			jr_syscall_resolve("execveat", &at) == JR_SC_NATIVE &&
			jr_filter_is_delayed(pol, at, false);
		if (e->via_execveat)
			launch_nr = at;
	}
	e->launch_notified = e->opts.learn ||
			     (launch_nr >= 0 && !jr_policy_allows(pol, launch_nr));
}

int jr_enforce_plan(const struct jr_policy *pol, const struct jr_facts *f,
		    struct jr_enforce *e, struct jr_err *err)
{
	memset(e, 0, sizeof(*e));
	e->judge = jr_enforce_needs_elf(pol);
	e->delayed = jr_filter_has_delayed(pol);
	if (e->judge && f->judged == 0 && f->elf->kind == JR_ELF_32BIT)
		return jr_fail(err, NULL,
			       "%s: %s; the filter kills every other ABI, so "
			       "it cannot run here",
			       f->elf->binary, f->elf->why);
	if (plan_listener(pol, f, e, err) < 0)
		return -1;
	if (e->delayed && !e->opts.learn && plan_delayed(pol, f, e, err) < 0)
		return -1;
	/* (main also needs a non-empty program to carry the listener) */
	e->listener = e->opts.learn || e->opts.report ||
		      (e->opts.notify && e->delayed);
	if (e->listener)
		plan_launch(pol, e);
	return 0;
}
