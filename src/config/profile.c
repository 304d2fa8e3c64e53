/* profile.c - profile lookup, reading order, include and ignore.
 *
 * Profiles are INI files read with inih.  Debian's inih gives the handler
 * no line number and silently splits lines longer than 200 bytes, so each
 * file is read into memory first, checked line by line (length, NUL bytes,
 * control characters), and fed to ini_parse_stream() by a reader that
 * counts lines: every error carries its real FILE:LINE. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "profile.h"

#define KEY_MAX 128

struct reader {
	struct jr_policy *pol;
	const struct jr_lookup *lk;
	struct jr_profile_log *log;
	struct jr_err *err;
	int depth;
	struct {
		dev_t dev;
		ino_t ino;
	} stack[JR_INCLUDE_DEPTH_MAX + 2];     /* files being read */
	int serial;                            /* files read so far */
	struct {
		char key[KEY_MAX];
		int serial; /* the file that said it */
	} ignores[JR_IGNORES_MAX];
	size_t nignores;
};

struct file_state {
	struct reader *rd;
	const char *path;
	char *dir; /* for relative includes */
	int serial;
	const char *buf;
	size_t len, pos;
	int lineno;   /* the line inih is working on */
	int err_line; /* first line our handler failed on */
};

static int parse_file(struct reader *rd, const char *path,
		      const char *from);

void jr_profile_log_free(struct jr_profile_log *log)
{
	for (size_t i = 0; i < log->n; i++)
		free(log->files[i]);
	log->n = 0;
}

/* ---- lookup ------------------------------------------------------------ */

static bool has_known_extension(const char *name)
{
	static const char *const ext[] = { ".profile", ".inc", ".local",
					   ".conf" };

	return jr_has_suffix(name, ext, ARRAY_SIZE(ext));
}

static char *in_dir(const char *dir, size_t dirlen, const char *file)
{
	struct stat st;
	char *p = xasprintf("%.*s/%s", (int)dirlen, dir, file);

	if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
		return p;
	free(p);
	return NULL;
}

static char *in_dirs(const char *p, const char *file)
{
	while (p && *p) {
		const char *end = strchrnul(p, ':');
		char *found = end > p ? in_dir(p, (size_t)(end - p), file) :
					NULL;

		if (found)
			return found;
		p = *end ? end + 1 : end;
	}
	return NULL;
}

static char *in_system_dirs(const struct jr_lookup *lk, const char *file)
{
	return in_dirs(lk->system_path, file);
}

char *jr_profile_find(const struct jr_lookup *lk, const char *name,
		      const char *dir)
{
	cleanup_free char *file = NULL;
	char *found;

	if (strchr(name, '/')) {
		if (name[0] == '/' || !dir)
			return xstrdup(name);
		while (strncmp(name, "./", 2) == 0) /* dir/./x in messages */
			name += 2;
		return xasprintf("%s/%s", dir, name);
	}
	file = has_known_extension(name) ? xstrdup(name) :
					   xasprintf("%s.profile", name);
	if (lk->user_dir) {
		found = in_dir(lk->user_dir, strlen(lk->user_dir), file);
		if (found)
			return found;
	}
	return in_system_dirs(lk, file);
}

/* ---- reading ----------------------------------------------------------- */

/* fgets-style reader over the checked buffer: one call, one line. */
static char *read_line(char *str, int num, void *stream)
{
	struct file_state *fs = stream;
	size_t room = num > 0 ? (size_t)num - 1 : 0, n;
	const char *nl;

	if (fs->pos >= fs->len)
		return NULL;
	/* up to the newline, which is kept, and at most ROOM bytes */
	n = fs->len - fs->pos < room ? fs->len - fs->pos : room;
	nl = memchr(fs->buf + fs->pos, '\n', n);
	if (nl)
		n = (size_t)(nl - (fs->buf + fs->pos)) + 1;
	memcpy(str, fs->buf + fs->pos, n);
	fs->pos += n;
	str[n] = '\0';
	fs->lineno++;
	return str;
}

/* inih keeps at most this many characters of a section name (its
 * MAX_SECTION, 50 with the NUL) and cuts the rest silently. */
#define SECTION_MAX 49

/* What inih would read differently from the format (jailrun.profile(5)):
 * ':' as the delimiter (inih takes "key: value"; the format has only
 * '='), and a section name longer than inih keeps.  LINE is one line
 * without its end.  PREV_KEY: the line before was a key, so an indented
 * line continues it. */
static int check_line(const char *path, int lineno, const char *line,
		      size_t n, bool *prev_key, struct jr_err *err)
{
	size_t i = 0, delim;

	/* LINE is N bytes, not a string: every scan is bounded by N */
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;

	if (lineno == 1 && n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		i = 3; /* a UTF-8 BOM, which inih skips */
	if (i >= n || line[i] == '#' || line[i] == ';')
		return 0;
	if (i > 0 && *prev_key)
		return 0; /* a continuation line: a value, anything goes */
	if (line[i] == '[') {
		size_t end = i + 1;

		*prev_key = false;
		while (end < n && line[end] != ']')
			end++;
		if (end - i - 1 > SECTION_MAX)
			return jr_fail(err, NULL,
				       "%s:%d: section name longer than %d "
				       "characters",
				       path, lineno, SECTION_MAX);
		return 0;
	}
	delim = i;
	while (delim < n && line[delim] != '=' && line[delim] != ':')
		delim++;
	if (delim < n && line[delim] == ':')
		return jr_fail(err, NULL,
			       "%s:%d: expected 'key = value': ':' is not a "
			       "delimiter in a profile",
			       path, lineno);
	*prev_key = delim < n;
	return 0;
}

/* Reject what inih would misread: long lines, NULs, control bytes (a
 * CR only as part of a CRLF line end, which does not count towards the
 * length), ':' delimiters, long section names.  A line at a time (its
 * end found by memchr): the byte-at-a-time loop was a sixth of a
 * default start's parsing (issue 21).  The first error in the file's
 * order is said: a control byte within the first JR_LINE_MAX + 1 bytes
 * of a line, else the line's length. */
static int check_text(const char *path, const char *buf, size_t len,
		      struct jr_err *err)
{
	bool prev_key = false;
	int line = 1;

	for (size_t start = 0; start <= len; line++) {
		const char *nl = memchr(buf + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - buf) : len, n = end - start;
		size_t scan;

		if (n && buf[end - 1] == '\r')
			n--; /* a CRLF's CR, or one ending the file */
		scan = n < JR_LINE_MAX + 1 ? n : JR_LINE_MAX + 1;
		for (size_t k = 0; k < scan; k++) {
			unsigned char c = (unsigned char)buf[start + k];

			if ((c >= 0x20 && c != 0x7f) || c == '\t')
				continue;
			if (c == '\0')
				return jr_fail(err, NULL,
					       "%s:%d: binary data (NUL byte): "
					       "not a profile",
					       path, line);
			return jr_fail(err, NULL,
				       "%s:%d: control character 0x%02x", path,
				       line, c);
		}
		if (n > JR_LINE_MAX)
			return jr_fail(err, NULL,
				       "%s:%d: line longer than %d characters "
				       "(continue a long list on an indented "
				       "line or repeat the key)",
				       path, line, JR_LINE_MAX);
		if (check_line(path, line, buf + start, n, &prev_key, err) < 0)
			return -1;
		if (!nl)
			break;
		start = end + 1;
	}
	return 0;
}

static bool is_ignored(const struct reader *rd, const char *key, int serial)
{
	for (size_t i = 0; i < rd->nignores; i++)
		if (rd->ignores[i].serial < serial &&
		    strcmp(rd->ignores[i].key, key) == 0)
			return true;
	return false;
}

static int add_ignore(struct file_state *fs, const char *value,
		      const char *where)
{
	struct reader *rd = fs->rd;

	if (strcmp(value, "include") != 0 && strcmp(value, "ignore") != 0 &&
	    !jr_key_find(value)) {
		const char *s = jr_key_suggest(value);

		return jr_fail(rd->err, where, "ignore: unknown key '%s'%s%s%s",
			       value, s ? " (did you mean '" : "", s ? s : "",
			       s ? "'?)" : "");
	}
	if (rd->nignores >= JR_IGNORES_MAX)
		return jr_fail(rd->err, where, "more than %d ignore lines",
			       JR_IGNORES_MAX);
	snprintf(rd->ignores[rd->nignores].key, KEY_MAX, "%s", value);
	rd->ignores[rd->nignores].serial = fs->serial;
	rd->nignores++;
	return 0;
}

static int do_include(struct file_state *fs, const char *value,
		      const char *where)
{
	struct reader *rd = fs->rd;
	cleanup_free char *path = NULL;

	if (!*value)
		return jr_fail(rd->err, where, "include: empty name");
	path = jr_profile_find(rd->lk, value, fs->dir);
	if (!path)
		return jr_fail(rd->err, where,
			       "include '%s': no such profile (looked in %s%s%s)",
			       value, rd->lk->user_dir ? rd->lk->user_dir : "",
			       rd->lk->user_dir ? ":" : "",
			       rd->lk->system_path ? rd->lk->system_path : "");
	return parse_file(rd, path, where);
}

static int apply(struct file_state *fs, const char *key, const char *value,
		 const char *where)
{
	struct reader *rd = fs->rd;
	const struct jr_key *k;

	if (is_ignored(rd, key, fs->serial))
		return 0;
	if (strcmp(key, "include") == 0)
		return do_include(fs, value, where);
	if (strcmp(key, "ignore") == 0)
		return add_ignore(fs, value, where);
	k = jr_key_find(key);
	if (!k) {
		const char *s = jr_key_suggest(key);

		return jr_fail(rd->err, where, "unknown key '%s'%s%s%s", key,
			       s ? " (did you mean '" : "", s ? s : "",
			       s ? "'?)" : "");
	}
	if (k->scope == JR_SCOPE_CLI)
		return jr_fail(rd->err, where,
			       "'%s' can only be given on the command line",
			       key);
	return jr_key_set(rd->pol, k, value, where, rd->err);
}

/* A, SEP and B into BUF of SIZE (SEP 0: A alone), without printf: two
 * snprintf calls were a sixth of each line's parse (issue 21).  The
 * length, or -1 when it does not fit. */
static int join(char *buf, size_t size, const char *a, char sep,
		const char *b)
{
	size_t la = strlen(a), lb = sep ? strlen(b) : 0,
	       n = la + (sep ? 1 + lb : 0);

	if (n >= size)
		return -1;
	memcpy(buf, a, la);
	if (sep) {
		buf[la] = sep;
		memcpy(buf + la + 1, b, lb);
	}
	buf[n] = '\0';
	return (int)n;
}

static int handler(void *user, const char *section, const char *name,
		   const char *value)
{
	struct file_state *fs = user;
	struct reader *rd = fs->rd;
	char key[KEY_MAX];
	const char *where;
	int n;

	if (fs->err_line)
		return 1; /* keep the first error; no more side effects */
	{
		char buf[PATH_MAX + 16], num[16], *d = num + sizeof(num);
		unsigned line = fs->lineno > 0 ? (unsigned)fs->lineno : 0;

		*--d = '\0';
		do
			*--d = (char)('0' + line % 10);
		while ((line /= 10) && d > num);
		if (join(buf, sizeof(buf), fs->path, ':', d) < 0)
			buf[0] = '\0'; /* a path is shorter than PATH_MAX */
		where = jr_policy_intern(rd->pol, buf);
	}
	n = join(key, sizeof(key), section[0] ? section : name,
		 section[0] ? '.' : 0, name);
	if (n < 0) {
		jr_fail(rd->err, where, "key too long");
		fs->err_line = fs->lineno;
		return 0;
	}
	if (apply(fs, key, value, where) < 0) {
		fs->err_line = fs->lineno;
		return 0;
	}
	return 1;
}

static int read_checked(struct reader *rd, const char *path, const char *from,
			char **buf, size_t *len)
{
	int r = jr_read_file(path, JR_PROFILE_SIZE_MAX, buf, len);

	/* FROM is the include line, NULL for a top-level file */
	if (r == -EFBIG)
		return jr_fail(rd->err, from, "%s: larger than %d KiB", path,
			       JR_PROFILE_SIZE_MAX / 1024);
	if (r < 0)
		return jr_fail(rd->err, from, "%s: cannot read: %s", path,
			       jr_read_strerror(path, r));
	return check_text(path, *buf, *len, rd->err);
}

static int parse_text(struct reader *rd, const char *path, const char *buf,
		      size_t len)
{
	cleanup_free char *pathcopy = xstrdup(path);
	struct file_state fs = {
		.rd = rd, .path = path, .buf = buf, .len = len,
	};
	int r;

	fs.dir = dirname(pathcopy);
	fs.serial = ++rd->serial;
	if (rd->log && rd->log->n < JR_FILES_MAX)
		rd->log->files[rd->log->n++] = xstrdup(path);
	r = ini_parse_stream(read_line, &fs, handler, &fs);
	if (r == 0)
		return 0;
	if (r > 0 && fs.err_line == r)
		return -1; /* our handler's message is in rd->err */
	if (r > 0)
		return jr_fail(rd->err, NULL,
			       "%s:%d: expected 'key = value' or '[section]'",
			       path, r);
	return jr_fail(rd->err, NULL, "%s: cannot parse (inih error %d)", path,
		       r);
}

static int parse_file(struct reader *rd, const char *path, const char *from)
{
	cleanup_free char *buf = NULL;
	struct stat st;
	size_t len;
	int r;

	if (rd->depth > JR_INCLUDE_DEPTH_MAX)
		return jr_fail(rd->err, from, "includes nest deeper than %d",
			       JR_INCLUDE_DEPTH_MAX);
	if (rd->serial >= JR_FILES_MAX)
		return jr_fail(rd->err, from, "more than %d profile files",
			       JR_FILES_MAX);
	/* A file is the same file by its inode (a hard link too): one
	 * stat, where realpath() was a readlink per path component
	 * (issue 21). */
	if (stat(path, &st) < 0)
		return jr_fail(rd->err, from, "%s: cannot read: %s", path,
			       strerror(errno));
	for (int i = 0; i < rd->depth; i++)
		if (rd->stack[i].dev == st.st_dev &&
		    rd->stack[i].ino == st.st_ino)
			return jr_fail(rd->err, from,
				       "include cycle: %s is already being "
				       "read",
				       path);
	rd->stack[rd->depth].dev = st.st_dev;
	rd->stack[rd->depth++].ino = st.st_ino;
	r = read_checked(rd, path, from, &buf, &len);
	if (r == 0)
		r = parse_text(rd, path, buf, len);
	rd->depth--;
	return r;
}

int jr_profile_parse_buffer(struct jr_policy *pol, const struct jr_lookup *lk,
			    const char *path, const char *buf, size_t len,
			    struct jr_profile_log *log, struct jr_err *err)
{
	struct reader rd = { .pol = pol, .lk = lk, .log = log, .err = err };

	if (len > JR_PROFILE_SIZE_MAX)
		return jr_fail(err, NULL, "%s: larger than %d KiB", path,
			       JR_PROFILE_SIZE_MAX / 1024);
	if (check_text(path, buf, len, err) < 0)
		return -1;
	return parse_text(&rd, path, buf, len);
}

/* ---- the reading order of a run (DESIGN §2) ---------------------------- */

static int read_optional(struct reader *rd, char *path)
{
	int r = 0;

	if (path)
		r = parse_file(rd, path, NULL);
	free(path);
	return r;
}

static char *local_name(const char *name, const char *suffix)
{
	cleanup_free char *copy = xstrdup(name);
	char *base = basename(copy);
	size_t n = strlen(base);

	if (n > 8 && strcmp(base + n - 8, ".profile") == 0)
		base[n - 8] = '\0';
	return xconcat(base, suffix);
}

/* ---- which profile a program gets -------------------------------------- */

/* Names that are another program's, or that program under another name
 * (a link, a wrapper): their profile is that program's.  Sorted. */
const struct jr_alias jr_aliases[] = {
	{ .name = "ex", .profile = "vim" },
	{ .name = "gunzip", .profile = "gzip" },
	{ .name = "rview", .profile = "vim" },
	{ .name = "rvim", .profile = "vim" },
	{ .name = "scp", .profile = "ssh" },
	{ .name = "sftp", .profile = "ssh" },
	{ .name = "unxz", .profile = "xz" },
	{ .name = "view", .profile = "vim" },
	{ .name = "vim.basic", .profile = "vim" },
	{ .name = "vim.gtk3", .profile = "vim" },
	{ .name = "vim.nox", .profile = "vim" },
	{ .name = "vim.tiny", .profile = "vim" },
	{ .name = "vimdiff", .profile = "vim" },
	{ .name = "xzcat", .profile = "xz" },
	{ .name = "zcat", .profile = "gzip" },
};
const size_t jr_naliases = ARRAY_SIZE(jr_aliases);

/* The alias of NAME: the table, or python3.X -> python3. */
static const char *alias_of(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < jr_naliases; i++)
		if (strcmp(jr_aliases[i].name, name) == 0)
			return jr_aliases[i].profile;
	if (n > 8 && strncmp(name, "python3.", 8) == 0 &&
	    strspn(name + 8, "0123456789") == n - 8)
		return "python3";
	return NULL;
}

static void add_candidate(struct jr_candidates *c, const char *name,
			  const char *how)
{
	if (!*name || c->n == JR_CANDIDATES_MAX)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return;
	snprintf(c->name[c->n], sizeof(c->name[0]), "%s", name);
	snprintf(c->how[c->n], sizeof(c->how[0]), "%s", how);
	c->n++;
}

static void add_with_alias(struct jr_candidates *c, const char *name,
			   const char *how)
{
	const char *alias = alias_of(name);
	char how2[sizeof(c->how[0])];

	add_candidate(c, name, how);
	if (alias) {
		snprintf(how2, sizeof(how2), "%.100s, alias of %.60s", how,
			 name);
		add_candidate(c, alias, how2);
	}
}

/* PROGRAM as execvp would find it: itself when it holds a '/'. */
static char *on_path(const char *program)
{
	const char *p = getenv("PATH");

	if (strchr(program, '/'))
		return xstrdup(program);
	while (p && *p) {
		const char *end = strchrnul(p, ':');
		char *f = xasprintf("%.*s/%s", (int)(end - p), p, program);

		if (end > p && access(f, X_OK) == 0)
			return f;
		free(f);
		p = *end ? end + 1 : end;
	}
	return NULL;
}

void jr_profile_candidates(const char *program, struct jr_candidates *c)
{
	cleanup_free char *copy = xstrdup(program);
	cleanup_free char *path = NULL;
	char cur[PATH_MAX];

	c->n = 0;
	add_with_alias(c, basename(copy), "the program's name");
	path = on_path(program);
	if (!path || strlen(path) >= sizeof(cur))
		return;
	snprintf(cur, sizeof(cur), "%s", path);
	/* each link's target in turn: vi -> /etc/alternatives/vi ->
	 * /usr/bin/vim.basic */
	for (int hop = 0; hop < JR_LINKS_MAX; hop++) {
		char target[PATH_MAX], next[PATH_MAX], how[128];
		ssize_t n = readlink(cur, target, sizeof(target) - 1);
		cleanup_free char *dir = NULL;
		char *b;

		if (n <= 0)
			return;
		target[n] = '\0';
		if (target[0] == '/') {
			snprintf(next, sizeof(next), "%s", target);
		} else {
			dir = xstrdup(cur);
			if (snprintf(next, sizeof(next), "%s/%s", dirname(dir),
				     target) >= (int)sizeof(next))
				return;
		}
		snprintf(cur, sizeof(cur), "%s", next);
		b = strrchr(target, '/');
		b = b ? b + 1 : target;
		snprintf(how, sizeof(how), "a link to %.100s", cur);
		add_with_alias(c, b, how);
	}
}

int jr_profile_load(struct jr_policy *pol, const struct jr_command *cmd,
		    const struct jr_lookup *lk,
		    const char *program, struct jr_profile_log *log,
		    struct jr_err *err)
{
	struct reader rd = { .pol = pol, .lk = lk, .log = log, .err = err };
	const char *name = cmd->profile ? cmd->profile : program;
	cleanup_free char *profile = NULL;
	cleanup_free char *local = NULL;
	cleanup_free struct jr_candidates *cand = NULL;
	const char *matched = NULL;
	char note[512] = "";

	if (cmd->noprofile || !name)
		return 0;
	/* the profile: asked for (NAME.profile in the current directory
	 * first, as firejail does), or the first candidate of the program
	 * with a profile, or the default */
	if (cmd->profile) {
		struct stat st;

		if (!strchr(name, '/') && has_known_extension(name) &&
		    stat(name, &st) == 0 && S_ISREG(st.st_mode)) {
			profile = xasprintf("./%s", name);
			snprintf(note, sizeof(note),
				 "--profile=%.200s: the file in the current "
				 "directory", name);
		} else {
			profile = jr_profile_find(lk, name, NULL);
		}
		if (!profile)
			return jr_fail(err, NULL,
				       "profile '%s' not found (looked in "
				       "%s%s%s)",
				       cmd->profile,
				       lk->user_dir ? lk->user_dir : "",
				       lk->user_dir ? ":" : "",
				       lk->system_path ? lk->system_path : "");
	} else {
		cand = xcalloc(1, sizeof(*cand));
		jr_profile_candidates(program, cand);
		for (size_t i = 0; i < cand->n && !profile; i++) {
			profile = jr_profile_find(lk, cand->name[i], NULL);
			if (profile) {
				matched = cand->name[i];
				snprintf(note, sizeof(note),
					 "profile name '%.60s' (%.300s)",
					 cand->name[i], cand->how[i]);
			}
		}
		/* then the profiles imported from firejail, by the same
		 * names: jailrun's own come first */
		for (size_t i = 0; i < cand->n && !profile && lk->import_path;
		     i++) {
			cleanup_free char *file =
				xasprintf("%s.profile", cand->name[i]);

			if (strchr(cand->name[i], '/'))
				continue;
			profile = in_dirs(lk->import_path, file);
			if (profile) {
				matched = cand->name[i];
				snprintf(note, sizeof(note),
					 "profile name '%.60s' (%.300s): "
					 "imported from firejail",
					 cand->name[i], cand->how[i]);
			}
		}
		if (!profile) {
			profile = jr_profile_find(lk, "default", NULL);
			if (profile)
				snprintf(note, sizeof(note),
					 "no profile for '%.60s' (%zu name%s "
					 "tried): default",
					 cand->name[0], cand->n,
					 cand->n == 1 ? "" : "s");
		}
	}
	if (log && note[0])
		log->matched = jr_policy_intern(pol, note);
	/* 1. global defaults, system dirs only */
	if (read_optional(&rd, in_system_dirs(lk, "jailrun.conf")) < 0)
		return -1;
	/* 2. the user's .local files, before the profile so that their
	 *    `ignore` lines reach it: NAME.local of the name that matched */
	local = local_name(matched ? matched : name, ".local");
	pol->local_used = jr_policy_intern(pol, local);
	if (lk->user_dir) {
		if (read_optional(&rd, in_dir(lk->user_dir,
					      strlen(lk->user_dir),
					      "globals.local")) < 0)
			return -1;
		if (read_optional(&rd, in_dir(lk->user_dir,
					      strlen(lk->user_dir), local)) < 0)
			return -1;
	}
	/* 3. the profile and its includes */
	if (!profile)
		return 0;
	if (log)
		log->profile = jr_policy_intern(pol, profile);
	return parse_file(&rd, profile, NULL);
}
