# transmission-gtk: GTK BitTorrent client.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM), plus inet and inet6 for peers, trackers, DHT and uTP.
# No exec after the start: "open folder" (xdg-open), D-Bus autolaunch
# and the torrent-done script are refused; downloads are unaffected.
include = common-gui.inc
# desktop: the display only; no sound, no D-Bus (no desktop
# notifications, each start is a new instance; dbus.user = filter with
# dbus.user.talk = org.freedesktop.Notifications in a .local file brings
# notifications back where a session bus runs)
x11 = yes
wayland = yes
sound = no
dbus.user = none
dbus.system = none
protocol = inet, inet6
seccomp.drop = execve, execveat

# files: its settings and the download directory are writable; torrent
# files are opened from the download directory or the desktop; nothing
# else of the home directory is readable (common-gui.inc: what GTK needs;
# ~/.ssh, ~/.gnupg and other secrets are also hidden by mounts, for a
# kernel without Landlock).
mkdir = ${XDG_CONFIG_HOME}/transmission, ${XDG_DOWNLOAD_DIR}
landlock.write = ${XDG_CONFIG_HOME}/transmission, ${XDG_DOWNLOAD_DIR}
landlock.write = ${XDG_CACHE_HOME}/transmission
landlock.write = ${XDG_DATA_HOME}/recently-used.xbel
landlock.read = ${XDG_DESKTOP_DIR}
private-dev = yes
# private-dev keeps the GPU (common-gui.inc: no3d = no) and no other
# device class
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
