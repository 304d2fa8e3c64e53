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

# files: a home of its own (firejail's whitelist: a tmpfs home holding
# only the paths below, so the file chooser lists the home and shows
# Downloads and Desktop, and nothing else of it exists rather than being
# "Permission denied").  The home is the sandbox's own: what it writes
# there is gone at exit, except in the writable paths below (its
# settings, its cache, the download directory, the desktop stack's
# caches); the rest is brought in read-only.  Torrent files are opened
# from the download directory or the desktop.  ~/.ssh, ~/.gnupg and
# other secrets are not in it (and are hidden by mounts too).
# Refused on purpose: registering as the magnet-link handler for the
# desktop (its .desktop file and mimeapps.list stay in this home: a
# handler written from a sandbox would run its command unconfined, and
# update-desktop-database is an exec); GTK's recently-used list is the
# sandbox's own.
mkdir = ${XDG_CONFIG_HOME}/transmission, ${XDG_DOWNLOAD_DIR}
whitelist = ${XDG_DOWNLOAD_DIR}
whitelist-ro = ${XDG_DESKTOP_DIR}
whitelist = ${XDG_CONFIG_HOME}/transmission, ${XDG_CACHE_HOME}/transmission
# the caches the desktop stack writes (common-gui.inc)
whitelist = ${XDG_CACHE_HOME}/fontconfig, ${XDG_CACHE_HOME}/mesa_shader_cache
whitelist = ${XDG_CACHE_HOME}/dconf
# what GTK reads in the home, read-only: the writable parts of this home
# below never reach them
include = gtk-home.inc
landlock.write = ~
landlock.write = ${XDG_CONFIG_HOME}/transmission, ${XDG_DOWNLOAD_DIR}
landlock.write = ${XDG_CACHE_HOME}/transmission
private-dev = yes
# private-dev keeps the GPU (common-gui.inc: no3d = no) and no other
# device class
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
