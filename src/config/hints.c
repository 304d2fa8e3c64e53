/* hints.c - the firejail option table (hints.h).  Facts from firejail
 * 0.9.72's firejail(1) and firejail-profile(5) (Debian 12); sorted by
 * name (a unit test holds it to that, and checks that every jailrun
 * option named here exists and that no firejail name here is a jailrun
 * key). */
#include "config.h"

#include <string.h>

#include "hints.h"
#include "util.h"

const struct jr_hint jr_hints[] = {
	{ "allusers", NULL,
	  "has no equivalent: jailrun leaves /home as it is; hide or show homes "
	  "with --blacklist and --whitelist" },
	{ "apparmor", NULL,
	  "has no equivalent: jailrun confines with seccomp, Landlock and "
	  "namespaces, needing no AppArmor profile" },
	{ "appimage", NULL, "has no equivalent: run the AppImage's program" },
	{ "build", "--learn=FILE",
	  "learns syscalls, files, programs and sockets; static binaries "
	  "included" },
	{ "caps", "--caps.drop=all", "every capability, not a default list" },
	{ "chroot", NULL, "has no equivalent" },
	{ "cpu", NULL, "has no equivalent: run jailrun under taskset(1)" },
	{ "dbus-system", "--dbus.system=none|yes",
	  "the system bus is hidden or reachable (no filter)" },
	{ "dbus-user", "--dbus.user=none|filter|yes", NULL },
	{ "dbus-user.own", "--dbus.user.own=NAMES", NULL },
	{ "dbus-user.talk", "--dbus.user.talk=NAMES", NULL },
	{ "deterministic-exit-code", NULL,
	  "is always on: jailrun exits with the program's status" },
	{ "env", "--env.set=NAME=VALUE", NULL },
	{ "ipc-namespace", NULL,
	  "is always on: a new IPC namespace is the default (namespaces)" },
	{ "join-or-start", "--join=NAME", "joins only; start it by name first" },
	{ "nice", NULL, "has no equivalent: run jailrun under nice(1)" },
	{ "noblacklist", "--blacklist=!PATH", NULL },
	{ "nodbus", "--dbus.user=none --dbus.system=none", NULL },
	{ "nonewprivs", NULL,
	  "is always on: every sandbox has no_new_privs" },
	{ "nosound", "--sound=no", NULL },
	{ "output", NULL, "has no equivalent: redirect with the shell" },
	{ "overlay", NULL, "has no equivalent" },
	{ "private-cwd", "--chdir=DIR", NULL },
	{ "private-home", "--private=yes --whitelist=PATHS",
	  "the paths are bound, not copied" },
	{ "profile-path", NULL,
	  "is the JAILRUN_PROFILE_PATH environment variable" },
	{ "rlimit-as", "--rlimit.as=BYTES", NULL },
	{ "rlimit-cpu", "--rlimit.cpu=SECONDS", NULL },
	{ "rlimit-fsize", "--rlimit.fsize=BYTES", NULL },
	{ "rlimit-nofile", "--rlimit.nofile=N", NULL },
	{ "rlimit-nproc", "--rlimit.nproc=N", NULL },
	{ "rmenv", "--env.unset=NAMES", NULL },
	{ "seccomp-error-action", "--seccomp.action=ACTION", NULL },
	{ "seccomp.32", NULL,
	  "has no equivalent: jailrun refuses 32-bit targets and kills the i386 entry point" },
	{ "seccomp.block-secondary", NULL,
	  "is always on: the i386 and x32 entry points are killed" },
	{ "top", "--list", NULL },
	{ "trace", "--report",
	  "names denied calls; --learn=FILE records what the program used" },
	{ "tracelog", "--report", NULL },
	{ "tree", "--list", NULL },
};
const size_t jr_nhints = ARRAY_SIZE(jr_hints);

const struct jr_hint *jr_hint_find(const char *name)
{
	for (size_t i = 0; i < jr_nhints; i++)
		if (strcmp(jr_hints[i].firejail, name) == 0)
			return &jr_hints[i];
	return NULL;
}
