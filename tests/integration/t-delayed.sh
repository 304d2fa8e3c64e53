#!/bin/sh
# Delayed execve filters (DESIGN §3): seccomp.drop = execve, execveat is
# enforced for every target -- by the postexec shim for dynamic glibc
# programs, and by the supervisor's user notification for everything the
# shim cannot reach (static, static-pie, musl, file capabilities, and code
# that runs before the shim: .preinit_array, library constructors).
# Each attack is shown escaping without the rule, and blocked with it.
. "$top_srcdir/tests/integration/lib.sh"

esc="$top_srcdir/tests/escape"
CC=${CC:-cc}
DROP=--seccomp.drop=execve,execveat
chmod 755 "$TMPD"

# attack NAME CMD...: without the rule it escapes; with it, it does not
attack() {
	name=$1
	shift
	run "$JAILRUN" --noprofile "$@"
	like "$out" "ESCAPED|ran" "$name: runs a second program without the rule"
	run "$JAILRUN" --noprofile $DROP "$@"
	if printf '%s\n' "$out" | grep -Eq 'ESCAPED|^ran$'; then
		not_ok "$name: blocked with seccomp.drop=execve,execveat" "$out"
	else
		ok "$name: blocked with seccomp.drop=execve,execveat"
	fi
	blocked_out=$out
}
warned() { printf '%s\n' "$blocked_out" | grep -q 'WARNING: the postexec shim cannot apply'; }
expect_warning() {
	if warned; then ok "$1: the loud warning names it"; else not_ok "$1: the loud warning names it" "$blocked_out"; fi
}

# 1. dynamic: the shim
attack "dynamic sh" sh -c '/bin/true && echo ran'
if warned; then not_ok "dynamic sh: no warning (the shim applies)" "$blocked_out"; else ok "dynamic sh: no warning (the shim applies)"; fi
like "$blocked_out" "Operation not permitted" "dynamic sh: exec fails EPERM"

# 2. static busybox
if bb=$(command -v busybox) && ! "$top_builddir/tests/helpers/jr-elf" "$bb" | grep -q glibc; then
	attack "static busybox" "$bb" sh -c "$bb true && echo ran"
	expect_warning "static busybox"
	like "$blocked_out" "enforced by the jailrun supervisor" "static busybox: enforced by the supervisor"
else
	skip "a static busybox (busybox-static) is not installed"
	skip "a static busybox (busybox-static) is not installed"
	skip "a static busybox (busybox-static) is not installed"
	skip "a static busybox (busybox-static) is not installed"
fi

# 3. static C programs: execve, execveat, static-pie
if $CC -static -o "$TMPD/exec-static" "$esc/exec.c" 2>"$TMPD/cc.err" &&
	$CC -static-pie -fPIE -o "$TMPD/exec-spie" "$esc/exec.c" 2>>"$TMPD/cc.err" &&
	$CC -o "$TMPD/exec-dyn" "$esc/exec.c" 2>>"$TMPD/cc.err"; then
	attack "static execve" "$TMPD/exec-static" execve
	expect_warning "static execve"
	attack "static execveat" "$TMPD/exec-static" execveat
	expect_warning "static execveat"
	attack "static-pie execve" "$TMPD/exec-spie" execve
	expect_warning "static-pie execve"
	like "$blocked_out" "static-pie" "static-pie: named as such"
	attack "static fexecve of a memfd copy of /bin/sh" "$TMPD/exec-static" memfd
	attack "dynamic fexecve of a memfd copy of /bin/sh" "$TMPD/exec-dyn" memfd
	attack "static: the dynamic loader run directly" "$TMPD/exec-static" ldso
	attack "dynamic: the dynamic loader run directly" "$TMPD/exec-dyn" ldso
	# 4. clear the environment (LD_PRELOAD) and re-exec itself
	attack "dynamic re-exec with a cleared environment" "$TMPD/exec-dyn" reexec
	attack "static re-exec with a cleared environment" "$TMPD/exec-static" reexec
else
	for i in $(seq 22); do skip "cannot build static test programs: $(head -1 "$TMPD/cc.err")"; done
fi

# 5. a #! script whose interpreter is static
if [ -n "${bb:-}" ] && ! "$top_builddir/tests/helpers/jr-elf" "$bb" | grep -q glibc; then
	printf '#!%s sh\n%s true && echo ran\n' "$bb" "$bb" > "$TMPD/script"
	chmod 755 "$TMPD/script"
	attack "script with a static interpreter" "$TMPD/script"
	expect_warning "script with a static interpreter"
	like "$blocked_out" "shim cannot apply to $bb" "the script is judged by its interpreter"
else
	for i in 1 2 3 4; do skip "a static busybox (busybox-static) is not installed"; done
fi

# 6. a musl-built target
if command -v musl-gcc >/dev/null && musl-gcc -o "$TMPD/exec-musl" "$esc/exec.c" 2>"$TMPD/cc.err"; then
	attack "musl execve" "$TMPD/exec-musl" execve
	expect_warning "musl execve"
else
	for i in 1 2 3; do skip "musl-gcc (musl-tools) not installed"; done
fi

# 7. the supervisor killed mid-run: the sandbox ends with it (its
#    parent-death signal), before the late exec, which never escapes
rm -f "$TMPD/res"
"$JAILRUN" --noprofile $DROP "$TMPD/exec-static" late-execve > "$TMPD/res" 2>&1 &
jpid=$!
sleep 0.4
kill -9 $jpid
wait $jpid 2>/dev/null
sleep 1.5
if pgrep -f "$TMPD/exec-static late-execve" >/dev/null; then
	not_ok "supervisor killed (kill -9): the sandbox ends with it" "$(ps -ef | grep late-execve)"
else
	ok "supervisor killed (kill -9): the sandbox ends with it"
fi
if grep -q ESCAPED "$TMPD/res"; then
	not_ok "supervisor killed (kill -9): nothing escaped" "$(cat "$TMPD/res")"
else
	ok "supervisor killed (kill -9): nothing escaped"
fi
if grep -q ESCAPED "$TMPD/res"; then not_ok "supervisor killed: nothing escaped" "$(cat "$TMPD/res")"; else ok "supervisor killed: nothing escaped"; fi

# 8. code that runs before the shim: .preinit_array, a library constructor
if $CC -o "$TMPD/preinit" "$esc/preinit.c" 2>"$TMPD/cc.err" &&
	$CC -shared -fPIC -o "$TMPD/libctor.so" "$esc/ctor-lib.c" 2>>"$TMPD/cc.err" &&
	$CC -o "$TMPD/ctor" "$esc/ctor-main.c" -L"$TMPD" -lctor -Wl,-rpath,"$TMPD" 2>>"$TMPD/cc.err"; then
	attack ".preinit_array execve" "$TMPD/preinit"
	like "$blocked_out" "preinit blocked: EPERM" ".preinit_array: refused by the supervisor"
	like "$blocked_out" "main ran" ".preinit_array: the program itself still runs"
	attack "library constructor execve" "$TMPD/ctor"
	like "$blocked_out" "ctor blocked: EPERM" "library constructor: refused by the supervisor"
else
	for i in $(seq 8); do skip "cannot build test programs: $(head -1 "$TMPD/cc.err")"; done
fi

# 9. file capabilities: glibc runs it with AT_SECURE, ignoring LD_PRELOAD
if is_root && command -v setcap >/dev/null && [ -x "$TMPD/exec-dyn" ]; then
	cp "$TMPD/exec-dyn" "$TMPD/exec-cap"
	setcap cap_net_raw+ep "$TMPD/exec-cap"
	asnobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
	run asnobody "$JAILRUN" --noprofile "$TMPD/exec-cap" execve
	like "$out" ESCAPED "file capabilities: runs a second program without the rule"
	run asnobody "$JAILRUN" --noprofile $DROP "$TMPD/exec-cap" execve
	like "$out" "blocked: EPERM" "file capabilities, as nobody: blocked"
	like "$out" "file capabilities: glibc runs it with AT_SECURE" "file capabilities: warned, with the reason"
else
	for i in 1 2 3; do skip_always "setting a file capability needs root and setcap"; done
fi

# the shim's traces are gone; a broken shim fails closed
shim="$top_builddir/src/.libs/libjailrun-postexec.so"
py=/usr/bin/python3
if [ -x $py ]; then
	run "$JAILRUN" --noprofile $DROP $py -c 'import os; print(os.environ.get("LD_PRELOAD"), os.environ.get("JAILRUN_POSTEXEC_FD"))'
	is "$out" "None None" "with the shim: LD_PRELOAD and its fd variable are gone from the target"
	run "$JAILRUN" --noprofile $DROP $py -c 'import os
if os.fork() == 0:
    print(os.environ.get("LD_PRELOAD"), flush=True); os._exit(0)
os.wait()'
	is "$out" "None" "with the shim: a child does not inherit LD_PRELOAD"
	run env LD_PRELOAD=/usr/lib/nonexistent.so:keep.so "$JAILRUN" --noprofile $DROP $py -c 'import os; print(os.environ.get("LD_PRELOAD"))'
	like "$out" "keep.so" "the caller's own LD_PRELOAD entries are kept"
else
	for i in 1 2 3; do skip "python3 not installed"; done
fi
run env JAILRUN_POSTEXEC_FD=99 LD_PRELOAD="$shim" /bin/true
is "$rc" 125 "a shim whose filter descriptor is unreadable: 125"
like "$out" "jailrun-postexec: .*refusing to run without the filter" "a broken shim says why"
run env LD_PRELOAD="$shim" /bin/true
is "$rc" 125 "a shim without its variable: 125"

# only execveat delayed: the launch goes through execveat, the notified
# call, so the listener is handed over before any target code runs
for i in 1 2 3 4 5; do
	run "$JAILRUN" --noprofile --seccomp.drop=execveat "$TMPD/exec-static" execveat
	like "$out" "^blocked: EPERM$" "only execveat dropped (run $i): launched, then execveat blocked"
done
run "$JAILRUN" --noprofile --seccomp.drop=execveat "$TMPD/exec-static" execve
like "$out" "ESCAPED" "only execveat dropped: execve still allowed"

# static = refuse: only where the filter cannot be enforced at all
run "$JAILRUN" --noprofile $DROP --static=refuse "$TMPD/exec-static" execve
like "$out" "blocked: EPERM" "static=refuse with a listener: enforced, so it runs (blocked)"
# nested: inside a sandbox whose filter already has a listener, no new
# listener can be installed (EBUSY).  For a static target the delayed
# filter is then NOT enforced: said plainly, and static=refuse stops.
run "$JAILRUN" --noprofile --seccomp.drop=execveat "$JAILRUN" --noprofile $DROP "$TMPD/exec-static" execve
like "$out" "they are NOT ENFORCED: no seccomp listener can be installed" "nested, static target: NOT ENFORCED said plainly"
run "$JAILRUN" --noprofile --seccomp.drop=execveat "$JAILRUN" --noprofile $DROP --static=refuse "$TMPD/exec-static" execve
is "$rc" 125 "nested, static target, static=refuse: stops with 125"
like "$out" "cannot be enforced \\(static = refuse\\)" "static=refuse says why"
if printf '%s\n' "$out" | grep -q ESCAPED; then not_ok "static=refuse: the target never ran" "$out"; else ok "static=refuse: the target never ran"; fi
done_testing
