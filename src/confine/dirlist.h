/* dirlist.h - blacklisted paths known missing from one listing of their
 * directory (issue 21).
 *
 * The default profile hides ~100 paths of the home directory, nearly all
 * missing on any one machine, and nearly all in a few directories (~,
 * ~/.config, ~/.local/share): one lstat each was the largest part of
 * planning.  One listing of such a directory answers for all its names:
 * a name it does not list is not there, as lstat would have said --
 * where the file system lists every name a lookup finds.  That is known
 * of ext2/3/4 and tmpfs without casefolding, and of btrfs; on any other
 * (case-insensitive, network, FUSE, autofs: lookups can find names no
 * listing shows) or where the listing cannot be read, every path is
 * looked up alone, as before.  A directory that does not exist answers
 * for everything beneath it.
 */
#ifndef JAILRUN_DIRLIST_H
#define JAILRUN_DIRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct jr_dirlists;

/* The directories worth a listing for PATHS (absolute, as expanded),
 * listed now: the deepest directory with at least 4 of them beneath,
 * at most 8 directories.  Never NULL. */
struct jr_dirlists *jr_dirlists_new(const char *const *paths, size_t n);
/* P is known to name nothing (false: not known; look it up). */
bool jr_dirlists_absent(const struct jr_dirlists *dl, const char *p);
/* How many directories were listed, or found missing. */
size_t jr_dirlists_used(const struct jr_dirlists *dl);
void jr_dirlists_free(struct jr_dirlists *dl);

/* The file-system check alone, for the tests: whether the directory
 * open at FD lists every name a lookup in it finds. */
bool jr_dirlist_trusted(int fd);

#endif
