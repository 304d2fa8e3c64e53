# feh: image viewer.
# X11 GUI (common-gui.inc: deny-list, unix sockets, host IPC namespace
# for MIT-SHM).  Local images only: no inet or inet6, so URLs given on
# the command line fail.
# No exec after the start: --action, --info and the 'edit in' keys, which
# run commands, are refused.
include = common-gui.inc
seccomp.drop = execve, execveat
