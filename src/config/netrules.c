/* netrules.c - the network keys' values and the nftables ruleset and
 * resolv.conf they become (see netrules.h). */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netrules.h"

/* "NUMBER" in 1..65535 (0 too when ZERO): the whole string. */
static int port_of(const char *s, size_t n, bool zero, unsigned *out)
{
	unsigned long v = 0;

	if (!n || n > 5)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > 65535 || (!v && !zero))
		return -1;
	*out = (unsigned)v;
	return 0;
}

int jr_net_literal(const char *host)
{
	char buf[64];
	const char *slash = strchr(host, '/');
	size_t n = slash ? (size_t)(slash - host) : strlen(host);
	unsigned char bin[16];
	unsigned prefix;
	int fam;

	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, host, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, bin) == 1)
		fam = 4;
	else if (inet_pton(AF_INET6, buf, bin) == 1)
		fam = 6;
	else
		return 0;
	if (slash &&
	    (port_of(slash + 1, strlen(slash + 1), true, &prefix) < 0 ||
	     prefix > (fam == 4 ? 32u : 128u)))
		return 0;
	return fam;
}

/* A host name as DNS spells it: labels of letters, digits and '-'. */
static bool is_hostname(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 253 || s[0] == '.' || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.')
			return false;
	return true;
}

static int bad_rule(const char *item, const char *where, struct jr_err *err)
{
	return jr_fail(err, where,
		       "'%s': expected HOST[:PORT[-PORT]] (HOST a name, an "
		       "address[/prefix], [IPv6]:PORT, or *)",
		       item);
}

int jr_netrule_parse(const char *item, struct jr_netrule *r, const char *where,
		     struct jr_err *err)
{
	const char *host = item, *ports = NULL;
	size_t hlen;

	memset(r, 0, sizeof(*r));
	if (item[0] == '[') {
		const char *close = strchr(item, ']');

		if (!close || (close[1] && close[1] != ':'))
			return bad_rule(item, where, err);
		host = item + 1;
		hlen = (size_t)(close - host);
		ports = close[1] ? close + 2 : NULL;
	} else if (strchr(item, ':') &&
		   strchr(item, ':') != strrchr(item, ':')) {
		hlen = strlen(item); /* a bare IPv6 address: no port */
	} else {
		const char *colon = strchr(item, ':');

		hlen = colon ? (size_t)(colon - item) : strlen(item);
		ports = colon ? colon + 1 : NULL;
	}
	if (!hlen || hlen >= sizeof(r->host))
		return bad_rule(item, where, err);
	memcpy(r->host, host, hlen);
	r->host[hlen] = '\0';
	if (strcmp(r->host, "*") != 0 && !jr_net_literal(r->host) &&
	    (item[0] == '[' || strchr(r->host, '/') || !is_hostname(r->host)))
		return bad_rule(item, where, err);
	if (ports) {
		const char *dash = strchr(ports, '-');
		size_t n1 = dash ? (size_t)(dash - ports) : strlen(ports);

		if (port_of(ports, n1, false, &r->lo) < 0 ||
		    (dash &&
		     port_of(dash + 1, strlen(dash + 1), false, &r->hi) < 0))
			return jr_fail(err, where,
				       "'%s': a port is 1-65535, a range "
				       "FIRST-LAST",
				       item);
		if (!dash)
			r->hi = r->lo;
		if (r->lo > r->hi)
			return jr_fail(err, where,
				       "'%s': the range's first port is above "
				       "its last",
				       item);
	} else if (!strcmp(r->host, "*")) {
		return jr_fail(err, where, "'%s': * needs a port (*:PORT)",
			       item);
	}
	return 0;
}

int jr_netfwd_parse(const char *item, unsigned *host, unsigned *guest,
		    const char *where, struct jr_err *err)
{
	const char *colon = strchr(item, ':');

	if (!colon || port_of(item, (size_t)(colon - item), false, host) < 0 ||
	    port_of(colon + 1, strlen(colon + 1), false, guest) < 0)
		return jr_fail(err, where,
			       "'%s': expected HOSTPORT:PORT (each 1-65535)",
			       item);
	return 0;
}

/* Text that grows; on overflow the result is dropped. */
struct text {
	char *buf;
	size_t len, cap;
	bool full;
};

static void add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= t->cap - t->len)
		t->full = true;
	else
		t->len += (size_t)n;
}

static void add_match(struct text *t, const struct jr_nftaddr *a)
{
	add(t, "\t\t");
	if (a->family)
		add(t, "%s daddr %s ", a->family == 4 ? "ip" : "ip6", a->addr);
	if (a->lo && a->lo == a->hi)
		add(t, "meta l4proto { tcp, udp } th dport %u ", a->lo);
	else if (a->lo)
		add(t, "meta l4proto { tcp, udp } th dport %u-%u ", a->lo,
		    a->hi);
	add(t, "%s\n", a->deny ? "goto refuse" : "accept");
}

/* About 100 bytes a rule, and the frame. */
#define RULESET_MAX (JR_NFT_ADDRS_MAX * 128 + 1024)

char *jr_nft_ruleset(const struct jr_nftaddr *a, size_t n, bool allowlist,
		     struct jr_err *err)
{
	struct text t = { .buf = xmalloc(RULESET_MAX), .cap = RULESET_MAX };

	if (n > JR_NFT_ADDRS_MAX) {
		free(t.buf);
		jr_fail(err, NULL, "net.allow/net.deny: more than %d addresses",
			JR_NFT_ADDRS_MAX);
		return NULL;
	}
	add(&t,
	    "table inet jailrun {\n"
	    "\tchain refuse {\n"
	    "\t\tlog group %d snaplen 64\n"
	    "\t\tmeta l4proto tcp reject with tcp reset\n"
	    "\t\treject with icmpx type admin-prohibited\n"
	    "\t}\n"
	    "\tchain output {\n"
	    "\t\ttype filter hook output priority filter; policy accept;\n"
	    "\t\toifname \"lo\" accept\n"
	    "\t\tct state established,related accept\n"
	    "\t\ticmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, "
	    "nd-router-solicit, mld-listener-report, "
	    "mld2-listener-report } accept\n",
	    JR_NFLOG_GROUP);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if (a[i].deny == (pass == 0))
				add_match(&t, &a[i]);
	if (allowlist)
		add(&t, "\t\tgoto refuse\n");
	add(&t, "\t}\n}\n");
	if (t.full) {
		free(t.buf);
		jr_fail(err, NULL,
			"net.allow/net.deny: the ruleset is too long");
		return NULL;
	}
	return t.buf;
}

char *jr_resolv_conf(const struct jr_policy *pol)
{
	struct text t = { .buf = xmalloc(512), .cap = 512 };

	add(&t, "# written by jailrun (dns = ...)\n");
	for (size_t i = 0; i < pol->ndns; i++)
		add(&t, "nameserver %s\n", pol->dns[i]);
	return t.buf; /* at most 3 addresses of at most 45 characters */
}

int jr_net_check(const struct jr_policy *pol, struct jr_err *err)
{
	if (pol->nnet_rules && !pol->net_user)
		return jr_fail(err, pol->net_rules[0].origin,
			       "net.allow and net.deny need net = user");
	if (pol->netfilter && !pol->net_user)
		return jr_fail(err, pol->netfilter_origin,
			       "netfilter needs net = user");
	if (pol->nnet_fwd && !pol->net_user)
		return jr_fail(err, pol->net_fwd_origin,
			       "net.forward needs net = user");
	if (pol->netfilter && pol->nnet_rules)
		return jr_fail(err, pol->netfilter_origin,
			       "netfilter replaces net.allow and net.deny: "
			       "give one or the other");
	if ((pol->netfilter || pol->nnet_rules) && pol->caps_keep_set &&
	    (pol->caps_keep & (1ULL << CAP_NET_ADMIN)))
		return jr_fail(err, pol->caps_keep_origin,
			       "caps.keep = net_admin would let the target "
			       "change its own net.allow/net.deny rules");
	return 0;
}
