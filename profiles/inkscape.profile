# inkscape: vector graphics editor; also exports from the command line.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local files only: no inet or inet6 (importing an image
# by URL and the Open Clip Art dialog are refused).
# execve stays allowed: many import and export formats and every
# Extensions menu entry run Python scripts.
include = common-gui.inc
