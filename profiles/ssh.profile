# ssh: OpenSSH client.
# Deny-list (seccomp = yes: the kernel-attack surface of @default-deny):
# ssh starts ProxyCommand, LocalCommand, ssh-askpass and the remote side
# of `ssh -W`-style jumps through the user's shell, and those inherit this
# filter, so a list learned from ssh itself would break them.
# Families: unix (ssh-agent, ControlMaster sockets, nscd), inet, inet6.
# execve stays allowed for those commands.
protocol = unix, inet, inet6
caps.drop = all
shell = none
seccomp = yes

# files
# It reads and writes only ~/.ssh (keys, config, known_hosts, control
# sockets) and /tmp (ControlPath sockets, Kerberos ticket caches), and
# reads /etc/ssh (landlock-base.inc); the rest of the home directory is
# out of reach, and the other secrets are hidden (~/.gnupg too: the
# agent is reached through its socket in ${XDG_RUNTIME_DIR}).  A key or config
# elsewhere (-i, -F) needs a landlock.read line in ssh.local.
# ProxyCommand and LocalCommand run from the system directories.
include = landlock-base.inc
include = disable-secrets.inc
landlock.write = ~/.ssh, /tmp
landlock.read = ${XDG_RUNTIME_DIR}
blacklist = ~/.gnupg, ~/.netrc, ~/.git-credentials
private-dev = yes
# private-dev keeps the device classes whose key is not set: none here
no3d = yes
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
sound = no
