/* commands.c - what main does besides running one sandbox: the profile
 * lookup (for a run and for --join), the running sandboxes (--list,
 * --shutdown, --join's policy, from the records of state.h) and the shortcuts
 * (--install-shortcuts, --remove-shortcuts).  Part of main's layer: these
 * print and decide exit statuses. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "import.h"
#include "launch.h"
#include "ns.h"
#include "options.h"
#include "plan.h"
#include "profile.h"
#include "shortcuts.h"
#include "state.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

static void lookup_dirs(struct jr_lookup *lk, char **user_dir,
			char **import_path)
{
	cleanup_free char *user_import = jr_import_user_dir();

	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *path = getenv("JAILRUN_PROFILE_PATH");

	*user_dir = NULL;
	if (xdg && xdg[0] == '/')
		*user_dir = xasprintf("%s/jailrun", xdg);
	else if (home && home[0] == '/')
		*user_dir = xasprintf("%s/.config/jailrun", home);
	/* An unreadable user dir is skipped. */
	if (*user_dir && access(*user_dir, R_OK | X_OK) < 0) {
		free(*user_dir);
		*user_dir = NULL;
	}
	lk->user_dir = *user_dir;
	lk->system_path = path && *path ? path : SYSCONFDIR "/jailrun";
	*import_path = user_import ? xasprintf("%s:%s", user_import,
					       JR_IMPORT_SYSTEM_DIR) :
				     xstrdup(JR_IMPORT_SYSTEM_DIR);
	lk->import_path = *import_path;
}

/* The blacklist of one include, expanded, appended to OUT. */
static void secrets_of(const struct jr_lookup *lk, const char *name,
		       char ***out, size_t *n)
{
	cleanup_free char *path = jr_profile_find(lk, name, NULL);
	cleanup_free char *buf = NULL;
	struct jr_profile_log log = { .n = 0 };
	struct jr_policy *pol;
	struct jr_err err = { { 0 } };
	size_t len;

	if (!path || jr_read_file(path, JR_PROFILE_SIZE_MAX, &buf, &len) < 0)
		return;
	pol = jr_policy_new();
	if (jr_profile_parse_buffer(pol, lk, path, buf, len, &log, &err) == 0)
		for (size_t i = 0; i < pol->npaths; i++) {
			char *p;

			if (pol->paths[i].key != JR_PK_BLACKLIST ||
			    jr_path_unset_var(pol->paths[i].path))
				continue;
			p = jr_path_expand(pol->paths[i].path, path, &err);
			if (!p)
				continue;
			*out = realloc(*out, (*n + 1) * sizeof(**out));
			if (!*out)
				abort();
			(*out)[(*n)++] = p;
		}
	jr_profile_log_free(&log);
	jr_policy_free(pol);
}

void jr_learn_secrets(char ***out, size_t *n)
{
	cleanup_free char *user_dir = NULL, *import_path = NULL;
	struct jr_lookup lk;

	*out = NULL;
	*n = 0;
	lookup_dirs(&lk, &user_dir, &import_path);
	secrets_of(&lk, "disable-keys.inc", out, n);
	secrets_of(&lk, "disable-secrets.inc", out, n);
}

int jr_load_profiles(struct jr_policy *pol, const struct jr_command *cmd,
		     const char *program, struct jr_err *err)
{
	cleanup_free char *user_dir = NULL;
	cleanup_free char *import_path = NULL;
	cleanup_free char *copy = NULL;
	struct jr_profile_log log = { .n = 0 };
	struct jr_lookup lk;
	int r;

	if (!program && !cmd->profile)
		return 0;
	lookup_dirs(&lk, &user_dir, &import_path);
	copy = program ? xstrdup(program) : NULL;
	/* the program as given: the lookup follows its links itself */
	r = jr_profile_load(pol, cmd, &lk, program, &log, err);
	for (size_t i = 0; i < log.n; i++)
		debugx("read %s", log.files[i]);
	if (log.matched)
		debugx("%s", log.matched);
	if (log.profile)
		debugx("profile: %s", log.profile);
	if (log.profile)
		pol->profile_used = jr_policy_intern(pol, log.profile);
	if (r == 0 && !cmd->noprofile && !log.profile)
		warnx_jr("no profile for '%s' and no default.profile in %s: "
			 "only the command line applies",
			 copy ? basename(copy) : "?", lk.system_path);
	jr_profile_log_free(&log);
	return r;
}


static void uptime(long started, char *buf, size_t size)
{
	long s = (long)time(NULL) - started;

	if (s < 0)
		s = 0;
	snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
}

/* The records, or EXIT_JAILRUN said; every refusal said under --debug. */
static int collect(struct jr_records *rs)
{
	struct jr_err err = { { 0 } };

	if (jr_records_collect(rs, &err) < 0) {
		warnx_jr("%s", err.msg);
		return EXIT_JAILRUN;
	}
	for (size_t i = 0; i < rs->nrefused; i++) {
		cleanup_free char *e = jr_state_escape(rs->refused[i]);

		debugx("refused the record at %s", e);
	}
	return 0;
}

/* Loudly: something of this user's pretends to be a sandbox. */
static void say_refused(const struct jr_records *rs)
{
	if (rs->nrefused)
		warnx_jr("WARNING: refused %zu record%s not served by a "
			 "jailrun of this user outside any sandbox (forged?); "
			 "--debug says which",
			 rs->nrefused, rs->nrefused == 1 ? "" : "s");
}

static int list_sandboxes(void)
{
	struct jr_records rs;

	if (collect(&rs))
		return EXIT_JAILRUN;
	printf("%-8s %-20s %-40s %-9s %s\n", "PID", "NAME", "PROFILE", "UPTIME",
	       "LOG");
	for (size_t i = 0; i < rs.n; i++) {
		cleanup_free char *name = jr_state_escape(rs.v[i].name);
		cleanup_free char *profile = jr_state_escape(rs.v[i].profile);
		cleanup_free char *log = jr_state_escape(rs.v[i].log);
		char up[32];

		uptime(rs.v[i].started, up, sizeof(up));
		printf("%-8d %-20s %-40s %-9s %s\n", (int)rs.v[i].pid, name,
		       profile, up, log[0] ? log : "-");
	}
	fflush(stdout);
	say_refused(&rs);
	jr_records_free(&rs);
	return 0;
}

/* SIGTERM to its jailrun, which forwards it to the target; if it is
 * still there 5 s later, SIGKILL to the init (ending everything in its
 * pid namespace) and to jailrun.  Only through pidfds checked by
 * jr_record_pidfds: a pid reused meanwhile is never signalled. */
static bool shut_down(const struct jr_record *s, int sup, int init)
{
	struct pollfd pf = { sup, POLLIN, 0 };
	cleanup_free char *name = jr_state_escape(s->name);
	bool gone;

	if (jr_pidfd_signal(sup, SIGTERM) < 0 && jr_pidfd_alive(sup))
		warnx_jr("signalling %d: %s", (int)s->pid, strerror(errno));
	gone = poll(&pf, 1, 5000) == 1;
	if (!gone) {
		jr_pidfd_signal(init, SIGKILL);
		jr_pidfd_signal(sup, SIGKILL);
		gone = poll(&pf, 1, 2000) == 1;
	}
	warnx_jr("shut down %s (pid %d)%s", name, (int)s->pid,
		 gone ? "" : ": still running!");
	return gone;
}

/* The one running sandbox WHICH (a pid, or a unique name) names among
 * RS; OPT is the option asking, for messages.  NULL, or EXIT_JAILRUN
 * said. */
static const struct jr_record *find_sandbox(const struct jr_records *rs,
					    const char *which, const char *opt)
{
	size_t found = 0, at = 0;
	char *end;
	long pid = strtol(which, &end, 10);

	for (size_t i = 0; i < rs->n; i++) {
		if ((*end == '\0' && rs->v[i].pid == pid) ||
		    strcmp(rs->v[i].name, which) == 0) {
			found++;
			at = i;
		}
	}
	if (found == 0) {
		cleanup_free char *w = jr_state_escape(which);

		warnx_jr("%s: no running sandbox '%s' (see --list)", opt, w);
		say_refused(rs);
		return NULL;
	}
	if (found > 1) {
		cleanup_free char *w = jr_state_escape(which);

		warnx_jr("%s: %zu sandboxes are named '%s': give a PID "
			 "(see --list)",
			 opt, found, w);
		return NULL;
	}
	return &rs->v[at];
}

static int shutdown_sandbox(const char *which)
{
	struct jr_err err = { { 0 } };
	const struct jr_record *s;
	struct jr_records rs;
	cleanup_fd int sup = -1;
	cleanup_fd int init = -1;
	int r = EXIT_JAILRUN;

	if (collect(&rs))
		return EXIT_JAILRUN;
	s = find_sandbox(&rs, which, "--shutdown");
	if (s && jr_record_pidfds(s, &sup, &init, &err) < 0)
		warnx_jr("--shutdown: %s: not signalling it", err.msg);
	else if (s && shut_down(s, sup, init))
		r = 0;
	jr_records_free(&rs);
	return r;
}

/* The options that made the sandbox, for its record: "key=value" of each
 * profile key given on the command line, joined by \x1f.  "" when they
 * cannot be recorded (a newline or \x1f in a value, or too long): such a
 * sandbox cannot be joined. */
char *jr_record_args(const struct jr_cli *cli)
{
	char buf[JR_ARGS_MAX] = "";
	size_t len = 0;

	for (size_t i = 0; i < cli->n; i++) {
		const struct jr_cli_item *it = &cli->items[i];
		const char *v = it->value ? it->value : "";

		if (it->key->scope != JR_SCOPE_BOTH)
			continue;
		if (strpbrk(v, "\n\x1f"))
			return xstrdup("");
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s%s%s",
					len ? "\x1f" : "", it->key->name,
					it->value ? "=" : "", v);
		if (len >= sizeof(buf))
			return xstrdup("");
	}
	return xstrdup(len ? buf : "\x1f"); /* "\x1f": none, joinable */
}


/* --join: the sandbox's policy, rebuilt from its profile and options as
 * its authenticated record says, and checked against the digest it
 * started with: the joined command gets exactly the sandbox's rules,
 * never fewer.  Its namespaces are opened here, after its supervisor and
 * init were checked (jr_ns_join_prepare). */
struct jr_policy *jr_join_policy(struct jr_policy *own,
				  const struct jr_command *cmd,
				  const struct jr_cli *cli,
				  struct jr_plan *plan)
{
	struct jr_err err = { { 0 } };
	struct jr_records rs;
	const struct jr_record *s;
	struct jr_command jcmd = JR_COMMAND_INIT;
	struct jr_policy *pol;
	cleanup_fd int sup = -1;
	cleanup_fd int init = -1;
	cleanup_free char *args = NULL;
	cleanup_free char *name = NULL;
	char *save = NULL;

	if (collect(&rs))
		exit(EXIT_JAILRUN);
	s = find_sandbox(&rs, cmd->join, "--join");
	if (!s)
		exit(EXIT_JAILRUN);
	if (!s->args[0])
		die("--join: sandbox %d's options could not be recorded: it "
		    "cannot be joined",
		    (int)s->pid);
	for (size_t i = 0; i < cli->n; i++)
		if (cli->items[i].key->scope == JR_SCOPE_BOTH)
			die("--join runs COMMAND under the sandbox's own "
			    "rules: --%s cannot be added",
			    cli->items[i].key->name);
	if (jr_record_pidfds(s, &sup, &init, &err) < 0)
		die("--join: %s: not joining", err.msg);
	pol = jr_policy_new();
	pol->report = own->report;
	if (strcmp(s->profile, "none") == 0)
		jcmd.noprofile = true;
	else
		jcmd.profile = jr_policy_intern(pol, s->profile);
	if (jr_load_profiles(pol, &jcmd, s->name, &err) < 0)
		die("--join: %s", err.msg);
	args = xstrdup(s->args);
	for (char *a = strtok_r(args, "\x1f", &save); a;
	     a = strtok_r(NULL, "\x1f", &save)) {
		char *eq = strchr(a, '=');
		const struct jr_key *k;
		char where[80];

		if (eq)
			*eq = '\0';
		k = jr_key_find(a);
		snprintf(where, sizeof(where), "--%s", a);
		if (!k || jr_key_set(pol, k, eq ? eq + 1 : NULL,
				     jr_policy_intern(pol, where), &err) < 0)
			die("--join: the sandbox's option --%s: %s", a,
			    k ? err.msg : "unknown here");
	}
	if (jr_policy_digest(pol) != s->digest)
		die("--join: the sandbox's profile changed since it started, so "
		    "its rules cannot be rebuilt exactly: not joining");
	if (jr_ns_join_prepare(s->init, init, &err) < 0)
		die("--join: %s", err.msg);
	plan->join_init = s->init;
	name = jr_state_escape(s->name);
	debugx("joining sandbox %d (%s), init %d", (int)s->pid, name,
	       (int)s->init);
	jr_records_free(&rs);
	jr_policy_free(own);
	return pol;
}

#define SHORTCUTS_MAX 512

/* Programs that have a profile in the lookup dirs and are installed. */
static size_t shortcut_names(char **names, size_t max)
{
	cleanup_free char *user_dir = NULL;
	cleanup_free char *dirs = NULL;
	cleanup_free char *import_path = NULL;
	struct jr_lookup lk;
	char *save = NULL;
	size_t n = 0;

	lookup_dirs(&lk, &user_dir, &import_path);
	dirs = xasprintf("%s:%s", lk.user_dir ? lk.user_dir : "",
			 lk.system_path);
	for (char *dir = strtok_r(dirs, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save)) {
		DIR *dp = opendir(dir);
		struct dirent *e;

		while (dp && (e = readdir(dp)) && n < max) {
			size_t len = strlen(e->d_name);
			cleanup_free char *name = NULL;
			cleanup_free char *path = NULL;
			bool dup = false;

			if (len <= 8 || strcmp(e->d_name + len - 8, ".profile"))
				continue;
			name = strndup(e->d_name, len - 8);
			for (size_t i = 0; name && i < n; i++)
				dup |= strcmp(names[i], name) == 0;
			if (!name || dup || strcmp(name, "default") == 0 ||
			    jr_find_program(name, &path) < 0)
				continue;
			names[n++] = steal_ptr(&name);
		}
		if (dp)
			closedir(dp);
	}
	names[n] = NULL;
	return n;
}

/* --install-shortcuts, --remove-shortcuts: the user's dirs, or the
 * system's when root without --user. */
int jr_cmd_shortcuts(const struct jr_command *cmd)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_DATA_HOME");
	const char *dd = getenv("XDG_DATA_DIRS");
	bool user = cmd->shortcuts_user || getuid() != 0;
	cleanup_free char *self = realpath("/proc/self/exe", NULL);
	cleanup_free char *data = NULL, *bin = NULL, *apps = NULL,
			  *state = NULL, *manifest = NULL;
	static char *names[SHORTCUTS_MAX + 1];
	struct jr_shortcut_log log = { 0 };
	struct jr_err err = { { 0 } };
	struct jr_shortcut_dirs d;
	int r;

	if (user && (!home || home[0] != '/')) {
		warnx_jr("shortcuts: HOME is not set");
		return EXIT_JAILRUN;
	}
	data = user ? (xdg && xdg[0] == '/' ? xstrdup(xdg) :
					      xasprintf("%s/.local/share", home)) :
		      xstrdup("/usr/local/share");
	bin = user ? xasprintf("%s/.local/bin", home) :
		     xstrdup("/usr/local/bin");
	apps = xasprintf("%s/applications", data);
	state = user ? xasprintf("%s/jailrun", data) :
		       xstrdup("/var/lib/jailrun");
	manifest = xasprintf("%s/shortcuts", state);
	d = (struct jr_shortcut_dirs){ self, bin, apps,
				       dd && *dd ? dd : "/usr/local/share:/usr/share",
				       state, manifest };
	if (cmd->shortcuts < 0) {
		r = jr_shortcuts_remove(&d, &log, &err);
		if (r == 0)
			warnx_jr("removed %zu shortcuts%s", log.removed,
				 log.skipped ? " (some changed since: left)" :
					       "");
	} else {
		size_t n = shortcut_names(names, SHORTCUTS_MAX);

		r = jr_shortcuts_install(&d, names, &log, &err);
		if (r == 0)
			warnx_jr("%zu programs with a profile: %zu links in %s, "
				 "%zu .desktop files in %s%s",
				 n, log.links, bin, log.desktops, apps,
				 log.skipped ? " (existing files left alone)" :
					       "");
		for (size_t i = 0; i < n; i++)
			free(names[i]);
	}
	if (r < 0) {
		warnx_jr("%s", err.msg);
		return EXIT_JAILRUN;
	}
	return 0;
}

/* --list, --shutdown: the records of running sandboxes. */
int jr_cmd_running(const struct jr_command *cmd)
{
	return cmd->list ? list_sandboxes() : shutdown_sandbox(cmd->shutdown);
}
