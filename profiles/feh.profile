# feh: image viewer.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local images only: no inet or inet6, so URLs given on
# the command line fail.
# No exec after the start: --action, --info and the 'edit in' keys, which
# run commands, are refused.
include = common-gui.inc
seccomp.drop = execve, execveat

# files
# A viewer: it reads the images the user names in the home directory and
# /tmp, and writes only its thumbnail cache and ~/.fehbg; saving an image
# or a file list ('s', --filelist) is refused.  No devices beyond the
# minimal /dev (it draws through Xlib, no GPU).
include = landlock-base.inc
landlock.read = ~, /tmp
landlock.read = ${XDG_CONFIG_HOME}/feh
landlock.write = ${XDG_CACHE_HOME}/thumbnails, ~/.fehbg
private-dev = yes
# private-dev keeps the device classes whose key is not set: none here
no3d = yes
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
