/* groups.h - named syscall groups (@name), the portable way to write a
 * profile: a group holds every variant of an operation, for every
 * architecture and libc. */
#ifndef JAILRUN_GROUPS_H
#define JAILRUN_GROUPS_H

#include <stddef.h>

#include "util.h"

#define JR_GROUP_DEPTH_MAX 8  /* nesting of @groups in the table */
#define JR_GROUP_NAME_MAX 64  /* longest member name + 1 */
#define JR_GROUPS_MAX 64      /* groups in the table (test-groups holds it) */

struct jr_group {
	const char *name;    /* with the leading '@' */
	const char *help;
	const char *members; /* space-separated syscall names and @groups */
};

extern const struct jr_group jr_groups[];
extern const size_t jr_ngroups;

/* Syscalls of this libseccomp's x86_64 table that are in no group, and
 * why (the coverage test holds every other one to a group). */
struct jr_ungrouped {
	const char *name;
	const char *why;
};
extern const struct jr_ungrouped jr_ungrouped[];
extern const size_t jr_nungrouped;

/* NAME includes the '@'.  NULL when there is no such group. */
const struct jr_group *jr_group_find(const char *name);

/* Closest group name to NAME, or NULL. */
const char *jr_group_suggest(const char *name);

/* Call FN for every syscall name in group NAME, nested groups flattened
 * (a name may come more than once).  Stops at FN's first nonzero return
 * and returns it; -1 with ERR set (at WHERE) for an unknown group. */
typedef int (*jr_group_fn)(void *ctx, const char *syscall, const char *where,
			   struct jr_err *err);
int jr_group_expand(const char *name, jr_group_fn fn, void *ctx,
		    const char *where, struct jr_err *err);

#endif
