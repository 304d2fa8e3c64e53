# transmission-cli: command-line BitTorrent client (one torrent).
# Deny-list (seccomp = yes: the kernel-attack surface of @default-deny):
# peer connections, trackers, DHT, uTP, UPnP and NAT-PMP go through
# libevent, libcurl and miniupnpc threads in many ways that a short
# learning run would miss.
# Families: unix (nscd), inet, inet6 (peers, trackers, DHT, uTP).
# No exec after the start: the --finish script cannot run.
protocol = unix, inet, inet6
caps.drop = all
shell = none
seccomp = yes
seccomp.drop = execve, execveat
