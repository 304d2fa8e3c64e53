#!/bin/sh
# ci-fuzz.sh - the fuzzing pass of CI: configure a separate build with
# clang and --enable-fuzzing, build it, run `make fuzz-smoke` (each
# target FUZZ_SECONDS, default 60), and print one line per target:
#	ok 1 - fuzz-profile 60s, 412345 runs
#	not ok 2 - fuzz-list 60s: exit 77, 1234 runs
# then "fuzz: N ok, N not ok".  Exit status 0 iff every target ran clean.
#
# usage: tests/fuzz/ci-fuzz.sh [BUILDDIR]
#	BUILDDIR defaults to a new temporary dir, removed when all is well
#	(kept, with its crash-* artifacts and logs, when not).
#	CC (default clang-14), FUZZ_SECONDS and JOBS (default 2) are read.
#
# A source tree configured in place cannot also host a separate build
# (automake refuses), so then the build is made from `make dist` instead,
# as tests/run-all.sh does for its sanitizer pass.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
jobs=${JOBS:-2}
CC=${CC:-clang-14}
export CC
build=${1:-}
keep=1
if [ -z "$build" ]; then
	build=$(mktemp -d /tmp/jailrun-fuzz-build.XXXXXX)
	keep=0
fi
mkdir -p "$build"
build=$(cd "$build" && pwd)
root=$build

fail() {
	echo "ci-fuzz: $*; build dir kept: $build" >&2
	echo "not ok 1 - fuzz: $*"
	exit 1
}

src=$top
if [ -f "$top/config.status" ]; then
	make -C "$top" dist >/dev/null || fail "make dist failed"
	tar -C "$build" -xzf "$top"/jailrun-*.tar.gz || fail "cannot unpack"
	rm -f "$top"/jailrun-*.tar.gz
	src=$(echo "$build"/jailrun-*/)
	src=${src%/}
	build=$src
elif [ ! -x "$top/configure" ]; then
	fail "no $top/configure: run autoreconf -fi first"
fi
echo "ci-fuzz: CC=$CC, source $src, build $build"
(cd "$build" && "$src/configure" -q --enable-fuzzing) ||
	fail "configure --enable-fuzzing failed (CC=$CC: is clang and libclang-rt installed?)"
make -C "$build" -j"$jobs" >/dev/null || fail "build failed"

out="$build/fuzz-smoke.out"
make -C "$build" fuzz-smoke > "$out" 2>&1
rc=$?
cat "$out"
n_ok=$(grep -c '^ok ' "$out")
n_bad=$(grep -c '^not ok ' "$out")
if [ "$rc" != 0 ] && [ "$n_bad" = 0 ]; then
	echo "not ok - fuzz-smoke: make failed (exit $rc) before a target failed"
	n_bad=1
fi
echo "fuzz: $n_ok ok, $n_bad not ok"
if [ "$rc" = 0 ] && [ "$n_bad" = 0 ]; then
	[ "$keep" = 1 ] || rm -rf "$root"
	exit 0
fi
echo "ci-fuzz: artifacts and logs in $build/tests/fuzz" >&2
exit 1
