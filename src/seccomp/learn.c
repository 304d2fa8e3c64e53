/* learn.c - learning mode: record what a run used; write the narrowest
 * readable profile that allows it.
 *
 * The profile is an allow-list of groups plus single syscalls.  A group
 * is chosen when the runs used at least a quarter of its syscalls on this
 * architecture and it adds at least three not already covered: enough
 * use that the group says what the program does, without allowing much
 * it never did.  The header says which groups were chosen and why; the
 * raw observations are kept in "# observed-..." lines so that later runs
 * (--learn-append) merge with them instead of with the rounded result. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filter.h"
#include "groups.h"
#include "learn.h"
#include "options.h"
#include "syscalls.h"

#define CHOOSE_NUM 1 /* used/size of a group at least 1/4 */
#define CHOOSE_DEN 4
#define CHOOSE_GAIN 3 /* and it covers 3 more used syscalls */
#define WRAP 72       /* width of a generated list line */

/* Candidate groups, narrowest intent first. */
static const char *const candidates[] = {
	"@start",   "@stdio",	"@rpath",  "@wpath",  "@cpath",	  "@thread",
	"@proc",    "@signal", "@io-event", "@timer", "@ipc",	  "@network-io",
};

static int native_nr(const char *name)
{
	int nr;

	return jr_syscall_resolve(name, &nr) == JR_SC_NATIVE ? nr : -1;
}

void jr_learned_note(struct jr_learned *l, const struct seccomp_data *d,
		     bool launch)
{
	int nr = d->nr;

	if (nr < 0 || nr >= JR_NR_MAX)
		return;
	l->used[nr] = true;
	if (jr_filter_is_socket(nr) && d->args[0] < 64)
		l->families |= 1ULL << d->args[0];
	if (!launch && jr_filter_is_exec(nr))
		l->exec_after_start = true;
}

/* ---- D-Bus names (xdg-dbus-proxy's log) -------------------------------- */

/* A well-known bus name: two or more elements of [A-Za-z0-9_-], none
 * starting with a digit, at most 255 characters (the D-Bus spec). */
static bool dbus_name_ok(const char *s)
{
	size_t len = strlen(s), dots = 0;

	if (len == 0 || len > 255 || s[len - 1] == '.')
		return false;
	for (const char *c = s; *c; c++) {
		if ((c == s || c[-1] == '.') && (*c == '.' ||
						  (*c >= '0' && *c <= '9')))
			return false;
		if (*c == '.')
			dots++;
		else if (!strchr("abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
				 *c))
			return false;
	}
	return dots > 0;
}

static void names_add(struct jr_lnames *s, const char *name)
{
	size_t i = 0;

	while (i < s->n && strcmp(s->v[i], name) < 0)
		i++;
	if (i < s->n && strcmp(s->v[i], name) == 0)
		return;
	if (s->n == JR_LEARN_DBUS_MAX) {
		s->over++;
		return;
	}
	memmove(&s->v[i + 1], &s->v[i], (s->n - i) * sizeof(s->v[0]));
	s->v[i] = xstrdup(name);
	s->n++;
}

static bool names_has(const struct jr_lnames *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return true;
	return false;
}

static void names_free(struct jr_lnames *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	*s = (struct jr_lnames){ .n = 0 };
}

/* A dbus.user.talk/own rule lets NAME through: the name itself, or for
 * PREFIX.* PREFIX and every name below it (xdg-dbus-proxy's rule). */
static bool dbus_rules_allow(const char *const *rules, size_t n,
			     const char *name)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(rules[i]);

		if (strcmp(rules[i], name) == 0)
			return true;
		if (len > 2 && strcmp(rules[i] + len - 2, ".*") == 0 &&
		    strncmp(rules[i], name, len - 2) == 0 &&
		    (name[len - 2] == '\0' || name[len - 2] == '.'))
			return true;
	}
	return false;
}

/* A call to NAME the proxy let through or (REFUSED) did not. */
static void dbus_called(struct jr_learned *l, const struct jr_policy *pol,
			const char *name, bool refused)
{
	if (!refused &&
	    (dbus_rules_allow(pol->dbus_talk, pol->ndbus_talk, name) ||
	     dbus_rules_allow(pol->dbus_own, pol->ndbus_own, name)))
		names_add(&l->dbus_talked, name);
	else
		names_add(&l->dbus_refused_talk, name);
}

/* "C12: -> org.example.App call org.example.App.Ping at /": the
 * destination, or NULL for another line (a fake call, a return). */
static char *dbus_call_dest(char *line)
{
	char *p = line + 1, *sp;

	if (line[0] != 'C' || !(*p >= '0' && *p <= '9'))
		return NULL;
	p += strspn(p, "0123456789");
	if (strncmp(p, ": -> ", 5) != 0)
		return NULL;
	p += 5;
	sp = strchr(p, ' ');
	if (!sp || strncmp(sp, " call ", 6) != 0)
		return NULL;
	*sp = '\0';
	return p;
}

/* "Filtering message due to arg0 NAME, policy: 0 (required 3)" */
static void dbus_filtered(struct jr_learned *l, char *line)
{
	static const char tag[] = "Filtering message due to arg0 ";
	char *name = line + sizeof(tag) - 1, *comma, *req;

	if (strncmp(line, tag, sizeof(tag) - 1) != 0)
		return;
	comma = strchr(name, ',');
	if (!comma)
		return;
	*comma = '\0';
	req = strstr(comma + 1, "(required ");
	if (!dbus_name_ok(name) || strcmp(name, "org.freedesktop.DBus") == 0)
		return;
	if (req && req[10] == '3')
		names_add(&l->dbus_refused_own, name);
	else
		names_add(&l->dbus_refused_talk, name);
}

void jr_learned_dbus_log(struct jr_learned *l, const struct jr_policy *pol,
			 char *log, bool cut)
{
	char *save = NULL, *pending = NULL;

	l->dbus_logged = true;
	l->dbus_log_cut |= cut;
	for (char *line = strtok_r(log, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *dest;

		if (pending) {
			dbus_called(l, pol, pending,
				    strncmp(line, "*HIDDEN*", 8) == 0 ||
					    strncmp(line, "*DENIED*", 8) == 0);
			pending = NULL;
		}
		dest = dbus_call_dest(line);
		if (dest && dbus_name_ok(dest) &&
		    strcmp(dest, "org.freedesktop.DBus") != 0)
			pending = dest;
		else if (!dest)
			dbus_filtered(l, line);
	}
	if (pending)
		dbus_called(l, pol, pending, false);
}

static int load_dbus_name(struct jr_lnames *s, char *value, const char *where,
			  struct jr_err *err)
{
	value += strspn(value, " ");
	if (!dbus_name_ok(value))
		return jr_fail(err, where, "bad D-Bus name '%.64s'", value);
	names_add(s, value);
	return 0;
}

/* ---- reading the observations back ------------------------------------ */

static int load_syscalls(struct jr_learned *l, char *list, const char *where,
			 struct jr_err *err)
{
	char *save = NULL;

	for (char *t = strtok_r(list, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		int nr;

		if (jr_syscall_resolve(t, &nr) == JR_SC_NATIVE)
			l->used[nr] = true;
		else
			return jr_fail(err, where,
				       "observed syscall '%s' is not a syscall "
				       "here",
				       t);
	}
	return 0;
}

static int load_families(struct jr_learned *l, char *list, const char *where,
			 struct jr_err *err)
{
	char *save = NULL;

	for (char *t = strtok_r(list, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		char *end;
		long af = strtol(t, &end, 10);

		if (*end || af < 0 || af >= 64)
			return jr_fail(err, where, "bad socket family '%s'", t);
		l->families |= 1ULL << af;
	}
	return 0;
}

/* "# observed-path: rwcx /the/path" (into S: paths used, or refused) */
static int load_path(struct jr_learnfs *s, char *value, const char *where,
		     struct jr_err *err)
{
	char *path;
	unsigned access;

	value += strspn(value, " ");
	path = strchr(value, ' ');
	if (!path)
		return jr_fail(err, where, "observed path without access");
	*path++ = '\0';
	if (jr_lf_parse_letters(value, &access) < 0)
		return jr_fail(err, where, "bad path access '%s' (rwcx)", value);
	if (path[0] != '/')
		return jr_fail(err, where, "observed path '%s' is not absolute",
			       path);
	jr_learnfs_add(s, path, access);
	return 0;
}

static int load_ports(uint64_t *ports, char *list, const char *where,
		      struct jr_err *err)
{
	char *save = NULL;

	for (char *t = strtok_r(list, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		char *end;
		long p = strtol(t, &end, 10);

		if (*end || p < 0 || p > 65535)
			return jr_fail(err, where, "bad port '%s'", t);
		ports[p / 64] |= 1ULL << (p % 64);
	}
	return 0;
}

static const char *const desktop_names[] = { "x11", "wayland", "sound",
					     "dbus.user" };

static int load_desktop(struct jr_learned *l, char *list, const char *where,
			struct jr_err *err)
{
	char *save = NULL;

	for (char *t = strtok_r(list, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		size_t i = 0;

		while (i < ARRAY_SIZE(desktop_names) &&
		       strcmp(desktop_names[i], t) != 0)
			i++;
		if (i == ARRAY_SIZE(desktop_names))
			return jr_fail(err, where, "unknown desktop socket '%s'",
				       t);
		l->desktop |= 1u << i;
	}
	return 0;
}

unsigned jr_learned_desktop_of(const char *path, const char *runtime)
{
	size_t rn = runtime ? strlen(runtime) : 0;
	const char *rest;

	if (strncmp(path, "/tmp/.X11-unix/X", 16) == 0 ||
	    strncmp(path, "@/tmp/.X11-unix/X", 17) == 0)
		return JR_LD_X11;
	if (!rn || strncmp(path, runtime, rn) != 0 || path[rn] != '/')
		return 0;
	rest = path + rn + 1;
	if (strncmp(rest, "wayland-", 8) == 0)
		return JR_LD_WAYLAND;
	if (strncmp(rest, "pulse/", 6) == 0 ||
	    strncmp(rest, "pipewire-", 9) == 0)
		return JR_LD_SOUND;
	if (strcmp(rest, "bus") == 0 || strncmp(rest, "jailrun/dbus/", 13) == 0)
		return JR_LD_DBUS_USER;
	return 0;
}

void jr_learned_free(struct jr_learned *l)
{
	jr_learnfs_free(&l->fs);
	jr_learnfs_free(&l->refused);
	names_free(&l->dbus_talked);
	names_free(&l->dbus_refused_talk);
	names_free(&l->dbus_refused_own);
}

void jr_learned_under(struct jr_learned *l, const char *profile,
		      const struct jr_policy *pol)
{
	const char *base = profile ? strrchr(profile, '/') : NULL;

	memset(l->denied_by, 0, sizeof(l->denied_by));
	l->families_denied = 0;
	if (pol->dbus_user == JR_DBUS_FILTER) {
		l->dbus_filter = true;
		l->dbus_talk = pol->dbus_talk;
		l->ndbus_talk = pol->ndbus_talk;
		l->dbus_own = pol->dbus_own;
		l->ndbus_own = pol->ndbus_own;
	}
	if (!profile || !profile[0])
		return; /* --noprofile: no profile's rules were in force */
	snprintf(l->under, sizeof(l->under), "%s", base ? base + 1 : profile);
	if (!jr_lf_writable(l->under))
		snprintf(l->under, sizeof(l->under), "its profile");
	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		if (!l->used[nr] || jr_policy_allows(pol, nr))
			continue;
		if (jr_filter_is_exec(nr) && !l->exec_after_start)
			continue;
		l->denied_by[nr] = pol->drop.origin[nr] ? pol->drop.origin[nr] :
			pol->keep_origin ? pol->keep_origin : "seccomp.keep";
	}
	if (pol->protocol_set) {
		l->families_denied = l->families & ~pol->protocols;
		l->protocol_origin = pol->protocol_origin;
	}
}

static int load_line(struct jr_learned *l, char *line, const char *where,
		     bool *any, struct jr_err *err)
{
	static const char tag[] = "# observed-";
	char *key, *value;

	if (strncmp(line, tag, sizeof(tag) - 1) != 0)
		return 0;
	key = line + sizeof(tag) - 1;
	value = strchr(key, ':');
	if (!value)
		return jr_fail(err, where, "'# observed-' line without ':'");
	*value++ = '\0';
	*any = true;
	if (strcmp(key, "syscalls") == 0)
		return load_syscalls(l, value, where, err);
	if (strcmp(key, "families") == 0)
		return load_families(l, value, where, err);
	if (strcmp(key, "exec") == 0) {
		l->exec_after_start |= strstr(value, "yes") != NULL;
		return 0;
	}
	if (strcmp(key, "path") == 0)
		return load_path(&l->fs, value, where, err);
	if (strcmp(key, "refused") == 0)
		return load_path(&l->refused, value, where, err);
	if (strcmp(key, "under") == 0) {
		value += strspn(value, " ");
		if (!jr_lf_writable(value) || strchr(value, '/'))
			return jr_fail(err, where, "bad profile name '%s'",
				       value);
		if (!l->under[0])
			snprintf(l->under, sizeof(l->under), "%s", value);
		return 0;
	}
	if (strcmp(key, "connect") == 0)
		return load_ports(l->connect, value, where, err);
	if (strcmp(key, "bind") == 0)
		return load_ports(l->bind, value, where, err);
	if (strcmp(key, "desktop") == 0)
		return load_desktop(l, value, where, err);
	if (strcmp(key, "dbus-talk") == 0)
		return load_dbus_name(&l->dbus_talked, value, where, err);
	if (strcmp(key, "dbus-refused-talk") == 0)
		return load_dbus_name(&l->dbus_refused_talk, value, where, err);
	if (strcmp(key, "dbus-refused-own") == 0)
		return load_dbus_name(&l->dbus_refused_own, value, where, err);
	if (strcmp(key, "runs") == 0) {
		l->runs += (unsigned)strtoul(value, NULL, 10) % 1000000;
		return 0;
	}
	return jr_fail(err, where, "unknown '# observed-%s' line", key);
}

int jr_learned_load(struct jr_learned *l, const char *path,
		    struct jr_err *err)
{
	cleanup_free char *buf = NULL;
	char *save = NULL;
	bool any = false;
	size_t len;
	int r = jr_read_file(path, JR_LEARN_FILE_MAX, &buf, &len);
	int lineno = 0;

	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return jr_fail(err, NULL, "%s: %s", path,
			       jr_read_strerror(path, r));
	if (memchr(buf, '\0', len))
		return jr_fail(err, NULL, "%s:1: binary data: not a profile",
			       path);
	for (char *line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char where[JR_ERR_MAX / 2];

		lineno++;
		snprintf(where, sizeof(where), "%s:%d", path, lineno);
		if (load_line(l, line, where, &any, err) < 0)
			return -1;
	}
	if (!any)
		return jr_fail(err, NULL,
			       "%s: not written by --learn (no '# observed-' "
			       "lines): refusing to merge into it",
			       path);
	return 0;
}

/* ---- choosing groups --------------------------------------------------- */

static int mark_member(void *ctx, const char *name, const char *where,
		       struct jr_err *err)
{
	bool *in = ctx;
	int nr = native_nr(name);

	(void)where;
	(void)err;
	if (nr >= 0)
		in[nr] = true;
	return 0;
}

struct choice {
	const char *group;     /* as written (@network-io may be @inet) */
	size_t used, size;
};

/* The name a socket group is written under: what protocol says anyway. */
static const char *network_name(uint64_t families)
{
	if (families & ((1ULL << 2) | (1ULL << 10))) /* AF_INET, AF_INET6 */
		return "@inet";
	if (families == (1ULL << 1)) /* AF_UNIX only */
		return "@unix";
	return "@network-io";
}

/* Fill CHOSEN (up to ARRAY_SIZE(candidates)) and COVERED. */
static size_t choose(const struct jr_learned *l, struct choice *chosen,
		     bool covered[JR_NR_MAX])
{
	size_t n = 0;

	for (size_t c = 0; c < ARRAY_SIZE(candidates); c++) {
		bool in[JR_NR_MAX] = { false };
		struct jr_err err = { { 0 } };
		size_t size = 0, used = 0, gain = 0;

		jr_group_expand(candidates[c], mark_member, in, "", &err);
		for (int nr = 0; nr < JR_NR_MAX; nr++) {
			size += in[nr];
			used += in[nr] && l->used[nr];
			gain += in[nr] && l->used[nr] && !covered[nr];
		}
		if (!size || used * CHOOSE_DEN < size * CHOOSE_NUM ||
		    gain < CHOOSE_GAIN)
			continue;
		for (int nr = 0; nr < JR_NR_MAX; nr++)
			covered[nr] |= in[nr];
		chosen[n].group = strcmp(candidates[c], "@network-io") == 0 ?
					  network_name(l->families) :
					  candidates[c];
		chosen[n].used = used;
		chosen[n].size = size;
		n++;
	}
	return n;
}

/* ---- writing ----------------------------------------------------------- */

/* Append ITEM to a "KEY = a, b" line, starting a new KEY line when the
 * line would pass WRAP (lists accumulate, so repeating the key is the
 * portable way to continue). */
static void list_item(FILE *f, const char *key, const char *item, size_t *col)
{
	if (*col && *col + strlen(item) + 2 > WRAP) {
		fputc('\n', f);
		*col = 0;
	}
	if (*col == 0)
		*col = (size_t)fprintf(f, "%s%s", key, item);
	else /* comment lines are space-separated, keys comma-separated */
		*col += (size_t)fprintf(f, "%s%s", key[0] == '#' ? " " : ", ",
					item);
}

static void end_list(FILE *f, size_t *col)
{
	if (*col)
		fputc('\n', f);
	*col = 0;
}

static size_t count_used(const struct jr_learned *l)
{
	size_t n = 0;

	for (int nr = 0; nr < JR_NR_MAX; nr++)
		n += l->used[nr];
	return n;
}

static bool uses_default_deny(const struct jr_learned *l, char *first,
			      size_t size)
{
	bool in[JR_NR_MAX] = { false };
	struct jr_err err = { { 0 } };

	jr_group_expand("@default-deny", mark_member, in, "", &err);
	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		if (in[nr] && l->used[nr]) {
			jr_syscall_name(nr, first, size);
			return true;
		}
	}
	return false;
}

static void write_families(FILE *f, const struct jr_learned *l)
{
	size_t col = 0;
	uint64_t left = l->families;

	for (size_t i = 0; i < jr_nfamilies; i++) {
		if (!(l->families & (1ULL << jr_families[i].af)))
			continue;
		list_item(f, "protocol = ", jr_families[i].name, &col);
		left &= ~(1ULL << jr_families[i].af);
	}
	end_list(f, &col);
	for (int af = 0; af < 64; af++)
		if (left & (1ULL << af))
			fprintf(f, "# socket family %d was used, but protocol "
				   "cannot allow it: it will fail\n",
				af);
}

static void write_header(FILE *f, const struct jr_learned *l,
			 const char *command, const char *date,
			 const struct choice *chosen, size_t nchosen)
{
	fprintf(f, "# Learned by jailrun --learn from %u run%s; review it "
		   "before use.\n",
		l->runs, l->runs == 1 ? "" : "s");
	fprintf(f, "# command: %.150s\n# date: %s\n", command, date);
	fprintf(f, "# observed: %zu syscalls on %s; socket families: %s; "
		   "%s\n",
		count_used(l), jr_arch_name(), l->families ? "see protocol" :
							     "none",
		l->exec_after_start ? "executed programs after its start" :
				      "never executed anything after its "
				      "start");
	fprintf(f, "# groups: one is used when the runs used at least %d%% "
		   "of its syscalls here\n#   and it adds at least %d not "
		   "covered before; the rest are listed singly.\n",
		100 * CHOOSE_NUM / CHOOSE_DEN, CHOOSE_GAIN);
	for (size_t i = 0; i < nchosen; i++)
		fprintf(f, "#   %s: %zu of its %zu syscalls used\n",
			chosen[i].group, chosen[i].used, chosen[i].size);
}

static void write_programs(FILE *f, const struct jr_learned *l);

/* ORIGIN ("DIR/FILE:LINE" or "--option") without its directory. */
static const char *short_origin(const char *origin)
{
	const char *colon = strrchr(origin, ':');
	const char *slash = NULL;

	for (const char *p = origin; *p && (!colon || p < colon); p++)
		if (*p == '/')
			slash = p;
	return slash ? slash + 1 : origin;
}

/* The syscalls the profile learned under denies, by the rule that
 * denies them. */
static void write_denied(FILE *f, const struct jr_learned *l)
{
	char name[64];
	bool done[JR_NR_MAX] = { false };

	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		const char *by = l->denied_by[nr];
		char key[200];
		size_t col = 0;

		if (!by || done[nr])
			continue;
		snprintf(key, sizeof(key), "#   %.120s denies: ",
			 short_origin(by));
		for (int k = nr; k < JR_NR_MAX; k++) {
			if (l->denied_by[k] != by)
				continue;
			done[k] = true;
			list_item(f, key, jr_syscall_name(k, name, sizeof(name)),
				  &col);
		}
		end_list(f, &col);
	}
	for (int af = 0; af < 64; af++)
		if (l->families_denied & (1ULL << af))
			fprintf(f, "#   %.120s denies socket family %d\n",
				l->protocol_origin ?
					short_origin(l->protocol_origin) :
					"protocol",
				af);
}

static bool any_denied(const struct jr_learned *l)
{
	for (int nr = 0; nr < JR_NR_MAX; nr++)
		if (l->denied_by[nr])
			return true;
	return l->families_denied != 0;
}

/* A refusal an appended run did not meet again (it used it). */
static unsigned still_refused(const struct jr_learned *l, size_t i)
{
	const struct jr_lfpath *p = &l->refused.v[i];

	return p->access & ~jr_learnfs_access(&l->fs, p->path);
}

/* What the profile learned under had in force and refused, and that
 * the result stands alone (it includes nothing). */
static void write_under(FILE *f, const struct jr_learned *l)
{
	size_t shown = 0, more = 0;

	if (!l->under[0]) {
		fprintf(f, "# stands alone: learned with no profile "
			   "(--noprofile); it includes nothing.\n");
		return;
	}
	fprintf(f,
		"# learned under %s: its file rules (Landlock, mounts) were "
		"in force,\n"
		"#   its seccomp rules were not (learning lets every call "
		"run).\n"
		"# stands alone: it includes nothing and needs nothing of "
		"%s.\n"
		"#   `include = %s` added here adds its deny-lists, and a "
		"deny beats a\n"
		"#   keep: jailrun then warns at startup which kept syscalls "
		"it denies\n"
		"#   (--debug: each, with both rules).\n",
		l->under, l->under, l->under);
	if (any_denied(l)) {
		fprintf(f, "# let run while learning, though %s denies "
			   "them:\n",
			l->under);
		write_denied(f, l);
	}
	for (size_t i = 0; i < l->refused.n; i++) {
		cleanup_free char *p = NULL;
		unsigned acc = still_refused(l, i);

		if (!acc)
			continue;
		if (shown == JR_LEARN_REFUSED_SHOWN) {
			more++;
			continue;
		}
		if (!shown++)
			fprintf(f, "# refused under %s by its Landlock rules, "
				   "and not granted here\n"
				   "#   (the runs never went past them: grant "
				   "one and learn again to learn\n"
				   "#   what follows it):\n",
				l->under);
		p = jr_lf_substitute(l->refused.v[i].path, &l->vars);
		fprintf(f, "#   refused: %s%s%s%s%.300s\n",
			acc & JR_LF_READ ? "read " : "",
			acc & JR_LF_WRITE ? "write " : "",
			acc & JR_LF_CREATE ? "create-or-remove " : "",
			acc & JR_LF_EXEC ? "exec " : "", p);
	}
	if (more)
		fprintf(f, "#   and %zu more (the '# observed-refused' lines)"
			   "\n",
			more);
	if (!shown)
		fprintf(f, "# refused under %s: nothing its Landlock rules "
			   "check\n",
			l->under);
	fprintf(f, "#   (a file its mounts hid is not seen as refused: it "
		   "was missing)\n");
}

static void write_keys(FILE *f, const struct jr_learned *l,
		       const struct choice *chosen, size_t nchosen,
		       const bool covered[JR_NR_MAX])
{
	char name[64];
	size_t col = 0;

	for (size_t i = 0; i < nchosen; i++)
		list_item(f, "seccomp.keep = ", chosen[i].group, &col);
	for (int nr = 0; nr < JR_NR_MAX; nr++)
		if (l->used[nr] && !covered[nr])
			list_item(f, "seccomp.keep = ",
				  jr_syscall_name(nr, name, sizeof(name)), &col);
	end_list(f, &col);
	if (l->families)
		write_families(f, l);
	if (!l->exec_after_start)
		fprintf(f, "# it never executed anything after its start:\n"
			   "seccomp.drop = execve, execveat\n");
	else
		write_programs(f, l);
	if (uses_default_deny(l, name, sizeof(name)))
		fprintf(f, "# not `seccomp = yes`: the runs used %s, which it "
			   "denies\n",
			name);
	else
		fprintf(f, "seccomp = yes\n");
	fprintf(f, "caps.drop = all\nshell = none\n");
}

/* The programs executed, named (exec is kept for them). */
static void write_programs(FILE *f, const struct jr_learned *l)
{
	size_t col = 0;

	for (size_t i = 0; i < l->fs.n; i++)
		if (l->fs.v[i].access & JR_LF_EXEC &&
		    jr_lf_writable(l->fs.v[i].path))
			list_item(f, "# programs executed: ", l->fs.v[i].path,
				  &col);
	end_list(f, &col);
}

static bool any_port(const uint64_t *ports)
{
	for (size_t i = 0; i < 1024; i++)
		if (ports[i])
			return true;
	return false;
}

static void write_ports(FILE *f, const char *key, const uint64_t *ports)
{
	char num[8];
	size_t col = 0;

	for (int p = 0; p < 65536; p++) {
		if (!(ports[p / 64] & (1ULL << (p % 64))))
			continue;
		snprintf(num, sizeof(num), "%d", p);
		list_item(f, key, num, &col);
	}
	end_list(f, &col);
}

static const char *const ll_keys[] = { "landlock.read = ", "landlock.write = ",
				       "landlock.exec = " };

/* The names refused on the bus, not granted (like Landlock's refusals):
 * a name it talked to in another run is not listed. */
static void write_dbus_refused(FILE *f, const struct jr_learned *l)
{
	size_t col = 0;

	for (size_t i = 0; i < l->dbus_refused_talk.n; i++)
		if (!names_has(&l->dbus_talked, l->dbus_refused_talk.v[i]))
			list_item(f, "# refused on the bus, talk to: ",
				  l->dbus_refused_talk.v[i], &col);
	end_list(f, &col);
	for (size_t i = 0; i < l->dbus_refused_own.n; i++)
		list_item(f, "# refused on the bus, own: ",
			  l->dbus_refused_own.v[i], &col);
	end_list(f, &col);
	if (l->dbus_refused_talk.n || l->dbus_refused_own.n)
		fprintf(f, "#   (the proxy refused them: add them to "
			   "dbus.user.talk/own by hand if wanted)\n");
}

/* The session bus.  Under a profile's `dbus.user = filter` the
 * messages went through xdg-dbus-proxy, which jailrun runs with --log
 * when learning: the filter, with the names the program called that
 * the profile let through (dbus_talked), at most JR_DBUS_NAMES_MAX
 * (what the key takes).  The log does not name what a granted
 * RequestName asked for, so the profile's own names are kept.  On the
 * real bus (`yes`, or none set) nothing is logged: xdg-dbus-proxy logs
 * only the messages it filters (its --log is read under --filter), and
 * a filter would refuse the names learning is to find. */
static void write_dbus(FILE *f, const struct jr_learned *l)
{
	struct jr_lnames talk = { .n = 0 };
	const char *under = l->under[0] ? l->under : "the command line";
	size_t col = 0;

	if (!l->dbus_filter) {
		fprintf(f, "# dbus.user: the bus names it talked to are not "
			   "learned on the real bus\n"
			   "#   (xdg-dbus-proxy logs only what it filters): "
			   "learn under --dbus.user=filter\n"
			   "#   --dbus.user.talk=org.example.* to have the "
			   "names it calls recorded\n"
			   "dbus.user = yes\n");
		return;
	}
	for (size_t i = 0; i < l->dbus_talked.n; i++)
		names_add(&talk, l->dbus_talked.v[i]);
	/* the log missing or cut: what the profile let through stays */
	for (size_t i = 0; (!l->dbus_logged || l->dbus_log_cut) &&
			   i < l->ndbus_talk;
	     i++)
		names_add(&talk, l->dbus_talk[i]);
	if (!l->dbus_logged)
		fprintf(f, "# dbus.user: filter, with the names %s lets "
			   "through (the proxy's log was not read)\n",
			under);
	else
		fprintf(f, "# dbus.user: filter (as %s); dbus.user.talk: the "
			   "names it called, observed\n"
			   "#   through xdg-dbus-proxy's --log%s\n",
			under,
			l->dbus_log_cut ? " (cut at its size limit: the "
					  "profile's names are kept too)" :
					  "");
	fprintf(f, "dbus.user = filter\n");
	for (size_t i = 0; i < talk.n && i < JR_DBUS_NAMES_MAX; i++)
		list_item(f, "dbus.user.talk = ", talk.v[i], &col);
	end_list(f, &col);
	if (talk.n + talk.over > JR_DBUS_NAMES_MAX)
		fprintf(f, "# %zu more D-Bus names left out (the key takes "
			   "at most %d)\n",
			talk.n + talk.over - JR_DBUS_NAMES_MAX,
			JR_DBUS_NAMES_MAX);
	names_free(&talk);
	if (l->ndbus_own && l->dbus_logged)
		fprintf(f, "# dbus.user.own: %s's names, kept (the proxy's "
			   "log does not name what a\n"
			   "#   granted RequestName asked for)\n",
			under);
	for (size_t i = 0; i < l->ndbus_own; i++)
		list_item(f, "dbus.user.own = ", l->dbus_own[i], &col);
	end_list(f, &col);
	write_dbus_refused(f, l);
}

/* The Landlock keys: file rules, then TCP ports; the desktop keys. */
static void write_landlock(FILE *f, const struct jr_learned *l,
			   const struct jr_lfrules *r)
{
	for (size_t k = 0; k < ARRAY_SIZE(ll_keys); k++) {
		size_t col = 0;

		for (size_t i = 0; i < r->n; i++) {
			unsigned ll = r->v[i].ll;
			/* write and exec imply read; each rule once per key */
			bool here = k == 0 ? ll == 1 : (ll & (1u << k)) != 0;

			if (here)
				list_item(f, ll_keys[k], r->v[i].path, &col);
		}
		end_list(f, &col);
	}
	if (r->refused)
		fprintf(f, "# refused %zu grant%s the runs would need, e.g. "
			   "%s: add it by hand if wanted\n",
			r->refused, r->refused == 1 ? "" : "s",
			r->refused_example);
	if (r->over)
		fprintf(f, "# %zu more rules left out (at most %d are written)"
			   "\n",
			r->over, JR_LEARNFS_RULES_MAX);
	if (l->ll_abi >= 4) {
		if (any_port(l->connect))
			write_ports(f, "landlock.net.connect = ", l->connect);
		else
			fprintf(f, "landlock.net.connect = none\n");
		if (any_port(l->bind))
			write_ports(f, "landlock.net.bind = ", l->bind);
		else
			fprintf(f, "landlock.net.bind = none\n");
	} else if (any_port(l->connect) || any_port(l->bind)) {
		fprintf(f, "# TCP ports used are not written: Landlock ABI %d "
			   "has no network rules (4 has)\n",
			l->ll_abi);
	}
	/* only what was used is written: `x11 = no` and the like need the
	 * mount namespace, and Landlock refuses the rest's files anyway */
	for (size_t i = 0; i < ARRAY_SIZE(desktop_names); i++)
		if (l->desktop & (1u << i) && (1u << i) != JR_LD_DBUS_USER)
			fprintf(f, "%s = yes\n", desktop_names[i]);
	if (l->desktop & JR_LD_DBUS_USER)
		write_dbus(f, l);
	if (!l->desktop)
		fprintf(f, "# desktop: no X11, Wayland, sound or session bus "
			   "socket was used\n");
}

/* One "PREFIX LETTERS PATH" line per path of SET (a path holding a
 * newline could not be read back: left out). */
static void observed_paths(FILE *f, const char *prefix,
			   const struct jr_learnfs *set)
{
	for (size_t i = 0; i < set->n; i++) {
		char letters[5];

		jr_lf_letters(set->v[i].access, letters);
		if (!strchr(set->v[i].path, '\n'))
			fprintf(f, "%s%s %s\n", prefix, letters,
				set->v[i].path);
	}
}

static void write_observed(FILE *f, const struct jr_learned *l)
{
	char name[64], num[8];
	size_t col = 0;

	for (int nr = 0; nr < JR_NR_MAX; nr++)
		if (l->used[nr])
			list_item(f, "# observed-syscalls: ",
				  jr_syscall_name(nr, name, sizeof(name)), &col);
	end_list(f, &col);
	for (int af = 0; af < 64; af++) {
		if (!(l->families & (1ULL << af)))
			continue;
		snprintf(num, sizeof(num), "%d", af);
		list_item(f, "# observed-families: ", num, &col);
	}
	end_list(f, &col);
	observed_paths(f, "# observed-path: ", &l->fs);
	observed_paths(f, "# observed-refused: ", &l->refused);
	if (l->under[0])
		fprintf(f, "# observed-under: %s\n", l->under);
	for (int p = 0; p < 65536; p++)
		if (l->connect[p / 64] & (1ULL << (p % 64)))
			fprintf(f, "# observed-connect: %d\n", p);
	for (int p = 0; p < 65536; p++)
		if (l->bind[p / 64] & (1ULL << (p % 64)))
			fprintf(f, "# observed-bind: %d\n", p);
	for (size_t i = 0; i < ARRAY_SIZE(desktop_names); i++)
		if (l->desktop & (1u << i))
			fprintf(f, "# observed-desktop: %s\n", desktop_names[i]);
	for (size_t i = 0; i < l->dbus_talked.n; i++)
		fprintf(f, "# observed-dbus-talk: %s\n", l->dbus_talked.v[i]);
	for (size_t i = 0; i < l->dbus_refused_talk.n; i++)
		fprintf(f, "# observed-dbus-refused-talk: %s\n",
			l->dbus_refused_talk.v[i]);
	for (size_t i = 0; i < l->dbus_refused_own.n; i++)
		fprintf(f, "# observed-dbus-refused-own: %s\n",
			l->dbus_refused_own.v[i]);
	fprintf(f, "# observed-exec: %s\n# observed-runs: %u\n",
		l->exec_after_start ? "yes" : "no", l->runs);
}

/* The rule each collapsed Landlock rule came from. */
static void write_collapses(FILE *f, const struct jr_lfrules *r)
{
	static const struct {
		const char *why, *said;
	} said[] = {
		{ "proc", "per-process names, to /proc" },
		{ "pts", "a terminal, to /dev/pts" },
		{ "lib", "a system library tree, with exec" },
		{ "data", "a system data tree" },
		{ "numbers", "a directory whose files were read in numbers" },
	};

	jr_learnfs_header(f);
	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; r->v[i].why && k < ARRAY_SIZE(said); k++)
			if (strcmp(r->v[i].why, said[k].why) == 0)
				fprintf(f, "#   %s: %s\n", r->v[i].path,
					said[k].said);
}

int jr_learned_profile(const struct jr_learned *l, const char *command,
		       const char *date, char **out, struct jr_err *err)
{
	struct choice chosen[ARRAY_SIZE(candidates)];
	bool covered[JR_NR_MAX] = { false };
	size_t nchosen = choose(l, chosen, covered);
	size_t size = 0;
	cleanup_free struct jr_lfrules *rules = xcalloc(1, sizeof(*rules));
	FILE *f = open_memstream(out, &size);

	if (!f)
		return jr_fail(err, NULL, "open_memstream: %s", strerror(errno));
	jr_learnfs_rules(&l->fs, &l->vars, l->secrets, l->nsecrets, rules);
	write_header(f, l, command, date, chosen, nchosen);
	write_under(f, l);
	write_collapses(f, rules);
	write_keys(f, l, chosen, nchosen, covered);
	write_landlock(f, l, rules);
	jr_lfrules_free(rules);
	write_observed(f, l);
	if (fclose(f) != 0) {
		free(*out);
		*out = NULL;
		return jr_fail(err, NULL, "building the profile: %s",
			       strerror(errno));
	}
	return 0;
}

/* All of BUF to FD: a short write is retried, so the errno reported is
 * the one of the write that failed (ENOSPC, EFBIG, EDQUOT), never one
 * left over from an earlier call (mkostemp's EEXIST). */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		if (w == 0)
			return -ENOSPC;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

int jr_learned_write(const struct jr_learned *l, const char *path,
		     const char *command, const char *date,
		     struct jr_err *err)
{
	cleanup_free char *text = NULL;
	cleanup_free char *tmp = xasprintf("%s.XXXXXX", path);
	cleanup_fd int fd = -1;
	int r = 0;

	if (jr_learned_profile(l, command, date, &text, err) < 0)
		return -1;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return jr_fail(err, NULL, "%s: %s", tmp, strerror(errno));
	if (fchmod(fd, 0644) < 0)
		r = -errno;
	if (!r)
		r = write_all(fd, text, strlen(text));
	if (!r && fsync(fd) < 0)
		r = -errno;
	if (!r && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0) {
		unlink(tmp);
		return jr_fail(err, NULL, "writing %s: %s", path, strerror(-r));
	}
	return 0;
}

int jr_learn_check_path(const char *path, struct jr_err *err)
{
	cleanup_free char *copy = xstrdup(path);
	cleanup_free char *tmp = xasprintf("%s.XXXXXX", path);
	const char *dir = dirname(copy);
	struct stat st;
	int fd;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return jr_fail(err, NULL,
			       "--learn=%s: a directory; name the profile to "
			       "write (--learn=%s/NAME.profile)",
			       path, path);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return jr_fail(err, NULL, "--learn=%s: not a regular file",
			       path);
	if (stat(dir, &st) < 0)
		return jr_fail(err, NULL, "--learn=%s: %s: %s", path, dir,
			       strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return jr_fail(err, NULL, "--learn=%s: %s is not a directory",
			       path, dir);
	/* the real test, as the write will do it: root passes access(2)
	 * on a read-only file system */
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return jr_fail(err, NULL,
			       "--learn=%s: cannot write in %s: %s", path, dir,
			       strerror(errno));
	close(fd);
	unlink(tmp);
	return 0;
}
