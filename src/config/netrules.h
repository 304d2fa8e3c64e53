/* netrules.h - the network keys' values (net.allow, net.deny, dns,
 * net.forward) and what they become: the nftables ruleset the init
 * loads in the sandbox's network namespace and the resolv.conf a dns
 * key puts in place.  Pure: host names are resolved by the running
 * layer (net.c), which hands the addresses back here. */
#ifndef JAILRUN_NETRULES_H
#define JAILRUN_NETRULES_H

#include <stdbool.h>
#include <stddef.h>

#include "policy.h"
#include "util.h"

/* One HOST[:PORT[-PORT]] item: HOST is a name, an IPv4 or IPv6 address
 * (IPv6 with a port as [ADDR]:PORT), either with a /PREFIX, or "*" (any
 * address).  Fills R (host copied into R->host); 0 or -1 with ERR. */
int jr_netrule_parse(const char *item, struct jr_netrule *r, const char *where,
		     struct jr_err *err);

/* An IPv4 or IPv6 address, optionally with /PREFIX: 4 or 6, 0 if not. */
int jr_net_literal(const char *host);

/* HOSTPORT:PORT, each 1-65535. */
int jr_netfwd_parse(const char *item, unsigned *host, unsigned *guest,
		    const char *where, struct jr_err *err);

/* A resolved rule: one address (or none: any) and a port range. */
struct jr_nftaddr {
	int family;      /* 4, 6, or 0 for any address */
	char addr[64];   /* address[/prefix] as nft reads it */
	unsigned lo, hi; /* 0, 0: every port */
	bool deny;
};

#define JR_NFT_ADDRS_MAX 512

/* The NFLOG group the refusals are logged to, for --report: the
 * supervisor reads it through a socket the init bound in the sandbox's
 * namespace (a group is per network namespace). */
#define JR_NFLOG_GROUP 4151

/* The ruleset: deny entries refused, then allow entries accepted, then,
 * when ALLOWLIST, everything else refused.  Loopback and replies always
 * pass.  A refused TCP connection gets a reset (ECONNREFUSED), anything
 * else ICMP administratively prohibited; each refusal is logged to
 * JR_NFLOG_GROUP (its first bytes).  malloc'd text, or NULL with
 * ERR. */
char *jr_nft_ruleset(const struct jr_nftaddr *a, size_t n, bool allowlist,
		     struct jr_err *err);

/* /etc/resolv.conf naming the policy's dns servers; malloc'd. */
char *jr_resolv_conf(const struct jr_policy *pol);

/* The network keys that only make sense together: net.allow, net.deny,
 * netfilter and net.forward need net = user; netfilter replaces
 * net.allow and net.deny; the target keeps no CAP_NET_ADMIN over its
 * rules.  0 or -1 with ERR. */
int jr_net_check(const struct jr_policy *pol, struct jr_err *err);

#endif
