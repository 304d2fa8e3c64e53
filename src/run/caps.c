/* caps.c - capability dropping.  "Better to fail than to drop fewer
 * capabilities than asked" (util-linux setpriv).
 *
 * The bounding set is shrunk here with PR_CAPBSET_DROP, cap by cap up to
 * the kernel's last one: libcap-ng 0.8.3's capng_apply(CAPNG_SELECT_ALL)
 * was measured to leave it untouched after capng_clear() (it consults the
 * new, cleared state for CAP_SETPCAP).  libcap-ng then sets the
 * effective, permitted, inheritable and ambient sets. */
#include "config.h"

#include <cap-ng.h>
#include <errno.h>
#include <stdbool.h>
#include <sys/prctl.h>

#include "caps.h"

#define ALL_SETS (CAPNG_EFFECTIVE | CAPNG_PERMITTED | CAPNG_INHERITABLE)

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

/* 0, or -1 with errno; stops at the first cap the kernel does not have. */
static int drop_bounding(const struct jr_policy *pol)
{
	for (int cap = 0; cap < 64; cap++) {
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) < 0)
			return errno == EINVAL ? 0 : -1;
		if (!jr_caps_keeps(pol, cap) &&
		    prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
			return -1;
	}
	return 0;
}

/* caps.drop = all / caps.keep: start from nothing, raise the kept ones
 * into every set, ambient included, so they survive execve. */
static int keep_only(const struct jr_policy *pol, const char **what)
{
	bool permitted[CAP_LAST_CAP + 1];

	for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
		permitted[cap] =
			capng_have_capability(CAPNG_PERMITTED, (unsigned)cap);
	capng_clear(CAPNG_SELECT_CAPS | CAPNG_SELECT_AMBIENT);
	for (int cap = 0; cap <= CAP_LAST_CAP; cap++) {
		if (!jr_caps_keeps(pol, cap))
			continue;
		if (!permitted[cap]) {
			*what = "caps.keep names a capability this process "
				"does not have";
			errno = EPERM;
			return -1;
		}
		if (capng_update(CAPNG_ADD, ALL_SETS | CAPNG_AMBIENT,
				 (unsigned)cap)) {
			*what = "keeping a capability";
			return -1;
		}
	}
	return 0;
}

int jr_caps_apply(const struct jr_policy *pol, const char **what)
{
	int r = 0;

	if (!wants_caps(pol))
		return 0;
	if (capng_get_caps_process() < 0) {
		*what = "reading the process's capabilities";
		return -1;
	}
	/* Without CAP_SETPCAP (an unprivileged run where user namespaces
	 * are refused) the bounding set cannot shrink; no_new_privs then
	 * keeps execve from gaining anything, and the caller is told. */
	if (capng_have_capability(CAPNG_EFFECTIVE, CAP_SETPCAP)) {
		if (drop_bounding(pol) < 0) {
			*what = "dropping from the bounding set";
			return -1;
		}
	} else {
		*what = "bounding set kept (no CAP_SETPCAP)";
		r = 1;
	}
	if (pol->caps_drop_all || pol->caps_keep_set) {
		if (keep_only(pol, what) < 0)
			return -1;
	} else {
		for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
			if (!jr_caps_keeps(pol, cap))
				capng_update(CAPNG_DROP, ALL_SETS | CAPNG_AMBIENT,
					     (unsigned)cap);
	}
	if (capng_apply(CAPNG_SELECT_CAPS | CAPNG_SELECT_AMBIENT) < 0) {
		*what = "applying capabilities";
		return -1;
	}
	return r;
}
