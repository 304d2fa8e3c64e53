#!/bin/sh
# protocol: socket families outside the list fail with EAFNOSUPPORT.
. "$top_srcdir/tests/integration/lib.sh"

for fam in inet inet6 unix netlink; do
	run "$JAILRUN" --noprofile "$TRY" socket $fam
	is "$out" OK "without protocol, a $fam socket opens"
done
run "$JAILRUN" --noprofile --protocol=unix "$TRY" socket unix
is "$out" OK "protocol=unix: unix allowed"
for fam in inet inet6 netlink packet bluetooth vsock alg; do
	run "$JAILRUN" --noprofile --protocol=unix "$TRY" socket $fam
	is "$out" EAFNOSUPPORT "protocol=unix: $fam refused"
done
run "$JAILRUN" --noprofile "$TRY" socket inet hi
is "$out" OK "without protocol, inet with high bits set opens (the kernel reads an int)"
run "$JAILRUN" --noprofile --protocol=unix "$TRY" socket inet hi
is "$out" EAFNOSUPPORT "protocol=unix: inet with high bits set is refused"
run "$JAILRUN" --noprofile --protocol=unix,inet "$TRY" socket inet hi
is "$out" EAFNOSUPPORT "protocol=inet: high bits set on an allowed family fail closed"
run "$JAILRUN" --noprofile --protocol=unix,inet,!unix "$TRY" socket unix
is "$out" EAFNOSUPPORT "!unix takes unix out again"
run "$JAILRUN" --noprofile --protocol=inet,inet6 "$TRY" socket inet6
is "$out" OK "protocol=inet,inet6: inet6 allowed"

if command -v python3 >/dev/null; then
	run "$JAILRUN" --noprofile python3 -c 'import socket; socket.socket(socket.AF_INET); print("opened")'
	is "$out" opened "python3 opens an AF_INET socket without protocol"
	run "$JAILRUN" --noprofile --protocol=unix python3 -c 'import socket; socket.socket(socket.AF_INET)'
	like "$out" "Errno 97.*Address family not supported" \
		"python3 under protocol=unix: EAFNOSUPPORT"
else
	skip "python3 not installed"
	skip "python3 not installed"
fi
# protocol = none: every family refused, socketpair too; it clears the
# families named before it.
for fam in unix inet; do
	jr --noprofile --protocol=none "$TRY" socket $fam
	is "$out" EAFNOSUPPORT "protocol=none: $fam refused"
done
jr --noprofile --protocol=unix --protocol=none "$TRY" socket unix
is "$out" EAFNOSUPPORT "protocol=unix then protocol=none: unix refused too"
jr --noprofile --protocol=none --protocol=unix "$TRY" socket unix
is "$out" OK "protocol=none then protocol=unix: unix allowed again"

done_testing
