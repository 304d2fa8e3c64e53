#!/bin/sh
# smoke.sh - `make fuzz-smoke`: run each libFuzzer target for FUZZ_SECONDS
# (default 60) on a copy of its seed corpus, and fail on any crash, leak,
# timeout or UBSan report.  Prints one line per target:
#	ok 1 - fuzz-profile 60s, 123456 runs
#	not ok 2 - fuzz-list: exit 77 (crash-... in tests/fuzz/)
# Artifacts (crash-*, leak-*, timeout-*) are kept next to the target.
#
# usage: smoke.sh FUZZDIR TARGET...   (FUZZDIR: tests/fuzz in the source)
set -u
src=$1
shift
secs=${FUZZ_SECONDS:-60}
case $secs in
'' | *[!0-9]*) echo "smoke.sh: FUZZ_SECONDS='$secs' is not a number" >&2; exit 2 ;;
esac
scratch=$(mktemp -d /tmp/jailrun-fuzz-smoke.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
# LeakSanitizer on; UBSan stops at its first report with a stack.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS
n=0 failed=0
for t in "$@"; do
	n=$((n + 1))
	name=${t##*/}
	corpus="$src/corpus/${name#fuzz-}"
	work="$scratch/$name"
	mkdir -p "$work"
	cp "$corpus"/* "$work"/
	dir=$(dirname "$t")
	log="$dir/$name.smoke.log"
	echo "fuzz-smoke: $t for ${secs}s on a copy of $corpus ($(ls "$work" | wc -l) seeds), log $log"
	"$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-error_exitcode=77 -timeout_exitcode=78 -print_final_stats=1 \
		-dict="$src/jailrun.dict" -artifact_prefix="$dir/$name-" \
		"$work" > "$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ "$rc" = 0 ]; then
		echo "ok $n - $name ${secs}s, ${runs:-?} runs"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name ${secs}s: exit $rc, ${runs:-?} runs"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix|Test unit written)' \
			"$log" | head -n 20 | sed 's/^/# /'
	fi
done
echo "1..$n"
[ "$failed" = 0 ]
