/* net.c - net = user: the user-mode network helper and the nftables
 * rules of the sandbox's network namespace (see net.h).
 *
 * The helper runs outside the sandbox, as the user, a child of the
 * supervisor: not in the sandbox's pid namespace, so the target can
 * neither signal nor ptrace it.  It carries the parent-death signal and
 * is killed when the supervisor ends. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_log.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"
#include "net.h"
#include "names.h"
#include "netrules.h"
#include "plan.h"

#define NET_READY_MS 10000 /* how long the helper may take to set up */
#define NETFILTER_MAX (256 * 1024)
#define ADDRS_PER_NAME 16

/* NAME in the user's PATH (the helpers run as the user, outside), then
 * in FIXED (nft is in /usr/sbin, often not in a user's PATH). */
static char *find_tool(const char *name, const char *const *fixed)
{
	char *path = NULL;

	if (jr_find_program(name, &path) == 0)
		return path;
	for (; *fixed; fixed++)
		if (access(*fixed, X_OK) == 0)
			return xstrdup(*fixed);
	return NULL;
}

/* The addresses of one rule: the literal, or every address NAME
 * resolves to (once, now; said under --debug). */
static size_t resolve_rule(const struct jr_netrule *r, struct jr_nftaddr *out,
			   size_t room)
{
	struct jr_hostaddr addrs[ADDRS_PER_NAME];
	char said[512] = "";
	size_t used = 0;
	int fam = jr_net_literal(r->host), n;
	const char *why = NULL;

	if (room == 0)
		die("%s: net.allow/net.deny: more than %d addresses", r->origin,
		    JR_NFT_ADDRS_MAX);
	out[0] = (struct jr_nftaddr){
		.family = fam, .lo = r->lo, .hi = r->hi, .deny = r->deny
	};
	if (!strcmp(r->host, "*"))
		return 1;
	if (fam) {
		snprintf(out[0].addr, sizeof(out[0].addr), "%s", r->host);
		return 1;
	}
	n = jr_host_addrs(r->host, addrs,
			  room < ADDRS_PER_NAME ? room : ADDRS_PER_NAME, &why);
	if (n < 0)
		die("%s: net.%s: cannot resolve '%s': %s", r->origin,
		    r->deny ? "deny" : "allow", r->host, why);
	for (int i = 0; i < n; i++) {
		out[i] = out[0];
		out[i].family = addrs[i].family == AF_INET ? 4 : 6;
		snprintf(out[i].addr, sizeof(out[i].addr), "%s", addrs[i].addr);
		if (used < sizeof(said))
			used += (size_t)snprintf(said + used,
						 sizeof(said) - used, "%s%s",
						 used ? " " : "", out[i].addr);
	}
	debugx("net.%s: %s is %s", r->deny ? "deny" : "allow", r->host, said);
	return (size_t)n;
}

/* The sandbox's name servers: dns = ..., or the host's resolv.conf. */
static size_t name_servers(const struct jr_policy *pol, char out[][64])
{
	char line[256];
	size_t n = 0;
	FILE *f;

	for (; n < pol->ndns; n++)
		snprintf(out[n], 64, "%s", pol->dns[n]);
	if (n || !(f = fopen("/etc/resolv.conf", "re")))
		return n;
	while (n < JR_DNS_MAX && fgets(line, sizeof(line), f)) {
		char addr[64];

		if (sscanf(line, " nameserver %63s", addr) == 1 &&
		    jr_net_literal(addr) && !strchr(addr, '/'))
			snprintf(out[n++], 64, "%s", addr);
	}
	fclose(f);
	return n;
}

static char *allow_rules(const struct jr_policy *pol)
{
	struct jr_err err = { { 0 } };
	cleanup_free struct jr_nftaddr *a =
		xcalloc(JR_NFT_ADDRS_MAX, sizeof(*a));
	char dns[JR_DNS_MAX][64];
	size_t n = 0, nd;
	bool allowlist = false;
	char *text;

	for (size_t i = 0; i < pol->nnet_rules; i++) {
		allowlist |= !pol->net_rules[i].deny;
		n += resolve_rule(&pol->net_rules[i], a + n,
				  JR_NFT_ADDRS_MAX - n);
	}
	/* an allow-list keeps name resolution: the servers the sandbox's
	 * resolv.conf names, port 53 */
	nd = allowlist ? name_servers(pol, dns) : 0;
	for (size_t i = 0; i < nd && n < JR_NFT_ADDRS_MAX; i++) {
		a[n] = (struct jr_nftaddr){ .family = jr_net_literal(dns[i]),
					    .lo = 53,
					    .hi = 53 };
		memcpy(a[n++].addr, dns[i], sizeof(dns[i]));
		debugx("net.allow: name server %s, port 53", dns[i]);
	}
	text = jr_nft_ruleset(a, n, allowlist, &err);
	if (!text)
		die("%s", err.msg);
	return text;
}

static char *read_netfilter(const struct jr_policy *pol)
{
	struct jr_err err = { { 0 } };
	cleanup_free char *path =
		jr_path_expand(pol->netfilter, pol->netfilter_origin, &err);
	cleanup_fd int fd = -1;
	char *text;
	ssize_t n;

	if (!path)
		die("%s", err.msg);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("%s: netfilter: %s: %s", pol->netfilter_origin, path,
		    strerror(errno));
	text = xmalloc(NETFILTER_MAX + 1);
	n = read(fd, text, NETFILTER_MAX + 1);
	if (n < 0 || n > NETFILTER_MAX) {
		free(text);
		die("%s: netfilter: %s: %s", pol->netfilter_origin, path,
		    n < 0 ? strerror(errno) : "larger than 256 KiB");
	}
	text[n] = '\0';
	if (strlen(text) != (size_t)n) {
		free(text);
		die("%s: netfilter: %s: a NUL byte in it",
		    pol->netfilter_origin, path);
	}
	debugx("netfilter: %s (%zd bytes) instead of net.allow/net.deny", path,
	       n);
	return text;
}

void jr_net_prepare(const struct jr_policy *pol, struct jr_net *net)
{
	static const char *const none[] = { NULL };
	static const char *const nft[] = { "/usr/sbin/nft", "/sbin/nft", NULL };
	struct jr_err err = { { 0 } };

	memset(net, 0, sizeof(*net));
	if (jr_net_check(pol, &err) < 0)
		die("%s", err.msg);
	if (!pol->net_user)
		return;
	net->helper = find_tool("pasta", none);
	net->pasta = net->helper != NULL;
	if (!net->helper)
		net->helper = find_tool("slirp4netns", none);
	if (!net->helper)
		die("%s: net = user needs pasta or slirp4netns (Debian: "
		    "apt install passt, or slirp4netns)",
		    pol->net_origin);
	if (!net->pasta && pol->nnet_fwd)
		die("%s: net.forward needs pasta (Debian: apt install passt); "
		    "only slirp4netns is here",
		    pol->net_fwd_origin);
	if (access("/dev/net/tun", R_OK | W_OK) < 0)
		die("%s: net = user: /dev/net/tun: %s (%s needs it)",
		    pol->net_origin, strerror(errno),
		    net->pasta ? "pasta" : "slirp4netns");
	debugx("net = user: through %s", net->helper);
	if (!pol->nnet_rules && !pol->netfilter)
		return;
	net->nft = find_tool("nft", nft);
	if (!net->nft)
		die("%s: net.allow, net.deny and netfilter need nft (Debian: "
		    "apt install nftables)",
		    pol->netfilter ? pol->netfilter_origin :
				     pol->net_rules[0].origin);
	net->rules = pol->netfilter ? read_netfilter(pol) : allow_rules(pol);
	debugx("net: nft ruleset for the namespace:\n%s", net->rules);
}

/* The helper's command line, in ARGV (room for 32). */
static void helper_argv(const struct jr_net *net, const struct jr_policy *pol,
			const int fds[4], char **argv, char bufs[][160])
{
	int ready = fds[0], quit = fds[1], netns = fds[2], userns = fds[3];
	size_t i = 0, b = 0;

#define BUF(...) (snprintf(bufs[b], 160, __VA_ARGS__), bufs[b++])
	argv[i++] = net->helper;
	if (net->pasta) {
		char *fwd = bufs[b++];
		size_t used = 0;

		fwd[0] = '\0';
		for (size_t k = 0; k < pol->nnet_fwd; k++)
			used += (size_t)snprintf(fwd + used, 160 - used,
						 "%s%u:%u", k ? "," : "",
						 pol->net_fwd[k].host,
						 pol->net_fwd[k].guest);
		argv[i++] = "--config-net";
		argv[i++] = "--foreground";
		argv[i++] = "--quiet";
		argv[i++] = "-t";
		argv[i++] = pol->nnet_fwd ? fwd : "none";
		argv[i++] = "-u";
		argv[i++] = "none";
		argv[i++] = "-T";
		argv[i++] = "none";
		argv[i++] = "-U";
		argv[i++] = "none";
		argv[i++] = "--netns";
		argv[i++] = BUF("/proc/self/fd/%d", netns);
		if (userns >= 0) {
			argv[i++] = "--userns";
			argv[i++] = BUF("/proc/self/fd/%d", userns);
		}
		if (geteuid() == 0) {
			/* stays root, so that it can enter root's namespace
			 * and keeps its parent-death signal */
			argv[i++] = "--runas";
			argv[i++] = "0";
		}
		argv[i++] = "--pid";
		argv[i++] = BUF("/proc/self/fd/%d", ready);
	} else {
		argv[i++] = "--configure";
		argv[i++] = "--mtu=65520";
		argv[i++] = "--enable-ipv6";
		argv[i++] = BUF("--ready-fd=%d", ready);
		argv[i++] = BUF("--exit-fd=%d", quit);
		if (userns >= 0)
			argv[i++] =
				BUF("--userns-path=/proc/self/fd/%d", userns);
		argv[i++] = "--netns-type=path";
		argv[i++] = BUF("/proc/self/fd/%d", netns);
		argv[i++] = "tap0";
	}
	argv[i] = NULL;
#undef BUF
}

__attribute__((noreturn)) static void exec_helper(char **argv, pid_t parent,
						  const int fds[4])
{
	sigset_t none;

	sigemptyset(&none);
	if (sigprocmask(SIG_SETMASK, &none, NULL) < 0 ||
	    prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(EXIT_JAILRUN);
	/* the descriptors it is given cross execve (the namespaces by
	 * descriptor: pasta cannot open root's /proc/PID/ns/net by name) */
	for (int i = 0; i < 4; i++)
		if (fds[i] >= 0 && fcntl(fds[i], F_SETFD, 0) < 0)
			_exit(EXIT_JAILRUN);
	/* slirp4netns talks on both streams even when all is well: only
	 * under --debug (pasta, with --quiet, only says its errors) */
	if (!strstr(argv[0], "pasta") && jr_verbosity < 2) {
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

		if (null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(EXIT_JAILRUN);
	}
	execv(argv[0], argv);
	fprintf(stderr, "jailrun: %s: %s\n", argv[0], strerror(errno));
	_exit(EXIT_JAILRUN);
}

/* Until the helper says it is ready (pasta writes its pid, slirp4netns
 * a byte) or gives up. */
static bool wait_ready(int fd)
{
	struct pollfd pf = { fd, POLLIN, 0 };
	char buf[32];

	for (;;) {
		int r = poll(&pf, 1, NET_READY_MS);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		return read(fd, buf, sizeof(buf)) > 0;
	}
}

static int quit_fd = -1; /* slirp4netns ends when this closes */

void jr_net_attach(struct jr_net *net, const struct jr_policy *pol, pid_t init,
		   bool userns)
{
	char *argv[32], bufs[8][160], path[64];
	int ready[2], quit[2], status, fds[4];
	pid_t parent = getpid();

	if (!net->helper)
		return;
	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(quit, O_CLOEXEC) < 0)
		die_errno("pipe");
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)init);
	fds[0] = ready[1];
	fds[1] = quit[0];
	fds[2] = open(path, O_RDONLY | O_CLOEXEC);
	fds[3] = -1;
	if (fds[2] >= 0 && userns) {
		snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)init);
		fds[3] = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fds[2] < 0 || (userns && fds[3] < 0)) {
		kill(init, SIGKILL);
		die_errno("net = user: %s", path);
	}
	helper_argv(net, pol, fds, argv, bufs);
	net->pid = fork();
	if (net->pid < 0)
		die_errno("fork");
	if (net->pid == 0)
		exec_helper(argv, parent, fds);
	close(fds[2]);
	if (fds[3] >= 0)
		close(fds[3]);
	close(ready[1]);
	close(quit[0]);
	quit_fd = quit[1];
	if (!wait_ready(ready[0])) {
		close(ready[0]);
		kill(net->pid, SIGKILL);
		waitpid(net->pid, &status, 0);
		net->pid = 0;
		kill(init, SIGKILL);
		die("net = user: %s did not set up the namespace (exit %d)",
		    net->helper, jr_exit_code(status));
	}
	close(ready[0]);
	debugx("net = user: %s (pid %d) attached to the sandbox's network "
	       "namespace",
	       net->pasta ? "pasta" : "slirp4netns", (int)net->pid);
}

void jr_net_stop(struct jr_net *net)
{
	if (quit_fd >= 0) {
		close(quit_fd);
		quit_fd = -1;
	}
	if (net->pid > 0) {
		kill(net->pid, SIGKILL);
		waitpid(net->pid, NULL, 0);
		net->pid = 0;
	}
}

void jr_net_free(struct jr_net *net)
{
	free(net->helper);
	free(net->nft);
	free(net->rules);
	memset(net, 0, sizeof(*net));
}

/* CAP_NET_ADMIN into the inheritable and ambient sets, so that nft keeps
 * it across execve (the init's uid is no root in its user namespace). */
static int keep_net_admin(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return -1;
	d[CAP_NET_ADMIN / 32].inheritable |= 1U << (CAP_NET_ADMIN % 32);
	if (syscall(SYS_capset, &h, d) < 0)
		return -1;
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_ADMIN, 0, 0);
}

int jr_net_load_rules(const char *nft, const char *rules, struct jr_err *err)
{
	int in[2], status;
	size_t len = strlen(rules), done = 0;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) < 0)
		return jr_fail(err, NULL, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		return jr_fail(err, NULL, "fork: %s", strerror(errno));
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		if (dup2(in[0], 0) < 0 || keep_net_admin() < 0 ||
		    sigprocmask(SIG_SETMASK, &none, NULL) < 0)
			_exit(EXIT_JAILRUN);
		execl(nft, nft, "-f", "-", (char *)NULL);
		_exit(EXIT_NOEXEC);
	}
	close(in[0]);
	while (done < len) {
		ssize_t n = write(in[1], rules + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(in[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return jr_fail(err, NULL,
			       "%s could not load the network rules "
			       "(exit %d; nft said why above)",
			       nft, jr_exit_code(status));
	debugx("net: nft rules loaded in the sandbox's network namespace");
	return 0;
}

/* ---- --report: refused connections, from the NFLOG group ---------------- */

/* One NFLOG configuration message for JR_NFLOG_GROUP with attribute TYPE
 * holding LEN bytes of DATA; 0 when the kernel acknowledged it. */
static int nflog_config(int fd, unsigned short type, const void *data,
			size_t len)
{
	union {
		char buf[256];
		struct nlmsghdr align;
	} u = { { 0 } };
	struct nlmsghdr *nh = &u.align;
	struct nfgenmsg *g = NLMSG_DATA(nh);
	struct nlattr *a =
		(struct nlattr *)((char *)g + NLMSG_ALIGN(sizeof(*g)));
	struct nlmsgerr *e;
	ssize_t n;

	a->nla_type = type;
	a->nla_len = (unsigned short)(NLA_HDRLEN + len);
	memcpy((char *)a + NLA_HDRLEN, data, len);
	nh->nlmsg_len =
		NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*g)) + NLA_ALIGN(a->nla_len));
	nh->nlmsg_type = (NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_CONFIG;
	nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g->nfgen_family = AF_UNSPEC;
	g->version = NFNETLINK_V0;
	g->res_id = htons(JR_NFLOG_GROUP);
	if (send(fd, nh, nh->nlmsg_len, 0) < 0)
		return -1;
	n = recv(fd, u.buf, sizeof(u.buf), 0);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(*e)) ||
	    nh->nlmsg_type != NLMSG_ERROR)
		return -1;
	e = NLMSG_DATA(nh);
	errno = -e->error;
	return e->error ? -1 : 0;
}

int jr_net_log_open(struct jr_err *err)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nfulnl_msg_config_cmd cmd = { NFULNL_CFG_CMD_BIND };
	struct nfulnl_msg_config_mode mode = {
		.copy_range = htonl(64), .copy_mode = NFULNL_COPY_PACKET
	};
	uint32_t qthresh = htonl(1); /* each packet at once, not batched */
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    nflog_config(fd, NFULA_CFG_CMD, &cmd, sizeof(cmd)) < 0 ||
	    nflog_config(fd, NFULA_CFG_MODE, &mode, sizeof(mode)) < 0 ||
	    nflog_config(fd, NFULA_CFG_QTHRESH, &qthresh, sizeof(qthresh)) <
		    0) {
		jr_fail(err, NULL, "the log of refused connections: %s",
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

#define SEEN_MAX 64

struct seen {
	char what[80];
};

static struct seen seen[SEEN_MAX];
static size_t nseen;
static unsigned long refused;

/* "192.0.2.1 port 80 (tcp)" of the packet's first bytes, or "" */
static void describe_packet(const unsigned char *p, size_t n, char *out,
			    size_t size)
{
	char addr[INET6_ADDRSTRLEN] = "";
	size_t l4 = 0;
	int proto = -1;

	out[0] = '\0';
	if (n >= 20 && p[0] >> 4 == 4) {
		inet_ntop(AF_INET, p + 16, addr, sizeof(addr));
		l4 = (size_t)(p[0] & 15) * 4;
		proto = p[9];
	} else if (n >= 40 && p[0] >> 4 == 6) {
		inet_ntop(AF_INET6, p + 24, addr, sizeof(addr));
		l4 = 40;
		proto = p[6];
	} else {
		return;
	}
	if ((proto == 6 || proto == 17) && n >= l4 + 4)
		snprintf(out, size, "%s port %u (%s)", addr,
			 (unsigned)(p[l4 + 2] << 8 | p[l4 + 3]),
			 proto == 6 ? "tcp" : "udp");
	else
		snprintf(out, size, "%s (protocol %d)", addr, proto);
}

static void report_refusal(const struct jr_policy *pol, const char *what)
{
	bool allow = false, deny = false;

	refused++;
	for (size_t i = 0; i < nseen; i++)
		if (!strcmp(seen[i].what, what))
			return; /* said once per destination */
	if (nseen < SEEN_MAX)
		snprintf(seen[nseen++].what, sizeof(seen[0].what), "%s", what);
	for (size_t i = 0; i < pol->nnet_rules; i++) {
		allow |= !pol->net_rules[i].deny;
		deny |= pol->net_rules[i].deny;
	}
	fprintf(stderr, "jailrun: blocked: connection to %s — %s (%s)\n", what,
		allow && deny ? "refused by net.allow/net.deny" :
		allow         ? "not in net.allow" :
				"refused by net.deny",
		pol->nnet_rules ? pol->net_rules[0].origin : "?");
}

bool jr_net_log_read(int fd, const struct jr_policy *pol)
{
	union {
		char buf[4096];
		struct nlmsghdr align;
	} u;
	ssize_t n = recv(fd, u.buf, sizeof(u.buf), MSG_DONTWAIT);
	int len = (int)n;

	if (n <= 0)
		return false;
	for (struct nlmsghdr *nh = &u.align; NLMSG_OK(nh, len);
	     nh = NLMSG_NEXT(nh, len)) {
		struct nlattr *a;
		int alen;

		if (nh->nlmsg_type !=
		    ((NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_PACKET))
			continue;
		a = (struct nlattr *)((char *)NLMSG_DATA(nh) +
				      NLMSG_ALIGN(sizeof(struct nfgenmsg)));
		alen = (int)nh->nlmsg_len -
		       (int)NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct nfgenmsg)));
		while (alen >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
		       a->nla_len <= alen) {
			if ((a->nla_type & NLA_TYPE_MASK) == NFULA_PAYLOAD) {
				char what[80];

				describe_packet((unsigned char *)a + NLA_HDRLEN,
						a->nla_len - NLA_HDRLEN, what,
						sizeof(what));
				if (what[0])
					report_refusal(pol, what);
			}
			alen -= NLA_ALIGN(a->nla_len);
			a = (struct nlattr *)((char *)a +
					      NLA_ALIGN(a->nla_len));
		}
	}
	return true;
}

void jr_net_log_summary(void)
{
	if (refused)
		fprintf(stderr,
			"jailrun: summary: refused %lu connection "
			"attempt%s (net.allow/net.deny)\n",
			refused, refused == 1 ? "" : "s");
}

void jr_net_log_send(int chan)
{
	struct jr_err err = { { 0 } };
	int fd = jr_net_log_open(&err);
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	char one = 'n';
	struct iovec iov = { .iov_base = &one, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	if (fd < 0) {
		warnx_jr("%s: --report will not name refused connections",
			 err.msg);
		close(chan);
		return;
	}
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmsg(chan, &msg, 0) < 0)
		warnx_jr("handing over the log of refused connections: %s",
			 strerror(errno));
	close(fd);
	close(chan);
}

int jr_net_log_recv(int chan)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	char one;
	struct iovec iov = { .iov_base = &one, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	int fd = -1;
	ssize_t n;

	do
		n = recvmsg(chan, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	close(chan);
	if (n <= 0)
		return -1; /* the init said why, or died */
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
	if (fd >= 0)
		debugx("net: reading refused connections (NFLOG group %d)",
		       JR_NFLOG_GROUP);
	return fd;
}
