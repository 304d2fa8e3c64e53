#!/bin/sh
# tests/data/systemd-252-groups.txt, which test-groups holds jailrun's
# systemd-named groups to, is still what systemd 252's own tool prints.
# Skipped where systemd-analyze is missing or is not systemd 252 (other
# versions have other groups: the data file names the one it was made of).
. "$top_srcdir/tests/integration/lib.sh"

data="$top_srcdir/tests/data/systemd-252-groups.txt"
if ! command -v systemd-analyze >/dev/null 2>&1; then
	skip_always "systemd-analyze is not installed"
	done_testing
	exit
fi
version=$(systemd-analyze --version | sed -n '1s/^systemd \([0-9]*\).*/\1/p')
if [ "$version" != 252 ]; then
	skip_always "systemd-analyze is systemd ${version:-?}, the data is 252's"
	done_testing
	exit
fi
systemd-analyze syscall-filter --no-pager >"$TMPD/live" 2>/dev/null
# the data file is its header ("#" lines before the first group), then
# the tool's output unchanged
sed '/^@/,$!d' "$data" >"$TMPD/data"
# less its "Unlisted System Calls (supported by the local kernel ...)"
# block, which it prints only where it can read the kernel's tracefs
# event list: that is this machine's kernel, not systemd's groups
sed '/^@/,$!d' "$TMPD/live" | awk '
	/^# Unlisted System Calls/ { skip = 1; next }
	skip && (/^#   / || /^$/) { next }
	{ skip = 0; print }' >"$TMPD/live.groups"
if cmp -s "$TMPD/data" "$TMPD/live.groups"; then
	ok "the data file is systemd-analyze syscall-filter of this systemd 252"
else
	not_ok "the data file is systemd-analyze syscall-filter of this systemd 252" \
		"$(diff "$TMPD/data" "$TMPD/live.groups" | head -20)"
fi
groups=$(grep -c '^@' "$TMPD/data")
[ "$groups" -ge 25 ] && ok "it holds $groups groups" ||
	not_ok "it holds $groups groups (25 or more expected)"
done_testing
