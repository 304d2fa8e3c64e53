# inkscape: vector graphics editor; also exports from the command line.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local files only: no inet or inet6 (importing an image
# by URL and the Open Clip Art dialog are refused).
# execve stays allowed: many import and export formats and every
# Extensions menu entry run Python scripts.
include = common-gui.inc

# files
# An editor of the files the user names: it reads and writes the home
# directory and /tmp (drawings, exports, its preferences in
# ${XDG_CONFIG_HOME}/inkscape, extensions); its Python extensions run
# /usr/bin/python3 on scripts in /usr/share and ~.  No devices beyond the
# minimal /dev (GTK 3 draws with cairo, no GPU).
include = landlock-base.inc
landlock.write = ~, /tmp
private-dev = yes
# private-dev keeps the device classes whose key is not set: none here
no3d = yes
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
