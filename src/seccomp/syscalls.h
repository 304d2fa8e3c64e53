/* syscalls.h - syscall names <-> numbers for the native architecture,
 * through libseccomp's tables. */
#ifndef JAILRUN_SYSCALLS_H
#define JAILRUN_SYSCALLS_H

#include <stddef.h>

enum jr_sc_res {
	JR_SC_UNKNOWN = -1, /* no architecture knows the name */
	JR_SC_ABSENT = 0,   /* a real syscall, not on this architecture */
	JR_SC_NATIVE = 1,   /* *nr is set */
};

/* Resolve NAME for the native architecture. */
enum jr_sc_res jr_syscall_resolve(const char *name, int *nr);

/* The highest native number libseccomp's table names: every number
 * above it is newer than anything jailrun can name. */
int jr_syscall_max(void);

/* The native architecture's name, as uname -m says it. */
const char *jr_arch_name(void);

/* Name of native syscall NR into BUF ("#NR" when libseccomp has none). */
const char *jr_syscall_name(int nr, char *buf, size_t size);

/* The known syscall name closest to NAME, copied into BUF; NULL when
 * nothing is close enough to suggest. */
const char *jr_syscall_suggest(const char *name, char *buf, size_t size);

#endif
