# default.profile: used when a program has no profile of its own.
# It confines without knowing the program: the default deny-list of
# kernel-attack surface, no capabilities, the usual socket families, and
# the user's secrets hidden as firejail's default profile hides them
# (disable-keys.inc, disable-secrets.inc: ~/.ssh, ~/.gnupg, password
# stores, keyrings, cloud credentials, browser and mail profiles, shell
# histories) behind empty read-only mounts.  Everything else of the file
# system is as it is: shells, editors, compilers, coreutils, python and
# git work as without jailrun.
# Loosen it in ~/.config/jailrun/NAME.local (one program) or
# globals.local (all): `blacklist = !~/.ssh` gives one path back,
# `ignore = blacklist` all of them.
# The hiding needs a mount namespace: where user namespaces are refused,
# an unprivileged user's run is refused (exit 125, saying why) when one
# of these paths exists, and runs without namespaces when none does.
seccomp = yes
caps.drop = all
shell = none
protocol = unix,inet,inet6,netlink
include = disable-keys.inc
include = disable-secrets.inc
