/* confine.c - the confinement plan: from the policy's path keys, private
 * mounts and desktop keys to a list of mounts, Landlock rules and
 * environment changes.  Pure: reads the environment and user-dirs.dirs
 * to expand paths, and resolves symlinks to refuse a rule that could not
 * work as shown; touches nothing. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confine.h"
#include "netrules.h"
#include "desktop.h"
#include "devices.h"
#include "elfinfo.h"
#include "options.h"
#include "plan.h"
#include "private.h"

/* ---- the plan ------------------------------------------------------------ */

/* mkdir only where the user's own files live: the home directory, the
 * XDG base directories (which may be elsewhere), the runtime directory
 * and /tmp. */
static bool users_place(const char *p)
{
	static const char *const vars[] = { "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
					    "XDG_DATA_HOME", "XDG_STATE_HOME",
					    "XDG_RUNTIME_DIR" };
	const char *home = jr_home_dir();

	if ((home && jr_path_beneath(p, home) && strcmp(p, home) != 0) ||
	    (jr_path_beneath(p, "/tmp") && strcmp(p, "/tmp") != 0))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && v[0] == '/' && strcmp(v, "/") != 0 && jr_path_beneath(p, v))
			return true;
	}
	return false;
}

static int plan_mkdir(struct jr_confine *plan, const char *p,
		      const char *origin, struct jr_err *err)
{
	if (!users_place(p))
		return jr_fail(err, origin,
			       "mkdir: '%s' is not beneath the home directory, "
			       "an XDG base directory or /tmp",
			       p);
	return jr_confine_mount_add(plan, JR_PH_MKDIR, JR_MNT_MKDIR, NULL, p,
				    false, origin, err);
}

/* A tmpfs on P; MAKE: P is made when missing (the user's own places) */
static int mount_append_tmpfs(struct jr_confine *plan, const char *p,
			      unsigned mode, bool make, const char *origin,
			      struct jr_err *err)
{
	size_t n = plan->nmounts;

	if (jr_confine_tmpfs_add(plan, JR_PH_TMP, p, mode, origin, err) < 0)
		return -1;
	plan->mounts[n].optional = make;
	return 0;
}

/* P with its symlinks resolved, as the init will find it (the plan is
 * made before anything is mounted, and the mounts resolve their targets
 * the same way); P itself when it does not exist.  A path that names
 * nothing (lstat: ENOENT, one call) is P: realpath would fail the same
 * way, after one readlink per component (most of a blacklist is
 * missing on any one machine). */
static char *resolved_absent(const char *p, bool *absent)
{
	struct stat st;
	bool none = lstat(p, &st) < 0 && errno == ENOENT;
	char *r;

	if (absent)
		*absent = none;
	if (none)
		return xstrdup(p);
	r = realpath(p, NULL);
	return r ? r : xstrdup(p);
}

static char *resolved(const char *p)
{
	return resolved_absent(p, NULL);
}

/* A mount over / stacks above the root every process already holds: it
 * would be reported and change nothing.  What P resolves to, or NULL
 * with an error saying so; *ABSENT (when not NULL): P named nothing. */
static char *not_root(const char *what, const char *p, const char *origin,
		      bool *absent, struct jr_err *err)
{
	char *real = resolved_absent(p, absent);

	if (strcmp(real, "/") != 0)
		return real;
	free(real);
	if (strcmp(p, "/") == 0)
		jr_fail(err, origin,
			"%s: '/' is the whole file system: a mount over it "
			"would change nothing",
			what);
	else
		jr_fail(err, origin,
			"%s: '%s' resolves to /, the whole file system: a "
			"mount over it would change nothing",
			what, p);
	return NULL;
}

/* blacklist: not / */
static int plan_hide(struct jr_confine *plan, const char *p,
		     const char *origin, struct jr_err *err)
{
	bool absent;
	cleanup_free char *real = not_root("blacklist", p, origin, &absent, err);
	size_t n = plan->nmounts;

	if (!real)
		return -1;
	if (jr_confine_mount_add(plan, JR_PH_HIDE, JR_MNT_HIDE, NULL, p, true,
				 origin, err) < 0)
		return -1;
	/* kept for jr_confine_hiding, which every check asks again */
	plan->mounts[n].real = jr_confine_intern(plan, real);
	/* the init mounts a /proc of its own pid namespace first */
	plan->mounts[n].absent = absent && !jr_path_beneath(real, "/proc");
	return 0;
}

/* M's destination resolved: as planned when the planner kept it
 * (jr_mount.real), else now. */
static char *dst_resolved(const struct jr_mount *m)
{
	return m->real ? xstrdup(m->real) : resolved(m->dst);
}

/* Whether REAL (a path resolved) is M's destination or beneath it */
static bool covers(const struct jr_mount *m, const char *real)
{
	cleanup_free char *d = NULL;

	if (m->real)
		return jr_path_beneath(real, m->real);
	d = resolved(m->dst);
	return jr_path_beneath(real, d);
}

/* The hiding mount that makes REAL (a path resolved) disappear */
static const struct jr_mount *hiding_real(const struct jr_confine *plan,
					  const char *real)
{
	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *h = &plan->mounts[i];

		if (h->op == JR_MNT_HIDE && covers(h, real))
			return h;
	}
	return NULL;
}

const struct jr_mount *jr_confine_hiding(const struct jr_confine *plan,
					 const char *path)
{
	cleanup_free char *real = resolved(path);

	return hiding_real(plan, real);
}

/* jr_confine_hiding of M's own destination */
static const struct jr_mount *dst_hidden(const struct jr_confine *plan,
					 const struct jr_mount *m)
{
	cleanup_free char *real = dst_resolved(m);

	return hiding_real(plan, real);
}

/* The mount of the home phase (a top directory's tmpfs, private's
 * directory) that replaces what EXE (resolved) is, when no whitelisted
 * path brings it back; NULL when none does. */
static const struct jr_mount *replacing(const struct jr_confine *plan,
					const char *exe)
{
	const struct jr_mount *top = NULL;

	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *m = &plan->mounts[i];
		cleanup_free char *d = NULL;

		if (m->phase != JR_PH_HOME)
			continue;
		d = dst_resolved(m);
		if (!jr_path_beneath(exe, d))
			continue;
		if (m->op == JR_MNT_BIND && strcmp(m->src, m->dst) == 0)
			return NULL; /* whitelisted: brought back */
		if (jr_confine_top_replaced(plan, m->dst))
			top = m;
	}
	return top;
}

/* A target that a mount hides could only fail, as "not found": an error.
 * A whitelisted path that a blacklist hides again stays hidden, as in
 * firejail (whose includes do that: disable-mnt.inc and
 * whitelist-run-common.inc both name /run/media); --debug says so. */
static int check_hidden_grants(struct jr_confine *plan, const char *target,
			       struct jr_err *err)
{
	const struct jr_mount *h;
	cleanup_free char *exe = target ? resolved(target) : NULL;

	if (exe && (h = jr_confine_hiding(plan, exe)))
		return jr_fail(err, h->origin,
			       "blacklist: '%s' hides the target %s", h->dst,
			       exe);
	if (exe && (h = replacing(plan, exe)))
		return jr_fail(err, h->origin,
			       "the %s on '%s' (private, whitelist) hides the "
			       "target %s: whitelist it",
			       h->op == JR_MNT_TMPFS ? "tmpfs" : "directory",
			       h->dst, exe);
	for (size_t j = 0; j < plan->nmounts; j++) {
		const struct jr_mount *b = &plan->mounts[j];

		if (b->phase == JR_PH_HOME && b->op == JR_MNT_BIND &&
		    (h = dst_hidden(plan, b)))
			jr_confine_note(plan,
					"whitelist: '%s' (%s) stays hidden by "
					"the blacklist of '%s' (%s), as in "
					"firejail",
					b->dst, b->origin, h->dst, h->origin);
		/* the empty hiding mount must stay read-only */
		if (b->op == JR_MNT_RW && (h = dst_hidden(plan, b)))
			return jr_fail(err, b->origin,
				       "read-write: '%s' is hidden by %s "
				       "(blacklist '%s')",
				       b->dst, h->origin, h->dst);
	}
	return 0;
}

/* The directories firejail's whitelist may empty, beside the home
 * (firejail(1), --whitelist; /run as firejail 0.9.72's
 * whitelist-run-common.inc uses it); /run/user/UID is added for this
 * user. */
static const char *const wl_tops[] = { "/etc", "/media", "/mnt", "/opt",
				       "/run", "/srv",   "/tmp", "/usr/share",
				       "/var" };

/* The top directory that whitelisting P empties: the longest of the home
 * (P as written) and wl_tops (P with its symlinks resolved, REAL) that P
 * is strictly beneath; NULL when none is. */
static char *wl_top(const char *p, const char *real)
{
	const char *home = jr_home_dir(), *best = NULL;
	char run_user[64];

	snprintf(run_user, sizeof(run_user), "/run/user/%u",
		 (unsigned)getuid());
	if (home && jr_path_beneath(p, home) && strcmp(p, home) != 0)
		best = home;
	for (size_t i = 0; i <= ARRAY_SIZE(wl_tops); i++) {
		const char *t = i < ARRAY_SIZE(wl_tops) ? wl_tops[i] : run_user;

		if (jr_path_beneath(real, t) && strcmp(real, t) != 0 &&
		    (!best || strlen(t) > strlen(best)))
			best = t;
	}
	return best ? xstrdup(best) : NULL;
}

/* Whether a nowhitelist names P (expanded as the whitelist is). */
static bool wl_cancelled(const struct jr_policy *pol, const char *p)
{
	for (size_t i = 0; i < pol->npaths; i++) {
		cleanup_free char *n = NULL;
		struct jr_err ignored = { { 0 } };

		if (pol->paths[i].key != JR_PK_NOWHITELIST)
			continue;
		n = jr_path_expand(pol->paths[i].path, pol->paths[i].origin,
				   &ignored);
		if (n && strcmp(n, p) == 0)
			return true;
	}
	return false;
}

/* A symlink outside the home is whitelisted as itself, as firejail does
 * (/var/run in whitelist-var-common.inc): its directory resolved, its
 * name kept.  Anything else: P resolved. */
static char *link_itself(const char *p)
{
	struct stat st;
	cleanup_free char *dir = xstrdup(p), *rdir = NULL;
	char *slash = strrchr(dir, '/');
	const char *home = jr_home_dir();

	if ((home && jr_path_beneath(p, home)) || lstat(p, &st) < 0 ||
	    !S_ISLNK(st.st_mode) || !slash || slash == dir)
		return resolved(p);
	*slash = '\0';
	rdir = resolved(dir);
	return xasprintf("%s/%s", strcmp(rdir, "/") ? rdir : "", slash + 1);
}

/* The target of symlink P, or NULL when P is none. */
static char *link_target(const char *p)
{
	char buf[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode))
		return NULL;
	n = readlink(p, buf, sizeof(buf) - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

/* Whether a mkdir or mkfile rule of POL makes a path beneath HOME (so a
 * missing home exists by the time the home is mounted over). */
static bool home_made(const struct jr_policy *pol, const char *home)
{
	for (size_t i = 0; i < pol->npaths; i++) {
		const struct jr_pathrule *r = &pol->paths[i];
		struct jr_err ignored = { { 0 } };
		cleanup_free char *p = NULL;

		if (r->key != JR_PK_MKDIR && r->key != JR_PK_MKFILE)
			continue;
		p = jr_path_expand(r->path, r->origin, &ignored);
		if (p && jr_path_beneath(p, home))
			return true;
	}
	return false;
}

/* whitelist, whitelist-ro: a tmpfs on the top directory P is beneath
 * (once), P bound back into it (as it was before), read-only for
 * whitelist-ro.  A top directory that is / (a home of /) is refused. */
static int plan_whitelist(const struct jr_policy *pol, struct jr_confine *plan,
			  const char *p, bool ro, const char *origin,
			  struct jr_err *err)
{
	const char *home = jr_home_dir();
	cleanup_free char *real = link_itself(p);
	cleanup_free char *target = NULL;
	cleanup_free char *top = wl_top(p, real);
	char run_user[64];
	bool at_home = top && home && strcmp(top, home) == 0;
	const char *bound = at_home ? p : real;
	unsigned mode = 0755;

	snprintf(run_user, sizeof(run_user), "/run/user/%u",
		 (unsigned)getuid());
	if (home && strcmp(p, home) == 0)
		return jr_fail(err, origin,
			       "whitelist: '%s' is the home directory itself: "
			       "whitelist what is beneath it",
			       p);
	if (at_home && !jr_confine_top_replaced(plan, home)) {
		cleanup_free char *rhome = resolved(home);

		if (strcmp(rhome, "/") == 0)
			return jr_fail(err, origin,
				       "whitelist: the home directory (%s) is "
				       "/: a tmpfs over it would change nothing",
				       home);
	}
	if (!top)
		return jr_fail(err, origin,
			       "whitelist: '%s' is not beneath the home "
			       "directory (%s), %s or /etc, /media, /mnt, "
			       "/opt, /run, /srv, /tmp, /usr/share, /var",
			       p, home ? home : "unknown", run_user);
	/* a top directory that does not exist (/run/user/UID outside a
	 * session) holds nothing to whitelist, nor to hide */
	if (!at_home && access(top, F_OK) < 0 && errno == ENOENT) {
		jr_confine_note(plan, "whitelist: '%s' skipped: %s does not "
				"exist (%s)", p, top, origin);
		return 0;
	}
	/* nor does a home that does not exist, unless a mkdir makes it */
	if (at_home && !jr_confine_top_replaced(plan, top) &&
	    access(top, F_OK) < 0 && errno == ENOENT && !home_made(pol, top)) {
		jr_confine_note(plan, "whitelist: '%s' skipped: the home "
				"directory %s does not exist (%s)", p, top,
				origin);
		return 0;
	}
	if (at_home || strcmp(run_user, top) == 0)
		mode = 0700;
	else if (strcmp(top, "/tmp") == 0)
		mode = 01777;
	if (!jr_confine_top_replaced(plan, top) &&
	    jr_confine_tmpfs_add(plan, JR_PH_HOME, top, mode, origin, err) < 0)
		return -1;
	if (!at_home && (target = link_target(p)))
		return jr_confine_mount_add(plan, JR_PH_HOME, JR_MNT_LINK, target,
					    real, false, origin, err);
	if (jr_confine_mount_add(plan, JR_PH_HOME, JR_MNT_BIND, bound, bound,
				 true, origin, err) < 0)
		return -1;
	/* BOUND resolved is REAL: P's own resolution in the home, and
	 * elsewhere (no symlink here) REAL itself */
	plan->mounts[plan->nmounts - 1].real = jr_confine_intern(plan, real);
	return ro ? jr_confine_mount_add(plan, JR_PH_RO, JR_MNT_RO, NULL, bound,
					 true, origin, err) :
		    0;
}

/* tmpfs = DIR: not /; beneath the user's own places a missing DIR is
 * made (0700) */
static int plan_tmpfs(struct jr_confine *plan, const char *p,
		      const char *origin, struct jr_err *err)
{
	cleanup_free char *real = not_root("tmpfs", p, origin, NULL, err);
	bool mine = users_place(p);

	if (!real)
		return -1;
	return mount_append_tmpfs(plan, p, mine ? 0700 : 0755, mine, origin,
				  err);
}

/* mkfile: an empty file, where mkdir may make directories */
static int plan_mkfile(struct jr_confine *plan, const char *p,
		       const char *origin, struct jr_err *err)
{
	if (!users_place(p))
		return jr_fail(err, origin,
			       "mkfile: '%s' is not beneath the home directory, "
			       "an XDG base directory or /tmp",
			       p);
	return jr_confine_mount_add(plan, JR_PH_MKDIR, JR_MNT_MKFILE, NULL, p,
				    false, origin, err);
}

/* private = yes|DIR (before the path rules, so that the whitelisted home
 * paths are bound into it), private-cache, disable-mnt */
static int plan_private(const struct jr_policy *pol, struct jr_confine *plan,
			struct jr_err *err)
{
	const char *home = jr_home_dir(), *o = pol->private_origin;
	cleanup_free char *rhome = NULL, *dir = NULL, *rdir = NULL;
	struct stat st;

	if (!pol->private_home)
		return 0;
	if (!home)
		return jr_fail(err, o, "private: no home directory");
	rhome = resolved(home);
	if (strcmp(rhome, "/") == 0)
		return jr_fail(err, o,
			       "private: the home directory (%s) is /: a "
			       "mount over it would change nothing",
			       home);
	if (!pol->private_dir)
		return jr_confine_tmpfs_add(plan, JR_PH_HOME, home, 0700, o,
					    err);
	dir = jr_path_expand(pol->private_dir, o, err);
	if (!dir)
		return -1;
	rdir = resolved(dir);
	if (stat(rdir, &st) < 0 || !S_ISDIR(st.st_mode))
		return jr_fail(err, o, "private: '%s' is not a directory", dir);
	if (strcmp(rdir, rhome) == 0)
		return jr_fail(err, o,
			       "private: '%s' is the home directory itself",
			       dir);
	return jr_confine_mount_add(plan, JR_PH_HOME, JR_MNT_BIND, rdir, home,
				    false, o, err);
}

static int plan_private_more(const struct jr_policy *pol,
			     struct jr_confine *plan, struct jr_err *err)
{
	static const char *const mnt[] = { "/mnt", "/media", "/run/mount",
					   "/run/media" };
	const char *home = jr_home_dir();

	if (pol->private_cache) {
		cleanup_free char *cache = NULL;

		if (!home)
			return jr_fail(err, "private-cache",
				       "private-cache: no home directory");
		cache = xasprintf("%s/.cache", home);
		if (mount_append_tmpfs(plan, cache, 0700, true, "private-cache",
				       err) < 0)
			return -1;
	}
	for (size_t i = 0; pol->disable_mnt && i < ARRAY_SIZE(mnt); i++)
		if (jr_confine_mount_add(plan, JR_PH_HIDE, JR_MNT_HIDE, NULL,
					 mnt[i], true, "disable-mnt", err) < 0)
			return -1;
	return 0;
}

static const unsigned ll_access[JR_PK_N] = {
	[JR_PK_LL_READ] = JR_LL_READ,
	[JR_PK_LL_WRITE] = JR_LL_WRITE | JR_LL_READ,
	[JR_PK_LL_EXEC] = JR_LL_EXEC | JR_LL_READ,
};

/* Rules that only grant (Landlock access, a whitelisted path, a
 * directory made): without them the sandbox is only stricter. */
static bool grants(enum jr_pathkey k)
{
	return k == JR_PK_LL_READ || k == JR_PK_LL_WRITE ||
	       k == JR_PK_LL_EXEC || k == JR_PK_WHITELIST ||
	       k == JR_PK_WHITELIST_RO || k == JR_PK_MKDIR ||
	       k == JR_PK_NOWHITELIST || k == JR_PK_MKFILE ||
	       k == JR_PK_READ_WRITE;
}

static int plan_path(const struct jr_policy *pol, struct jr_confine *plan,
		     const struct jr_pathrule *r, struct jr_err *err)
{
	cleanup_free char *p = NULL;

	/* a grant beneath an unset ${XDG_RUNTIME_DIR} names nothing: left
	 * out (only access is lost); a hiding or read-only rule there stays
	 * an error */
	if (r->key == JR_PK_LL_READ || r->key == JR_PK_LL_WRITE ||
	    r->key == JR_PK_LL_EXEC)
		plan->ll_fs = true; /* even when the rule is left out */
	if (grants(r->key) && jr_path_unset_var(r->path))
		return 0;
	p = jr_path_expand(r->path, r->origin, err);
	if (!p)
		return -1;
	switch (r->key) {
	case JR_PK_LL_READ:
	case JR_PK_LL_WRITE:
	case JR_PK_LL_EXEC:
		return jr_confine_ll_add(plan, p, ll_access[r->key], true,
					 r->origin, err);
	case JR_PK_READ_ONLY:
		return jr_confine_mount_add(plan, JR_PH_RO, JR_MNT_RO, NULL, p,
					    true, r->origin, err);
	case JR_PK_BLACKLIST:
		return plan_hide(plan, p, r->origin, err);
	case JR_PK_WHITELIST:
	case JR_PK_WHITELIST_RO:
		if (wl_cancelled(pol, p))
			return 0;
		return plan_whitelist(pol, plan, p,
				      r->key == JR_PK_WHITELIST_RO, r->origin,
				      err);
	case JR_PK_NOWHITELIST:
		return 0; /* read by wl_cancelled */
	case JR_PK_MKDIR:
		return plan_mkdir(plan, p, r->origin, err);
	case JR_PK_MKFILE:
		return plan_mkfile(plan, p, r->origin, err);
	case JR_PK_READ_WRITE:
		return jr_confine_mount_add(plan, JR_PH_RO, JR_MNT_RW, NULL, p,
					    true, r->origin, err);
	case JR_PK_NOEXEC:
		return jr_confine_mount_add(plan, JR_PH_RO, JR_MNT_NOEXEC, NULL,
					    p, true, r->origin, err);
	case JR_PK_TMPFS:
		return plan_tmpfs(plan, p, r->origin, err);
	case JR_PK_N:
		break;
	}
	return jr_fail(err, r->origin, "unknown path rule");
}

/* mkdir and mkfile need no namespace: they run before any mount */
static bool makes_only(const struct jr_mount *m)
{
	return m->op == JR_MNT_MKDIR || m->op == JR_MNT_MKFILE;
}

bool jr_confine_has_mounts(const struct jr_confine *plan)
{
	for (size_t i = 0; plan && i < plan->nmounts; i++)
		if (!makes_only(&plan->mounts[i]))
			return true;
	return false;
}

bool jr_confine_mount_skipped(const struct jr_mount *m)
{
	struct stat st;

	if (!m->optional)
		return false;
	if (m->src && lstat(m->src, &st) < 0 && errno == ENOENT)
		return true;
	return m->dst && lstat(m->dst, &st) < 0 && errno == ENOENT;
}

const struct jr_mount *jr_confine_needed_mount(const struct jr_confine *plan)
{
	for (size_t i = 0; plan && i < plan->nmounts; i++)
		if (!makes_only(&plan->mounts[i]) &&
		    !jr_confine_mount_skipped(&plan->mounts[i]))
			return &plan->mounts[i];
	return NULL;
}

/* A mount of the home phase that replaces a top directory: the tmpfs of
 * a whitelist or private, private's DIR bound as the home. */
static bool is_top(const struct jr_mount *m)
{
	return m->phase == JR_PH_HOME &&
	       (m->op == JR_MNT_TMPFS ||
		(m->op == JR_MNT_BIND && strcmp(m->src, m->dst) != 0));
}

/* The length of the top directory M belongs to (the longest top that M's
 * destination is at or beneath), 0 for none or another phase. */
static size_t top_len(const struct jr_confine *plan, const struct jr_mount *m)
{
	size_t best = 0;

	if (m->phase != JR_PH_HOME)
		return 0;
	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *t = &plan->mounts[i];

		if (is_top(t) && jr_path_beneath(m->dst, t->dst) &&
		    strlen(t->dst) > best)
			best = strlen(t->dst);
	}
	return best;
}

/* Top directories nested in others (a home beneath /tmp, both
 * whitelisted from): the outer one's tmpfs would hide the inner one's
 * mount point, made after it; so each inner top gets a mkdir in the
 * outer's tmpfs. */
static int plan_nested_tops(struct jr_confine *plan, struct jr_err *err)
{
	size_t n = plan->nmounts;

	for (size_t i = 0; i < n; i++) {
		const struct jr_mount *t = &plan->mounts[i];
		bool nested = false;

		for (size_t j = 0; is_top(t) && j < n; j++)
			if (j != i && is_top(&plan->mounts[j]) &&
			    strcmp(plan->mounts[j].dst, t->dst) != 0 &&
			    jr_path_beneath(t->dst, plan->mounts[j].dst))
				nested = true;
		if (nested &&
		    jr_confine_mount_add(plan, JR_PH_HOME, JR_MNT_MKDIR, NULL,
					 t->dst, false, t->origin, err) < 0)
			return -1;
	}
	return 0;
}

/* Phase order (stable: within a phase, the order added); in the home
 * phase the outer top directories first (KA, KB: the lengths of the
 * tops A and B belong to), and a top's own mkdir before its tmpfs and
 * binds. */
static bool mount_before(const struct jr_mount *a, size_t ka,
			 const struct jr_mount *b, size_t kb)
{
	if (a->phase != b->phase)
		return a->phase < b->phase;
	if (ka != kb)
		return ka < kb;
	return a->op == JR_MNT_MKDIR && b->op != JR_MNT_MKDIR &&
	       a->phase == JR_PH_HOME;
}

static void sort_mounts(struct jr_confine *plan)
{
	/* the keys first, from the plan as it is: moving mounts changes
	 * no top; on the heap, n of them (JR_MOUNTS_MAX on the stack was
	 * 32 KiB, the deepest frame of a run: two pages faulted in) */
	const size_t n = plan->nmounts; /* one bound for both loops */
	cleanup_free size_t *keys = n ? xmalloc(n * sizeof(*keys)) : NULL;

	for (size_t i = 0; i < n; i++)
		keys[i] = top_len(plan, &plan->mounts[i]);
	for (size_t i = 1; i < n; i++) {
		struct jr_mount m = plan->mounts[i];
		size_t k = keys[i], j = i;

		while (j > 0 &&
		       mount_before(&m, k, &plan->mounts[j - 1], keys[j - 1])) {
			plan->mounts[j] = plan->mounts[j - 1];
			keys[j] = keys[j - 1];
			j--;
		}
		plan->mounts[j] = m;
		keys[j] = k;
	}
}

static void plan_abi_warn(const struct jr_policy *pol,
			  struct jr_confine *plan, int abi, bool net)
{
	if (abi < 1 && (plan->ll_fs || net || pol->ll_scope)) {
		jr_confine_warn(plan,
				"this kernel has no Landlock (not built in, or "
				"not in the lsm= list): the landlock.* rules "
				"are NOT enforced");
		return;
	}
	if (plan->ll_fs && abi < 3)
		jr_confine_warn(plan,
				"Landlock ABI %d cannot restrict truncate(2): "
				"files outside landlock.write can be truncated",
				abi);
	if (plan->ll_fs && abi < 5)
		jr_confine_warn(plan,
				"Landlock ABI %d cannot restrict ioctl on "
				"devices opened in the sandbox",
				abi);
	if (net && abi < 4)
		jr_confine_warn(plan,
				"Landlock ABI %d has no TCP rules: "
				"landlock.net.bind/connect are NOT enforced",
				abi);
	if (pol->ll_scope && abi < 6)
		jr_confine_warn(plan,
				"Landlock ABI %d has no scopes: landlock.scope "
				"is NOT enforced",
				abi);
}

/* What this kernel's Landlock cannot do that the policy asks for. */
static void plan_abi(const struct jr_policy *pol, struct jr_confine *plan)
{
	size_t before = plan->nwarnings;

	plan_abi_warn(pol, plan, plan->ll_abi,
		      pol->ll_bind_set || pol->ll_connect_set);
	plan->ll_unenforced = plan->nwarnings > before;
}

/* What the kernel opens with the exec right to run PATH, like PATH
 * itself: each `#!` interpreter and the ELF interpreter (ld.so).  Without
 * them a target in landlock.exec fails as "cannot execute: Permission
 * denied", naming the target.  Optional rules: a missing one is the
 * exec's own error. */
static int plan_interps(struct jr_confine *plan, const char *path,
			struct jr_err *err)
{
	cleanup_free struct jr_elf_info *elf = xmalloc(sizeof(*elf));

	if (jr_elf_classify(path, elf) < 0)
		return 0; /* unreadable: execve will say so */
	for (int i = 0; i < elf->scripts; i++)
		if (jr_confine_ll_add(plan, elf->chain[i],
				      JR_LL_EXEC | JR_LL_READ, true,
				      "the target's interpreter", err) < 0)
			return -1;
	if (elf->interp[0] &&
	    jr_confine_ll_add(plan, elf->interp, JR_LL_EXEC | JR_LL_READ, true,
			      "the target's ELF interpreter", err) < 0)
		return -1;
	return 0;
}

int jr_confine_keep(struct jr_confine *plan, const char *path,
		    const char *origin, struct jr_err *err)
{
	cleanup_free char *real = resolved(path);

	if (!replacing(plan, real))
		return 0;
	if (jr_confine_mount_add(plan, JR_PH_HOME, JR_MNT_BIND, real, real,
				 false, origin, err) < 0 ||
	    jr_confine_mount_add(plan, JR_PH_RO, JR_MNT_RO, NULL, real, false,
				 origin, err) < 0)
		return -1;
	sort_mounts(plan);
	return 0;
}

int jr_confine_plan(const struct jr_policy *pol, const char *path, int abi,
		    struct jr_confine *plan, struct jr_err *err)
{
	plan->ll_abi = abi;
	if (plan_private(pol, plan, err) < 0)
		return -1;
	for (size_t i = 0; i < pol->npaths; i++)
		if (plan_path(pol, plan, &pol->paths[i], err) < 0)
			return -1;
	if (plan_private_more(pol, plan, err) < 0)
		return -1;
	if (check_hidden_grants(plan, path, err) < 0)
		return -1;
	/* a whitelist beneath /tmp made it private already */
	if (pol->private_tmp && !jr_confine_top_replaced(plan, "/tmp")) {
		cleanup_free char *real = not_root("private-tmp", "/tmp",
						   "private-tmp", NULL, err);

		if (!real || jr_confine_tmpfs_add(plan, JR_PH_TMP, "/tmp", 01777,
				       "private-tmp", err) < 0)
			return -1;
	}
	if (pol->private_dev &&
	    jr_confine_mount_add(plan, JR_PH_DEV, JR_MNT_DEV, NULL, "/dev",
				 false, "private-dev", err) < 0)
		return -1;
	/* the device classes: bound into private-dev, or hidden */
	if (jr_devices_plan(pol, "/dev", plan, err) < 0)
		return -1;
	if (jr_desktop_plan(pol, plan, err) < 0 ||
	    jr_private_plan(pol, plan, err) < 0)
		return -1;
	if (pol->ndns) {
		cleanup_free char *text = jr_resolv_conf(pol);

		if (jr_confine_file_add(plan, JR_PH_PRIV, "/etc/resolv.conf", text,
					pol->dns_origin, err) < 0)
			return -1;
	}
	/* mkdir alone needs no namespace: it runs before any mount */
	for (size_t i = 0; i < plan->nmounts; i++) {
		if (!makes_only(&plan->mounts[i]) &&
		    !(pol->namespaces & JR_NS_MOUNT))
			return jr_fail(err, plan->mounts[i].origin,
				       "this needs the mount namespace "
				       "(namespaces = mount)");
	}
	/* the target itself can always be run */
	if (plan->ll_fs && path &&
	    (jr_confine_ll_add(plan, path, JR_LL_EXEC | JR_LL_READ, false,
			       "the target", err) < 0 ||
	     plan_interps(plan, path, err) < 0))
		return -1;
	plan_abi(pol, plan);
	if (plan_nested_tops(plan, err) < 0)
		return -1;
	sort_mounts(plan);
	return 0;
}
