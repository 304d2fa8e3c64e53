/* test-netrules.c - the network keys' values (netrules.c): the
 * HOST[:PORT[-PORT]] grammar, net.forward's, the nftables ruleset made
 * of resolved rules, the resolv.conf of dns, and the keys that need
 * each other. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "netrules.h"
#include "options.h"
#include "tap.h"

static struct jr_err err;

static void rule_is(const char *item, const char *host, unsigned lo,
		    unsigned hi)
{
	struct jr_netrule r;

	memset(&err, 0, sizeof(err));
	if (!is_int(jr_netrule_parse(item, &r, "t:1", &err), 0,
		    "'%s' is a rule", item)) {
		diag("%s", err.msg);
		return;
	}
	is_str(r.host, host, "'%s': host %s", item, host);
	ok(r.lo == lo && r.hi == hi, "'%s': ports %u-%u (got %u-%u)", item, lo,
	   hi, r.lo, r.hi);
}

static void rule_bad(const char *item, const char *msg)
{
	struct jr_netrule r;
	char want[JR_ERR_MAX];

	memset(&err, 0, sizeof(err));
	snprintf(want, sizeof(want), "t:1: %s", msg);
	is_str(jr_netrule_parse(item, &r, "t:1", &err) < 0 ? err.msg :
							     "(accepted)",
	       want, "'%s' is refused", item);
}

static void test_parse(void)
{
	char long_name[300];
	unsigned h = 0, g = 0;

	rule_is("example.org", "example.org", 0, 0);
	rule_is("example.org:443", "example.org", 443, 443);
	rule_is("192.0.2.1:1000-2000", "192.0.2.1", 1000, 2000);
	rule_is("10.0.0.0/8", "10.0.0.0/8", 0, 0);
	rule_is("[2001:db8::1]:53", "2001:db8::1", 53, 53);
	rule_is("2001:db8::/32", "2001:db8::/32", 0, 0);
	rule_is("*:443", "*", 443, 443);
	rule_bad("*", "'*': * needs a port (*:PORT)");
	rule_bad("a.example:0",
		 "'a.example:0': a port is 1-65535, a range FIRST-LAST");
	rule_bad("a.example:65536",
		 "'a.example:65536': a port is 1-65535, a range FIRST-LAST");
	rule_bad("a.example:20-10", "'a.example:20-10': the range's first "
				    "port is above its last");
	rule_bad("a.example:1-", "'a.example:1-': a port is 1-65535, a range "
				 "FIRST-LAST");
	rule_bad("10.0.0.0/33", "'10.0.0.0/33': expected HOST[:PORT[-PORT]] "
				"(HOST a name, an address[/prefix], "
				"[IPv6]:PORT, or *)");
	rule_bad("[name]:80", "'[name]:80': expected HOST[:PORT[-PORT]] "
			      "(HOST a name, an address[/prefix], "
			      "[IPv6]:PORT, or *)");
	rule_bad("a;b", "'a;b': expected HOST[:PORT[-PORT]] (HOST a name, an "
			"address[/prefix], [IPv6]:PORT, or *)");
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	memset(&err, 0, sizeof(err));
	{
		struct jr_netrule r;

		is_int(jr_netrule_parse(long_name, &r, "t:1", &err), -1,
		       "a 299-character host is refused");
	}
	is_int(jr_netfwd_parse("8080:80", &h, &g, "t:1", &err), 0,
	       "8080:80 is a forward");
	ok(h == 8080 && g == 80, "8080:80: host 8080, sandbox 80");
	is_int(jr_netfwd_parse("8080:", &h, &g, "t:1", &err), -1,
	       "8080: is refused");
	is_int(jr_netfwd_parse("0:80", &h, &g, "t:1", &err), -1,
	       "0:80 is refused");
	is_int(jr_net_literal("192.0.2.1"), 4, "192.0.2.1 is IPv4");
	is_int(jr_net_literal("::1"), 6, "::1 is IPv6");
	is_int(jr_net_literal("localhost"), 0, "localhost is a name");
}

static void test_ruleset(void)
{
	struct jr_nftaddr a[] = {
		{ .family = 4, .addr = "192.0.2.1", .lo = 80, .hi = 80 },
		{ .family = 6, .addr = "2001:db8::/32", .lo = 1000, .hi = 2000 },
		{ .family = 4, .addr = "192.0.2.9", .deny = true },
		{ .family = 0, .lo = 53, .hi = 53 },
	};
	char *t = jr_nft_ruleset(a, 4, true, &err);
	const char *deny, *allow;

	ok(t != NULL, "a ruleset is made");
	if (!t)
		return;
	deny = strstr(t, "\t\tip daddr 192.0.2.9 goto refuse\n");
	allow = strstr(t, "\t\tip daddr 192.0.2.1 meta l4proto { tcp, udp } "
			  "th dport 80 accept\n");
	ok(deny && allow && deny < allow, "the deny rule comes before the "
					  "allow rules");
	ok(strstr(t, "\t\tip6 daddr 2001:db8::/32 meta l4proto { tcp, udp } "
		     "th dport 1000-2000 accept\n") != NULL,
	   "an IPv6 prefix with a port range");
	ok(strstr(t, "\t\tmeta l4proto { tcp, udp } th dport 53 accept\n") !=
		   NULL,
	   "any address to a port");
	ok(strstr(t, "\t\tgoto refuse\n\t}\n}\n") != NULL,
	   "an allow-list refuses the rest, last");
	ok(strstr(t, "oifname \"lo\" accept") &&
		   strstr(t, "ct state established,related accept") &&
		   strstr(t, "reject with tcp reset"),
	   "loopback and replies pass; TCP is reset");
	ok(strstr(t, "\t\tlog group 4151 snaplen 64\n") &&
		   strstr(t, "nd-neighbor-solicit"),
	   "refusals are logged for --report; IPv6 neighbour discovery "
	   "passes");
	free(t);
	t = jr_nft_ruleset(a + 2, 1, false, &err);
	ok(t && !strstr(t, "\t\tgoto refuse\n\t}"),
	   "a deny-list alone lets the rest through");
	free(t);
	is_int(jr_nft_ruleset(a, JR_NFT_ADDRS_MAX + 1, true, &err) == NULL, 1,
	       "more than JR_NFT_ADDRS_MAX addresses are refused");
}

static int set(struct jr_policy *pol, const char *key, const char *value)
{
	struct jr_command cmd = JR_COMMAND_INIT;

	memset(&err, 0, sizeof(err));
	return jr_key_apply(pol, &cmd, jr_key_find(key), value, "t:2", &err);
}

static void check_is(struct jr_policy *pol, const char *want)
{
	memset(&err, 0, sizeof(err));
	if (!want)
		is_int(jr_net_check(pol, &err), 0, "the keys fit together");
	else
		is_str(jr_net_check(pol, &err) < 0 ? err.msg : "(accepted)",
		       want, "refused: %s", want);
}

static void test_check(void)
{
	struct jr_policy *pol = jr_policy_new();
	char *conf;

	set(pol, "net.allow", "192.0.2.1");
	check_is(pol, "t:2: net.allow and net.deny need net = user");
	set(pol, "net", "none");
	check_is(pol, "t:2: net.allow and net.deny need net = user");
	set(pol, "net", "user");
	check_is(pol, NULL);
	set(pol, "caps.keep", "net_admin");
	check_is(pol, "t:2: caps.keep = net_admin would let the target change "
		      "its own net.allow/net.deny rules");
	jr_policy_free(pol);
	pol = jr_policy_new();
	set(pol, "net.forward", "8080:80");
	check_is(pol, "t:2: net.forward needs net = user");
	set(pol, "netfilter", "/x.nft");
	set(pol, "net", "user");
	set(pol, "net.deny", "192.0.2.1");
	check_is(pol, "t:2: netfilter replaces net.allow and net.deny: give "
		      "one or the other");
	set(pol, "dns", "192.0.2.53,2001:db8::53");
	conf = jr_resolv_conf(pol);
	ok(strstr(conf, "\nnameserver 192.0.2.53\nnameserver 2001:db8::53\n") !=
		   NULL,
	   "resolv.conf names the dns servers, in order");
	free(conf);
	jr_policy_free(pol);
}

int main(void)
{
	test_parse();
	test_ruleset();
	test_check();
	return tap_done();
}
