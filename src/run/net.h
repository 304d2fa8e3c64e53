/* net.h - net = user: the user-mode network helper (pasta, or
 * slirp4netns where pasta is missing) that the supervisor attaches to
 * the sandbox's network namespace, and the nftables rules the init
 * loads there before the target starts. */
#ifndef JAILRUN_NET_H
#define JAILRUN_NET_H

#include <stdbool.h>
#include <sys/types.h>

#include "policy.h"
#include "util.h"

struct jr_net {
	char *helper; /* path of pasta or slirp4netns; NULL: no net = user */
	bool pasta;
	char *nft;   /* path of nft, with rules */
	char *rules; /* the ruleset (net.allow/net.deny or netfilter) */
	pid_t pid;   /* the running helper, or 0 */
};

/* Before the clone: find the helper (and nft), resolve net.allow and
 * net.deny's names, build the ruleset.  Dies (125) when net = user
 * cannot be had here. */
void jr_net_prepare(const struct jr_policy *pol, struct jr_net *net);

/* After the uid map, before the init goes on: start the helper on
 * INIT's network namespace (USERNS: through its user namespace) and
 * wait until it has configured it.  Dies when it cannot. */
void jr_net_attach(struct jr_net *net, const struct jr_policy *pol, pid_t init,
		   bool userns);

/* End the helper (at the supervisor's exit). */
void jr_net_stop(struct jr_net *net);

/* In the init: load RULES with NFT (nft -f -), with CAP_NET_ADMIN in
 * its ambient set.  0 or -1 with ERR. */
int jr_net_load_rules(const char *nft, const char *rules, struct jr_err *err);

/* --report of refused connections: the init binds a netlink socket to
 * the rules' NFLOG group in the sandbox's namespace (fd, or -1 with
 * ERR) and hands it to the supervisor, which reads it; each refused
 * destination is said once, and their count at the end. */
int jr_net_log_open(struct jr_err *err);
bool jr_net_log_read(int fd, const struct jr_policy *pol); /* read any */
void jr_net_log_summary(void);
/* The init's side (closes CHAN) and the supervisor's (the fd, or -1). */
void jr_net_log_send(int chan);
int jr_net_log_recv(int chan);

/* Free what prepare allocated. */
void jr_net_free(struct jr_net *net);

#endif
