/* test-desktop.c - the plan each desktop key (x11, wayland, sound,
 * dbus.user, dbus.system) makes: mounts, environment and warnings, with a
 * fake desktop environment (HOME, XDG_RUNTIME_DIR, DISPLAY, ...). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confine.h"
#include "options.h"
#include "tap.h"
#include "testpol.h"

static struct jr_policy *pol;
static struct jr_confine plan;
static struct jr_err err;
static int plan_rc;

static void say(const char *msg) { tap_diag("%s", msg); }

/* The fake home: a directory that exists (a whitelist in a missing home
 * is skipped), made in main. */
static char home[] = "/tmp/jr-test-desktop.XXXXXX";

/* $HOME followed by REST, in one of four rotating buffers. */
static const char *at_home(const char *rest)
{
	static char buf[4][sizeof(home) + 64];
	static unsigned next;
	char *b = buf[next++ % 4];

	snprintf(b, sizeof(buf[0]), "%s%s", home, rest);
	return b;
}

/* A fresh policy with KEY=VALUE pairs applied (NULL-terminated). */
#define with(...) jrt_policy_with(&pol, &err, say, __VA_ARGS__)

/* Plan with ABI as the kernel's Landlock ABI. */
static void plan_abi(int abi)
{
	jr_confine_free(&plan);
	memset(&plan, 0, sizeof(plan));
	memset(&err, 0, sizeof(err));
	plan_rc = jr_confine_plan(pol, "/bin/true", abi, &plan, &err);
	if (plan_rc < 0)
		tap_diag("plan: %s", err.msg);
}

/* The index of the mount OP on DST (phase PH), -1 when there is none. */
static int mount_at(enum jr_mnt_phase ph, enum jr_mnt_op op, const char *dst)
{
	for (size_t i = 0; i < plan.nmounts; i++)
		if (plan.mounts[i].phase == ph && plan.mounts[i].op == op &&
		    strcmp(plan.mounts[i].dst, dst) == 0)
			return (int)i;
	return -1;
}

static const char *bind_src(const char *dst)
{
	for (size_t i = 0; i < plan.nmounts; i++)
		if (plan.mounts[i].op == JR_MNT_BIND &&
		    strcmp(plan.mounts[i].dst, dst) == 0)
			return plan.mounts[i].src;
	return NULL;
}

static bool env_unset(const char *name)
{
	for (size_t i = 0; i < plan.nenv_unset; i++)
		if (strcmp(plan.env_unset[i], name) == 0)
			return true;
	return false;
}

/* The value the plan sets NAME to, NULL when it does not. */
static const char *env_set(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < plan.nenv_set; i++)
		if (strncmp(plan.env_set[i], name, n) == 0 &&
		    plan.env_set[i][n] == '=')
			return plan.env_set[i] + n + 1;
	return NULL;
}

static bool warned(const char *needle)
{
	for (size_t i = 0; i < plan.nwarnings; i++)
		if (strstr(plan.warnings[i], needle))
			return true;
	return false;
}

static bool ll_rule(const char *path, unsigned access)
{
	for (size_t i = 0; i < plan.nll; i++)
		if (strcmp(plan.ll[i].path, path) == 0 &&
		    plan.ll[i].access == access)
			return true;
	return false;
}

static void test_unset(void)
{
	with(NULL);
	plan_abi(7);
	ok(plan_rc == 0 && plan.nmounts == 0 && plan.nenv_set == 0 &&
		   plan.nenv_unset == 0 && plan.nwarnings == 0,
	   "no desktop key: no mount, no environment change, no warning");
}

static void test_x11(void)
{
	with("x11=no", NULL);
	plan_abi(7);
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/tmp/.X11-unix") >= 0,
	   "x11 = no: /tmp/.X11-unix hidden");
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, at_home("/.Xauthority")) >= 0,
	   "x11 = no: the XAUTHORITY file hidden");
	ok(plan.mounts[0].optional, "x11 = no: hiding is optional");
	ok(env_unset("DISPLAY") && env_unset("XAUTHORITY"),
	   "x11 = no: DISPLAY and XAUTHORITY unset");
	ok(warned("abstract socket @/tmp/.X11-unix/X7 stays reachable") &&
		   warned("net = none") &&
		   warned("landlock.scope = abstract-unix"),
	   "x11 = no without a network namespace: a warning naming the "
	   "abstract socket and the keys that close it");
	ok(!plan.ll_unenforced,
	   "x11 = no: the warning is not a Landlock rule (landlock.require)");

	with("x11=no", "net=none", NULL);
	plan_abi(7);
	ok(!warned("abstract"), "x11 = no with net = none: no warning");
	with("x11=no", "landlock.scope=abstract-unix", NULL);
	plan_abi(6);
	ok(!warned("X11"), "x11 = no with the abstract-unix scope (ABI 6): "
			   "no warning");
	plan_abi(5);
	ok(warned("@/tmp/.X11-unix/X7"),
	   "x11 = no with the abstract-unix scope on ABI 5: warned");

	with("x11=yes", NULL);
	plan_abi(7);
	ok(plan.nmounts == 0 && plan.nenv_unset == 0 && plan.nll == 0,
	   "x11 = yes alone: nothing to do");
	with("x11=yes", "private-tmp=yes", NULL);
	plan_abi(7);
	{
		int tmp = mount_at(JR_PH_TMP, JR_MNT_TMPFS, "/tmp");
		int x = mount_at(JR_PH_TMP, JR_MNT_BIND, "/tmp/.X11-unix");

		ok(tmp >= 0 && x > tmp,
		   "x11 = yes with private-tmp: /tmp/.X11-unix bound back "
		   "after the tmpfs");
	}
	with("private-tmp=yes", NULL);
	plan_abi(7);
	{
		int tmp = mount_at(JR_PH_TMP, JR_MNT_TMPFS, "/tmp");
		int x = mount_at(JR_PH_TMP, JR_MNT_BIND, "/tmp/.X11-unix");

		ok(tmp >= 0 && x > tmp,
		   "private-tmp, x11 unset: /tmp/.X11-unix kept (as firejail)");
	}
	with("x11=no", "private-tmp=yes", NULL);
	plan_abi(7);
	ok(mount_at(JR_PH_TMP, JR_MNT_BIND, "/tmp/.X11-unix") < 0 &&
		   mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/tmp/.X11-unix") >= 0,
	   "private-tmp with x11 = no: /tmp/.X11-unix not kept, hidden");
	with("x11=yes", "whitelist=~/Downloads", NULL);
	plan_abi(7);
	is_str(bind_src(at_home("/.Xauthority")), at_home("/.Xauthority"),
	       "x11 = yes with a whitelist: ~/.Xauthority bound back");
	ok(mount_at(JR_PH_HOME, JR_MNT_BIND, at_home("/.Xauthority")) >
		   mount_at(JR_PH_HOME, JR_MNT_TMPFS, home),
	   "x11 = yes: after the home's tmpfs");
	with("x11=yes", "landlock.read=/usr", NULL);
	plan_abi(7);
	ok(ll_rule(at_home("/.Xauthority"), JR_LL_READ),
	   "x11 = yes with Landlock file rules: XAUTHORITY readable");
	setenv("XAUTHORITY", "/tmp/xauth-1", 1);
	with("x11=yes", "private-tmp=yes", NULL);
	plan_abi(7);
	is_str(bind_src("/tmp/xauth-1"), "/tmp/xauth-1",
	       "x11 = yes: an XAUTHORITY in /tmp is bound into private-tmp");
	unsetenv("XAUTHORITY");
}

static void test_wayland_sound(void)
{
	with("wayland=no", NULL);
	plan_abi(7);
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/run/user/9/wayland-1") >= 0,
	   "wayland = no: $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY hidden");
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/run/user/9/wayland-0") >= 0,
	   "wayland = no: the default wayland-0 too");
	ok(env_unset("WAYLAND_DISPLAY"), "wayland = no: WAYLAND_DISPLAY unset");
	with("wayland=yes", NULL);
	plan_abi(7);
	ok(plan.nmounts == 0 && plan.nenv_unset == 0, "wayland = yes: nothing");

	with("sound=no", NULL);
	plan_abi(7);
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/run/user/9/pulse") >= 0 &&
		   mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/run/user/9/pipewire-0") >=
			   0 &&
		   mount_at(JR_PH_HIDE, JR_MNT_HIDE,
			    "/run/user/9/pipewire-0-manager") >= 0 &&
		   mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/dev/snd") >= 0,
	   "sound = no: pulse, pipewire-0(-manager) and /dev/snd hidden");
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/srv/pulse.sock") >= 0,
	   "sound = no: the socket PULSE_SERVER names hidden");
	ok(env_set("PULSE_SERVER") &&
		   strstr(env_set("PULSE_SERVER"), "/dev/null/"),
	   "sound = no: PULSE_SERVER set to an address that fails (no "
	   "autospawn)");
	ok(env_unset("PIPEWIRE_REMOTE"), "sound = no: PIPEWIRE_REMOTE unset");

	with("sound=yes", "whitelist=~/Music", "landlock.read=/usr",
	     "private-dev=yes", NULL);
	plan_abi(7);
	is_str(bind_src(at_home("/.config/pulse")), at_home("/.config/pulse"),
	       "sound = yes with a whitelist: the PulseAudio cookie dir bound "
	       "back");
	ok(ll_rule(at_home("/.config/pulse"), JR_LL_READ),
	   "sound = yes with Landlock: the cookie dir readable");
	ok(mount_at(JR_PH_DEV, JR_MNT_BIND, "/dev/snd") >
		   mount_at(JR_PH_DEV, JR_MNT_DEV, "/dev"),
	   "sound = yes with private-dev: /dev/snd bound into it");
}

static void test_dbus(void)
{
	with("dbus.user=none", NULL);
	plan_abi(7);
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/run/user/9/bus") >= 0,
	   "dbus.user = none: $XDG_RUNTIME_DIR/bus hidden");
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/srv/my bus") >= 0,
	   "dbus.user = none: the socket DBUS_SESSION_BUS_ADDRESS names "
	   "hidden (%%20 decoded)");
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/run/user/9/jailrun/dbus") >= 0,
	   "dbus.user = none: other sandboxes' D-Bus proxies hidden");
	is_str(env_set("DBUS_SESSION_BUS_ADDRESS"),
	       "unix:path=/dev/null/jailrun-dbus-user-none",
	       "dbus.user = none: an address that fails (no fallback, no "
	       "autolaunch)");
	ok(warned("@/tmp/dbus-abstract"),
	   "dbus.user = none: an abstract address is warned about");
	with("dbus.user=none", "net=none", NULL);
	plan_abi(7);
	ok(!warned("abstract"), "dbus.user = none with net = none: no warning");

	with("dbus.user=yes", NULL);
	plan_abi(7);
	ok(plan.nmounts == 0 && plan.nenv_set == 0, "dbus.user = yes: nothing");

	with("dbus.user=filter", NULL);
	plan_abi(7);
	{
		cleanup_free char *src =
			xasprintf("/run/user/9/jailrun/dbus/%d", (int)getpid());

		is_str(bind_src("/run/user/9/jailrun/dbus"), src,
		       "dbus.user = filter: this jailrun's proxy dir bound "
		       "over the proxies' dir");
	}
	is_str(env_set("DBUS_SESSION_BUS_ADDRESS"),
	       "unix:path=/run/user/9/jailrun/dbus/bus",
	       "dbus.user = filter: the target's bus is the proxy");
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/run/user/9/bus") >= 0,
	   "dbus.user = filter: the real bus hidden");
	unsetenv("DBUS_SESSION_BUS_ADDRESS");
	unsetenv("XDG_RUNTIME_DIR");
	with("dbus.user=filter", NULL);
	plan_abi(7);
	ok(plan_rc < 0 && strstr(err.msg, "no session bus to filter"),
	   "dbus.user = filter without a bus: an error");
	setenv("XDG_RUNTIME_DIR", "/run/user/9", 1);

	with("dbus.user.talk=org.freedesktop.Notifications,org.a11y.*",
	     "dbus.user.own=org.example.App", NULL);
	ok(pol->ndbus_talk == 2 && pol->ndbus_own == 1 &&
		   strcmp(pol->dbus_talk[1], "org.a11y.*") == 0,
	   "dbus.user.talk, dbus.user.own: D-Bus names and org.x.* kept");
	{
		const char *bad[] = { "org", "org..x", "org.x*", "1org.x",
				      ".org.x", "org.x.", "org.*.x", "!org.x",
				      "org.x/y" };
		int refused = 0;

		for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
			jr_policy_free(pol);
			pol = jr_policy_new();
			memset(&err, 0, sizeof(err));
			if (jr_key_set(pol, jr_key_find("dbus.user.talk"),
				       bad[i], "test", &err) < 0 &&
			    strstr(err.msg, "expected a D-Bus name"))
				refused++;
			else
				tap_diag("accepted '%s'", bad[i]);
		}
		is_int(refused, (int)ARRAY_SIZE(bad),
		       "dbus.user.talk: malformed names refused");
	}

	setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/srv/sys", 1);
	with("dbus.system=none", NULL);
	plan_abi(7);
	ok(mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/run/dbus/system_bus_socket") >=
			   0 &&
		   mount_at(JR_PH_HIDE, JR_MNT_HIDE, "/srv/sys") >= 0,
	   "dbus.system = none: the system bus socket(s) hidden");
	ok(env_unset("DBUS_SYSTEM_BUS_ADDRESS"),
	   "dbus.system = none: DBUS_SYSTEM_BUS_ADDRESS unset");
	with("dbus.system=yes", NULL);
	plan_abi(7);
	ok(plan.nmounts == 0, "dbus.system = yes: nothing");

	with("dbus.system=none", "namespaces=!mount", NULL);
	plan_abi(7);
	ok(plan_rc < 0 && strstr(err.msg, "mount namespace"),
	   "a desktop key without the mount namespace: an error");
}

int main(void)
{
	if (!mkdtemp(home)) {
		perror("mkdtemp");
		return 1;
	}
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	setenv("XDG_RUNTIME_DIR", "/run/user/9", 1);
	setenv("DISPLAY", ":7.0", 1);
	unsetenv("XAUTHORITY");
	setenv("WAYLAND_DISPLAY", "wayland-1", 1);
	setenv("PULSE_SERVER", "unix:/srv/pulse.sock", 1);
	setenv("DBUS_SESSION_BUS_ADDRESS",
	       "unix:path=/srv/my%20bus,guid=1;unix:abstract=/tmp/dbus-abstract",
	       1);
	test_unset();
	test_x11();
	test_wayland_sound();
	test_dbus();
	jr_confine_free(&plan);
	jr_policy_free(pol);
	rmdir(home);
	return tap_done();
}
