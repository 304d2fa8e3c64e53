#!/bin/sh
# Signals sent to jailrun reach the target; jailrun exits when it does.
. "$top_srcdir/tests/integration/lib.sh"

# start_waiting: jailrun running `jr-try wait-signal`, its pid in $jpid
start_waiting() {
	rm -f "$TMPD/out"
	"$JAILRUN" --noprofile "$@" "$TRY" wait-signal > "$TMPD/out" 2>&1 &
	jpid=$!
	i=0
	while ! grep -q ready "$TMPD/out" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

for sig in TERM INT HUP USR1; do
	start_waiting
	kill -$sig $jpid
	wait $jpid
	rc=$?
	is "$(tail -n 1 "$TMPD/out")" "$sig" "SIG$sig to jailrun reaches the target"
	is "$rc" 0 "the target handled SIG$sig and exited 0: so does jailrun"
done

start_waiting --namespaces=!pid
kill -TERM $jpid
wait $jpid
is "$(tail -n 1 "$TMPD/out")" TERM "without a pid namespace, SIGTERM is forwarded too"

# A target without handlers dies of the signal: 128+N.
marker="30.$$"
"$JAILRUN" --noprofile sleep "$marker" &
jpid=$!
i=0
while ! pgrep -f "sleep $marker" >/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if pgrep -f "sleep $marker" >/dev/null; then
	ok "the sandboxed sleep is running before the signal"
else
	not_ok "the sandboxed sleep is running before the signal"
fi
kill -TERM $jpid
wait $jpid
is "$?" 143 "sleep killed through jailrun by SIGTERM: 143"
if pgrep -f "sleep $marker" >/dev/null; then
	not_ok "no sleep left behind" "$(pgrep -af "sleep $marker")"
	pkill -f "sleep $marker"
else
	ok "no sleep left behind"
fi
done_testing
