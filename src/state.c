/* state.c - the running-sandbox records. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"

#define RECORD_MAX 8192 /* bytes in one record */

char *jr_state_dir(struct jr_err *err)
{
	const char *rt = getenv("XDG_RUNTIME_DIR");
	cleanup_free char *dir = NULL;
	struct stat st;

	if (!rt || rt[0] != '/') {
		jr_fail(err, NULL, "XDG_RUNTIME_DIR is not set: no record of "
			"running sandboxes");
		return NULL;
	}
	dir = xasprintf("%s/jailrun", rt);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		jr_fail(err, NULL, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	/* ours, a real directory, private: nobody else may plant records */
	if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 077)) {
		jr_fail(err, NULL, "%s: not a private directory of this user",
			dir);
		return NULL;
	}
	return steal_ptr(&dir);
}

uint64_t jr_proc_start(pid_t pid)
{
	char path[64], buf[1024];
	cleanup_fd int fd = -1;
	unsigned long long start = 0;
	char state = '?';
	const char *p;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = read(fd, buf, sizeof(buf) - 1)) <= 0)
		return 0;
	buf[n] = '\0';
	/* the command name may hold spaces and parentheses: skip to the
	 * last ')', then field 3 on; start time is field 22 */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%c %*d %*d %*d %*d %*d %*u %*u %*u %*u "
			 "%*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
			 &state, &start) != 2)
		return 0;
	return state == 'Z' || state == 'X' ? 0 : start; /* ended */
}

static char *record_path(const char *dir, pid_t pid)
{
	return xasprintf("%s/%d", dir, (int)pid);
}

int jr_state_add(const char *dir, const struct jr_sandbox *s,
		 struct jr_err *err)
{
	cleanup_free char *path = record_path(dir, s->pid);
	cleanup_free char *tmp = xasprintf("%s.tmp", path);
	cleanup_free char *text = xasprintf(
		"pid=%d\ninit=%d\nstart=%llu\ninit_start=%llu\nstarted=%ld\n"
		"digest=%llx\nname=%s\nprofile=%s\nargs=%s\n",
		(int)s->pid, (int)s->init, (unsigned long long)s->start,
		(unsigned long long)s->init_start, s->started,
		(unsigned long long)s->digest, s->name, s->profile, s->args);
	cleanup_fd int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
					      O_NOFOLLOW,
				 0600);
	size_t len = strlen(text);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len ||
	    rename(tmp, path) < 0) {
		int e = errno;

		unlink(tmp);
		return jr_fail(err, NULL, "%s: %s", path, strerror(e));
	}
	return 0;
}

void jr_state_remove(const char *dir, pid_t pid)
{
	cleanup_free char *path = record_path(dir, pid);

	unlink(path);
}

static void field(const char *text, const char *key, char *out, size_t size)
{
	size_t k = strlen(key);

	const char *p = text;

	out[0] = '\0';
	while (p && *p) {
		if (strncmp(p, key, k) == 0 && p[k] == '=') {
			size_t n = strcspn(p + k + 1, "\n");

			snprintf(out, size, "%.*s", (int)n, p + k + 1);
			return;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
}

static bool read_record(const char *dir, const char *name,
			struct jr_sandbox *s)
{
	cleanup_free char *path = xasprintf("%s/%s", dir, name);
	cleanup_fd int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	char text[RECORD_MAX + 1], v[32];
	ssize_t n;

	if (fd < 0 || (n = read(fd, text, RECORD_MAX)) <= 0)
		return false;
	text[n] = '\0';
	memset(s, 0, sizeof(*s));
	field(text, "pid", v, sizeof(v));
	s->pid = (pid_t)atoi(v);
	field(text, "init", v, sizeof(v));
	s->init = (pid_t)atoi(v);
	field(text, "start", v, sizeof(v));
	s->start = strtoull(v, NULL, 10);
	field(text, "started", v, sizeof(v));
	s->started = atol(v);
	field(text, "init_start", v, sizeof(v));
	s->init_start = strtoull(v, NULL, 10);
	field(text, "digest", v, sizeof(v));
	s->digest = strtoull(v, NULL, 16);
	field(text, "args", s->args, sizeof(s->args));
	field(text, "name", s->name, sizeof(s->name));
	field(text, "profile", s->profile, sizeof(s->profile));
	return s->pid > 0 && s->init > 0 && atoi(name) == s->pid;
}

static int by_start(const void *a, const void *b)
{
	const struct jr_sandbox *x = a, *y = b;

	return x->started < y->started ? -1 : x->started > y->started;
}

size_t jr_state_list(const char *dir, struct jr_sandbox *out, size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < max) {
		struct jr_sandbox s;

		if (e->d_name[0] < '1' || e->d_name[0] > '9' ||
		    strspn(e->d_name, "0123456789") != strlen(e->d_name))
			continue;
		if (!read_record(dir, e->d_name, &s) ||
		    jr_proc_start(s.pid) != s.start) {
			/* its jailrun is gone (crashed, killed): stale */
			cleanup_free char *path =
				xasprintf("%s/%s", dir, e->d_name);

			unlink(path);
			continue;
		}
		out[n++] = s;
	}
	closedir(d);
	qsort(out, n, sizeof(*out), by_start);
	return n;
}
