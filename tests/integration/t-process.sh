#!/bin/sh
# The target's process: environment, working directory, host name,
# resource limits, timeout, die-with-parent, new session.  For each key
# the program sees the effect, and does not without it.
. "$top_srcdir/tests/integration/lib.sh"

# Environment: clear, then unset, then set.
run env FOO=outside "$JAILRUN" --noprofile sh -c 'echo "${FOO-unset}"'
is "$out" outside "without env keys the caller's variable reaches the target"
jr --noprofile --env.set=FOO=bar sh -c 'echo "$FOO"'
is "$out" bar "env.set=FOO=bar"
jr --noprofile "--env.set=FOO=a=b, c" sh -c 'echo "$FOO"'
is "$out" "a=b, c" "env.set keeps '=' and ',' in the value"
run env FOO=x BAR=y "$JAILRUN" --noprofile --env.unset=FOO,BAR sh -c 'echo "${FOO-unset} ${BAR-unset}"'
is "$out" "unset unset" "env.unset=FOO,BAR"
run env FOO=x LC_TIME=C "$JAILRUN" --noprofile --env.clear sh -c \
	'echo "${FOO-unset} ${PATH:+path} ${HOME:+home} ${LC_TIME-unset}"'
is "$out" "unset path home C" "env.clear keeps PATH, HOME, LC_*, drops the rest"
run env FOO=x "$JAILRUN" --noprofile --env.clear --env.set=FOO=again sh -c 'echo "$FOO"'
is "$out" again "env.clear, then env.set"
jr --noprofile --env.set=1FOO=x true
is "$rc" 125 "env.set with a bad name: exit 125"
like "$out" "'1FOO=x'|'1FOO' is not a variable name" "and says why"
jr --noprofile --env.set=FOO true
like "$out" "expected NAME=VALUE" "env.set without '=': said"

# Working directory.
jr --noprofile --chdir=/usr pwd
is "$out" /usr "chdir=/usr"
jr --noprofile pwd
[ "$out" = "$(pwd)" ] && ok "without chdir: the caller's directory" ||
	not_ok "without chdir: the caller's directory" "$out"
jr --noprofile --chdir="$TMPD/none" pwd
is "$rc" 125 "chdir to a missing directory: exit 125"
like "$out" "none: No such file or directory" "and says why"

# Host name, in the sandbox's own uts namespace.
jr --noprofile --hostname=sandbox hostname
is "$out" sandbox "hostname=sandbox"
[ "$(hostname)" != sandbox ] && ok "the host's own name is untouched" ||
	not_ok "the host's own name is untouched"
jr --noprofile hostname
is "$out" "$(hostname)" "without hostname: the host's name"
jr --noprofile --hostname=x --namespaces=!uts true
is "$rc" 125 "hostname without the uts namespace: refused"
jr --noprofile --hostname='bad name' true
is "$rc" 125 "a bad host name: refused"

# Resource limits: the values the target reads, and one effect each.
jr --noprofile --rlimit.nofile=64 --rlimit.fsize=1M --rlimit.cpu=7 \
	--rlimit.as=2G sh -c 'ulimit -n; ulimit -f; ulimit -t; ulimit -v'
is "$(echo $out)" "64 2048 7 2097152" "rlimit.nofile, .fsize, .cpu, .as as ulimit shows them"
jr --noprofile sh -c 'ulimit -n'
[ "$out" != 64 ] && ok "without rlimit.nofile: not 64 ($out)" ||
	not_ok "without rlimit.nofile: not 64"
jr --noprofile --rlimit.nproc=77 /usr/bin/python3 -c \
	'import resource; print(resource.getrlimit(resource.RLIMIT_NPROC))'
is "$out" "(77, 77)" "rlimit.nproc=77"
jr --noprofile --rlimit.nofile=16 /usr/bin/python3 -c '
fs = []
try:
    for i in range(64): fs.append(open("/dev/null"))
except OSError as e: print("EMFILE after", len(fs), e.errno)'
like "$out" "^EMFILE after 1[0-9] 24$" "rlimit.nofile=16: opening the 17th file fails EMFILE"
jr --noprofile --rlimit.fsize=4K sh -c "head -c 16384 /dev/zero > '$TMPD/big'"
is "$rc" 153 "rlimit.fsize=4K: writing 16 KiB ends with SIGXFSZ (128+25)"
[ "$(wc -c <"$TMPD/big")" = 4096 ] && ok "and the file stopped at 4 KiB" ||
	not_ok "and the file stopped at 4 KiB" "$(wc -c <"$TMPD/big")"
hard=$(sh -c 'ulimit -Hn')
if [ "$hard" != unlimited ] && ! is_root; then
	jr --noprofile --rlimit.nofile=$((hard + 1)) true
	is "$rc" 125 "raising a limit above the hard limit: refused, exit 125"
else
	skip_always "root may raise the hard limit"
fi
jr --noprofile --rlimit.as=lots true
like "$out" "expected a number" "a bad limit: said"

# Timeout: SIGTERM, then SIGKILL; exit 124 as timeout(1).
jr --noprofile --timeout=1 sleep 100
is "$rc" 124 "timeout=1: sleep 100 ends, exit 124"
like "$out" "timeout: sending SIGTERM" "timeout says what it does"
jr --noprofile --timeout=1 sh -c 'trap "" TERM; sleep 100 & wait; sleep 100'
is "$rc" 124 "a target that ignores SIGTERM ends too (SIGKILL after the grace)"
like "$out" "SIGKILL" "and that is said"
jr --noprofile --timeout=1 --namespaces=!pid sh -c 'trap "" TERM; sleep 100; sleep 100'
is "$rc" 124 "without a pid namespace too"
jr --noprofile --timeout=30 sh -c 'exit 3'
is "$rc" 3 "a target that ends in time: its own status"
jr --noprofile --timeout=0 true
is "$rc" 125 "timeout=0: refused"

# The sandbox always ends with jailrun (its supervisor); die-with-parent
# ends jailrun, and so the sandbox, with the program that ran jailrun.
# dwp OPTION WHOM: start a sandboxed sleep under a parent sh, kill -9
# WHOM (jailrun, or its parent), count the sleeps left
dwp() {
	marker="sleep 1234.$$"
	sh -c '"$1" --noprofile $2 sh -c "exec $3" >/dev/null 2>&1 &
		echo $! >"$4"; wait' sh "$JAILRUN" "$1" "$marker" "$TMPD/jp" &
	parent=$!
	wait_for 10 pgrep -f "^$marker" >/dev/null
	if [ "$2" = jailrun ]; then kill -9 "$(cat "$TMPD/jp")"; else kill -9 $parent; fi
	wait $parent 2>/dev/null
	i=0
	while pgrep -f "^$marker" >/dev/null && [ $i -lt 30 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pgrep -fc "^$marker"
	pkill -f "^$marker"
	kill "$(cat "$TMPD/jp")" 2>/dev/null
}
is "$(dwp "" jailrun)" 0 "kill -9 jailrun: the sandbox is gone with it"
is "$(dwp "" parent)" 1 "without die-with-parent: the sandbox outlives jailrun's killed parent"
is "$(dwp --die-with-parent parent)" 0 "die-with-parent: kill -9 jailrun's parent, the sandbox is gone"

# new-session: no controlling terminal (script(1) gives one to test).
if command -v script >/dev/null 2>&1; then
	probe='if (exec </dev/tty) 2>/dev/null; then echo tty; else echo notty; fi'
	out=$(script -qec "$JAILRUN --noprofile sh -c '$probe'" /dev/null \
		</dev/null | tr -d '\r')
	is "$out" tty "without new-session: the terminal is the controlling one"
	out=$(script -qec "$JAILRUN --noprofile --new-session sh -c '$probe'" \
		/dev/null </dev/null | tr -d '\r')
	is "$out" notty "new-session: no controlling terminal"
else
	skip "script(1) is not installed"
	skip "script(1) is not installed"
fi

done_testing
