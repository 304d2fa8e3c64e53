/* main.c - parse -> policy -> filter -> launch.  The only place that
 * decides jailrun's exit status. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "filter.h"
#include "launch.h"
#include "profile.h"
#include "supervise.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: jailrun [OPTION...] [--] PROGRAM [ARG...]\n"
		"Run PROGRAM in a sandbox described by its profile: seccomp, "
		"namespaces,\ncapabilities, without setuid.\n\n"
		"Every option marked * is also a profile key (KEY = VALUE).\n"
		"LIST is comma-separated; !NAME takes NAME out again.\n\n");
	for (size_t i = 0; i < jr_nkeys; i++) {
		const struct jr_key *k = &jr_keys[i];
		char left[64];

		if (k->scope == JR_SCOPE_PROFILE)
			continue;
		snprintf(left, sizeof(left), "--%s%s%s%s", k->name,
			 k->arg == JR_ARG_OPTIONAL ? "[=" :
			 k->metavar		   ? "=" :
						     "",
			 k->metavar ? k->metavar : "",
			 k->arg == JR_ARG_OPTIONAL ? "]" : "");
		fprintf(out, " %c %-34s %s\n",
			k->scope == JR_SCOPE_BOTH ? '*' : ' ', left, k->help);
	}
	fprintf(out,
		"\nProfile directives: include = NAME, ignore = KEY.\n"
		"Profiles: $XDG_CONFIG_HOME/jailrun, then %s/jailrun (or "
		"$JAILRUN_PROFILE_PATH).\n"
		"Exit status: the target's; 128+N if it died of signal N; 125 "
		"jailrun error;\n126 not executable; 127 not found.\n",
		SYSCONFDIR);
}

static void lookup_dirs(struct jr_lookup *lk, char **user_dir)
{
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
}

static void load_profiles(struct jr_policy *pol, const char *program)
{
	cleanup_free char *user_dir = NULL;
	cleanup_free char *copy = NULL;
	struct jr_profile_log log = { .n = 0 };
	struct jr_err err = { { 0 } };
	struct jr_lookup lk;
	int r;

	if (!program && !pol->profile)
		return;
	lookup_dirs(&lk, &user_dir);
	copy = program ? xstrdup(program) : NULL;
	r = jr_profile_load(pol, &lk, copy ? basename(copy) : NULL, &log, &err);
	for (size_t i = 0; i < log.n; i++)
		debugx("read %s", log.files[i]);
	if (r == 0 && !pol->noprofile && !log.profile)
		warnx_jr("no profile for '%s' and no default.profile in %s: "
			 "only the command line applies",
			 copy ? basename(copy) : "?", lk.system_path);
	jr_profile_log_free(&log);
	if (r < 0)
		die("%s", err.msg);
}

static int resolve_target(const char *name, char **path)
{
	int r = jr_find_program(name, path);

	if (r == -ENOENT) {
		warnx_jr("%s: command not found", name);
		return EXIT_NOENT;
	}
	if (r < 0) {
		warnx_jr("%s: %s", name, strerror(-r));
		return EXIT_NOEXEC;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_bpf prog = { 0 }, init_prog = { 0 };
	struct jr_err err = { { 0 } };
	cleanup_free char *path = NULL;
	struct jr_cli cli;
	int r;

	if (jr_cli_parse(argc, argv, &cli, &err) < 0 ||
	    jr_cli_apply(pol, &cli, JR_SCOPE_CLI, &err) < 0) {
		warnx_jr("%s", err.msg);
		fprintf(stderr, "Try 'jailrun --help'.\n");
		return EXIT_JAILRUN;
	}
	jr_verbosity = pol->verbosity;
	if (pol->help) {
		usage(stdout);
		return 0;
	}
	if (pol->version) {
		printf("jailrun %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (!cli.program && !pol->print_filter) {
		warnx_jr("no program given");
		fprintf(stderr, "Try 'jailrun --help'.\n");
		return EXIT_JAILRUN;
	}
	/* Profiles first, then the command line over them. */
	load_profiles(pol, cli.program ? cli.program[0] : NULL);
	if (jr_cli_apply(pol, &cli, JR_SCOPE_BOTH, &err) < 0 ||
	    jr_filter_compile(pol, &prog, &err) < 0)
		die("%s", err.msg);
	if (pol->print_filter) {
		jr_filter_describe(pol, &prog, stdout);
		return 0;
	}
	if (jr_verbosity >= 2)
		jr_filter_describe(pol, &prog, stderr);
	r = resolve_target(cli.program[0], &path);
	if (r)
		return r;
	if (jr_filter_compile_init(&init_prog, &err) < 0)
		die("%s", err.msg);
	r = jr_run(pol, &prog, &init_prog, path, cli.program);
	jr_bpf_free(&prog);
	jr_bpf_free(&init_prog);
	jr_policy_free(pol);
	return r;
}
