# python3: the Python 3 interpreter.
# Deny-list (seccomp = yes: the kernel-attack surface of @default-deny):
# an interpreter runs whatever its script asks for, so no list learned
# from a few scripts would be honest for the next one.
# What python is ordinarily used for works: starting programs
# (subprocess, os.spawn*, os.system, asyncio subprocesses, multiprocessing),
# `python3 -m venv` and pip in it, sockets of the families unix, inet and
# inet6 (urllib, pip, servers on the loopback), netlink (the interface
# names of socket.if_nameindex), reading the whole system (os.listdir("/"),
# site-packages anywhere), writing the home directory, /tmp and /dev/shm
# (multiprocessing's semaphores), and running what it made there (a venv's
# bin/, a test's script in /tmp).
# Refused on purpose:
# - every capability (caps.drop = all): as root, chown to another user,
#   setuid/setgid/setgroups to others, mknod, raw and packet sockets, and
#   what a root-only test of CPython's suite does, fail with EPERM;
# - for an unprivileged user, other users' ids: the sandbox's user
#   namespace maps only the user's own uid and gid, so chown to another
#   id, and subprocess's user=/group= (setreuid, setregid) to another
#   id, fail with EINVAL where outside they fail with EPERM;
# - the kernel-attack surface of @default-deny (ptrace of other programs,
#   mount, bpf, keyctl, ...): EPERM or ENOSYS;
# - raw and packet sockets, bluetooth and the other families: EAFNOSUPPORT;
# - writing outside ~, /tmp, /dev/shm and the terminal devices: EACCES;
#   executing outside the system's program and library directories, ~
#   and /tmp: EACCES;
# - the keys and secrets of disable-keys.inc and disable-secrets.inc
#   (~/.ssh, ~/.gnupg, password stores, browser profiles, histories...):
#   hidden (EACCES).
# Other trees (a project in /srv, a serial port) need a landlock.write
# or landlock.exec line in python3.local.
protocol = unix, inet, inet6, netlink
caps.drop = all
shell = none
seccomp = yes

# files
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.read = /
landlock.write = ~, /tmp
landlock.exec = ~, /tmp
