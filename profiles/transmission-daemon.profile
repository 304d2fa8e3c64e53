# transmission-daemon: BitTorrent service with an RPC and web interface.
# Deny-list (seccomp = yes: the kernel-attack surface of @default-deny),
# for the reasons given in transmission-cli.profile; the daemon also
# serves RPC and the web interface over inet and inet6.
# Families: unix (nscd), inet, inet6.
# No exec after the start: script-torrent-done-filename cannot run.
protocol = unix, inet, inet6
caps.drop = all
shell = none
seccomp = yes
seccomp.drop = execve, execveat

# files: its settings (the user's, or Debian's service directory) and
# the download directory are writable, torrents are read from there; the
# rest of the home directory is out of reach.  A settings directory
# elsewhere (-g DIR) needs --landlock.write=DIR.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
mkdir = ${XDG_CONFIG_HOME}/transmission-daemon, ${XDG_DOWNLOAD_DIR}
landlock.write = ${XDG_CONFIG_HOME}/transmission-daemon, ${XDG_DOWNLOAD_DIR}
landlock.write = /var/lib/transmission-daemon
private-dev = yes
