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

# files
# A viewer: it may read the home directory and /tmp (what the user pages
# through) but write only its history (~/.lesshst, or lesshst in
# ${XDG_STATE_HOME} or ${XDG_DATA_HOME}, where they exist); the 's' (save)
# command is refused.  LESSOPEN filters (lesspipe) run from /usr/bin and
# read through the same rules.  The keys and secrets in ~ are hidden.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.read = ~, /tmp
landlock.write = ~/.lesshst, ${XDG_STATE_HOME}/lesshst
landlock.write = ${XDG_DATA_HOME}/lesshst
private-dev = yes
