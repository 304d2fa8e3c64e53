# ping: ICMP echo to one host (iputils).
# Debian installs ping with a file capability (cap_net_raw=ep): the
# kernel refuses to run it when the sandbox drops cap_net_raw, so this
# profile keeps that one capability, and only that one.  Without it (a
# kernel that lets unprivileged users open ICMP datagram sockets,
# net.ipv4.ping_group_range) ping works as well.
# The host's network: ping is about reaching other machines (no
# net = none); sockets of the inet families only, no netlink, no unix.
# It never runs another program.
caps.drop = all
caps.keep = net_raw
protocol = inet, inet6
shell = none
seccomp = yes
seccomp.drop = execve, execveat

# files: what every program reads, nothing written
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
private-dev = yes
