/* filter.h - compile a policy's seccomp settings into ONE classic BPF
 * program (DESIGN §3), exported from libseccomp and loaded by the
 * launcher with the raw seccomp() call. */
#ifndef JAILRUN_FILTER_H
#define JAILRUN_FILTER_H

#include <linux/filter.h>
#include <stdio.h>

#include "policy.h"
#include "util.h"

struct jr_bpf {
	struct sock_filter *insns;
	size_t len; /* 0: no filter */
};

void jr_bpf_free(struct jr_bpf *prog);

/* How the main program treats delayed syscalls (execve, execveat). */
struct jr_filter_opts {
	bool notify; /* SECCOMP_RET_USER_NOTIF to the supervisor (else allow) */
	bool shim;   /* a shim loads the postexec program: keep seccomp() */
	bool report; /* every denial goes to the supervisor, which answers
		      * and names it (probes keep their quiet ENOSYS unless
		      * the action is log) */
	bool learn;  /* every call goes to the supervisor (learning mode) */
	bool ll_notify; /* report: allowed path calls go to the supervisor,
			 * which names what Landlock will refuse */
	bool keyrings_closed; /* the target will share the user's keyrings
			       * (no user namespace of its own): add_key,
			       * keyctl and request_key refused (EPERM) */
};

/* A call that takes a path Landlock checks: which arguments hold what
 * (-1: none; dirfd -1: AT_FDCWD).  FLAGS -2: creat's implied flags,
 * -3: openat2's struct open_how (pointer in argument 2). */
enum jr_pc_kind { JR_PC_OPEN, JR_PC_EXEC, JR_PC_CREATE, JR_PC_WRITE };
struct jr_pathcall {
	const char *name;
	enum jr_pc_kind kind;
	int dirfd, path, flags; /* argument indices */
	int dirfd2, path2;      /* rename's second name, also created */
};

/* The path call NR is, or NULL. */
const struct jr_pathcall *jr_filter_path_call(int nr);

/* The target's main filter.  Never empty: a policy that asks for no
 * syscall rule gets the floor (terminal injection refused). */
int jr_filter_compile(const struct jr_policy *pol,
		      const struct jr_filter_opts *o, struct jr_bpf *out,
		      struct jr_err *err);


/* The postexec program the shim loads: the delayed denials only.  Empty
 * when nothing is delayed. */
int jr_filter_compile_postexec(const struct jr_policy *pol, bool shim,
			       struct jr_bpf *out, struct jr_err *err);

/* Denied syscalls that the launch needs (execve, execveat; seccomp when
 * SHIM) and that are therefore denied only after the target starts. */
bool jr_filter_is_delayed(const struct jr_policy *pol, int nr, bool shim);
bool jr_filter_has_delayed(const struct jr_policy *pol);

/* The init's own filter: wait, signals, pipes, exit; everything else
 * kills it. */
int jr_filter_compile_init(struct jr_bpf *out, struct jr_err *err);

/* The keyrings' filter: add_key, keyctl and request_key refused (EPERM)
 * on every ABI, everything else allowed.  A target that shares the
 * user's keyrings (no user namespace of its own) gets it when the
 * policy would let it reach them: the BPF cache's secret is there. */
int jr_filter_compile_keyring(struct jr_bpf *out, struct jr_err *err);

/* Whether the policy lets the target reach the keyrings: a keyring call
 * allowed, permissive or learning mode, or no rule at all (the floor).
 * In doubt, yes.  (keyrings_closed in O is not asked: it closes them.) */
bool jr_filter_keyrings_open(const struct jr_policy *pol,
			     const struct jr_filter_opts *o);

/* Syscalls that get ENOSYS when denied (libc probes them and falls
 * back), sorted. */
extern const char *const jr_probe_names[];
extern const size_t jr_nprobe_names;

/* Whether a denied NR gets ENOSYS (libc probes it and falls back). */
bool jr_filter_is_probe(int nr);

/* execve/execveat; socket/socketpair (resolved once per process). */
bool jr_filter_is_exec(int nr);
bool jr_filter_is_socket(int nr);

/* Human-readable rules and size, for --print-filter. */
void jr_filter_describe(const struct jr_policy *pol, const struct jr_bpf *prog,
			FILE *out);

#endif
