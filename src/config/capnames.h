/* capnames.h - the capabilities' names, as caps.keep and caps.drop take
 * them and --list=caps prints them: the kernel's CAP_* without "CAP_",
 * lower case (capabilities(7)).  A table of jailrun's own: libcap-ng's
 * two name functions cost a read of /proc/sys/kernel/cap_last_cap and
 * four prctl calls in its constructor, on every start (issue 21). */
#ifndef JAILRUN_CAPNAMES_H
#define JAILRUN_CAPNAMES_H

#include <stddef.h>

extern const char *const jr_cap_names[];
extern const size_t jr_ncap_names;

/* The number of capability NAME ("net_admin", without "cap_"; case as
 * given), or -1. */
int jr_cap_by_name(const char *name);

/* The name of capability CAP, or NULL for a number this table does not
 * know (a kernel newer than jailrun's headers). */
const char *jr_cap_name(int cap);

#endif
