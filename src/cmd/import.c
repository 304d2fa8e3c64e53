/* import.c - --convert-firejail=FILE prints one converted firejail
 * profile; --import-firejail[=DIR] converts every profile and include of
 * DIR into the import directory, which the profile lookup reads after
 * jailrun's own profiles (profile.c).
 *
 * Re-running an import replaces what the earlier one wrote and nothing
 * else: the names written are kept in a manifest (.jailrun-import), an
 * import first removes those, and never overwrites a file it did not
 * write.  A file the converter refuses (binary data, or a profile that
 * would enforce nothing where firejail's enforced something) is named
 * and not written. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "firejail.h"
#include "import.h"
#include "util.h"

#define MANIFEST ".jailrun-import"
#define IMPORT_FILES_MAX 8192 /* files of one firejail directory */
#define DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"

char *jr_import_user_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		return xasprintf("%s/jailrun/firejail", xdg);
	if (home && home[0] == '/')
		return xasprintf("%s/.config/jailrun/firejail", home);
	return NULL;
}

/* ${PATH}: the caller's PATH, as firejail expands it */
static struct jr_fj_opts fj_opts(const char *dir)
{
	const char *path = getenv("PATH");

	return (struct jr_fj_opts){
		.cfg_dir = JR_FIREJAIL_DIR,
		.dir = dir,
		.path = path && *path && strlen(path) < 4096 ? path :
							       DEFAULT_PATH,
	};
}

static bool is_include(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && strcmp(path + n - 4, ".inc") == 0;
}

static int convert_file(const char *path, char **out, struct jr_fj_counts *c,
			struct jr_err *err)
{
	cleanup_free char *copy = xstrdup(path);
	struct jr_fj_opts o = fj_opts(dirname(copy));
	cleanup_free char *buf = NULL;
	size_t len;
	int r = jr_read_file(path, JR_FJ_SIZE_MAX, &buf, &len);

	if (r == -EFBIG)
		return jr_fail(err, NULL, "%s: larger than %d KiB", path,
			       JR_FJ_SIZE_MAX / 1024);
	if (r < 0)
		return jr_fail(err, NULL, "%s: cannot read: %s", path,
			       jr_read_strerror(path, r));
	if (jr_firejail_convert(path, buf, len, &o, out, c, err) < 0)
		return -1;
	if (jr_firejail_lost_all(c) && is_include(path)) {
		warnx_jr("WARNING: %s: none of its %u confining directives "
			 "converted; the profiles that include it are judged "
			 "themselves",
			 path, c->enforcing_in);
	} else if (jr_firejail_lost_all(c)) {
		free(steal_ptr(out));
		return jr_fail(err, NULL,
			       "%s: the converted profile would enforce "
			       "nothing (%u of its directives confine, none "
			       "converted)",
			       path, c->enforcing_in);
	}
	return 0;
}

int jr_cmd_convert(const struct jr_command *cmd)
{
	cleanup_free char *out = NULL;
	struct jr_err err = { { 0 } };
	struct jr_fj_counts c;

	if (convert_file(cmd->convert_firejail, &out, &c, &err) < 0 || !out) {
		warnx_jr("%s", err.msg);
		return EXIT_JAILRUN;
	}
	fputs(out, stdout);
	if (cmd->verbosity)
		fprintf(stderr, "jailrun: %s: %u converted, %u not converted\n",
			cmd->convert_firejail, c.converted, c.not_converted);
	return 0;
}

/* mkdir -p DIR (MODE for what is made) */
static int make_dirs(const char *dir, mode_t mode)
{
	cleanup_free char *p = xstrdup(dir);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(p, mode) < 0 && errno != EEXIST ? -1 : 0;
}

/* A name the manifest may hold: one file beside it. */
static bool plain_name(const char *n)
{
	return *n && *n != '.' && !strchr(n, '/') && strlen(n) < 256;
}

/* Remove what the last import wrote (the manifest's names). */
static int remove_earlier(int dfd)
{
	cleanup_free char *text = NULL;
	char *save = NULL;
	size_t len;
	int r = 0;

	if (faccessat(dfd, MANIFEST, F_OK, 0) < 0)
		return 0;
	{
		cleanup_fd int fd = openat(dfd, MANIFEST,
					   O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		char path[64];

		if (fd < 0)
			return -1;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (jr_read_file(path, 1024 * 1024, &text, &len) < 0)
			return -1;
	}
	for (char *n = strtok_r(text, "\n", &save); n;
	     n = strtok_r(NULL, "\n", &save))
		if (plain_name(n) && unlinkat(dfd, n, 0) < 0 && errno != ENOENT)
			r = -1;
	return r;
}

static int write_at(int dfd, const char *name, const char *text, mode_t mode)
{
	char tmp[300];
	size_t len = strlen(text);
	cleanup_fd int fd = -1;

	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	unlinkat(dfd, tmp, 0);
	fd = openat(dfd, tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) < 0) {
		unlinkat(dfd, tmp, 0);
		return -1;
	}
	return renameat(dfd, tmp, dfd, name);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int wanted(const struct dirent *e)
{
	return plain_name(e->d_name) && jr_firejail_is_profile(e->d_name);
}

struct totals {
	unsigned files, written, refused, kept;
	unsigned long converted, not_converted;
};

static void import_one(const char *src, int dfd, const char *name,
		       FILE *manifest, struct totals *t, bool system)
{
	cleanup_free char *path = xasprintf("%s/%s", src, name);
	cleanup_free char *out = NULL;
	struct jr_err err = { { 0 } };
	struct jr_fj_counts c;
	struct stat st;

	t->files++;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	if (convert_file(path, &out, &c, &err) < 0 || !out) {
		warnx_jr("%s: not imported", err.msg);
		t->refused++;
		return;
	}
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		warnx_jr("%s: kept: a file the import did not write", name);
		t->kept++;
		return;
	}
	if (write_at(dfd, name, out, system ? 0644 : 0600) < 0) {
		warnx_jr("%s: cannot write: %s", name, strerror(errno));
		t->refused++;
		return;
	}
	fprintf(manifest, "%s\n", name);
	t->written++;
	t->converted += c.converted;
	t->not_converted += c.not_converted;
	printf("%s: %u converted, %u not converted\n", name, c.converted,
	       c.not_converted);
}

int jr_cmd_import(const struct jr_command *cmd)
{
	const char *src = cmd->import_dir ? cmd->import_dir : JR_FIREJAIL_DIR;
	cleanup_free char *dst = NULL;
	cleanup_free char *list = NULL;
	cleanup_fd int dfd = -1;
	struct dirent **names = NULL;
	struct totals t = { 0 };
	size_t listlen = 0;
	FILE *manifest;
	int n;

	if (cmd->import_system && geteuid() != 0) {
		warnx_jr("--import-firejail --system: only root writes %s",
			 JR_IMPORT_SYSTEM_DIR);
		return EXIT_JAILRUN;
	}
	dst = cmd->import_system ? xstrdup(JR_IMPORT_SYSTEM_DIR) :
				   jr_import_user_dir();
	if (!dst) {
		warnx_jr("--import-firejail: no home directory (set HOME or "
			 "XDG_CONFIG_HOME)");
		return EXIT_JAILRUN;
	}
	n = scandir(src, &names, wanted, by_name);
	if (n < 0) {
		warnx_jr("--import-firejail: %s: %s", src, strerror(errno));
		return EXIT_JAILRUN;
	}
	if (n > IMPORT_FILES_MAX ||
	    make_dirs(dst, cmd->import_system ? 0755 : 0700) < 0 ||
	    (dfd = open(dst, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    remove_earlier(dfd) < 0) {
		if (n > IMPORT_FILES_MAX)
			warnx_jr("--import-firejail: %s: more than %d files",
				 src, IMPORT_FILES_MAX);
		else
			warnx_jr("--import-firejail: %s: %s", dst,
				 strerror(errno));
		for (int i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return EXIT_JAILRUN;
	}
	manifest = open_memstream(&list, &listlen);
	if (!manifest)
		die("out of memory");
	for (int i = 0; i < n; i++) {
		import_one(src, dfd, names[i]->d_name, manifest, &t,
			   cmd->import_system);
		free(names[i]);
	}
	free(names);
	if (fclose(manifest) != 0 || write_at(dfd, MANIFEST, list, 0644) < 0) {
		warnx_jr("--import-firejail: %s/%s: %s", dst, MANIFEST,
			 strerror(errno));
		return EXIT_JAILRUN;
	}
	printf("imported %u of %u files from %s into %s: %lu directives "
	       "converted, %lu not converted; %u refused, %u kept\n",
	       t.written, t.files, src, dst, t.converted, t.not_converted,
	       t.refused, t.kept);
	return t.refused ? 1 : 0;
}
