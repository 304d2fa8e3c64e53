# file: names the type of files from their contents (libmagic).
# Allow-list, learned from plain files, an ELF, -z on a .tgz, --mime-type
# and -s, then written with groups:
#   @stdio @rpath        start, read the files and the magic database
# It only reads: nothing is written, created or removed.  -z decompresses
# inside the process (Debian's libmagic links zlib, bzip2 and xz), so it
# never runs another program: execve is denied once it has started.
# No sockets at all; protocol is the narrowest family list there is.
protocol = unix
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath
seccomp.drop = execve, execveat

# files
# Reads only: the files the user names in the home directory and /tmp,
# and its magic database (/usr/share/misc, /etc/magic: landlock-base.inc);
# it may write nothing but the base devices.  The keys and secrets in ~
# are hidden.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.read = ~, /tmp
private-dev = yes
