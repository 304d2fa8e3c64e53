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
#define JR_LEARN_DBUS_MAX 64 /* D-Bus names kept of each kind */

/* D-Bus well-known names, sorted, each once, malloc'd; OVER: names
 * beyond JR_LEARN_DBUS_MAX, not kept */
struct jr_lnames {
	char *v[JR_LEARN_DBUS_MAX];
	size_t n, over;
};

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
	/* its dbus.user = filter: the learned profile keeps the filter, its
	 * own names, and its talk names narrowed to those observed */
	bool dbus_filter;
	const char *const *dbus_talk, *const *dbus_own;
	size_t ndbus_talk, ndbus_own;
	/* what xdg-dbus-proxy's --log showed (dbus.user = filter): names
	 * called that its rules let through, names it refused a call to
	 * (or a look-up of), names it refused to let the program own */
	struct jr_lnames dbus_talked, dbus_refused_talk, dbus_refused_own;
	bool dbus_logged;  /* this run's proxy log was read */
	bool dbus_log_cut; /* ... and it was cut at its size limit */
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

/* Read xdg-dbus-proxy's --log text LOG (NUL-terminated; changed) of a
 * run under POL's dbus.user = filter: the lines
 *   C<serial>: -> <destination> call <interface>.<member> at <path>
 * followed by "*HIDDEN*" or "*DENIED*" when the proxy refused it, and
 *   Filtering message due to arg0 <name>, policy: <p> (required <r>)
 * for a refused name argument (r = 3: RequestName, own).  A called
 * name counts as talked to only when POL's talk or own rules allow it
 * (a line a program forged into the log cannot widen its profile);
 * org.freedesktop.DBus and unique names (':1.5') are not recorded.
 * CUT: the log reached its size limit. */
void jr_learned_dbus_log(struct jr_learned *l, const struct jr_policy *pol,
			 char *log, bool cut);

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
