/* test-confine.c - the confinement planner: path expansion, the mounts
 * each key asks for and their order, the Landlock rules and what each
 * Landlock ABI cannot enforce.  Pure: nothing is mounted here. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confine.h"
#include "elfinfo.h"
#include "options.h"
#include "private.h"
#include "tap.h"

static char scratch[] = "/tmp/jr-test-confine.XXXXXX";

static void set(struct jr_policy *pol, const char *key, const char *value)
{
	struct jr_err err = { { 0 } };

	if (jr_key_set(pol, jr_key_find(key), value, "t.profile:1", &err) < 0)
		diag("%s = %s: %s", key, value, err.msg);
}

static void expand_is(const char *in, const char *want, const char *desc)
{
	struct jr_err err = { { 0 } };
	char *got = jr_path_expand(in, "t:1", &err);

	is_str(got ? got : err.msg, want, "%s", desc);
	free(got);
}

static void test_expand(void)
{
	char home[PATH_MAX], dirs[PATH_MAX + 32];
	FILE *f;

	snprintf(home, sizeof(home), "%s/home", scratch);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent-config", 1);
	unsetenv("XDG_DOWNLOAD_DIR");
	unsetenv("XDG_CACHE_HOME");
	unsetenv("XDG_RUNTIME_DIR");

	expand_is("/usr/lib", "/usr/lib", "an absolute path is itself");
	expand_is("//usr///lib/./x/", "/usr/lib/x", "//, /./ and a trailing / "
						    "are normalised");
	expand_is("/", "/", "/ stays /");
	expand_is("~", home, "~ is $HOME");
	expand_is("~/.ssh", strcat(strcpy(dirs, home), "/.ssh"),
		  "~/ is beneath $HOME");
	expand_is("${HOME}/x", strcat(strcpy(dirs, home), "/x"), "${HOME}");
	expand_is("${XDG_CONFIG_HOME}/app", "/nonexistent-config/app",
		  "${XDG_CONFIG_HOME} from the environment");
	expand_is("${XDG_CACHE_HOME}", strcat(strcpy(dirs, home), "/.cache"),
		  "${XDG_CACHE_HOME} defaults to ~/.cache");
	expand_is("${XDG_DOWNLOAD_DIR}",
		  strcat(strcpy(dirs, home), "/Downloads"),
		  "${XDG_DOWNLOAD_DIR} defaults to ~/Downloads");
	setenv("XDG_CONFIG_HOME", home, 1);
	snprintf(dirs, sizeof(dirs), "%s/user-dirs.dirs", home);
	f = fopen(dirs, "w");
	if (f) {
		fputs("# written by xdg-user-dirs-update\n"
		      "XDG_DOWNLOAD_DIR=\"$HOME/Fetched\"\n"
		      "XDG_MUSIC_DIR=\"/srv/music\"\n",
		      f);
		fclose(f);
	}
	expand_is("${XDG_DOWNLOAD_DIR}/t", strcat(strcpy(dirs, home),
						  "/Fetched/t"),
		  "${XDG_DOWNLOAD_DIR} from user-dirs.dirs, $HOME expanded");
	expand_is("${XDG_MUSIC_DIR}", "/srv/music",
		  "an absolute user-dirs.dirs entry");
	setenv("XDG_DOWNLOAD_DIR", "/dl", 1);
	expand_is("${XDG_DOWNLOAD_DIR}", "/dl",
		  "the environment beats user-dirs.dirs");
	expand_is("${XDG_RUNTIME_DIR}/bus", "t:1: ${XDG_RUNTIME_DIR} is not set",
		  "an unset ${XDG_RUNTIME_DIR} is an error");
	expand_is("${NOPE}/x",
		  "t:1: unknown variable ${NOPE} (known: HOME, "
		  "XDG_RUNTIME_DIR, RUNUSER, XDG_CONFIG_HOME, "
		  "XDG_DOWNLOAD_DIR, ...)",
		  "an unknown variable is an error naming the known ones");
	expand_is("${HOME", "t:1: '${HOME': expected ${NAME}",
		  "an unclosed ${ is an error");
	expand_is("${HOME}x", "t:1: '${HOME}x': expected / after ${HOME}",
		  "${HOME}x is an error");
	expand_is("relative/x", "t:1: 'relative/x': expected an absolute path",
		  "a relative path is an error");
	setenv("XDG_DOWNLOAD_DIR", "/a/../etc", 1);
	expand_is("${XDG_DOWNLOAD_DIR}", "t:1: '..' is not allowed in a path",
		  "a '..' brought in by the environment is refused");
	unsetenv("XDG_DOWNLOAD_DIR");
}

static void test_parse(void)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_err err = { { 0 } };

	is_int(jr_key_set(pol, jr_key_find("blacklist"), "/a/../b", "p:2",
			  &err),
	       -1, "'..' in a path is refused at parse time");
	is_str(err.msg, "p:2: '/a/../b': '..' is not allowed in a path",
	       "... naming the file and line");
	is_int(jr_key_set(pol, jr_key_find("read-only"), "etc", "p:3", &err),
	       -1, "a relative path is refused");
	set(pol, "blacklist", "/x,/y");
	set(pol, "blacklist", "!/x");
	is_int((int)pol->npaths, 1, "!PATH takes an earlier rule back");
	is_str(pol->paths[0].path, "/y", "... leaving the other");
	set(pol, "blacklist", "/x, /z");
	is_int((int)pol->npaths, 2, "... and a later rule for it too (a .local "
	       "read before its profile)");
	is_str(pol->paths[1].path, "/z", "... keeping the other one");
	set(pol, "read-only", "/x");
	is_int((int)pol->npaths, 3, "... of that key only");
	is_int(jr_key_set(pol, jr_key_find("landlock.net.bind"), "70000",
			  "p:4", &err),
	       -1, "a port above 65535 is refused");
	is_int(jr_key_set(pol, jr_key_find("landlock.net.bind"), "1-2000",
			  "p:5", &err),
	       -1, "more than 1024 ports in one key are refused");
	is_str(err.msg, "p:5: more than 1024 ports in one key",
	       "... with the limit named");
	is_int(jr_key_set(pol, jr_key_find("landlock.scope"), "signals",
			  "p:6", &err),
	       -1, "an unknown scope is refused");
	is_int(jr_key_set(pol, jr_key_find("private"), "home", "p:7", &err), -1,
	       "private = a relative path is refused");
	is_str(err.msg,
	       "p:7: 'home': expected an absolute path (or ~, ${HOME}, "
	       "${XDG_...})",
	       "... saying so");
	jr_policy_free(pol);
}

static struct jr_confine *plan_at(struct jr_policy *pol, const char *path,
				  int abi, const char **msg)
{
	struct jr_confine *c = calloc(1, sizeof(*c));
	static struct jr_err err;

	memset(&err, 0, sizeof(err));
	if (jr_confine_plan(pol, path, abi, c, &err) < 0) {
		*msg = err.msg;
		jr_confine_free(c);
		free(c);
		return NULL;
	}
	*msg = NULL;
	return c;
}

static struct jr_confine *plan_of(struct jr_policy *pol, int abi,
				  const char **msg)
{
	return plan_at(pol, "/usr/bin/true", abi, msg);
}

static struct jr_confine *plan_of_path(struct jr_policy *pol,
				       const char *path, const char **msg)
{
	return plan_at(pol, path, 7, msg);
}

static void drop(struct jr_confine *c)
{
	jr_confine_free(c);
	free(c);
}

/* Take the device classes private-dev keeps (test-devices has them)
 * out of C's mounts; how many, -1 when one comes before the /dev. */
static int drop_classes(struct jr_confine *c)
{
	size_t out = 0;
	int n = 0;
	bool dev = false;

	for (size_t i = 0; i < c->nmounts; i++) {
		dev |= c->mounts[i].op == JR_MNT_DEV;
		if (strncmp(c->mounts[i].origin, "private-dev: ", 13) != 0) {
			c->mounts[out++] = c->mounts[i];
			continue;
		}
		if (!dev || c->mounts[i].phase != JR_PH_DEV)
			return -1;
		n++;
	}
	c->nmounts = out;
	return n;
}

static void test_mounts(void)
{
	struct jr_policy *pol = jr_policy_new();
	const char *home = getenv("HOME"), *msg;
	char want[PATH_MAX + 16];
	struct jr_confine *c;

	/* given in the opposite order of the phases */
	set(pol, "read-only", "/etc");
	set(pol, "blacklist", "~/.ssh");
	set(pol, "private-dev", "yes");
	set(pol, "private-tmp", "yes");
	set(pol, "whitelist", "~/Downloads");
	set(pol, "mkdir", "~/Downloads");
	c = plan_of(pol, 7, &msg);
	if (!ok(c != NULL, "a plan with every mount key")) {
		diag("%s", msg);
		jr_policy_free(pol);
		return;
	}
	ok(drop_classes(c) > 0,
	   "private-dev: the device classes are bound after the new /dev");
	is_int((int)c->nmounts, 8, "eight mounts");
	{
		static const enum jr_mnt_op order[] = {
			JR_MNT_MKDIR, JR_MNT_TMPFS, JR_MNT_BIND, JR_MNT_TMPFS,
			JR_MNT_BIND,  JR_MNT_DEV,   JR_MNT_HIDE, JR_MNT_RO,
		};
		bool same = c->nmounts == 8;

		for (size_t i = 0; same && i < 8; i++)
			same = c->mounts[i].op == order[i];
		ok(same, "in phase order: mkdir, home tmpfs, bind, /tmp and its "
			 "X11 socket, /dev, hide, read-only");
	}
	is_str(c->mounts[1].dst, home, "the whitelist's tmpfs is on $HOME");
	is_int((int)c->mounts[1].mode, 0700, "... mode 0700");
	snprintf(want, sizeof(want), "%s/Downloads", home);
	is_str(c->mounts[2].src, want, "the whitelisted path is bound back");
	is_str(c->mounts[2].dst, want, "... at the same place");
	ok(c->mounts[2].optional, "... and skipped when missing");
	is_str(c->mounts[3].dst, "/tmp", "private-tmp: a tmpfs on /tmp");
	is_int((int)c->mounts[3].mode, 01777, "... mode 1777");
	is_str(c->mounts[4].dst, "/tmp/.X11-unix",
	       "... the X11 socket kept in it (x11 unset)");
	is_str(c->mounts[5].dst, "/dev", "private-dev: /dev");
	snprintf(want, sizeof(want), "%s/.ssh", home);
	is_str(c->mounts[6].dst, want, "blacklist: ~ expanded");
	is_str(c->mounts[6].origin, "t.profile:1", "... its origin kept");
	is_str(c->mounts[7].dst, "/etc", "read-only last");
	ok(!c->ll_fs && c->nll == 0, "no Landlock rules without landlock.*");
	ok(jr_confine_has_mounts(c), "it has mounts");
	drop(c);

	set(pol, "namespaces", "!mount,!pid");
	c = plan_of(pol, 7, &msg);
	ok(c == NULL, "mounts without the mount namespace are refused");
	is_str(msg, "t.profile:1: this needs the mount namespace "
		    "(namespaces = mount)",
	       "... saying which key needs it");
	jr_policy_free(pol);

	pol = jr_policy_new();
	set(pol, "whitelist", "/etc");
	c = plan_of(pol, 7, &msg);
	ok(c == NULL, "whitelist of a top directory itself is refused");
	snprintf(want, sizeof(want),
		 "t.profile:1: whitelist: '/etc' is not beneath the home "
		 "directory (%s), /run/user/%u or /etc, /media, /mnt, /opt, "
		 "/run, /srv, /tmp, /usr/share, /var",
		 home, (unsigned)getuid());
	is_str(msg, want, "... saying where whitelist may be");
	jr_policy_free(pol);

	pol = jr_policy_new();
	set(pol, "whitelist", "~");
	ok(plan_of(pol, 7, &msg) == NULL, "whitelist of ~ itself is refused");
	snprintf(want, sizeof(want),
		 "t.profile:1: whitelist: '%s' is the home directory itself: "
		 "whitelist what is beneath it",
		 home);
	is_str(msg, want, "... saying so");
	jr_policy_free(pol);

	pol = jr_policy_new();
	set(pol, "mkdir", "/var/x");
	c = plan_of(pol, 7, &msg);
	ok(c == NULL, "mkdir outside the home is refused");
	jr_policy_free(pol);

	pol = jr_policy_new();
	set(pol, "namespaces", "!mount,!pid");
	set(pol, "mkdir", "~/.config/app");
	c = plan_of(pol, 7, &msg);
	ok(c != NULL && !jr_confine_has_mounts(c),
	   "mkdir alone needs no mount namespace");
	if (c)
		drop(c);
	jr_policy_free(pol);
}

/* Every rule is applied as shown or refused: a mount over / (however it
 * is reached) would change nothing, a blacklist over the target or over
 * what a whitelist binds back would undo the run or the rule. */
static void test_refused(void)
{
	char home[PATH_MAX], link[PATH_MAX], want[3 * PATH_MAX];
	const char *old_home = getenv("HOME");
	static const struct {
		const char *key, *value, *key2, *value2;
		const char *home; /* NULL: the test's */
		const char *msg;  /* NULL: accepted */
	} rows[] = {
		{ "blacklist", "/", NULL, NULL, NULL,
		  "t.profile:1: blacklist: '/' is the whole file system: a "
		  "mount over it would change nothing" },
		{ "blacklist", "//./", NULL, NULL, NULL,
		  "t.profile:1: blacklist: '/' is the whole file system: a "
		  "mount over it would change nothing" },
		{ "blacklist", "~", NULL, NULL, "/",
		  "t.profile:1: blacklist: '/' is the whole file system: a "
		  "mount over it would change nothing" },
		{ "blacklist", "@LINK", NULL, NULL, NULL,
		  "t.profile:1: blacklist: '@LINK' resolves to /, the whole "
		  "file system: a mount over it would change nothing" },
		{ "whitelist", "/tmp", NULL, NULL, "/",
		  "t.profile:1: whitelist: the home directory (/) is /: a "
		  "tmpfs over it would change nothing" },
		{ "blacklist", "/usr", NULL, NULL, NULL,
		  "t.profile:1: blacklist: '/usr' hides the target "
		  "/usr/bin/true" },
		{ "blacklist", "/usr/bin/true", NULL, NULL, NULL,
		  "t.profile:1: blacklist: '/usr/bin/true' hides the target "
		  "/usr/bin/true" },
		/* a blacklist over a whitelisted path: it stays hidden, as
		 * in firejail (a --debug note, no error) */
		{ "whitelist", "~/a/b", "blacklist", "~/a", NULL, NULL },
		{ "whitelist", "~/a", "blacklist", "~/a", NULL, NULL },
		/* controls: the same keys where they work */
		{ "blacklist", "/usr/share/doc", NULL, NULL, NULL, NULL },
		{ "blacklist", "/nonexistent-x", NULL, NULL, NULL, NULL },
		{ "whitelist", "~/a", "blacklist", "~/a/secret", NULL, NULL },
		{ "read-only", "/", NULL, NULL, NULL, NULL },
		{ "read-only", "@LINK", NULL, NULL, NULL, NULL },
		{ "whitelist", "~/a", NULL, NULL, NULL, NULL },
	};

	snprintf(home, sizeof(home), "%s/home", scratch);
	snprintf(link, sizeof(link), "%s/to-root", scratch);
	if (symlink("/", link) < 0)
		diag("symlink %s: failed", link);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct jr_policy *pol = jr_policy_new();
		struct jr_confine *c;
		const char *msg;
		char v[PATH_MAX], what[PATH_MAX + 64];

		setenv("HOME", rows[i].home ? rows[i].home : home, 1);
		snprintf(v, sizeof(v), "%s",
			 strcmp(rows[i].value, "@LINK") ? rows[i].value : link);
		set(pol, rows[i].key, v);
		if (rows[i].key2)
			set(pol, rows[i].key2, rows[i].value2);
		snprintf(what, sizeof(what), "%s = %s%s%s%s%s", rows[i].key,
			 rows[i].value, rows[i].key2 ? ", " : "",
			 rows[i].key2 ? rows[i].key2 : "",
			 rows[i].key2 ? " = " : "",
			 rows[i].value2 ? rows[i].value2 : "");
		c = plan_of(pol, 7, &msg);
		if (!rows[i].msg) {
			ok(c != NULL, "%s: planned", what);
			if (!c)
				diag("%s", msg);
		} else {
			/* @HOME and @LINK stand for the test's paths */
			const char *m = rows[i].msg;
			size_t n = 0;

			while (*m && n + PATH_MAX < sizeof(want)) {
				if (!strncmp(m, "@HOME", 5)) {
					n += (size_t)snprintf(want + n,
							      sizeof(want) - n,
							      "%s", home);
					m += 5;
				} else if (!strncmp(m, "@LINK", 5)) {
					n += (size_t)snprintf(want + n,
							      sizeof(want) - n,
							      "%s", link);
					m += 5;
				} else {
					want[n++] = *m++;
				}
			}
			want[n] = '\0';
			ok(c == NULL, "%s: refused", what);
			is_str(msg, want, "... saying why");
		}
		if (c)
			drop(c);
		jr_policy_free(pol);
	}
	if (old_home)
		setenv("HOME", old_home, 1);
}

static const struct jr_llrule *rule_for(const struct jr_confine *c,
					const char *path)
{
	for (size_t i = 0; i < c->nll; i++)
		if (strcmp(c->ll[i].path, path) == 0)
			return &c->ll[i];
	return NULL;
}

static void test_landlock_rules(void)
{
	struct jr_policy *pol = jr_policy_new();
	const struct jr_llrule *r;
	struct jr_confine *c;
	const char *msg;

	set(pol, "landlock.read", "/etc");
	set(pol, "landlock.write", "/var/tmp");
	set(pol, "landlock.exec", "/usr");
	c = plan_of(pol, 7, &msg);
	if (!ok(c && c->ll_fs, "landlock.* makes Landlock file rules")) {
		jr_policy_free(pol);
		return;
	}
	r = rule_for(c, "/etc");
	ok(r && r->access == JR_LL_READ, "landlock.read: read");
	r = rule_for(c, "/var/tmp");
	ok(r && r->access == (JR_LL_READ | JR_LL_WRITE),
	   "landlock.write: write and read");
	r = rule_for(c, "/usr");
	ok(r && r->access == (JR_LL_READ | JR_LL_EXEC),
	   "landlock.exec: exec and read");
	r = rule_for(c, "/usr/bin/true");
	ok(r && (r->access & JR_LL_EXEC) && !r->optional,
	   "the target itself is always executable");
	is_int((int)c->nwarnings, 0, "ABI 7: nothing unenforced");
	drop(c);
	jr_policy_free(pol);
}

/* What each ABI cannot enforce: file rules, TCP ports, scopes. */
static void test_abi(void)
{
	static const struct {
		int abi;
		bool fs, net, scope;
		size_t warnings;
	} rows[] = {
		{ 0, true, false, false, 1 }, { 0, true, true, true, 1 },
		{ 1, true, false, false, 2 }, { 2, true, false, false, 2 },
		{ 3, true, false, false, 1 }, { 4, true, true, false, 1 },
		{ 3, false, true, false, 1 }, { 4, false, true, false, 0 },
		{ 5, true, true, true, 1 },   { 6, true, true, true, 0 },
		{ 7, true, true, true, 0 },   { 0, false, false, false, 0 },
		{ 5, false, false, true, 1 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct jr_policy *pol = jr_policy_new();
		struct jr_confine *c;
		const char *msg;

		if (rows[i].fs)
			set(pol, "landlock.read", "/etc");
		if (rows[i].net)
			set(pol, "landlock.net.connect", "443");
		if (rows[i].scope)
			set(pol, "landlock.scope", "signal");
		c = plan_of(pol, rows[i].abi, &msg);
		if (!c) {
			ok(0, "ABI %d: a plan", rows[i].abi);
			jr_policy_free(pol);
			continue;
		}
		is_int((int)c->nwarnings, (int)rows[i].warnings,
		       "ABI %d, file rules %s, ports %s, scope %s: %zu "
		       "warnings",
		       rows[i].abi, rows[i].fs ? "yes" : "no",
		       rows[i].net ? "yes" : "no",
		       rows[i].scope ? "yes" : "no", rows[i].warnings);
		ok(c->ll_unenforced == (rows[i].warnings > 0),
		   "... and landlock.require would refuse: %s",
		   rows[i].warnings ? "yes" : "no");
		for (size_t w = 0; w < c->nwarnings; w++)
			ok(strstr(c->warnings[w], "NOT enforced") ||
				   strstr(c->warnings[w], "cannot restrict"),
			   "... warning says what is lost: %.60s",
			   c->warnings[w]);
		drop(c);
		jr_policy_free(pol);
	}
}

/* What the kernel opens to run the target is executable like it: the
 * ELF interpreter (ld.so), and a script's interpreter. */
static void test_interpreters(void)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_elf_info *elf = calloc(1, sizeof(*elf));
	const struct jr_llrule *r;
	struct jr_confine *c;
	const char *msg;
	char script[] = "/tmp/jailrun-test-confine.XXXXXX";
	int fd;

	set(pol, "landlock.exec", "/usr/bin");
	c = plan_of(pol, 7, &msg);
	if (jr_elf_classify("/usr/bin/true", elf) < 0 || !elf->interp[0]) {
		skip("/usr/bin/true is not a dynamic ELF here");
	} else {
		r = c ? rule_for(c, elf->interp) : NULL;
		ok(r && (r->access & JR_LL_EXEC) &&
			   strcmp(r->origin, "the target's ELF interpreter") == 0,
		   "the target's ELF interpreter %s gets the exec right",
		   elf->interp);
	}
	if (c)
		drop(c);
	fd = mkstemp(script);
	if (fd >= 0) {
		(void)!write(fd, "#!/bin/sh\n", 10);
		close(fd);
		c = plan_of_path(pol, script, &msg);
		r = c ? rule_for(c, "/bin/sh") : NULL;
		ok(r && (r->access & JR_LL_EXEC) &&
			   strcmp(r->origin, "the target's interpreter") == 0,
		   "a script's #! interpreter gets the exec right");
		if (c)
			drop(c);
		unlink(script);
	}
	free(elf);
	jr_policy_free(pol);
}

static void test_unset_runtime_dir(void)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_confine *c;
	const char *msg;

	unsetenv("XDG_RUNTIME_DIR");
	set(pol, "landlock.read", "${XDG_RUNTIME_DIR}/app");
	c = plan_of(pol, 7, &msg);
	/* the target and its ELF interpreter: nothing else */
	ok(c && c->ll_fs && rule_for(c, "/usr/bin/true") && c->nll == 2,
	   "a grant beneath an unset ${XDG_RUNTIME_DIR} is left out, the "
	   "Landlock rules still apply");
	if (c)
		drop(c);
	set(pol, "blacklist", "${XDG_RUNTIME_DIR}/bus");
	c = plan_of(pol, 7, &msg);
	ok(c == NULL, "a hiding rule beneath it is an error");
	is_str(msg, "t.profile:1: ${XDG_RUNTIME_DIR} is not set", "... saying so");
	jr_policy_free(pol);
}

/* The mounts of a plan as "op dst" lines, phase order */
static const char *const op_word[] = {
	[JR_MNT_MKDIR] = "mkdir",   [JR_MNT_TMPFS] = "tmpfs",
	[JR_MNT_BIND] = "bind",     [JR_MNT_DEV] = "dev",
	[JR_MNT_HIDE] = "hide",     [JR_MNT_RO] = "ro",
	[JR_MNT_MKFILE] = "mkfile", [JR_MNT_RW] = "rw",
	[JR_MNT_NOEXEC] = "noexec",
};

/* "op dst; op dst; ..." with the home written ~, or the error */
static void plan_is(struct jr_policy *pol, const char *want, const char *desc)
{
	const char *home = getenv("HOME"), *msg;
	struct jr_confine *c = plan_of(pol, 7, &msg);
	char got[4096];
	size_t n = 0, hl = strlen(home);

	got[0] = '\0';
	for (size_t i = 0; c && i < c->nmounts && n < sizeof(got) - 1; i++) {
		const char *d = c->mounts[i].dst;
		bool under = strncmp(d, home, hl) == 0 &&
			     (d[hl] == '/' || !d[hl]);

		n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s %s%s",
				      i ? "; " : "", op_word[c->mounts[i].op],
				      under ? "~" : "", under ? d + hl : d);
	}
	if (!c)
		snprintf(got, sizeof(got), "%s", msg);
	is_str(got, want, "%s", desc);
	if (c)
		drop(c);
	jr_policy_free(pol);
}

static struct jr_policy *pol_of(const char *k1, const char *v1, const char *k2,
				const char *v2)
{
	struct jr_policy *pol = jr_policy_new();

	set(pol, k1, v1);
	if (k2)
		set(pol, k2, v2);
	return pol;
}

static const struct jr_mount *mount_at(const struct jr_confine *c,
				       enum jr_mnt_op op, const char *dst)
{
	for (size_t i = 0; i < c->nmounts; i++)
		if (c->mounts[i].op == op && strcmp(c->mounts[i].dst, dst) == 0)
			return &c->mounts[i];
	return NULL;
}

/* firejail's file keys: whitelist outside the home, whitelist-ro,
 * nowhitelist, private, private-cache, disable-mnt, read-write, noexec,
 * tmpfs, mkfile */
/* DIR's parent, in a static buffer */
static const char *dirname_of(const char *p)
{
	static char buf[PATH_MAX];
	char *slash;

	snprintf(buf, sizeof(buf), "%s", p);
	slash = strrchr(buf, '/');
	if (slash && slash != buf)
		*slash = '\0';
	return buf;
}

static void test_files(void)
{
	const char *home = getenv("HOME"), *msg;
	char dir[PATH_MAX], want[2 * PATH_MAX];
	struct jr_policy *pol;
	struct jr_confine *c;

	/* whitelist: one tmpfs per top directory, the paths bound back */
	plan_is(pol_of("whitelist", "/opt/jr-x,/opt/jr-y", NULL, NULL),
		"tmpfs /opt; bind /opt/jr-x; bind /opt/jr-y",
		"whitelist beneath /opt: one tmpfs on /opt, both bound back");
	plan_is(pol_of("whitelist", "/var/jr-x", "whitelist",
		       "/usr/share/jr-d"),
		"tmpfs /var; bind /var/jr-x; tmpfs /usr/share; bind "
		"/usr/share/jr-d",
		"two top directories: a tmpfs on each");
	/* the outer top first, the home's mount point made in its tmpfs:
	 * the other way round the /tmp tmpfs would hide the home's */
	plan_is(pol_of("whitelist", "~/a", "whitelist", "/tmp/jr-t"),
		"tmpfs /tmp; bind /tmp/jr-t; mkdir ~; tmpfs ~; bind ~/a",
		"a home beneath /tmp is its own top directory (the longest), "
		"mounted after /tmp's, its mount point made first");
	plan_is(pol_of("whitelist", "/tmp/jr-t", "whitelist", "~/a"),
		"tmpfs /tmp; bind /tmp/jr-t; mkdir ~; tmpfs ~; bind ~/a",
		"... whichever whitelist comes first");
	snprintf(want, sizeof(want),
		 "t.profile:1: whitelist: '/usr/lib/x' is not beneath the home "
		 "directory (%s), /run/user/%u or /etc, /media, /mnt, /opt, "
		 "/run, /srv, /tmp, /usr/share, /var",
		 home, (unsigned)getuid());
	plan_is(pol_of("whitelist", "/usr/lib/x", NULL, NULL), want,
		"whitelist beneath /usr/lib is refused");
	snprintf(dir, sizeof(dir), "/run/user/%u/jr-x", (unsigned)getuid());
	pol = pol_of("whitelist", dir, NULL, NULL);
	c = plan_of(pol, 7, &msg);
	if (access(dirname_of(dir), F_OK) == 0)
		ok(c && c->nmounts == 2 && c->mounts[0].op == JR_MNT_TMPFS &&
			   c->mounts[0].mode == 0700 &&
			   strncmp(c->mounts[0].dst, dir, strlen(dir) - 5) == 0,
		   "whitelist beneath /run/user/UID: a tmpfs 0700 on it");
	else
		ok(c && c->nmounts == 0 && c->nnotes == 1 &&
			   strstr(c->notes[0], "does not exist"),
		   "whitelist beneath a missing /run/user/UID: skipped, noted");
	if (c)
		drop(c);
	jr_policy_free(pol);
	pol = pol_of("whitelist", "/tmp/jr-t", "private-tmp", "yes");
	c = plan_of(pol, 7, &msg);
	ok(c && c->nmounts == 3 && c->mounts[0].mode == 01777 &&
		   strcmp(c->mounts[2].dst, "/tmp/.X11-unix") == 0,
	   "whitelist beneath /tmp with private-tmp: one tmpfs (1777) on /tmp "
	   "(and the X11 socket)");
	if (c)
		drop(c);
	jr_policy_free(pol);

	pol = pol_of("whitelist", "/tmp/jr-t", NULL, NULL);
	snprintf(dir, sizeof(dir), "%s/prog", scratch);
	c = plan_at(pol, dir, 7, &msg);
	snprintf(want, sizeof(want),
		 "t.profile:1: the tmpfs on '/tmp' (private, whitelist) hides "
		 "the target %s: whitelist it",
		 dir);
	ok(c == NULL, "a whitelist's tmpfs over the target is refused");
	is_str(msg, want, "... saying so");
	set(pol, "whitelist", scratch);
	c = plan_at(pol, dir, 7, &msg);
	ok(c != NULL, "... not when the target is whitelisted");
	if (c)
		drop(c);
	jr_policy_free(pol);

	/* whitelist-ro, nowhitelist */
	plan_is(pol_of("whitelist-ro", "~/a", "read-only", "/usr"),
		"tmpfs ~; bind ~/a; ro ~/a; ro /usr",
		"whitelist-ro: bound back, then read-only");
	plan_is(pol_of("nowhitelist", "~/a", "whitelist", "~/a,~/b"),
		"tmpfs ~; bind ~/b",
		"nowhitelist before: that whitelist is ignored");
	plan_is(pol_of("whitelist-ro", "/opt/jr-x", "nowhitelist", "/opt/jr-x"),
		"", "nowhitelist after: ignored too, no tmpfs left");

	/* private */
	plan_is(pol_of("private", "yes", "whitelist", "~/a"),
		"tmpfs ~; bind ~/a",
		"private = yes: a tmpfs home, whitelisted paths bound in");
	snprintf(dir, sizeof(dir), "%s/other-home", scratch);
	mkdir(dir, 0700);
	pol = pol_of("private", dir, "whitelist", "~/a");
	c = plan_of(pol, 7, &msg);
	ok(c && c->nmounts == 2 && c->mounts[0].op == JR_MNT_BIND &&
		   strcmp(c->mounts[0].src, dir) == 0 &&
		   strcmp(c->mounts[0].dst, home) == 0 &&
		   !c->mounts[0].optional && c->mounts[1].op == JR_MNT_BIND,
	   "private = DIR: DIR bound as the home, no tmpfs, then the "
	   "whitelist");
	if (c)
		drop(c);
	jr_policy_free(pol);
	snprintf(want, sizeof(want), "%s/nonexistent", scratch);
	pol = pol_of("private", want, NULL, NULL);
	snprintf(want, sizeof(want),
		 "t.profile:1: private: '%s/nonexistent' is not a directory",
		 scratch);
	plan_is(pol, want, "private = DIR: a missing DIR is refused");
	snprintf(want, sizeof(want),
		 "t.profile:1: private: '%s' is the home directory itself",
		 home);
	plan_is(pol_of("private", "~", NULL, NULL), want,
		"private = ~ is refused");
	plan_is(pol_of("private", "no", NULL, NULL), "", "private = no: none");
	plan_is(pol_of("private", "yes", "namespaces", "!mount,!pid"),
		"t.profile:1: this needs the mount namespace "
		"(namespaces = mount)",
		"private without the mount namespace is refused");

	/* private-cache, disable-mnt */
	pol = pol_of("private-cache", "yes", "private", "yes");
	c = plan_of(pol, 7, &msg);
	snprintf(want, sizeof(want), "%s/.cache", home);
	ok(c && c->nmounts == 2 && mount_at(c, JR_MNT_TMPFS, want) &&
		   mount_at(c, JR_MNT_TMPFS, want)->optional &&
		   c->mounts[1].phase == JR_PH_TMP,
	   "private-cache: a tmpfs on ~/.cache, made when missing, after "
	   "the private home");
	if (c)
		drop(c);
	jr_policy_free(pol);
	plan_is(pol_of("disable-mnt", "yes", NULL, NULL),
		"hide /mnt; hide /media; hide /run/mount; hide /run/media",
		"disable-mnt hides the four");
	plan_is(pol_of("disable-mnt", "no", NULL, NULL), "",
		"disable-mnt = no: nothing");

	/* read-only, read-write, noexec: in the order given */
	pol = pol_of("read-only", "~", "read-write", "~/Downloads");
	set(pol, "noexec", "/tmp");
	set(pol, "read-only", "~/Downloads/keep");
	plan_is(pol, "ro ~; rw ~/Downloads; noexec /tmp; ro ~/Downloads/keep",
		"read-only, read-write, noexec keep their order");
	snprintf(want, sizeof(want),
		 "t.profile:1: read-write: '%s/.ssh/x' is hidden by "
		 "t.profile:1 (blacklist '%s/.ssh')",
		 home, home);
	plan_is(pol_of("blacklist", "~/.ssh", "read-write", "~/.ssh/x"), want,
		"read-write of a hidden path is refused (the hiding mount "
		"stays read-only)");
	plan_is(pol_of("noexec", "/tmp", "namespaces", "!mount,!pid"),
		"t.profile:1: this needs the mount namespace "
		"(namespaces = mount)",
		"noexec without the mount namespace is refused");

	/* tmpfs */
	pol = pol_of("tmpfs", "~/t,/opt", NULL, NULL);
	c = plan_of(pol, 7, &msg);
	snprintf(want, sizeof(want), "%s/t", home);
	ok(c && c->nmounts == 2 && mount_at(c, JR_MNT_TMPFS, want) &&
		   mount_at(c, JR_MNT_TMPFS, want)->optional &&
		   mount_at(c, JR_MNT_TMPFS, want)->mode == 0700 &&
		   mount_at(c, JR_MNT_TMPFS, "/opt") &&
		   !mount_at(c, JR_MNT_TMPFS, "/opt")->optional &&
		   mount_at(c, JR_MNT_TMPFS, "/opt")->mode == 0755,
	   "tmpfs: made when missing beneath ~ (0700), not elsewhere (0755)");
	if (c)
		drop(c);
	jr_policy_free(pol);
	plan_is(pol_of("tmpfs", "/", NULL, NULL),
		"t.profile:1: tmpfs: '/' is the whole file system: a mount "
		"over it would change nothing",
		"tmpfs on / is refused");

	/* mkfile */
	plan_is(pol_of("mkfile", "~/.config/app/f", "mkdir", "~/d"),
		"mkfile ~/.config/app/f; mkdir ~/d",
		"mkfile: before the mounts, as mkdir");
	plan_is(pol_of("mkfile", "/etc/jr-x", NULL, NULL),
		"t.profile:1: mkfile: '/etc/jr-x' is not beneath the home "
		"directory, an XDG base directory or /tmp",
		"mkfile outside the user's places is refused");
	pol = pol_of("mkfile", "~/f", "namespaces", "!mount,!pid");
	c = plan_of(pol, 7, &msg);
	ok(c && !jr_confine_has_mounts(c),
	   "mkfile alone needs no mount namespace");
	if (c)
		drop(c);
	jr_policy_free(pol);
}

static void test_limits(void)
{
	struct jr_confine *c = calloc(1, sizeof(*c));
	struct jr_err err = { { 0 } };
	int r = 0;

	for (size_t i = 0; i <= JR_MOUNTS_MAX && r == 0; i++)
		r = jr_confine_mount_add(c, JR_PH_HIDE, JR_MNT_HIDE, NULL, "/x",
					 true, "o:1", &err);
	is_int((int)c->nmounts, JR_MOUNTS_MAX, "mounts stop at the limit");
	is_str(err.msg, "o:1: more than 4096 mounts", "... with an error");
	for (size_t i = 0; i < JR_WARNINGS_MAX + 3; i++)
		jr_confine_warn(c, "w%zu", i);
	is_int((int)c->nwarnings, JR_WARNINGS_MAX, "warnings are bounded");
	drop(c);
}

/* ---- private-etc, private-bin, machine-id, bind ------------------------ */

static bool hex_id(const char *s)
{
	return s && strlen(s) == 33 && strspn(s, "0123456789abcdef") == 32 &&
	       s[32] == '\n';
}

static void test_private(void)
{
	struct jr_policy *pol = jr_policy_new();
	const struct jr_mount *m;
	struct jr_confine *c, *c2;
	const char *msg;
	char *pw;
	struct jr_err err = { { 0 } };

	set(pol, "private-etc", "hostname");
	set(pol, "machine-id", "yes");
	c = plan_of(pol, 7, &msg);
	if (!ok(c != NULL, "private-etc + machine-id: a plan")) {
		diag("%s", msg);
		jr_policy_free(pol);
		return;
	}
	m = mount_at(c, JR_MNT_TMPFS, "/etc");
	ok(m && m->phase == JR_PH_PRIV && m->mode == 0755,
	   "private-etc: a tmpfs on /etc, mode 0755");
	ok(mount_at(c, JR_MNT_RO, "/etc") != NULL,
	   "private-etc: /etc made read-only");
	m = mount_at(c, JR_MNT_BIND, "/etc/hostname");
	ok(m && strcmp(m->src, "/etc/hostname") == 0,
	   "private-etc: the listed entry bound from the real /etc");
	ok(mount_at(c, JR_MNT_BIND, "/etc/ld.so.cache") ||
		   mount_at(c, JR_MNT_LINK, "/etc/ld.so.cache"),
	   "private-etc: ld.so.cache always");
	ok(!mount_at(c, JR_MNT_BIND, "/etc/shadow") &&
		   !mount_at(c, JR_MNT_BIND, "/etc/passwd"),
	   "private-etc: no shadow, and the host's passwd is not bound");
	m = mount_at(c, JR_MNT_FILE, "/etc/passwd");
	ok(m && strncmp(m->content, "root:x:0:0:", 11) == 0,
	   "private-etc: a generated passwd, root's line first");
	m = mount_at(c, JR_MNT_FILE, "/etc/machine-id");
	ok(m && hex_id(m->content), "machine-id: 32 hex digits and a newline");
	for (size_t i = 1; i < c->nmounts; i++)
		if (c->mounts[i].phase < c->mounts[i - 1].phase)
			diag("mount %zu out of phase order", i);
	c2 = plan_of(pol, 7, &msg);
	m = c2 ? mount_at(c2, JR_MNT_FILE, "/etc/machine-id") : NULL;
	ok(m && strcmp(m->content,
		       mount_at(c, JR_MNT_FILE, "/etc/machine-id")->content) != 0,
	   "machine-id: another plan, another id");
	if (c2)
		drop(c2);
	drop(c);
	jr_policy_free(pol);

	pol = jr_policy_new();
	set(pol, "private-etc", "shadow");
	c = plan_of(pol, 7, &msg);
	is_str(c ? "(planned)" : msg,
	       "t.profile:1: private-etc: 'shadow' holds password hashes: it "
	       "is never brought in",
	       "private-etc = shadow is refused");
	if (c)
		drop(c);
	jr_policy_free(pol);

	pw = jr_private_passwd(false, &err);
	ok(pw && strncmp(pw, "root:", 5) == 0 &&
		   strchr(pw, '\n') != strrchr(pw, '\n'),
	   "passwd: root's line and others");
	{
		size_t lines = 0;

		for (const char *p = pw; p && *p; p++)
			lines += *p == '\n';
		ok(lines >= 2 && lines <= 3, "passwd: 2 or 3 lines (%zu)", lines);
	}
	free(pw);

	/* private-bin: each bin directory replaced once; #! interpreters */
	pol = jr_policy_new();
	set(pol, "private-bin", "which,jailrun-none");
	c = plan_of(pol, 7, &msg);
	ok(c && mount_at(c, JR_MNT_TMPFS, "/usr/bin") &&
		   mount_at(c, JR_MNT_TMPFS, "/usr/sbin"),
	   "private-bin: tmpfs on /usr/bin and /usr/sbin");
	ok(c && mount_at(c, JR_MNT_BIND, "/usr/bin/which"),
	   "private-bin: the listed program bound");
	m = c ? mount_at(c, JR_MNT_BIND, "/usr/bin/jailrun-none") : NULL;
	ok(m && m->optional, "private-bin: a missing program is optional");
	{
		cleanup_free char *w = realpath("/usr/bin/which", NULL);
		FILE *f = w ? fopen(w, "r") : NULL;
		char head[3] = "";

		if (f && fread(head, 1, 2, f) == 2 && strcmp(head, "#!") == 0)
			ok(c && mount_at(c, JR_MNT_BIND, "/usr/bin/sh"),
			   "private-bin: which's #! interpreter (sh) bound");
		else
			skip("/usr/bin/which is not a #! script here");
		if (f)
			fclose(f);
	}
	if (c)
		drop(c);
	jr_policy_free(pol);

	/* bind */
	{
		char a[PATH_MAX], b[PATH_MAX], f[PATH_MAX], v[2 * PATH_MAX + 2];

		snprintf(a, sizeof(a), "%s/bind-a", scratch);
		snprintf(b, sizeof(b), "%s/bind-b", scratch);
		snprintf(f, sizeof(f), "%s/bind-f", scratch);
		if (mkdir(a, 0755) < 0 || mkdir(b, 0755) < 0)
			diag("mkdir: %s", strerror(errno));
		fclose(fopen(f, "w"));
		pol = jr_policy_new();
		snprintf(v, sizeof(v), "%s,%s", a, b);
		set(pol, "bind", v);
		c = plan_of(pol, 7, &msg);
		m = c ? mount_at(c, JR_MNT_BIND, b) : NULL;
		ok(m && strcmp(m->src, a) == 0 && m->phase == JR_PH_PRIV,
		   "bind: SRC at DST");
		if (c)
			drop(c);
		jr_policy_free(pol);
		pol = jr_policy_new();
		snprintf(v, sizeof(v), "%s,%s", a, f);
		set(pol, "bind", v);
		c = plan_of(pol, 7, &msg);
		ok(!c && strstr(msg, "not both directories or both files"),
		     "bind: a directory over a file is refused");
		if (c)
			drop(c);
		jr_policy_free(pol);
	}
}

/* A whitelist in a home that does not exist holds nothing to hide: it
 * is skipped with a note, unless a mkdir makes the home first. */
static void test_missing_home(void)
{
	const char *old = getenv("HOME");
	cleanup_free char *saved = old ? xstrdup(old) : NULL;
	char gone[PATH_MAX], want[PATH_MAX + 64];
	struct jr_policy *pol;
	struct jr_confine *c;
	const char *msg;

	snprintf(gone, sizeof(gone), "%s/nohome", scratch);
	setenv("HOME", gone, 1);
	pol = pol_of("whitelist-ro", "~/Pictures", NULL, NULL);
	c = plan_of(pol, 7, &msg);
	snprintf(want, sizeof(want), "the home directory %s does not exist",
		 gone);
	ok(c && c->nmounts == 0 && c->nnotes == 1 &&
		   strstr(c->notes[0], want),
	   "whitelist in a missing home: skipped, noted");
	if (c)
		drop(c);
	jr_policy_free(pol);
	pol = pol_of("whitelist", "~/Pictures", "mkdir", "~/Pictures");
	c = plan_of(pol, 7, &msg);
	ok(c && c->nnotes == 0 && c->nmounts >= 2 &&
		   c->mounts[1].op == JR_MNT_TMPFS &&
		   strcmp(c->mounts[1].dst, gone) == 0,
	   "... unless a mkdir makes it: the home's tmpfs is planned");
	if (c)
		drop(c);
	jr_policy_free(pol);
	if (saved)
		setenv("HOME", saved, 1);
}

int main(void)
{
	if (!mkdtemp(scratch)) {
		perror("mkdtemp");
		return 1;
	}
	test_expand();
	test_parse();
	test_mounts();
	test_refused();
	test_files();
	test_landlock_rules();
	test_abi();
	test_interpreters();
	test_unset_runtime_dir();
	test_limits();
	test_private();
	test_missing_home();
	{
		char cmd[PATH_MAX + 16];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", scratch);
		if (system(cmd) != 0)
			diag("could not remove %s", scratch);
	}
	return tap_done();
}
