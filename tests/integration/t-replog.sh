#!/bin/sh
# The report log: report = log names denied calls in
# $XDG_STATE_HOME/jailrun/NAME.log and not on stderr; report = yes with
# stderr not a terminal (a menu launch) names them on stderr and in the
# log; a terminal gets them on stderr only; --list shows the log; a log
# that cannot be opened stops report = log (125) and is said for yes.
. "$top_srcdir/tests/integration/lib.sh"

TRY="$top_builddir/tests/helpers/jr-try"
log="$XDG_STATE_HOME/jailrun/jr-try.log"
deny="--noprofile --seccomp.drop=mkdir"

# The call itself, bare: the rule is what refuses it below.
run "$TRY" call mkdir
like "$out" "^EFAULT$" "control: without the rule mkdir reaches the kernel (EFAULT: no path given)"

# report = log: the denial in the log, none of it on stderr
rm -rf "$XDG_STATE_HOME"
out=$("$JAILRUN" $deny --report=log "$TRY" call mkdir 2>"$TMPD/err")
like "$out" "^EPERM$" "report = log: the call is refused (EPERM)"
is "$(grep -c 'jailrun' "$TMPD/err")" 0 "report = log: nothing of it on stderr"
like "$(cat "$log" 2>&1)" \
	"^[0-9-]+T[0-9:]+Z \[[0-9]+\] jailrun: blocked: jr-try\[[0-9]+\] mkdir\(.*= EPERM .*--seccomp.drop" \
	"report = log: the log names the call, the errno and the rule"
like "$(cat "$log")" "summary: blocked 1 call: mkdir x1" \
	"report = log: and the summary"
is "$(stat -c %a "$log") $(stat -c %a "$XDG_STATE_HOME/jailrun")" "600 700" \
	"report = log: the log is 0600, its directory 0700"
is "$(stat -c %u "$log")" "$(id -u)" "report = log: the log is the user's"

# appended, one line per report: a second run adds its own
"$JAILRUN" $deny --report=log "$TRY" call mkdir >/dev/null 2>&1
is "$(grep -c 'blocked: jr-try' "$log")" 2 "report = log: a second run appends"

# report = yes, stderr not a terminal (a menu launch): stderr and the log
rm -rf "$XDG_STATE_HOME"
"$JAILRUN" $deny --report=yes "$TRY" call mkdir >/dev/null 2>"$TMPD/err"
like "$(cat "$TMPD/err")" "blocked: jr-try.*mkdir" \
	"report = yes, no terminal: on stderr"
like "$(cat "$log" 2>&1)" "blocked: jr-try.*mkdir" \
	"report = yes, no terminal: and in the log"
"$JAILRUN" $deny --report=yes "$TRY" call mkdir >/dev/null 2>/dev/null
is "$(grep -c 'blocked: jr-try' "$log")" 2 \
	"report = yes, stderr to /dev/null: the report is in the log"

# the name: name = NAME names the log
"$JAILRUN" $deny --report=log --name=menu-app "$TRY" call mkdir >/dev/null 2>&1
like "$(cat "$XDG_STATE_HOME/jailrun/menu-app.log" 2>&1)" "blocked: jr-try" \
	"name = NAME: the log is NAME.log"

# a terminal: stderr only (script gives the run a pty)
if command -v script >/dev/null; then
	rm -rf "$XDG_STATE_HOME"
	script -qec "'$JAILRUN' $deny --report=yes '$TRY' call mkdir" \
		/dev/null >"$TMPD/tty" 2>&1
	like "$(cat "$TMPD/tty")" "blocked: jr-try.*mkdir" \
		"report = yes, a terminal: on it"
	[ -e "$log" ] && not_ok "report = yes, a terminal: no log" "$(cat "$log")" ||
		ok "report = yes, a terminal: no log"
else
	skip_n 2 "script (util-linux) is not installed"
fi

# no report, no log
rm -rf "$XDG_STATE_HOME"
"$JAILRUN" $deny --report=no "$TRY" call mkdir >/dev/null 2>&1
[ -e "$log" ] && not_ok "report = no: no log" || ok "report = no: no log"

# --list shows where a sandbox's reports go
rm -rf "$XDG_STATE_HOME"
name="replog-$$"
"$JAILRUN" $deny --report=log --name="$name" sleep 30 >/dev/null 2>&1 &
bg=$!
_listed() { "$JAILRUN" --list 2>/dev/null | grep -q "^$bg "; }
wait_for 10 _listed
like "$("$JAILRUN" --list 2>/dev/null | grep "^$bg ")" \
	"^$bg +$name .* $XDG_STATE_HOME/jailrun/$name\.log$" "--list: the log of a sandbox"
kill $bg 2>/dev/null
wait $bg 2>/dev/null
"$JAILRUN" --noprofile sleep 30 >/dev/null 2>&1 &
bg=$!
wait_for 10 _listed
like "$("$JAILRUN" --list 2>/dev/null | grep "^$bg ")" " -$" \
	"--list: '-' for a sandbox without a log"
kill $bg 2>/dev/null
wait $bg 2>/dev/null

# a log that cannot be opened: 125 for report = log, said for yes
mkdir -p "$TMPD/ro"
touch "$TMPD/ro/jailrun"	# a file where the directory should be
XDG_STATE_HOME="$TMPD/ro" "$JAILRUN" $deny --report=log "$TRY" call mkdir \
	>"$TMPD/out" 2>"$TMPD/err"
is "$?" 125 "report = log, no log possible: exit 125"
like "$(cat "$TMPD/err")" "^jailrun: report = log: cannot open .*" \
	"report = log, no log possible: one line says why"
[ -s "$TMPD/out" ] && not_ok "report = log, no log possible: the target never ran" \
	"$(cat "$TMPD/out")" || ok "report = log, no log possible: the target never ran"
XDG_STATE_HOME="$TMPD/ro" "$JAILRUN" $deny --report=yes "$TRY" call mkdir \
	>"$TMPD/out" 2>"$TMPD/err"
like "$(cat "$TMPD/err")" "WARNING: reports are not logged" \
	"report = yes, no log possible: said"
like "$(cat "$TMPD/err")" "blocked: jr-try" "report = yes, no log possible: stderr still has them"

# a symlink planted as the log is not followed
rm -rf "$XDG_STATE_HOME"
mkdir -p "$XDG_STATE_HOME/jailrun"
echo keep >"$TMPD/victim"
ln -s "$TMPD/victim" "$log"
"$JAILRUN" $deny --report=log "$TRY" call mkdir >/dev/null 2>"$TMPD/err"
is "$?:$(cat "$TMPD/victim")" "125:keep" \
	"a symlink as the log: refused (125), its target untouched"

# a bad value
jr --report=often true
is "$rc:$out" "125:jailrun: --report: expected yes, no or log, not 'often'" \
	"report = often: one line, 125"

done_testing
