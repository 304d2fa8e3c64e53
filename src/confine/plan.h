/* plan.h - the confinement plan as data (struct jr_confine: mounts,
 * Landlock rules, environment changes, warnings) and the primitives
 * that build it, shared by the planners: confine.c (the path keys),
 * desktop.c (the desktop keys) and devices.c (the device classes).  Pure: nothing here touches the
 * system. */
#ifndef JAILRUN_PLAN_H
#define JAILRUN_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define JR_MOUNTS_MAX 4096
#define JR_LLRULES_MAX 512
#define JR_CONFINE_ENV_MAX 32
#define JR_WARNINGS_MAX 16
#define JR_NOTES_MAX 16

/* Mounts are carried out phase by phase, in the order added within a
 * phase: a bind into a fresh tmpfs comes after the tmpfs, hiding and
 * read-only come last so that they also cover what was bound in. */
enum jr_mnt_phase {
	JR_PH_MKDIR, /* directories created (as the user) before any mount */
	JR_PH_HOME,  /* private, whitelist: a tmpfs (or private's DIR) on
		      * $HOME and on each top directory whitelisted below,
		      * the whitelisted paths bound back */
	JR_PH_TMP,   /* private-tmp: a tmpfs on /tmp, sockets bound back;
		      * tmpfs, private-cache */
	JR_PH_PRIV,  /* private-etc/bin/opt/srv, machine-id, bind
		      * (private.c) */
	JR_PH_DEV,   /* private-dev */
	JR_PH_HIDE,  /* blacklist, hidden desktop sockets */
	JR_PH_RO,    /* read-only, read-write, noexec: in the order given */
	JR_PH_N
};

enum jr_mnt_op {
	JR_MNT_MKDIR, /* mkdir -p DST (mode 0700 for what is created) */
	JR_MNT_TMPFS, /* a fresh tmpfs on DST with MODE, owned by the user;
		       * optional: DST is made (mkdir -p, 0700) when missing */
	JR_MNT_BIND,  /* SRC (as it was before any mount) at DST; DST is
		       * created (dir or file, as SRC) when missing */
	JR_MNT_DEV,   /* a minimal /dev on DST */
	JR_MNT_HIDE,  /* an empty, read-only dir or file (as DST) over DST */
	JR_MNT_RO,    /* DST and every mount below it read-only */
	JR_MNT_FILE,  /* a read-only file holding CONTENT over (or, in a
		       * tmpfs of the plan's, at) DST */
	JR_MNT_LINK,  /* a symlink to SRC at DST, in a tmpfs of the plan's */
	JR_MNT_MKFILE, /* an empty file DST (parents 0700, the file 0600) */
	JR_MNT_RW,     /* DST writable again (its own mount, not those below) */
	JR_MNT_NOEXEC, /* DST and every mount below it noexec,nosuid */
};

struct jr_mount {
	enum jr_mnt_phase phase;
	enum jr_mnt_op op;
	const char *src; /* JR_MNT_BIND; JR_MNT_LINK: the link's target */
	const char *content; /* JR_MNT_FILE */
	const char *dst;
	unsigned mode;      /* JR_MNT_TMPFS */
	bool optional;      /* a missing SRC/DST is skipped (--debug says) */
	const char *origin; /* FILE:LINE or --option that asked for it */
	const char *real;   /* a blacklist's JR_MNT_HIDE, a whitelist's
			     * JR_MNT_BIND: DST resolved when planned (for
			     * the planner's checks), else NULL; the init
			     * resolves DST again, after the mounts before
			     * it */
	bool absent;        /* a blacklist's JR_MNT_HIDE: DST named nothing
			     * when planned.  The init looks again only if
			     * a mount before the hiding phase could have
			     * made it: one made by anything else after the
			     * plan is no different from one made after the
			     * start, which no blacklist hides either */
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

	/* what a key found at plan time that no mount shows (a device
	 * class with no node here): said under --debug */
	const char *notes[JR_NOTES_MAX];
	size_t nnotes;

	struct jr_strpool *pool; /* owns every string above */
};

/* Free what the plan owns (its strings). */
void jr_confine_free(struct jr_confine *plan);

/* The home directory when private or a whitelist replaces it (a tmpfs,
 * or private's DIR bound on it), NULL when the home is not replaced. */
const char *jr_confine_home_tmpfs(const struct jr_confine *plan);

/* Whether TOP is replaced (private, whitelist): a tmpfs on it, or a
 * directory bound on it, in the home phase. */
bool jr_confine_top_replaced(const struct jr_confine *plan, const char *top);

/* Add to the plan (for the planners: confine.c, desktop.c).  A copy of
 * each string is kept.  0, or -1 with ERR when a limit is reached. */
int jr_confine_mount_add(struct jr_confine *plan, enum jr_mnt_phase phase,
			 enum jr_mnt_op op, const char *src, const char *dst,
			 bool optional, const char *origin, struct jr_err *err);
int jr_confine_tmpfs_add(struct jr_confine *plan, enum jr_mnt_phase phase,
			 const char *dst, unsigned mode, const char *origin,
			 struct jr_err *err);
int jr_confine_file_add(struct jr_confine *plan, enum jr_mnt_phase phase,
			const char *dst, const char *content,
			const char *origin, struct jr_err *err);
int jr_confine_ll_add(struct jr_confine *plan, const char *path,
		      unsigned access, bool optional, const char *origin,
		      struct jr_err *err);
int jr_confine_setenv(struct jr_confine *plan, const char *name,
		      const char *value, struct jr_err *err);
int jr_confine_unsetenv(struct jr_confine *plan, const char *name,
			struct jr_err *err);
void jr_confine_warn(struct jr_confine *plan, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void jr_confine_note(struct jr_confine *plan, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *jr_confine_intern(struct jr_confine *plan, const char *s);

/* Expand ~, ${HOME}, ${XDG_RUNTIME_DIR}, ${XDG_CONFIG_HOME},
 * ${XDG_CACHE_HOME}, ${XDG_DATA_HOME}, ${XDG_STATE_HOME} and the
 * user-dirs.dirs names (${XDG_DOWNLOAD_DIR}, ...) in PATH; the result is
 * absolute and normalised (no //, no trailing /).  Returns a malloc'd
 * string, or NULL with ERR naming WHERE. */
char *jr_path_expand(const char *path, const char *where, struct jr_err *err);

/* Whether PATH starts with a variable that has no value and no default
 * (${XDG_RUNTIME_DIR} outside a desktop session). */
bool jr_path_unset_var(const char *path);

/* $HOME, or the password file's home directory; NULL when neither is an
 * absolute path. */
const char *jr_home_dir(void);

#endif
