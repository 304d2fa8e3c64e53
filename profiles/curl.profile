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

# files
# A network program that reads and writes where the user says: -o, -O,
# --create-dirs, cookie jars, uploads (-T, -d @file, -F file=@) and
# file:// URLs in the home directory and /tmp; nothing else of the system
# but what every program reads (/etc: certificates, landlock-base.inc).
# The keys and secrets in ~ are hidden, ~/.netrc too (curl -n finds it
# empty): a compromised curl has nothing to send.
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
