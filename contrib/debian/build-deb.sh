#!/bin/sh
# build-deb.sh [OUTDIR]: build the jailrun .deb from this source tree.
#
# Copies the sources (git's tracked and untracked-but-not-ignored files,
# or without git the whole tree, cleaned) to a scratch dir, puts
# contrib/debian there as debian/, and runs `dpkg-buildpackage -us -uc
# -b`.  The .deb, .buildinfo and .changes land in OUTDIR (default: the
# current dir).  Needs: dpkg-dev, debhelper and the Build-Depends of
# contrib/debian/control.
#
# DEB_BUILD_OPTIONS defaults to "nocheck parallel=2": the test suite is
# run on its own (tests/run-all.sh); add "werror" for -Werror.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)
version=$(sed -n '1s/^jailrun (\([^-)]*\).*/\1/p' "$top/contrib/debian/changelog")
work=$(mktemp -d /tmp/jailrun-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
src="$work/jailrun-$version"
mkdir "$src"

if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -C "$top" ls-files -z --cached --others --exclude-standard |
		tar -C "$top" --null --ignore-failed-read -T - -cf - |
		tar -C "$src" -xf -
else
	cp -a "$top/." "$src/"
	if [ -f "$src/Makefile" ]; then
		make -C "$src" distclean >/dev/null
	fi
fi
rm -rf "$src/debian"
cp -a "$top/contrib/debian" "$src/debian"
rm -f "$src/debian/build-deb.sh"

cd "$src"
DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS-nocheck parallel=2} \
	dpkg-buildpackage -us -uc -b
mv "$work"/jailrun*_"$version"-*.deb "$work"/jailrun_"$version"-*.buildinfo \
	"$work"/jailrun_"$version"-*.changes "$out/"
echo "build-deb: $(cd "$out" && ls jailrun*_"$version"-*.deb) in $out"
