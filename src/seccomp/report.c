/* report.c - the supervisor's answer to a denied call, the rule that
 * denied it, and the call as a person reads it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "argrules.h"
#include "filter.h"
#include "report.h"
#include "syscalls.h"
#include "util.h"

/* ---- which rule, which answer ----------------------------------------- */

static const char *base(const char *where)
{
	const char *slash = strrchr(where, '/');

	return slash ? slash + 1 : where;
}

/* "denied by seccomp.drop in x.profile:7", "not in seccomp.keep of
 * x.profile:3", or "denied by --seccomp.drop" when the rule came from the
 * command line; NOTE follows the key. */
static void say_rule(char *buf, size_t size, const char *verb,
		     const char *key, const char *note, const char *where)
{
	const char *of = strncmp(verb, "denied", 6) == 0 ? "in" : "of";

	if (!where)
		snprintf(buf, size, "%s %s%s", verb, key, note);
	else if (where[0] == '-')
		snprintf(buf, size, "%s %s%s", verb, where, note);
	else
		snprintf(buf, size, "%s %s%s %s %s", verb, key, note, of,
			 base(where));
}

static const char *family_name(int af);

static bool family_refused(const struct jr_policy *pol,
			   const struct seccomp_data *d)
{
	uint64_t af = d->args[0];

	if (!pol->protocol_set || !jr_filter_is_socket(d->nr))
		return false;
	/* the filter reads the low 32 bits and refuses any high bit */
	return af >= 64 || !(pol->protocols & (1ULL << af));
}

static const char *argrule_origin(const struct jr_policy *pol,
				  const struct jr_argrule *r)
{
	switch (r->kind) {
	case JR_AR_TTY:
		return pol->seccomp_origin;
	case JR_AR_NS:
		return pol->restrict_ns_origin;
	case JR_AR_MDWE:
		return pol->mdwe_origin;
	}
	return NULL;
}

void jr_verdict_for(const struct jr_policy *pol, const struct seccomp_data *d,
		    struct jr_verdict *v)
{
	int nr = d->nr;
	bool probe = jr_filter_is_probe(nr);
	const struct jr_argrule *ar;

	v->kind = pol->action == JR_ACT_KILL ? JR_V_KILL : JR_V_ERRNO;
	v->err = pol->action == JR_ACT_ERRNO ? pol->action_errno : EPERM;
	if (nr < 0 || nr >= JR_NR_MAX) {
		snprintf(v->reason, sizeof(v->reason),
			 "syscall number out of range");
	} else if (pol->drop.origin[nr]) {
		bool dflt = pol->drop_is_default[nr];

		say_rule(v->reason, sizeof(v->reason), "denied by",
			 dflt ? "seccomp = yes" : "seccomp.drop",
			 dflt ? " (@default-deny)" : "", pol->drop.origin[nr]);
	} else if (pol->keep_mode && !pol->keep.origin[nr]) {
		say_rule(v->reason, sizeof(v->reason), "not in",
			 "seccomp.keep", "", pol->keep_origin);
	} else if (family_refused(pol, d)) {
		char what[64];

		snprintf(what, sizeof(what), " (%s)",
			 family_name((int)d->args[0]));
		say_rule(v->reason, sizeof(v->reason), "family not in",
			 "protocol", what, pol->protocol_origin);
		v->kind = JR_V_ERRNO;
		v->err = EAFNOSUPPORT;
	} else if ((ar = jr_argrule_match(pol, d))) {
		char what[96];

		snprintf(what, sizeof(what), " (%s)", ar->what);
		say_rule(v->reason, sizeof(v->reason), "denied by",
			 jr_argrule_key(ar->kind), what, argrule_origin(pol, ar));
		if (ar->err) {
			v->kind = JR_V_ERRNO;
			v->err = ar->err;
		}
	} else {
		/* The filter sends only denied calls: fail closed. */
		snprintf(v->reason, sizeof(v->reason),
			 "not expected by the supervisor (denied)");
		v->kind = JR_V_ERRNO;
		v->err = EPERM;
	}
	if (probe && v->kind != JR_V_CONTINUE && v->err != EAFNOSUPPORT) {
		/* libc probes it and falls back (DESIGN §3) */
		v->kind = JR_V_ERRNO;
		v->err = ENOSYS;
	}
	if (pol->action == JR_ACT_LOG)
		v->kind = JR_V_CONTINUE;
}

/* ---- the call, decoded where cheap ------------------------------------ */

struct name_val {
	long v;
	const char *name;
};

static const struct name_val families[] = {
	{ AF_UNIX, "AF_UNIX" },		  { AF_INET, "AF_INET" },
	{ AF_AX25, "AF_AX25" },		  { AF_IPX, "AF_IPX" },
	{ AF_APPLETALK, "AF_APPLETALK" }, { AF_X25, "AF_X25" },
	{ AF_INET6, "AF_INET6" },	  { AF_KEY, "AF_KEY" },
	{ AF_NETLINK, "AF_NETLINK" },	  { AF_PACKET, "AF_PACKET" },
	{ AF_RDS, "AF_RDS" },		  { AF_CAN, "AF_CAN" },
	{ AF_TIPC, "AF_TIPC" },		  { AF_BLUETOOTH, "AF_BLUETOOTH" },
	{ AF_ALG, "AF_ALG" },		  { AF_VSOCK, "AF_VSOCK" },
	{ AF_XDP, "AF_XDP" },
};

static const struct name_val sock_types[] = {
	{ SOCK_STREAM, "SOCK_STREAM" }, { SOCK_DGRAM, "SOCK_DGRAM" },
	{ SOCK_RAW, "SOCK_RAW" },	{ SOCK_SEQPACKET, "SOCK_SEQPACKET" },
	{ SOCK_RDM, "SOCK_RDM" },	{ SOCK_PACKET, "SOCK_PACKET" },
};

static const struct name_val ptrace_reqs[] = {
	{ 0, "PTRACE_TRACEME" },   { 1, "PTRACE_PEEKTEXT" },
	{ 2, "PTRACE_PEEKDATA" },  { 4, "PTRACE_POKETEXT" },
	{ 5, "PTRACE_POKEDATA" },  { 7, "PTRACE_CONT" },
	{ 8, "PTRACE_KILL" },	   { 9, "PTRACE_SINGLESTEP" },
	{ 12, "PTRACE_GETREGS" },  { 13, "PTRACE_SETREGS" },
	{ 16, "PTRACE_ATTACH" },   { 17, "PTRACE_DETACH" },
	{ 24, "PTRACE_SYSCALL" },  { 0x4206, "PTRACE_SEIZE" },
	{ 0x4207, "PTRACE_INTERRUPT" },
};

static const struct name_val open_flags[] = {
	{ O_CREAT, "O_CREAT" },	      { O_EXCL, "O_EXCL" },
	{ O_NOCTTY, "O_NOCTTY" },     { O_TRUNC, "O_TRUNC" },
	{ O_APPEND, "O_APPEND" },     { O_NONBLOCK, "O_NONBLOCK" },
	{ O_DIRECTORY, "O_DIRECTORY" }, { O_NOFOLLOW, "O_NOFOLLOW" },
	{ O_CLOEXEC, "O_CLOEXEC" },   { O_PATH, "O_PATH" },
};

static const char *lookup(const struct name_val *t, size_t n, long v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].v == v)
			return t[i].name;
	return NULL;
}

static const char *family_name(int af)
{
	const char *s = lookup(families, ARRAY_SIZE(families), af);

	return s ? s : "an unknown family";
}

/* A small appender: never overflows, always terminated. */
struct out {
	char *buf;
	size_t size, len;
};

__attribute__((format(printf, 2, 3))) static void put(struct out *o,
						       const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len >= o->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void put_named(struct out *o, const struct name_val *t, size_t n,
		      long v)
{
	const char *s = lookup(t, n, v);

	if (s)
		put(o, "%s", s);
	else
		put(o, "%ld", v);
}

static void put_socket(struct out *o, const struct seccomp_data *d)
{
	int type = (int)d->args[1];

	put_named(o, families, ARRAY_SIZE(families), (int)d->args[0]);
	put(o, ", ");
	put_named(o, sock_types, ARRAY_SIZE(sock_types),
		  type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC));
	if (type & SOCK_NONBLOCK)
		put(o, "|SOCK_NONBLOCK");
	if (type & SOCK_CLOEXEC)
		put(o, "|SOCK_CLOEXEC");
	put(o, ", %d", (int)d->args[2]);
}

static void put_open_flags(struct out *o, long flags)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					   "O_ACCMODE" };

	put(o, "%s", acc[flags & O_ACCMODE]);
	for (size_t i = 0; i < ARRAY_SIZE(open_flags); i++)
		if ((flags & open_flags[i].v) == open_flags[i].v)
			put(o, "|%s", open_flags[i].name);
}

static void put_signal(struct out *o, long sig)
{
	const char *abbrev = sig > 0 && sig < NSIG ? sigabbrev_np((int)sig) :
						      NULL;

	if (abbrev)
		put(o, "SIG%s", abbrev);
	else
		put(o, "%ld", sig);
}

static void put_args(struct out *o, const char *name,
		     const struct seccomp_data *d)
{
	const __u64 *a = d->args;

	if (!strcmp(name, "socket") || !strcmp(name, "socketpair"))
		put_socket(o, d);
	else if (!strcmp(name, "open"))
		put(o, "..., "), put_open_flags(o, (long)a[1]);
	else if (!strcmp(name, "openat"))
		put(o, "%d, ..., ", (int)a[0]), put_open_flags(o, (long)a[2]);
	else if (!strcmp(name, "ptrace"))
		put_named(o, ptrace_reqs, ARRAY_SIZE(ptrace_reqs), (long)a[0]),
			put(o, ", %d, ...", (int)a[1]);
	else if (!strcmp(name, "kill") || !strcmp(name, "tkill"))
		put(o, "%d, ", (int)a[0]), put_signal(o, (long)a[1]);
	else if (!strcmp(name, "tgkill"))
		put(o, "%d, %d, ", (int)a[0], (int)a[1]),
			put_signal(o, (long)a[2]);
	else if (!strcmp(name, "ioctl"))
		put(o, "%d, %#llx, ...", (int)a[0], (unsigned long long)a[1]);
	else if (!strcmp(name, "unshare") || !strcmp(name, "personality"))
		put(o, "%#llx", (unsigned long long)a[0]);
	else if (!strcmp(name, "clone"))
		put(o, "%#llx, ...", (unsigned long long)a[0]);
	else
		put(o, "...");
}

const char *jr_report_call(const struct seccomp_data *d, char *buf,
			   size_t size)
{
	struct out o = { buf, size, 0 };
	char name[64];

	buf[0] = '\0';
	jr_syscall_name(d->nr, name, sizeof(name));
	put(&o, "%s(", name);
	put_args(&o, name, d);
	put(&o, ")");
	return buf;
}

const char *jr_report_open_flags(long flags, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	buf[0] = '\0';
	put_open_flags(&o, flags);
	return buf;
}

/* ---- once per (pid, syscall), and the summary ------------------------- */

bool jr_report_note(struct jr_report *r, pid_t pid, int nr)
{
	if (nr >= 0 && nr < JR_NR_MAX)
		r->count[nr]++;
	r->total++;
	for (size_t i = 0; i < r->nseen; i++)
		if (r->seen[i].pid == pid && r->seen[i].nr == nr)
			return false;
	if (r->nseen == JR_REPORT_SEEN_MAX)
		return false; /* enough said; the summary counts the rest */
	r->seen[r->nseen].pid = pid;
	r->seen[r->nseen].nr = nr;
	r->nseen++;
	return true;
}

const char *jr_report_summary(const struct jr_report *r, char *buf,
			      size_t size)
{
	struct out o = { buf, size, 0 };
	bool done[JR_NR_MAX] = { false };

	buf[0] = '\0';
	for (;;) {
		int best = -1;
		char name[64];

		for (int nr = 0; nr < JR_NR_MAX; nr++)
			if (r->count[nr] && !done[nr] &&
			    (best < 0 || r->count[nr] > r->count[best]))
				best = nr;
		if (best < 0)
			break;
		done[best] = true;
		put(&o, "%s%s x%lu", o.len ? ", " : "",
		    jr_syscall_name(best, name, sizeof(name)), r->count[best]);
	}
	return buf;
}
