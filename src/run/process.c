/* process.c - the target's environment, working directory, limits and
 * session. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "process.h"

/* The variables env.clear keeps: what a program needs to find itself and
 * speak the user's language.  Desktop variables come with the desktop
 * keys, not here. */
static const char *const kept[] = { "HOME", "LANG", "PATH", "TERM" };

static const int resources[JR_RLIM_N] = {
	[JR_RLIM_AS] = RLIMIT_AS,	  [JR_RLIM_CPU] = RLIMIT_CPU,
	[JR_RLIM_FSIZE] = RLIMIT_FSIZE,	  [JR_RLIM_NOFILE] = RLIMIT_NOFILE,
	[JR_RLIM_NPROC] = RLIMIT_NPROC,
};

int jr_rlimit_resource(int i)
{
	return resources[i];
}

int jr_env_name_check(const char *name, const char *where,
		      struct jr_err *err)
{
	size_t n = strlen(name);

	if (!n || n > 255 || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
		return jr_fail(err, where, "'%.64s' is not a variable name",
			       name);
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return jr_fail(err, where,
				       "'%.64s' is not a variable name", name);
	return 0;
}

int jr_env_check(const char *assignment, const char *where,
		 struct jr_err *err)
{
	const char *eq = strchr(assignment, '=');
	char name[256];

	if (!eq)
		return jr_fail(err, where, "env.set: expected NAME=VALUE, not "
			       "'%.64s'", assignment);
	if (strlen(assignment) > JR_ENV_LEN_MAX)
		return jr_fail(err, where, "env.set: longer than %d characters",
			       JR_ENV_LEN_MAX);
	if ((size_t)(eq - assignment) >= sizeof(name))
		return jr_fail(err, where, "env.set: variable name too long");
	memcpy(name, assignment, (size_t)(eq - assignment));
	name[eq - assignment] = '\0';
	return jr_env_name_check(name, where, err);
}

int jr_rlimit_parse(const char *value, bool bytes, rlim_t *out,
		    const char *where, struct jr_err *err)
{
	unsigned long long n, mult = 1;
	char *end;

	if (strcmp(value, "unlimited") == 0 || strcmp(value, "infinity") == 0) {
		*out = RLIM_INFINITY;
		return 0;
	}
	errno = 0;
	n = strtoull(value, &end, 10);
	if (bytes && *end && !end[1]) {
		switch (toupper((unsigned char)*end)) {
		case 'K': mult = 1ULL << 10; end++; break;
		case 'M': mult = 1ULL << 20; end++; break;
		case 'G': mult = 1ULL << 30; end++; break;
		}
	}
	if (errno || end == value || *end || !isdigit((unsigned char)*value) ||
	    n > (RLIM_INFINITY - 1) / mult)
		return jr_fail(err, where,
			       "expected a number%s or 'unlimited', not '%.64s'",
			       bytes ? " (with K, M or G)" : "", value);
	*out = (rlim_t)(n * mult);
	return 0;
}

int jr_duration_parse(const char *value, unsigned *seconds,
		      const char *where, struct jr_err *err)
{
	unsigned long n, mult = 1;
	char *end;

	errno = 0;
	n = strtoul(value, &end, 10);
	if (*end && !end[1]) {
		switch (*end) {
		case 's': end++; break;
		case 'm': mult = 60; end++; break;
		case 'h': mult = 3600; end++; break;
		}
	}
	if (errno || end == value || *end || !isdigit((unsigned char)*value) ||
	    n == 0 || n > 30UL * 24 * 3600 / mult)
		return jr_fail(err, where,
			       "expected a duration from 1s to 30 days "
			       "(SECONDS, or with s, m, h), not '%.64s'",
			       value);
	*seconds = (unsigned)(n * mult);
	return 0;
}

static bool is_cleared(const char *entry)
{
	size_t n = strcspn(entry, "=");

	if (strncmp(entry, "LC_", 3) == 0)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(kept); i++)
		if (strlen(kept[i]) == n && strncmp(entry, kept[i], n) == 0)
			return false;
	return true;
}

int jr_env_drop(bool (*drop)(const char *entry))
{
	for (size_t i = 0; environ[i];) {
		cleanup_free char *name = NULL;

		if (!drop(environ[i])) {
			i++;
			continue;
		}
		name = strndup(environ[i], strcspn(environ[i], "="));
		if (!name || unsetenv(name) < 0)
			return -errno;
	}
	return 0;
}

int jr_env_change(const char *const *unset, size_t nunset,
		  const char *const *set, size_t nset)
{
	for (size_t i = 0; i < nunset; i++)
		if (unsetenv(unset[i]) < 0)
			return -errno;
	for (size_t i = 0; i < nset; i++)
		if (putenv((char *)set[i]) != 0)
			return -errno;
	return 0;
}

static int apply_env(const struct jr_policy *pol)
{
	int r;

	if (pol->env_clear && (r = jr_env_drop(is_cleared)) < 0)
		return r;
	return jr_env_change(pol->env_unset, pol->nenv_unset, pol->env_set,
			     pol->nenv_set);
}

static const char *const rlimit_keys[JR_RLIM_N] = {
	[JR_RLIM_AS] = "rlimit.as",	      [JR_RLIM_CPU] = "rlimit.cpu",
	[JR_RLIM_FSIZE] = "rlimit.fsize",     [JR_RLIM_NOFILE] = "rlimit.nofile",
	[JR_RLIM_NPROC] = "rlimit.nproc",
};

const char *jr_rlimit_key(int i)
{
	return rlimit_keys[i];
}

/* The step that failed, for the launcher's message: a setting names its
 * origin, key and value ("p.profile:3: chdir = /nowhere", or
 * "--chdir=/nowhere"), then WHY when given; the launcher adds the errno.
 * One static buffer: the launcher is single-threaded and dies on the
 * first failure. */
static char what_buf[512];

static const char *say(const char *origin, const char *key,
		       const char *value, const char *why)
{
	char raw[sizeof(what_buf)];

	if (origin && strncmp(origin, "--", 2) == 0)
		snprintf(raw, sizeof(raw), "--%s=%s%s", key, value, why);
	else
		snprintf(raw, sizeof(raw), "%s%s%s = %s%s", origin ? origin : "",
			 origin ? ": " : "", key, value, why);
	return jr_escape(raw, what_buf, sizeof(what_buf));
}

static int apply_rlimits(const struct jr_policy *pol, const char **what)
{
	for (int i = 0; i < JR_RLIM_N; i++) {
		struct rlimit rl, hard;
		char value[32], why[128] = "";
		int e;

		if (!pol->rlimit[i].set)
			continue;
		rl.rlim_cur = rl.rlim_max = (rlim_t)pol->rlimit[i].value;
		if (setrlimit(resources[i], &rl) == 0)
			continue;
		e = errno;
		if (rl.rlim_max == RLIM_INFINITY)
			snprintf(value, sizeof(value), "unlimited");
		else
			snprintf(value, sizeof(value), "%llu",
				 (unsigned long long)rl.rlim_max);
		if (e == EPERM && getrlimit(resources[i], &hard) == 0 &&
		    hard.rlim_max != RLIM_INFINITY && rl.rlim_max > hard.rlim_max)
			snprintf(why, sizeof(why),
				 " is above the hard limit %llu, which only "
				 "privilege outside the sandbox can raise",
				 (unsigned long long)hard.rlim_max);
		*what = say(pol->rlimit[i].origin, rlimit_keys[i], value, why);
		return -e;
	}
	return 0;
}

int jr_process_apply(const struct jr_policy *pol, const char **what)
{
	int r;

	*what = "environment (env.clear, env.unset, env.set)";
	if ((r = apply_env(pol)) < 0)
		return r;
	if (pol->chdir && chdir(pol->chdir) < 0) {
		r = -errno;
		*what = say(pol->chdir_origin, "chdir", pol->chdir, "");
		return r;
	}
	if ((r = apply_rlimits(pol, what)) < 0)
		return r;
	*what = "new session (new-session = yes)";
	if (pol->new_session && setsid() < 0)
		return -errno;
	return 0;
}
