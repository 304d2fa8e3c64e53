/* learnfs.c - learning mode's files (learnfs.h).
 *
 * What a run did with each path becomes a Landlock grant: read and
 * write on the path itself, exec on a program, and write on the
 * directory holding a name it created or removed (Landlock checks that
 * on the directory).  Grants are then collapsed:
 *   - per-process names: everything under /proc is /proc, a terminal
 *     under /dev/pts is /dev/pts (their numbers change every run);
 *   - system trees: what was read or run under /usr/lib, /lib, ... is
 *     the tree, with exec (the kernel opens the loader with the exec
 *     right); what was read under /usr/share, ... is the tree;
 *   - numbers: a directory in which the runs read JR_LEARNFS_COLLAPSE
 *     files or more is read as a whole;
 * and never onto / , ~ itself, a directory above ~, or one that holds
 * (or is inside) a secret of disable-keys.inc/disable-secrets.inc:
 * those grants are refused instead, and the profile says how many. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "learnfs.h"

#define LL_R 1
#define LL_W 2
#define LL_X 4

static const char *const lib_trees[] = {
	"/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libexec",
	"/usr/local/lib", "/lib", "/lib32", "/lib64",
};
static const char *const data_trees[] = {
	"/usr/share", "/usr/local/share", "/usr/lib/locale",
};

int jr_lf_normalise(const char *path, char *out, size_t size)
{
	size_t len = 0;
	const char *p = path;

	if (!path || path[0] != '/' || size < 2)
		return -1;
	while (*p) {
		const char *start;
		size_t n;

		while (*p == '/')
			p++;
		start = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - start);
		if (n == 0 || (n == 1 && start[0] == '.'))
			continue;
		if (n == 2 && start[0] == '.' && start[1] == '.') {
			while (len > 0 && out[len] != '/')
				len--;
			continue;
		}
		if (len + 1 + n + 1 > size)
			return -1;
		out[len++] = '/';
		memcpy(out + len, start, n);
		len += n;
		out[len] = '\0';
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	return 0;
}

/* V (N items of SIZE) moved into twice the room (xcalloc: never NULL). */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	void *bigger;

	*cap = *cap ? 2 * *cap : 256;
	bigger = xcalloc(*cap, size);
	if (n)
		memcpy(bigger, v, n * size);
	free(v);
	return bigger;
}

static size_t find(const struct jr_learnfs *s, const char *path, bool *found)
{
	size_t lo = 0, hi = s->n;

	*found = false;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->v[mid].path, path);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void jr_learnfs_add(struct jr_learnfs *s, const char *path, unsigned access)
{
	char norm[4096];
	bool found;
	size_t at;

	access &= JR_LF_ALL;
	if (!access || jr_lf_normalise(path, norm, sizeof(norm)) < 0) {
		s->dropped++;
		return;
	}
	at = find(s, norm, &found);
	if (found) {
		s->v[at].access |= access;
		return;
	}
	if (s->n >= JR_LEARNFS_MAX) {
		s->dropped++;
		return;
	}
	if (s->n == s->cap)
		s->v = grow(s->v, s->n, &s->cap, sizeof(*s->v));
	memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof(*s->v));
	s->v[at].path = xstrdup(norm);
	s->v[at].access = access;
	s->n++;
}

unsigned jr_learnfs_access(const struct jr_learnfs *s, const char *path)
{
	bool found;
	size_t at = find(s, path, &found);

	return found ? s->v[at].access : 0;
}

void jr_learnfs_free(struct jr_learnfs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].path);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void jr_lf_letters(unsigned access, char out[5])
{
	static const char letters[] = "rwcx";
	size_t n = 0;

	for (int i = 0; i < 4; i++)
		if (access & (1u << i))
			out[n++] = letters[i];
	out[n] = '\0';
}

int jr_lf_parse_letters(const char *s, unsigned *access)
{
	*access = 0;
	for (; *s; s++) {
		const char *at = strchr("rwcx", *s);

		if (!at)
			return -1;
		*access |= 1u << (at - "rwcx");
	}
	return *access ? 0 : -1;
}

bool jr_lf_writable(const char *path)
{
	size_t n = strlen(path);

	if (!n || path[0] == '~' || path[0] == ' ' || path[n - 1] == ' ')
		return false;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == ',' ||
		    *p == '$' || *p == '#' || *p == '"' || *p == '\\')
			return false;
	return true;
}

/* ---- collapsing -------------------------------------------------------- */

struct grant {
	char *path;
	unsigned ll;
	const char *why;
};

struct grants {
	struct grant *v;
	size_t n, cap;
};

static void grant_add(struct grants *g, const char *path, unsigned ll,
		      const char *why)
{
	if (g->n == g->cap)
		g->v = grow(g->v, g->n, &g->cap, sizeof(*g->v));
	g->v[g->n++] = (struct grant){ xstrdup(path), ll, why };
}

static unsigned effective(unsigned ll)
{
	return ll | (ll & (LL_W | LL_X) ? LL_R : 0);
}

static const char *tree_of(const char *path, const char *const *trees,
			   size_t n)
{
	const char *best = NULL;

	for (size_t i = 0; i < n; i++)
		if (jr_path_beneath(path, trees[i]) &&
		    (!best || strlen(trees[i]) > strlen(best)))
			best = trees[i];
	return best;
}

/* A directory that no collapse and no grant may reach. */
static bool forbidden(const char *dir, const struct jr_lfvars *vars,
		      const char *const *secrets, size_t nsecrets)
{
	if (strcmp(dir, "/") == 0)
		return true;
	if (vars->home && vars->home[0] && jr_path_beneath(vars->home, dir))
		return true; /* ~ itself or above it */
	for (size_t i = 0; i < nsecrets; i++)
		if (jr_path_beneath(secrets[i], dir) ||
		    jr_path_beneath(dir, secrets[i]))
			return true;
	return false;
}

static void refuse(struct jr_lfrules *out, const char *path, const char *what)
{
	if (!out->refused++)
		snprintf(out->refused_example, sizeof(out->refused_example),
			 "%s on %.200s", what, path);
}

static void parent_of(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash && slash != path ? (size_t)(slash - path) : 1;

	if (n >= size)
		n = size - 1;
	memmove(out, path, n);
	out[n] = '\0';
}

/* One path's grants, with the fixed collapses applied. */
static void grants_of(struct grants *g, const struct jr_lfpath *p,
		      const struct jr_lfvars *vars, const char *const *secrets,
		      size_t nsecrets, struct jr_lfrules *out)
{
	unsigned ll = (p->access & JR_LF_READ ? LL_R : 0) |
		      (p->access & JR_LF_WRITE ? LL_W : 0) |
		      (p->access & JR_LF_EXEC ? LL_X : 0);
	const char *tree;

	if (p->access & JR_LF_CREATE) {
		char dir[4096];

		parent_of(p->path, dir, sizeof(dir));
		if (jr_path_beneath(dir, "/proc"))
			ll |= LL_W;
		else if (forbidden(dir, vars, secrets, nsecrets))
			refuse(out, dir, "write");
		else
			grant_add(g, dir, LL_W, NULL);
	}
	if (!ll)
		return;
	if (jr_path_beneath(p->path, "/proc")) {
		grant_add(g, "/proc", ll & ~LL_X, "proc");
		return;
	}
	if (jr_path_beneath(p->path, "/dev/pts") &&
	    strcmp(p->path, "/dev/pts") != 0) {
		grant_add(g, "/dev/pts", ll, "pts");
		return;
	}
	if (!(ll & LL_W)) {
		tree = tree_of(p->path, data_trees, ARRAY_SIZE(data_trees));
		if (tree) {
			grant_add(g, tree, ll, "data");
			return;
		}
		tree = tree_of(p->path, lib_trees, ARRAY_SIZE(lib_trees));
		if (tree) {
			grant_add(g, tree, LL_X, "lib");
			return;
		}
	}
	if ((ll & ~LL_X) && forbidden(p->path, vars, secrets, nsecrets)) {
		refuse(out, p->path, ll & LL_W ? "write" : "read");
		ll &= LL_X;
		if (!ll)
			return;
	}
	grant_add(g, p->path, ll, NULL);
}

static int by_path(const void *a, const void *b)
{
	const struct grant *x = a, *y = b;

	return strcmp(x->path, y->path);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories in which JR_LEARNFS_COLLAPSE files or more were read as
 * used (not collapsed already): read as a whole. */
static void collapse_numbers(struct grants *g, const struct jr_lfvars *vars,
			     const char *const *secrets, size_t nsecrets)
{
	char **dirs = xcalloc(g->n + 1, sizeof(*dirs));
	size_t n = 0;

	for (size_t i = 0; i < g->n; i++) {
		char dir[4096];

		if (g->v[i].why || g->v[i].ll != LL_R)
			continue;
		parent_of(g->v[i].path, dir, sizeof(dir));
		dirs[n++] = xstrdup(dir);
	}
	if (n)
		qsort(dirs, n, sizeof(*dirs), by_str);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && strcmp(dirs[j], dirs[i]) == 0; j++)
			;
		if (j - i >= JR_LEARNFS_COLLAPSE &&
		    !forbidden(dirs[i], vars, secrets, nsecrets))
			grant_add(g, dirs[i], LL_R, "numbers");
	}
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}

/* The grant for exactly PATH in the sorted G, or NULL. */
static const struct grant *lookup(const struct grants *g, const char *path)
{
	size_t lo = 0, hi = g->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(g->v[mid].path, path);

		if (c == 0)
			return &g->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* What the directories above PATH grant. */
static unsigned granted_above(const struct grants *g, const char *path)
{
	char dir[4096];
	unsigned have = 0;

	snprintf(dir, sizeof(dir), "%s", path);
	while (strcmp(dir, "/") != 0) {
		const struct grant *up;

		parent_of(dir, dir, sizeof(dir));
		up = lookup(g, dir);
		if (up)
			have |= effective(up->ll);
	}
	return have;
}

/* Merge equal paths; drop what a directory above grants already. */
static void reduce(struct grants *g)
{
	size_t w = 0;

	if (!g->n)
		return; /* g->v may be NULL: qsort's is declared nonnull */
	qsort(g->v, g->n, sizeof(*g->v), by_path);
	for (size_t i = 0; i < g->n; i++) {
		if (w && strcmp(g->v[w - 1].path, g->v[i].path) == 0) {
			g->v[w - 1].ll |= g->v[i].ll;
			if (!g->v[w - 1].why)
				g->v[w - 1].why = g->v[i].why;
			free(g->v[i].path);
			continue;
		}
		g->v[w++] = g->v[i];
	}
	g->n = w;
	for (size_t i = 0; i < g->n; i++) {
		unsigned need = effective(g->v[i].ll);

		if ((need & granted_above(g, g->v[i].path)) == need)
			g->v[i].why = "covered";
	}
	w = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (g->v[i].why && strcmp(g->v[i].why, "covered") == 0) {
			free(g->v[i].path);
			continue;
		}
		g->v[w++] = g->v[i];
	}
	g->n = w;
}

char *jr_lf_substitute(const char *path, const struct jr_lfvars *vars)
{
	const struct {
		const char *name, *value;
	} v[] = {
		{ "${XDG_RUNTIME_DIR}", vars->runtime },
		{ "${XDG_DOWNLOAD_DIR}", vars->download },
		{ "${XDG_CACHE_HOME}", vars->cache },
		{ "${XDG_CONFIG_HOME}", vars->config },
		{ "${HOME}", vars->home },
	};
	size_t best = ARRAY_SIZE(v), best_len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		size_t n = v[i].value ? strlen(v[i].value) : 0;

		if (n > 1 && n > best_len && jr_path_beneath(path, v[i].value)) {
			best = i;
			best_len = n;
		}
	}
	if (best == ARRAY_SIZE(v))
		return xstrdup(path);
	return xconcat(v[best].name, path + best_len);
}

void jr_learnfs_rules(const struct jr_learnfs *s, const struct jr_lfvars *vars,
		      const char *const *secrets, size_t nsecrets,
		      struct jr_lfrules *out)
{
	struct grants g = { 0 };

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < s->n; i++)
		grants_of(&g, &s->v[i], vars, secrets, nsecrets, out);
	collapse_numbers(&g, vars, secrets, nsecrets);
	reduce(&g);
	for (size_t i = 0; i < g.n; i++) {
		char *p = jr_lf_substitute(g.v[i].path, vars);

		if (!jr_lf_writable(g.v[i].path)) {
			refuse(out, g.v[i].path, "a rule (not writable in a "
						 "profile)");
			free(p);
		} else if (out->n >= JR_LEARNFS_RULES_MAX) {
			out->over++;
			free(p);
		} else {
			out->v[out->n++] = (struct jr_lfrule){ p, g.v[i].ll,
								g.v[i].why };
		}
		free(g.v[i].path);
	}
	free(g.v);
}

void jr_lfrules_free(struct jr_lfrules *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].path);
	r->n = 0;
}

void jr_learnfs_header(FILE *f)
{
	fprintf(f,
		"# files: each path as used (read, write, exec), and write on "
		"the directory\n"
		"#   of a name created or removed; collapsed: /proc/* to /proc, "
		"/dev/pts/*\n"
		"#   to /dev/pts; what was read or run under /usr/lib, /lib, "
		"... to the tree\n"
		"#   (exec: the loader is there); what was read under "
		"/usr/share, ... to the\n"
		"#   tree; a directory in which %d files or more were read, to "
		"the directory;\n"
		"#   never onto /, ~ or above it, or where a secret of "
		"disable-keys.inc or\n"
		"#   disable-secrets.inc is.  ~ and the XDG directories are "
		"written as ${...}.\n",
		JR_LEARNFS_COLLAPSE);
}
