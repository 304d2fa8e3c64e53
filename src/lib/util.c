/* util.c - die helpers, allocation, edit distance, small file reader. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "util.h"

int jr_verbosity = 1;

/* The message is escaped (jr_escape) as a whole: a profile's text, a
 * path or a program's name in it reaches the terminal as printable
 * ASCII, whichever module quoted it. */
int jr_fail(struct jr_err *err, const char *where, const char *fmt, ...)
{
	char raw[JR_ERR_MAX];
	va_list ap;
	size_t n = 0;

	if (!err)
		return -1;
	raw[0] = '\0';
	if (where) {
		int w = snprintf(raw, sizeof(raw), "%s: ", where);
		n = w < 0 ? 0 : (size_t)w;
		if (n >= sizeof(raw))
			n = sizeof(raw) - 1;
	}
	va_start(ap, fmt);
	vsnprintf(raw + n, sizeof(raw) - n, fmt, ap);
	va_end(ap);
	jr_escape(raw, err->msg, sizeof(err->msg));
	return -1;
}

__attribute__((format(printf, 1, 0))) static void vmsg(const char *fmt,
							va_list ap, int e)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (e)
		fprintf(stderr, "jailrun: %s: %s\n", buf, strerror(e));
	else
		fprintf(stderr, "jailrun: %s\n", buf);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, 0);
	va_end(ap);
	_exit(EXIT_JAILRUN);
}

void die_errno(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vmsg(fmt, ap, e);
	va_end(ap);
	_exit(EXIT_JAILRUN);
}

void warnx_jr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, 0);
	va_end(ap);
}

void debugx(const char *fmt, ...)
{
	va_list ap;

	if (jr_verbosity < 2)
		return;
	va_start(ap, fmt);
	vmsg(fmt, ap, 0);
	va_end(ap);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die("out of memory");
	return p;
}

char *xconcat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = xmalloc(la + lb + 1);

	memcpy(p, a, la);
	memcpy(p + la, b, lb + 1);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (r < 0)
		die("out of memory");
	return p;
}

int jr_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_JAILRUN;
}

bool jr_streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

size_t jr_levenshtein(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[64];

	/* Names are short; longer words are simply "not close". */
	if (la >= ARRAY_SIZE(row) || lb >= ARRAY_SIZE(row))
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

bool jr_close_enough(const char *word, size_t d)
{
	size_t limit = strlen(word) / 3 + 1;

	return d <= (limit > 3 ? 3 : limit);
}

const char *jr_closest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (; *candidates; candidates++) {
		size_t d = jr_levenshtein(word, *candidates);

		if (d < best_d) {
			best_d = d;
			best = *candidates;
		}
	}
	return jr_close_enough(word, best_d) ? best : NULL;
}

int jr_read_file(const char *path, size_t max, char **out, size_t *len)
{
	/* O_NONBLOCK: a FIFO (or a pipe through /proc/self/fd) must not
	 * hang the open; only a regular file is read. */
	cleanup_fd int fd =
		open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	cleanup_free char *buf = NULL;
	struct stat st;
	size_t n = 0, cap;

	if (fd < 0) {
		int e = errno;

		/* a socket cannot be opened at all (ENXIO): say what it is */
		if (e == ENXIO && stat(path, &st) == 0 && !S_ISREG(st.st_mode))
			return -EINVAL;
		return -e;
	}
	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if ((size_t)st.st_size > max)
		return -EFBIG;
	/* The file's size, and one byte to see the end: a buffer of MAX
	 * was an mmap and munmap for each profile read (issue 21).  A
	 * file that grows meanwhile grows the buffer, up to MAX + 1. */
	cap = (size_t)st.st_size + 1;
	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t r;

		if (n == cap) {
			char *more;

			cap = cap > max / 2 ? max + 1 : cap * 2;
			more = realloc(buf, cap);
			if (!more)
				return -ENOMEM;
			buf = more;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max)
			return -EFBIG;
	}
	buf[n] = '\0';
	*out = steal_ptr(&buf);
	*len = n;
	return 0;
}

int jr_errno_from_name(const char *name)
{
	for (int e = 1; e < 4096; e++) {
		const char *n = strerrorname_np(e);

		if (n && strcmp(n, name) == 0)
			return e;
	}
	return -1;
}

const char *jr_errno_name(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "?";
}

/* Strings packed into blocks of JR_POOL_BLOCK (a longer one gets a
 * block of its own): one malloc per block, where there was one per
 * string, ~460 mallocs and frees a run (issue 21). */
#define JR_POOL_BLOCK 4096

struct jr_strpool {
	struct jr_strpool *next;
	size_t used, size; /* bytes of S */
	char s[];
};

const char *jr_pool_intern(struct jr_strpool **pool, const char *s)
{
	size_t n = strlen(s) + 1;
	struct jr_strpool *p = *pool;
	char *r;

	if (!p || p->size - p->used < n) {
		size_t size = JR_POOL_BLOCK - sizeof(*p);

		if (n > size)
			size = n;
		p = xmalloc(sizeof(*p) + size);
		p->used = 0;
		p->size = size;
		p->next = *pool;
		*pool = p;
	}
	r = p->s + p->used;
	memcpy(r, s, n);
	p->used += n;
	return r;
}

void jr_pool_free(struct jr_strpool **pool)
{
	struct jr_strpool *p, *next;

	for (p = *pool; p; p = next) {
		next = p->next;
		free(p);
	}
	*pool = NULL;
}

bool jr_path_beneath(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(p, dir, n) == 0 && (p[n] == '/' || !p[n]);
}

const char *jr_read_strerror(const char *path, int r)
{
	struct stat st;

	if (r != -EINVAL || stat(path, &st) < 0)
		return strerror(-r);
	if (S_ISFIFO(st.st_mode))
		return "not a regular file (a FIFO)";
	if (S_ISCHR(st.st_mode))
		return "not a regular file (a character device)";
	if (S_ISBLK(st.st_mode))
		return "not a regular file (a block device)";
	if (S_ISSOCK(st.st_mode))
		return "not a regular file (a socket)";
	return "not a regular file";
}

char *jr_escape(const char *in, char *out, size_t size)
{
	size_t o = 0;

	if (!size)
		return out;
	for (const unsigned char *p = (const unsigned char *)in;
	     *p && o + 1 < size; p++) {
		if (*p >= 0x20 && *p < 0x7f && *p != '\\') {
			out[o++] = (char)*p;
		} else if (o + 4 < size) {
			snprintf(out + o, size - o, *p == '\\' ? "\\\\" :
				 "\\x%02x", *p);
			o += *p == '\\' ? 2 : 4;
		} else {
			break;
		}
	}
	out[o] = '\0';
	return out;
}

bool jr_has_suffix(const char *name, const char *const *suffixes, size_t n)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < n; i++) {
		size_t e = strlen(suffixes[i]);

		if (len > e && strcmp(name + len - e, suffixes[i]) == 0)
			return true;
	}
	return false;
}
