/* enforce.h - how a policy's seccomp rules are enforced for one target:
 * whether the supervisor listens, who enforces each delayed rule (the
 * postexec shim, the supervisor's user notification, or nobody: said
 * loudly), which call launches the target and whether the supervisor
 * sees that call (DESIGN §3, §4).  Pure: the facts about the machine and
 * the target come in, decisions and warnings go out as data; main finds
 * the shim, compiles the programs, prints and runs. */
#ifndef JAILRUN_ENFORCE_H
#define JAILRUN_ENFORCE_H

#include <stdbool.h>

#include "elfinfo.h"
#include "filter.h"
#include "policy.h"
#include "util.h"

/* What main found out before deciding. */
struct jr_facts {
	const char *path;     /* the target */
	bool notify_possible; /* jr_notify_possible(), when
			       * jr_enforce_needs_probe() */
	bool stderr_tty;      /* someone is there to read reports */
	int judged;           /* jr_elf_classify's result; -ENOENT: not asked */
	const struct jr_elf_info *elf; /* when judged == 0 */
};

/* The warnings, as bits; main says each (enforce.c's comments give the
 * text's meaning). */
enum {
	JR_EW_SHIM_CANNOT = 1 << 0,  /* the shim cannot apply to the target */
	JR_EW_UNENFORCED = 1 << 1,   /* ... and nothing enforces the delayed
				      * rules */
	JR_EW_SHIM_ALONE = 1 << 2,   /* no listener: code before the shim
				      * (preinit, constructors) is not
				      * covered */
	JR_EW_LOG_UNNAMED = 1 << 3,  /* action log, no listener: audit only */
	JR_EW_NO_REPORT = 1 << 4,    /* report = yes asked, no listener */
};

struct jr_enforce {
	struct jr_filter_opts opts; /* how the main program is compiled */
	bool judge;           /* the target must be judged (jr_elf_classify) */
	bool delayed;         /* the policy has delayed rules */
	bool listener;        /* the supervisor takes the launcher's listener
			       * (when the compiled program is not empty) */
	bool via_execveat;    /* launch with execveat (the delayed one) */
	bool launch_notified; /* the launch call reaches the listener; when
			       * not, the launcher waits for a hand-over byte
			       * and the supervisor closes the allowance when
			       * the launch's execve ends (notify.c) */
	unsigned warnings;    /* JR_EW_* */
};

/* Whether the target must be judged before jr_enforce_plan. */
bool jr_enforce_needs_elf(const struct jr_policy *pol);

/* Whether the plan depends on a listener being possible (the probe forks
 * in a nested sandbox, so it is asked only then). */
bool jr_enforce_needs_probe(const struct jr_policy *pol, bool stderr_tty);

/* Reporting is on when asked, in permissive mode, or by default when
 * stderr is a terminal. */
bool jr_enforce_wants_report(const struct jr_policy *pol, bool stderr_tty);

/* Decide for POL and the target F describes.  0, or -1 with ERR when the
 * target cannot run as asked (a 32-bit target; learning without a
 * listener; static = refuse with nothing to enforce the delayed rules;
 * a target that could not be read). */
int jr_enforce_plan(const struct jr_policy *pol, const struct jr_facts *f,
		    struct jr_enforce *e, struct jr_err *err);

#endif
