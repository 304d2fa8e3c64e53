/* firejail.h - the firejail profile converter: firejail profile text in,
 * jailrun profile text out, with a count of the directives converted
 * and not converted.  One converter for --convert-firejail,
 * --import-firejail and contrib/firejail-convert.  Pure: errors come
 * back as "FILE:LINE: message" in a struct jr_err. */
#ifndef JAILRUN_FIREJAIL_H
#define JAILRUN_FIREJAIL_H

#include <stddef.h>

#include "util.h"

#define JR_FJ_SIZE_MAX (256 * 1024) /* bytes of one firejail file */
#define JR_FJ_LINE_MAX 4096         /* characters of one firejail line */

struct jr_fj_opts {
	const char *
		cfg_dir; /* what ${CFG} stands for (firejail's /etc/firejail) */
	const char *path; /* ${PATH}: colon-separated directories */
	const char *dir;  /* where includes are (NULL: not checked); an
			      * include missing there is dropped, as
			      * firejail skips it */
};

struct jr_fj_counts {
	unsigned converted;     /* directives translated (or always on) */
	unsigned not_converted; /* kept as "# not converted:" comments */
	unsigned enforcing_in;  /* directives of the original that confine */
	unsigned enforcing_out; /* jailrun lines of the result that do */
};

/* Convert the firejail file NAME (used in messages) held in BUF.  On
 * success *OUT is the jailrun text (malloc'd).  An error: binary data,
 * control characters, a line or the file too long. */
int jr_firejail_convert(const char *name, const char *buf, size_t len,
			const struct jr_fj_opts *o, char **out,
			struct jr_fj_counts *counts, struct jr_err *err);

/* The result enforces nothing where the original enforced something:
 * an error of the import for a profile (jailrun would run the program
 * unconfined where firejail confined it); for an include, a warning
 * (the profiles that include it are judged themselves). */
bool jr_firejail_lost_all(const struct jr_fj_counts *c);

/* Whether NAME is a file an import converts (.profile, .inc, .local). */
bool jr_firejail_is_profile(const char *name);

#endif
