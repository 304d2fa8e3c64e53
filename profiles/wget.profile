# wget: downloads files over http, https and ftp, recursively with -r.
# Allow-list, learned from single downloads by address and by name, a
# recursive mirror (-r -np) and --version, then written with groups:
#   @stdio @rpath        start, read files and certificates
#   @wpath @cpath        write the download, create directories, set times
#   @inet @dns           sockets and name resolution
# Families: inet, inet6 for transfers, unix for nscd.
# It never runs another program: execve is denied once it has started.
protocol = unix, inet, inet6
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath, @wpath, @cpath, @inet, @dns
seccomp.drop = execve, execveat

# files
# A network program that writes where the user says (-O, -P, the current
# directory) and reads its -i lists, in the home directory and /tmp;
# ~/.wget-hsts and ~/.wgetrc are in ~.  The keys and secrets in ~ are
# hidden, ~/.netrc too (wget finds no stored passwords): a compromised
# wget has nothing to send.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
private-dev = yes
