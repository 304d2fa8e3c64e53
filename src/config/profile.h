/* profile.h - find and read profiles (DESIGN §2).  Pure: errors come back
 * as "FILE:LINE: message" in a struct jr_err. */
#ifndef JAILRUN_PROFILE_H
#define JAILRUN_PROFILE_H

#include <stddef.h>

#include "command.h"
#include "policy.h"
#include "util.h"

#define JR_PROFILE_SIZE_MAX (256 * 1024) /* bytes in one file */
#define JR_LINE_MAX 190                  /* characters in one line */
#define JR_INCLUDE_DEPTH_MAX 8
#define JR_FILES_MAX 64                  /* files read in one run */
#define JR_IGNORES_MAX 64

/* Where profiles are looked up. */
struct jr_lookup {
	const char *user_dir;    /* ~/.config/jailrun or NULL */
	const char *system_path; /* colon-separated system dirs */
	/* colon-separated dirs of profiles imported from firejail
	 * (--import-firejail), read after the others, before default */
	const char *import_path;
};

/* What was read, in order, for --debug. */
struct jr_profile_log {
	char *files[JR_FILES_MAX];
	size_t n;
	const char *profile; /* the profile used, or NULL */
	const char *matched; /* which name found it, and how, for --debug */
};
void jr_profile_log_free(struct jr_profile_log *log);

/* Read everything a run of PROGRAM needs into POL, in order:
 * jailrun.conf, the user's globals.local and NAME.local, then the
 * profile and its includes.  The profile: cmd->profile (NAME.profile in
 * the current directory first, as firejail does), or the first of
 * PROGRAM's candidate names (jr_profile_candidates) that has one, or
 * the first that has an imported one (lk->import_path), or default.  NAME.local is the matching candidate's.  PROGRAM may be a
 * name (looked up in PATH) or a path.  Nothing with cmd->noprofile. */
int jr_profile_load(struct jr_policy *pol, const struct jr_command *cmd,
		    const struct jr_lookup *lk,
		    const char *program, struct jr_profile_log *log,
		    struct jr_err *err);

/* The names a program's profile is looked up by, in order: its own
 * name, then the name each symlink points to (vi -> /etc/alternatives/vi
 * -> vim.basic), each followed by its alias (jr_aliases; python3.X ->
 * python3).  HOW says where each came from, for --debug. */
#define JR_CANDIDATES_MAX 16
#define JR_LINKS_MAX 8 /* symlinks followed */
struct jr_candidates {
	char name[JR_CANDIDATES_MAX][256];
	char how[JR_CANDIDATES_MAX][192];
	size_t n;
};
void jr_profile_candidates(const char *program, struct jr_candidates *c);

/* Program names whose profile is another program's (gunzip -> gzip).
 * Sorted by name; test-profile holds them to it, and to profiles that
 * exist. */
struct jr_alias {
	const char *name;
	const char *profile;
};
extern const struct jr_alias jr_aliases[];
extern const size_t jr_naliases;

/* Parse one profile held in memory (PATH names it in errors and anchors
 * relative includes).  For tests and the fuzzer. */
int jr_profile_parse_buffer(struct jr_policy *pol, const struct jr_lookup *lk,
			    const char *path, const char *buf, size_t len,
			    struct jr_profile_log *log, struct jr_err *err);

/* Resolve NAME as `include` and --profile do: a path when it contains
 * '/' (relative to DIR when given), else NAME[.profile] in the user dir,
 * then the system dirs.  Returns a malloc'd path or NULL. */
char *jr_profile_find(const struct jr_lookup *lk, const char *name,
		      const char *dir);

#endif
