# zathura: document viewer (PDF through zathura-pdf-poppler).
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local documents only: no inet or inet6.
# No exec after the start: following a link to a web page (xdg-open)
# and SyncTeX's editor command are refused.
include = common-gui.inc
seccomp.drop = execve, execveat

# files
# A viewer: it reads the documents the user names in the home directory
# and /tmp, and its zathurarc; it writes only its history and bookmarks
# (${XDG_DATA_HOME}/zathura, where it exists); ':write' (save a copy) is
# refused.  No devices beyond the minimal /dev.
include = landlock-base.inc
landlock.read = ~, /tmp
landlock.write = ${XDG_DATA_HOME}/zathura
private-dev = yes
# private-dev keeps the device classes whose key is not set: none here
no3d = yes
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
