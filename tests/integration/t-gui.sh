#!/bin/sh
# The shipped GUI profiles under Xvfb: each program, found by name, maps
# its window; transmission-gtk end to end: the sandboxed process carries
# the filter, no_new_privs and no capabilities, and its profile refuses a
# socket family, ptrace and exec.  inkscape exports in batch mode.  A test
# is skipped only when a program is not installed (a failure in CI).
. "$top_srcdir/tests/integration/lib.sh"

PATH=/usr/bin:/bin
export PATH
HOME="$TMPD/home"
export HOME
mkdir -p "$HOME"
# the settings in the home, as a user has them (lib.sh's XDG_CONFIG_HOME
# in $TMPD would make transmission-gtk's whitelist empty all of /tmp,
# the build tree with it when it is there)
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_CONFIG_HOME
cd "$TMPD" || exit 1


# pid_of_child PID: the first child of PID (waits for it to exist).
pid_of_child() {
	_i=0
	while [ $_i -lt 300 ]; do
		_c=$(pgrep -P "$1" | head -1)
		[ -n "$_c" ] && { echo "$_c"; return 0; }
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# maps NAME PATTERN PROGRAM ARGS...: start jailrun PROGRAM under Xvfb and
# wait for a visible window whose name matches PATTERN; leaves the
# jailrun pid in $app (killed by the caller through stop).
maps() {
	_name=$1 _pat=$2
	shift 2
	"$JAILRUN" "$@" >"$TMPD/$_name.log" 2>&1 &
	app=$!
	if timeout 120 xdotool search --sync --onlyvisible --name "$_pat" \
		>/dev/null 2>&1; then
		ok "$_name: its window maps under its profile"
	else
		not_ok "$_name: its window maps under its profile" \
			"$(tail -20 "$TMPD/$_name.log")"
	fi
}
# noexec NAME: under NAME's profile a program started after the start is
# refused (execve dropped).
noexec() {
	jr --profile="$1" env /bin/true
	if [ "$rc" = 126 ] && printf '%s\n' "$out" | grep -q "not permitted"; then
		ok "$1: a program it starts is refused (execve dropped)"
	else
		not_ok "$1: a program it starts is refused (execve dropped)" \
			"rc $rc" "$out"
	fi
}
stop() {
	kill "$app" 2>/dev/null
	wait "$app" 2>/dev/null
}

gui_tests=22
if ! command -v Xvfb >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1
then
	skip_n $gui_tests "Xvfb or xdotool is not installed"
	done_testing
	exit
fi

if ! xvfb_start; then
	done_testing
	exit
fi

# transmission-gtk, end to end
if installed transmission-gtk 10; then
	found transmission-gtk
	like "$out" "read .*/profiles/common-gui\\.inc" \
		"transmission-gtk: its profile includes common-gui.inc"
	maps transmission-gtk '^Transmission$' transmission-gtk -g "$TMPD/tgtk"
	# jailrun -> init (pid 1 inside) -> transmission-gtk
	init=$(pid_of_child "$app")
	target=$(pid_of_child "$init")
	status=$(grep -E '^(Seccomp|NoNewPrivs|CapEff|CapBnd):' \
		"/proc/$target/status" 2>/dev/null | tr -s '\t ' ' ')
	like "$(cat "/proc/$target/comm" 2>/dev/null)" "^transmission-g" \
		"transmission-gtk: the sandboxed process found ($target)"
	like "$status" "Seccomp: 2" "transmission-gtk: seccomp filter on"
	like "$status" "NoNewPrivs: 1" "transmission-gtk: no_new_privs"
	like "$status" "CapEff: 0000000000000000" \
		"transmission-gtk: no effective capabilities"
	stop
	jr --profile=transmission-gtk "$TRY" socket netlink
	is "$out" EAFNOSUPPORT "transmission-gtk: its profile refuses netlink"
	jr --profile=transmission-gtk "$TRY" call ptrace
	is "$out" EPERM "transmission-gtk: its profile refuses ptrace"
	noexec transmission-gtk
fi

if installed mpv 3; then
	found mpv
	maps mpv '^jrtest-mpv$' mpv --vo=x11 --ao=null --title=jrtest-mpv \
		--loop=inf av://lavfi:testsrc
	stop
	noexec mpv
fi

printf 'P3\n2 2\n255\n255 0 0 0 255 0 0 0 255 255 255 255\n' >img.ppm
if installed feh 3; then
	found feh
	maps feh '^jrtest-feh$' feh --title jrtest-feh img.ppm
	stop
	noexec feh
fi

# A one-page PDF, written by hand (no PDF tool needed).
python3 -c '
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
pdf, where = b"%PDF-1.4\n", []
for n, body in enumerate(objs, 1):
    where.append(len(pdf))
    pdf += b"%d 0 obj\n%s\nendobj\n" % (n, body)
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
pdf += b"".join(b"%010d 00000 n \n" % w for w in where)
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
    len(objs) + 1, xref)
open(sys.argv[1], "wb").write(pdf)' "$TMPD/jrtest-doc.pdf"
if installed zathura 3; then
	found zathura
	maps zathura 'jrtest-doc\.pdf' zathura "$TMPD/jrtest-doc.pdf"
	stop
	noexec zathura
fi

# inkscape: batch export (no window), under its GUI profile
printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="red"/></svg>\n' >in.svg
if installed inkscape 3; then
	found inkscape
	jr inkscape --export-type=png --export-filename="$TMPD/in.png" in.svg
	like "$rc:$(od -An -c -N4 "$TMPD/in.png" 2>/dev/null | tr -d ' ')" \
		"^0:.*PNG" "inkscape exports an SVG to PNG in batch mode"
	jr --profile=inkscape "$TRY" socket inet
	is "$out" EAFNOSUPPORT "inkscape: its profile refuses an inet socket"
fi

done_testing
