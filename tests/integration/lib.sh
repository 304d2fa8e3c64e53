# lib.sh - TAP helpers for the integration tests (sourced, POSIX sh).
#
# Each test proves both halves: the program works without the rule, and
# fails (with the errno or signal the rule gives) with it.  Tests that
# need a kernel feature missing here print "ok N # SKIP reason".
#
# Environment from `make check`: JAILRUN (the binary), top_srcdir,
# top_builddir, JAILRUN_PROFILE_PATH (etc/ and profiles/ of the source).

set -u
: "${JAILRUN:?run through make check}"
: "${top_builddir:?run through make check}"
TRY="$top_builddir/tests/helpers/jr-try"
NOUSERNS="$top_builddir/tests/helpers/jr-nouserns"
tap_n=0
tap_failed=0

# A scratch dir any user can write (the build tree may be root's).
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/jailrun-test.XXXXXX")
# background helpers (an X server, a bus) that a test starts: killed on
# exit
bg_pids=
trap 'kill $bg_pids 2>/dev/null; rm -rf "$TMPD"' EXIT
# The user's own profile dir must not leak into tests.
XDG_CONFIG_HOME="$TMPD/xdg"
export XDG_CONFIG_HOME
# report logs (report = log, or report = yes without a terminal) go here
XDG_STATE_HOME="$TMPD/state"
export XDG_STATE_HOME
mkdir -p "$XDG_CONFIG_HOME"

ok() { # ok DESCRIPTION -- after a command that succeeded
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}
# POSIX sh has no local variables: helpers name theirs with a leading _
# (a loop variable named d once clobbered the tests' own $d).
not_ok() { # not_ok DESCRIPTION [DIAGNOSTIC...]
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for _diag in "$@"; do printf "%s\n" "$_diag" | sed "s/^/# /"; done
}
# skip REASON: a kernel feature or tool this machine lacks.  In CI
# (JAILRUN_MUST_WORK=1) that is a failure: CI installs what tests need.
skip() {
	if [ "${JAILRUN_MUST_WORK:-0}" = 1 ]; then
		not_ok "$1 (a skip, and JAILRUN_MUST_WORK=1)"
	else
		skip_always "$1"
	fi
}
# skip_always REASON: missing by construction (no i386 entry point in
# this kernel; a root-only check in the unprivileged run).
skip_always() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}
# skip_n N REASON, skip_always_n N REASON: the N tests a missing tool or
# kernel feature stops
skip_n() { _skips skip "$@"; }
skip_always_n() { _skips skip_always "$@"; }
_skips() {
	_n=$2
	while [ "$_n" -gt 0 ]; do
		"$1" "$3"
		_n=$((_n - 1))
	done
}

# landlock_abi: this kernel's Landlock ABI as jailrun sees it, empty when
# there is none
landlock_abi() {
	"$JAILRUN" --noprofile --debug --landlock.read=/ true 2>&1 |
		sed -n 's/.*landlock: ABI \([0-9]*\),.*/\1/p'
}

diag() { printf '%s\n' "$*" | sed 's/^/# /'; }

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3" "got:  '$1'" "want: '$2'"
	fi
}

# like GOT PATTERN DESCRIPTION (grep -E pattern)
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok "$3"
	else
		not_ok "$3" "got:  '$1'" "want match: '$2'"
	fi
}

# run CMD...: sets $out (stdout+stderr) and $rc
run() {
	out=$("$@" 2>&1)
	rc=$?
}

# jr ARGS...: run jailrun with ARGS, sets $out and $rc
jr() { run "$JAILRUN" "$@"; }

is_root() { [ "$(id -u)" = 0 ]; }

# installed PROGRAM N: true if PROGRAM is installed; otherwise skip the
# N tests that need it.
installed() {
	if command -v "$1" >/dev/null 2>&1; then
		return 0
	fi
	skip_n "$2" "$1 is not installed"
	return 1
}

# found NAME: jailrun NAME reads profiles/NAME.profile, by name.
found() {
	jr --debug --print-filter "$1"
	like "$out" "read .*/profiles/$1\\.profile" \
		"$1: its profile is found by name"
}

# wait_for SECONDS CMD...: run CMD every 0.1 s until it succeeds (0) or
# SECONDS have passed (1)
wait_for() {
	_w=$(($1 * 10))
	shift
	while [ $_w -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		_w=$((_w - 1))
	done
	return 1
}

# watch FILE: the witness outside the sandbox, an inotify watch that sees
# every open of FILE, whoever makes it; opens counts them, opened says
# whether there was one, unwatch stops it
watch() {
	: >"$TMPD/opens"
	"$TRY" watch "$1" "$TMPD/opens" &
	watcher=$!
	wait_for 10 grep -q watching "$TMPD/opens"
}
opens() { grep -c '^open$' "$TMPD/opens"; }
opened() { [ "$(opens)" -gt 0 ]; }
unwatch() { kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null; }

# windows: the visible X windows' ids, sorted; names: their names, sorted,
# joined by |
windows() { xdotool search --onlyvisible --name '' 2>/dev/null | sort; }
names() {
	for _nw in $(windows); do xdotool getwindowname "$_nw"; done 2>/dev/null |
		sort | tr '\n' '|'
}

# private_desktop: a home and an XDG_RUNTIME_DIR of this test's own, no
# desktop session (no display, bus or sound server), PATH the system's;
# the test runs in $TMPD
private_desktop() {
	PATH=/usr/bin:/bin
	HOME="$TMPD/home"
	XDG_RUNTIME_DIR="$TMPD/run"
	export PATH HOME XDG_RUNTIME_DIR
	mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
	chmod 700 "$XDG_RUNTIME_DIR"
	unset DISPLAY XAUTHORITY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS \
		DBUS_SYSTEM_BUS_ADDRESS PULSE_SERVER PIPEWIRE_REMOTE
	cd "$TMPD" || exit 1
}

# bus_start: a private session bus at $XDG_RUNTIME_DIR/bus for this test
# (killed on exit through bg_pids); sets DBUS_SESSION_BUS_ADDRESS.
# Fails when it does not start within 30 s.
bus_start() {
	dbus-daemon --session --address="unix:path=$XDG_RUNTIME_DIR/bus" \
		--nofork --print-address=3 3>"$TMPD/bus" >"$TMPD/bus.log" 2>&1 &
	bg_pids="$bg_pids $!"
	wait_for 30 test -s "$TMPD/bus" || return 1
	DBUS_SESSION_BUS_ADDRESS=$(head -1 "$TMPD/bus")
	export DBUS_SESSION_BUS_ADDRESS
}

# echo_service NAME: dbus-test-tool answering as NAME on the session bus
# (killed on exit), waited for until NAME.Ping gets a reply (30 s)
echo_service() {
	dbus-test-tool echo --name="$1" >/dev/null 2>&1 &
	bg_pids="$bg_pids $!"
	wait_for 30 dbus-send --session --print-reply --dest="$1" / \
		"$1.Ping" >/dev/null 2>&1
}

# stop_bg PID: SIGTERM to a background jailrun, SIGKILL 15 s later if it
# is still there (a program that does not go must not hang the suite;
# its sandbox dies with jailrun), then reap it
stop_bg() {
	kill "$1" 2>/dev/null
	_sb=0
	while kill -0 "$1" 2>/dev/null && [ $_sb -lt 150 ]; do
		sleep 0.1
		_sb=$((_sb + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on now, from the
# kernel (a port computed from $$ can be any other test's or connection's)
free_port() {
	/usr/bin/python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# http_serve DIR: a web server on 127.0.0.1 serving DIR, on a port the
# kernel picks (a fixed one can be taken by another test or by any
# connection's local port); sets $http_port; killed on exit (through
# bg_pids).  Fails when it has not started within 30 s.
http_serve() {
	rm -f "$TMPD/http-port"
	/usr/bin/python3 -c '
import functools, http.server, os, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                            directory=sys.argv[1])
server = http.server.HTTPServer(("127.0.0.1", 0), handler)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_port))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()' "$1" "$TMPD/http-port" >/dev/null 2>"$TMPD/http.err" &
	_hs=$!
	bg_pids="$bg_pids $_hs"
	http_port=
	wait_for 30 test -s "$TMPD/http-port" || return 1
	http_port=$(cat "$TMPD/http-port")
}

# xvfb_start: an X server for this test (Xvfb picks a free display and
# writes its number to fd 3); sets DISPLAY and $xvfb, killed on exit
# (through bg_pids).
# Fails (with the server's log as a diagnostic) when it does not start.
xvfb_start() {
	Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp \
		3>"$TMPD/display" >"$TMPD/xvfb.log" 2>&1 &
	xvfb=$!
	bg_pids="$bg_pids $xvfb"
	wait_for 30 _xvfb_settled
	DISPLAY=:$(cat "$TMPD/display")
	export DISPLAY
	if [ "$DISPLAY" = : ]; then
		not_ok "Xvfb started" "$(cat "$TMPD/xvfb.log")"
		return 1
	fi
}

_xvfb_settled() { [ -s "$TMPD/display" ] || ! kill -0 $xvfb 2>/dev/null; }

# nouserns CMD...: run CMD where user namespaces are refused (an outer
# seccomp filter: EPERM for CLONE_NEWUSER), as on a machine that turned
# them off; sets $out and $rc like run
nouserns() { run "$NOUSERNS" "$@"; }

# userns_modes: the modes the trust tests run each attack in: "userns"
# (jailrun makes its user namespace; root makes none) and "nouserns" (the
# fallback).  A mode this machine cannot give is skipped with its reason
# by the test itself.
userns_modes="userns nouserns"

# in_mode MODE CMD...: run CMD (jailrun and its arguments) in MODE
in_mode() {
	_m=$1
	shift
	if [ "$_m" = nouserns ]; then nouserns "$@"; else run "$@"; fi
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" = 0 ]
}
