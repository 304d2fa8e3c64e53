#!/bin/sh
# net = user: a network namespace of its own connected through pasta (or
# slirp4netns), net.allow / net.deny / netfilter as nftables rules
# inside, dns = a private resolv.conf, net.forward a host port served
# from inside; the helper ends with the sandbox.  Only servers this test
# runs itself are contacted: on the host's loopback (reached from inside
# at the gateway's address, pasta's mapping) or inside the sandbox.
. "$top_srcdir/tests/integration/lib.sh"

# A TCP server on the host's loopback: writes its port to $1, says "hi".
cat >"$TMPD/server.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET6 if ":" in (sys.argv[2:3] or [""])[0] else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1", 0 if len(sys.argv) < 4 else int(sys.argv[3])))
s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    c.sendall(b"hi\n")
    c.close()
PY
# conn.py HOST PORT: "ok hi", or "err ERRNO"
cat >"$TMPD/conn.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET)
s.settimeout(10)
try:
    s.connect((sys.argv[1], int(sys.argv[2])))
    print("ok", s.recv(16).decode().strip())
except OSError as e:
    print("err", e.errno)
PY
# A DNS responder on 127.0.0.1:53 inside the sandbox: every A query is
# answered 192.0.2.99 (one question, no compression needed).
cat >"$TMPD/dns.py" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 53))
open(sys.argv[1], "w").write("ready")
while True:
    q, peer = s.recvfrom(512)
    qid, flags, qd = struct.unpack("!HHH", q[:6])
    end = 12
    while q[end]:
        end += q[end] + 1
    question = q[12:end + 5]
    qtype = struct.unpack("!H", q[end + 1:end + 3])[0]
    head = struct.pack("!HHHHHH", qid, 0x8180, 1, 1 if qtype == 1 else 0, 0, 0)
    ans = b""
    if qtype == 1:
        ans = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton("192.0.2.99")
    s.sendto(head + question + ans, peer)
PY

# the interpreter itself (python3 may be a wrapper script found in PATH)
py=$(python3 -c 'import sys; print(sys.executable)')
start_server() { # start_server FILE [ADDR]: a host server, its port in FILE
	python3 "$TMPD/server.py" "$@" >/dev/null 2>&1 &
	bg_pids="$bg_pids $!"
	wait_for 10 test -s "$1"
}

tun_usable() { [ -r /dev/net/tun ] && [ -w /dev/net/tun ]; }

N_MAIN=24
if ! command -v pasta >/dev/null 2>&1 || ! command -v nft >/dev/null 2>&1 &&
	! [ -x /usr/sbin/nft ]; then
	skip_n $N_MAIN "pasta (passt) or nft (nftables) is not installed"
elif ! tun_usable; then
	# what jailrun says here is checked; the rest cannot run
	jr --noprofile --net=user true
	if [ "$rc" = 125 ] && echo "$out" | grep -q "/dev/net/tun"; then
		ok "no usable /dev/net/tun: exit 125 naming it"
	else
		not_ok "no usable /dev/net/tun: exit 125 naming it" "rc=$rc $out"
	fi
	skip_always_n $((N_MAIN - 1)) "/dev/net/tun is not readable and writable by $(id -un) ($(stat -c %A /dev/net/tun 2>/dev/null || echo missing))"
else
	start_server "$TMPD/p1"
	start_server "$TMPD/p2"
	P1=$(cat "$TMPD/p1")
	P2=$(cat "$TMPD/p2")

	# the namespace: its own, an interface, default routes, loopback
	jr --noprofile --net=user sh -c 'readlink /proc/self/ns/net; ip -4 route show default; ip -6 route show default; ip -br link'
	if [ "$rc" = 0 ] && ! echo "$out" | grep -qx "$(readlink /proc/self/ns/net)" &&
		echo "$out" | grep -q "^default via"; then
		ok "net = user: a namespace of its own with a default route"
	else
		not_ok "net = user: a namespace of its own with a default route" "rc=$rc $out"
	fi
	ns_out=$out
	GW=$(echo "$out" | awk '/^default via [0-9.]+ / { print $3; exit }')
	if ip -6 route show default 2>/dev/null | grep -q default; then
		like "$out" "default via [0-9a-f:]+ dev" "net = user: an IPv6 default route (the host has one)"
	else
		skip_always "the host has no IPv6 default route"
	fi
	like "$out" "^lo +UNKNOWN|^lo +UP" "net = user: loopback up"
	jr --noprofile --net=user --debug true
	like "$out" "net = user: through .*pasta" "--debug says which helper (pasta)"

	# both halves: without rules both host servers answer
	jr --noprofile --net=user sh -c "$py $TMPD/conn.py $GW $P1; $py $TMPD/conn.py $GW $P2"
	is "$out" "ok hi
ok hi" "without rules: both host servers answer at the gateway ($GW)"

	jr --noprofile --net=user --net.allow=$GW:$P1 sh -c "$py $TMPD/conn.py $GW $P1; $py $TMPD/conn.py $GW $P2"
	is "$out" "ok hi
err 111" "net.allow=$GW:$P1: that port answers, the other is refused (ECONNREFUSED)"

	jr --noprofile --net=user --report --net.allow=$GW:$P1 sh -c "$py $TMPD/conn.py $GW $P2"
	like "$out" "jailrun: blocked: connection to $GW port $P2 \\(tcp\\) — not in net.allow \\(--net.allow\\)" \
		"--report names the refused connection"

	GW6=$(echo "$ns_out" | awk '/^default via [0-9a-f:]+ / { print $3; exit }')
	if [ -n "$GW6" ] && start_server "$TMPD/p6" ::1; then
		P6=$(cat "$TMPD/p6")
		jr --noprofile --net=user --net.allow="[$GW6]:$P6" sh -c "$py $TMPD/conn.py $GW6 $P6; $py $TMPD/conn.py $GW6 $P2"
		is "$out" "ok hi
err 111" "IPv6: net.allow=[$GW6]:$P6 answers (neighbour discovery passes), another port is refused"
	else
		skip_always "no IPv6 gateway, or no IPv6 loopback on the host"
	fi

	jr --noprofile --net=user --net.deny=$GW:$P2 sh -c "$py $TMPD/conn.py $GW $P1; $py $TMPD/conn.py $GW $P2"
	is "$out" "ok hi
err 111" "net.deny=$GW:$P2: that port is refused, the other answers"

	jr --noprofile --net=user --net.allow="$GW:$((P1 - 1))-$((P1 + 1))" sh -c "$py $TMPD/conn.py $GW $P1"
	is "$out" "ok hi" "net.allow with a port range"

	jr --noprofile --net=user --net.allow=localhost:$P1 --debug true
	like "$out" "net.allow: localhost is (127.0.0.1|::1)" "a host name is resolved once and said in --debug"

	jr --noprofile --net=user --net.allow=no-such-host.invalid true
	if [ "$rc" = 125 ] && echo "$out" | grep -q "cannot resolve 'no-such-host.invalid'"; then
		ok "a name that does not resolve: exit 125"
	else
		not_ok "a name that does not resolve: exit 125" "rc=$rc $out"
	fi

	# locked: the target cannot change the rules (no CAP_NET_ADMIN)
	nft=$(command -v nft || echo /usr/sbin/nft)
	jr --noprofile --net=user --net.allow=$GW:$P1 sh -c "$nft flush ruleset 2>&1 | head -1; $py $TMPD/conn.py $GW $P2"
	if echo "$out" | grep -qi "Operation not permitted" && echo "$out" | grep -qx "err 111"; then
		ok "the target cannot flush the rules (EPERM), the port stays refused"
	else
		not_ok "the target cannot flush the rules" "$out"
	fi
	jr --noprofile --net=user --net.allow=$GW:$P1 --caps.keep=net_admin true
	is "$rc" 125 "caps.keep = net_admin with net.allow: exit 125"

	# netfilter = FILE: the user's own ruleset
	cat >"$TMPD/mine.nft" <<NFT
table inet mine {
	chain output {
		type filter hook output priority filter; policy accept;
		tcp dport $P1 reject with tcp reset
	}
}
NFT
	jr --noprofile --net=user --netfilter="$TMPD/mine.nft" sh -c "$py $TMPD/conn.py $GW $P1; $py $TMPD/conn.py $GW $P2"
	is "$out" "err 111
ok hi" "netfilter = FILE: its rule refuses $P1, $P2 answers"
	jr --noprofile --net=user --netfilter="$TMPD/missing.nft" true
	is "$rc" 125 "netfilter = a missing file: exit 125"

	# dns: the configured server gets the query (a responder inside)
	rm -f "$TMPD/dns-ready"
	jr --noprofile --net=user --dns=127.0.0.1 --caps.keep=net_bind_service sh -c "
		$py $TMPD/dns.py $TMPD/dns-ready & i=0
		while [ ! -s $TMPD/dns-ready ] && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i+1)); done
		cat /etc/resolv.conf; getent ahostsv4 probe.jailrun.test | head -1; kill \$!"
	like "$out" "nameserver 127.0.0.1" "dns=127.0.0.1: resolv.conf names it"
	like "$out" "^192.0.2.99 " "dns=127.0.0.1: the name is resolved by that server"
	jr --noprofile --net=user cat /etc/resolv.conf
	if [ "$rc" = 0 ] && ! echo "$out" | grep -q "written by jailrun"; then
		ok "without dns: the host's resolv.conf"
	else
		not_ok "without dns: the host's resolv.conf" "$out"
	fi

	# net.forward: a server inside, reached at a host port; then the
	# sandbox is killed and its helper must go with it
	HP=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	rm -f "$TMPD/fwd-port"
	"$JAILRUN" --noprofile --net=user --net.forward=$HP:8080 \
		"$py" "$TMPD/server.py" "$TMPD/fwd-port" 0.0.0.0 8080 >"$TMPD/fwd.log" 2>&1 &
	jrpid=$!
	bg_pids="$bg_pids $jrpid"
	wait_for 20 test -s "$TMPD/fwd-port"
	helper=$(pgrep -P $jrpid -f pasta)
	_fwd() { [ "$(python3 "$TMPD/conn.py" 127.0.0.1 $HP)" = "ok hi" ]; }
	if wait_for 10 _fwd; then
		ok "net.forward=$HP:8080: the sandbox's server answers on the host's $HP"
	else
		not_ok "net.forward=$HP:8080: the sandbox's server answers" "$(cat "$TMPD/fwd.log")"
	fi
	if [ -n "$helper" ]; then
		ok "the helper (pasta, pid $helper) is the supervisor's child"
	else
		not_ok "the helper is the supervisor's child" "$(ps -o pid,ppid,cmd --ppid $jrpid)"
	fi
	kill -9 $jrpid
	_gone() { ! kill -0 "$helper" 2>/dev/null; }
	if [ -n "$helper" ] && wait_for 10 _gone; then
		ok "jailrun killed (SIGKILL): no helper process is left"
	else
		not_ok "jailrun killed: no helper process is left" "$(ps -o pid,ppid,cmd -p "$helper")"
	fi
	_nofwd() { ! _fwd; }
	if wait_for 10 _nofwd; then
		ok "jailrun killed: the forwarded port is gone"
	else
		not_ok "jailrun killed: the forwarded port is gone"
	fi

	# host's helper missing: exit 125 naming the packages (a PATH
	# without pasta or slirp4netns; absolute paths for the rest)
	mkdir -p "$TMPD/nobin"
	PATH="$TMPD/nobin" run "$JAILRUN" --noprofile --net=user /bin/true
	if [ "$rc" = 125 ] && echo "$out" | grep -q "passt" && echo "$out" | grep -q slirp4netns; then
		ok "neither helper: exit 125 naming passt and slirp4netns"
	else
		not_ok "neither helper: exit 125 naming the packages" "rc=$rc $out"
	fi
fi

# slirp4netns where pasta is missing (a PATH with slirp4netns only)
if ! command -v slirp4netns >/dev/null 2>&1; then
	skip_n 2 "slirp4netns is not installed"
elif ! tun_usable; then
	skip_always_n 2 "/dev/net/tun is not readable and writable by $(id -un)"
else
	mkdir -p "$TMPD/slirpbin"
	ln -sf "$(command -v slirp4netns)" "$TMPD/slirpbin/slirp4netns"
	PATH="$TMPD/slirpbin" run "$JAILRUN" --noprofile --net=user --debug "$py" "$TMPD/conn.py" 10.0.2.2 "$P1"
	like "$out" "net = user: through .*slirp4netns" "without pasta: slirp4netns, said in --debug"
	like "$out" "^ok hi" "slirp4netns: the host's server answers at 10.0.2.2"
fi

# no user namespaces: net = user cannot be had, said in one line
if is_root; then
	skip_always "as root jailrun makes no user namespace"
elif ! tun_usable; then
	skip_always "/dev/net/tun is not readable and writable by $(id -un)"
else
	nouserns "$JAILRUN" --noprofile --net=user true
	if [ "$rc" = 125 ] && echo "$out" | grep -q "net=user needs one"; then
		ok "no user namespaces: net = user is exit 125 saying why"
	else
		not_ok "no user namespaces: net = user is exit 125" "rc=$rc $out"
	fi
fi

done_testing
