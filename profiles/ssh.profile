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
