/* policy.c - the merged settings of a run and the pool that owns their
 * origin strings. */
#include "config.h"

#include <string.h>

#include "policy.h"
#include "util.h"

struct jr_policy *jr_policy_new(void)
{
	struct jr_policy *pol = xcalloc(1, sizeof(*pol));

	pol->digest = 0xcbf29ce484222325ULL; /* FNV-1a's offset basis */
	jr_sha256_init(&pol->applied);
	pol->action = JR_ACT_ERRNO;
	pol->action_errno = 1; /* EPERM */
	pol->namespaces = JR_NS_DEFAULT;
	pol->report = -1;
	pol->x11 = pol->wayland = pol->sound = -1;
	pol->dbus_user = pol->dbus_system = JR_DBUS_UNSET;
	return pol;
}

void jr_policy_free(struct jr_policy *pol)
{
	if (!pol)
		return;
	jr_pool_free(&pol->pool);
	free(pol);
}

const char *jr_policy_intern(struct jr_policy *pol, const char *s)
{
	return jr_pool_intern(&pol->pool, s);
}

void jr_policy_note_absent(struct jr_policy *pol, const char *name)
{
	for (size_t i = 0; i < pol->nabsent; i++)
		if (strcmp(pol->absent[i], name) == 0)
			return;
	if (pol->nabsent == JR_ABSENT_MAX) {
		pol->absent_more++;
		return;
	}
	pol->absent[pol->nabsent++] = jr_policy_intern(pol, name);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

uint64_t jr_policy_digest(const struct jr_policy *pol)
{
	return pol->digest;
}

/* KEY, then VALUE, each with its terminating NUL, so that "a=bc" and
 * "ab=c" differ */
void jr_policy_digest_add(struct jr_policy *pol, const char *key,
			  const char *value)
{
	pol->digest = fnv(pol->digest, key, strlen(key) + 1);
	pol->digest = fnv(pol->digest, value, strlen(value) + 1);
}

void jr_policy_applied_add(struct jr_policy *pol, const char *key,
			   const char *value)
{
	jr_sha256_update(&pol->applied, key, strlen(key) + 1);
	jr_sha256_update(&pol->applied, value, strlen(value) + 1);
}

void jr_policy_applied(const struct jr_policy *pol,
		       unsigned char out[JR_SHA256_LEN])
{
	struct jr_sha256 c = pol->applied;

	jr_sha256_final(&c, out);
}

bool jr_policy_allows(const struct jr_policy *pol, int nr)
{
	if (pol->drop.origin[nr])
		return false;
	return !pol->keep_mode || pol->keep.origin[nr];
}

/* The length of ORIGIN's file part: "FILE:LINE" without ":LINE". */
static size_t origin_file_len(const char *origin)
{
	const char *colon = strrchr(origin, ':');

	if (colon && colon[1] >= '0' && colon[1] <= '9')
		return (size_t)(colon - origin);
	return strlen(origin);
}

int jr_policy_conflict(const struct jr_policy *pol, int from)
{
	if (!pol->keep_mode || from < 0)
		return -1;
	for (int nr = from; nr < JR_NR_MAX; nr++) {
		const char *k = pol->keep.origin[nr], *d = pol->drop.origin[nr];
		size_t kn, dn;

		if (!k || !d || strncmp(d, "--", 2) == 0)
			continue;
		kn = origin_file_len(k);
		dn = origin_file_len(d);
		if (kn != dn || strncmp(k, d, kn) != 0)
			return nr;
	}
	return -1;
}

bool jr_policy_wants_filter(const struct jr_policy *pol)
{
	if (pol->keep_mode || pol->protocol_set || pol->restrict_ns ||
	    pol->mdwe || pol->seccomp)
		return true;
	for (int nr = 0; nr < JR_NR_MAX; nr++)
		if (pol->drop.origin[nr])
			return true;
	return false;
}
