# vim: the text editor (also used as vim -es in scripts).
# Deny-list (seccomp = yes: the kernel-attack surface of @default-deny):
# vim runs ':!' commands, filters, ':make', ':grep', system() and plugins,
# which inherit this filter; an allow-list would break them.
# Families: unix only (nscd; channels to local sockets).  Network access
# from vim (netrw's curl and wget, ch_open() over TCP) is refused.
# execve stays allowed for shell commands and filters.
protocol = unix
caps.drop = all
shell = none
seccomp = yes

# files
# An editor of the files the user names: it may read and write the home
# directory and /tmp (files, swap files beside them, ~/.viminfo, undo and
# backup files), run programs from the system directories (':!', filters,
# ':make'), and not touch the rest of the system -- editing /etc needs
# another tool.  The keys and secrets in ~ are hidden.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
private-dev = yes
