/* state.h - the records of running sandboxes, for --list, --shutdown and
 * --join.  No file holds them: each supervisor keeps its record in memory
 * and serves it on a listening AF_UNIX socket in the abstract namespace,
 * "jailrun/UID/PID.RANDOM"; a reader finds the names in /proc/net/unix
 * and takes a record only when the kernel vouches for its sender:
 *
 *   - the SCM_CREDENTIALS pid of the message and the SO_PEERCRED pid of
 *     the listener are the record's supervisor pid, the uid is ours;
 *   - that process has the record's start time, our uid, and no more
 *     NoNewPrivs nor seccomp filters than the reader (every sandboxed
 *     process has no_new_privs; a supervisor has what its caller had),
 *     and it is no descendant of another supervisor (which is what a
 *     process in a sandbox without a filter is);
 *   - a pidfd of it is still alive after those reads, so they were all
 *     about the one process.
 *
 * So nothing in a sandbox can write, rename or remove a record, and a
 * record it serves itself is refused.  An action (signal, join) is taken
 * through pidfds only after jr_record_pidfds checked the supervisor and
 * the init again.  Only the edges print: errors come back in jr_err and
 * refusals as strings. */
#ifndef JAILRUN_STATE_H
#define JAILRUN_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

#define JR_ARGS_MAX 4096	/* bytes of recorded options */
#define JR_RECORD_VERSION 1
#define JR_RECORD_MAX 65536	/* bytes in one record message */
#define JR_RECORDS_MAX 100000	/* candidate names; more is an error */

struct jr_record {
	pid_t pid;           /* the supervisor (jailrun) */
	uint64_t start;      /* its start time, clock ticks since boot */
	pid_t init;          /* pid 1 of the sandbox, in our pid namespace */
	uint64_t init_start; /* the init's start time */
	long started;        /* seconds since the epoch */
	uint64_t digest;     /* jr_policy_digest of the sandbox */
	char *name;          /* malloc'd, like the two below */
	char *profile;
	char *args; /* its options, "key=value" joined by \x1f; "": it
		     * cannot be joined */
	char *log;  /* where its reports go (report = log), "": nowhere */
};

/* The record codec's escape (the reader undoes it): S with backslash,
 * control characters (C0, DEL, C1) escaped as \\, \n, \xHH; UTF-8
 * kept.  One line, nothing a terminal acts on, so --list prints it too
 * (jr_escape in util.h is the one-way kind for messages).  malloc'd. */
char *jr_state_escape(const char *s);

/* R as the message a supervisor sends (version line, key=value lines,
 * every string escaped).  malloc'd. */
char *jr_record_format(const struct jr_record *r);

/* The message TEXT of LEN bytes into R (strings malloc'd): every key
 * once (log may be missing: older supervisors; it is then ""), nothing
 * unknown.  0, or -1 with ERR (R is then empty). */
int jr_record_parse(const char *text, size_t len, struct jr_record *r,
		    struct jr_err *err);
void jr_record_free(struct jr_record *r);

/* The supervisor's listening socket, non-blocking, under a fresh name
 * (said in NAME, of SIZE bytes).  -1 with ERR when no name could be
 * bound. */
int jr_record_listen(char *name, size_t size, struct jr_err *err);

/* Answer the connections waiting on LFD: to this user (or root) the one
 * message TEXT, without blocking, reading nothing; then close them. */
void jr_record_serve(int lfd, const char *text, size_t len);

/* The authenticated records of this user's running sandboxes, oldest
 * first, and what was refused (one "NAME: why" each). */
struct jr_records {
	struct jr_record *v;
	size_t n;
	char **refused;
	size_t nrefused;
};
int jr_records_collect(struct jr_records *out, struct jr_err *err);
void jr_records_free(struct jr_records *rs);

/* This process's start time (field 22 of /proc/PID/stat); 0 if gone or
 * a zombie. */
uint64_t jr_proc_start(pid_t pid);

/* Pidfds of R's supervisor and init, checked after opening: the same
 * processes (start times), our uid, the supervisor not sandboxed, the
 * init its child.  0, or -1 with ERR. */
int jr_record_pidfds(const struct jr_record *r, int *sup, int *init,
		     struct jr_err *err);

/* Whether the process of pidfd FD is still running; a signal through it
 * (0 or -errno). */
bool jr_pidfd_alive(int fd);
int jr_pidfd_signal(int fd, int sig);

#endif
