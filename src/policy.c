/* policy.c - the merged settings of a run and the pool that owns their
 * origin strings. */
#include "config.h"

#include <string.h>

#include "policy.h"
#include "util.h"

struct jr_policy *jr_policy_new(void)
{
	struct jr_policy *pol = xcalloc(1, sizeof(*pol));

	pol->action = JR_ACT_ERRNO;
	pol->action_errno = 1; /* EPERM */
	pol->namespaces = JR_NS_DEFAULT;
	pol->verbosity = 1;
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

#define MIX(h, field) ((h) = fnv((h), &(field), sizeof(field)))

uint64_t jr_policy_digest(const struct jr_policy *pol)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		unsigned char in = (pol->keep.origin[nr] ? 1 : 0) |
				   (pol->drop.origin[nr] ? 2 : 0);

		MIX(h, in);
	}
	MIX(h, pol->seccomp);
	MIX(h, pol->keep_mode);
	MIX(h, pol->action);
	MIX(h, pol->action_errno);
	MIX(h, pol->protocol_set);
	MIX(h, pol->protocols);
	MIX(h, pol->caps_drop_all);
	MIX(h, pol->caps_drop);
	MIX(h, pol->caps_keep_set);
	MIX(h, pol->caps_keep);
	MIX(h, pol->restrict_ns);
	MIX(h, pol->mdwe);
	MIX(h, pol->static_refuse);
	MIX(h, pol->namespaces);
	MIX(h, pol->net_none);
	MIX(h, pol->new_session);
	for (int i = 0; i < JR_RLIM_N; i++) {
		MIX(h, pol->rlimit[i].set);
		MIX(h, pol->rlimit[i].value);
	}
	for (size_t i = 0; i < pol->npaths; i++) {
		MIX(h, pol->paths[i].key);
		h = fnv(h, pol->paths[i].path, strlen(pol->paths[i].path));
	}
	MIX(h, pol->ll_bind_set);
	MIX(h, pol->ll_connect_set);
	MIX(h, pol->ll_bind);
	MIX(h, pol->ll_connect);
	MIX(h, pol->ll_scope);
	MIX(h, pol->ll_require);
	MIX(h, pol->private_tmp);
	MIX(h, pol->private_dev);
	MIX(h, pol->x11);
	MIX(h, pol->wayland);
	MIX(h, pol->sound);
	MIX(h, pol->dbus_user);
	MIX(h, pol->dbus_system);
	return h;
}

bool jr_policy_allows(const struct jr_policy *pol, int nr)
{
	if (pol->drop.origin[nr])
		return false;
	return !pol->keep_mode || pol->keep.origin[nr];
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
