# default.profile: used when a program has no profile of its own.
# It confines without knowing the program: the default deny-list of
# kernel-attack surface, no capabilities, the usual socket families.
seccomp = yes
caps.drop = all
shell = none
protocol = unix,inet,inet6,netlink
