# transmission-gtk: GTK BitTorrent client.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM), plus inet and inet6 for peers, trackers, DHT and uTP.
# No exec after the start: "open folder" (xdg-open), D-Bus autolaunch
# and the torrent-done script are refused; downloads are unaffected.
include = common-gui.inc
# desktop: common-gui.inc's (X11, Wayland; no sound, no D-Bus: no
# desktop notifications, and each start is a new instance)
protocol = inet, inet6
seccomp.drop = execve, execveat
