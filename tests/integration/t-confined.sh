#!/bin/sh
# The shipped profiles confine files: in a home directory with planted
# secrets (~/.ssh/id_test, ~/.aws/credentials) each application still
# does its job, cannot read the secrets (hidden behind an empty mode-0
# directory by disable-keys.inc and disable-secrets.inc: EACCES) nor a
# file outside the home directory and /tmp (Landlock: EACCES), and the
# same command without a profile can.  Every shipped profile starts without a home directory
# (nobody's /nonexistent): rules for missing paths are skipped.
# A test is skipped only when the application is not installed (a
# failure in CI, which installs them).
. "$top_srcdir/tests/integration/lib.sh"

PATH=/usr/bin:/bin
export PATH
# The home directory is in /var/tmp, not in /tmp (which most profiles
# may read): a grant of ~ is what lets a program in; beside it a file
# outside both, in a directory no profile grants.
OUT=$(mktemp -d /var/tmp/jailrun-confined.XXXXXX) || exit 1
trap 'rm -rf "$TMPD" "$OUT"' EXIT
chmod 755 "$OUT"
printf 'JR-OUTSIDE\n' >"$OUT/outside.txt"
HOME="$OUT/home"
export HOME
XDG_CONFIG_HOME="$HOME/.config"
export XDG_CONFIG_HOME
mkdir -p "$HOME/.ssh" "$HOME/.aws" "$HOME/docs" "$XDG_CONFIG_HOME"
printf 'JR-SECRET-KEY\n' >"$HOME/.ssh/id_test"
printf 'Host jrhost\n  User jrtestuser\n' >"$HOME/.ssh/config"
printf '[default]\naws_secret_access_key = JR-SECRET-AWS\n' \
	>"$HOME/.aws/credentials"
chmod 700 "$HOME/.ssh"
chmod 600 "$HOME/.ssh/id_test" "$HOME/.ssh/config"
printf 'just a note\n' >"$HOME/docs/note.txt"
cd "$HOME/docs" || exit 1

abi=$(landlock_abi)
if [ -z "$abi" ]; then
	skip "this kernel has no Landlock"
	done_testing
	exit
fi

# Every shipped profile starts with no home directory at all.
for prof in "$top_srcdir"/profiles/*.profile; do
	p=$(basename "$prof" .profile)
	HOME="$TMPD/nohome" XDG_CONFIG_HOME="$TMPD/nohome/.config" \
		run "$JAILRUN" --profile="$p" /bin/true
	is "$rc:$out" "0:" "$p: starts without a home directory"
done

# denied DESC PATTERN [RC]: the last command failed (exit status RC; any
# but 0 when not given) and printed PATTERN, and no secret or outside
# text leaked into its output.
denied() {
	_want=${3:-nonzero}
	if { [ "$rc" = "$_want" ] ||
		{ [ "$_want" = nonzero ] && [ "$rc" != 0 ]; }; } &&
		printf '%s\n' "$out" | grep -Eq -- "$2" &&
		! printf '%s\n' "$out" | grep -q 'JR-SECRET\|JR-OUTSIDE'; then
		ok "$1"
	else
		not_ok "$1" "rc $rc" "$out"
	fi
}
ACCES='Permission denied|EACCES|PermissionError|t open|cannot open'

# curl: file:// of a file in ~ works; of ~/.ssh/id_test does not
if installed curl 5; then
	jr curl -s file://"$HOME/docs/note.txt"
	is "$out" "just a note" "curl reads a file:// URL in ~"
	jr --noprofile curl -s file://"$HOME/.ssh/id_test"
	is "$out" JR-SECRET-KEY "curl without a profile reads ~/.ssh/id_test"
	jr curl -sS file://"$HOME/.ssh/id_test"
	denied "curl cannot read ~/.ssh/id_test (hidden)" "$ACCES"
	jr curl -sS file://"$HOME/.aws/credentials"
	denied "curl cannot read ~/.aws/credentials (hidden)" "$ACCES"
	jr curl -sS file://"$OUT/outside.txt"
	denied "curl cannot read a file outside ~ and /tmp (Landlock)" "$ACCES"
fi

# less, not on a terminal: prints a file in ~, not the key (it says
# why and exits 0)
if installed less 4; then
	jr less "$HOME/docs/note.txt"
	is "$out" "just a note" "less shows a file in ~"
	jr --noprofile less "$HOME/.ssh/id_test"
	is "$out" JR-SECRET-KEY "less without a profile shows ~/.ssh/id_test"
	jr less "$HOME/.ssh/id_test"
	denied "less cannot show ~/.ssh/id_test (hidden)" "$ACCES" 0
	jr less "$OUT/outside.txt"
	denied "less cannot show a file outside ~ and /tmp (Landlock)" "$ACCES" 0
fi

# vim: edits a file in ~; readfile() of the key fails
if installed vim 4; then
	printf 'one\n' >"$HOME/docs/v.txt"
	jr vim -es -u NONE -c '%s/one/ONE/' -c wq "$HOME/docs/v.txt"
	is "$rc:$(cat "$HOME/docs/v.txt")" "0:ONE" "vim edits a file in ~"
	steal="call writefile(readfile('$HOME/.ssh/id_test'), '$HOME/docs/stolen')"
	rm -f "$HOME/docs/stolen"
	jr --noprofile vim -es -u NONE -c "$steal" -c 'qa!'
	is "$(cat "$HOME/docs/stolen" 2>/dev/null)" JR-SECRET-KEY \
		"vim without a profile copies ~/.ssh/id_test"
	rm -f "$HOME/docs/stolen"
	jr vim -es -u NONE -c "$steal" -c 'qa!'
	if [ ! -s "$HOME/docs/stolen" ]; then
		ok "vim cannot read ~/.ssh/id_test (hidden)"
	else
		not_ok "vim cannot read ~/.ssh/id_test (hidden)" \
			"$(cat "$HOME/docs/stolen")"
	fi
fi

# gzip: compresses a file in ~; not the credentials, not outside
if installed gzip 4; then
	cp "$HOME/docs/note.txt" "$HOME/docs/n"
	jr gzip "$HOME/docs/n"
	[ "$rc" = 0 ] && [ -f "$HOME/docs/n.gz" ] &&
		ok "gzip compresses a file in ~" ||
		not_ok "gzip compresses a file in ~" "rc $rc" "$out"
	jr --noprofile gzip -c "$HOME/.aws/credentials"
	is "$rc" 0 "gzip without a profile reads ~/.aws/credentials"
	jr gzip -c "$HOME/.aws/credentials"
	denied "gzip cannot read ~/.aws/credentials (hidden)" "$ACCES"
	jr gzip -c "$OUT/outside.txt"
	denied "gzip cannot read a file outside ~ and /tmp (Landlock)" "$ACCES"
fi

# tar: an archive of the whole home directory leaves the secrets out
if installed tar 2; then
	run sh -c "\"$JAILRUN\" --noprofile tar cf - -C \"$HOME\" . | grep -ac JR-SECRET"
	is "$out" 2 "tar without a profile archives both secrets of ~"
	run sh -c "\"$JAILRUN\" tar cf - -C \"$HOME\" . 2>/dev/null | tar tf - | grep -c 'note.txt'; \"$JAILRUN\" tar cf - -C \"$HOME\" . 2>/dev/null | grep -ac JR-SECRET"
	is "$(printf '%s' "$out" | tr '\n' ' ')" "1 0" \
		"tar archives ~ with note.txt but without the secrets"
fi

# file: names a file in ~, not the key
if installed file 3; then
	jr file -b "$HOME/docs/note.txt"
	is "$out" "ASCII text" "file names a file in ~"
	jr --noprofile file -b "$HOME/.ssh/id_test"
	is "$out" "ASCII text" "file without a profile reads ~/.ssh/id_test"
	jr file -b "$HOME/.ssh/id_test"
	like "$out" "$ACCES" "file cannot read ~/.ssh/id_test (hidden)"
fi

# python3: a script reads ~, not the key
if installed python3 3; then
	rd='import sys; print(open(sys.argv[1]).read().strip())'
	jr python3 -c "$rd" "$HOME/docs/note.txt"
	is "$out" "just a note" "python3 reads a file in ~"
	jr --noprofile python3 -c "$rd" "$HOME/.ssh/id_test"
	is "$out" JR-SECRET-KEY "python3 without a profile reads ~/.ssh/id_test"
	jr python3 -c "$rd" "$HOME/.ssh/id_test"
	denied "python3 cannot read ~/.ssh/id_test (hidden)" "PermissionError"
fi

# git: keeps ~/.ssh (ssh remotes), hides the cloud credentials
if installed git 3; then
	jr git hash-object "$HOME/docs/note.txt"
	like "$out" "^[0-9a-f]{40}$" "git hashes a file in ~"
	jr --noprofile git hash-object "$HOME/.aws/credentials"
	like "$out" "^[0-9a-f]{40}$" \
		"git without a profile reads ~/.aws/credentials"
	jr git hash-object "$HOME/.aws/credentials"
	denied "git cannot read ~/.aws/credentials (hidden)" "$ACCES"
fi

# ssh: reads ~/.ssh/config, nothing else of ~ (ssh finds its own
# ~/.ssh through the password database, not $HOME: -F names it)
if installed ssh 3; then
	jr ssh -F "$HOME/.ssh/config" -G jrhost
	like "$out" "^user jrtestuser" "ssh reads ~/.ssh/config"
	printf 'Host jrhost\n  User jrother\n' >"$HOME/docs/ssh.cfg"
	jr --noprofile ssh -F "$HOME/docs/ssh.cfg" -G jrhost
	like "$out" "^user jrother" "ssh without a profile reads a config in ~/docs"
	jr ssh -F "$HOME/docs/ssh.cfg" -G jrhost
	denied "ssh cannot read a config in ~ outside ~/.ssh (Landlock)" "$ACCES"
fi

done_testing
