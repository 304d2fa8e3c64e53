/* dbusproxy.h - the D-Bus proxy of dbus.user = filter: xdg-dbus-proxy,
 * started by the supervisor outside the sandbox before the clone (its
 * socket is a bind source of the plan jr_desktop_plan made), stopped
 * when the sandbox ends.  The plan itself is in desktop.h. */
#ifndef JAILRUN_DBUSPROXY_H
#define JAILRUN_DBUSPROXY_H

#include <sys/types.h>

#include "policy.h"
#include "util.h"

struct jr_dbus_proxy {
	pid_t pid; /* xdg-dbus-proxy, -1 when none */
	int sync;  /* the read end of its --fd: it exits when this closes */
	char *dir; /* its private directory, holding the socket */
	char *sock;
};

/* With dbus.user = filter: start the proxy and wait until it listens.
 * Otherwise nothing (P is cleared either way).  0, or -1 with ERR
 * (xdg-dbus-proxy missing or failing: the sandbox must not start). */
int jr_dbus_proxy_start(const struct jr_policy *pol, struct jr_dbus_proxy *p,
			struct jr_err *err);

/* Stop the proxy, remove its socket and directory. */
void jr_dbus_proxy_stop(struct jr_dbus_proxy *p);

#endif
