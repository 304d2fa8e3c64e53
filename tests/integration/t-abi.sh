#!/bin/sh
# Foreign ABIs are killed outright by the filter: i386 `int 0x80` and
# x32 numbers (nr | 0x40000000).  Live here where the kernel has the
# entry point; always covered by the BPF simulation (test-filter).
. "$top_srcdir/tests/integration/lib.sh"

run "$JAILRUN" --noprofile "$TRY" x32-getpid
if [ "$rc" = 0 ]; then
	ok "without a filter, an x32 syscall reaches the kernel ($out)"
	run "$JAILRUN" --noprofile --seccomp.drop=mkdir "$TRY" x32-getpid
	is "$rc" 159 "with any filter, an x32 syscall kills the process (SIGSYS)"
	run "$JAILRUN" --noprofile --protocol=unix,inet "$TRY" x32-getpid
	is "$rc" 159 "protocol alone: an x32 syscall is killed too"
else
	skip "x32 helper did not run ($rc)"
	skip "x32 helper did not run"
	skip "x32 helper did not run"
fi

run "$JAILRUN" --noprofile "$TRY" int80-getpid
if [ "$rc" = 0 ]; then
	ok "without a filter, int 0x80 reaches the kernel ($out)"
	run "$JAILRUN" --noprofile --seccomp.drop=mkdir "$TRY" int80-getpid
	is "$rc" 159 "with any filter, int 0x80 kills the process (SIGSYS)"
else
	skip_always "this kernel has no i386 entry point (int 0x80 died with status $rc): covered by test-filter's simulation"
	skip_always "no i386 entry point"
fi
done_testing
