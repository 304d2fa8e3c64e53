# tar: creates, lists and extracts archives.
# Allow-list, learned from c, cz, cJ, tv, x, xz and xJ, then written with
# groups:
#   @stdio @rpath        start, read files and directories
#   @wpath @cpath        create files, directories and links, set modes,
#                        times and extended attributes
#   @chown               restore owners (as root)
#   @unix                user and group names through nscd
#   @proc @exec          -z, -j, -J, -I and --to-command run a compressor
#                        or a command; it inherits this list, which has
#                        what gzip and xz need (@thread is in @proc's
#                        clone, clone3 plus @stdio's futex)
# Families: unix only (nscd); remote archives (host:file over rsh) are
# not allowed.  execve stays allowed: compression runs other programs.
protocol = unix
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath, @wpath, @cpath, @chown, @unix, @proc, @exec

# files
# Archives and extracts where the user says: it may read and write the
# home directory and /tmp, not the rest of the system (tar cf of /etc
# still works: /etc is readable by every confined program, see
# landlock-base.inc); the keys and secrets in ~ are hidden, so an archive
# of ~ leaves them out (empty) and an extraction cannot plant a key.
# The compressors it runs (gzip, xz, ...) are in /usr/bin.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
private-dev = yes
