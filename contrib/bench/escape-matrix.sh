#!/bin/sh
# escape-matrix.sh - run the escape suite's attacks (tests/escape/) under
# jailrun, firejail and bubblewrap, each with its closest equivalent of
# "seccomp default list, no new namespaces, no W+X memory", and print a
# markdown table: attack x tool -> blocked / ESCAPED.
#
#   contrib/bench/escape-matrix.sh [JAILRUN]
#
# An attack "escapes" when it prints OK (it did what it set out to do);
# anything else (an errno name, a kill) is "blocked".  Needs a C compiler;
# firejail, bwrap and script(1) are used when installed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
JAILRUN=${1:-$top/src/jailrun}
CC=${CC:-cc}
tmp=$(mktemp -d /tmp/jailrun-escape.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
for p in io-uring jit new-ns ptrace-sibling tty-inject; do
	$CC -O2 -o "$tmp/$p" "$top/tests/escape/$p.c" || {
		echo "escape-matrix: cannot build $p" >&2
		exit 1
	}
done

# The closest equivalents (each tool's own names for the same rules).
jailrun_run() {
	JAILRUN_PROFILE_PATH="$top/etc" "$JAILRUN" --noprofile --quiet \
		--seccomp --restrict-namespaces --memory-deny-write-execute \
		--caps.drop=all "$@"
}
firejail_run() {
	firejail --quiet --noprofile --seccomp --restrict-namespaces \
		--memory-deny-write-execute --caps.drop=all "$@"
}
# bubblewrap has no default syscall filter (--seccomp takes a program the
# caller compiles) and no W+X rule; --disable-userns is its namespace rule.
bwrap_run() {
	bwrap --dev-bind / / --unshare-all --unshare-user --share-net --disable-userns --new-session \
		--cap-drop ALL "$@"
}

have() {
	case $1 in
	jailrun) [ -x "$JAILRUN" ] ;;
	firejail) command -v firejail >/dev/null 2>&1 && firejail --quiet \
		--noprofile true >/dev/null 2>&1 ;;
	bwrap) command -v bwrap >/dev/null 2>&1 && bwrap --dev-bind / / \
		--unshare-all --unshare-user --disable-userns true >/dev/null 2>&1 ;;
	esac
}

# cell TOOL CMD...: blocked or ESCAPED
cell() {
	tool=$1
	shift
	if ! have "$tool"; then
		echo "n/a"
		return
	fi
	out=$("${tool}_run" "$@" 2>/dev/null </dev/null | tail -1)
	[ "$out" = OK ] && echo "**ESCAPED**" || echo "blocked ($out)"
}

row() { # row NAME CMD...
	name=$1
	shift
	printf '| %s | %s | %s | %s |\n' "$name" "$(cell jailrun "$@")" \
		"$(cell firejail "$@")" "$(cell bwrap "$@")"
}

tty_row() { # tty_row NAME ARGS...: tty-inject under a terminal
	name=$1
	shift
	line="| $name |"
	for tool in jailrun firejail bwrap; do
		if ! have "$tool" || ! command -v script >/dev/null 2>&1; then
			line="$line n/a |"
			continue
		fi
		case $tool in
		jailrun) pre="env JAILRUN_PROFILE_PATH=$top/etc $JAILRUN --noprofile --quiet --seccomp" ;;
		firejail) pre="firejail --quiet --noprofile --seccomp" ;;
		bwrap) pre="bwrap --dev-bind / / --unshare-all --unshare-user --share-net --disable-userns --new-session --cap-drop ALL" ;;
		esac
		out=$(script -qec "$pre $tmp/tty-inject $*" /dev/null \
			</dev/null 2>/dev/null | tr -d '\r' |
			grep -oE '(OK|E[A-Z0-9]+)$' | tail -1)
		if [ "$out" = OK ]; then
			line="$line **ESCAPED** |"
		else
			line="$line blocked (${out:-killed}) |"
		fi
	done
	echo "$line"
}

echo "| attack | jailrun | firejail | bubblewrap |"
echo "|---|---|---|---|"
row "io_uring_setup (bypasses every syscall rule)" "$tmp/io-uring"
row "ptrace a sibling" "$tmp/ptrace-sibling" attach
row "process_vm_writev into a sibling" "$tmp/ptrace-sibling" vm-write
row "new user namespace: unshare" "$tmp/new-ns" unshare
row "new user namespace: clone" "$tmp/new-ns" clone
row "new user namespace: clone3" "$tmp/new-ns" clone3
row "join a namespace: setns" "$tmp/new-ns" setns
row "JIT: W+X mapping" "$tmp/jit" rwx
row "JIT: write, then mprotect executable" "$tmp/jit" flip
tty_row "TIOCSTI into the terminal" tiocsti
tty_row "TIOCSTI with high bits set (CVE-2019-10063)" tiocsti hi
echo
echo "jailrun: --seccomp --restrict-namespaces --memory-deny-write-execute" \
	"--caps.drop=all; firejail: the same options; bubblewrap:" \
	"--unshare-all --unshare-user --share-net --disable-userns --new-session --cap-drop ALL" \
	"(it has no built-in syscall filter). Run as $(id -un) on" \
	"$(uname -r)."
