/* confine.h - what reaches the sandbox's file system: mounts in its own
 * mount namespace, Landlock rules, and the environment that goes with
 * them (desktop sockets).
 *
 * A plan is built from the policy in the supervisor, before the clone
 * (jr_confine_plan: paths expanded and checked, nothing touched; errors
 * come back with FILE:LINE).  The init carries out the mounts
 * (jr_confine_mount), the launcher the Landlock rules and the
 * environment (jr_confine_restrict).  The plan is plain data: the clone
 * gives the init and the launcher their copies. */
#ifndef JAILRUN_CONFINE_H
#define JAILRUN_CONFINE_H

#include <stdbool.h>
#include <stdint.h>

#include "policy.h"
#include "util.h"

#define JR_MOUNTS_MAX 512
#define JR_LLRULES_MAX 512
#define JR_CONFINE_ENV_MAX 32
#define JR_WARNINGS_MAX 16

/* Mounts are carried out phase by phase, in the order added within a
 * phase: a bind into a fresh tmpfs comes after the tmpfs, hiding and
 * read-only come last so that they also cover what was bound in. */
enum jr_mnt_phase {
	JR_PH_MKDIR, /* directories created (as the user) before any mount */
	JR_PH_HOME,  /* whitelist: a tmpfs on $HOME, the whitelisted back */
	JR_PH_TMP,   /* private-tmp: a tmpfs on /tmp, sockets bound back */
	JR_PH_DEV,   /* private-dev */
	JR_PH_HIDE,  /* blacklist, hidden desktop sockets */
	JR_PH_RO,    /* read-only */
	JR_PH_N
};

enum jr_mnt_op {
	JR_MNT_MKDIR, /* mkdir -p DST (mode 0700 for what is created) */
	JR_MNT_TMPFS, /* a fresh tmpfs on DST with MODE, owned by the user */
	JR_MNT_BIND,  /* SRC (as it was before any mount) at DST; DST is
		       * created (dir or file, as SRC) when missing */
	JR_MNT_DEV,   /* a minimal /dev on DST */
	JR_MNT_HIDE,  /* an empty, read-only dir or file (as DST) over DST */
	JR_MNT_RO,    /* DST and every mount below it read-only */
};

struct jr_mount {
	enum jr_mnt_phase phase;
	enum jr_mnt_op op;
	const char *src; /* JR_MNT_BIND only */
	const char *dst;
	unsigned mode;      /* JR_MNT_TMPFS */
	bool optional;      /* a missing SRC/DST is skipped (--debug says) */
	const char *origin; /* FILE:LINE or --option that asked for it */
};

/* Landlock access, jailrun's three words (what each grants is in
 * confine.c, per ABI) */
enum jr_ll_access { JR_LL_READ = 1, JR_LL_WRITE = 2, JR_LL_EXEC = 4 };

struct jr_llrule {
	const char *path;
	unsigned access;    /* JR_LL_* */
	bool optional;      /* a missing path is skipped */
	const char *origin;
};

struct jr_confine {
	struct jr_mount mounts[JR_MOUNTS_MAX];
	size_t nmounts;

	/* Landlock: file-system rules when any landlock.read/write/exec was
	 * given; TCP ports and scopes as the policy has them */
	bool ll_fs;
	struct jr_llrule ll[JR_LLRULES_MAX];
	size_t nll;
	int ll_abi; /* the kernel's Landlock ABI (0: none), found at plan time */

	/* environment changes for the target, after the policy's own
	 * env.* keys: "NAME=VALUE" set, "NAME" unset */
	const char *env_set[JR_CONFINE_ENV_MAX];
	size_t nenv_set;
	const char *env_unset[JR_CONFINE_ENV_MAX];
	size_t nenv_unset;

	/* what the sandbox cannot enforce: main prints each loudly (or,
	 * with landlock.require, stops) */
	const char *warnings[JR_WARNINGS_MAX];
	size_t nwarnings;
	bool ll_unenforced; /* a Landlock rule among them: landlock.require
			     * makes that an error */

	struct jr_strpool *pool; /* owns every string above */
};

/* Build PLAN from POL for the target PATH.  ABI is the kernel's Landlock
 * ABI (jr_landlock_abi(); a test passes any).  0, or -1 with ERR. */
int jr_confine_plan(const struct jr_policy *pol, const char *path, int abi,
		    struct jr_confine *plan, struct jr_err *err);
void jr_confine_free(struct jr_confine *plan);

/* The home directory's tmpfs (whitelist), NULL when the home is not
 * replaced. */
const char *jr_confine_home_tmpfs(const struct jr_confine *plan);

/* The hiding mount (blacklist, a hidden desktop socket) that makes PATH,
 * symlinks resolved, disappear in the sandbox; NULL when none does.  A
 * file jailrun itself needs inside (the postexec shim) must not be
 * hidden: ld.so ignores a preload it cannot open. */
const struct jr_mount *jr_confine_hiding(const struct jr_confine *plan,
					 const char *path);

/* Whether PLAN mounts anything (mkdir alone needs no namespace). */
bool jr_confine_has_mounts(const struct jr_confine *plan);

/* The running kernel's Landlock ABI version, 0 when it has none. */
int jr_landlock_abi(void);

/* Add to the plan (for the planners: confine.c, desktop.c).  A copy of
 * each string is kept.  0, or -1 with ERR when a limit is reached. */
int jr_confine_mount_add(struct jr_confine *plan, enum jr_mnt_phase phase,
			 enum jr_mnt_op op, const char *src, const char *dst,
			 bool optional, const char *origin, struct jr_err *err);
int jr_confine_ll_add(struct jr_confine *plan, const char *path,
		      unsigned access, bool optional, const char *origin,
		      struct jr_err *err);
int jr_confine_setenv(struct jr_confine *plan, const char *name,
		      const char *value, struct jr_err *err);
int jr_confine_unsetenv(struct jr_confine *plan, const char *name,
			struct jr_err *err);
void jr_confine_warn(struct jr_confine *plan, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *jr_confine_intern(struct jr_confine *plan, const char *s);

/* Expand ~, ${HOME}, ${XDG_RUNTIME_DIR}, ${XDG_CONFIG_HOME},
 * ${XDG_CACHE_HOME}, ${XDG_DATA_HOME}, ${XDG_STATE_HOME} and the
 * user-dirs.dirs names (${XDG_DOWNLOAD_DIR}, ...) in PATH; the result is
 * absolute and normalised (no //, no trailing /).  Returns a malloc'd
 * string, or NULL with ERR naming WHERE. */
char *jr_path_expand(const char *path, const char *where, struct jr_err *err);

/* In the init, inside the new mount namespace: carry out the mounts,
 * phase by phase.  0, or -1 with ERR naming the mount and its origin. */
int jr_confine_mount(const struct jr_confine *plan, struct jr_err *err);

/* In the launcher, after no_new_privs and before the seccomp filter:
 * the environment, then the Landlock domain (POL's ports and scopes
 * with PLAN's paths).  OUTSIDE_VISIBLE: the target shares jailrun's pid
 * namespace; it then gets a domain in any case, which keeps it from
 * ptrace and (ABI 6) signals of jailrun's processes.  0, or -1 with
 * ERR. */
int jr_confine_restrict(const struct jr_confine *plan,
			const struct jr_policy *pol, bool outside_visible,
			struct jr_err *err);

/* --debug: every mount and path rule with its access rights */
void jr_confine_describe(const struct jr_confine *plan,
			 const struct jr_policy *pol);

#endif
