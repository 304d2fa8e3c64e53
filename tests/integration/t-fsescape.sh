#!/bin/sh
# Attacks on the file-system confinement (t-landlock.sh and t-mounts.sh
# test the keys themselves).  Layout: an allowed directory A (Landlock
# rules with landlock-base.inc), a secret S and a directory O outside
# it.  Each attack is shown failing with the errno Landlock or the mount
# gives, against a control where the same operation works: on an
# allowed target, or without the rule.  tests/escape/fs-try does one
# operation per run and prints "OK", what it read, or the errno name.
. "$top_srcdir/tests/integration/lib.sh"

FS="$top_builddir/tests/escape/fs-try"
HOME="$TMPD/home"
export HOME
A="$TMPD/allowed"
S="$TMPD/secret"
O="$TMPD/outside"
R="$TMPD/ro"
mkdir -p "$A" "$S" "$O" "$R" "$HOME/.ssh"
echo data >"$A/f"
echo secret >"$S/f"
echo out >"$O/g"
echo ro >"$R/f"
echo key >"$HOME/.ssh/id_test"
# $TMPD, and the build tree in the unprivileged CI run, are under /tmp,
# which private-tmp hides: a copy of fs-try in /var/tmp runs there.
mark="jailrun-t-fsescape-$$"
VT=$(mktemp -d /var/tmp/jailrun-fsescape.XXXXXX) || exit 1
bg=
trap 'kill $bg 2>/dev/null; umount "$TMPD/shared" 2>/dev/null
	rm -rf "$TMPD" "$VT" "/tmp/$mark"' EXIT
cp "$FS" "$VT/fs-try" && chmod -R go+rx "$VT"
FS2="$VT/fs-try"
# Every run drops the capabilities (as root, too: root's sandbox keeps
# them otherwise, and a process with CAP_SYS_ADMIN undoes any mount).
N="--noprofile --caps.drop=all"
L="--profile=landlock-base.inc --caps.drop=all --landlock.write=$A --landlock.exec=$FS"

# att LABEL WANT OPTIONS... -- the output (lines joined) is WANT
att() {
	_label=$1 _want=$2
	shift 2
	jr "$@"
	is "$(echo $out)" "$_want" "$_label"
}

abi=$("$JAILRUN" --noprofile --debug --landlock.read=/ true 2>&1 |
	sed -n 's/.*landlock: ABI \([0-9]*\),.*/\1/p')
if [ -z "$abi" ]; then
	skip "this kernel has no Landlock"
	done_testing
	exit
fi
diag "Landlock ABI $abi, running as $(id -un)"

# ---- symlinks, hard links, .., /proc/self ---------------------------------
att "symlink: making one in A that points to S is allowed" OK \
	$L "$FS" symlink "$S/f" "$A/to-secret"
att "symlink: following it is not (EACCES: the target is checked)" EACCES \
	$L "$FS" cat "$A/to-secret"
att "symlink: control: one in A pointing into A is followed" "OK data" \
	$L "$FS" symlink "$A/f" "$A/to-data" + cat "$A/to-data"
att "hard link of S into A: EXDEV (Landlock's refer rule)" EXDEV \
	$L "$FS" link "$S/f" "$A/linked"
att "hard link: control: the same link without Landlock works" OK \
	$N "$FS" link "$S/f" "$A/linked"
rm -f "$A/linked"
att "hard link: even with S readable, linking it into A: EXDEV" EXDEV \
	$L "--landlock.read=$S" "$FS" link "$S/f" "$A/linked"
att ".. traversal: A/../secret/f: EACCES" EACCES \
	$L "$FS" cat "$A/../secret/f"
att ".. traversal: control: A/../allowed/f is read" data \
	$L "$FS" cat "$A/../allowed/f"
att "/proc/self/root/S: EACCES (the real path is checked)" EACCES \
	$L "$FS" cat "/proc/self/root$S/f"
att "/proc/self/root: control: /proc/self/root/A/f is read" data \
	$L "$FS" cat "/proc/self/root$A/f"
att "/proc/self/cwd: cd into S (allowed) and open through cwd: EACCES" \
	EACCES $L sh -c "cd '$S' && exec '$FS' cat /proc/self/cwd/f"
att "/proc/self/cwd: control: the same from A" data \
	$L sh -c "cd '$A' && exec '$FS' cat /proc/self/cwd/f"

# ---- exec without the execute right ---------------------------------------
# Landlock's execute right is checked by execve(2); the dynamic loader
# (executable in landlock-base.inc) maps a readable program itself.
cp /bin/echo "$A/myecho"
ldso=$("$top_builddir/tests/helpers/jr-elf" /bin/echo |
	sed -n 's/.*, \(\/[^ ]*ld[^ ]*\.so[^ ]*\) (.*/\1/p')
att "exec of a program in A (read, no execute right): EACCES" EACCES \
	$L "$TRY" exec "$A/myecho"
if [ -n "$ldso" ] && [ -x "$ldso" ]; then
	att "not covered: the same program run by the loader ($ldso)" \
		through-ld.so $L "$ldso" "$A/myecho" through-ld.so
else
	skip "no dynamic loader found for /bin/echo"
fi

# ---- rename across the boundary -------------------------------------------
att "rename A/f -> outside: EACCES" EACCES \
	$L "$FS" rename "$A/f" "$O/f"
att "rename outside -> A: EACCES" EACCES \
	$L "$FS" rename "$O/g" "$A/g"
att "rename S (readable) -> A: EACCES (no right to remove it from S)" \
	EACCES $L "--landlock.read=$S" "$FS" rename "$S/f" "$A/stolen"
att "rename the allowed dir itself away: EACCES" EACCES \
	$L "$FS" rename "$A" "$O/moved"
att "rename: control: within A" "OK OK" \
	$L "$FS" rename "$A/f" "$A/f2" + rename "$A/f2" "$A/f"
att "rename: control: outside -> A without Landlock" "OK OK" \
	$N "$FS" rename "$O/g" "$A/g" + rename "$A/g" "$O/g"
is "$(cat "$S/f" "$O/g" "$A/f")" "secret
out
data" "the files are where they were"

# ---- open_by_handle_at ----------------------------------------------------
# name_to_handle_at needs nothing; open_by_handle_at needs
# CAP_DAC_READ_SEARCH in the initial user namespace: only root's
# sandbox can hold it, and then Landlock still checks the file.
att "open_by_handle_at on S, capabilities dropped: EPERM" \
	"open_by_handle_at: EPERM" $L "$FS" handle "$A" "$S/f"
if is_root; then
	att "open_by_handle_at: control: root keeping its capabilities reads S" \
		secret --noprofile "$FS" handle "$A" "$S/f"
	att "open_by_handle_at: with the capability, Landlock: EACCES" \
		"open_by_handle_at: EACCES" --profile=landlock-base.inc \
		"--landlock.write=$A" "--landlock.exec=$FS" "$FS" handle "$A" "$S/f"
	att "open_by_handle_at: with the capability, Landlock: A/f is read" \
		data --profile=landlock-base.inc \
		"--landlock.write=$A" "--landlock.exec=$FS" "$FS" handle "$A" "$A/f"
else
	att "open_by_handle_at as $(id -un): EPERM even without any rule" \
		"open_by_handle_at: EPERM" --noprofile "$FS" handle "$A" "$S/f"
	skip_always "open_by_handle_at with the capability: root only"
	skip_always "open_by_handle_at with the capability: root only"
fi

# ---- bind mounts from inside ----------------------------------------------
att "mount --bind S A, capabilities dropped: EPERM" EPERM \
	$N "$FS" bind "$S" "$A"
if is_root; then
	att "mount --bind: control: root keeping its capabilities can" OK \
		--noprofile "$FS" bind "$S" "$O"
	att "mount --bind with the capabilities, Landlock: EPERM" EPERM \
		--profile=landlock-base.inc "--landlock.write=$A" \
		"--landlock.exec=$FS" "$FS" bind "$S" "$O"
else
	skip_always "mount with the capabilities: root only"
	skip_always "mount with the capabilities: root only"
fi
# unshare -Urm: a new user namespace holds every capability, and its
# own mount namespace; Landlock refuses mount changes to a landlocked
# process (with file-system rules) whatever its capabilities.
att "nested user namespace: mount --bind S A works without Landlock" \
	"OK secret" $N "$FS" userns bind "$S" "$A" + cat "$A/f"
att "nested user namespace, Landlock: mount --bind: EPERM" EPERM \
	$L "$FS" userns bind "$S" "$A"
att "nested user namespace, Landlock: open_tree + move_mount: EPERM" \
	"move_mount: EPERM" $L "$FS" userns move-mount "$S" "$A"
att "nested user namespace, Landlock: a detached copy of S is still S" \
	"openat: EACCES" $L "$FS" userns open-tree "$S" f
att "Landlock with only landlock.net rules does not stop mounts" OK \
	$N --landlock.net.connect=443 "$FS" userns bind "$S" "$A"

# ---- blacklist: undoing the hiding -----------------------------------------
BL="$N --blacklist=~/.ssh"
att "blacklist: control: without it the key is read" key \
	$N "$FS" cat "$HOME/.ssh/id_test"
att "blacklist: the key is gone (the hiding dir is mode 000: EACCES)" \
	EACCES $BL "$FS" cat "$HOME/.ssh/id_test"
att "blacklist: not through /proc/self/root either" EACCES \
	$BL "$FS" cat "/proc/self/root$HOME/.ssh/id_test"
att "blacklist: umount it, capabilities dropped: EPERM" EPERM \
	$BL "$FS" umount "$HOME/.ssh"
if is_root; then
	att "blacklist: control: root keeping its capabilities can umount it" \
		"OK key" --noprofile --blacklist=~/.ssh "$FS" umount "$HOME/.ssh" \
		+ cat "$HOME/.ssh/id_test"
else
	skip_always "umount with the capabilities: root only"
fi
att "blacklist: umount from a nested user namespace: EINVAL (locked)" \
	EINVAL $BL "$FS" userns umount "$HOME/.ssh"
att "blacklist: control: a mount of its own there can be unmounted" \
	"OK OK" $N "$FS" userns bind "$S" "$O" + umount "$O"
att "blacklist: a non-recursive copy of ~ (open_tree): EINVAL (locked)" \
	"open_tree: EINVAL" $BL "$FS" userns open-tree "$HOME" .ssh/id_test
att "blacklist: control: without it, the same copy reads the key" key \
	$N "$FS" userns open-tree "$HOME" .ssh/id_test
att "blacklist: a non-recursive bind of ~ elsewhere: EINVAL (locked)" \
	EINVAL $BL "$FS" userns bind "$HOME" "$O"
BF="$N --blacklist=~/.ssh/id_test"
att "blacklist of a file: it reads as nothing (mode 000: EACCES)" EACCES \
	$BF "$FS" cat "$HOME/.ssh/id_test"
att "blacklist of a file: a hard link of it: EXDEV (another mount)" EXDEV \
	$BF "$FS" link "$HOME/.ssh/id_test" "$HOME/.ssh/linked"
att "blacklist of a file: control: the link without it" OK \
	$N "$FS" link "$HOME/.ssh/id_test" "$HOME/.ssh/linked"
rm -f "$HOME/.ssh/linked"
att "blacklist of a file: umount from a nested user namespace: EINVAL" \
	EINVAL $BF "$FS" userns umount "$HOME/.ssh/id_test"
att "blacklist of a file: a copy of its directory: EINVAL (locked)" \
	"open_tree: EINVAL" $BF "$FS" userns open-tree "$HOME/.ssh" id_test

# Not covered: blacklist hides a name.  A hard link made outside
# beforehand is another name for the same file.
ln "$HOME/.ssh/id_test" "$O/id_copy"
att "blacklist: a hard link made outside beforehand is still read (a name is hidden)" \
	key $BL "$FS" cat "$O/id_copy"
rm -f "$O/id_copy"

# ---- read-only -------------------------------------------------------------
RO="$N --read-only=$R"
att "read-only: control: without it the file is written" OK \
	$N "$TRY" write "$R/f"
att "read-only: writing: EROFS" EROFS $RO "$TRY" write "$R/f"
att "read-only: remount rw, capabilities dropped: EPERM" EPERM \
	$RO "$FS" remount-rw "$R"
att "read-only: remount rw from a nested user namespace: EPERM (locked)" \
	EPERM $RO "$FS" userns remount-rw "$R"
att "read-only: mount_setattr rw there: EPERM (locked)" EPERM \
	$RO "$FS" userns setattr-rw "$R"
att "read-only: umount it there: EINVAL (locked)" EINVAL \
	$RO "$FS" userns umount "$R"
att "read-only: control: a read-only mount of its own can be made rw" \
	"OK OK OK" $N "$FS" userns bind "$R" "$R" + setattr-ro "$R" + \
	setattr-rw "$R"
if is_root; then
	att "read-only: control: root keeping its capabilities can remount" \
		OK --noprofile "--read-only=$R" "$FS" remount-rw "$R"
else
	skip_always "remount with the capabilities: root only"
fi
is "$(cat "$R/f")" ro "read-only: the file is as it was"

# ---- mounts do not propagate out ---------------------------------------------
# The sandbox makes / rprivate before mounting: a hiding mount under a
# shared mount of the host stays inside (root only: making a shared
# mount needs privilege).
if is_root; then
	mkdir -p "$TMPD/shared"
	if mount -t tmpfs -o size=1m tmpfs "$TMPD/shared" &&
		mount --make-shared "$TMPD/shared"; then
		mkdir "$TMPD/shared/d"
		echo inner >"$TMPD/shared/d/f"
		att "shared host mount: blacklist of a dir under it works inside" \
			EACCES $N "--blacklist=$TMPD/shared/d" "$FS" cat "$TMPD/shared/d/f"
		is "$(cat "$TMPD/shared/d/f")" inner \
			"shared host mount: the hiding mount did not propagate out"
		is "$(grep -c " $TMPD/shared" /proc/self/mountinfo)" 1 \
			"shared host mount: no new mount under it on the host"
		umount "$TMPD/shared"
	else
		skip "cannot make a shared tmpfs here"
		skip "cannot make a shared tmpfs here"
		skip "cannot make a shared tmpfs here"
	fi
else
	skip_always "a shared host mount: root only"
	skip_always "a shared host mount: root only"
	skip_always "a shared host mount: root only"
fi

# ---- private-tmp -----------------------------------------------------------
echo host >"/tmp/$mark"
PT="$N --private-tmp"
att "private-tmp: control: without it the host's /tmp file is read" host \
	$N "$FS2" cat "/tmp/$mark"
att "private-tmp: the host's /tmp file is not there (ENOENT)" ENOENT \
	$PT "$FS2" cat "/tmp/$mark"
att "private-tmp: nor through /proc/self/root" ENOENT \
	$PT "$FS2" cat "/proc/self/root/tmp/$mark"
att "private-tmp: umount /tmp from a nested user namespace: EINVAL" \
	EINVAL $PT "$FS2" userns umount /tmp
att "private-tmp: a non-recursive copy of / (open_tree): EINVAL (locked)" \
	"open_tree: EINVAL" $PT "$FS2" userns open-tree / "tmp/$mark"
jr $PT sh -c "echo in >/tmp/$mark.in && cat /tmp/$mark.in"
is "$out" in "private-tmp: a file made in the sandbox's /tmp is there"
[ ! -e "/tmp/$mark.in" ] && ok "private-tmp: and not outside" ||
	not_ok "private-tmp: and not outside"

# ---- an inherited file descriptor -------------------------------------------
# Landlock checks opening, not using: a descriptor opened outside is
# used as it was opened.  Reopening it by name is checked.
att "inherited fd 3<S: read inside Landlock (not re-checked, by design)" \
	secret $L "$FS" read-fd 3 3<"$S/f"
att "inherited fd: reopened as /proc/self/fd/3: EACCES" EACCES \
	$L "$FS" cat /proc/self/fd/3 3<"$S/f"
att "inherited directory fd: a file under /proc/self/fd/3: EACCES" EACCES \
	$L "$FS" cat /proc/self/fd/3/f 3<"$S"

# ---- /proc/<pid>/root of another sandbox --------------------------------------
# A victim sandbox with a private /tmp; the attacker leaves out the pid
# namespace to see it (in one of its own, the pid is not there at all).
"$JAILRUN" $PT sh -c "echo victim >/tmp/victim && exec '$FS2' unix-listen $mark" \
	>"$TMPD/victim.out" 2>&1 &
bg=$!
vp=
_i=0
while [ $_i -lt 50 ]; do
	_i=$((_i + 1))
	for _p in /proc/[0-9]*; do
		case $(cat "$_p/cmdline" 2>/dev/null | tr "\0" " ") in
		"$FS2 unix-listen $mark ") vp=${_p#/proc/} ;;
		esac
	done
	[ -n "$vp" ] && grep -q ready "$TMPD/victim.out" && break
	sleep 0.1
done
if [ -n "$vp" ]; then
	att "/proc/PID/root of another sandbox, in a pid namespace: ENOENT" \
		ENOENT $N "$FS2" cat "/proc/$vp/root/tmp/victim"
	if is_root; then
		# same uid, no user namespace between them: the kernel would
		# allow it (ptrace read access; shown outside a sandbox), but a
		# target in jailrun's pid namespace is in a Landlock domain of
		# its own, which refuses ptrace access out of it
		run "$FS2" cat "/proc/$vp/root/tmp/victim"
		is "$out" victim "/proc/PID/root as root outside a sandbox: the victim's /tmp is read (control)"
		att "/proc/PID/root, namespaces=!pid, as root: EACCES (the Landlock shield)" \
			EACCES $N --namespaces=!pid "$FS2" cat "/proc/$vp/root/tmp/victim"
	else
		skip_always "root-only: the control outside a sandbox"
		att "/proc/PID/root, namespaces=!pid: EACCES (another user namespace)" \
			EACCES $N --namespaces=!pid "$FS2" cat "/proc/$vp/root/tmp/victim"
	fi
	att "/proc/PID/root, namespaces=!pid, Landlock: EACCES" EACCES \
		$L "--landlock.exec=$FS2" --namespaces=!pid "$FS2" cat \
		"/proc/$vp/root/etc/hostname"
	att "/proc/PID/root: control: its own /proc/self/root/etc/hostname" \
		"$(cat /etc/hostname)" $L "--landlock.exec=$FS2" \
		--namespaces=!pid "$FS2" cat /proc/self/root/etc/hostname
else
	not_ok "the victim sandbox started" "$(cat "$TMPD/victim.out")"
fi

# ---- landlock.scope = abstract-unix ---------------------------------------------
# The victim above listens on @$mark, outside the next sandboxes.
if [ "$abi" -ge 6 ]; then
	att "abstract unix socket made outside: control: connect works" OK \
		$N "$FS" unix-connect "$mark"
	att "landlock.scope=abstract-unix: connect: EPERM" EPERM \
		$N --landlock.scope=abstract-unix "$FS" unix-connect "$mark"
	# (the listener's output file appears when its background shell
	# opens it: until then grep must not speak into the compared output)
	att "landlock.scope=abstract-unix: one made inside works" "OK" \
		$N --landlock.scope=abstract-unix sh -c \
		"'$FS' unix-listen in-$mark >'$TMPD/in.out' & i=0
		while ! grep -q ready '$TMPD/in.out' 2>/dev/null && [ \$i -lt 300 ]; do
			sleep 0.1; i=\$((i + 1)); done
		'$FS' unix-connect in-$mark; kill \$!"
else
	skip_always "Landlock ABI $abi has no scopes"
	skip_always "Landlock ABI $abi has no scopes"
	skip_always "Landlock ABI $abi has no scopes"
fi
kill $bg 2>/dev/null
wait $bg 2>/dev/null
# Not covered: pathname unix sockets (connect needs no file-system right
# on this ABI, and a scope covers only the abstract namespace)
"$FS" unix-listen "$S/sock" >"$TMPD/sock.out" 2>&1 &
bg=$!
wait_for 5 grep -q ready "$TMPD/sock.out"
if [ "$abi" -le 7 ]; then
	att "a pathname unix socket in S: connect works in spite of Landlock (ABI $abi)" \
		OK $L --landlock.scope=abstract-unix "$FS" unix-connect "$S/sock"
else
	skip_always "Landlock ABI $abi: pathname unix sockets may be covered"
fi
kill $bg 2>/dev/null
wait $bg 2>/dev/null

# ---- landlock.scope = signal ---------------------------------------------------
# A pid namespace already hides the process (ESRCH), and a pidfd made
# outside cannot signal into an ancestor pid namespace (EINVAL): the
# scope is shown with namespaces=!pid, by pid and by an inherited pidfd.
sleep 600 &
bg=$!
if [ "$abi" -ge 6 ]; then
	att "kill(2) of a process outside, in a pid namespace: ESRCH" ESRCH \
		$N "$FS" kill $bg 0
	run "$FS" kill $bg 0
	is "$out" OK "kill(2) of that process: control: it works outside a sandbox"
	# a target in jailrun's pid namespace is scoped whatever its profile
	# says: it could name jailrun's own processes (t-trust.sh)
	att "kill(2), namespaces=!pid: EPERM without landlock.scope too" EPERM \
		$N --namespaces=!pid "$FS" kill $bg 0
	att "landlock.scope=signal, namespaces=!pid: kill(2): EPERM" EPERM \
		$N --namespaces=!pid --landlock.scope=signal "$FS" kill $bg 15
	kill -0 $bg 2>/dev/null && ok "... and the process lives" ||
		not_ok "... and the process lives"
	run "$FS" pidfd-run $bg "$JAILRUN" $N "$FS" pidfd-kill 3 0
	is "$out" EINVAL "an inherited pidfd, in a pid namespace: EINVAL"
	run "$FS" pidfd-run $bg "$JAILRUN" $N --namespaces=!pid \
		--landlock.scope=signal "$FS" pidfd-kill 3 15
	is "$out" EPERM "landlock.scope=signal: an inherited pidfd: EPERM"
	att "landlock.scope=signal: a process of its own is signalled" "OK" \
		$N --namespaces=!pid --landlock.scope=signal sh -c \
		"sleep 5 & '$FS' kill \$! 15"
	run "$FS" pidfd-run $bg "$JAILRUN" $N --namespaces=!pid \
		"$FS" pidfd-kill 3 15
	is "$out" EPERM "an inherited pidfd, namespaces=!pid, no scope key: EPERM"
	run "$FS" pidfd-run $bg "$FS" pidfd-kill 3 15
	is "$out" OK "an inherited pidfd, outside a sandbox: signalled (control)"
	wait $bg 2>/dev/null
	kill -0 $bg 2>/dev/null && not_ok "... and the process is gone" ||
		ok "... and the process is gone"
else
	_n=8
	while [ $_n -gt 0 ]; do
		skip_always "Landlock ABI $abi has no scopes"
		_n=$((_n - 1))
	done
fi
kill $bg 2>/dev/null
bg=

# ---- --join: a command joined later is under the same rules ---------------
"$JAILRUN" $L --blacklist=~/.ssh sleep 600 >/dev/null 2>&1 &
bg=$!
_listed() { "$JAILRUN" --list 2>/dev/null | grep -q "^$bg "; }
wait_for 5 _listed
att "--join: control: a file in A is read" data \
	--join=$bg -- "$FS" cat "$A/f"
att "--join: S: EACCES (the sandbox's Landlock rules)" EACCES \
	--join=$bg -- "$FS" cat "$S/f"
att "--join: the blacklisted key: EACCES (the sandbox's mounts)" EACCES \
	--join=$bg -- "$FS" cat "$HOME/.ssh/id_test"
att "--join: a nested user namespace cannot mount: EPERM" EPERM \
	--join=$bg -- "$FS" userns bind "$S" "$A"
kill $bg 2>/dev/null
wait $bg 2>/dev/null
bg=

# ---- landlock.net -----------------------------------------------------------------
port=$(free_port)
if [ "$abi" -ge 4 ]; then
	att "TCP connect to a closed port: control: ECONNREFUSED" ECONNREFUSED \
		$N "$TRY" connect $port
	att "landlock.net.connect=443: connect to another port: EACCES" EACCES \
		$N --landlock.net.connect=443 "$TRY" connect $port
	att "TCP bind: control: works" OK $N "$TRY" bind $port
	att "landlock.net.bind=443: bind to another port: EACCES" EACCES \
		$N --landlock.net.bind=443 "$TRY" bind $port
	# a connection made outside is not re-checked
	run "$FS" tcp-run $port "$JAILRUN" $N --landlock.net.connect=none \
		--landlock.net.bind=none "$FS" write-fd 3 through
	is "$(echo $out)" "OK through" \
		"landlock.net: an inherited connected socket still works (not re-checked)"
else
	_n=5
	while [ $_n -gt 0 ]; do
		skip_always "Landlock ABI $abi has no TCP rules"
		_n=$((_n - 1))
	done
fi

done_testing
