/* names.c - users, groups and host addresses, safe in a static jailrun
 * (see names.h for why). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <nss.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "names.h"
#include "util.h"

#ifndef GETENT_PATH
#define GETENT_PATH "/usr/bin/getent"
#endif

/* getent's answer for one key: a passwd or group line is short, an
 * ahosts answer one line per address and socket type. */
#define GETENT_MAX (64 * 1024)

/* One answer's storage, as getpwuid(3) keeps one. */
static struct {
	char db[8], key[64]; /* the question, asked again by every planner */
	const void *answer;  /* &pw, &gr or NULL (getent did not know) */
	char line[4096];
	struct passwd pw;
	struct group gr;
} held;

/* ---- the parsers --------------------------------------------------------- */

/* The next ':'-separated field of *S, cut in place. */
static char *field(char **s)
{
	char *f = *s, *c;

	if (!f)
		return NULL;
	c = strchr(f, ':');
	if (c) {
		*c = '\0';
		*s = c + 1;
	} else {
		*s = NULL;
	}
	return f;
}

static bool number(const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > (unsigned)-1 - 1)
		return false;
	*out = (unsigned)v;
	return true;
}

bool jr_names_parse_passwd(char *line, struct passwd *pw)
{
	char *s = line, *nl = strchr(line, '\n');
	unsigned uid, gid;

	if (nl)
		*nl = '\0';
	pw->pw_name = field(&s);
	pw->pw_passwd = field(&s);
	if (!number(field(&s), &uid) || !number(field(&s), &gid))
		return false;
	pw->pw_gecos = field(&s);
	pw->pw_dir = field(&s);
	pw->pw_shell = field(&s);
	if (!pw->pw_shell || s || !pw->pw_name[0])
		return false;
	pw->pw_uid = uid;
	pw->pw_gid = gid;
	return true;
}

bool jr_names_parse_group(char *line, struct group *gr)
{
	char *s = line, *nl = strchr(line, '\n');
	unsigned gid;

	if (nl)
		*nl = '\0';
	gr->gr_name = field(&s);
	gr->gr_passwd = field(&s);
	if (!number(field(&s), &gid) || !s || strchr(s, ':') ||
	    !gr->gr_name[0])
		return false;
	gr->gr_gid = gid;
	gr->gr_mem = NULL; /* the members are nobody's business here */
	return true;
}

size_t jr_names_parse_ahosts(const char *text, struct jr_hostaddr *out,
			     size_t room)
{
	size_t n = 0;

	for (const char *l = text; l && *l && n < room;
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char addr[INET6_ADDRSTRLEN], type[8];
		unsigned char bin[sizeof(struct in6_addr)];
		int fam;
		bool seen = false;

		if (sscanf(l, "%45s %7s", addr, type) != 2 ||
		    strcmp(type, "STREAM") != 0)
			continue;
		fam = strchr(addr, ':') ? AF_INET6 : AF_INET;
		if (inet_pton(fam, addr, bin) != 1)
			continue;
		for (size_t i = 0; i < n; i++)
			seen |= strcmp(out[i].addr, addr) == 0;
		if (seen)
			continue;
		out[n].family = fam;
		snprintf(out[n].addr, sizeof(out[n].addr), "%s", addr);
		n++;
	}
	return n;
}

/* ---- getent -------------------------------------------------------------- */

/* What `getent DB -- KEY` prints, when it answers (status 0); NULL when
 * it does not know KEY, or cannot be run.  The caller frees it. */
static char *getent(const char *db, const char *key)
{
	char *argv[] = { "getent", (char *)db, "--", (char *)key, NULL };
	char *envp[] = { NULL };
	posix_spawn_file_actions_t fa;
	cleanup_free char *text = xmalloc(GETENT_MAX + 1);
	size_t len = 0;
	int pipefd[2], status, ok;
	pid_t pid;
	ssize_t r;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	ok = posix_spawn(&pid, GETENT_PATH, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (ok != 0) {
		close(pipefd[0]);
		return NULL;
	}
	while (len < GETENT_MAX &&
	       ((r = read(pipefd[0], text + len, GETENT_MAX - len)) > 0 ||
		(r < 0 && errno == EINTR)))
		if (r > 0)
			len += (size_t)r;
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
	    len >= GETENT_MAX)
		return NULL;
	text[len] = '\0';
	return steal_ptr(&text);
}

/* ---- users and groups ------------------------------------------------- */

#ifdef JR_STATIC_LIBC
static const bool static_libc = true;
#else
static const bool static_libc = false;
#endif

/* glibc's own sources for the databases jailrun reads: in a static
 * jailrun the built-in files only, so that no NSS module is ever loaded
 * (names.h). */
static void files_only(void)
{
#ifdef JR_STATIC_LIBC
	static bool done;

	if (!done) {
		__nss_configure_lookup("passwd", "files");
		__nss_configure_lookup("group", "files");
		done = true;
	}
#endif
}

/* What glibc could not say (ANSWER NULL) asked of getent: KEY in DB,
 * parsed into the held answer.  A dynamic jailrun's glibc asked every
 * source already. */
static const void *or_getent(const void *answer, const char *db,
			     const char *key)
{
	cleanup_free char *text = NULL;

	if (answer || !static_libc)
		return answer;
	if (strcmp(held.db, db) == 0 && strcmp(held.key, key) == 0)
		return held.answer;
	snprintf(held.db, sizeof(held.db), "%s", db);
	snprintf(held.key, sizeof(held.key), "%s", key);
	held.answer = NULL;
	if (strlen(key) >= sizeof(held.key))
		held.db[0] = '\0'; /* not kept: not the key asked */
	text = getent(db, key);
	if (!text || strlen(text) >= sizeof(held.line))
		return NULL;
	snprintf(held.line, sizeof(held.line), "%s", text);
	if (strcmp(db, "passwd") == 0)
		held.answer = jr_names_parse_passwd(held.line, &held.pw) ?
				      (const void *)&held.pw :
				      NULL;
	else
		held.answer = jr_names_parse_group(held.line, &held.gr) ?
				      (const void *)&held.gr :
				      NULL;
	return held.answer;
}

const struct passwd *jr_getpwuid(uid_t uid)
{
	char key[16];

	files_only();
	snprintf(key, sizeof(key), "%u", (unsigned)uid);
	return or_getent(getpwuid(uid), "passwd", key);
}

const struct passwd *jr_getpwnam(const char *name)
{
	files_only();
	return or_getent(getpwnam(name), "passwd", name);
}

const struct group *jr_getgrgid(gid_t gid)
{
	char key[16];

	files_only();
	snprintf(key, sizeof(key), "%u", (unsigned)gid);
	return or_getent(getgrgid(gid), "group", key);
}

const struct group *jr_getgrnam(const char *name)
{
	files_only();
	return or_getent(getgrnam(name), "group", name);
}

/* ---- host names --------------------------------------------------------- */

int jr_host_addrs(const char *host, struct jr_hostaddr *out, size_t room,
		  const char **why)
{
#ifdef JR_STATIC_LIBC
	cleanup_free char *text = getent("ahosts", host);
	size_t n = text ? jr_names_parse_ahosts(text, out, room) : 0;

	if (n == 0) {
		*why = "the name does not resolve (getent ahosts)";
		return -1;
	}
	return (int)n;
#else
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
				  .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	size_t n = 0;
	int e = getaddrinfo(host, NULL, &hints, &res);

	if (e) {
		*why = gai_strerror(e);
		return -1;
	}
	for (struct addrinfo *a = res; a && n < room; a = a->ai_next) {
		const void *bin;
		bool seen = false;

		if (a->ai_family == AF_INET)
			bin = &((struct sockaddr_in *)a->ai_addr)->sin_addr;
		else if (a->ai_family == AF_INET6)
			bin = &((struct sockaddr_in6 *)a->ai_addr)->sin6_addr;
		else
			continue;
		out[n].family = a->ai_family;
		inet_ntop(a->ai_family, bin, out[n].addr, sizeof(out[n].addr));
		for (size_t i = 0; i < n; i++)
			seen |= strcmp(out[i].addr, out[n].addr) == 0;
		if (!seen)
			n++;
	}
	freeaddrinfo(res);
	if (n == 0) {
		*why = "no IPv4 or IPv6 address";
		return -1;
	}
	return (int)n;
#endif
}
