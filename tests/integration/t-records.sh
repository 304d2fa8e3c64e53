#!/bin/sh
# The running-sandbox records against a sandbox (issue 17, items 3 and 8):
# a record is served by its supervisor and taken only when the kernel
# vouches that an unsandboxed jailrun of this user sent it.  Each attack
# runs from inside a sandbox (--noprofile and the default profile), in
# each of $userns_modes, next to a control: the same forger run outside
# any sandbox is believed, so the attack code works and what refuses it
# is the check.
. "$top_srcdir/tests/integration/lib.sh"

# the interpreter itself, not a wrapper (pyenv's shims) that others
# cannot read or that lingers as a shell
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
if [ -z "$PY" ]; then
	skip "python3 is not installed (the forger is a python script)"
	done_testing
	exit
fi
uid=$(id -u)
# names of this run only (other runs may be going on beside it)
tag=$(basename "$TMPD" | tr -cd 'A-Za-z0-9')
trap 'kill -9 $forgers 2>/dev/null; kill $bg_pids 2>/dev/null; rm -rf "$TMPD"' EXIT

# forger.py NAME FILE MARK [silent]: listen on @NAME and send each
# connection the content of FILE (the record the test forged), from a
# process whose child is `sleep MARK`; ignores SIGTERM, as a stubborn
# sandbox would.  silent: never answer.
cat >"$TMPD/forger.py" <<'EOF'
import os, signal, socket, subprocess, sys, time
name, path, mark = sys.argv[1:4]
signal.signal(signal.SIGTERM, signal.SIG_IGN)
child = subprocess.Popen(["sleep", mark])
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.bind("\0" + name)
s.listen(64)
if len(sys.argv) > 4:
    time.sleep(600)
while True:
    c, _ = s.accept()
    try:
        c.send(open(path, "rb").read())
    except OSError:
        pass
    c.close()
EOF
# reader.py PID: the record that sandbox PID's supervisor serves, raw
cat >"$TMPD/reader.py" <<'EOF'
import socket, sys
for l in open("/proc/net/unix"):
    f = l.split()
    if len(f) > 7 and f[7].startswith("@jailrun/%s/%s." % (sys.argv[2], sys.argv[1])):
        c = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        c.connect("\0" + f[7][1:])
        sys.stdout.write(c.recv(65536).decode())
        break
EOF

# pstart PID: its start time (field 22 of /proc/PID/stat)
pstart() { sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f20; }
# field KEY RECORD: a value of a record
field() { printf '%s\n' "$2" | sed -n "s/^$1=//p"; }
# forge FILE PID INIT NAME DIGEST: a record claiming supervisor PID, init
# INIT (start times from /proc), options none
forge() {
	printf 'jailrun-record 1\npid=%s\nstart=%s\ninit=%s\ninit_start=%s\nstarted=%s\ndigest=%s\nname=%s\nprofile=none\nargs=\\x1f\n' \
		"$2" "$(pstart "$2")" "$3" "$(pstart "$3")" "$(date +%s)" \
		"$5" "$4" >"$1"
}
# W CMD...: CMD as this mode runs it (nouserns: under the outer filter,
# as is $WR CMD in the background)
W() { if [ "$mode" = nouserns ]; then "$NOUSERNS" "$@"; else "$@"; fi; }
listed() { W "$JAILRUN" --list 2>/dev/null | grep -q "^$1 "; }
pidof_cmd() { _o=$(pgrep -u "$uid" -f "$1") && echo "$_o" | head -1; }
alive() { kill -0 "$1" 2>/dev/null; }
gone() { wait_for 10 sh -c "! kill -0 $1 2>/dev/null"; }
# bg CMD...: start CMD in the background, in $!, killed on exit
bg() { "$@" >/dev/null 2>&1 & bg_pids="$bg_pids $!"; }

n=0
# kill_all: the background processes, and the forgers (which ignore
# SIGTERM) with their children
kill_all() {
	kill -9 $forgers 2>/dev/null
	kill $bg_pids 2>/dev/null
	for _p in $bg_pids; do gone "$_p" || diag "$_p is still running"; done
	bg_pids=
	forgers=
}
# forger: the forger's pid in $fp and its child's in $cp (outer pids),
# after bg started it with MARK (this run's pid, so that a leftover of
# another run is never taken for it)
forger() {
	wait_for 10 pidof_cmd "^sleep $2\$" >/dev/null
	fp=$(pidof_cmd "^[^ ]*python3 [^ ]*forger.py $1 ")
	cp=$(pidof_cmd "^sleep $2\$")
	forgers="$forgers $fp $cp"
}
forgers=

for mode in $userns_modes; do
	m=$mode
	if [ "$mode" = nouserns ] && ! "$NOUSERNS" true 2>/dev/null; then
		skip_n 34 "$mode: jr-nouserns cannot load its filter here"
		continue
	fi
	WR=
	[ "$mode" = nouserns ] && WR=$NOUSERNS
	# An unrelated process of the user, and a genuine --noprofile
	# sandbox (for its digest) and a default-profile one.
	sleep 3000 &
	victim=$!
	bg_pids="$bg_pids $victim"
	bg $WR "$JAILRUN" --noprofile sleep 3100
	plain=$!
	bg $WR "$JAILRUN" --profile=default sleep 3101
	strict=$!
	wait_for 10 listed "$plain" && wait_for 10 listed "$strict" ||
		diag "$m: the genuine sandboxes are not listed"
	rec=$(W "$PY" "$TMPD/reader.py" "$plain" "$uid")
	digest=$(field digest "$rec")
	like "$digest" '^[0-9a-f]+$' "$m: a genuine record is served (digest $digest)"

	# ---- control: the forger outside any sandbox is believed ------
	n=$((n + 1))
	bg $WR "$PY" "$TMPD/forger.py" "jailrun/$uid/out$n$tag" "$TMPD/out$n" $$.1$n
	forger "jailrun/$uid/out$n$tag" $$.1$n
	forge "$TMPD/out$n" "$fp" "$cp" "outside$n-$$" "$digest"
	run W "$JAILRUN" --list
	like "$out" "^$fp +outside$n-$$ +none " \
		"$m: control: a record served outside any sandbox is listed"
	run W "$JAILRUN" --join="outside$n-$$" -- sh -c 'echo joined'
	like "$out" "^joined" "$m: control: --join follows its (weak) options"
	# its init names the unrelated sleep: refused (not its child)
	forge "$TMPD/out$n" "$fp" "$victim" "outside$n-$$" "$digest"
	run W "$JAILRUN" --shutdown="outside$n-$$"
	is "$rc" 125 "$m: even outside, an init that is not the supervisor's child: refused"
	like "$out" "not a child of its jailrun" "$m: and says why"
	alive "$victim" && ok "$m: the unrelated sleep lives" ||
		not_ok "$m: the unrelated sleep lives"
	forge "$TMPD/out$n" "$fp" "$cp" "outside$n-$$" "$digest"
	run W "$JAILRUN" --shutdown="outside$n-$$"
	is "$rc" 0 "$m: control: --shutdown of a believed record ends it"
	gone "$cp" && ok "$m: control: its init was killed (SIGKILL after 5 s)" ||
		not_ok "$m: control: its init was killed"

	# ---- a forger inside a sandbox -------------------------------
	for p in --noprofile --profile=default; do
		n=$((n + 1))
		bg $WR "$JAILRUN" $p "$PY" "$TMPD/forger.py" "jailrun/$uid/in$n$tag" \
			"$TMPD/in$n" $$.2$n
		forger "jailrun/$uid/in$n$tag" $$.2$n
		# its own child as init: only the sandbox check refuses
		forge "$TMPD/in$n" "$fp" "$cp" "inside$n" "$digest"
		run W "$JAILRUN" --debug --list
		if printf '%s\n' "$out" | grep -q "^$fp "; then
			not_ok "$m $p: a record served from a sandbox is not listed" "$out"
		else
			ok "$m $p: a record served from a sandbox is not listed"
		fi
		like "$out" "WARNING: refused [1-9][0-9]* record" "$m $p: and --list says it refused it (and any a parallel test runs nested)"
		like "$out" "claims pid $fp, name 'inside$n': (a sandboxed process|it runs inside sandbox)" \
			"$m $p: --debug says why"
		run W "$JAILRUN" --shutdown="inside$n"
		is "$rc" 125 "$m $p: --shutdown of the forged name: refused"
		alive "$cp" && ok "$m $p: its claimed init lives" ||
			not_ok "$m $p: its claimed init lives"
		run W "$JAILRUN" --join="inside$n" -- true
		is "$rc" 125 "$m $p: --join of the forged name: refused"
		# the unrelated sleep as init (the old attack)
		forge "$TMPD/in$n" "$fp" "$victim" "inside$n" "$digest"
		run W "$JAILRUN" --shutdown="inside$n"
		is "$rc" 125 "$m $p: a forged init = an unrelated sleep: refused"
		alive "$victim" && ok "$m $p: the unrelated sleep lives" ||
			not_ok "$m $p: the unrelated sleep lives"
		kill -9 "$fp" "$cp"
		gone "$fp"
	done

	# ---- squatting a running sandbox's name, weaker rules --------
	n=$((n + 1))
	bg $WR "$JAILRUN" --noprofile "$PY" "$TMPD/forger.py" \
		"jailrun/$uid/$strict" "$TMPD/sq$n" $$.3$n
	forger "jailrun/$uid/$strict" $$.3$n
	srec=$(W "$PY" "$TMPD/reader.py" "$strict" "$uid")
	forge "$TMPD/sq$n" "$strict" "$(field init "$srec")" sleep "$digest"
	run W "$JAILRUN" --list
	is "$(printf '%s\n' "$out" | grep -c "^$strict ")" 1 \
		"$m: a squatter of a sandbox's name: that sandbox is listed once"
	like "$out" "WARNING: refused [1-9][0-9]* record" "$m: and the squatter refused (with any a parallel test runs nested)"
	# io_uring_setup: denied by the default profile's deny-list, not by
	# --noprofile's floor
	want=$(W "$JAILRUN" --profile=default "$TRY" call io_uring_setup 2>/dev/null)
	weak=$(W "$JAILRUN" --join="$plain" -- "$TRY" call io_uring_setup 2>/dev/null)
	run W "$JAILRUN" --join="$strict" -- "$TRY" call io_uring_setup
	is "$out" "$want" "$m: --join gets the sandbox's own rules ($want), not the squatter's"
	[ "$want" != "$weak" ] && ok "$m: (which differ from --noprofile's: $weak)" ||
		not_ok "$m: (which differ from --noprofile's)" "$weak"
	kill -9 "$fp" "$cp"
	gone "$fp"

	# ---- a name with a newline forges nothing --------------------
	ln -sf /bin/sleep "$TMPD/a
pid=1"
	bg $WR "$JAILRUN" --noprofile "$TMPD/a
pid=1" 3500
	nl=$!
	wait_for 10 listed "$nl"
	run W "$JAILRUN" --list
	like "$out" "^$nl +a\\\\npid=1 +none " "$m: a newline in a name is listed escaped, on its line"
	if printf '%s\n' "$out" | grep -q '^pid=1'; then
		not_ok "$m: and forges no line" "$out"
	else
		ok "$m: and forges no line"
	fi
	run W "$JAILRUN" --shutdown="$nl"
	is "$rc" 0 "$m: --shutdown of it by pid"

	# ---- a squatter that never answers only delays --------------
	n=$((n + 1))
	bg $WR "$JAILRUN" --noprofile "$PY" "$TMPD/forger.py" \
		"jailrun/$uid/silent$n$tag" /nonexistent $$.4$n silent
	forger "jailrun/$uid/silent$n$tag" $$.4$n
	t0=$(date +%s)
	run W "$JAILRUN" --list
	t1=$(date +%s)
	like "$out" "^$plain +sleep " "$m: a silent squatter: --list still lists the sandboxes"
	[ $((t1 - t0)) -le 5 ] && ok "$m: within $((t1 - t0)) s" ||
		not_ok "$m: within 5 s" "$((t1 - t0)) s"

	kill_all
	alive "$victim" && not_ok "$m: the same user can kill the sleep" ||
		ok "$m: the same user can kill the sleep (kill)"
done

# ---- 70 sandboxes at once: all listed, the last one ended --------------
for mode in $userns_modes; do
	if [ "$mode" = nouserns ] && ! "$NOUSERNS" true 2>/dev/null; then
		skip_n 2 "$mode: jr-nouserns cannot load its filter here"
		continue
	fi
	WR=
	[ "$mode" = nouserns ] && WR=$NOUSERNS
	i=0
	mine=
	while [ $i -lt 70 ]; do
		bg $WR "$JAILRUN" --noprofile sleep 30
		mine="$mine $!"
		i=$((i + 1))
	done
	last=$!
	# how many of ours --list shows (others' sandboxes may run too)
	count() {
		found=0
		run W "$JAILRUN" --list
		for _p in $mine; do
			printf '%s\n' "$out" | grep -q "^$_p " && found=$((found + 1))
		done
		[ "$found" -ge 70 ]
	}
	wait_for 30 count
	is "$found" 70 "$mode: 70 sandboxes: --list shows all 70"
	run W "$JAILRUN" --shutdown="$last"
	is "$rc" 0 "$mode: --shutdown of the 70th works"
	kill_all
done

done_testing
