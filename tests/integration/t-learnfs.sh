#!/bin/sh
# Learning files: --learn writes landlock.read/write/exec rules (and
# landlock.net.connect) from what the run used.  For each program: it is
# learned standalone, then the same work passes under the learned profile
# with seccomp.action = kill and its Landlock rules; a path outside what
# it learned works without the rules, is refused under them (EACCES), and
# --report names it ("jailrun: blocked: ... = EACCES — not in
# landlock.read (NAME.profile:LINE); add to NAME.local: ...").
. "$top_srcdir/tests/integration/lib.sh"

HOME="$TMPD/home"
export HOME
unset XDG_RUNTIME_DIR XDG_DOWNLOAD_DIR XDG_CACHE_HOME
PATH=/usr/bin:/bin
export PATH
O="$TMPD/outside"
mkdir -p "$HOME" "$O/d"
echo outside >"$O/f"
echo outside >"$O/d/f"

abi=$(landlock_abi)
if [ -z "$abi" ]; then
	skip_always_n 44 "this kernel has no Landlock"
	done_testing
	exit
fi

# learn NAME CMD...: learn CMD into $TMPD/NAME.profile, standalone
learn() {
	_n=$1
	shift
	jr --noprofile --learn="$TMPD/$_n.profile" "$@"
	if [ "$rc" = 0 ] && grep -q '^landlock\.' "$TMPD/$_n.profile"; then
		ok "$_n: learned, with Landlock rules"
	else
		not_ok "$_n: learned, with Landlock rules" "rc $rc" "$out"
	fi
}

# enforce NAME CMD...: CMD passes under the learned profile, action kill
enforce() {
	_n=$1
	shift
	jr --profile="$TMPD/$_n.profile" --seccomp.action=kill "$@"
	if [ "$rc" = 0 ]; then
		ok "$_n: passes under its learned profile (action kill)"
	else
		not_ok "$_n: passes under its learned profile (action kill)" \
			"rc $rc" "$out" "$(grep -v '^# observed' "$TMPD/$_n.profile")"
	fi
}

# refused NAME PATH [-e ERE] CMD...: CMD, which uses PATH outside what
# NAME learned, works without the rules; under them it fails with EACCES
# (what the program prints for it: "Permission denied", or ERE where it
# says it otherwise) and the report names PATH
refused() {
	_n=$1 _p=$2 _e='Permission denied|EACCES|Errno 13'
	shift 2
	if [ "$1" = -e ]; then
		_e=$2
		shift 2
	fi
	jr --noprofile "$@"
	is "$rc" 0 "$_n: $_p works without the learned rules"
	jr --profile="$TMPD/$_n.profile" --seccomp.action=kill --report "$@"
	if [ "$rc" != 0 ] && printf '%s\n' "$out" |
		grep -Eq "$_e"; then
		ok "$_n: $_p refused under the learned rules (EACCES)"
	else
		not_ok "$_n: $_p refused under the learned rules (EACCES)" \
			"rc $rc" "$out"
	fi
	like "$out" "jailrun: blocked: [^ ]+\\[[0-9]+\\] [a-z0-9]+\\((\\.\\.\\., )?\"$_p[^\"]*\"[^)]*\\) = EACCES — not in landlock\\.[a-z]+ \\([^)]*$_n\\.profile:[0-9]+\\); add to $_n\\.local: landlock\\.[a-z]+ = /" \
		"$_n: the report names the refused path"
}

# ---- tar -----------------------------------------------------------------
W="$TMPD/w-tar"
mkdir -p "$W/d"
for i in 1 2 3 4 5; do echo "$i" >"$W/d/f$i"; done
learn tar tar czf "$W/a.tgz" -C "$W" d
rm -f "$W/a.tgz"
enforce tar tar czf "$W/a.tgz" -C "$W" d
is "$(tar tzf "$W/a.tgz" | grep -c f)" 5 "tar: the archive holds the 5 files"
refused tar "$O" tar czf "$W/b.tgz" "$O/d"

# ---- curl against a local http.server ------------------------------------
W="$TMPD/w-curl"
mkdir -p "$W/srv"
echo "served-$$" >"$W/srv/index.html"
if http_serve "$W/srv" &&
	port=$http_port &&
	wait_for 10 curl -s -o /dev/null "http://127.0.0.1:$port/"; then
	learn curl curl -s -o "$W/got" "http://127.0.0.1:$port/index.html"
	if [ "$abi" -ge 4 ]; then
		like "$(cat "$TMPD/curl.profile")" \
			"landlock.net.connect = $port" \
			"curl: the TCP port connected to is learned (ABI $abi)"
	else
		skip "Landlock ABI $abi has no network rules"
	fi
	rm -f "$W/got"
	enforce curl curl -s -o "$W/got" "http://127.0.0.1:$port/index.html"
	is "$(cat "$W/got" 2>/dev/null)" "served-$$" "curl: the page was fetched"
	# curl says EACCES on its output file as "(23) Failure writing"
	refused curl "$O" -e '\(23\) Failure writing' curl -sS -o "$O/got" \
		"http://127.0.0.1:$port/index.html"
else
	skip_n 7 "the local web server did not start: $(head -c 300 "$TMPD/http.err")"
fi

# ---- a socket address that spans two pages -------------------------------
# The supervisor reads connect's address from the target's memory; the
# read once stopped at the first page's end when it held a NUL (the
# family's high byte is one), and the port was lost
port=$(free_port)
jr --noprofile "$TRY" connect-straddle "$port"
is "$out" ECONNREFUSED "control: the address across two pages reaches connect (nothing listens on $port)"
jr --noprofile --learn="$TMPD/straddle.profile" "$TRY" connect-straddle "$port"
if [ "$abi" -ge 4 ]; then
	like "$(cat "$TMPD/straddle.profile")" "landlock.net.connect = $port" \
		"an address across two pages: its port is learned (ABI $abi)"
else
	skip "Landlock ABI $abi has no network rules"
fi

# ---- git clone of a local repository ------------------------------------
W="$TMPD/w-git"
mkdir -p "$W"
mkrepo() {
	git init -q "$1" && (cd "$1" && echo hi >README &&
		git add README &&
		git -c user.name=t -c user.email=t@t commit -qm init) &&
	git clone -q --bare "$1" "$1.git"
}
mkrepo "$W/src" >/dev/null 2>&1
mkrepo "$O/src" >/dev/null 2>&1
learn git git clone -q --no-hardlinks "$W/src.git" "$W/c1"
rm -rf "$W/c1"
enforce git git clone -q --no-hardlinks "$W/src.git" "$W/c1"
is "$(cat "$W/c1/README" 2>/dev/null)" hi "git: the clone has the file"
# git says an unreadable repository "does not exist"
refused git "$O" -e 'does not exist' git clone -q --no-hardlinks "$O/src.git" "$W/c2"
rm -rf "$W/c2"

# ---- python3 with a small script ----------------------------------------
W="$TMPD/w-py"
mkdir -p "$W"
cat >"$W/s.py" <<'EOF'
import json, sys
data = open(sys.argv[1]).read()
with open(sys.argv[2], "w") as f:
    json.dump({"n": len(data)}, f)
EOF
echo "some input" >"$W/in"
learn python3 /usr/bin/python3 "$W/s.py" "$W/in" "$W/out"
rm -f "$W/out"
enforce python3 /usr/bin/python3 "$W/s.py" "$W/in" "$W/out"
is "$(cat "$W/out" 2>/dev/null)" '{"n": 11}' "python3: the script wrote its result"
refused python3 "$O/f" /usr/bin/python3 "$W/s.py" "$O/f" "$W/out"

# ---- ffmpeg --------------------------------------------------------------
W="$TMPD/w-ffmpeg"
mkdir -p "$W"
if installed ffmpeg 5; then
	ff() { ffmpeg -nostdin -loglevel error -y -f lavfi \
		-i sine=duration=0.2 "$@"; }
	learn ffmpeg sh -c 'ffmpeg -nostdin -loglevel error -y -f lavfi -i sine=duration=0.2 "$1"' sh "$W/a.wav"
	rm -f "$W/a.wav"
	enforce ffmpeg sh -c 'ffmpeg -nostdin -loglevel error -y -f lavfi -i sine=duration=0.2 "$1"' sh "$W/a.wav"
	refused ffmpeg "$O" sh -c 'ffmpeg -nostdin -loglevel error -y -f lavfi -i sine=duration=0.2 "$1"' sh "$O/a.wav"
fi

# ---- a static busybox ----------------------------------------------------
W="$TMPD/w-busybox"
mkdir -p "$W"
bb=$(command -v busybox)
if [ -n "$bb" ] && file -L "$bb" 2>/dev/null | grep -q 'statically linked'; then
	printf 'b\na\nc\n' >"$W/in"
	learn busybox "$bb" sort -o "$W/out" "$W/in"
	rm -f "$W/out"
	enforce busybox "$bb" sort -o "$W/out" "$W/in"
	is "$(cat "$W/out" 2>/dev/null | tr '\n' ' ')" "a b c " \
		"busybox: sorted"
	refused busybox "$O/f" "$bb" sort -o "$W/out" "$O/f"
else
	skip_n 6 "no static busybox"
fi

# ---- what the profile says -----------------------------------------------
p="$TMPD/tar.profile"
like "$(cat "$p")" "^# files: each path as used" \
	"the header says how rules were collapsed"
like "$(cat "$p")" "^#   /usr/lib: a system library tree, with exec" \
	"each collapse is named with its rule"
like "$(cat "$p")" "^# programs executed: .*/usr/bin/tar" \
	"the programs executed are named"
like "$(cat "$TMPD/busybox.profile")" "^seccomp.drop = execve, execveat" \
	"busybox executed nothing: execve, execveat dropped"

# listing / would need landlock.read = / (every file): refused, and said
jr --noprofile --learn="$TMPD/ls.profile" ls /
like "$(cat "$TMPD/ls.profile")" "^# refused 1 grant the runs would need, e.g. read on /:" \
	"a grant of / is refused, and the profile says so"

# --learn-append keeps the paths of earlier runs
p="$TMPD/append.profile"
jr --noprofile --learn="$p" cat "$TMPD/w-py/in"
jr --noprofile --learn="$p" --learn-append cat "$TMPD/w-busybox/in"
jr --profile="$p" --seccomp.action=kill cat "$TMPD/w-py/in" "$TMPD/w-busybox/in"
is "$rc" 0 "--learn-append: the files of both runs are allowed"

done_testing
