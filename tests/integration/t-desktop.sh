#!/bin/sh
# The desktop socket keys: x11 under Xvfb (and the abstract socket that
# only a network namespace closes), dbus.user against a session bus
# started here (none, yes, and filter through xdg-dbus-proxy), wayland,
# sound and dbus.system against fake sockets in a private
# XDG_RUNTIME_DIR.  Each denial is shown next to the same program
# working without the key.
. "$top_srcdir/tests/integration/lib.sh"

private_desktop

# conn PATH: connect(2) to a unix socket; prints "connected" or the errno
cat >"$TMPD/conn.py" <<'EOF'
import errno, socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1])
    print("connected")
except OSError as e:
    print(errno.errorcode.get(e.errno, e.errno))
EOF
# serve READY PATH...: listen on unix sockets until killed
cat >"$TMPD/serve.py" <<'EOF'
import os, socket, sys, time
socks = []
for p in sys.argv[2:]:
    os.makedirs(os.path.dirname(p), exist_ok=True)
    s = socket.socket(socket.AF_UNIX)
    s.bind(p)
    s.listen(128)
    socks.append(s)
open(sys.argv[1], "w").close()
time.sleep(3600)
EOF

# unwarned: $out without jailrun's warnings
unwarned() {
	printf '%s\n' "$out" | grep -v '^jailrun: WARNING'
}

conn="python3 $TMPD/conn.py"
# a hidden socket is an empty file (a directory), mode 000: refused to
# root, not even searchable for anyone else
hidden_sock='^(ECONNREFUSED|EACCES)$'
hidden_dir='^(ENOENT|EACCES)$'
refused='(Connection refused|Permission denied)'

# ---- x11 --------------------------------------------------------------------
x11_tests=11
if ! command -v Xvfb >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1
then
	skip_n $x11_tests "Xvfb or xdotool is not installed"
else
	xvfb_start
	d=$DISPLAY
	geo='^[0-9]+ [0-9]+$'

	jr --noprofile --x11=yes -- xdotool getdisplaygeometry
	like "$out" "$geo" "x11 = yes: an X client connects"
	jr --noprofile --x11=no -- sh -c 'echo "DISPLAY=$DISPLAY"; xdotool getdisplaygeometry'
	is "$rc:$(unwarned | head -1)" "1:DISPLAY=" \
		"x11 = no: DISPLAY unset, the client fails"
	jr --noprofile -- $conn "/tmp/.X11-unix/X${d#:}"
	is "$out" connected "the X server's socket is reachable without x11"
	jr --noprofile --x11=no -- $conn "/tmp/.X11-unix/X${d#:}"
	like "$(unwarned)" "$hidden_dir" \
		"x11 = no: the X server's socket is hidden"
	# the abstract socket: reachable without a network namespace (and
	# jailrun says so), closed with one
	jr --noprofile --x11=no -- env DISPLAY="$d" xdotool getdisplaygeometry
	like "$out" "WARNING: x11 = no: the X server's abstract socket @/tmp/\\.X11-unix/X${d#:} stays reachable" \
		"x11 = no without a network namespace: a loud warning"
	like "$out" "$geo" \
		"x11 = no without a network namespace: the abstract socket is reachable (as warned)"
	jr --noprofile --x11=no --net=none -- env DISPLAY="$d" xdotool getdisplaygeometry
	like "$rc:$out" "^1:.*Can't open display" \
		"x11 = no with net = none: the abstract socket is closed too"
	if printf '%s' "$out" | grep -q WARNING; then
		not_ok "x11 = no with net = none: no warning" "$out"
	else
		ok "x11 = no with net = none: no warning"
	fi
	jr --noprofile --x11=yes --private-tmp -- xdotool getdisplaygeometry
	like "$out" "$geo" "x11 = yes with private-tmp: /tmp/.X11-unix bound back"
	jr --noprofile --private-tmp --net=none -- xdotool getdisplaygeometry
	like "$out" "$geo" "private-tmp, x11 unset, net = none: the display stays (as firejail)"
	jr --noprofile --private-tmp --x11=no --net=none -- env DISPLAY="$d" xdotool getdisplaygeometry
	like "$rc:$out" "^1:.*Can't open display" \
		"private-tmp with x11 = no and net = none: no display"
	unset DISPLAY
fi

# ---- dbus.user ----------------------------------------------------------------
dbus_tests=10
if ! command -v dbus-daemon >/dev/null 2>&1 ||
	! command -v dbus-send >/dev/null 2>&1 ||
	! command -v dbus-test-tool >/dev/null 2>&1; then
	skip_n $dbus_tests "dbus-daemon, dbus-send or dbus-test-tool is not installed"
else
	bus_start
	echo_service org.jailrun.Echo
	getid="dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetId"
	ping="dbus-send --session --print-reply --dest=org.jailrun.Echo / org.jailrun.Echo.Ping"

	jr --noprofile -- $ping
	like "$rc:$out" "^0:method return" "no dbus.user: a call to a service on the session bus works"
	jr --noprofile --dbus.user=yes -- $getid
	like "$rc:$out" "^0:method return" "dbus.user = yes: the session bus works"
	jr --noprofile --dbus.user=none -- $getid
	like "$rc:$out" "^1:.*Failed to connect to socket /dev/null/jailrun-dbus-user-none" \
		"dbus.user = none: dbus-send fails (an address that cannot exist)"
	jr --noprofile --dbus.user=none -- env \
		DBUS_SESSION_BUS_ADDRESS="unix:path=$XDG_RUNTIME_DIR/bus" $getid
	like "$rc:$out" "^1:.*$refused" \
		"dbus.user = none: the bus socket itself is hidden"
	jr --noprofile --dbus.user=filter -- $getid
	like "$rc:$out" "^0:method return" \
		"dbus.user = filter: the bus itself (Hello, GetId) works through the proxy"
	jr --noprofile --dbus.user=filter -- $ping
	like "$rc:$out" "^1:.*ServiceUnknown" \
		"dbus.user = filter: a service not talked to is refused"
	jr --noprofile --dbus.user=filter --dbus.user.talk=org.jailrun.Echo -- $ping
	like "$rc:$out" "^0:method return" \
		"dbus.user = filter with dbus.user.talk: that service answers"
	jr --noprofile --dbus.user=filter -- env \
		DBUS_SESSION_BUS_ADDRESS="unix:path=$XDG_RUNTIME_DIR/bus" $ping
	like "$rc:$out" "^1:.*$refused" \
		"dbus.user = filter: the real bus socket is hidden"
	left=$(ls -A "$XDG_RUNTIME_DIR/jailrun/dbus" 2>&1)
	is "$left" "" "dbus.user = filter: the proxy's socket is gone when the sandbox ends"
	# fail closed: no xdg-dbus-proxy in PATH
	mkdir -p "$TMPD/bin"
	ln -s "$(command -v dbus-send)" "$TMPD/bin/dbus-send"
	PATH="$TMPD/bin"
	jr --noprofile --dbus.user=filter -- $getid
	PATH=/usr/bin:/bin
	like "$rc:$out" "^125:.*xdg-dbus-proxy is not installed" \
		"dbus.user = filter without xdg-dbus-proxy: refused (125)"
	unset DBUS_SESSION_BUS_ADDRESS
fi

# ---- wayland, sound, dbus.system: fake sockets -------------------------------------
run_dir=$XDG_RUNTIME_DIR
python3 "$TMPD/serve.py" "$TMPD/served" "$run_dir/wayland-0" \
	"$run_dir/pulse/native" "$run_dir/pipewire-0" "$TMPD/system_bus" &
bg_pids="$bg_pids $!"
if ! wait_for 30 test -e "$TMPD/served"; then
	not_ok "fake sockets listen"
	done_testing
	exit
fi

WAYLAND_DISPLAY=wayland-0
export WAYLAND_DISPLAY
jr --noprofile --wayland=yes -- $conn "$run_dir/wayland-0"
is "$out" connected "wayland = yes: the Wayland socket is reachable"
jr --noprofile --wayland=no -- $conn "$run_dir/wayland-0"
like "$out" "$hidden_sock" "wayland = no: the Wayland socket is hidden"
jr --noprofile --wayland=no -- sh -c 'echo "W=$WAYLAND_DISPLAY"'
is "$out" "W=" "wayland = no: WAYLAND_DISPLAY unset"
unset WAYLAND_DISPLAY

jr --noprofile --sound=yes -- sh -c "$conn $run_dir/pulse/native; $conn $run_dir/pipewire-0"
is "$(echo $out)" "connected connected" "sound = yes: PulseAudio and PipeWire reachable"
jr --noprofile --sound=no -- $conn "$run_dir/pulse/native"
like "$out" "$hidden_dir" "sound = no: PulseAudio hidden"
jr --noprofile --sound=no -- $conn "$run_dir/pipewire-0"
like "$out" "$hidden_sock" "sound = no: PipeWire hidden"
jr --noprofile --sound=no -- sh -c 'echo "$PULSE_SERVER"'
like "$out" "^unix:/dev/null/" "sound = no: PULSE_SERVER names a server that cannot exist"

DBUS_SYSTEM_BUS_ADDRESS="unix:path=$TMPD/system_bus"
export DBUS_SYSTEM_BUS_ADDRESS
jr --noprofile --dbus.system=yes -- $conn "$TMPD/system_bus"
is "$out" connected "dbus.system = yes: the system bus socket is reachable"
jr --noprofile --dbus.system=none -- $conn "$TMPD/system_bus"
like "$out" "$hidden_sock" \
	"dbus.system = none: the socket DBUS_SYSTEM_BUS_ADDRESS names hidden"
jr --noprofile --dbus.system=none -- sh -c 'echo "S=$DBUS_SYSTEM_BUS_ADDRESS"'
is "$out" "S=" "dbus.system = none: DBUS_SYSTEM_BUS_ADDRESS unset"
unset DBUS_SYSTEM_BUS_ADDRESS
if [ -S /run/dbus/system_bus_socket ]; then
	jr --noprofile -- $conn /run/dbus/system_bus_socket
	is "$out" connected "the system bus socket is reachable without dbus.system"
	jr --noprofile --dbus.system=none -- $conn /run/dbus/system_bus_socket
	like "$out" "$hidden_sock" "dbus.system = none: /run/dbus/system_bus_socket hidden"
else
	skip_always "no system bus runs here (/run/dbus/system_bus_socket)"
	skip_always "no system bus runs here (/run/dbus/system_bus_socket)"
fi

done_testing
