/* test-names.c - users, groups and hosts without NSS modules in jailrun
 * (names.h): getent's lines parsed, bad ones refused, and the answers
 * the same as the system's own (getent, a dynamic program). */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "names.h"
#include "tap.h"

static void test_parse_passwd(void)
{
	char good[] = "alice:x:1000:100:Alice A,,,:/home/alice:/bin/bash\n";
	char empty_gecos[] = "svc:*:998:998::/var/lib/svc:/usr/sbin/nologin";
	const char *bad[] = {
		"alice:x:1000:100:Alice:/home/alice",		/* 6 fields */
		"alice:x:1000:100:Alice:/home/alice:/bin/sh:x", /* 8 fields */
		"alice:x:-1:100:Alice:/home/alice:/bin/sh",	/* uid */
		"alice:x:1000:1e3:Alice:/home/alice:/bin/sh",	/* gid */
		"alice:x:4294967295:1:A:/h:/bin/sh",		/* (uid_t)-1 */
		":x:1000:100:Alice:/home/alice:/bin/sh",	/* no name */
		"",
	};
	struct passwd pw;

	ok(jr_names_parse_passwd(good, &pw), "passwd line parsed");
	is_str(pw.pw_name, "alice", "passwd: name");
	is_int(pw.pw_uid, 1000, "passwd: uid");
	is_int(pw.pw_gid, 100, "passwd: gid");
	is_str(pw.pw_gecos, "Alice A,,,", "passwd: gecos");
	is_str(pw.pw_dir, "/home/alice", "passwd: home");
	is_str(pw.pw_shell, "/bin/bash", "passwd: shell, newline cut");
	ok(jr_names_parse_passwd(empty_gecos, &pw) && !strcmp(pw.pw_gecos, ""),
	   "passwd line with an empty gecos parsed");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *l = strdup(bad[i]);

		ok(!jr_names_parse_passwd(l, &pw), "passwd refused: '%s'",
		   bad[i]);
		free(l);
	}
}

static void test_parse_group(void)
{
	char good[] = "audio:x:29:pulse,alice\n";
	char nomem[] = "nogroup:x:65534:";
	const char *bad[] = { "audio:x:29", "audio:x:29:a:b", "audio:x::",
			      ":x:29:" };
	struct group gr;

	ok(jr_names_parse_group(good, &gr), "group line parsed");
	is_str(gr.gr_name, "audio", "group: name");
	is_int(gr.gr_gid, 29, "group: gid");
	ok(jr_names_parse_group(nomem, &gr) && gr.gr_gid == 65534,
	   "group line without members parsed");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *l = strdup(bad[i]);

		ok(!jr_names_parse_group(l, &gr), "group refused: '%s'", bad[i]);
		free(l);
	}
}

static void test_parse_ahosts(void)
{
	const char *text = "2001:db8::1    STREAM example.org\n"
			   "2001:db8::1    DGRAM  \n"
			   "2001:db8::1    RAW    \n"
			   "192.0.2.7      STREAM \n"
			   "192.0.2.7      DGRAM  \n"
			   "2001:db8::1    STREAM \n" /* again: once */
			   "not-an-address STREAM \n"
			   "198.51.100.1   STREAM";
	struct jr_hostaddr a[8];
	size_t n = jr_names_parse_ahosts(text, a, 8);

	is_int(n, 3, "ahosts: the STREAM addresses, each once");
	if (n == 3) {
		is_str(a[0].addr, "2001:db8::1", "ahosts: first, in order");
		is_int(a[0].family, AF_INET6, "ahosts: an IPv6 address");
		is_str(a[1].addr, "192.0.2.7", "ahosts: second");
		is_int(a[1].family, AF_INET, "ahosts: an IPv4 address");
		is_str(a[2].addr, "198.51.100.1",
		       "ahosts: a last line without a newline");
	}
	is_int(jr_names_parse_ahosts(text, a, 1), 1, "ahosts: at most ROOM");
	is_int(jr_names_parse_ahosts("", a, 8), 0, "ahosts: nothing");
}

/* `getent DB KEY`'s line, through the shell (the test's own way in). */
static char *getent_line(const char *db, const char *key)
{
	char cmd[256], buf[4096];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "getent %s %s", db, key);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	if (!fgets(buf, sizeof(buf), p)) {
		pclose(p);
		return NULL;
	}
	pclose(p);
	buf[strcspn(buf, "\n")] = '\0';
	return strdup(buf);
}

/* The answers agree with getent's, and NULL where it knows nothing. */
static void test_lookups(void)
{
	char key[32];
	char *want;
	const struct passwd *pw;
	const struct group *gr;
	struct jr_hostaddr a[4];
	const char *why = NULL;
	int n;

	snprintf(key, sizeof(key), "%u", (unsigned)getuid());
	want = getent_line("passwd", key);
	pw = jr_getpwuid(getuid());
	if (!want) {
		ok(pw == NULL, "this uid: unknown to getent, and to jailrun");
	} else {
		char got[4096];

		snprintf(got, sizeof(got), "%s:%s:%u:%u:%s:%s:%s",
			 pw ? pw->pw_name : "-", pw ? pw->pw_passwd : "-",
			 pw ? (unsigned)pw->pw_uid : 0,
			 pw ? (unsigned)pw->pw_gid : 0, pw ? pw->pw_gecos : "-",
			 pw ? pw->pw_dir : "-", pw ? pw->pw_shell : "-");
		is_str(got, want, "jr_getpwuid(getuid()) as getent says");
	}
	free(want);
	pw = jr_getpwnam("root");
	ok(pw && pw->pw_uid == 0, "jr_getpwnam(root): uid 0");
	/* the held answer is per question: uid 0 is not the name "0" */
	jr_getpwuid(0);
	ok(jr_getpwnam("0") == NULL, "after uid 0, the name \"0\": NULL");
	gr = jr_getgrgid(0);
	ok(gr && gr->gr_gid == 0 && gr->gr_name[0], "jr_getgrgid(0): a name");
	gr = jr_getgrnam("nogroup");
	want = getent_line("group", "nogroup");
	ok(want ? gr && gr->gr_gid == 65534 : !gr,
	   "jr_getgrnam(nogroup) as getent says");
	free(want);
	/* a uid nobody has: getent asked (static build), nothing found,
	 * twice the same (the held answer) */
	ok(jr_getpwuid(4000000001u) == NULL, "an unknown uid: NULL");
	ok(jr_getpwuid(4000000001u) == NULL, "an unknown uid again: NULL");
	ok(jr_getpwnam("no-such-user-jailrun") == NULL,
	   "an unknown name: NULL");

	n = jr_host_addrs("localhost", a, 4, &why);
	ok(n >= 1, "localhost resolves (%d addresses)", n);
	if (n >= 1) {
		bool loop = false;

		for (int i = 0; i < n; i++)
			loop |= !strcmp(a[i].addr, "127.0.0.1") ||
				!strcmp(a[i].addr, "::1");
		ok(loop, "localhost: a loopback address");
	}
	why = NULL;
	n = jr_host_addrs("no-such-host.invalid", a, 4, &why);
	ok(n == -1 && why && why[0], "a name that does not resolve: -1, why");
	n = jr_host_addrs("--help", a, 4, &why);
	ok(n == -1, "a name like an option is a name, not an option");
}

int main(void)
{
	test_parse_passwd();
	test_parse_group();
	test_parse_ahosts();
	test_lookups();
	return tap_done();
}
