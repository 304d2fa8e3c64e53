/* preflight.h - what will go wrong with this target under this policy,
 * found before the start rather than as a crash or a bare EPERM after it:
 * an allow-list without the calls a program needs to start, a `#!`
 * script whose interpreter must exec under a filter that denies execve.
 * Pure: the policy and the judged target in, sentences out; main says
 * them.  (File capabilities against caps.keep are main's: the kept set
 * is the caps module's, an edge.) */
#ifndef JAILRUN_PREFLIGHT_H
#define JAILRUN_PREFLIGHT_H

#include <stdbool.h>
#include <stddef.h>

#include "elfinfo.h"
#include "policy.h"
#include "util.h"

/* The calls a program needs before its main() (the loader's and libc's
 * start) and to exit.  DYNAMIC_ONLY: a static program makes them not
 * (it has no loader to map and relocate libraries).  ALT: another name
 * that does the same (an older libc's). Sorted by name; every one is a
 * member of @start (test-options holds the table to both). */
struct jr_start_need {
	const char *name;
	const char *alt;
	const char *why;
	bool dynamic_only;
};
extern const struct jr_start_need jr_start_needs[];
extern const size_t jr_nstart_needs;

#define JR_PREFLIGHT_MAX 4

struct jr_preflight {
	char warnings[JR_PREFLIGHT_MAX][JR_ERR_MAX];
	size_t n;
};

/* Judge POL for TARGET (NAME as the user wrote it; ELF from
 * jr_elf_classify, NULL when it could not be read).  Fills OUT with the
 * warnings to say before the start. */
void jr_preflight(const struct jr_policy *pol, const char *name,
		  const struct jr_elf_info *elf, struct jr_preflight *out);

/* The start needs POL denies, as "a, b, c" into BUF (empty: none).
 * STATIC: the target has no loader.  Returns how many. */
size_t jr_start_missing(const struct jr_policy *pol, bool is_static,
			char *buf, size_t size);

#endif
