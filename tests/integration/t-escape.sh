#!/bin/sh
# The escape suite: each attack in tests/escape/ is run twice -- in the
# same sandbox without the rule, where it must work (so the test can
# fail), and under the rule that should stop it, where it must fail with
# the distinctive errno the rule gives (EHWPOISON: never confused with an
# EPERM the kernel gives an unprivileged user anyway).  Exec, other-ABI
# and socket-family attacks live in t-delayed, t-abi and t-protocol;
# privileges in t-caps.
. "$top_srcdir/tests/integration/lib.sh"

esc="$top_builddir/tests/escape"
poison="--seccomp.action=errno:EHWPOISON"

# attack DESCRIPTION RULE WANT PROGRAM ARGS...: without RULE the program
# prints OK; with it, WANT.  An unprivileged user may lack the privilege
# for the attack itself (EPERM without the rule): that control is skipped
# and the rule's distinctive errno still shows the filter refused first.
attack() {
	desc=$1 rule=$2 want=$3
	shift 3
	jr --noprofile "$@"
	if [ "$out" = OK ]; then
		ok "$desc: works without $rule"
	elif [ "$out" = EPERM ] && ! is_root; then
		skip_always "$desc: needs privilege this user lacks anyway"
	else
		not_ok "$desc: works without $rule" "$out"
	fi
	jr --noprofile $rule $poison "$@"
	is "$out" "$want" "$desc: fails $want under $rule"
}

# Kernel attack surface: seccomp = yes (@default-deny).
attack "io_uring_setup (submissions bypass every syscall rule)" \
	--seccomp ENOSYS "$esc/io-uring"
attack "ptrace a sibling" --seccomp EHWPOISON "$esc/ptrace-sibling" attach
attack "process_vm_writev into a sibling" --seccomp EHWPOISON \
	"$esc/ptrace-sibling" vm-write
for sc in personality userfaultfd bpf perf_event_open kexec_load \
	init_module keyctl open_by_handle_at mount; do
	jr --noprofile $poison --seccomp "$TRY" call $sc
	is "$out" EHWPOISON "seccomp = yes: $sc denied"
done

# The same, in an allow-list that keeps the call: seccomp = yes still
# refuses it (a drop beats a keep).
jr --noprofile $poison --seccomp --seccomp.keep=@start,@stdio,@proc,@debug \
	"$esc/ptrace-sibling" attach
is "$out" EHWPOISON "ptrace kept by seccomp.keep: seccomp = yes still denies"

# Namespaces: restrict-namespaces = yes.
for how in unshare clone setns; do
	attack "a namespace by $how" --restrict-namespaces EHWPOISON \
		"$esc/new-ns" $how
done
attack "clone3 with CLONE_NEWUSER (flags in memory: ENOSYS, libc falls back)" \
	--restrict-namespaces ENOSYS "$esc/new-ns" clone3
jr --noprofile --restrict-namespaces $poison sh -c 'echo child' 
is "$out" child "restrict-namespaces: plain fork and exec still work"
jr --noprofile --restrict-namespaces $poison \
	--seccomp.keep=@start,@stdio,@proc,@thread,unshare "$esc/new-ns" unshare
is "$out" EHWPOISON "restrict-namespaces in an allow-list that keeps unshare"

# Code injection: memory-deny-write-execute = yes.
attack "JIT: a writable and executable mapping" \
	--memory-deny-write-execute EHWPOISON "$esc/jit" rwx
attack "JIT: write, then mprotect executable" \
	--memory-deny-write-execute EHWPOISON "$esc/jit" flip
jr --noprofile --memory-deny-write-execute $poison /usr/bin/python3 -c 'print("still runs")'
is "$out" "still runs" "memory-deny-write-execute: an ordinary program runs"

# Terminal injection into the calling terminal: refused by every filter
# jailrun builds, whatever it was built for (a delayed exec drop alone
# once left it open); with no filter at all the target must hold no
# controlling terminal of the caller's.  Needs a terminal; script(1)
# gives the sandbox one.  The kernel itself can only say OK (or EIO/EPERM
# where dev.tty.legacy_tiocsti is off) on the terminal and ENOTTY on a
# pipe: the filter's EHWPOISON, or EPERM on a pipe, is the filter's.
if command -v script >/dev/null 2>&1; then
	tty_try() { # tty_try MODE CMD...: the last answer CMD printed
		_pre=
		[ "$1" = nouserns ] && _pre=$NOUSERNS
		shift
		script -qec "$_pre $*" /dev/null </dev/null 2>&1 | tr -d '\r' |
			grep -oE '(OK|E[A-Z0-9]+)$' | tail -1
	}
	r=$(tty_try bare "$esc/tty-inject" tiocsti)
	case $r in
	OK) ok "control: TIOCSTI works on a terminal, bare" ;;
	EIO | EPERM) skip_always "TIOCSTI is off in this kernel ($r): legacy_tiocsti" ;;
	*) not_ok "control: TIOCSTI works on a terminal, bare" "$r" ;;
	esac
	r=$(tty_try bare "$esc/tty-inject" tiocsti allhi notty)
	is "$r" ENOTTY "control: on a pipe the kernel answers ENOTTY"
	for mode in $userns_modes; do
		for rule in --seccomp --seccomp.drop=execve,execveat \
			--seccomp.drop=mkdir --restrict-namespaces \
			"--protocol=unix --no-report"; do
			for how in "tiocsti" "tiocsti hi" "tiocsti allhi" \
				"tioclinux" "tioclinux allhi" "tiocsti notty"; do
				r=$(tty_try $mode "$JAILRUN" --noprofile $rule \
					$poison "$esc/tty-inject" $how)
				is "$r" EHWPOISON "$mode: $rule: ioctl $how refused"
			done
		done
		for rule in --seccomp.action=log --learn=$TMPD/learned.profile; do
			r=$(tty_try $mode "$JAILRUN" --noprofile \
				--seccomp.drop=mkdir $rule "$esc/tty-inject" \
				tiocsti allhi notty)
			is "$r" EPERM "$mode: permissive $rule: TIOCSTI still refused"
		done
		r=$(tty_try $mode "$JAILRUN" --noprofile --seccomp $poison \
			--seccomp.keep=@start,@stdio,@tty "$esc/tty-inject" tiocsti allhi)
		is "$r" EHWPOISON "$mode: an allow-list with @tty: TIOCSTI|high bits refused"
		r=$(tty_try $mode "$JAILRUN" --noprofile \
			--seccomp.drop=execve,execveat $poison "$TRY" call ioctl)
		is "$r" EBADF "$mode: other ioctls still reach the kernel"
		r=$(tty_try $mode "$JAILRUN" --noprofile --seccomp "$TRY" read /dev/tty)
		is "$r" OK "$mode: control: the terminal is the controlling one under a filter"
		# no rule at all (no profile; seccomp = no): the floor filter
		# refuses it, the terminal stays the controlling one
		for rule in "" --seccomp=no; do
			r=$(tty_try $mode "$JAILRUN" --noprofile $rule $poison \
				"$esc/tty-inject" tiocsti allhi)
			is "$r" EHWPOISON "$mode: no rule ${rule:+($rule) }: the floor refuses TIOCSTI|high bits"
		done
		r=$(tty_try $mode "$JAILRUN" --noprofile "$TRY" read /dev/tty)
		is "$r" OK "$mode: no rule: the terminal is still the controlling one"
		r=$(tty_try $mode "$JAILRUN" --noprofile --new-session \
			"$TRY" read /dev/tty)
		is "$r" ENXIO "$mode: --new-session: no controlling terminal either"
	done
else
	skip "script(1) is not installed"
fi

# Environment: jailrun's own variables are gone in the target, with and
# without the shim; the caller's LD_LIBRARY_PATH cannot swap the shim
# (it is preloaded by absolute path) and exec stays refused.
run env JAILRUN_PROFILE_PATH=/x JAILRUN_SECRET=1 /usr/bin/env
like "$out" "JAILRUN_SECRET=1" "control: the variables are set"
for drop in "" "--seccomp.drop=execve"; do
	run env JAILRUN_PROFILE_PATH="$JAILRUN_PROFILE_PATH" JAILRUN_SECRET=1 \
		"$JAILRUN" --noprofile $drop /usr/bin/env
	n=$(printf '%s\n' "$out" | grep -c '^JAILRUN_')
	is "$n" 0 "no JAILRUN_ variable reaches the target ${drop:-(no shim)}"
done
mkdir -p "$TMPD/fakelib"
: >"$TMPD/fakelib/libjailrun-postexec.so"
run env LD_LIBRARY_PATH="$TMPD/fakelib" "$JAILRUN" --noprofile \
	--seccomp.drop=execve,execveat $poison sh -c '/bin/true; echo "exit $?"'
like "$out" "Memory page has hardware error" \
	"LD_LIBRARY_PATH with a fake shim: exec still refused"

# A set-user-id program inside gains nothing (no_new_privs).
if is_root && command -v setpriv >/dev/null 2>&1; then
	cp "$(command -v id)" "$TMPD/suid-id"
	chown root "$TMPD/suid-id" && chmod 4755 "$TMPD/suid-id"
	chmod 755 "$TMPD"
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$TMPD/suid-id" -u 2>&1)
	is "$out" 0 "control: the set-uid copy of id runs as root for nobody"
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		env -i PATH=/usr/bin:/bin "$JAILRUN" --noprofile \
		"$TMPD/suid-id" -u 2>&1)
	is "$out" 65534 "inside jailrun it does not gain root"
else
	skip_always "set-uid test needs root to make the program"
	skip_always "set-uid test needs root to make the program"
fi

done_testing
