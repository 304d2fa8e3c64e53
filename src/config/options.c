/* options.c - the key table and the parser of each key's value. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "capnames.h"
#include "groups.h"
#include "list.h"
#include "options.h"
#include "values.h"
#include "netrules.h"
#include "syscalls.h"

const struct jr_family jr_families[] = {
	{ "bluetooth", AF_BLUETOOTH }, { "inet", AF_INET },
	{ "inet6", AF_INET6 },         { "netlink", AF_NETLINK },
	{ "packet", AF_PACKET },       { "unix", AF_UNIX },
};
const size_t jr_nfamilies = ARRAY_SIZE(jr_families);

static int parse_bool(const char *value, bool *out, const char *where,
		      struct jr_err *err)
{
	static const char *const yes[] = { "yes", "true", "1", "on" };
	static const char *const no[] = { "no", "false", "0", "off" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (strcasecmp(value, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(value, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return jr_fail(err, where, "expected yes or no, not '%s'", value);
}

#define BOOL_SETTER(fn, field)                                                 \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_policy *pol = s->pol;                                \
		return parse_bool(value, &pol->field, where, err);             \
	}

/* ---- syscall lists ---------------------------------------------------- */

struct sc_ctx {
	struct jr_policy *pol;
	struct jr_scset *set;
	bool from_default; /* adding @default-deny for `seccomp = yes` */
	bool negate;       /* the group being expanded was !@group */
};

static void sc_put(struct sc_ctx *c, int nr, bool negate, const char *where)
{
	if (negate) {
		c->set->origin[nr] = NULL;
		if (c->set == &c->pol->drop)
			c->pol->drop_is_default[nr] = false;
		return;
	}
	/* `seccomp = yes` must not claim an explicit drop: `seccomp = no`
	 * would take it back. */
	if (c->from_default && c->set->origin[nr])
		return;
	c->set->origin[nr] = where;
	if (c->set == &c->pol->drop)
		c->pol->drop_is_default[nr] = c->from_default;
}

/* A member of a group: a name no architecture knows is newer than this
 * libseccomp (test-groups holds the table to the names it knows); the
 * default action covers it. */
static int sc_member(void *ctx, const char *name, const char *where,
		     struct jr_err *err)
{
	struct sc_ctx *c = ctx;
	int nr;

	if (jr_syscall_resolve(name, &nr) == JR_SC_NATIVE)
		sc_put(c, nr, c->negate, where);
	else
		jr_policy_note_absent(c->pol, name);
	return 0;
}

static int sc_group(struct sc_ctx *c, const char *item, bool negate,
		    const char *where, struct jr_err *err)
{
	c->negate = negate;
	return jr_group_expand(item, sc_member, c, where, err);
}

static int sc_number(struct sc_ctx *c, const char *item, bool negate,
		     const char *where, struct jr_err *err)
{
	char *end;
	long nr;

	errno = 0;
	nr = strtol(item, &end, 10);
	if (*end)
		return jr_fail(err, where,
			       "syscall number '%s' is not a decimal number",
			       item);
	if (errno || nr < 0 || nr >= JR_NR_MAX)
		return jr_fail(err, where,
			       "syscall number '%s' out of range (0-%d)", item,
			       JR_NR_MAX - 1);
	sc_put(c, (int)nr, negate, where);
	return 0;
}

static int sc_item(void *ctx, const char *item, bool negate,
		   const char *where, struct jr_err *err)
{
	struct sc_ctx *c = ctx;
	char buf[64];
	int nr;

	if (item[0] == '@')
		return sc_group(c, item, negate, where, err);
	if (isdigit((unsigned char)item[0]))
		return sc_number(c, item, negate, where, err);
	switch (jr_syscall_resolve(item, &nr)) {
	case JR_SC_NATIVE:
		sc_put(c, nr, negate, where);
		return 0;
	case JR_SC_ABSENT:
		/* Exists elsewhere: the point of writing profiles once. */
		jr_policy_note_absent(c->pol, item);
		return 0;
	case JR_SC_UNKNOWN:
		break;
	}
	if (jr_syscall_suggest(item, buf, sizeof(buf)))
		return jr_fail(err, where,
			       "unknown syscall '%s' (did you mean '%s'?)", item,
			       buf);
	return jr_fail(err, where, "unknown syscall '%s'", item);
}

static int set_keep(struct jr_settings *s, const char *value,
		    const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	struct sc_ctx c = { .pol = pol, .set = &pol->keep };

	pol->keep_mode = true;
	pol->keep_origin = where;
	return jr_list_foreach(value, sc_item, &c, where, err);
}

static int set_drop(struct jr_settings *s, const char *value,
		    const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	struct sc_ctx c = { .pol = pol, .set = &pol->drop };

	return jr_list_foreach(value, sc_item, &c, where, err);
}

static int set_seccomp(struct jr_settings *s, const char *value,
		       const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	struct sc_ctx c = { .pol = pol, .set = &pol->drop, .from_default = true };
	bool on = false;

	if (parse_bool(value, &on, where, err) < 0)
		return -1;
	pol->seccomp = on;
	pol->seccomp_origin = where;
	if (on)
		return sc_group(&c, "@default-deny", false, where, err);
	/* seccomp = no: take back what `seccomp = yes` put in. */
	for (int nr = 0; nr < JR_NR_MAX; nr++) {
		if (pol->drop_is_default[nr]) {
			pol->drop.origin[nr] = NULL;
			pol->drop_is_default[nr] = false;
		}
	}
	return 0;
}

static int set_action(struct jr_settings *s, const char *value,
		      const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->action_origin = where;
	if (strcmp(value, "kill") == 0) {
		pol->action = JR_ACT_KILL;
		return 0;
	}
	if (strcmp(value, "log") == 0) {
		pol->action = JR_ACT_LOG;
		return 0;
	}
	if (strcmp(value, "errno") == 0) {
		pol->action = JR_ACT_ERRNO;
		pol->action_errno = EPERM;
		return 0;
	}
	if (strncmp(value, "errno:", 6) == 0) {
		const char *name = value + 6;
		int e = jr_errno_from_name(name);

		if (e < 0 && isdigit((unsigned char)*name)) {
			char *end;
			long n = strtol(name, &end, 10);

			if (!*end && n > 0 && n < 4096)
				e = (int)n;
		}
		if (e <= 0)
			return jr_fail(err, where,
				       "unknown errno '%s' (e.g. EPERM, EACCES, "
				       "ENOSYS)",
				       name);
		pol->action = JR_ACT_ERRNO;
		pol->action_errno = e;
		return 0;
	}
	return jr_fail(err, where,
		       "seccomp.action: expected errno, errno:ENAME, kill or "
		       "log, not '%s'",
		       value);
}

/* ---- protocol, capabilities, namespaces ------------------------------ */

static int family_item(void *ctx, const char *item, bool negate,
		       const char *where, struct jr_err *err)
{
	struct jr_policy *pol = ctx;
	const char *names[ARRAY_SIZE(jr_families) + 1];

	for (size_t i = 0; i < jr_nfamilies; i++) {
		names[i] = jr_families[i].name;
		if (strcmp(item, jr_families[i].name) != 0)
			continue;
		if (negate)
			pol->protocols &= ~(1ULL << jr_families[i].af);
		else
			pol->protocols |= 1ULL << jr_families[i].af;
		return 0;
	}
	names[jr_nfamilies] = NULL;
	const char *s = jr_closest(item, names);
	return jr_fail(err, where, "unknown protocol '%s'%s%s%s", item,
		       s ? " (did you mean '" : " (known: unix, inet, inet6, "
						"netlink, packet, bluetooth",
		       s ? s : "", s ? "'?)" : ")");
}

static int set_protocol(struct jr_settings *s, const char *value,
			const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->protocol_set = true;
	pol->protocol_origin = where;
	if (strcmp(value, "none") == 0) {
		pol->protocols = 0; /* every family refused */
		return 0;
	}
	return jr_list_foreach(value, family_item, pol, where, err);
}

struct cap_ctx {
	struct jr_policy *pol;
	uint64_t *mask;
	bool drop; /* caps.drop: `all` may be one of the items */
};

static int cap_item(void *ctx, const char *item, bool negate,
		    const char *where, struct jr_err *err)
{
	struct cap_ctx *c = ctx;
	char name[JR_LIST_MAX_ITEM + 1];
	size_t i;
	int cap;

	for (i = 0; item[i] && i < JR_LIST_MAX_ITEM; i++)
		name[i] = (char)tolower((unsigned char)item[i]);
	name[i] = '\0';
	/* caps.drop = all,net_admin means all: the rest adds nothing */
	if (strcmp(name, "all") == 0) {
		if (!c->drop)
			return jr_fail(err, where,
				       "caps.keep: 'all' is not a capability: "
				       "name the ones to keep (every other is "
				       "dropped)");
		if (negate)
			return jr_fail(err, where,
				       "caps.drop: '!all' has no meaning");
		c->pol->caps_drop_all = true;
		return 0;
	}
	cap = jr_cap_by_name(
		strncmp(name, "cap_", 4) == 0 ? name + 4 : name);
	if (cap < 0 || cap >= 64)
		return jr_fail(err, where,
			       "unknown capability '%s' (e.g. net_admin, "
			       "sys_ptrace%s)",
			       item, c->drop ? ", all" : "");
	if (negate)
		*c->mask &= ~(1ULL << cap);
	else
		*c->mask |= 1ULL << cap;
	return 0;
}

static int set_caps_drop(struct jr_settings *s, const char *value,
			 const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	struct cap_ctx c = { pol, &pol->caps_drop, true };

	pol->caps_drop_origin = where;
	return jr_list_foreach(value, cap_item, &c, where, err);
}

static int set_caps_keep(struct jr_settings *s, const char *value,
			 const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	struct cap_ctx c = { pol, &pol->caps_keep, false };

	pol->caps_keep_set = true;
	pol->caps_keep_origin = where;
	return jr_list_foreach(value, cap_item, &c, where, err);
}

static const struct {
	const char *name;
	unsigned bit;
} ns_names[] = {
	{ "cgroup", JR_NS_CGROUP }, { "ipc", JR_NS_IPC },
	{ "mount", JR_NS_MOUNT },   { "net", JR_NS_NET },
	{ "pid", JR_NS_PID },       { "user", JR_NS_USER },
	{ "uts", JR_NS_UTS },
};

static int ns_item(void *ctx, const char *item, bool negate,
		   const char *where, struct jr_err *err)
{
	struct jr_policy *pol = ctx;

	for (size_t i = 0; i < ARRAY_SIZE(ns_names); i++) {
		if (strcmp(item, ns_names[i].name) != 0)
			continue;
		if (negate)
			pol->namespaces &= ~ns_names[i].bit;
		else
			pol->namespaces |= ns_names[i].bit;
		return 0;
	}
	return jr_fail(err, where,
		       "unknown namespace '%s' (known: user, mount, pid, ipc, "
		       "uts, cgroup, net)",
		       item);
}

static int set_namespaces(struct jr_settings *s, const char *value,
			  const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	return jr_list_foreach(value, ns_item, pol, where, err);
}

static int set_net(struct jr_settings *s, const char *value,
		   const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	if (strcmp(value, "none") != 0 && strcmp(value, "user") != 0)
		return jr_fail(err, where,
			       "net: 'none' (a new network namespace with "
			       "loopback only) or 'user' (one connected "
			       "through pasta or slirp4netns), not '%s'",
			       value);
	pol->net_none = value[0] == 'n';
	pol->net_user = !pol->net_none;
	pol->net_origin = where;
	pol->namespaces |= JR_NS_NET;
	return 0;
}

struct netrule_ctx {
	struct jr_policy *pol;
	bool deny;
};

static int netrule_item(void *ctx, const char *item, bool negate,
			const char *where, struct jr_err *err)
{
	struct netrule_ctx *c = ctx;
	struct jr_policy *pol = c->pol;
	struct jr_netrule r;

	if (negate)
		return jr_fail(err, where,
			       "'!%s': net.allow and net.deny "
			       "take no '!'",
			       item);
	if (jr_netrule_parse(item, &r, where, err) < 0)
		return -1;
	if (pol->nnet_rules >= JR_NET_RULES_MAX)
		return jr_fail(err, where,
			       "more than %d net.allow and "
			       "net.deny items",
			       JR_NET_RULES_MAX);
	r.deny = c->deny;
	r.origin = where;
	pol->net_rules[pol->nnet_rules++] = r;
	return 0;
}

static int set_net_allow(struct jr_settings *s, const char *value,
			 const char *where, struct jr_err *err)
{
	struct netrule_ctx c = { s->pol, false };

	return jr_list_foreach(value, netrule_item, &c, where, err);
}

static int set_net_deny(struct jr_settings *s, const char *value,
			const char *where, struct jr_err *err)
{
	struct netrule_ctx c = { s->pol, true };

	return jr_list_foreach(value, netrule_item, &c, where, err);
}

static int netfwd_item(void *ctx, const char *item, bool negate,
		       const char *where, struct jr_err *err)
{
	struct jr_policy *pol = ctx;
	unsigned host, guest;

	if (negate || jr_netfwd_parse(item, &host, &guest, where, err) < 0)
		return negate ? jr_fail(err, where,
					"'!%s': net.forward takes "
					"no '!'",
					item) :
				-1;
	if (pol->nnet_fwd >= JR_NET_FWD_MAX)
		return jr_fail(err, where, "more than %d net.forward ports",
			       JR_NET_FWD_MAX);
	pol->net_fwd[pol->nnet_fwd].host = host;
	pol->net_fwd[pol->nnet_fwd++].guest = guest;
	pol->net_fwd_origin = where;
	return 0;
}

static int set_net_forward(struct jr_settings *s, const char *value,
			   const char *where, struct jr_err *err)
{
	return jr_list_foreach(value, netfwd_item, s->pol, where, err);
}

static int set_netfilter(struct jr_settings *s, const char *value,
			 const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	if (value[0] != '/' && value[0] != '~')
		return jr_fail(err, where,
			       "netfilter: '%s' is not an "
			       "absolute path (or ~/...)",
			       value);
	pol->netfilter = jr_policy_intern(pol, value);
	pol->netfilter_origin = where;
	return 0;
}

static int dns_item(void *ctx, const char *item, bool negate, const char *where,
		    struct jr_err *err)
{
	struct jr_policy *pol = ctx;

	if (negate || !jr_net_literal(item) || strchr(item, '/'))
		return jr_fail(err, where,
			       "dns: '%s%s' is not an IPv4 or IPv6 "
			       "address",
			       negate ? "!" : "", item);
	if (pol->ndns >= JR_DNS_MAX)
		return jr_fail(err, where,
			       "dns: at most %d servers (what the "
			       "resolver reads)",
			       JR_DNS_MAX);
	pol->dns[pol->ndns++] = jr_policy_intern(pol, item);
	return 0;
}

static int set_dns(struct jr_settings *s, const char *value, const char *where,
		   struct jr_err *err)
{
	s->pol->dns_origin = where;
	return jr_list_foreach(value, dns_item, s->pol, where, err);
}

static int set_restrict_ns(struct jr_settings *s, const char *value,
			   const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->restrict_ns_origin = where;
	return parse_bool(value, &pol->restrict_ns, where, err);
}

static int set_mdwe(struct jr_settings *s, const char *value,
		    const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->mdwe_origin = where;
	return parse_bool(value, &pol->mdwe, where, err);
}

static int set_report(struct jr_settings *s, const char *value,
		      const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	bool on = false;

	if (strcmp(value, "log") == 0) {
		pol->report = JR_REPORT_LOG;
		return 0;
	}
	if (parse_bool(value, &on, where, err) < 0)
		return jr_fail(err, where, "expected yes, no or log, "
			       "not '%s'", value);
	pol->report = on;
	return 0;
}

static int set_shell(struct jr_settings *s, const char *value,
		     const char *where, struct jr_err *err)
{
	if (strcmp(value, "none") != 0)
		return jr_fail(err, where,
			       "shell: jailrun runs the target directly, "
			       "without a shell; only 'none' is accepted, not "
			       "'%s'",
			       value);
	return 0;
}

static int set_static(struct jr_settings *s, const char *value,
		      const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	if (strcmp(value, "warn") == 0 || strcmp(value, "refuse") == 0) {
		pol->static_refuse = value[0] == 'r';
		return 0;
	}
	return jr_fail(err, where, "static: expected warn or refuse, not '%s'",
		       value);
}

/* ---- the process ------------------------------------------------------ */

static int set_env_set(struct jr_settings *s, const char *value,
		       const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	if (jr_env_check(value, where, err) < 0)
		return -1;
	if (pol->nenv_set == JR_ENV_MAX)
		return jr_fail(err, where, "more than %d env.set entries",
			       JR_ENV_MAX);
	pol->env_set[pol->nenv_set++] = jr_policy_intern(pol, value);
	return 0;
}

static int env_unset_item(void *ctx, const char *item, bool negate,
			  const char *where, struct jr_err *err)
{
	struct jr_policy *pol = ctx;

	if (negate)
		return jr_fail(err, where, "env.unset: '!' has no meaning here");
	if (jr_env_name_check(item, where, err) < 0)
		return -1;
	if (pol->nenv_unset == JR_ENV_MAX)
		return jr_fail(err, where, "more than %d env.unset names",
			       JR_ENV_MAX);
	pol->env_unset[pol->nenv_unset++] = jr_policy_intern(pol, item);
	return 0;
}

static int set_env_unset(struct jr_settings *s, const char *value,
			 const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	return jr_list_foreach(value, env_unset_item, pol, where, err);
}

BOOL_SETTER(set_env_clear, env_clear)

static int set_chdir(struct jr_settings *s, const char *value,
		     const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	if (!*value || strlen(value) > 4095)
		return jr_fail(err, where, "chdir: expected a directory");
	pol->chdir = jr_policy_intern(pol, value);
	pol->chdir_origin = where;
	return 0;
}

static int set_hostname(struct jr_settings *s, const char *value,
			const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	size_t n = strlen(value);

	if (!n || n > 64 || strspn(value, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789-.") != n)
		return jr_fail(err, where,
			       "hostname: 1 to 64 letters, digits, '-' or '.', "
			       "not '%.64s'",
			       value);
	pol->hostname = jr_policy_intern(pol, value);
	pol->namespaces |= JR_NS_UTS;
	return 0;
}

/* name = NAME: what --list shows and --shutdown/--join take.  Not all
 * digits, so that it is never read as a pid. */
static int set_name(struct jr_settings *s, const char *value,
		    const char *where, struct jr_err *err)
{
	size_t n = strlen(value);

	if (!n || n > 63 || strspn(value, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789-._") != n ||
	    strspn(value, "0123456789") == n)
		return jr_fail(err, where,
			       "name: 1 to 63 letters, digits, '-', '.' or "
			       "'_', not all digits (a pid), not '%.64s'",
			       value);
	s->pol->name = jr_policy_intern(s->pol, value);
	return 0;
}

static int set_rlimit(struct jr_policy *pol, int i, bool bytes,
		      const char *value, const char *where, struct jr_err *err)
{
	rlim_t v;

	if (jr_rlimit_parse(value, bytes, &v, where, err) < 0)
		return -1;
	pol->rlimit[i].set = true;
	pol->rlimit[i].value = v;
	pol->rlimit[i].origin = where;
	return 0;
}

#define RLIMIT_SETTER(fn, idx, bytes)                                          \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_policy *pol = s->pol;                                \
		return set_rlimit(pol, idx, bytes, value, where, err);         \
	}
RLIMIT_SETTER(set_rlimit_as, JR_RLIM_AS, true)
RLIMIT_SETTER(set_rlimit_cpu, JR_RLIM_CPU, false)
RLIMIT_SETTER(set_rlimit_fsize, JR_RLIM_FSIZE, true)
RLIMIT_SETTER(set_rlimit_nofile, JR_RLIM_NOFILE, false)
RLIMIT_SETTER(set_rlimit_nproc, JR_RLIM_NPROC, false)

static int set_timeout(struct jr_settings *s, const char *value,
		       const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	return jr_duration_parse(value, &pol->timeout, where, err);
}

BOOL_SETTER(set_die_with_parent, die_with_parent)

BOOL_SETTER(set_new_session, new_session)

/* ---- filesystem -------------------------------------------------------- */

static const char *const pathkey_names[JR_PK_N] = {
	[JR_PK_LL_READ] = "landlock.read",   [JR_PK_LL_WRITE] = "landlock.write",
	[JR_PK_LL_EXEC] = "landlock.exec",   [JR_PK_READ_ONLY] = "read-only",
	[JR_PK_BLACKLIST] = "blacklist",     [JR_PK_WHITELIST] = "whitelist",
	[JR_PK_MKDIR] = "mkdir",
	[JR_PK_WHITELIST_RO] = "whitelist-ro", [JR_PK_NOWHITELIST] = "nowhitelist",
	[JR_PK_READ_WRITE] = "read-write",   [JR_PK_NOEXEC] = "noexec",
	[JR_PK_TMPFS] = "tmpfs",             [JR_PK_MKFILE] = "mkfile",
};

const char *jr_pathkey_name(enum jr_pathkey k)
{
	return pathkey_names[k];
}

/* An absolute path, or one starting with ~ or ${VAR}; no '..'
 * component (a rule names a place, not a way to get there). */
static int path_check(const char *path, const char *where, struct jr_err *err)
{
	const char *p = path;

	if (path[0] != '/' && path[0] != '~' && strncmp(path, "${", 2) != 0)
		return jr_fail(err, where,
			       "'%s': expected an absolute path (or ~, ${HOME}, "
			       "${XDG_...})",
			       path);
	while ((p = strstr(p, "..")) != NULL) {
		if ((p == path || p[-1] == '/') && (p[2] == '/' || !p[2]))
			return jr_fail(err, where,
				       "'%s': '..' is not allowed in a path",
				       path);
		p += 2;
	}
	return 0;
}

struct path_ctx {
	struct jr_policy *pol;
	enum jr_pathkey key;
};

/* Whether a !PATH took PATH back from KEY. */
static bool taken_back(const struct jr_policy *pol, enum jr_pathkey key,
		       const char *path)
{
	for (size_t i = 0; i < pol->ntaken_back; i++)
		if (pol->taken_back[i].key == key &&
		    strcmp(pol->taken_back[i].path, path) == 0)
			return true;
	return false;
}

static int path_item(void *ctx, const char *item, bool negate,
		     const char *where, struct jr_err *err)
{
	struct path_ctx *c = ctx;
	struct jr_policy *pol = c->pol;

	if (path_check(item, where, err) < 0)
		return -1;
	if (negate) {
		/* take back the rules of this key for this path: the earlier
		 * ones now, the later ones as they come */
		size_t j = 0;

		for (size_t i = 0; i < pol->npaths; i++)
			if (pol->paths[i].key != c->key ||
			    strcmp(pol->paths[i].path, item) != 0)
				pol->paths[j++] = pol->paths[i];
		pol->npaths = j;
		if (taken_back(pol, c->key, item))
			return 0;
		if (pol->ntaken_back == JR_PATHS_MAX)
			return jr_fail(err, where, "more than %d !PATH items",
				       JR_PATHS_MAX);
		pol->taken_back[pol->ntaken_back++] = (struct jr_pathrule){
			.key = c->key,
			.path = jr_policy_intern(pol, item),
			.origin = where,
		};
		return 0;
	}
	if (taken_back(pol, c->key, item))
		return 0;
	if (pol->npaths == JR_PATHS_MAX)
		return jr_fail(err, where, "more than %d path rules",
			       JR_PATHS_MAX);
	pol->paths[pol->npaths++] = (struct jr_pathrule){
		.key = c->key,
		.path = jr_policy_intern(pol, item),
		.origin = where,
	};
	return 0;
}

#define PATH_SETTER(fn, k)                                                     \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_policy *pol = s->pol;                                \
		struct path_ctx c = { pol, k };                                \
		return jr_list_foreach(value, path_item, &c, where, err);      \
	}
PATH_SETTER(set_ll_read, JR_PK_LL_READ)
PATH_SETTER(set_ll_write, JR_PK_LL_WRITE)
PATH_SETTER(set_ll_exec, JR_PK_LL_EXEC)
PATH_SETTER(set_read_only, JR_PK_READ_ONLY)
PATH_SETTER(set_blacklist, JR_PK_BLACKLIST)
PATH_SETTER(set_whitelist, JR_PK_WHITELIST)
PATH_SETTER(set_mkdir, JR_PK_MKDIR)
PATH_SETTER(set_whitelist_ro, JR_PK_WHITELIST_RO)
PATH_SETTER(set_nowhitelist, JR_PK_NOWHITELIST)
PATH_SETTER(set_read_write, JR_PK_READ_WRITE)
PATH_SETTER(set_noexec, JR_PK_NOEXEC)
PATH_SETTER(set_tmpfs, JR_PK_TMPFS)
PATH_SETTER(set_mkfile, JR_PK_MKFILE)

#define JR_PORTS_MAX 1024 /* ports named by one landlock.net key */

static unsigned port_count(const uint64_t *bits)
{
	unsigned n = 0;

	for (size_t i = 0; i < 1024; i++)
		n += (unsigned)__builtin_popcountll(bits[i]);
	return n;
}

/* PORT or FIRST-LAST */
static int port_item(void *ctx, const char *item, bool negate,
		     const char *where, struct jr_err *err)
{
	uint64_t *bits = ctx;
	unsigned long lo, hi;
	char *end;

	/* strtoul alone would take "0-" (as 0-0) and "1-+5": both ends
	 * must be digits */
	errno = 0;
	lo = strtoul(item, &end, 10);
	hi = lo;
	if (*end == '-' && end > item && isdigit((unsigned char)end[1]))
		hi = strtoul(end + 1, &end, 10);
	if (errno || *end || !isdigit((unsigned char)item[0]) || lo > hi ||
	    hi > 65535)
		return jr_fail(err, where,
			       "'%s': expected a TCP port (0-65535) or a range "
			       "FIRST-LAST",
			       item);
	for (unsigned long p = lo; p <= hi; p++) {
		if (negate)
			bits[p / 64] &= ~(1ULL << (p % 64));
		else
			bits[p / 64] |= 1ULL << (p % 64);
	}
	if (port_count(bits) > JR_PORTS_MAX)
		return jr_fail(err, where, "more than %d ports in one key",
			       JR_PORTS_MAX);
	return 0;
}

static int set_ll_bind(struct jr_settings *s, const char *value,
		       const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->ll_bind_set = true;
	pol->ll_net_origin = where;
	if (strcmp(value, "none") == 0)
		return 0;
	return jr_list_foreach(value, port_item, pol->ll_bind, where, err);
}

static int set_ll_connect(struct jr_settings *s, const char *value,
			  const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->ll_connect_set = true;
	pol->ll_net_origin = where;
	if (strcmp(value, "none") == 0)
		return 0;
	return jr_list_foreach(value, port_item, pol->ll_connect, where, err);
}

static int scope_item(void *ctx, const char *item, bool negate,
		      const char *where, struct jr_err *err)
{
	struct jr_policy *pol = ctx;
	unsigned bit;

	if (strcmp(item, "abstract-unix") == 0)
		bit = JR_SCOPE_ABSTRACT_UNIX;
	else if (strcmp(item, "signal") == 0)
		bit = JR_SCOPE_SIGNAL;
	else
		return jr_fail(err, where,
			       "unknown scope '%s' (known: abstract-unix, "
			       "signal)",
			       item);
	if (negate)
		pol->ll_scope &= ~bit;
	else
		pol->ll_scope |= bit;
	return 0;
}

static int set_ll_scope(struct jr_settings *s, const char *value,
			const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->ll_scope_origin = where;
	if (strcmp(value, "none") == 0) {
		pol->ll_scope = 0;
		return 0;
	}
	return jr_list_foreach(value, scope_item, pol, where, err);
}

BOOL_SETTER(set_ll_require, ll_require)
BOOL_SETTER(set_private_tmp, private_tmp)
BOOL_SETTER(set_private_dev, private_dev)
BOOL_SETTER(set_private_cache, private_cache)
BOOL_SETTER(set_disable_mnt, disable_mnt)
BOOL_SETTER(set_writable_var, writable_var)
BOOL_SETTER(set_writable_run_user, writable_run_user)

/* private = yes|no|DIR: DIR as written (~ and ${VAR} expand in the
 * planner, which also checks that it is a directory) */
static int set_private(struct jr_settings *s, const char *value,
		       const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	bool on = false;

	pol->private_origin = where;
	pol->private_dir = NULL;
	if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0) {
		if (parse_bool(value, &on, where, err) < 0)
			return -1;
		pol->private_home = on;
		return 0;
	}
	if (strlen(value) >= JR_PATH_LEN_MAX)
		return jr_fail(err, where,
			       "private: a path of at most %d bytes",
			       JR_PATH_LEN_MAX - 1);
	if (path_check(value, where, err) < 0)
		return -1;
	pol->private_home = true;
	pol->private_dir = jr_policy_intern(pol, value);
	return 0;
}

/* ---- private directories, machine-id, bind ------------------------------- */

struct priv_ctx {
	struct jr_policy *pol;
	struct jr_privlist *l;
	const char *key;
};

/* One entry of a private-* list: a name in that directory (firejail's
 * lists name entries, not paths); !NAME takes an earlier one out. */
static int priv_item(void *ctx, const char *item, bool negate,
		     const char *where, struct jr_err *err)
{
	struct priv_ctx *c = ctx;
	struct jr_privlist *l = c->l;
	size_t n = strlen(item);

	if (!n || n > 255 || strchr(item, '/') || strcmp(item, ".") == 0 ||
	    strcmp(item, "..") == 0)
		return jr_fail(err, where,
			       "%s: '%.64s' is not a name (1 to 255 "
			       "characters, no '/', not . or ..)",
			       c->key, item);
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->names[i], item) != 0)
			continue;
		if (negate) {
			memmove(&l->names[i], &l->names[i + 1],
				(l->n - i - 1) * sizeof(l->names[0]));
			l->n--;
		}
		return 0;
	}
	if (negate)
		return 0;
	if (l->n == JR_PRIV_MAX)
		return jr_fail(err, where, "%s: more than %d entries", c->key,
			       JR_PRIV_MAX);
	l->names[l->n++] = jr_policy_intern(c->pol, item);
	return 0;
}

static int set_priv(struct jr_settings *s, enum jr_priv which, const char *key,
		    const char *value, const char *where, struct jr_err *err)
{
	struct priv_ctx c = { s->pol, &s->pol->priv[which], key };

	c.l->set = true;
	c.l->origin = where;
	return jr_list_foreach(value, priv_item, &c, where, err);
}

#define PRIV_SETTER(fn, which, key)                                            \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		return set_priv(s, which, key, value, where, err);             \
	}
PRIV_SETTER(set_private_etc, JR_PRIV_ETC, "private-etc")
PRIV_SETTER(set_private_bin, JR_PRIV_BIN, "private-bin")
PRIV_SETTER(set_private_opt, JR_PRIV_OPT, "private-opt")
PRIV_SETTER(set_private_srv, JR_PRIV_SRV, "private-srv")

/* private-lib is refused: see its help text and docs/reference.md */
static int set_private_lib(struct jr_settings *s, const char *value,
			   const char *where, struct jr_err *err)
{
	(void)s;
	(void)value;
	return jr_fail(err, where,
		       "private-lib: not supported: the libraries a program "
		       "loads with dlopen (NSS, gconv, plugins) cannot be "
		       "known in advance");
}

BOOL_SETTER(set_machine_id, machine_id)

/* bind = SRC,DST: two absolute paths (who may bind where is decided when
 * the plan is made, private.c) */
static int set_bind(struct jr_settings *s, const char *value, const char *where,
		    struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	const char *comma = strchr(value, ',');
	cleanup_free char *src = NULL;

	if (!comma || value[0] != '/' || comma[1] != '/' ||
	    strchr(comma + 1, ',') || strlen(value) > 2 * JR_PATH_LEN_MAX)
		return jr_fail(err, where,
			       "bind: expected SRC,DST, two absolute paths, "
			       "not '%.64s'",
			       value);
	if (pol->nbinds == JR_BINDS_MAX)
		return jr_fail(err, where, "more than %d bind entries",
			       JR_BINDS_MAX);
	src = xstrdup(value);
	src[comma - value] = '\0';
	pol->binds[pol->nbinds++] = (struct jr_bind){
		.src = jr_policy_intern(pol, src),
		.dst = jr_policy_intern(pol, comma + 1),
		.origin = where,
	};
	return 0;
}

/* no3d, nodvd, ...: one device class each (devices.c) */
#define NODEV_SETTER(fn, cls)                                                  \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_policy *pol = s->pol;                                \
		return parse_bool(value, &pol->nodev[cls], where, err);        \
	}
NODEV_SETTER(set_no3d, JR_DEV_3D)
NODEV_SETTER(set_nodvd, JR_DEV_DVD)
NODEV_SETTER(set_noinput, JR_DEV_INPUT)
NODEV_SETTER(set_notv, JR_DEV_TV)
NODEV_SETTER(set_nou2f, JR_DEV_U2F)
NODEV_SETTER(set_novideo, JR_DEV_VIDEO)

/* ---- identity ------------------------------------------------------------ */

static int set_noroot(struct jr_settings *s, const char *value,
		      const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->noroot_origin = where;
	return parse_bool(value, &pol->noroot, where, err);
}

static int set_nogroups(struct jr_settings *s, const char *value,
			const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	pol->nogroups_origin = where;
	return parse_bool(value, &pol->nogroups, where, err);
}

/* ---- desktop sockets ---------------------------------------------------- */

static int parse_tristate(const char *value, int *out, const char *where,
			  struct jr_err *err)
{
	bool on = false;

	if (parse_bool(value, &on, where, err) < 0)
		return -1;
	*out = on;
	return 0;
}

#define TRISTATE_SETTER(fn, field)                                             \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_policy *pol = s->pol;                                \
		return parse_tristate(value, &pol->field, where, err);         \
	}
TRISTATE_SETTER(set_x11, x11)
TRISTATE_SETTER(set_wayland, wayland)
TRISTATE_SETTER(set_sound, sound)

static int parse_dbus(const char *value, bool filter_ok, int *out,
		      const char *where, struct jr_err *err)
{
	if (strcmp(value, "none") == 0 || strcmp(value, "no") == 0)
		*out = JR_DBUS_NONE;
	else if (strcmp(value, "yes") == 0)
		*out = JR_DBUS_YES;
	else if (filter_ok && strcmp(value, "filter") == 0)
		*out = JR_DBUS_FILTER;
	else
		return jr_fail(err, where, "expected none%s or yes, not '%s'",
			       filter_ok ? ", filter" : "", value);
	return 0;
}

static int set_dbus_user(struct jr_settings *s, const char *value,
			 const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	return parse_dbus(value, true, &pol->dbus_user, where, err);
}

static int set_dbus_system(struct jr_settings *s, const char *value,
			   const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;

	return parse_dbus(value, false, &pol->dbus_system, where, err);
}

/* A D-Bus well-known name for the proxy: two or more elements of
 * letters, digits, '_' and '-' joined by '.', at most 255 characters;
 * a last element '*' stands for every name below (org.example.*). */
struct dbus_names {
	struct jr_policy *pol;
	const char **list;
	size_t *n;
};

static int dbus_name_item(void *ctx, const char *item, bool negate,
			  const char *where, struct jr_err *err)
{
	struct dbus_names *d = ctx;
	size_t len = strlen(item), dots = 0;
	bool ok = len > 0 && len <= 255 && item[0] != '.' &&
		  item[len - 1] != '.';

	for (const char *c = item; ok && *c; c++) {
		if (*c == '.') {
			dots++;
			ok = c[1] != '.' && !(c[1] >= '0' && c[1] <= '9');
		} else if (*c == '*') {
			ok = c == item + len - 1 && c > item && c[-1] == '.';
		} else {
			ok = strchr("abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
				    *c) != NULL;
		}
	}
	if (negate || !ok || !dots || (item[0] >= '0' && item[0] <= '9'))
		return jr_fail(err, where,
			       "expected a D-Bus name (org.example.App, or "
			       "org.example.* for every name below), not "
			       "'%.64s'",
			       item);
	if (*d->n == JR_DBUS_NAMES_MAX)
		return jr_fail(err, where, "more than %d D-Bus names",
			       JR_DBUS_NAMES_MAX);
	d->list[(*d->n)++] = jr_policy_intern(d->pol, item);
	return 0;
}

static int set_dbus_user_talk(struct jr_settings *s, const char *value,
			      const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	struct dbus_names d = { pol, pol->dbus_talk, &pol->ndbus_talk };

	return jr_list_foreach(value, dbus_name_item, &d, where, err);
}

static int set_dbus_user_own(struct jr_settings *s, const char *value,
			     const char *where, struct jr_err *err)
{
	struct jr_policy *pol = s->pol;
	struct dbus_names d = { pol, pol->dbus_own, &pol->ndbus_own };

	return jr_list_foreach(value, dbus_name_item, &d, where, err);
}

/* ---- command-line-only settings --------------------------------------- */

/* Setters that only store: a constant, a non-empty string (the option
 * names what it needs).  CMD_ ones set the command (command.h), the
 * others the policy. */
#define CONST_SETTER(fn, field, v)                                             \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_policy *pol = s->pol;                                \
		pol->field = v;                                                \
		return 0;                                                      \
	}
#define CMD_CONST_SETTER(fn, field, v)                                         \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_command *cmd = s->cmd;                               \
		cmd->field = v;                                                \
		return 0;                                                      \
	}
#define NONEMPTY(value, where, err, needs)                                     \
	do {                                                                   \
		if (!*(value))                                                 \
			return jr_fail(err, where, "empty " needs);            \
	} while (0)
#define STRING_SETTER(fn, field, needs)                                        \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_policy *pol = s->pol;                                \
		NONEMPTY(value, where, err, needs);                            \
		pol->field = value;                                            \
		return 0;                                                      \
	}
#define CMD_STRING_SETTER(fn, field, needs)                                    \
	static int fn(struct jr_settings *s, const char *value,                \
		      const char *where, struct jr_err *err)                   \
	{                                                                      \
		struct jr_command *cmd = s->cmd;                               \
		NONEMPTY(value, where, err, needs);                            \
		cmd->field = value;                                            \
		return 0;                                                      \
	}
/* the policy's: --learn changes the filter (permissive, every call
 * reported), --no-report is --report=no */
CONST_SETTER(set_learn_append, learn_append, true)
CONST_SETTER(set_no_report, report, 0)
STRING_SETTER(set_learn, learn, "file name")
/* the command's */
CMD_CONST_SETTER(set_noprofile, noprofile, true)
CMD_CONST_SETTER(set_no_cache, no_cache, true)
CMD_CONST_SETTER(set_print_filter, print_filter, true)
CMD_CONST_SETTER(set_help, help, true)
CMD_CONST_SETTER(set_version, version, true)
CMD_CONST_SETTER(set_list, list, true)
CMD_CONST_SETTER(set_install_shortcuts, shortcuts, 1)
CMD_CONST_SETTER(set_remove_shortcuts, shortcuts, -1)
CMD_CONST_SETTER(set_user, shortcuts_user, true)
CMD_CONST_SETTER(set_debug_caps, listing, JR_LIST_CAPS)
CMD_CONST_SETTER(set_debug_protocols, listing, JR_LIST_PROTOCOLS)
CMD_CONST_SETTER(set_debug, verbosity, 2)
CMD_CONST_SETTER(set_quiet, verbosity, 0)
CMD_STRING_SETTER(set_profile, profile, "profile name")
CMD_STRING_SETTER(set_join, join, "sandbox name or pid")
CMD_STRING_SETTER(set_shutdown, shutdown, "sandbox name or pid")
CMD_STRING_SETTER(set_convert_firejail, convert_firejail, "file name")
CMD_CONST_SETTER(set_system, import_system, true)

/* Bare --import-firejail arrives as "yes": firejail's own directory. */
static int set_import_firejail(struct jr_settings *s, const char *value,
			       const char *where, struct jr_err *err)
{
	struct jr_command *cmd = s->cmd;

	NONEMPTY(value, where, err, "directory");
	cmd->import_firejail = true;
	cmd->import_dir = strcmp(value, "yes") == 0 ? NULL : value;
	return 0;
}

/* Bare --debug-syscalls arrives as "yes" (an optional argument's
 * default): list everything. */
static int set_debug_syscalls(struct jr_settings *s, const char *value,
			      const char *where, struct jr_err *err)
{
	struct jr_command *cmd = s->cmd;

	cmd->listing = JR_LIST_SYSCALLS;
	cmd->list_what = strcmp(value, "yes") == 0 ? NULL : value;
	return 0;
}

/* The table, sorted by name (a unit test holds it to that). */
const struct jr_key jr_keys[] = {
	{ "bind", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "SRC,DST",
	  "bind SRC over DST, where the user may write DST's parent (any "
	  "as root)",
	  set_bind },
	{ "blacklist", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "hide these files and directories behind an empty read-only mount",
	  set_blacklist },
	{ "caps.drop", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "all|LIST",
	  "drop capabilities from every set, bounding and ambient included",
	  set_caps_drop },
	{ "caps.keep", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "drop every capability but these; they are raised into the ambient "
	  "set so they survive execve",
	  set_caps_keep },
	{ "chdir", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "DIR",
	  "the target starts in DIR", set_chdir },
	{ "convert-firejail", JR_SCOPE_CLI, JR_ARG_REQUIRED, "FILE",
	  "print the jailrun profile converted from the firejail profile "
	  "FILE, with a count of what was and was not converted, and exit",
	  set_convert_firejail },
	{ "dbus.system", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "none|yes",
	  "the system bus socket: hidden (DBUS_SYSTEM_BUS_ADDRESS unset), or "
	  "reachable",
	  set_dbus_system },
	{ "dbus.user", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "none|filter|yes",
	  "the session bus: hidden (its address set to one that fails, so "
	  "none is autolaunched), filtered (xdg-dbus-proxy --filter: only "
	  "the bus itself), or reachable",
	  set_dbus_user },
	{ "dbus.user.own", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "NAMES",
	  "with dbus.user = filter: names the target may own (xdg-dbus-proxy "
	  "--own; org.example.* for every name below)",
	  set_dbus_user_own },
	{ "dbus.user.talk", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "NAMES",
	  "with dbus.user = filter: names the target may call (xdg-dbus-proxy "
	  "--talk; org.example.* for every name below)",
	  set_dbus_user_talk },
	{ "debug", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "say what is being set up: files read, merged policy", set_debug },
	{ "debug-caps", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "list capabilities (number, name, in jailrun's bounding set) and "
	  "exit",
	  set_debug_caps },
	{ "debug-protocols", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "list the socket families protocol knows and exit",
	  set_debug_protocols },
	{ "debug-syscalls", JR_SCOPE_CLI, JR_ARG_OPTIONAL, "@GROUP|NAME",
	  "list syscalls (numbers per arch, groups), a group's expansion or "
	  "one syscall, and exit",
	  set_debug_syscalls },
	{ "die-with-parent", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "the sandbox dies with jailrun, and jailrun with its parent",
	  set_die_with_parent },
	{ "disable-mnt", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "hide /mnt, /media, /run/mount and /run/media (removable and "
	  "mounted media)",
	  set_disable_mnt },
	{ "dns", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "IPS",
	  "the sandbox's /etc/resolv.conf names these servers (a private "
	  "file)",
	  set_dns },
	{ "env.clear", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "start from an empty environment but PATH, HOME, TERM, LANG, LC_*",
	  set_env_clear },
	{ "env.set", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "NAME=VALUE",
	  "set a variable for the target (after env.clear and env.unset)",
	  set_env_set },
	{ "env.unset", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "NAMES",
	  "remove these variables", set_env_unset },
	{ "help", JR_SCOPE_CLI, JR_ARG_NONE, NULL, "show this help and exit",
	  set_help },
	{ "hostname", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "NAME",
	  "the sandbox's host name (in its own uts namespace)", set_hostname },
	{ "ignore", JR_SCOPE_PROFILE, JR_ARG_REQUIRED, "KEY",
	  "cancel KEY in every file read after this one", NULL },
	{ "import-firejail", JR_SCOPE_CLI, JR_ARG_OPTIONAL, "DIR",
	  "convert every firejail profile in /etc/firejail (or DIR) into "
	  "~/.config/jailrun/firejail (with --system: the system's), "
	  "replacing an earlier import, and exit",
	  set_import_firejail },
	{ "include", JR_SCOPE_PROFILE, JR_ARG_REQUIRED, "NAME",
	  "read another profile here (same lookup as --profile)", NULL },
	{ "install-shortcuts", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "for each installed program with a profile: a symlink that runs it "
	  "through jailrun, and sandboxed copies of its .desktop files",
	  set_install_shortcuts },
	{ "join", JR_SCOPE_CLI, JR_ARG_REQUIRED, "NAME|PID",
	  "run COMMAND inside a running sandbox: its namespaces, filter, "
	  "capabilities, no_new_privs",
	  set_join },
	{ "landlock.exec", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "Landlock: programs may be run (and read) only from beneath these",
	  set_ll_exec },
	{ "landlock.net.bind", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PORTS|none",
	  "Landlock (ABI 4): TCP bind only to these ports (N or N-M)",
	  set_ll_bind },
	{ "landlock.net.connect", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PORTS|none",
	  "Landlock (ABI 4): TCP connect only to these ports (N or N-M)",
	  set_ll_connect },
	{ "landlock.read", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "Landlock: files may be read only beneath these (and landlock.write, "
	  "landlock.exec)",
	  set_ll_read },
	{ "landlock.require", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "a Landlock rule this kernel cannot enforce is an error (exit 125), "
	  "not a warning",
	  set_ll_require },
	{ "landlock.scope", JR_SCOPE_BOTH, JR_ARG_REQUIRED,
	  "abstract-unix,signal|none",
	  "Landlock (ABI 6): no connecting to abstract unix sockets, no "
	  "signals to processes outside the sandbox",
	  set_ll_scope },
	{ "landlock.write", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "Landlock: files may be written, created, removed (and read) only "
	  "beneath these",
	  set_ll_write },
	{ "learn", JR_SCOPE_CLI, JR_ARG_REQUIRED, "FILE",
	  "run permissively and write a profile of what the program did to "
	  "FILE",
	  set_learn },
	{ "learn-append", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "with --learn: merge this run with the runs FILE already records",
	  set_learn_append },
	{ "list", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "list this user's running sandboxes (pid, name, profile, uptime) "
	  "and exit",
	  set_list },
	{ "machine-id", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "a random /etc/machine-id (and /var/lib/dbus/machine-id) of "
	  "this sandbox's own",
	  set_machine_id },
	{ "memory-deny-write-execute", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "no memory both writable and executable, none made executable "
	  "later (mmap, mprotect, shmat): JIT-style code injection fails",
	  set_mdwe },
	{ "mkdir", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "create these directories (beneath ~, an XDG base directory or "
	  "/tmp) before the sandbox starts",
	  set_mkdir },
	{ "mkfile", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "create these empty files (beneath ~, an XDG base directory or "
	  "/tmp) before the sandbox starts, as mkdir does directories",
	  set_mkfile },
	{ "name", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "NAME",
	  "the sandbox's name for --list, --shutdown and --join (default: "
	  "the program's)",
	  set_name },
	{ "namespaces", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "add (or with !NAME remove) namespaces; default "
	  "user,mount,pid,ipc,uts,cgroup (user only when not root)",
	  set_namespaces },
	{ "net", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "none|user",
	  "a new network namespace: only loopback (none), or connected "
	  "through pasta or slirp4netns (user)",
	  set_net },
	{ "net.allow", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "HOSTS",
	  "with net = user: only these HOST[:PORT[-PORT]] may be reached "
	  "(nftables in the namespace)",
	  set_net_allow },
	{ "net.deny", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "HOSTS",
	  "with net = user: these HOST[:PORT[-PORT]] are refused",
	  set_net_deny },
	{ "net.forward", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PORTS",
	  "with net = user: HOSTPORT:PORT, the host's TCP port to the "
	  "sandbox's (pasta -t)",
	  set_net_forward },
	{ "netfilter", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "FILE",
	  "with net = user: load this nft ruleset in the namespace instead "
	  "of net.allow/net.deny",
	  set_netfilter },
	{ "new-session", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "a new session without a controlling terminal (no terminal "
	  "injection; for non-interactive use)",
	  set_new_session },
	{ "no-cache", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "compile the seccomp programs even when the BPF cache has them, "
	  "and keep nothing in it",
	  set_no_cache },
	{ "no-report", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "do not name denied syscalls (same as --report=no)", set_no_report },
	{ "no3d", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "hide the GPU: /dev/dri, /dev/kfd, /dev/nvidia* (OpenGL and Vulkan "
	  "fall back to software rendering)",
	  set_no3d },
	{ "nodvd", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "hide CD and DVD drives: /dev/sr*, /dev/cdrom, /dev/cdrw, /dev/dvd, "
	  "/dev/dvdrw",
	  set_nodvd },
	{ "noexec", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "nothing beneath these can be executed (noexec,nosuid mount flags: "
	  "execve fails with EACCES)",
	  set_noexec },
	{ "nogroups", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "no supplementary groups inside (a user who has some and no "
	  "privilege to drop them: a warning, they stay)",
	  set_nogroups },
	{ "noinput", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "hide input devices: /dev/input", set_noinput },
	{ "noprofile", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "use no profile, only the command line", set_noprofile },
	{ "noroot", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "no uid 0 inside: a user namespace that maps only the user and its "
	  "group, setgroups denied (as root: a warning, uid 0 stays)",
	  set_noroot },
	{ "notv", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "hide DVB (digital TV) devices: /dev/dvb", set_notv },
	{ "nou2f", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "hide U2F/FIDO security keys and raw HID devices: /dev/hidraw*, "
	  "/dev/usb",
	  set_nou2f },
	{ "novideo", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "hide video capture devices (cameras): /dev/video*, /dev/v4l",
	  set_novideo },
	{ "nowhitelist", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "ignore whitelist and whitelist-ro of these paths, given before or "
	  "after",
	  set_nowhitelist },
	{ "print-filter", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "show the compiled filter (rules and BPF size) and exit",
	  set_print_filter },
	{ "private", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no|DIR",
	  "an empty home (a fresh tmpfs), or DIR bound as the home; "
	  "whitelisted home paths are brought in",
	  set_private },
	{ "private-bin", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "bin directories (/usr/bin, /usr/sbin, ...) of only these programs "
	  "and the #! interpreters they name",
	  set_private_bin },
	{ "private-cache", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "a fresh, empty ~/.cache (a tmpfs)", set_private_cache },
	{ "private-dev", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "a /dev of its own: null, zero, full, random, urandom, tty, pts, "
	  "shm, and the device classes whose no* key is not set (/dev/snd "
	  "unless sound = no)",
	  set_private_dev },
	{ "private-etc", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "a read-only /etc of only these entries and what every program "
	  "needs (ld.so.cache, resolv.conf, hosts, certificates...; a "
	  "passwd and group of root, the user and nobody)",
	  set_private_etc },
	{ "private-lib", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "not supported (exit 125): what a program loads with dlopen "
	  "cannot be listed in advance",
	  set_private_lib },
	{ "private-opt", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "a read-only /opt of only these entries", set_private_opt },
	{ "private-srv", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "a read-only /srv of only these entries", set_private_srv },
	{ "private-tmp", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "a fresh, empty /tmp (its X11 socket kept unless x11 = no)",
	  set_private_tmp },
	{ "profile", JR_SCOPE_CLI, JR_ARG_REQUIRED, "NAME|PATH",
	  "use this profile (a value containing / is a path)", set_profile },
	{ "protocol", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST|none",
	  "socket families allowed (unix,inet,inet6,netlink,packet,"
	  "bluetooth, or none); others fail with EAFNOSUPPORT",
	  set_protocol },
	{ "quiet", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "print only errors and security warnings", set_quiet },
	{ "read-only", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "these files and directories (and all below) are read-only",
	  set_read_only },
	{ "read-write", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "writable again after a read-only given before (mounts below keep "
	  "their own flags)",
	  set_read_write },
	{ "remove-shortcuts", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "remove exactly what --install-shortcuts made",
	  set_remove_shortcuts },
	{ "report", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no|log",
	  "name each denied syscall, with the rule that denied it (default: "
	  "when stderr is a terminal); yes with stderr not a terminal (a "
	  "menu launch) also appends them to $XDG_STATE_HOME/jailrun/NAME.log, "
	  "log writes them there only; --list shows the log",
	  set_report },
	{ "restrict-namespaces", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "the target cannot create or join namespaces (unshare, clone "
	  "flags, setns; clone3 gets ENOSYS)",
	  set_restrict_ns },
	{ "rlimit.as", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "BYTES|unlimited",
	  "address space limit (K, M, G suffixes)", set_rlimit_as },
	{ "rlimit.cpu", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "SECONDS|unlimited",
	  "CPU time limit", set_rlimit_cpu },
	{ "rlimit.fsize", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "BYTES|unlimited",
	  "largest file the target may write (K, M, G suffixes)",
	  set_rlimit_fsize },
	{ "rlimit.nofile", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "N|unlimited",
	  "open file descriptors", set_rlimit_nofile },
	{ "rlimit.nproc", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "N|unlimited",
	  "processes of this user", set_rlimit_nproc },
	{ "seccomp", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "deny the default list (@default-deny) and terminal injection "
	  "(TIOCSTI, TIOCLINUX)",
	  set_seccomp },
	{ "seccomp.action", JR_SCOPE_BOTH, JR_ARG_REQUIRED,
	  "errno|errno:ENAME|kill|log",
	  "what a denied syscall gets (default errno: EPERM)", set_action },
	{ "seccomp.drop", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "deny these syscalls and @groups (a drop beats a keep)", set_drop },
	{ "seccomp.keep", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "LIST",
	  "allow only these syscalls and @groups", set_keep },
	{ "shell", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "none",
	  "run the target directly (the only mode)", set_shell },
	{ "shutdown", JR_SCOPE_CLI, JR_ARG_REQUIRED, "NAME|PID",
	  "end a running sandbox: SIGTERM, SIGKILL 5 s later", set_shutdown },
	{ "sound", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "the PulseAudio and PipeWire sockets and /dev/snd: reachable (the "
	  "cookie too), or hidden",
	  set_sound },
	{ "static", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "warn|refuse",
	  "when a delayed filter (execve) cannot be enforced for a target: "
	  "warn loudly (default) or refuse with 125",
	  set_static },
	{ "system", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "with --import-firejail: import into the system's directory "
	  "(root only)",
	  set_system },
	{ "timeout", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "DURATION",
	  "after DURATION (seconds, or 10m, 2h) SIGTERM, 5 s later SIGKILL; "
	  "exit 124 as timeout(1)",
	  set_timeout },
	{ "tmpfs", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "DIRS",
	  "a fresh, empty, writable tmpfs on each of these directories",
	  set_tmpfs },
	{ "user", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "with --install/remove-shortcuts: the user's dirs (~/.local), even "
	  "as root",
	  set_user },
	{ "version", JR_SCOPE_CLI, JR_ARG_NONE, NULL,
	  "show the version and exit", set_version },
	{ "wayland", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "the Wayland socket: reachable, or hidden (WAYLAND_DISPLAY unset)",
	  set_wayland },
	{ "whitelist", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "the top directory of each (~, /tmp, /opt, /srv, /etc, /var, "
	  "/usr/share, /media, /mnt, /run/user/UID) holds only these: a fresh "
	  "tmpfs with them bound in",
	  set_whitelist },
	{ "whitelist-ro", JR_SCOPE_BOTH, JR_ARG_REQUIRED, "PATHS",
	  "whitelist these, read-only", set_whitelist_ro },
	{ "writable-run-user", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "accepted for firejail's profiles: ${XDG_RUNTIME_DIR} is already "
	  "as writable as outside",
	  set_writable_run_user },
	{ "writable-var", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "accepted for firejail's profiles: /var is already as writable as "
	  "outside",
	  set_writable_var },
	{ "x11", JR_SCOPE_BOTH, JR_ARG_OPTIONAL, "yes|no",
	  "the X11 socket and XAUTHORITY: reachable (bound back into "
	  "private-tmp or a whitelisted home), or hidden (DISPLAY unset; its "
	  "abstract socket needs net = none or landlock.scope = abstract-unix)",
	  set_x11 },
};
const size_t jr_nkeys = ARRAY_SIZE(jr_keys);

/* A binary search: the table is sorted by name, without duplicates
 * (test-options checks it).  The linear search was a quarter of each
 * profile line's parse (issue 21). */
const struct jr_key *jr_key_find(const char *name)
{
	size_t lo = 0, hi = jr_nkeys;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, jr_keys[mid].name);

		if (c == 0)
			return &jr_keys[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *jr_key_suggest(const char *name)
{
	const char *names[ARRAY_SIZE(jr_keys) + 1];

	for (size_t i = 0; i < jr_nkeys; i++)
		names[i] = jr_keys[i].name;
	names[jr_nkeys] = NULL;
	return jr_closest(name, names);
}

static int key_set(struct jr_settings *st, const struct jr_key *key,
		   const char *value, const char *where, struct jr_err *err)
{
	if (!key->set)
		return jr_fail(err, where, "'%s' is a profile directive",
			       key->name);
	if (!value) {
		if (key->arg == JR_ARG_REQUIRED)
			return jr_fail(err, where, "'%s' needs a value",
				       key->name);
		value = "yes";
	} else if (key->arg == JR_ARG_NONE) {
		return jr_fail(err, where, "'%s' takes no value", key->name);
	}
	if (key->set(st, value, where, err) < 0)
		return -1;
	jr_policy_applied_add(st->pol, key->name, value);
	if (jr_key_bounds(key))
		jr_policy_digest_add(st->pol, key->name, value);
	return 0;
}

int jr_key_set(struct jr_policy *pol, const struct jr_key *key,
	       const char *value, const char *where, struct jr_err *err)
{
	struct jr_settings st = { .pol = pol, .cmd = NULL };

	if (key->scope == JR_SCOPE_CLI)
		return jr_fail(err, where, "'%s' is a command-line option",
			       key->name);
	return key_set(&st, key, value, where, err);
}

int jr_key_apply(struct jr_policy *pol, struct jr_command *cmd,
		 const struct jr_key *key, const char *value,
		 const char *where, struct jr_err *err)
{
	struct jr_settings st = { .pol = pol, .cmd = cmd };

	return key_set(&st, key, value, where, err);
}

/* Profile keys that change only what jailrun says (or calls the
 * sandbox), not what the sandbox may do: out of the digest. */
/* ... and private-lib, which is always refused: it bounds nothing */
static const char *const says_only[] = { "name", "private-lib", "report" };

bool jr_key_bounds(const struct jr_key *key)
{
	if (key->scope == JR_SCOPE_CLI || !key->set)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(says_only); i++)
		if (strcmp(key->name, says_only[i]) == 0)
			return false;
	return true;
}
