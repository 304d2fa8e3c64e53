/* mounts.c - the confinement plan's mounts, carried out by the init in
 * the sandbox's own mount namespace (where it holds every capability of
 * its user namespace, and nothing outside).
 *
 * The new mount API does the work: open_tree(OPEN_TREE_CLONE) takes a
 * detached copy of what a bind source is before anything is mounted over
 * it, move_mount puts it in place, mount_setattr makes trees read-only,
 * and one detached read-only tmpfs holds the empty file and directory
 * that hide things. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confine.h"
#include "mounts.h"

#define HIDE_DIR "d"
#define HIDE_FILE "f"

/* The devices a private /dev holds, bound from the real one. */
static const char *const dev_nodes[] = { "null", "zero",    "full",
					 "random", "urandom", "tty" };

struct jr_mount_held {
	int src[JR_MOUNTS_MAX]; /* detached copies of the bind sources */
	int dev[ARRAY_SIZE(dev_nodes)];
	int hide; /* the detached empty tmpfs, or -1 */
	int files; /* the detached tmpfs of JR_MNT_FILE's files, or -1 */
	bool fresh; /* no mount before the hiding phase: nothing the plan
		     * made can be where a blacklist found nothing */
};

static int fail_mount(struct jr_err *err, const struct jr_mount *m,
		      const char *what, const char *path)
{
	return jr_fail(err, m->origin, "%s %s: %s", what, path,
		       strerror(errno));
}

static int clone_tree(int dirfd, const char *path)
{
	return open_tree(dirfd, path,
			 OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE |
				 (path[0] ? 0 : AT_EMPTY_PATH));
}

static int attach(int tree, const char *dst)
{
	return move_mount(tree, "", AT_FDCWD, dst, MOVE_MOUNT_F_EMPTY_PATH);
}

/* mkdir -p, each created directory with MODE.  Up from PATH to the
 * first directory that is there (one mkdir when PATH or its parent is,
 * as is usual), then down again making each. */
static int mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t n = strlen(path), len = n;

	if (n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	while (mkdir(buf, mode) < 0 && errno != EEXIST) {
		char *slash = strrchr(buf, '/');

		if (errno != ENOENT || !slash || slash == buf)
			return -errno;
		*slash = '\0';
		len = (size_t)(slash - buf);
	}
	while (len < n) {
		buf[len] = '/';
		len += strlen(buf + len);
		if (mkdir(buf, mode) < 0 && errno != EEXIST)
			return -errno;
	}
	return 0;
}

/* A mount point for a copy of TREE at DST: a directory or an empty file,
 * as TREE is, with the parents made. */
static int make_point(int tree, const char *dst)
{
	struct stat st;
	cleanup_free char *parent = xstrdup(dst);
	char *slash = strrchr(parent, '/');
	int fd;

	if (lstat(dst, &st) == 0)
		return 0; /* there already (a socket cannot be opened) */
	if (fstat(tree, &st) < 0)
		return -errno;
	if (slash && slash != parent) {
		int r;

		*slash = '\0';
		r = mkdir_p(parent, 0755);
		if (r < 0)
			return r;
	}
	if (S_ISDIR(st.st_mode))
		return mkdir(dst, 0755) < 0 && errno != EEXIST ? -errno : 0;
	fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return errno == EISDIR ? 0 : -errno;
	close(fd);
	return 0;
}

/* One detached, read-only, empty tmpfs with an empty directory and an
 * empty file, both mode 000. */
static int hide_source(struct jr_err *err)
{
	struct mount_attr ro = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
	};
	cleanup_fd int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	int mnt, fd;

	if (fs < 0 || fsconfig(fs, FSCONFIG_SET_STRING, "size", "4k", 0) < 0 ||
	    fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0755", 0) < 0 ||
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return jr_fail(err, NULL, "an empty tmpfs for hiding: %s",
			       strerror(errno));
	mnt = fsmount(fs, FSMOUNT_CLOEXEC, 0);
	if (mnt < 0)
		return jr_fail(err, NULL, "fsmount: %s", strerror(errno));
	/* the file is closed before the mount becomes read-only (an open
	 * writer would make that EBUSY) */
	fd = openat(mnt, HIDE_FILE, O_WRONLY | O_CREAT | O_CLOEXEC, 0);
	if (fd >= 0)
		close(fd);
	if (fd < 0 || mkdirat(mnt, HIDE_DIR, 0) < 0 ||
	    mount_setattr(mnt, "", AT_EMPTY_PATH | AT_RECURSIVE, &ro,
			  sizeof(ro)) < 0) {
		jr_fail(err, NULL, "an empty tmpfs for hiding: %s",
			strerror(errno));
		close(mnt);
		return -1;
	}
	return mnt;
}

/* One detached, read-only tmpfs holding each JR_MNT_FILE's content in
 * a file named by the mount's index (private.c). */
static int files_source(const struct jr_confine *plan, struct jr_err *err)
{
	struct mount_attr ro = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
	};
	cleanup_fd int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	int mnt;

	if (fs < 0 || fsconfig(fs, FSCONFIG_SET_STRING, "size", "1m", 0) < 0 ||
	    fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0755", 0) < 0 ||
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return jr_fail(err, NULL, "a tmpfs for generated files: %s",
			       strerror(errno));
	mnt = fsmount(fs, FSMOUNT_CLOEXEC, 0);
	if (mnt < 0)
		return jr_fail(err, NULL, "fsmount: %s", strerror(errno));
	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *m = &plan->mounts[i];
		size_t n = m->content ? strlen(m->content) : 0;
		char name[24];
		int fd;

		if (m->op != JR_MNT_FILE)
			continue;
		snprintf(name, sizeof(name), "%zu", i);
		fd = openat(mnt, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			    0444);
		if (fd < 0 || write(fd, m->content, n) != (ssize_t)n) {
			jr_fail(err, m->origin, "writing the file for %s: %s",
				m->dst, strerror(errno));
			if (fd >= 0)
				close(fd);
			close(mnt);
			return -1;
		}
		close(fd);
	}
	if (mount_setattr(mnt, "", AT_EMPTY_PATH | AT_RECURSIVE, &ro,
			  sizeof(ro)) < 0) {
		jr_fail(err, NULL, "a tmpfs for generated files: %s",
			strerror(errno));
		close(mnt);
		return -1;
	}
	return mnt;
}

/* Take what the bind sources (and a private /dev's devices) are now,
 * before anything is mounted over them. */
static int capture(const struct jr_confine *plan, struct jr_mount_held *st,
		   struct jr_err *err)
{
	bool dev = false, files = false;

	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *m = &plan->mounts[i];

		dev |= m->op == JR_MNT_DEV;
		files |= m->op == JR_MNT_FILE;
		if (m->op != JR_MNT_BIND)
			continue;
		st->src[i] = clone_tree(AT_FDCWD, m->src);
		if (st->src[i] < 0 && !(m->optional && errno == ENOENT))
			return fail_mount(err, m, "taking", m->src);
		if (st->src[i] < 0)
			debugx("mount: %s does not exist, not bound (%s)",
			       m->src, m->origin);
	}
	for (size_t i = 0; dev && i < ARRAY_SIZE(dev_nodes); i++) {
		char path[32];

		snprintf(path, sizeof(path), "/dev/%s", dev_nodes[i]);
		st->dev[i] = clone_tree(AT_FDCWD, path);
		if (st->dev[i] < 0)
			debugx("private-dev: no %s (%s)", path,
			       strerror(errno));
	}
	if (files && (st->files = files_source(plan, err)) < 0)
		return -1;
	return 0;
}

static int do_tmpfs(const struct jr_mount *m, struct jr_err *err)
{
	char opts[32];
	int r;

	/* tmpfs = DIR, private-cache in the user's own places: made when
	 * missing (in a private home, say) */
	if (m->optional && (r = mkdir_p(m->dst, 0700)) < 0) {
		errno = -r;
		return fail_mount(err, m, "making", m->dst);
	}

	snprintf(opts, sizeof(opts), "mode=%04o", m->mode);
	if (m->optional && access(m->dst, F_OK) < 0 && errno == ENOENT) {
		debugx("mount: %s does not exist, no tmpfs (%s)", m->dst,
		       m->origin);
		return 0;
	}
	if (mount("tmpfs", m->dst, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0)
		return fail_mount(err, m, "mounting a tmpfs on", m->dst);
	debugx("mount: tmpfs on %s (%s)", m->dst, m->origin);
	return 0;
}

static int do_bind(const struct jr_mount *m, int tree, struct jr_err *err)
{
	int r;

	if (tree < 0)
		return 0; /* an optional source that was missing */
	r = make_point(tree, m->dst);
	if (r < 0) {
		errno = -r;
		return fail_mount(err, m, "making a mount point at", m->dst);
	}
	if (attach(tree, m->dst) < 0)
		return fail_mount(err, m, "binding", m->dst);
	debugx("mount: %s bound at %s (%s)", m->src, m->dst, m->origin);
	return 0;
}

/* The symlinks of DST resolved: a rule names what the user sees. NULL
 * (errno set) when it does not exist.  An optional DST that names
 * nothing (lstat: ENOENT, one call) is skipped without realpath, which
 * would fail the same way after one readlink per component. */
static char *resolve(const struct jr_mount *m)
{
	struct stat st;
	char *p = NULL;

	if (!m->optional || lstat(m->dst, &st) == 0 || errno != ENOENT)
		p = realpath(m->dst, NULL);
	else
		errno = ENOENT;
	if (!p && m->optional && errno == ENOENT)
		debugx("mount: %s does not exist, nothing to do (%s)", m->dst,
		       m->origin);
	return p;
}

/* JR_MNT_FILE: the file made for mount I (files_source) at DST */
static int do_file(const struct jr_mount *m, size_t i, int files,
		   struct jr_err *err)
{
	char name[24];
	cleanup_fd int tree = -1;
	cleanup_free char *real = NULL;
	const char *dst = m->dst;
	struct stat lst;
	int r;

	/* a symbolic link (a host's /etc/resolv.conf often is one, for
	 * dns = ...) is followed, as for hiding: the file goes where the
	 * sandbox's reads end up */
	if (lstat(dst, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		real = resolve(m);
		if (!real)
			return fail_mount(err, m, "a file over", m->dst);
		dst = real;
	}
	snprintf(name, sizeof(name), "%zu", i);
	tree = clone_tree(files, name);
	if (tree < 0)
		return fail_mount(err, m, "taking the file for", dst);
	r = make_point(tree, dst);
	if (r < 0) {
		errno = -r;
		return fail_mount(err, m, "making a mount point at", dst);
	}
	if (attach(tree, dst) < 0)
		return fail_mount(err, m, "binding a file at", dst);
	debugx("mount: a file of %zu bytes at %s (%s)", strlen(m->content),
	       dst, m->origin);
	return 0;
}

/* JR_MNT_LINK: a symlink made again in a private directory's or a
 * whitelist's tmpfs */
static int do_link(const struct jr_mount *m, struct jr_err *err)
{
	cleanup_free char *parent = xstrdup(m->dst);
	char *slash = strrchr(parent, '/');

	/* beneath a whitelist's tmpfs its directory may be missing */
	if (slash && slash != parent) {
		*slash = '\0';
		(void)mkdir_p(parent, 0755);
	}
	if (symlink(m->src, m->dst) < 0)
		return fail_mount(err, m, "making the symlink", m->dst);
	debugx("mount: %s -> %s made (%s)", m->dst, m->src, m->origin);
	return 0;
}

static int dev_link(const char *target, const char *name)
{
	return symlink(target, name) < 0 && errno != EEXIST ? -1 : 0;
}

static int do_dev(const struct jr_mount *m, const struct jr_mount_held *st,
		  struct jr_err *err)
{
	cleanup_fd int dirfd = -1;

	if (mount("tmpfs", m->dst, "tmpfs", MS_NOSUID | MS_NOEXEC,
		  "mode=0755") < 0)
		return fail_mount(err, m, "mounting a tmpfs on", m->dst);
	for (size_t i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
		cleanup_free char *p = xasprintf("%s/%s", m->dst, dev_nodes[i]);

		if (st->dev[i] >= 0 &&
		    (make_point(st->dev[i], p) < 0 || attach(st->dev[i], p) < 0))
			return fail_mount(err, m, "binding", p);
	}
	dirfd = open(m->dst, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0 || mkdirat(dirfd, "pts", 0755) < 0 ||
	    mkdirat(dirfd, "shm", 01777) < 0)
		return fail_mount(err, m, "populating", m->dst);
	{
		cleanup_free char *pts = xasprintf("%s/pts", m->dst);
		cleanup_free char *shm = xasprintf("%s/shm", m->dst);

		if (mount("devpts", pts, "devpts", MS_NOSUID | MS_NOEXEC,
			  "newinstance,ptmxmode=0666,mode=620") < 0)
			return fail_mount(err, m, "mounting devpts on", pts);
		if (mount("tmpfs", shm, "tmpfs", MS_NOSUID | MS_NODEV,
			  "mode=1777") < 0)
			return fail_mount(err, m, "mounting a tmpfs on", shm);
	}
	if (fchdir(dirfd) < 0 || dev_link("pts/ptmx", "ptmx") < 0 ||
	    dev_link("/proc/self/fd", "fd") < 0 ||
	    dev_link("/proc/self/fd/0", "stdin") < 0 ||
	    dev_link("/proc/self/fd/1", "stdout") < 0 ||
	    dev_link("/proc/self/fd/2", "stderr") < 0 || chdir("/") < 0)
		return fail_mount(err, m, "populating", m->dst);
	debugx("mount: minimal %s (null zero full random urandom tty pts "
	       "shm) (%s)",
	       m->dst, m->origin);
	return 0;
}

/* The hiding tmpfs is made for the first path that is there to hide: a
 * blacklist of missing paths mounts nothing. */
static int do_hide(const struct jr_mount *m, int *hide, bool fresh,
		   struct jr_err *err)
{
	cleanup_free char *p = NULL;
	cleanup_fd int tree = -1;
	struct stat st;

	if (m->absent && fresh) {
		debugx("mount: %s did not exist when planned, nothing to do "
		       "(%s)", m->dst, m->origin);
		return 0;
	}
	p = resolve(m);
	if (!p)
		return m->optional && errno == ENOENT ?
			       0 :
			       fail_mount(err, m, "hiding", m->dst);
	if (lstat(p, &st) < 0)
		return fail_mount(err, m, "hiding", p);
	if (*hide < 0 && (*hide = hide_source(err)) < 0)
		return -1;
	tree = clone_tree(*hide, S_ISDIR(st.st_mode) ? HIDE_DIR : HIDE_FILE);
	if (tree < 0 || attach(tree, p) < 0)
		return fail_mount(err, m, "hiding", p);
	debugx("mount: %s hidden (%s)", p, m->origin);
	return 0;
}

static int do_ro(const struct jr_mount *m, struct jr_err *err)
{
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY };
	cleanup_free char *p = resolve(m);
	cleanup_fd int tree = -1;

	if (!p)
		return m->optional && errno == ENOENT ?
			       0 :
			       fail_mount(err, m, "making read-only", m->dst);
	/* a mount of its own (bound on itself), then read-only with every
	 * mount below it */
	tree = clone_tree(AT_FDCWD, p);
	if (tree < 0 || attach(tree, p) < 0 ||
	    mount_setattr(AT_FDCWD, p, AT_RECURSIVE, &ro, sizeof(ro)) < 0)
		return fail_mount(err, m, "making read-only", p);
	debugx("mount: %s read-only (%s)", p, m->origin);
	return 0;
}

/* read-write: DST a mount of its own, writable again.  Only that mount:
 * those below (a hidden path, a read-only one given after) keep their
 * flags.  A mount that was read-only outside stays so (the kernel locks
 * it: EPERM). */
static int do_rw(const struct jr_mount *m, struct jr_err *err)
{
	struct mount_attr rw = { .attr_clr = MOUNT_ATTR_RDONLY };
	cleanup_free char *p = resolve(m);
	cleanup_fd int tree = -1;

	if (!p)
		return m->optional && errno == ENOENT ?
			       0 :
			       fail_mount(err, m, "making writable", m->dst);
	tree = clone_tree(AT_FDCWD, p);
	if (tree < 0 ||
	    mount_setattr(tree, "", AT_EMPTY_PATH, &rw, sizeof(rw)) < 0 ||
	    attach(tree, p) < 0)
		return fail_mount(err, m, "making writable", p);
	debugx("mount: %s read-write (%s)", p, m->origin);
	return 0;
}

/* noexec: DST and every mount below it noexec,nosuid */
static int do_noexec(const struct jr_mount *m, struct jr_err *err)
{
	struct mount_attr nx = { .attr_set = MOUNT_ATTR_NOEXEC |
					     MOUNT_ATTR_NOSUID };
	cleanup_free char *p = resolve(m);
	cleanup_fd int tree = -1;

	if (!p)
		return m->optional && errno == ENOENT ?
			       0 :
			       fail_mount(err, m, "making noexec", m->dst);
	tree = clone_tree(AT_FDCWD, p);
	if (tree < 0 || attach(tree, p) < 0 ||
	    mount_setattr(AT_FDCWD, p, AT_RECURSIVE, &nx, sizeof(nx)) < 0)
		return fail_mount(err, m, "making noexec", p);
	debugx("mount: %s noexec,nosuid (%s)", p, m->origin);
	return 0;
}

/* mkfile: an empty file (its parents 0700), left as it is when it
 * exists; said and left out when it cannot be made, as mkdir */
static int do_mkfile(const struct jr_mount *m)
{
	cleanup_free char *parent = xstrdup(m->dst);
	char *slash = strrchr(parent, '/');
	int r = 0, fd;

	if (slash && slash != parent) {
		*slash = '\0';
		r = mkdir_p(parent, 0700);
	}
	fd = r < 0 ? r :
		     open(m->dst, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
			  0600);
	if (fd < 0) {
		warnx_jr("mkfile %s: %s (%s)", m->dst,
			 strerror(r < 0 ? -r : errno), m->origin);
		return 0;
	}
	close(fd);
	debugx("mkfile: %s (%s)", m->dst, m->origin);
	return 0;
}

/* A directory that cannot be made (no home directory, say) is said and
 * left out: rules for it are skipped, which only takes access away. */
static int do_mkdir(const struct jr_mount *m)
{
	int r = mkdir_p(m->dst, 0700);

	if (r < 0)
		warnx_jr("mkdir %s: %s (%s)", m->dst, strerror(-r), m->origin);
	else
		debugx("mkdir: %s (%s)", m->dst, m->origin);
	return 0;
}

static int do_mount(const struct jr_mount *m, size_t i, struct jr_mount_held *st,
		    struct jr_err *err)
{
	switch (m->op) {
	case JR_MNT_MKDIR:
		return do_mkdir(m);
	case JR_MNT_TMPFS:
		return do_tmpfs(m, err);
	case JR_MNT_BIND:
		return do_bind(m, st->src[i], err);
	case JR_MNT_DEV:
		return do_dev(m, st, err);
	case JR_MNT_HIDE:
		return do_hide(m, &st->hide, st->fresh, err);
	case JR_MNT_RO:
		return do_ro(m, err);
	case JR_MNT_FILE:
		return do_file(m, i, st->files, err);
	case JR_MNT_LINK:
		return do_link(m, err);
	case JR_MNT_MKFILE:
		return do_mkfile(m);
	case JR_MNT_RW:
		return do_rw(m, err);
	case JR_MNT_NOEXEC:
		return do_noexec(m, err);
	}
	return jr_fail(err, m->origin, "unknown mount");
}

static void release(struct jr_mount_held *st)
{
	for (size_t i = 0; i < ARRAY_SIZE(st->src); i++)
		if (st->src[i] >= 0)
			close(st->src[i]);
	for (size_t i = 0; i < ARRAY_SIZE(st->dev); i++)
		if (st->dev[i] >= 0)
			close(st->dev[i]);
	if (st->hide >= 0)
		close(st->hide);
	if (st->files >= 0)
		close(st->files);
}

/* The working directory again by its name, through the new mounts (the
 * old one may be hidden now); the home directory or / when it is gone. */
static void rechdir(const char *cwd)
{
	const char *home = getenv("HOME");

	if (cwd && chdir(cwd) == 0)
		return;
	if (home && chdir(home) == 0) {
		debugx("mount: %s is not in the sandbox; starting in %s",
		       cwd ? cwd : "the working directory", home);
		return;
	}
	if (chdir("/") < 0)
		die_errno("chdir /");
}

int jr_confine_mount(const struct jr_confine *plan,
		     struct jr_mount_held **held, struct jr_err *err)
{
	struct jr_mount_held *st;
	cleanup_free char *cwd = NULL;
	size_t i = 0;
	int r = 0;

	if (!plan->nmounts)
		return 0;
	cwd = getcwd(NULL, 0);
	st = xmalloc(sizeof(*st));
	memset(st->src, -1, sizeof(st->src));
	memset(st->dev, -1, sizeof(st->dev));
	st->hide = -1;
	st->files = -1;
	st->fresh = plan->mounts[0].phase >= JR_PH_HIDE;
	/* 1. directories and files asked for (mkdir, mkfile), so that they
	 * can be bound */
	for (; i < plan->nmounts && plan->mounts[i].phase == JR_PH_MKDIR && !r;
	     i++)
		r = do_mount(&plan->mounts[i], i, st, err);
	/* 2. every bind source as it is now; 3. the mounts, phase by phase */
	if (!r)
		r = capture(plan, st, err);
	for (; i < plan->nmounts && !r; i++)
		r = do_mount(&plan->mounts[i], i, st, err);
	if (!r)
		rechdir(cwd);
	if (r || !held)
		jr_confine_mount_release(st);
	else
		*held = st;
	return r;
}

void jr_confine_mount_release(struct jr_mount_held *st)
{
	if (!st)
		return;
	release(st);
	free(st);
}
