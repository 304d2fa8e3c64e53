/* main.c - parse -> policy -> filter -> launch.  The only place that
 * decides jailrun's exit status. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>


#include "capnames.h"
#include "bpfcache.h"
#include "cache.h"
#include "caps.h"
#include "cli.h"
#include "commands.h"
#include "confine.h"
#include "dbusproxy.h"
#include "landlock.h"
#include "elfinfo.h"
#include "enforce.h"
#include "filter.h"
#include "initbpf-gen.h"
#include "notify.h"
#include "ns.h"
#include "preflight.h"
#include "launch.h"
#include "learn.h"
#include "import.h"
#include "listing.h"
#include "plan.h"
#include "profile.h"
#include "supervise.h"
#include "syscalls.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef PKGLIBDIR
#define PKGLIBDIR "/usr/lib/jailrun"
#endif
#define SHIM_NAME "libjailrun-postexec.so"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: jailrun [OPTION...] [--] PROGRAM [ARG...]\n"
		"Run PROGRAM in a sandbox described by its profile: seccomp, "
		"namespaces,\ncapabilities, without setuid.\n\n"
		"Every option marked * is also a profile key (KEY = VALUE).\n"
		"LIST is comma-separated; !NAME takes NAME out again.\n\n");
	for (size_t i = 0; i < jr_nkeys; i++) {
		const struct jr_key *k = &jr_keys[i];
		char left[64];

		if (k->scope == JR_SCOPE_PROFILE)
			continue;
		snprintf(left, sizeof(left), "--%s%s%s%s", k->name,
			 k->arg == JR_ARG_OPTIONAL ? "[=" :
			 k->metavar		   ? "=" :
						     "",
			 k->metavar ? k->metavar : "",
			 k->arg == JR_ARG_OPTIONAL ? "]" : "");
		fprintf(out, " %c %-34s %s\n",
			k->scope == JR_SCOPE_BOTH ? '*' : ' ', left, k->help);
	}
	fprintf(out,
		"\nProfile directives: include = NAME, ignore = KEY.\n"
		"Profiles: $XDG_CONFIG_HOME/jailrun, then %s/jailrun (or "
		"$JAILRUN_PROFILE_PATH).\n"
		"Exit status: the target's; 128+N if it died of signal N; 125 "
		"jailrun error;\n126 not executable; 127 not found.\n",
		SYSCONFDIR);
	fprintf(out,
		"\nExamples:\n"
		"  jailrun gzip -k notes.txt\n"
		"      gzip under its shipped profile, found by the program's "
		"name\n"
		"  jailrun --report --noprofile --protocol=unix curl -sI "
		"https://example.org\n"
		"      name each denied syscall and its rule (here: socket, "
		"AF_INET)\n"
		"  jailrun --net=none --private-tmp --read-only=~ bash\n"
		"      a shell with only loopback, an empty /tmp and a read-only "
		"home\n"
		"  jailrun --learn=ls.profile ls -l /\n"
		"      run permissively and write a profile of what ls did\n"
		"  jailrun --profile=./ls.profile --seccomp.action=kill ls -l /\n"
		"      enforce that profile: any other syscall kills ls\n");
}

/* Names in the lists that are syscalls elsewhere but not here (the
 * point of groups); under --debug only. */
static void debug_absent(const struct jr_policy *pol)
{
	char line[1024] = "";
	size_t len = 0;

	if (!pol->nabsent)
		return;
	for (size_t i = 0; i < pol->nabsent && len < sizeof(line); i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
					i ? " " : "", pol->absent[i]);
	debugx("not syscalls on %s, skipped (%zu): %s%s",
	       jr_arch_name(), pol->nabsent + pol->absent_more,
	       line, len >= sizeof(line) || pol->absent_more ? " ..." : "");
}

/* --debug-syscalls, --debug-protocols, --debug-caps: list and exit. */
static int listing(const struct jr_command *cmd)
{
	struct jr_err err = { { 0 } };

	switch (cmd->listing) {
	case JR_LIST_SYSCALLS:
		if (jr_list_syscalls(stdout, cmd->list_what, &err) < 0) {
			warnx_jr("%s", err.msg);
			return EXIT_JAILRUN;
		}
		break;
	case JR_LIST_PROTOCOLS:
		jr_list_protocols(stdout);
		break;
	case JR_LIST_CAPS:
		jr_list_caps(stdout);
		break;
	case JR_LIST_NONE:
		break;
	}
	return 0;
}

/* 0, or the exit status (127, 126) with ERR */
static int resolve_target(const char *name, char **path, struct jr_err *err)
{
	int r = jr_find_program(name, path);

	if (r == -ENOENT) {
		jr_fail(err, NULL, "%s: command not found", name);
		return EXIT_NOENT;
	}
	if (r < 0) {
		jr_fail(err, NULL, "%s: %s", name, strerror(-r));
		return EXIT_NOEXEC;
	}
	return 0;
}

/* The shim next to an uninstalled binary (libtool's .libs), else the
 * installed one. */
static char *find_shim(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *p;

	if (n > 0) {
		exe[n] = '\0';
		p = xasprintf("%s/.libs/" SHIM_NAME, dirname(exe));
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	p = xstrdup(PKGLIBDIR "/" SHIM_NAME);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

static void delayed_names(const struct jr_policy *pol, char *buf, size_t n)
{
	size_t used = 0;
	char name[64];

	buf[0] = '\0';
	for (int nr = 0; nr < JR_NR_MAX && used < n; nr++) {
		if (!jr_filter_is_delayed(pol, nr, false))
			continue;
		used += (size_t)snprintf(buf + used, n - used, "%s%s (%s)",
					 used ? ", " : "",
					 jr_syscall_name(nr, name, sizeof(name)),
					 pol->drop.origin[nr] ?
						 pol->drop.origin[nr] :
						 "not in seccomp.keep");
	}
}

/* Whenever the shim cannot apply and delayed filters exist: several
 * lines, every time, even with --quiet. */
static void warn_no_shim(const struct jr_policy *pol,
			 const struct jr_elf_info *elf, bool listener)
{
	bool tty = isatty(STDERR_FILENO);
	const char *on = tty ? "\033[1;31m" : "", *off = tty ? "\033[0m" : "";
	char names[512];

	delayed_names(pol, names, sizeof(names));
	fprintf(stderr,
		"%sjailrun: WARNING: the postexec shim cannot apply to %s%s\n"
		"jailrun:   why:     %s\n"
		"jailrun:   delayed: %s\n",
		on, elf->binary, off, elf->why, names);
	if (listener)
		fprintf(stderr,
			"jailrun:   they are enforced by the jailrun supervisor "
			"instead: every exec\n"
			"jailrun:   after the start is refused through seccomp "
			"user notification.\n");
	else
		fprintf(stderr,
			"%sjailrun:   they are NOT ENFORCED: no seccomp listener "
			"can be installed here%s\n"
			"jailrun:   (nested sandbox or old kernel); "
			"--static=refuse stops instead.\n",
			on, off);
}

/* What the sandbox cannot enforce: loud, every time, even with --quiet. */
static void warn_unenforced(const struct jr_confine *c)
{
	bool tty = isatty(STDERR_FILENO);
	const char *on = tty ? "\033[1;31m" : "", *off = tty ? "\033[0m" : "";

	for (size_t i = 0; i < c->nwarnings; i++)
		fprintf(stderr, "%sjailrun: WARNING: %s%s\n", on,
			c->warnings[i], off);
}

/* Mounts, Landlock rules and environment for PATH; errors are the
 * profile's (FILE:LINE).  landlock.require turns a Landlock rule this
 * kernel cannot enforce into an error. */
static int plan_confine(struct jr_policy *pol, const char *path,
			const char *shim, struct jr_confine *c,
			struct jr_err *err)
{
	const struct jr_mount *hidden;

	if (jr_confine_plan(pol, path, jr_landlock_abi(), c, err) < 0 ||
	    (shim && jr_confine_keep(c, shim, "the postexec shim", err) < 0) ||
	    (c->ll_fs && shim &&
	     jr_confine_ll_add(c, shim, JR_LL_READ, false, "the postexec shim",
			       err) < 0))
		return -1;
	/* ld.so ignores a preload it cannot open, and the delayed filter
	 * would then be the supervisor's alone (or nobody's, nested): a
	 * rule that hides the shim is an error, not a silent downgrade */
	if (shim && (hidden = jr_confine_hiding(c, shim)))
		return jr_fail(err, hidden->origin,
			       "hides %s, and with it the postexec shim %s, "
			       "which enforces the delayed filter: it must "
			       "stay visible",
			       hidden->dst, shim);
	if (pol->ll_require && c->ll_unenforced) {
		for (size_t i = 0; i < c->nwarnings; i++)
			warnx_jr("landlock.require: %s", c->warnings[i]);
		return -1; /* said */
	}
	warn_unenforced(c);
	if (jr_verbosity >= 2)
		jr_confine_describe(c, pol);
	return 0;
}

/* --learn: what earlier runs recorded (--learn-append), checked before
 * the program runs; and somewhere to write the result. */
static int learn_start(const struct jr_policy *pol, struct jr_learned *l,
		       struct jr_err *err)
{
	if (jr_learn_check_path(pol->learn, err) < 0 ||
	    (pol->learn_append && jr_learned_load(l, pol->learn, err) < 0))
		return -1;
	return 0;
}

/* A path variable's value for learning, NULL when it has none. */
static char *learn_var(const char *var)
{
	struct jr_err err = { { 0 } };

	return jr_path_unset_var(var) ? NULL : jr_path_expand(var, "", &err);
}

static int learn_finish(const struct jr_policy *pol, struct jr_learned *l,
			char *const *argv, struct jr_err *err)
{
	char command[512] = "", date[32];
	size_t len = 0, n = 0;
	time_t now = time(NULL);

	for (size_t i = 0; argv[i] && len < sizeof(command); i++)
		len += (size_t)snprintf(command + len, sizeof(command) - len,
					"%s%s", i ? " " : "", argv[i]);
	char **secrets = NULL;
	size_t nsecrets = 0;
	cleanup_free char *config = learn_var("${XDG_CONFIG_HOME}");
	cleanup_free char *cache = learn_var("${XDG_CACHE_HOME}");
	cleanup_free char *download = learn_var("${XDG_DOWNLOAD_DIR}");
	cleanup_free char *runtime = learn_var("${XDG_RUNTIME_DIR}");
	int r;

	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	l->runs++;
	jr_learn_secrets(&secrets, &nsecrets);
	l->vars = (struct jr_lfvars){ jr_home_dir(), config, cache, download,
				      runtime };
	l->secrets = (const char *const *)secrets;
	l->nsecrets = nsecrets;
	l->ll_abi = jr_landlock_abi();
	jr_learned_under(l, pol->profile_used, pol);
	r = jr_learned_write(l, pol->learn, command, date, err);
	for (size_t i = 0; i < nsecrets; i++)
		free(secrets[i]);
	free(secrets);
	if (r < 0)
		return -1;
	for (int nr = 0; nr < JR_NR_MAX; nr++)
		n += l->used[nr];
	if (jr_verbosity >= 1)
		warnx_jr("learned %zu syscalls in %u run%s: profile written to "
			 "%s",
			 n, l->runs, l->runs == 1 ? "" : "s", pol->learn);
	return 0;
}

/* The enforcement plan's warnings and errors, said (enforce.h). */
static void say_enforcement(const struct jr_policy *pol,
			    const struct jr_elf_info *elf,
			    const struct jr_enforce *e)
{
	if (e->warnings & JR_EW_LOG_UNNAMED)
		warnx_jr("WARNING: no seccomp listener can be installed here "
			 "(nested sandbox or old kernel): seccomp.action=log "
			 "goes to the kernel audit log only, unnamed here");
	if (e->warnings & JR_EW_NO_REPORT)
		warnx_jr("cannot report denied syscalls: no seccomp listener "
			 "can be installed here (nested sandbox or old "
			 "kernel)");
	if (e->warnings & JR_EW_SHIM_CANNOT)
		warn_no_shim(pol, elf, !(e->warnings & JR_EW_UNENFORCED));
	if (e->warnings & JR_EW_SHIM_ALONE)
		warnx_jr("no seccomp listener can be installed here: the "
			 "postexec shim alone enforces the delayed filter, and "
			 "code that runs before it (preinit, library "
			 "constructors) is not covered");
	if (e->delayed && !e->opts.learn)
		debugx("delayed filter: %s; %s", elf->why,
		       e->opts.notify ? "supervisor listens" : "no listener");
}

/* The init's fixed program, compiled at build time (tools/jr-initbpf;
 * tests/unit/test-initbpf holds it equal to libseccomp's). */
static int init_program(struct jr_bpf *out)
{
	out->len = ARRAY_SIZE(jr_init_bpf);
	out->insns = xmalloc(sizeof(jr_init_bpf));
	memcpy(out->insns, jr_init_bpf, sizeof(jr_init_bpf));
	return 0;
}

/* The run's three programs, compiled (the init's built in). */
static int compile_all(const struct jr_policy *pol,
		       const struct jr_filter_opts *o, struct jr_bpf *progs,
		       struct jr_err *err)
{
	if (jr_filter_compile(pol, o, &progs[JR_CACHE_MAIN], err) < 0 ||
	    (o->shim && jr_filter_compile_postexec(pol, true,
						   &progs[JR_CACHE_POSTEXEC],
						   err) < 0) ||
	    init_program(&progs[JR_CACHE_INIT]) < 0)
		return -1;
	return 0;
}

/* The run's programs from the BPF cache (bpfcache.c) when an entry for
 * this policy, build and machine is there, sound and authenticated by
 * the user's cache secret; else compiled, and kept for the next run (no
 * secret, no keyring: compiled every time).  The cache's troubles are
 * only said with --debug: a miss costs a compile, nothing else. */
static int get_programs(const struct jr_policy *pol,
			const struct jr_filter_opts *o, bool no_cache,
			struct jr_bpf *progs, struct jr_err *err)
{
	unsigned char applied[JR_SHA256_LEN], key[JR_SHA256_LEN];
	unsigned char secret[JR_CACHE_SECRET_LEN];
	struct jr_cache_ident id;
	struct jr_err why = { { 0 } };
	int r = 0;

	if (no_cache) {
		debugx("BPF cache: not used (--no-cache)");
		return compile_all(pol, o, progs, err);
	}
	jr_bpfcache_ident(&id);
	jr_policy_applied(pol, applied);
	if (jr_cache_key(applied, o, o->shim, &id, key, &why) < 0 ||
	    jr_bpfcache_secret(secret, true, &why) < 0) {
		debugx("BPF cache: not used: %s", why.msg);
		return compile_all(pol, o, progs, err);
	}
	if (jr_bpfcache_load(key, secret, progs, &why) == 0) {
		debugx("BPF cache: programs loaded from the cache");
	} else {
		debugx("BPF cache: miss: %s", why.msg);
		r = compile_all(pol, o, progs, err);
		if (r == 0 && jr_bpfcache_store(key, progs, secret, &why) < 0)
			debugx("BPF cache: not stored: %s", why.msg);
		else if (r == 0)
			debugx("BPF cache: programs stored");
	}
	explicit_bzero(secret, sizeof(secret));
	return r;
}

/* The keyrings hold the BPF cache's secret (bpfcache.h): a policy that
 * leaves them open must not open the user's.  A target that will surely
 * share them (the namespaces the supervisor will make, jr_ns_flags, have
 * no user namespace: root, or namespaces without 'user') gets the keyring
 * calls refused in its main program; one that should have a user
 * namespace of its own decides at the launch (launch.c: a new session
 * keyring there, else the keyrings' filter), as does --join. */
static void plan_keyrings(const struct jr_policy *pol, struct jr_plan *plan,
			  struct jr_filter_opts *o)
{
	static struct sock_filter insns[ARRAY_SIZE(jr_keyring_bpf)];
	static struct jr_bpf keyring = { insns, ARRAY_SIZE(insns) };
	struct jr_err ignored = { { 0 } };
	int flags;

	if (!jr_filter_keyrings_open(pol, o))
		return;
	plan->keyring_warn = pol->keep_mode && !o->learn;
	/* a policy jr_ns_flags refuses is refused by the supervisor too;
	 * until then, the launch decides */
	if (!plan->join_init &&
	    jr_ns_flags(pol, geteuid() == 0, &flags, &ignored) == 0 &&
	    !(flags & CLONE_NEWUSER)) {
		debugx("keyrings: the target shares the user's: add_key, "
		       "keyctl and request_key refused (EPERM), in its "
		       "program");
		o->keyrings_closed = true;
		return;
	}
	memcpy(insns, jr_keyring_bpf, sizeof(insns));
	plan->keyring_prog = &keyring;
}

/* The target judged once (jr_elf_classify: 0 or -errno), for the
 * preflight and the filters' plan both: it was opened and read twice
 * (issue 21). */
struct judged {
	struct jr_elf_info elf;
	int r;
};

/* Judge the target, plan the enforcement (enforce.c), compile (or take
 * the programs from the cache). */
static int plan_filters(const struct jr_policy *pol, bool no_cache,
			const char *path, const struct judged *j,
			struct jr_plan *plan, struct jr_bpf *progs,
			struct jr_err *err)
{
	struct jr_bpf *prog = &progs[JR_CACHE_MAIN];
	struct jr_bpf *postexec = &progs[JR_CACHE_POSTEXEC];
	const struct jr_elf_info *elf = &j->elf;
	struct jr_facts f = {
		.path = path,
		.stderr_tty = isatty(STDERR_FILENO),
		.judged = jr_enforce_needs_elf(pol) ? j->r : -ENOENT,
		.elf = elf,
	};
	struct jr_enforce e;

	f.notify_possible = jr_enforce_needs_probe(pol, f.stderr_tty) &&
			    jr_notify_possible();
	if (jr_enforce_plan(pol, &f, &e, err) < 0)
		return -1;
	plan_keyrings(pol, plan, &e.opts);
	say_enforcement(pol, elf, &e);
	if (e.opts.shim) {
		plan->shim_path = find_shim();
		if (!plan->shim_path)
			return jr_fail(err, NULL,
				       "the postexec shim " SHIM_NAME
				       " is missing (looked next to jailrun "
				       "and in " PKGLIBDIR ")");
	}
	if (get_programs(pol, &e.opts, no_cache, progs, err) < 0)
		return -1;
	plan->prog = prog;
	plan->postexec = postexec;
	plan->report = e.opts.report;
	/* reports: on stderr, but report = log only to the log; also to
	 * the log when nobody may be reading stderr (a menu launch) */
	plan->report_stderr = pol->report != JR_REPORT_LOG;
	plan->report_log = pol->report == JR_REPORT_LOG ||
			   (pol->report == 1 && !f.stderr_tty);
	plan->report_log_must = pol->report == JR_REPORT_LOG;
	plan->ll_notify = e.opts.ll_notify;
	plan->listener = prog->len && e.listener;
	plan->via_execveat = plan->listener && e.via_execveat;
	plan->launch_notified = plan->listener && e.launch_notified;
	return 0;
}

/* A target with file capabilities that are effective at exec (ping:
 * cap_net_raw=ep) is refused by the kernel (EPERM, "cannot execute")
 * when the sandbox drops one of them: say which, and the caps.keep that
 * would let it run, before anything starts. */
static int check_file_caps(const struct jr_policy *pol, const char *path,
			   const struct jr_elf_info *elf, struct jr_err *err)
{
	char names[256] = "", keep[256] = "", how[160];
	size_t n = 0, k = 0;

	if (!elf->file_caps_effective)
		return 0;
	for (int cap = 0; cap < 64; cap++) {
		const char *name;

		if (!(elf->file_caps & (1ULL << cap)) || jr_caps_keeps(pol, cap))
			continue;
		name = jr_cap_name(cap);
		if (!name)
			name = "?";
		if (n < sizeof(names))
			n += (size_t)snprintf(names + n, sizeof(names) - n,
					      "%scap_%s", n ? "," : "", name);
		if (k < sizeof(keep))
			k += (size_t)snprintf(keep + k, sizeof(keep) - k,
					      "%s%s", k ? "," : "", name);
	}
	if (!n)
		return 0;
	if (pol->caps_keep_set)
		snprintf(how, sizeof(how), "%s%s keeps only what it names",
			 pol->caps_keep_origin[0] == '-' ? "" : "caps.keep at ",
			 pol->caps_keep_origin);
	else
		snprintf(how, sizeof(how), "%s%s",
			 pol->caps_drop_origin[0] == '-' ? "" : "caps.drop at ",
			 pol->caps_drop_origin);
	return jr_fail(err, NULL,
		       "%s has the file capabilities %s=ep, and the sandbox "
		       "drops them (%s): the kernel refuses to run it "
		       "(Operation not permitted); to allow it, %s %s",
		       path, names, how,
		       pol->caps_keep_set ? "add to caps.keep:" : "caps.keep =",
		       keep);
}

/* Before the start: what will surely fail, said now rather than as a
 * crash or a bare EPERM later (preflight.c, check_file_caps). */
static int preflight(const struct jr_policy *pol, const char *name,
		     const char *path, struct judged *j, struct jr_err *err)
{
	struct jr_preflight pf;
	bool judged;

	j->elf.kind = JR_ELF_NOTELF;
	j->r = jr_elf_classify(path, &j->elf);
	judged = j->r == 0;
	if (judged && check_file_caps(pol, path, &j->elf, err) < 0)
		return -1;
	jr_preflight(pol, name, judged ? &j->elf : NULL, &pf);
	for (size_t i = 0; i < pf.n; i++)
		warnx_jr("WARNING: %s", pf.warnings[i]);
	return 0;
}

/* Called through a shortcut (a symlink named after a program): run that
 * program, the real one further down PATH, with its arguments. */
static char **shortcut_argv(int *argc, char **argv)
{
	const char *self = strrchr(argv[0], '/');
	char **nargv;

	self = self ? self + 1 : argv[0];
	if (strcmp(self, "jailrun") == 0 || !*self)
		return argv;
	nargv = xcalloc((size_t)*argc + 3, sizeof(*nargv));
	nargv[0] = (char *)"jailrun";
	nargv[1] = (char *)"--";
	nargv[2] = (char *)self;
	for (int i = 1; i < *argc; i++)
		nargv[i + 2] = argv[i];
	*argc += 2;
	return nargv;
}

/* Everything one sandbox run builds, freed in one place. */
struct run {
	struct jr_bpf progs[JR_CACHE_NPROG]; /* main, postexec, init */
	struct jr_plan plan;
	char *path, *rec_args;
	/* ~200 KiB, most of it unused: on the heap (an mmap'd, lazily
	 * zeroed calloc) rather than zeroed on main's stack, which made
	 * every run fault in and clear it (issue 21: time and VmHWM) */
	struct jr_confine *confine;
	/* 27 KiB, for --learn only: allocated then, not zeroed on main's
	 * stack by every run (seven pages faulted in, issue 21) */
	struct jr_learned *learned;
	struct jr_dbus_proxy proxy;
};

static void run_free(struct run *x)
{
	jr_dbus_proxy_stop(&x->proxy);
	free((char *)x->plan.shim_path);
	jr_confine_free(x->confine);
	free(x->confine);
	if (x->learned)
		jr_learned_free(x->learned);
	free(x->learned);
	for (int i = 0; i < JR_CACHE_NPROG; i++)
		jr_bpf_free(&x->progs[i]);
	free(x->path);
	free(x->rec_args);
}

/* Plan, launch and wait: the launch order is jr_run's (supervise.c).
 * Returns the exit status; a jailrun error comes back in ERR (empty
 * when it was said already) with EXIT_JAILRUN, or 126/127. */
static int run_sandbox(struct jr_policy *pol, const struct jr_command *cmd,
		       const struct jr_cli *cli, struct run *x,
		       struct jr_err *err)
{
	cleanup_free struct judged *j = NULL;
	int r = resolve_target(cli->program[0], &x->path, err);

	if (r)
		return r;
	x->confine = xcalloc(1, sizeof(*x->confine));
	j = xmalloc(sizeof(*j)); /* preflight sets it (jr_elf_classify) */
	if (preflight(pol, cli->program[0], x->path, j, err) < 0 ||
	    plan_filters(pol, cmd->no_cache, x->path, j, &x->plan, x->progs,
			 err) < 0 ||
	    plan_confine(pol, x->path,
			 x->plan.postexec->len ? x->plan.shim_path : NULL,
			 x->confine, err) < 0)
		return EXIT_JAILRUN;
	x->plan.confine = x->confine;
	x->plan.rec_args = x->rec_args = jr_record_args(cli);
	x->plan.digest = jr_policy_digest(pol);
	if (jr_verbosity >= 2)
		jr_filter_describe(pol, &x->progs[JR_CACHE_MAIN], stderr);
	x->plan.init_prog = &x->progs[JR_CACHE_INIT];
	if (pol->learn) {
		x->learned = xcalloc(1, sizeof(*x->learned));
		if (learn_start(pol, x->learned, err) < 0)
			return EXIT_JAILRUN;
		x->plan.learned = x->learned;
	}
	/* dbus.user = filter: the proxy's socket is a bind source of the
	 * plan, so it listens before the clone.  (The test was !pol->join,
	 * and the policy jr_join_policy rebuilt never had join set: the
	 * proxy starts on --join too.  Kept as it was; see issue 23.) */
	if (jr_dbus_proxy_start(pol, &x->proxy, err) < 0)
		return EXIT_JAILRUN;
	r = jr_run(pol, &x->plan, x->path, cli->program);
	if (x->learned)
		jr_dbus_proxy_learned(&x->proxy, pol, x->learned);
	if (pol->learn && learn_finish(pol, x->learned, cli->program, err) < 0)
		return EXIT_JAILRUN;
	return r;
}

/* A syscall one profile file keeps and another denies (an include's
 * deny-list under a learned allow-list): the drop wins, as everywhere;
 * said at startup, so the program is never killed for it unexplained,
 * and each with both rules under --debug. */
static void warn_conflicts(const struct jr_policy *pol)
{
	char name[64];
	int first = jr_policy_conflict(pol, 0), n = 0;

	if (first < 0 || pol->learn)
		return;
	for (int nr = first; nr >= 0; nr = jr_policy_conflict(pol, nr + 1))
		n++;
	warnx_jr("WARNING: %s keeps %s, which %s denies%s: a drop beats a "
		 "keep, so it is denied%s%s%.0d%s",
		 pol->keep.origin[first],
		 jr_syscall_name(first, name, sizeof(name)),
		 pol->drop.origin[first],
		 pol->drop_is_default[first] ? " (seccomp = yes)" : "",
		 jr_filter_is_exec(first) ? " after the launch" : "",
		 n > 1 ? "; and " : "", n > 1 ? n - 1 : 0,
		 n > 1 ? " more kept syscalls are denied by another file "
			 "(--debug names each)" :
			 "");
	for (int nr = first; nr >= 0; nr = jr_policy_conflict(pol, nr + 1))
		debugx("seccomp: %s is kept by %s and denied by %s: denied%s "
		       "(a drop beats a keep)",
		       jr_syscall_name(nr, name, sizeof(name)),
		       pol->keep.origin[nr], pol->drop.origin[nr],
		       jr_filter_is_exec(nr) ? " after the launch" : "");
}

/* A profile that sets no seccomp rule, no capability drop and no file
 * rule leaves the target little but namespaces: said loudly, once, for
 * any profile (an imported one that lost its rules in conversion, a
 * .local that ignored them). */
static void warn_unconfined(const struct jr_policy *pol)
{
	if (!pol->profile_used || jr_policy_wants_filter(pol) ||
	    pol->caps_drop_all || pol->caps_drop || pol->caps_keep_set ||
	    pol->npaths || pol->private_tmp || pol->private_dev)
		return;
	warnx_jr("WARNING: the profile %s sets no seccomp rule, no "
		 "capability drop and no file rule: the program runs "
		 "unconfined but for namespaces",
		 pol->profile_used);
}

/* Parse, then one command or one sandbox run.  The one exit: an error is
 * said here (unless said already), everything built is freed, and the
 * status returned (stdout flushed by the return from main). */
int main(int argc, char **argv)
{
	struct jr_policy *pol;
	struct jr_command cmd = JR_COMMAND_INIT;
	struct run x = { .plan = { .prog = &x.progs[JR_CACHE_MAIN] },
			 .proxy = { .pid = -1, .sync = -1 } };
	struct jr_filter_opts opts = { .notify = true, .shim = false };
	struct jr_err err = { { 0 } };
	struct jr_cli cli;
	bool hint = false;
	int r = EXIT_JAILRUN;

	/* A fixed mmap threshold (glibc raises it to the size of each big
	 * block freed, the profile reader's buffer): the policy, the plan
	 * and the reader's buffers stay mmap'd, zeroed lazily by the kernel
	 * and given back when freed, instead of cleared and kept on the
	 * heap (issue 21: time and the supervisor's VmHWM). */
	(void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	pol = jr_policy_new();
	argv = shortcut_argv(&argc, argv);
	if (jr_cli_parse(argc, argv, &cli, &err) < 0 ||
	    jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_CLI, &err) < 0) {
		hint = true;
		goto out;
	}
	jr_verbosity = cmd.verbosity;
	if (jr_cli_check(pol, &cmd, &cli, &err) < 0)
		goto out;
	if (cmd.help || cmd.version) {
		if (cmd.help)
			usage(stdout);
		else
			printf("jailrun %s\n", PACKAGE_VERSION);
		r = 0;
		goto out;
	}
	if (cmd.shortcuts || cmd.list || cmd.shutdown ||
	    cmd.listing != JR_LIST_NONE || cmd.import_firejail ||
	    cmd.convert_firejail) {
		r = cmd.import_firejail         ? jr_cmd_import(&cmd) :
		    cmd.convert_firejail        ? jr_cmd_convert(&cmd) :
		    cmd.shortcuts               ? jr_cmd_shortcuts(&cmd) :
		    cmd.listing != JR_LIST_NONE ? listing(&cmd) :
						  jr_cmd_running(&cmd);
		goto out;
	}
	if (!cli.program && !cmd.print_filter) {
		jr_fail(&err, NULL, "no program given");
		hint = true;
		goto out;
	}
	/* Profiles first, then the command line over them. */
	if (cmd.join) {
		if (!cli.program) {
			jr_fail(&err, NULL,
				"--join needs a COMMAND to run in the sandbox");
			goto out;
		}
		pol = jr_join_policy(pol, &cmd, &cli, &x.plan);
	} else if (jr_load_profiles(pol, &cmd,
				    cli.program ? cli.program[0] : NULL,
				    &err) < 0 ||
		   jr_cli_apply(pol, &cmd, &cli, JR_SCOPE_BOTH, &err) < 0) {
		goto out;
	}
	if (jr_verbosity >= 2)
		debug_absent(pol);
	if (cmd.print_filter) {
		if (jr_filter_compile(pol, &opts, &x.progs[JR_CACHE_MAIN], &err) < 0)
			goto out;
		jr_filter_describe(pol, &x.progs[JR_CACHE_MAIN], stdout);
		r = 0;
		goto out;
	}
	warn_unconfined(pol);
	warn_conflicts(pol);
	r = run_sandbox(pol, &cmd, &cli, &x, &err);
out:
	if (err.msg[0])
		warnx_jr("%s", err.msg);
	if (hint)
		fprintf(stderr, "Try 'jailrun --help'.\n");
	run_free(&x);
	jr_policy_free(pol);
	return r;
}
