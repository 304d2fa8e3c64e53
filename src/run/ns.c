/* ns.c - namespaces. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <grp.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/nsfs.h>

#include "ns.h"

static const struct {
	unsigned bit;
	int flag;
	const char *name;
} ns_map[] = {
	{ JR_NS_USER, CLONE_NEWUSER, "user" },
	{ JR_NS_MOUNT, CLONE_NEWNS, "mount" },
	{ JR_NS_PID, CLONE_NEWPID, "pid" },
	{ JR_NS_IPC, CLONE_NEWIPC, "ipc" },
	{ JR_NS_UTS, CLONE_NEWUTS, "uts" },
	{ JR_NS_CGROUP, CLONE_NEWCGROUP, "cgroup" },
	{ JR_NS_NET, CLONE_NEWNET, "net" },
};

/* Supplementary groups other than the primary one. */
static int extra_groups(void)
{
	int n = getgroups(0, NULL), extra = 0;
	cleanup_free gid_t *groups = NULL;

	if (n <= 0)
		return 0;
	groups = xcalloc((size_t)n, sizeof(*groups));
	n = getgroups(n, groups);
	if (n < 0)
		return 1; /* changed meanwhile: some */
	for (int i = 0; i < n; i++)
		extra += groups[i] != getegid();
	return extra;
}

/* noroot, nogroups: what identity the target may have, checked before
 * the clone.  Root runs without a user namespace (it has no other user
 * to be), so noroot cannot apply to it; an unprivileged user cannot
 * drop supplementary groups (setgroups needs CAP_SETGID, which a user
 * namespace it makes only has with "setgroups deny"). */
static int identity(const struct jr_policy *pol, bool root, unsigned ns,
		    struct jr_err *err)
{
	int extra;

	/* what cannot apply is said, as firejail says it; failing would
	 * stop the hundreds of firejail profiles that carry these keys
	 * (imported) for root and for most desktop users */
	if (pol->noroot && root)
		warnx_jr("WARNING: %s: noroot is not applied: jailrun runs as "
			 "root, and root has no other user to be (uid 0 stays "
			 "inside; run jailrun as the user for noroot)",
			 pol->noroot_origin);
	if (pol->noroot && !root && !(ns & JR_NS_USER))
		return jr_fail(err, pol->noroot_origin,
			       "noroot: needs the user namespace "
			       "(namespaces = user)");
	if (pol->noroot && !root)
		debugx("noroot: a user namespace mapping uid %u and gid %u "
		       "alone, setgroups denied: no uid 0 inside (%s)",
		       getuid(), getgid(), pol->noroot_origin);
	if (!pol->nogroups)
		return 0;
	extra = extra_groups();
	if (root) {
		debugx("nogroups: %d supplementary group%s dropped (%s)", extra,
		       extra == 1 ? "" : "s", pol->nogroups_origin);
		return 0;
	}
	if (extra) {
		warnx_jr("WARNING: %s: nogroups is not applied: this user has "
			 "%d supplementary group%s, and without privilege they "
			 "cannot be dropped (setgroups needs CAP_SETGID): the "
			 "sandbox keeps their access",
			 pol->nogroups_origin, extra, extra == 1 ? "" : "s");
		return 0;
	}
	debugx("nogroups: this user has no supplementary groups (%s)",
	       pol->nogroups_origin);
	return 0;
}

int jr_ns_drop_groups(const struct jr_policy *pol)
{
	if (!pol->nogroups || geteuid() != 0)
		return 0; /* checked by jr_ns_flags: there are none */
	return setgroups(0, NULL);
}

int jr_ns_flags(const struct jr_policy *pol, bool root, int *flags,
		struct jr_err *err)
{
	unsigned ns = pol->namespaces;

	*flags = 0;
	if (root)
		ns &= ~(unsigned)JR_NS_USER;
	if (identity(pol, root, ns, err) < 0)
		return -1;
	if ((ns & JR_NS_PID) && !(ns & JR_NS_MOUNT))
		return jr_fail(err, NULL,
			       "namespaces: 'pid' needs 'mount' (for a fresh "
			       "/proc)");
	if (!root && ns && !(ns & JR_NS_USER))
		return jr_fail(err, NULL,
			       "namespaces: without 'user', the others need "
			       "root");
	for (size_t i = 0; i < ARRAY_SIZE(ns_map); i++)
		if (ns & ns_map[i].bit)
			*flags |= ns_map[i].flag;
	return 0;
}

const char *jr_ns_describe(int flags, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(ns_map) && used < n; i++) {
		if (!(flags & ns_map[i].flag))
			continue;
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
					 used ? " " : "", ns_map[i].name);
	}
	if (!flags)
		snprintf(buf, n, "none");
	return buf;
}

pid_t jr_ns_clone(int flags)
{
	/* A raw clone with no new stack behaves like fork(). */
	return (pid_t)syscall(SYS_clone, (unsigned long)flags | SIGCHLD, NULL,
			      NULL, NULL, NULL);
}

static int write_proc(pid_t pid, const char *file, const char *text)
{
	char path[64];
	cleanup_fd int fd = -1;
	size_t len = strlen(text);

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		return -errno;
	return 0;
}

int jr_ns_write_maps(pid_t pid, uid_t uid, gid_t gid)
{
	char map[64];
	int r;

	r = write_proc(pid, "setgroups", "deny");
	if (r < 0 && r != -ENOENT)
		return r;
	snprintf(map, sizeof(map), "%u %u 1\n", uid, uid);
	r = write_proc(pid, "uid_map", map);
	if (r < 0)
		return r;
	snprintf(map, sizeof(map), "%u %u 1\n", gid, gid);
	return write_proc(pid, "gid_map", map);
}

static int loopback_up(struct jr_err *err)
{
	cleanup_fd int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr = { 0 };

	if (fd < 0)
		return jr_fail(err, NULL, "socket: %s", strerror(errno));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return jr_fail(err, NULL, "loopback: %s", strerror(errno));
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		return jr_fail(err, NULL, "bringing up loopback: %s",
			       strerror(errno));
	return 0;
}

/* /proc file names of the namespaces, in the order they are entered. */
static const char *const join_order[] = { "user", "mnt", "pid", "ipc",
					  "uts", "cgroup", "net" };

static bool same_ns(const char *path, const char *name)
{
	char self[64];
	struct stat a, b;

	snprintf(self, sizeof(self), "/proc/self/ns/%s", name);
	return stat(path, &a) == 0 && stat(self, &b) == 0 &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

/* The init is not dumpable, so its /proc/PID/ns is closed to anyone but
 * root; its children (the target, first) are in the same namespaces and
 * open to their own user. */
static pid_t ns_holder(pid_t init)
{
	char path[80], buf[64];
	cleanup_fd int fd = -1;
	ssize_t n;
	long child;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)init,
		 (int)init);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = read(fd, buf, sizeof(buf) - 1)) <= 0)
		return init;
	buf[n] = '\0';
	child = strtol(buf, NULL, 10);
	return child > 0 ? (pid_t)child : init;
}

/* --join's namespaces, opened by jr_ns_join_prepare in main (after the
 * checks) and entered by the init it clones, which inherits them. */
static pid_t join_prepared;
static int join_fds[ARRAY_SIZE(join_order)] = { -1, -1, -1, -1, -1, -1, -1 };

static pid_t ppid_of(pid_t pid)
{
	char path[64], buf[4096];
	cleanup_fd int fd = -1;
	const char *p;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = read(fd, buf, sizeof(buf) - 1)) <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "\nPPid:");
	return p ? (pid_t)strtol(p + 6, NULL, 10) : -1;
}

static bool alive(int pidfd)
{
	return syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) == 0;
}

/* Whether user namespace FD is a child of ours: not one the target made
 * inside the sandbox. */
static bool child_userns(int fd)
{
	cleanup_fd int parent = ioctl(fd, NS_GET_PARENT);
	struct stat a, b;

	return parent >= 0 && fstat(parent, &a) == 0 &&
	       stat("/proc/self/ns/user", &b) == 0 && a.st_ino == b.st_ino &&
	       a.st_dev == b.st_dev;
}

int jr_ns_join_prepare(pid_t init, int init_pidfd, struct jr_err *err)
{
	pid_t holder = ns_holder(init);
	cleanup_fd int hfd = holder == init ? -1 :
			     (int)syscall(SYS_pidfd_open, holder, 0);
	int r = 0;

	jr_ns_join_release();
	/* the holder is the init's child, and stays the same process
	 * (its pidfd alive) while its namespaces are opened */
	if (holder != init && (hfd < 0 || ppid_of(holder) != init))
		return jr_fail(err, NULL, "sandbox init %d: its first child "
			       "%d changed", (int)init, (int)holder);
	for (size_t i = 0; i < ARRAY_SIZE(join_order) && r == 0; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)holder,
			 join_order[i]);
		if (same_ns(path, join_order[i]))
			continue;
		join_fds[i] = open(path, O_RDONLY | O_CLOEXEC);
		if (join_fds[i] < 0)
			r = jr_fail(err, NULL, "%s: %s", path, strerror(errno));
		else if (i == 0 && !child_userns(join_fds[i]))
			r = jr_fail(err, NULL, "%s: not the sandbox's own "
				    "user namespace (one made inside it)",
				    path);
	}
	if (r == 0 && ((hfd >= 0 && !alive(hfd)) || !alive(init_pidfd)))
		r = jr_fail(err, NULL, "sandbox init %d ended while being "
			    "joined", (int)init);
	if (r < 0) {
		jr_ns_join_release();
		return r;
	}
	join_prepared = init;
	return 0;
}

void jr_ns_join_release(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(join_order); i++)
		if (join_fds[i] >= 0) {
			close(join_fds[i]);
			join_fds[i] = -1;
		}
	join_prepared = 0;
}

int jr_ns_join(pid_t init, struct jr_err *err)
{
	int r = 0;

	/* fail closed: only what jr_ns_join_prepare checked is entered */
	if (init <= 0 || join_prepared != init)
		return jr_fail(err, NULL, "--join: sandbox init %d was not "
			       "checked", (int)init);
	for (size_t i = 0; i < ARRAY_SIZE(join_order) && r == 0; i++) {
		if (join_fds[i] >= 0 && setns(join_fds[i], 0) < 0)
			r = jr_fail(err, NULL, "entering the %s namespace: %s",
				    join_order[i], strerror(errno));
	}
	jr_ns_join_release();
	if (r == 0 && chdir("/") < 0)
		r = jr_fail(err, NULL, "chdir /: %s", strerror(errno));
	return r;
}

int jr_ns_setup_inside(int flags, struct jr_err *err)
{
	if (flags & CLONE_NEWNS) {
		/* Nothing mounted here may propagate back out. */
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			return jr_fail(err, NULL, "making / private: %s",
				       strerror(errno));
		debugx("mount: / is now rprivate");
	}
	if (flags & CLONE_NEWPID) {
		/* A /proc that shows this pid namespace only. */
		if (mount("proc", "/proc", "proc",
			  MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
			return jr_fail(err, NULL,
				       "mounting a fresh /proc: %s (is /proc "
				       "partly hidden by other mounts?)",
				       strerror(errno));
		debugx("mount: fresh /proc");
	}
	if (flags & CLONE_NEWNET) {
		if (loopback_up(err) < 0)
			return -1;
		debugx("net: new namespace, loopback up");
	}
	return 0;
}
