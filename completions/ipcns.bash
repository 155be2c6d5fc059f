# bash completion for ipcns(1)

# Each command's options as ipcns parses them: NAME is a flag; NAME=TYPE
# takes a value in every form --help shows (--opt=V, --opt V, -oV, -o V);
# NAME?TYPE takes an optional value that must be attached (--opt=V, -oV).
# TYPE names what _ipcns_value completes.
_ipcns_options()
{
	local shared="-s=keyval --sysctl=keyval -f=file --sysctl-file=file -m?dir --mqueue?dir
		-S=user --setuid=user -G=group --setgid=group --caps=caps --no-new-privs
		-F --fork --strict -h --help"
	case $1 in
	run) echo "-r --map-root-user -c --map-current-user --map-user=uid --map-group=gid --map-auto
		-i --inherit --shm?size $shared" ;;
	enter) echo "-U --user --host $shared" ;;
	get) echo "-t=target --target=target --changed -J --json -n --values --keys -h --help" ;;
	set) echo "-t=target --target=target --host --strict -h --help" ;;
	list) echo "-J --json -n --noheadings -r --raw -u --notruncate -l --list -o=columns --output=columns
		--output-all -b --bytes --no-counts --columns -h --help" ;;
	show) echo "-J --json -b --bytes -r --raw -u --notruncate -h --help" ;;
	create) echo "-s=keyval --sysctl=keyval -f=file --sysctl-file=file -i --inherit --shm?size --strict -h --help" ;;
	delete) echo "--force -h --help" ;;
	pids | identify) echo "-h --help" ;;
	esac
}

# _ipcns_kind SPECS OPT: REPLY is "" for a flag, "=TYPE" or "?TYPE" for an
# option with a value; false for an unknown option.
_ipcns_kind()
{
	local o
	for o in $1; do
		case $o in
		"$2") REPLY="" && return 0 ;;
		"$2"=* | "$2"\?*) REPLY=${o#"$2"} && return 0 ;;
		esac
	done
	return 1
}

# _ipcns_add PREFIX: each line of stdin, after PREFIX, goes into COMPREPLY.
_ipcns_add()
{
	local l
	while IFS= read -r l; do
		COMPREPLY+=("$1$l")
	done
}

# Limit keys from the binary's own registry (ipcns get --keys: canonical
# names and kernel.sem's fields). A word without a dot may also be the last
# component alone (msgmax), one with a slash the slash form (kernel/msgmax).
_ipcns_keys()
{
	local cur=$1 k keys
	keys=$("${words[0]}" get --keys 2>/dev/null | cut -f1)
	if [[ $cur == */* ]]; then
		printf '%s\n' "${keys//./\/}"
	elif [[ $cur == *.* ]]; then
		printf '%s\n' "$keys"
	else
		for k in $keys; do
			[[ $k == *.* ]] && printf '%s\n' "$k" "${k##*.}" || printf '%s\n' "$k"
		done
	fi
}

_ipcns_caps()
{
	printf '%s\n' cap_chown cap_dac_override cap_dac_read_search cap_fowner cap_fsetid cap_kill \
		cap_setgid cap_setuid cap_setpcap cap_linux_immutable cap_net_bind_service cap_net_broadcast \
		cap_net_admin cap_net_raw cap_ipc_lock cap_ipc_owner cap_sys_module cap_sys_rawio \
		cap_sys_chroot cap_sys_ptrace cap_sys_pacct cap_sys_admin cap_sys_boot cap_sys_nice \
		cap_sys_resource cap_sys_time cap_sys_tty_config cap_mknod cap_lease cap_audit_write \
		cap_audit_control cap_setfcap cap_mac_override cap_mac_admin cap_syslog cap_wake_alarm \
		cap_block_suspend cap_audit_read cap_perfmon cap_bpf cap_checkpoint_restore
}

# The directory ipcns looks names up in: $IPCNS_RUN_DIR, or /run/ipcns for
# root and $XDG_RUNTIME_DIR/ipcns for anyone else (rootless names).
_ipcns_name_dirs()
{
	if [[ -n $IPCNS_RUN_DIR ]]; then
		printf '%s\n' "$IPCNS_RUN_DIR"
	elif ((EUID == 0)); then
		printf '%s\n' /run/ipcns
	elif [[ $XDG_RUNTIME_DIR == /* ]]; then
		printf '%s\n' "$XDG_RUNTIME_DIR/ipcns"
	fi
}

# _ipcns_names CUR: the names that start with CUR, one a line (files
# starting with "." are ipcns's own).
_ipcns_names()
{
	local d n
	while IFS= read -r d; do
		[[ -d $d ]] || continue
		for n in "$d"/*; do
			n=${n##*/}
			[[ -e $d/$n && $n != .* && $n == "$1"* ]] && printf '%s\n' "$n"
		done
	done < <(_ipcns_name_dirs)
}

# _ipcns_pids CUR: the PIDs that start with CUR, one a line.
_ipcns_pids()
{
	local p
	for p in /proc/[0-9]*; do
		[[ ${p#/proc/} == "$1"* ]] && printf '%s\n' "${p#/proc/}"
	done
}

# _ipcns_value TYPE CUR PREFIX: add the values of TYPE that complete CUR,
# each after PREFIX (the option when the value is attached to it).
_ipcns_value()
{
	local type=$1 cur=$2 prefix=$3 IFS=$'\n'
	case $type in
	keyval) # KEY=VALUE: keys with "=", nothing once the value has begun
		[[ $cur == *=* ]] && return
		compopt -o nospace 2>/dev/null
		_ipcns_add "$prefix" < <(compgen -S = -W "$(_ipcns_keys "$cur")" -- "$cur")
		;;
	key)
		_ipcns_add "$prefix" < <(compgen -W "$(_ipcns_keys "$cur")" -- "$cur")
		;;
	file)
		compopt -o filenames 2>/dev/null
		_ipcns_add "$prefix" < <(compgen -f -- "$cur")
		;;
	dir)
		compopt -o filenames 2>/dev/null
		_ipcns_add "$prefix" < <(compgen -d -- "$cur")
		;;
	size)
		_ipcns_add "$prefix" < <(compgen -W $'1M\n16M\n64M\n256M\n1G' -- "$cur")
		;;
	user)
		_ipcns_add "$prefix" < <(compgen -u -- "$cur")
		;;
	group)
		_ipcns_add "$prefix" < <(compgen -g -- "$cur")
		;;
	uid | gid) # a number or a name, as with unshare --map-user
		local db=passwd
		[[ $type == gid ]] && db=group
		_ipcns_add "$prefix" < <(compgen -W "$(getent "$db" | cut -d: -f1,3 | tr : '\n')" -- "$cur")
		;;
	caps) # a comma-separated list, or none
		local head="" list
		list=$(_ipcns_caps)
		if [[ $cur == *,* ]]; then
			head=${cur%,*},
			cur=${cur##*,}
		else
			list+=$'\nnone'
		fi
		_ipcns_add "$prefix$head" < <(compgen -W "$list" -- "$cur")
		;;
	target) # a path to an nsfs file, a PID or a name
		if [[ $cur == */* ]]; then
			compopt -o filenames 2>/dev/null
			_ipcns_add "$prefix" < <(compgen -f -- "$cur")
			return
		fi
		_ipcns_add "$prefix" < <(_ipcns_pids "$cur"; _ipcns_names "$cur")
		;;
	name)
		_ipcns_add "$prefix" < <(_ipcns_names "$cur")
		;;
	pid)
		_ipcns_add "$prefix" < <(_ipcns_pids "$cur")
		;;
	columns) # COL,COL... after an optional "+"; a word typed in lower
		# case gets the names in lower case
		local head="" list
		list=$("${words[0]}" list --columns 2>/dev/null | cut -f1)
		if [[ $cur == +* ]]; then
			head=+
			cur=${cur#+}
		fi
		if [[ $cur == *,* ]]; then
			head+=${cur%,*},
			cur=${cur##*,}
		fi
		[[ $cur == *[[:lower:]]* ]] && list=${list,,}
		_ipcns_add "$prefix$head" < <(compgen -W "$list" -- "$cur")
		;;
	esac
}

# Readline replaces only the text after the current word's last word break
# (COMP_WORDBREAKS has "=" and ":" by default): take what comes before it
# off each candidate, which is built from the whole word.
# shellcheck disable=SC2295 # $brk is a bracket expression's content
_ipcns_ltrim()
{
	local brk=${COMP_WORDBREAKS//[^=:]/} keep
	[[ -n $brk && $cur == *[$brk]* ]] || return 0
	keep=${cur%"${cur##*[$brk]}"}
	COMPREPLY=("${COMPREPLY[@]#"$keep"}")
}

# _ipcns_option_word SPECS: complete $cur, a word that starts with "-".
_ipcns_option_word()
{
	local specs=$1 o j REPLY
	if [[ $cur == --*=* ]]; then
		o=${cur%%=*}
		_ipcns_kind "$specs" "$o" && [[ -n $REPLY ]] && _ipcns_value "${REPLY:1}" "${cur#*=}" "$o="
		return
	fi
	if [[ $cur == -[!-]* ]]; then
		# Short options bundle as popt allows (-Fs...); one with a value
		# takes the rest of the word.
		for ((j = 1; j < ${#cur} - 1; j++)); do
			_ipcns_kind "$specs" "-${cur:j:1}" || return
			if [[ -n $REPLY ]]; then
				_ipcns_value "${REPLY:1}" "${cur:j+1}" "${cur:0:j+1}"
				return
			fi
		done
	fi
	local names=""
	for o in $specs; do
		names+=" ${o%%[=?]*}"
	done
	_ipcns_add "" < <(compgen -W "$names" -- "$cur")
}

# _ipcns_command I: complete CMD [ARG...], CMD being words[I].
_ipcns_command()
{
	# _command_offset counts bash's own words, split at word breaks: find
	# the one where words[I] starts.
	local i k=0 acc
	for ((i = 0; i < $1; i++)); do
		acc=""
		while [[ $acc != "${words[i]}" ]] && ((k < ${#COMP_WORDS[@]})); do
			acc+=${COMP_WORDS[k++]}
		done
	done
	if declare -F _command_offset >/dev/null && [[ $acc == "${words[i - 1]}" ]]; then
		_command_offset "$k"
	elif (($1 == cword)); then
		_ipcns_add "" < <(compgen -c -- "$cur")
	else
		_ipcns_add "" < <(compgen -f -- "$cur")
	fi
}

_ipcns()
{
	# shellcheck disable=SC2034 # prev: set by _init_completion
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		# "=" and ":" do not split words here: --sysctl=KEY=VALUE is one.
		_init_completion -n =: || return
	else
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${words[cword]}
	fi
	local commands="run enter get set list show create delete pids identify help" cmd="" ci i

	for ((i = 1; i < cword; i++)); do
		if [[ ${words[i]} != -* ]]; then
			cmd=${words[i]}
			ci=$i
			break
		fi
	done
	if [[ -z $cmd ]]; then
		_ipcns_add "" < <(compgen -W "$commands -h --help -V --version" -- "$cur")
		return
	fi
	if [[ $cmd == help ]]; then
		((cword == ci + 1)) && _ipcns_add "" < <(compgen -W "$commands" -- "$cur")
		return
	fi
	local specs
	specs=$(_ipcns_options "$cmd")
	[[ -n $specs ]] || return

	# Walk the words before the cursor as ipcns parses them. run and enter
	# take options up to the first operand; the other commands anywhere. "--" ends
	# them. first: the first operand's index.
	local w j REPLY pending="" first=-1 done=0
	for ((i = ci + 1; i < cword; i++)); do
		w=${words[i]}
		if [[ -n $pending ]]; then # the value of the option before
			pending=""
			continue
		fi
		if ((done)) || [[ $w != -?* ]]; then
			((first < 0)) && first=$i
			[[ $cmd == run || $cmd == enter ]] && done=1
			continue
		fi
		if [[ $w == -- ]]; then
			done=1
			((first < 0)) && first=$((i + 1))
			continue
		fi
		[[ $w == --*=* ]] && continue
		if [[ $w == --* ]]; then
			_ipcns_kind "$specs" "$w" && [[ $REPLY == =* ]] && pending=$REPLY
			continue
		fi
		for ((j = 1; j < ${#w}; j++)); do
			_ipcns_kind "$specs" "-${w:j:1}" || break
			[[ -z $REPLY ]] && continue
			[[ $REPLY == =* ]] && ((j == ${#w} - 1)) && pending=$REPLY
			break
		done
	done
	((first < 0)) && first=$cword

	if [[ -n $pending ]]; then
		_ipcns_value "${pending:1}" "$cur" ""
		_ipcns_ltrim
		return
	fi
	if ((!done)) && [[ $cur == -* ]]; then
		_ipcns_option_word "$specs"
		_ipcns_ltrim
		return
	fi

	case $cmd in
	get) _ipcns_value key "$cur" ""; _ipcns_ltrim ;;
	delete) _ipcns_value name "$cur" ""; _ipcns_ltrim ;;
	show | pids | identify) # one operand: TARGET, NAME, PID
		local type=target
		[[ $cmd == pids ]] && type=name
		[[ $cmd == identify ]] && type=pid
		((cword == first)) && _ipcns_value "$type" "$cur" ""
		_ipcns_ltrim
		;;
	set) _ipcns_value keyval "$cur" ""; _ipcns_ltrim ;;
	run) _ipcns_command "$first" ;;
	enter) # TARGET, then CMD (after an optional "--")
		if ((cword == first)); then
			_ipcns_value target "$cur" ""
			_ipcns_ltrim
		elif [[ ${words[first + 1]} == -- ]] && ((cword > first + 1)); then
			_ipcns_command $((first + 2))
		else
			_ipcns_command $((first + 1))
		fi
		;;
	esac
}

complete -F _ipcns ipcns
