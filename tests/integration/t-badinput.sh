#!/bin/sh
# Bad input through the real binary: every mistake in a profile or on the
# command line stops jailrun with status 125 and one line that says where
# and what ("jailrun: FILE:LINE: ..." or "jailrun: --opt: ..."); a bad
# option adds "Try 'jailrun --help'."; a fuzzed profile never crashes it.
# --print-filter reads and compiles everything and launches nothing.
. "$top_srcdir/tests/integration/lib.sh"
: "${JAILRUN_PROFILE_PATH:?run through make check}"

user="$XDG_CONFIG_HOME/jailrun"
mkdir -p "$user"
looked="$user:$JAILRUN_PROFILE_PATH"
P="$TMPD/p.profile"
try="Try 'jailrun --help'."

# fails DESC WANT ARGS...: status 125 and exactly the line WANT
fails() {
	desc=$1 want=$2
	shift 2
	jr "$@"
	is "$rc" 125 "$desc: status 125"
	is "$out" "$want" "$desc: the message"
}
# profile DESC WANT TEXT: TEXT (printf format) as $P fails with WANT
profile() {
	printf "$3" > "$P"
	fails "$1" "jailrun: $2" --profile="$P" --print-filter
}
# option DESC WANT ARGS...: a bad command line, with the --help hint
option() {
	desc=$1 want=$2
	shift 2
	fails "$desc" "jailrun: $want
$try" "$@"
}

# the good profile the bad ones differ from
printf 'shell = none\n[seccomp]\ndrop = mkdir\n' > "$P"
jr --profile="$P" --print-filter
is "$rc" 0 "a good profile passes"

# ---- keys and values ----------------------------------------------------
profile "typo in a key" \
	"$P:2: unknown key 'seccomp.kep' (did you mean 'seccomp.keep'?)" \
	'shell = none\nseccomp.kep = read\n'
profile "typo in a key inside a section" \
	"$P:3: unknown key 'seccomp.acton' (did you mean 'seccomp.action'?)" \
	'[seccomp]\ndrop = mkdir\nacton = kill\n'
profile "unknown syscall" \
	"$P:1: unknown syscall 'mkdri' (did you mean 'mkdir'?)" \
	'seccomp.drop = rmdir, mkdri\n'
profile "unknown syscall in keep" \
	"$P:3: unknown syscall 'opneat' (did you mean 'openat'?)" \
	'[seccomp]\nkeep = read\n  opneat\n'
profile "unknown group" \
	"$P:1: unknown syscall group '@mout' (did you mean '@mount'?)" \
	'seccomp.keep = @mout\n'
profile "unknown protocol" \
	"$P:1: unknown protocol 'inte' (did you mean 'inet'?)" \
	'protocol = unix,inte\n'
profile "bad seccomp.action" \
	"$P:1: seccomp.action: expected errno, errno:ENAME, kill or log, not 'trap'" \
	'seccomp.action = trap\n'
profile "bad errno name" \
	"$P:2: unknown errno 'EFOO' (e.g. EPERM, EACCES, ENOSYS)" \
	'[seccomp]\naction = errno:EFOO\n'
profile "shell = bash" \
	"$P:1: shell: jailrun runs the target directly, without a shell; only 'none' is accepted, not 'bash'" \
	'shell = bash\n'
profile "net = host" \
	"$P:1: net: 'none' (a new network namespace with loopback only) or 'user' (one connected through pasta or slirp4netns), not 'host'" \
	'net = host\n'
profile "bad bool" "$P:1: expected yes or no, not 'maybe'" 'seccomp = maybe\n'
profile "empty list item" "$P:1: empty item in list" \
	'seccomp.drop = mkdir,,rmdir\n'
profile "an inline hash comment" \
	"$P:1: space inside list item 'mkdir # no' (items are separated by commas; an inline comment needs ' ;')" \
	'seccomp.drop = mkdir # no\n'
profile "unknown capability" \
	"$P:1: unknown capability 'cap_net_admn' (e.g. net_admin, sys_ptrace, all)" \
	'caps.drop = cap_net_admn\n'
profile "unknown namespace" \
	"$P:1: unknown namespace 'network' (known: user, mount, pid, ipc, uts, cgroup, net)" \
	'namespaces = !network\n'
profile "a CLI-only key in a profile" \
	"$P:1: 'profile' can only be given on the command line" 'profile = x\n'
profile "ignore of an unknown key" \
	"$P:1: ignore: unknown key 'seccomp.acton' (did you mean 'seccomp.action'?)" \
	'ignore = seccomp.acton\n'
profile "a bare key" "$P:2: expected 'key = value' or '[section]'" \
	'shell = none\nseccomp\n'

# ---- what the format does not define (issue 24) ---------------------------
profile "a ':' delimiter (inih would take it)" \
	"$P:2: expected 'key = value': ':' is not a delimiter in a profile" \
	'shell = none\nseccomp.drop: mkdir\n'
profile "a ':' delimiter in a section" \
	"$P:2: expected 'key = value': ':' is not a delimiter in a profile" \
	'[seccomp]\ndrop : mkdir\n'
printf 'env.set = PATH=/bin:/usr/bin\nseccomp.action = errno:EACCES\n' > "$P"
jr --profile="$P" --print-filter
is "$rc" 0 "a ':' inside a value is fine"
profile "port '0-' (no end)" \
	"$P:1: '0-': expected a TCP port (0-65535) or a range FIRST-LAST" \
	'landlock.net.bind = 80,0-\n'
profile "port '1-+5' (a sign)" \
	"$P:1: '1-+5': expected a TCP port (0-65535) or a range FIRST-LAST" \
	'landlock.net.connect = 1-+5\n'
profile "syscall number 0x3b" \
	"$P:1: syscall number '0x3b' is not a decimal number" \
	'seccomp.drop = 0x3b\n'
profile "syscall number 59x" \
	"$P:1: syscall number '59x' is not a decimal number" \
	'seccomp.drop = 59x\n'
profile "syscall number 5000" \
	"$P:1: syscall number '5000' out of range (0-1023)" \
	'seccomp.drop = 5000\n'
l190=$(awk 'BEGIN { s = "seccomp.drop = mkdir"; while (length(s) < 185) s = s ",mkdir"; while (length(s) < 190) s = s " "; print s }')
is "${#l190}" 190 "(a line of 190 characters)"
printf 'shell = none\r\n%s\r\n' "$l190" > "$P"
jr --profile="$P" --print-filter
is "$rc" 0 "a 190-character line with CRLF: the CR does not count"
printf 'shell = none\r\n%sx\r\n' "$l190" > "$P"
fails "a 191-character line with CRLF" \
	"jailrun: $P:2: line longer than 190 characters (continue a long list on an indented line or repeat the key)" \
	--profile="$P" --print-filter
profile "a CR inside a line" "$P:1: control character 0x0d" \
	'seccomp.drop = mk\rdir\n'
s50=$(printf '%050d' 0 | tr 0 s)
profile "a section name of 50 characters" \
	"$P:2: section name longer than 49 characters" "shell = none\n[$s50]\nx = y\n"
printf '[%s]\n' "$(printf '%049d' 0 | tr 0 s)" > "$P"
jr --profile="$P" --print-filter
is "$rc" 0 "a section name of 49 characters (and no key) is read"
profile "caps.keep = all" \
	"$P:1: caps.keep: 'all' is not a capability: name the ones to keep (every other is dropped)" \
	'caps.keep = all\n'
profile "an unknown capability in caps.keep does not suggest all" \
	"$P:1: unknown capability 'net_admn' (e.g. net_admin, sys_ptrace)" \
	'caps.keep = net_admn\n'
printf 'caps.drop = all,net_admin\n' > "$P"
jr --profile="$P" --debug --print-filter
is "$rc" 0 "caps.drop = all,net_admin: 'all' may be one of the items"
printf 'caps.drop = net_admin,ALL\n' > "$P"
jr --profile="$P" --print-filter
is "$rc" 0 "caps.drop = net_admin,ALL: anywhere, any case"
# profile text reaches the terminal escaped: invalid UTF-8, C1 codes
profile "invalid UTF-8 in a value is escaped" \
	"$P:1: shell: jailrun runs the target directly, without a shell; only 'none' is accepted, not '\\xc3(sh'" \
	'shell = \303(sh\n'
profile "a C1 control (CSI) in a key is escaped" \
	"$P:1: unknown key 'x\\x9b31m'" 'x\23331m = y\n'
profile "a backslash is escaped too" \
	"$P:1: unknown syscall 'a\\\\x1b'" 'seccomp.drop = a\\x1b\n'
# not a regular file: said so, and never blocked on
mkfifo "$TMPD/fifo.profile"
fails "a profile that is a FIFO" \
	"jailrun: $TMPD/fifo.profile: cannot read: not a regular file (a FIFO)" \
	--profile="$TMPD/fifo.profile" --print-filter
fails "a profile that is a device" \
	"jailrun: /dev/null: cannot read: not a regular file (a character device)" \
	--profile=/dev/null --print-filter
if command -v python3 >/dev/null 2>&1 &&
	python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
		"$TMPD/sock.profile"; then
	fails "a profile that is a socket" \
		"jailrun: $TMPD/sock.profile: cannot read: not a regular file (a socket)" \
		--profile="$TMPD/sock.profile" --print-filter
else
	skip_n 2 "no python3 to make a unix socket"
fi

# ---- includes -----------------------------------------------------------
printf '# a\ninclude = ./b.profile\n' > "$TMPD/a.profile"
printf 'include = ./a.profile\n' > "$TMPD/b.profile"
fails "include cycle" \
	"jailrun: $TMPD/b.profile:1: include cycle: $TMPD/a.profile is already being read" \
	--profile="$TMPD/a.profile" --print-filter
profile "missing include" \
	"$P:2: include 'nosuch-xyz': no such profile (looked in $looked)" \
	'shell = none\ninclude = nosuch-xyz\n'
printf 'shell = none\n\nseccomp.drop = mkdri\n' > "$TMPD/inc.profile"
profile "an error in an include names the included file" \
	"$TMPD/inc.profile:3: unknown syscall 'mkdri' (did you mean 'mkdir'?)" \
	'include = ./inc.profile\n'

# ---- which profile ------------------------------------------------------
fails "--profile=NAME not found" \
	"jailrun: profile 'missing-xyz' not found (looked in $looked)" \
	--profile=missing-xyz --print-filter
fails "--profile=PATH not found" \
	"jailrun: $TMPD/missing.profile: cannot read: No such file or directory" \
	--profile="$TMPD/missing.profile" --print-filter
mkdir "$TMPD/dir.profile"
fails "a profile that is a directory" \
	"jailrun: $TMPD/dir.profile: cannot read: Is a directory" \
	--profile="$TMPD/dir.profile" --print-filter
if is_root; then
	skip_always "an unreadable profile: root reads anything"
else
	printf 'shell = none\n' > "$TMPD/secret.profile"
	chmod 000 "$TMPD/secret.profile"
	fails "an unreadable profile" \
		"jailrun: $TMPD/secret.profile: cannot read: Permission denied" \
		--profile="$TMPD/secret.profile" --print-filter
fi
# a user's NAME.local with an error stops the run before anything runs
printf 'shell = none\nsecomp.drop = mkdir\n' > "$user/sh.local"
fails "an error in the user's NAME.local" \
	"jailrun: $user/sh.local:2: unknown key 'secomp.drop' (did you mean 'seccomp.drop'?)" \
	sh -c "echo ran > '$TMPD/ran'"
[ -e "$TMPD/ran" ] && not_ok "an error in NAME.local: nothing runs" ||
	ok "an error in NAME.local: nothing runs"
rm -f "$user/sh.local"

# ---- limits -------------------------------------------------------------
long=$(awk 'BEGIN { s = "seccomp.drop = mkdir"; while (length(s) < 300) s = s ",mkdir"; print s }')
profile "a line of 300 characters" \
	"$P:3: line longer than 190 characters (continue a long list on an indented line or repeat the key)" \
	"shell = none\n# next\n$long\n"
awk 'BEGIN { for (i = 0; i < 16384; i++) printf "# %061d\n", i }' > "$P"
is "$(wc -c < "$P")" 1048576 "(a 1 MiB profile)"
fails "a 1 MiB profile" "jailrun: $P: larger than 256 KiB" \
	--profile="$P" --print-filter
printf 'shell = none\nnet\000 = none\n' > "$P"
fails "a NUL byte" "jailrun: $P:2: binary data (NUL byte): not a profile" \
	--profile="$P" --print-filter
printf 'shell = none\n\033[31mnet = none\n' > "$P"
fails "a control character" "jailrun: $P:2: control character 0x1b" \
	--profile="$P" --print-filter
{ printf 'shell = none\n'; head -c 4096 /dev/urandom; printf '\000\n'; } > "$P"
jr --profile="$P" --print-filter
is "$rc" 125 "binary garbage: status 125"
like "$out" "^jailrun: $P:[0-9]+: (binary data \(NUL byte\): not a profile|control character 0x[0-9a-f]{2}|line longer than 190 characters .*)$" \
	"binary garbage: one line naming the line"

# ---- the command line ---------------------------------------------------
option "unknown option" \
	"unknown option '--seccomp.kep' (did you mean '--seccomp.keep'?)" \
	--seccomp.kep=read true
option "an abbreviated option" \
	"unknown option '--nopro' (did you mean '--noprofile'?)" --nopro true
option "unknown short option" "unknown option '-x'" -x true
# firejail's options that jailrun spells otherwise get jailrun's name
option "firejail's --nonewprivs" \
	"unknown option '--nonewprivs': firejail's --nonewprivs is always on: every sandbox has no_new_privs" \
	--nonewprivs true
option "firejail's --env" \
	"unknown option '--env': firejail's --env is jailrun's --env.set=NAME=VALUE" \
	--env=A=B true
option "firejail's --noblacklist" \
	"unknown option '--noblacklist': firejail's --noblacklist is jailrun's --blacklist=!PATH" \
	--noblacklist=/x true
option "option missing its value" "option '--profile' needs a value" \
	--profile
option "--noprofile=x" "option '--noprofile' takes no value" \
	--noprofile=x true
option "a profile directive on the command line" \
	"--include: 'include' is a profile directive; on the command line use --profile" \
	--include=x true
option "no program given" "no program given" --noprofile
option "--profile= empty" "--profile: empty profile name" --profile= true
fails "bad value of an option" \
	"jailrun: --seccomp.drop: unknown syscall 'mkdri' (did you mean 'mkdir'?)" \
	--noprofile --print-filter --seccomp.drop=mkdri
fails "bad --seccomp value" "jailrun: --seccomp: expected yes or no, not 'maybe'" \
	--noprofile --print-filter --seccomp=maybe

# conflicting or useless options: one line, status 125, nothing runs
fails "--noprofile with --profile" \
	"jailrun: --noprofile and --profile=x: choose one" \
	--noprofile --profile=x true
fails "--learn-append without --learn" \
	"jailrun: --learn-append needs --learn=FILE (the profile to merge this run into)" \
	--noprofile --learn-append true
fails "--list with --shutdown" \
	"jailrun: --list and --shutdown=x: one at a time" --list --shutdown=x
fails "--list with a program" \
	"jailrun: --list runs no program: 'touch' would be ignored" \
	--list touch "$TMPD/listed"
[ -e "$TMPD/listed" ] && not_ok "--list prog: prog does not run" ||
	ok "--list prog: prog does not run"
fails "--shutdown with a program" \
	"jailrun: --shutdown runs no program: 'true' would be ignored" \
	--shutdown=x true

# --learn: the output is checked before the program runs
fails "--learn=DIR" \
	"jailrun: --learn=$TMPD: a directory; name the profile to write (--learn=$TMPD/NAME.profile)" \
	--noprofile --learn="$TMPD" sh -c "echo ran > '$TMPD/learn-ran'"
[ -e "$TMPD/learn-ran" ] && not_ok "--learn=DIR: nothing runs" ||
	ok "--learn=DIR: nothing runs"
fails "--learn in a missing directory" \
	"jailrun: --learn=$TMPD/nodir/x.profile: $TMPD/nodir: No such file or directory" \
	--noprofile --learn="$TMPD/nodir/x.profile" true
if is_root; then
	# root passes access(2) and any mode: /proc takes no new file
	ro=/proc
	want="jailrun: --learn=/proc/x.profile: cannot write in /proc: "
else
	ro="$TMPD/ro"
	mkdir "$ro"
	chmod 555 "$ro"
	want="jailrun: --learn=$ro/x.profile: cannot write in $ro: Permission denied\$"
fi
jr --noprofile --learn="$ro/x.profile" sh -c "echo ran > '$TMPD/learn-ran'"
is "$rc" 125 "--learn in an unwritable directory: status 125"
like "$out" "^$want" "--learn in an unwritable directory: said before the run"
[ -e "$TMPD/learn-ran" ] && not_ok "--learn unwritable: nothing runs" ||
	ok "--learn unwritable: nothing runs"
# a short write (the file-size limit, 512 bytes; SIGXFSZ ignored) says
# why, not an errno left over from an earlier call
run sh -c 'trap "" XFSZ; ulimit -f 1; exec "$@"' sh "$JAILRUN" --noprofile \
	--learn="$TMPD/short.profile" ls /
is "$rc" 125 "--learn, a short write: status 125"
like "$out" "jailrun: writing $TMPD/short.profile: File too large$" \
	"--learn, a short write: the real cause"

# a runtime error from a profile's value names FILE:LINE and the key
# (caps.drop: a profile that confines nothing is warned about first)
printf 'shell = none\nchdir = /nonexistent\ncaps.drop = all\n' > "$P"
fails "chdir to a missing directory" \
	"jailrun: $P:2: chdir = /nonexistent: No such file or directory" \
	--profile="$P" true
fails "--chdir to a missing directory" \
	"jailrun: --chdir=/nonexistent: No such file or directory" \
	--noprofile --chdir=/nonexistent true
hard=$(sh -c 'ulimit -H -n')
if [ "$hard" = unlimited ]; then
	skip_n 2 "no hard limit on open files here"
else
	printf 'rlimit.nofile = 99999999\ncaps.drop = all\n' > "$P"
	fails "rlimit.nofile above the hard limit" \
		"jailrun: $P:1: rlimit.nofile = 99999999 is above the hard limit $hard, which only privilege outside the sandbox can raise: Operation not permitted" \
		--profile="$P" true
fi

# ---- fuzz: mutations of a good profile never crash jailrun --------------
mkdir "$TMPD/fuzz"
cat > "$TMPD/fuzz/seed.profile" <<'EOF'
# fuzz seed
include = default.profile
protocol = unix,inet
caps.drop = all
shell = none
ignore = net
[seccomp]
keep = @default-deny, read, write, !mount, 0
	close, exit_group
drop = mkdir ; comment
action = errno:EACCES
EOF
jr --profile="$TMPD/fuzz/seed.profile" --print-filter
is "$rc" 0 "fuzz: the seed profile is good"
n=200
LC_ALL=C awk -v n="$n" -v dir="$TMPD/fuzz" '
function rnd(k) { return int(rand() * k) }
BEGIN {
	srand(20240601)
	for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
	tok = "=,!@[];# \n\t:.-"
}
{ seed = seed $0 "\n" }
END {
	for (f = 1; f <= n; f++) {
		len = 0
		for (i = 1; i <= length(seed); i++) b[++len] = ord[substr(seed, i, 1)]
		for (m = 1 + rnd(4); m > 0; m--) {
			op = rnd(7); p = 1 + rnd(len)
			if (op == 0) {		# any byte, NUL included
				b[p] = rnd(256)
			} else if (op <= 2) {	# insert a token or a letter
				for (i = len; i >= p; i--) b[i + 1] = b[i]
				len++
				b[p] = op == 1 ? ord[substr(tok, 1 + rnd(length(tok)), 1)] : 97 + rnd(26)
			} else if (op == 3) {	# delete a byte
				for (i = p; i < len; i++) b[i] = b[i + 1]
				len--
			} else if (op == 4) {	# repeat a stretch: long lines
				k = 1 + rnd(40); r = 1 + rnd(8); c = 0
				for (j = 0; j < r; j++)
					for (i = 0; i < k && p + i <= len; i++)
						t[++c] = b[p + i]
				for (i = len; i >= p; i--) b[i + c] = b[i]
				for (i = 1; i <= c; i++) b[p + i - 1] = t[i]
				len += c
			} else if (op == 5) {	# truncate
				len = p
			} else {		# a byte from the top half
				b[p] = 128 + rnd(128)
			}
		}
		out = dir "/f" f ".profile"
		for (i = 1; i <= len; i++) printf "%c", b[i] > out
		close(out)
	}
}' "$TMPD/fuzz/seed.profile"
crashed="" multi="" i=1 accepted=0
while [ "$i" -le "$n" ]; do
	f="$TMPD/fuzz/f$i.profile"
	out=$("$JAILRUN" --profile="$f" --print-filter 2>&1 >/dev/null)
	rc=$?
	case $rc in
	0) accepted=$((accepted + 1)) ;;
	125)
		case $out in
		"jailrun: "*) ;;
		*) multi="$multi f$i" ;;
		esac
		[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || multi="$multi f$i"
		;;
	*) crashed="$crashed f$i:$rc" ;;
	esac
	i=$((i + 1))
done
diag "fuzz: $accepted of $n mutated profiles accepted"
is "$crashed" "" "fuzz: $n mutated profiles, every status 0 or 125"
is "$multi" "" "fuzz: every error is one 'jailrun: ' line"

done_testing
