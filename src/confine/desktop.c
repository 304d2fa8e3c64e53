/* desktop.c - the desktop socket keys (x11, wayland, sound, dbus.user,
 * dbus.system) as mounts and environment in a confinement plan.  The
 * D-Bus proxy that dbus.user = filter runs outside the sandbox is
 * started by run/dbusproxy.c, at the paths this planner binds.
 *
 * What each key does (an unset key changes nothing):
 *
 *   x11 = no       /tmp/.X11-unix and the XAUTHORITY file hidden, DISPLAY
 *                  and XAUTHORITY unset.  The X server's abstract socket
 *                  (@/tmp/.X11-unix/XN) lives in the network namespace:
 *                  only net = none or landlock.scope = abstract-unix
 *                  close it, otherwise a loud warning says so.
 *   x11 = yes      with private-tmp /tmp/.X11-unix is bound back; with a
 *                  whitelisted home (or private-tmp) the XAUTHORITY file
 *                  too; with Landlock file rules it is made readable.
 *   x11 unset      changes nothing, so private-tmp alone keeps
 *                  /tmp/.X11-unix too (as firejail's private-tmp does): a
 *                  fresh /tmp is not a decision about the display, and
 *                  with net = none the abstract socket is gone as well.
 *   wayland = no   $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY hidden, WAYLAND_DISPLAY
 *                  unset.
 *   sound = no     $XDG_RUNTIME_DIR/pulse, pipewire-0, pipewire-0-manager
 *                  hidden (/dev/snd too: devices.c, the device classes);
 *                  PULSE_SERVER set to an address that fails (unset,
 *                  libpulse would autospawn a daemon), PIPEWIRE_REMOTE
 *                  unset.
 *   sound = yes    the PulseAudio cookie dir ($XDG_CONFIG_HOME/pulse)
 *                  bound back into a whitelisted home and readable under
 *                  Landlock; /dev/snd readable and writable under
 *                  Landlock (and kept by private-dev: devices.c).
 *   dbus.user = none    the session bus socket(s) hidden and
 *                  DBUS_SESSION_BUS_ADDRESS set to an address that fails
 *                  (unset, libdbus and GDBus fall back to
 *                  $XDG_RUNTIME_DIR/bus and then autolaunch a bus).
 *   dbus.user = filter  as none, and xdg-dbus-proxy --filter, run by the
 *                  supervisor outside the sandbox, is the bus: its socket
 *                  is bound at $XDG_RUNTIME_DIR/jailrun/dbus/bus; the
 *                  names of dbus.user.talk / dbus.user.own are its
 *                  --talk / --own rules.
 *   dbus.system = none  /run/dbus/system_bus_socket (and the socket
 *                  DBUS_SYSTEM_BUS_ADDRESS names) hidden, the variable
 *                  unset.
 *
 * Hidden sockets get an empty read-only file over them: connect(2) fails
 * with ECONNREFUSED (a directory: ENOENT inside it). */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "plan.h"
#include "desktop.h"

/* what a target finds instead of a bus or a sound server: a path that
 * can never exist (nothing can be created below /dev/null) */
#define DBUS_NONE_ADDRESS "unix:path=/dev/null/jailrun-dbus-user-none"
#define PULSE_NONE_SERVER "unix:/dev/null/jailrun-sound-none"
#define SYSTEM_BUS_SOCKET "/run/dbus/system_bus_socket"
#define SYSTEM_BUS_SOCKET_VAR "/var/run/dbus/system_bus_socket"

/* $XDG_RUNTIME_DIR, or the usual /run/user/UID when it is not set (the
 * target could guess that one). */
static char *runtime_dir(void)
{
	const char *rt = getenv("XDG_RUNTIME_DIR");

	if (rt && rt[0] == '/')
		return xstrdup(rt);
	return xasprintf("/run/user/%u", (unsigned)getuid());
}

/* Whether abstract unix sockets outside the sandbox are out of reach:
 * they belong to the network namespace, and Landlock (ABI 6) can scope
 * them. */
static bool abstract_closed(const struct jr_policy *pol,
			    const struct jr_confine *plan)
{
	return (pol->namespaces & JR_NS_NET) || pol->net_none ||
	       ((pol->ll_scope & JR_SCOPE_ABSTRACT_UNIX) && plan->ll_abi >= 6);
}

#define ABSTRACT_FIX                                                           \
	"add net = none (a network namespace) or landlock.scope = "          \
	"abstract-unix (Landlock ABI 6)"

static int hide(struct jr_confine *plan, const char *path, const char *origin,
		struct jr_err *err)
{
	return jr_confine_mount_add(plan, JR_PH_HIDE, JR_MNT_HIDE, NULL, path,
				    true, origin, err);
}

/* Bind PATH back where it is, after a tmpfs of PHASE covered it. */
static int bind_back(struct jr_confine *plan, enum jr_mnt_phase phase,
		     const char *path, const char *origin, struct jr_err *err)
{
	return jr_confine_mount_add(plan, phase, JR_MNT_BIND, path, path, true,
				    origin, err);
}

/* A file the target must read (XAUTHORITY, the PulseAudio cookie): bound
 * back into a whitelisted home or a private /tmp, readable under
 * Landlock. */
static int keep_file(const struct jr_policy *pol, struct jr_confine *plan,
		     const char *path, const char *origin, struct jr_err *err)
{
	const char *home = jr_confine_home_tmpfs(plan);

	if (home && jr_path_beneath(path, home) &&
	    bind_back(plan, JR_PH_HOME, path, origin, err) < 0)
		return -1;
	if (pol->private_tmp && jr_path_beneath(path, "/tmp") &&
	    bind_back(plan, JR_PH_TMP, path, origin, err) < 0)
		return -1;
	if (plan->ll_fs &&
	    jr_confine_ll_add(plan, path, JR_LL_READ, true, origin, err) < 0)
		return -1;
	return 0;
}

/* ---- x11 ----------------------------------------------------------------- */

/* The display number of a local DISPLAY (":0", ":0.0", "unix:1"), "N"
 * when there is none. */
static char *display_number(void)
{
	const char *d = getenv("DISPLAY"), *colon = d ? strrchr(d, ':') : NULL;
	size_t n;

	if (!colon)
		return xstrdup("N");
	n = strspn(colon + 1, "0123456789");
	return n && n < 10 ? strndup(colon + 1, n) : xstrdup("N");
}

static int plan_x11(const struct jr_policy *pol, struct jr_confine *plan,
		    struct jr_err *err)
{
	const char *xa = getenv("XAUTHORITY");
	struct jr_err no_home = { { 0 } };
	cleanup_free char *auth = NULL;

	auth = xa && xa[0] == '/' ?
		       xstrdup(xa) :
		       jr_path_expand("~/.Xauthority", "x11", &no_home);
	if (!pol->x11) {
		cleanup_free char *num = display_number();

		if (hide(plan, "/tmp/.X11-unix", "x11 = no", err) < 0 ||
		    (auth && hide(plan, auth, "x11 = no", err) < 0) ||
		    jr_confine_unsetenv(plan, "DISPLAY", err) < 0 ||
		    jr_confine_unsetenv(plan, "XAUTHORITY", err) < 0)
			return -1;
		if (!abstract_closed(pol, plan))
			jr_confine_warn(plan,
					"x11 = no: the X server's abstract "
					"socket @/tmp/.X11-unix/X%s stays "
					"reachable (abstract sockets belong to "
					"the network namespace): " ABSTRACT_FIX,
					num);
		return 0;
	}
	if (pol->private_tmp &&
	    bind_back(plan, JR_PH_TMP, "/tmp/.X11-unix", "x11 = yes", err) < 0)
		return -1;
	if (!auth)
		return 0; /* no home: nothing to keep */
	return keep_file(pol, plan, auth, "x11 = yes", err);
}

/* ---- wayland, sound ------------------------------------------------------ */

static int plan_wayland(const struct jr_policy *pol, struct jr_confine *plan,
			struct jr_err *err)
{
	const char *wd = getenv("WAYLAND_DISPLAY");
	cleanup_free char *rt = runtime_dir(), *sock = NULL;

	if (pol->wayland)
		return 0; /* a socket needs no Landlock rule to connect */
	if (!wd || !wd[0] || strstr(wd, ".."))
		wd = "wayland-0";
	sock = wd[0] == '/' ? xstrdup(wd) : xasprintf("%s/%s", rt, wd);
	if (hide(plan, sock, "wayland = no", err) < 0)
		return -1;
	if (strcmp(wd, "wayland-0") != 0) {
		cleanup_free char *w0 = xasprintf("%s/wayland-0", rt);

		if (hide(plan, w0, "wayland = no", err) < 0)
			return -1;
	}
	return jr_confine_unsetenv(plan, "WAYLAND_DISPLAY", err);
}

static const char *const sound_sockets[] = { "pulse", "pipewire-0",
					     "pipewire-0-manager" };

static int plan_sound(const struct jr_policy *pol, struct jr_confine *plan,
		      struct jr_err *err)
{
	cleanup_free char *rt = runtime_dir(), *cookie = NULL;
	const char *ps = getenv("PULSE_SERVER");
	struct jr_err no_home = { { 0 } };

	/* /dev/snd, hidden or bound into private-dev: devices.c */
	if (pol->sound) {
		if (plan->ll_fs &&
		    jr_confine_ll_add(plan, "/dev/snd", JR_LL_READ | JR_LL_WRITE,
				      true, "sound = yes", err) < 0)
			return -1;
		cookie = jr_path_expand("${XDG_CONFIG_HOME}/pulse", "sound",
					&no_home);
		return cookie ? keep_file(pol, plan, cookie, "sound = yes", err) :
				0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(sound_sockets); i++) {
		cleanup_free char *p = xasprintf("%s/%s", rt, sound_sockets[i]);

		if (hide(plan, p, "sound = no", err) < 0)
			return -1;
	}
	/* PULSE_SERVER=unix:/path or a bare /path */
	if (ps && (ps[0] == '/' || strncmp(ps, "unix:/", 6) == 0) &&
	    !strstr(ps, "..") &&
	    hide(plan, ps[0] == '/' ? ps : ps + 5, "sound = no", err) < 0)
		return -1;
	if (jr_confine_setenv(plan, "PULSE_SERVER", PULSE_NONE_SERVER, err) < 0 ||
	    jr_confine_unsetenv(plan, "PIPEWIRE_REMOTE", err) < 0)
		return -1;
	return 0;
}

/* ---- D-Bus --------------------------------------------------------------- */

/* The value of KEY (path, abstract) in one D-Bus address entry
 * "unix:path=/run/user/1000/bus,guid=..."; %XX escapes decoded.  NULL
 * when absent. */
static char *dbus_value(const char *entry, size_t len, const char *key)
{
	size_t k = strlen(key);
	const char *p = memchr(entry, ':', len);

	while (p && p < entry + len) {
		const char *v = p + 1, *end = memchr(v, ',', (size_t)(entry + len - v));
		char *out, *o;

		if (!end)
			end = entry + len;
		if ((size_t)(end - v) > k && strncmp(v, key, k) == 0 &&
		    v[k] == '=') {
			o = out = xmalloc((size_t)(end - v) + 1);
			for (v += k + 1; v < end; v++) {
				unsigned x;

				if (*v == '%' && end - v > 2 &&
				    sscanf(v + 1, "%2x", &x) == 1) {
					*o++ = (char)x;
					v += 2;
				} else {
					*o++ = *v;
				}
			}
			*o = '\0';
			return out;
		}
		p = end < entry + len ? end : NULL;
	}
	return NULL;
}

/* Hide every socket a session or system bus ADDRESS names; what cannot
 * be hidden (abstract, tcp) is warned about unless a network namespace
 * or the abstract-unix scope covers it. */
static int dbus_hide_address(const struct jr_policy *pol,
			     struct jr_confine *plan, const char *address,
			     const char *origin, struct jr_err *err)
{
	const char *e = address;

	while (e && *e) {
		const char *semi = strchr(e, ';');
		size_t len = semi ? (size_t)(semi - e) : strlen(e);
		cleanup_free char *path = NULL, *abstract = NULL;

		if (strncmp(e, "unix:", 5) == 0) {
			path = dbus_value(e, len, "path");
			abstract = dbus_value(e, len, "abstract");
		}
		if (path && path[0] == '/' && !strstr(path, "..") &&
		    hide(plan, path, origin, err) < 0)
			return -1;
		if (abstract && !abstract_closed(pol, plan))
			jr_confine_warn(plan,
					"%s: the bus at the abstract socket "
					"@%.100s cannot be hidden and stays "
					"reachable: " ABSTRACT_FIX,
					origin, abstract);
		if (strncmp(e, "tcp:", 4) == 0 && !abstract_closed(pol, plan))
			jr_confine_warn(plan,
					"%s: the bus at %.100s is a TCP address "
					"and stays reachable: add net = none",
					origin, e);
		e = semi ? semi + 1 : NULL;
	}
	return 0;
}

char *jr_dbus_session_address(void)
{
	const char *a = getenv("DBUS_SESSION_BUS_ADDRESS");
	const char *rt = getenv("XDG_RUNTIME_DIR");

	if (a && a[0])
		return xstrdup(a);
	if (rt && rt[0] == '/')
		return xasprintf("unix:path=%s/bus", rt);
	return NULL;
}

void jr_dbus_proxy_paths(char **dir, char **shown)
{
	const char *rt = getenv("XDG_RUNTIME_DIR");

	if (rt && rt[0] == '/') {
		*dir = xasprintf("%s/jailrun/dbus/%d", rt, (int)getpid());
		*shown = xasprintf("%s/jailrun/dbus", rt);
	} else {
		*dir = xasprintf("/tmp/jailrun-dbus-%u-%d", (unsigned)getuid(),
				 (int)getpid());
		*shown = xstrdup(*dir);
	}
}

static int plan_dbus_user(const struct jr_policy *pol, struct jr_confine *plan,
			  struct jr_err *err)
{
	cleanup_free char *addr = jr_dbus_session_address(), *rt = runtime_dir();
	cleanup_free char *bus = xasprintf("%s/bus", rt);
	cleanup_free char *proxies = xasprintf("%s/jailrun/dbus", rt);
	cleanup_free char *dir = NULL, *shown = NULL, *sandbox_addr = NULL;
	const char *origin = pol->dbus_user == JR_DBUS_FILTER ?
				     "dbus.user = filter" :
				     "dbus.user = none";

	if (pol->dbus_user == JR_DBUS_YES)
		return 0;
	if (pol->dbus_user == JR_DBUS_FILTER && !addr)
		return jr_fail(err, origin,
			       "no session bus to filter "
			       "(DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR "
			       "are not set)");
	if (hide(plan, bus, origin, err) < 0 ||
	    (addr && dbus_hide_address(pol, plan, addr, origin, err) < 0) ||
	    jr_confine_unsetenv(plan, "DBUS_STARTER_ADDRESS", err) < 0 ||
	    jr_confine_unsetenv(plan, "DBUS_STARTER_BUS_TYPE", err) < 0)
		return -1;
	if (pol->dbus_user == JR_DBUS_NONE) {
		if (hide(plan, proxies, origin, err) < 0)
			return -1;
		return jr_confine_setenv(plan, "DBUS_SESSION_BUS_ADDRESS",
					 DBUS_NONE_ADDRESS, err);
	}
	/* filter: the proxy's own directory, and no other proxy */
	jr_dbus_proxy_paths(&dir, &shown);
	if (strcmp(dir, shown) != 0 || pol->private_tmp) {
		if (jr_confine_mount_add(plan, JR_PH_TMP, JR_MNT_BIND, dir,
					 shown, false, origin, err) < 0)
			return -1;
	}
	sandbox_addr = xasprintf("unix:path=%s/bus", shown);
	return jr_confine_setenv(plan, "DBUS_SESSION_BUS_ADDRESS", sandbox_addr,
				 err);
}

static int plan_dbus_system(const struct jr_policy *pol,
			    struct jr_confine *plan, struct jr_err *err)
{
	const char *a = getenv("DBUS_SYSTEM_BUS_ADDRESS");

	if (pol->dbus_system == JR_DBUS_YES)
		return 0;
	if (hide(plan, SYSTEM_BUS_SOCKET, "dbus.system = none", err) < 0 ||
	    hide(plan, SYSTEM_BUS_SOCKET_VAR, "dbus.system = none", err) < 0 ||
	    (a && dbus_hide_address(pol, plan, a, "dbus.system = none", err) <
			  0))
		return -1;
	return jr_confine_unsetenv(plan, "DBUS_SYSTEM_BUS_ADDRESS", err);
}

int jr_desktop_plan(const struct jr_policy *pol, struct jr_confine *plan,
		    struct jr_err *err)
{
	if (pol->x11 >= 0 && plan_x11(pol, plan, err) < 0)
		return -1;
	if (pol->x11 < 0 && pol->private_tmp &&
	    bind_back(plan, JR_PH_TMP, "/tmp/.X11-unix",
		      "private-tmp (x11 unset: the display stays)", err) < 0)
		return -1;
	if (pol->wayland >= 0 && plan_wayland(pol, plan, err) < 0)
		return -1;
	if (pol->sound >= 0 && plan_sound(pol, plan, err) < 0)
		return -1;
	if (pol->dbus_user != JR_DBUS_UNSET &&
	    plan_dbus_user(pol, plan, err) < 0)
		return -1;
	if (pol->dbus_system != JR_DBUS_UNSET &&
	    plan_dbus_system(pol, plan, err) < 0)
		return -1;
	return 0;
}
