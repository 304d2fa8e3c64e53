#!/bin/sh
# Desktop integration: --install-shortcuts makes, for each installed
# program with a profile, a symlink that runs it through jailrun and a
# sandboxed copy of its .desktop file; running through the symlink is
# sandboxed; --remove-shortcuts leaves nothing behind.  All in a
# temporary HOME.
. "$top_srcdir/tests/integration/lib.sh"

HOME="$TMPD/home"
XDG_DATA_DIRS="$TMPD/share"
JAILRUN_PROFILE_PATH="$TMPD/prof"
unset XDG_DATA_HOME
export HOME XDG_DATA_DIRS JAILRUN_PROFILE_PATH
mkdir -p "$HOME" "$TMPD/prof" "$TMPD/share/applications"
printf 'seccomp = yes\ncaps.drop = all\n' >"$TMPD/prof/cat.profile"
printf 'seccomp = yes\n' >"$TMPD/prof/no-such-program-here.profile"
printf 'seccomp = yes\n' >"$TMPD/prof/default.profile"
printf '[Desktop Entry]\nName=Cat\nTryExec=cat\nExec=cat %%f\nType=Application\n' \
	>"$TMPD/share/applications/mycat.desktop"
printf '[Desktop Entry]\nName=Other\nExec=other-program\n' \
	>"$TMPD/share/applications/other.desktop"
bin="$HOME/.local/bin"
apps="$HOME/.local/share/applications"

jr --install-shortcuts --user
is "$rc" 0 "--install-shortcuts --user: exit 0"
like "$out" "1 programs with a profile: 1 links" "one program has a profile and is installed"
[ -L "$bin/cat" ] && [ "$(readlink -f "$bin/cat")" = "$(readlink -f "$JAILRUN")" ] &&
	ok "a symlink cat -> jailrun" || not_ok "a symlink cat -> jailrun" "$(ls -l "$bin")"
[ ! -e "$bin/no-such-program-here" ] && ok "no link for a program that is not installed" ||
	not_ok "no link for a program that is not installed"
[ ! -e "$bin/default" ] && ok "no link for default.profile" ||
	not_ok "no link for default.profile"
like "$(cat "$apps/mycat.desktop" 2>&1)" "^Exec=.*jailrun cat %f$" \
	"the .desktop copy runs cat through jailrun"
[ ! -e "$apps/other.desktop" ] && ok "other programs' .desktop files are not copied" ||
	not_ok "other programs' .desktop files are not copied"

# Through the symlink: sandboxed (cat's profile), the real cat runs.
run cat /proc/self/status
like "$out" "Seccomp:	0" "control: cat itself runs without a filter"
run "$bin/cat" /proc/self/status
like "$out" "Seccomp:	2" "through the shortcut: cat runs under a seccomp filter"
like "$out" "CapEff:	0000000000000000" "and without capabilities (its profile)"
run env PATH="$bin:$PATH" cat /etc/hostname
is "$out" "$(cat /etc/hostname)" "with the shortcut first in PATH, jailrun finds the real cat (no loop)"

# Installing twice makes nothing twice; a file not jailrun's is left.
jr --install-shortcuts --user
like "$out" "0 links" "installing again: nothing new"
rm "$bin/cat"
printf '#!/bin/sh\necho mine\n' >"$bin/cat"
chmod +x "$bin/cat"

jr --remove-shortcuts --user
is "$rc" 0 "--remove-shortcuts --user: exit 0"
[ -x "$bin/cat" ] && [ "$("$bin/cat")" = mine ] &&
	ok "a file the user put in place of a link is left alone" ||
	not_ok "a file the user put in place of a link is left alone"
rm "$bin/cat"
# (the BPF cache is not a shortcut: ~/.cache/jailrun is jailrun's cache)
left=$(find "$HOME" -path "$HOME/.cache/jailrun" -prune -o \( -type f -o -type l \) -print)
is "$left" "" "nothing jailrun made is left (but its cache)"
jr --remove-shortcuts --user
is "$rc" 0 "removing again: nothing to do, exit 0"

done_testing
