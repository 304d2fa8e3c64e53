#!/bin/sh
# Named violations: a denied call is answered by the supervisor with the
# configured action and named once per (pid, syscall) with the rule that
# denied it; a summary at exit; kill exits 159 with or without reports;
# permissive mode runs everything and names what it would have denied.
. "$top_srcdir/tests/integration/lib.sh"

x="$TMPD/x"
prof="$TMPD/rules.profile"
printf '# line 1\nseccomp.drop = mkdir, ptrace\nprotocol = unix\n' >"$prof"

# The call fails as without reporting, and is named.
jr --noprofile --seccomp.drop=mkdir "$TRY" mkdir "$x.1"
is "$out" EPERM "without --report: EPERM, and nothing said (stderr is no tty)"
jr --noprofile --report --seccomp.drop=mkdir "$TRY" mkdir "$x.2"
like "$out" "^EPERM$" "--report: the call still fails EPERM"
like "$out" "^jailrun: blocked: jr-try\[[0-9]+\] mkdir\(\.\.\.\) = EPERM — denied by --seccomp.drop$" \
	"--report: named, with the option that denied it"
like "$out" "^jailrun: summary: blocked 1 call: mkdir x1$" "summary at exit"
[ ! -e "$x.2" ] && ok "nothing was created" || not_ok "nothing was created"

jr --profile="$prof" --report "$TRY" call ptrace
like "$out" "^EPERM$" "profile rule: ptrace fails EPERM"
like "$out" "blocked: jr-try\[[0-9]+\] ptrace\(-1, -1, \.\.\.\) = EPERM — denied by seccomp.drop in rules.profile:2$" \
	"profile rule: named with its file and line"
jr --profile="$prof" --report "$TRY" socket packet
like "$out" "^EAFNOSUPPORT$" "refused family: EAFNOSUPPORT"
like "$out" "socket\(AF_PACKET, SOCK_[A-Z]+.*\) = EAFNOSUPPORT — family not in protocol \(AF_PACKET\) of rules.profile:3" \
	"refused family: decoded and named"
jr --noprofile --report --seccomp.keep=@start,@stdio "$TRY" call getcwd
like "$out" "getcwd\(\.\.\.\) = EPERM — not in --seccomp.keep" \
	"allow-list: named as missing from seccomp.keep"
jr --noprofile --report --seccomp.drop=clone3 "$TRY" call clone3
is "$out" ENOSYS "a probed call keeps its quiet ENOSYS (libc falls back)"

# Once per (pid, syscall); counted every time.
py=/usr/bin/python3
if [ -x "$py" ]; then
	jr --noprofile --report --seccomp.drop=mkdir "$py" -c '
import os
for i in range(3):
    try: os.mkdir("'"$x"'.py%d" % i)
    except PermissionError: print("denied", i)'
	n=$(printf '%s\n' "$out" | grep -c "blocked: python3")
	is "$n" 1 "three denied mkdir in one process: named once"
	like "$out" "summary: blocked 3 calls: mkdir x3" "and counted three times"
	like "$out" "denied 2" "each call failed"
else
	skip "python3 is not installed"
	skip "python3 is not installed"
	skip "python3 is not installed"
fi
jr --noprofile --report --seccomp.drop=mkdir sh -c "mkdir $x.a; mkdir $x.b"
n=$(printf '%s\n' "$out" | grep -c "blocked: mkdir\[")
is "$n" 2 "two processes: each named"

# Default: on when stderr is a terminal (script(1) gives it one).
if command -v script >/dev/null 2>&1; then
	script -qec "$JAILRUN --noprofile --seccomp.drop=mkdir $TRY mkdir $x.t" \
		/dev/null >"$TMPD/tty.out" 2>&1 </dev/null
	like "$(cat "$TMPD/tty.out")" "blocked: jr-try.* mkdir" \
		"stderr a terminal: reported by default"
	script -qec "$JAILRUN --noprofile --no-report --seccomp.drop=mkdir $TRY mkdir $x.u" \
		/dev/null >"$TMPD/tty.out" 2>&1 </dev/null
	if grep -q blocked "$TMPD/tty.out"; then
		not_ok "--no-report: silent on a terminal" "$(cat "$TMPD/tty.out")"
	else
		ok "--no-report: silent on a terminal"
	fi
else
	skip "script(1) is not installed"
	skip "script(1) is not installed"
fi

# kill: the same exit status with and without reporting.
jr --noprofile --seccomp.action=kill --seccomp.drop=mkdir "$TRY" mkdir "$x.k"
is "$rc" 159 "action kill, no report: killed by SIGSYS, exit 159"
jr --noprofile --report --seccomp.action=kill --seccomp.drop=mkdir "$TRY" mkdir "$x.k"
is "$rc" 159 "action kill, report: the supervisor kills, still exit 159"
like "$out" "mkdir\(\.\.\.\) killed — denied by --seccomp.drop" \
	"action kill: named"
jr --noprofile --report --seccomp.action=kill --seccomp.drop=mkdir \
	sh -c "mkdir $x.c; echo parent-alive"
like "$out" "parent-alive" "a killed child does not take its parent along"

bb=$(command -v busybox 2>/dev/null)
if [ -n "$bb" ] && "$top_builddir/tests/helpers/jr-elf" "$bb" |
	grep -q static; then
	jr --noprofile --seccomp.drop=execve --seccomp.action=kill "$bb" sh -c "$bb true"
	is "$rc" 159 "action kill, an exec after the start refused by the supervisor (static target): exit 159"
	jr --noprofile --seccomp.drop=execve --seccomp.action=kill "$bb" true
	is "$rc" 0 "the same target without the exec: exit 0"
else
	skip "busybox-static is not installed"
	skip "busybox-static is not installed"
fi

# Permissive: everything runs, every would-be denial is named.
jr --noprofile --seccomp.action=log --seccomp.drop=mkdir "$TRY" mkdir "$x.l"
like "$out" "^OK$" "action log: the call runs"
[ -d "$x.l" ] && ok "action log: the directory exists" ||
	not_ok "action log: the directory exists"
like "$out" "allowed \(seccomp.action=log\): jr-try\[[0-9]+\] mkdir\(\.\.\.\) — denied by --seccomp.drop" \
	"action log: reported by default, as an unprivileged user too"
like "$out" "summary: allowed \(seccomp.action=log\) 1 call: mkdir x1" \
	"action log: summary"
jr --noprofile --seccomp.action=log --seccomp.drop=clone3 "$TRY" call clone3
is "$(printf '%s\n' "$out" | grep -c 'allowed (seccomp.action=log): jr-try.*clone3')" 1 \
	"action log: a probed call is reported too (it would be ENOSYS)"
like "$out" "E2BIG" "action log: and it runs"

# Allowed calls never reach the supervisor: a busy allowed loop is not
# counted.
jr --noprofile --report --seccomp.drop=mkdir sh -c 'i=0; while [ $i -lt 200 ]; do i=$((i+1)); done; echo done'
is "$out" done "allowed calls: nothing reported"

# Nested: no listener can be installed inside a sandbox that has one.
jr --noprofile --report --seccomp.drop=mkdir "$JAILRUN" --noprofile \
	--report --seccomp.drop=rmdir "$TRY" call rmdir
like "$out" "cannot report denied syscalls: no seccomp listener" \
	"nested: --report says it cannot"
like "$out" "^EPERM$" "nested: the inner rule still holds"

done_testing
