#!/bin/sh
# transmission-gtk used as a person uses it, under Xvfb, confined by its
# shipped profile and unconfined (--noprofile) in the same way: its file
# chooser (File -> Open) opens on the home without an error dialog (the
# same windows as unconfined, screenshots kept in the log directory),
# stderr has no dconf or recently-used complaint that the unconfined
# run lacks, a planted ~/.ssh/id_test is not in the home it sees, and a
# menu-style launch (stderr to /dev/null) leaves its reports in the
# report log.  A skip only when a program is missing (a failure in CI).
. "$top_srcdir/tests/integration/lib.sh"

PATH=/usr/bin:/bin
export PATH
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_CONFIG_HOME XDG_CACHE_HOME
HOME="$TMPD/home"
export HOME
shots="$top_builddir/tests/integration/t-guiuse.shots"
rm -rf "$shots"
mkdir -p "$shots"
cd "$TMPD" || exit 1

if ! command -v transmission-gtk >/dev/null || ! command -v xdotool >/dev/null ||
   ! command -v Xvfb >/dev/null || ! command -v import >/dev/null; then
	skip_n 12 "transmission-gtk, xdotool, Xvfb or ImageMagick's import is not installed"
	done_testing
	exit
fi
if ! xvfb_start; then
	done_testing
	exit
fi

# a fresh home: the user's directories, a planted key, and settings that
# skip the first-start consent dialog
fresh_home() {
	rm -rf "$HOME"
	mkdir -p "$HOME/Downloads" "$HOME/Desktop" "$HOME/.ssh" \
		"$HOME/.config/transmission"
	printf 'XDG_DOWNLOAD_DIR="$HOME/Downloads"\nXDG_DESKTOP_DIR="$HOME/Desktop"\n' \
		>"$HOME/.config/user-dirs.dirs"
	printf '{ "user-has-given-informed-consent": true, "show-options-window": false }\n' \
		>"$HOME/.config/transmission/settings.json"
	echo "planted-key-$$" >"$HOME/.ssh/id_test"
	chmod 700 "$HOME/.ssh"
}

# windows, names: lib.sh

# session MODE JAILRUN-OPTIONS...: start the client, open File -> Open
# (the toolbar's Open button), screenshot, and leave in $MODE.* the
# window names, the stderr and whether the chooser mapped
session() {
	_m=$1
	shift
	fresh_home
	"$JAILRUN" --die-with-parent "$@" transmission-gtk >"$TMPD/$_m.err" 2>&1 &
	_pid=$!
	_w=$(timeout 60 xdotool search --sync --onlyvisible --name '^Transmission$' 2>/dev/null | head -1)
	if [ -z "$_w" ]; then
		echo no >"$TMPD/$_m.mapped"
		stop_bg $_pid
		return
	fi
	echo yes >"$TMPD/$_m.mapped"
	xdotool windowmove "$_w" 0 0
	sleep 2
	import -window root "$shots/$_m-1-main.png" 2>/dev/null
	xdotool mousemove --window "$_w" 50 45 click 1
	if timeout 30 xdotool search --sync --onlyvisible --name '^Open a Torrent$' \
		>/dev/null 2>&1; then
		echo yes >"$TMPD/$_m.chooser"
	else
		echo no >"$TMPD/$_m.chooser"
	fi
	sleep 3 # an error dialog, if any, maps after the listing
	import -window root "$shots/$_m-2-open.png" 2>/dev/null
	windows | wc -l >"$TMPD/$_m.nwin"
	names >"$TMPD/$_m.names"
	stop_bg $_pid
}

session bare --noprofile
session jail
is "$(cat "$TMPD/bare.mapped") $(cat "$TMPD/bare.chooser")" "yes yes" \
	"unconfined: the window maps and File -> Open shows the chooser"
is "$(cat "$TMPD/jail.mapped")" yes "jailrun transmission-gtk: the window maps"
is "$(cat "$TMPD/jail.chooser")" yes "jailrun transmission-gtk: File -> Open shows the chooser"
is "$(cat "$TMPD/jail.nwin")" "$(cat "$TMPD/bare.nwin")" \
	"jailrun transmission-gtk: the same windows as unconfined (no error dialog)"
is "$(cat "$TMPD/jail.names")" "$(cat "$TMPD/bare.names")" \
	"jailrun transmission-gtk: ... by name"
for what in dconf recently-used "Permission denied"; do
	b=$(grep -c "$what" "$TMPD/bare.err")
	j=$(grep -c "$what" "$TMPD/jail.err")
	[ "$j" -le "$b" ] && ok "stderr: no '$what' complaint the unconfined run lacks ($j, unconfined $b)" ||
		not_ok "stderr: no '$what' complaint the unconfined run lacks ($j, unconfined $b)" \
			"$(grep "$what" "$TMPD/jail.err" | head -5)"
done
for f in "$shots/jail-2-open.png" "$shots/bare-2-open.png"; do
	[ -s "$f" ] && ok "screenshot $(basename "$f") taken" ||
		not_ok "screenshot $(basename "$f") taken"
done

# What it sees of the home: its directories, not the key (the same
# profile, a program that lists; the shipped profile's exec ban lets
# only the first program run)
fresh_home
run "$JAILRUN" --profile=transmission-gtk python3 -c '
import os
print(sorted(os.listdir(os.path.expanduser("~"))))
try:
    open(os.path.expanduser("~/.ssh/id_test")).read(); print("READ")
except OSError as e:
    print("refused", e.errno)'
like "$out" "'Desktop', 'Downloads'" "the profile's home lists Desktop and Downloads"
like "$out" "^refused [0-9]+$" "... and ~/.ssh/id_test cannot be read in it"
run python3 -c 'import os; open(os.path.expanduser("~/.ssh/id_test")).read(); print("READ")'
is "$out" READ "... which works without jailrun"

# a menu launch: no terminal, stderr to /dev/null; --report: the refused
# exec (update-desktop-database at the start) is in the report log
fresh_home
rm -rf "$XDG_STATE_HOME"
"$JAILRUN" --die-with-parent --report transmission-gtk >/dev/null 2>&1 &
pid=$!
timeout 60 xdotool search --sync --onlyvisible --name '^Transmission$' >/dev/null 2>&1
_logged() { grep -q 'blocked: .*execve' "$XDG_STATE_HOME/jailrun/transmission-gtk.log" 2>/dev/null; }
wait_for 20 _logged
stop_bg $pid
like "$(cat "$XDG_STATE_HOME/jailrun/transmission-gtk.log" 2>&1)" \
	"blocked: transmission-gt.*execve.* = EPERM .*seccomp.drop in .*transmission-gtk.profile" \
	"a menu launch with --report: the refused exec is in the report log"

done_testing
