#!/bin/sh
# Exit status: the target's; 128+N for signal N; 125 jailrun error; 126
# not executable; 127 not found (env(1) and timeout(1)).
. "$top_srcdir/tests/integration/lib.sh"

for code in 0 1 3 42 124 200; do
	run "$JAILRUN" --noprofile sh -c "exit $code"
	is "$rc" "$code" "target exits $code: jailrun exits $code"
done
run "$JAILRUN" --noprofile sh -c 'kill -TERM $$'
is "$rc" 143 "target killed by SIGTERM: 143"
run "$JAILRUN" --noprofile sh -c 'kill -KILL $$'
is "$rc" 137 "target killed by SIGKILL: 137"
run "$JAILRUN" --noprofile --seccomp.drop=mkdir --seccomp.action=kill "$TRY" mkdir "$TMPD/x"
is "$rc" 159 "target killed by the filter: 159 (SIGSYS)"

run "$JAILRUN" --noprofile no-such-program-jr
is "$rc" 127 "unknown program: 127"
is "$out" "jailrun: no-such-program-jr: command not found" "unknown program: one clear line"
run "$JAILRUN" --noprofile "$TMPD/missing/prog"
is "$rc" 127 "missing path: 127"
printf '#!/bin/sh\necho hi\n' > "$TMPD/noexec"
chmod 644 "$TMPD/noexec"
run "$JAILRUN" --noprofile "$TMPD/noexec"
is "$rc" 126 "not executable: 126"
like "$out" "Permission denied" "not executable: says why"
printf 'garbage\n' > "$TMPD/badfmt"
chmod 755 "$TMPD/badfmt"
run "$JAILRUN" --noprofile "$TMPD/badfmt"
is "$rc" 126 "executable bit but not a program: 126"
like "$out" "cannot execute: Exec format error" "exec failure reported by name"
run "$JAILRUN" --no-such-option true
is "$rc" 125 "bad option: 125"
run "$JAILRUN" --noprofile
is "$rc" 125 "no program: 125"

# no zombies, no leftovers: a background child of the target is gone
# when the target exits (the init's pid namespace ends with it)
marker="31.$$"
run "$JAILRUN" --noprofile sh -c "sleep $marker >/dev/null 2>&1 & sleep 0.1; kill -0 \$! && echo started"
is "$out" started "target starts a background child, still alive when the target exits"
sleep 0.2
if pgrep -f "sleep $marker" >/dev/null; then
	not_ok "the background child is gone with the sandbox" "$(pgrep -af "sleep $marker")"
	pkill -f "sleep $marker"
else
	ok "the background child is gone with the sandbox"
fi
run "$JAILRUN" --noprofile --namespaces=!pid sh -c "sleep $marker >/dev/null 2>&1 & echo started"
sleep 0.2
if pgrep -f "sleep $marker" >/dev/null; then
	ok "control: without a pid namespace the same child outlives the target"
	pkill -f "sleep $marker"
else
	not_ok "control: without a pid namespace the same child outlives the target"
fi
# The init tells the supervisor the target's status on a pipe, and
# jailrun ends on it (as bwrap's parent does: the namespaces' teardown
# is not waited for).  An init that dies without telling is waited for:
# killed from outside, jailrun ends 137 and nothing of it is left.
marker="33.$$"
"$JAILRUN" --noprofile sleep "$marker" &
jpid=$!
if wait_for 10 pgrep -f "^sleep $marker" >/dev/null &&
	init=$(pgrep -P "$jpid" | head -1) && [ -n "$init" ]; then
	kill -KILL "$init"
	wait "$jpid"
	is "$?" 137 "the init killed before it reports: jailrun waits for its end, 137"
	if wait_for 5 sh -c "! pgrep -f '^sleep $marker' >/dev/null"; then
		ok "the init killed: its target is gone too"
	else
		not_ok "the init killed: its target is gone too" "$(pgrep -af "sleep $marker")"
	fi
else
	not_ok "the init killed before it reports: jailrun waits for its end, 137" "no sandbox found"
	not_ok "the init killed: its target is gone too"
	kill "$jpid" 2>/dev/null
	wait "$jpid"
fi
done_testing
