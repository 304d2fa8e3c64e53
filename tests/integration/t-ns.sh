#!/bin/sh
# Namespaces: pid (and a fresh /proc), net=none, ipc/uts/mount/cgroup,
# the user namespace for unprivileged runs, and the fallback when user
# namespaces are refused.
. "$top_srcdir/tests/integration/lib.sh"

# pid namespace: the init is 1, the target 2; /proc shows the sandbox only
run "$JAILRUN" --noprofile "$TRY" pid
is "$out" 2 "pid namespace: the target is pid 2 (the init is 1)"
run "$JAILRUN" --noprofile --namespaces=!pid --caps.drop=all "$TRY" pid
if [ "$rc" = 0 ] && [ "$out" -gt 2 ]; then
	ok "without the pid namespace the target has a host pid ($out)"
else
	not_ok "without the pid namespace the target has a host pid" "$out"
fi
run "$JAILRUN" --noprofile sh -c 'ls /proc | grep -c "^[0-9]"'
if [ "$rc" = 0 ] && [ "$out" -le 4 ]; then
	ok "fresh /proc lists only the sandbox's processes ($out)"
else
	not_ok "fresh /proc lists only the sandbox's processes" "$out"
fi
run "$JAILRUN" --noprofile cat /proc/1/cmdline
like "$out" jailrun "pid 1 inside is jailrun's init"
hostpids=$(ls /proc | grep -c '^[0-9]')
run "$JAILRUN" --noprofile --namespaces=!pid --caps.drop=all sh -c 'ls /proc | grep -c "^[0-9]"'
if [ "$out" -gt 4 ] && [ "$hostpids" -gt 4 ]; then
	ok "without the pid namespace /proc shows the host ($out)"
else
	not_ok "without the pid namespace /proc shows the host" "$out"
fi

# the other namespaces: a different inode inside, the same without
for ns in ipc uts mnt cgroup; do
	key=$ns
	[ $ns = mnt ] && key=mount
	outside=$(readlink /proc/self/ns/$ns)
	run "$JAILRUN" --noprofile readlink /proc/self/ns/$ns
	if [ "$rc" = 0 ] && [ "$out" != "$outside" ]; then
		ok "$key namespace: new ($out)"
	else
		not_ok "$key namespace: new" "inside $out outside $outside"
	fi
	if [ $ns != mnt ]; then
		run "$JAILRUN" --noprofile --namespaces=!$key readlink /proc/self/ns/$ns
		is "$out" "$outside" "namespaces=!$key: the caller's $key namespace"
	fi
done

# the user namespace: unprivileged callers are mapped to themselves
if is_root; then
	run "$JAILRUN" --noprofile readlink /proc/self/ns/user
	is "$out" "$(readlink /proc/self/ns/user)" "as root: no user namespace"
else
	run "$JAILRUN" --noprofile cat /proc/self/uid_map
	like "$out" "^ *$(id -u) +$(id -u) +1$" "as $(id -un): uid mapped to itself"
	run "$JAILRUN" --noprofile cat /proc/self/setgroups
	is "$out" deny "as $(id -un): setgroups denied in the user namespace"
	run "$JAILRUN" --noprofile id -u
	is "$out" "$(id -u)" "as $(id -un): same uid inside"
fi

# mounts made inside do not propagate out (/ is rprivate)
run "$JAILRUN" --noprofile cat /proc/self/mountinfo
if printf '%s\n' "$out" | awk '$5 == "/" { print }' | grep -q shared; then
	not_ok "/ is private inside" "$out"
else
	ok "/ is private inside (no shared peer group)"
fi

# net=none: loopback only, and up
if command -v python3 >/dev/null; then
	port_file="$TMPD/port"
	python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
s.settimeout(20)
try:
    while True:
        c, _ = s.accept(); c.close()
except Exception:
    pass' "$port_file" &
	srv=$!
	i=0
	while [ ! -s "$port_file" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat "$port_file")
	conn='import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), 5); print("connected")
except OSError as e:
    print(e.errno)'
	run "$JAILRUN" --noprofile python3 -c "$conn" "$port"
	is "$out" connected "without net=none, the host's loopback is reachable"
	run "$JAILRUN" --noprofile --net=none python3 -c "$conn" "$port"
	is "$out" 111 "net=none: the host's loopback is not (ECONNREFUSED)"
	kill $srv 2>/dev/null
	loop='import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
c = socket.create_connection(s.getsockname(), 5); print("loopback up")'
	run "$JAILRUN" --noprofile --net=none python3 -c "$loop"
	is "$out" "loopback up" "net=none: the sandbox's own loopback is up"
else
	skip "python3 not installed"
	skip "python3 not installed"
	skip "python3 not installed"
fi
run "$JAILRUN" --noprofile --net=none sh -c 'tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " "'
is "$out" lo "net=none: the only interface is lo"

# the trust tests' fallback (jr-nouserns): CLONE_NEWUSER really refused,
# other namespaces (as root) and ordinary programs still work
nouserns unshare -U true
like "$out" "Operation not permitted" "jr-nouserns: unshare(CLONE_NEWUSER) is EPERM"
nouserns sh -c 'echo still runs'
is "$out" "still runs" "jr-nouserns: ordinary programs run"
if ! is_root; then
	nouserns "$JAILRUN" --noprofile true
	like "$out" "user namespaces are not available" "jr-nouserns: jailrun takes its fallback"
else
	skip_always "jailrun as root makes no user namespace (fallback not taken)"
fi

# user namespaces refused (bubblewrap's --disable-userns inside its own
# user namespace): jailrun says so in one line and still filters
if command -v bwrap >/dev/null &&
	bwrap --unshare-user --disable-userns --dev-bind / / true 2>/dev/null; then
	nouserns() {
		run bwrap --unshare-user --uid 65534 --gid 65534 --disable-userns \
			--dev-bind / / "$JAILRUN" "$@"
	}
	nouserns --noprofile --seccomp.drop=mkdir "$TRY" mkdir "$TMPD/nouserns"
	like "$out" "user namespaces are not available .*: running without namespaces, with seccomp, capabilities and no_new_privs only" \
		"user namespaces refused: said in one line"
	like "$out" "EPERM" "user namespaces refused: the filter still applies"
	is "$(printf '%s\n' "$out" | grep -c 'jailrun:')" 1 "user namespaces refused: one line of warning"
	nouserns --noprofile --net=none true
	is "$rc" 125 "user namespaces refused: net=none stops with 125"
	like "$out" "net=none needs one" "user namespaces refused: net=none says why"
else
	for i in 1 2 3 4 5; do
		skip "bwrap --disable-userns not usable here"
	done
fi
done_testing
