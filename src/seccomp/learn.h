/* learn.h - learning mode: what a run used, and the profile written from
 * it (`--learn=FILE`, `--learn-append`).  Pure: no printing. */
#ifndef JAILRUN_LEARN_H
#define JAILRUN_LEARN_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "learnfs.h"
#include "policy.h"
#include "util.h"

#define JR_LEARN_FILE_MAX (4 * 1024 * 1024) /* a learned profile read back */

struct jr_learned {
	bool used[JR_NR_MAX];
	uint64_t families;     /* bit AF: a socket of that family was asked */
	bool exec_after_start; /* execve/execveat after the target started */
	unsigned runs;
	struct jr_learnfs fs;  /* paths read, written, created, executed */
	struct jr_learnfs refused; /* what the profile's Landlock rules
				    * refused (not in fs: never granted) */
	uint64_t connect[1024], bind[1024]; /* TCP ports (bit p = port p) */
	unsigned desktop;      /* JR_LD_*: desktop sockets connected to */

	/* set before writing: how paths are written and checked */
	struct jr_lfvars vars;
	const char *const *secrets; /* expanded blacklists of the disable-*
				     * includes: never collapsed onto */
	size_t nsecrets;
	int ll_abi;            /* the kernel's Landlock ABI (0: none) */
	/* learning under a profile (not --noprofile): its name, and for
	 * each syscall used that its seccomp rules deny (let run while
	 * learning), the rule that denies it */
	char under[128];
	const char *denied_by[JR_NR_MAX];
	uint64_t families_denied; /* used, outside its protocol */
	const char *protocol_origin;
	/* its dbus.user = filter: the learned profile keeps the filter and
	 * its names (the proxy's traffic is not seen: not learned) */
	bool dbus_filter;
	const char *const *dbus_talk, *const *dbus_own;
	size_t ndbus_talk, ndbus_own;
};

#define JR_LEARN_REFUSED_SHOWN 40 /* refusals listed in the header */

/* Before writing: the profile the run was learned under (its file
 * name; NULL or "" for --noprofile) and the used syscalls that POL's
 * seccomp rules deny, with the rule that does (exec only when the runs
 * executed after their start: a drop of execve spares the launch). */
void jr_learned_under(struct jr_learned *l, const char *profile,
		      const struct jr_policy *pol);

/* Desktop sockets a run connected to. */
enum jr_learned_desktop {
	JR_LD_X11 = 1,
	JR_LD_WAYLAND = 2,
	JR_LD_SOUND = 4,
	JR_LD_DBUS_USER = 8,
};

/* The desktop socket a connect to the unix socket PATH (abstract: '@'
 * first) is, with RUNTIME the user's $XDG_RUNTIME_DIR: JR_LD_* or 0. */
unsigned jr_learned_desktop_of(const char *path, const char *runtime);

/* Free what jr_learned_note/load/the supervisor added (paths). */
void jr_learned_free(struct jr_learned *l);

/* Count one call the target made.  LAUNCH: it is the launcher's execve
 * of the target, not one made by target code. */
void jr_learned_note(struct jr_learned *l, const struct seccomp_data *d,
		     bool launch);

/* Read the "# observed-..." lines of a profile written before, to merge
 * runs (--learn-append).  A missing file is an empty record. */
int jr_learned_load(struct jr_learned *l, const char *path,
		    struct jr_err *err);

/* The profile for L: a header saying what was observed and which rule
 * chose each group, then the keys.  COMMAND is the learned command line,
 * DATE its time.  The text is malloc'd into *OUT. */
int jr_learned_profile(const struct jr_learned *l, const char *command,
		       const char *date, char **out, struct jr_err *err);

/* Write the profile to PATH atomically (a temporary file renamed). */
int jr_learned_write(const struct jr_learned *l, const char *path,
		     const char *command, const char *date,
		     struct jr_err *err);

/* Before the run: PATH can be written as jr_learned_write will (not a
 * directory, its directory exists and takes a new file).  0 or -1. */
int jr_learn_check_path(const char *path, struct jr_err *err);

#endif
