#!/bin/sh
# contrib/firejail-convert on real firejail profiles (/etc/firejail, from
# Debian's firejail package): the keys that map are converted, every other
# line is kept as a "# not converted:" comment with its reason, and the
# result is a profile jailrun compiles (--print-filter exits 0).
. "$top_srcdir/tests/integration/lib.sh"

CONVERT="$top_srcdir/contrib/firejail-convert"
PATH=/usr/bin:/bin
export PATH

# converts NAME: convert /etc/firejail/NAME.profile to $conv, check it
# parses and that no directive was lost.  3 tests.
converts() {
	src=/etc/firejail/$1.profile
	conv="$TMPD/$1.profile"
	run python3 "$CONVERT" -o "$conv" "$src"
	is "$rc" 0 "$1: converted"
	jr --profile="$conv" --print-filter
	is "$rc" 0 "$1: the result compiles (--print-filter)" "$out"
	# Every directive of the source that has no jailrun key is kept as
	# a "# not converted:" comment.
	n_src=$(grep -vE '^[[:space:]]*(#|$)' "$src" | grep -cvE \
		'^(seccomp|seccomp\.drop|seccomp\.keep|protocol|caps\.drop|caps\.keep)( |$)|^net none$|^shell none$|^dns [^ ]+$')
	n_out=$(grep -c '^# not converted: ' "$conv")
	is "$n_out" "$n_src" "$1: each of its $n_src other directives is a comment"
}

wanted="curl ssh mpv akregator abiword spectre-meltdown-checker dnscrypt-proxy"
missing=
for name in $wanted; do
	[ -f "/etc/firejail/$name.profile" ] || missing="$missing $name"
done
if [ -n "$missing" ]; then
	for name in $wanted; do
		skip "firejail profiles not installed:$missing"
	done
	done_testing
	exit
fi

converts curl
c=$(cat "$conv")
like "$c" "^seccomp = yes$" "curl: seccomp -> seccomp = yes"
like "$c" "^protocol = inet, inet6$" "curl: protocol converted"
like "$c" "^caps.drop = all$" "curl: caps.drop all converted"
like "$c" "^# not converted: include curl.local \(a user override file" \
	"curl: include of .local -> comment with the reason"
like "$c" "^# not converted: include disable-common.inc \(a firejail include" \
	"curl: include of .inc -> comment with the reason"
like "$c" "^# not converted: private-tmp \(filesystem confinement" \
	"curl: a filesystem key -> comment with the reason"
like "$c" "^# not converted: nonewprivs \(already on" \
	"curl: nonewprivs -> comment: always on"

converts ssh
converts mpv
like "$(cat "$conv")" "^# not converted: seccomp.block-secondary \(already on" \
	"mpv: seccomp.block-secondary -> comment: always on"

converts akregator
like "$(cat "$conv")" "^seccomp.drop = !chroot$" \
	"akregator: seccomp !chroot -> seccomp = yes, seccomp.drop = !chroot"
jr --profile="$conv" --print-filter
if printf '%s\n' "$out" | grep -q "deny  *chroot "; then
	not_ok "akregator: chroot is taken out of the default deny-list" "$out"
else
	ok "akregator: chroot is taken out of the default deny-list"
fi

converts abiword
like "$(cat "$conv")" "^net = none$" "abiword: net none converted"

converts spectre-meltdown-checker
like "$(cat "$conv")" "^seccomp.drop = @clock, @cpu-emulation, @module" \
	"spectre-meltdown-checker: seccomp.drop with @groups converted"
like "$(cat "$conv")" "^caps.keep = sys_rawio$" \
	"spectre-meltdown-checker: caps.keep converted"

converts dnscrypt-proxy

# The converted ssh profile confines like the shipped one does.
jr --profile="$TMPD/ssh.profile" "$TRY" socket netlink
is "$out" EAFNOSUPPORT "converted ssh profile: protocol refuses netlink"
jr --profile="$TMPD/ssh.profile" "$TRY" call ptrace
is "$out" EPERM "converted ssh profile: seccomp refuses ptrace"

# The network lines: dns converted, netfilter and net NAME explained.
printf 'net eth0\nnetfilter\ndns 192.0.2.53\n' >"$TMPD/netfj.profile"
run python3 "$CONVERT" -o "$TMPD/netfj.out" "$TMPD/netfj.profile"
c=$(cat "$TMPD/netfj.out")
like "$c" "^dns = 192.0.2.53$" "dns converted (firejail's meaning)"
like "$c" "^# not converted: netfilter \(firejail's netfilter acts only" \
	"netfilter -> comment naming jailrun's netfilter and net.allow"
like "$c" "^# not converted: net eth0 \(firejail's --net needs its" \
	"net NAME -> comment naming net = user"

# Errors: a missing file.
run python3 "$CONVERT" "$TMPD/no-such.profile"
is "$rc" 1 "a missing firejail profile: exit 1"
like "$out" "No such file" "and says why"

done_testing
