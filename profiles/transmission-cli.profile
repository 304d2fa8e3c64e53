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

# files: torrent files are read from the home directory (they are named
# on the command line) or /tmp; data is written only to the download
# directory, state only to its settings; the secrets are hidden (and
# beyond Landlock's reach: a hidden directory is an empty one).  A
# download directory elsewhere (-w) is refused: add it with
# --landlock.write=DIR.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
mkdir = ${XDG_CONFIG_HOME}/transmission, ${XDG_DOWNLOAD_DIR}
landlock.read = ~, /tmp
landlock.write = ${XDG_CONFIG_HOME}/transmission, ${XDG_DOWNLOAD_DIR}
private-dev = yes
