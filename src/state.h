/* state.h - running sandboxes of this user, for --list and --shutdown:
 * one small file per sandbox under $XDG_RUNTIME_DIR/jailrun/, named by
 * the supervisor's pid, written when it starts and removed when it ends.
 * A file whose process is gone (or whose pid was reused: the start time
 * differs) is stale and removed by the next reader. */
#ifndef JAILRUN_STATE_H
#define JAILRUN_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

#define JR_ARGS_MAX 4096

struct jr_sandbox {
	pid_t pid;  /* the supervisor (jailrun) */
	pid_t init; /* pid 1 of the sandbox, in our pid namespace */
	uint64_t start; /* the supervisor's start time, clock ticks */
	long started;   /* seconds since the epoch */
	uint64_t init_start; /* the init's start time */
	uint64_t digest;     /* jr_policy_digest of the sandbox */
	char name[64];
	char profile[256];
	char args[JR_ARGS_MAX]; /* its options, "key=value" joined by \x1f;
				 * empty: it cannot be joined */
};

/* The state dir, created 0700 if missing.  NULL (and ERR) when there is
 * no usable $XDG_RUNTIME_DIR. */
char *jr_state_dir(struct jr_err *err);

/* This process's start time (field 22 of /proc/PID/stat); 0 if gone or
 * a zombie. */
uint64_t jr_proc_start(pid_t pid);

int jr_state_add(const char *dir, const struct jr_sandbox *s,
		 struct jr_err *err);
void jr_state_remove(const char *dir, pid_t pid);

/* Live sandboxes, oldest first, up to MAX; stale files are removed. */
size_t jr_state_list(const char *dir, struct jr_sandbox *out, size_t max);

#endif
