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
is "$out" OK "an option's !NAME takes out what the profile put in"

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
done_testing
