#!/bin/sh
# The man pages: every key of the option table (from --help and from
# tools/jr-doc) is in jailrun(1) and jailrun.profile(5), every group of
# --debug-syscalls is in jailrun.profile(5), nothing is left unspliced,
# and man(1) renders both pages without a warning.
. "$top_srcdir/tests/integration/lib.sh"

doc="$top_builddir/tools/jr-doc"
page1="$top_builddir/man/jailrun.1"
page5="$top_builddir/man/jailrun.profile.5"

# render PAGE: the text a reader sees (man -l), or without man-db the
# roff source with its font and minus escapes taken out.
have_man=no
command -v man >/dev/null && have_man=yes
render() {
	if [ "$have_man" = yes ]; then
		MANWIDTH=80 LC_ALL=C man -l "$1" 2>/dev/null
	else
		sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' "$1"
	fi
}
text1=$(render "$page1")
text5=$(render "$page5")
# section TEXT NAME: that section of a rendered page (up to the next one)
section() { printf '%s\n' "$1" | sed -n "/^$2\$/,/^[A-Z]/p"; }
options1=$(section "$text1" OPTIONS)
keys5=$(section "$text5" KEYS)
groups5=$(section "$text5" GROUPS)
[ -n "$text1" ] && [ -n "$text5" ] && ok "both pages render" ||
	not_ok "both pages render"

# The key list, twice: from the helper (with scopes) and from --help.
keys=$("$doc" names)
[ -n "$keys" ] && ok "jr-doc lists the key table" || not_ok "jr-doc lists the key table"
help_opts=$("$JAILRUN" --help | sed -n 's/^ [ *] --\([a-z0-9.-]*\).*/\1/p')
missing=
for opt in $help_opts; do
	printf '%s\n' "$keys" | grep -q "^$opt	" || missing="$missing $opt"
done
is "$missing" "" "every option of --help is in jr-doc's table"

# jailrun(1): every option as --KEY, every directive by name;
# jailrun.profile(5): every profile key as a KEYS entry "KEY = ",
# every command-line-only option as --KEY.
miss1= miss5=
tab=$(printf '\t')
for line in $(printf '%s\n' "$keys" | tr "$tab" :); do
	key=${line%%:*} scope=${line#*:}
	case $scope in
	profile) want1=$key ;;
	*) want1=--$key ;;
	esac
	case $scope in
	cli) want5="--$key" ;;
	*) want5="$key = " ;;
	esac
	printf '%s\n' "$text1" | grep -Fq -- "$want1" || miss1="$miss1 $want1"
	if [ "$scope" = cli ]; then
		printf '%s\n' "$text5" | grep -Fq -- "$want5" || miss5="$miss5 $want5"
	else
		printf '%s\n' "$keys5" | grep -Eq -- "^ +$key = " ||
			miss5="$miss5 $key"
	fi
done
is "$miss1" "" "every key is in jailrun(1)"
is "$miss5" "" "every key is in jailrun.profile(5) (profile keys in KEYS)"
for opt in $help_opts; do
	printf '%s\n' "$options1" | grep -Eq -- "^ +--$opt([=[]|\$| )" ||
		miss1="$miss1 --$opt"
done
is "$miss1" "" "every option of --help has its entry in jailrun(1) OPTIONS"

groups=$("$JAILRUN" --debug-syscalls | sed -n 's/^# groups: //p')
[ -n "$groups" ] && ok "--debug-syscalls names its groups" ||
	not_ok "--debug-syscalls names its groups"
missing=
for g in $groups; do
	printf '%s\n' "$groups5" | grep -Eq -- "^ +$g( |\$)" || missing="$missing $g"
done
is "$missing" "" "every group of --debug-syscalls has its entry in jailrun.profile(5)"

for page in "$page1" "$page5"; do
	name=${page##*/}
	left=$(grep -E -e '^\.\\" @jr-doc [a-z-]+$' -e '^[^.].*%[A-Z]+%' \
		-e '^\.[^\\].*%[A-Z]+%' "$page")
	is "$left" "" "$name: nothing left unspliced"
	like "$(sed -n 's/^\.TH .*"jailrun \([^"]*\)".*/\1/p' "$page")" \
		"^$(printf '%s' "$("$JAILRUN" --version)" | sed 's/^jailrun //')\$" \
		"$name: carries jailrun's version"
	if [ "$have_man" = yes ]; then
		warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		is "$warnings" "" "$name: man --warnings is silent"
	else
		skip "$name: man --warnings: man-db is not installed"
	fi
done

done_testing
