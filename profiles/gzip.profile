# gzip: compresses and decompresses files or a pipe.
# Allow-list, learned from -9, -d, -c, -dc and -t, then written with groups:
#   @stdio @rpath        start, read the input
#   @wpath @cpath        write the output, remove the input, copy its times
#   @chown               give the output the input's owner
# No sockets at all (socket is not in the list); protocol is the
# narrowest family list there is.
# It never runs another program: execve is denied once it has started.
protocol = unix
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath, @wpath, @cpath, @chown
seccomp.drop = execve, execveat

# files
# Compresses the files the user names, wherever they are: it may read and
# write the home directory and /tmp (outputs go beside the inputs), not
# the rest of the system; the keys and secrets in ~ are hidden.  Files
# elsewhere (/srv, /mnt, ...) need a landlock.write line in gzip.local.
# A pipe (gzip -c, gzip -d <in >out) is not governed: the shell opens it.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
private-dev = yes
