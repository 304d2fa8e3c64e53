/* hints.h - firejail's options that jailrun spells differently, or has
 * no equivalent for: the one line an unknown option gets (cli.c) and the
 * firejail -> jailrun table of jailrun(1) (tools/jr-doc firejail).  A
 * firejail option that is a jailrun key of the same name is not here: it
 * simply works. */
#ifndef JAILRUN_HINTS_H
#define JAILRUN_HINTS_H

#include <stddef.h>

struct jr_hint {
	const char *firejail; /* the option's name, without "--" */
	const char *jailrun;  /* jailrun's options ("--a=X --b"), or NULL */
	const char *note;     /* with jailrun: what differs; without: what
			       * follows "firejail's --NAME " ("has no
			       * equivalent: ...", "is always on: ...") */
};

extern const struct jr_hint jr_hints[];
extern const size_t jr_nhints;

/* The hint for firejail's option NAME (without "--"), or NULL. */
const struct jr_hint *jr_hint_find(const char *name);

#endif
