#!/bin/sh
# jailrun --import-firejail on Debian's firejail-profiles, as a user does
# it, with a real (temporary) home: every profile and include of
# /etc/firejail is converted into ~/.config/jailrun/firejail; counted
# over all of them, how many import, load and compile their filter
# (--print-filter); a second import replaces the first and nothing else;
# then real programs, found by `jailrun PROGRAM` alone (the lookup reads
# the import after jailrun's own profiles), do their job on an ordinary
# file, while a planted ~/.ssh/id_test and ~/.gnupg file are unreadable
# where firejail's profile hides them (and readable without jailrun).
. "$top_srcdir/tests/integration/lib.sh"

if [ ! -f /etc/firejail/disable-common.inc ]; then
	skip_always_n 1 "firejail-profiles is not installed"
	[ -f "$TMPD/table" ] && diag "$(cat "$TMPD/table")"
done_testing
	exit
fi

# As root, the profiles' noroot cannot apply, and each run says so
# (t-devices.sh tests that line): it is left out of what is compared.
jr() {
	run "$JAILRUN" "$@"
	out=$(printf '%s\n' "$out" | grep -v '^jailrun: WARNING: .*: noroot is not applied')
}

# The home outside /tmp: most firejail profiles have private-tmp, which
# would hide a home below it.
# The helper that reads the secrets too (the tree may be below /tmp).
BASE=$(mktemp -d /var/tmp/jailrun-import.XXXXXX) || exit 1
trap 'kill $bg_pids 2>/dev/null; rm -rf "$TMPD" "$BASE"' EXIT
chmod 755 "$BASE"
mkdir "$BASE/home" "$BASE/bin"
cp "$TRY" "$BASE/bin/jr-try"
TRY=$BASE/bin/jr-try
HOME=$BASE/home
XDG_RUNTIME_DIR=$TMPD/run # as a session has it
PATH=/usr/local/bin:/usr/bin:/bin
export HOME XDG_RUNTIME_DIR PATH
mkdir -p "$HOME/.ssh" "$HOME/.gnupg" "$HOME/Downloads" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR" "$HOME/.ssh" "$HOME/.gnupg"
echo "secret key" >"$HOME/.ssh/id_test"
echo "secret ring" >"$HOME/.gnupg/pubring.test"
D=$XDG_CONFIG_HOME/jailrun/firejail

# ---- the import ------------------------------------------------------------
n_files=$(find /etc/firejail -maxdepth 1 -type f \( -name '*.profile' \
	-o -name '*.inc' -o -name '*.local' \) | wc -l)
n_profiles=$(find /etc/firejail -maxdepth 1 -type f -name '*.profile' | wc -l)
jr --import-firejail
is "$rc" 0 "--import-firejail: exit 0" "$(printf '%s\n' "$out" | tail -n 5)"
summary=$(printf '%s\n' "$out" | grep '^imported ')
like "$summary" "^imported $n_files of $n_files files from /etc/firejail into $D: [0-9]+ directives converted, [0-9]+ not converted; 0 refused, 0 kept$" \
	"all $n_files files imported, the counts said"
diag "$summary"
like "$out" "^curl.profile: [0-9]+ converted, [0-9]+ not converted$" \
	"a count per file"
is "$(find "$D" -name '*.profile' | wc -l)" "$n_profiles" \
	"$n_profiles profiles written"

# Load and compile each (--print-filter reads the profile and its
# includes and compiles the filter); a reader's error names FILE:LINE.
loads=0 compiles=0 failed=
for f in "$D"/*.profile; do
	if "$JAILRUN" --profile="$f" --print-filter >/dev/null 2>"$TMPD/err"; then
		loads=$((loads + 1)) compiles=$((compiles + 1))
	elif ! grep -q '\.\(inc\|profile\):[0-9]*:' "$TMPD/err"; then
		loads=$((loads + 1))
		failed="$failed $(basename "$f")"
	else
		failed="$failed $(basename "$f")"
	fi
done
diag "of $n_profiles imported profiles: $loads load, $compiles compile their filter; failed:$failed"
# firejail itself accepts them all; one (qupzilla) reads more than
# jailrun's 4096 path rules
min=$((n_profiles - 2))
if [ "$compiles" -ge "$min" ]; then
	ok "at least $min of $n_profiles load and compile ($compiles)"
else
	not_ok "at least $min of $n_profiles load and compile ($compiles)" "$failed"
fi

# ---- a second import -------------------------------------------------------
echo "# mine" >"$D/mine.profile"
echo "# edited" >>"$D/curl.profile"
jr --import-firejail
is "$rc" 0 "a second import: exit 0"
like "$out" "0 refused, 0 kept$" "... replaces its own files"
is "$(cat "$D/mine.profile")" "# mine" "... and leaves a file it did not write"
if grep -q '# edited' "$D/curl.profile"; then
	not_ok "... and rewrote what the first import wrote"
else
	ok "... and rewrote what the first import wrote"
fi
grep -qx mine.profile "$D/.jailrun-import" && not_ok "... manifest lists mine" ||
	ok "... its manifest lists only what it wrote"
rm -f "$D/mine.profile"

# --system is root's
if is_root; then
	skip_always "--system as nobody: this run is root (the nobody run checks it)"
else
	jr --import-firejail --system
	is "$rc" 125 "--import-firejail --system as a user: exit 125"
fi

# ---- the warning for a profile that confines nothing -----------------------
printf 'hostname = box\n' >"$TMPD/none.profile"
jr --profile="$TMPD/none.profile" true
like "$out" "^jailrun: WARNING: the profile $TMPD/none.profile sets no seccomp rule, no capability drop and no file rule" \
	"a profile that confines nothing: jailrun warns"
printf 'hostname = box\ncaps.drop = all\n' >"$TMPD/some.profile"
jr --profile="$TMPD/some.profile" true
is "$out" "" "... one that drops capabilities: no warning"
jr --profile="$D/sha256sum.profile" sha256sum /dev/null
like "$out" "^e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 " \
	"... an imported one: no warning (it confines)"

# ---- real programs by automatic lookup -------------------------------------
cd "$HOME/Downloads" || exit 1
printf 'hello world\n' >f.txt
printf 'hello world\n' >orig.txt
printf 'hello there\n' >new.txt
diff -u orig.txt new.txt >f.patch
printf 'all:\n\t@echo made\n' >Makefile
bzip2 -k f.txt && zstd -q -k f.txt
cp f.txt.bz2 g.txt.bz2
cp f.txt.zst g.txt.zst
ar rc a.a f.txt
if command -v lzip >/dev/null; then lzip -k f.txt; fi
if command -v cpio >/dev/null; then echo f.txt | cpio -o -F x.cpio 2>/dev/null; fi
printf '#!/bin/sh\necho $1\n' >s.sh
if command -v lzop >/dev/null; then lzop -k f.txt; fi
printf 'P3\n2 2\n255\n255 0 0 0 255 0 0 0 255 255 255 255\n' >img.ppm
printf '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20" fill="red"/></svg>\n' >f.svg
printf '.TH JRTEST 1\n.SH NAME\njrtest \\- a page\n' >jrtest.1
printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="red"/></svg>\n' >in.svg
# a zip, an OpenDocument text, a 2x2 PNG and a one-page PDF saying
# "hello world", written here (no tool needed)
python3 -c '
import struct, sys, zipfile, zlib
z = zipfile.ZipFile("x.zip", "w")
z.writestr("f.txt", "hello world\n")
z.close()
z = zipfile.ZipFile("f.odt", "w")
z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
z.writestr("content.xml", """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>
<office:text><text:p>hello world</text:p></office:text></office:body>
</office:document-content>""")
z.close()
def chunk(kind, data):
    c = kind + data
    return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c))
rows = b"\0\xff\0\0\0\0\xff" + b"\0\0\0\xff\xff\xff\xff"
open("f.png", "wb").write(b"\x89PNG\r\n\x1a\n"
    + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
text = b"BT /F1 24 Tf 20 100 Td (hello world) Tj ET"
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text)]
pdf, where = b"%PDF-1.4\n", []
for n, body in enumerate(objs, 1):
    where.append(len(pdf))
    pdf += b"%d 0 obj\n%s\nendobj\n" % (n, body)
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
pdf += b"".join(b"%010d 00000 n \n" % w for w in where)
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
    len(objs) + 1, xref)
open("f.pdf", "wb").write(pdf)'
if command -v ffmpeg >/dev/null; then
	ffmpeg -loglevel error -f lavfi -i testsrc=duration=1:size=64x48:rate=5 \
		-y f.mkv
fi
sum_f=$(sha256sum f.txt)

# prog NAME WANT CMD...: `jailrun CMD` finds the imported NAME.profile
# (--debug says so) and its output matches WANT.
prog() {
	_name=$1 _want=$2
	shift 2
	if ! command -v "$1" >/dev/null 2>&1; then
		skip_n 2 "$1 is not installed"
		return 1
	fi
	jr --debug "$@"
	like "$out" "profile name '$_name' .*: imported from firejail" \
		"$_name: jailrun $1 finds the imported profile"
	_o=$(printf '%s\n' "$out" | grep -v '^jailrun: ')
	"$JAILRUN" --quiet "$@" >"$TMPD/o" 2>&1
	_o=$(cat "$TMPD/o")
	like "$_o" "$_want" "$_name: does its job" "$out"
}

# fj_chain NAME.profile: the firejail files NAME reads, includes first
# seen first (.local files aside; ?CONDITION lines aside).
fj_chain() {
	_todo=$1 _seen=
	while [ -n "$_todo" ]; do
		# shellcheck disable=SC2086 # a list of names
		set -- $_todo
		[ $# -gt 0 ] || break
		_f=$1
		shift
		_todo=$*
		case " $_seen " in *" $_f "*) continue ;; esac
		[ -f "/etc/firejail/$_f" ] || continue
		_seen="$_seen $_f"
		_todo="$_todo $(sed -n 's/^include  *\([^ ]*\.\(inc\|profile\)\)$/\1/p' \
			"/etc/firejail/$_f" | sed 's|.*/||')"
	done
	printf '%s\n' $_seen
}

# fj_hides NAME DIR: firejail's profile for NAME hides ~/DIR: a blacklist
# of it not taken back by a noblacklist, or a whitelisted home without it.
fj_hides() {
	_files=$(fj_chain "$1.profile" | sed 's|^|/etc/firejail/|')
	# shellcheck disable=SC2086 # a list of files
	_lines=$(cat $_files)
	if printf '%s\n' "$_lines" | grep -qx "noblacklist \${HOME}/$2"; then
		return 1
	fi
	if printf '%s\n' "$_lines" | grep -qx "blacklist \${HOME}/$2"; then
		return 0
	fi
	if printf '%s\n' "$_lines" | grep -q '^whitelist \${\(HOME\|DOWNLOADS\|DOCUMENTS\|MUSIC\|PICTURES\|VIDEOS\)}'; then
		printf '%s\n' "$_lines" | grep -qx "whitelist \${HOME}/$2" && return 1
		return 0
	fi
	return 1
}

# hidden NAME: a secret in ~/.ssh and ~/.gnupg is unreadable under NAME's
# imported profile exactly where firejail's profile hides it, and
# readable without jailrun.
# The reader runs under the imported profile less its noexec (firejail's
# disable-exec.inc makes /var/tmp, where it lives, noexec), and, where
# the profile whitelists below /var, with its own directory whitelisted
# too: neither changes what is hidden in the home.
hidden() {
	_name=$1
	_w="$D/jrtest-read-$_name.profile"
	printf 'ignore = noexec\ninclude = ./%s.profile\n' "$_name" >"$_w"
	"$JAILRUN" --quiet --debug --profile="$D/$_name.profile" true 2>&1 |
		grep -q 'mount plan: tmpfs  *\/var ' &&
		printf 'whitelist-ro = %s\n' "$BASE/bin" >>"$_w"
	for _s in "$HOME/.ssh/id_test" "$HOME/.gnupg/pubring.test"; do
		_dir=$(basename "$(dirname "$_s")")
		jr --quiet --profile="$_w" "$TRY" read "$_s"
		if fj_hides "$_name" "$_dir"; then
			like "$out" "^(ENOENT|EACCES|EPERM)$" \
				"$_name: ~/$_dir unreadable, as firejail hides it"
			printf '%s %s hidden hidden\n' "$_name" "$_dir" >>"$TMPD/table"
		else
			is "$out" OK "$_name: ~/$_dir readable, as firejail's profile leaves it"
			printf '%s %s readable readable\n' "$_name" "$_dir" >>"$TMPD/table"
		fi
	done
	run "$TRY" read "$HOME/.ssh/id_test"
	is "$out" OK "$_name: ... readable without jailrun"
}

row() { # NAME WANT CMD...: prog, hidden, a table row
	_n=$1
	if prog "$@"; then
		hidden "$_n"
	else
		skip_n 3 "$1 is not installed"
	fi
}

row sha256sum "^${sum_f%% *}  f.txt$" sha256sum f.txt
row sha512sum "^[0-9a-f]{128}  f.txt$" sha512sum f.txt
row sha1sum "^22596363b3de40b06f981fb85d82312e8c0ed511  f.txt$" sha1sum f.txt
row sha224sum "^[0-9a-f]{56}  f.txt$" sha224sum f.txt
row sha384sum "^[0-9a-f]{96}  f.txt$" sha384sum f.txt
row md5sum "^6f5902ac237024bdd0c176cb93063dc4  f.txt$" md5sum f.txt
row b2sum "^[0-9a-f]{128}  f.txt$" b2sum f.txt
row cksum "^[0-9]+ 12 f.txt$" cksum f.txt
row sum "^[0-9]+ +1" sum f.txt
row xxd "^00000000: 6865 6c6c 6f20 776f 726c 640a" xxd f.txt
row strings "^hello world$" strings f.txt
row bzcat "^hello world$" bzcat f.txt.bz2
row bzip2 "^hello world$" bzip2 -dc f.txt.bz2
row bunzip2 "^hello world$" bunzip2 -c g.txt.bz2
row zstd "^hello world$" zstd -dc f.txt.zst
row unzstd "^hello world$" unzstd -c g.txt.zst
row zstdcat "^hello world$" zstdcat f.txt.zst
row patch "^patching file orig.txt$" patch orig.txt f.patch
row make "^made$" make
row gpg "^gpg \(GnuPG\)" gpg --version
row node "^42$" node -e 'console.log(6*7)'
row tmux "^tmux [0-9]" tmux -V
row transmission-show "Usage" transmission-show --help
row cmake "^${sum_f%% *}  f.txt$" cmake -E sha256sum f.txt
row shellcheck "SC2086" shellcheck -s sh s.sh
row ar "^f.txt$" ar t a.a
row lzip "^hello world$" lzip -dc f.txt.lz
row cpio "^f.txt$" cpio -it -F x.cpio
row w3m "hello world" w3m -dump f.txt
row lynx "hello world" lynx -dump f.txt
row exiftool "File Name +: f.txt" exiftool f.txt
row 7z "Everything is Ok" 7z a -bd x.7z f.txt
row lzop "^hello world$" lzop -dc f.txt.lzo
row qrencode "^ +#{14} " qrencode -t ASCII -r f.txt
row mediainfo "Complete name +: f.txt" mediainfo f.txt
row pngquant "Quantized 1 image" pngquant -v --force --output f8.png f.png
row lsar "^f.txt$" lsar x.zip
row unar "Successfully extracted" unar -f -o out x.zip
row highlight "<title>f.txt</title>" highlight -O html f.txt
row img2txt "31;5;41" img2txt -W 4 -H 2 -f utf8 img.ppm
row man "jrtest - a page" man -P cat -l jrtest.1
row ssh-agent "^The agent has no identities\.$" ssh-agent ssh-add -l
row odt2txt "^hello world$" odt2txt f.odt
row pdftotext "^hello world$" pdftotext f.pdf -

# ---- GUI programs under Xvfb -----------------------------------------------
# gui NAME PATTERN CMD...: `jailrun CMD` (under Xvfb) finds the imported
# NAME.profile and a window whose name matches PATTERN maps; then the
# secrets, as for the others.
gui() {
	_n=$1 _pat=$2
	shift 2
	if ! command -v "$1" >/dev/null 2>&1; then
		skip_n 5 "$1 is not installed"
		return
	fi
	if [ -z "$xvfb" ]; then
		skip_n 5 "$_n: no X server (Xvfb or xdotool is not installed)"
		return
	fi
	"$JAILRUN" --debug "$@" >"$TMPD/$_n.log" 2>&1 &
	_app=$!
	if timeout 120 xdotool search --sync --onlyvisible --name "$_pat" \
		>/dev/null 2>&1; then
		ok "$_n: its window maps under the imported profile"
	else
		not_ok "$_n: its window maps under the imported profile" \
			"$(grep -v '^jailrun: ' "$TMPD/$_n.log" | tail -20)"
	fi
	# SIGTERM, then SIGKILL 15 s later: a window program that does not
	# go (one run of ffplay under the sanitizer build kept running) must
	# not hang the suite; the sandbox dies with its jailrun
	stop_bg "$_app"
	like "$(cat "$TMPD/$_n.log")" "profile name '$_n' .*: imported from firejail" \
		"$_n: jailrun $1 finds the imported profile"
	hidden "$_n"
}

xvfb=
if command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1; then
	xvfb_start || xvfb=
fi
gui ffplay '^jrtest-ffplay$' ffplay -an -loop 0 -window_title jrtest-ffplay f.mkv
gui geeqie '^img\.ppm - Geeqie$' geeqie img.ppm
# net none + private-tmp: the display is kept as firejail keeps it (the
# X socket in the fresh /tmp; the abstract one is gone with the network)
gui display '^ImageMagick: f\.png$' display f.png
gui xpdf '^Xpdf: f\.pdf$' xpdf f.pdf
gui mupdf '^f\.pdf - 1/1' mupdf f.pdf
# firejail keeps the host's IPC namespace (mupdf's profile does not ask
# for one), where the X server's MIT-SHM segments are: in a new one
# mupdf says "ximage: disabling shared memory extension: BadAccess"
if [ -n "$xvfb" ] && command -v mupdf >/dev/null 2>&1; then
	if grep -q 'disabling shared memory' "$TMPD/mupdf.log"; then
		not_ok "mupdf: X11 shared memory works (the host's IPC namespace)" \
			"$(grep 'shared memory' "$TMPD/mupdf.log")"
	else
		ok "mupdf: X11 shared memory works (the host's IPC namespace)"
	fi
else
	skip_n 1 "mupdf or an X server is missing"
fi
gui inkview '^f\.svg$' inkview f.svg

[ -f "$TMPD/table" ] && diag "$(cat "$TMPD/table")"
done_testing
