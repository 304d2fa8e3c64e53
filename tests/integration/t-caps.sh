#!/bin/sh
# caps.drop and caps.keep: every set, bounding and ambient included.
. "$top_srcdir/tests/integration/lib.sh"

caps() { # caps FIELD: the hex value of FIELD in $out
	printf '%s\n' "$out" | awk -v f="$1:" '$1 == f { print $2 }'
}

run "$JAILRUN" --noprofile --seccomp --caps.drop=all cat /proc/self/status
for f in CapInh CapPrm CapEff CapBnd CapAmb; do
	is "$(caps $f)" 0000000000000000 "caps.drop=all: $f is empty"
done
like "$out" "NoNewPrivs:[[:space:]]+1" "caps.drop=all run: NoNewPrivs 1"
like "$out" "Seccomp:[[:space:]]+2" "caps.drop=all run with --seccomp: Seccomp 2"

run "$JAILRUN" --noprofile cat /proc/self/status
if [ "$(caps CapBnd)" != 0000000000000000 ]; then
	ok "without caps.drop the bounding set is not empty ($(caps CapBnd))"
else
	not_ok "without caps.drop the bounding set is not empty"
fi

# 0x400 = CAP_NET_BIND_SERVICE (10)
run "$JAILRUN" --noprofile --caps.keep=net_bind_service cat /proc/self/status
for f in CapPrm CapEff CapBnd CapAmb; do
	is "$(caps $f)" 0000000000000400 "caps.keep=net_bind_service: $f holds only it"
done
run "$JAILRUN" --noprofile --caps.keep=CAP_NET_BIND_SERVICE --caps.drop=net_bind_service cat /proc/self/status
is "$(caps CapEff)" 0000000000000000 "caps.drop beats caps.keep"

# A kept capability really works, a dropped one really fails: binding a
# port below 1024 as the (unprivileged inside) target.
if command -v python3 >/dev/null; then
	bind='import socket; s=socket.socket(); s.bind(("127.0.0.1", 1023)); print("bound")'
	run "$JAILRUN" --noprofile --net=none --caps.keep=net_bind_service python3 -c "$bind"
	is "$out" bound "caps.keep=net_bind_service: binding port 1023 works"
	run "$JAILRUN" --noprofile --net=none --caps.drop=all python3 -c "$bind"
	like "$out" "Permission denied" "caps.drop=all: binding port 1023 fails EACCES"
else
	skip "python3 not installed"
	skip "python3 not installed"
fi

# As root, dropping capabilities takes away chown to another user.
if is_root; then
	touch "$TMPD/f"
	run "$JAILRUN" --noprofile chown 12345 "$TMPD/f"
	is "$rc" 0 "root without caps.drop: chown to another uid works"
	run "$JAILRUN" --noprofile --caps.drop=chown chown 54321 "$TMPD/f"
	like "$out" "Operation not permitted" "root with caps.drop=chown: chown fails EPERM"
	run "$JAILRUN" --noprofile --caps.drop=all sh -c 'cat /proc/self/status | grep CapBnd; chown 1 '"$TMPD/f"
	like "$out" "Operation not permitted" "root with caps.drop=all: execve does not regain capabilities"
else
	skip_always "chown to another uid needs root outside the sandbox"
	skip_always "chown to another uid needs root outside the sandbox"
	skip_always "chown to another uid needs root outside the sandbox"
fi
done_testing
