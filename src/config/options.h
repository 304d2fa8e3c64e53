/* options.h - the one key table.  Every setting is one entry: its name
 * (the profile key, and the long option of the same name), where it may
 * be given, its help text, and the parser that sets the policy.  The
 * command line and the profile parser both go through jr_key_set(), so
 * `--K=V` and `K = V` cannot drift apart. */
#ifndef JAILRUN_OPTIONS_H
#define JAILRUN_OPTIONS_H

#include "command.h"
#include "policy.h"
#include "util.h"

enum jr_key_scope {
	JR_SCOPE_BOTH,    /* profile key and long option */
	JR_SCOPE_CLI,     /* command line only (run settings, actions) */
	JR_SCOPE_PROFILE, /* profile directive (include, ignore) */
};

enum jr_key_arg {
	JR_ARG_NONE,     /* --flag */
	JR_ARG_REQUIRED, /* --key=VALUE */
	JR_ARG_OPTIONAL, /* --key or --key=VALUE (bare means yes) */
};

/* What a setter sets: the policy, or for the command-line options that
 * pick what jailrun does and do not shape the sandbox, the command
 * (NULL when a profile or a record is read: those keys are refused). */
struct jr_settings {
	struct jr_policy *pol;
	struct jr_command *cmd;
};

typedef int (*jr_key_setter)(struct jr_settings *s, const char *value,
			     const char *where, struct jr_err *err);

struct jr_key {
	const char *name;
	enum jr_key_scope scope;
	enum jr_key_arg arg;
	const char *metavar;
	const char *help;
	jr_key_setter set; /* NULL for profile directives */
};

/* Whether KEY's settings are part of the policy's digest: every key a
 * profile can set, unless it only changes what jailrun says (a short
 * list beside the table: a new key is in the digest unless named). */
bool jr_key_bounds(const struct jr_key *key);

extern const struct jr_key jr_keys[];
extern const size_t jr_nkeys;

const struct jr_key *jr_key_find(const char *name);

/* Closest key name to NAME (for "did you mean"), or NULL. */
const char *jr_key_suggest(const char *name);

/* The key that makes path rules of kind K ("landlock.read", ...). */
const char *jr_pathkey_name(enum jr_pathkey k);

/* Apply KEY = VALUE (VALUE NULL for a bare flag).  WHERE names the
 * source ("FILE:LINE" or "--key") for errors and for the origin of each
 * rule; it must outlive the policy (intern it).  For profiles and
 * records: a JR_SCOPE_CLI key is an error here. */
int jr_key_set(struct jr_policy *pol, const struct jr_key *key,
	       const char *value, const char *where, struct jr_err *err);

/* The same for any key, the command line's: the command's keys set CMD,
 * the others POL. */
int jr_key_apply(struct jr_policy *pol, struct jr_command *cmd,
		 const struct jr_key *key, const char *value,
		 const char *where, struct jr_err *err);

/* Socket families known to `protocol`. */
struct jr_family {
	const char *name;
	int af;
};
extern const struct jr_family jr_families[];
extern const size_t jr_nfamilies;

#endif
