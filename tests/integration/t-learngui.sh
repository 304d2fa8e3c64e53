#!/bin/sh
# Learning a GUI program: transmission-gtk under Xvfb.  A session (start,
# a torrent added from a watched directory and its data verified, quit)
# is learned standalone; the same session then passes under the learned
# profile with seccomp.action = kill and its Landlock rules; and with the
# download directory pointed at ~/.ssh, the planted ~/.ssh/id_test is
# never opened (an inotify witness outside the sandbox) and the report
# names the refusal.
. "$top_srcdir/tests/integration/lib.sh"

PATH=/usr/bin:/bin
export PATH
HOME="$TMPD/home"
export HOME
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_DOWNLOAD_DIR XDG_RUNTIME_DIR
cfg="$XDG_CONFIG_HOME/transmission"
mkdir -p "$HOME/.ssh" "$HOME/Downloads" "$HOME/watch" "$cfg" "$TMPD/src"
echo "planted-key-$$" >"$HOME/.ssh/id_test"
cp "$HOME/.ssh/id_test" "$TMPD/src/id_test"
cp "$HOME/.ssh/id_test" "$HOME/Downloads/id_test"
cd "$TMPD" || exit 1

if [ -z "$(landlock_abi)" ]; then
	skip_always_n 8 "this kernel has no Landlock"
	done_testing
	exit
fi
for p in transmission-gtk transmission-create Xvfb xdotool; do
	if ! command -v $p >/dev/null 2>&1; then
		skip_n 8 "$p is not installed"
		done_testing
		exit
	fi
done
if ! xvfb_start; then
	done_testing
	exit
fi
transmission-create -o "$TMPD/id_test.torrent" "$TMPD/src/id_test" >/dev/null

watch() {
	: >"$TMPD/opens"
	"$TRY" watch "$1" "$TMPD/opens" &
	watcher=$!
	wait_for 10 grep -q watching "$TMPD/opens"
}
opens() { grep -c '^open$' "$TMPD/opens"; }
opened() { [ "$(opens)" -gt 0 ]; }
unwatch() { kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null; }
has_torrent() { ls "$1" 2>/dev/null | grep -q '\.torrent$'; }
gone() { ! kill -0 "$1" 2>/dev/null || ps -o stat= -p "$1" | grep -q Z; }

# session DOWNLOAD-DIR JAILRUN-OPTIONS...: start transmission-gtk with
# DOWNLOAD-DIR, drop the torrent into its watch directory, wait for the
# window, the torrent and the verification's open of the data, quit it
# (SIGTERM: it shuts down cleanly).  Sets $mapped, $added, $status.
session() {
	_dir=$1
	shift
	rm -rf "$cfg/torrents" "$cfg/resume" "$HOME/watch"/*
	printf '{ "show-options-window": false, "download-dir": "%s",
  "watch-dir": "%s", "watch-dir-enabled": true }\n' \
		"$_dir" "$HOME/watch" >"$cfg/settings.json"
	cp "$TMPD/id_test.torrent" "$HOME/watch/"
	watch "$_dir/id_test"
	"$JAILRUN" --die-with-parent "$@" transmission-gtk >"$TMPD/gtk.log" 2>&1 &
	_gtk=$!
	mapped=no added=no
	timeout 90 xdotool search --sync --onlyvisible --name '^Transmission$' \
		>/dev/null 2>&1 && mapped=yes
	wait_for 90 has_torrent "$cfg/torrents" && added=yes
	wait_for 20 opened
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

session "$HOME/Downloads" --profile="$p" --seccomp.action=kill
is "$mapped" yes "under the learned profile (kill): the window maps"
is "$added" yes "under the learned profile (kill): the torrent is added"
[ "$(opens)" -gt 0 ] &&
	ok "under the learned profile (kill): its data is verified" ||
	not_ok "under the learned profile (kill): its data is verified" \
		"$(tail -5 "$TMPD/gtk.log")"
is "$status" 0 "under the learned profile (kill): never killed, a clean exit"

session "$HOME/.ssh" --profile="$p" --seccomp.action=kill --report
is "$added" yes "download directory ~/.ssh: the torrent is still added"
is "$(opens)" 0 "download directory ~/.ssh: ~/.ssh/id_test is never opened"
like "$(cat "$TMPD/gtk.log")" \
	"jailrun: blocked: [^ ]+\\[[0-9]+\\] [a-z0-9]+\\(\"$HOME/.ssh/id_test\", [A-Z_|]+\\) = EACCES — not in landlock.read" \
	"download directory ~/.ssh: the refusal is named"

done_testing
