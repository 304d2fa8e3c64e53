# python3: the Python 3 interpreter.
# Deny-list (seccomp = yes: the kernel-attack surface of @default-deny):
# an interpreter runs whatever its script asks for, so no list learned
# from a few scripts would be honest for the next one.
# Families: unix, inet, inet6 (sockets, urllib, pip); raw and packet
# sockets, netlink and bluetooth are refused.
# No exec after the start: os.exec*, subprocess and os.system fail with
# EPERM.  A script that starts programs needs `ignore = seccomp.drop` in
# python3.local (and then those programs run under this filter).
protocol = unix, inet, inet6
caps.drop = all
shell = none
seccomp = yes
seccomp.drop = execve, execveat

# files
# An interpreter: it may read and write the home directory and /tmp
# (scripts, data, ~/.local for pip --user) and read the system; no
# private-dev (a script may talk to a serial port or a sensor, through a
# landlock.write line in python3.local).  The keys and secrets in ~ are
# hidden.  Scripts and virtual environments outside ~ and /tmp (/opt,
# /srv) need a landlock.read or landlock.exec line in python3.local.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
