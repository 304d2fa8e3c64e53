#!/bin/sh
# Learning mode: --learn runs a program permissively and writes a profile;
# the same workload then passes under that profile with action kill (one
# missing syscall would kill it), and a different behaviour is blocked and
# named.  Follows children and threads; --learn-append merges runs.
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

done_testing
