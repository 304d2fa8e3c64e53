/* names.c - users, groups and host addresses, safe in a static jailrun
 * (see names.h for why). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
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

#ifdef JR_STATIC_LIBC
/* One answer's storage, as getpwuid(3) keeps one. */
static struct {
	/* the question, asked again by every planner */
	bool asked, of_pw, by_id;
	char key[64];
	const void *answer; /* &pw, &gr or NULL (not known) */
	char line[4096];
	struct passwd pw;
	struct group gr;
} held;
#endif

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

#ifdef JR_STATIC_LIBC

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

#endif

/* ---- users and groups ------------------------------------------------- */

#ifdef JR_STATIC_LIBC
/* LINE into the held answer, if it is DB's entry for KEY (a name, or an
 * id when BY_ID). */
static const void *held_parse(bool pw, const char *line, bool by_id,
			      const char *key)
{
	char id[16];

	if (strlen(line) >= sizeof(held.line))
		return NULL;
	snprintf(held.line, sizeof(held.line), "%s", line);
	if (pw ? !jr_names_parse_passwd(held.line, &held.pw) :
		 !jr_names_parse_group(held.line, &held.gr))
		return NULL;
	snprintf(id, sizeof(id), "%u",
		 pw ? (unsigned)held.pw.pw_uid : (unsigned)held.gr.gr_gid);
	if (strcmp(by_id ? id : pw ? held.pw.pw_name : held.gr.gr_name,
		   key) != 0)
		return NULL;
	return pw ? (const void *)&held.pw : (const void *)&held.gr;
}

/* KEY in /etc/passwd or /etc/group: glibc's "files" source, read here. */
static const void *from_file(bool pw, bool by_id, const char *key)
{
	cleanup_fclose FILE *f = fopen(pw ? "/etc/passwd" : "/etc/group", "re");
	char line[4096];
	const void *r = NULL;

	while (f && !r && fgets(line, sizeof(line), f)) {
		if (!strchr(line, '\n') && !feof(f)) {
			int c; /* longer than any entry jailrun uses */

			while ((c = getc(f)) != EOF && c != '\n')
				;
			continue;
		}
		r = held_parse(pw, line, by_id, key);
	}
	return r;
}

/* KEY in passwd (PW) or group, a name or (BY_ID) a number: the files,
 * then getent, each answer held (the planners ask the same question
 * again and again). */
static const void *lookup(bool pw, bool by_id, const char *key)
{
	cleanup_free char *text = NULL;

	if (held.asked && held.of_pw == pw && held.by_id == by_id &&
	    strcmp(held.key, key) == 0)
		return held.answer;
	/* a key too long to keep is asked each time */
	held.asked = strlen(key) < sizeof(held.key);
	held.of_pw = pw;
	held.by_id = by_id;
	snprintf(held.key, sizeof(held.key), "%s", key);
	held.answer = from_file(pw, by_id, key);
	if (!held.answer && (text = getent(pw ? "passwd" : "group", key)))
		held.answer = held_parse(pw, text, by_id, key);
	return held.answer;
}

const struct passwd *jr_getpwuid(uid_t uid)
{
	char key[16];

	snprintf(key, sizeof(key), "%u", (unsigned)uid);
	return lookup(true, true, key);
}

const struct passwd *jr_getpwnam(const char *name)
{
	return lookup(true, false, name);
}

const struct group *jr_getgrgid(gid_t gid)
{
	char key[16];

	snprintf(key, sizeof(key), "%u", (unsigned)gid);
	return lookup(false, true, key);
}

const struct group *jr_getgrnam(const char *name)
{
	return lookup(false, false, name);
}
#else
const struct passwd *jr_getpwuid(uid_t uid)
{
	return getpwuid(uid);
}

const struct passwd *jr_getpwnam(const char *name)
{
	return getpwnam(name);
}

const struct group *jr_getgrgid(gid_t gid)
{
	return getgrgid(gid);
}

const struct group *jr_getgrnam(const char *name)
{
	return getgrnam(name);
}
#endif

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
