# less: pages through files on a terminal.
# Allow-list, learned from less -F on a pipe and on a terminal, and with
# LESSOPEN set, then written with groups:
#   @stdio @rpath @tty   start, read files, drive the terminal
#   @wpath @cpath        write ~/.lesshst and the 's' (save) command
#   @unix                nscd lookups
#   @proc @exec          LESSOPEN/LESSCLOSE input filters (lesspipe),
#                        '!' shell commands and 'v' (the editor) run other
#                        programs; they inherit this list, so a command or
#                        an editor that needs more is refused
# Families: unix only.
protocol = unix
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath, @tty, @wpath, @cpath, @unix, @proc, @exec
