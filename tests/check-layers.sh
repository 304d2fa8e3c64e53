#!/bin/sh
# check-layers.sh - the pure layers stay pure (TAP; `make check-layers`,
# and part of `make check`).
#
# "Pure layers return, the edges die": a pure file builds data and
# reports problems through a struct jr_err; it never includes a header
# of the layers that run processes, and never exits or prints on
# stderr.  Only main, the launcher, the init and the supervisor do.
#
# The table below is the one list of source files and their layers.
# When files move (src/config/, src/run/, ...), edit the paths here and
# nothing else: the checks below only read the table.
#
#   KIND  pure       checked
#         edge       not checked; the header beside it (X.c -> X.h) is
#                    one a pure file must not include (except lib)
#         exception  meant to be pure, violates today: reported as TAP
#                    TODO with the reason, so it does not fail `make
#                    check`; once it is clean it shows as an unexpected
#                    pass (XPASS), which does: then make it `pure`.
#
# FILE                  LAYER    KIND       REASON (exceptions)
layers='
src/config/capnames.c   config   pure
src/config/cli.c        config   pure
src/config/firejail.c   config   pure
src/config/hints.c      config   pure
src/config/list.c       config   pure
src/config/options.c    config   pure
src/config/policy.c     config   pure
src/config/profile.c    config   pure
src/config/values.c     config   pure
src/config/netrules.c   config   pure
src/seccomp/argrules.c  seccomp  pure
src/seccomp/cache.c     seccomp  pure
tests/support/bpfsim.c  seccomp  pure
tests/support/testpol.c config   pure
src/seccomp/elfinfo.c   seccomp  pure
src/seccomp/enforce.c   seccomp  pure
src/seccomp/filter.c    seccomp  pure
src/seccomp/groups.c    seccomp  pure
src/seccomp/learn.c     seccomp  pure
src/seccomp/learnfs.c   seccomp  pure
src/seccomp/preflight.c seccomp  pure
src/seccomp/report.c    seccomp  pure
src/seccomp/syscalls.c  seccomp  pure
src/confine/confine.c   confine  pure
src/confine/desktop.c   confine  pure
src/confine/devices.c   confine  pure
src/confine/landlock.c  confine  edge
src/confine/mounts.c    confine  edge
src/confine/plan.c      confine  pure
src/confine/private.c   confine  pure
src/run/bpfcache.c      run      edge
src/run/caps.c          run      edge
src/run/dbusproxy.c     run      edge
src/run/launch.c        run      edge
src/run/notify.c        run      edge
src/run/net.c           run      edge
src/run/ns.c            run      edge
src/run/process.c       run      edge
src/run/state.c         run      edge
src/run/supervise.c     run      edge
src/cmd/main.c          cmd      edge
src/cmd/commands.c      cmd      edge
src/cmd/import.c        cmd      edge
src/cmd/listing.c       cmd      pure
src/cmd/shortcuts.c     cmd      edge
src/lib/names.c         lib      pure
src/lib/sha256.c        lib      pure
src/lib/util.c          lib      edge
src/shim/shim.c         shim     edge
tools/jr-doc.c          tools    edge
tools/jr-initbpf.c      tools    edge
'

# What a pure file must not call: leaving the process, or printing
# anywhere but a FILE it was given.
forbidden='exit|_exit|_Exit|abort|die|die_errno|warnx_jr|debugx|perror|err|errx|warn|warnx|printf|vprintf|puts|putchar'

set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top" || exit 1

rows=$(printf '%s\n' "$layers" | awk 'NF')
n=0
failed=0

tap() { # tap ok|not-ok DESCRIPTION [TODO-REASON]
	n=$((n + 1))
	if [ "$1" = ok ]; then
		printf 'ok %d - %s' "$n" "$2"
	else
		printf 'not ok %d - %s' "$n" "$2"
	fi
	if [ $# -gt 2 ]; then
		printf ' # TODO known exception: %s' "$3"
		[ "$1" = ok ] && failed=$((failed + 1)) # fixed: update the table
	elif [ "$1" != ok ]; then
		failed=$((failed + 1))
	fi
	printf '\n'
}

# Headers of the running layers: the one beside each edge file, but
# lib's (util.h declares die() for the edges; calls are checked below).
banned=$(printf '%s\n' "$rows" | awk '$3 == "edge" && $2 != "lib" {
	h = $1; sub(/.*\//, "", h); sub(/\.c$/, ".h", h); print h }')

# The code without comments, string and character literals (so that
# "exit" in a message or a comment does not count); line numbers kept.
strip() {
	awk '{
		out = ""; i = 1; n = length($0)
		while (i <= n) {
			c = substr($0, i, 1); d = substr($0, i, 2)
			if (incomment) {
				if (d == "*/") { incomment = 0; i += 2 } else i++
				continue
			}
			if (d == "/*") { incomment = 1; i += 2; continue }
			if (d == "//") break
			if (c == "\"" || c == "\047") {
				q = c; out = out q; i++
				while (i <= n && substr($0, i, 1) != q) {
					if (substr($0, i, 1) == "\\") i++
					i++
				}
				out = out q; i++
				continue
			}
			out = out c; i++
		}
		print out
	}' "$1"
}

# The project headers FILE includes, directly or through other project
# headers (found by name anywhere under src/).
includes() {
	_todo=$1
	_seen=
	while [ -n "$_todo" ]; do
		# shellcheck disable=SC2086 # a list of paths, split on purpose
		set -- $_todo
		_f=$1
		shift
		_todo=$*
		# shellcheck disable=SC2013 # header names have no spaces
		for _h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$_f"); do
			_h=${_h##*/}
			case " $_seen " in *" $_h "*) continue ;; esac
			_seen="$_seen $_h"
			_p=$(find src -name "$_h" -print | head -n 1)
			[ -n "$_p" ] && _todo="$_todo $_p"
		done
	done
	# shellcheck disable=SC2086
	printf '%s\n' $_seen
}

# violations FILE: one line per problem, empty when pure
violations() {
	for _h in $(includes "$1"); do
		for _b in $banned; do
			[ "$_h" = "$_b" ] && echo "includes $_h (a running layer's header)"
		done
	done
	strip "$1" | awk -v f="$1" -v re="(^|[^A-Za-z0-9_.>])($forbidden)[ \t]*[(]" '
		$0 ~ re {
			s = $0; sub(/^[ \t]+/, "", s)
			print f ":" NR ": calls: " s
		}
		/(^|[^A-Za-z0-9_])(stderr|STDERR_FILENO)([^A-Za-z0-9_]|$)/ {
			s = $0; sub(/^[ \t]+/, "", s)
			print f ":" NR ": writes to stderr: " s
		}'
}

echo "1..$(($(printf '%s\n' "$rows" | awk '$3 != "edge"' | wc -l) + 2))"

# 1. the table names every source file, and only existing ones
missing=$(find src -name '*.c' | sort | while read -r f; do
	printf '%s\n' "$rows" | awk -v f="$f" '$1 == f { found = 1 }
		END { exit !found }' || echo "$f"
done)
if [ -z "$missing" ]; then
	tap ok "every src/ file has a row in the layer table"
else
	tap not-ok "every src/ file has a row in the layer table"
	printf '%s\n' "$missing" | sed 's/^/# not in the table: /'
fi
gone=$(printf '%s\n' "$rows" | while read -r f rest; do
	[ -f "$f" ] || echo "$f"
done)
if [ -z "$gone" ]; then
	tap ok "every row of the layer table is a file"
else
	tap not-ok "every row of the layer table is a file"
	printf '%s\n' "$gone" | sed 's/^/# no such file: /'
fi

# 2. each pure file (and each known exception) is pure
while read -r file layer kind reason; do
	found=$(violations "$file")
	if [ "$kind" = exception ]; then
		if [ -n "$found" ]; then
			tap not-ok "$file ($layer) is pure" "$reason"
		else
			tap ok "$file ($layer) is pure" "$reason"
		fi
	elif [ -z "$found" ]; then
		tap ok "$file ($layer) is pure"
	else
		tap not-ok "$file ($layer) is pure"
	fi
	[ -n "$found" ] && printf '%s\n' "$found" | sed 's/^/#   /'
done <<EOF
$(printf '%s\n' "$rows" | awk '$3 != "edge"')
EOF
[ "$failed" -eq 0 ]
