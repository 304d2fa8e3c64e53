/* report.h - what the supervisor answers to a notified syscall, why, and
 * how it is said (DESIGN §3: named violations).  Pure: decisions and
 * text; the supervisor prints. */
#ifndef JAILRUN_REPORT_H
#define JAILRUN_REPORT_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "policy.h"

enum jr_verdict_kind {
	JR_V_ERRNO,    /* fail the call with .err */
	JR_V_KILL,     /* kill the calling process (as SIGSYS would) */
	JR_V_CONTINUE, /* permissive mode: let it run */
};

struct jr_verdict {
	enum jr_verdict_kind kind;
	int err;
	char reason[192]; /* "denied by seccomp.drop in x.profile:7" */
};

/* The answer POL gives to the call in D, which the filter sent to the
 * supervisor because POL denies it (a call the policy allows is never
 * notified; if one is, it is denied: fail closed).  Arguments read here
 * are registers, copied by the kernel: no time-of-check race. */
void jr_verdict_for(const struct jr_policy *pol, const struct seccomp_data *d,
		    struct jr_verdict *v);

/* "socket(AF_PACKET, SOCK_RAW, 0x300)": the call's name and the
 * arguments that are cheap to decode; BUF is always terminated. */
const char *jr_report_call(const struct seccomp_data *d, char *buf,
			   size_t size);

/* "O_WRONLY|O_CREAT|O_TRUNC": open(2) flags as a person reads them. */
const char *jr_report_open_flags(long flags, char *buf, size_t size);

/* Once-per-(pid, syscall) and counts for the summary. */
#define JR_REPORT_SEEN_MAX 4096

struct jr_report {
	struct {
		pid_t pid;
		int nr;
	} seen[JR_REPORT_SEEN_MAX];
	size_t nseen;
	unsigned long count[JR_NR_MAX]; /* by syscall number */
	unsigned long total;
};

/* Count the call; true when (PID, NR) is new and should be printed. */
bool jr_report_note(struct jr_report *r, pid_t pid, int nr);

/* "ptrace x3, socket x1" into BUF, most frequent first; "" when none. */
const char *jr_report_summary(const struct jr_report *r, char *buf,
			      size_t size);

#endif
