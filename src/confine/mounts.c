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

#include "mounts.h"

#define HIDE_DIR "d"
#define HIDE_FILE "f"

/* The devices a private /dev holds, bound from the real one. */
static const char *const dev_nodes[] = { "null", "zero",    "full",
					 "random", "urandom", "tty" };

struct mnt_state {
	int src[JR_MOUNTS_MAX]; /* detached copies of the bind sources */
	int dev[ARRAY_SIZE(dev_nodes)];
	int hide; /* the detached empty tmpfs, or -1 */
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

/* mkdir -p, each created directory with MODE */
static int mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(buf, mode) < 0 && errno != EEXIST)
			return -errno;
		*p = c;
		if (!c)
			return 0;
	}
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

/* Take what the bind sources (and a private /dev's devices) are now,
 * before anything is mounted over them. */
static int capture(const struct jr_confine *plan, struct mnt_state *st,
		   struct jr_err *err)
{
	bool dev = false, hide = false;

	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *m = &plan->mounts[i];

		dev |= m->op == JR_MNT_DEV;
		hide |= m->op == JR_MNT_HIDE;
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
	if (hide && (st->hide = hide_source(err)) < 0)
		return -1;
	return 0;
}

static int do_tmpfs(const struct jr_mount *m, struct jr_err *err)
{
	char opts[32];

	snprintf(opts, sizeof(opts), "mode=%04o", m->mode);
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

static int dev_link(const char *target, const char *name)
{
	return symlink(target, name) < 0 && errno != EEXIST ? -1 : 0;
}

static int do_dev(const struct jr_mount *m, const struct mnt_state *st,
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

/* The symlinks of DST resolved: a rule names what the user sees. NULL
 * (errno set) when it does not exist. */
static char *resolve(const struct jr_mount *m)
{
	char *p = realpath(m->dst, NULL);

	if (!p && m->optional && errno == ENOENT)
		debugx("mount: %s does not exist, nothing to do (%s)", m->dst,
		       m->origin);
	return p;
}

static int do_hide(const struct jr_mount *m, int hide, struct jr_err *err)
{
	cleanup_free char *p = resolve(m);
	cleanup_fd int tree = -1;
	struct stat st;

	if (!p)
		return m->optional && errno == ENOENT ?
			       0 :
			       fail_mount(err, m, "hiding", m->dst);
	if (lstat(p, &st) < 0)
		return fail_mount(err, m, "hiding", p);
	tree = clone_tree(hide, S_ISDIR(st.st_mode) ? HIDE_DIR : HIDE_FILE);
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

/* JR_MNT_FILE: a detached tmpfs of its own holding the text, made
 * read-only, its file put over DST (which must exist: a symbolic link
 * is followed, as for hiding). */
static int do_file(const struct jr_mount *m, struct jr_err *err)
{
	struct mount_attr ro = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
	};
	cleanup_free char *p = resolve(m);
	cleanup_fd int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	cleanup_fd int mnt = -1, tree = -1;
	size_t len = strlen(m->src);
	int fd;

	if (!p)
		return fail_mount(err, m, "a file over", m->dst);
	if (fs < 0 || fsconfig(fs, FSCONFIG_SET_STRING, "size", "64k", 0) < 0 ||
	    fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0755", 0) < 0 ||
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0 ||
	    (mnt = fsmount(fs, FSMOUNT_CLOEXEC, 0)) < 0)
		return fail_mount(err, m, "a tmpfs for", p);
	fd = openat(mnt, HIDE_FILE, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, m->src, len) != (ssize_t)len) {
		if (fd >= 0)
			close(fd);
		return fail_mount(err, m, "writing the file for", p);
	}
	close(fd);
	if (mount_setattr(mnt, "", AT_EMPTY_PATH | AT_RECURSIVE, &ro,
			  sizeof(ro)) < 0 ||
	    (tree = clone_tree(mnt, HIDE_FILE)) < 0 || attach(tree, p) < 0)
		return fail_mount(err, m, "putting a file over", p);
	debugx("mount: %s replaced (%s)", p, m->origin);
	return 0;
}

static int do_mount(const struct jr_mount *m, size_t i,
		    const struct mnt_state *st, struct jr_err *err)
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
		return do_hide(m, st->hide, err);
	case JR_MNT_RO:
		return do_ro(m, err);
	case JR_MNT_FILE:
		return do_file(m, err);
	}
	return jr_fail(err, m->origin, "unknown mount");
}

static void release(struct mnt_state *st)
{
	for (size_t i = 0; i < ARRAY_SIZE(st->src); i++)
		if (st->src[i] >= 0)
			close(st->src[i]);
	for (size_t i = 0; i < ARRAY_SIZE(st->dev); i++)
		if (st->dev[i] >= 0)
			close(st->dev[i]);
	if (st->hide >= 0)
		close(st->hide);
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

int jr_confine_mount(const struct jr_confine *plan, struct jr_err *err)
{
	struct mnt_state *st;
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
	/* 1. directories asked for (mkdir), so that they can be bound */
	for (; i < plan->nmounts && plan->mounts[i].phase == JR_PH_MKDIR && !r;
	     i++)
		r = do_mkdir(&plan->mounts[i]);
	/* 2. every bind source as it is now; 3. the mounts, phase by phase */
	if (!r)
		r = capture(plan, st, err);
	for (; i < plan->nmounts && !r; i++)
		r = do_mount(&plan->mounts[i], i, st, err);
	release(st);
	free(st);
	if (!r)
		rechdir(cwd);
	return r;
}
