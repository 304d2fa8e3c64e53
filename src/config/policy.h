/* policy.h - everything a run is asked to do, merged from jailrun.conf,
 * .local files, profiles and the command line.  Each setting exists once
 * here and is set only through the key table in options.c. */
#ifndef JAILRUN_POLICY_H
#define JAILRUN_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

/* Native syscall numbers tracked by the sets (x86_64 stops below 500;
 * the x32 bit is never a member: foreign ABIs are killed outright). */
#define JR_NR_MAX 1024

/* A syscall set: origin[nr] is the "FILE:LINE" (or "--option") of the rule
 * that put nr in, NULL when nr is not a member. */
struct jr_scset {
	const char *origin[JR_NR_MAX];
};

enum jr_action_kind {
	JR_ACT_ERRNO, /* fail with errno (EPERM unless errno:ENAME) */
	JR_ACT_KILL,  /* kill the process (SIGSYS) */
	JR_ACT_LOG,   /* allow and log: permissive mode */
};

enum jr_ns {
	JR_NS_USER = 1 << 0,
	JR_NS_MOUNT = 1 << 1,
	JR_NS_PID = 1 << 2,
	JR_NS_IPC = 1 << 3,
	JR_NS_UTS = 1 << 4,
	JR_NS_CGROUP = 1 << 5,
	JR_NS_NET = 1 << 6,
};
#define JR_NS_DEFAULT                                                          \
	(JR_NS_USER | JR_NS_MOUNT | JR_NS_PID | JR_NS_IPC | JR_NS_UTS |        \
	 JR_NS_CGROUP)

#define JR_ABSENT_MAX 256
#define JR_ENV_MAX 64      /* env.set / env.unset entries */
#define JR_ENV_LEN_MAX 4096 /* one NAME=VALUE */

/* path keys: landlock.read/write/exec, read-only, blacklist, whitelist,
 * mkdir, and firejail's whitelist-ro, nowhitelist, read-write, noexec,
 * tmpfs, mkfile; each rule keeps its unexpanded path and where it came
 * from */
enum jr_pathkey {
	JR_PK_LL_READ,
	JR_PK_LL_WRITE,
	JR_PK_LL_EXEC,
	JR_PK_READ_ONLY,
	JR_PK_BLACKLIST,
	JR_PK_WHITELIST,
	JR_PK_MKDIR,
	JR_PK_WHITELIST_RO, /* whitelist, then read-only */
	JR_PK_NOWHITELIST,  /* a whitelist of this path is ignored */
	JR_PK_READ_WRITE,   /* undo a read-only (in the order given) */
	JR_PK_NOEXEC,       /* noexec,nosuid */
	JR_PK_TMPFS,        /* a tmpfs on DIR */
	JR_PK_MKFILE,       /* an empty file made before the mounts */
	JR_PK_N
};
#define JR_PATHS_MAX 4096
/* the private-* directory keys (private.c plans them) */
enum jr_priv { JR_PRIV_ETC, JR_PRIV_BIN, JR_PRIV_OPT, JR_PRIV_SRV, JR_PRIV_N };
#define JR_PRIV_MAX 128 /* entries in one private-* list */
#define JR_BINDS_MAX 32
#define JR_PATH_LEN_MAX 1024
struct jr_pathrule {
	enum jr_pathkey key;
	const char *path;   /* as written: ~, ${HOME}, ${XDG_*} expand later */
	const char *origin; /* FILE:LINE or --option */
};

/* landlock.scope bits (Landlock ABI 6) */
enum jr_ll_scope { JR_SCOPE_ABSTRACT_UNIX = 1 << 0, JR_SCOPE_SIGNAL = 1 << 1 };

/* device classes, each hidden by its no* key (devices.c has their
 * nodes); sound's is `sound = no` */
enum jr_devclass {
	JR_DEV_3D,    /* no3d */
	JR_DEV_DVD,   /* nodvd */
	JR_DEV_INPUT, /* noinput */
	JR_DEV_TV,    /* notv */
	JR_DEV_U2F,   /* nou2f */
	JR_DEV_VIDEO, /* novideo */
	JR_DEV_N
};

/* desktop keys: -1 until set */
enum jr_dbus { JR_DBUS_UNSET = -1, JR_DBUS_NONE, JR_DBUS_FILTER, JR_DBUS_YES };

/* rlimit.* keys, in the key table's order */
enum jr_rlim { JR_RLIM_AS, JR_RLIM_CPU, JR_RLIM_FSIZE, JR_RLIM_NOFILE,
	       JR_RLIM_NPROC, JR_RLIM_N };

struct jr_strpool; /* owns every origin string */

/* One net.allow or net.deny item (netrules.h parses it). */
#define JR_NET_RULES_MAX 64
#define JR_DNS_MAX 3 /* what the resolver reads (resolv.conf(5), MAXNS) */
#define JR_NET_FWD_MAX 16
struct jr_netrule {
	char host[256];  /* a name, an address[/prefix], or "*" */
	unsigned lo, hi; /* 0, 0: every port */
	bool deny;
	const char *origin;
};

struct jr_policy {
	uint64_t digest; /* jr_policy_digest */
	struct jr_sha256 applied; /* jr_policy_applied */
	/* seccomp */
	bool seccomp;              /* seccomp = yes: @default-deny dropped,
				    * terminal injection refused */
	const char *seccomp_origin;
	bool restrict_ns;          /* restrict-namespaces = yes */
	const char *restrict_ns_origin;
	bool mdwe;                 /* memory-deny-write-execute = yes */
	const char *mdwe_origin;
	bool keep_mode;            /* a seccomp.keep was given: allow-list */
	struct jr_scset keep;      /* allowed in keep mode */
	const char *keep_origin;   /* the last seccomp.keep, for reports */
	struct jr_scset drop;      /* always denied; beats keep */
	bool drop_is_default[JR_NR_MAX]; /* put in drop by `seccomp = yes` */
	enum jr_action_kind action;
	int action_errno;          /* for JR_ACT_ERRNO */
	const char *action_origin;

	/* protocol: bit i = socket family i allowed */
	bool protocol_set;
	uint64_t protocols;
	const char *protocol_origin;

	/* capabilities: bit i = CAP i */
	bool caps_drop_all;
	uint64_t caps_drop;
	const char *caps_drop_origin; /* the last caps.drop */
	bool caps_keep_set;
	uint64_t caps_keep;
	const char *caps_keep_origin; /* the last caps.keep */

	/* the target's process, applied by the launcher (and the init for
	 * the hostname, the supervisor for timeout and die-with-parent) */
	const char *env_set[JR_ENV_MAX];   /* "NAME=VALUE", in order */
	size_t nenv_set;
	const char *env_unset[JR_ENV_MAX];
	size_t nenv_unset;
	bool env_clear;
	const char *chdir;
	const char *chdir_origin;  /* FILE:LINE or --chdir */
	const char *hostname;
	const char *name;      /* name = NAME: for --list, --shutdown, --join
				* (NULL: the program's) */
	struct {
		bool set;
		uint64_t value; /* RLIM_INFINITY for unlimited */
		const char *origin;
	} rlimit[JR_RLIM_N];
	unsigned timeout;          /* seconds; 0: none */
	bool die_with_parent;
	bool new_session;

	/* filesystem: path rules in the order given, Landlock's TCP ports
	 * (bit p = port p) and scopes, private mounts.  A !PATH removes the
	 * rules of the same key and path, earlier and later ones (a
	 * NAME.local, read first, takes back what its profile adds, like
	 * firejail's noblacklist): taken_back holds those (key, path). */
	struct jr_pathrule paths[JR_PATHS_MAX];
	size_t npaths;
	struct jr_pathrule taken_back[JR_PATHS_MAX];
	size_t ntaken_back;
	bool ll_bind_set, ll_connect_set;
	uint64_t ll_bind[1024], ll_connect[1024];
	const char *ll_net_origin;
	unsigned ll_scope;         /* JR_SCOPE_* */
	const char *ll_scope_origin;
	bool ll_require;           /* landlock.require: unenforceable is an
				    * error, not a warning */
	bool private_tmp, private_dev;
	/* private-etc, private-bin, private-opt, private-srv: the entries
	 * kept (names, no '/'), in order; set once any was given */
	struct jr_privlist {
		bool set;
		const char *names[JR_PRIV_MAX];
		size_t n;
		const char *origin;
	} priv[JR_PRIV_N];
	bool machine_id; /* machine-id = yes: a random one */
	struct jr_bind {
		const char *src, *dst;
		const char *origin;
	} binds[JR_BINDS_MAX]; /* bind = SRC,DST, in order */
	size_t nbinds;
	/* private = yes|DIR: the home a tmpfs (private_home without
	 * private_dir) or DIR bound as it; private-cache: a tmpfs on
	 * ~/.cache; disable-mnt: /mnt, /media, /run/mount, /run/media
	 * hidden */
	bool private_home, private_cache, disable_mnt;
	const char *private_dir;
	const char *private_origin;
	/* writable-var, writable-run-user: accepted; they change nothing
	 * here (docs/reference.md says why) */
	bool writable_var, writable_run_user;
	bool nodev[JR_DEV_N];      /* no3d, nodvd, ...: JR_DEV_* */

	/* identity: noroot = yes (no uid 0 inside: a user namespace with
	 * the user alone), nogroups = yes (no supplementary groups) */
	bool noroot, nogroups;
	const char *noroot_origin, *nogroups_origin;

	/* desktop sockets: -1 unset, 0 no, 1 yes; dbus JR_DBUS_* */
	int x11, wayland, sound;
	int dbus_user, dbus_system;
	/* dbus.user.talk / dbus.user.own: names xdg-dbus-proxy lets the
	 * target call / own (dbus.user = filter) */
#define JR_DBUS_NAMES_MAX 32
	const char *dbus_talk[JR_DBUS_NAMES_MAX], *dbus_own[JR_DBUS_NAMES_MAX];
	size_t ndbus_talk, ndbus_own;

	/* report: name denied calls via the supervisor; -1 until set (then
	 * on when stderr is a terminal), 0 no, 1 yes, JR_REPORT_LOG: to the
	 * report log only */
#define JR_REPORT_LOG 2
	int report;

	/* static = refuse: stop when a delayed filter cannot be enforced */
	bool static_refuse;

	/* namespaces (JR_NS_*), net=none and net=user add JR_NS_NET */
	unsigned namespaces;
	bool net_none;
	/* net = user: a user-mode stack (pasta, slirp4netns) connects the
	 * namespace; net.allow/net.deny in order, or a netfilter file;
	 * dns servers for a private resolv.conf; net.forward ports */
	bool net_user;
	const char *net_origin;
	struct jr_netrule net_rules[JR_NET_RULES_MAX];
	size_t nnet_rules;
	const char *netfilter, *netfilter_origin;
	const char *dns[JR_DNS_MAX];
	size_t ndns;
	const char *dns_origin;
	struct {
		unsigned host, guest;
	} net_fwd[JR_NET_FWD_MAX];
	size_t nnet_fwd;
	const char *net_fwd_origin;

	/* run settings that only the command line can give and that change
	 * the filter (the rest, what jailrun is asked to do, is struct
	 * jr_command: command.h) */
	const char *learn;         /* --learn=FILE: write a profile */
	bool learn_append;         /* merge with what FILE observed */
	const char *profile_used;  /* the profile file read, for --list */
	const char *local_used;    /* the NAME.local a run reads (NULL:
				    * none, --noprofile), for reports */

	/* names skipped because they are not syscalls on this architecture
	 * (shown under --debug); the first JR_ABSENT_MAX, then counted */
	const char *absent[JR_ABSENT_MAX];
	size_t nabsent, absent_more;

	struct jr_strpool *pool;
};

struct jr_policy *jr_policy_new(void);
void jr_policy_free(struct jr_policy *pol);

/* Copy S into the policy's pool; lives as long as the policy. */
const char *jr_policy_intern(struct jr_policy *pol, const char *s);

/* Remember that NAME was skipped: no syscall of that name here. */
void jr_policy_note_absent(struct jr_policy *pol, const char *name);

/* A digest of everything that bounds the target, not where each came
 * from: every KEY = VALUE applied, in order, of every key that bounds
 * the sandbox (jr_key_bounds: the key table decides, so a new key is in
 * it unless marked).  --join refuses when the rebuilt policy's differs
 * from the sandbox's. */
uint64_t jr_policy_digest(const struct jr_policy *pol);
void jr_policy_digest_add(struct jr_policy *pol, const char *key,
			  const char *value);

/* A SHA-256 of every KEY = VALUE applied, in order, of every key,
 * bounding or not (the BPF cache's key: everything the compiler reads
 * came through the key table). */
void jr_policy_applied_add(struct jr_policy *pol, const char *key,
			   const char *value);
void jr_policy_applied(const struct jr_policy *pol,
		       unsigned char out[JR_SHA256_LEN]);

/* Whether the policy lets native syscall NR run (a drop beats a keep). */
bool jr_policy_allows(const struct jr_policy *pol, int nr);

/* The first syscall from FROM on that a seccomp.keep keeps and a drop
 * of another profile file denies (an include's `seccomp = yes` or
 * seccomp.drop, jailrun.conf's, or a keep on the command line): the
 * drop wins, so the keep is void for it.  A drop given on the command
 * line is the user's own and no conflict.  Its number, or -1. */
int jr_policy_conflict(const struct jr_policy *pol, int from);

/* True when any seccomp setting asks for a filter. */
bool jr_policy_wants_filter(const struct jr_policy *pol);

#endif
