/* process.c - the target's environment, working directory, limits and
 * session. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "process.h"
#include "values.h"

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
		*what = say(pol->rlimit[i].origin, jr_rlimit_key(i), value, why);
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
