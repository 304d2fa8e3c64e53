#!/bin/sh
# run-all.sh - the whole test suite, as CI runs it, from a configured and
# built source tree (in-tree build: autoreconf -fi && ./configure && make):
#
#   1. `make check` as the calling user: unit and integration tests;
#   2. as root: the integration tests again as nobody (setpriv), from a
#      copy of the tree in a world-readable temporary dir, so the
#      unprivileged run never writes into root's tree;
#   3. the unit tests built with AddressSanitizer + UBSan, from the
#      `make dist` tarball (which also proves the tarball complete);
#   4. the integration tests again, jailrun built with the sanitizers;
#   5. the unit tests under valgrind memcheck;
#   6. the libFuzzer targets for a bounded time (tests/fuzz/ci-fuzz.sh);
#   7. as root with dpkg-buildpackage: the Debian package built, installed,
#      run and purged (tests/deb-check.sh), counted as one test (skipped
#      without debhelper, unless JAILRUN_MUST_WORK=1).
#
# First it makes sure the programs the tests drive are installed (the
# list below, Debian 12 package names: the ONE list of test tools; the
# build dependencies are the README's first command).  As root it runs
# `apt-get update` and `apt-get install` of what is missing, once;
# otherwise it names what is missing and runs anyway (the tests that
# need a missing tool skip, or fail under JAILRUN_MUST_WORK=1).
# JAILRUN_NO_INSTALL=1 never installs, only names what is missing.
#
# Ends with one line: "N passed, N failed, N skipped", summed from the
# test-suite.log of every `make check` above.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
jobs=${JOBS:-2}
passed=0 failed=0 skipped=0 status=0

if [ ! -f Makefile ]; then
	echo "run-all: no Makefile in $top: build first (the README's first" \
	     "command: autoreconf -fi && ./configure && make)" >&2
	exit 1
fi

# What the tests run, beyond the build dependencies: the sandbox's peers
# (bubblewrap, firejail), the checkers (valgrind, clang-14 for the
# fuzzers, gcc's sanitizer runtimes come with gcc), static and musl
# targets, the Debian packaging tools, and the applications whose
# shipped profiles are tested doing their job (t-apps, t-gui), the
# programs t-default.sh and t-workload.sh run (ed, sqlite3, python3-venv
# for venv + pip), and CPython's own regression tests
# (libpython3.11-testsuite), which t-cpython.sh runs under python3.profile.
test_packages="python3 bubblewrap util-linux procps valgrind
	busybox-static musl-tools libcap2-bin
	clang-14 libclang-rt-14-dev
	man-db bash-completion build-essential debhelper dpkg-dev
	curl wget unzip xz-utils file git openssh-client vim less
	ffmpeg imagemagick transmission-cli transmission-daemon
	transmission-gtk mpv feh zathura zathura-pdf-poppler inkscape
	xvfb xdotool dbus-daemon dbus-bin dbus-tests xdg-dbus-proxy
	firejail firejail-profiles
	ed sqlite3 python3-venv
	libpython3.11-testsuite"
# t-import: programs with a firejail profile and none shipped here, run
# through the profile --import-firejail made for them
test_packages="$test_packages
	zstd xxd tmux nodejs cmake shellcheck binutils gpg bzip2 patch make
	cpio lzip w3m lynx p7zip-full libimage-exiftool-perl
	lzop qrencode mediainfo pngquant unar highlight caca-utils odt2txt
	poppler-utils geeqie mupdf xpdf"
# net = user (t-net.sh): pasta, slirp4netns, nft; iperf3 for contrib/bench/net
test_packages="$test_packages passt slirp4netns nftables iperf3"

# missing_packages: set $missing to the test packages dpkg does not
# have installed (dpkg-query -W), space-separated
missing_packages() {
	missing=
	for p in $test_packages; do
		case $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) in
		*"install ok installed"*) ;;	# (one per arch, if multi-arch)
		*) missing="${missing:+$missing }$p" ;;
		esac
	done
}

if ! command -v dpkg-query >/dev/null; then
	# shellcheck disable=SC2086 # a list of package names
	echo "run-all: not a Debian system (no dpkg-query): install the" \
	     "equivalents of these Debian packages:" $test_packages >&2
else
	missing_packages
	if [ -n "$missing" ] && [ "$(id -u)" = 0 ] &&
	   [ "${JAILRUN_NO_INSTALL:-0}" != 1 ]; then
		echo "run-all: installing the test tools: $missing"
		export DEBIAN_FRONTEND=noninteractive
		# shellcheck disable=SC2086 # a list of package names
		apt-get update -qq &&
		apt-get install -y -qq --no-install-recommends $missing \
			>/dev/null ||
			echo "run-all: apt-get install failed" >&2
		missing_packages
	fi
	if [ -n "$missing" ]; then
		echo "run-all: MISSING test tools (Debian packages): $missing" >&2
		if [ "$(id -u)" != 0 ]; then
			echo "run-all: install them as root:" \
			     "apt-get install --no-install-recommends $missing" \
			     "(or run tests/run-all.sh as root, which does)" >&2
		fi
		echo "run-all: the tests that need them skip" \
		     "(and fail under JAILRUN_MUST_WORK=1)" >&2
		[ "${JAILRUN_MUST_WORK:-0}" != 1 ] || failed=$((failed + 1))
	fi
fi

scratch=$(mktemp -d /tmp/jailrun-suite.XXXXXX)
chmod 755 "$scratch"
trap 'rm -rf "$scratch"' EXIT

# count LOG: add the summary of an automake test-suite.log to the totals
count() {
	if [ ! -f "$1" ]; then
		echo "run-all: no $1: the run did not get to its tests" >&2
		echo "$stepname: no $1" >>"$scratch/failures"
		failed=$((failed + 1))
		return
	fi
	eval "$(awk '/^# (PASS|XFAIL|FAIL|XPASS|ERROR|SKIP):/ {
		sub(":", "", $2); n[$2] = $3 }
		END { printf "p=%d f=%d s=%d\n", n["PASS"] + n["XFAIL"],
			n["FAIL"] + n["XPASS"] + n["ERROR"], n["SKIP"] }' "$1")"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	# what failed, named, for the list printed before the last line
	grep -E '^(FAIL|XPASS|ERROR):' "$1" |
		sed "s|^|$stepname: |" >>"$scratch/failures"
}

stepname=
step() { stepname=$*; printf '\n==== %s\n' "$*"; }

step "make check as $(id -un)"
make -j"$jobs" check || status=1
count "$top/test-suite.log"

if [ "$(id -u)" = 0 ]; then
	step "integration tests as nobody"
	copy="$scratch/nobody"
	cp -a "$top/." "$copy/"
	rm -f "$copy"/tests/integration/*.log "$copy"/tests/integration/*.trs \
		"$copy/test-suite.log"
	chown -R nobody:nogroup "$copy"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env HOME=/nonexistent make -C "$copy" -j"$jobs" check-integration \
		abs_top_srcdir="$copy" abs_top_builddir="$copy" || status=1
	count "$copy/test-suite.log"
fi

step "unit tests with AddressSanitizer + UBSan (from make dist)"
if make dist >/dev/null &&
	tar -C "$scratch" -xzf jailrun-*.tar.gz &&
	(cd "$scratch"/jailrun-*/ && ./configure -q --enable-sanitizers \
		--enable-werror && make -j"$jobs" >/dev/null &&
	 make check-unit); then
	:
else
	status=1
fi
count "$(echo "$scratch"/jailrun-*/test-suite.log)"
rm -f jailrun-*.tar.gz

# jailrun built with the sanitizers, the programs it runs without (their
# runtimes would trip the very rules under test).  LeakSanitizer is off:
# it ptraces, which the sandbox forbids, and error paths exit through
# die(); leaks are valgrind's job (t-valgrind, the unit tests).  A nested
# jailrun target gets the shim preloaded before the ASan runtime.
step "integration tests with jailrun built with AddressSanitizer + UBSan"
if (cd "$scratch"/jailrun-*/ &&
	ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	make -j"$jobs" check-integration); then
	:
else
	status=1
fi
count "$(echo "$scratch"/jailrun-*/test-suite.log)"

if command -v valgrind >/dev/null; then
	step "unit tests under valgrind"
	make check-unit LOG_COMPILER="$top/libtool" \
		AM_LOG_FLAGS="--mode=execute valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" ||
		status=1
	count "$top/test-suite.log"
else
	echo "run-all: valgrind not installed: the valgrind pass is not run" >&2
	failed=$((failed + 1))
fi

if command -v clang-14 >/dev/null; then
	step "fuzzers (tests/fuzz/ci-fuzz.sh, ${FUZZ_SECONDS:-60}s each)"
	CC=clang-14 JOBS="$jobs" tests/fuzz/ci-fuzz.sh >"$scratch/fuzz.out" 2>&1
	cat "$scratch/fuzz.out"
	passed=$((passed + $(grep -c '^ok ' "$scratch/fuzz.out")))
	failed=$((failed + $(grep -c '^not ok' "$scratch/fuzz.out")))
	grep '^not ok' "$scratch/fuzz.out" | sed "s|^|$stepname: |" \
		>>"$scratch/failures"
else
	echo "run-all: clang-14 not installed: the fuzzing pass is not run" >&2
	failed=$((failed + 1))
fi

if [ "$(id -u)" = 0 ] && command -v dpkg-buildpackage >/dev/null; then
	step "Debian package: build, install, run, purge (tests/deb-check.sh)"
	if ! command -v dh >/dev/null && [ "${JAILRUN_MUST_WORK:-0}" != 1 ]; then
		echo "run-all: debhelper not installed: the package is not checked" >&2
	elif tests/deb-check.sh; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "$stepname: tests/deb-check.sh failed" >>"$scratch/failures"
	fi
fi

# The failures again, together, just above the totals: a log that keeps
# only its tail still says what failed.
if [ -s "$scratch/failures" ]; then
	step "what failed"
	cat "$scratch/failures"
fi
[ "$failed" = 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
