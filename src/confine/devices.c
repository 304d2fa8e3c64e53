/* devices.c - the device classes: which of the host's /dev nodes a
 * sandbox sees.  The classes and their nodes are firejail's
 * (src/firejail/fs_dev.c of firejail 0.9.72 and later; firejail(1),
 * firejail-profile(5): private-dev, no3d, nodvd, nosound, notv, nou2f,
 * novideo, noinput), plus /dev/v4l (udev's links to the video nodes):
 *
 *   class  hidden by    nodes
 *   sound  sound = no   /dev/snd, /dev/shm/jack* (JACK's sockets)
 *   3d     no3d         /dev/dri, /dev/kfd, /dev/nvidia[0-9]*,
 *                       /dev/nvidiactl, /dev/nvidia-modeset, /dev/nvidia-uvm
 *   video  novideo      /dev/video[0-9]*, /dev/v4l
 *   dvd    nodvd        /dev/sr[0-9]*, /dev/cdrom, /dev/cdrw, /dev/dvd,
 *                       /dev/dvdrw
 *   tv     notv         /dev/dvb
 *   u2f    nou2f        /dev/hidraw[0-9]*, /dev/usb
 *   input  noinput      /dev/input
 *
 * Without private-dev, each class whose key is set has its nodes hidden
 * (an empty read-only file or directory over each, as blacklist does;
 * a link is followed to the node it names).  With private-dev, each
 * class whose key is not set is bound into the new /dev, as firejail's
 * private-dev keeps them; the others are not there at all.
 *
 * A fixed name is planned whether it exists or not (the mounts are
 * optional: a directory that appears between the plan and the mount is
 * still covered); a pattern is matched against what the directory holds
 * now, links left out (udev's links name nodes a pattern or a fixed
 * name covers).  Pure: reads the directory given (lstat, readdir),
 * touches nothing. */
#include "config.h"

#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "devices.h"

/* nodes one pattern may match: more is refused rather than half hidden */
#define DEV_MATCH_MAX 64
#define DEV_SOUND -1 /* the sound class: sound = no, not a no* key */

struct devclass {
	const char *name;
	int key;                 /* JR_DEV_*, or DEV_SOUND */
	const char *fixed[7];    /* names below /dev, NULL-ended */
	const char *patterns[2]; /* [DIR/]GLOB below /dev, NULL-ended */
};

static const struct devclass classes[] = {
	{ "sound", DEV_SOUND, { "snd" }, { "shm/jack*" } },
	{ "3d",
	  JR_DEV_3D,
	  { "dri", "kfd", "nvidiactl", "nvidia-modeset", "nvidia-uvm" },
	  { "nvidia[0-9]*" } },
	{ "video", JR_DEV_VIDEO, { "v4l" }, { "video[0-9]*" } },
	{ "dvd",
	  JR_DEV_DVD,
	  { "cdrom", "cdrw", "dvd", "dvdrw" },
	  { "sr[0-9]*" } },
	{ "tv", JR_DEV_TV, { "dvb" }, { NULL } },
	{ "u2f", JR_DEV_U2F, { "usb" }, { "hidraw[0-9]*" } },
	{ "input", JR_DEV_INPUT, { "input" }, { NULL } },
};

static const char *const key_names[JR_DEV_N] = {
	[JR_DEV_3D] = "no3d",       [JR_DEV_DVD] = "nodvd",
	[JR_DEV_INPUT] = "noinput", [JR_DEV_TV] = "notv",
	[JR_DEV_U2F] = "nou2f",     [JR_DEV_VIDEO] = "novideo",
};

static const char *class_key(const struct devclass *c)
{
	return c->key == DEV_SOUND ? "sound = no" : key_names[c->key];
}

static bool class_hidden(const struct jr_policy *pol, const struct devclass *c)
{
	return c->key == DEV_SOUND ? pol->sound == 0 : pol->nodev[c->key];
}

/* What one class's planning is doing: the mount it adds for each node,
 * and the names found, for the note. */
struct devrun {
	struct jr_confine *plan;
	const char *devdir;
	bool bind;          /* into private-dev; else hidden */
	const char *origin; /* "novideo", "private-dev: video" */
	char found[256];
	size_t nfound;
};

/* NAME (below /dev) into the plan; noted when it exists now. */
static int add_node(struct devrun *r, const char *name, bool exists,
		    struct jr_err *err)
{
	cleanup_free char *p = xasprintf("/dev/%s", name);
	size_t used = strlen(r->found);
	int rc;

	rc = r->bind ? jr_confine_mount_add(r->plan, JR_PH_DEV, JR_MNT_BIND, p,
					    p, true, r->origin, err) :
		       jr_confine_mount_add(r->plan, JR_PH_HIDE, JR_MNT_HIDE,
					    NULL, p, true, r->origin, err);
	if (rc < 0 || !exists)
		return rc;
	if (used < sizeof(r->found))
		snprintf(r->found + used, sizeof(r->found) - used, "%s%s",
			 r->nfound ? " " : "", p);
	r->nfound++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct matches {
	char *names[DEV_MATCH_MAX];
	size_t n;
};

static void matches_free(struct matches *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->names[i]);
	m->n = 0;
}

/* Whether NAME in DIR is a link, or gone already. */
static bool link_or_gone(const char *dir, const char *name)
{
	cleanup_free char *full = xasprintf("%s/%s", dir, name);
	struct stat st = { 0 };

	return lstat(full, &st) < 0 || S_ISLNK(st.st_mode);
}

/* The entries of DIR (below DEVDIR) that GLOB matches, links left out,
 * sorted.  A directory that cannot be read holds none. */
static int match(const char *devdir, const char *dir, const char *glob,
		 struct matches *m, const char *origin, struct jr_err *err)
{
	cleanup_free char *path = dir ? xasprintf("%s/%s", devdir, dir) :
					xstrdup(devdir);
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || fnmatch(glob, e->d_name, 0) != 0 ||
		    link_or_gone(path, e->d_name))
			continue;
		if (m->n == DEV_MATCH_MAX) {
			closedir(d);
			matches_free(m);
			return jr_fail(err, origin,
				       "more than %d nodes %s/%s: refused "
				       "rather than half hidden",
				       DEV_MATCH_MAX, path, glob);
		}
		m->names[m->n++] = dir ? xasprintf("%s/%s", dir, e->d_name) :
					 xstrdup(e->d_name);
	}
	closedir(d);
	qsort(m->names, m->n, sizeof(m->names[0]), cmp_names);
	return 0;
}

static int add_pattern(struct devrun *r, const char *pattern,
		       struct jr_err *err)
{
	cleanup_free char *dir = xstrdup(pattern);
	char *slash = strrchr(dir, '/');
	const char *glob = pattern;
	struct matches m = { .n = 0 };
	int rc = 0;

	if (slash) {
		*slash = '\0';
		glob = slash + 1;
	}
	if (match(r->devdir, slash ? dir : NULL, glob, &m, r->origin, err) < 0)
		return -1;
	for (size_t i = 0; i < m.n && rc == 0; i++)
		rc = add_node(r, m.names[i], true, err);
	matches_free(&m);
	return rc;
}

/* The names a class has, as a note says them: "/dev/dri /dev/kfd ..." */
static void class_names(const struct devclass *c, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; c->fixed[i] && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s/dev/%s",
					 used ? ", " : "", c->fixed[i]);
	for (size_t i = 0; c->patterns[i] && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s/dev/%s",
					 used ? ", " : "", c->patterns[i]);
}

static int plan_class(const struct jr_policy *pol, const char *devdir,
		      const struct devclass *c, struct jr_confine *plan,
		      struct jr_err *err)
{
	bool hidden = class_hidden(pol, c);
	cleanup_free char *origin = NULL;
	struct devrun r = { .plan = plan, .devdir = devdir };
	char names[256];

	if (pol->private_dev && hidden) {
		jr_confine_note(plan, "private-dev: %s left out (%s)", c->name,
				class_key(c));
		return 0;
	}
	if (!pol->private_dev && !hidden)
		return 0; /* the host's /dev as it is */
	r.bind = pol->private_dev;
	origin = r.bind ? xasprintf("private-dev: %s", c->name) :
			  xstrdup(class_key(c));
	r.origin = origin;
	for (size_t i = 0; c->fixed[i]; i++) {
		cleanup_free char *p = xasprintf("%s/%s", devdir, c->fixed[i]);
		struct stat st;

		if (add_node(&r, c->fixed[i], lstat(p, &st) == 0, err) < 0)
			return -1;
	}
	for (size_t i = 0; c->patterns[i]; i++)
		if (add_pattern(&r, c->patterns[i], err) < 0)
			return -1;
	class_names(c, names, sizeof(names));
	if (!r.nfound)
		jr_confine_note(plan,
				"%s: no %s device here (%s): nothing to %s",
				r.origin, c->name, names,
				r.bind ? "keep" : "hide");
	else
		jr_confine_note(plan, "%s: %s %s", r.origin,
				r.bind ? "keeps" : "hides", r.found);
	return 0;
}

int jr_devices_plan(const struct jr_policy *pol, const char *devdir,
		    struct jr_confine *plan, struct jr_err *err)
{
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
		if (plan_class(pol, devdir, &classes[i], plan, err) < 0)
			return -1;
	return 0;
}
