#!/bin/sh
# Running sandboxes: --list shows each of this user's sandboxes, --shutdown
# ends one by name or pid; records live in $XDG_RUNTIME_DIR/jailrun and go
# away with their sandbox, or as stale after a crash.
. "$top_srcdir/tests/integration/lib.sh"

XDG_RUNTIME_DIR="$TMPD/rt"
export XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"
rec="$XDG_RUNTIME_DIR/jailrun"

# start NAME-OF-SLEEP...: a sandboxed sleep in the background; its
# jailrun's pid in $jp, once its record exists
start() {
	"$JAILRUN" --noprofile "$@" >/dev/null 2>&1 &
	jp=$!
	i=0
	while [ ! -f "$rec/$jp" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
gone() { # gone PID: wait for it to end; 0 when it did
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	! kill -0 "$1" 2>/dev/null
}

jr --list
is "$rc" 0 "--list with nothing running: exit 0"
is "$(printf '%s\n' "$out" | grep -vc '^PID')" 0 "--list with nothing running: no rows"

start sleep 100
a=$jp
start sh -c 'sleep 101'
b=$jp
jr --list
like "$out" "^$a +sleep +none +0:00:0[0-9]" "--list shows the first (pid, name, profile, uptime)"
like "$out" "^$b +sh +none" "--list shows the second"
[ "$(stat -c %a "$rec")" = 700 ] && ok "the record dir is private (0700)" ||
	not_ok "the record dir is private (0700)" "$(stat -c %a "$rec")"

jr --shutdown=sleep
is "$rc" 0 "--shutdown=NAME: exit 0"
like "$out" "shut down sleep \(pid $a\)" "--shutdown=NAME says what it ended"
gone "$a" && ok "that sandbox's jailrun is gone" || not_ok "that sandbox's jailrun is gone"
[ ! -e "$rec/$a" ] && ok "its record is gone" || not_ok "its record is gone"
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
start sleep 103
a=$jp
start sleep 104
b=$jp
jr --shutdown=sleep
is "$rc" 125 "an ambiguous name: refused, exit 125"
like "$out" "2 sandboxes are named 'sleep': give a PID" "and says why"
kill -0 "$a" 2>/dev/null && kill -0 "$b" 2>/dev/null &&
	ok "both still run" || not_ok "both still run"

# A crashed jailrun leaves a stale record: the next --list removes it.
kill -9 "$a"
wait "$a" 2>/dev/null
jr --list
if printf '%s\n' "$out" | grep -q "^$a "; then
	not_ok "a killed jailrun is not listed" "$out"
else
	ok "a killed jailrun is not listed"
fi
[ ! -e "$rec/$a" ] && ok "its stale record was removed" ||
	not_ok "its stale record was removed"
pkill -f '^sleep 103$'
jr --shutdown="$b"

jr --shutdown=nosuch
is "$rc" 125 "--shutdown of an unknown name: exit 125"
like "$out" "no running sandbox 'nosuch'" "and says so"
run env -u XDG_RUNTIME_DIR "$JAILRUN" --list
is "$rc" 125 "--list without XDG_RUNTIME_DIR: exit 125"
like "$out" "XDG_RUNTIME_DIR is not set" "and says why"
run env -u XDG_RUNTIME_DIR "$JAILRUN" --noprofile true
is "$rc" 0 "a sandbox runs without XDG_RUNTIME_DIR (the record is optional)"

done_testing
