/* caps.c - capability dropping.  "Better to fail than to drop fewer
 * capabilities than asked" (util-linux setpriv).
 *
 * Direct system calls, no library: capget once, PR_CAPBSET_DROP cap by
 * cap until the kernel says EINVAL (past its last one; dropping a cap
 * not in the set is no error), one capset for the effective, permitted
 * and inheritable sets, and for caps.keep the ambient set cleared and the
 * kept ones raised.  (libcap-ng read /proc/self/status twice and made
 * two prctl calls per capability on every launch: issue 21.) */
#include "config.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "caps.h"

/* net.allow, net.deny, netfilter: the rules the init loaded must hold
 * against the target, so CAP_NET_ADMIN goes whatever else is kept (a
 * root target keeps the rest by default). */
static bool locks_net(const struct jr_policy *pol)
{
	return pol->net_user && (pol->nnet_rules || pol->netfilter);
}

static bool wants_caps(const struct jr_policy *pol)
{
	return pol->caps_drop_all || pol->caps_keep_set || pol->caps_drop ||
	       locks_net(pol);
}

bool jr_caps_keeps(const struct jr_policy *pol, int cap)
{
	uint64_t bit = 1ULL << cap;

	if ((pol->caps_drop & bit) || (cap == CAP_NET_ADMIN && locks_net(pol)))
		return false;
	if (pol->caps_drop_all || pol->caps_keep_set)
		return pol->caps_keep & bit;
	return true;
}

/* The kept capabilities as a mask. */
static uint64_t kept_mask(const struct jr_policy *pol)
{
	uint64_t m = 0;

	for (int cap = 0; cap < 64; cap++)
		if (jr_caps_keeps(pol, cap))
			m |= 1ULL << cap;
	return m;
}

/* 0, or -1 with errno; stops at the first cap the kernel does not have. */
static int drop_bounding(uint64_t keep)
{
	for (int cap = 0; cap < 64; cap++) {
		if (keep & (1ULL << cap)) {
			if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) < 0)
				return errno == EINVAL ? 0 : -1;
			continue;
		}
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
			return errno == EINVAL ? 0 : -1;
	}
	return 0;
}

struct capsets {
	uint64_t eff, perm, inh;
};

static int get_caps(struct capsets *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return -1;
	c->eff = d[0].effective | (uint64_t)d[1].effective << 32;
	c->perm = d[0].permitted | (uint64_t)d[1].permitted << 32;
	c->inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
	return 0;
}

static int set_caps(const struct capsets *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = {
		{ (uint32_t)c->eff, (uint32_t)c->perm, (uint32_t)c->inh },
		{ (uint32_t)(c->eff >> 32), (uint32_t)(c->perm >> 32),
		  (uint32_t)(c->inh >> 32) },
	};

	return (int)syscall(SYS_capset, &h, d);
}

int jr_caps_apply(const struct jr_policy *pol, const char **what)
{
	uint64_t keep = kept_mask(pol);
	struct capsets c;
	int r = 0;

	if (!wants_caps(pol))
		return 0;
	if (get_caps(&c) < 0) {
		*what = "reading the process's capabilities";
		return -1;
	}
	/* Without CAP_SETPCAP (an unprivileged run where user namespaces
	 * are refused) the bounding set cannot shrink; no_new_privs then
	 * keeps execve from gaining anything, and the caller is told. */
	if (c.eff & (1ULL << CAP_SETPCAP)) {
		if (drop_bounding(keep) < 0) {
			*what = "dropping from the bounding set";
			return -1;
		}
	} else {
		*what = "bounding set kept (no CAP_SETPCAP)";
		r = 1;
	}
	if (pol->caps_drop_all || pol->caps_keep_set) {
		/* caps.drop = all / caps.keep: nothing but the kept ones,
		 * raised into every set, ambient included, so they survive
		 * execve. */
		if (keep & ~c.perm) {
			*what = "caps.keep names a capability this process "
				"does not have";
			errno = EPERM;
			return -1;
		}
		c.eff = c.perm = c.inh = keep;
	} else {
		c.eff &= keep;
		c.perm &= keep;
		c.inh &= keep;
	}
	/* lowering permitted or inheritable lowers ambient with them */
	if (set_caps(&c) < 0) {
		*what = "applying capabilities";
		return -1;
	}
	if (pol->caps_drop_all || pol->caps_keep_set) {
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0) {
			*what = "clearing the ambient set";
			return -1;
		}
		for (int cap = 0; cap < 64; cap++)
			if ((keep & (1ULL << cap)) &&
			    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0,
				  0) < 0) {
				*what = "keeping a capability";
				return -1;
			}
	}
	return r;
}
