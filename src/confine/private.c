/* private.c - the private directory keys as mounts: a tmpfs over /etc,
 * the bin directories, /opt or /srv holding only the listed entries
 * (each bound from the real directory, a symlink made again as a
 * symlink), made read-only; a random machine-id; bind = SRC,DST where
 * the user could replace DST anyway.  Pure: reads the file system, the
 * password and group files and the kernel's random numbers; touches
 * nothing. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfinfo.h"
#include "names.h"
#include "private.h"

const char *const jr_private_etc_always[] = {
	"ld.so.cache",     "ld.so.conf",    "ld.so.conf.d", "resolv.conf",
	"hosts",           "nsswitch.conf", "localtime",    "ssl",
	"ca-certificates", "pki",           "alternatives", NULL
};

/* never brought into a private /etc, even when listed: password hashes */
static const char *const etc_never[] = { "shadow", "shadow-", "gshadow",
					 "gshadow-" };

/* generated, not bound, in a private /etc */
static bool etc_generated(const char *name)
{
	return strcmp(name, "passwd") == 0 || strcmp(name, "group") == 0;
}

/* The bin directories firejail's private-bin replaces; on a merged-/usr
 * system /bin and /sbin are symlinks to /usr's, replaced once. */
static const char *const bin_dirs[] = { "/usr/local/bin", "/usr/local/sbin",
					"/usr/bin",       "/usr/sbin",
					"/bin",           "/sbin",
					"/usr/games",     "/usr/local/games" };

#define PASSWD_MAX 8192

/* ---- passwd and group -------------------------------------------------- */

struct buf {
	char s[PASSWD_MAX];
	size_t n;
	bool full;
};

static void buf_add(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void buf_add(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, ap);
	va_end(ap);
	if (r < 0 || (size_t)r >= sizeof(b->s) - b->n)
		b->full = true;
	else
		b->n += (size_t)r;
}

static void pw_line(struct buf *b, const struct passwd *pw, uid_t *seen,
		    size_t *nseen)
{
	if (!pw)
		return;
	for (size_t i = 0; i < *nseen; i++)
		if (seen[i] == pw->pw_uid)
			return;
	seen[(*nseen)++] = pw->pw_uid;
	buf_add(b, "%s:x:%u:%u:%s:%s:%s\n", pw->pw_name, (unsigned)pw->pw_uid,
		(unsigned)pw->pw_gid, pw->pw_gecos ? pw->pw_gecos : "",
		pw->pw_dir ? pw->pw_dir : "/",
		pw->pw_shell ? pw->pw_shell : "");
}

static void gr_line(struct buf *b, const struct group *gr, gid_t *seen,
		    size_t *nseen)
{
	if (!gr)
		return;
	for (size_t i = 0; i < *nseen; i++)
		if (seen[i] == gr->gr_gid)
			return;
	seen[(*nseen)++] = gr->gr_gid;
	/* no members: supplementary groups are not the private file's */
	buf_add(b, "%s:x:%u:\n", gr->gr_name, (unsigned)gr->gr_gid);
}

char *jr_private_passwd(bool group, struct jr_err *err)
{
	cleanup_free struct buf *b = xcalloc(1, sizeof(*b));
	uid_t uids[3];
	gid_t gids[3];
	size_t n = 0;

	if (group) {
		gr_line(b, jr_getgrgid(0), gids, &n);
		gr_line(b, jr_getgrgid(getgid()), gids, &n);
		gr_line(b, jr_getgrnam("nogroup"), gids, &n);
	} else {
		pw_line(b, jr_getpwuid(0), uids, &n);
		pw_line(b, jr_getpwuid(getuid()), uids, &n);
		pw_line(b, jr_getpwnam("nobody"), uids, &n);
	}
	if (b->full) {
		jr_fail(err, "private-etc",
			"the %s entries are longer than %d bytes",
			group ? "group" : "passwd", PASSWD_MAX);
		return NULL;
	}
	return xstrdup(b->s);
}

/* ---- private directories ----------------------------------------------- */

/* DIR/NAME into the tmpfs on DIR: bound, or made again when a symlink
 * (its target may be elsewhere: /etc/resolv.conf); a missing one is
 * skipped, and --debug says so. */
static int plan_entry(struct jr_confine *plan, const char *dir,
		      const char *name, const char *origin, struct jr_err *err)
{
	cleanup_free char *p = xasprintf("%s/%s", dir, name);
	char target[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode))
		return jr_confine_mount_add(plan, JR_PH_PRIV, JR_MNT_BIND, p, p,
					    true, origin, err);
	n = readlink(p, target, sizeof(target) - 1);
	if (n < 0)
		return jr_fail(err, origin, "reading the symlink %s: %s", p,
			       strerror(errno));
	target[n] = '\0';
	return jr_confine_mount_add(plan, JR_PH_PRIV, JR_MNT_LINK, target, p,
				    false, origin, err);
}

/* A tmpfs over DIR (its symlinks resolved), read-only once filled; a
 * missing DIR has nothing to hide (optional).  The directory used, or
 * NULL with ERR. */
static char *plan_dir(struct jr_confine *plan, const char *dir,
		      const char *origin, struct jr_err *err)
{
	char *real = realpath(dir, NULL);

	if (!real)
		real = xstrdup(dir);
	if (strcmp(real, "/") == 0) {
		jr_fail(err, origin, "'%s' resolves to /", dir);
		free(real);
		return NULL;
	}
	if (jr_confine_tmpfs_add(plan, JR_PH_PRIV, real, 0755, origin, err) <
		    0 ||
	    jr_confine_mount_add(plan, JR_PH_RO, JR_MNT_RO, NULL, real, true,
				 origin, err) < 0) {
		free(real);
		return NULL;
	}
	plan->mounts[plan->nmounts - 2].optional = true; /* the tmpfs */
	return real;
}

static bool etc_refused(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(etc_never); i++)
		if (strcmp(name, etc_never[i]) == 0)
			return true;
	return false;
}

static bool listed(const struct jr_privlist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->names[i], name) == 0)
			return true;
	return false;
}

static int plan_etc(const struct jr_policy *pol, struct jr_confine *plan,
		    struct jr_err *err)
{
	const struct jr_privlist *l = &pol->priv[JR_PRIV_ETC];
	cleanup_free char *dir = NULL;

	for (size_t i = 0; i < l->n; i++)
		if (etc_refused(l->names[i]))
			return jr_fail(err, l->origin,
				       "private-etc: '%s' holds password "
				       "hashes: it is never brought in",
				       l->names[i]);
	dir = plan_dir(plan, "/etc", l->origin, err);
	if (!dir)
		return -1;
	for (int g = 0; g < 2; g++) {
		cleanup_free char *text = jr_private_passwd(g, err);
		cleanup_free char *p =
			xasprintf("%s/%s", dir, g ? "group" : "passwd");

		if (!text || jr_confine_file_add(plan, JR_PH_PRIV, p, text,
						 l->origin, err) < 0)
			return -1;
	}
	for (size_t i = 0; jr_private_etc_always[i]; i++)
		if (!listed(l, jr_private_etc_always[i]) &&
		    plan_entry(plan, dir, jr_private_etc_always[i], l->origin,
			       err) < 0)
			return -1;
	for (size_t i = 0; i < l->n; i++) {
		const char *name = l->names[i];

		if (etc_generated(name) ||
		    (pol->machine_id && strcmp(name, "machine-id") == 0))
			continue;
		if (plan_entry(plan, dir, name, l->origin, err) < 0)
			return -1;
	}
	return 0;
}

static int plan_opt_srv(const struct jr_policy *pol, enum jr_priv which,
			const char *top, struct jr_confine *plan,
			struct jr_err *err)
{
	const struct jr_privlist *l = &pol->priv[which];
	cleanup_free char *dir = plan_dir(plan, top, l->origin, err);

	if (!dir)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (plan_entry(plan, dir, l->names[i], l->origin, err) < 0)
			return -1;
	return 0;
}

/* ---- private-bin ----------------------------------------------------- */

struct bins {
	char *dirs[ARRAY_SIZE(bin_dirs)]; /* real, distinct, existing */
	size_t ndirs;
	const char *names[2 * JR_PRIV_MAX]; /* listed, then interpreters */
	size_t nnames;
};

static void bins_free(struct bins *b)
{
	for (size_t i = 0; i < b->ndirs; i++)
		free(b->dirs[i]);
}

static bool bins_dir(const struct bins *b, const char *real)
{
	for (size_t i = 0; i < b->ndirs; i++)
		if (strcmp(b->dirs[i], real) == 0)
			return true;
	return false;
}

static int bins_name(struct bins *b, struct jr_confine *plan, const char *name,
		     const char *origin, struct jr_err *err)
{
	for (size_t i = 0; i < b->nnames; i++)
		if (strcmp(b->names[i], name) == 0)
			return 0;
	if (b->nnames == ARRAY_SIZE(b->names))
		return jr_fail(err, origin,
			       "private-bin: more than %zu "
			       "programs with their interpreters",
			       ARRAY_SIZE(b->names));
	b->names[b->nnames++] = jr_confine_intern(plan, name);
	return 0;
}

/* The `#!` interpreter PATH, when it is in a replaced bin directory: its
 * name joins the list (and so its own interpreter, in turn). */
static int bins_interp(struct bins *b, struct jr_confine *plan,
		       const char *path, const char *origin, struct jr_err *err)
{
	cleanup_free char *parent = xstrdup(path);
	cleanup_free char *real = NULL;
	char *slash = strrchr(parent, '/');

	if (!slash || !slash[1])
		return 0;
	*slash = '\0';
	real = realpath(parent[0] ? parent : "/", NULL);
	if (!real || !bins_dir(b, real))
		return 0; /* elsewhere: it is there as it was */
	return bins_name(b, plan, slash + 1, origin, err);
}

/* "#!/usr/bin/env NAME" runs NAME from $PATH */
static bool is_env(const char *interp)
{
	const char *base = strrchr(interp, '/');

	return strcmp(base ? base + 1 : interp, "env") == 0;
}

/* NAME from each bin directory that has it, and what it names with `#!`
 * (/usr/bin/env's program too). */
static int bins_program(struct bins *b, struct jr_confine *plan,
			const char *name, const char *origin,
			struct jr_err *err)
{
	cleanup_free struct jr_elf_info *elf = xmalloc(sizeof(*elf));
	bool found = false;

	for (size_t d = 0; d < b->ndirs; d++) {
		cleanup_free char *p = xasprintf("%s/%s", b->dirs[d], name);
		struct stat st;

		if (stat(p, &st) < 0 || S_ISDIR(st.st_mode))
			continue;
		if (jr_confine_mount_add(plan, JR_PH_PRIV, JR_MNT_BIND, p, p,
					 true, origin, err) < 0)
			return -1;
		if (found)
			continue;
		found = true;
		if (jr_elf_classify(p, elf) < 0)
			continue; /* unreadable: execve will say so */
		for (int i = 0; i < elf->scripts; i++)
			if (bins_interp(b, plan, elf->chain[i], origin, err) <
			    0)
				return -1;
		if (elf->scripts && is_env(elf->chain[0]) &&
		    elf->script_arg[0] && !strchr(elf->script_arg, '/') &&
		    bins_name(b, plan, elf->script_arg, origin, err) < 0)
			return -1;
	}
	if (!found) { /* --debug says it was not there */
		cleanup_free char *p = xasprintf("/usr/bin/%s", name);

		return jr_confine_mount_add(plan, JR_PH_PRIV, JR_MNT_BIND, p, p,
					    true, origin, err);
	}
	return 0;
}

static int plan_bin(const struct jr_policy *pol, struct jr_confine *plan,
		    struct jr_err *err)
{
	const struct jr_privlist *l = &pol->priv[JR_PRIV_BIN];
	cleanup_free struct bins *b = xcalloc(1, sizeof(*b));
	int r = 0;

	for (size_t i = 0; i < ARRAY_SIZE(bin_dirs); i++) {
		char *real = realpath(bin_dirs[i], NULL);
		struct stat st;

		if (!real || stat(real, &st) < 0 || !S_ISDIR(st.st_mode) ||
		    bins_dir(b, real) || strcmp(real, "/") == 0) {
			free(real);
			continue;
		}
		b->dirs[b->ndirs++] = real;
	}
	for (size_t i = 0; i < b->ndirs && !r; i++) {
		cleanup_free char *dir =
			plan_dir(plan, b->dirs[i], l->origin, err);

		r = dir ? 0 : -1;
	}
	for (size_t i = 0; i < l->n && !r; i++)
		r = bins_name(b, plan, l->names[i], l->origin, err);
	/* the list grows with the interpreters found */
	for (size_t i = 0; i < b->nnames && !r; i++)
		r = bins_program(b, plan, b->names[i], l->origin, err);
	bins_free(b);
	return r;
}

/* ---- machine-id ------------------------------------------------------ */

static int plan_machine_id(const struct jr_policy *pol, struct jr_confine *plan,
			   struct jr_err *err)
{
	static const char *const dbus = "/var/lib/dbus/machine-id";
	unsigned char rnd[16];
	char id[sizeof(rnd) * 2 + 2];
	cleanup_free char *etc = NULL, *other = NULL;
	bool private_etc = pol->priv[JR_PRIV_ETC].set;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return jr_fail(err, "machine-id", "getrandom: %s",
			       strerror(errno));
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(id + 2 * i, 3, "%02x", rnd[i]);
	strcpy(id + 2 * sizeof(rnd), "\n");
	etc = private_etc ? NULL : realpath("/etc/machine-id", NULL);
	if (!private_etc && !etc)
		return jr_fail(err, "machine-id",
			       "/etc/machine-id does not exist (with "
			       "private-etc it is made)");
	if (jr_confine_file_add(plan, JR_PH_PRIV, etc ? etc : "/etc/machine-id",
				id, "machine-id", err) < 0)
		return -1;
	other = realpath(dbus, NULL);
	/* a symlink to /etc/machine-id shows the new one already */
	if (!other || strcmp(other, etc ? etc : "/etc/machine-id") == 0 ||
	    (private_etc && jr_path_beneath(other, "/etc")))
		return 0;
	return jr_confine_file_add(plan, JR_PH_PRIV, other, id, "machine-id",
				   err);
}

/* ---- bind ------------------------------------------------------------ */

/* Whether the user could put something else at DST without jailrun:
 * write and search its parent, and own DST when the parent is sticky. */
static bool may_replace(const char *dst)
{
	cleanup_free char *parent = xstrdup(dst);
	char *slash = strrchr(parent, '/');
	struct stat pst, st;

	if (!slash)
		return false;
	*slash = '\0';
	if (!parent[0])
		strcpy(parent, "/");
	if (access(parent, W_OK | X_OK) < 0 || stat(parent, &pst) < 0 ||
	    lstat(dst, &st) < 0)
		return false;
	return !(pst.st_mode & S_ISVTX) || st.st_uid == getuid();
}

static int plan_bind(const struct jr_bind *b, struct jr_confine *plan,
		     struct jr_err *err)
{
	cleanup_free char *src = realpath(b->src, NULL);
	cleanup_free char *dst = NULL;
	struct stat ss, ds;

	if (!src || stat(src, &ss) < 0)
		return jr_fail(err, b->origin, "bind: %s: %s", b->src,
			       strerror(errno));
	dst = realpath(b->dst, NULL);
	if (!dst || stat(dst, &ds) < 0)
		return jr_fail(err, b->origin, "bind: %s: %s", b->dst,
			       strerror(errno));
	if (strcmp(dst, "/") == 0)
		return jr_fail(err, b->origin,
			       "bind: '%s' resolves to /: a mount over it "
			       "would change nothing",
			       b->dst);
	if (S_ISDIR(ss.st_mode) != S_ISDIR(ds.st_mode))
		return jr_fail(err, b->origin,
			       "bind: %s and %s are not both directories or "
			       "both files",
			       src, dst);
	if (getuid() != 0 && !may_replace(dst))
		return jr_fail(err, b->origin,
			       "bind: %s: only root may bind there (the user "
			       "may bind only where it can write the parent "
			       "directory)",
			       dst);
	return jr_confine_mount_add(plan, JR_PH_PRIV, JR_MNT_BIND, src, dst,
				    false, b->origin, err);
}

int jr_private_plan(const struct jr_policy *pol, struct jr_confine *plan,
		    struct jr_err *err)
{
	if (pol->priv[JR_PRIV_ETC].set && plan_etc(pol, plan, err) < 0)
		return -1;
	if (pol->priv[JR_PRIV_BIN].set && plan_bin(pol, plan, err) < 0)
		return -1;
	if (pol->priv[JR_PRIV_OPT].set &&
	    plan_opt_srv(pol, JR_PRIV_OPT, "/opt", plan, err) < 0)
		return -1;
	if (pol->priv[JR_PRIV_SRV].set &&
	    plan_opt_srv(pol, JR_PRIV_SRV, "/srv", plan, err) < 0)
		return -1;
	if (pol->machine_id && plan_machine_id(pol, plan, err) < 0)
		return -1;
	for (size_t i = 0; i < pol->nbinds; i++)
		if (plan_bind(&pol->binds[i], plan, err) < 0)
			return -1;
	return 0;
}
