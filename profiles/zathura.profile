# zathura: document viewer (PDF through zathura-pdf-poppler).
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local documents only: no inet or inet6.
# No exec after the start: following a link to a web page (xdg-open)
# and SyncTeX's editor command are refused.
include = common-gui.inc
seccomp.drop = execve, execveat
