#!/bin/sh
# firejail's file keys, without privilege (issue 19): private,
# private-cache, whitelist outside the home (/tmp, /var), whitelist-ro,
# nowhitelist, disable-mnt, read-write, noexec, tmpfs, mkfile,
# writable-var, writable-run-user.  Each key shows its effect, and the
# same run without it does not; the attacks try to reach what a key
# hides (the real home through /proc/self/root, .., a symlink, the
# working directory, a nested namespace) or to undo it.
. "$top_srcdir/tests/integration/lib.sh"

FS="$top_builddir/tests/escape/fs-try"
HOME="$TMPD/home"
export HOME
mkdir -p "$HOME/.ssh" "$HOME/Downloads" "$HOME/.cache/app" "$TMPD/data/sub" \
	"$TMPD/bin" "$TMPD/other"
echo key >"$HOME/.ssh/id_test"
chmod 600 "$HOME/.ssh/id_test"
echo dl >"$HOME/Downloads/f"
echo cached >"$HOME/.cache/app/c"
echo data >"$TMPD/data/f"
echo sub >"$TMPD/data/sub/f"
echo mine >"$TMPD/other/o"
cp /bin/true "$TMPD/bin/mytrue"
ln -s "$HOME/.ssh" "$TMPD/to-ssh"
mark="jailrun-t-private-$$"
: >"/tmp/$mark"
: >"/tmp/$mark.keep"
VT=$(mktemp -d /var/tmp/jailrun-private.XXXXXX) || exit 1
mkdir -p "$VT/keep" "$VT/gone"
echo kept >"$VT/keep/f"
echo gone >"$VT/gone/f"
chmod -R go+rwX "$VT"
trap 'rm -rf "$TMPD" "$VT" "/tmp/$mark" "/tmp/$mark.keep"' EXIT
# capabilities dropped, as root too: a process with CAP_SYS_ADMIN in the
# sandbox's namespaces could undo any mount
N="--noprofile --caps.drop=all"

# ---- private -------------------------------------------------------------
jr $N cat "$HOME/.ssh/id_test"
is "$out" key "without private: the planted key is read"
jr $N --private ls -A "$HOME"
is "$out" "" "private: the home is empty"
jr $N --private "$TRY" read "$HOME/.ssh/id_test"
is "$out" ENOENT "private: the planted key is not there"
jr $N --private "$TRY" read "/proc/self/root$HOME/.ssh/id_test"
is "$out" ENOENT "private: nor through /proc/self/root"
jr $N --private "$TRY" read "$HOME/../home/.ssh/id_test"
is "$out" ENOENT "private: nor through .."
jr $N "$TRY" read "$TMPD/to-ssh/id_test"
is "$out" OK "without private: a symlink outside the home reaches the key"
jr $N --private "$TRY" read "$TMPD/to-ssh/id_test"
is "$out" ENOENT "private: the symlink outside the home does not"
run sh -c "cd '$HOME/.ssh' && '$JAILRUN' $N --private cat id_test"
like "$out" "No such file" \
	"private: a working directory in the real home does not lead back"
# a non-recursive copy of the home's parent, made in a nested user
# namespace, would show what the private home covers: the kernel refuses
jr $N "$FS" userns open-tree "$TMPD" home/.ssh/id_test
is "$out" key "without private: a copy of the home's parent shows the key"
jr $N --private "$FS" userns open-tree "$TMPD" home/.ssh/id_test
is "$out" "open_tree: EINVAL" "private: a copy of the home's parent is refused"
jr $N --private sh -c "echo x >'$HOME/new' && cat '$HOME/new'"
is "$out" x "private: the home is writable"
[ ! -e "$HOME/new" ] && ok "private: what is written stays in the sandbox" ||
	not_ok "private: what is written stays in the sandbox"
jr $N --private "--whitelist=~/Downloads" sh -c 'ls -A ~; cat ~/Downloads/f'
is "$(echo $out)" "Downloads dl" "private + whitelist: the whitelisted path is brought in"
jr $N "--private=$TMPD/other" sh -c 'ls -A ~; cat ~/o; echo w >~/w'
is "$(echo $out)" "o mine" "private = DIR: DIR is the home"
[ -f "$TMPD/other/w" ] && ok "private = DIR: writes go to DIR" ||
	not_ok "private = DIR: writes go to DIR"
jr $N "--private=$TMPD/other" "$TRY" read "$HOME/.ssh/id_test"
is "$out" ENOENT "private = DIR: the planted key is not there"
jr $N "--private=$TMPD/nonexistent" true
is "$rc" 125 "private = a missing DIR: exit 125"
like "$out" "private: '$TMPD/nonexistent' is not a directory" "... saying why"
jr $N --private --debug true
like "$out" "mount: tmpfs on $HOME \(--private\)" "private: --debug says it"
jr $N --private "--namespaces=!mount,!pid" true
is "$rc" 125 "private without a mount namespace: exit 125"
like "$out" "private: this needs the mount namespace" "... saying why"

# ---- private-cache -------------------------------------------------------
jr $N cat "$HOME/.cache/app/c"
is "$out" cached "without private-cache: the cache is seen"
jr $N --private-cache sh -c 'ls -A ~/.cache; echo n >~/.cache/n'
is "$out" "" "private-cache: ~/.cache is empty and writable"
[ ! -e "$HOME/.cache/n" ] && ok "private-cache: what is written stays in the sandbox" ||
	not_ok "private-cache: what is written stays in the sandbox"
jr $N --private --private-cache sh -c 'test -d ~/.cache && echo made'
is "$out" made "private-cache in a private home: ~/.cache is made"

# ---- whitelist beneath /tmp and /var -------------------------------------
jr $N ls -A /tmp
like "$out" "$mark" "without whitelist: the rest of /tmp is seen"
jr $N "--whitelist=/tmp/$mark.keep" ls -A /tmp
is "$out" "$mark.keep" "whitelist beneath /tmp: only it is left in /tmp"
jr $N "--whitelist=/tmp/$mark.keep" stat -c %a /tmp
is "$out" 1777 "... /tmp mode 1777"
jr $N ls -A "$VT"
is "$(echo $out)" "gone keep" "without whitelist: all of the directory is seen"
jr $N "--whitelist=$VT/keep" sh -c "ls -A /var; ls -A /var/tmp; ls -A '$VT'; cat '$VT/keep/f'"
is "$(echo $out)" "tmp ${VT#/var/tmp/} keep kept" \
	"whitelist beneath /var: the rest of /var is empty"
jr $N "--whitelist=$VT/keep" "$TRY" read "$VT/gone/f"
is "$out" ENOENT "whitelist beneath /var: the rest is not reachable"
jr $N "--whitelist=$VT/keep" "$TRY" read "/proc/self/root$VT/gone/f"
is "$out" ENOENT "... nor through /proc/self/root"
jr $N "--whitelist=$VT/keep" sh -c "echo w >'$VT/keep/w'"
[ -f "$VT/keep/w" ] && ok "whitelist: the whitelisted path is the real one (writes reach it)" ||
	not_ok "whitelist: the whitelisted path is the real one (writes reach it)" "$out"
jr $N "--whitelist-ro=$VT/keep" "$TRY" write "$VT/keep/f"
is "$out" EROFS "whitelist-ro: writing fails with EROFS"
jr $N "--whitelist-ro=$VT/keep" cat "$VT/keep/f"
is "$out" kept "whitelist-ro: reading works"
jr $N "--whitelist=$VT/keep,$VT/gone" "--nowhitelist=$VT/gone" ls -A "$VT"
is "$out" keep "nowhitelist: that whitelist is ignored"
jr $N "--nowhitelist=$VT/gone" ls -A "$VT"
is "$(echo $out)" "gone keep" "nowhitelist alone: nothing is emptied"
jr $N "--whitelist=$VT/keep" --debug true
like "$out" "mount: tmpfs on /var \(--whitelist\)" "whitelist: --debug says the tmpfs"
mkdir -p "$VT/bin" && cp /bin/true "$VT/bin/mytrue" && chmod -R go+rx "$VT/bin"
jr $N "--whitelist=$VT/keep" "$VT/bin/mytrue"
is "$rc" 125 "whitelist whose tmpfs would hide the target: exit 125"
like "$out" "tmpfs on '/var' .* hides the target $VT/bin/mytrue" "... saying why"
jr $N "--whitelist=$VT/keep,$VT/bin" "$VT/bin/mytrue"
is "$rc" 0 "... and the target whitelisted too runs"
jr $N --whitelist=/usr/lib/jailrun-x true
is "$rc" 125 "whitelist beneath /usr/lib: exit 125"
like "$out" "whitelist: '/usr/lib/jailrun-x' is not beneath" "... saying why"

# ---- disable-mnt ---------------------------------------------------------
if [ -d /mnt ]; then
	jr $N stat -c %a /mnt
	is "$out" "$(stat -c %a /mnt)" "without disable-mnt: /mnt is the host's"
	jr $N --disable-mnt stat -c %a /mnt
	is "$out" 0 "disable-mnt: /mnt is an empty mode-000 directory"
	jr $N --disable-mnt "$TRY" opendir /mnt
	is "$out" EACCES "disable-mnt: /mnt cannot be listed"
else
	skip_n 3 "no /mnt here"
fi
jr $N --disable-mnt --debug true
like "$out" "hidden \(disable-mnt\)" "disable-mnt: --debug says it"

# ---- read-only, read-write -----------------------------------------------
jr $N "--read-only=$TMPD/data" "$TRY" write "$TMPD/data/sub/f"
is "$out" EROFS "read-only: beneath it is read-only"
jr $N "--read-only=$TMPD/data" "--read-write=$TMPD/data/sub" "$TRY" write "$TMPD/data/sub/f"
is "$out" OK "read-write beneath a read-only: writable again"
jr $N "--read-only=$TMPD/data" "--read-write=$TMPD/data/sub" "$TRY" write "$TMPD/data/f"
is "$out" EROFS "... the rest stays read-only"
jr $N "--read-only=$TMPD/data" "--read-write=$TMPD/data/sub" "$FS" setattr-rw "$TMPD/data"
case $out in
OK) not_ok "read-write: the target cannot make the rest writable" ;;
*) ok "read-write: the target cannot make the rest writable ($out)" ;;
esac
jr $N "--read-write=$TMPD/data/sub" "--read-only=$TMPD/data" "$TRY" write "$TMPD/data/sub/f"
is "$out" EROFS "a read-only given after the read-write wins (the order given)"
jr $N --blacklist=~/.ssh "--read-write=~/.ssh" true
is "$rc" 125 "read-write of a hidden path: exit 125"
like "$out" "read-write: '$HOME/.ssh' is hidden" "... saying why"

# ---- noexec --------------------------------------------------------------
jr $N "$TRY" exec "$TMPD/bin/mytrue"
is "$out.$rc" ".0" "without noexec: the program runs"
jr $N "--noexec=$TMPD/bin" "$TRY" exec "$TMPD/bin/mytrue"
is "$out" EACCES "noexec: execve fails with EACCES"
ld=$(for f in /lib64/ld-linux-x86-64.so.2 /lib/ld-linux-aarch64.so.1; do
	[ -x "$f" ] && echo "$f" && break
done)
if [ -n "$ld" ]; then
	jr $N "$ld" "$TMPD/bin/mytrue"
	is "$rc" 0 "without noexec: ld.so runs the program"
	jr $N "--noexec=$TMPD/bin" "$ld" "$TMPD/bin/mytrue"
	[ "$rc" != 0 ] && ok "noexec: ld.so cannot map it either (rc $rc)" ||
		not_ok "noexec: ld.so cannot map it either"
else
	skip_n 2 "no dynamic loader found"
fi
jr $N "--noexec=$TMPD/bin" --debug true
like "$out" "$TMPD/bin noexec,nosuid \(--noexec\)" "noexec: --debug says it"

# ---- tmpfs ---------------------------------------------------------------
jr $N "--tmpfs=$TMPD/data" sh -c "ls -A '$TMPD/data'; echo t >'$TMPD/data/t'; cat '$TMPD/data/t'"
is "$out" t "tmpfs: the directory is empty and writable"
[ ! -e "$TMPD/data/t" ] && [ -f "$TMPD/data/f" ] &&
	ok "tmpfs: the host's directory is left as it was" ||
	not_ok "tmpfs: the host's directory is left as it was"
jr $N "--tmpfs=~/.ssh" "$TRY" read "$HOME/.ssh/id_test"
is "$out" ENOENT "tmpfs: what was there is hidden"

# ---- mkfile --------------------------------------------------------------
[ ! -e "$HOME/.config/app/f" ] && ok "without mkfile: no file" ||
	not_ok "without mkfile: no file"
jr $N "--mkfile=~/.config/app/f" cat "$HOME/.config/app/f"
is "$out.$rc" ".0" "mkfile: the file is there, empty, when the target starts"
[ -f "$HOME/.config/app/f" ] && [ ! -s "$HOME/.config/app/f" ] &&
	[ "$(stat -c %u "$HOME/.config/app/f")" = "$(id -u)" ] &&
	ok "mkfile: made on the host, owned by the user" ||
	not_ok "mkfile: made on the host, owned by the user"
jr $N --mkfile=/etc/jailrun-x true
is "$rc" 125 "mkfile outside the user's places: exit 125"

# ---- writable-var, writable-run-user -------------------------------------
jr $N --writable-var --writable-run-user sh -c "echo v >'$VT/w2' && echo ok"
is "$out" ok "writable-var, writable-run-user: accepted, /var as writable as outside"
jr $N --writable-var=maybe true
is "$rc" 125 "writable-var = maybe: exit 125"

done_testing
