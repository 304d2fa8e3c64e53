/* test-dirlist.c - blacklisted paths known missing from one listing of
 * their directory (dirlist.h): a name the listing lacks is missing, a
 * name it has, anything odd and anything elsewhere is left to a lookup,
 * and a missing directory answers for all beneath it. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirlist.h"
#include "tap.h"
#include "util.h"

static char *at(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char *t = xasprintf("%s/jr-dirlist.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	const char *names[] = { "a", "b", "x", "sub", "gone/p", "gone/q",
				"gone/r", "gone/s" };
	const char *paths[8];
	struct jr_dirlists *dl;
	bool trusted;
	int fd;

	if (!mkdtemp(t))
		return printf("Bail out! mkdtemp\n"), 1;
	for (size_t i = 0; i < 8; i++)
		paths[i] = at(t, names[i]);
	close(open(paths[2], O_WRONLY | O_CREAT, 0600)); /* x: a file */
	mkdir(paths[3], 0700);				  /* sub: a dir */
	fd = open(t, O_RDONLY | O_DIRECTORY);
	trusted = jr_dirlist_trusted(fd);
	close(fd);
	fd = open("/proc", O_RDONLY | O_DIRECTORY);
	ok(fd >= 0 && !jr_dirlist_trusted(fd),
	   "/proc's listings are not trusted (procfs)");
	if (fd >= 0)
		close(fd);

	dl = jr_dirlists_new(paths, 8);
	if (!trusted) {
		skip("the temporary directory's file system is not one whose "
		     "listings are trusted: only the fallback is checked");
		for (size_t i = 0; i < 4; i++)
			ok(!jr_dirlists_absent(dl, paths[i]),
			   "untrusted: %s left to a lookup", names[i]);
	} else {
		char *p;

		is_int(jr_dirlists_used(dl), 2,
		       "two directories: the listed one, the missing one");
		ok(jr_dirlists_absent(dl, paths[0]), "a name not listed: missing");
		ok(jr_dirlists_absent(dl, paths[1]), "another: missing");
		ok(!jr_dirlists_absent(dl, paths[2]), "a listed file: looked up");
		ok(!jr_dirlists_absent(dl, paths[3]), "a listed dir: looked up");
		p = at(t, "sub/y");
		ok(!jr_dirlists_absent(dl, p),
		   "beneath a listed name: looked up");
		free(p);
		ok(jr_dirlists_absent(dl, paths[4]),
		   "beneath a directory that does not exist: missing");
		p = at(t, "nothere/deeper");
		ok(jr_dirlists_absent(dl, p),
		   "beneath a name not listed: missing");
		free(p);
		p = at(t, "./x");
		ok(!jr_dirlists_absent(dl, p), "a '.' component: looked up");
		free(p);
		p = at(t, "../x");
		ok(!jr_dirlists_absent(dl, p), "a '..' component: looked up");
		free(p);
		p = at(t, "/x");
		ok(!jr_dirlists_absent(dl, p), "an empty component: looked up");
		free(p);
		ok(!jr_dirlists_absent(dl, "/nowhere/jailrun/a"),
		   "a path in no listed directory: looked up");
		ok(!jr_dirlists_absent(dl, t), "the directory itself: looked up");
	}
	jr_dirlists_free(dl);
	/* three paths beneath: not worth a listing */
	dl = jr_dirlists_new(paths, 3);
	is_int(jr_dirlists_used(dl), 0, "three paths: no listing");
	ok(!jr_dirlists_absent(dl, paths[0]), "... and each is looked up");
	jr_dirlists_free(dl);
	ok(!jr_dirlists_absent(NULL, paths[0]), "no listings: looked up");

	rmdir(paths[3]);
	unlink(paths[2]);
	rmdir(t);
	for (size_t i = 0; i < 8; i++)
		free((char *)paths[i]);
	free(t);
	return tap_done();
}
