/* test-learnfs.c - learning mode's files: normalising, collapsing,
 * substitution, the profile's Landlock keys and their reading back;
 * learning under a profile (what it refused and denied, standing
 * alone) and a keep meeting another file's drop.
 * Table-driven: each case is the paths a run used and the rules wanted. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "learn.h"
#include "learnfs.h"
#include "options.h"
#include "syscalls.h"
#include "tap.h"

static const struct {
	const char *in, *want; /* want NULL: refused */
} norms[] = {
	{ "/a/b", "/a/b" },
	{ "//a///b/", "/a/b" },
	{ "/a/./b/.", "/a/b" },
	{ "/a/b/../c", "/a/c" },
	{ "/../..", "/" },
	{ "/", "/" },
	{ "a/b", NULL },
	{ "", NULL },
};

static void test_normalise(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(norms); i++) {
		char out[64];
		int r = jr_lf_normalise(norms[i].in, out, sizeof(out));

		if (!norms[i].want)
			is_int(r, -1, "normalise '%s': refused", norms[i].in);
		else
			ok(r == 0 && strcmp(out, norms[i].want) == 0,
			   "normalise '%s' -> '%s'", norms[i].in,
			   norms[i].want);
	}
}

static const struct jr_lfvars vars = {
	.home = "/home/u", .config = "/home/u/.config",
	.cache = "/home/u/.cache", .download = "/home/u/Downloads",
	.runtime = "/run/user/1",
};
static const char *const secrets[] = { "/home/u/.ssh", "/home/u/.gnupg",
				       "/srv/keys/k" };

struct use {
	const char *path;
	unsigned access;
};

/* want: "KEYLETTER PATH" per rule, in order (r read, w write, x exec,
 * W write+exec); "!N": N grants refused */
static const struct {
	const char *what;
	struct use uses[8];
	const char *want[8];
} cases[] = {
	{ "a file read is read",
	  { { "/srv/data/a.txt", JR_LF_READ } },
	  { "r /srv/data/a.txt" } },
	{ "a file written is written",
	  { { "/srv/data/a.txt", JR_LF_READ | JR_LF_WRITE } },
	  { "w /srv/data/a.txt" } },
	{ "a file created: write on its directory",
	  { { "/srv/out/new.txt", JR_LF_CREATE } },
	  { "w /srv/out" } },
	{ "four files read in one directory: the directory",
	  { { "/srv/d/1", JR_LF_READ }, { "/srv/d/2", JR_LF_READ },
	    { "/srv/d/3", JR_LF_READ }, { "/srv/d/4", JR_LF_READ } },
	  { "r /srv/d" } },
	{ "three are not enough",
	  { { "/srv/d/1", JR_LF_READ }, { "/srv/d/2", JR_LF_READ },
	    { "/srv/d/3", JR_LF_READ } },
	  { "r /srv/d/1", "r /srv/d/2", "r /srv/d/3" } },
	{ "libraries: the tree, with exec",
	  { { "/usr/lib/x86_64-linux-gnu/libc.so.6", JR_LF_READ },
	    { "/lib64/ld-linux-x86-64.so.2", JR_LF_EXEC } },
	  { "x /lib64", "x /usr/lib" } },
	{ "data: the tree; /proc: /proc; a terminal: /dev/pts",
	  { { "/usr/share/zoneinfo/UTC", JR_LF_READ },
	    { "/proc/1234/status", JR_LF_READ },
	    { "/dev/pts/3", JR_LF_READ | JR_LF_WRITE } },
	  { "w /dev/pts", "r /proc", "r /usr/share" } },
	{ "files in ~ itself: never ~, one by one",
	  { { "/home/u/.a", JR_LF_READ }, { "/home/u/.b", JR_LF_READ },
	    { "/home/u/.c", JR_LF_READ }, { "/home/u/.d", JR_LF_READ } },
	  { "r ${HOME}/.a", "r ${HOME}/.b", "r ${HOME}/.c", "r ${HOME}/.d" } },
	{ "a name created in ~ itself: refused",
	  { { "/home/u/new", JR_LF_CREATE } },
	  { "!1" } },
	{ "listing / or ~: refused",
	  { { "/", JR_LF_READ }, { "/home/u", JR_LF_READ } },
	  { "!2" } },
	{ "never collapsed onto a directory holding a secret",
	  { { "/srv/keys/1", JR_LF_READ }, { "/srv/keys/2", JR_LF_READ },
	    { "/srv/keys/3", JR_LF_READ }, { "/srv/keys/4", JR_LF_READ } },
	  { "r /srv/keys/1", "r /srv/keys/2", "r /srv/keys/3",
	    "r /srv/keys/4" } },
	{ "nor inside one",
	  { { "/home/u/.ssh/a", JR_LF_READ }, { "/home/u/.ssh/b", JR_LF_READ },
	    { "/home/u/.ssh/c", JR_LF_READ }, { "/home/u/.ssh/d", JR_LF_READ } },
	  { "!4" } },
	{ "XDG directories substituted, the longest first",
	  { { "/home/u/.cache/app/x", JR_LF_CREATE },
	    { "/home/u/.config/app/rc", JR_LF_READ },
	    { "/home/u/Downloads/f.iso", JR_LF_READ | JR_LF_WRITE },
	    { "/run/user/1/app.sock", JR_LF_READ } },
	  { "w ${XDG_CACHE_HOME}/app", "r ${XDG_CONFIG_HOME}/app/rc",
	    "w ${XDG_DOWNLOAD_DIR}/f.iso", "r ${XDG_RUNTIME_DIR}/app.sock" } },
	{ "what a directory above grants is not repeated",
	  { { "/srv/w/new", JR_LF_CREATE }, { "/srv/w/old", JR_LF_READ },
	    { "/srv/w/sub/f", JR_LF_WRITE } },
	  { "w /srv/w" } },
	{ "a program run: exec on it",
	  { { "/opt/tool/bin/tool", JR_LF_EXEC } },
	  { "x /opt/tool/bin/tool" } },
	{ "a path no profile line can hold: refused",
	  { { "/srv/a,b", JR_LF_READ } },
	  { "!1" } },
};

static void rule_text(const struct jr_lfrule *r, char *buf, size_t size)
{
	unsigned ll = r->ll & 6 ? r->ll & 6 : r->ll; /* w, x imply r */
	char k = ll == 1 ? 'r' :
		 ll == 2 ? 'w' :
		 ll == 4 ? 'x' :
			   'W';

	snprintf(buf, size, "%c %s", k, r->path);
}

static void test_rules(void)
{
	for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
		struct jr_learnfs s = { 0 };
		struct jr_lfrules *r = calloc(1, sizeof(*r));
		bool same = true;
		size_t n = 0;

		for (size_t i = 0; cases[c].uses[i].path; i++)
			jr_learnfs_add(&s, cases[c].uses[i].path,
				       cases[c].uses[i].access);
		jr_learnfs_rules(&s, &vars, secrets, ARRAY_SIZE(secrets), r);
		for (size_t i = 0; cases[c].want[i]; i++) {
			const char *w = cases[c].want[i];
			char got[256];

			if (w[0] == '!') {
				same &= r->refused == (size_t)atoi(w + 1);
				continue;
			}
			if (n >= r->n) {
				same = false;
				break;
			}
			rule_text(&r->v[n++], got, sizeof(got));
			if (strcmp(got, w) != 0) {
				diag("got '%s', want '%s'", got, w);
				same = false;
			}
		}
		if (n != r->n) {
			diag("%zu rules, want %zu", r->n, n);
			same = false;
		}
		ok(same, "%s", cases[c].what);
		jr_lfrules_free(r);
		free(r);
		jr_learnfs_free(&s);
	}
}

static void test_letters(void)
{
	char buf[5];
	unsigned a;

	jr_lf_letters(JR_LF_READ | JR_LF_CREATE | JR_LF_EXEC, buf);
	is_str(buf, "rcx", "access letters");
	ok(jr_lf_parse_letters("rwcx", &a) == 0 && a == JR_LF_ALL,
	   "letters read back");
	ok(jr_lf_parse_letters("rz", &a) < 0, "a bad letter: refused");
	ok(jr_lf_parse_letters("", &a) < 0, "no letter: refused");
}

static void test_desktop(void)
{
	is_int((int)jr_learned_desktop_of("@/tmp/.X11-unix/X0", "/run/user/1"),
	       JR_LD_X11, "abstract X11 socket: x11");
	is_int((int)jr_learned_desktop_of("/run/user/1/wayland-0",
					  "/run/user/1"),
	       JR_LD_WAYLAND, "wayland-0: wayland");
	is_int((int)jr_learned_desktop_of("/run/user/1/pulse/native",
					  "/run/user/1"),
	       JR_LD_SOUND, "pulse: sound");
	is_int((int)jr_learned_desktop_of("/run/user/1/bus", "/run/user/1"),
	       JR_LD_DBUS_USER, "bus: dbus.user");
	is_int((int)jr_learned_desktop_of("/run/user/1/bus", NULL), 0,
	       "no runtime dir: nothing");
}

/* The profile's keys, and the observations read back (--learn-append). */
static void test_profile_round_trip(void)
{
	struct jr_learned *l = calloc(1, sizeof(*l));
	struct jr_learned *back = calloc(1, sizeof(*back));
	struct jr_err err = { { 0 } };
	char path[] = "/tmp/test-learnfs.XXXXXX";
	char *text = NULL;
	int fd = mkstemp(path);

	l->runs = 1;
	l->vars = vars;
	l->ll_abi = 4;
	l->connect[8080 / 64] |= 1ULL << (8080 % 64);
	l->desktop = JR_LD_X11;
	jr_learnfs_add(&l->fs, "/srv/d/f", JR_LF_READ);
	jr_learnfs_add(&l->fs, "/srv/o/n", JR_LF_CREATE);
	jr_learnfs_add(&l->fs, "/usr/bin/tar", JR_LF_EXEC);
	is_int(jr_learned_profile(l, "t", "now", &text, &err), 0,
	       "profile built");
	ok(strstr(text, "\nlandlock.read = /srv/d/f\n") != NULL,
	   "landlock.read written");
	ok(strstr(text, "\nlandlock.write = /srv/o\n") != NULL,
	   "landlock.write written");
	ok(strstr(text, "\nlandlock.exec = /usr/bin/tar\n") != NULL,
	   "landlock.exec written");
	ok(strstr(text, "\nlandlock.net.connect = 8080\n") != NULL &&
		   strstr(text, "\nlandlock.net.bind = none\n") != NULL,
	   "ABI 4: TCP ports written");
	ok(strstr(text, "\nx11 = yes\n") != NULL, "x11 used: x11 = yes");
	free(text);
	close(fd);
	is_int(jr_learned_write(l, path, "t", "now", &err), 0, "written");
	is_int(jr_learned_load(back, path, &err), 0, "read back (%s)",
	       err.msg);
	ok(back->fs.n == 3 && back->fs.v[1].access == JR_LF_CREATE &&
		   strcmp(back->fs.v[1].path, "/srv/o/n") == 0,
	   "paths and their access read back");
	ok(back->connect[8080 / 64] & (1ULL << (8080 % 64)) &&
		   back->desktop == JR_LD_X11,
	   "ports and desktop read back");
	unlink(path);
	jr_learned_free(l);
	jr_learned_free(back);
	free(l);
	free(back);
}

static int nr_of(const char *name)
{
	int nr = -1;

	jr_syscall_resolve(name, &nr);
	return nr;
}

static void set(struct jr_policy *pol, const char *key, const char *value,
		const char *where)
{
	struct jr_err err = { { 0 } };

	if (jr_key_set(pol, jr_key_find(key), value, where, &err) < 0)
		diag("%s = %s: %s", key, value, err.msg);
}

/* Learned under a profile: its denials with their rule, its Landlock
 * refusals (not granted), the header; read back by --learn-append. */
static void test_under(void)
{
	struct jr_learned *l = calloc(1, sizeof(*l));
	struct jr_learned *back = calloc(1, sizeof(*back));
	struct jr_policy *pol = jr_policy_new();
	struct jr_err err = { { 0 } };
	char path[] = "/tmp/test-learnfs.XXXXXX";
	char *text = NULL;
	int fd = mkstemp(path), pers = nr_of("personality");

	set(pol, "seccomp", "yes", "/etc/p/inc.profile:3");
	l->runs = 1;
	l->vars = vars;
	l->used[pers] = l->used[nr_of("read")] = true;
	l->used[nr_of("execve")] = true; /* the launch only */
	jr_learnfs_add(&l->fs, "/srv/d/f", JR_LF_READ);
	jr_learnfs_add(&l->refused, "/srv/r/x", JR_LF_WRITE);
	jr_learned_under(l, "/etc/p/u.profile", pol);
	ok(l->denied_by[pers] &&
		   strcmp(l->denied_by[pers], "/etc/p/inc.profile:3") == 0,
	   "personality: denied by the rule that denies it");
	ok(!l->denied_by[nr_of("read")], "read: allowed, not listed");
	ok(!l->denied_by[nr_of("execve")],
	   "execve of the launch only: not listed");
	is_int(jr_learned_profile(l, "t", "now", &text, &err), 0,
	       "profile built");
	ok(strstr(text, "\n# learned under u.profile: its file rules") != NULL,
	   "header: learned under the profile");
	ok(strstr(text, "\n# stands alone: it includes nothing") != NULL,
	   "header: stands alone");
	ok(strstr(text, "\n#   inc.profile:3 denies: personality\n") != NULL,
	   "the denial, with its rule");
	ok(strstr(text, "\n#   refused: write /srv/r/x\n") != NULL,
	   "the refusal, listed");
	ok(!strstr(text, "/srv/r\n") && !strstr(text, "= /srv/r"),
	   "and not granted");
	ok(strstr(text, "\n# observed-refused: w /srv/r/x\n") != NULL &&
		   strstr(text, "\n# observed-under: u.profile\n") != NULL,
	   "observed lines for --learn-append");
	ok(!strstr(text, "\ninclude"), "no include");
	free(text);
	close(fd);
	is_int(jr_learned_write(l, path, "t", "now", &err), 0, "written");
	is_int(jr_learned_load(back, path, &err), 0, "read back (%s)",
	       err.msg);
	ok(back->refused.n == 1 && back->refused.v[0].access == JR_LF_WRITE &&
		   strcmp(back->under, "u.profile") == 0,
	   "refusals and the profile read back");
	/* a later run used it: no longer listed as refused */
	jr_learnfs_add(&back->fs, "/srv/r/x", JR_LF_WRITE);
	back->vars = vars;
	is_int(jr_learned_profile(back, "t", "now", &text, &err), 0,
	       "merged profile built");
	ok(!strstr(text, "#   refused: write /srv/r/x"),
	   "a refusal a later run got past is not listed");
	free(text);
	/* --noprofile */
	jr_learned_free(l);
	memset(l, 0, sizeof(*l));
	l->runs = 1;
	jr_learned_under(l, NULL, pol);
	is_int(jr_learned_profile(l, "t", "now", &text, &err), 0,
	       "--noprofile profile built");
	ok(strstr(text, "\n# stands alone: learned with no profile") != NULL,
	   "--noprofile: stands alone, said");
	free(text);
	unlink(path);
	jr_learned_free(l);
	jr_learned_free(back);
	jr_policy_free(pol);
	free(l);
	free(back);
}

/* A keep of one file meeting a drop of another: the conflict. */
static void test_conflict(void)
{
	struct jr_policy *pol = jr_policy_new();
	int pers = nr_of("personality");

	set(pol, "seccomp.keep", "personality, read", "/a/l.profile:2");
	is_int(jr_policy_conflict(pol, 0), -1, "a keep alone: no conflict");
	set(pol, "seccomp.drop", "personality", "--seccomp.drop");
	is_int(jr_policy_conflict(pol, 0), -1,
	       "a drop on the command line: no conflict");
	set(pol, "seccomp", "yes", "/a/l.profile:5");
	is_int(jr_policy_conflict(pol, 0), -1,
	       "a drop in the keep's own file: no conflict");
	jr_policy_free(pol);
	pol = jr_policy_new();
	set(pol, "seccomp", "yes", "/a/inc.profile:1");
	set(pol, "seccomp.keep", "personality, read", "/a/l.profile:2");
	is_int(jr_policy_conflict(pol, 0), pers,
	       "an include's seccomp = yes denies a kept syscall: conflict");
	is_int(jr_policy_conflict(pol, pers + 1), -1, "and only that one");
	ok(!jr_policy_allows(pol, pers), "and the drop wins");
	jr_policy_free(pol);
}

/* xdg-dbus-proxy's --log (the text 0.1.4 prints): the names called that
 * the rules let through, the refused ones, and lines that must not
 * count: the bus itself, unique names, a name the rules do not allow
 * (a line a program could forge), a bad name; read back. */
static void test_dbus_log(void)
{
	struct jr_learned *l = calloc(1, sizeof(*l));
	struct jr_learned *back = calloc(1, sizeof(*back));
	struct jr_policy *pol = jr_policy_new();
	struct jr_err err = { { 0 } };
	char path[] = "/tmp/test-learnfs.XXXXXX";
	char *text = NULL;
	int fd = mkstemp(path);
	char log[] =
		"C1: -> org.freedesktop.DBus call org.freedesktop.DBus.Hello "
		"at /org/freedesktop/DBus\n"
		"C2: -> org.freedesktop.DBus fake AddMatch for org.a.B\n"
		"C4: -> org.a.B call org.a.B.Ping at /\n"
		"B4: <- :1.0 return from C4\n"
		"C5: -> org.a.C.D call x.y at /\n"
		"C6: -> org.b.E call org.b.E.Ping at /\n"
		"*HIDDEN* (ping)\n"
		"C7: -> :1.9 call org.a.B.Ping at /\n"
		"C8: -> org.evil.F call x.y at /\n"
		"C9: -> 9bad.G call x.y at /\n"
		"C10: -> org.freedesktop.DBus call "
		"org.freedesktop.DBus.RequestName at /\n"
		"Filtering message due to arg0 org.own.H, policy: 0 (required 3)\n"
		"*HIDDEN* (ping)\n"
		"C11: -> org.a.B call org.a.B.Ping at /\n"
		"C12: -> org.b.E call org.b.E.Ping at /\n"
		"*DENIED* (ping)\n";

	set(pol, "dbus.user", "filter", "p:1");
	set(pol, "dbus.user.talk", "org.a.*, org.b.E", "p:2");
	set(pol, "dbus.user.own", "org.own.I", "p:3");
	jr_learned_dbus_log(l, pol, log, false);
	is_int((int)l->dbus_talked.n, 2, "talked: two names");
	is_str(l->dbus_talked.n > 1 ? l->dbus_talked.v[1] : NULL, "org.a.C.D",
	       "talked: org.a.B, org.a.C.D (sorted, once; org.a.* allows)");
	is_int((int)l->dbus_refused_talk.n, 2,
	       "refused talk: the hidden one and the one the rules deny");
	is_str(l->dbus_refused_talk.n > 1 ? l->dbus_refused_talk.v[1] : NULL,
	       "org.evil.F", "refused talk: org.b.E, org.evil.F");
	is_str(l->dbus_refused_own.n ? l->dbus_refused_own.v[0] : NULL,
	       "org.own.H", "refused own: RequestName's arg0 (required 3)");
	l->runs = 1;
	l->vars = vars;
	l->desktop = JR_LD_DBUS_USER;
	l->used[nr_of("read")] = true;
	jr_learned_under(l, NULL, pol);
	is_int(jr_learned_profile(l, "t", "now", &text, &err), 0,
	       "profile built");
	ok(strstr(text, "\ndbus.user = filter\n"
			"dbus.user.talk = org.a.B, org.a.C.D\n") != NULL,
	   "profile: the filter with the names talked to");
	ok(strstr(text, "\ndbus.user.own = org.own.I\n") != NULL,
	   "profile: the own names kept");
	ok(strstr(text, "\n# refused on the bus, talk to: org.b.E "
			"org.evil.F\n") != NULL,
	   "profile: refused names listed");
	ok(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text),
	   "written");
	is_int(jr_learned_load(back, path, &err), 0, "read back (%s)",
	       err.msg);
	is_int((int)(back->dbus_talked.n * 100 + back->dbus_refused_talk.n * 10 +
		     back->dbus_refused_own.n),
	       221, "read back: the names of each kind");
	free(text);
	if (fd >= 0)
		close(fd);
	unlink(path);
	jr_learned_free(l);
	jr_learned_free(back);
	free(l);
	free(back);
	jr_policy_free(pol);
}

int main(void)
{
	test_normalise();
	test_rules();
	test_letters();
	test_desktop();
	test_profile_round_trip();
	test_under();
	test_conflict();
	test_dbus_log();
	return tap_done();
}
