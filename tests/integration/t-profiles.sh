#!/bin/sh
# Profile lookup and reading order through the binary (DESIGN §2):
# by program name, user dir over system dirs, default.profile, jailrun.conf
# first, .local files before the profile so their `ignore` works.
. "$top_srcdir/tests/integration/lib.sh"

sys="$TMPD/sys"
sys2="$TMPD/sys2"
user="$XDG_CONFIG_HOME/jailrun"
mkdir -p "$sys" "$sys2" "$user" "$TMPD/bin"
cp "$TRY" "$TMPD/bin/myprog"
prog="$TMPD/bin/myprog"
JAILRUN_PROFILE_PATH="$sys:$sys2"
export JAILRUN_PROFILE_PATH

printf 'seccomp.action = errno:EHWPOISON\n' > "$sys/jailrun.conf"
printf 'seccomp = yes\n' > "$sys/default.profile"
printf '# myprog\ninclude = common.inc\n[seccomp]\ndrop = mkdir\naction = errno:EXDEV\n' > "$sys/myprog.profile"
printf 'seccomp.drop = rmdir\n' > "$sys2/common.inc"
printf 'seccomp.drop = getcwd\n' > "$sys2/myprog.profile"

run "$JAILRUN" --noprofile "$prog" mkdir "$TMPD/a"
is "$out" OK "--noprofile: mkdir works"
run "$JAILRUN" "$prog" mkdir "$TMPD/b"
is "$out" EXDEV "found by program name; its [seccomp] section applies"
run "$JAILRUN" "$prog" call rmdir
is "$out" EXDEV "include = common.inc found in the next system dir"
run "$JAILRUN" "$prog" call getcwd
is "$out" EFAULT "the first system dir wins: sys2's myprog.profile unread"
run "$JAILRUN" --debug "$prog" call getcwd
like "$out" "read $sys/myprog.profile" "--debug names the profile found"

# a user profile replaces the system one
printf 'seccomp.drop = getcwd\n' > "$user/myprog.profile"
run "$JAILRUN" "$prog" mkdir "$TMPD/c"
is "$out" OK "a user profile replaces the system one (its mkdir rule is gone)"
run "$JAILRUN" "$prog" call getcwd
is "$out" EHWPOISON "the user profile's own rule applies (jailrun.conf's action)"
rm "$user/myprog.profile"

# NAME.local and globals.local: read before the profile
printf 'seccomp.drop = getcwd\n' > "$user/myprog.local"
run "$JAILRUN" "$prog" call getcwd
is "$out" EXDEV "myprog.local adds a rule"
printf 'ignore = seccomp.drop\n' > "$user/myprog.local"
run "$JAILRUN" "$prog" mkdir "$TMPD/d"
is "$(printf '%s\n' "$out" | tail -n 1)" OK "ignore = seccomp.drop in myprog.local cancels the profile's drop"
like "$out" "^jailrun: WARNING: the profile .*/myprog.profile sets no seccomp rule, no capability drop and no file rule" \
	"... and jailrun warns: the profile now confines nothing"
printf 'seccomp.action = errno:EACCES\n' > "$user/myprog.local"
run "$JAILRUN" "$prog" mkdir "$TMPD/e0"
is "$out" EXDEV "without ignore, the profile (read later) overrides myprog.local"
printf 'ignore = seccomp.action\nseccomp.action = errno:EACCES\n' > "$user/myprog.local"
run "$JAILRUN" "$prog" mkdir "$TMPD/e"
is "$out" EACCES "ignore = seccomp.action then seccomp.action: the user replaces the setting"
rm "$user/myprog.local"
printf 'seccomp.drop = getcwd\n' > "$user/globals.local"
run "$JAILRUN" "$prog" call getcwd
is "$out" EXDEV "globals.local applies to every program"
run "$JAILRUN" --debug "$prog" true
order=$(printf '%s\n' "$out" | sed -n 's/^jailrun: read //p' | sed "s|$TMPD/||" | tr '\n' ' ')
is "$order" "sys/jailrun.conf xdg/jailrun/globals.local sys/myprog.profile sys2/common.inc " \
	"reading order: jailrun.conf, globals.local, profile, includes"
rm "$user/globals.local"

# no profile of its own: default.profile
cp "$TRY" "$TMPD/bin/other"
run "$JAILRUN" "$TMPD/bin/other" call ptrace
is "$out" EHWPOISON "no profile: default.profile (seccomp = yes) applies, with jailrun.conf's action"
run "$JAILRUN" --profile=myprog "$TMPD/bin/other" mkdir "$TMPD/f"
is "$out" EXDEV "--profile=NAME picks a profile by name"
run "$JAILRUN" --profile=nosuch true
is "$rc" 125 "--profile=NAME that does not exist: 125"
rm "$sys/default.profile"
run "$JAILRUN" "$TMPD/bin/other" call ptrace
like "$out" "no profile for 'other' and no default.profile" "no profile at all: said, not hidden"

# the shipped default.profile
JAILRUN_PROFILE_PATH="$top_srcdir/etc:$top_srcdir/profiles"
run "$JAILRUN" cat /proc/self/status
like "$out" "Seccomp:[[:space:]]+2" "shipped default.profile: seccomp filter"
like "$out" "CapBnd:[[:space:]]+0000000000000000" "shipped default.profile: no capabilities"
run "$JAILRUN" "$TRY" call ptrace
is "$out" EPERM "shipped default.profile: ptrace denied"
run "$JAILRUN" "$TRY" socket packet
is "$out" EAFNOSUPPORT "shipped default.profile: packet sockets refused"
done_testing
