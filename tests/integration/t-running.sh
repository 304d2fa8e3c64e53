#!/bin/sh
# Running sandboxes: --list shows each of this user's sandboxes, --shutdown
# ends one by name or pid; each record is served by its supervisor (no
# file holds it) and goes away with it, even after a crash.  The attacks
# on the records are in t-records.sh.
. "$top_srcdir/tests/integration/lib.sh"

XDG_RUNTIME_DIR="$TMPD/rt"
export XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"
rec="$XDG_RUNTIME_DIR/jailrun"

listed() { "$JAILRUN" --list 2>/dev/null | grep -q "^$1 "; }

# start [OPTIONS] PROGRAM...: a sandbox in the background (--noprofile
# unless OPTIONS name a profile); its jailrun's pid in $jp, once its
# record exists
start() {
	case "$*" in
	--profile=*) "$JAILRUN" "$@" >/dev/null 2>&1 & ;;
	*) "$JAILRUN" --noprofile "$@" >/dev/null 2>&1 & ;;
	esac
	jp=$!
	wait_for 10 listed "$jp"
}
gone() { # gone PID: wait for it to end; 0 when it did
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	! kill -0 "$1" 2>/dev/null
}

# Records are this user's, whatever test runs them: this test's
# sandboxes run a sleep under a name of their own, and "nothing running"
# is asked in an empty network namespace (abstract sockets live there).
me=jrsleep$$
ln -s "$(command -v sleep)" "$TMPD/$me"
if is_root; then alone="unshare -n"; else alone="unshare -rn"; fi
if $alone true 2>/dev/null; then
	run $alone "$JAILRUN" --list
	is "$rc" 0 "--list with nothing running: exit 0"
	is "$(printf '%s\n' "$out" | grep -vc '^PID')" 0 "--list with nothing running: no rows"
else
	skip_n 2 "no network namespace of its own for an empty --list"
fi

start "$TMPD/$me" 100
a=$jp
start sh -c 'sleep 101'
b=$jp
jr --list
like "$out" "^$a +$me +none +0:00:0[0-9]" "--list shows the first (pid, name, profile, uptime)"
like "$out" "^$b +sh +none" "--list shows the second"
[ ! -e "$rec" ] && ok "no record file (nothing a sandbox could rewrite)" ||
	not_ok "no record file (nothing a sandbox could rewrite)" "$(ls -la "$rec")"

jr --shutdown=$me
is "$rc" 0 "--shutdown=NAME: exit 0"
like "$out" "shut down $me \(pid $a\)" "--shutdown=NAME says what it ended"
gone "$a" && ok "that sandbox's jailrun is gone" || not_ok "that sandbox's jailrun is gone"
listed "$a" && not_ok "its record is gone" || ok "its record is gone"
kill -0 "$b" 2>/dev/null && ok "the other sandbox still runs" ||
	not_ok "the other sandbox still runs"
jr --shutdown="$b"
is "$rc" 0 "--shutdown=PID: exit 0"
gone "$b" && ok "--shutdown=PID ended it" || not_ok "--shutdown=PID ended it"

# A target that ignores SIGTERM: SIGKILL after the grace period.
start sh -c 'trap "" TERM; sleep 102; sleep 102'
jr --shutdown="$jp"
gone "$jp" && ok "a target ignoring SIGTERM is ended too" ||
	not_ok "a target ignoring SIGTERM is ended too"

# Two of the same name: a pid is needed.
start "$TMPD/$me" 103
a=$jp
start "$TMPD/$me" 104
b=$jp
jr --shutdown=$me
is "$rc" 125 "an ambiguous name: refused, exit 125"
like "$out" "2 sandboxes are named '$me': give a PID" "and says why"
kill -0 "$a" 2>/dev/null && kill -0 "$b" 2>/dev/null &&
	ok "both still run" || not_ok "both still run"

# A crashed jailrun leaves no record behind.
kill -9 "$a"
wait "$a" 2>/dev/null
jr --list
if printf '%s\n' "$out" | grep -q "^$a "; then
	not_ok "a killed jailrun is not listed" "$out"
else
	ok "a killed jailrun is not listed"
fi
[ ! -e "$rec" ] && ok "and left no file behind" ||
	not_ok "and left no file behind" "$(ls -la "$rec")"
pkill -f "^$TMPD/$me 103\$"
jr --shutdown="$b"

# --join: a command inside a running sandbox, under its rules.
start --profile=default --hostname=box sleep 105
a=$jp
run "$JAILRUN" --join="$a" -- hostname
is "$out" box "--join: the sandbox's uts namespace (hostname box)"
run "$JAILRUN" --join="$a" -- sh -c 'echo $$'
[ "$out" -gt 0 ] 2>/dev/null && [ "$out" -lt 20 ] &&
	ok "--join: the sandbox's pid namespace (pid $out)" ||
	not_ok "--join: the sandbox's pid namespace" "$out"
sp=$(pgrep -f '^sleep 105$' | head -1)
run "$JAILRUN" --join="$a" -- readlink /proc/self/ns/mnt
is "$out" "$(readlink /proc/$sp/ns/mnt)" "--join: the sandbox's mount namespace"
run "$JAILRUN" --join="$a" -- grep -E '^(CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status
like "$(echo $out)" "CapEff: 0000000000000000 CapBnd: 0000000000000000 NoNewPrivs: 1 Seccomp: 2" \
	"--join: no capabilities, no_new_privs, a seccomp filter (caps.drop=all, seccomp = yes)"
run "$JAILRUN" --join="$a" --seccomp.drop=mkdir -- true
is "$rc" 125 "--join with an added rule: refused"
like "$out" "cannot be added" "and says why"
jr --shutdown="$a"

start --seccomp.drop=execve,execveat sleep 106
run "$JAILRUN" --join="$jp" -- sh -c '/bin/true; echo "exec: $?"'
like "$out" "exec: 126" "--join into a sandbox that drops exec: the joined shell cannot exec"
like "$out" "Operation not permitted" "(EPERM)"
jr --shutdown="$jp"

printf 'seccomp = yes\n' >"$TMPD/j.profile"
start --profile="$TMPD/j.profile" sleep 107
printf 'seccomp = yes\nseccomp.drop = mkdir\n' >"$TMPD/j.profile"
run "$JAILRUN" --join="$jp" -- true
is "$rc" 125 "--join after the sandbox's profile changed: refused"
like "$out" "profile changed since it started" "and says why"
jr --shutdown="$jp"
jr --join=nosuch -- true
is "$rc" 125 "--join to an unknown sandbox: exit 125"

jr --shutdown=nosuch
is "$rc" 125 "--shutdown of an unknown name: exit 125"
like "$out" "no running sandbox 'nosuch'" "and says so"
# Without XDG_RUNTIME_DIR a sandbox is still recorded and listed.
env -u XDG_RUNTIME_DIR "$JAILRUN" --noprofile sleep 108 >/dev/null 2>&1 &
jp=$!
wait_for 10 listed "$jp"
run env -u XDG_RUNTIME_DIR "$JAILRUN" --list
is "$rc" 0 "--list without XDG_RUNTIME_DIR: exit 0"
like "$out" "^$jp +sleep " "and it lists a sandbox started without XDG_RUNTIME_DIR"
run env -u XDG_RUNTIME_DIR "$JAILRUN" --shutdown="$jp"
is "$rc" 0 "--shutdown without XDG_RUNTIME_DIR"
gone "$jp" && ok "ended it" || not_ok "ended it"

# name = NAME: the user's name for a sandbox, in --list, --shutdown and
# --join, from the command line or a profile
for mode in $userns_modes; do
	box=box$$$mode
	if [ $mode = nouserns ]; then
		"$NOUSERNS" "$JAILRUN" --noprofile --name=$box "$TMPD/$me" 109 >/dev/null 2>&1 &
	else
		"$JAILRUN" --noprofile --name=$box "$TMPD/$me" 109 >/dev/null 2>&1 &
	fi
	jp=$!
	# (the readers run in the same mode: a supervisor under the outer
	# filter has more filters than a reader outside it, and is refused)
	_mlisted() { in_mode $mode "$JAILRUN" --list; printf '%s\n' "$out" | grep -q "^$jp "; }
	wait_for 10 _mlisted
	in_mode $mode "$JAILRUN" --list
	like "$out" "^$jp +$box +none" "$mode: name=: --list shows the name given"
	in_mode $mode "$JAILRUN" --join=$box -- sh -c 'echo joined'
	is "$out" joined "$mode: name=: --join finds it by that name"
	in_mode $mode "$JAILRUN" --shutdown=$box
	is "$rc" 0 "$mode: name=: --shutdown finds it by that name"
	gone "$jp" && ok "$mode: name=: and ends it" || not_ok "$mode: name=: and ends it"
done
printf 'name = fromprofile%s\n' $$ >"$TMPD/n.profile"
start --profile="$TMPD/n.profile" "$TMPD/$me" 110
like "$("$JAILRUN" --list 2>/dev/null)" "^$jp +fromprofile$$ " "name = NAME in a profile"
jr --shutdown="$jp"
jr --noprofile --name=1234 true
is "$rc" 125 "a name of digits only (a pid) is refused"
like "$out" "name: 1 to 63 letters" "and says what a name is"

done_testing
