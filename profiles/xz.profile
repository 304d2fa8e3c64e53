# xz: compresses and decompresses .xz and .lzma files or a pipe.
# Allow-list, learned from -k, -d, -T0 -c, -dc and -l, then written with
# groups:
#   @stdio @rpath        start, read the input
#   @wpath @cpath        write the output, remove the input, copy its times
#   @chown               give the output the input's owner
#   @thread              multi-threaded compression (-T)
# No sockets at all (socket is not in the list); protocol is the
# narrowest family list there is.
# It never runs another program: execve is denied once it has started.
protocol = unix
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath, @wpath, @cpath, @chown, @thread
seccomp.drop = execve, execveat

# files
# Compresses the files the user names, wherever they are: it may read and
# write the home directory and /tmp (outputs go beside the inputs), not
# the rest of the system; the keys and secrets in ~ are hidden.  Files
# elsewhere need a landlock.write line in xz.local.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
private-dev = yes
