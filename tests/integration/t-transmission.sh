#!/bin/sh
# transmission-gtk and transmission-cli under their confined profiles,
# end to end: they still add and verify torrents, and cannot read a
# planted ~/.ssh/id_test.
#
# The witness is outside the sandbox: an inotify watch on the planted
# file (jr-try watch) sees every open of it, whoever makes it.  The bait
# is a torrent of that very file: a client that may read the download
# directory verifies the data, which opens it.  Without jailrun's
# profile the open is seen; with it, the torrent is added (the client
# works) and the file is never opened.
. "$top_srcdir/tests/integration/lib.sh"

PATH=/usr/bin:/bin
export PATH
HOME="$TMPD/home"
export HOME
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_DOWNLOAD_DIR
cfg="$XDG_CONFIG_HOME/transmission"
mkdir -p "$HOME/.ssh" "$HOME/Downloads" "$HOME/Documents" "$cfg" "$TMPD/src"
echo "planted-key-$$" >"$HOME/.ssh/id_test"
cp "$HOME/.ssh/id_test" "$TMPD/src/id_test"
cd "$TMPD" || exit 1

if ! command -v transmission-create >/dev/null 2>&1 ||
	! command -v transmission-cli >/dev/null 2>&1; then
	skip_n 13 "transmission-cli is not installed"
	done_testing
	exit
fi
transmission-create -o "$TMPD/id_test.torrent" "$TMPD/src/id_test" >/dev/null

# watch, opens, opened, unwatch, windows, names: lib.sh

# stop PID: SIGTERM to a jailrun started with --die-with-parent, then
# SIGKILL if it is still there 15 s later (a client that hangs on its
# way out must not hang the test; the sandbox dies with jailrun)
stop() {
	kill "$1" 2>/dev/null
	wait_for 15 gone "$1" || kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}
gone() { # exited: no such process, or a zombie not reaped yet
	! kill -0 "$1" 2>/dev/null || ps -o stat= -p "$1" | grep -q Z
}
has_torrent() { ls "$1" 2>/dev/null | grep -q '\.torrent$'; }
opened() { [ "$(opens)" -gt 0 ]; }

# ---- transmission-cli ----------------------------------------------------
# cli RUN-OPTIONS... -- DOWNLOAD-DIR: verify the bait in DOWNLOAD-DIR for
# a few seconds; leaves the client's log in $TMPD/cli.log
cli() {
	_dir=$1
	shift
	rm -rf "$cfg/torrents" "$cfg/resume"
	watch "$_dir/id_test"
	"$JAILRUN" --die-with-parent "$@" transmission-cli -w "$_dir" \
		"$TMPD/id_test.torrent" >"$TMPD/cli.log" 2>&1 &
	_cli=$!
	wait_for 20 opened
	wait_for 10 has_torrent "$cfg/torrents"
	sleep 2
	stop "$_cli"
	unwatch
}

cp "$HOME/.ssh/id_test" "$HOME/Downloads/id_test"
cli "$HOME/Downloads"
[ "$(opens)" -gt 0 ] &&
	ok "transmission-cli (profile): verifies data in the download directory" ||
	not_ok "transmission-cli (profile): verifies data in the download directory" \
		"$(tail -5 "$TMPD/cli.log")"
cli "$HOME/.ssh" --noprofile
[ "$(opens)" -gt 0 ] &&
	ok "transmission-cli --noprofile -w ~/.ssh: opens ~/.ssh/id_test" ||
	not_ok "transmission-cli --noprofile -w ~/.ssh: opens ~/.ssh/id_test" \
		"$(tail -5 "$TMPD/cli.log")"
cli "$HOME/.ssh"
has_torrent "$cfg/torrents" &&
	ok "transmission-cli (profile) -w ~/.ssh: the torrent is added" ||
	not_ok "transmission-cli (profile) -w ~/.ssh: the torrent is added" \
		"$(tail -5 "$TMPD/cli.log")"
is "$(opens)" 0 "transmission-cli (profile) -w ~/.ssh: ~/.ssh/id_test is never opened"

# ---- transmission-gtk ----------------------------------------------------
if ! command -v transmission-gtk >/dev/null 2>&1 ||
	! command -v Xvfb >/dev/null 2>&1 ||
	! command -v xdotool >/dev/null 2>&1; then
	skip_n 9 "transmission-gtk, Xvfb or xdotool is not installed"
	done_testing
	exit
fi
if ! xvfb_start; then
	done_testing
	exit
fi

# gtk PROFILE-OPTIONS...: transmission-gtk with its settings pointing the
# download directory at ~/.ssh and watching ~/Downloads, where the bait
# is dropped; waits for the window, the torrent, and an open of the key
gtk() {
	rm -rf "$cfg/torrents" "$cfg/resume" "$HOME/Downloads"/*
	printf '{ "show-options-window": false, "download-dir": "%s",
  "watch-dir": "%s", "watch-dir-enabled": true }\n' \
		"$HOME/.ssh" "$HOME/Downloads" >"$cfg/settings.json"
	cp "$TMPD/id_test.torrent" "$HOME/Downloads/"
	watch "$HOME/.ssh/id_test"
	"$JAILRUN" --die-with-parent "$@" transmission-gtk >"$TMPD/gtk.log" 2>&1 &
	_gtk=$!
	mapped=no
	timeout 60 xdotool search --sync --onlyvisible --name '^Transmission$' \
		>/dev/null 2>&1 && mapped=yes
	wait_for 60 has_torrent "$cfg/torrents"
	wait_for 15 opened
	stop "$_gtk"
	unwatch
}

gtk --noprofile
is "$mapped" yes "transmission-gtk --noprofile: its window maps"
[ "$(opens)" -gt 0 ] &&
	ok "transmission-gtk --noprofile: verifying the bait opens ~/.ssh/id_test" ||
	not_ok "transmission-gtk --noprofile: verifying the bait opens ~/.ssh/id_test" \
		"$(tail -5 "$TMPD/gtk.log")"

gtk
is "$mapped" yes "jailrun transmission-gtk: its window maps"
has_torrent "$cfg/torrents" &&
	ok "jailrun transmission-gtk: the dropped torrent is added" ||
	not_ok "jailrun transmission-gtk: the dropped torrent is added" \
		"$(tail -5 "$TMPD/gtk.log")"
is "$(opens)" 0 "jailrun transmission-gtk: ~/.ssh/id_test is never opened"

# Landlock alone (the profile without its blacklists): the key is there
# to be seen, and still cannot be opened
printf 'ignore = blacklist\ninclude = transmission-gtk.profile\n' \
	>"$TMPD/tgtk-landlock.profile"
gtk --profile="$TMPD/tgtk-landlock.profile"
is "$mapped" yes "transmission-gtk, Landlock only: its window maps"
has_torrent "$cfg/torrents" &&
	ok "transmission-gtk, Landlock only: the torrent is added" ||
	not_ok "transmission-gtk, Landlock only: the torrent is added" \
		"$(tail -5 "$TMPD/gtk.log")"
is "$(opens)" 0 "transmission-gtk, Landlock only: ~/.ssh/id_test is never opened"

is "$(cat "$HOME/.ssh/id_test")" "planted-key-$$" "the key is untouched"
done_testing
