#!/bin/sh
# The BPF cache (issue 21): a second run takes its programs from the
# cache (--debug says so), and an entry that is damaged, not the user's,
# not private, or reached through a symlink is never loaded: the run
# says why, compiles, and the filter still denies what it must (against a
# control run without the rule, where the same call works).  --no-cache
# neither reads nor writes.
#
# The attack of 2026-12-02: a sandboxed program that can write the
# cache forges an entry (an allow-all program, a valid checksum).  Now
# entries carry an HMAC under a secret in the user's keyring: the
# sandbox cannot read it (keyrings refused where it shares the user's,
# its own where it has a user namespace), its forgeries are refused,
# and the same forgery under the real secret is loaded (the control).
. "$top_srcdir/tests/integration/lib.sh"

# a cache of this test's own (and a home: nobody's is /nonexistent)
XDG_CACHE_HOME="$TMPD/cache"
HOME="$TMPD/home"
export XDG_CACHE_HOME HOME
mkdir -p "$HOME"
dir="$XDG_CACHE_HOME/jailrun/bpf"
d="$TMPD/made"

# drop N: jailrun --debug, mkdir dropped, trying mkdir "$d.N"
drop() {
	jr --debug --noprofile --seccomp.drop=mkdir "$TRY" mkdir "$d.$1"
}
# entry: the one entry of the drop policy (the cache holds no other yet)
entry() {
	ls "$dir" | grep -E '^[0-9a-f]{64}$' | head -n 1
}

jr --no-cache --noprofile "$TRY" mkdir "$d.0"
is "$out" OK "control: mkdir works without the rule"

drop 1
like "$out" "BPF cache: miss" "a first run misses"
like "$out" "BPF cache: programs stored" "... and stores its programs"
like "$out" "EPERM" "... and the filter denies mkdir"
e=$(entry)
if [ -n "$e" ]; then ok "one entry, named by its key"; else
	not_ok "one entry, named by its key" "$(ls -la "$dir" 2>&1)"; fi
is "$(stat -c '%a %u' "$dir")" "700 $(id -u)" "the cache directory is the user's, 0700"
is "$(stat -c '%a %u' "$dir/$e")" "600 $(id -u)" "the entry is the user's, 0600"

drop 2
like "$out" "programs loaded from the cache" "a second run loads from the cache"
like "$out" "EPERM" "... and its filter denies mkdir"

# damaged: the run refuses the entry, compiles, replaces it
refused() { # refused DESCRIPTION PATTERN N
	drop "$3"
	if printf '%s\n' "$out" | grep -q "programs loaded from the cache"; then
		not_ok "$1: not loaded" "$out"
	else
		like "$out" "BPF cache: miss: .*$2" "$1: not loaded ($2)"
	fi
	like "$out" "EPERM" "$1: the compiled filter denies mkdir"
}

cp "$dir/$e" "$TMPD/good"
# one byte of the first program's instructions (the header is 56 bytes)
printf '\377' | dd of="$dir/$e" bs=1 seek=60 conv=notrunc 2>/dev/null
refused "a changed byte" "not authenticated by the user.s cache secret" 3
drop 4
like "$out" "programs loaded from the cache" "the refused entry was replaced"

head -c 100 "$TMPD/good" >"$dir/$e"
refused "a truncated entry" "bytes where its lengths say" 5
{ cat "$TMPD/good"; printf 'x'; } >"$dir/$e"
refused "one byte too many" "bytes where its lengths say" 6

cp "$TMPD/good" "$dir/$e"
chmod 644 "$dir/$e"
refused "an entry others can read" "not the user's own, private file" 7

if is_root; then
	cp "$TMPD/good" "$dir/$e"
	chmod 600 "$dir/$e"
	chown nobody "$dir/$e"
	refused "an entry of another user" "not the user's own, private file" 8
else
	skip_always_n 2 "as nobody no file can be given to another user"
fi

cp "$TMPD/good" "$TMPD/elsewhere"
chmod 600 "$TMPD/elsewhere"
rm -f "$dir/$e"
ln -s "$TMPD/elsewhere" "$dir/$e"
refused "a symlink to a sound entry" "a symlink" 9
if [ -L "$dir/$e" ]; then not_ok "the symlink was replaced by an entry"; else
	ok "the symlink was replaced by an entry"; fi

chmod 755 "$dir"
refused "a cache directory others can enter" "not the user's own, private directory" 10
chmod 700 "$dir"

# --no-cache: nothing read, nothing written
drop 11
like "$out" "programs loaded from the cache" "the entry is sound again"
jr --debug --no-cache --noprofile --seccomp.drop=mkdir "$TRY" mkdir "$d.12"
like "$out" "BPF cache: not used \\(--no-cache\\)" "--no-cache: the cache is not read"
like "$out" "EPERM" "--no-cache: the compiled filter denies mkdir"
rm -rf "$XDG_CACHE_HOME"
jr --debug --no-cache --noprofile --seccomp.drop=mkdir "$TRY" mkdir "$d.13"
if [ -e "$XDG_CACHE_HOME" ]; then not_ok "--no-cache: nothing is written"; else
	ok "--no-cache: nothing is written"; fi

# the default profile too (its programs are keyed by its own keys)
jr --debug /bin/true
jr --debug /bin/true
like "$out" "programs loaded from the cache" "the default profile: a second run loads from the cache"
is "$rc" 0 "... and runs"
# another policy does not take the default profile's entry
jr --debug --seccomp.drop=mkdir "$TRY" mkdir "$d.14"
like "$out" "BPF cache: miss" "another policy misses"
like "$out" "EPERM" "... and denies what it drops"

# a limit: 256 entries at most; a store past that empties the directory
i=0
while [ $i -lt 300 ]; do : >"$dir/junk$i"; i=$((i + 1)); done
jr --debug --seccomp.drop=rmdir /bin/true
like "$out" "BPF cache: programs stored" "a store into a full cache"
is "$(ls "$dir" | wc -l | tr -d ' ')" 1 "... empties it first: only the new entry is left"

# --- the attack: forging an entry from inside a sandbox ---
FORGE="$top_builddir/tests/helpers/jr-forge"
rm -rf "$XDG_CACHE_HOME"
drop 20
e=$(entry)
like "$out" "BPF cache: programs stored" "the drop policy's entry is stored again"
jr "$FORGE" "$dir/$e" keyring
like "$out" "^EPERM$" "a default-profile sandbox cannot read the cache secret (keyctl refused)"
jr "$TRY" key jailrun:bpf-cache
like "$out" "^EPERM$" "... nor find it in the user keyring"
run "$TRY" key jailrun:bpf-cache
is "$out" OK "control: outside a sandbox the user reads the secret"
n=21
for how in sha guess; do
	jr "$FORGE" "$dir/$e" $how
	like "$out" "^OK$" "the sandbox rewrites the entry as allow-all ($how)"
	refused "... that forged entry ($how)" \
		"not authenticated by the user's cache secret" $n
	n=$((n + 1))
done
run "$FORGE" "$dir/$e" keyring
is "$out" OK "control: the same forgery under the real secret, outside a sandbox"
drop 23
like "$out" "programs loaded from the cache" "control: ... is loaded"
like "$out" "^OK$" "control: ... and its allow-all program lets mkdir through"
rm -rf "$XDG_CACHE_HOME"

# --- the secret is out of reach of every target ---
# policies that leave the keyring calls open (no profile: the floor).
# Where the target shares the user's keyrings (no user namespace: root,
# or where user namespaces are refused), the calls are refused, on the
# i386 entry point too; outside jailrun the same calls work.
shared() { # shared DESCRIPTION RUNNER...
	_d=$1
	shift
	run "$@" "$JAILRUN" --debug --noprofile "$TRY" key jailrun:bpf-cache
	like "$out" "^EPERM$" "$_d: the secret cannot be read"
	like "$out" "keyrings: the target shares the user's" "$_d: ... and --debug says why"
	run "$@" "$JAILRUN" --noprofile "$TRY" key-add
	like "$out" "^EPERM$" "$_d: no keyring call (add_key)"
	run "$@" "$JAILRUN" --noprofile "$TRY" int80-keyctl
	like "$out" "^EPERM$" "$_d: ... nor keyctl by int 0x80"
	run "$@" "$TRY" key-add
	is "$out" OK "$_d: control: the same add_key works outside jailrun"
	run "$@" "$TRY" int80-keyctl
	is "$out" OK "$_d: control: ... and keyctl by int 0x80"
}
if is_root; then
	shared "as root (no user namespace)"
else
	shared "user namespaces refused" "$NOUSERNS"
fi
# an allow-list that names keyctl is told, loudly, that it is refused
run "$NOUSERNS" "$JAILRUN" --noprofile --seccomp.keep=@default,keyctl /bin/true
like "$out" "policy allows keyring calls.*refused \\(EPERM\\)" \
	"an allow-list with keyctl and no user namespace: said loudly"
# With a user namespace of its own the target has its own keyrings and
# a new session keyring: they work, the user's secret is not there, and
# its serial cannot be read.
if is_root; then
	skip_always_n 5 "as root jailrun makes no user namespace"
else
	id=$(printf '%d' "0x$(grep ' jailrun:bpf-cache: ' /proc/keys | cut -d' ' -f1)")
	run "$TRY" key-id "$id"
	is "$out" OK "control: the secret's serial ($id) is readable outside"
	jr --debug --noprofile "$TRY" key-add
	like "$out" "^OK$" "in a user namespace of its own the target has keyrings"
	like "$out" "keyrings: the sandbox's own, from a new session keyring" "... --debug says whose"
	jr --noprofile "$TRY" key jailrun:bpf-cache
	like "$out" "^ENOKEY$" "... the user's secret is not in its user keyring"
	jr --noprofile "$TRY" key-id "$id"
	like "$out" "^EACCES$" "... and its serial cannot be read"
fi

done_testing
