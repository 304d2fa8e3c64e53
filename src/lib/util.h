/* util.h - small helpers shared by every module.
 *
 * Two kinds of code live in jailrun: pure layers (options, profile,
 * syscalls, groups, filter) that report problems through a struct jr_err
 * and return -1, and the edges (main, launch, supervise) that print and
 * exit through die().  Nothing in a pure layer prints or exits.
 */
#ifndef JAILRUN_UTIL_H
#define JAILRUN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

/* Exit statuses, the convention of env(1) and timeout(1). */
enum {
	EXIT_JAILRUN = 125, /* bad option, bad profile, set-up failed */
	EXIT_TIMEOUT = 124, /* timeout ran out, as timeout(1) */
	EXIT_NOEXEC = 126,  /* target found but not executable */
	EXIT_NOENT = 127,   /* target not found */
};

#define JR_ERR_MAX 512

/* An error from a pure layer: where, and what. */
struct jr_err {
	char msg[JR_ERR_MAX];
};

/* Fill ERR with "WHERE: message" (WHERE may be NULL), escaped with
 * jr_escape (so a quoted profile value cannot reach the terminal raw).
 * Returns -1 so a caller can write `return jr_fail(err, where, "...")`. */
int jr_fail(struct jr_err *err, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The edges: print "jailrun: ..." to stderr and exit 125. */
__attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt, ...);
__attribute__((noreturn, format(printf, 1, 2))) void die_errno(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void warnx_jr(const char *fmt, ...);

/* Verbosity shared by the edges (set once by main). */
extern int jr_verbosity; /* 0 quiet, 1 normal, 2 debug */
__attribute__((format(printf, 1, 2))) void debugx(const char *fmt, ...);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);
/* A then B in one new string: xasprintf("%s%s") without printf, which
 * cost ~1000 instructions a path (issue 21) */
char *xconcat(const char *a, const char *b);
__attribute__((format(printf, 1, 2))) char *xasprintf(const char *fmt, ...);

/* Cleanup attributes: one owner per resource. */
static inline void jr_freep(void *p)
{
	free(*(void **)p);
}
static inline void jr_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
static inline void jr_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}
#define cleanup_free __attribute__((cleanup(jr_freep)))
#define cleanup_fclose __attribute__((cleanup(jr_fclosep)))
#define cleanup_fd __attribute__((cleanup(jr_closep)))

#define steal_ptr(pp)                                                          \
	({                                                                     \
		__typeof__(*(pp)) _p = *(pp);                                  \
		*(pp) = NULL;                                                  \
		_p;                                                            \
	})
static inline int steal_fd(int *fd)
{
	int r = *fd;
	*fd = -1;
	return r;
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Edit distance, for "did you mean" suggestions. */
size_t jr_levenshtein(const char *a, const char *b);

/* Whether an edit distance D from WORD is close enough to suggest. */
bool jr_close_enough(const char *word, size_t d);

/* Closest of CANDIDATES (NULL-terminated) to WORD, or NULL when none is
 * close enough to be a useful suggestion. */
const char *jr_closest(const char *word, const char *const *candidates);

/* Read a whole regular file of at most MAX bytes, never blocking on a
 * FIFO (opened O_NONBLOCK, judged by fstat).  Returns 0, or -errno
 * (-EFBIG when larger than MAX, -EISDIR for a directory, -EINVAL for
 * anything else that is not a regular file: FIFO, device, socket). */
int jr_read_file(const char *path, size_t max, char **out, size_t *len);

/* jr_read_file's error R for PATH in words: strerror, but "not a regular
 * file (a FIFO)" and the like for -EINVAL. */
const char *jr_read_strerror(const char *path, int r);

bool jr_streq(const char *a, const char *b);

/* IN made safe for a terminal, into OUT (SIZE bytes, always terminated,
 * cut short when full): printable ASCII as it is, every other byte
 * (control characters, escape sequences, 8-bit C1 codes, UTF-8) as
 * \xNN, and the backslash as \\.  For what a target or a file controls:
 * a program's name, a path, a profile's text.  Returns OUT. */
char *jr_escape(const char *in, char *out, size_t size);

/* Whether path P is DIR or beneath it (both absolute, normalised). */
bool jr_path_beneath(const char *p, const char *dir);

/* Whether NAME ends in one of the N suffixes (and is more than it). */
bool jr_has_suffix(const char *name, const char *const *suffixes, size_t n);

/* A pool of strings freed together: intern returns a copy of S that
 * lives until jr_pool_free. */
struct jr_strpool;
const char *jr_pool_intern(struct jr_strpool **pool, const char *s);
void jr_pool_free(struct jr_strpool **pool);

/* A wait(2) status as an exit code: the code itself, or 128+N for a
 * death by signal N (the convention of shells and timeout(1)). */
int jr_exit_code(int status);

/* errno name <-> number ("EPERM" <-> 1); -1 when unknown. */
int jr_errno_from_name(const char *name);
const char *jr_errno_name(int e);

#endif
