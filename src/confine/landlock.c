/* landlock.c - the confinement plan's Landlock domain and environment,
 * applied by the launcher (after no_new_privs, before the seccomp
 * filter), and the --debug description of the whole plan.
 *
 * Access rights and their ABI versions are from the kernel's
 * Documentation/userspace-api/landlock.rst and uapi/linux/landlock.h;
 * the headers of this distribution may be older than the kernel, so the
 * numbers are spelled out here. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "landlock.h"
#include "policy.h"
#include "process.h"

#define LL_EXECUTE (1ULL << 0)
#define LL_WRITE_FILE (1ULL << 1)
#define LL_READ_FILE (1ULL << 2)
#define LL_READ_DIR (1ULL << 3)
#define LL_REMOVE_DIR (1ULL << 4)
#define LL_REMOVE_FILE (1ULL << 5)
#define LL_MAKE_CHAR (1ULL << 6)
#define LL_MAKE_DIR (1ULL << 7)
#define LL_MAKE_REG (1ULL << 8)
#define LL_MAKE_SOCK (1ULL << 9)
#define LL_MAKE_FIFO (1ULL << 10)
#define LL_MAKE_BLOCK (1ULL << 11)
#define LL_MAKE_SYM (1ULL << 12)
#define LL_REFER (1ULL << 13)     /* ABI 2 */
#define LL_TRUNCATE (1ULL << 14)  /* ABI 3 */
#define LL_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#define LL_NET_BIND_TCP (1ULL << 0)    /* ABI 4 */
#define LL_NET_CONNECT_TCP (1ULL << 1) /* ABI 4 */
#define LL_SCOPE_ABSTRACT_UNIX (1ULL << 0) /* ABI 6 */
#define LL_SCOPE_SIGNAL (1ULL << 1)        /* ABI 6 */
#define LL_RULE_PATH_BENEATH 1
#define LL_RULE_NET_PORT 2
#define LL_CREATE_RULESET_VERSION (1U << 0)

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

struct ll_path_beneath {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct ll_net_port {
	uint64_t allowed_access;
	uint64_t port;
};

/* The rights that apply to a file (not a directory). */
#define LL_FILE_RIGHTS                                                         \
	(LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE | LL_TRUNCATE | LL_IOCTL_DEV)

static const struct {
	uint64_t bit;
	const char *name;
	int abi;
} ll_rights[] = {
	{ LL_EXECUTE, "execute", 1 },	    { LL_WRITE_FILE, "write_file", 1 },
	{ LL_READ_FILE, "read_file", 1 },   { LL_READ_DIR, "read_dir", 1 },
	{ LL_REMOVE_DIR, "remove_dir", 1 }, { LL_REMOVE_FILE, "remove_file", 1 },
	{ LL_MAKE_CHAR, "make_char", 1 },   { LL_MAKE_DIR, "make_dir", 1 },
	{ LL_MAKE_REG, "make_reg", 1 },	    { LL_MAKE_SOCK, "make_sock", 1 },
	{ LL_MAKE_FIFO, "make_fifo", 1 },   { LL_MAKE_BLOCK, "make_block", 1 },
	{ LL_MAKE_SYM, "make_sym", 1 },	    { LL_REFER, "refer", 2 },
	{ LL_TRUNCATE, "truncate", 3 },	    { LL_IOCTL_DEV, "ioctl_dev", 5 },
};

int jr_landlock_abi(void)
{
	long v = syscall(SYS_landlock_create_ruleset, NULL, 0,
			 LL_CREATE_RULESET_VERSION);

	return v < 0 ? 0 : (int)v;
}

/* Every file-system right this ABI knows: all of them are handled, so
 * what no rule grants is denied. */
static uint64_t fs_handled(int abi)
{
	uint64_t r = 0;

	for (size_t i = 0; i < ARRAY_SIZE(ll_rights); i++)
		if (ll_rights[i].abi <= abi)
			r |= ll_rights[i].bit;
	return r;
}

/* jailrun's read/write/exec as Landlock rights (within the handled). */
static uint64_t fs_rights(unsigned access, int abi)
{
	uint64_t r = 0;

	if (access & JR_LL_READ)
		r |= LL_READ_FILE | LL_READ_DIR;
	if (access & JR_LL_EXEC)
		r |= LL_EXECUTE;
	if (access & JR_LL_WRITE)
		r |= LL_WRITE_FILE | LL_REMOVE_DIR | LL_REMOVE_FILE |
		     LL_MAKE_DIR | LL_MAKE_REG | LL_MAKE_SOCK | LL_MAKE_FIFO |
		     LL_MAKE_SYM | LL_REFER | LL_TRUNCATE | LL_IOCTL_DEV;
	return r & fs_handled(abi);
}

static void rights_text(uint64_t r, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(ll_rights) && used < n; i++)
		if (r & ll_rights[i].bit)
			used += (size_t)snprintf(buf + used, n - used, "%s%s",
						 used ? "," : "",
						 ll_rights[i].name);
}

static const char *access_words(unsigned a)
{
	static const char *const words[] = {
		"-",	      "read",	     "write",	  "read,write",
		"exec",	      "read,exec",   "write,exec", "read,write,exec",
	};
	return words[a & 7];
}

/* ---- the launcher's part ------------------------------------------------- */

static long add_rule(int ruleset, struct ll_path_beneath *pb)
{
	return syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH,
		       pb, 0);
}

/* A directory gets all of its rights, a file those that apply to a file.
 * Which one PATH is, the kernel says (no fstat): it refuses a rule that
 * gives a file a directory's right with EINVAL (security/landlock/fs.c,
 * landlock_append_fs_rule, since ABI 1), the only EINVAL left once the
 * rights are within the handled ones; the rule is then given again with
 * the file's rights. */
static int add_path(int ruleset, const struct jr_llrule *r, int abi,
		    struct jr_err *err)
{
	struct ll_path_beneath pb = { 0 };
	cleanup_fd int fd = open(r->path, O_PATH | O_CLOEXEC);
	long rc;

	if (fd < 0) {
		if (r->optional && errno == ENOENT)
			return 0;
		return jr_fail(err, r->origin, "landlock: %s: %s", r->path,
			       strerror(errno));
	}
	pb.parent_fd = fd;
	pb.allowed_access = fs_rights(r->access, abi);
	if (!pb.allowed_access)
		return 0;
	rc = add_rule(ruleset, &pb);
	if (rc < 0 && errno == EINVAL &&
	    (pb.allowed_access & ~LL_FILE_RIGHTS)) {
		pb.allowed_access &= LL_FILE_RIGHTS;
		if (!pb.allowed_access)
			return 0;
		rc = add_rule(ruleset, &pb);
	}
	if (rc < 0)
		return jr_fail(err, r->origin, "landlock: rule for %s: %s",
			       r->path, strerror(errno));
	return 0;
}

static int add_ports(int ruleset, const uint64_t *bits, uint64_t right,
		     struct jr_err *err)
{
	for (uint64_t p = 0; p < 65536; p++) {
		struct ll_net_port np = { .allowed_access = right, .port = p };

		if (!(bits[p / 64] & (1ULL << (p % 64))))
			continue;
		if (syscall(SYS_landlock_add_rule, ruleset, LL_RULE_NET_PORT,
			    &np, 0) < 0)
			return jr_fail(err, NULL, "landlock: port %llu: %s",
				       (unsigned long long)p, strerror(errno));
	}
	return 0;
}

/* The shield, for a target that shares jailrun's pid namespace and so
 * can name the supervisor, the init and the D-Bus proxy: a Landlock
 * domain of its own, whatever the profile says, since Landlock refuses
 * ptrace, /proc/PID/mem and process_vm_writev of a process outside the
 * domain even to a holder of CAP_SYS_PTRACE; and from ABI 6, signals to
 * processes outside it.  When nothing else is handled, the domain
 * handles only the creation of block devices, which the target could
 * not do anyway (CAP_MKNOD in the initial user namespace). */
static void shield(struct ll_ruleset_attr *attr, int abi)
{
	if (abi >= 6)
		attr->scoped |= LL_SCOPE_SIGNAL;
	if (!attr->handled_access_fs && !attr->handled_access_net &&
	    !attr->scoped)
		attr->handled_access_fs = LL_MAKE_BLOCK;
}

int jr_confine_restrict(const struct jr_confine *plan,
			const struct jr_policy *pol, bool outside_visible,
			struct jr_err *err)
{
	struct ll_ruleset_attr attr = { 0 };
	cleanup_fd int ruleset = -1;
	int abi = plan->ll_abi;
	int r;

	r = jr_env_change(plan->env_unset, plan->nenv_unset, plan->env_set,
			  plan->nenv_set);
	if (r < 0)
		return jr_fail(err, NULL, "the sandbox's environment: %s",
			       strerror(-r));
	if (abi < 1)
		return 0; /* warned about (or refused) by the supervisor */
	if (plan->ll_fs)
		attr.handled_access_fs = fs_handled(abi);
	if (abi >= 4) {
		if (pol->ll_bind_set)
			attr.handled_access_net |= LL_NET_BIND_TCP;
		if (pol->ll_connect_set)
			attr.handled_access_net |= LL_NET_CONNECT_TCP;
	}
	if (abi >= 6) {
		if (pol->ll_scope & JR_SCOPE_ABSTRACT_UNIX)
			attr.scoped |= LL_SCOPE_ABSTRACT_UNIX;
		if (pol->ll_scope & JR_SCOPE_SIGNAL)
			attr.scoped |= LL_SCOPE_SIGNAL;
	}
	if (outside_visible)
		shield(&attr, abi);
	if (!attr.handled_access_fs && !attr.handled_access_net && !attr.scoped)
		return 0;
	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr,
			       abi >= 6 ? sizeof(attr) :
			       abi >= 4 ? offsetof(struct ll_ruleset_attr, scoped) :
					  sizeof(uint64_t),
			       0);
	if (ruleset < 0)
		return jr_fail(err, NULL, "landlock: creating the ruleset: %s",
			       strerror(errno));
	for (size_t i = 0; plan->ll_fs && i < plan->nll; i++)
		if (add_path(ruleset, &plan->ll[i], abi, err) < 0)
			return -1;
	if ((attr.handled_access_net & LL_NET_BIND_TCP) &&
	    add_ports(ruleset, pol->ll_bind, LL_NET_BIND_TCP, err) < 0)
		return -1;
	if ((attr.handled_access_net & LL_NET_CONNECT_TCP) &&
	    add_ports(ruleset, pol->ll_connect, LL_NET_CONNECT_TCP, err) < 0)
		return -1;
	if (syscall(SYS_landlock_restrict_self, ruleset, 0) < 0)
		return jr_fail(err, NULL, "landlock: restricting: %s",
			       strerror(errno));
	return 0;
}

/* ---- --debug ------------------------------------------------------------- */

static const char *const op_names[] = {
	[JR_MNT_MKDIR] = "mkdir", [JR_MNT_TMPFS] = "tmpfs",
	[JR_MNT_BIND] = "bind",	  [JR_MNT_DEV] = "private /dev",
	[JR_MNT_HIDE] = "hide",	  [JR_MNT_RO] = "read-only",
	[JR_MNT_FILE] = "file",	  [JR_MNT_LINK] = "symlink",
	[JR_MNT_MKFILE] = "mkfile", [JR_MNT_RW] = "read-write",
	[JR_MNT_NOEXEC] = "noexec",
};

static void describe_ports(const char *what, const uint64_t *bits)
{
	char buf[256];
	size_t used = 0;
	unsigned n = 0;

	buf[0] = '\0';
	for (unsigned p = 0; p < 65536; p++) {
		if (!(bits[p / 64] & (1ULL << (p % 64))))
			continue;
		if (n++ < 16 && used < sizeof(buf))
			used += (size_t)snprintf(buf + used, sizeof(buf) - used,
						 "%s%u", used ? "," : "", p);
	}
	debugx("landlock: TCP %s only to: %s%s", what, n ? buf : "no port",
	       n > 16 ? ", ..." : "");
}

void jr_confine_describe(const struct jr_confine *plan,
			 const struct jr_policy *pol)
{
	char buf[512];

	for (size_t i = 0; i < plan->nnotes; i++)
		debugx("%s", plan->notes[i]);
	for (size_t i = 0; i < plan->nmounts; i++) {
		const struct jr_mount *m = &plan->mounts[i];

		debugx("mount plan: %-12s %s%s%s  (%s)", op_names[m->op],
		       m->src ? m->src : "", m->src ? " -> " : "", m->dst,
		       m->origin);
	}
	if (plan->ll_fs) {
		rights_text(fs_handled(plan->ll_abi), buf, sizeof(buf));
		debugx("landlock: ABI %d, handled: %s", plan->ll_abi, buf);
	}
	for (size_t i = 0; plan->ll_fs && i < plan->nll; i++) {
		const struct jr_llrule *r = &plan->ll[i];

		struct stat st;
		uint64_t rights = fs_rights(r->access, plan->ll_abi);

		/* what the kernel is given: file rights only, for a file */
		if (stat(r->path, &st) == 0 && !S_ISDIR(st.st_mode))
			rights &= LL_FILE_RIGHTS;
		rights_text(rights, buf, sizeof(buf));
		debugx("landlock: %-16s %s  = %s  (%s)",
		       access_words(r->access), r->path, buf, r->origin);
	}
	if (pol->ll_bind_set)
		describe_ports("bind", pol->ll_bind);
	if (pol->ll_connect_set)
		describe_ports("connect", pol->ll_connect);
	if (pol->ll_scope)
		debugx("landlock: scoped:%s%s",
		       pol->ll_scope & JR_SCOPE_ABSTRACT_UNIX ?
			       " abstract unix sockets" :
			       "",
		       pol->ll_scope & JR_SCOPE_SIGNAL ? " signals" : "");
	for (size_t i = 0; i < plan->nenv_unset; i++)
		debugx("environment: unset %s", plan->env_unset[i]);
	for (size_t i = 0; i < plan->nenv_set; i++)
		debugx("environment: %s", plan->env_set[i]);
}
