# zathura: document viewer (PDF through zathura-pdf-poppler).
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local documents only: no inet or inet6.
# No exec after the start: following a link to a web page (xdg-open)
# and SyncTeX's editor command are refused.
include = common-gui.inc
seccomp.drop = execve, execveat

# files: a home of its own (firejail's whitelist: a tmpfs home holding
# only the paths below; the rest of the home is absent, not "Permission
# denied").  What it writes elsewhere in this home is gone at exit.
# Documents are read from the documents and download directories and
# /tmp, read-only: ':write' (save a copy) and saving an attachment or
# image land in this home and are gone at exit.  ~/.ssh, ~/.gnupg and
# other secrets are not in it (and are hidden by mounts too).
whitelist-ro = ${XDG_DOCUMENTS_DIR}, ${XDG_DOWNLOAD_DIR}
# its zathurarc: read-only
whitelist-ro = ${XDG_CONFIG_HOME}/zathura
# its history (the last page of each file), bookmarks and input history
mkdir = ${XDG_DATA_HOME}/zathura
whitelist = ${XDG_DATA_HOME}/zathura
# the caches the desktop stack writes (common-gui.inc): fontconfig's and
# dconf's (GTK 3)
whitelist = ${XDG_CACHE_HOME}/fontconfig, ${XDG_CACHE_HOME}/dconf
# what GTK reads in the home, read-only
include = gtk-home.inc
# GTK's recently-used list (~/.local/share/recently-used.xbel, rewritten
# by rename, so it cannot be bound alone) is this home's own: writable,
# gone at exit
landlock.read = /tmp
landlock.write = ~
landlock.write = ${XDG_DATA_HOME}/zathura
private-dev = yes
# private-dev keeps the device classes whose key is not set: none here
no3d = yes
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
