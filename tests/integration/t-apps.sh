#!/bin/sh
# The shipped profiles (profiles/*.profile) with their command-line
# applications: each is found by the program's name, the application does
# its normal job under it, and the profile restricts -- a socket family it
# does not list fails, ptrace fails, and where execve is dropped a program
# the application starts is refused.  A test is skipped only when the
# application is not installed (a failure in CI, which installs them).
# GUI applications are in t-gui.sh.
. "$top_srcdir/tests/integration/lib.sh"

# Debian's programs, not local wrappers (a pyenv shim, a stand-in in
# /usr/local/bin) that would run them through an exec.
PATH=/usr/bin:/bin
export PATH
HOME="$TMPD/home"
export HOME
mkdir -p "$HOME"
W="$TMPD/work"
mkdir -p "$W"
cd "$W" || exit 1

# Every shipped profile parses.
for prof in "$top_srcdir"/profiles/*.profile; do
	jr --profile="$prof" --print-filter
	is "$rc" 0 "$(basename "$prof") parses (--print-filter)"
done



# Without a profile the attack helper gets the sockets the profiles
# refuse, and its ptrace call fails otherwise than by the filter.
for fam in inet netlink; do
	jr --noprofile "$TRY" socket $fam
	is "$out" OK "without a profile: a $fam socket works"
done
jr --noprofile "$TRY" call ptrace
if [ "$out" != EPERM ]; then
	ok "without a profile: ptrace is not refused ($out)"
else
	not_ok "without a profile: ptrace is not refused" "$out"
fi

# restricts NAME FAMILY [noexec]: under NAME's profile, the attack helper
# gets no FAMILY socket and cannot ptrace; with noexec a program started
# after the start is refused.  2 tests, 3 with noexec.
restricts() {
	jr --profile="$1" "$TRY" socket "$2"
	like "$out" "^(EAFNOSUPPORT|EPERM)$" "$1: its profile refuses a $2 socket"
	jr --profile="$1" "$TRY" call ptrace
	is "$out" EPERM "$1: its profile refuses ptrace"
	[ "${3:-}" = noexec ] || return 0
	jr --profile="$1" env /bin/true
	if [ "$rc" = 126 ] && printf '%s\n' "$out" | grep -q "not permitted"; then
		ok "$1: a program it starts is refused (execve dropped)"
	else
		not_ok "$1: a program it starts is refused (execve dropped)" \
			"rc $rc" "$out"
	fi
}

# A local web server for curl, wget and ffmpeg, on a free port.
mkdir -p www
printf 'hello from jailrun\n' >www/hello.txt
http_serve "$W/www" || diag "the local web server did not start: $(head -c 300 "$TMPD/http.err")"
port=$http_port
url="http://127.0.0.1:$port"

# The confined profiles (landlock.exec) let the programs an application
# starts come from the system directories only; the tests that make one
# run the attack helper grant the helper's directory.
HX="--landlock.exec=${TRY%/*}"

# curl
if installed curl 6; then
	found curl
	jr curl -s file://"$W"/www/hello.txt
	is "$out" "hello from jailrun" "curl file:// reads a file"
	jr curl -s -o "$W/c.txt" "$url/hello.txt"
	is "$rc:$(cat "$W/c.txt" 2>/dev/null)" "0:hello from jailrun" \
		"curl downloads over http to a file (-o)"
	restricts curl netlink noexec
fi

# wget
if installed wget 5; then
	found wget
	jr wget -q -O "$W/w.txt" "$url/hello.txt"
	is "$rc:$(cat "$W/w.txt" 2>/dev/null)" "0:hello from jailrun" \
		"wget downloads over http"
	restricts wget netlink noexec
fi

# tar: a folder archived (through gzip: tar runs it) and extracted
mkdir -p tree/sub
printf 'a\n' >tree/a
printf 'b\n' >tree/sub/b
if installed tar 6; then
	found tar
	jr tar czf "$W/tree.tgz" tree
	is "$rc" 0 "tar czf archives a folder (running gzip)"
	mkdir -p untar
	jr tar xzf "$W/tree.tgz" -C untar
	run diff -r tree untar/tree
	is "$rc" 0 "tar xzf extracts the same folder"
	jr "$HX" tar xzf "$W/tree.tgz" --to-command="$TRY socket inet"
	is "$(printf '%s\n' "$out" | sort -u)" EAFNOSUPPORT \
		"tar: a --to-command gets no inet socket (protocol = unix)"
	restricts tar netlink
fi

# gzip and xz round trips
for z in gzip xz; do
	if installed $z 6; then
		found $z
		cp tree/a "$W/z-$z"
		jr $z "$W/z-$z"
		[ "$rc" = 0 ] && [ -f "$W/z-$z".* ] && [ ! -f "$W/z-$z" ] &&
			ok "$z compresses a file" ||
			not_ok "$z compresses a file" "rc $rc" "$out"
		jr $z -d "$W/z-$z".*
		is "$rc:$(cat "$W/z-$z" 2>/dev/null)" "0:a" "$z -d restores it"
		restricts $z inet noexec
	fi
done

# unzip of a zip made by python3's zipfile
if installed unzip 5; then
	found unzip
	python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.write("tree/a"); z.write("tree/sub/b")' "$W/t.zip"
	mkdir -p unz
	jr unzip -q "$W/t.zip" -d unz
	run diff -r tree unz/tree
	is "$rc" 0 "unzip extracts a zip made by python3's zipfile"
	restricts unzip inet noexec
fi

# ffmpeg: a generated clip, converted; a network input is refused
if installed ffmpeg 9; then
	found ffmpeg
	jr ffmpeg -nostdin -loglevel error -f lavfi \
		-i testsrc=duration=1:size=160x120:rate=10 -y "$W/clip.mkv"
	is "$rc" 0 "ffmpeg renders a generated clip (lavfi testsrc)"
	jr ffmpeg -nostdin -loglevel error -i "$W/clip.mkv" -vframes 1 \
		-y "$W/frame.png"
	like "$rc:$(od -An -c -N4 "$W/frame.png" 2>/dev/null | tr -d ' ')" \
		"^0:.*PNG" "ffmpeg converts a frame of it to PNG"
	jr ffprobe -v error -show_entries stream=codec_type -of csv=p=0 \
		"$W/clip.mkv"
	is "$out" video "ffprobe (ffmpeg.profile) reads it"
	cp "$W/clip.mkv" www/
	run ffmpeg -nostdin -loglevel error -i "$url/clip.mkv" -f null -
	is "$rc" 0 "ffmpeg reads the clip over http without the profile"
	jr ffmpeg -nostdin -loglevel error -i "$url/clip.mkv" -f null -
	if [ "$rc" != 0 ]; then
		ok "ffmpeg under its profile cannot (local files only)"
	else
		not_ok "ffmpeg under its profile cannot (local files only)"
	fi
	restricts ffmpeg inet noexec
fi

# convert (ImageMagick): a PPM to PNG
printf 'P3\n2 2\n255\n255 0 0 0 255 0 0 0 255 255 255 255\n' >img.ppm
if installed convert 5; then
	found convert
	jr convert img.ppm -resize 200% "$W/img.png"
	like "$rc:$(od -An -c -N4 "$W/img.png" 2>/dev/null | tr -d ' ')" \
		"^0:.*PNG" "convert turns a PPM into a PNG"
	restricts convert inet noexec
fi

# file
if installed file 6; then
	found file
	jr file -b www/hello.txt
	is "$out" "ASCII text" "file names a text file"
	jr file -bz "$W/tree.tgz"
	like "$out" "POSIX tar archive.*gzip compressed" \
		"file -z looks inside a .tgz (in the process)"
	restricts file inet noexec
fi

# git: init, add, commit in a temporary dir; an alias runs the helper
if installed git 8; then
	found git
	GIT_CONFIG_NOSYSTEM=1
	export GIT_CONFIG_NOSYSTEM
	mkdir -p repo && cd repo || exit 1
	jr git init -q .
	is "$rc" 0 "git init"
	printf 'x\n' >f
	jr git add f
	is "$rc" 0 "git add"
	jr git -c user.name=Jail -c user.email=jail@example.org commit -qm first
	is "$rc" 0 "git commit"
	jr git log --format=%s
	is "$out" first "git log shows the commit"
	jr "$HX" git -c alias.try="!$TRY socket netlink" try
	is "$out" EAFNOSUPPORT "git: a command it runs gets no netlink socket"
	cd "$W" || exit 1
	restricts git netlink
fi

# ssh: -V, -G; a ProxyCommand runs the helper inside the sandbox
if installed ssh 6; then
	found ssh
	jr ssh -V
	like "$out" "^OpenSSH" "ssh -V"
	jr ssh -F /dev/null -G host.example.org
	like "$out" "hostname host\\.example\\.org" "ssh -G prints the options"
	rm -f "$W/proxy.out"
	jr "$HX" ssh -F /dev/null -o BatchMode=yes \
		-o ProxyCommand="sh -c '$TRY socket netlink >$W/proxy.out; echo'" h
	is "$(cat "$W/proxy.out" 2>/dev/null)" EAFNOSUPPORT \
		"ssh: its ProxyCommand gets no netlink socket"
	restricts ssh netlink
fi

# vim -es edits a file; system() runs the helper inside the sandbox
if installed vim 5; then
	found vim
	printf 'one\ntwo\n' >v.txt
	jr vim -es -u NONE -c '%s/one/ONE/' -c wq v.txt
	is "$rc:$(head -1 v.txt)" "0:ONE" "vim -es edits a file"
	jr "$HX" vim -es -u NONE -c "call writefile(systemlist('$TRY socket inet'), '$W/vim.out')" -c 'qa!'
	is "$(cat "$W/vim.out" 2>/dev/null)" EAFNOSUPPORT \
		"vim: a command it runs gets no inet socket (protocol = unix)"
	restricts vim netlink
fi

# less, not on a terminal: prints the file; LESSOPEN runs the helper
if installed less 5; then
	found less
	jr env LESS=-F less www/hello.txt
	is "$out" "hello from jailrun" "less -F shows a file"
	jr env LESSOPEN="|$TRY socket inet %s" less -F www/hello.txt
	is "$out" EAFNOSUPPORT "less: its input filter gets no inet socket"
	restricts less netlink
fi

# python3
# (the profile used to refuse exec and netlink: that broke subprocess,
# venv and interface names, so it allows both now; t-cpython.sh and
# t-workload.sh show python's ordinary use)
if installed python3 7; then
	found python3
	jr python3 -c 'print(sum(range(10)))'
	is "$out" 45 "python3 -c runs"
	jr python3 -c 'import subprocess; print(subprocess.run(["echo", "sub"], capture_output=True, text=True).stdout.strip())'
	is "$out" sub "python3 starts programs under its profile (subprocess)"
	jr python3 -c 'import socket; socket.socket(socket.AF_INET).close(); print("inet")'
	is "$out" inet "python3 opens inet sockets"
	jr python3 -c 'import os; print("/usr" in ["/" + d for d in os.listdir("/")])'
	is "$out" True "python3 lists / under its profile"
	restricts python3 packet
fi

# transmission-cli and transmission-daemon; the daemon serves its RPC
if installed transmission-cli 5; then
	found transmission-cli
	jr transmission-cli --help
	like "$out" "Usage: transmission-cli" "transmission-cli --help"
	restricts transmission-cli netlink noexec
fi
if installed transmission-daemon 7; then
	found transmission-daemon
	jr transmission-daemon --help
	like "$out" "Usage: transmission-daemon" "transmission-daemon --help"
	rport=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	# a settings directory outside the profile's (-g) is granted with
	# landlock.write, as the profile says
	"$JAILRUN" "--mkdir=$TMPD/tdaemon" "--landlock.write=$TMPD/tdaemon" \
		transmission-daemon \
		-f -g "$TMPD/tdaemon" -T \
		--rpc-bind-address 127.0.0.1 -p "$rport" \
		>"$TMPD/tdaemon.log" 2>&1 &
	tpid=$!
	i=0
	while [ $i -lt 300 ] && kill -0 $tpid 2>/dev/null; do
		out=$(curl -s -o /dev/null -w '%{http_code}' \
			"http://127.0.0.1:$rport/transmission/rpc")
		[ "$out" = 409 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	is "$out" 409 "transmission-daemon answers RPC (409 asks for a session id)"
	kill $tpid 2>/dev/null
	wait $tpid
	[ -s "$TMPD/tdaemon/settings.json" ] &&
		ok "transmission-daemon wrote its settings on exit" ||
		not_ok "transmission-daemon wrote its settings on exit" \
			"$(cat "$TMPD/tdaemon.log")"
	restricts transmission-daemon netlink noexec
fi

done_testing
