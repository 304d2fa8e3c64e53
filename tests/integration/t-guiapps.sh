#!/bin/sh
# mpv, zathura, feh and inkscape used as a person uses them, under Xvfb,
# each through its shipped profile (`jailrun PROGRAM`, found by name) and
# without jailrun (not --noprofile: its IPC namespace would lose the X
# server's MIT-SHM, where mpv's x11 output waits for ever) in the same way: mpv plays a video to its end
# and takes a screenshot into ~/Pictures, zathura shows a PDF and keeps
# its history, feh shows two images one after the other, inkscape
# exports an SVG to PNG and opens it in its window and its file chooser.
# Each step is a screenshot (kept in t-guiapps.shots); the confined run
# has the same windows as the unconfined one (no error dialog) and no
# dconf, recently-used, "Permission denied" or read-only complaint on
# stderr that the unconfined run lacks.  Each program, given a planted
# ~/.ssh/id_test, fails without opening it (an inotify witness outside
# the sandbox), where the unconfined program opens it.  A menu-style
# launch (stderr to /dev/null) leaves its report in the report log.
# A skip only when a program is missing (a failure in CI).
. "$top_srcdir/tests/integration/lib.sh"

PATH=/usr/bin:/bin
export PATH
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XDG_CONFIG_HOME XDG_CACHE_HOME
unset XDG_DATA_HOME
HOME="$TMPD/home"
export HOME
shots="$top_builddir/tests/integration/t-guiapps.shots"
rm -rf "$shots"
mkdir -p "$shots"
cd "$TMPD" || exit 1

for p in xdotool Xvfb import ffmpeg python3; do
	if ! command -v $p >/dev/null; then
		skip_n 46 "$p is not installed (xdotool, xvfb, imagemagick, ffmpeg, python3)"
		done_testing
		exit
	fi
done
if ! xvfb_start; then
	done_testing
	exit
fi

# ---- the media: made once, copied into each fresh home ------------------
media="$TMPD/media"
mkdir -p "$media"
ffmpeg -v error -f lavfi -i testsrc=duration=2:size=320x240:rate=25 \
	-f lavfi -i sine=duration=2 -c:v libx264 -pix_fmt yuv420p -c:a aac \
	-shortest "$media/clip.mp4" ||
	ffmpeg -v error -f lavfi -i testsrc=duration=2:size=320x240:rate=25 \
		"$media/clip.mp4"
convert -size 320x240 gradient:blue-yellow -fill red \
	-draw 'circle 160,120 160,60' "$media/one.png"
convert -size 320x240 xc:green -fill white -draw 'rectangle 40,40 280,200' \
	"$media/two.png"
cat >"$media/drawing.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
<rect x="10" y="10" width="180" height="80" fill="#ff0000"/>
<circle cx="100" cy="50" r="30" fill="#0000ff"/>
</svg>
EOF
# a one-page PDF, its cross-reference table with the right offsets
python3 - "$media/paper.pdf" <<'EOF'
import sys
text = b"BT /F1 24 Tf 30 100 Td (jailrun zathura test) Tj ET"
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200]"
        b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
out = bytearray(b"%PDF-1.4\n")
offsets = []
for n, body in enumerate(objs, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
    len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
EOF

# a fresh home: the user's directories with the media, and a planted key
fresh_home() {
	rm -rf "$HOME"
	mkdir -p "$HOME/Videos" "$HOME/Music" "$HOME/Pictures" \
		"$HOME/Documents" "$HOME/Downloads" "$HOME/.ssh" "$HOME/.config"
	cat >"$HOME/.config/user-dirs.dirs" <<'EOF'
XDG_VIDEOS_DIR="$HOME/Videos"
XDG_MUSIC_DIR="$HOME/Music"
XDG_PICTURES_DIR="$HOME/Pictures"
XDG_DOCUMENTS_DIR="$HOME/Documents"
XDG_DOWNLOAD_DIR="$HOME/Downloads"
EOF
	cp "$media/clip.mp4" "$HOME/Videos/"
	cp "$media/one.png" "$media/two.png" "$media/drawing.svg" "$HOME/Pictures/"
	cp "$media/paper.pdf" "$HOME/Documents/"
	echo "planted-key-$$" >"$HOME/.ssh/id_test"
	chmod 700 "$HOME/.ssh"
}

shot() { import -window root "$shots/$1.png" 2>/dev/null; }
# key WINDOW KEYS...: focus the window (no window manager here) and type
key() {
	xdotool windowfocus --sync "$1" 2>/dev/null
	shift
	xdotool key "$@"
}
gone() { ! kill -0 "$1" 2>/dev/null || ps -o stat= -p "$1" | grep -q Z; }
# finish PID: wait for a program that is quitting (20 s), else stop it;
# sets $rc to its exit status
finish() {
	wait_for 20 gone "$1" || stop_bg "$1"
	wait "$1"
	rc=$?
}
# quit WINDOW PID: 'q' (again, up to 5 times, if a loaded machine lost
# it), then finish
quit() {
	_qt=0
	while [ $_qt -lt 5 ] && ! gone "$2"; do
		key "$1" q
		wait_for 4 gone "$2"
		_qt=$((_qt + 1))
	done
	finish "$2"
}

# start APP MODE PATTERN PROGRAM ARGS...: run PROGRAM through jailrun
# (MODE jail: its profile, found by name) or without (bare), output in
# $TMPD/APP.MODE.err; $pid is jailrun's, $win the first visible window
# whose name matches PATTERN within 60 s (empty: none)
start() {
	_sa=$1
	_sm=$2
	_sp=$3
	shift 3
	if [ "$_sm" = bare ]; then
		"$@" >"$TMPD/$_sa.$_sm.err" 2>&1 &
	else
		"$JAILRUN" --die-with-parent "$@" >"$TMPD/$_sa.$_sm.err" 2>&1 &
	fi
	pid=$!
	win=$(timeout 60 xdotool search --sync --onlyvisible --name "$_sp" 2>/dev/null | head -1)
	[ -n "$win" ] && xdotool windowmove "$win" 0 0 2>/dev/null
	return 0
}

# The sessions: each leaves in $TMPD/APP.MODE.* what the checks compare.
# mpv: starts paused, 's' takes its screenshot (into ~/Pictures, the
# writable whitelist), space plays to the end and it exits by itself
session_mpv() {
	fresh_home
	start mpv "$1" '^clip\.mp4 - mpv$' mpv --pause --quiet --vo=x11 \
		--ao=null --screenshot-directory="$HOME/Pictures" \
		--term-playing-msg='PLAYING ${filename}' "$HOME/Videos/clip.mp4"
	echo "${win:+yes}" >"$TMPD/mpv.$1.steps"
	[ -n "$win" ] || { stop_bg $pid; return; }
	sleep 1
	shot "mpv-$1-1-paused"
	names >"$TMPD/mpv.$1.names"
	# 's' again until mpv, mapped before its input is ready, takes it
	_try=0
	while [ $_try -lt 10 ] && ! [ -e "$HOME/Pictures/mpv-shot0001.jpg" ]; do
		key "$win" s
		wait_for 2 test -e "$HOME/Pictures/mpv-shot0001.jpg"
		_try=$((_try + 1))
	done
	[ -e "$HOME/Pictures/mpv-shot0001.jpg" ] && echo shot >>"$TMPD/mpv.$1.steps"
	key "$win" space
	sleep 0.5
	shot "mpv-$1-2-playing"
	finish $pid
	echo "rc=$rc" >>"$TMPD/mpv.$1.steps"
	grep -q 'End of file' "$TMPD/mpv.$1.err" && echo eof >>"$TMPD/mpv.$1.steps"
}
# zathura: the PDF's window, 'q' quits and its history keeps the file
session_zathura() {
	fresh_home
	start zathura "$1" 'paper\.pdf$' zathura "$HOME/Documents/paper.pdf"
	echo "${win:+yes}" >"$TMPD/zathura.$1.steps"
	[ -n "$win" ] || { stop_bg $pid; return; }
	sleep 2 # the page is rendered, an error would be in the status bar
	shot "zathura-$1-1-page"
	names >"$TMPD/zathura.$1.names"
	quit "$win" $pid
	echo "rc=$rc" >>"$TMPD/zathura.$1.steps"
	grep -qs 'paper\.pdf' "$HOME/.local/share/zathura/history" &&
		echo history >>"$TMPD/zathura.$1.steps"
}
# feh: two images; space shows the next one (its window title follows),
# 'q' quits
session_feh() {
	fresh_home
	start feh "$1" '^feh one\.png$' feh --title 'feh %n' \
		"$HOME/Pictures/one.png" "$HOME/Pictures/two.png"
	echo "${win:+yes}" >"$TMPD/feh.$1.steps"
	[ -n "$win" ] || { stop_bg $pid; return; }
	sleep 1
	shot "feh-$1-1-one"
	names >"$TMPD/feh.$1.names"
	# space again (up to 5 times) if a loaded machine lost it
	_try=0
	while [ $_try -lt 5 ]; do
		key "$win" space
		if timeout 8 xdotool search --sync --onlyvisible \
			--name '^feh two\.png$' >/dev/null 2>&1; then
			echo next >>"$TMPD/feh.$1.steps"
			break
		fi
		_try=$((_try + 1))
	done
	sleep 1
	shot "feh-$1-2-two"
	quit "$win" $pid
	echo "rc=$rc" >>"$TMPD/feh.$1.steps"
}
# inkscape: an export from the command line (the PNG's size and the
# colour at its centre), then the drawing in its window and File -> Open
# (ctrl+o) showing the file chooser on the home
session_inkscape() {
	fresh_home
	if [ "$1" = bare ]; then _jr=; else _jr="$JAILRUN --quiet"; fi
	$_jr inkscape --export-type=png \
		--export-filename="$HOME/Pictures/drawing.png" \
		"$HOME/Pictures/drawing.svg" >"$TMPD/inkscape.$1.export" 2>&1
	echo "export rc=$?" >"$TMPD/inkscape.$1.steps"
	identify -format '%wx%h %[pixel:p{100,50}]\n' \
		"$HOME/Pictures/drawing.png" >>"$TMPD/inkscape.$1.steps" 2>&1
	start inkscape "$1" '^drawing\.svg - Inkscape$' inkscape \
		"$HOME/Pictures/drawing.svg"
	echo "${win:+window}" >>"$TMPD/inkscape.$1.steps"
	[ -n "$win" ] || { stop_bg $pid; return; }
	sleep 2
	shot "inkscape-$1-1-drawing"
	# ctrl+o again (up to 3 times) if a loaded machine lost it
	_ch= _try=0
	while [ -z "$_ch" ] && [ $_try -lt 3 ]; do
		key "$win" ctrl+o
		_ch=$(timeout 15 xdotool search --sync --onlyvisible \
			--name '^Select file to open$' 2>/dev/null | head -1)
		_try=$((_try + 1))
	done
	if [ -n "$_ch" ]; then
		echo chooser >>"$TMPD/inkscape.$1.steps"
		xdotool windowmove "$_ch" 0 0 windowsize "$_ch" 1000 700 2>/dev/null
	fi
	sleep 3 # an error dialog, if any, maps after the listing
	shot "inkscape-$1-2-open"
	names >"$TMPD/inkscape.$1.names"
	stop_bg $pid
}

# steps APP: what the unconfined run did, then the same of the confined
steps() { tr '\n' ' ' <"$TMPD/$1.$2.steps" | sed 's/ $//'; }
compare() {
	_ca=$1
	is "$(steps "$_ca" bare)" "$2" "$_ca unconfined: $3"
	is "$(steps "$_ca" jail)" "$2" "jailrun $_ca: $3"
	is "$(cat "$TMPD/$_ca.jail.names" 2>&1)" "$(cat "$TMPD/$_ca.bare.names" 2>&1)" \
		"jailrun $_ca: the same windows as unconfined (no error dialog)"
	for _what in dconf recently-used "Permission denied" "Read-only file system"; do
		_b=$(cat "$TMPD/$_ca.bare."* | grep -c "$_what")
		_j=$(cat "$TMPD/$_ca.jail."* | grep -c "$_what")
		if [ "$_j" -le "$_b" ]; then
			ok "jailrun $_ca: no '$_what' on stderr that unconfined lacks ($_j, unconfined $_b)"
		else
			not_ok "jailrun $_ca: no '$_what' on stderr that unconfined lacks ($_j, unconfined $_b)" \
				"$(cat "$TMPD/$_ca.jail."* | grep "$_what" | head -5)"
		fi
	done
	_n=$(find "$shots" -name "$_ca-*-*.png" -size +0 | wc -l)
	is "$_n" "$4" "$_ca: a screenshot of each step, confined and not ($_n)"
}

run_app() { # APP STEPS DESCRIPTION SCREENSHOTS
	if ! command -v "$1" >/dev/null; then
		skip_n 8 "$1 is not installed"
		return 1
	fi
	"session_$1" bare
	"session_$1" jail
	compare "$@"
}

run_app mpv "yes shot rc=0 eof" \
	"paused in its window, its screenshot in ~/Pictures, played to the end, exit 0" 4
run_app zathura "yes rc=0 history" \
	"the PDF in its window, quit with 'q', its history keeps the file" 2
run_app feh "yes next rc=0" \
	"the first image in its window, space shows the second, quit with 'q'" 4
run_app inkscape "export rc=0 200x100 srgba(0,0,255,1) window chooser" \
	"exports the SVG to PNG, opens it in its window, File -> Open shows the chooser" 4

# ---- the planted key ----------------------------------------------------
# watch, opens, opened, unwatch (the witness), windows, names: lib.sh

# key_try APP MODE ARGS...: the program given ~/.ssh/id_test (a viewer
# that stays, zathura with its error, is stopped after 5 s); sets $kopens
# and $krc
key_try() {
	_ka=$1
	_km=$2
	shift 2
	watch "$HOME/.ssh/id_test"
	if [ "$_km" = bare ]; then _jr=; else _jr="$JAILRUN --die-with-parent --quiet"; fi
	$_jr "$@" >"$TMPD/key.$_ka.$_km" 2>&1 &
	_kp=$!
	wait_for 5 gone $_kp || { wait_for 3 opened; stop_bg $_kp; }
	wait $_kp
	krc=$?
	sleep 0.2
	kopens=$(opens)
	unwatch
}

fresh_home
# key_check PATTERN PROGRAM ARGS...: the key is opened unconfined, and
# confined it is not (PATTERN: its message that there is no such file)
key_check() {
	_kpat=$1
	shift
	if ! command -v "$1" >/dev/null; then
		skip_n 2 "$1 is not installed"
		return
	fi
	key_try "$1" bare "$@"
	_bo=$kopens
	key_try "$1" jail "$@"
	[ "$_bo" -gt 0 ] && ok "$1 ~/.ssh/id_test unconfined: the key is opened ($_bo)" ||
		not_ok "$1 ~/.ssh/id_test unconfined: the key is opened ($_bo)" \
			"$(tail -3 "$TMPD/key.$1.bare")"
	if [ "$kopens" = 0 ] && grep -q "$_kpat" "$TMPD/key.$1.jail"; then
		ok "jailrun $1 ~/.ssh/id_test: '$_kpat' (exit $krc), never opened"
	else
		not_ok "jailrun $1 ~/.ssh/id_test: '$_kpat' (exit $krc), never opened ($kopens)" \
			"$(tail -3 "$TMPD/key.$1.jail")"
	fi
}
key_check 'No such file or directory' mpv --vo=null --ao=null "$HOME/.ssh/id_test"
key_check 'Could not determine file type' zathura "$HOME/.ssh/id_test"
key_check 'does not exist' feh "$HOME/.ssh/id_test"
key_check "doesn't exist" inkscape --export-type=png \
	--export-filename="$HOME/Pictures/key.png" "$HOME/.ssh/id_test"

# What each profile's home holds: the directories the program uses, not
# the key, which is absent (ENOENT) rather than refused (the same
# profile, a program that lists; the exec ban lets only the first run)
home_check() { # PROFILE LISTING
	run "$JAILRUN" --quiet --profile="$1" python3 -c '
import os
h = os.path.expanduser("~")
print(" ".join(sorted(os.listdir(h))))
try:
    open(h + "/.ssh/id_test").read(); print("READ")
except OSError as e:
    print("refused", e.errno)'
	is "$out" "$2
refused 2" "profile $1: its home holds '$2'; ~/.ssh/id_test is absent (ENOENT)"
}
fresh_home
home_check mpv "Downloads Music Pictures Videos"
home_check zathura ".config .local Documents Downloads"
home_check feh "Downloads Pictures"
home_check inkscape ".config Documents Pictures"
run python3 -c 'import os; open(os.path.expanduser("~/.ssh/id_test")).read(); print("READ")'
is "$out" READ "... which is read without jailrun"

# a menu launch: no terminal, stderr to /dev/null; --report: feh's
# --info command (an exec, refused) is in the report log
fresh_home
rm -rf "$XDG_STATE_HOME"
"$JAILRUN" --die-with-parent --report feh --title 'feh %n' --info 'echo hi' \
	"$HOME/Pictures/one.png" >/dev/null 2>&1 &
pid=$!
timeout 60 xdotool search --sync --onlyvisible --name '^feh one\.png$' >/dev/null 2>&1
_logged() { grep -q 'blocked: .*execve' "$XDG_STATE_HOME/jailrun/feh.log" 2>/dev/null; }
wait_for 20 _logged
shot feh-menu
stop_bg $pid
like "$(cat "$XDG_STATE_HOME/jailrun/feh.log" 2>&1)" \
	"blocked: .*execve.* = EPERM .*seccomp.drop in .*feh.profile" \
	"a menu launch of feh with --report: the refused exec is in the report log"

done_testing
