/* cli.h - the command line: getopt_long over the one key table.  Pure:
 * parsing fills a struct jr_cli; main applies it: the command-line-only
 * keys first (struct jr_command, and --learn's), the rest after the
 * profiles. */
#ifndef JAILRUN_CLI_H
#define JAILRUN_CLI_H

#include "options.h"

#define JR_CLI_MAX 256 /* options on one command line */

struct jr_cli_item {
	const struct jr_key *key;
	const char *value; /* NULL for a bare flag */
};

struct jr_cli {
	struct jr_cli_item items[JR_CLI_MAX];
	size_t n;
	char **program; /* PROGRAM [ARG...], or NULL when none was given */
};

int jr_cli_parse(int argc, char **argv, struct jr_cli *cli,
		 struct jr_err *err);

/* Apply the items whose key has SCOPE, in order: command keys to CMD,
 * the others to POL. */
int jr_cli_apply(struct jr_policy *pol, struct jr_command *cmd,
		 const struct jr_cli *cli, enum jr_key_scope scope,
		 struct jr_err *err);

/* Options that contradict each other or would be ignored (--noprofile
 * with --profile, --learn-append without --learn, --list with --shutdown
 * or a program), after the CLI_SCOPE pass.  0 or -1 with ERR. */
int jr_cli_check(const struct jr_policy *pol, const struct jr_command *cmd,
		 const struct jr_cli *cli, struct jr_err *err);

#endif
