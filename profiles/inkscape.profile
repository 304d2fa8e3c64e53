# inkscape: vector graphics editor; also exports from the command line.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local files only: no inet or inet6 (importing an image
# by URL and the Open Clip Art dialog are refused).
# execve stays allowed: many import and export formats and every
# Extensions menu entry run Python scripts.
include = common-gui.inc

# files: a home of its own (firejail's whitelist: a tmpfs home holding
# only the paths below; the rest of the home is absent, not "Permission
# denied").  What it writes elsewhere in this home is gone at exit.
# Drawings and exports are read and written in the pictures and
# documents directories and /tmp; ~/.ssh, ~/.gnupg and other secrets
# are not in it (and are hidden by mounts too).  Its Python extensions
# run /usr/bin/python3 on scripts in /usr/share and its config dir.
whitelist = ${XDG_PICTURES_DIR}, ${XDG_DOCUMENTS_DIR}
# its preferences.xml, palettes, templates, keys and user extensions
mkdir = ${XDG_CONFIG_HOME}/inkscape
whitelist = ${XDG_CONFIG_HOME}/inkscape
# its cache (rendered icons and the font list)
whitelist = ${XDG_CACHE_HOME}/inkscape
# the caches the desktop stack writes (common-gui.inc): fontconfig's and
# dconf's (GTK 3)
whitelist = ${XDG_CACHE_HOME}/fontconfig, ${XDG_CACHE_HOME}/dconf
# what GTK reads in the home, read-only
include = gtk-home.inc
# GTK's recently-used list (~/.local/share/recently-used.xbel, rewritten
# by rename, so it cannot be bound alone) is this home's own: writable,
# gone at exit
landlock.write = ~, /tmp
private-dev = yes
# private-dev keeps the device classes whose key is not set: none here
# (GTK 3 draws with cairo, no GPU)
no3d = yes
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
