#!/bin/sh
# Learning a GUI program: transmission-gtk under Xvfb, driven by xdotool.
# A session (start, a torrent added from a watched directory and its data
# verified, Edit -> Preferences opened and its dialog seen by title, quit)
# is learned standalone; the same session then passes under the learned
# profile with seccomp.action = kill and its Landlock rules; with the
# download directory pointed at ~/.ssh, the planted ~/.ssh/id_test is
# never opened (an inotify witness outside the sandbox) and the report
# names the refusal.  Then the session is learned under the shipped
# transmission-gtk profile: the learned profile says it stands alone and
# what the shipped one refused, and the session passes under it with
# seccomp.action = kill; with an include of the shipped profile added,
# the kept syscalls its deny-lists deny are said at startup.
. "$top_srcdir/tests/integration/lib.sh"

PATH=/usr/bin:/bin
export PATH
HOME="$TMPD/home"
export HOME
# the settings in the home, as a user has them: the shipped profile's
# whitelist of ${XDG_CONFIG_HOME}/transmission with lib.sh's
# XDG_CONFIG_HOME in $TMPD would empty all of /tmp (t-gui.sh); the
# watched directory is in the download directory, which it keeps
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_DOWNLOAD_DIR XDG_RUNTIME_DIR
unset XDG_CONFIG_HOME
cfg="$HOME/.config/transmission"
wdir="$HOME/Downloads/watch"
mkdir -p "$HOME/.ssh" "$HOME/Downloads" "$wdir" "$cfg" "$TMPD/src"
echo "planted-key-$$" >"$HOME/.ssh/id_test"
cp "$HOME/.ssh/id_test" "$TMPD/src/id_test"
cp "$HOME/.ssh/id_test" "$HOME/Downloads/id_test"
cd "$TMPD" || exit 1

if [ -z "$(landlock_abi)" ]; then
	skip_always_n 21 "this kernel has no Landlock"
	done_testing
	exit
fi
for p in transmission-gtk transmission-create Xvfb xdotool; do
	if ! command -v $p >/dev/null 2>&1; then
		skip_n 21 "$p is not installed"
		done_testing
		exit
	fi
done
if ! xvfb_start; then
	done_testing
	exit
fi
transmission-create -o "$TMPD/id_test.torrent" "$TMPD/src/id_test" >/dev/null

# watch, opens, opened, unwatch, windows, names: lib.sh
has_torrent() { ls "$1" 2>/dev/null | grep -q '\.torrent$'; }
gone() { ! kill -0 "$1" 2>/dev/null || ps -o stat= -p "$1" | grep -q Z; }

# prefs: open Edit -> Preferences in the main window (the keyboard, as
# a user: Alt+E opens the menu, P is the mnemonic of its _Preferences)
# and wait for the dialog by its title.  Tries three times (a loaded machine may drop the menu's
# first key).  Sets $prefs.
prefs() {
	prefs=no
	for _try in 1 2 3; do
		_w=$(xdotool search --onlyvisible --name '^Transmission$' | head -1)
		[ -n "$_w" ] || break
		xdotool windowfocus --sync "$_w" >/dev/null 2>&1
		sleep 1
		xdotool key alt+e
		sleep 2
		xdotool key p
		if timeout 20 xdotool search --sync --onlyvisible \
			--name '^Transmission Preferences$' >/dev/null 2>&1; then
			prefs=yes
			return
		fi
		xdotool key Escape
	done
}

# session DOWNLOAD-DIR JAILRUN-OPTIONS...: start transmission-gtk with
# DOWNLOAD-DIR, drop the torrent into its watch directory, wait for the
# window, the torrent and the verification's open of the data, open the
# preferences dialog, quit it (SIGTERM: it shuts down cleanly).  Sets
# $mapped, $added, $prefs, $status.
session() {
	_dir=$1
	shift
	rm -rf "$cfg/torrents" "$cfg/resume" "$wdir"/*
	printf '{ "show-options-window": false, "user-has-given-informed-consent": true,
  "download-dir": "%s",
  "watch-dir": "%s", "watch-dir-enabled": true }\n' \
		"$_dir" "$wdir" >"$cfg/settings.json"
	cp "$TMPD/id_test.torrent" "$wdir/"
	watch "$_dir/id_test"
	"$JAILRUN" --die-with-parent "$@" transmission-gtk >"$TMPD/gtk.log" 2>&1 &
	_gtk=$!
	mapped=no added=no prefs=no
	timeout 90 xdotool search --sync --onlyvisible --name '^Transmission$' \
		>/dev/null 2>&1 && mapped=yes
	wait_for 90 has_torrent "$cfg/torrents" && added=yes
	wait_for 20 opened
	[ "$mapped" = yes ] && prefs
	sleep 2
	kill "$_gtk" 2>/dev/null
	wait_for 30 gone "$_gtk" || kill -KILL "$_gtk" 2>/dev/null
	wait "$_gtk"
	status=$?
	unwatch
}

p="$TMPD/tg.profile"
session "$HOME/Downloads" --noprofile --learn="$p"
if [ "$added" = yes ] && grep -q '^landlock\.read' "$p"; then
	ok "learned a session of transmission-gtk, with Landlock rules"
else
	not_ok "learned a session of transmission-gtk, with Landlock rules" \
		"mapped $mapped, added $added, status $status" "$(tail -5 "$TMPD/gtk.log")"
fi
is "$prefs" yes "learning: the preferences dialog opens"

session "$HOME/Downloads" --profile="$p" --seccomp.action=kill
is "$mapped" yes "under the learned profile (kill): the window maps"
is "$added" yes "under the learned profile (kill): the torrent is added"
[ "$(opens)" -gt 0 ] &&
	ok "under the learned profile (kill): its data is verified" ||
	not_ok "under the learned profile (kill): its data is verified" \
		"$(tail -5 "$TMPD/gtk.log")"
is "$prefs" yes "under the learned profile (kill): the preferences dialog opens"
is "$status" 0 "under the learned profile (kill): never killed, a clean exit"

session "$HOME/.ssh" --profile="$p" --seccomp.action=kill --report
is "$added" yes "download directory ~/.ssh: the torrent is still added"
is "$(opens)" 0 "download directory ~/.ssh: ~/.ssh/id_test is never opened"
like "$(cat "$TMPD/gtk.log")" \
	"jailrun: blocked: [^ ]+\\[[0-9]+\\] [a-z0-9]+\\(\"$HOME/.ssh/id_test\", [A-Z_|]+\\) = EACCES — not in landlock.read" \
	"download directory ~/.ssh: the refusal is named"

# Learned under the shipped profile (its file rules in force): the
# learned profile stands alone, says so and what the shipped one refused,
# and the same session passes under it with kill.
p2="$TMPD/tg-shipped.profile"
session "$HOME/Downloads" --profile=transmission-gtk --learn="$p2"
if [ "$added" = yes ] && [ "$prefs" = yes ] && [ -s "$p2" ]; then
	ok "learned a session under the shipped transmission-gtk profile"
else
	not_ok "learned a session under the shipped transmission-gtk profile" \
		"mapped $mapped, added $added, prefs $prefs, status $status" \
		"$(tail -5 "$TMPD/gtk.log")"
fi
like "$(cat "$p2")" "^# learned under transmission-gtk\\.profile: its file rules" \
	"the learned profile names the profile it was learned under"
like "$(cat "$p2")" "^# stands alone: it includes nothing" "and says it stands alone"
like "$(cat "$p2")" "^# (refused under transmission-gtk\\.profile|let run while learning, though transmission-gtk\\.profile denies)" \
	"and what the shipped profile refused or denies"
if grep -q '^include' "$p2"; then
	not_ok "it includes nothing" "$(grep '^include' "$p2")"
else
	ok "it includes nothing"
fi
session "$HOME/Downloads" --profile="$p2" --seccomp.action=kill
is "$mapped" yes "under the profile learned under the shipped one (kill): the window maps"
is "$added" yes "under the profile learned under the shipped one (kill): the torrent is added"
is "$prefs" yes "under the profile learned under the shipped one (kill): the preferences dialog opens"
is "$status" 0 "under the profile learned under the shipped one (kill): never killed, a clean exit"
# the issue's second attempt: the learned keep-list with an include of
# the shipped profile, whose deny-lists meet it: said at startup, each
# conflict with both rules under --debug
{ echo "include = transmission-gtk.profile"; cat "$p2"; } >"$TMPD/tg-inc.profile"
jr --debug --profile="$TMPD/tg-inc.profile" "$TRY" pid
like "$out" "jailrun: WARNING: $TMPD/tg-inc\\.profile:[0-9]+ keeps [a-z0-9_]+, which [^ ]*/(transmission-gtk\\.profile|common-gui\\.inc):[0-9]+ denies" \
	"with include = transmission-gtk.profile: the kept syscalls it denies are said at startup"
like "$out" "jailrun: seccomp: [a-z0-9_]+ is kept by $TMPD/tg-inc\\.profile:[0-9]+ and denied by [^ ]*:[0-9]+: denied" \
	"and --debug names each, with both rules"

done_testing
