#!/bin/sh
# The command line: --help from the key table, --version, --print-filter,
# --debug, options applied after the profile, `--` and the program's own
# arguments.
. "$top_srcdir/tests/integration/lib.sh"

run "$JAILRUN" --help
is "$rc" 0 "--help exits 0"
for key in profile noprofile seccomp seccomp.keep seccomp.drop seccomp.action \
	protocol caps.drop caps.keep shell net namespaces debug quiet \
	print-filter version help; do
	like "$out" "--$key([=[]|  )" "--help lists --$key"
done
like "$out" "Exit status:" "--help states the exit statuses"
run "$JAILRUN" -h
is "$rc" 0 "-h is --help"
run "$JAILRUN" --version
like "$out" "^jailrun [0-9]+\.[0-9]+\.[0-9]+$" "--version"

# --print-filter: rules with their origin, and the BPF size; nothing runs
run "$JAILRUN" --noprofile --print-filter --seccomp.drop=mkdir --protocol=unix touch "$TMPD/never"
is "$rc" 0 "--print-filter exits 0"
like "$out" "deny +mkdir +--seccomp.drop" "--print-filter names the rule and where it came from"
like "$out" "BPF: [0-9]+ instructions" "--print-filter gives the BPF size"
like "$out" "protocol +unix" "--print-filter shows the protocol rule"
[ ! -e "$TMPD/never" ] && ok "--print-filter runs nothing" || not_ok "--print-filter runs nothing"
run "$JAILRUN" --noprofile --print-filter
like "$out" "^no syscall rules: the floor filter only" "--print-filter without rules says so (the floor)"

# the command line is applied after the profile
printf 'seccomp.drop = mkdir\nseccomp.action = errno:EACCES\n' > "$TMPD/p.profile"
run "$JAILRUN" --profile="$TMPD/p.profile" "$TRY" mkdir "$TMPD/d1"
is "$out" EACCES "the profile's rule and action apply"
run "$JAILRUN" --profile="$TMPD/p.profile" --seccomp.action=errno:EHWPOISON "$TRY" mkdir "$TMPD/d2"
is "$out" EHWPOISON "an option overrides the profile's value"
run "$JAILRUN" --profile="$TMPD/p.profile" --seccomp.drop=!mkdir "$TRY" mkdir "$TMPD/d3"
is "$(printf '%s\n' "$out" | tail -n 1)" OK "an option's !NAME takes out what the profile put in"

# --debug: files read, in order, and the launch
run "$JAILRUN" --debug --profile="$TMPD/p.profile" true
like "$out" "jailrun: read .*/jailrun.conf" "--debug names jailrun.conf"
like "$out" "jailrun: read $TMPD/p.profile" "--debug names the profile"
first=$(printf '%s\n' "$out" | grep -n 'read .*jailrun.conf' | cut -d: -f1)
second=$(printf '%s\n' "$out" | grep -n "read $TMPD/p.profile" | cut -d: -f1)
if [ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ]; then
	ok "--debug: jailrun.conf is read before the profile"
else
	not_ok "--debug: jailrun.conf is read before the profile" "$out"
fi
like "$out" "namespaces: " "--debug says which namespaces"
like "$out" "seccomp: loading [0-9]+ instructions" "--debug says the filter is loaded"
run "$JAILRUN" --quiet --noprofile true
is "$out" "" "--quiet: nothing on a clean run"

# options stop at the program; its arguments are its own
run "$JAILRUN" --noprofile echo --seccomp.drop=mkdir
is "$out" "--seccomp.drop=mkdir" "options after the program are the program's"
run "$JAILRUN" --noprofile -- printf '%s\n' --version
is "$out" "--version" "-- ends jailrun's options"
run "$JAILRUN" --noprofile sh -c 'printf "%s|" "$@"' zero "a b" "" c
is "$out" "a b||c|" "arguments pass through untouched (spaces, empty)"
# ---- before the start: what will surely fail is said (issue 24) --------
echo hello > "$TMPD/f"
run "$JAILRUN" --noprofile --no-report --seccomp.keep=@mount,read,write,execve cat "$TMPD/f"
first=$(printf '%s\n' "$out" | head -n 1)
is "$first" "jailrun: WARNING: --seccomp.keep denies what every dynamically linked program needs to start: arch_prctl, brk, close, exit_group, mmap, mprotect, newfstatat, openat, pread64; cat will likely crash before main (SIGSEGV); add @start, which holds them, to seccomp.keep" \
	"an allow-list without the start calls: a warning naming @start"
run "$JAILRUN" --noprofile --no-report --seccomp.keep=@start,@mount,read,write,fadvise64 cat "$TMPD/f"
is "$out" hello "the man page's example runs, without a warning"
is "$rc" 0 "the man page's example: status 0"
printf 'seccomp.drop = mprotect\n' > "$TMPD/mp.profile"
run "$JAILRUN" --profile="$TMPD/mp.profile" --no-report true
first=$(printf '%s\n' "$out" | head -n 1)
is "$first" "jailrun: WARNING: seccomp.drop denies what every dynamically linked program needs to start: mprotect (seccomp.drop at $TMPD/mp.profile:1); true will likely crash before main (SIGSEGV); take them out of seccomp.drop (they are in @start)" \
	"a dropped start call: the warning names its line"
run "$JAILRUN" --noprofile --no-report --seccomp.action=log --seccomp.keep=read true
is "$(printf '%s\n' "$out" | grep -c WARNING)" 0 \
	"permissive mode (seccomp.action = log): no warning"

# a `#!/usr/bin/env NAME` wrapper under a denied execve
printf '#!/usr/bin/env sh\necho wrapped\n' > "$TMPD/wrap"
chmod 755 "$TMPD/wrap"
run "$JAILRUN" --noprofile --no-report --seccomp.drop=execve "$TMPD/wrap"
first=$(printf '%s\n' "$out" | head -n 1)
is "$first" "jailrun: WARNING: $TMPD/wrap is a script for '/usr/bin/env sh', and execve is denied once it starts (--seccomp.drop): env must exec sh, and fails with 'Operation not permitted'; run the interpreter as the target (jailrun [OPTION...] sh $TMPD/wrap), or the program a wrapper would exec" \
	"an env wrapper under seccomp.drop = execve: said before the start"
run "$JAILRUN" --noprofile --no-report --seccomp.drop=execve sh "$TMPD/wrap"
is "$out" wrapped "... and the advice works"
printf '#!/bin/sh\necho direct\n' > "$TMPD/direct"
chmod 755 "$TMPD/direct"
run "$JAILRUN" --noprofile --no-report --seccomp.drop=execve "$TMPD/direct"
is "$out" direct "a #!/bin/sh script needs no exec of its own: no warning"

# file capabilities the sandbox drops: the kernel would refuse the exec
if ! is_root; then
	skip_always_n 3 "setting a file capability needs root"
elif ! command -v setcap >/dev/null 2>&1; then
	skip_n 3 "setcap is not installed"
else
	cp /bin/true "$TMPD/capped"
	chmod 755 "$TMPD" "$TMPD/capped"
	setcap cap_net_raw=ep "$TMPD/capped"
	printf 'caps.drop = all\n' > "$TMPD/caps.profile"
	run "$JAILRUN" --profile="$TMPD/caps.profile" "$TMPD/capped"
	is "$rc" 125 "a file capability the sandbox drops: status 125"
	is "$out" "jailrun: $TMPD/capped has the file capabilities cap_net_raw=ep, and the sandbox drops them (caps.drop at $TMPD/caps.profile:1): the kernel refuses to run it (Operation not permitted); to allow it, caps.keep = net_raw" \
		"... names the capability and the caps.keep"
	run "$JAILRUN" --profile="$TMPD/caps.profile" --caps.keep=net_raw "$TMPD/capped"
	is "$rc" 0 "... and with that caps.keep it runs"
fi
found ping

# Landlock: the target's ELF interpreter is executable like the target
if [ -z "$(landlock_abi)" ]; then
	skip_n 2 "no Landlock in this kernel"
else
	run "$JAILRUN" --noprofile --landlock.read=/ --landlock.exec=/usr/bin /usr/bin/true
	is "$rc" 0 "landlock.exec without ld.so's directory: the target still starts"
	cp /bin/true "$TMPD/true2"
	run "$JAILRUN" --noprofile --landlock.read=/ --landlock.exec=/usr/bin /usr/bin/sh -c "$TMPD/true2"
	like "$out" "Permission denied" "... and another program outside landlock.exec does not"
fi

# ---- profile lookup: aliases, links, --profile=NAME.profile here -------
for name in gunzip:gzip zcat:gzip xzcat:xz unxz:xz scp:ssh sftp:ssh python3.11:python3 vimdiff:vim; do
	jr --debug --print-filter "${name%%:*}"
	like "$out" "read .*/profiles/${name#*:}\\.profile" \
		"${name%%:*} gets ${name#*:}.profile"
done
mkdir -p "$TMPD/bin" "$TMPD/alt"
cp /bin/true "$TMPD/alt/vim.basic"
ln -s "$TMPD/alt/vim.basic" "$TMPD/alt/myvi"
ln -s ../alt/myvi "$TMPD/bin/myvi"
run env PATH="$TMPD/bin:$PATH" "$JAILRUN" --debug --print-filter myvi
like "$out" "read .*/profiles/vim\\.profile" "a link chain myvi -> vim.basic gets vim.profile"
run "$JAILRUN" --debug --print-filter nosuchprog-xyz
like "$out" "read .*/default\\.profile" "an unknown program gets default.profile"
mkdir -p "$TMPD/cwd"
printf 'seccomp.drop = mkdir\n' > "$TMPD/cwd/here.profile"
out=$(cd "$TMPD/cwd" && "$JAILRUN" --debug --profile=here.profile --print-filter 2>&1)
like "$out" "read \\./here\\.profile" "--profile=NAME.profile: the file in the current directory"
like "$out" "deny +mkdir +\\./here\\.profile:1" "... and its rules apply"

done_testing
