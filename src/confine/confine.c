/* confine.c - the confinement plan: from the policy's path keys, private
 * mounts and desktop keys to a list of mounts, Landlock rules and
 * environment changes.  Pure: reads the environment and user-dirs.dirs
 * to expand paths, and resolves symlinks to refuse a rule that could not
 * work as shown; touches nothing. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confine.h"
#include "netrules.h"
#include "desktop.h"
#include "elfinfo.h"
#include "options.h"
#include "plan.h"

/* ---- the plan ------------------------------------------------------------ */

/* mkdir only where the user's own files live: the home directory, the
 * XDG base directories (which may be elsewhere), the runtime directory
 * and /tmp. */
static bool users_place(const char *p)
{
	static const char *const vars[] = { "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
					    "XDG_DATA_HOME", "XDG_STATE_HOME",
					    "XDG_RUNTIME_DIR" };
	const char *home = jr_home_dir();

	if ((home && jr_path_beneath(p, home) && strcmp(p, home) != 0) ||
	    (jr_path_beneath(p, "/tmp") && strcmp(p, "/tmp") != 0))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && v[0] == '/' && strcmp(v, "/") != 0 && jr_path_beneath(p, v))
			return true;
	}
	return false;
}

static int plan_mkdir(struct jr_confine *plan, const char *p,
		      const char *origin, struct jr_err *err)
{
	if (!users_place(p))
		return jr_fail(err, origin,
			       "mkdir: '%s' is not beneath the home directory, "
			       "an XDG base directory or /tmp",
			       p);
	return jr_confine_mount_add(plan, JR_PH_MKDIR, JR_MNT_MKDIR, NULL, p,
				    false, origin, err);
}

/* P with its symlinks resolved, as the init will find it (the plan is
 * made before anything is mounted, and the mounts resolve their targets
 * the same way); P itself when it does not exist. */
static char *resolved(const char *p)
{
	char *r = realpath(p, NULL);

	return r ? r : xstrdup(p);
}

/* A mount over / stacks above the root every process already holds: it
 * would be reported and change nothing.  What P resolves to, or NULL
 * with an error saying so. */
static char *not_root(const char *what, const char *p, const char *origin,
		      struct jr_err *err)
{
	char *real = resolved(p);

	if (strcmp(real, "/") != 0)
		return real;
	free(real);
	if (strcmp(p, "/") == 0)
		jr_fail(err, origin,
			"%s: '/' is the whole file system: a mount over it "
			"would change nothing",
			what);
	else
		jr_fail(err, origin,
			"%s: '%s' resolves to /, the whole file system: a "
			"mount over it would change nothing",
			what, p);
	return NULL;
}

/* blacklist: not / */
static int plan_hide(struct jr_confine *plan, const char *p,
		     const char *origin, struct jr_err *err)
{
	cleanup_free char *real = not_root("blacklist", p, origin, err);

	if (!real)
		return -1;
	return jr_confine_mount_add(plan, JR_PH_HIDE, JR_MNT_HIDE, NULL, p,
				    true, origin, err);
}

const struct jr_mount *jr_confine_hiding(const struct jr_confine *plan,
					 const char *path)
{
	cleanup_free char *real = resolved(path);

	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *h = &plan->mounts[i];
		cleanup_free char *hr = NULL;

		if (h->op != JR_MNT_HIDE)
			continue;
		hr = resolved(h->dst);
		if (jr_path_beneath(real, hr))
			return h;
	}
	return NULL;
}

/* A whitelisted path that a blacklist hides again (hiding comes after
 * the binds) would be reported bound and be gone. */
static int check_hidden_grants(const struct jr_confine *plan,
			       const char *target, struct jr_err *err)
{
	const struct jr_mount *h;
	cleanup_free char *exe = target ? resolved(target) : NULL;

	/* the run could only fail, as "not found" */
	if (exe && (h = jr_confine_hiding(plan, exe)))
		return jr_fail(err, h->origin,
			       "blacklist: '%s' hides the target %s", h->dst,
			       exe);
	for (size_t j = 0; j < plan->nmounts; j++) {
		const struct jr_mount *b = &plan->mounts[j];

		if (b->phase == JR_PH_HOME && b->op == JR_MNT_BIND &&
		    (h = jr_confine_hiding(plan, b->dst)))
			return jr_fail(err, h->origin,
				       "blacklist: '%s' hides '%s', "
				       "whitelisted by %s (take one back "
				       "with !PATH)",
				       h->dst, b->dst, b->origin);
	}
	return 0;
}

static int plan_whitelist(struct jr_confine *plan, const char *p,
			  const char *origin, struct jr_err *err)
{
	const char *home = jr_home_dir();

	if (home && !jr_confine_home_tmpfs(plan)) {
		cleanup_free char *real = resolved(home);

		if (strcmp(real, "/") == 0)
			return jr_fail(err, origin,
				       "whitelist: the home directory (%s) is "
				       "/: a tmpfs over it would change nothing",
				       home);
	}
	if (!home || !jr_path_beneath(p, home) || strcmp(p, home) == 0)
		return jr_fail(err, origin,
			       "whitelist: '%s' is not beneath the home "
			       "directory (%s)",
			       p, home ? home : "unknown");
	if (!jr_confine_home_tmpfs(plan) &&
	    jr_confine_tmpfs_add(plan, JR_PH_HOME, home, 0700, origin, err) < 0)
		return -1;
	return jr_confine_mount_add(plan, JR_PH_HOME, JR_MNT_BIND, p, p, true,
				    origin, err);
}

static const unsigned ll_access[JR_PK_N] = {
	[JR_PK_LL_READ] = JR_LL_READ,
	[JR_PK_LL_WRITE] = JR_LL_WRITE | JR_LL_READ,
	[JR_PK_LL_EXEC] = JR_LL_EXEC | JR_LL_READ,
};

/* Rules that only grant (Landlock access, a whitelisted path, a
 * directory made): without them the sandbox is only stricter. */
static bool grants(enum jr_pathkey k)
{
	return k == JR_PK_LL_READ || k == JR_PK_LL_WRITE ||
	       k == JR_PK_LL_EXEC || k == JR_PK_WHITELIST || k == JR_PK_MKDIR;
}

static int plan_path(struct jr_confine *plan, const struct jr_pathrule *r,
		     struct jr_err *err)
{
	cleanup_free char *p = NULL;

	/* a grant beneath an unset ${XDG_RUNTIME_DIR} names nothing: left
	 * out (only access is lost); a hiding or read-only rule there stays
	 * an error */
	if (r->key == JR_PK_LL_READ || r->key == JR_PK_LL_WRITE ||
	    r->key == JR_PK_LL_EXEC)
		plan->ll_fs = true; /* even when the rule is left out */
	if (grants(r->key) && jr_path_unset_var(r->path))
		return 0;
	p = jr_path_expand(r->path, r->origin, err);
	if (!p)
		return -1;
	switch (r->key) {
	case JR_PK_LL_READ:
	case JR_PK_LL_WRITE:
	case JR_PK_LL_EXEC:
		return jr_confine_ll_add(plan, p, ll_access[r->key], true,
					 r->origin, err);
	case JR_PK_READ_ONLY:
		return jr_confine_mount_add(plan, JR_PH_RO, JR_MNT_RO, NULL, p,
					    true, r->origin, err);
	case JR_PK_BLACKLIST:
		return plan_hide(plan, p, r->origin, err);
	case JR_PK_WHITELIST:
		return plan_whitelist(plan, p, r->origin, err);
	case JR_PK_MKDIR:
		return plan_mkdir(plan, p, r->origin, err);
	case JR_PK_N:
		break;
	}
	return jr_fail(err, r->origin, "unknown path rule");
}

bool jr_confine_has_mounts(const struct jr_confine *plan)
{
	for (size_t i = 0; plan && i < plan->nmounts; i++)
		if (plan->mounts[i].op != JR_MNT_MKDIR)
			return true;
	return false;
}

/* Mounts run phase by phase; within a phase in the order given. */
static void sort_mounts(struct jr_confine *plan)
{
	for (size_t i = 1; i < plan->nmounts; i++) {
		struct jr_mount m = plan->mounts[i];
		size_t j = i;

		while (j > 0 && plan->mounts[j - 1].phase > m.phase) {
			plan->mounts[j] = plan->mounts[j - 1];
			j--;
		}
		plan->mounts[j] = m;
	}
}

static void plan_abi_warn(const struct jr_policy *pol,
			  struct jr_confine *plan, int abi, bool net)
{
	if (abi < 1 && (plan->ll_fs || net || pol->ll_scope)) {
		jr_confine_warn(plan,
				"this kernel has no Landlock (not built in, or "
				"not in the lsm= list): the landlock.* rules "
				"are NOT enforced");
		return;
	}
	if (plan->ll_fs && abi < 3)
		jr_confine_warn(plan,
				"Landlock ABI %d cannot restrict truncate(2): "
				"files outside landlock.write can be truncated",
				abi);
	if (plan->ll_fs && abi < 5)
		jr_confine_warn(plan,
				"Landlock ABI %d cannot restrict ioctl on "
				"devices opened in the sandbox",
				abi);
	if (net && abi < 4)
		jr_confine_warn(plan,
				"Landlock ABI %d has no TCP rules: "
				"landlock.net.bind/connect are NOT enforced",
				abi);
	if (pol->ll_scope && abi < 6)
		jr_confine_warn(plan,
				"Landlock ABI %d has no scopes: landlock.scope "
				"is NOT enforced",
				abi);
}

/* What this kernel's Landlock cannot do that the policy asks for. */
static void plan_abi(const struct jr_policy *pol, struct jr_confine *plan)
{
	size_t before = plan->nwarnings;

	plan_abi_warn(pol, plan, plan->ll_abi,
		      pol->ll_bind_set || pol->ll_connect_set);
	plan->ll_unenforced = plan->nwarnings > before;
}

/* What the kernel opens with the exec right to run PATH, like PATH
 * itself: each `#!` interpreter and the ELF interpreter (ld.so).  Without
 * them a target in landlock.exec fails as "cannot execute: Permission
 * denied", naming the target.  Optional rules: a missing one is the
 * exec's own error. */
static int plan_interps(struct jr_confine *plan, const char *path,
			struct jr_err *err)
{
	cleanup_free struct jr_elf_info *elf = xcalloc(1, sizeof(*elf));

	if (jr_elf_classify(path, elf) < 0)
		return 0; /* unreadable: execve will say so */
	for (int i = 0; i < elf->scripts; i++)
		if (jr_confine_ll_add(plan, elf->chain[i],
				      JR_LL_EXEC | JR_LL_READ, true,
				      "the target's interpreter", err) < 0)
			return -1;
	if (elf->interp[0] &&
	    jr_confine_ll_add(plan, elf->interp, JR_LL_EXEC | JR_LL_READ, true,
			      "the target's ELF interpreter", err) < 0)
		return -1;
	return 0;
}

int jr_confine_plan(const struct jr_policy *pol, const char *path, int abi,
		    struct jr_confine *plan, struct jr_err *err)
{
	plan->ll_abi = abi;
	for (size_t i = 0; i < pol->npaths; i++)
		if (plan_path(plan, &pol->paths[i], err) < 0)
			return -1;
	if (check_hidden_grants(plan, path, err) < 0)
		return -1;
	if (pol->private_tmp) {
		cleanup_free char *real = not_root("private-tmp", "/tmp",
						   "private-tmp", err);

		if (!real || jr_confine_tmpfs_add(plan, JR_PH_TMP, "/tmp", 01777,
				       "private-tmp", err) < 0)
			return -1;
	}
	if (pol->private_dev &&
	    jr_confine_mount_add(plan, JR_PH_DEV, JR_MNT_DEV, NULL, "/dev",
				 false, "private-dev", err) < 0)
		return -1;
	if (jr_desktop_plan(pol, plan, err) < 0)
		return -1;
	if (pol->ndns) {
		cleanup_free char *text = jr_resolv_conf(pol);

		if (jr_confine_file_add(plan, "/etc/resolv.conf", text,
					pol->dns_origin, err) < 0)
			return -1;
	}
	/* mkdir alone needs no namespace: it runs before any mount */
	for (size_t i = 0; i < plan->nmounts; i++) {
		if (plan->mounts[i].op != JR_MNT_MKDIR &&
		    !(pol->namespaces & JR_NS_MOUNT))
			return jr_fail(err, plan->mounts[i].origin,
				       "this needs the mount namespace "
				       "(namespaces = mount)");
	}
	/* the target itself can always be run */
	if (plan->ll_fs && path &&
	    (jr_confine_ll_add(plan, path, JR_LL_EXEC | JR_LL_READ, false,
			       "the target", err) < 0 ||
	     plan_interps(plan, path, err) < 0))
		return -1;
	plan_abi(pol, plan);
	sort_mounts(plan);
	return 0;
}
