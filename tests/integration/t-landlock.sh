#!/bin/sh
# Landlock: landlock.read, landlock.write, landlock.exec (with the base
# grants of landlock-base.inc), landlock.net.bind/connect, landlock.scope,
# --debug's rule listing, path variables.  For each key the program can
# do what is allowed, gets EACCES on what is not, and the same program
# without the key can.  Attacks on these rules are in t-fsescape.sh.
. "$top_srcdir/tests/integration/lib.sh"

HOME="$TMPD/home"
export HOME
unset XDG_RUNTIME_DIR XDG_DOWNLOAD_DIR XDG_CACHE_HOME
A="$TMPD/allowed"
S="$TMPD/secret"
mkdir -p "$HOME/.ssh" "$A/sub" "$S"
echo key >"$HOME/.ssh/id_test"
echo data >"$A/f"
echo secret >"$S/f"
cp /bin/true "$A/mytrue"
cp /bin/true "$S/mytrue"
BASE="--profile=landlock-base.inc"

# try LABEL WANT OPTIONS... -- jr-try ARGS: jr-try under OPTIONS prints WANT
try() {
	_label=$1 _want=$2
	shift 2
	jr "$@"
	is "$out" "$_want" "$_label"
}

abi=$(landlock_abi)
if [ -z "$abi" ]; then
	skip "this kernel has no Landlock"
	done_testing
	exit
fi
diag "Landlock ABI $abi"

# ---- landlock.read -------------------------------------------------------
try "without landlock.*: a file outside any rule is readable" OK \
	--noprofile "$TRY" read "$S/f"
try "landlock.read=A: a file in A is readable" OK \
	$BASE "--landlock.read=$A" "$TRY" read "$A/f"
try "landlock.read=A: a file outside it is not (EACCES)" EACCES \
	$BASE "--landlock.read=$A" "$TRY" read "$S/f"
try "landlock.read=A: a directory outside it cannot be listed" EACCES \
	$BASE "--landlock.read=$A" "$TRY" opendir "$S"
try "landlock.read=A: A's subdirectory can be listed" OK \
	$BASE "--landlock.read=$A" "$TRY" opendir "$A/sub"
try "landlock.read=A: ~/.ssh/id_test is not readable" EACCES \
	$BASE "--landlock.read=$A" "$TRY" read "$HOME/.ssh/id_test"
try "landlock.read=~/.ssh: ~ expands, the key is readable" OK \
	$BASE "--landlock.read=~/.ssh" "$TRY" read "$HOME/.ssh/id_test"
try "landlock.read=\${HOME}/.ssh: \${HOME} expands" OK \
	$BASE "--landlock.read=\${HOME}/.ssh" "$TRY" read "$HOME/.ssh/id_test"
try "landlock.read=A: writing in A is refused (EACCES)" EACCES \
	$BASE "--landlock.read=$A" "$TRY" write "$A/f"

# ---- landlock.write ------------------------------------------------------
try "without landlock.*: a file can be created outside" OK \
	--noprofile "$TRY" create "$S/new1"
try "landlock.write=A: a file can be created in A" OK \
	$BASE "--landlock.write=$A" "$TRY" create "$A/new"
try "landlock.write=A: and written to" OK \
	$BASE "--landlock.write=$A" "$TRY" write "$A/f"
try "landlock.write=A: and read (write implies read)" OK \
	$BASE "--landlock.write=$A" "$TRY" read "$A/f"
try "landlock.write=A: no file can be created outside (EACCES)" EACCES \
	$BASE "--landlock.write=$A" "$TRY" create "$S/new2"
try "landlock.write=A, landlock.read=S: S is read-only" EACCES \
	$BASE "--landlock.write=$A" "--landlock.read=$S" "$TRY" write "$S/f"
if [ "$abi" -ge 3 ]; then
	try "landlock.write=A: a file outside cannot be truncated (ABI 3)" \
		EACCES $BASE "--landlock.write=$A" "--landlock.read=$S" \
		"$TRY" truncate "$S/f"
	try "landlock.write=A: a file in A can be truncated" OK \
		$BASE "--landlock.write=$A" "$TRY" truncate "$A/new"
else
	skip_always "Landlock ABI $abi cannot restrict truncate"
	skip_always "Landlock ABI $abi cannot restrict truncate"
fi
is "$(cat "$S/f")" secret "the secret outside is untouched"
[ ! -e "$S/new2" ] && ok "and nothing was created beside it" ||
	not_ok "and nothing was created beside it"
jr $BASE "--landlock.write=$A" sh -c "mkdir '$A/d' && rmdir '$A/d' && echo fine"
is "$out" fine "landlock.write=A: directories made and removed in A"
jr $BASE "--landlock.write=$A" sh -c "rm '$S/f'"
is "$rc" 1 "landlock.write=A: a file outside cannot be removed"
[ -e "$S/f" ] && ok "... it is still there" || not_ok "... it is still there"

# ---- landlock.exec -------------------------------------------------------
jr --noprofile "$TRY" exec "$S/mytrue"
is "$rc/$out" "0/" "without landlock.*: a program outside can be run"
jr $BASE "--landlock.exec=$A" "$TRY" exec "$A/mytrue"
is "$rc/$out" "0/" "landlock.exec=A: a program in A can be run"
try "landlock.read=A: without exec, a program in A cannot be run (EACCES)" \
	EACCES $BASE "--landlock.read=$A" "$TRY" exec "$A/mytrue"
try "landlock.exec=A: a program outside A and the base cannot" EACCES \
	$BASE "--landlock.exec=$A" "--landlock.read=$S" "$TRY" exec "$S/mytrue"
jr $BASE "--landlock.read=$A" "$S/mytrue"
is "$rc" 0 "the target itself is always executable"
# its ELF interpreter runs, as the target does (confine.c), but the
# libraries it loads are not readable
jr "--landlock.read=$A" /bin/true
is "$rc" 127 "without the base grants a dynamic program cannot start"
like "$out" "libc\.so\.6: cannot open shared object file" \
	"... and the loader says which library it could not open"

# ---- missing paths, --debug ----------------------------------------------
jr $BASE "--landlock.read=$A,$TMPD/missing" "$TRY" read "$A/f"
is "$out" OK "a rule for a missing path is skipped, the others hold"
jr $BASE --debug "--landlock.write=$A" "--landlock.read=~/.ssh" true
like "$out" "landlock: read,write +$A += [a-z_,]*write_file[a-z_,]* +\(--landlock.write\)" \
	"--debug: the write rule with its Landlock rights and origin"
like "$out" "landlock: read +$HOME/.ssh += read_file,read_dir +\(--landlock.read\)" \
	"--debug: the read rule, ~ expanded"
like "$out" "landlock: read,exec +/usr/lib += execute,read_file,read_dir +\(.*landlock-base.inc:[0-9]+\)" \
	"--debug: the base grants, with file and line"
like "$out" "landlock: ABI $abi, handled: execute,write_file," \
	"--debug: the ABI and what is handled"
jr --noprofile "--landlock.read=\${NOPE}/x" true
is "$rc" 125 "an unknown variable: exit 125"
like "$out" "^jailrun: --landlock.read: unknown variable \\$\\{NOPE\\}" \
	"... naming the option and the variable"

# ---- --report: a refusal named like a seccomp one ------------------------
# with the profile line that made the rule set, and the line to add
# (the listener rides on a syscall filter: seccomp = yes)
printf 'seccomp = yes\nlandlock.read = %s\ninclude = landlock-base.inc\n' \
	"$A" >"$TMPD/llrep.profile"
try "a report profile: without --report the refusal is silent (EACCES)" \
	EACCES --profile="$TMPD/llrep.profile" "$TRY" read "$S/f"
jr --profile="$TMPD/llrep.profile" --report "$TRY" read "$S/f"
like "$out" "^EACCES$" "--report: the read outside is still refused (EACCES)"
like "$out" "^jailrun: blocked: jr-try\[[0-9]+\] openat\(\"$S/f\", O_RDONLY\|O_CLOEXEC\) = EACCES — not in landlock.read \(llrep.profile:2\); add to llrep.local: landlock.read = $S/f$" \
	"--report: named with the call, the key, its profile line and the fix"
jr --profile="$TMPD/llrep.profile" --report "$TRY" read "$A/f"
is "$out" OK "--report: a read the rules allow runs, and nothing is said"
ln -s "$A" "$TMPD/to-allowed"
jr --profile="$TMPD/llrep.profile" --report "$TRY" read "$TMPD/to-allowed/f"
is "$out" OK "--report: a read through a symlink into A runs, and nothing is said"
jr --profile="$TMPD/llrep.profile" --report "$TRY" create "$S/new3"
like "$out" "^EACCES$" "--report: a file created outside is refused (EACCES)"
like "$out" "^jailrun: blocked: jr-try\[[0-9]+\] openat\(\"$S/new3\", O_WRONLY\|O_CREAT\|O_EXCL\|O_CLOEXEC\) = EACCES — not in landlock.write \(landlock-base.inc:[0-9]+\); add to llrep.local: landlock.write = $S$" \
	"--report: a new name: landlock.write on its directory, its first line named"
jr --profile="$TMPD/llrep.profile" --report "$TRY" mkdir "$S/d"
like "$out" "^jailrun: blocked: jr-try\[[0-9]+\] mkdir\(\"$S/d\", \.\.\.\) = EACCES — not in landlock.write" \
	"--report: mkdir is named with its path"
jr --profile="$TMPD/llrep.profile" --report "$TRY" exec "$S/mytrue"
like "$out" "^jailrun: blocked: jr-try\[[0-9]+\] execve\(\"$S/mytrue\", \.\.\.\) = EACCES — not in landlock.exec \(landlock-base.inc:[0-9]+\); add to llrep.local: landlock.exec = $S/mytrue$" \
	"--report: an exec outside is named with landlock.exec"
# the line it says to add, added to llrep.local, lets the read through
mkdir -p "$XDG_CONFIG_HOME/jailrun"
jr --profile="$TMPD/llrep.profile" --report "$TRY" read "$S/f"
printf '%s\n' "$out" | sed -n 's/^jailrun: blocked: .*; add to llrep.local: //p' \
	>"$XDG_CONFIG_HOME/jailrun/llrep.local"
jr --profile="$TMPD/llrep.profile" --report "$TRY" read "$S/f"
is "$out" OK "--report: the line it names, added to NAME.local, allows the read"
rm -f "$XDG_CONFIG_HOME/jailrun/llrep.local"
jr --noprofile --seccomp=yes --report "--landlock.read=$A" \
	--landlock.exec=/usr,/lib,/lib64 "$TRY" read "$S/f"
like "$out" "^EACCES$" "--report, rules on the command line: EACCES"
like "$out" "^jailrun: blocked: jr-try\[[0-9]+\] openat\(\"$S/f\", O_RDONLY\|O_CLOEXEC\) = EACCES — not in landlock.read \(--landlock.read\); add --landlock.read=$S/f$" \
	"--report, no profile: the option is named, and the option to add"

# ---- landlock.net --------------------------------------------------------
port=$(free_port)
if [ "$abi" -ge 4 ]; then
	try "without landlock.net: connect to a closed port: ECONNREFUSED" \
		ECONNREFUSED --noprofile "$TRY" connect $port
	try "landlock.net.connect=443: connect to another port: EACCES" \
		EACCES --noprofile --landlock.net.connect=443 "$TRY" connect $port
	try "landlock.net.connect=$port: that port is allowed" ECONNREFUSED \
		--noprofile "--landlock.net.connect=443,$port" "$TRY" connect $port
	try "landlock.net.connect=none: no TCP connect at all" EACCES \
		--noprofile --landlock.net.connect=none "$TRY" connect $port
	try "without landlock.net: bind to a port works" OK \
		--noprofile "$TRY" bind $port
	try "landlock.net.bind=443: bind to another port: EACCES" EACCES \
		--noprofile --landlock.net.bind=443 "$TRY" bind $port
	try "landlock.net.bind=FIRST-LAST: a port in the range" OK \
		--noprofile "--landlock.net.bind=$((port - 1))-$((port + 1))" \
		"$TRY" bind $port
else
	skip_always_n 7 "Landlock ABI $abi has no TCP rules"
fi

# ---- landlock.require ----------------------------------------------------
jr $BASE --landlock.require "--landlock.read=$A" "$TRY" read "$A/f"
is "$out" OK "landlock.require: everything enforceable here runs"
if [ "$abi" -ge 6 ]; then
	jr --noprofile --landlock.require --landlock.scope=signal true
	is "$rc" 0 "landlock.require with a scope on ABI $abi runs"
else
	jr --noprofile --landlock.require --landlock.scope=signal true
	is "$rc" 125 "landlock.require refuses a scope this ABI lacks"
fi

done_testing
