/* dbusproxy.c - xdg-dbus-proxy for dbus.user = filter: started by the
 * supervisor outside the sandbox before the clone, at the socket the
 * desktop planner bound into the plan (desktop.h), stopped when the
 * sandbox ends. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dbusproxy.h"
#include "desktop.h"
#include "launch.h"

#define PROXY_READY_MS 10000

static void free_argv(char ***argv)
{
	for (size_t i = 0; *argv && (*argv)[i]; i++)
		free((*argv)[i]);
	free(*argv);
}
#define cleanup_argv __attribute__((cleanup(free_argv)))

/* mkdir DIR 0700, or accept it when it is a directory of ours (left by
 * a jailrun of the same pid that crashed, or the shared parent). */
static int own_dir(const char *dir, struct jr_err *err)
{
	struct stat st;

	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno != EEXIST || lstat(dir, &st) < 0)
		return jr_fail(err, "dbus.user = filter", "mkdir %s: %s", dir,
			       strerror(errno));
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
	    (st.st_mode & 077))
		return jr_fail(err, "dbus.user = filter",
			       "%s is not a private directory of this user",
			       dir);
	return 0;
}

static int proxy_dirs(const char *dir, struct jr_err *err)
{
	const char *rt = getenv("XDG_RUNTIME_DIR");

	if (rt && rt[0] == '/') {
		cleanup_free char *j = xasprintf("%s/jailrun", rt);
		cleanup_free char *d = xasprintf("%s/jailrun/dbus", rt);

		if (own_dir(j, err) < 0 || own_dir(d, err) < 0)
			return -1;
	}
	return own_dir(dir, err);
}

static int proxy_wait_ready(struct jr_dbus_proxy *p, struct jr_err *err)
{
	struct pollfd pfd = { .fd = p->sync, .events = POLLIN };
	char c;
	int r;

	do
		r = poll(&pfd, 1, PROXY_READY_MS);
	while (r < 0 && errno == EINTR);
	if (r == 1 && read(p->sync, &c, 1) == 1)
		return 0;
	return jr_fail(err, "dbus.user = filter",
		       r == 0 ? "xdg-dbus-proxy did not start in %d s" :
				"xdg-dbus-proxy failed (see its message above; "
				"%d s)",
		       PROXY_READY_MS / 1000);
}

/* In the proxy's child: its standard output is the log, at most
 * JR_DBUS_LOG_MAX bytes (a write beyond fails with EFBIG: SIGXFSZ is
 * ignored, and an ignored signal stays ignored across execve). */
static int proxy_log_child(int log)
{
	struct rlimit rl = { JR_DBUS_LOG_MAX, JR_DBUS_LOG_MAX };

	if (dup2(log, STDOUT_FILENO) < 0)
		return -1;
	signal(SIGXFSZ, SIG_IGN);
	return setrlimit(RLIMIT_FSIZE, &rl);
}

int jr_dbus_proxy_start(const struct jr_policy *pol, struct jr_dbus_proxy *p,
			struct jr_err *err)
{
	cleanup_free char *bin = NULL, *addr = NULL, *shown = NULL;
	cleanup_argv char **argv = NULL;
	size_t argc = 0;
	int fds[2];

	*p = (struct jr_dbus_proxy){ .pid = -1, .sync = -1 };
	if (pol->dbus_user != JR_DBUS_FILTER)
		return 0;
	if (jr_find_program("xdg-dbus-proxy", &bin) != 0)
		return jr_fail(err, "dbus.user = filter",
			       "xdg-dbus-proxy is not installed (Debian: "
			       "apt-get install xdg-dbus-proxy): refusing to "
			       "run without the filter");
	addr = jr_dbus_session_address();
	if (!addr)
		return jr_fail(err, "dbus.user = filter", "no session bus");
	jr_dbus_proxy_paths(&p->dir, &shown);
	p->sock = xasprintf("%s/bus", p->dir);
	if (proxy_dirs(p->dir, err) < 0)
		return -1;
	if (unlink(p->sock) < 0 && errno != ENOENT)
		return jr_fail(err, "dbus.user = filter", "%s: %s", p->sock,
			       strerror(errno));
	/* xdg-dbus-proxy --fd=3 ADDRESS PATH --filter [--log] --talk=N...
	 * --own=N...; learning: its log (it logs only when it filters) on
	 * its standard output, an anonymous file the sandbox never sees */
	if (pol->learn) {
		p->log = memfd_create("jailrun-dbus-log", MFD_CLOEXEC);
		if (p->log < 0)
			return jr_fail(err, "dbus.user = filter",
				       "memfd_create: %s", strerror(errno));
		p->logging = true;
	}
	argv = xcalloc(7 + pol->ndbus_talk + pol->ndbus_own, sizeof(*argv));
	argv[argc++] = xstrdup("xdg-dbus-proxy");
	argv[argc++] = xstrdup("--fd=3");
	argv[argc++] = xstrdup(addr);
	argv[argc++] = xstrdup(p->sock);
	argv[argc++] = xstrdup("--filter");
	if (p->logging)
		argv[argc++] = xstrdup("--log");
	for (size_t i = 0; i < pol->ndbus_talk; i++)
		argv[argc++] = xasprintf("--talk=%s", pol->dbus_talk[i]);
	for (size_t i = 0; i < pol->ndbus_own; i++)
		argv[argc++] = xasprintf("--own=%s", pol->dbus_own[i]);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return jr_fail(err, "dbus.user = filter", "pipe: %s",
			       strerror(errno));
	p->pid = fork();
	if (p->pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return jr_fail(err, "dbus.user = filter", "fork: %s",
			       strerror(errno));
	}
	if (p->pid == 0) {
		/* its own process group (a terminal's ^C is for the target);
		 * gone with jailrun; fd 3 crosses execve: the proxy writes to
		 * it when ready and exits when its reader is gone */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (p->logging && proxy_log_child(p->log) < 0)
			_exit(127);
		/* dup2 onto itself keeps O_CLOEXEC: then clear it */
		if ((fds[1] == 3 ? fcntl(3, F_SETFD, 0) : dup2(fds[1], 3)) < 0)
			_exit(127);
		execv(bin, argv);
		_exit(127);
	}
	close(fds[1]);
	p->sync = fds[0];
	if (proxy_wait_ready(p, err) < 0) {
		jr_dbus_proxy_stop(p);
		return -1;
	}
	debugx("dbus.user = filter: xdg-dbus-proxy (pid %d) for %s at %s",
	       (int)p->pid, addr, p->sock);
	return 0;
}

void jr_dbus_proxy_learned(struct jr_dbus_proxy *p,
			   const struct jr_policy *pol, struct jr_learned *l)
{
	cleanup_fd int log = p->logging ? p->log : -1;
	cleanup_free char *buf = NULL;
	size_t len = 0;

	if (log < 0)
		return;
	p->logging = false;
	jr_dbus_proxy_stop(p); /* gone: every line it wrote is in LOG */
	buf = xmalloc(JR_DBUS_LOG_MAX + 1);
	while (len < JR_DBUS_LOG_MAX) {
		ssize_t r = pread(log, buf + len, JR_DBUS_LOG_MAX - len,
				  (off_t)len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	buf[len] = '\0';
	/* a NUL (a name cannot hold one) ends the text read */
	jr_learned_dbus_log(l, pol, buf, len == JR_DBUS_LOG_MAX);
	debugx("dbus.user = filter: read %zu bytes of xdg-dbus-proxy's log",
	       len);
}

void jr_dbus_proxy_stop(struct jr_dbus_proxy *p)
{
	if (p->logging)
		close(p->log);
	if (p->sync >= 0)
		close(p->sync);
	if (p->pid > 0) {
		kill(p->pid, SIGTERM);
		while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (p->sock)
		unlink(p->sock);
	if (p->dir)
		rmdir(p->dir);
	free(p->sock);
	free(p->dir);
	*p = (struct jr_dbus_proxy){ .pid = -1, .sync = -1 };
}
