/* values.c - the grammars of the values of the process keys: variable
 * names and assignments (env.*), resource limits (rlimit.*), durations
 * (timeout), and the names of the rlimit keys.  Pure: each parser
 * returns 0, or -1 with a message in a struct jr_err. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

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

static const char *const rlimit_keys[JR_RLIM_N] = {
	[JR_RLIM_AS] = "rlimit.as",	      [JR_RLIM_CPU] = "rlimit.cpu",
	[JR_RLIM_FSIZE] = "rlimit.fsize",     [JR_RLIM_NOFILE] = "rlimit.nofile",
	[JR_RLIM_NPROC] = "rlimit.nproc",
};

const char *jr_rlimit_key(int i)
{
	return rlimit_keys[i];
}
