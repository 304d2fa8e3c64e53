#!/bin/sh
# Learning mode: --learn runs a program permissively and writes a profile;
# the same workload then passes under that profile with action kill (one
# missing syscall would kill it), and a different behaviour is blocked and
# named.  Follows children and threads; --learn-append merges runs.
# Learning under a profile: what its Landlock rules refused is listed as
# refused and not granted, what its seccomp rules deny (let run while
# learning) is listed with the rule, and the result says it stands
# alone; an include's deny-list that meets a learned keep-list is said
# at startup (a drop beats a keep), each conflict with both rules under
# --debug.
. "$top_srcdir/tests/integration/lib.sh"

# roundtrip NAME PROGRAM...: learn, then enforce with action kill; the
# output must be what the same sandbox gives without any filter.
roundtrip() {
	name=$1
	shift
	p="$TMPD/$name.profile"
	want=$("$JAILRUN" --noprofile "$@" 2>/dev/null)
	rc=$?
	if [ "$rc" != 0 ]; then
		not_ok "$name: works in the sandbox without a filter" "rc $rc"
		return
	fi
	jr --learn="$p" "$@"
	if [ "$rc" != 0 ] || [ ! -s "$p" ]; then
		not_ok "$name: learned" "rc $rc" "$out"
		return
	fi
	ok "$name: learned ($(grep -c . "$p") lines)"
	out=$("$JAILRUN" --profile="$p" --seccomp.action=kill "$@" 2>/dev/null)
	rc=$?
	if [ "$rc" = 0 ] && [ "$out" = "$want" ]; then
		ok "$name: passes under the learned profile with action kill"
	else
		not_ok "$name: passes under the learned profile with action kill" \
			"rc $rc" "$(cat "$p")"
	fi
}

# a folder nothing else touches while the test runs (/ and /tmp change)
fixed="$TMPD/fixed"
mkdir -p "$fixed/sub" && echo hello >"$fixed/a" && ln -s a "$fixed/link"
roundtrip ls ls -l "$fixed"
roundtrip python3 /usr/bin/python3 -c 'import socket; print(open("/etc/hostname").read())'
if command -v curl >/dev/null 2>&1; then
	roundtrip curl curl -s file:///etc/hostname
else
	skip "curl is not installed"
fi
bb=$(command -v busybox 2>/dev/null)
if [ -n "$bb" ] && "$top_builddir/tests/helpers/jr-elf" "$bb" |
	grep -q static; then
	roundtrip busybox "$bb" ls -l "$fixed"
else
	skip "busybox-static is not installed"
fi
if command -v transmission-cli >/dev/null 2>&1; then
	roundtrip transmission-cli transmission-cli --help
else
	skip "transmission-cli is not installed"
fi

# What the learned profile says.
p="$TMPD/ls.profile"
like "$(cat "$p")" "# command: ls -l $fixed" "header: the command"
like "$(cat "$p")" "# groups: one is used when" "header: the rule that chose groups"
like "$(cat "$p")" "seccomp.keep = @start" "groups where enough was used"
like "$(cat "$p")" "protocol = unix" "protocol from the families used (nscd)"
like "$(cat "$p")" "seccomp.drop = execve, execveat" \
	"no exec after the start: execve, execveat dropped"

# A different behaviour is blocked and named.
p="$TMPD/python3.profile"
out=$("$JAILRUN" --profile="$p" --report --seccomp.action=kill /usr/bin/python3 -c '
import socket
print(open("/etc/hostname").read())
socket.socket(socket.AF_INET, socket.SOCK_STREAM)' 2>&1)
rc=$?
is "$rc" 159 "python3 opening a network socket it never opened: killed"
like "$out" "blocked: python3\[[0-9]+\] socket\(AF_INET, SOCK_STREAM.*\) killed — not in seccomp.keep of python3.profile" \
	"and named, with the rule"
run "$JAILRUN" --profile="$p" /usr/bin/python3 -c 'import os; os.execv("/bin/true", ["true"])'
like "$out" "PermissionError|Operation not permitted" \
	"an exec it never did: refused (execve dropped)"

# Children and threads are followed.
p="$TMPD/sh.profile"
jr --learn="$p" sh -c 'ls / >/dev/null; cat /etc/hostname'
is "$rc" 0 "learned a shell running two children"
run "$JAILRUN" --profile="$p" --seccomp.action=kill sh -c 'ls / >/dev/null; cat /etc/hostname'
is "$rc" 0 "the children's calls were learned: it passes with kill"
if grep -q "seccomp.drop = execve" "$p"; then
	not_ok "it executed programs: execve is not dropped" "$(cat "$p")"
else
	ok "it executed programs: execve is not dropped"
fi
p="$TMPD/thread.profile"
code='import threading; t = threading.Thread(target=lambda: open("/etc/hostname").read()); t.start(); t.join(); print("joined")'
jr --learn="$p" /usr/bin/python3 -c "$code"
run "$JAILRUN" --profile="$p" --seccomp.action=kill /usr/bin/python3 -c "$code"
like "$out" "^joined$" "a thread's calls were learned (clone3 or clone, futex)"

# --learn-append merges runs.  (A folder, not /: listing / would need
# landlock.read = /, which learning refuses to write; t-learnfs.sh.)
p="$TMPD/merged.profile"
jr --learn="$p" ls "$fixed"
run "$JAILRUN" --profile="$p" --seccomp.action=kill ls -l "$fixed"
is "$rc" 159 "learned from 'ls DIR' only: 'ls -l DIR' is killed"
jr --learn="$p" --learn-append ls -l "$fixed"
like "$out" "learned [0-9]+ syscalls in 2 runs" "--learn-append: two runs"
run "$JAILRUN" --profile="$p" --seccomp.action=kill ls -l "$fixed"
is "$rc" 0 "after the merge 'ls -l DIR' passes"
run "$JAILRUN" --profile="$p" --seccomp.action=kill ls "$fixed"
is "$rc" 0 "and 'ls DIR' still does"
printf 'seccomp = yes\n' >"$TMPD/hand.profile"
jr --learn="$TMPD/hand.profile" --learn-append true
is "$rc" 125 "--learn-append into a hand-written profile: refused"
like "$out" "not written by --learn" "and said why"
is "$(cat "$TMPD/hand.profile")" "seccomp = yes" "the file is untouched"
jr --learn="$TMPD/no/such/dir/x.profile" true
is "$rc" 125 "--learn into a missing directory: error before running"

# Nested: learning needs a listener, which an inner sandbox cannot get.
jr --noprofile --report --seccomp.drop=mkdir "$JAILRUN" --noprofile \
	--learn="$TMPD/nested.profile" true
is "$rc" 125 "nested --learn: refused, exit 125"
like "$out" "--learn needs a seccomp listener" "nested --learn: said why"

# Learning under a profile.  Its Landlock rules let the run write in ok/
# only; its `seccomp = yes` denies personality.
u="$TMPD/under"
mkdir -p "$u/ok" "$u/no"
printf 'landlock.read = /\nlandlock.exec = /\nlandlock.write = %s/ok, /dev\nseccomp = yes\n' \
	"$u" >"$u/u.profile"
work() { # the workload: personality runs, one write is refused under u
	rm -f "$u/ok/x" "$u/no/x"
	"$JAILRUN" "$@" sh -c "$TRY call personality; echo a >$u/no/x; echo b >$u/ok/x" \
		>"$u/out" 2>&1
	rc=$?
	out=$(cat "$u/out")
}
work --profile="$u/u.profile" --learn="$u/l.profile"
is "$rc" 0 "learned under a profile"
[ ! -e "$u/no/x" ] && [ -e "$u/ok/x" ] &&
	ok "under the profile: no/x refused by its Landlock rules, ok/x written" ||
	not_ok "under the profile: no/x refused by its Landlock rules, ok/x written" "$out"
lp=$(cat "$u/l.profile")
like "$lp" "# learned under u\\.profile: its file rules" "the header names the profile learned under"
like "$lp" "# stands alone: it includes nothing" "and says the result stands alone"
if grep -q '^include' "$u/l.profile"; then
	not_ok "it includes nothing" "$lp"
else
	ok "it includes nothing"
fi
like "$lp" "#   refused: create-or-remove $u/no/x" "the Landlock refusal is listed"
if grep -E "^landlock\.write = .*$u/no" "$u/l.profile"; then
	not_ok "and not granted" "$lp"
else
	ok "and not granted"
fi
like "$lp" "#   u\\.profile:4 denies: .*personality" \
	"what its seccomp rules deny, let run while learning, is listed with the rule"
work --profile="$u/l.profile" --seccomp.action=kill
is "$rc" 0 "the same workload passes under the learned profile with action kill"
[ ! -e "$u/no/x" ] && [ -e "$u/ok/x" ] &&
	ok "and no/x is refused there too: the learned run's path is kept" ||
	not_ok "and no/x is refused there too: the learned run's path is kept" "$out"
# the same without a profile: nothing refused, the write is learned
work --noprofile --learn="$u/n.profile"
like "$(cat "$u/n.profile")" "# stands alone: learned with no profile" \
	"--noprofile: the header says so"
like "$(cat "$u/n.profile")" "landlock\\.write = .*$u/no" \
	"--noprofile: the write refused under the profile is learned and granted"
if grep -q "refused:" "$u/n.profile"; then
	not_ok "--noprofile: nothing listed as refused" "$(cat "$u/n.profile")"
else
	ok "--noprofile: nothing listed as refused"
fi
# --learn-append keeps the refusals of earlier runs
work --profile="$u/u.profile" --learn="$u/a.profile"
work --profile="$u/u.profile" --learn="$u/a.profile" --learn-append
like "$(cat "$u/a.profile")" "#   refused: create-or-remove $u/no/x" \
	"--learn-append: the refusals of earlier runs are kept"

# A learned keep-list under an include's deny-list: the drop wins, said.
printf 'seccomp = yes\n' >"$u/deny.inc"
printf 'include = %s/deny.inc\nseccomp.keep = @start, @stdio, personality\n' \
	"$u" >"$u/both.profile"
jr --profile="$u/both.profile" "$TRY" call personality
like "$out" "^jailrun: WARNING: $u/both\\.profile:2 keeps personality, which $u/deny\\.inc:1 denies \\(seccomp = yes\\): a drop beats a keep, so it is denied; and 2 more kept syscalls are denied by another file \\(--debug names each\\)$" "an include denies what the profile keeps: said at startup"
is "$(printf '%s\n' "$out" | tail -1)" EPERM "and it is denied (a drop beats a keep)"
printf 'seccomp.keep = @start, @stdio, personality\n' >"$u/keep.profile"
jr --profile="$u/keep.profile" "$TRY" call personality
is "$out" "OK" "without the include: personality runs, nothing said"
jr --debug --profile="$u/both.profile" "$TRY" call personality
like "$out" "seccomp: personality is kept by $u/both\\.profile:2 and denied by $u/deny\\.inc:1: denied" \
	"--debug names the conflict with both rules"
printf 'seccomp = yes\nseccomp.keep = @start, @stdio, personality\n' >"$u/same.profile"
jr --profile="$u/same.profile" "$TRY" call personality
is "$out" "EPERM" "keep and deny in one file: denied, no warning (the author's own)"
jr --profile="$u/keep.profile" --seccomp.drop=personality "$TRY" call personality
is "$out" "EPERM" "a drop on the command line: denied, no warning (the user's own)"

# dbus.user = filter: learning keeps the filter, never `yes`, with the
# names called as the proxy's log shows them (more in t-learndbus.sh).
if ! command -v dbus-daemon >/dev/null 2>&1 ||
	! command -v dbus-send >/dev/null 2>&1 ||
	! command -v dbus-test-tool >/dev/null 2>&1 ||
	! command -v xdg-dbus-proxy >/dev/null 2>&1; then
	skip_n 5 "dbus-daemon, dbus-send, dbus-test-tool or xdg-dbus-proxy is not installed"
else
	XDG_RUNTIME_DIR="$TMPD/run"
	export XDG_RUNTIME_DIR
	mkdir -p -m 700 "$XDG_RUNTIME_DIR"
	bus_start
	echo_service org.jailrun.LearnEcho
	ping="dbus-send --session --print-reply --dest=org.jailrun.LearnEcho / org.jailrun.LearnEcho.Ping"
	jr --noprofile --dbus.user=filter --dbus.user.talk=org.jailrun.LearnEcho \
		--learn="$u/bus.profile" -- $ping
	like "$rc:$out" "^0:method return" "dbus.user = filter: learned a call through the proxy"
	like "$(cat "$u/bus.profile")" "^dbus\\.user = filter$" \
		"the learned profile keeps dbus.user = filter"
	like "$(cat "$u/bus.profile")" "^dbus\\.user\\.talk = org\\.jailrun\\.LearnEcho$" \
		"and the names it let through"
	like "$(cat "$u/bus.profile")" "^#   through xdg-dbus-proxy's --log\$" \
		"and says the names were observed through the proxy's log"
	jr --profile="$u/bus.profile" --seccomp.action=kill -- $ping
	like "$rc:$out" "^0:method return" "the call passes under the learned profile (kill)"
	unset DBUS_SESSION_BUS_ADDRESS
fi

done_testing
