/* fs-try - the file-system and Landlock attacks of t-fsescape.sh, one
 * operation per run, printing how it went: "OK" (or what was read) or
 * the errno name, prefixed with the step that failed when there are
 * several ("open_tree: EINVAL").  The test runs each with and without
 * the rule, so a denial is always shown against a run where it works.
 *
 *   fs-try cat PATH              print the file's content
 *   fs-try symlink TARGET LINK   symlink(2)
 *   fs-try link OLD NEW          link(2)
 *   fs-try rename OLD NEW        rename(2)
 *   fs-try handle MNTDIR PATH    name_to_handle_at(PATH), then
 *                                open_by_handle_at (MNTDIR's fd) and read
 *   fs-try bind SRC DST          mount(2) MS_BIND
 *   fs-try umount PATH           umount2(2)
 *   fs-try remount-rw PATH       mount(2) MS_REMOUNT|MS_BIND without RDONLY
 *   fs-try setattr-rw PATH       mount_setattr(2) clearing RDONLY
 *   fs-try setattr-ro PATH       mount_setattr(2) setting it
 *   fs-try open-tree DIR NAME    open_tree(DIR, OPEN_TREE_CLONE), not
 *                                recursive, and read NAME in the copy
 *   fs-try move-mount DIR DST    open_tree(DIR, OPEN_TREE_CLONE), then
 *                                move_mount it onto DST
 *   fs-try userns OP ARGS...     the same in a new user and mount
 *                                namespace, as `unshare -Urm` makes
 *                                it but without the id maps
 *   fs-try OP ARGS + OP ARGS...  one after the other, a line each
 *   fs-try unix-listen NAME      listen on the abstract unix socket
 *                                @NAME (or the pathname socket NAME when
 *                                it starts with /), print "ready",
 *                                accept until killed
 *   fs-try unix-connect NAME     connect(2) to @NAME (or the path)
 *   fs-try kill PID SIG          kill(2)
 *   fs-try pidfd-kill FD SIG     pidfd_send_signal(2) on an inherited fd
 *   fs-try pidfd-run PID CMD...  open a pidfd of PID as fd 3, run CMD
 *   fs-try read-fd FD            print what an inherited fd reads
 *   fs-try write-fd FD TEXT      write TEXT into an inherited fd
 *   fs-try tcp-run PORT CMD...   connect to a listener of its own on
 *                                127.0.0.1:PORT, run CMD with the
 *                                connected socket as fd 3, print what
 *                                arrived */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

static int fail(const char *step)
{
	const char *e = strerrorname_np(errno);

	if (step)
		printf("%s: %s\n", step, e ? e : "E?");
	else
		printf("%s\n", e ? e : "E?");
	return 0;
}

static int report(long r)
{
	return r < 0 ? fail(NULL) : printf("OK\n") < 0;
}

/* print what FD holds (at most 4 KiB), "(empty)" when nothing */
static int dump(int fd, const char *step)
{
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n < 0)
		return fail(step);
	if (n == 0)
		return printf("(empty)\n") < 0;
	fwrite(buf, 1, (size_t)n, stdout);
	return 0;
}

static int cat(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return fail(NULL);
	return dump(fd, "read");
}

static int handle(const char *mntdir, const char *path)
{
	struct file_handle *fh = malloc(sizeof(*fh) + MAX_HANDLE_SZ);
	int mnt_id, mfd, fd;

	if (!fh)
		return 1;
	fh->handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, path, fh, &mnt_id, 0) < 0)
		return fail("name_to_handle_at");
	mfd = open(mntdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (mfd < 0)
		return fail("open mount dir");
	fd = open_by_handle_at(mfd, fh, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("open_by_handle_at");
	return dump(fd, "read");
}

static int clone_dir(const char *dir)
{
	return (int)syscall(SYS_open_tree, AT_FDCWD, dir,
			    OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
}

static int open_tree_read(const char *dir, const char *name)
{
	int tree = clone_dir(dir), fd;

	if (tree < 0)
		return fail("open_tree");
	fd = openat(tree, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("openat");
	return dump(fd, "read");
}

static int move_tree(const char *dir, const char *dst)
{
	int tree = clone_dir(dir);

	if (tree < 0)
		return fail("open_tree");
	if (syscall(SYS_move_mount, tree, "", AT_FDCWD, dst,
		    MOVE_MOUNT_F_EMPTY_PATH) < 0)
		return fail("move_mount");
	return printf("OK\n") < 0;
}

static int setattr(const char *path, bool rw)
{
	struct mount_attr a = { .attr_clr = rw ? MOUNT_ATTR_RDONLY : 0,
				.attr_set = rw ? 0 : MOUNT_ATTR_RDONLY };

	return report(syscall(SYS_mount_setattr, AT_FDCWD, path, 0, &a,
			      sizeof(a)));
}

/* unshare -Urm without the id maps: a new user namespace gives every
 * capability in it, and a mount namespace it owns, whoever we are (root
 * without CAP_SETFCAP could not map uid 0 anyway) */
static int enter_userns(void)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		return fail("unshare"), -1;
	return 0;
}

/* @NAME's address in the abstract namespace; a NAME starting with / is
 * a pathname socket */
static struct sockaddr_un unix_addr(const char *name, socklen_t *len)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t off = name[0] == '/' ? 0 : 1;

	strncpy(sa.sun_path + off, name, sizeof(sa.sun_path) - 1 - off);
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + off +
			   strlen(sa.sun_path + off));
	return sa;
}

static int unix_listen(const char *name)
{
	socklen_t len;
	struct sockaddr_un sa = unix_addr(name, &len);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, len) < 0 ||
	    listen(fd, 8) < 0)
		return fail("listen");
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		int c = accept(fd, NULL, NULL);

		if (c >= 0)
			close(c);
	}
}

static int unix_connect(const char *name)
{
	socklen_t len;
	struct sockaddr_un sa = unix_addr(name, &len);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return fail("socket");
	return report(connect(fd, (struct sockaddr *)&sa, len));
}

/* A TCP connection made here, outside: the client end as fd 3 of CMD,
 * then print what CMD wrote into it. */
static int tcp_run(const char *port, char **cmd)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons((unsigned short)atoi(port)),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int one = 1, l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int c = socket(AF_INET, SOCK_STREAM, 0), a, status;
	pid_t pid;

	if (l < 0 || c < 0 ||
	    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(l, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(l, 1) < 0 ||
	    connect(c, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    (a = accept4(l, NULL, NULL, SOCK_CLOEXEC)) < 0 ||
	    (c != 3 && dup2(c, 3) < 0)) {
		perror("fs-try: a TCP connection");
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		execvp(cmd[0], cmd);
		_exit(127);
	}
	close(3);
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 1;
	return dump(a, "read");
}

static int pidfd_run(const char *pid, char **cmd)
{
	int fd = (int)syscall(SYS_pidfd_open, atoi(pid), 0);

	/* pidfds are close-on-exec; dup2 onto itself would keep that */
	if (fd < 0 || (fd == 3 ? fcntl(fd, F_SETFD, 0) : dup2(fd, 3)) < 0) {
		perror("fs-try: pidfd_open");
		return 1;
	}
	execvp(cmd[0], cmd);
	perror(cmd[0]);
	return 127;
}

static int run(int argc, char **argv);

/* OP ARGS + OP ARGS ...: each in turn (one line of result each) */
static int run_all(int argc, char **argv)
{
	int n = 0, r;

	while (n < argc && strcmp(argv[n], "+") != 0)
		n++;
	r = run(n, argv);
	fflush(stdout);
	return r || n >= argc ? r : run_all(argc - n - 1, argv + n + 1);
}

static int run(int argc, char **argv)
{
	const char *op = argc > 0 ? argv[0] : "";

#define OP(name, n) (!strcmp(op, name) && argc == (n) + 1)
	if (OP("cat", 1))
		return cat(argv[1]);
	if (OP("symlink", 2))
		return report(symlink(argv[1], argv[2]));
	if (OP("link", 2))
		return report(link(argv[1], argv[2]));
	if (OP("rename", 2))
		return report(rename(argv[1], argv[2]));
	if (OP("handle", 2))
		return handle(argv[1], argv[2]);
	if (OP("bind", 2))
		return report(mount(argv[1], argv[2], NULL, MS_BIND, NULL));
	if (OP("umount", 1))
		return report(umount2(argv[1], 0));
	if (OP("remount-rw", 1))
		return report(mount(NULL, argv[1], NULL, MS_REMOUNT | MS_BIND,
				    NULL));
	if (OP("setattr-rw", 1) || OP("setattr-ro", 1))
		return setattr(argv[1], !strcmp(op, "setattr-rw"));
	if (OP("open-tree", 2))
		return open_tree_read(argv[1], argv[2]);
	if (OP("move-mount", 2))
		return move_tree(argv[1], argv[2]);
	if (OP("unix-listen", 1))
		return unix_listen(argv[1]);
	if (OP("unix-connect", 1))
		return unix_connect(argv[1]);
	if (OP("kill", 2))
		return report(kill(atoi(argv[1]), atoi(argv[2])));
	if (OP("pidfd-kill", 2))
		return report(syscall(SYS_pidfd_send_signal, atoi(argv[1]),
				      atoi(argv[2]), NULL, 0));
	if (!strcmp(op, "tcp-run") && argc >= 3)
		return tcp_run(argv[1], argv + 2);
	if (OP("write-fd", 2))
		return report(write(atoi(argv[1]), argv[2], strlen(argv[2])));
	if (!strcmp(op, "pidfd-run") && argc >= 3)
		return pidfd_run(argv[1], argv + 2);
	if (OP("read-fd", 1))
		return dump(atoi(argv[1]), NULL);
	if (!strcmp(op, "userns") && argc >= 2)
		return enter_userns() < 0 ? 0 : run_all(argc - 1, argv + 1);
#undef OP
	fprintf(stderr, "usage: fs-try cat|symlink|link|rename|handle|bind|"
			"umount|remount-rw|setattr-rw|setattr-ro|open-tree|move-mount|"
			"unix-listen|unix-connect|kill|pidfd-kill|pidfd-run|"
			"read-fd|write-fd|tcp-run|userns ...\n");
	return 2;
}

int main(int argc, char **argv)
{
	return run_all(argc - 1, argv + 1);
}
