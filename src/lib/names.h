/* names.h - users, groups and host addresses, safe in a static jailrun.
 *
 * A jailrun linked statically against glibc (configure's default where
 * libc.a is installed: a faster start, issue 21) has glibc's "files" and
 * "dns" sources built in.  Any other source nsswitch.conf names
 * (systemd, sss, ldap, mdns, resolve) is a shared library that glibc
 * would dlopen() into the static program along with a second libc.so.6,
 * which works only with the very glibc it was linked against (here a
 * uid that /etc/passwd lacks crashed it).  So a static jailrun never
 * calls glibc's lookups: it reads /etc/passwd and /etc/group itself (the
 * "files" source), and asks getent(1), a dynamic program of the
 * installed glibc with every source, for what they do not have; host
 * names it always asks getent.  A dynamic jailrun asks glibc, as any
 * program does.
 *
 * The answers are in static storage, each valid until the next call, as
 * getpwuid(3)'s are.  NULL (or 0 addresses): not known, or no answer.
 */
#ifndef JAILRUN_NAMES_H
#define JAILRUN_NAMES_H

#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

const struct passwd *jr_getpwuid(uid_t uid);
const struct passwd *jr_getpwnam(const char *name);
const struct group *jr_getgrgid(gid_t gid);
const struct group *jr_getgrnam(const char *name);

/* One address of a host name, as text (inet_ntop). */
struct jr_hostaddr {
	int family; /* AF_INET or AF_INET6 */
	char addr[INET6_ADDRSTRLEN];
};

/* HOST's stream addresses, at most ROOM, in the resolver's order, each
 * once.  Returns their number, or -1 with *WHY set (a static string)
 * when HOST does not resolve. */
int jr_host_addrs(const char *host, struct jr_hostaddr *out, size_t room,
		  const char **why);

/* The parsers of getent's lines, for the tests: LINE is cut in place
 * (the answer points into it).  false: not such a line. */
bool jr_names_parse_passwd(char *line, struct passwd *pw);
bool jr_names_parse_group(char *line, struct group *gr);
/* `getent ahosts` output: the STREAM lines' addresses, each once. */
size_t jr_names_parse_ahosts(const char *text, struct jr_hostaddr *out,
			     size_t room);

#endif
