#!/bin/sh
# delayed-matrix.sh - run the delayed-execve attacks under firejail
# (--seccomp.drop=execve) and jailrun (--seccomp.drop=execve,execveat)
# side by side; print a markdown table: ran / blocked, warned / silent.
#
#   contrib/bench/delayed-matrix.sh [JAILRUN]
#
# Needs a C compiler; firejail and busybox-static are used when installed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
JAILRUN=${1:-$top/src/jailrun}
CC=${CC:-cc}
tmp=$(mktemp -d /tmp/jailrun-matrix.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
esc="$top/tests/escape"
$CC -o "$tmp/exec-static" -static "$esc/exec.c" &&
	$CC -o "$tmp/preinit" "$esc/preinit.c" &&
	$CC -shared -fPIC -o "$tmp/libctor.so" "$esc/ctor-lib.c" &&
	$CC -o "$tmp/ctor" "$esc/ctor-main.c" -L"$tmp" -lctor -Wl,-rpath,"$tmp" ||
	{ echo "delayed-matrix: cannot build the attack programs" >&2; exit 1; }

# verdict OUTPUT: ran or blocked; warned or silent
verdict() {
	if printf '%s\n' "$1" | grep -Eq 'ESCAPED|^ran$'; then r=ran; else r=blocked; fi
	if printf '%s\n' "$1" | grep -Eqi 'warning'; then w=warned; else w=silent; fi
	echo "$r, $w"
}

cell() { # cell TOOL CMD...
	tool=$1
	shift
	case $tool in
	jailrun)
		out=$(JAILRUN_PROFILE_PATH="$top/etc" "$JAILRUN" --noprofile \
			--seccomp.drop=execve,execveat "$@" 2>&1) ;;
	firejail)
		command -v firejail >/dev/null || { echo "not installed"; return; }
		out=$(firejail --quiet --noprofile --seccomp.drop=execve "$@" 2>&1) ;;
	esac
	verdict "$out"
}

row() { # row NAME CMD...
	name=$1
	shift
	printf '| %s | %s | %s |\n' "$name" "$(cell firejail "$@")" "$(cell jailrun "$@")"
}

echo "| attack (seccomp.drop=execve) | firejail | jailrun |"
echo "|---|---|---|"
row "1. dynamic: sh -c '/bin/true && echo ran'" sh -c '/bin/true && echo ran'
if bb=$(command -v busybox); then
	row "2. static busybox sh -c 'busybox true && echo ran'" "$bb" sh -c "$bb true && echo ran"
fi
row "3. static C program calling execve" "$tmp/exec-static" execve
row "8a. dynamic, execve from .preinit_array" "$tmp/preinit"
row "8b. dynamic, execve from its library's constructor" "$tmp/ctor"
