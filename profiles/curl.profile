# curl: transfers one URL at a time (http, https, ftp, file, ...).
# Allow-list, learned from file://, http:// by address and by name,
# -o FILE and -I, then written with groups:
#   @stdio @rpath        start, read files and certificates
#   @wpath @cpath        -o, -O, --create-dirs, cookie jars, --etag-save
#   @thread              the threaded resolver
#   @inet @dns           sockets and name resolution
# Families: inet, inet6 for transfers, unix for nscd and --unix-socket.
# It never runs another program: execve is denied once it has started.
protocol = unix, inet, inet6
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath, @wpath, @cpath, @thread, @inet, @dns
seccomp.drop = execve, execveat
