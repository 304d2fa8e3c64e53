/* learnfs.h - learning mode's files: the paths a run read, wrote,
 * created and executed, and the Landlock rules written from them,
 * collapsed to directories where that is sound.  Pure: no printing. */
#ifndef JAILRUN_LEARNFS_H
#define JAILRUN_LEARNFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

#define JR_LEARNFS_MAX 16384     /* distinct paths kept from all runs */
#define JR_LEARNFS_RULES_MAX 160 /* rules written (a profile holds 256) */
#define JR_LEARNFS_COLLAPSE 4    /* files read in one directory: the dir */

/* What a run did with a path.  CREATE: it made or removed the name
 * (open O_CREAT of a missing file, mkdir, unlink, rename, link): that
 * needs write on the directory holding it. */
enum jr_lf_access {
	JR_LF_READ = 1,
	JR_LF_WRITE = 2,
	JR_LF_CREATE = 4,
	JR_LF_EXEC = 8,
	JR_LF_ALL = 15
};

struct jr_lfpath {
	char *path; /* absolute, normalised */
	unsigned access; /* JR_LF_* */
};

struct jr_learnfs {
	struct jr_lfpath *v; /* sorted by path */
	size_t n, cap;
	size_t dropped; /* past JR_LEARNFS_MAX, or unusable */
};

/* Normalise PATH lexically (//, ., .. removed; no trailing /) into OUT.
 * -1 when it is not absolute or does not fit. */
int jr_lf_normalise(const char *path, char *out, size_t size);

/* Record ACCESS on PATH (absolute; normalised here). */
void jr_learnfs_add(struct jr_learnfs *s, const char *path, unsigned access);
void jr_learnfs_free(struct jr_learnfs *s);

/* What S records on PATH (normalised already): JR_LF_*, 0 if nothing. */
unsigned jr_learnfs_access(const struct jr_learnfs *s, const char *path);

/* "rwcx" letters for ACCESS, and back (-1 on a bad letter). */
void jr_lf_letters(unsigned access, char out[5]);
int jr_lf_parse_letters(const char *s, unsigned *access);

/* The values substituted back into variables, so a profile is written
 * once for every user; NULL or "" when there is none. */
struct jr_lfvars {
	const char *home, *config, *cache, *download, *runtime;
};

/* Landlock access of a rule: jailrun's JR_LL_* words (plan.h). */
struct jr_lfrule {
	char *path;      /* with variables substituted */
	unsigned ll;     /* 1 read, 2 write, 4 exec */
	const char *why; /* the collapse rule, NULL for a path as used */
};

struct jr_lfrules {
	struct jr_lfrule v[JR_LEARNFS_RULES_MAX];
	size_t n;
	size_t over;     /* rules left out past JR_LEARNFS_RULES_MAX */
	size_t refused;  /* grants refused: write on ~ or /, a secret */
	char refused_example[256];
};

/* The rules for S.  SECRETS (expanded, absolute) are never inside a
 * collapsed directory, nor is ~ itself granted by one. */
void jr_learnfs_rules(const struct jr_learnfs *s, const struct jr_lfvars *vars,
		      const char *const *secrets, size_t nsecrets,
		      struct jr_lfrules *out);
void jr_lfrules_free(struct jr_lfrules *r);

/* PATH with the longest matching value of VARS replaced by its
 * variable, malloc'd. */
char *jr_lf_substitute(const char *path, const struct jr_lfvars *vars);

/* Whether PATH can be written as an item of a profile list (no comma,
 * no newline or control character, no $ or leading ~, no edge space). */
bool jr_lf_writable(const char *path);

/* The header lines saying how the rules were collapsed. */
void jr_learnfs_header(FILE *f);

#endif
