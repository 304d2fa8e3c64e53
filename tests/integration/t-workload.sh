#!/bin/sh
# t-workload.sh - ordinary work under `jailrun CMD` makes the very same
# artefacts as bare: make + gcc build a program, git commits, tar and
# gzip pack, ssh-keygen derives and signs, sqlite3 builds a database,
# python3 -m venv and a local pip install, ffmpeg encodes a generated
# clip.  Each program runs under its shipped profile where it has one
# (git, tar, gzip, python3, ffmpeg), else under default.profile (make,
# gcc, ssh-keygen, sqlite3); each artefact is compared byte for byte.
. "$(dirname "$0")/lib.sh"

HOME="$TMPD/home"
export HOME
mkdir -p "$HOME"
unset MAKEFLAGS MFLAGS MAKELEVEL
LC_ALL=C
export LC_ALL
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org
GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org
GIT_AUTHOR_DATE="2020-01-01T00:00:00Z" GIT_COMMITTER_DATE="2020-01-01T00:00:00Z"
export GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE

# the input both runs get
src="$TMPD/src"
mkdir -p "$src/proj" "$src/tinypkg/tinypkg"
cat >"$src/proj/main.c" <<'EOF'
#include <stdio.h>
#include "lib.h"
int main(void) { printf("%d\n", triple(14)); return 0; }
EOF
printf 'int triple(int x);\n' >"$src/proj/lib.h"
printf '#include "lib.h"\nint triple(int x) { return 3 * x; }\n' >"$src/proj/lib.c"
cat >"$src/proj/Makefile" <<'EOF'
CFLAGS = -O2
prog: main.o lib.o
	$(CC) -o $@ main.o lib.o
main.o lib.o: lib.h
EOF
cat >"$src/db.sql" <<'EOF'
CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n REAL);
INSERT INTO t (name, n) VALUES ('a', 1.5), ('b', 2.25), ('c', NULL);
CREATE INDEX t_name ON t (name);
UPDATE t SET n = n * 2 WHERE name = 'b';
EOF
cat >"$src/tinypkg/setup.py" <<'EOF'
from setuptools import setup
setup(name="tinypkg", version="1.0", packages=["tinypkg"],
      entry_points={"console_scripts": ["tinypkg=tinypkg:main"]})
EOF
cat >"$src/tinypkg/tinypkg/__init__.py" <<'EOF'
def main():
    print("tinypkg says", sum(range(10)))
EOF

# work MODE: the workload in $TMPD/MODE (bare, or jail: every program
# under `jailrun`), each artefact copied to $TMPD/MODE.out
work() {
	_d="$TMPD/$1" _o="$TMPD/$1.out"
	[ "$1" = jail ] && J=$JAILRUN || J=
	cp -a "$src" "$_d"
	mkdir -p "$_o"
	(
		cd "$_d/proj" || exit 1
		$J make -s --no-print-directory CC=gcc >"$_o/make.log" 2>&1
		echo "make $?" >>"$_o/status"
		cp prog "$_o/prog" 2>/dev/null
		$J ./prog >"$_o/prog.out" 2>&1
		cd "$_d" || exit 1
		$J git init -q -b main repo && cp -a proj/main.c proj/lib.c repo/ &&
			(cd repo && $J git add . && $J git commit -q -m one &&
				$J git rev-parse HEAD >"$_o/git.head" &&
				$J git archive --format=tar HEAD >"$_o/git.tar")
		echo "git $?" >>"$_o/status"
		$J tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
			-cf pack.tar proj/main.c proj/lib.c proj/lib.h &&
			$J gzip -n -9 pack.tar && cp pack.tar.gz "$_o/" &&
			mkdir x && $J tar -xzf pack.tar.gz -C x &&
			cat x/proj/* >"$_o/unpacked"
		echo "tar/gzip $?" >>"$_o/status"
		cp "$TMPD/key" key && chmod 600 key &&
			$J ssh-keygen -y -f key >"$_o/key.pub" &&
			printf 'signed data\n' >data &&
			$J ssh-keygen -q -Y sign -f key -n file data &&
			cp data.sig "$_o/" &&
			$J ssh-keygen -l -f "$_o/key.pub" >"$_o/fingerprint"
		echo "ssh-keygen $?" >>"$_o/status"
		$J sqlite3 db.sqlite <db.sql && cp db.sqlite "$_o/" &&
			$J sqlite3 db.sqlite .dump >"$_o/db.dump"
		echo "sqlite3 $?" >>"$_o/status"
		$J /usr/bin/python3 -m venv v && v/bin/python3 -c 1 &&
			$J v/bin/python3 -m pip install -q --no-index \
				--no-build-isolation --no-cache-dir ./tinypkg \
				>"$_o/pip.log" 2>&1 &&
			$J v/bin/tinypkg >"$_o/tinypkg.out" &&
			$J v/bin/python3 -m pip freeze >"$_o/freeze" &&
			cp v/lib/python3*/site-packages/tinypkg/__init__.py "$_o/installed.py"
		echo "venv/pip $?" >>"$_o/status"
		$J ffmpeg -nostdin -loglevel error -threads 1 \
			-f lavfi -i testsrc=duration=1:size=64x48:rate=10 \
			-f lavfi -i sine=frequency=440:duration=1 \
			-c:v mpeg4 -c:a pcm_s16le -fflags +bitexact \
			-flags:v +bitexact -flags:a +bitexact -map_metadata -1 \
			clip.avi && cp clip.avi "$_o/" &&
			$J ffmpeg -nostdin -loglevel error -threads 1 -i clip.avi \
				-f framemd5 "$_o/clip.framemd5"
		echo "ffmpeg $?" >>"$_o/status"
	)
}

need="make gcc git tar gzip ssh-keygen sqlite3 ffmpeg"
missing=
for p in $need; do command -v "$p" >/dev/null 2>&1 || missing="$missing $p"; done
/usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || missing="$missing python3-venv"
if [ -n "$missing" ]; then
	skip_n 27 "not installed:$missing"
	done_testing
	exit
fi

# which profile each program gets
for p in git tar gzip python3 ffmpeg; do
	jr --debug --print-filter "$p"
	like "$out" "read .*/profiles/$p\\.profile" "$p: its shipped profile"
done
for p in make gcc ssh-keygen sqlite3; do
	jr --debug --print-filter "$p"
	like "$out" "read .*/default\\.profile" "$p: default.profile"
done

ssh-keygen -q -t ed25519 -N '' -C test -f "$TMPD/key"
work bare
work jail
is "$(cat "$TMPD/jail.out/status")" "$(printf '%s 0\n' make git tar/gzip ssh-keygen sqlite3 venv/pip ffmpeg)" \
	"every step succeeds under jailrun"
is "$(cat "$TMPD/bare.out/status")" "$(cat "$TMPD/jail.out/status")" \
	"the same steps succeed bare (control)"
for f in prog prog.out git.head git.tar pack.tar.gz unpacked key.pub data.sig \
	fingerprint db.sqlite db.dump tinypkg.out freeze installed.py clip.avi clip.framemd5; do
	if [ ! -s "$TMPD/bare.out/$f" ]; then
		not_ok "$f: made bare" "$(cat "$TMPD/bare.out/status")"
	elif cmp -s "$TMPD/bare.out/$f" "$TMPD/jail.out/$f"; then
		ok "$f: byte-identical bare and under jailrun"
	else
		not_ok "$f: byte-identical bare and under jailrun" \
			"$(cmp "$TMPD/bare.out/$f" "$TMPD/jail.out/$f" 2>&1)" \
			"$(cat "$TMPD/jail.out/pip.log" 2>/dev/null | tail -5)"
	fi
done

done_testing
