/* cli.c - parse the command line with getopt_long, generated from the
 * key table so that no option exists twice. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "hints.h"

#define OPT_BASE 1000

static void fill_options(struct option *o)
{
	for (size_t i = 0; i < jr_nkeys; i++) {
		const struct jr_key *k = &jr_keys[i];

		o[i].name = k->name;
		o[i].has_arg = k->arg == JR_ARG_NONE	 ? no_argument :
			       k->arg == JR_ARG_OPTIONAL ? optional_argument :
							   required_argument;
		o[i].flag = NULL;
		o[i].val = OPT_BASE + (int)i;
	}
	memset(&o[jr_nkeys], 0, sizeof(o[0]));
}

/* A unique key that NAME abbreviates, else the closest key. */
static const char *suggest_option(const char *name)
{
	const char *found = NULL;
	size_t n = strlen(name);

	for (size_t i = 0; n && i < jr_nkeys; i++) {
		if (strncmp(jr_keys[i].name, name, n) != 0)
			continue;
		if (found)
			return jr_key_suggest(name);
		found = jr_keys[i].name;
	}
	return found ? found : jr_key_suggest(name);
}

static int bad_option(const char *arg, int c, struct jr_err *err)
{
	char name[64];
	const struct jr_hint *h;
	const char *s;
	size_t n;

	if (optopt > 0 && optopt < OPT_BASE)
		return jr_fail(err, NULL, "unknown option '-%c'", optopt);
	if (!arg || strncmp(arg, "--", 2) != 0)
		return jr_fail(err, NULL, "unknown option '%s'", arg ? arg : "?");
	n = strcspn(arg + 2, "=");
	snprintf(name, sizeof(name), "%.*s", (int)n, arg + 2);
	if (jr_key_find(name)) {
		if (c == ':')
			return jr_fail(err, NULL, "option '--%s' needs a value",
				       name);
		return jr_fail(err, NULL, "option '--%s' takes no value", name);
	}
	if ((h = jr_hint_find(name)) && h->jailrun)
		return jr_fail(err, NULL, "unknown option '--%s': firejail's "
			       "--%s is jailrun's %s%s%s%s", name, name,
			       h->jailrun, h->note ? " (" : "",
			       h->note ? h->note : "", h->note ? ")" : "");
	if (h)
		return jr_fail(err, NULL, "unknown option '--%s': firejail's "
			       "--%s %s", name, name, h->note);
	s = suggest_option(name);
	return jr_fail(err, NULL, "unknown option '--%s'%s%s%s", name,
		       s ? " (did you mean '--" : "", s ? s : "", s ? "'?)" : "");
}

/* getopt_long takes any unambiguous abbreviation; a key is a key, on
 * the command line as in a profile, so ARG must name it in full. */
static bool names_key(const char *arg, const struct jr_key *k)
{
	size_t n = strlen(k->name);

	return strncmp(arg, "--", 2) == 0 &&
	       strncmp(arg + 2, k->name, n) == 0 &&
	       (arg[2 + n] == '\0' || arg[2 + n] == '=');
}

int jr_cli_parse(int argc, char **argv, struct jr_cli *cli,
		 struct jr_err *err)
{
	struct option longopts[jr_nkeys + 1];
	int c;

	cli->n = 0;
	cli->program = NULL;
	fill_options(longopts);
	opterr = 0;
	optind = 0; /* full re-initialisation (glibc) */
	for (;;) {
		int at = optind ? optind : 1; /* the argument getopt reads */

		c = getopt_long(argc, argv, "+:h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'h') {
			c = OPT_BASE + (int)(jr_key_find("help") - jr_keys);
		} else if (c == '?' || c == ':') {
			return bad_option(argv[at], c, err);
		} else if (!names_key(argv[at], &jr_keys[c - OPT_BASE])) {
			optopt = 0;
			return bad_option(argv[at], '?', err);
		}
		if (cli->n >= JR_CLI_MAX)
			return jr_fail(err, NULL, "more than %d options",
				       JR_CLI_MAX);
		cli->items[cli->n].key = &jr_keys[c - OPT_BASE];
		cli->items[cli->n].value = optarg;
		cli->n++;
	}
	if (optind < argc)
		cli->program = &argv[optind];
	return 0;
}

int jr_cli_apply(struct jr_policy *pol, struct jr_command *cmd,
		 const struct jr_cli *cli, enum jr_key_scope scope,
		 struct jr_err *err)
{
	for (size_t i = 0; i < cli->n; i++) {
		const struct jr_key *k = cli->items[i].key;
		char where[80];

		snprintf(where, sizeof(where), "--%s", k->name);
		if (k->scope == JR_SCOPE_PROFILE)
			return jr_fail(err, where,
				       "'%s' is a profile directive; on the "
				       "command line use --profile",
				       k->name);
		if (k->scope != scope)
			continue;
		if (jr_key_apply(pol, cmd, k, cli->items[i].value,
				 jr_policy_intern(pol, where), err) < 0)
			return -1;
	}
	return 0;
}

int jr_cli_check(const struct jr_policy *pol, const struct jr_command *cmd,
		 const struct jr_cli *cli, struct jr_err *err)
{
	if (cmd->noprofile && cmd->profile)
		return jr_fail(err, NULL,
			       "--noprofile and --profile=%s: choose one",
			       cmd->profile);
	if (pol->learn_append && !pol->learn)
		return jr_fail(err, NULL,
			       "--learn-append needs --learn=FILE (the profile "
			       "to merge this run into)");
	if (cmd->list && cmd->shutdown)
		return jr_fail(err, NULL,
			       "--list and --shutdown=%s: one at a time",
			       cmd->shutdown);
	if ((cmd->list || cmd->shutdown) && cli->program)
		return jr_fail(err, NULL,
			       "%s runs no program: '%s' would be ignored",
			       cmd->list ? "--list" : "--shutdown",
			       cli->program[0]);
	return 0;
}
