#!/bin/sh
# t-cpython.sh - python3.profile against a suite nobody on the project
# wrote: a subset of CPython's own regression tests (Debian's
# libpython3.11-testsuite: subprocess, os, posix, shutil, tempfile, glob,
# json, pathlib, select, venv, socket), run bare and under
# `jailrun python3` (its shipped profile).  Every test that fails under
# the profile and passes bare must be one of the refusals the profile's
# header states: as root, what needs a capability (chown to another
# user, setgroups, setuid and the like; caps.drop = all); as an
# unprivileged user, other users' ids, which the sandbox's user namespace
# does not map (chown, subprocess's user= and group=: EINVAL, where the
# tests expect EPERM).
. "$(dirname "$0")/lib.sh"

suite=/usr/lib/python3.11/test
modules="test_os test_subprocess test_shutil test_tempfile test_glob test_json
	test_pathlib test_posix test_select test_venv test_socket"
if [ ! -f "$suite/test_os.py" ] || [ ! -x /usr/bin/python3.11 ]; then
	skip_n 5 "CPython's regression tests are not installed (libpython3.11-testsuite)"
	done_testing
	exit
fi

HOME="$TMPD/home"
TMPDIR="$TMPD/tmp"
export HOME TMPDIR
mkdir -p "$HOME" "$TMPDIR" "$TMPD/bare" "$TMPD/jail"
unset MAKEFLAGS MFLAGS MAKELEVEL

jr --debug --print-filter python3
like "$out" "read .*/profiles/python3\\.profile" "python3: its shipped profile"

# regrtest MODE: the subset, bare or under jailrun, in a directory of its
# own (the two names of one length: test_glob's symlink loop depends on
# it).  Left out of both runs: the VSOCK tests, which hang where there is
# no vsock transport, and test_venv's test_with_pip, two minutes of
# ensurepip (t-workload.sh installs with pip in a venv).
regrtest() {
	[ "$1" = jail ] && _j=$JAILRUN || _j=
	(cd "$TMPD/$1" && $_j /usr/bin/python3.11 -m test -v --timeout 300 \
		-i '*VSOCK*' -i test_with_pip $modules) >"$TMPD/$1.log" 2>&1
}
# failed MODE: the ids of the tests that failed or errored, sorted
failed() {
	sed -n 's/^\(FAIL\|ERROR\): [^ ]* (\([^)]*\)).*/\2/p' "$TMPD/$1.log" |
		sort -u
}
passed() { grep -c '\.\.\. ok$' "$TMPD/$1.log"; }

# both at once (each is mostly one core)
regrtest bare &
bare_pid=$!
regrtest jail
wait $bare_pid
for m in bare jail; do
	if grep -q '^\(== \)\{0,1\}Tests result: \(SUCCESS\|FAILURE\)' "$TMPD/$m.log"; then
		ok "$m: the suite ran to its end ($(passed $m) tests passed)"
	else
		not_ok "$m: the suite ran to its end" "$(tail -n 20 "$TMPD/$m.log")"
	fi
done
# the refusals python3.profile states for root: capabilities
refusal='chown|setgroups|setuid|setgid|setreuid|setregid|setresuid|setresgid|initgroups|mknod|sched_setscheduler|setpriority'
failed bare >"$TMPD/failed.bare"
failed jail >"$TMPD/failed.jail"
comm -13 "$TMPD/failed.bare" "$TMPD/failed.jail" >"$TMPD/lost"
nlost=$(wc -l <"$TMPD/lost")
# ... and for another user: ids the user namespace does not map
unmapped='chown|POSIXProcessTestCase\.test_(user|group|extra_groups)$'
if is_root; then
	grep -Eiv "$refusal" "$TMPD/lost" >"$TMPD/unstated"
else
	grep -Ev "$unmapped" "$TMPD/lost" >"$TMPD/unstated"
fi
# a lost test outside the stated refusals runs once more under the
# profile, alone: one that passes then is the suite's own flake (seen:
# test_glob's symlink loop, in either run), said and not counted; a
# refusal fails every time
: >"$TMPD/flaky"
while read -r _id; do
	_mod=$(echo "$_id" | cut -d. -f2)
	_fn=${_id##*.}
	if (cd "$TMPD/jail" && "$JAILRUN" /usr/bin/python3.11 -m test -v \
		--timeout 300 "$_mod" -m "$_fn") >"$TMPD/rerun.log" 2>&1 &&
		grep -q 'Tests result: SUCCESS' "$TMPD/rerun.log"; then
		echo "$_id" >>"$TMPD/flaky"
	fi
done <"$TMPD/unstated"
if [ -s "$TMPD/flaky" ]; then
	diag "lost once under the profile, passed when run again alone: $(tr '\n' ' ' <"$TMPD/flaky")"
	grep -vxF -f "$TMPD/flaky" "$TMPD/unstated" >"$TMPD/unstated.2"
	mv "$TMPD/unstated.2" "$TMPD/unstated"
fi
if [ -s "$TMPD/unstated" ]; then
	not_ok "every test lost under the profile is a stated refusal" \
		"$(cat "$TMPD/unstated")" \
		"$(grep -A12 -F -f "$TMPD/unstated" "$TMPD/jail.log" | grep -E 'Error|error:|denied|not permitted' | sort | uniq -c | sort -rn | head -20)"
else
	ok "every test lost under the profile is a stated refusal ($nlost lost: $(is_root && echo 'capabilities' || echo 'unmapped ids'))"
fi
[ "$nlost" -gt 0 ] && diag "lost under the profile: $(tr '\n' ' ' <"$TMPD/lost")"
# a test that fails bare and passes under the profile (seen: test_glob's
# symlink loop, now and then) is said, not counted
comm -23 "$TMPD/failed.bare" "$TMPD/failed.jail" >"$TMPD/gained"
[ -s "$TMPD/gained" ] &&
	diag "failed bare only: $(tr '\n' ' ' <"$TMPD/gained")"
# and the count: every test that passed bare passed under the profile,
# but for the refusals
nb=$(passed bare) nj=$(passed jail)
if [ $((nj + nlost)) -ge "$nb" ]; then
	ok "passed: $nj under the profile, $nb bare, $nlost lost"
else
	not_ok "passed: $nj under the profile, $nb bare, $nlost lost" \
		"$(grep '\.\.\. ok$' "$TMPD/bare.log" | sort >"$TMPD/ok.b"; grep '\.\.\. ok$' "$TMPD/jail.log" | sort >"$TMPD/ok.j"; comm -23 "$TMPD/ok.b" "$TMPD/ok.j" | head -20)"
fi

done_testing
