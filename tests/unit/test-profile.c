/* test-profile.c - the profile reader (DESIGN §2): INI sections, comments,
 * continuation lines, include and ignore, lookup and reading order,
 * limits, and the exact "FILE:LINE: message" of every error.
 *
 * Everything happens in a temporary directory under /tmp:
 *	T/user		the user's dir (~/.config/jailrun)
 *	T/sys1:T/sys2	the system dirs (JAILRUN_PROFILE_PATH)
 *	T/p		profiles given by path */
#include "config.h" /* _GNU_SOURCE: nftw */

#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "profile.h"
#include "syscalls.h"
#include "tap.h"

static char top[64];
static char user[96], sys1[96], sys2[96], pdir[96], syspath[200];
static struct jr_lookup lk;
static struct jr_policy *pol;
static struct jr_command cmd;
static struct jr_profile_log plog;
static struct jr_err err;

static void reset(void)
{
	jr_profile_log_free(&plog);
	plog.profile = NULL;
	jr_policy_free(pol);
	pol = jr_policy_new();
	cmd = (struct jr_command)JR_COMMAND_INIT;
	memset(&err, 0, sizeof(err));
}

static int rm_one(const char *path, const struct stat *st, int type,
		  struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void rm_rf(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Write DIR/NAME (NAME may hold one level of subdir). */
static __attribute__((format(printf, 3, 4))) void
put(const char *dir, const char *name, const char *fmt, ...)
{
	char path[256];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		diag("cannot write %s", path);
		return;
	}
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

static void put_bytes(const char *dir, const char *name, const char *buf,
		      size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fwrite(buf, 1, len, f);
	fclose(f);
}

static void unput(const char *dir, const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

static const char *path_of(const char *dir, const char *name)
{
	static char buf[4][256];
	static int slot;
	char *b = buf[slot++ % 4];

	snprintf(b, sizeof(buf[0]), "%s/%s", dir, name);
	return b;
}

/* Parse BUF as the profile pdir/t.profile. */
static int parse(const char *buf)
{
	return jr_profile_parse_buffer(pol, &lk, path_of(pdir, "t.profile"),
				       buf, strlen(buf), &plog, &err);
}

/* BUF fails with exactly "pdir/t.profile:LINE: MSG" (LINE 0: no line). */
static void parse_fails(const char *buf, int line, const char *msg,
			const char *desc)
{
	char want[JR_ERR_MAX];
	int r;

	reset();
	r = parse(buf);
	if (line)
		snprintf(want, sizeof(want), "%s:%d: %s",
			 path_of(pdir, "t.profile"), line, msg);
	else
		snprintf(want, sizeof(want), "%s: %s",
			 path_of(pdir, "t.profile"), msg);
	is_str(r == -1 ? err.msg : "(accepted)", want, "%s", desc);
}

static void parse_ok(const char *buf, const char *desc)
{
	reset();
	if (!is_int(parse(buf), 0, "%s", desc))
		diag("error: %s", err.msg);
}

/* jr_profile_load for PROGRAM (and --profile=PROFILE). */
static int load(const char *program, const char *profile)
{
	reset();
	cmd.profile = profile;
	return jr_profile_load(pol, &cmd, &lk, program, &plog, &err);
}

static void load_fails(const char *program, const char *profile,
		       const char *want, const char *desc)
{
	int r = load(program, profile);

	is_str(r == -1 ? err.msg : "(accepted)", want, "%s", desc);
}

static const char *origin(const struct jr_scset *s, const char *name)
{
	int nr = 0;

	if (jr_syscall_resolve(name, &nr) != JR_SC_NATIVE)
		return "(not native)";
	return s->origin[nr];
}

static const char *dropped(const char *name)
{
	return origin(&pol->drop, name);
}

/* The log of files read, as "a b c" with the top dir cut. */
static const char *files_read(void)
{
	static char buf[1024];
	size_t len = 0, t = strlen(top);

	buf[0] = '\0';
	for (size_t i = 0; i < plog.n; i++) {
		const char *f = plog.files[i];

		if (strncmp(f, top, t) == 0)
			f += t + 1;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
					i ? " " : "", f);
		if (len >= sizeof(buf))
			break;
	}
	return buf;
}

static void setup(void)
{
	snprintf(top, sizeof(top), "/tmp/jailrun-test-profile.XXXXXX");
	if (!mkdtemp(top)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		exit(1);
	}
	snprintf(user, sizeof(user), "%s/user", top);
	snprintf(sys1, sizeof(sys1), "%s/sys1", top);
	snprintf(sys2, sizeof(sys2), "%s/sys2", top);
	snprintf(pdir, sizeof(pdir), "%s/p", top);
	snprintf(syspath, sizeof(syspath), "%s:%s", sys1, sys2);
	mkdir(user, 0755);
	mkdir(sys1, 0755);
	mkdir(sys2, 0755);
	mkdir(pdir, 0755);
	mkdir(path_of(pdir, "sub"), 0755);
	lk.user_dir = user;
	lk.system_path = syspath;
}

/* ---- INI syntax -------------------------------------------------------- */

static void test_syntax(void)
{
	const char *t = path_of(pdir, "t.profile");
	char want[300];

	parse_ok("[seccomp]\nkeep = read,write\ndrop = mkdir\n",
		 "a section: [seccomp] keep = ... is seccomp.keep");
	ok(pol->keep_mode && origin(&pol->keep, "read") &&
		   origin(&pol->keep, "write") && dropped("mkdir"),
	   "seccomp.keep and seccomp.drop set from the section");
	snprintf(want, sizeof(want), "%s:3", t);
	is_str(dropped("mkdir"), want, "the origin of a rule is FILE:LINE");

	parse_ok("seccomp.drop = mkdir\ncaps.drop = all\n[caps]\nkeep = "
		 "net_admin\n",
		 "keys before any section mean themselves");
	ok(dropped("mkdir") && pol->caps_drop_all && pol->caps_keep_set,
	   "seccomp.drop, caps.drop and [caps] keep all applied");

	parse_ok("seccomp.drop = mkdir\nseccomp.drop = rmdir\n[seccomp]\n"
		 "drop = chdir\n",
		 "repeated list keys");
	ok(dropped("mkdir") && dropped("rmdir") && dropped("chdir"),
	   "repeated list keys accumulate, with or without a section");
	snprintf(want, sizeof(want), "%s:2", t);
	is_str(dropped("rmdir"), want, "each keeps its own line");

	parse_ok("[seccomp]\ndrop = mkdir\n    rmdir, chdir\n\tfchdir\n"
		 "keep = read\n",
		 "indented continuation lines");
	ok(dropped("mkdir") && dropped("rmdir") && dropped("chdir") &&
		   dropped("fchdir") && !origin(&pol->drop, "read"),
	   "continuation lines add to the key above");
	snprintf(want, sizeof(want), "%s:4", t);
	is_str(dropped("fchdir"), want,
	       "a continuation line is its own origin");
	parse_fails("seccomp.drop = mkdir\n  bogus\n", 2,
		    "unknown syscall 'bogus'",
		    "an error on a continuation line names that line");

	parse_ok("# comment\n; comment\n  # indented comment\n\n"
		 "seccomp.drop = mkdir ; inline comment\n"
		 "seccomp.drop = rmdir\t; after a tab\n",
		 "comments: hash, semicolon and inline ' ;'");
	ok(dropped("mkdir") && dropped("rmdir"),
	   "the inline comment is not part of the value");
	parse_fails("seccomp.drop = mkdir # not a comment\n", 1,
		    "space inside list item 'mkdir # not a comment' (items "
		    "are separated by commas; an inline comment needs ' ;')",
		    "an inline hash stays in the value and says why");
	parse_fails("\nshell = none # why\n", 2,
		    "shell: jailrun runs the target directly, without a shell; "
		    "only 'none' is accepted, not 'none # why'",
		    "an inline hash after a single value");

	parse_ok("\xef\xbb\xbfseccomp.drop = mkdir\n", "a UTF-8 BOM");
	ok(dropped("mkdir") != NULL, "the key after the BOM is read");
	parse_ok("seccomp.drop\t=\tmkdir\r\n[seccomp]\r\ndrop = rmdir\r\n",
		 "tabs and CRLF line ends");
	ok(dropped("mkdir") && dropped("rmdir"), "CRLF: both keys read");
	parse_ok("", "an empty profile");
	parse_ok("seccomp.drop = mkdir", "no newline at the end");
	ok(dropped("mkdir") != NULL, "the last line without newline is read");
}

static void test_errors(void)
{
	const char *t = path_of(pdir, "t.profile");
	char want[JR_ERR_MAX];

	parse_fails("shell = none\nseccomp.kep = read\n", 2,
		    "unknown key 'seccomp.kep' (did you mean 'seccomp.keep'?)",
		    "unknown key with a suggestion");
	parse_fails("[seccomp]\nkep = read\n", 2,
		    "unknown key 'seccomp.kep' (did you mean 'seccomp.keep'?)",
		    "unknown key in a section, named in full");
	parse_fails("xyzzyplughfrobnicate = 1\n", 1,
		    "unknown key 'xyzzyplughfrobnicate'",
		    "unknown key without a suggestion");
	parse_fails("[seccomp]\nseccomp.drop = mkdir\n", 2,
		    "unknown key 'seccomp.seccomp.drop'",
		    "a section applies to a full key name too");
	parse_fails("profile = firefox\n", 1,
		    "'profile' can only be given on the command line",
		    "a command-line-only key");
	parse_fails("print-filter = yes\n", 1,
		    "'print-filter' can only be given on the command line",
		    "a command-line flag");
	parse_fails("\n\nseccomp\n", 3,
		    "expected 'key = value' or '[section]'", "a bare key");
	parse_fails("[seccomp\ndrop = mkdir\n", 1,
		    "expected 'key = value' or '[section]'",
		    "an unclosed section");
	parse_fails("seccomp.drop = mkdri\n", 1,
		    "unknown syscall 'mkdri' (did you mean 'mkdir'?)",
		    "unknown syscall with a suggestion");
	parse_fails("[seccomp]\naction = errno:EFOO\n", 2,
		    "unknown errno 'EFOO' (e.g. EPERM, EACCES, ENOSYS)",
		    "bad errno name");
	parse_fails("seccomp.drop =\n", 1, "empty list", "an empty value");
	parse_fails("seccomp = \n", 1, "expected yes or no, not ''",
		    "an empty bool");
	parse_fails("seccomp.drop = mkdir,,rmdir\n", 1, "empty item in list",
		    "an empty list item");

	/* the first error wins, whoever found it */
	parse_fails("seccomp.drop = mkdir\nbad key here\nnet = host\n", 2,
		    "expected 'key = value' or '[section]'",
		    "a syntax error before a bad value: the syntax error");
	parse_fails("net = host\nbad key here\n", 1,
		    "net: 'none' (a new network namespace with loopback "
		    "only) or 'user' (one connected through pasta or "
		    "slirp4netns), not 'host'",
		    "a bad value before a syntax error: the bad value");
	reset();
	parse("seccomp.drop = mkdri\nseccomp.drop = rmdir\n");
	ok(!dropped("rmdir"), "nothing is applied after the first error");

	/* a key too long for the key buffer */
	{
		char buf[200];

		memset(buf, 'k', 130);
		strcpy(buf + 130, " = 1\n");
		snprintf(want, sizeof(want), "[seccomp]\n%s", buf);
		parse_fails(want, 2, "key too long", "a key too long");
	}

	/* limits */
	{
		char buf[JR_LINE_MAX + 40];

		snprintf(buf, sizeof(buf), "seccomp.drop = mkdir\n#");
		memset(buf + strlen(buf), 'x', JR_LINE_MAX - 1);
		buf[22 + JR_LINE_MAX - 1] = '\0';
		strcat(buf, "\n");
		parse_ok(buf, "a line of JR_LINE_MAX characters");
		buf[strlen(buf) - 1] = 'x';
		strcat(buf, "\n");
		parse_fails(buf, 2,
			    "line longer than 190 characters (continue a long "
			    "list on an indented line or repeat the key)",
			    "a line of JR_LINE_MAX + 1 characters");
	}
	{
		char buf[2048];
		size_t n;

		/* 300 characters on line 5 (inih's own buffer is 200) */
		n = (size_t)snprintf(buf, sizeof(buf),
				     "\n\n\n\nseccomp.drop = ");
		while (n < 300)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
					      "mkdir,");
		strcpy(buf + n, "mkdir\nnet = host\n");
		parse_fails(buf, 5,
			    "line longer than 190 characters (continue a long "
			    "list on an indented line or repeat the key)",
			    "a 300-character line is reported at its own line");
		/* and 3 lines of 180 after it: lines are counted right */
		n = 0;
		for (int i = 0; i < 3; i++) {
			buf[n++] = '#';
			memset(buf + n, 'c', 179);
			n += 179;
			buf[n++] = '\n';
		}
		strcpy(buf + n, "bogus = 1\n");
		parse_fails(buf, 4, "unknown key 'bogus'",
			    "lines near the limit keep the line count");
	}
	{
		size_t len = JR_PROFILE_SIZE_MAX + 1;
		char *big = malloc(len + 1);

		memset(big, '\n', len);
		big[len] = '\0';
		reset();
		snprintf(want, sizeof(want), "%s: larger than 256 KiB", t);
		is_int(jr_profile_parse_buffer(pol, &lk, t, big, len, &plog,
					       &err),
		       -1, "a buffer larger than JR_PROFILE_SIZE_MAX");
		is_str(err.msg, want, "larger than: the message");
		reset();
		is_int(jr_profile_parse_buffer(pol, &lk, t, big, len - 1,
					       &plog, &err),
		       0, "a buffer of exactly JR_PROFILE_SIZE_MAX");
		free(big);
	}
	{
		static const char nul[] = "shell = none\nseccomp\0 = yes\n";

		reset();
		snprintf(want, sizeof(want),
			 "%s:2: binary data (NUL byte): not a profile", t);
		jr_profile_parse_buffer(pol, &lk, t, nul, sizeof(nul) - 1,
					&plog, &err);
		is_str(err.msg, want, "a NUL byte");
	}
	parse_fails("shell = none\n\nnet = \x1bnone\n", 3,
		    "control character 0x1b", "an escape character");
	parse_fails("shell = none\x7f\n", 1, "control character 0x7f",
		    "a DEL character");
	parse_fails("shell = none\x0c\n", 1, "control character 0x0c",
		    "a form feed");
	parse_fails("seccomp.drop = mk\xc3\xa9\n", 1,
		    "invalid character 0xc3 in list item",
		    "a non-ASCII list item");
}

/* ---- include ------------------------------------------------------------ */

static void test_include(void)
{
	char want[JR_ERR_MAX];

	put(user, "inc1.profile", "seccomp.drop = mkdir\n");
	put(sys2, "common.inc", "seccomp.drop = rmdir\n");
	put(sys1, "sys.profile", "seccomp.drop = chdir\n");
	put(pdir, "sub/rel.profile", "seccomp.drop = fchdir\n");
	put(pdir, "near.profile", "include = sub/rel.profile\n");

	parse_ok("include = inc1\n", "include by name");
	ok(dropped("mkdir") != NULL, "include by name: its rule applies");
	snprintf(want, sizeof(want), "%s:1", path_of(user, "inc1.profile"));
	is_str(dropped("mkdir"), want, "origin: the included file's line");
	is_str(files_read(), "p/t.profile user/inc1.profile",
	       "the log names the file and its include");
	parse_ok("include = inc1.profile\n", "include by name.profile");
	ok(dropped("mkdir") != NULL, "name.profile is not doubled");
	parse_ok("include = common.inc\n", "include a .inc");
	ok(dropped("rmdir") != NULL, ".inc found in the second system dir");
	parse_ok("include = sys\n", "include from the system dir");
	ok(dropped("chdir") != NULL, "the system dir's file applies");
	parse_ok("include = sub/rel.profile\n", "include by relative path");
	ok(dropped("fchdir") != NULL, "relative to the including file");
	parse_ok("include = ./near.profile\n",
		 "a relative include inside a relative include");
	ok(dropped("fchdir") != NULL, "each relative to its own file");
	snprintf(want, sizeof(want), "include = %s\n",
		 path_of(user, "inc1.profile"));
	parse_ok(want, "include by absolute path");
	ok(dropped("mkdir") != NULL, "absolute path applies");
	parse_ok("include = inc1\ninclude = inc1\n", "the same file twice");

	reset();
	parse("\ninclude = nosuch\n");
	snprintf(want, sizeof(want),
		 "%s:2: include 'nosuch': no such profile (looked in %s:%s)",
		 path_of(pdir, "t.profile"), user, syspath);
	is_str(err.msg, want, "a missing include names where it looked");
	parse_fails("include =\n", 1, "include: empty name", "include of ''");
	reset();
	parse("include = ./nope.profile\n");
	snprintf(want, sizeof(want),
		 "%s:1: %s/nope.profile: cannot read: No such file or "
		 "directory",
		 path_of(pdir, "t.profile"), pdir);
	is_str(err.msg, want, "a missing relative include");

	/* an error inside an include names the included file */
	put(sys1, "broken.inc", "# broken\nseccomp.drop = mkdri\n");
	reset();
	parse("shell = none\ninclude = broken.inc\nseccomp.drop = rmdir\n");
	snprintf(want, sizeof(want),
		 "%s:2: unknown syscall 'mkdri' (did you mean 'mkdir'?)",
		 path_of(sys1, "broken.inc"));
	is_str(err.msg, want, "an error in an include: its own file and line");
	ok(!dropped("rmdir"), "the including file stops there");

	/* cycles */
	put(sys1, "a.profile", "shell = none\ninclude = b\n");
	put(sys1, "b.profile", "include = a\n");
	snprintf(want, sizeof(want),
		 "%s:1: include cycle: %s is already being read",
		 path_of(sys1, "b.profile"), path_of(sys1, "a.profile"));
	load_fails("x", "a", want, "include cycle a -> b -> a");
	put(sys1, "self.profile", "\n\ninclude = self.profile\n");
	snprintf(want, sizeof(want),
		 "%s:3: include cycle: %s is already being read",
		 path_of(sys1, "self.profile"), path_of(sys1, "self.profile"));
	load_fails("x", "self", want, "a profile including itself");
	put(pdir, "cyc.profile", "include = ../p/./cyc.profile\n");
	snprintf(want, sizeof(want),
		 "%s:1: include cycle: %s/../p/./cyc.profile is already being "
		 "read",
		 path_of(pdir, "cyc.profile"), pdir);
	load_fails("x", path_of(pdir, "cyc.profile"), want,
		   "a cycle through another spelling of the path");

	/* depth: n0 -> n1 -> ... -> n9 */
	for (int i = 0; i <= JR_INCLUDE_DEPTH_MAX + 1; i++) {
		char name[32];

		snprintf(name, sizeof(name), "n%d.profile", i);
		if (i <= JR_INCLUDE_DEPTH_MAX)
			put(sys2, name, "seccomp.drop = %d\ninclude = n%d\n",
			    i, i + 1);
		else
			put(sys2, name, "seccomp.drop = %d\n", i);
	}
	is_int(load("x", "n1"), 0, "%d nested includes are fine",
	       JR_INCLUDE_DEPTH_MAX);
	ok(pol->drop.origin[9] != NULL, "the last one is read");
	snprintf(want, sizeof(want), "%s:2: includes nest deeper than 8",
		 path_of(sys2, "n8.profile"));
	load_fails("x", "n0", want, "one more is an error");

	/* more files than JR_FILES_MAX in one run */
	{
		char buf[JR_FILES_MAX * 24];
		size_t n = 0;

		put(sys1, "empty.inc", "# nothing\n");
		for (int i = 0; i < JR_FILES_MAX; i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
					      "include = empty.inc\n");
		parse_fails(buf, JR_FILES_MAX, "more than 64 profile files",
			    "more than JR_FILES_MAX files");
	}
}

/* ---- ignore ------------------------------------------------------------- */

static void test_ignore(void)
{
	put(sys1, "kill.inc", "seccomp.action = kill\n");
	put(sys1, "ign.inc", "ignore = seccomp.action\n");

	parse_ok("ignore = seccomp.action\nseccomp.action = kill\n",
		 "ignore and the key in one file");
	is_int(pol->action, JR_ACT_KILL, "ignore does not cancel its own file");
	parse_ok("ignore = seccomp.action\ninclude = kill.inc\n",
		 "ignore then an include");
	is_int(pol->action, JR_ACT_ERRNO, "ignore cancels the key in a file "
					  "read after");
	parse_ok("ignore = seccomp.action\n[seccomp]\naction = log\n",
		 "a section key and ignore of its full name");
	is_int(pol->action, JR_ACT_LOG, "(its own file: still applies)");
	parse_ok("include = ign.inc\nseccomp.action = log\n"
		 "include = kill.inc\n",
		 "ignore in an include");
	is_int(pol->action, JR_ACT_LOG,
	       "an include's ignore reaches files read after it");
	parse_ok("ignore = include\ninclude = kill.inc\n", "ignore = include");
	is_int(pol->action, JR_ACT_KILL, "(its own file: the include happens)");
	parse_fails("ignore = seccomp.kep\n", 1,
		    "ignore: unknown key 'seccomp.kep' (did you mean "
		    "'seccomp.keep'?)",
		    "ignore of an unknown key");
	parse_fails("ignore =\n", 1, "ignore: unknown key ''",
		    "ignore of nothing");
	{
		char buf[(JR_IGNORES_MAX + 1) * 20];
		size_t n = 0;

		for (int i = 0; i <= JR_IGNORES_MAX; i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
					      "ignore = net\n");
		parse_fails(buf, JR_IGNORES_MAX + 1,
			    "more than 64 ignore lines",
			    "more than JR_IGNORES_MAX ignore lines");
	}
}

/* ---- lookup and reading order ------------------------------------------ */

static void test_lookup(void)
{
	char want[JR_ERR_MAX];
	char *found;

	put(sys1, "prog.profile", "seccomp.drop = rmdir\n");
	put(sys2, "prog.profile", "seccomp.drop = chdir\n");
	put(sys2, "prog2.profile", "seccomp.drop = fchdir\n");

	found = jr_profile_find(&lk, "prog", NULL);
	is_str(found, path_of(sys1, "prog.profile"),
	       "find: NAME.profile in the first system dir");
	free(found);
	found = jr_profile_find(&lk, "prog2.profile", NULL);
	is_str(found, path_of(sys2, "prog2.profile"),
	       "find: NAME.profile in the second");
	free(found);
	found = jr_profile_find(&lk, "sub/x", "/d");
	is_str(found, "/d/sub/x", "find: a path relative to DIR");
	free(found);
	found = jr_profile_find(&lk, "././x.inc", "/d");
	is_str(found, "/d/x.inc", "find: a leading ./ is dropped");
	free(found);
	found = jr_profile_find(&lk, "/abs/x", "/d");
	is_str(found, "/abs/x", "find: an absolute path");
	free(found);
	found = jr_profile_find(&lk, "./x", NULL);
	is_str(found, "./x", "find: a relative path without DIR stays");
	free(found);
	found = jr_profile_find(&lk, "nosuch", NULL);
	is_str(found, NULL, "find: nothing");
	free(found);

	is_int(load("prog", NULL), 0, "load prog");
	ok(dropped("rmdir") && !dropped("chdir"),
	   "the first system dir wins; the second is not read");
	is_str(plog.profile, path_of(sys1, "prog.profile"), "log: the profile");
	is_int(load("prog2", NULL), 0, "load prog2");
	ok(dropped("fchdir") != NULL, "found in the second system dir");

	put(user, "prog.profile", "seccomp.drop = mkdir\n");
	is_int(load("prog", NULL), 0, "load prog with a user profile");
	ok(dropped("mkdir") && !dropped("rmdir"),
	   "the user's profile replaces the system one");
	is_str(files_read(), "user/prog.profile", "only the user's is read");
	unput(user, "prog.profile");

	/* empty components of the path are skipped */
	{
		char path[300];
		struct jr_lookup saved = lk;

		snprintf(path, sizeof(path), "::%s::", sys2);
		lk.system_path = path;
		lk.user_dir = NULL;
		is_int(load("prog", NULL), 0, "a path with empty components");
		ok(dropped("chdir") != NULL, "its one real dir is used");
		lk = saved;
	}

	/* default.profile */
	is_int(load("unknown-program", NULL), 0, "no profile, no default");
	ok(!plog.profile && plog.n == 0, "nothing read");
	put(sys2, "default.profile", "seccomp = yes\n");
	is_int(load("unknown-program", NULL), 0, "no profile, a default");
	is_str(plog.profile, path_of(sys2, "default.profile"),
	       "default.profile is used");
	ok(pol->seccomp, "its settings apply");
	put(user, "default.profile", "net = none\n");
	is_int(load("unknown-program", NULL), 0, "a user default");
	ok(pol->net_none && !pol->seccomp,
	   "the user's default.profile replaces the system one");
	unput(user, "default.profile");

	/* an explicit profile */
	snprintf(want, sizeof(want),
		 "profile 'nosuch' not found (looked in %s:%s)", user, syspath);
	load_fails("prog", "nosuch", want,
		   "an explicit profile that is not found is an error");
	{
		struct jr_lookup saved = lk;

		lk.user_dir = NULL;
		snprintf(want, sizeof(want),
			 "profile 'nosuch' not found (looked in %s)", syspath);
		load_fails("prog", "nosuch", want,
			   "not found, no user dir: the message");
		lk = saved;
	}
	is_int(load("anything", "prog2"), 0, "--profile=NAME");
	ok(dropped("fchdir") != NULL, "the named profile is read");
	put(pdir, "mine.profile", "seccomp.drop = getcwd\n");
	is_int(load("prog", path_of(pdir, "mine.profile")), 0,
	       "--profile=PATH");
	ok(dropped("getcwd") && !dropped("rmdir"),
	   "a path is read instead of the program's profile");
	snprintf(want, sizeof(want),
		 "%s: cannot read: No such file or directory",
		 path_of(pdir, "nope.profile"));
	load_fails("prog", path_of(pdir, "nope.profile"), want,
		   "--profile=PATH that does not exist");
	snprintf(want, sizeof(want), "%s: cannot read: Is a directory",
		 path_of(pdir, "sub"));
	load_fails("prog", path_of(pdir, "sub"), want,
		   "--profile=PATH that is a directory");
	/* a FIFO with no writer: refused at once, not waited on (an alarm
	 * turns a hang into a failure) */
	mkfifo(path_of(pdir, "fifo.profile"), 0600);
	put(pdir, "incfifo.profile", "include = ./fifo.profile\n");
	alarm(30);
	snprintf(want, sizeof(want),
		 "%s: cannot read: not a regular file (a FIFO)",
		 path_of(pdir, "fifo.profile"));
	load_fails("prog", path_of(pdir, "fifo.profile"), want,
		   "--profile=PATH that is a FIFO");
	snprintf(want, sizeof(want),
		 "%s:1: %s/fifo.profile: cannot read: not a regular file (a "
		 "FIFO)",
		 path_of(pdir, "incfifo.profile"), pdir);
	load_fails("prog", path_of(pdir, "incfifo.profile"), want,
		   "an include of a FIFO");
	alarm(0);
	{
		size_t len = JR_PROFILE_SIZE_MAX + 10;
		char *big = malloc(len);

		memset(big, '#', len);
		for (size_t i = 100; i < len; i += 100)
			big[i] = '\n';
		put_bytes(pdir, "big.profile", big, len);
		free(big);
	}
	snprintf(want, sizeof(want), "%s: larger than 256 KiB",
		 path_of(pdir, "big.profile"));
	load_fails("prog", path_of(pdir, "big.profile"), want,
		   "a profile file larger than JR_PROFILE_SIZE_MAX");
	put(pdir, "incbig.profile", "\ninclude = ./big.profile\n");
	snprintf(want, sizeof(want),
		 "%s:2: %s/big.profile: larger than 256 KiB",
		 path_of(pdir, "incbig.profile"), pdir);
	load_fails("prog", path_of(pdir, "incbig.profile"), want,
		   "an include larger than JR_PROFILE_SIZE_MAX");
	put_bytes(pdir, "nul.profile", "net = none\n\0\n", 13);
	snprintf(want, sizeof(want),
		 "%s:2: binary data (NUL byte): not a profile",
		 path_of(pdir, "nul.profile"));
	load_fails("prog", path_of(pdir, "nul.profile"), want,
		   "a file with a NUL byte");
	if (geteuid() != 0) {
		put(pdir, "secret.profile", "net = none\n");
		chmod(path_of(pdir, "secret.profile"), 0);
		snprintf(want, sizeof(want),
			 "%s: cannot read: Permission denied",
			 path_of(pdir, "secret.profile"));
		load_fails("prog", path_of(pdir, "secret.profile"), want,
			   "an unreadable profile");
	} else {
		skip("an unreadable profile: root reads anything");
	}

	reset();
	cmd.noprofile = true;
	is_int(jr_profile_load(pol, &cmd, &lk, "prog", &plog, &err), 0,
	       "noprofile: load succeeds");
	is_int(plog.n, 0, "noprofile: nothing read");
}

static void test_order(void)
{
	char want[JR_ERR_MAX];

	put(sys1, "jailrun.conf", "seccomp.action = errno:EACCES\n");
	put(user, "jailrun.conf", "seccomp.action = kill\n");
	put(sys1, "prog.profile",
	    "seccomp.drop = rmdir\ninclude = common.inc\n");
	is_int(load("prog", NULL), 0, "jailrun.conf and a profile");
	is_str(files_read(),
	       "sys1/jailrun.conf sys1/prog.profile sys2/common.inc",
	       "jailrun.conf (system dir only), then the profile, then its "
	       "include");
	ok(pol->action == JR_ACT_ERRNO && pol->action_errno == EACCES,
	   "the system jailrun.conf applies, not the user's");
	unput(user, "jailrun.conf");

	put(user, "globals.local", "seccomp.drop = mkdir\n");
	put(user, "prog.local", "seccomp.drop = chdir\n");
	put(user, "other.local", "seccomp.drop = fchdir\n");
	is_int(load("prog", NULL), 0, "with .local files");
	is_str(files_read(),
	       "sys1/jailrun.conf user/globals.local user/prog.local "
	       "sys1/prog.profile sys2/common.inc",
	       "jailrun.conf, globals.local, NAME.local, the profile");
	ok(dropped("mkdir") && dropped("chdir") && !dropped("fchdir"),
	   "only this program's .local");
	is_int(load("prog", path_of(pdir, "prog.profile")), -1,
	       "(a --profile path that does not exist)");
	put(pdir, "prog.profile", "shell = none\n");
	is_int(load("x", path_of(pdir, "prog.profile")), 0,
	       "--profile=PATH/prog.profile");
	is_str(files_read(),
	       "sys1/jailrun.conf user/globals.local user/prog.local "
	       "p/prog.profile",
	       "NAME.local follows the profile's name, not the program's");
	is_str(pol->local_used, "prog.local",
	       "the policy names that NAME.local, for reports");
	is_int(load("prog", "prog2"), 0, "--profile=prog2");
	ok(!dropped("chdir"), "prog.local is not read for prog2");
	is_str(pol->local_used, "prog2.local",
	       "--profile=prog2: prog2.local named, read or not");

	/* ignore in a .local: DESIGN's example */
	put(user, "prog.local",
	    "ignore = seccomp.action\nseccomp.action = kill\n");
	put(sys1, "prog.profile",
	    "seccomp.action = log\nseccomp.drop = rmdir\n");
	is_int(load("prog", NULL), 0, "ignore in a .local");
	is_int(pol->action, JR_ACT_KILL,
	       "the .local's own value stands; the profile's is cancelled");
	ok(dropped("rmdir") != NULL, "the rest of the profile applies");
	put(user, "globals.local", "ignore = seccomp.drop\n");
	is_int(load("prog", NULL), 0, "ignore in globals.local");
	ok(!dropped("rmdir"), "globals.local's ignore reaches the profile");
	put(user, "globals.local", "ignore = seccomp.action\n");
	put(user, "prog.local", "seccomp.action = kill\n");
	is_int(load("prog", NULL), 0,
	       "ignore in globals.local, key in prog.local");
	is_int(pol->action, JR_ACT_ERRNO,
	       "globals.local's ignore reaches prog.local too");
	ok(pol->action_errno == EACCES, "jailrun.conf, read before, stands");

	/* an error in a .local stops the load */
	put(user, "prog.local", "\nseccomp.drop = bogus\n");
	snprintf(want, sizeof(want), "%s:2: unknown syscall 'bogus'",
		 path_of(user, "prog.local"));
	load_fails("prog", NULL, want, "an error in NAME.local");
	put(user, "globals.local", "bogus = 1\n");
	snprintf(want, sizeof(want), "%s:1: unknown key 'bogus'",
		 path_of(user, "globals.local"));
	load_fails("prog", NULL, want, "an error in globals.local");
	put(sys1, "jailrun.conf", "[seccomp]\naction = trap\n");
	snprintf(want, sizeof(want),
		 "%s:2: seccomp.action: expected errno, errno:ENAME, kill or "
		 "log, not 'trap'",
		 path_of(sys1, "jailrun.conf"));
	load_fails("prog", NULL, want, "an error in jailrun.conf");
	unput(sys1, "jailrun.conf");
	unput(user, "globals.local");
	unput(user, "prog.local");
	unput(user, "other.local");
}

/* ---- which names a program's profile is looked up by ------------------ */

static void test_candidates(void)
{
	struct jr_candidates *c = calloc(1, sizeof(*c));
	char bin[128], alt[128], real[128], link1[160], link2[160];
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;

	for (size_t i = 1; i < jr_naliases; i++)
		ok(strcmp(jr_aliases[i - 1].name, jr_aliases[i].name) < 0,
		   "aliases sorted: %s", jr_aliases[i].name);
	jr_profile_candidates("/nonexistent/zcat", c);
	ok(c->n == 2 && strcmp(c->name[0], "zcat") == 0 &&
		   strcmp(c->name[1], "gzip") == 0,
	   "zcat: zcat, then its alias gzip");
	jr_profile_candidates("python3.11", c);
	ok(c->n >= 2 && strcmp(c->name[1], "python3") == 0,
	   "python3.11: then python3");
	jr_profile_candidates("python3.x", c);
	ok(c->n == 1, "python3.x: no alias (not a version)");

	/* bin/myvi -> alt/myvi -> real/vim.basic, found through PATH */
	snprintf(bin, sizeof(bin), "%s/bin", top);
	snprintf(alt, sizeof(alt), "%s/alt", top);
	snprintf(real, sizeof(real), "%s/real", top);
	mkdir(bin, 0755);
	mkdir(alt, 0755);
	mkdir(real, 0755);
	put(real, "vim.basic", "#!/bin/sh\n");
	chmod(path_of(real, "vim.basic"), 0755);
	snprintf(link1, sizeof(link1), "%s/myvi", bin);
	snprintf(link2, sizeof(link2), "%s/myvi", alt);
	(void)!symlink(link2, link1);
	(void)!symlink("../real/vim.basic", link2);
	setenv("PATH", bin, 1);
	jr_profile_candidates("myvi", c);
	ok(c->n == 3 && strcmp(c->name[0], "myvi") == 0 &&
		   strcmp(c->name[1], "vim.basic") == 0 &&
		   strcmp(c->name[2], "vim") == 0,
	   "a link chain: myvi, vim.basic, vim (got %zu: %s %s %s)", c->n,
	   c->name[0], c->n > 1 ? c->name[1] : "-",
	   c->n > 2 ? c->name[2] : "-");
	ok(strstr(c->how[1], "a link to") != NULL, "... each says how: %s",
	   c->how[1]);
	put(sys2, "vim.profile", "seccomp.drop = chdir\n");
	is_int(load("myvi", NULL), 0, "myvi is loaded");
	is_str(plog.profile, path_of(sys2, "vim.profile"),
	       "myvi gets vim.profile through the links");
	ok(plog.matched && strstr(plog.matched, "'vim'"),
	   "the log says which name matched: %s",
	   plog.matched ? plog.matched : "(none)");
	unput(sys2, "vim.profile");
	if (saved)
		setenv("PATH", saved, 1);
	free(saved);
	free(c);
}

/* A buffer is LEN bytes, not a string: parsing reads nothing past it
 * (a fuzzer found the line checks running strspn into the next heap
 * block; under AddressSanitizer, which run-all uses, this overflowed). */
static void test_unterminated(void)
{
	static const char *const texts[] = { "ignore =\n", "ignore =",
					       "   ", "key", "[s" };

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		size_t len = strlen(texts[i]);
		char *b = malloc(len ? len : 1);
		int r;

		memcpy(b, texts[i], len);
		jr_policy_free(pol);
		pol = jr_policy_new();
		r = jr_profile_parse_buffer(pol, &lk, path_of(pdir, "t.profile"),
					    b, len, &plog, &err);
		ok(r == 0 || r == -1, "unterminated buffer %zu: parsed or refused",
		   i);
		free(b);
	}
}

int main(void)
{
	setup();
	test_unterminated();
	test_syntax();
	test_errors();
	test_include();
	test_ignore();
	test_lookup();
	test_order();
	test_candidates();
	reset();
	jr_policy_free(pol);
	rm_rf(top);
	return tap_done();
}
