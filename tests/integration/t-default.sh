#!/bin/sh
# t-default.sh - default.profile, the profile of every program without one
# of its own: ordinary programs (shells, editors, compilers, coreutils,
# python, git, archivers, text tools) do real work under `jailrun CMD`
# exactly as bare (same output, same exit status, same files made), while
# a planted ssh key, GnuPG keyring, browser profile and shell history are
# unreadable by them (and readable with --noprofile); NAME.local and
# globals.local loosen it; where user namespaces are refused, an
# unprivileged user's run is refused (125, saying why) rather than run
# with the secrets open.
. "$(dirname "$0")/lib.sh"

# Only etc/ (default.profile, jailrun.conf) and the two lists it includes:
# no shipped application profile (vim, git, tar, python3 have one) can be
# picked by name.
prof="$TMPD/prof"
mkdir -p "$prof"
cp "$top_srcdir/etc/default.profile" "$top_srcdir/etc/jailrun.conf" \
	"$top_srcdir/profiles/disable-keys.inc" \
	"$top_srcdir/profiles/disable-secrets.inc" "$prof/"
JAILRUN_PROFILE_PATH=$prof
export JAILRUN_PROFILE_PATH

# A home of the test's own (nobody's is /nonexistent), with secrets in it.
HOME="$TMPD/home"
export HOME
mkdir -p "$HOME/.ssh" "$HOME/.gnupg/private-keys-v1.d" \
	"$HOME/.mozilla/firefox/abcd.default-release"
chmod 700 "$HOME/.ssh" "$HOME/.gnupg"
echo "ssh-key-$$" >"$HOME/.ssh/id_test"
echo "gpg-key-$$" >"$HOME/.gnupg/private-keys-v1.d/K.key"
echo "cookie-$$" >"$HOME/.mozilla/firefox/abcd.default-release/cookies.sqlite"
echo "history-$$" >"$HOME/.bash_history"
# git: no system or user configuration but ours, fixed dates and names
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org
GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org
GIT_AUTHOR_DATE="2020-01-01T00:00:00Z" GIT_COMMITTER_DATE="2020-01-01T00:00:00Z"
export GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE
# the suite runs under make: its flags must not reach the make tested here
unset MAKEFLAGS MFLAGS MAKELEVEL
LC_ALL=C
export LC_ALL

# the same input for both runs
src="$TMPD/src"
mkdir -p "$src/tree/sub"
printf 'pear\napple\nfig\nbanana\napple\n' >"$src/fruit"
printf 'one\ntwo\nthree\n' >"$src/tree/a.txt"
printf 'one\n2\nthree\nfour\n' >"$src/tree/sub/b.txt"
cat >"$src/hello.c" <<'EOF'
#include <stdio.h>
int main(void) { long s = 0; for (int i = 1; i <= 100; i++) s += i; printf("sum %ld\n", s); return 3; }
EOF
cat >"$src/Makefile" <<'EOF'
all: out.txt
mid.txt: fruit
	sort -u fruit > mid.txt
out.txt: mid.txt
	tr a-z A-Z < mid.txt > out.txt
EOF

# files DIR: what the run left in DIR, as names and digests
files() { (cd "$1" && find . -type f | sort | xargs -r sha256sum); }

# same DESC SCRIPT: SCRIPT run by sh in a fresh copy of $src, bare and with
# every command under `jailrun` (the word J in SCRIPT): the same output,
# status and files
n=0
same() {
	n=$((n + 1))
	_b="$TMPD/bare.$n" _j="$TMPD/jail.$n"
	cp -a "$src" "$_b"
	cp -a "$src" "$_j"
	_ob=$(cd "$_b" && J= sh -c "$2" 2>&1; echo "rc=$?")
	_oj=$(cd "$_j" && J="$JAILRUN" sh -c "$2" 2>&1; echo "rc=$?")
	if [ "$_ob" != "$_oj" ]; then
		not_ok "$1: the same output and status as bare" "bare: $_ob" "jailrun: $_oj"
	elif [ "$(files "$_b")" != "$(files "$_j")" ]; then
		not_ok "$1: the same files as bare" "$(files "$_b")" "$(files "$_j")"
	elif printf '%s\n' "$_ob" | grep -q '^rc=125$'; then
		not_ok "$1: really ran (not jailrun's 125 twice)" "$_ob"
	else
		ok "$1: works as bare ($(printf '%s' "$_ob" | tail -n 1))"
	fi
}

mode_ok=yes
jr --debug true
like "$out" "read $prof/default\\.profile" "default.profile is what an unknown program gets"
for p in sh bash ed vim gcc make sort sha256sum cp python3 git tar gzip grep sed awk find diff; do
	jr --debug --print-filter "$p"
	if printf '%s\n' "$out" | grep -q "read $prof/default\\.profile"; then
		:
	else
		mode_ok=no
		diag "$p: not default.profile: $out"
	fi
done
is "$mode_ok" yes "none of the 19 programs has a profile here: default.profile for each"

same "sh" '$J sh -c "i=0; while [ \$i -lt 5 ]; do i=\$((i+1)); printf %s, \$((i*i)); done; echo; cd /tmp && pwd; exit 4"'
same "bash" '$J bash -c "declare -A a=([x]=1 [y]=2); echo \${#a[@]} \${a[y]}; printf \"%05d\n\" 42; [[ abc =~ b ]] && echo match"'
same "ed edits a file" 'printf "2d\n\$a\nend\n.\nw\nq\n" | $J ed -s fruit; cat fruit'
same "vim -es edits a file" '$J vim -u NONE -i NONE -es -c "%s/apple/APPLE/g" -c "wq" fruit; cat fruit'
same "gcc compiles, the program runs" '$J gcc -O2 -o hello hello.c && $J ./hello'
same "make builds" '$J make -s --no-print-directory && cat out.txt'
same "sort" '$J sort -r fruit; $J sort -u -o sorted fruit'
same "sha256sum" '$J sha256sum fruit tree/a.txt'
same "cp -a" '$J cp -a tree copy && $J cp fruit fruit.bak'
same "python3" '$J /usr/bin/python3 -c "
import json, hashlib, os, subprocess, tempfile
d = json.loads(json.dumps({\"a\": [1, 2], \"b\": None}))
print(d, hashlib.sha256(open(\"fruit\", \"rb\").read()).hexdigest())
print(sorted(os.listdir(\"/\"))[:3] == sorted(os.listdir(\"/\"))[:3])
print(subprocess.run([\"sort\", \"fruit\"], capture_output=True, text=True).stdout.split())
with tempfile.NamedTemporaryFile(\"w\", dir=\".\", delete=False) as f: f.write(\"x\")
os.rename(f.name, \"made\")
"'
same "git init, add, commit" '$J git init -q -b main r && cp fruit r/ && cd r && $J git add fruit && $J git commit -q -m one && $J git rev-parse HEAD && $J git log --format=%s%n%an && rm -rf .git/index .git/logs .git/hooks'
same "tar and gzip" '$J tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf t.tar tree && $J gzip -n -9 t.tar && $J tar -tzf t.tar.gz'
same "grep" '$J grep -c apple fruit; $J grep -rn one tree | sort; $J grep -q nothing fruit'
same "sed" '$J sed -n "s/^\(.\)\(.*\)/\2\1/p" fruit; $J sed -i "s/fig/FIG/" fruit'
same "awk" '$J awk "{n[\$1]++} END {for (k in n) print k, n[k] | \"sort\"}" fruit'
same "find" '$J find tree -name "*.txt" -newer /nonexistent 2>/dev/null; $J find tree -type f -name "*.txt" | sort; $J find tree -type d | sort'
same "diff" '$J diff -u tree/a.txt tree/sub/b.txt | tail -n +3; $J diff -q fruit fruit'
same "xargs, wc, cut, tr, uniq" '$J sh -c "sort fruit | uniq -c | tr -s \" \" | cut -d\" \" -f2- | xargs -n2 echo | wc -l"'

# ---- the secrets: unreadable under default.profile, readable without it
secret() { # secret DESC FILE WANT
	jr cat "$2"
	case $out in
	*"$3"*) not_ok "$1: unreadable under default.profile" "$out" ;;
	*"Permission denied"*) ok "$1: unreadable under default.profile (EACCES)" ;;
	*) not_ok "$1: unreadable under default.profile (EACCES)" "$out" ;;
	esac
	jr --noprofile cat "$2"
	is "$out" "$3" "$1: readable with --noprofile (control)"
}
secret "~/.ssh/id_test" "$HOME/.ssh/id_test" "ssh-key-$$"
secret "a ~/.gnupg key" "$HOME/.gnupg/private-keys-v1.d/K.key" "gpg-key-$$"
secret "a firefox profile's cookies" "$HOME/.mozilla/firefox/abcd.default-release/cookies.sqlite" "cookie-$$"
secret "~/.bash_history" "$HOME/.bash_history" "history-$$"
jr ls -A "$HOME/.ssh"
like "$rc:$out" "^2:.*Permission denied" "~/.ssh cannot be listed under default.profile"
jr --noprofile ls -A "$HOME/.ssh"
is "$rc:$out" "0:id_test" "~/.ssh can be listed with --noprofile (control)"
jr sha256sum "$HOME/.ssh/id_test"
is "$rc" 1 "sha256sum ~/.ssh/id_test fails (the issue's example)"

# ---- loosened by the user's .local files
mkdir -p "$XDG_CONFIG_HOME/jailrun"
printf 'blacklist = !~/.ssh\n' >"$XDG_CONFIG_HOME/jailrun/cat.local"
jr cat "$HOME/.ssh/id_test"
is "$out" "ssh-key-$$" "cat.local 'blacklist = !~/.ssh': cat reads ~/.ssh again"
jr cat "$HOME/.bash_history"
like "$out" "Permission denied" "cat.local 'blacklist = !~/.ssh': the history stays hidden"
jr sha256sum "$HOME/.ssh/id_test"
is "$rc" 1 "cat.local: sha256sum still cannot read ~/.ssh"
rm "$XDG_CONFIG_HOME/jailrun/cat.local"
printf 'ignore = blacklist\n' >"$XDG_CONFIG_HOME/jailrun/globals.local"
jr sh -c "cat '$HOME/.ssh/id_test' '$HOME/.bash_history'"
is "$out" "ssh-key-$$
history-$$" "globals.local 'ignore = blacklist': nothing hidden"
rm "$XDG_CONFIG_HOME/jailrun/globals.local"
jr cat "$HOME/.ssh/id_test"
like "$out" "Permission denied" "without the .local files: hidden again"

# ---- where user namespaces are refused
if ! "$NOUSERNS" true 2>/dev/null; then
	skip_n 4 "jr-nouserns cannot load its filter here"
elif is_root; then
	# root needs no user namespace: its mount namespace hides them
	nouserns "$JAILRUN" cat "$HOME/.ssh/id_test"
	like "$out" "Permission denied" "nouserns, root: ~/.ssh hidden all the same"
	nouserns "$JAILRUN" sha256sum "$src/fruit"
	is "$rc" 0 "nouserns, root: a program runs"
	skip_always_n 2 "root makes no user namespace: nothing to refuse"
else
	nouserns "$JAILRUN" cat "$HOME/.ssh/id_test"
	is "$rc" 125 "nouserns: secrets to hide and no mount namespace: refused (125)"
	like "$out" "^jailrun: user namespaces are not available \(.*\), and the file-system confinement \(mounts\) needs one for $HOME/\.ssh \(.*disable-keys\.inc:[0-9]+\): allow user namespaces, or take the key away" \
		"nouserns: one line says why, and what to do"
	case $out in *ssh-key-*) not_ok "nouserns: the key was not read" "$out" ;;
	*) ok "nouserns: the key was not read" ;; esac
	# nothing to hide: the run goes on, without namespaces, and says so
	mkdir -p "$TMPD/empty-home"
	HOME="$TMPD/empty-home" nouserns "$JAILRUN" sha256sum "$src/fruit"
	like "$rc:$out" "^0:.*running without namespaces" \
		"nouserns: none of the secrets exists: runs, with a warning"
fi

done_testing
