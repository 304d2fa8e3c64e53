/* commands.h - main's commands besides a run: profile lookup, running
 * sandboxes, shortcuts (commands.c).  They print; the int ones return
 * jailrun's exit status. */
#ifndef JAILRUN_COMMANDS_H
#define JAILRUN_COMMANDS_H

#include "cli.h"
#include "command.h"
#include "policy.h"
#include "supervise.h"
#include "util.h"

/* jailrun.conf, the .local files and the profile for PROGRAM (or
 * --profile), each file read said under --debug.  0, or -1 with ERR. */
int jr_load_profiles(struct jr_policy *pol, const struct jr_command *cmd,
		     const char *program, struct jr_err *err);

/* --list, --shutdown */
/* The expanded blacklists of disable-keys.inc and disable-secrets.inc
 * (what learning never collapses onto), malloc'd. */
void jr_learn_secrets(char ***out, size_t *n);

int jr_cmd_running(const struct jr_command *cmd);

/* --install-shortcuts, --remove-shortcuts */
int jr_cmd_shortcuts(const struct jr_command *cmd);

/* The profile keys given on the command line, for the sandbox's record
 * (what --join rebuilds its policy from).  malloc'd. */
char *jr_record_args(const struct jr_cli *cli);

/* --join: the running sandbox's policy, rebuilt from its record and
 * checked against its digest; sets PLAN's join_init.  Frees OWN.  Dies
 * (exit 125) when the sandbox cannot be joined exactly. */
struct jr_policy *jr_join_policy(struct jr_policy *own,
				 const struct jr_command *cmd,
				 const struct jr_cli *cli,
				 struct jr_plan *plan);

#endif
