#!/bin/sh
# jailrun under valgrind memcheck, on every path that launches nothing:
# --help, --version, --print-filter, and the errors of profiles and of
# the command line.  Each case: valgrind found no memory error and no
# definite or indirect leak (its status is not 99), and jailrun exits as
# it does without valgrind (0, or 125 with its one-line message).
#
# valgrind has no seccomp(2) (syscall 317 is "unhandled"), so libseccomp
# finds no kernel support there and compiling a filter stops early: under
# valgrind such a --print-filter says "setting filter attributes failed"
# (or "seccomp_init failed" for seccomp.action = kill), status 125.  Those cases run the profile and policy code
# under valgrind, and the same command without valgrind must print the
# filter.
. "$top_srcdir/tests/integration/lib.sh"
: "${JAILRUN_PROFILE_PATH:?run through make check}"

if ! command -v valgrind >/dev/null; then
	skip "valgrind is not installed (Debian package valgrind)"
	done_testing
	exit
fi
if grep -aq __asan_init "$JAILRUN"; then
	skip_always "jailrun is built with AddressSanitizer, which valgrind cannot run (the sanitizer pass checks this build)"
	done_testing
	exit
fi
# A static jailrun (configure's default where libc.a is there) has its
# malloc inside: valgrind would see no heap at all.  The build then has
# the same objects linked against the shared glibc, and valgrind runs
# that one.
if "$top_builddir/tests/helpers/jr-elf" "$JAILRUN" | grep -q static; then
	dyn="$top_builddir/tests/helpers/dynamic/jailrun"
	if [ ! -x "$dyn" ]; then
		not_ok "the dynamic jailrun for valgrind" "jailrun is static, $dyn was not built"
		done_testing
		exit
	fi
	diag "jailrun is static: valgrind runs $dyn, the same objects linked dynamically"
	JAILRUN=$dyn
fi
# src/jailrun is the real binary (libjailrun is a convenience library,
# linked in); through libtool all the same in case that ever changes.
VG="$top_builddir/libtool --mode=execute valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect -q"

# vg DESC WANT_RC WANT_MSG ARGS...: jailrun ARGS under valgrind.
# WANT_MSG: the last line on stderr ("" for none checked).
vg() {
	desc=$1 want_rc=$2 want_msg=$3
	shift 3
	$VG "$JAILRUN" "$@" > "$TMPD/out" 2> "$TMPD/err"
	vrc=$?
	msg=$(grep -v -e '^--[0-9]*--' -e '^==[0-9]*==' "$TMPD/err" | tail -n 1)
	if [ "$vrc" = 99 ]; then
		not_ok "$desc: valgrind found no error" "$(cat "$TMPD/err")"
	else
		ok "$desc: valgrind found no error"
	fi
	case $vrc:$want_rc:$msg in
	"125:0:jailrun: setting filter attributes failed" | \
	"125:0:jailrun: seccomp_init failed")
		# valgrind's missing seccomp(2); the real run must succeed
		jr "$@"
		is "$rc" 0 "$desc: status 0 (without valgrind: no seccomp(2) in valgrind)"
		return
		;;
	esac
	is "$vrc" "$want_rc" "$desc: status $want_rc"
	# the message among jailrun's lines: valgrind lacks pidfd_open, so
	# a sandbox of another test running meanwhile adds a line of
	# refused records to the ones that read them
	if [ -n "$want_msg" ]; then
		if grep -v -e '^--[0-9]*--' -e '^==[0-9]*==' "$TMPD/err" |
			grep -Fxq -- "$want_msg"; then
			ok "$desc: the message"
		else
			not_ok "$desc: the message" "got:  '$msg'" "want: '$want_msg'"
		fi
	fi
}

P="$TMPD/p.profile"
mkdir -p "$XDG_CONFIG_HOME/jailrun" # the user dir, named in messages

vg "--help" 0 "" --help
grep -q -- '--print-filter' "$TMPD/out" && ok "--help: prints the options" ||
	not_ok "--help: prints the options" "$(cat "$TMPD/out")"
vg "--version" 0 "" --version
vg "--print-filter, no profile and no filter" 0 "" --noprofile --print-filter
vg "--print-filter, the default profile" 0 "" --profile=default --print-filter
vg "--print-filter, keep and drop lists" 0 "" --noprofile --print-filter \
	--seccomp.keep=@mount,read,write,close,exit_group,!chroot \
	--seccomp.drop=mkdir,@swap --protocol=unix,inet --caps.drop=all
printf 'include = default\nignore = seccomp.action\n[seccomp]\ndrop = mkdir\n  rmdir\naction = kill ; inline\n' > "$P"
vg "--print-filter, a profile with include and ignore" 0 "" \
	--profile="$P" --print-filter

# ---- errors: 125 and one line ------------------------------------------
printf 'shell = none\nseccomp.kep = read\n' > "$P"
vg "unknown key" 125 \
	"jailrun: $P:2: unknown key 'seccomp.kep' (did you mean 'seccomp.keep'?)" \
	--profile="$P" --print-filter
printf '# a\ninclude = ./b.profile\n' > "$TMPD/a.profile"
printf 'include = ./a.profile\n' > "$TMPD/b.profile"
vg "include cycle" 125 \
	"jailrun: $TMPD/b.profile:1: include cycle: $TMPD/a.profile is already being read" \
	--profile="$TMPD/a.profile" --print-filter
vg "missing profile file" 125 \
	"jailrun: $TMPD/missing.profile: cannot read: No such file or directory" \
	--profile="$TMPD/missing.profile" --print-filter
printf 'shell = none\ninclude = nosuch-xyz\n' > "$P"
vg "missing include" 125 \
	"jailrun: $P:2: include 'nosuch-xyz': no such profile (looked in $XDG_CONFIG_HOME/jailrun:$JAILRUN_PROFILE_PATH)" \
	--profile="$P" --print-filter
{ printf 'shell = none\n'; head -c 4096 /dev/urandom; printf '\000\n'; } > "$P"
vg "binary garbage" 125 "" --profile="$P" --print-filter
like "$msg" "^jailrun: $P:[0-9]+: " "binary garbage: one line naming the line"
awk 'BEGIN { for (i = 0; i < 16384; i++) printf "# %061d\n", i }' > "$P"
vg "a 1 MiB profile" 125 "jailrun: $P: larger than 256 KiB" \
	--profile="$P" --print-filter
mkfifo "$TMPD/fifo.profile"
vg "a FIFO as profile" 125 \
	"jailrun: $TMPD/fifo.profile: cannot read: not a regular file (a FIFO)" \
	--profile="$TMPD/fifo.profile" --print-filter
vg "unknown syscall with a suggestion" 125 \
	"jailrun: --seccomp.drop: unknown syscall 'mkdri' (did you mean 'mkdir'?)" \
	--noprofile --print-filter --seccomp.drop=mkdri
vg "unknown syscall in a keep list" 125 \
	"jailrun: --seccomp.keep: unknown syscall 'opneat' (did you mean 'openat'?)" \
	--noprofile --print-filter --seccomp.keep=read,opneat
vg "--debug-syscalls" 0 "" --debug-syscalls
vg "--debug-syscalls=@stdio" 0 "" --debug-syscalls=@stdio
vg "--debug-syscalls=openat" 0 "" --debug-syscalls=openat
vg "--debug-syscalls of an unknown group" 125 \
	"jailrun: --debug-syscalls: unknown syscall group '@stdoi' (did you mean '@stdio'?)" \
	--debug-syscalls=@stdoi
vg "--debug-protocols" 0 "" --debug-protocols
vg "--debug-caps" 0 "" --debug-caps
mkdir -m 700 "$TMPD/rt"
XDG_RUNTIME_DIR="$TMPD/rt" vg "--list" 0 "" --list
XDG_RUNTIME_DIR="$TMPD/rt" vg "--shutdown of nothing" 125 \
	"jailrun: --shutdown: no running sandbox 'x' (see --list)" --shutdown=x
vg "a bad rlimit" 125 \
	"jailrun: --rlimit.nofile: expected a number or 'unlimited', not 'many'" \
	--rlimit.nofile=many true
vg "unknown option" 125 "Try 'jailrun --help'." --seccomp.kep=read true
vg "no program given" 125 "Try 'jailrun --help'." --noprofile

done_testing
