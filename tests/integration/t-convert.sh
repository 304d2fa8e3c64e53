#!/bin/sh
# contrib/firejail-convert (a wrapper over jailrun --convert-firejail) on
# real firejail profiles (/etc/firejail, from Debian's firejail-profiles):
# the keys jailrun has are translated with firejail's meaning, every
# other directive is kept as a "# not converted:" comment with its
# reason, the counts add up, and the result (its includes aside: the
# import test reads them) is a profile jailrun compiles.
. "$top_srcdir/tests/integration/lib.sh"

CONVERT="$top_srcdir/contrib/firejail-convert"
PATH=/usr/bin:/bin
JAILRUN_BIN=$JAILRUN
# a home of its own: the converted profiles make things in it
# (private-cache: ~/.cache), and nobody's is /nonexistent
HOME="$TMPD/home"
mkdir -p "$HOME"
export PATH HOME

# converts NAME: convert /etc/firejail/NAME.profile to $conv, check the
# counts and that it compiles.  4 tests.
converts() {
	src=/etc/firejail/$1.profile
	conv="$TMPD/$1.profile"
	out=$(JAILRUN=$JAILRUN_BIN sh "$CONVERT" -o "$conv" "$src" 2>&1)
	rc=$?
	is "$rc" 0 "$1: converted"
	like "$out" "^jailrun: $src: [0-9]+ converted, [0-9]+ not converted$" \
		"$1: the counts are said"
	# each directive is converted or kept as a comment: the counts add
	# up to the directives of the source
	n_src=$(grep -cvE '^[[:space:]]*(#|$)' "$src")
	n_conv=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) converted, \([0-9]*\) not.*/\1 + \2/p')
	# shellcheck disable=SC2004 # n_conv is "A + B": evaluated here
	is "$(($n_conv))" "$n_src" "$1: converted + not converted = its $n_src directives"
	grep -v '^include = ' "$conv" >"$TMPD/$1-noinc.profile"
	jr --profile="$TMPD/$1-noinc.profile" --print-filter
	is "$rc" 0 "$1: the result compiles (--print-filter)" "$out"
}

wanted="curl ssh mpv akregator abiword spectre-meltdown-checker firefox"
missing=
for name in $wanted; do
	[ -f "/etc/firejail/$name.profile" ] || missing="$missing $name"
done
if [ -n "$missing" ]; then
	skip_n 40 "firejail profiles not installed:$missing"
	done_testing
	exit
fi

converts curl
c=$(cat "$conv")
like "$c" "^seccomp = yes$" "curl: seccomp -> seccomp = yes"
like "$c" "^protocol = inet,inet6$" "curl: protocol converted"
like "$c" "^caps.drop = all$" "curl: caps.drop all converted"
like "$c" "^private-tmp = yes$" "curl: private-tmp converted"
like "$c" "^private-dev = yes$" "curl: private-dev converted"
like "$c" "^restrict-namespaces = yes$" "curl: restrict-namespaces converted"
like "$c" "^sound = no$" "curl: nosound -> sound = no"
like "$c" "^dbus.user = none$" "curl: dbus-user none converted"
like "$c" "^include = ./disable-common.inc$" \
	"curl: include of .inc -> jailrun include beside it"
like "$c" "^# include curl.local: jailrun reads NAME.local" \
	"curl: include of .local -> dropped, with the reason"
like "$c" "^# nonewprivs: always on" "curl: nonewprivs -> comment: always on"
like "$c" "^# not converted: apparmor \(" \
	"curl: a key jailrun lacks -> comment with the reason"
like "$c" "^blacklist = \\$\\{RUNUSER\\}$" \
	"curl: \${RUNUSER} kept (jailrun's /run/user/UID, set or not)"
# firejail's noblacklist exempts from later blacklists; jailrun's !PATH
# takes back earlier ones: they come after the includes
last_inc=$(grep -n '^include = ' "$conv" | tail -n 1 | cut -d: -f1)
first_nb=$(grep -n '^blacklist = !' "$conv" | head -n 1 | cut -d: -f1)
if [ -n "$first_nb" ] && [ "$first_nb" -gt "$last_inc" ]; then
	ok "curl: noblacklist -> blacklist = !PATH after the includes"
else
	not_ok "curl: noblacklist -> blacklist = !PATH after the includes" "$c"
fi

converts ssh
converts mpv
like "$(cat "$conv")" "^# seccomp.block-secondary: always on" \
	"mpv: seccomp.block-secondary -> comment: always on"

converts akregator
like "$(cat "$conv")" "^seccomp.drop = !chroot$" \
	"akregator: seccomp !chroot -> seccomp = yes, seccomp.drop = !chroot"
jr --profile="$TMPD/akregator-noinc.profile" --print-filter
if printf '%s\n' "$out" | grep -q "deny  *chroot "; then
	not_ok "akregator: chroot is taken out of the default deny-list" "$out"
else
	ok "akregator: chroot is taken out of the default deny-list"
fi

converts abiword
like "$(cat "$conv")" "^net = none$" "abiword: net none converted"

converts spectre-meltdown-checker
like "$(cat "$conv")" "^seccomp.drop = @clock,@cpu-emulation,@module" \
	"spectre-meltdown-checker: seccomp.drop with @groups converted"
like "$(cat "$conv")" "^caps.keep = sys_rawio$" \
	"spectre-meltdown-checker: caps.keep converted"

converts firefox
like "$(cat "$conv")" "^include = ./firefox-common.profile$" \
	"firefox: the profile it redirects to is included"

# The converted ssh profile confines like the shipped one does.
jr --profile="$TMPD/ssh-noinc.profile" "$TRY" socket netlink
is "$out" EAFNOSUPPORT "converted ssh profile: protocol refuses netlink"
jr --profile="$TMPD/ssh-noinc.profile" "$TRY" call ptrace
is "$out" EPERM "converted ssh profile: seccomp refuses ptrace"
jr --noprofile "$TRY" socket netlink
is "$out" OK "... and without it, netlink works" 

# stdin
out=$(JAILRUN=$JAILRUN_BIN sh "$CONVERT" - </etc/firejail/curl.profile 2>/dev/null)
like "$out" "^caps.drop = all$" "- reads the profile from stdin"

# A profile whose every rule is lost refuses to convert.
printf 'apparmor\nnonewprivs\n' >"$TMPD/lost.profile"
jr --convert-firejail="$TMPD/lost.profile"
is "$rc" 125 "a profile that would enforce nothing: exit 125"
like "$out" "would enforce nothing" "... and says why"

# The network lines: dns converted, netfilter and net NAME explained.
printf 'net eth0\nnetfilter\ndns 192.0.2.53\n' >"$TMPD/netfj.profile"
jr --convert-firejail="$TMPD/netfj.profile"
like "$out" "^dns = 192.0.2.53$" "dns converted (firejail's meaning)"
like "$out" "^# not converted: netfilter \(firejail's netfilter acts only" \
	"netfilter -> comment naming jailrun's netfilter and net.allow"
like "$out" "^# not converted: net eth0 \(firejail's --net needs its" \
	"net NAME -> comment naming net = user"

# Errors: a missing file, binary data.
run env JAILRUN="$JAILRUN_BIN" sh "$CONVERT" "$TMPD/no-such.profile"
is "$rc" 1 "a missing firejail profile: exit 1"
like "$out" "No such file" "and says why"
printf 'caps.drop all\n\000\n' >"$TMPD/bin.profile"
jr --convert-firejail="$TMPD/bin.profile"
is "$rc" 125 "binary data: exit 125"
like "$out" "bin.profile:2: binary data" "... with its line"

done_testing
