/* import.h - --convert-firejail and --import-firejail (import.c): the
 * firejail converter (firejail.h) applied to one file, printed, or to a
 * directory of them, written where the profile lookup reads imported
 * profiles.  They print; they return jailrun's exit status. */
#ifndef JAILRUN_IMPORT_H
#define JAILRUN_IMPORT_H

#include "command.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/* Where --import-firejail --system writes, and the lookup reads after
 * the user's import. */
#define JR_IMPORT_SYSTEM_DIR SYSCONFDIR "/jailrun/firejail"

/* The firejail directory imported when none is named. */
#define JR_FIREJAIL_DIR "/etc/firejail"

/* The user's import directory: $XDG_CONFIG_HOME/jailrun/firejail (or
 * ~/.config/...); NULL when neither is set.  malloc'd. */
char *jr_import_user_dir(void);

/* --convert-firejail=FILE */
int jr_cmd_convert(const struct jr_command *cmd);

/* --import-firejail[=DIR] [--system] */
int jr_cmd_import(const struct jr_command *cmd);

#endif
