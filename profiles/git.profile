# git: version control.
# Deny-list (seccomp = yes: the kernel-attack surface of @default-deny):
# git runs other programs all the time -- hooks, the editor, the pager,
# ssh and git-remote-http* for remotes, credential helpers, aliases
# starting with '!' -- and they inherit this filter, so an allow-list
# would have to be the union of all of them.
# Families: unix, inet, inet6 (git://, https:// through git-remote-https,
# ssh:// through ssh, the credential cache socket).
# execve stays allowed: git is a program that starts programs.
protocol = unix, inet, inet6
caps.drop = all
shell = none
seccomp = yes
