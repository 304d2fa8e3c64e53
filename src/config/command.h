/* command.h - what jailrun is asked to do, as opposed to what the sandbox
 * may do (policy.h): the command-line options that pick a command (--help,
 * --list, --join, ...), the profile to read, and how much jailrun says.
 * Set only through the key table (options.c), by the JR_SCOPE_CLI keys
 * whose setter is a jr_cmd_setter; none of it is in the policy's digest.
 * A plain struct: no .c of its own. */
#ifndef JAILRUN_COMMAND_H
#define JAILRUN_COMMAND_H

#include <stdbool.h>

enum jr_listing {
	JR_LIST_NONE,
	JR_LIST_SYSCALLS, /* --debug-syscalls[=WHAT] */
	JR_LIST_PROTOCOLS,
	JR_LIST_CAPS,
};

struct jr_command {
	bool help;
	bool version;
	bool list;                 /* --list */
	const char *shutdown;      /* --shutdown=NAME|PID */
	const char *join;          /* --join=NAME|PID */
	int shortcuts;             /* 1 --install-shortcuts, -1 --remove- */
	bool shortcuts_user;       /* --user: the user's dirs, even as root */
	bool print_filter;
	enum jr_listing listing;
	const char *list_what;     /* --debug-syscalls=WHAT, NULL for all */
	/* which profile is read: --profile (else by the program's name),
	 * or none */
	const char *profile;
	bool noprofile;
	bool no_cache;             /* --no-cache: compile, keep nothing */
	/* --import-firejail[=DIR] (DIR, or NULL for /etc/firejail), into
	 * the system's directory with --system; --convert-firejail=FILE */
	bool import_firejail;
	const char *import_dir;
	bool import_system;
	const char *convert_firejail;
	int verbosity;             /* 0 --quiet, 1 normal, 2 --debug */
};

#define JR_COMMAND_INIT { .verbosity = 1 }

#endif
