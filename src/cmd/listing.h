/* listing.h - the --debug-syscalls, --debug-protocols and --debug-caps
 * listings (tab-separated rows, '#' comments). */
#ifndef JAILRUN_LISTING_H
#define JAILRUN_LISTING_H

#include <stdio.h>

#include "util.h"

/* WHICH: NULL for every syscall, "@group" for its expansion, or one
 * syscall name.  -1 with ERR set when WHICH names nothing. */
int jr_list_syscalls(FILE *out, const char *which, struct jr_err *err);
void jr_list_protocols(FILE *out);
void jr_list_caps(FILE *out);

#endif
