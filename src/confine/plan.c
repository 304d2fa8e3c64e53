/* plan.c - the confinement plan as data: the primitives the planners
 * (confine.c, desktop.c) add mounts, Landlock rules, environment
 * changes and warnings with, and the expansion of the path variables
 * their keys use.  Pure: reads the environment and user-dirs.dirs,
 * touches nothing. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "names.h"
#include "plan.h"

const char *jr_confine_intern(struct jr_confine *plan, const char *s)
{
	return s ? jr_pool_intern(&plan->pool, s) : NULL;
}

void jr_confine_free(struct jr_confine *plan)
{
	if (plan)
		jr_pool_free(&plan->pool);
}

/* M with its strings copied into the plan */
static int mount_append(struct jr_confine *plan, struct jr_mount m,
			struct jr_err *err)
{
	if (plan->nmounts == JR_MOUNTS_MAX)
		return jr_fail(err, m.origin, "more than %d mounts",
			       JR_MOUNTS_MAX);
	m.src = jr_confine_intern(plan, m.src);
	m.dst = jr_confine_intern(plan, m.dst);
	m.content = jr_confine_intern(plan, m.content);
	m.origin = jr_confine_intern(plan, m.origin);
	plan->mounts[plan->nmounts++] = m;
	return 0;
}

int jr_confine_mount_add(struct jr_confine *plan, enum jr_mnt_phase phase,
			 enum jr_mnt_op op, const char *src, const char *dst,
			 bool optional, const char *origin, struct jr_err *err)
{
	return mount_append(plan,
			    (struct jr_mount){ .phase = phase, .op = op,
					       .src = src, .dst = dst,
					       .optional = optional,
					       .origin = origin },
			    err);
}

int jr_confine_tmpfs_add(struct jr_confine *plan, enum jr_mnt_phase phase,
			 const char *dst, unsigned mode, const char *origin,
			 struct jr_err *err)
{
	return mount_append(plan,
			    (struct jr_mount){ .phase = phase,
					       .op = JR_MNT_TMPFS, .dst = dst,
					       .mode = mode, .origin = origin },
			    err);
}

int jr_confine_file_add(struct jr_confine *plan, enum jr_mnt_phase phase,
			const char *dst, const char *content,
			const char *origin, struct jr_err *err)
{
	return mount_append(plan,
			    (struct jr_mount){ .phase = phase,
					       .op = JR_MNT_FILE, .dst = dst,
					       .content = content,
					       .origin = origin },
			    err);
}

bool jr_confine_top_replaced(const struct jr_confine *plan, const char *top)
{
	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *m = &plan->mounts[i];

		if (m->phase == JR_PH_HOME && strcmp(m->dst, top) == 0 &&
		    (m->op == JR_MNT_TMPFS ||
		     (m->op == JR_MNT_BIND && strcmp(m->src, m->dst) != 0)))
			return true;
	}
	return false;
}

const char *jr_confine_home_tmpfs(const struct jr_confine *plan)
{
	const char *home = jr_home_dir();

	for (size_t i = 0; home && i < plan->nmounts; i++)
		if (strcmp(plan->mounts[i].dst, home) == 0 &&
		    jr_confine_top_replaced(plan, home))
			return plan->mounts[i].dst;
	return NULL;
}

int jr_confine_ll_add(struct jr_confine *plan, const char *path,
		      unsigned access, bool optional, const char *origin,
		      struct jr_err *err)
{
	if (plan->nll == JR_LLRULES_MAX)
		return jr_fail(err, origin, "more than %d Landlock path rules",
			       JR_LLRULES_MAX);
	plan->ll[plan->nll++] = (struct jr_llrule){
		.path = jr_confine_intern(plan, path),
		.access = access,
		.optional = optional,
		.origin = jr_confine_intern(plan, origin),
	};
	return 0;
}

int jr_confine_setenv(struct jr_confine *plan, const char *name,
		      const char *value, struct jr_err *err)
{
	cleanup_free char *kv = xasprintf("%s=%s", name, value);

	if (plan->nenv_set == JR_CONFINE_ENV_MAX)
		return jr_fail(err, NULL, "too many environment changes");
	plan->env_set[plan->nenv_set++] = jr_confine_intern(plan, kv);
	return 0;
}

int jr_confine_unsetenv(struct jr_confine *plan, const char *name,
			struct jr_err *err)
{
	if (plan->nenv_unset == JR_CONFINE_ENV_MAX)
		return jr_fail(err, NULL, "too many environment changes");
	plan->env_unset[plan->nenv_unset++] = jr_confine_intern(plan, name);
	return 0;
}

void jr_confine_warn(struct jr_confine *plan, const char *fmt, ...)
{
	char buf[JR_ERR_MAX];
	va_list ap;

	if (plan->nwarnings == JR_WARNINGS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	plan->warnings[plan->nwarnings++] = jr_confine_intern(plan, buf);
}

void jr_confine_note(struct jr_confine *plan, const char *fmt, ...)
{
	char buf[JR_ERR_MAX];
	va_list ap;

	if (plan->nnotes == JR_NOTES_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	plan->notes[plan->nnotes++] = jr_confine_intern(plan, buf);
}

/* ---- path expansion ---------------------------------------------------- */

const char *jr_home_dir(void)
{
	const char *h = getenv("HOME");
	const struct passwd *pw;

	if (h && h[0] == '/')
		return h;
	pw = jr_getpwuid(getuid());
	return pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
}

/* NAME's value in ~/.config/user-dirs.dirs (XDG_DOWNLOAD_DIR="$HOME/x"),
 * with $HOME expanded; NULL when the file does not say. */
static char *user_dirs_lookup(const char *home, const char *name)
{
	cleanup_free char *file = NULL, *text = NULL;
	const char *cfg = getenv("XDG_CONFIG_HOME");
	size_t len, n = strlen(name);
	char *line, *save = NULL;

	file = cfg && cfg[0] == '/' ?
		       xasprintf("%s/user-dirs.dirs", cfg) :
		       xasprintf("%s/.config/user-dirs.dirs", home);
	if (jr_read_file(file, 64 * 1024, &text, &len) < 0)
		return NULL;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *v, *end;

		if (strncmp(line, name, n) != 0 || line[n] != '=' ||
		    line[n + 1] != '"')
			continue;
		v = line + n + 2;
		end = strchr(v, '"');
		if (!end)
			return NULL;
		*end = '\0';
		if (strncmp(v, "$HOME", 5) == 0)
			return xconcat(home, v + 5);
		return v[0] == '/' ? xstrdup(v) : NULL;
	}
	return NULL;
}

static const struct {
	const char *name;
	const char *fallback; /* under $HOME, when the environment is silent */
	bool user_dirs;       /* read ~/.config/user-dirs.dirs */
} path_vars[] = {
	{ "HOME", "", false },
	{ "XDG_CACHE_HOME", "/.cache", false },
	{ "XDG_CONFIG_HOME", "/.config", false },
	{ "XDG_DATA_HOME", "/.local/share", false },
	{ "XDG_DESKTOP_DIR", "/Desktop", true },
	{ "XDG_DOCUMENTS_DIR", "/Documents", true },
	{ "XDG_DOWNLOAD_DIR", "/Downloads", true },
	{ "XDG_MUSIC_DIR", "/Music", true },
	{ "XDG_PICTURES_DIR", "/Pictures", true },
	{ "XDG_PUBLICSHARE_DIR", "/Public", true },
	{ "XDG_RUNTIME_DIR", NULL, false },
	{ "XDG_STATE_HOME", "/.local/state", false },
	{ "XDG_TEMPLATES_DIR", "/Templates", true },
	{ "XDG_VIDEOS_DIR", "/Videos", true },
};

static char *var_value(const char *name, const char *where,
		       struct jr_err *err)
{
	const char *home = jr_home_dir();

	/* firejail's ${RUNUSER}: /run/user/UID, set or not (so a profile
	 * that hides something there hides it outside a session too) */
	if (strcmp(name, "RUNUSER") == 0)
		return xasprintf("/run/user/%u", (unsigned)getuid());
	for (size_t i = 0; i < ARRAY_SIZE(path_vars); i++) {
		const char *v;
		char *u;

		if (strcmp(path_vars[i].name, name) != 0)
			continue;
		v = getenv(name);
		if (v && v[0] == '/')
			return xstrdup(v);
		if (!path_vars[i].fallback) {
			jr_fail(err, where, "${%s} is not set", name);
			return NULL;
		}
		if (!home) {
			jr_fail(err, where, "${%s}: no home directory", name);
			return NULL;
		}
		if (path_vars[i].user_dirs && (u = user_dirs_lookup(home, name)))
			return u;
		return xconcat(home, path_vars[i].fallback);
	}
	jr_fail(err, where,
		"unknown variable ${%s} (known: HOME, XDG_RUNTIME_DIR, "
		"RUNUSER, XDG_CONFIG_HOME, XDG_DOWNLOAD_DIR, ...)",
		name);
	return NULL;
}

/* Collapse //, /./ and a trailing /; refuse '..' (a value from the
 * environment could bring one). */
static int normalise(char *p, const char *where, struct jr_err *err)
{
	char *out = p, *in = p;

	while (*in) {
		if (in[0] == '/' && (in[1] == '/' || !in[1])) {
			in++;
			continue;
		}
		if (in[0] == '/' && in[1] == '.' && (in[2] == '/' || !in[2])) {
			in += 2;
			continue;
		}
		if (in[0] == '/' && in[1] == '.' && in[2] == '.' &&
		    (in[3] == '/' || !in[3]))
			return jr_fail(err, where,
				       "'..' is not allowed in a path");
		*out++ = *in++;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
	return 0;
}

char *jr_path_expand(const char *path, const char *where, struct jr_err *err)
{
	cleanup_free char *head = NULL;
	const char *rest = path;
	char *full;

	if (path[0] == '~' && (path[1] == '/' || !path[1])) {
		const char *home = jr_home_dir();

		if (!home) {
			jr_fail(err, where, "'%s': no home directory", path);
			return NULL;
		}
		head = xstrdup(home);
		rest = path + 1;
	} else if (strncmp(path, "${", 2) == 0) {
		const char *end = strchr(path, '}');
		char name[64];

		if (!end || end - path - 2 >= (long)sizeof(name) ||
		    end == path + 2) {
			jr_fail(err, where, "'%s': expected ${NAME}", path);
			return NULL;
		}
		memcpy(name, path + 2, (size_t)(end - path - 2));
		name[end - path - 2] = '\0';
		head = var_value(name, where, err);
		if (!head)
			return NULL;
		rest = end + 1;
		if (*rest && *rest != '/') {
			jr_fail(err, where, "'%s': expected / after ${%s}",
				path, name);
			return NULL;
		}
	} else if (path[0] != '/') {
		jr_fail(err, where, "'%s': expected an absolute path", path);
		return NULL;
	}
	full = xconcat(head ? head : "", rest);
	if (full[0] != '/' || strlen(full) >= PATH_MAX ||
	    normalise(full, where, err) < 0) {
		if (full[0] != '/' || strlen(full) >= PATH_MAX)
			jr_fail(err, where, "'%s': not an absolute path (%.64s)",
				path, full);
		free(full);
		return NULL;
	}
	return full;
}

bool jr_path_unset_var(const char *path)
{
	const char *v;

	for (size_t i = 0; i < ARRAY_SIZE(path_vars); i++) {
		size_t n = strlen(path_vars[i].name);

		if (path_vars[i].fallback || strncmp(path, "${", 2) != 0 ||
		    strncmp(path + 2, path_vars[i].name, n) != 0 ||
		    path[n + 2] != '}')
			continue;
		v = getenv(path_vars[i].name);
		return !v || v[0] != '/';
	}
	return false;
}
