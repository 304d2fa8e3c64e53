# unzip: lists, tests and extracts .zip archives.
# Allow-list, learned from -l, -o -d DIR, -p and -t, then written with
# groups:
#   @stdio @rpath        start, read the archive
#   @wpath @cpath        create files and directories, set modes and times
#   @chown               -X restores owners
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
# Extracts archives the user names into the home directory or /tmp, not
# elsewhere: a crafted archive (../ entries, symlinks) cannot write
# outside them; the keys and secrets in ~ are hidden.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
private-dev = yes
# private-dev keeps the device classes whose key is not set: none here
no3d = yes
novideo = yes
nodvd = yes
notv = yes
nou2f = yes
noinput = yes
sound = no
