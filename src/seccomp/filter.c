/* filter.c - policy -> libseccomp -> BPF.
 *
 * One libseccomp context per program, native architecture only: every
 * other ABI that can enter this kernel (i386 `int 0x80`, x32 numbers with
 * bit 30 set) hits the bad-architecture action, KILL_PROCESS.  Adding the
 * i386 ABI instead would turn socket() into an unchecked socketcall()
 * (DESIGN §3). */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <seccomp.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "argrules.h"
#include "filter.h"
#include "options.h"
#include "syscalls.h"

/* Denied syscalls that libc (or a runtime) probes and falls back from on
 * ENOSYS, but not on EPERM: glibc's clone3 -> clone, faccessat2 ->
 * faccessat, close_range -> close loop, statx -> fstatat, rseq
 * registration, epoll_pwait2, openat2, pidfd_open, copy_file_range,
 * io_uring_setup (liburing users fall back to epoll).  Sorted. */
const char *const jr_probe_names[] = {
	"clone3",	     "close_range",   "copy_file_range",
	"epoll_pwait2",	     "faccessat2",    "fchmodat2",
	"futex_waitv",	     "io_uring_setup", "landlock_create_ruleset",
	"memfd_secret",	     "openat2",	      "pidfd_open",
	"process_mrelease", "rseq",	      "statx",
};
const size_t jr_nprobe_names = ARRAY_SIZE(jr_probe_names);

/* The few syscalls the compiler treats specially, resolved once: the
 * rule loop asks about every number, and name resolution was most of a
 * compile's time.  A pure function of libseccomp's native table. */
struct special {
	bool ready;
	int execve, execveat, seccomp, socket, socketpair;
	bool probe[JR_NR_MAX];
	signed char path[JR_NR_MAX]; /* index in path_calls + 1, or 0 */
};

/* The calls whose path Landlock checks.  (chdir, the stat family,
 * access and readlink are not: Landlock does not restrict them.) */
static const struct jr_pathcall path_calls[] = {
	{ "creat", JR_PC_OPEN, -1, 0, -2, -1, -1 },
	{ "execve", JR_PC_EXEC, -1, 0, -1, -1, -1 },
	{ "execveat", JR_PC_EXEC, 0, 1, 4, -1, -1 },
	{ "link", JR_PC_CREATE, -1, 1, -1, -1, -1 },
	{ "linkat", JR_PC_CREATE, 2, 3, -1, -1, -1 },
	{ "mkdir", JR_PC_CREATE, -1, 0, -1, -1, -1 },
	{ "mkdirat", JR_PC_CREATE, 0, 1, -1, -1, -1 },
	{ "mknod", JR_PC_CREATE, -1, 0, -1, -1, -1 },
	{ "mknodat", JR_PC_CREATE, 0, 1, -1, -1, -1 },
	{ "open", JR_PC_OPEN, -1, 0, 1, -1, -1 },
	{ "openat", JR_PC_OPEN, 0, 1, 2, -1, -1 },
	{ "openat2", JR_PC_OPEN, 0, 1, -3, -1, -1 },
	{ "rename", JR_PC_CREATE, -1, 0, -1, -1, 1 },
	{ "renameat", JR_PC_CREATE, 0, 1, -1, 2, 3 },
	{ "renameat2", JR_PC_CREATE, 0, 1, -1, 2, 3 },
	{ "rmdir", JR_PC_CREATE, -1, 0, -1, -1, -1 },
	{ "symlink", JR_PC_CREATE, -1, 1, -1, -1, -1 },
	{ "symlinkat", JR_PC_CREATE, 1, 2, -1, -1, -1 },
	{ "truncate", JR_PC_WRITE, -1, 0, -1, -1, -1 },
	{ "unlink", JR_PC_CREATE, -1, 0, -1, -1, -1 },
	{ "unlinkat", JR_PC_CREATE, 0, 1, -1, -1, -1 },
};

static int native_nr(const char *name)
{
	int nr;

	return jr_syscall_resolve(name, &nr) == JR_SC_NATIVE ? nr : -1;
}

static const struct special *special(void)
{
	static struct special sp;

	if (sp.ready)
		return &sp;
	sp.execve = native_nr("execve");
	sp.execveat = native_nr("execveat");
	sp.seccomp = native_nr("seccomp");
	sp.socket = native_nr("socket");
	sp.socketpair = native_nr("socketpair");
	for (size_t i = 0; i < ARRAY_SIZE(path_calls); i++) {
		int nr = native_nr(path_calls[i].name);

		if (nr >= 0)
			sp.path[nr] = (signed char)(i + 1);
	}
	for (size_t i = 0; i < jr_nprobe_names; i++) {
		int nr = native_nr(jr_probe_names[i]);

		if (nr >= 0)
			sp.probe[nr] = true;
	}
	sp.ready = true;
	return &sp;
}

bool jr_filter_is_exec(int nr)
{
	return nr >= 0 && (nr == special()->execve || nr == special()->execveat);
}

const struct jr_pathcall *jr_filter_path_call(int nr)
{
	if (nr < 0 || nr >= JR_NR_MAX || !special()->path[nr])
		return NULL;
	return &path_calls[special()->path[nr] - 1];
}

bool jr_filter_is_socket(int nr)
{
	return nr >= 0 &&
	       (nr == special()->socket || nr == special()->socketpair);
}

bool jr_filter_is_probe(int nr)
{
	return nr >= 0 && nr < JR_NR_MAX && special()->probe[nr];
}

void jr_bpf_free(struct jr_bpf *prog)
{
	free(prog->insns);
	prog->insns = NULL;
	prog->len = 0;
}

static uint32_t deny_action(const struct jr_policy *pol,
			    const struct jr_filter_opts *o)
{
	if (o && o->report)
		return SCMP_ACT_NOTIFY;
	switch (pol->action) {
	case JR_ACT_KILL:
		return SCMP_ACT_KILL_PROCESS;
	case JR_ACT_LOG:
		return SCMP_ACT_LOG;
	case JR_ACT_ERRNO:
		break;
	}
	return SCMP_ACT_ERRNO((uint32_t)pol->action_errno);
}

/* What a denied call that libc probes gets: ENOSYS, so it falls back,
 * quietly even when reporting; in permissive mode it runs (and is
 * reported or logged like any other). */
static uint32_t probe_action(const struct jr_policy *pol,
			     const struct jr_filter_opts *o)
{
	if (pol->action == JR_ACT_LOG)
		return o->report ? SCMP_ACT_NOTIFY : SCMP_ACT_LOG;
	return SCMP_ACT_ERRNO(ENOSYS);
}

static int export_bpf(scmp_filter_ctx ctx, struct jr_bpf *out,
		      struct jr_err *err)
{
	cleanup_fd int fd = memfd_create("jailrun-bpf", MFD_CLOEXEC);
	struct stat st;
	ssize_t r;
	int e;

	if (fd < 0)
		return jr_fail(err, NULL, "memfd_create: %s", strerror(errno));
	e = seccomp_export_bpf(ctx, fd);
	if (e < 0)
		return jr_fail(err, NULL, "exporting the filter: %s",
			       strerror(-e));
	if (fstat(fd, &st) < 0)
		return jr_fail(err, NULL, "fstat: %s", strerror(errno));
	if (st.st_size <= 0 || st.st_size % sizeof(struct sock_filter) ||
	    st.st_size / sizeof(struct sock_filter) > BPF_MAXINSNS)
		return jr_fail(err, NULL,
			       "filter has %lld bytes: more than the kernel's "
			       "%d instructions",
			       (long long)st.st_size, BPF_MAXINSNS);
	out->insns = xmalloc((size_t)st.st_size);
	r = pread(fd, out->insns, (size_t)st.st_size, 0);
	if (r != st.st_size) {
		jr_bpf_free(out);
		return jr_fail(err, NULL, "reading back the filter failed");
	}
	out->len = (size_t)st.st_size / sizeof(struct sock_filter);
	return 0;
}

/* Numbers above the highest one jailrun knows (libseccomp's table) reach
 * the kernel under a deny-list, whose default is allow, so a kernel
 * upgrade would widen the sandbox (statmount, listmount, open_tree_attr
 * are newer than libseccomp 2.5).  They cannot be named in a rule, so a
 * short prefix ahead of libseccomp's program answers them:
 *
 *	arch != native          -> libseccomp's program (bad arch: kill)
 *	nr <= MAX               -> libseccomp's program (the rules)
 *	nr >= 0x40000000        -> libseccomp's program (x32: kill)
 *	otherwise               -> ACT (ENOSYS: libc falls back)
 *
 * libseccomp's jumps are relative, so it runs unchanged behind it. */
#define X32_SYSCALL_BIT 0x40000000U

static int prepend_unknown(struct jr_bpf *prog, int max, uint32_t act,
			   struct jr_err *err)
{
	const struct sock_filter pre[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, seccomp_arch_native(), 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, (uint32_t)max, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, act),
	};
	struct sock_filter *all;

	if (max < 0)
		return jr_fail(err, NULL, "libseccomp names no syscall here");
	if (prog->len + ARRAY_SIZE(pre) > BPF_MAXINSNS)
		return jr_fail(err, NULL,
			       "filter has %zu instructions: more than the "
			       "kernel's %d",
			       prog->len + ARRAY_SIZE(pre), BPF_MAXINSNS);
	all = xmalloc((prog->len + ARRAY_SIZE(pre)) * sizeof(*all));
	memcpy(all, pre, sizeof(pre));
	memcpy(all + ARRAY_SIZE(pre), prog->insns,
	       prog->len * sizeof(*all));
	free(prog->insns);
	prog->insns = all;
	prog->len += ARRAY_SIZE(pre);
	return 0;
}

static scmp_filter_ctx new_ctx(uint32_t def, struct jr_err *err)
{
	scmp_filter_ctx ctx = seccomp_init(def);

	if (!ctx) {
		jr_fail(err, NULL, "seccomp_init failed");
		return NULL;
	}
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			     SCMP_ACT_KILL_PROCESS) < 0 ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0 ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0) < 0) {
		seccomp_release(ctx);
		jr_fail(err, NULL, "setting filter attributes failed");
		return NULL;
	}
	return ctx;
}

static int add_rule(scmp_filter_ctx ctx, uint32_t act, int nr,
		    unsigned n, const struct scmp_arg_cmp *cmp,
		    struct jr_err *err)
{
	int r = seccomp_rule_add_array(ctx, act, nr, n, cmp);
	char name[64];

	if (r < 0)
		return jr_fail(err, NULL, "adding a rule for %s: %s",
			       jr_syscall_name(nr, name, sizeof(name)),
			       strerror(-r));
	return 0;
}

/* protocol: socket()/socketpair() domain rules.  libseccomp tests one
 * argument once in a rule, so the refused families are a few rules:
 * `> TOP` (the highest family allowed) refuses every larger value,
 * including any with high bits set (fail closed: the kernel reads an
 * int, and a 64-bit compare sees the bits), and the refused families
 * below TOP are aligned power-of-two blocks, `(x & ~(2^k - 1)) == B`.
 * A value in a block is below 2^32, so its high bits are zero and the
 * 64-bit compare is the int's.  The unix,inet,inet6,netlink of
 * default.profile: 7 rules, where one rule a family was 43 (issue 21:
 * the program's size is what the kernel JITs at every start).
 * test-filter checks every family and high-bit value against the
 * policy. */
static int refuse_families(scmp_filter_ctx ctx, uint64_t allowed,
			   uint32_t refuse, int nr, struct jr_err *err)
{
	int top = -1;
	struct scmp_arg_cmp cmp;

	for (int af = 0; af < AF_MAX; af++)
		if (allowed & (1ULL << af))
			top = af;
	if (top < 0) /* no family at all */
		return add_rule(ctx, refuse, nr, 0, NULL, err);
	cmp = (struct scmp_arg_cmp){ 0, SCMP_CMP_GT, (uint64_t)top, 0 };
	if (add_rule(ctx, refuse, nr, 1, &cmp, err) < 0)
		return -1;
	for (int b = 0, size = 1; b < top; b += size) {
		size = 1;
		if (allowed & (1ULL << b))
			continue;
		/* the largest block at B, aligned, refused whole, below TOP */
		while (b % (2 * size) == 0 && b + 2 * size - 1 < top &&
		       !(allowed & (((1ULL << (2 * size)) - 1) << b)))
			size *= 2;
		cmp = size == 1 ?
			      (struct scmp_arg_cmp){ 0, SCMP_CMP_EQ,
						     (uint64_t)b, 0 } :
			      (struct scmp_arg_cmp){ 0, SCMP_CMP_MASKED_EQ,
						     ~(uint64_t)(size - 1),
						     (uint64_t)b };
		if (add_rule(ctx, refuse, nr, 1, &cmp, err) < 0)
			return -1;
	}
	return 0;
}

static int add_protocol(scmp_filter_ctx ctx, const struct jr_policy *pol,
			const struct jr_filter_opts *o, int nr, uint32_t def,
			struct jr_err *err)
{
	uint32_t refuse = o->report ? SCMP_ACT_NOTIFY :
			  pol->action == JR_ACT_LOG ?
				      SCMP_ACT_LOG :
				      SCMP_ACT_ERRNO(EAFNOSUPPORT);

	/* keep mode: each allowed family allowed (64-bit: high bits fail
	 * closed to the default) */
	for (int af = 0; pol->keep_mode && af < AF_MAX; af++) {
		struct scmp_arg_cmp cmp = { 0, SCMP_CMP_EQ, (uint64_t)af, 0 };

		if ((pol->protocols & (1ULL << af)) &&
		    add_rule(ctx, SCMP_ACT_ALLOW, nr, 1, &cmp, err) < 0)
			return -1;
	}
	if (refuse == def)
		return 0;
	return refuse_families(ctx, pol->protocols, refuse, nr, err);
}

/* Denied syscalls that the launch itself needs (execve, execveat) cannot
 * be denied before the target starts: they are delayed.  So is seccomp
 * when a shim must load its own program.  Permissive mode delays nothing
 * (it allows everything by design). */
bool jr_filter_is_delayed(const struct jr_policy *pol, int nr, bool shim)
{
	const struct special *sp = special();

	if (jr_policy_allows(pol, nr) || pol->action == JR_ACT_LOG)
		return false;
	return nr == sp->execve || nr == sp->execveat ||
	       (shim && nr == sp->seccomp);
}

/* Only execve and execveat can be (without a shim): two looks, not one
 * per syscall number (issue 21: 4 calls a start, 80k instructions). */
bool jr_filter_has_delayed(const struct jr_policy *pol)
{
	const struct special *sp = special();

	return (sp->execve >= 0 &&
		jr_filter_is_delayed(pol, sp->execve, false)) ||
	       (sp->execveat >= 0 &&
		jr_filter_is_delayed(pol, sp->execveat, false));
}

/* What a call that argument rule R refuses gets.  Terminal injection is
 * refused in every mode, the permissive ones too: a command typed into
 * the caller's shell runs outside the sandbox once jailrun exits, so it
 * is nothing to log or learn. */
static uint32_t argrule_action(const struct jr_policy *pol,
			       const struct jr_filter_opts *o,
			       const struct jr_argrule *r)
{
	if (r->err == ENOSYS)
		return probe_action(pol, o);
	if (r->kind == JR_AR_TTY && (pol->action == JR_ACT_LOG || o->learn))
		return SCMP_ACT_ERRNO(EPERM);
	return deny_action(pol, o);
}

/* Argument rules (argrules.c) on a call the policy allows.  A deny-list
 * denies the matching values.  An allow-list allows exactly the other
 * values: libseccomp lets an unconditional rule win over conditional ones
 * on the same call, so "allow, except" is written as its complement; a
 * refusal the default action would not give (terminal injection in
 * permissive mode) is a rule of its own, disjoint from the cubes. */
static int add_argrules(scmp_filter_ctx ctx, const struct jr_policy *pol,
			const struct jr_filter_opts *o, int nr, uint32_t def,
			struct jr_err *err)
{
	struct jr_cube cubes[JR_CUBES_MAX];
	int n;

	for (size_t i = 0; i < jr_nargrules; i++) {
		const struct jr_argrule *r = &jr_argrules[i];
		uint32_t act = argrule_action(pol, o, r);
		struct scmp_arg_cmp cmp = { r->arg, SCMP_CMP_MASKED_EQ, r->mask,
					    r->value };

		if (!jr_argrule_active(pol, r, nr))
			continue;
		if (r->mask == 0) /* whatever the arguments */
			return act == def ? 0 :
					    add_rule(ctx, act, nr, 0, NULL, err);
		if (act != def && add_rule(ctx, act, nr, 1, &cmp, err) < 0)
			return -1;
	}
	if (def == SCMP_ACT_ALLOW)
		return 0;
	n = jr_argrule_allowed(pol, nr, cubes, ARRAY_SIZE(cubes));
	if (n < 0)
		return jr_fail(err, NULL, "argument rules: too many cubes");
	for (int i = 0; i < n; i++) {
		struct scmp_arg_cmp cmp = { cubes[i].arg, SCMP_CMP_MASKED_EQ,
					    cubes[i].mask, cubes[i].value };

		if (add_rule(ctx, SCMP_ACT_ALLOW, nr, cubes[i].mask ? 1 : 0,
			     &cmp, err) < 0)
			return -1;
	}
	return 0;
}

/* the keyring calls, by their x86_64 names (libseccomp adds the i386
 * and x32 numbers of each, in a program that has those ABIs) */
static const char *const keyring_calls[] = { "add_key", "keyctl",
					     "request_key" };

/* Their native numbers into NR (-1: not native here). */
static void keyring_nrs(int nr[ARRAY_SIZE(keyring_calls)])
{
	for (size_t i = 0; i < ARRAY_SIZE(keyring_calls); i++)
		if (jr_syscall_resolve(keyring_calls[i], &nr[i]) !=
		    JR_SC_NATIVE)
			nr[i] = -1;
}

/* keyrings_closed: the keyring calls refused with EPERM, whatever the
 * policy says of them (a default of EPERM needs no rule) */
static int add_keyring_rules(scmp_filter_ctx ctx, uint32_t def,
			     struct jr_err *err)
{
	if (def == SCMP_ACT_ERRNO(EPERM))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(keyring_calls); i++)
		if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				     seccomp_syscall_resolve_name(
					     keyring_calls[i]),
				     0) < 0)
			return jr_fail(err, NULL, "keyring rule: %s",
				       keyring_calls[i]);
	return 0;
}

static int add_rules(scmp_filter_ctx ctx, const struct jr_policy *pol,
		     const struct jr_filter_opts *o, uint32_t def,
		     struct jr_err *err)
{
	uint32_t deny = deny_action(pol, o);
	uint32_t enosys = probe_action(pol, o);
	int keyring[ARRAY_SIZE(keyring_calls)];

	keyring_nrs(keyring);
	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		uint32_t act;

		if (o->keyrings_closed &&
		    (nr == keyring[0] || nr == keyring[1] || nr == keyring[2]))
			continue; /* add_keyring_rules, below */
		if (jr_filter_is_delayed(pol, nr, o->shim)) {
			/* exec calls go to the supervisor; seccomp() stays
			 * open for the shim, whose program denies it */
			act = o->notify && nr != special()->seccomp ?
				      SCMP_ACT_NOTIFY :
				      SCMP_ACT_ALLOW;
		} else if (jr_policy_allows(pol, nr)) {
			if (pol->protocol_set && jr_filter_is_socket(nr)) {
				if (add_protocol(ctx, pol, o, nr, def, err) < 0)
					return -1;
				continue;
			}
			if (jr_argrule_applies(pol, nr)) {
				if (add_argrules(ctx, pol, o, nr, def, err) < 0)
					return -1;
				continue;
			}
			/* reporting under Landlock file rules: the path
			 * calls are named, then CONTINUEd (notify.c) */
			act = o->ll_notify && jr_filter_path_call(nr) ?
				      SCMP_ACT_NOTIFY :
				      SCMP_ACT_ALLOW;
		} else {
			act = jr_filter_is_probe(nr) ? enosys : deny;
		}
		if (act != def && add_rule(ctx, act, nr, 0, NULL, err) < 0)
			return -1;
	}
	return o->keyrings_closed ? add_keyring_rules(ctx, def, err) : 0;
}

/* Learning mode's only rules: terminal injection refused. */
static int add_tty_rules(scmp_filter_ctx ctx, const struct jr_policy *pol,
			 const struct jr_filter_opts *o, struct jr_err *err)
{
	for (size_t i = 0; i < jr_nargrules; i++) {
		const struct jr_argrule *r = &jr_argrules[i];
		struct scmp_arg_cmp cmp = { r->arg, SCMP_CMP_MASKED_EQ, r->mask,
					    r->value };
		int nr;

		if (r->kind != JR_AR_TTY ||
		    jr_syscall_resolve(r->syscall, &nr) != JR_SC_NATIVE)
			continue;
		if (add_rule(ctx, argrule_action(pol, o, r), nr, 1, &cmp,
			     err) < 0)
			return -1;
	}
	return 0;
}

/* The floor, for a policy that asks for no syscall rule (no profile,
 * seccomp = no): terminal injection refused, everything else allowed,
 * on every ABI this kernel runs (the i386 and x32 numbers of ioctl
 * too, since nothing else kills those ABIs here).  Like no_new_privs it
 * is always there; it costs the target one short program. */
/* An allow-all context on every ABI this kernel runs (x86_64, i386,
 * x32), for programs that refuse a few calls and leave the rest, other
 * ABIs included, to the main program: the floor, the keyrings'. */
static scmp_filter_ctx all_abis_ctx(const char *what, struct jr_err *err)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_ALLOW, err);

	if (ctx &&
	    (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW) < 0 ||
	     seccomp_arch_add(ctx, SCMP_ARCH_X86) < 0 ||
	     seccomp_arch_add(ctx, SCMP_ARCH_X32) < 0)) {
		seccomp_release(ctx);
		jr_fail(err, NULL, "setting up the %s filter failed", what);
		return NULL;
	}
	return ctx;
}

static int compile_floor(const struct jr_policy *pol,
			 const struct jr_filter_opts *o, struct jr_bpf *out,
			 struct jr_err *err)
{
	scmp_filter_ctx ctx = all_abis_ctx("floor", err);
	int r;

	if (!ctx)
		return -1;
	r = add_tty_rules(ctx, pol, o, err);
	if (r == 0 && o->keyrings_closed)
		r = add_keyring_rules(ctx, SCMP_ACT_ALLOW, err);
	if (r == 0)
		r = export_bpf(ctx, out, err);
	seccomp_release(ctx);
	return r;
}

int jr_filter_compile(const struct jr_policy *pol,
		      const struct jr_filter_opts *o, struct jr_bpf *out,
		      struct jr_err *err)
{
	uint32_t def;
	scmp_filter_ctx ctx;
	int r;

	out->insns = NULL;
	out->len = 0;
	if (o->learn) {
		/* Learning: every call of every thread and child is seen
		 * once by the supervisor, which lets it run; terminal
		 * injection excepted. */
		ctx = new_ctx(SCMP_ACT_NOTIFY, err);
		if (!ctx)
			return -1;
		r = add_tty_rules(ctx, pol, o, err);
		if (r == 0 && o->keyrings_closed)
			r = add_keyring_rules(ctx, SCMP_ACT_NOTIFY, err);
		if (r == 0)
			r = export_bpf(ctx, out, err);
		seccomp_release(ctx);
		return r;
	}
	if (!jr_policy_wants_filter(pol))
		return compile_floor(pol, o, out, err);
	def = pol->keep_mode ? deny_action(pol, o) : SCMP_ACT_ALLOW;
	ctx = new_ctx(def, err);
	if (!ctx)
		return -1;
	r = add_rules(ctx, pol, o, def, err);
	if (r == 0)
		r = export_bpf(ctx, out, err);
	seccomp_release(ctx);
	/* an allow-list's default denies unknown numbers already */
	if (r == 0 && !pol->keep_mode) {
		r = prepend_unknown(out, jr_syscall_max(),
				    probe_action(pol, o), err);
		if (r < 0)
			jr_bpf_free(out);
	}
	return r;
}

int jr_filter_compile_postexec(const struct jr_policy *pol, bool shim,
			       struct jr_bpf *out, struct jr_err *err)
{
	uint32_t deny = deny_action(pol, NULL);
	scmp_filter_ctx ctx;
	int r = 0;

	out->insns = NULL;
	out->len = 0;
	if (!jr_filter_has_delayed(pol))
		return 0;
	ctx = new_ctx(SCMP_ACT_ALLOW, err);
	if (!ctx)
		return -1;
	for (int nr = 0; nr < JR_NR_MAX && r == 0; nr++)
		if (jr_filter_is_delayed(pol, nr, shim))
			r = add_rule(ctx, deny, nr, 0, NULL, err);
	if (r == 0)
		r = export_bpf(ctx, out, err);
	seccomp_release(ctx);
	return r;
}

int jr_filter_compile_init(struct jr_bpf *out, struct jr_err *err)
{
	/* sigaltstack: a sanitizer runtime tears down its alternate
	 * signal stack on _exit; it changes nothing outside the init. */
	static const char *const allow[] = {
		"close",	"exit",		"exit_group", "getpid",
		"kill",		"read",		"restart_syscall",
		"rt_sigprocmask", "rt_sigreturn", "sigaltstack", "wait4", "waitid",
		"write",
	};
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_KILL_PROCESS, err);
	int r = 0;

	if (!ctx)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(allow) && r == 0; i++)
		r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW,
				     seccomp_syscall_resolve_name(allow[i]),
				     0) < 0 ?
			    jr_fail(err, NULL, "init filter: %s", allow[i]) :
			    0;
	if (r == 0)
		r = export_bpf(ctx, out, err);
	seccomp_release(ctx);
	return r;
}

int jr_filter_compile_keyring(struct jr_bpf *out, struct jr_err *err)
{
	scmp_filter_ctx ctx = all_abis_ctx("keyrings'", err);
	int r;

	if (!ctx)
		return -1;
	r = add_keyring_rules(ctx, SCMP_ACT_ALLOW, err);
	if (r == 0)
		r = export_bpf(ctx, out, err);
	seccomp_release(ctx);
	return r;
}

bool jr_filter_keyrings_open(const struct jr_policy *pol,
			     const struct jr_filter_opts *o)
{
	int nr[ARRAY_SIZE(keyring_calls)];

	if (o->learn || pol->action == JR_ACT_LOG ||
	    !jr_policy_wants_filter(pol))
		return true;
	keyring_nrs(nr);
	for (size_t i = 0; i < ARRAY_SIZE(nr); i++)
		if (nr[i] < 0 || jr_policy_allows(pol, nr[i]))
			return true;
	return false;
}

static const char *action_text(const struct jr_policy *pol, char *buf,
			       size_t n)
{
	switch (pol->action) {
	case JR_ACT_KILL:
		return "kill";
	case JR_ACT_LOG:
		return "log (allow and log)";
	case JR_ACT_ERRNO:
		break;
	}
	snprintf(buf, n, "errno %s", jr_errno_name(pol->action_errno));
	return buf;
}

void jr_filter_describe(const struct jr_policy *pol, const struct jr_bpf *prog,
			FILE *out)
{
	char name[64], act[64];

	if (!prog->len) {
		fprintf(out, "no seccomp filter\n");
		return;
	}
	if (!jr_policy_wants_filter(pol)) {
		fprintf(out, "no syscall rules: the floor filter only\n"
			     "deny (args)    ioctl                    TIOCSTI, "
			     "TIOCLINUX (every filter), on x86_64, i386 and "
			     "x32\n"
			     "everything else allowed, on every ABI\n"
			     "BPF: %zu instructions\n",
			prog->len);
		return;
	}
	fprintf(out, "mode: %s\n",
		pol->keep_mode ? "allow-list (seccomp.keep): all else denied" :
				 "deny-list: all else allowed");
	fprintf(out, "action: %s\n", action_text(pol, act, sizeof(act)));
	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		const char *origin = pol->drop.origin[nr] ?
					     pol->drop.origin[nr] :
					     pol->keep.origin[nr];
		const char *what;

		if (!origin)
			continue;
		if (jr_policy_allows(pol, nr))
			what = "allow";
		else if (jr_filter_is_delayed(pol, nr, false))
			what = "deny (delayed)";
		else
			what = jr_filter_is_probe(nr) ? "deny (ENOSYS)" : "deny";
		fprintf(out, "%-14s %-24s %s\n", what,
			jr_syscall_name(nr, name, sizeof(name)), origin);
	}
	if (pol->protocol_set) {
		fprintf(out, "protocol      ");
		for (size_t i = 0; i < jr_nfamilies; i++)
			if (pol->protocols & (1ULL << jr_families[i].af))
				fprintf(out, " %s", jr_families[i].name);
		fprintf(out, " (others: EAFNOSUPPORT)   %s\n",
			pol->protocol_origin);
	}
	for (size_t i = 0; i < jr_nargrules; i++) {
		const struct jr_argrule *r = &jr_argrules[i];

		if (jr_argrule_on(pol, r->kind) &&
		    jr_syscall_resolve(r->syscall, &(int){ 0 }) == JR_SC_NATIVE)
			fprintf(out, "%-14s %-24s %s (%s)\n",
				r->err ? "deny (ENOSYS)" : "deny (args)",
				r->syscall, r->what, jr_argrule_key(r->kind));
	}
	if (jr_filter_has_delayed(pol))
		fprintf(out, "delayed: denied once the target runs (postexec "
			     "shim, supervisor for every exec)\n");
	if (!pol->keep_mode)
		fprintf(out, "numbers above %d (newer than libseccomp's "
			     "table): %s\n",
			jr_syscall_max(),
			pol->action == JR_ACT_LOG ? "allow and log" : "ENOSYS");
	fprintf(out, "other ABIs (i386, x32): kill\n");
	fprintf(out, "BPF: %zu instructions\n", prog->len);
}
