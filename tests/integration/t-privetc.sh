#!/bin/sh
# The private directory keys: private-etc, private-bin, private-opt,
# private-srv, private-lib (refused), machine-id, bind.  For each key the
# program sees the effect, the same program without the key does not,
# and the host is left as it was; the attacks try to get back what they
# hide (the real /etc, an unlisted program).  Every run drops the
# capabilities (root's sandbox keeps them otherwise, and CAP_SYS_ADMIN
# undoes any mount: t-fsescape.sh), except the controls that say so.
. "$top_srcdir/tests/integration/lib.sh"

FS="$top_builddir/tests/escape/fs-try"
HOME="$TMPD/home"
export HOME
mkdir -p "$HOME" "$TMPD/a" "$TMPD/b"
echo from-a >"$TMPD/a/f"
echo from-b >"$TMPD/b/f"
N="--noprofile --caps.drop=all"
host_hostname=$(cat /etc/hostname)

# ---- private-etc ---------------------------------------------------------
jr $N cat /etc/hostname
is "$out" "$host_hostname" "without private-etc: /etc/hostname is read"
jr $N --private-etc=hosts "$TRY" read /etc/hostname
is "$out" ENOENT "private-etc: an unlisted entry (/etc/hostname) is not there"
jr $N --private-etc=hostname cat /etc/hostname
is "$out" "$host_hostname" "private-etc: a listed entry is the host's"
jr $N --private-etc=hostname ls /etc
like "$out" "^ld\.so\.cache$" "private-etc: ld.so.cache is always there"
like "$out" "^nsswitch\.conf$" "private-etc: nsswitch.conf is always there"
jr $N --private-etc=hostname sh -c 'ls /etc | wc -l'
n_in=$out
n_host=$(ls /etc | wc -l)
[ "$n_in" -lt 20 ] && [ "$n_host" -gt "$n_in" ] &&
	ok "private-etc: $n_in entries in /etc, not the host's $n_host" ||
	not_ok "private-etc: few entries in /etc" "in: $n_in, host: $n_host"
jr $N --private-etc=hostname id -un
is "$out" "$(id -un)" "private-etc: the user has its name (generated passwd)"
jr $N --private-etc=hostname cut -d: -f1 /etc/passwd
want=$(printf '%s\n' root "$(id -un)" nobody | awk '!seen[$0]++')
is "$out" "$want" "private-etc: passwd holds root, the user and nobody only"
[ "$(grep -c . /etc/passwd)" -gt 3 ] &&
	ok "without private-etc: the host's passwd has more lines" ||
	not_ok "without private-etc: the host's passwd has more lines"
jr $N --private-etc=hostname cut -d: -f1 /etc/group
like "$out" "^root$" "private-etc: group holds root's group"
[ "$(printf '%s\n' "$out" | wc -l)" -le 3 ] &&
	ok "private-etc: group holds at most 3 lines" ||
	not_ok "private-etc: group holds at most 3 lines" "$out"

# /etc/shadow: hidden even from root inside
jr $N "$TRY" read /etc/shadow
case $out in
OK | EACCES) ok "without private-etc: /etc/shadow is there ($out)" ;;
*) not_ok "without private-etc: /etc/shadow is there" "$out" ;;
esac
jr $N --private-etc=hostname "$TRY" read /etc/shadow
is "$out" ENOENT "private-etc: /etc/shadow is not there"
jr $N --private-etc=hostname "$TRY" read /etc/gshadow
is "$out" ENOENT "private-etc: /etc/gshadow is not there"
jr $N --private-etc=shadow true
is "$rc:$out" "125:jailrun: --private-etc: private-etc: 'shadow' holds password hashes: it is never brought in" \
	"private-etc = shadow is refused"
jr $N --private-etc=hostname "$TRY" create /etc/jailrun-t-privetc
is "$out" EROFS "private-etc: /etc is read-only (even for root inside)"
jr $N --private-etc=hostname "$FS" umount /etc
is "$out" EPERM "private-etc: umount /etc, capabilities dropped: EPERM"
jr $N --private-etc=hostname "$FS" userns umount /etc
is "$out" EINVAL "private-etc: umount /etc from a nested user namespace: EINVAL (locked)"
jr $N --private-etc=hostname "$FS" cat /proc/self/root/etc/shadow
is "$out" ENOENT "private-etc: not through /proc/self/root either"
jr $N --private-etc=../x true
like "$out" "private-etc: '\.\./x' is not a name" "private-etc: a path is refused"
jr $N --debug --private-etc=hostname true
like "$out" "mount: tmpfs on /etc \(--private-etc\)" "private-etc: --debug shows the tmpfs"
like "$out" "mount: a file of [0-9]+ bytes at /etc/passwd" "private-etc: --debug shows the passwd made"
jr $N --namespaces=!mount --private-etc=hostname true
is "$rc:$out" "125:jailrun: --private-etc: this needs the mount namespace (namespaces = mount)" \
	"private-etc without a mount namespace: exit 125, saying why"

# ---- private-bin ---------------------------------------------------------
jr $N "$TRY" exec /usr/bin/true
is "$rc:$out" "0:" "without private-bin: /usr/bin/true runs"
jr $N --private-bin=ls "$TRY" exec /usr/bin/true
is "$out" ENOENT "private-bin: an unlisted program: ENOENT"
jr $N --private-bin=ls "$TRY" exec /bin/true
is "$out" ENOENT "private-bin: not through /bin either"
jr $N --private-bin=ls ls /usr/bin /bin
is "$out" "/bin:
ls

/usr/bin:
ls" "private-bin: /usr/bin and /bin hold the listed program only"
jr $N --private-bin=sh sh -c 'cat /etc/hostname'
is "$rc" 127 "private-bin: a listed shell cannot run an unlisted cat"
jr $N sh -c 'cat /etc/hostname'
is "$rc:$out" "0:$host_hostname" "without private-bin: the shell runs cat"
which=$(readlink -f /usr/bin/which)
if [ "$(head -c 2 "$which")" = "#!" ]; then
	jr $N --private-bin=which which sh
	is "$rc:$out" "0:/usr/bin/sh" \
		"private-bin: a #! script runs, its interpreter (sh) brought in"
	jr $N --private-bin=which which cat
	is "$rc:$out" "1:" "private-bin: what the script was not given is absent"
	jr $N which cat
	is "$rc:$out" "0:/usr/bin/cat" "without private-bin: which finds cat"
else
	skip_n 3 "/usr/bin/which is not a #! script here"
fi
jr $N --private-bin=ls,jailrun-none --debug true
like "$out" "mount: /usr/bin/jailrun-none does not exist, not bound" \
	"private-bin: --debug says a listed program is not there"
like "$out" "mount: /usr/bin/ls bound at /usr/bin/ls \(--private-bin\)" \
	"private-bin: --debug shows the listed program bound"

# ---- private-opt, private-srv --------------------------------------------
for d in opt srv; do
	if [ ! -d "/$d" ]; then
		skip_n 3 "no /$d here"
		continue
	fi
	jr $N stat -f -c %T "/$d"
	[ "$out" != tmpfs ] && ok "without private-$d: /$d is the host's ($out)" ||
		not_ok "without private-$d: /$d is the host's" "$out"
	jr $N "--private-$d=jailrun-none" stat -f -c %T "/$d"
	is "$out" tmpfs "private-$d: /$d is a tmpfs"
	first=$(ls -A "/$d" | head -n 1)
	if [ -n "$first" ] && [ "$(ls -A "/$d" | wc -l)" -gt 1 ]; then
		jr $N "--private-$d=$first" ls -A "/$d"
		is "$out" "$first" "private-$d: only the listed entry ($first)"
	else
		jr $N "--private-$d=jailrun-none" ls -A "/$d"
		is "$out" "" "private-$d: an unlisted (missing) entry is not made"
	fi
done
jr $N --private-lib=libc.so.6 true
is "$rc:$out" "125:jailrun: --private-lib: private-lib: not supported: the libraries a program loads with dlopen (NSS, gconv, plugins) cannot be known in advance" \
	"private-lib: exit 125, not supported, saying why"

# ---- machine-id ----------------------------------------------------------
if [ -r /etc/machine-id ]; then
	host_id=$(cat /etc/machine-id)
	jr $N cat /etc/machine-id
	is "$out" "$host_id" "without machine-id: the host's /etc/machine-id"
	jr $N --machine-id cat /etc/machine-id
	id1=$out
	like "$id1" "^[0-9a-f]{32}$" "machine-id: 32 hex digits"
	[ "$id1" != "$host_id" ] && ok "machine-id: not the host's" ||
		not_ok "machine-id: not the host's" "$id1"
	jr $N --machine-id cat /etc/machine-id
	[ "$out" != "$id1" ] && ok "machine-id: another sandbox has another" ||
		not_ok "machine-id: another sandbox has another" "$out"
else
	skip_n 4 "no readable /etc/machine-id here"
fi
if [ -e /var/lib/dbus/machine-id ]; then
	jr $N --machine-id sh -c 'cmp /etc/machine-id /var/lib/dbus/machine-id && echo same'
	is "$out" same "machine-id: /var/lib/dbus/machine-id is the same new one"
else
	skip "no /var/lib/dbus/machine-id here"
fi
jr $N --machine-id --private-etc=hostname cat /etc/machine-id
like "$out" "^[0-9a-f]{32}$" "machine-id with private-etc: made in the private /etc"
jr $N --debug --machine-id true
like "$out" "mount: a file of 33 bytes at /etc/machine-id \(machine-id\)" \
	"machine-id: --debug shows it"

# ---- bind ----------------------------------------------------------------
jr $N cat "$TMPD/b/f"
is "$out" from-b "without bind: DST is itself"
jr $N "--bind=$TMPD/a,$TMPD/b" cat "$TMPD/b/f"
is "$out" from-a "bind: SRC is seen at DST (the user may write DST's parent)"
is "$(cat "$TMPD/b/f")" from-b "bind: the host's DST is unchanged"
jr $N "--bind=$TMPD/a/f,/etc/hostname" cat /etc/hostname
if is_root; then
	is "$rc:$out" 0:from-a "bind: root may bind over /etc/hostname"
else
	is "$rc:$out" "125:jailrun: --bind: bind: /etc/hostname: only root may bind there (the user may bind only where it can write the parent directory)" \
		"bind: refused where the user may not write DST's parent"
fi
is "$(cat /etc/hostname)" "$host_hostname" "bind: the host's /etc/hostname is unchanged"
jr $N "--bind=$TMPD/a,$TMPD/b/f" true
like "$rc:$out" "^125:.*not both directories or both files" "bind: a directory over a file is refused"
jr $N "--bind=a,$TMPD/b" true
like "$rc:$out" "^125:.*bind: expected SRC,DST, two absolute paths" "bind: relative paths are refused"
jr $N --debug "--bind=$TMPD/a,$TMPD/b" true
like "$out" "mount: $TMPD/a bound at $TMPD/b \(--bind\)" "bind: --debug shows it"

# ---- who the user is, without NSS modules (a static jailrun) --------------
# A uid no file knows, HOME unset: the planners and private-etc ask who
# the user is.  A static jailrun asks glibc's built-in files, then
# getent(1); glibc itself would dlopen libnss_systemd and a second
# libc.so.6 into the static program.  So the running supervisor maps no
# shared library at all (the dynamic build maps libc.so by design).
if ! is_root; then
	skip_always_n 4 "needs root, to run as a uid that /etc/passwd does not have"
elif ! "$top_builddir/tests/helpers/jr-elf" "$JAILRUN" | grep -q static; then
	skip_always_n 4 "jailrun is linked dynamically here (--disable-static-libc, or a sanitizer build)"
else
	uid=4242
	while getent passwd "$uid" >/dev/null; do uid=$((uid + 1)); done
	mkdir -p "$TMPD/u"
	chown "$uid" "$TMPD/u"
	setpriv --reuid="$uid" --regid="$uid" --clear-groups env -u HOME \
		"$JAILRUN" $N --private-etc=hostname \
		sh -c 'cat /etc/passwd; echo started; sleep 2' \
		>"$TMPD/u/out" 2>&1 &
	pid=$!
	if wait_for 10 grep -q started "$TMPD/u/out"; then
		cp "/proc/$pid/maps" "$TMPD/maps"
	fi
	wait "$pid"
	is "$?" 0 "an unknown uid without HOME: the sandbox runs"
	like "$(cat "$TMPD/u/out")" "^nobody:x:65534:" "an unknown uid: private-etc's passwd has nobody"
	if ! grep -q "^[^:]*:x:$uid:" "$TMPD/u/out"; then
		ok "an unknown uid: no passwd line is made up for it"
	else
		not_ok "an unknown uid: no passwd line is made up for it" "$(cat "$TMPD/u/out")"
	fi
	if [ -s "$TMPD/maps" ] && ! grep -q '\.so' "$TMPD/maps"; then
		ok "the static supervisor maps no shared library (no NSS module loaded)"
	else
		not_ok "the static supervisor maps no shared library (no NSS module loaded)" \
			"$(grep '\.so' "$TMPD/maps" 2>/dev/null || echo 'no maps read')"
	fi
fi

done_testing
