/* profile.h - find and read profiles (DESIGN §2).  Pure: errors come back
 * as "FILE:LINE: message" in a struct jr_err. */
#ifndef JAILRUN_PROFILE_H
#define JAILRUN_PROFILE_H

#include <stddef.h>

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
};

/* What was read, in order, for --debug. */
struct jr_profile_log {
	char *files[JR_FILES_MAX];
	size_t n;
	const char *profile; /* the profile used, or NULL */
};
void jr_profile_log_free(struct jr_profile_log *log);

/* Read everything a run of PROGRAM (its basename) needs into POL, in
 * order: jailrun.conf, the user's globals.local and NAME.local, then the
 * profile (pol->profile, or NAME, or default) and its includes. */
int jr_profile_load(struct jr_policy *pol, const struct jr_lookup *lk,
		    const char *program, struct jr_profile_log *log,
		    struct jr_err *err);

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
