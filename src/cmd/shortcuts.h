/* shortcuts.h - --install-shortcuts and --remove-shortcuts. */
#ifndef JAILRUN_SHORTCUTS_H
#define JAILRUN_SHORTCUTS_H

#include <stddef.h>

#include "util.h"

struct jr_shortcut_dirs {
	const char *self;      /* jailrun's own path (the link target) */
	const char *bin;       /* where the links go (~/.local/bin) */
	const char *apps;      /* where .desktop copies go */
	const char *data_dirs; /* colon-separated, each with applications/ */
	const char *state;     /* the manifest's dir */
	const char *manifest;  /* what was made, one path a line */
};

struct jr_shortcut_log {
	size_t links, desktops, removed, skipped;
};

/* NAMES: the programs (NULL-terminated) that have a profile and are
 * installed.  Existing files that are not jailrun's are left alone
 * (counted as skipped). */
int jr_shortcuts_install(const struct jr_shortcut_dirs *d,
			 char *const *names, struct jr_shortcut_log *log,
			 struct jr_err *err);

/* Remove what the manifest lists and is still jailrun's. */
int jr_shortcuts_remove(const struct jr_shortcut_dirs *d,
			struct jr_shortcut_log *log, struct jr_err *err);

#endif
