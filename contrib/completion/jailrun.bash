# bash completion for jailrun(1)                          -*- shell-script -*-
#
# Everything it offers comes from the jailrun being completed, asked at
# completion time (and remembered for the session), so it cannot drift:
#   option names and their fixed values   jailrun --help
#   the system profile dir                jailrun --help ("Profiles:" line)
#   syscalls and @groups                  jailrun --debug-syscalls
#   socket families                       jailrun --debug-protocols
#   capabilities                          jailrun --debug-caps
# The program and its arguments are completed as a command of their own
# (bash-completion's _command_offset, when it is loaded).

# _jailrun_load JAILRUN: fill the _jailrun_* arrays from that binary.
_jailrun_load()
{
	[[ ${_jailrun_bin-} == "$1" ]] && return 0
	local help line opt meta v
	help=$("$1" --help 2>/dev/null) || return 1
	_jailrun_bin=$1
	_jailrun_opts=(-h)
	_jailrun_needs_value=()   # --opt=VALUE: VALUE may be the next word
	declare -gA _jailrun_values=()
	_jailrun_sysdir=
	local re_opt='^ [ *] (--[a-z0-9.-]+)(\[?=)?([^ ]*)'
	local re_dir='^Profiles:.*, then ([^ ]+) \(or'
	while IFS= read -r line; do
		if [[ $line =~ $re_opt ]]; then
			opt=${BASH_REMATCH[1]}
			meta=${BASH_REMATCH[3]%]}
			if [[ ${BASH_REMATCH[2]} == "=" ]]; then
				_jailrun_opts+=("$opt=")
				_jailrun_needs_value+=("$opt")
			else
				_jailrun_opts+=("$opt")
				[[ ${BASH_REMATCH[2]} ]] && _jailrun_opts+=("$opt=")
			fi
			# the literal (lower-case) words of its metavar
			_jailrun_values[$opt]=
			for v in ${meta//|/ }; do
				[[ $v =~ ^[a-z]+$ ]] && _jailrun_values[$opt]+="$v "
			done
		elif [[ $line =~ $re_dir ]]; then
			_jailrun_sysdir=${BASH_REMATCH[1]}
		fi
	done <<<"$help"
	local list
	list=$("$1" --debug-syscalls 2>/dev/null)
	read -r -a _jailrun_groups <<<"$(sed -n 's/^# groups: //p' <<<"$list")"
	mapfile -t _jailrun_syscalls < <(grep -v '^#' <<<"$list" | cut -f1)
	mapfile -t _jailrun_protocols < <("$1" --debug-protocols 2>/dev/null |
		grep -v '^#' | cut -f1)
	mapfile -t _jailrun_caps < <("$1" --debug-caps 2>/dev/null |
		grep -v '^#' | cut -f2)
}

# _jailrun_list CUR WORD...: complete the item after CUR's last comma
# (and after a leading '!'), keeping what comes before it.
_jailrun_list()
{
	local cur=$1 head= item
	shift
	[[ $cur == *,* ]] && head=${cur%,*},
	item=${cur##*,}
	if [[ $item == '!'* ]]; then
		head+='!'
		item=${item#!}
	fi
	local IFS=$'\n'
	COMPREPLY+=($(compgen -P "$head" -W "$*" -- "$item"))
}

# _jailrun_profiles CUR: profile names (without .profile) from the user's
# dir and the system dirs, or files when CUR is a path.
_jailrun_profiles()
{
	local cur=$1 dir f dirs=()
	if [[ $cur == */* ]]; then
		compopt -o filenames 2>/dev/null
		local IFS=$'\n'
		COMPREPLY+=($(compgen -f -- "$cur"))
		return
	fi
	if [[ ${XDG_CONFIG_HOME-} == /* ]]; then
		dirs+=("$XDG_CONFIG_HOME/jailrun")
	elif [[ ${HOME-} == /* ]]; then
		dirs+=("$HOME/.config/jailrun")
	fi
	if [[ ${JAILRUN_PROFILE_PATH-} ]]; then
		local IFS=:
		dirs+=($JAILRUN_PROFILE_PATH)
		unset IFS
	elif [[ $_jailrun_sysdir ]]; then
		dirs+=("$_jailrun_sysdir")
	fi
	for dir in "${dirs[@]}"; do
		for f in "$dir"/"$cur"*.profile; do
			[[ -f $f ]] || continue
			f=${f##*/}
			COMPREPLY+=("${f%.profile}")
		done
	done
}

# _jailrun_value OPT CUR: complete the value of option OPT.
_jailrun_value()
{
	local opt=$1 cur=$2
	case $opt in
	--seccomp.keep | --seccomp.drop)
		_jailrun_list "$cur" "${_jailrun_groups[@]}" "${_jailrun_syscalls[@]}" ;;
	--debug-syscalls)
		COMPREPLY+=($(compgen -W "${_jailrun_groups[*]} ${_jailrun_syscalls[*]}" -- "$cur")) ;;
	--protocol)
		_jailrun_list "$cur" "${_jailrun_protocols[@]}" ;;
	--caps.drop | --caps.keep)
		_jailrun_list "$cur" ${_jailrun_values[$opt]-} "${_jailrun_caps[@]}" ;;
	--namespaces)
		_jailrun_list "$cur" user mount pid ipc uts cgroup net ;;
	--profile)
		_jailrun_profiles "$cur" ;;
	--learn)
		compopt -o filenames 2>/dev/null
		local IFS=$'\n'
		COMPREPLY+=($(compgen -f -- "$cur")) ;;
	*)
		COMPREPLY+=($(compgen -W "${_jailrun_values[$opt]-}" -- "$cur")) ;;
	esac
}

_jailrun()
{
	local -a words=("${COMP_WORDS[@]}")
	local cword=$COMP_CWORD cur=${COMP_WORDS[COMP_CWORD]} i w opt
	COMPREPLY=()
	local jr=${words[0]}
	[[ $jr == */* ]] || jr=$(type -P "$jr") || jr=jailrun
	_jailrun_load "${jr/#\~/$HOME}" || return 0

	# Where does PROGRAM start?  Options stop at the first other word,
	# or after `--`; `--opt VALUE` and `--opt = VALUE` (bash splits at
	# '=') take the next words.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if [[ $w == -- ]]; then
			((i++))
			break
		elif [[ $w != -* ]]; then
			break
		elif [[ ${words[i + 1]-} == = ]]; then
			((i += 1))
			((i + 1 < cword)) && ((i += 1))
		elif [[ $w != *=* && " ${_jailrun_needs_value[*]} " == *" $w "* ]]; then
			((i++))
		fi
	done
	if ((i < cword)); then
		if declare -F _command_offset >/dev/null; then
			_command_offset "$i"
		else
			compopt -o filenames 2>/dev/null
			local IFS=$'\n'
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
		return 0
	fi

	# The value of an option: --opt=CUR (split by bash or not), or
	# --opt CUR for one that needs a value.
	if [[ $cur == = ]]; then
		_jailrun_value "${words[cword - 1]}" ""
	elif [[ ${words[cword - 1]} == = ]] && ((cword >= 2)); then
		_jailrun_value "${words[cword - 2]}" "$cur"
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		_jailrun_value "$opt" "${cur#*=}"
		COMPREPLY=("${COMPREPLY[@]/#/$opt=}")
	elif ((cword > 1)) && [[ ${words[cword - 1]} == --* ]] &&
		[[ " ${_jailrun_needs_value[*]} " == *" ${words[cword - 1]} "* ]]; then
		_jailrun_value "${words[cword - 1]}" "$cur"
	elif [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "${_jailrun_opts[*]} --" -- "$cur"))
		# --opt= wants its value next, not a space
		[[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]] &&
			compopt -o nospace 2>/dev/null
	elif declare -F _command_offset >/dev/null; then
		_command_offset "$cword"
	else
		COMPREPLY=($(compgen -c -- "$cur"))
	fi
	return 0
}
complete -F _jailrun jailrun

# ex: filetype=sh
