# bash completion for ipcns(1)

_ipcns_pids()
{
	local p pids=()
	for p in /proc/[0-9]*; do
		pids+=("${p#/proc/}")
	done
	COMPREPLY+=($(compgen -W "${pids[*]}" -- "$1"))
}

# TARGET: a PID, a path to an nsfs file, or a name under $IPCNS_RUN_DIR.
_ipcns_targets()
{
	local cur=$1 dir=${IPCNS_RUN_DIR:-/run/ipcns}
	if [[ $cur == */* ]]; then
		COMPREPLY+=($(compgen -f -- "$cur"))
		return
	fi
	_ipcns_pids "$cur"
	[[ -d $dir ]] && COMPREPLY+=($(cd "$dir" 2>/dev/null && compgen -f -- "$cur"))
}

# Limit keys, from the binary's own registry (ipcns get --keys): the
# canonical names and the kernel.sem fields. With a second argument "=",
# as KEY= for -s and set.
_ipcns_keys()
{
	local cur=$1 keys
	[[ $cur == *=* ]] && return # a value: nothing to offer
	keys=$("${COMP_WORDS[0]}" get --keys 2>/dev/null | cut -f1)
	if [[ ${2-} == = ]]; then
		COMPREPLY+=($(compgen -S = -W "$keys" -- "$cur"))
		compopt -o nospace 2>/dev/null
	else
		COMPREPLY+=($(compgen -W "$keys" -- "$cur"))
	fi
}

# get and set: options anywhere; operands are keys (get) or KEY=VALUE (set).
_ipcns_limits()
{
	local cmd=$1 cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-t | --target)
		_ipcns_targets "$cur"
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		if [[ $cmd == get ]]; then
			COMPREPLY=($(compgen -W "-t --target --changed -J --json -n --values --keys -h --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "-t --target --host -h --help" -- "$cur"))
		fi
	elif [[ $cmd == get ]]; then
		_ipcns_keys "$cur"
	else
		_ipcns_keys "$cur" =
	fi
}

# Values of options whose value must be attached (--mqueue=DIR, --shm=SIZE):
# complete $2 for option $1, each result prefixed with $3.
_ipcns_attached_value()
{
	local opt=$1 cur=$2 prefix=$3
	case $opt in
	--mqueue | -m)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -P "$prefix" -d -- "$cur"))
		;;
	--shm)
		COMPREPLY=($(compgen -P "$prefix" -W "1M 16M 64M 256M 1G" -- "$cur"))
		;;
	esac
}

# --caps: a comma-separated list of capability names, or none.
_ipcns_caps()
{
	local cur=$1 head="" c
	local caps="cap_chown cap_dac_override cap_dac_read_search cap_fowner cap_fsetid cap_kill
		cap_setgid cap_setuid cap_setpcap cap_linux_immutable cap_net_bind_service cap_net_broadcast
		cap_net_admin cap_net_raw cap_ipc_lock cap_ipc_owner cap_sys_module cap_sys_rawio
		cap_sys_chroot cap_sys_ptrace cap_sys_pacct cap_sys_admin cap_sys_boot cap_sys_nice
		cap_sys_resource cap_sys_time cap_sys_tty_config cap_mknod cap_lease cap_audit_write
		cap_audit_control cap_setfcap cap_mac_override cap_mac_admin cap_syslog cap_wake_alarm
		cap_block_suspend cap_audit_read cap_perfmon cap_bpf cap_checkpoint_restore"
	if [[ $cur == *,* ]]; then
		head=${cur%,*},
		cur=${cur##*,}
	else
		caps+=" none"
	fi
	for c in $(compgen -W "$caps" -- "$cur"); do
		COMPREPLY+=("$head$c")
	done
}

# Complete CMD [ARG...] starting at word $1.
_ipcns_command()
{
	if declare -F _command_offset >/dev/null; then
		_command_offset "$1"
	elif (($1 == COMP_CWORD)); then
		COMPREPLY=($(compgen -c -- "${COMP_WORDS[COMP_CWORD]}"))
	else
		COMPREPLY=($(compgen -f -- "${COMP_WORDS[COMP_CWORD]}"))
	fi
}

_ipcns()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local commands="run enter get set help"
	local cmd="" cmd_index=0 i

	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} != -* ]]; then
			cmd=${COMP_WORDS[i]}
			cmd_index=$i
			break
		fi
	done
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands -h --help -V --version" -- "$cur"))
		return
	fi

	# opts: every option; argopts: those whose value is the next word;
	# ntargets: operands before CMD (enter's TARGET).
	local opts argopts="" ntargets=0
	argopts+=" -S --setuid -G --setgid --caps"
	case $cmd in
	run)
		opts="-r --map-root-user --shm -m --mqueue -F --fork -h --help"
		opts+=" -S --setuid -G --setgid --caps --no-new-privs"
		# limits
		opts+=" -s --sysctl -f --sysctl-file -i --inherit"
		argopts+=" -s --sysctl -f --sysctl-file"
		;;
	enter)
		opts="-U --user --host -m --mqueue -F --fork -h --help"
		opts+=" -S --setuid -G --setgid --caps --no-new-privs"
		ntargets=1
		# limits
		opts+=" -s --sysctl -f --sysctl-file"
		argopts+=" -s --sysctl -f --sysctl-file"
		;;
	get | set)
		_ipcns_limits "$cmd"
		return
		;;
	help)
		((COMP_CWORD == cmd_index + 1)) && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		return
		;;
	*)
		return
		;;
	esac

	# Options end at "--" or at the first operand, as ipcns parses them.
	# Bash splits "--mqueue=DIR" into three words, "=" in the middle.
	local pos=$((cmd_index + 1)) dashdash=0
	while ((pos < COMP_CWORD)); do
		local w=${COMP_WORDS[pos]}
		if [[ $w == -- ]]; then
			dashdash=1
			((pos++))
			break
		fi
		if [[ $w == = ]]; then
			((pos += 2))
			continue
		fi
		[[ $w == -* ]] || break
		[[ " $argopts " == *" $w "* ]] && ((pos++))
		((pos++))
	done

	if ((pos >= COMP_CWORD && !dashdash)); then
		case $prev in
		# values of options in argopts are completed here
		-s | --sysctl)
			_ipcns_keys "$cur" =
			return
			;;
		-f | --sysctl-file)
			COMPREPLY=($(compgen -f -- "$cur"))
			return
			;;
		-S | --setuid)
			COMPREPLY=($(compgen -u -- "$cur"))
			return
			;;
		-G | --setgid)
			COMPREPLY=($(compgen -g -- "$cur"))
			return
			;;
		--caps)
			COMPREPLY=()
			_ipcns_caps "$cur"
			return
			;;
		esac
		# --mqueue=DIR and --shm=SIZE, split by bash or not, and -mDIR.
		if [[ $cur == = && ( $prev == --mqueue || $prev == --shm ) ]]; then
			_ipcns_attached_value "$prev" "" ""
			return
		elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then
			_ipcns_attached_value "${COMP_WORDS[COMP_CWORD - 2]}" "$cur" ""
			return
		elif [[ $cur == --mqueue=* || $cur == --shm=* ]]; then
			_ipcns_attached_value "${cur%%=*}" "${cur#*=}" "${cur%%=*}="
			return
		elif [[ $cur == -m?* ]]; then
			_ipcns_attached_value -m "${cur#-m}" -m
			return
		fi
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$opts" -- "$cur"))
			return
		fi
	fi

	# Operands: TARGET first where the command takes one, then CMD.
	if ((ntargets)); then
		if ((pos >= COMP_CWORD)); then
			COMPREPLY=()
			_ipcns_targets "$cur"
			return
		fi
		((pos++))
		[[ ${COMP_WORDS[pos]} == -- ]] && ((pos < COMP_CWORD)) && ((pos++))
	fi
	_ipcns_command "$pos"
}

complete -F _ipcns ipcns
