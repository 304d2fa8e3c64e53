/* state.c - the running-sandbox records: served by each supervisor,
 * authenticated by the kernel (see state.h for the argument). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "state.h"

#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77 /* Linux 6.5 */
#endif

#define NAME_PREFIX "jailrun/"
#define BIND_TRIES 3
#define BATCH 64           /* connections open at once */
#define ANSWER_MS 2000     /* a batch's wait for its answers */
#define SERVE_MAX 32       /* connections answered per wake-up */
#define ANCESTORS_MAX 4096 /* PPid steps followed */

/* ---- escaping --------------------------------------------------------- */

static bool c1(const unsigned char *p)
{
	return p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;
}

char *jr_state_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) * 4 + 1), *o = out;

	for (; *p; p++) {
		if (*p == '\\') {
			*o++ = '\\';
			*o++ = '\\';
		} else if (*p == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else if (*p < 0x20 || *p == 0x7f || c1(p)) {
			o += sprintf(o, "\\x%02x", *p);
			if (c1(p))
				o += sprintf(o, "\\x%02x", *++p);
		} else {
			*o++ = (char)*p;
		}
	}
	*o = '\0';
	return out;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The escaped S of LEN bytes, or NULL for a bad escape or a NUL. */
static char *unescape(const char *s, size_t len)
{
	cleanup_free char *out = xmalloc(len + 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\\') {
			out[o++] = s[i];
			continue;
		}
		if (i + 1 < len && (s[i + 1] == '\\' || s[i + 1] == 'n')) {
			out[o++] = s[i + 1] == 'n' ? '\n' : '\\';
			i++;
		} else if (i + 3 < len && s[i + 1] == 'x' &&
			   hexval(s[i + 2]) >= 0 && hexval(s[i + 3]) >= 0 &&
			   (hexval(s[i + 2]) || hexval(s[i + 3]))) {
			out[o++] = (char)(hexval(s[i + 2]) * 16 +
					  hexval(s[i + 3]));
			i += 3;
		} else {
			return NULL;
		}
	}
	out[o] = '\0';
	return steal_ptr(&out);
}

/* ---- the message ------------------------------------------------------- */

char *jr_record_format(const struct jr_record *r)
{
	cleanup_free char *name = jr_state_escape(r->name ? r->name : "");
	cleanup_free char *profile = jr_state_escape(r->profile ? r->profile : "");
	cleanup_free char *args = jr_state_escape(r->args ? r->args : "");
	cleanup_free char *log = jr_state_escape(r->log ? r->log : "");

	return xasprintf("jailrun-record %d\npid=%d\nstart=%" PRIu64
			 "\ninit=%d\ninit_start=%" PRIu64 "\nstarted=%ld\n"
			 "digest=%" PRIx64 "\nname=%s\nprofile=%s\nargs=%s\n"
			 "log=%s\n",
			 JR_RECORD_VERSION, (int)r->pid, r->start, (int)r->init,
			 r->init_start, r->started, r->digest, name, profile,
			 args, log);
}

void jr_record_free(struct jr_record *r)
{
	free(r->name);
	free(r->profile);
	free(r->args);
	free(r->log);
	memset(r, 0, sizeof(*r));
}

static bool number(const char *v, size_t len, int base, uint64_t max,
		   uint64_t *out)
{
	char buf[32], *end;

	if (len == 0 || len >= sizeof(buf) || v[0] == '-' || v[0] == '+' ||
	    v[0] == ' ')
		return false;
	memcpy(buf, v, len);
	buf[len] = '\0';
	errno = 0;
	*out = strtoull(buf, &end, base);
	return errno == 0 && *end == '\0' && *out <= max;
}

enum { F_PID, F_START, F_INIT, F_INIT_START, F_STARTED, F_DIGEST, F_NAME,
       F_PROFILE, F_ARGS, F_LOG, F_N };
static const char *const fields[F_N] = {
	[F_PID] = "pid", [F_START] = "start", [F_INIT] = "init",
	[F_INIT_START] = "init_start", [F_STARTED] = "started",
	[F_DIGEST] = "digest", [F_NAME] = "name", [F_PROFILE] = "profile",
	[F_ARGS] = "args", [F_LOG] = "log",
};

static bool field(struct jr_record *r, int f, const char *v, size_t len)
{
	uint64_t n = 0;
	char **s = f == F_NAME ? &r->name : f == F_PROFILE ? &r->profile :
		   f == F_ARGS ? &r->args : f == F_LOG ? &r->log : NULL;

	if (s)
		return (*s = unescape(v, len)) != NULL;
	if (!number(v, len, f == F_DIGEST ? 16 : 10,
		    f == F_PID || f == F_INIT ? INT32_MAX :
		    f == F_STARTED ? INT64_MAX : UINT64_MAX, &n))
		return false;
	switch (f) {
	case F_PID: r->pid = (pid_t)n; break;
	case F_START: r->start = n; break;
	case F_INIT: r->init = (pid_t)n; break;
	case F_INIT_START: r->init_start = n; break;
	case F_STARTED: r->started = (long)n; break;
	default: r->digest = n; break;
	}
	return true;
}

int jr_record_parse(const char *text, size_t len, struct jr_record *r,
		    struct jr_err *err)
{
	char head[32];
	bool seen[F_N] = { false };
	size_t hl = (size_t)snprintf(head, sizeof(head), "jailrun-record %d\n",
				     JR_RECORD_VERSION);
	const char *p = text + hl, *end = text + len;

	memset(r, 0, sizeof(*r));
	if (len > JR_RECORD_MAX || len < hl || memcmp(text, head, hl))
		return jr_fail(err, NULL, "not a version %d record",
			       JR_RECORD_VERSION);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eq = nl ? memchr(p, '=', (size_t)(nl - p)) : NULL;
		int f = F_N;

		for (int i = 0; eq && i < F_N; i++)
			if ((size_t)(eq - p) == strlen(fields[i]) &&
			    memcmp(p, fields[i], (size_t)(eq - p)) == 0)
				f = i;
		if (f == F_N || seen[f] ||
		    !field(r, f, eq + 1, (size_t)(nl - eq - 1))) {
			jr_record_free(r);
			return jr_fail(err, NULL, "bad record line '%.*s'",
				       nl ? (int)(nl - p) > 40 ? 40 :
						(int)(nl - p) :
					    0,
				       p);
		}
		seen[f] = true;
		p = nl + 1;
	}
	/* log came later: a supervisor of an older jailrun serves none */
	for (int i = 0; i < F_N; i++)
		if (!seen[i] && i != F_LOG) {
			jr_record_free(r);
			return jr_fail(err, NULL, "record without %s",
				       fields[i]);
		}
	if (!r->log)
		r->log = xstrdup("");
	if (r->pid <= 0 || r->init <= 0) {
		jr_record_free(r);
		return jr_fail(err, NULL, "record with a bad pid");
	}
	return 0;
}

/* ---- processes --------------------------------------------------------- */

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

/* What /proc/PID/status says of a process (all readable even when it
 * is not dumpable). */
struct status {
	pid_t ppid;
	long uid;      /* real uid, in our user namespace */
	int nnp;       /* NoNewPrivs */
	long filters;  /* Seccomp_filters (Linux 5.9), else the Seccomp mode */
};

static long status_field(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static bool proc_status(pid_t pid, struct status *st)
{
	char path[64], buf[8192];
	cleanup_fd int fd = -1;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = read(fd, buf, sizeof(buf) - 1)) <= 0)
		return false;
	buf[n] = '\0';
	st->ppid = (pid_t)status_field(buf, "\nPPid:");
	st->uid = status_field(buf, "\nUid:");
	st->nnp = (int)status_field(buf, "\nNoNewPrivs:");
	st->filters = status_field(buf, "\nSeccomp_filters:");
	if (st->filters < 0)
		st->filters = status_field(buf, "\nSeccomp:");
	return st->ppid >= 0 && st->uid >= 0 && st->nnp >= 0 &&
	       st->filters >= 0;
}

static int pidfd_open_(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

int jr_pidfd_signal(int fd, int sig)
{
	return syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0) < 0 ? -errno :
								       0;
}

bool jr_pidfd_alive(int fd)
{
	struct pollfd pf = { fd, POLLIN, 0 };

	/* readable once the process has exited; signal 0 fails (ESRCH)
	 * once it is reaped */
	return poll(&pf, 1, 0) == 0 && jr_pidfd_signal(fd, 0) == 0;
}

/* Whether PID is an unsandboxed process of ours started at START, judged
 * against OWN (the reader's own status); FD a pidfd of it, checked
 * alive after the reads so that they were all about that process. */
static const char *check_process(pid_t pid, uint64_t start, int fd,
				 const struct status *own, struct status *st)
{
	if (fd < 0)
		return "no pidfd (needs Linux 5.3)";
	if (jr_proc_start(pid) != start)
		return "not the process of that start time";
	if (!proc_status(pid, st))
		return "its /proc/PID/status is unreadable";
	if (st->uid != (long)getuid())
		return "another user's process";
	if (own && (st->nnp > own->nnp || st->filters > own->filters))
		return "a sandboxed process (more no_new_privs or seccomp "
		       "filters than ours)";
	if (!jr_pidfd_alive(fd))
		return "it ended";
	return NULL;
}

static struct status own_status(void)
{
	struct status own = { 0 };

	if (!proc_status(getpid(), &own))
		own.nnp = 0, own.filters = 0; /* strictest */
	return own;
}

int jr_record_pidfds(const struct jr_record *r, int *sup, int *init,
		     struct jr_err *err)
{
	struct status own = own_status(), st;
	cleanup_fd int s = pidfd_open_(r->pid);
	cleanup_fd int i = pidfd_open_(r->init);
	const char *why = check_process(r->pid, r->start, s, &own, &st);

	if (why)
		return jr_fail(err, NULL, "sandbox %d: its jailrun: %s",
			       (int)r->pid, why);
	why = check_process(r->init, r->init_start, i, NULL, &st);
	if (!why && st.ppid != r->pid)
		why = "not a child of its jailrun";
	if (!why && !jr_pidfd_alive(s))
		why = "its jailrun ended";
	if (why)
		return jr_fail(err, NULL, "sandbox %d: its init %d: %s",
			       (int)r->pid, (int)r->init, why);
	*sup = steal_fd(&s);
	*init = steal_fd(&i);
	return 0;
}

/* ---- serving ----------------------------------------------------------- */

static socklen_t abstract_addr(struct sockaddr_un *sa, const char *name)
{
	size_t len = strlen(name);

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (len > sizeof(sa->sun_path) - 1)
		len = sizeof(sa->sun_path) - 1;
	memcpy(sa->sun_path + 1, name, len); /* sun_path[0] = 0: abstract */
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
}

int jr_record_listen(char *name, size_t size, struct jr_err *err)
{
	cleanup_fd int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC |
						    SOCK_NONBLOCK,
				   0);
	int e = 0;

	if (fd < 0)
		return jr_fail(err, NULL, "socket: %s", strerror(errno));
	/* A random part: nobody can take our name before we do. */
	for (int i = 0; i < BIND_TRIES; i++) {
		struct sockaddr_un sa;
		uint64_t rnd = 0;

		if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd))
			rnd = (uint64_t)time(NULL) * 2654435761u ^ (uint64_t)i;
		snprintf(name, size, NAME_PREFIX "%u/%d.%016" PRIx64, getuid(),
			 (int)getpid(), rnd);
		if (bind(fd, (struct sockaddr *)&sa, abstract_addr(&sa, name)) ==
			    0 &&
		    listen(fd, 64) == 0)
			return steal_fd(&fd);
		e = errno;
		if (e != EADDRINUSE)
			break;
	}
	return jr_fail(err, NULL, "binding @%s: %s", name, strerror(e));
}

void jr_record_serve(int lfd, const char *text, size_t len)
{
	for (int i = 0; i < SERVE_MAX; i++) {
		cleanup_fd int fd = accept4(lfd, NULL, NULL,
					    SOCK_CLOEXEC | SOCK_NONBLOCK);
		struct ucred cred;
		socklen_t cl = sizeof(cred);

		if (fd < 0)
			return; /* EAGAIN: none left */
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) == 0 &&
		    (cred.uid == getuid() || cred.uid == 0))
			(void)!send(fd, text, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	}
}

/* ---- collecting -------------------------------------------------------- */

struct names {
	char **v;
	size_t n, cap;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The listening SOCK_SEQPACKET sockets named "@jailrun/UID/...", from
 * /proc/net/unix (our network namespace), each once. */
static int find_names(struct names *nm, struct jr_err *err)
{
	cleanup_fclose FILE *f = fopen("/proc/net/unix", "re");
	cleanup_free char *line = NULL;
	char prefix[64];
	size_t cap = 0, k = 0;
	int plen = snprintf(prefix, sizeof(prefix), "@" NAME_PREFIX "%u/",
			    getuid());

	if (!f)
		return jr_fail(err, NULL, "/proc/net/unix: %s", strerror(errno));
	while (getline(&line, &cap, f) > 0) {
		unsigned long flags, type, st;
		char *path;
		int off = 0;

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%*s %*s %*s %lx %lx %lx %*s %n", &flags,
			   &type, &st, &off) != 3 || !off)
			continue;
		path = line + off;
		/* 0x10000: __SO_ACCEPTCON (listening); 5: SOCK_SEQPACKET */
		if (!(flags & 0x10000) || type != 5 || st != 1 ||
		    strncmp(path, prefix, (size_t)plen) ||
		    strlen(path) > sizeof(((struct sockaddr_un *)0)->sun_path) - 1)
			continue;
		if (nm->n >= JR_RECORDS_MAX)
			return jr_fail(err, NULL,
				       "more than %d sockets named @%s...: "
				       "not listing any",
				       JR_RECORDS_MAX, prefix + 1);
		if (nm->n == nm->cap) {
			nm->cap = nm->cap ? nm->cap * 2 : 64;
			nm->v = realloc(nm->v, nm->cap * sizeof(*nm->v));
			if (!nm->v)
				die("out of memory");
		}
		nm->v[nm->n++] = xstrdup(path + 1);
	}
	if (nm->n)
		qsort(nm->v, nm->n, sizeof(*nm->v), by_name);
	for (size_t i = 0; i < nm->n; i++) {
		if (k && strcmp(nm->v[k - 1], nm->v[i]) == 0)
			free(nm->v[i]);
		else
			nm->v[k++] = nm->v[i];
	}
	nm->n = k;
	return 0;
}

static void push(void **v, size_t *n, size_t size, const void *item)
{
	/* grow by doubling: at powers of two */
	if ((*n & (*n - 1)) == 0) {
		*v = realloc(*v, (*n ? *n * 2 : 1) * size);
		if (!*v)
			die("out of memory");
	}
	memcpy((char *)*v + *n * size, item, size);
	(*n)++;
}

static void refuse(struct jr_records *rs, const char *name, const char *why)
{
	char *s = xasprintf("@%s: %s", name, why);

	push((void **)&rs->refused, &rs->nrefused, sizeof(s), &s);
}

/* The answer on connected socket FD from NAME: accepted into RS, or
 * refused with the reason. */
static void take(struct jr_records *rs, int fd, const char *name,
		 const struct status *own)
{
	cleanup_free char *buf = xmalloc(JR_RECORD_MAX + 1);
	char cbuf[CMSG_SPACE(sizeof(struct ucred))];
	struct iovec iov = { .iov_base = buf, .iov_len = JR_RECORD_MAX + 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct ucred scm = { .pid = 0 }, peer = { .pid = 0 };
	socklen_t pl = sizeof(peer), fl = sizeof(int);
	cleanup_fd int pidfd = -1;
	struct jr_err err = { { 0 } };
	struct jr_record r;
	struct status st;
	const char *why = NULL;
	ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

	if (n == 0 || (n < 0 && errno == ECONNRESET))
		return; /* it ended meanwhile */
	if (n < 0)
		why = strerror(errno);
	else if (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC))
		why = "a message too long";
	else if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &pl) < 0)
		why = "no peer credentials";
	else if (jr_record_parse(buf, (size_t)n, &r, &err) < 0)
		why = err.msg;
	if (why) {
		refuse(rs, name, why);
		return;
	}
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c;
	     c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_CREDENTIALS)
			memcpy(&scm, CMSG_DATA(c), sizeof(scm));
	/* the listener's creator, as of its listen(): pins the process */
	if (getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &pidfd, &fl) < 0)
		pidfd = pidfd_open_(r.pid);
	if (scm.pid != r.pid || peer.pid != r.pid)
		why = "sent by another process than the record names";
	else if (scm.uid != getuid() || peer.uid != getuid())
		why = "sent by another user";
	else
		why = check_process(r.pid, r.start, pidfd, own, &st);
	if (why) {
		char *s = xasprintf("claims pid %d, name '%s': %s",
				    (int)r.pid, r.name, why);

		refuse(rs, name, s);
		free(s);
		jr_record_free(&r);
		return;
	}
	push((void **)&rs->v, &rs->n, sizeof(r), &r);
}

/* Connect to NAMES[0..N), SO_PASSCRED set, and take their answers
 * within ANSWER_MS. */
static void ask(struct jr_records *rs, char **names, size_t n,
		const struct status *own)
{
	struct pollfd pf[BATCH];
	struct timespec t0, t;
	int one = 1, left = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < n; i++) {
		struct sockaddr_un sa;
		int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC |
						 SOCK_NONBLOCK,
				0);

		pf[i] = (struct pollfd){ -1, POLLIN, 0 };
		if (fd < 0 ||
		    setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one,
			       sizeof(one)) < 0 ||
		    connect(fd, (struct sockaddr *)&sa,
			    abstract_addr(&sa, names[i])) < 0) {
			/* gone meanwhile (ECONNREFUSED), or its queue is
			 * full (EAGAIN): no real supervisor leaves one */
			if (fd >= 0 && errno == EAGAIN)
				refuse(rs, names[i], "its queue is full");
			if (fd >= 0)
				close(fd);
			continue;
		}
		pf[i].fd = fd;
		left++;
	}
	while (left > 0) {
		long ms;
		int r;

		clock_gettime(CLOCK_MONOTONIC, &t);
		ms = ANSWER_MS - ((t.tv_sec - t0.tv_sec) * 1000 +
				  (t.tv_nsec - t0.tv_nsec) / 1000000);
		r = ms > 0 ? poll(pf, n, (int)ms) : 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		for (size_t i = 0; i < n; i++) {
			if (pf[i].fd < 0 || !pf[i].revents)
				continue;
			take(rs, pf[i].fd, names[i], own);
			close(pf[i].fd);
			pf[i].fd = -1;
			left--;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (pf[i].fd >= 0) {
			refuse(rs, names[i], "no answer");
			close(pf[i].fd);
		}
}

/* Whether PID descends from one of the supervisors in RS other than
 * itself: then it runs in (or under) that sandbox. */
static pid_t inside(const struct jr_records *rs, pid_t pid)
{
	struct status st;
	pid_t p = pid;

	for (int depth = 0; depth < ANCESTORS_MAX && p > 1; depth++) {
		if (!proc_status(p, &st))
			return 0;
		p = st.ppid;
		for (size_t i = 0; i < rs->n; i++)
			if (rs->v[i].pid == p && p != pid)
				return p;
	}
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct jr_record *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

int jr_records_collect(struct jr_records *rs, struct jr_err *err)
{
	struct names nm = { 0 };
	struct status own = own_status();
	cleanup_free pid_t *sups = NULL;
	size_t k = 0;
	int r;

	memset(rs, 0, sizeof(*rs));
	r = find_names(&nm, err);
	for (size_t i = 0; r == 0 && i < nm.n; i += BATCH)
		ask(rs, nm.v + i, nm.n - i < BATCH ? nm.n - i : BATCH, &own);
	for (size_t i = 0; i < nm.n; i++)
		free(nm.v[i]);
	free(nm.v);
	/* A process in a sandbox without a filter (or where everything
	 * has no_new_privs) passes check_process: its ancestry tells. */
	sups = xcalloc(rs->n + 1, sizeof(*sups));
	for (size_t i = 0; i < rs->n; i++)
		sups[i] = inside(rs, rs->v[i].pid);
	for (size_t i = 0; i < rs->n; i++) {
		pid_t sup = sups[i];

		if (sup) {
			char *s = xasprintf("claims pid %d, name '%s': it runs "
					    "inside sandbox %d",
					    (int)rs->v[i].pid, rs->v[i].name,
					    (int)sup);

			push((void **)&rs->refused, &rs->nrefused,
			     sizeof(s), &s);
			jr_record_free(&rs->v[i]);
		} else {
			rs->v[k++] = rs->v[i];
		}
	}
	rs->n = k;
	if (rs->n)
		qsort(rs->v, rs->n, sizeof(*rs->v), by_start);
	if (r < 0)
		jr_records_free(rs);
	return r;
}

void jr_records_free(struct jr_records *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		jr_record_free(&rs->v[i]);
	for (size_t i = 0; i < rs->nrefused; i++)
		free(rs->refused[i]);
	free(rs->v);
	free(rs->refused);
	memset(rs, 0, sizeof(*rs));
}
