/* shortcuts.c - desktop integration: for every installed program with a
 * shipped profile, a symlink named after it that runs it through jailrun,
 * and copies of its .desktop files whose Exec= goes through jailrun.  A
 * manifest lists what was made, so that removal undoes exactly that and
 * never touches a file jailrun did not write. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "launch.h"
#include "shortcuts.h"

#define DESKTOP_MAX (64 * 1024) /* bytes in one .desktop file */
#define MARK "X-Jailrun-Shortcut=true"

static int mkdirs(const char *path)
{
	cleanup_free char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			return -errno;
		*s = '/';
	}
	return mkdir(p, 0755) < 0 && errno != EEXIST ? -errno : 0;
}

static void remember(FILE *manifest, const char *path)
{
	fprintf(manifest, "%s\n", path);
}

/* A symlink BIN/NAME -> SELF, unless something else is there. */
static int link_one(const struct jr_shortcut_dirs *d, const char *name,
		    FILE *manifest, struct jr_shortcut_log *log)
{
	cleanup_free char *link = xasprintf("%s/%s", d->bin, name);
	struct stat st;

	if (lstat(link, &st) == 0) {
		if (stat(link, &st) == 0 && jr_is_self(&st))
			return 0; /* ours already */
		log->skipped++;
		return 0; /* not ours: left alone */
	}
	if (symlink(d->self, link) < 0)
		return -errno;
	remember(manifest, link);
	log->links++;
	return 0;
}

/* The first word of an Exec= value names NAME (as NAME or /path/NAME). */
static bool execs(const char *exec, const char *name)
{
	size_t n = strcspn(exec, " \t");
	const char *slash = memrchr(exec, '/', n);
	const char *base = slash ? slash + 1 : exec;

	return (size_t)(exec + n - base) == strlen(name) &&
	       strncmp(base, name, strlen(name)) == 0;
}

/* Copy one .desktop file with every Exec= prefixed by jailrun. */
static int desktop_one(const struct jr_shortcut_dirs *d, const char *src,
		       const char *file, const char *name, FILE *manifest,
		       struct jr_shortcut_log *log)
{
	cleanup_free char *text = NULL;
	cleanup_free char *dst = xasprintf("%s/%s", d->apps, file);
	cleanup_fclose FILE *out = NULL;
	char *save = NULL;
	size_t len;

	if (jr_read_file(src, DESKTOP_MAX, &text, &len) < 0 ||
	    memchr(text, '\0', len))
		return 0;
	if (access(dst, F_OK) == 0) {
		log->skipped++;
		return 0;
	}
	out = fopen(dst, "wxe");
	if (!out)
		return -errno;
	for (char *line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "Exec=", 5) == 0 && execs(line + 5, name))
			fprintf(out, "Exec=%s %s\n", d->self, line + 5);
		else if (strncmp(line, "TryExec=", 8) != 0)
			fprintf(out, "%s\n", line);
		if (strcmp(line, "[Desktop Entry]") == 0)
			fprintf(out, "%s\n", MARK);
	}
	remember(manifest, dst);
	log->desktops++;
	return ferror(out) ? -EIO : 0;
}

/* The .desktop files of the data dirs whose main Exec= is NAME. */
static int desktops(const struct jr_shortcut_dirs *d, const char *name,
		    FILE *manifest, struct jr_shortcut_log *log)
{
	cleanup_free char *dirs = xstrdup(d->data_dirs);
	char *save = NULL;
	int r = 0;

	for (char *dir = strtok_r(dirs, ":", &save); dir && r == 0;
	     dir = strtok_r(NULL, ":", &save)) {
		cleanup_free char *apps = xasprintf("%s/applications", dir);
		DIR *dp = opendir(apps);
		struct dirent *e;

		if (!dp)
			continue;
		while ((e = readdir(dp)) && r == 0) {
			size_t n = strlen(e->d_name);
			cleanup_free char *src = NULL;
			cleanup_free char *text = NULL;
			size_t len;
			char *exec;

			if (n < 9 || strcmp(e->d_name + n - 8, ".desktop") != 0)
				continue;
			src = xasprintf("%s/%s", apps, e->d_name);
			if (jr_read_file(src, DESKTOP_MAX, &text, &len) < 0)
				continue;
			exec = strstr(text, "\nExec=");
			if (exec && execs(exec + 6, name))
				r = desktop_one(d, src, e->d_name, name,
						manifest, log);
		}
		closedir(dp);
	}
	return r;
}

int jr_shortcuts_install(const struct jr_shortcut_dirs *d,
			 char *const *names, struct jr_shortcut_log *log,
			 struct jr_err *err)
{
	cleanup_fclose FILE *manifest = NULL;
	int r = 0;

	if (mkdirs(d->bin) < 0 || mkdirs(d->apps) < 0 || mkdirs(d->state) < 0)
		return jr_fail(err, NULL, "creating %s, %s or %s: %s", d->bin,
			       d->apps, d->state, strerror(errno));
	manifest = fopen(d->manifest, "ae");
	if (!manifest)
		return jr_fail(err, NULL, "%s: %s", d->manifest,
			       strerror(errno));
	for (size_t i = 0; names[i] && r == 0; i++) {
		r = link_one(d, names[i], manifest, log);
		if (r == 0)
			r = desktops(d, names[i], manifest, log);
	}
	if (r < 0)
		return jr_fail(err, NULL, "making shortcuts: %s", strerror(-r));
	return 0;
}

/* Remove PATH if it is still what jailrun made: a link to jailrun, or a
 * .desktop file with jailrun's mark. */
static bool ours(const char *path)
{
	cleanup_free char *text = NULL;
	struct stat st;
	size_t len;

	if (lstat(path, &st) < 0)
		return false;
	if (S_ISLNK(st.st_mode))
		return stat(path, &st) < 0 || jr_is_self(&st);
	return S_ISREG(st.st_mode) &&
	       jr_read_file(path, DESKTOP_MAX, &text, &len) == 0 &&
	       strstr(text, "\n" MARK "\n") != NULL;
}

int jr_shortcuts_remove(const struct jr_shortcut_dirs *d,
			struct jr_shortcut_log *log, struct jr_err *err)
{
	cleanup_free char *text = NULL;
	char *save = NULL;
	size_t len;
	int r = jr_read_file(d->manifest, 1024 * 1024, &text, &len);

	if (r == -ENOENT)
		return 0; /* nothing was installed */
	if (r < 0)
		return jr_fail(err, NULL, "%s: %s", d->manifest, strerror(-r));
	for (char *p = strtok_r(text, "\n", &save); p;
	     p = strtok_r(NULL, "\n", &save)) {
		if (!ours(p)) {
			log->skipped++;
			continue;
		}
		if (unlink(p) == 0)
			log->removed++;
	}
	unlink(d->manifest);
	rmdir(d->state);
	return 0;
}
