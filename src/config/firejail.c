/* firejail.c - firejail profile text to jailrun profile text.
 *
 * Each firejail line becomes jailrun lines with firejail's meaning, or a
 * "# not converted: LINE (why)" comment: nothing is dropped silently.
 * Three kinds of translation:
 *
 *   - keys with the same name and value syntax in both (private-dev,
 *     caps.drop, noroot, private-etc, ...): converted when jailrun's key
 *     table has the key, looked up at conversion time, so a key added to
 *     jailrun later converts without a change here (same_name[]);
 *   - keys whose name or value changes (nosound -> sound = no, env ->
 *     env.set, dbus-user.talk -> dbus.user.talk, ...): renamed[] and the
 *     special cases of convert_directive();
 *   - firejail's macros in paths (${DOWNLOADS} -> ${XDG_DOWNLOAD_DIR},
 *     ${PATH} -> one rule per directory): macros[].
 *
 * Order: firejail's noblacklist exempts a path from the blacklists that
 * come after it (usually in an include further down); jailrun's
 * `blacklist = !PATH` takes back the blacklists read before it.  So the
 * noblacklist lines of a file are written at its end, after its includes.
 * firejail's allow-*.inc files hold only noblacklist lines: their
 * includes move to the end too.  A noblacklist in another include that
 * precedes the one with the blacklist does not reach it: the path stays
 * hidden, stricter than firejail.
 *
 * Conditions (?NAME: LINE) are decided as firejail decides them for a
 * plain `firejail PROGRAM` with Debian's firejail.config: the HAS_* ones
 * (set by --appimage, --net, --nodbus, --nosound, --private, --x11) and
 * ALLOW_TRAY and BROWSER_ALLOW_DRM are false, BROWSER_DISABLE_U2F is
 * true. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "firejail.h"
#include "options.h"

#define WIDTH 78        /* comments are wrapped here */
#define VALUE_WIDTH 160 /* a longer list is split over lines */
#define DEFER_MAX 512   /* noblacklist lines of one file */

struct conv {
	const struct jr_fj_opts *o;
	FILE *out;
	struct jr_fj_counts *c;
	char *defer[DEFER_MAX]; /* "blacklist = !PATH" lines, written last */
	size_t ndefer;
	bool ipc; /* ipc-namespace: a new IPC namespace after all */
	const char *name;
	int lineno;
	struct jr_err *err;
};

/* ---- tables ------------------------------------------------------------ */

/* How a value is written. */
enum fj_val {
	V_FLAG,  /* bare in firejail: KEY = yes */
	V_LIST,  /* a comma-separated list, copied (split when long) */
	V_PATH,  /* one path, macros translated */
	V_PATH2, /* SRC,DST: two paths */
	V_ONE,   /* one value, copied */
};

/* firejail keys jailrun has under the same name with the same value
 * syntax: converted when jr_key_find() knows the key. */
static const struct {
	const char *name;
	enum fj_val val;
} same_name[] = {
	{ "bind", V_PATH2 },         { "blacklist", V_PATH },
	{ "caps.drop", V_LIST },     { "caps.keep", V_LIST },
	{ "disable-mnt", V_FLAG },   { "dns", V_ONE },
	{ "hostname", V_ONE },
	{ "machine-id", V_FLAG },    { "memory-deny-write-execute", V_FLAG },
	{ "mkdir", V_PATH },         { "mkfile", V_PATH },
	{ "no3d", V_FLAG },          { "nodvd", V_FLAG },
	{ "noexec", V_PATH },        { "nogroups", V_FLAG },
	{ "noinput", V_FLAG },       { "noroot", V_FLAG },
	{ "notv", V_FLAG },          { "nou2f", V_FLAG },
	{ "novideo", V_FLAG },       { "nowhitelist", V_PATH },
	{ "private", V_FLAG },       { "private-bin", V_LIST },
	{ "private-cache", V_FLAG }, { "private-dev", V_FLAG },
	{ "private-etc", V_LIST },   { "private-opt", V_LIST },
	{ "private-srv", V_LIST },
	{ "private-tmp", V_FLAG },   { "protocol", V_LIST },
	{ "read-only", V_PATH },     { "read-write", V_PATH },
	{ "seccomp.drop", V_LIST },  { "seccomp.keep", V_LIST },
	{ "tmpfs", V_PATH },         { "whitelist", V_PATH },
	{ "whitelist-ro", V_PATH },  { "writable-run-user", V_FLAG },
	{ "writable-var", V_FLAG },
};

/* firejail keys whose jailrun key has another name (and a fixed value
 * for a bare flag). */
static const struct {
	const char *fj, *jr;
	enum fj_val val;
	const char *value; /* V_FLAG: the value written */
} renamed[] = {
	{ "blacklist-nolog", "blacklist", V_PATH, NULL },
	{ "dbus-user.own", "dbus.user.own", V_LIST, NULL },
	{ "dbus-user.talk", "dbus.user.talk", V_LIST, NULL },
	{ "env", "env.set", V_ONE, NULL },
	{ "nosound", "sound", V_FLAG, "no" },
	{ "rlimit-as", "rlimit.as", V_ONE, NULL },
	{ "rlimit-cpu", "rlimit.cpu", V_ONE, NULL },
	{ "rlimit-fsize", "rlimit.fsize", V_ONE, NULL },
	{ "rlimit-nofile", "rlimit.nofile", V_ONE, NULL },
	{ "rlimit-nproc", "rlimit.nproc", V_ONE, NULL },
	{ "rmenv", "env.unset", V_ONE, NULL },
};

/* firejail does these always in jailrun's terms: a comment, converted. */
static const struct {
	const char *name, *why;
} always_on[] = {
	{ "nonewprivs", "jailrun always sets no_new_privs" },
	{ "quiet", "jailrun's --quiet is a command-line option" },
	{ "seccomp.block-secondary",
	  "jailrun's filter always kills the i386 and x32 entry points" },
};

/* Why a firejail key has no translation. */
static const struct {
	const char *name, *why;
} reasons[] = {
	{ "allow-debuggers", "jailrun never allows ptrace of the sandbox" },
	{ "apparmor", "jailrun loads no AppArmor profile" },
	{ "caps", "firejail's default capability list; jailrun has caps.drop" },
	{ "dbus-system.talk", "jailrun has no system bus filter" },
	{ "dbus-user.broadcast", "jailrun's bus filter has talk and own only" },
	{ "dbus-user.call", "jailrun's bus filter has talk and own only" },
	{ "dbus-user.see", "jailrun's bus filter has talk and own only" },
	{ "join-or-start", "jailrun has --join, no join-or-start" },
	{ "netfilter", "firejail's netfilter acts only with its root --net, "
		       "and its file is iptables syntax: with net = user, "
		       "jailrun's netfilter = FILE loads an nft ruleset, or "
		       "use net.allow/net.deny" },
	{ "private-cwd", "no jailrun key" },
	{ "private-lib", "jailrun refuses private-lib: what a program loads "
			 "with dlopen cannot be listed in advance" },
	{ "seccomp.32", "jailrun refuses 32-bit targets" },
	{ "seccomp.32.drop", "jailrun refuses 32-bit targets" },
	{ "seccomp.32.keep", "jailrun refuses 32-bit targets" },
	{ "tracelog", "jailrun names denied syscalls with report" },
};

/* firejail's macros, as jailrun writes them.  NULL: from the options. */
static const struct {
	const char *fj, *jr;
} macros[] = {
	{ "${CFG}", NULL },
	{ "${DESKTOP}", "${XDG_DESKTOP_DIR}" },
	{ "${DOCUMENTS}", "${XDG_DOCUMENTS_DIR}" },
	{ "${DOWNLOADS}", "${XDG_DOWNLOAD_DIR}" },
	{ "${HOME}", "${HOME}" },
	{ "${MUSIC}", "${XDG_MUSIC_DIR}" },
	{ "${PATH}", NULL },
	{ "${PICTURES}", "${XDG_PICTURES_DIR}" },
	{ "${RUNUSER}", "${RUNUSER}" },
	{ "${VIDEOS}", "${XDG_VIDEOS_DIR}" },
};

/* ?NAME: conditions, as a plain `firejail PROGRAM` decides them. */
static const struct {
	const char *name;
	bool value;
	const char *why;
} conditions[] = {
	{ "ALLOW_TRAY", false, "allow-tray is off in firejail.config" },
	{ "BROWSER_ALLOW_DRM", false,
	  "browser-allow-drm is off in firejail.config" },
	{ "BROWSER_DISABLE_U2F", true,
	  "browser-disable-u2f is on in firejail.config" },
	{ "HAS_APPIMAGE", false, "set by --appimage only" },
	{ "HAS_NET", false, "set by --net only" },
	{ "HAS_NODBUS", false, "set by --nodbus only" },
	{ "HAS_NOSOUND", false, "set by --nosound only" },
	{ "HAS_PRIVATE", false, "set by --private only" },
	{ "HAS_X11", false, "set by --x11 only" },
};

bool jr_firejail_lost_all(const struct jr_fj_counts *c)
{
	return c->enforcing_in && !c->enforcing_out;
}

bool jr_firejail_is_profile(const char *name)
{
	static const char *const ext[] = { ".profile", ".inc", ".local" };

	return jr_has_suffix(name, ext, ARRAY_SIZE(ext));
}

static void trim(char *s)
{
	size_t n = strlen(s);
	char *p = s;

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	memmove(s, p, strlen(p) + 1);
}

/* ---- output ------------------------------------------------------------ */

/* A comment, wrapped at WIDTH on spaces; a word longer than a line is
 * cut. */
static void comment(struct conv *cv, const char *text)
{
	const char *p = text;
	bool first = true;

	do {
		size_t room = first ? WIDTH - 2 : WIDTH - 4;
		size_t n = strlen(p);

		if (n > room) {
			size_t cut = room;

			while (cut > room / 2 && p[cut] != ' ')
				cut--;
			n = p[cut] == ' ' ? cut : room;
		}
		fprintf(cv->out, "%s%.*s\n", first ? "# " : "#   ", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
		first = false;
	} while (*p);
}

static void not_converted(struct conv *cv, const char *line, const char *why)
{
	char buf[JR_FJ_LINE_MAX + 256];

	snprintf(buf, sizeof(buf), "not converted: %s (%s)", line, why);
	comment(cv, buf);
	cv->c->not_converted++;
}

/* KEY = VALUE, a list split over lines of at most VALUE_WIDTH (jailrun
 * lists accumulate, so the key repeats). */
static void key_list(struct conv *cv, const char *key, const char *value)
{
	const char *p = value;

	while (*p) {
		size_t n = strlen(p);

		while (*p == ' ' || *p == ',')
			p++;
		n = strlen(p);
		if (!n)
			break;
		if (n > VALUE_WIDTH) {
			size_t cut = VALUE_WIDTH;

			while (cut > 0 && p[cut] != ',')
				cut--;
			n = cut ? cut : VALUE_WIDTH;
		}
		fprintf(cv->out, "%s = %.*s\n", key, (int)n, p);
		p += n;
	}
}

/* ---- paths ------------------------------------------------------------- */

/* Translate the firejail path P into one jailrun path per ${PATH}
 * directory (one when P has no ${PATH}); calls FN for each.  Returns
 * the reason it cannot, or NULL. */
typedef void (*path_fn)(struct conv *cv, const char *key, const char *path,
			void *arg);

static const char *paths_of(struct conv *cv, const char *p, const char *key,
			    path_fn fn, void *arg)
{
	const char *jr = NULL, *rest = p, *macro = NULL;
	char buf[JR_FJ_LINE_MAX + 64];

	if (strpbrk(p, "*?["))
		return "a wildcard: jailrun's paths are literal";
	if (strchr(p, ','))
		return "a ',' in a path: jailrun's lists split there";
	if (strpbrk(p, " \t"))
		return "a space in a path: jailrun's lists refuse it";
	if (p[0] == '$') {
		for (size_t i = 0; i < ARRAY_SIZE(macros); i++) {
			size_t n = strlen(macros[i].fj);

			if (strncmp(p, macros[i].fj, n) == 0 &&
			    (p[n] == '/' || !p[n])) {
				macro = macros[i].fj;
				jr = macros[i].jr;
				rest = p + n;
				break;
			}
		}
		if (!macro)
			return "a firejail macro jailrun has no equivalent for";
	} else if (p[0] != '/' && p[0] != '~') {
		return "not an absolute path";
	}
	if (strstr(rest, "${"))
		return "a macro inside a path";
	if (strlen(p) > VALUE_WIDTH)
		return "a path longer than a jailrun line";
	if (macro && strcmp(macro, "${CFG}") == 0) {
		if (!cv->o->cfg_dir)
			return "${CFG}: the firejail directory is not known";
		snprintf(buf, sizeof(buf), "%s%s", cv->o->cfg_dir, rest);
		fn(cv, key, buf, arg);
	} else if (macro && strcmp(macro, "${PATH}") == 0) {
		const char *d = cv->o->path;

		if (!d || !*d)
			return "${PATH}: no PATH directories known";
		while (*d) {
			const char *end = strchrnul(d, ':');

			if (end > d && *d == '/') {
				snprintf(buf, sizeof(buf), "%.*s%s",
					 (int)(end - d), d, rest);
				fn(cv, key, buf, arg);
			}
			d = *end ? end + 1 : end;
		}
	} else {
		snprintf(buf, sizeof(buf), "%s%s", jr ? jr : "", rest);
		fn(cv, key, buf, arg);
	}
	return NULL;
}

static void emit_path(struct conv *cv, const char *key, const char *path,
		      void *arg)
{
	(void)arg;
	fprintf(cv->out, "%s = %s\n", key, path);
	cv->c->enforcing_out++;
}

static void defer_path(struct conv *cv, const char *key, const char *path,
		       void *arg)
{
	bool *full = arg;

	if (cv->ndefer == DEFER_MAX) {
		*full = true;
		return;
	}
	cv->defer[cv->ndefer++] = xasprintf("%s = !%s", key, path);
}

static void collect_path(struct conv *cv, const char *key, const char *path,
			 void *arg)
{
	char *dst = arg;

	(void)cv;
	(void)key;
	snprintf(dst, JR_FJ_LINE_MAX, "%s", path);
}

/* bind SRC,DST: both paths, neither a ${PATH}. */
static const char *bind_paths(struct conv *cv, const char *key,
			      const char *value)
{
	char src[JR_FJ_LINE_MAX] = "", dst[JR_FJ_LINE_MAX] = "";
	char a[JR_FJ_LINE_MAX];
	const char *comma = strchr(value, ',');
	const char *why;

	if (!comma || strchr(comma + 1, ','))
		return "expected SRC,DST";
	snprintf(a, sizeof(a), "%.*s", (int)(comma - value), value);
	if (strstr(value, "${PATH}"))
		return "${PATH} in a bind";
	why = paths_of(cv, a, key, collect_path, src);
	if (!why)
		why = paths_of(cv, comma + 1, key, collect_path, dst);
	if (why)
		return why;
	fprintf(cv->out, "%s = %s,%s\n", key, src, dst);
	cv->c->enforcing_out++;
	return NULL;
}

/* ---- directives -------------------------------------------------------- */

static bool jr_has(const char *key)
{
	const struct jr_key *k = jr_key_find(key);

	return k && k->scope != JR_SCOPE_CLI;
}

/* KEY = VALUE as VAL says; the reason when it cannot be. */
static const char *write_value(struct conv *cv, const char *key,
			       enum fj_val val, const char *value,
			       const char *flag_value)
{
	if (val == V_FLAG) {
		if (*value)
			return "a value where jailrun's key is yes|no";
		fprintf(cv->out, "%s = %s\n", key, flag_value);
		cv->c->enforcing_out++;
		return NULL;
	}
	if (!*value)
		return "no value";
	switch (val) {
	case V_PATH:
		return paths_of(cv, value, key, emit_path, NULL);
	case V_PATH2:
		return bind_paths(cv, key, value);
	case V_LIST:
		key_list(cv, key, value);
		break;
	case V_ONE:
		if (strlen(value) > VALUE_WIDTH)
			return "a value longer than a jailrun line";
		fprintf(cv->out, "%s = %s\n", key, value);
		break;
	case V_FLAG:
		break;
	}
	cv->c->enforcing_out++;
	return NULL;
}

static const char *reason_for(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(reasons); i++)
		if (strcmp(reasons[i].name, key) == 0)
			return reasons[i].why;
	return "no jailrun equivalent";
}

/* The jailrun key a firejail key is translated to, for `ignore`. */
static const char *jr_name_of(const char *fj)
{
	for (size_t i = 0; i < ARRAY_SIZE(same_name); i++)
		if (strcmp(same_name[i].name, fj) == 0)
			return jr_has(fj) ? fj : NULL;
	for (size_t i = 0; i < ARRAY_SIZE(renamed); i++)
		if (strcmp(renamed[i].fj, fj) == 0)
			return renamed[i].jr;
	if (strcmp(fj, "seccomp") == 0 || strcmp(fj, "net") == 0 ||
	    strcmp(fj, "x11") == 0 || strcmp(fj, "shell") == 0)
		return fj;
	if (strcmp(fj, "dbus-user") == 0)
		return "dbus.user";
	if (strcmp(fj, "dbus-system") == 0)
		return "dbus.system";
	if (strcmp(fj, "restrict-namespaces") == 0)
		return fj;
	return NULL;
}

static const char *do_include(struct conv *cv, const char *value)
{
	const char *base = strrchr(value, '/');
	size_t n;

	base = base ? base + 1 : value;
	n = strlen(base);
	if (n > 6 && strcmp(base + n - 6, ".local") == 0) {
		char buf[JR_FJ_LINE_MAX + 128];

		snprintf(buf, sizeof(buf),
			 "include %s: jailrun reads NAME.local and "
			 "globals.local itself",
			 value);
		comment(cv, buf);
		cv->c->converted++;
		return NULL;
	}
	if (strncmp(value, "${CFG}/", 7) != 0 && value[0] == '$')
		return "an include through a macro";
	if (value[0] == '/' && strncmp(value, "/etc/firejail/", 14) != 0)
		return "an include outside firejail's directory";
	if (!jr_firejail_is_profile(base) || strlen(base) > VALUE_WIDTH)
		return "not a .profile or .inc file";
	if (cv->o->dir) {
		cleanup_free char *f = xasprintf("%s/%s", cv->o->dir, base);
		struct stat st;

		if (stat(f, &st) < 0) {
			char buf[JR_FJ_LINE_MAX + 128];

			snprintf(buf, sizeof(buf),
				 "include %s: not in %s (firejail skips a "
				 "missing include)",
				 value, cv->o->dir);
			comment(cv, buf);
			cv->c->converted++;
			return NULL;
		}
	}
	/* firejail's allow-*.inc hold only noblacklist lines: like those
	 * of this file they come after the other includes */
	if (strncmp(base, "allow-", 6) == 0 && cv->ndefer < DEFER_MAX) {
		cv->defer[cv->ndefer++] = xasprintf("include = ./%s", base);
		cv->c->enforcing_out++;
		cv->c->converted++;
		return NULL;
	}
	/* beside the including file: where the import writes it */
	fprintf(cv->out, "include = ./%s\n", base);
	cv->c->enforcing_out++;
	cv->c->converted++;
	return NULL;
}

/* seccomp [LIST]: firejail's default list plus (or, with !, minus)
 * LIST. */
static const char *do_seccomp(struct conv *cv, const char *value)
{
	fprintf(cv->out, "seccomp = yes\n");
	if (*value)
		key_list(cv, "seccomp.drop", value);
	cv->c->enforcing_out++;
	return NULL;
}

static const char *do_dbus(struct conv *cv, const char *key, const char *value,
			   bool user)
{
	const char *v = NULL;

	if (strcmp(value, "none") == 0)
		v = "none";
	else if (user && strcmp(value, "filter") == 0)
		v = "filter";
	else if (strcmp(value, "allow") == 0)
		v = "yes";
	if (!v)
		return user ? "expected none, filter or allow" :
			      "jailrun has no system bus filter";
	fprintf(cv->out, "%s = %s\n", key, v);
	cv->c->enforcing_out++;
	return NULL;
}

/* timeout hh:mm:ss -> seconds */
static const char *do_timeout(struct conv *cv, const char *value)
{
	unsigned h, m, s;
	char end;

	if (sscanf(value, "%2u:%2u:%2u%c", &h, &m, &s, &end) != 3 || m > 59 ||
	    s > 59)
		return "expected hh:mm:ss";
	fprintf(cv->out, "timeout = %u\n", h * 3600 + m * 60 + s);
	cv->c->enforcing_out++;
	return NULL;
}

/* ignore include X.inc: firejail skips that include in the files read
 * after.  jailrun's ignore takes whole keys, so the blacklists of X
 * (read from the firejail directory) are taken back at the end of this
 * file instead, as noblacklist lines are. */
static const char *ignore_include(struct conv *cv, const char *name)
{
	cleanup_free char *path = NULL, *text = NULL;
	char *line, *save = NULL;
	bool full = false;
	size_t len;

	if (!cv->o->dir || strchr(name, '/') || !jr_firejail_is_profile(name))
		return "an ignore of one include: its firejail directory is "
		       "not known";
	path = xasprintf("%s/%s", cv->o->dir, name);
	if (jr_read_file(path, JR_FJ_SIZE_MAX, &text, &len) < 0)
		return "an ignore of an include that cannot be read";
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		trim(line);
		if (strncmp(line, "blacklist ", 10) == 0)
			paths_of(cv, line + 10, "blacklist", defer_path, &full);
	}
	if (full)
		return "too many noblacklist lines";
	{
		char buf[256];

		snprintf(buf, sizeof(buf),
			 "ignore include %.100s: its blacklists are taken "
			 "back at the end",
			 name);
		comment(cv, buf);
	}
	cv->c->converted++;
	return NULL;
}

static const char *do_ignore(struct conv *cv, const char *value)
{
	char key[128];
	const char *jr;
	size_t n = strcspn(value, " \t");

	if (!n || n >= sizeof(key))
		return "expected a key";
	snprintf(key, sizeof(key), "%.*s", (int)n, value);
	if (strcmp(key, "include") == 0 && value[n])
		return ignore_include(cv, value + n + strspn(value + n, " \t"));
	jr = jr_name_of(key);
	if (!jr) {
		char buf[256];

		snprintf(buf, sizeof(buf),
			 "ignore %.*s: jailrun has no such key, nothing to "
			 "ignore",
			 (int)n, value);
		comment(cv, buf);
		cv->c->converted++;
		return NULL;
	}
	if (value[n])
		return "an ignore of one value: jailrun ignores whole keys";
	fprintf(cv->out, "ignore = %s\n", jr);
	cv->c->converted++;
	return NULL;
}

/* A firejail path beneath the home directory.  jailrun's whitelist
 * reached only there until the change that also brought whitelist-ro
 * (its presence in the key table says whitelist works anywhere). */
static bool in_home(const char *p)
{
	static const char *const home[] = {
		"${HOME}/",     "~/",       "${DESKTOP}",  "${DOCUMENTS}",
		"${DOWNLOADS}", "${MUSIC}", "${PICTURES}", "${VIDEOS}",
	};

	for (size_t i = 0; i < ARRAY_SIZE(home); i++)
		if (strncmp(p, home[i], strlen(home[i])) == 0)
			return true;
	return false;
}

/* Does the original directive KEY confine?  (noblacklist, nowhitelist,
 * read-write, ignore only loosen; the always-on keys are jailrun's
 * anyway.) */
static bool confines(const char *key)
{
	static const char *const loosen[] = {
		"allow-debuggers",   "allusers",      "ignore",
		"include",           "join-or-start", "keep-config-pulse",
		"keep-dev-shm",      "keep-fd",       "keep-var-tmp",
		"noblacklist",       "nowhitelist",   "quiet",
		"read-write",        "tracelog",      "writable-etc",
		"writable-run-user", "writable-var",  "writable-var-log",
	};

	for (size_t i = 0; i < ARRAY_SIZE(loosen); i++)
		if (strcmp(loosen[i], key) == 0)
			return false;
	for (size_t i = 0; i < ARRAY_SIZE(always_on); i++)
		if (strcmp(always_on[i].name, key) == 0)
			return false;
	return true;
}

/* One directive: TEXT is the whole line (for comments), KEY its key,
 * VALUE the rest.  Returns the reason it is not converted, or NULL
 * (counted by the caller). */
static const char *convert_directive(struct conv *cv, const char *key,
				     const char *value)
{
	bool full = false;
	const char *why;

	for (size_t i = 0; i < ARRAY_SIZE(always_on); i++) {
		if (strcmp(always_on[i].name, key) == 0 && !*value) {
			char buf[256];

			snprintf(buf, sizeof(buf), "%s: always on (%s)", key,
				 always_on[i].why);
			comment(cv, buf);
			return NULL;
		}
	}
	if (strcmp(key, "ipc-namespace") == 0 && !*value) {
		cv->ipc = true; /* written last: see jr_firejail_convert */
		return NULL;
	}
	if (strcmp(key, "include") == 0)
		return do_include(cv, value) ?: "";
	if (strcmp(key, "ignore") == 0)
		return do_ignore(cv, value) ?: "";
	if (strcmp(key, "noblacklist") == 0) {
		if (!*value)
			return "no value";
		why = paths_of(cv, value, "blacklist", defer_path, &full);
		return why ? why : full ? "too many noblacklist lines" : NULL;
	}
	if (strcmp(key, "seccomp") == 0)
		return do_seccomp(cv, value);
	if (strcmp(key, "net") == 0 || strcmp(key, "shell") == 0) {
		if (strcmp(value, "none") != 0)
			return strcmp(key, "net") == 0 ?
				       "firejail's --net needs its setuid root; "
				       "net = user is jailrun's unprivileged "
				       "network namespace" :
				       "jailrun has only none";
		fprintf(cv->out, "%s = none\n", key);
		cv->c->enforcing_out++;
		return NULL;
	}
	if (strcmp(key, "x11") == 0) {
		if (strcmp(value, "none") != 0)
			return "jailrun starts no X server: only x11 none";
		fprintf(cv->out, "x11 = no\n");
		cv->c->enforcing_out++;
		return NULL;
	}
	if (strcmp(key, "dbus-user") == 0)
		return do_dbus(cv, "dbus.user", value, true);
	if (strcmp(key, "dbus-system") == 0)
		return do_dbus(cv, "dbus.system", value, false);
	if (strcmp(key, "restrict-namespaces") == 0) {
		if (*value)
			return "jailrun restricts all namespaces or none";
		fprintf(cv->out, "restrict-namespaces = yes\n");
		cv->c->enforcing_out++;
		return NULL;
	}
	if (strcmp(key, "timeout") == 0)
		return do_timeout(cv, value);
	for (size_t i = 0; i < ARRAY_SIZE(renamed); i++)
		if (strcmp(renamed[i].fj, key) == 0)
			return write_value(cv, renamed[i].jr, renamed[i].val,
					   value, renamed[i].value);
	if (strcmp(key, "whitelist") == 0 && !in_home(value) &&
	    !jr_has("whitelist-ro"))
		return "outside the home: this jailrun's whitelist is beneath "
		       "the home directory only";
	for (size_t i = 0; i < ARRAY_SIZE(same_name); i++) {
		if (strcmp(same_name[i].name, key) != 0)
			continue;
		if (!jr_has(key))
			return "no such jailrun key in this version";
		return write_value(cv, key, same_name[i].val, value, "yes");
	}
	return reason_for(key);
}

static bool condition(const char *name, const char **why)
{
	for (size_t i = 0; i < ARRAY_SIZE(conditions); i++) {
		if (strcmp(conditions[i].name, name) == 0) {
			*why = conditions[i].why;
			return conditions[i].value;
		}
	}
	*why = NULL;
	return false;
}

/* One line of the original, without its end and surrounding blanks. */
static int convert_line(struct conv *cv, char *text)
{
	char key[64];
	const char *value, *why;
	size_t n;

	if (!*text) {
		fputc('\n', cv->out);
		return 0;
	}
	if (text[0] == '#') {
		text++;
		while (*text == '#' || *text == ' ' || *text == '\t')
			text++;
		if (*text)
			comment(cv, text);
		else
			fputs("#\n", cv->out);
		return 0;
	}
	if (text[0] == '?') {
		char *colon = strchr(text, ':');
		char *rest;
		bool on;

		if (!colon || colon - text > 40) {
			not_converted(cv, text, "expected ?CONDITION: LINE");
			return 0;
		}
		*colon = '\0';
		rest = colon + 1;
		while (*rest == ' ' || *rest == '\t')
			rest++;
		on = condition(text + 1, &why);
		if (!why) {
			*colon = ':';
			not_converted(cv, text, "an unknown condition");
			return 0;
		}
		{
			char buf[JR_FJ_LINE_MAX + 256];

			snprintf(buf, sizeof(buf), "%s: %s -> %s (%s)", text,
				 rest, on ? "true" : "false", why);
			comment(cv, buf);
		}
		if (!on)
			return 0;
		text = rest;
		if (!*text || *text == '#' || *text == '?')
			return 0;
	}
	n = strcspn(text, " \t");
	if (n >= sizeof(key)) {
		not_converted(cv, text, "not a firejail key");
		return 0;
	}
	snprintf(key, sizeof(key), "%.*s", (int)n, text);
	value = text + n;
	while (*value == ' ' || *value == '\t')
		value++;
	if (confines(key))
		cv->c->enforcing_in++;
	why = convert_directive(cv, key, value);
	if (why && *why)
		not_converted(cv, text, why);
	else if (!why)
		cv->c->converted++;
	/* "": counted by the directive itself */
	return 0;
}

static int check_input(const char *name, const char *buf, size_t len,
		       struct jr_err *err)
{
	size_t col = 0;
	int line = 1;

	if (len > JR_FJ_SIZE_MAX)
		return jr_fail(err, NULL, "%s: larger than %d KiB", name,
			       JR_FJ_SIZE_MAX / 1024);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n') {
			line++;
			col = 0;
			continue;
		}
		if (c == '\0')
			return jr_fail(err, NULL,
				       "%s:%d: binary data (NUL byte): not a "
				       "firejail profile",
				       name, line);
		if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
			return jr_fail(err, NULL,
				       "%s:%d: control character 0x%02x", name,
				       line, c);
		if (++col > JR_FJ_LINE_MAX)
			return jr_fail(err, NULL,
				       "%s:%d: line longer than %d characters",
				       name, line, JR_FJ_LINE_MAX);
	}
	return 0;
}

int jr_firejail_convert(const char *name, const char *buf, size_t len,
			const struct jr_fj_opts *o, char **out,
			struct jr_fj_counts *counts, struct jr_err *err)
{
	struct conv cv = { .o = o, .c = counts, .name = name, .err = err };
	cleanup_free char *text = NULL;
	char *line, *next;
	char *res = NULL;
	size_t reslen = 0;

	*counts = (struct jr_fj_counts){ 0 };
	*out = NULL;
	if (check_input(name, buf, len, err) < 0)
		return -1;
	text = xmalloc(len + 1);
	memcpy(text, buf, len);
	text[len] = '\0';
	cv.out = open_memstream(&res, &reslen);
	if (!cv.out)
		return jr_fail(err, NULL, "%s: out of memory", name);
	comment(&cv, "Converted from firejail's profile by jailrun "
		     "--convert-firejail; lines jailrun cannot express are "
		     "kept as '# not converted:' comments with the reason.");
	/* firejail keeps the host's IPC namespace unless a file of the
	 * chain says ipc-namespace (X11's MIT-SHM lives there): each
	 * profile starts without one, and a file that asks for one adds it
	 * at its end, after its includes, so any file of the chain wins */
	if (jr_has_suffix(name, (const char *const[]){ ".profile" }, 1)) {
		comment(&cv, "firejail's default: the host's IPC namespace");
		fputs("namespaces = !ipc\n", cv.out);
	}
	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!next && !*line)
			break;
		cv.lineno++;
		trim(line);
		convert_line(&cv, line);
	}
	if (cv.ndefer) {
		fputs("\n", cv.out);
		comment(&cv, "firejail's noblacklist lines (and allow-*.inc): "
			     "jailrun's !PATH takes back the blacklists read "
			     "before it, so they come after the includes");
		for (size_t i = 0; i < cv.ndefer; i++) {
			fprintf(cv.out, "%s\n", cv.defer[i]);
			free(cv.defer[i]);
		}
	}
	if (cv.ipc) {
		fputs("\n", cv.out);
		comment(&cv, "ipc-namespace, after the includes: any file "
			     "asking for it wins");
		fputs("namespaces = ipc\n", cv.out);
		counts->enforcing_out++;
	}
	if (fclose(cv.out) != 0 || !res) {
		free(res);
		return jr_fail(err, NULL, "%s: out of memory", name);
	}
	*out = res;
	return 0;
}
