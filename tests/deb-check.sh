#!/bin/sh
# deb-check.sh - build the Debian package (contrib/debian/build-deb.sh,
# with -Werror), install it with apt-get, run the installed jailrun, and
# purge it.  TAP on stdout; exit 0 when every check passed.  As root only
# (it installs a package); on a machine without dpkg-buildpackage it says
# so and exits 77.
#
# Checks: no compiler warning in the build (in particular no
# _FORTIFY_SOURCE defined twice: hardening comes from dpkg-buildflags
# alone); the changelog's version is configure.ac's; the package holds
# the binary, the shim, /etc/jailrun, both man pages and the completion;
# the installed binary is hardened (PIE, BIND_NOW, fortified calls); it
# runs a program (exit 0), denies a syscall (EPERM), denies exec after
# the start through the installed shim; purge removes everything.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP deb-check installs a package: run it as root"
	exit 77
fi
if ! command -v dpkg-buildpackage >/dev/null; then
	echo "1..0 # SKIP dpkg-buildpackage missing (apt-get install dpkg-dev debhelper)"
	exit 77
fi

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	shift
	for d in "$@"; do printf '%s\n' "$d" | sed 's/^/# /'; done
}
check() { # check DESCRIPTION CMD...: ok when CMD succeeds
	_d=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$_d"; else not_ok "$_d" "failed: $*"; fi
}

scratch=$(mktemp -d /tmp/jailrun-deb-check.XXXXXX)
chmod 755 "$scratch"
installed=no
cleanup() {
	if [ "$installed" = yes ]; then
		apt-get purge -y -qq -o DPkg::Lock::Timeout=300 jailrun \
			>/dev/null 2>&1
	fi
	rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# One package build and install at a time on this machine (others share
# it); and never replace a jailrun package someone else installed.
exec 9>/tmp/jailrun-deb-check.lock
flock -w 1800 9 || { echo "Bail out! another deb-check holds the lock"; exit 1; }
if dpkg-query -W -f='${Status}' jailrun 2>/dev/null | grep -q 'ok installed'; then
	echo "Bail out! a jailrun package is already installed: not touching it"
	exit 1
fi

# ---- build -----------------------------------------------------------------
if DEB_BUILD_OPTIONS="nocheck werror parallel=${JOBS:-2}" \
	"$top/contrib/debian/build-deb.sh" "$scratch/out" >"$scratch/build.log" 2>&1; then
	ok "the package builds (contrib/debian/build-deb.sh, -Werror)"
else
	not_ok "the package builds (contrib/debian/build-deb.sh, -Werror)" \
		"$(tail -30 "$scratch/build.log")"
	echo "1..$n"
	exit 1
fi
warnings=$(grep -E '(warning|error):' "$scratch/build.log" | grep -v "^libtool: warning: remember to run 'libtool --finish")
if [ -z "$warnings" ]; then
	ok "no compiler warning in the build"
else
	not_ok "no compiler warning in the build" "$warnings"
fi
fortify=$(grep -E '^(gcc|libtool: compile: +gcc) ' "$scratch/build.log" |
	grep -o -- '-D_FORTIFY_SOURCE=[0-9]*' | sort -u)
gccs=$(grep -Ec '^(gcc|libtool: compile: +gcc) .* -c ' "$scratch/build.log")
once=$(grep -E '^(gcc|libtool: compile: +gcc) .* -c ' "$scratch/build.log" |
	awk '{ n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^-D_FORTIFY_SOURCE/) n++;
		if (n == 1) c++ } END { print c + 0 }')
if [ "$gccs" -gt 0 ] && [ "$once" = "$gccs" ] && [ "$fortify" = "-D_FORTIFY_SOURCE=2" ]; then
	ok "every compile defines _FORTIFY_SOURCE once, from dpkg-buildflags ($gccs compiles)"
else
	not_ok "every compile defines _FORTIFY_SOURCE once, from dpkg-buildflags" \
		"compiles: $gccs, with exactly one: $once, values: $fortify"
fi
werror=$(grep -Ec '^(gcc|libtool: compile: +gcc) .* -Werror .* -c ' "$scratch/build.log")
if [ "$werror" -gt 0 ] && [ "$werror" = "$gccs" ]; then
	ok "every compile has -Werror"
else
	not_ok "every compile has -Werror" "$werror of $gccs"
fi
deb_version=$(sed -n '1s/^jailrun (\([^-)]*\).*/\1/p' "$top/contrib/debian/changelog")
ac_version=$(sed -n 's/^AC_INIT(\[jailrun\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")
if [ "$deb_version" = "$ac_version" ]; then
	ok "contrib/debian/changelog is at configure.ac's version ($ac_version)"
else
	not_ok "contrib/debian/changelog is at configure.ac's version" \
		"changelog: $deb_version, configure.ac: $ac_version"
fi
deb=$(ls "$scratch"/out/jailrun_*.deb 2>/dev/null | head -1)
contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
missing=
for f in ./usr/bin/jailrun ./etc/jailrun/jailrun.conf \
	./etc/jailrun/default.profile \
	./usr/share/man/man1/jailrun.1.gz ./usr/share/man/man5/jailrun.profile.5.gz \
	./usr/share/bash-completion/completions/jailrun; do
	printf '%s\n' "$contents" | grep -Fxq -- "$f" || missing="$missing $f"
done
printf '%s\n' "$contents" | grep -Eq '^\./usr/lib/[^/]+/jailrun/libjailrun-postexec\.so$' ||
	missing="$missing libjailrun-postexec.so"
if printf '%s\n' "$contents" | grep -q '\.la$'; then missing="$missing (a .la file is shipped)"; fi
if [ -z "$missing" ]; then ok "the package holds every installed file"; else
	not_ok "the package holds every installed file" "missing:$missing"; fi

# ---- install and run -------------------------------------------------------
if apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$deb" >"$scratch/apt.log" 2>&1; then
	installed=yes
	ok "apt-get install ./jailrun_*.deb"
else
	not_ok "apt-get install ./jailrun_*.deb" "$(tail -20 "$scratch/apt.log")"
	echo "1..$n"
	exit 1
fi
# The installed jailrun, with its installed profiles only.
unset JAILRUN_PROFILE_PATH
export XDG_CONFIG_HOME="$scratch/xdg"
mkdir -p "$XDG_CONFIG_HOME"
jr=/usr/bin/jailrun
out=$("$jr" --version 2>&1)
if [ "$out" = "jailrun $ac_version" ]; then ok "jailrun --version: $out"; else
	not_ok "jailrun --version" "got: $out"; fi
check "installed binary is PIE" sh -c "readelf -h $jr | grep -q 'Type: *DYN'"
check "installed binary is linked with BIND_NOW (relro, now)" \
	sh -c "readelf -d $jr | grep -q BIND_NOW"
# Fortified: a dynamic jailrun imports glibc's __*_chk functions; a
# static one (configure's default) has them inside, stripped of their
# names, and with them __chk_fail's message, linked in only when some
# fortified function is called.
if readelf -l "$jr" | grep -q INTERP; then
	check "installed binary calls fortified libc functions" \
		sh -c "readelf --dyn-syms -W $jr | grep -q '__[a-z]*_chk'"
else
	check "installed static binary has glibc's fortified functions" \
		grep -aq 'buffer overflow detected' "$jr"
fi
out=$("$jr" --debug /bin/true 2>&1); rc=$?
if [ "$rc" = 0 ] && printf '%s\n' "$out" | grep -q 'read /etc/jailrun/default.profile'; then
	ok "jailrun /bin/true exits 0, under /etc/jailrun/default.profile"
else
	not_ok "jailrun /bin/true exits 0, under /etc/jailrun/default.profile" \
		"rc=$rc" "$out"
fi
out=$("$jr" --seccomp.drop=mkdir mkdir "$scratch/x" 2>&1); rc=$?
if [ "$rc" != 0 ] && [ ! -e "$scratch/x" ] &&
	printf '%s\n' "$out" | grep -q 'Operation not permitted'; then
	ok "jailrun --seccomp.drop=mkdir mkdir: EPERM"
else
	not_ok "jailrun --seccomp.drop=mkdir mkdir: EPERM" "rc=$rc" "$out"
fi
out=$("$jr" --debug --no-report --seccomp.drop=execve sh -c '/bin/true && echo ran' 2>&1); rc=$?
if [ "$rc" != 0 ] && ! printf '%s\n' "$out" | grep -q '^ran$' &&
	printf '%s\n' "$out" | grep -Eq 'postexec: shim /usr/lib/[^/]+/jailrun/libjailrun-postexec.so' &&
	printf '%s\n' "$out" | grep -q '/bin/true: Operation not permitted'; then
	ok "exec after the start is denied (installed shim and supervisor)"
else
	not_ok "exec after the start is denied (installed shim and supervisor)" "rc=$rc" "$out"
fi
check "man finds jailrun(1)" man -w 1 jailrun
check "man finds jailrun.profile(5)" man -w 5 jailrun.profile

# ---- purge -----------------------------------------------------------------
if apt-get purge -y -qq -o DPkg::Lock::Timeout=300 jailrun >"$scratch/apt.log" 2>&1; then
	installed=no
	left=$(ls -d /usr/bin/jailrun /etc/jailrun /usr/lib/*/jailrun \
		/usr/share/man/man1/jailrun.1.gz \
		/usr/share/bash-completion/completions/jailrun 2>/dev/null)
	if [ -z "$left" ]; then ok "apt-get purge jailrun removes it all"; else
		not_ok "apt-get purge jailrun removes it all" "left: $left"; fi
else
	not_ok "apt-get purge jailrun" "$(tail -20 "$scratch/apt.log")"
fi

echo "1..$n"
[ "$failed" = 0 ]
