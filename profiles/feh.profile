# feh: image viewer.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local images only: no inet or inet6, so URLs given on
# the command line fail.
# No exec after the start: --action, --info and the 'edit in' keys, which
# run commands, are refused.
include = common-gui.inc
seccomp.drop = execve, execveat

# files: a home of its own (firejail's whitelist: a tmpfs home holding
# only the paths below; the rest of the home is absent, not "Permission
# denied").  What it writes elsewhere in this home is gone at exit.
# Images are viewed from the pictures and download directories and
# /tmp, read-only; ~/.ssh, ~/.gnupg and other secrets are not in it
# (and are hidden by mounts too).
# Refused on purpose: ~/.fehbg (--bg-* writes it: a shell script the
# login session runs unconfined) stays in this home; saving an image or
# a file list ('s', --filelist) outside it is refused.
whitelist-ro = ${XDG_PICTURES_DIR}, ${XDG_DOWNLOAD_DIR}
# its key bindings, themes and buttons
whitelist-ro = ${XDG_CONFIG_HOME}/feh
# its thumbnail cache (--thumbnails with --cache-thumbnails)
whitelist = ${XDG_CACHE_HOME}/thumbnails
# fontconfig's cache (the font of --info and the menus)
whitelist = ${XDG_CACHE_HOME}/fontconfig
# what Xlib and fontconfig read in the home (common-gui.inc), read-only
whitelist-ro = ~/.Xauthority, ~/.Xresources, ~/.fonts
whitelist-ro = ${XDG_CONFIG_HOME}/fontconfig, ${XDG_DATA_HOME}/fonts
landlock.read = /tmp
landlock.write = ~
landlock.write = ${XDG_CACHE_HOME}/thumbnails
private-dev = yes
# private-dev keeps the device classes whose key is not set: none here
# (it draws through Xlib, no GPU)
no3d = yes
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
