#!/bin/sh
# Device classes and identity: each no* key (and sound = no) hides its
# class's /dev nodes, the same nodes are there without it, private-dev
# keeps the classes whose key is not set; noroot leaves no uid 0 inside,
# nogroups no supplementary group.
#
# This machine may have no GPU, camera or security key: the class tests
# run in a /dev of the test's own (a mount namespace made with unshare(1),
# a tmpfs on /dev holding the base nodes bound from the real ones and one
# fake node per class).  The planner reads /dev as it finds it, so
# nothing in jailrun knows it is being tested.  As root the fake nodes
# are character devices (/dev/null's numbers), and jailrun runs as root
# and as nobody in there; unprivileged, the namespace is a user
# namespace of the test's (unshare -r), the nodes are regular files
# holding "fake", and jailrun runs as that namespace's root.
. "$top_srcdir/tests/integration/lib.sh"

HOME="$TMPD/home"
export HOME
mkdir -p "$HOME"
chmod 755 "$TMPD" "$HOME"

# class KEY NODES (below /dev)
classes='
novideo   video0 v4l/by-id/cam
no3d      dri/card0 kfd nvidia0
nodvd     sr0
notv      dvb/adapter0/frontend0
nou2f     hidraw0 usb/hiddev0
noinput   input/event0
sound=no  snd/pcmC0D0p
'
all_nodes=$(printf '%s\n' "$classes" | awk 'NF { $1 = ""; print }' | tr '\n' ' ')

# The setup, run by sh in the new mount namespace: $1 is "dev" (mknod)
# or "file"; the command follows.
setup='
kind=$1 d=$2
shift 2
mount -t tmpfs -o mode=755 jr-fake-dev "$d" || exit 97
for n in null zero full random urandom tty; do
	: >"$d/$n" && mount --bind "/dev/$n" "$d/$n" || exit 97
done
mkdir "$d/pts" "$d/shm" && chmod 1777 "$d/shm" || exit 97
mount --rbind /dev/pts "$d/pts" || exit 97
ln -s /proc/self/fd "$d/fd"
for n in '"$all_nodes"'; do
	case $n in */*) mkdir -p "$d/${n%/*}" ;; esac
	if [ "$kind" = dev ]; then
		mknod -m 666 "$d/$n" c 1 3 || exit 97
	else
		echo fake >"$d/$n" || exit 97
	fi
done
mount --rbind "$d" /dev || exit 97
exec "$@"'

fakedir="$TMPD/fakedev"
mkdir -p "$fakedir"
# fakedev CMD...: CMD in the fake /dev; sets $out and $rc
if is_root; then
	fakedev() { run unshare -m --propagation private sh -c "$setup" sh dev "$fakedir" "$@"; }
else
	fakedev() { run unshare -r -m --propagation private sh -c "$setup" sh file "$fakedir" "$@"; }
fi

# What the sandbox sees of each node: dev (a character device), fake (a
# file with content), hidden (an empty file), none (not there or not
# reachable: inside a hidden directory)
state='for n; do
	if [ -c "/dev/$n" ]; then s=dev
	elif [ -s "/dev/$n" ]; then s=fake
	elif [ -e "/dev/$n" ]; then s=hidden
	else s=none; fi
	printf "%s:%s " "$n" "$s"
done'

# expect WHAT NODES: the line state prints when each node is WHAT
# (seen: dev or fake, as this run makes them; gone: hidden or none)
seen_re() { for _n; do printf '%s:(dev|fake) ' "$_n"; done; }
gone_re() { for _n; do printf '%s:(hidden|none) ' "$_n"; done; }

fake_ok=no
if command -v unshare >/dev/null; then
	fakedev sh -c 'test -c /dev/video0 || test -s /dev/video0'
	if [ "$rc" = 0 ]; then
		fake_ok=yes
	else
		why="the fake /dev could not be made: $out"
	fi
else
	why="unshare(1) is not installed"
fi

# the identities jailrun runs as in the fake /dev: root and nobody in
# root's run, the namespace's root in the unprivileged one
if is_root; then
	whos="root nobody"
else
	whos=userns-root
fi
as() {
	[ "$1" = nobody ] &&
		echo "setpriv --reuid=nobody --regid=nogroup --clear-groups"
}

printf '%s\n' "$classes" | awk 'NF' >"$TMPD/classes"
class_tests() { # class_tests WHO
	_pre=$(as "$1")
	while read -r key nodes <&3; do
		# shellcheck disable=SC2086
		fakedev $_pre "$JAILRUN" --noprofile sh -c "$state" sh $nodes
		like "$out" "^$(seen_re $nodes)\$" "$1: without $key: $nodes there"
		# shellcheck disable=SC2086
		fakedev $_pre "$JAILRUN" --noprofile "--$key" sh -c "$state" sh $nodes
		like "$out" "^$(gone_re $nodes)\$" "$1: $key hides $nodes"
		# shellcheck disable=SC2086
		fakedev $_pre "$JAILRUN" --noprofile --private-dev sh -c "$state" sh $nodes
		like "$out" "^$(seen_re $nodes)\$" "$1: private-dev keeps $nodes"
		# shellcheck disable=SC2086
		fakedev $_pre "$JAILRUN" --noprofile --private-dev "--$key" sh -c "$state" sh $nodes
		like "$out" "^$(gone_re $nodes)\$" "$1: private-dev with $key: $nodes left out"
	done 3<"$TMPD/classes"
}

for who in $whos; do
	if [ "$fake_ok" = yes ]; then
		class_tests "$who"
	else
		skip_n $(($(wc -l <"$TMPD/classes") * 4)) "$why"
	fi
done

if [ "$fake_ok" = yes ]; then
	# one class hidden leaves the others, and nou2f's attack: a program
	# that looks for a security key finds none
	fakedev "$JAILRUN" --noprofile --nou2f sh -c "$state" sh video0 dri/card0 hidraw0
	like "$out" "^video0:(dev|fake) dri/card0:(dev|fake) hidraw0:(hidden|none) \$" \
		"nou2f: only the u2f class is hidden"
	fakedev "$JAILRUN" --noprofile --nou2f sh -c 'ls /dev | grep -c "^hidraw" ; cat /dev/hidraw0 | wc -c'
	like "$(echo $out)" "^1 0\$" "nou2f: /dev/hidraw0 reads as nothing (an empty file)"
	fakedev "$JAILRUN" --noprofile --debug --nou2f true
	like "$out" "nou2f: hides /dev/usb /dev/hidraw0" "nou2f: --debug names what it hid"
	fakedev "$JAILRUN" --noprofile --debug --private-dev --no3d true
	like "$out" "private-dev: 3d left out \\(no3d\\)" "private-dev with no3d: --debug says the GPU is left out"
else
	skip_n 4 "$why"
fi

# on this machine's own /dev: a class with nothing to hide says so
jr --noprofile --debug --notv true
like "$out" "notv: (no tv device here|hides )" "notv: --debug says what it found"
jr --noprofile --private-dev ls /dev
like "$out" "null" "private-dev still has the base nodes"

# ---- noroot --------------------------------------------------------------
if is_root; then
	jr --noprofile "$TRY" setuid 0
	is "$out" OK "as root, without noroot: uid 0 is there"
	jr --noprofile --noroot sh -c 'id -u'
	is "$rc" 0 "noroot as root: runs (as firejail does)"
	like "$out" "^jailrun: WARNING: --noroot: noroot is not applied: jailrun runs as root" \
		"noroot as root: and says loudly that uid 0 stays"
	user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
else
	skip_always_n 3 "unprivileged: jailrun never maps uid 0 (root's run shows noroot's absence)"
	user=
fi
uid=$(${user:-env} id -u)
run $user "$JAILRUN" --noprofile --noroot cat /proc/self/uid_map
like "$out" "^ *$uid +$uid +1\$" "noroot: uid_map has one line, the user's"
run $user "$JAILRUN" --noprofile --noroot "$TRY" setuid 0
like "$out" "^(EINVAL|EPERM)\$" "noroot: setuid(0) fails ($out)"
run $user "$JAILRUN" --noprofile --noroot sh -c 'cat /proc/self/setgroups; wc -l </proc/self/gid_map'
is "$(echo $out)" "deny 1" "noroot: setgroups denied, one gid mapped"
# the rest of the sandbox works with it: mounts, Landlock, the supervisor
echo secret >"$TMPD/secret"
chmod 644 "$TMPD/secret"
run $user "$JAILRUN" --noprofile --noroot --report=yes --private-dev \
	"--blacklist=$TMPD/secret" --landlock.read=/ --landlock.exec=/ \
	--seccomp.drop=mkdir sh -c "cat '$TMPD/secret'; '$TRY' create '$TMPD/new'; '$TRY' mkdir '$TMPD/d'"
like "$out" "Permission denied|No such file" "noroot with blacklist: the file is hidden"
like "$out" "EACCES" "noroot with Landlock: creating outside the rules fails"
like "$out" "blocked: .*mkdir.*--seccomp.drop" "noroot with the supervisor: the denial is reported"
run $user "$JAILRUN" --noprofile --noroot --namespaces=!user true
is "$rc" 125 "noroot without the user namespace: exit 125"

# ---- nogroups ------------------------------------------------------------
if is_root; then
	jr_groups() { run setpriv --groups=4,24 "$JAILRUN" --noprofile "$@" id -G; }
	jr_groups
	is "$out" "0 4 24" "as root, without nogroups: the supplementary groups are there"
	jr_groups --nogroups
	is "$out" "0" "as root, nogroups: none left"
	run setpriv --reuid=nobody --regid=nogroup --groups=100 "$JAILRUN" --noprofile --nogroups id -G
	is "$rc" 0 "nogroups for a user with groups and no privilege: runs"
	like "$out" "WARNING: --nogroups: nogroups is not applied: this user has 1 supplementary group" \
		"... saying loudly that the group is kept"
	like "$out" "cannot be dropped" "... saying why"
else
	skip_always_n 4 "unprivileged: only root can give a process supplementary groups"
fi
run $user "$JAILRUN" --noprofile --nogroups id -G
is "$out" "$(${user:-env} id -g)" "nogroups: id -G has the user's group alone"

done_testing
