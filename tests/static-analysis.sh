#!/bin/sh
# Static analysis of src/ with GCC's analyzer (gcc -fanalyzer): a
# path-sensitive check of each translation unit for double frees, leaks
# of memory and FILE streams, use after free, NULL dereferences and the
# like.  It follows __attribute__((cleanup)) (cleanup_free, steal_ptr),
# which cppcheck 2.10 does not: there it reported a leak-free
# cleanup_free variable as unread, and nothing path-sensitive.
#
# Every finding fails the run.  A finding that is not a bug is
# suppressed in ONE place, tests/static-analysis.supp, with its reason;
# a real bug is fixed, never suppressed.
#
# Usage: tests/static-analysis.sh   (after ./configure: it needs config.h)
#   top_builddir=DIR  where config.h is (default: the source tree)
#   CC=gcc-N          another gcc (10 or later)
#   JOBS=N            files analysed in parallel (default 2)
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${top_builddir:-$srcdir}
cc=${CC:-gcc}
jobs=${JOBS:-2}
supp="$srcdir/tests/static-analysis.supp"

if [ ! -f "$builddir/config.h" ]; then
	echo "static-analysis: no config.h in $builddir: run ./configure first" \
	     "(or set top_builddir)" >&2
	exit 1
fi
if ! echo 'int main(void) { return 0; }' |
	"$cc" -fanalyzer -x c -c -o /dev/null - 2>/dev/null; then
	echo "static-analysis: $cc has no -fanalyzer (GCC 10 or later needed)" >&2
	exit 1
fi

# The build's own flags (Makefile.am's AM_CPPFLAGS, the pkg-config
# libraries), without the warnings: those are the build's job.
deps=$(pkg-config --cflags libseccomp inih)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM

cd "$srcdir"
find src tools tests/support -name "*.c" | sort >"$out/files"
# One compiler per file, JOBS at a time; each file's diagnostics in
# its own log.  -fdiagnostics-plain-output: one line per finding.
# shellcheck disable=SC2016 # expanded by the inner sh
xargs -P "$jobs" -I{} sh -c '
	log="$1/$(echo "$2" | tr / _).log"
	"$3" -fanalyzer -fdiagnostics-plain-output -c -o /dev/null \
		-DHAVE_CONFIG_H -I"$4" -Isrc/config -Isrc/seccomp -Isrc/confine \
		-Isrc/run -Isrc/cmd -Isrc/lib -Itests -Itests/support $5 "$2" >"$log" 2>&1 ||
		echo "$2: error: the compiler failed (exit $?)" >>"$log"
' sh "$out" {} "$cc" "$builddir" "$deps" <"$out/files"

# A finding: "FILE:LINE:COL: warning: TEXT [-Wanalyzer-ID]" (or any
# warning or error).  Notes and path events are context, not findings.
cat "$out"/*.log | grep -E ': (warning|error):' >"$out/findings" || true

# Suppressions: "FILE OPTION REASON" lines, e.g.
#   src/x.c -Wanalyzer-malloc-leak  the pool frees it at exit
# and a suppression without its reason is refused.
if [ -f "$supp" ] && grep -v '^#' "$supp" | awk 'NF && NF < 3 { bad = 1 }
	END { exit !bad }'; then
	echo "static-analysis: $supp: every line needs FILE OPTION REASON" >&2
	exit 1
fi
suppressed=0
: >"$out/kept"
while IFS= read -r line; do
	file=${line%%:*}
	opt=$(printf '%s\n' "$line" | sed -n 's/.*\[\(-W[a-z0-9-]*\)\]$/\1/p')
	if [ -n "$opt" ] && [ -f "$supp" ] &&
	   grep -v '^#' "$supp" | awk -v f="$file" -v o="$opt" \
		'$1 == f && $2 == o { found = 1 } END { exit !found }'; then
		suppressed=$((suppressed + 1))
	else
		printf '%s\n' "$line" >>"$out/kept"
	fi
done <"$out/findings"

files=$(wc -l <"$out/files")
found=$(wc -l <"$out/kept")
if [ "$found" -gt 0 ]; then
	# the full diagnostics (with the analyzer's path) of each file with
	# a finding kept
	for log in "$out"/*.log; do
		if grep -qFf "$out/kept" "$log"; then
			cat "$log"
		fi
	done
	echo "static-analysis: $found finding(s) in $files files" \
	     "($suppressed suppressed):" >&2
	cat "$out/kept" >&2
	exit 1
fi
echo "static-analysis: gcc -fanalyzer, $files files: no findings" \
     "($suppressed suppressed)"
