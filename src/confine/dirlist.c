/* dirlist.c - blacklisted paths known missing from one listing of their
 * directory (see dirlist.h).  Pure: reads directories, touches nothing. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "dirlist.h"
#include "util.h"

#define DIRLIST_MAX 8	   /* directories listed for one plan */
#define DIRLIST_MIN 4	   /* paths beneath one that make it worth it */
#define DIRLIST_NAMES 4096 /* names of one kept; more: not used */

#ifndef FS_CASEFOLD_FL
#define FS_CASEFOLD_FL 0x40000000
#endif

enum dl_state {
	DL_UNKNOWN, /* not read, or not to be trusted: look each path up */
	DL_MISSING, /* the directory does not exist (ENOENT) */
	DL_LISTED,
};

struct dirlist {
	char *dir; /* absolute, no trailing '/' */
	enum dl_state state;
	char **names; /* sorted */
	size_t n;
};

struct jr_dirlists {
	struct dirlist d[DIRLIST_MAX];
	size_t n;
};

bool jr_dirlist_trusted(int fd)
{
	struct statfs sf;
	int flags = 0;

	if (fstatfs(fd, &sf) < 0)
		return false;
	if (sf.f_type != EXT4_SUPER_MAGIC && sf.f_type != BTRFS_SUPER_MAGIC &&
	    sf.f_type != TMPFS_MAGIC)
		return false;
	/* a casefolded directory (ext4, tmpfs) finds ".SSH" as ".ssh" */
	return ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 &&
	       !(flags & FS_CASEFOLD_FL);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(struct dirlist *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	d->names = NULL;
	d->n = 0;
}

static void dirlist_read(struct dirlist *d)
{
	int fd = open(d->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t cap = 0;
	struct dirent *e;
	DIR *dir;

	d->state = DL_UNKNOWN;
	if (fd < 0) {
		if (errno == ENOENT)
			d->state = DL_MISSING;
		return;
	}
	if (!jr_dirlist_trusted(fd) || !(dir = fdopendir(fd))) {
		close(fd);
		return;
	}
	errno = 0;
	while ((e = readdir(dir))) {
		if (d->n == DIRLIST_NAMES) {
			free_names(d);
			closedir(dir);
			return;
		}
		if (d->n == cap) {
			char **more;

			cap = cap ? cap * 2 : 64;
			more = realloc(d->names, cap * sizeof(*d->names));
			if (!more) {
				free_names(d);
				closedir(dir);
				return;
			}
			d->names = more;
		}
		d->names[d->n++] = xstrdup(e->d_name);
	}
	if (errno) { /* a listing cut short says nothing */
		free_names(d);
		closedir(dir);
		return;
	}
	closedir(dir);
	qsort(d->names, d->n, sizeof(*d->names), name_cmp);
	d->state = DL_LISTED;
}

/* How many of PATHS are beneath DIR (of LEN bytes). */
static size_t beneath(const char *const *paths, size_t n, const char *dir,
		      size_t len)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += strncmp(paths[i], dir, len) == 0 && paths[i][len] == '/';
	return k;
}

static bool chosen(const struct jr_dirlists *dl, const char *dir, size_t len)
{
	for (size_t i = 0; i < dl->n; i++)
		if (strlen(dl->d[i].dir) == len &&
		    strncmp(dl->d[i].dir, dir, len) == 0)
			return true;
	return false;
}

struct jr_dirlists *jr_dirlists_new(const char *const *paths, size_t n)
{
	struct jr_dirlists *dl = xcalloc(1, sizeof(*dl));

	for (size_t i = 0; i < n && dl->n < DIRLIST_MAX; i++) {
		const char *p = paths[i];

		if (p[0] != '/')
			continue;
		/* the deepest parent of P with enough paths beneath */
		for (const char *s = strrchr(p, '/'); s > p;) {
			size_t len = (size_t)(s - p);

			if (beneath(paths, n, p, len) >= DIRLIST_MIN) {
				if (!chosen(dl, p, len)) {
					struct dirlist *d = &dl->d[dl->n++];

					d->dir = xasprintf("%.*s", (int)len, p);
					dirlist_read(d);
				}
				break;
			}
			while (--s > p && *s != '/')
				;
		}
	}
	return dl;
}

bool jr_dirlists_absent(const struct jr_dirlists *dl, const char *p)
{
	const struct dirlist *best = NULL;
	size_t blen = 0, clen;
	char name[NAME_MAX + 1];
	const char *c, *key = name;

	for (size_t i = 0; dl && i < dl->n; i++) {
		size_t len = strlen(dl->d[i].dir);

		if (len > blen && strncmp(p, dl->d[i].dir, len) == 0 &&
		    p[len] == '/') {
			best = &dl->d[i];
			blen = len;
		}
	}
	if (!best || best->state == DL_UNKNOWN)
		return false;
	if (best->state == DL_MISSING)
		return true;
	/* the next component, which the listing has or has not */
	c = p + blen + 1;
	clen = strcspn(c, "/");
	if (clen == 0 || clen > NAME_MAX || (clen == 1 && c[0] == '.') ||
	    (clen == 2 && c[0] == '.' && c[1] == '.'))
		return false;
	memcpy(name, c, clen);
	name[clen] = '\0';
	return !bsearch(&key, best->names, best->n, sizeof(*best->names),
			name_cmp);
}

size_t jr_dirlists_used(const struct jr_dirlists *dl)
{
	size_t k = 0;

	for (size_t i = 0; dl && i < dl->n; i++)
		k += dl->d[i].state != DL_UNKNOWN;
	return k;
}

void jr_dirlists_free(struct jr_dirlists *dl)
{
	if (!dl)
		return;
	for (size_t i = 0; i < dl->n; i++) {
		free_names(&dl->d[i]);
		free(dl->d[i].dir);
	}
	free(dl);
}
