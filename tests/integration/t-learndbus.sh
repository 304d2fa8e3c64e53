#!/bin/sh
# Learning the D-Bus names (issue 20): under dbus.user = filter,
# --learn runs xdg-dbus-proxy with --log and records the names the
# program called that the filter let through (dbus.user.talk), and the
# names it refused (listed, not granted); --learn-append merges them.
# Against a private session bus with services org.jailrun.Test1/Test2:
# learned under dbus.user.talk = org.jailrun.*, a program calling Test1
# gets dbus.user.talk = org.jailrun.Test1; under that profile (action
# kill) the call works, a call to Test2 fails (the proxy hides it) and
# works without jailrun.  On the real bus (dbus.user = yes) nothing is
# logged (the proxy logs only what it filters): dbus.user = yes stays.
. "$top_srcdir/tests/integration/lib.sh"

private_desktop

ntests=14
for t in dbus-daemon dbus-send dbus-test-tool xdg-dbus-proxy; do
	if ! command -v $t >/dev/null 2>&1; then
		skip_n $ntests "$t is not installed"
		done_testing
		exit
	fi
done

bus_start

# call NAME: a method call to the service NAME (its reply, or the error)
cat >"$TMPD/call.sh" <<'SH'
exec dbus-send --session --print-reply --dest="$1" / "$1.Ping"
SH
# own NAME: ask the bus for NAME (prints "uint32 1" when it is ours)
cat >"$TMPD/own.sh" <<'SH'
exec dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
	org.freedesktop.DBus.RequestName string:"$1" uint32:4
SH
call="sh $TMPD/call.sh"
own="sh $TMPD/own.sh"
for n in org.jailrun.Test1 org.jailrun.Test2; do
	echo_service $n
done
reply='^0:method return'

# the controls: both services answer without jailrun
run $call org.jailrun.Test1
like "$rc:$out" "$reply" "without jailrun: org.jailrun.Test1 answers"
run $call org.jailrun.Test2
like "$rc:$out" "$reply" "without jailrun: org.jailrun.Test2 answers"

# ---- learning under a filter, then enforcing what was learned ---------------
p="$TMPD/call.profile"
jr --noprofile --dbus.user=filter --dbus.user.talk='org.jailrun.*' \
	--learn="$p" -- $call org.jailrun.Test1
like "$rc:$out" "$reply" "learning under dbus.user.talk = org.jailrun.*: the call works"
talk=$(grep '^dbus\.user' "$p" 2>&1)
is "$talk" "dbus.user = filter
dbus.user.talk = org.jailrun.Test1" \
	"learned: dbus.user = filter, dbus.user.talk = the name it called"
is "$(grep -c -e '^# dbus\.user: filter .*the names it called, observed$' \
	-e "^#   through xdg-dbus-proxy's --log\$" "$p" 2>&1)" 2 \
	"learned: a comment says the names were observed through the proxy"
jr --profile="$p" --seccomp.action=kill -- $call org.jailrun.Test1
like "$rc:$out" "$reply" "under the learned profile (action kill): the call to org.jailrun.Test1 works"
jr --profile="$p" --seccomp.action=kill -- $call org.jailrun.Test2
like "$rc:$out" "^1:.*Error org\\.freedesktop\\.DBus\\.Error\\.ServiceUnknown" \
	"under the learned profile: a call to org.jailrun.Test2 fails (the proxy hides it)"

# --learn-append merges the names of another run
jr --noprofile --dbus.user=filter --dbus.user.talk='org.jailrun.*' \
	--learn="$p" --learn-append -- $call org.jailrun.Test2
talk=$(grep '^dbus\.user\.talk' "$p" 2>&1)
is "$rc:$talk" "0:dbus.user.talk = org.jailrun.Test1, org.jailrun.Test2" \
	"--learn-append: the names of both runs"

# learning under the narrow profile: the refused name is listed, not granted
p2="$TMPD/narrow.profile"
grep -v 'org.jailrun.Test2' "$p" | grep -v '^# observed-dbus' >"$p2.in"
sed 's/^dbus.user.talk = .*/dbus.user.talk = org.jailrun.Test1/' "$p2.in" >"$TMPD/n.profile"
jr --profile="$TMPD/n.profile" --learn="$p2" -- $call org.jailrun.Test2
like "$rc:$out" "^1:.*ServiceUnknown" "learning under dbus.user.talk = org.jailrun.Test1: the call to Test2 is refused"
is "$(grep -e '^dbus\.user\.talk' -e '^# refused on the bus' "$p2" 2>&1)" \
	"# refused on the bus, talk to: org.jailrun.Test2" \
	"learned: org.jailrun.Test2 listed as refused, not in dbus.user.talk"

# ---- owning a name ----------------------------------------------------------
po="$TMPD/own.profile"
jr --noprofile --dbus.user=filter --learn="$po" -- $own org.jailrun.Own1
like "$rc:$out" "^1:.*Error org\\.freedesktop\\.DBus\\.Error\\.ServiceUnknown" \
	"learning without dbus.user.own: RequestName is refused (the proxy hides it)"
is "$(grep -e '^dbus\.user\.own' -e 'refused on the bus' "$po" 2>&1)" \
	"# refused on the bus, own: org.jailrun.Own1" \
	"learned: the name it asked to own listed as refused, not granted"
jr --noprofile --dbus.user=filter --dbus.user.own=org.jailrun.Own1 \
	--learn="$po" -- $own org.jailrun.Own1
jr --profile="$po" --seccomp.action=kill -- $own org.jailrun.Own1
like "$(grep '^dbus\.user\.own' "$po")|$rc|$(printf '%s' "$out" | tr '\n' ' ')" \
	'^dbus\.user\.own = org\.jailrun\.Own1\|0\|method return .* uint32 1' \
	"dbus.user.own kept: under the learned profile (action kill) the name is owned"

# ---- the real bus, and no bus ----------------------------------------------
py="$TMPD/yes.profile"
jr --noprofile --dbus.user=yes --learn="$py" -- $call org.jailrun.Test2
is "$rc:$(grep -c -e '^# dbus\.user: the bus names it talked to are not learned on the real bus$' \
	-e '^dbus\.user = yes$' "$py" 2>&1)" 0:2 \
	"learning on the real bus: dbus.user = yes, and why the names are not learned"
done_testing
