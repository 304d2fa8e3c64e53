#!/bin/sh
# contrib/bench/learn.sh - what learning and Landlock reports cost (issue 20).
#
#   contrib/bench/learn.sh [--jailrun=PATH] [--quick] [--runs=N]
#
# Prints two markdown sections on stdout (contrib/bench/run appends them
# to its document); progress goes to stderr.
#
#  6. Learning against strace: each workload bare, under `strace -f -o
#     /dev/null` and under `jailrun --noprofile --learn=FILE`, timed with
#     hyperfine (median wall time); the ratio learn/strace is the figure
#     (below 1: learning is the faster of the two tracers).
#  7. Naming Landlock refusals: syscost's openat+close loop under a
#     profile with Landlock file rules and a syscall filter, with and
#     without --report (which routes every path call through the
#     supervisor): the difference is what one named-or-not path call
#     costs.
#
# Workloads: tar czf of a 300-file tree, python3 -c 'import json,email',
# git status in a repository of that tree, and a one-second ffmpeg encode
# when ffmpeg is installed.  Needs hyperfine, strace and cc; a missing one
# skips its rows, said in the document.  No figure is asserted.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
J=${JAILRUN:-}
RUNS=10
for arg; do
	case $arg in
	--jailrun=*) J=${arg#--jailrun=} ;;
	--quick) RUNS=3 ;;
	--runs=*) RUNS=${arg#--runs=} ;;
	-h | --help) sed -n '2,21s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "learn.sh: unknown argument '$arg'" >&2; exit 1 ;;
	esac
done
[ -n "$J" ] || J=$top/src/jailrun
[ -x "$J" ] || { echo "learn.sh: no jailrun at $J" >&2; exit 1; }
: "${JAILRUN_PROFILE_PATH:=$top/etc:$top/profiles}"
export JAILRUN_PROFILE_PATH

say() { echo "learn.sh: $*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (b + 0 <= 0 || a == "") print "n/a"; else printf "%.2f\n", a / b }'
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jr-learnbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# --- the workloads' data ----------------------------------------------------
mk_tree() {
	d=0
	while [ $d -lt 10 ]; do
		mkdir -p "$tmp/tree/d$d"
		f=0
		while [ $f -lt 30 ]; do
			seq $((d * 1000 + f)) $((d * 1000 + f + 200)) >"$tmp/tree/d$d/f$f.txt"
			f=$((f + 1))
		done
		d=$((d + 1))
	done
}

mk_repo() {
	cp -a "$tmp/tree" "$tmp/repo"
	git -C "$tmp/repo" init -q
	git -C "$tmp/repo" add -A
	git -C "$tmp/repo" -c user.name=bench -c user.email=bench@example.org \
		commit -q -m tree
	echo changed >>"$tmp/repo/d0/f0.txt"
}

python=$(command -v /usr/bin/python3 || command -v python3 || true)

# one workload per line: ID<TAB>LABEL<TAB>COMMAND (hyperfine -N words)
# shellcheck disable=SC2016 # the labels quote commands in markdown
workloads() {
	printf 'tar\t`tar czf` of 300 files\ttar czf %s -C %s tree\n' \
		"$tmp/out.tgz" "$tmp"
	if [ -n "$python" ]; then
		printf "python\t\`python3 -c 'import json,email'\`\t%s -c 'import json,email'\n" \
			"$python"
	fi
	if have git; then
		printf 'git\t`git status` in a 300-file repository\tgit -C %s status --short\n' \
			"$tmp/repo"
	fi
	if have ffmpeg; then
		printf 'ffmpeg\t`ffmpeg`: 1 s of testsrc to mpeg4\tffmpeg -v error -nostdin -y -f lavfi -i testsrc=duration=1:size=320x240:rate=25 -c:v mpeg4 %s\n' \
			"$tmp/out.mp4"
	fi
}

# hf ID CMD...: median wall time (ms) of hyperfine -N over $RUNS runs
hf() {
	_id=$1
	shift
	hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$tmp/$_id.json" \
		"$@" >"$tmp/hf.log" 2>&1 || { cat "$tmp/hf.log" >&2; return 1; }
	# the one result's median (pretty-printed JSON: a key a line), in ms
	awk -F: '/^ *"median":/ { v = $2; gsub(/[ ,]/, "", v)
		printf "%.1f\n", v * 1000; exit }' "$tmp/$_id.json"
}

# --- 6. learning against strace ---------------------------------------------
bench_learn() {
	echo "## 8. Learning against strace -f"
	echo
	if ! have hyperfine || ! have strace; then
		echo "skipped: needs hyperfine and strace (apt-get install hyperfine strace)."
		echo
		return 0
	fi
	mk_tree
	have git && mk_repo
	echo "Median wall time of $RUNS runs (hyperfine -N, 1 warm-up) of each" \
		"workload bare, under \`strace -f -o /dev/null\` and under" \
		"\`jailrun --noprofile --learn=FILE\` (every syscall of every" \
		"thread and child goes to the supervisor, which also reads each" \
		"path). learn/strace below 1: learning is the faster tracer."
	echo
	echo "| workload | bare ms | strace -f ms | learn ms | learn / strace | learn / bare |"
	echo "|---|---:|---:|---:|---:|---:|"
	workloads >"$tmp/workloads"
	while IFS='	' read -r id label cmd; do
		say "learning: $id"
		bare=$(hf "$id-bare" "$cmd") || bare=
		st=$(hf "$id-strace" "strace -f -o /dev/null $cmd") || st=
		ln=$(hf "$id-learn" "$J --noprofile --learn=$tmp/$id.profile $cmd") ||
			ln=
		echo "| $label | ${bare:-failed} | ${st:-failed} | ${ln:-failed} |" \
			"$(ratio "$ln" "$st") | $(ratio "$ln" "$bare") |"
	done <"$tmp/workloads"
	echo
}

# --- 7. Landlock refusals named: the cost per path call ----------------------
bench_report() {
	echo "## 9. Naming Landlock refusals: --report on path calls"
	echo
	if ! have "${CC:-cc}"; then
		echo "skipped: needs a C compiler for syscost.c."
		echo
		return 0
	fi
	"${CC:-cc}" -O2 -o "$tmp/syscost" "$here/syscost.c"
	printf 'seccomp = yes\ninclude = landlock-base.inc\n' >"$tmp/ll.profile"
	abi=$("$J" --debug --profile="$tmp/ll.profile" true 2>&1 |
		sed -n 's/.*landlock: ABI \([0-9]*\),.*/\1/p')
	if [ "${abi:-0}" -lt 1 ]; then
		echo "skipped: Landlock file rules cannot be enforced here."
		echo
		return 0
	fi
	n=$((RUNS * 5000))
	echo "\`syscost -n $n open\` (\`openat(/etc/hostname)\` + \`close\`, the" \
		"mean of the fastest tenth, 5 rounds, median) under a profile of" \
		"\`seccomp = yes\` and \`landlock-base.inc\` (the file is allowed:" \
		"nothing is refused or said), without and with \`--report\`."
	echo
	: >"$tmp/rep"
	r=0
	while [ $r -lt 5 ]; do
		for m in bare plain report; do
			case $m in
			bare) set -- ;;
			plain) set -- "$J" --profile="$tmp/ll.profile" ;;
			report) set -- "$J" --profile="$tmp/ll.profile" --report ;;
			esac
			"$@" "$tmp/syscost" -n "$n" open 2>/dev/null |
				sed -n "s/.*best_tenth_ns=\([0-9.]*\).*/$m \1/p" >>"$tmp/rep"
		done
		r=$((r + 1))
	done
	med() {
		awk -v m="$1" '$1 == m { print $2 }' "$tmp/rep" | sort -g |
			awk '{ v[NR] = $1 } END { if (NR) printf "%.0f\n", v[int((NR + 1) / 2)] }'
	}
	b=$(med bare) p=$(med plain) rp=$(med report)
	echo "| | ns per openat+close | x bare |"
	echo "|---|---:|---:|"
	echo "| bare | ${b:-failed} | 1.00 |"
	echo "| Landlock rules + filter | ${p:-failed} | $(ratio "$p" "$b") |"
	echo "| the same with --report | ${rp:-failed} | $(ratio "$rp" "$b") |"
	echo
	if [ -n "$p" ] && [ -n "$rp" ]; then
		echo "--report adds $(awk -v a="$rp" -v b="$p" 'BEGIN { printf "%.1f", (a - b) / 1000 }') µs per path call."
		echo
	fi
}

say "jailrun: $J"
bench_learn
bench_report
