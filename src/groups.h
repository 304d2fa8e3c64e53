/* groups.h - named syscall groups (@name), the portable way to write a
 * profile: a group holds every variant of an operation. */
#ifndef JAILRUN_GROUPS_H
#define JAILRUN_GROUPS_H

#include <stddef.h>

struct jr_group {
	const char *name;    /* with the leading '@' */
	const char *help;
	const char *members; /* space-separated syscall names and @groups */
};

extern const struct jr_group jr_groups[];
extern const size_t jr_ngroups;

/* NAME includes the '@'.  NULL when there is no such group. */
const struct jr_group *jr_group_find(const char *name);

/* Closest group name to NAME, or NULL. */
const char *jr_group_suggest(const char *name);

#endif
