/* dbusproxy.h - the D-Bus proxy of dbus.user = filter: xdg-dbus-proxy,
 * started by the supervisor outside the sandbox before the clone (its
 * socket is a bind source of the plan jr_desktop_plan made), stopped
 * when the sandbox ends.  The plan itself is in desktop.h. */
#ifndef JAILRUN_DBUSPROXY_H
#define JAILRUN_DBUSPROXY_H

#include <stdbool.h>
#include <sys/types.h>

#include "learn.h"
#include "policy.h"
#include "util.h"

/* The most of xdg-dbus-proxy's --log kept while learning (a file size
 * limit on the proxy: it writes no more) */
#define JR_DBUS_LOG_MAX (8 * 1024 * 1024)

struct jr_dbus_proxy {
	pid_t pid; /* xdg-dbus-proxy, -1 when none */
	int sync;  /* the read end of its --fd: it exits when this closes */
	char *dir; /* its private directory, holding the socket */
	char *sock;
	bool logging; /* learning: LOG, a memfd, is the proxy's stdout */
	int log;
};

/* With dbus.user = filter: start the proxy and wait until it listens;
 * when learning, with --log into P->log.
 * Otherwise nothing (P is cleared either way).  0, or -1 with ERR
 * (xdg-dbus-proxy missing or failing: the sandbox must not start). */
int jr_dbus_proxy_start(const struct jr_policy *pol, struct jr_dbus_proxy *p,
			struct jr_err *err);

/* Learning: stop the proxy, and read what its --log said the program
 * called into L (jr_learned_dbus_log).  Nothing when it did not log. */
void jr_dbus_proxy_learned(struct jr_dbus_proxy *p,
			   const struct jr_policy *pol, struct jr_learned *l);

/* Stop the proxy, remove its socket and directory. */
void jr_dbus_proxy_stop(struct jr_dbus_proxy *p);

#endif
