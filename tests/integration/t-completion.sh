#!/bin/sh
# The bash completion (contrib/completion/jailrun.bash): option names,
# profile names, syscalls and @groups in comma lists, protocols,
# capabilities, and the program and its own arguments.  Each case runs
# bash with bash-completion's main script and the completion loaded, sets
# COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT as bash would for the line
# and prints COMPREPLY.
. "$top_srcdir/tests/integration/lib.sh"

comp_file="$top_srcdir/contrib/completion/jailrun.bash"
bc_main=
for _f in /usr/share/bash-completion/bash_completion \
	"$(pkg-config --variable=datadir bash-completion 2>/dev/null)/bash-completion/bash_completion"; do
	[ -f "$_f" ] && bc_main=$_f && break
done
if ! command -v bash >/dev/null || [ -z "$bc_main" ]; then
	skip "bash-completion is not installed (Debian: apt-get install bash-completion)"
	exec 3>&-
wait
done_testing
	exit
fi

# The driver: one bash, with bash-completion and the completion loaded,
# reads "[nosplit] LINE" cases on its stdin and answers each with one
# reply per line, then "--end--".  bash splits words at COMP_WORDBREAKS,
# which holds '=' by default: "--a=b" is the three words "--a" "=" "b",
# and "--a=" ends on "=".
cat >"$TMPD/driver.bash" <<'EOF_DRIVER'
. "$1"; . "$2"
while IFS= read -r line; do
	split=yes
	case $line in nosplit\ *) split=no line=${line#nosplit } ;; esac
	COMP_LINE=$line COMP_POINT=${#line} COMP_WORDS=() COMPREPLY=()
	read -r -a toks <<<"$line"
	for w in "${toks[@]}"; do
		while [[ $split == yes && $w == *=* ]]; do
			[[ ${w%%=*} ]] && COMP_WORDS+=("${w%%=*}")
			COMP_WORDS+=("=")
			w=${w#*=}
		done
		[[ $w ]] && COMP_WORDS+=("$w")
	done
	[[ $line == *' ' ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	_jailrun </dev/null 2>&1
	printf '%s\n' "${COMPREPLY[@]}" --end--
done
EOF_DRIVER
mkfifo "$TMPD/to" "$TMPD/from"
bash "$TMPD/driver.bash" "$bc_main" "$comp_file" <"$TMPD/to" >"$TMPD/from" 2>&1 &
exec 3>"$TMPD/to" 4<"$TMPD/from"
# comp [nosplit] LINE: the completions of LINE, in $out
comp() {
	printf '%s\n' "$*" >&3
	out= _sep=
	while IFS= read -r _l <&4; do
		[ "$_l" = --end-- ] && break
		out="$out$_sep$_l" _sep='
'
	done
}
# has WORD DESCRIPTION: $out holds WORD as one whole line
has() {
	if printf '%s\n' "$out" | grep -Fxq -- "$1"; then
		ok "$2"
	else
		not_ok "$2" "want '$1' in:" "$(printf '%s\n' "$out" | head -20)"
	fi
}
J=$JAILRUN

# option names, all of them, from --help
comp "$J --seccomp.k"
is "$out" "--seccomp.keep=" "--seccomp.k completes to --seccomp.keep="
comp "$J --"
for opt in $("$JAILRUN" --help | sed -n 's/^ [ *] \(--[a-z0-9.-]*\).*/\1/p'); do
	if ! printf '%s\n' "$out" | grep -Eq -- "^$opt=?\$"; then
		missing="${missing-} $opt"
	fi
done
is "${missing-}" "" "every option of --help is offered after --"
comp "$J --static="
is "$(printf '%s\n' "$out" | sort | tr '\n' ' ')" "refuse warn " \
	"--static= offers the values of its metavar"

# syscalls and @groups, in comma lists
comp "$J --seccomp.keep="
has "@stdio" "--seccomp.keep= offers @groups"
has "read" "--seccomp.keep= offers syscalls"
n_sys=$("$JAILRUN" --debug-syscalls | grep -vc '^#')
n_grp=$("$JAILRUN" --debug-syscalls | sed -n 's/^# groups: //p' | wc -w)
is "$(printf '%s\n' "$out" | grep -c .)" "$((n_sys + n_grp))" \
	"--seccomp.keep= offers every syscall and group of --debug-syscalls"
comp "$J --seccomp.keep=read,wr"
has "read,write" "a comma list completes its last item"
like "$(printf '%s\n' "$out" | grep -v '^read,' | wc -l)" "^0$" \
	"... keeping the items before it"
comp "$J --seccomp.drop=mkdir,!@mou"
is "$out" "mkdir,!@mount" "--seccomp.drop: !@group after a comma"
comp "$J --seccomp.drop @std"
is "$out" "@stdio" "--seccomp.drop VALUE as the next word"
comp nosplit "$J --seccomp.drop=@std"
is "$out" "--seccomp.drop=@stdio" "--opt=value as one word (no '=' in COMP_WORDBREAKS)"
comp "$J --debug-syscalls=@def"
has "@default-deny" "--debug-syscalls= offers groups"

# protocols and capabilities
comp "$J --protocol=unix,in"
is "$(echo $out)" "unix,inet unix,inet6" "--protocol= offers the families of --debug-protocols"
comp "$J --caps.drop="
has "all" "--caps.drop= offers all"
has "sys_admin" "--caps.drop= offers capabilities"
comp "$J --caps.keep=net_bind_service,net_r"
is "$out" "net_bind_service,net_raw" "--caps.keep= completes the last capability"

# profile names: the user's dir and the system dirs, without .profile
mkdir -p "$XDG_CONFIG_HOME/jailrun"
: >"$XDG_CONFIG_HOME/jailrun/mine-only.profile"
comp "$J --profile=defa"
is "$out" "default" "--profile= offers the system profiles (JAILRUN_PROFILE_PATH)"
comp "$J --profile=mine"
is "$out" "mine-only" "--profile= offers the user's profiles"
comp "$J --profile "
has "default" "--profile VALUE as the next word"
has "mine-only" "... from both dirs"
mkdir -p "$TMPD/pdir" && : >"$TMPD/pdir/x.profile"
comp "$J --profile=$TMPD/pdir/"
is "$out" "$TMPD/pdir/x.profile" "--profile=PATH completes files"

# the program, then its own arguments (its own completion)
comp "$J --noprofile truncat"
has "truncate" "the first non-option completes as a command"
comp "$J --seccomp.drop=mkdir --profile=default -- truncat"
has "truncate" "... also after -- and options with values"
comp "$J --noprofile ls --al"
has "--all" "the program's arguments get the program's completion"
comp "$J --protocol unix ls --seccomp.k"
like "$(printf '%s\n' "$out" | grep -c 'seccomp')" "^0$" \
	"jailrun's options are not offered after the program"

exec 3>&-
wait
done_testing
