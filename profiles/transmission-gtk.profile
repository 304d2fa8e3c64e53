# transmission-gtk: GTK BitTorrent client.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM), plus inet and inet6 for peers, trackers, DHT and uTP.
# No exec after the start: "open folder" (xdg-open), D-Bus autolaunch
# and the torrent-done script are refused; downloads are unaffected.
include = common-gui.inc
protocol = inet, inet6
seccomp.drop = execve, execveat

# files: its settings and the download directory are writable; torrent
# files are opened from the download directory or the desktop;
# nothing else of the home directory is readable (~/.ssh, ~/.gnupg,
# mail, browser profiles), and the secrets are also hidden by mounts
# for a kernel without Landlock.  GTK's own needs: settings, fonts and
# their cache, recently-used files, dconf.
include = landlock-base.inc
mkdir = ${XDG_CONFIG_HOME}/transmission, ${XDG_DOWNLOAD_DIR}
landlock.write = ${XDG_CONFIG_HOME}/transmission, ${XDG_DOWNLOAD_DIR}
landlock.read = ${XDG_DESKTOP_DIR}
landlock.read = ${XDG_CONFIG_HOME}/user-dirs.dirs, ${XDG_CONFIG_HOME}/gtk-3.0
landlock.read = ${XDG_CONFIG_HOME}/fontconfig, ${XDG_DATA_HOME}/fonts
landlock.read = ${XDG_DATA_HOME}/icons, ${XDG_DATA_HOME}/themes, ~/.Xauthority
landlock.read = /var/cache/fontconfig, /sys/dev, /sys/devices, /run/user
landlock.write = ${XDG_CACHE_HOME}/fontconfig, ${XDG_CACHE_HOME}/transmission
landlock.write = ${XDG_DATA_HOME}/recently-used.xbel, ${XDG_CONFIG_HOME}/dconf
blacklist = ~/.ssh, ~/.gnupg, ~/.password-store, ~/.mozilla, ~/.thunderbird
private-dev = yes
