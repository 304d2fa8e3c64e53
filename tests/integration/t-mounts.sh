#!/bin/sh
# Private mounts in the sandbox's own mount namespace, without
# privilege: private-tmp, private-dev, read-only, blacklist, whitelist,
# mkdir.  For each key the program sees the effect, the same program
# without the key does not, and the host is left as it was.  Attacks on
# these mounts are in t-fsescape.sh.
. "$top_srcdir/tests/integration/lib.sh"

HOME="$TMPD/home"
export HOME
mkdir -p "$HOME/.ssh" "$HOME/Downloads" "$HOME/docs" "$TMPD/data"
echo key >"$HOME/.ssh/id_test"
echo torrent >"$HOME/Downloads/f"
echo doc >"$HOME/docs/d"
echo data >"$TMPD/data/f"
mark="jailrun-t-mounts-$$"
: >"/tmp/$mark"
trap 'rm -rf "$TMPD" "/tmp/$mark" "/tmp/$mark.in"' EXIT

# ---- private-tmp ---------------------------------------------------------
jr --noprofile ls /tmp
like "$out" "$mark" "without private-tmp: the host's /tmp is seen"
jr --noprofile --private-tmp ls -A /tmp
is "$(printf '%s\n' "$out" | grep -vx '\.X11-unix')" "" \
	"private-tmp: /tmp is empty (but for the X11 socket directory, as firejail)"
jr --noprofile --private-tmp --x11=no --net=none ls -A /tmp
is "$out" "" "private-tmp with x11 = no: /tmp is empty"
jr --noprofile --private-tmp sh -c "echo x >/tmp/$mark.in && cat /tmp/$mark.in"
is "$out" x "private-tmp: /tmp is writable"
[ ! -e "/tmp/$mark.in" ] && ok "private-tmp: what is written there stays in the sandbox" ||
	not_ok "private-tmp: what is written there stays in the sandbox"
jr --noprofile --private-tmp stat -c %a /tmp
is "$out" 1777 "private-tmp: mode 1777"

# ---- private-dev ---------------------------------------------------------
jr --noprofile "$TRY" read /dev/kmsg
case $out in
OK | EACCES | EPERM) ok "without private-dev: /dev/kmsg exists ($out)" ;;
*) not_ok "without private-dev: /dev/kmsg exists" "$out" ;;
esac
jr --noprofile --private-dev "$TRY" read /dev/kmsg
is "$out" ENOENT "private-dev: /dev/kmsg is not there"
# every device class left out (t-devices.sh has them)
jr --noprofile --private-dev --no3d --novideo --nodvd --notv --nou2f \
	--noinput --sound=no ls /dev
is "$(echo $out)" "fd full null ptmx pts random shm stderr stdin stdout tty urandom zero" \
	"private-dev: exactly the minimal set"
jr --noprofile --private-dev sh -c 'echo x >/dev/null && head -c 4 /dev/zero | od -An -tx1'
is "$(echo $out)" "00 00 00 00" "private-dev: null and zero work"
jr --noprofile --private-dev sh -c 'echo x >/dev/shm/t && cat /dev/shm/t'
is "$out" x "private-dev: /dev/shm is writable"
jr --noprofile --private-dev sh -c 'test -c /dev/pts/ptmx && echo pts'
is "$out" pts "private-dev: a devpts instance of its own"

# ---- read-only -----------------------------------------------------------
jr --noprofile sh -c "echo y >'$TMPD/data/f' && echo written"
is "$out" written "without read-only: the file is writable"
jr --noprofile "--read-only=$TMPD/data" "$TRY" write "$TMPD/data/f"
is "$out" EROFS "read-only: writing fails with EROFS"
jr --noprofile "--read-only=$TMPD/data" "$TRY" create "$TMPD/data/new"
is "$out" EROFS "read-only: creating fails with EROFS"
jr --noprofile "--read-only=$TMPD/data" cat "$TMPD/data/f"
is "$out" y "read-only: reading works"
jr --noprofile "--read-only=$TMPD/data/f" "$TRY" write "$TMPD/data/f"
is "$out" EROFS "read-only on a single file"
jr --noprofile "--read-only=$TMPD" "$TRY" create "$TMPD/data/x"
is "$out" EROFS "read-only covers what is below it"
"$TRY" write "$TMPD/data/f" >/dev/null
is "$("$TRY" write "$TMPD/data/f")" OK "the host's file stays writable outside"

# ---- blacklist -----------------------------------------------------------
jr --noprofile cat "$HOME/.ssh/id_test"
is "$out" key "without blacklist: ~/.ssh/id_test is readable"
# the directory is hidden by an empty one of mode 000: root sees it
# empty, anyone else cannot enter it
gone="No such file or directory|Permission denied"
jr --noprofile --blacklist=~/.ssh cat "$HOME/.ssh/id_test"
like "$out" "$gone" "blacklist=~/.ssh: the key is gone"
jr --noprofile --blacklist=~/.ssh ls -A "$HOME/.ssh"
if is_root; then
	is "$rc/$out" "0/" "blacklist=~/.ssh: the directory is empty"
else
	like "$out" "Permission denied" "blacklist=~/.ssh: the directory cannot be opened"
fi
jr --noprofile --blacklist=~/.ssh "$TRY" create "$HOME/.ssh/new"
case $out in
EROFS | EACCES) ok "blacklist: nothing can be put there ($out)" ;;
*) not_ok "blacklist: nothing can be put there" "$out" ;;
esac
jr --noprofile --blacklist=~/.ssh/id_test cat "$HOME/.ssh/id_test"
if is_root; then
	is "$rc/$out" "0/" "blacklist of a file: root reads it empty"
else
	like "$out" "Permission denied" "blacklist of a file: unreadable (mode 000)"
fi
jr --noprofile --blacklist=~/.ssh/id_test "$TRY" write "$HOME/.ssh/id_test"
case $out in
EROFS | EACCES) ok "blacklist of a file: not writable ($out)" ;;
*) not_ok "blacklist of a file: not writable" "$out" ;;
esac
ln -s "$HOME/.ssh" "$HOME/sshlink"
jr --noprofile --blacklist=~/sshlink cat "$HOME/.ssh/id_test"
like "$out" "$gone" "blacklist of a symlink hides what it points to"
jr --noprofile "--blacklist=$TMPD/none" true
is "$rc" 0 "blacklist of a missing path: nothing to do"
jr --noprofile --debug "--blacklist=$TMPD/none" true
like "$out" "mount: $TMPD/none did not exist when planned, nothing to do" \
	"... and the init does not look for it again (--debug)"
# A path missing when planned that a mount of the plan makes before the
# hiding phase (here mkdir; a bind or a tmpfs alike) is looked for again,
# and hidden
rm -rf "$HOME/made"
jr --noprofile --mkdir=~/made "$TRY" create "$HOME/made/x"
is "$out" OK "control: mkdir alone: a file can be made in it"
rm -rf "$HOME/made"
jr --noprofile --mkdir=~/made --blacklist=~/made "$TRY" create "$HOME/made/x"
case $out in
EROFS | EACCES) ok "mkdir + blacklist of what it makes: hidden, nothing can be put there ($out)" ;;
*) not_ok "mkdir + blacklist of what it makes: hidden" "$out" ;;
esac
rm -rf "$HOME/made"
is "$(cat "$HOME/.ssh/id_test")" key "the host's key is untouched"

# ---- whitelist -----------------------------------------------------------
jr --noprofile ls -A "$HOME"
like "$(echo $out)" "docs" "without whitelist: the whole home is seen"
jr --noprofile --whitelist=~/Downloads ls -A "$HOME"
is "$out" Downloads "whitelist=~/Downloads: the home holds only it"
jr --noprofile --whitelist=~/Downloads cat "$HOME/Downloads/f"
is "$out" torrent "whitelist: what it holds is the real thing"
jr --noprofile --whitelist=~/Downloads sh -c "echo new >'$HOME/Downloads/g'"
is "$(cat "$HOME/Downloads/g" 2>&1)" new "whitelist: writes there reach the host"
jr --noprofile --whitelist=~/Downloads cat "$HOME/.ssh/id_test"
like "$out" "No such file" "whitelist: ~/.ssh is not there"
jr --noprofile --whitelist=~/Downloads,~/docs/d cat "$HOME/docs/d"
is "$out" doc "whitelist of a single file"
jr --noprofile --whitelist=~/Downloads,~/missing ls -A "$HOME"
is "$out" Downloads "whitelist: a missing path is skipped"
jr --noprofile --whitelist=~/Downloads stat -c %a "$HOME"
is "$out" 700 "whitelist: the home tmpfs is mode 700"
jr --noprofile --whitelist=/etc true
is "$rc" 125 "whitelist outside the home: exit 125"
like "$out" "^jailrun: --whitelist: whitelist: '/etc' is not beneath the home directory" \
	"... saying why"

# ---- mkdir, and the working directory -------------------------------------
jr --noprofile --mkdir=~/.config/app/sub true
[ -d "$HOME/.config/app/sub" ] && ok "mkdir: the directory exists afterwards" ||
	not_ok "mkdir: the directory exists afterwards" "$out"
is "$(stat -c %a "$HOME/.config/app/sub")" 700 "mkdir: mode 700"
jr --noprofile --mkdir=/var/x true
is "$rc" 125 "mkdir outside the home: exit 125"
# the working directory is taken again by its name, through the new
# mounts: starting inside a hidden directory does not reach what it hid
cd "$HOME/.ssh" || exit 1
jr --noprofile cat id_test
is "$out" key "without blacklist: a relative path from the working directory"
jr --noprofile --blacklist=~/.ssh cat id_test
like "$out" "$gone" "blacklist: not through the working directory either"
cd "$TMPD" || exit 1

# ---- without a mount namespace --------------------------------------------
jr --noprofile --private-tmp --namespaces=!mount,!pid true
is "$rc" 125 "private-tmp without the mount namespace: exit 125"
like "$out" "private-tmp: this needs the mount namespace" "... saying so"

# ---- rules that could not work as shown are errors ---------------------
# A mount over / (however the path reaches it) stacks above the root every
# process holds and changes nothing; a blacklist over the target or over
# a whitelisted path would undo the run or the rule.  Each was once
# reported under --debug ("mount: / hidden") and did nothing; now each is
# one line naming the option or FILE:LINE, exit 125, and the same key
# still works where it can.
ln -s / "$TMPD/to-root"
printf 'blacklist = /\n' >"$TMPD/root.profile"
whole="is the whole file system: a mount over it would change nothing"
for mode in $userns_modes; do
	in_mode $mode "$JAILRUN" --noprofile --blacklist=/ true
	is "$rc:$out" "125:jailrun: --blacklist: blacklist: '/' $whole" \
		"$mode: --blacklist=/ is an error"
	in_mode $mode "$JAILRUN" --profile="$TMPD/root.profile" true
	is "$rc:$out" "125:jailrun: $TMPD/root.profile:1: blacklist: '/' $whole" \
		"$mode: blacklist = / in a profile: FILE:LINE"
	in_mode $mode env HOME=/ "$JAILRUN" --noprofile --blacklist=~ true
	is "$rc:$out" "125:jailrun: --blacklist: blacklist: '/' $whole" \
		"$mode: --blacklist=~ with HOME=/ is an error"
	in_mode $mode "$JAILRUN" --noprofile --blacklist="$TMPD/to-root" true
	is "$rc:$out" "125:jailrun: --blacklist: blacklist: '$TMPD/to-root' resolves to /, the whole file system: a mount over it would change nothing" \
		"$mode: a blacklist through a symlink to / is an error"
	in_mode $mode env HOME=/ "$JAILRUN" --noprofile --whitelist=/tmp true
	is "$rc:$out" "125:jailrun: --whitelist: whitelist: the home directory (/) is /: a tmpfs over it would change nothing" \
		"$mode: --whitelist with HOME=/ is an error"
	in_mode $mode "$JAILRUN" --noprofile --blacklist="$(dirname "$TRY")" "$TRY" pid
	is "$rc:$out" "125:jailrun: --blacklist: blacklist: '$(dirname "$TRY")' hides the target $TRY" \
		"$mode: a blacklist over the target is an error"
	in_mode $mode "$JAILRUN" --noprofile --debug --whitelist=~/Downloads --blacklist=~ sh -c 'test -e ~/Downloads || echo hidden'
	[ $mode = nouserns ] && ! is_root && out="$out
hidden" # no mount namespace: 125 before it runs; the note is the plan's
	like "$out" "^hidden$" "$mode: a blacklist over a whitelisted path: hidden"
	like "$out" "whitelist: '$HOME/Downloads' \(--whitelist\) stays hidden by the blacklist of '$HOME' \(--blacklist\), as in firejail" \
		"$mode: a blacklist over a whitelisted path wins, as in firejail, and --debug says so"
	# the same keys where they work (without a user namespace an
	# unprivileged user has no mount namespace: refused, 125)
	if [ $mode = nouserns ] && ! is_root; then
		in_mode $mode "$JAILRUN" --noprofile --read-only=/ true
		is "$rc" 125 "$mode: read-only = / without a mount namespace: refused"
		skip_always_n 6 "$mode: no mount namespace for an unprivileged user"
		continue
	fi
	in_mode $mode "$JAILRUN" --noprofile --whitelist=~/Downloads \
		cat "$HOME/Downloads/f"
	is "$out" torrent "$mode: control: a whitelisted file is there"
	in_mode $mode "$JAILRUN" --noprofile --whitelist=~/Downloads \
		--blacklist=~/Downloads/f sh -c "cat '$HOME/Downloads/f' 2>/dev/null; echo end"
	is "$out" end "$mode: control: a blacklist inside a whitelisted path hides it"
	in_mode $mode "$JAILRUN" --noprofile "$TRY" create "$TMPD/data/new.$mode"
	is "$out" OK "$mode: control: without read-only, a file can be made"
	in_mode $mode "$JAILRUN" --noprofile --read-only=/ "$TRY" create "$TMPD/data/ro.$mode"
	is "$out" EROFS "$mode: read-only = / works: nothing can be made"
	in_mode $mode "$JAILRUN" --noprofile --read-only="$TMPD/to-root" "$TRY" create "$TMPD/data/ro2.$mode"
	is "$out" EROFS "$mode: read-only through a symlink to / works too"
done

done_testing
