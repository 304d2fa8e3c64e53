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

# files
# Repositories live anywhere in the home directory or /tmp: it may read
# and write there (work trees, ~/.gitconfig, ${XDG_CONFIG_HOME}/git) and
# run hooks and helpers from ~ (.git/hooks, ~/.local/bin), not from /tmp.
# It keeps ~/.ssh (ssh remotes), ~/.gnupg (signed commits and tags) and
# the credential store (disable-keys.inc is not included); the other
# secrets are hidden.  `pass git` runs in ~/.password-store, which is
# hidden: run that git without the sandbox.
include = landlock-base.inc
include = disable-secrets.inc
landlock.write = ~, /tmp
landlock.exec = ~
