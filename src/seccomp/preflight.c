/* preflight.c - what will go wrong, said before the start (preflight.h).
 *
 * jailrun --noprofile --seccomp.keep=@mount,read,write,execve cat f
 * used to die of SIGSEGV (139) with nothing said: the loader could not
 * map libc.  And a `#!/usr/bin/env bash` wrapper under seccomp.drop =
 * execve ended as "/usr/bin/env: 'bash': Operation not permitted".  Both
 * are certain from the policy and the file alone. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "filter.h"
#include "preflight.h"
#include "syscalls.h"

/* Measured on glibc 2.36 (x86_64): a dynamic /bin/true with each one
 * denied (EPERM) dies with 127 or 139; brk alone it survives (malloc
 * falls back to mmap), but larger programs do not. */
const struct jr_start_need jr_start_needs[] = {
	{ .name = "arch_prctl", .why = "thread-local storage" },
	{ .name = "brk", .why = "the heap" },
	{ .name = "close", .why = "the loader closes each library it mapped",
	  .dynamic_only = true },
	{ .name = "exit_group", .why = "exiting" },
	{ .name = "mmap", .why = "the loader maps libraries; malloc" },
	{ .name = "mprotect", .why = "relocated data made read-only (RELRO)",
	  .dynamic_only = true },
	{ .name = "newfstatat", .alt = "fstat",
	  .why = "the loader sizes each library", .dynamic_only = true },
	{ .name = "openat", .alt = "open", .why = "the loader opens libraries",
	  .dynamic_only = true },
	{ .name = "pread64", .why = "the loader reads program headers",
	  .dynamic_only = true },
	{ .name = "read", .why = "the loader reads ELF headers",
	  .dynamic_only = true },
};
const size_t jr_nstart_needs = ARRAY_SIZE(jr_start_needs);

/* "KEY at FILE:LINE", or "--KEY" for the command line. */
static const char *setting(const char *key, const char *origin, char *buf,
			   size_t size)
{
	if (!origin || strncmp(origin, "--", 2) == 0)
		snprintf(buf, size, "--%s", key);
	else
		snprintf(buf, size, "%s at %s", key, origin);
	return buf;
}

static int nr_of(const char *name)
{
	int nr;

	return name && jr_syscall_resolve(name, &nr) == JR_SC_NATIVE ? nr : -1;
}

static bool allowed(const struct jr_policy *pol, const char *name)
{
	int nr = nr_of(name);

	return nr < 0 || jr_policy_allows(pol, nr);
}

/* Whether seccomp rules can deny anything to the target at all. */
static bool denies(const struct jr_policy *pol)
{
	return jr_policy_wants_filter(pol) && pol->action != JR_ACT_LOG &&
	       !pol->learn;
}

size_t jr_start_missing(const struct jr_policy *pol, bool is_static,
			char *buf, size_t size)
{
	size_t n = 0, used = 0;

	buf[0] = '\0';
	if (!denies(pol))
		return 0;
	for (size_t i = 0; i < jr_nstart_needs; i++) {
		const struct jr_start_need *s = &jr_start_needs[i];
		int nr = nr_of(s->name);

		if ((is_static && s->dynamic_only) || allowed(pol, s->name) ||
		    (s->alt && nr_of(s->alt) >= 0 && allowed(pol, s->alt)))
			continue;
		n++;
		if (used < size)
			used += (size_t)snprintf(buf + used, size - used,
						 "%s%s", used ? ", " : "",
						 s->name);
		if (used < size && nr >= 0 && pol->drop.origin[nr]) {
			char w[128];

			used += (size_t)snprintf(
				buf + used, size - used, " (%s)",
				setting("seccomp.drop", pol->drop.origin[nr], w,
					sizeof(w)));
		}
	}
	return n;
}

static void add(struct jr_preflight *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(struct jr_preflight *out, const char *fmt, ...)
{
	char raw[JR_ERR_MAX];
	va_list ap;

	if (out->n == JR_PREFLIGHT_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	jr_escape(raw, out->warnings[out->n++], JR_ERR_MAX);
}

static void start_needs(const struct jr_policy *pol, const char *name,
			const struct jr_elf_info *elf,
			struct jr_preflight *out)
{
	bool is_static = elf && elf->kind == JR_ELF_STATIC;
	char missing[256], keep[128];

	if (!jr_start_missing(pol, is_static, missing, sizeof(missing)))
		return;
	add(out,
	    "%s denies what every %s program needs to start: %s; %s will "
	    "likely crash before main (SIGSEGV); %s",
	    pol->keep_mode ? setting("seccomp.keep", pol->keep_origin, keep,
				     sizeof(keep)) :
			     "seccomp.drop",
	    is_static ? "statically linked" : "dynamically linked", missing,
	    name,
	    pol->keep_mode ? "add @start, which holds them, to seccomp.keep" :
			     "take them out of seccomp.drop (they are in "
			     "@start)");
}

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* A `#!/usr/bin/env NAME` script: env itself must exec NAME, which the
 * filter refuses once the target started (the kernel's own `#!`
 * handling is part of the one launch execve, so /bin/sh scripts start;
 * what they run is the profile's business). */
static void script_execs(const struct jr_policy *pol, const char *name,
			 const struct jr_elf_info *elf,
			 struct jr_preflight *out)
{
	int execve = nr_of("execve");
	char why[160], keep[128];

	if (!elf || elf->scripts == 0 || execve < 0 ||
	    !jr_filter_is_delayed(pol, execve, false) ||
	    strcmp(base(elf->chain[0]), "env") != 0 || !elf->script_arg[0] ||
	    elf->script_arg[0] == '-')
		return;
	if (pol->drop.origin[execve])
		setting("seccomp.drop", pol->drop.origin[execve], why,
			sizeof(why));
	else
		snprintf(why, sizeof(why), "not in %s",
			 setting("seccomp.keep", pol->keep_origin, keep,
				 sizeof(keep)));
	add(out,
	    "%s is a script for '%s %s', and execve is denied once it starts "
	    "(%s): env must exec %s, and fails with 'Operation not "
	    "permitted'; run the interpreter as the target (jailrun "
	    "[OPTION...] %s %s), or the program a wrapper would exec",
	    name, elf->chain[0], elf->script_arg, why, elf->script_arg,
	    elf->script_arg, name);
}

void jr_preflight(const struct jr_policy *pol, const char *name,
		  const struct jr_elf_info *elf, struct jr_preflight *out)
{
	out->n = 0;
	start_needs(pol, name, elf, out);
	script_execs(pol, name, elf, out);
}
