/* desktop.h - the desktop keys (x11, wayland, sound, dbus.user,
 * dbus.system) as mounts and environment in a confinement plan; and
 * where the D-Bus proxy of dbus.user = filter lives, which the planner
 * binds and run/dbusproxy.c starts. */
#ifndef JAILRUN_DESKTOP_H
#define JAILRUN_DESKTOP_H

#include "plan.h"
#include "policy.h"
#include "util.h"

/* The desktop keys' mounts and environment for PLAN; called by
 * jr_confine_plan.  0, or -1 with ERR. */
int jr_desktop_plan(const struct jr_policy *pol, struct jr_confine *plan,
		    struct jr_err *err);

/* The session bus address the target would use, as a malloc'd string;
 * NULL when there is none. */
char *jr_dbus_session_address(void);

/* Where the proxy of this jailrun lives: DIR/bus, DIR either
 * $XDG_RUNTIME_DIR/jailrun/dbus/PID, bound in the sandbox over SHOWN,
 * $XDG_RUNTIME_DIR/jailrun/dbus (so that the other sandboxes' proxies
 * are not there), or a private /tmp/jailrun-dbus-UID-PID (SHOWN the
 * same).  Both malloc'd. */
void jr_dbus_proxy_paths(char **dir, char **shown);

#endif
