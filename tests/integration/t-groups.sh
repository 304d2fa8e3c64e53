#!/bin/sh
# Groups make profiles portable: one profile made only of groups, with
# seccomp.action=kill so that a single missing syscall kills, runs real
# programs of every kind (glibc dynamic, Python, static busybox, musl
# static and dynamic); without one group each fails, by name.
. "$top_srcdir/tests/integration/lib.sh"

groups="@stdio,@rpath,@proc,@unix"
# under KEEPLIST PROGRAM...: run PROGRAM under a profile made only of
# the groups in KEEPLIST; stdout in $out, stderr apart in $err, $rc
under() {
	cat >"$TMPD/groups.profile" <<EOF
# Only groups: the same file for every libc and architecture.
seccomp.keep = $1
seccomp.action = kill
EOF
	shift
	out=$("$JAILRUN" --profile="$TMPD/groups.profile" "$@" 2>"$TMPD/err")
	rc=$?
	err=$(cat "$TMPD/err")
}

# works DESCRIPTION WANT_PATTERN PROGRAM...: unsandboxed first (so the
# test can fail), then under the group profile.
works() {
	desc=$1 want=$2
	shift 2
	run "$@"
	if [ "$rc" != 0 ] || ! printf '%s\n' "$out" | grep -Eq -- "$want"; then
		not_ok "$desc: works unsandboxed" "rc $rc" "$out"
		return
	fi
	under "$groups" "$@"
	if [ "$rc" = 0 ] && printf '%s\n' "$out" | grep -Eq -- "$want"; then
		ok "$desc: runs under $groups with action kill"
	else
		not_ok "$desc: runs under $groups with action kill" "rc $rc" \
			"$out" "$err"
	fi
}

# killed_without GROUP SYSCALL DESCRIPTION PROGRAM...: the profile less
# GROUP kills PROGRAM (SIGSYS, 159) at SYSCALL.
killed_without() {
	group=$1 sc=$2 desc=$3
	shift 3
	keep=$(printf '%s\n' "$groups" | tr , '\n' | grep -vx -- "$group" |
		paste -sd, -)
	under "$keep" "$@"
	is "$rc" 159 "$desc without $group: killed at $sc (not in $keep)"
}

hostname_pat=$(head -c 20 /etc/hostname | tr -cd 'a-zA-Z0-9-' | head -c 8)
[ -n "$hostname_pat" ] || hostname_pat=.

works "ls -l /" "etc" ls -l /
works "cat" "$hostname_pat" cat /etc/hostname
works "sort" "^root:" sort /etc/passwd
works "python3" "$hostname_pat" \
	/usr/bin/python3 -c 'print(open("/etc/hostname").read())'

killed_without @rpath getdents64 "ls /" ls /
killed_without @unix socket "ls -l / (nscd lookup)" ls -l /
killed_without @stdio write "cat" cat /etc/hostname

bb=$(command -v busybox 2>/dev/null)
if [ -n "$bb" ] && "$top_builddir/tests/helpers/jr-elf" "$bb" |
	grep -q static; then
	# busybox drops set-id privileges with setgid/setuid(own id)
	# whenever it is not root: it needs @setuid too.
	all=$groups groups="$groups,@setuid"
	works "static busybox ls" "etc" "$bb" ls /
	killed_without @proc prctl "static busybox ls" "$bb" ls /
	groups=$all
else
	skip "busybox-static is not installed"
	skip "busybox-static is not installed"
fi

# A small C program, built here with gcc and with musl-gcc.
cat >"$TMPD/hello.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
int main(void)
{
	FILE *f = fopen("/etc/hostname", "r");
	char line[256], *p = malloc(1 << 20);

	if (!f || !p || !fgets(line, sizeof(line), f))
		return 1;
	p[0] = 1;
	printf("read: %s", line);
	free(p);
	return fclose(f);
}
EOF
if ${CC:-cc} -O2 -o "$TMPD/hello-gcc" "$TMPD/hello.c" 2>/dev/null; then
	works "C program (gcc, glibc)" "^read: " "$TMPD/hello-gcc"
	killed_without @stdio write "C program (gcc, glibc)" "$TMPD/hello-gcc"
else
	skip "no C compiler"
	skip "no C compiler"
fi
if command -v musl-gcc >/dev/null 2>&1; then
	musl-gcc -O2 -static -o "$TMPD/hello-musl" "$TMPD/hello.c" &&
		works "C program (musl-gcc, static)" "^read: " "$TMPD/hello-musl"
	musl-gcc -O2 -o "$TMPD/hello-musl-dyn" "$TMPD/hello.c" &&
		works "C program (musl-gcc, dynamic)" "^read: " \
			"$TMPD/hello-musl-dyn"
	killed_without @stdio writev "C program (musl, static: stdio is writev)" \
		"$TMPD/hello-musl"
else
	skip "musl-tools is not installed"
	skip "musl-tools is not installed"
	skip "musl-tools is not installed"
fi

# A group plus the drop of one member, or !member inside the keep list.
keep="@stdio,@rpath,@cpath"
jr --noprofile --seccomp.keep=$keep "$TRY" mkdir "$TMPD/d1"
is "$out" OK "keep $keep: mkdir works"
jr --noprofile --seccomp.keep=$keep --seccomp.drop=mkdir "$TRY" mkdir "$TMPD/d2"
is "$out" EPERM "keep $keep with seccomp.drop=mkdir: mkdir fails EPERM"
jr --noprofile --seccomp.keep=$keep,!mkdir "$TRY" mkdir "$TMPD/d3"
is "$out" EPERM "keep $keep,!mkdir: mkdir fails EPERM"
jr --noprofile --seccomp.keep=$keep,!mkdir "$TRY" call getcwd
is "$out" EFAULT "keep $keep,!mkdir: the rest of the group still works"

# Resolution: absent here is skipped (said under --debug); unknown is an
# error with a close match.
jr --noprofile --debug --seccomp.drop=mmap2 true
is "$rc" 0 "mmap2 (i386/arm only) in a list: accepted here"
like "$out" "not syscalls on $(uname -m), skipped \(1\): mmap2" \
	"--debug names the skipped name"
jr --noprofile --seccomp.drop=opneat true
is "$rc" 125 "opneat: unknown everywhere, exit 125"
like "$out" "--seccomp.drop: unknown syscall 'opneat' \(did you mean 'openat'\?\)" \
	"opneat: error names a close match"
jr --noprofile --seccomp.keep=@stdoi true
like "$out" "unknown syscall group '@stdoi' \(did you mean '@stdio'\?\)" \
	"unknown group: close match"

# Introspection: easy to grep and awk.
jr --debug-syscalls=@stdio
is "$rc" 0 "--debug-syscalls=@stdio exits 0"
for sc in read write newfstatat pselect6 _newselect fcntl64; do
	printf '%s\n' "$out" | grep -q "^$sc	" &&
		ok "@stdio expansion lists $sc" ||
		not_ok "@stdio expansion lists $sc" "$out"
done
bad=$(printf '%s\n' "$out" | grep -v '^#' | awk -F'\t' 'NF != 5' | head -3)
is "$bad" "" "every row has 5 tab-separated columns"
jr --debug-syscalls=openat
like "$out" "^openat	257	295	56	.*@rpath" \
	"--debug-syscalls=openat: numbers on x86_64, i386, aarch64 and groups"
jr --debug-syscalls
n=$(printf '%s\n' "$out" | grep -vc '^#')
[ "$n" -gt 400 ] && ok "--debug-syscalls lists every syscall ($n)" ||
	not_ok "--debug-syscalls lists every syscall ($n)"
# The group table of docs/reference.md names every group of the table.
missing= ng=0
for g in $(printf '%s\n' "$out" | sed -n 's/^# groups: //p'); do
	ng=$((ng + 1))
	grep -q "\`$g\`" "$top_srcdir/docs/reference.md" || missing="$missing $g"
done
is "$missing" "" "docs/reference.md names every one of the $ng groups"
jr --debug-protocols
like "$out" "^inet6	10$" "--debug-protocols: name and family number"
jr --debug-caps
like "$out" "^21	sys_admin	(yes|no)$" "--debug-caps: number, name, bounding"

done_testing
