# fish completion for ipcns(1)

set -l ipcns_commands run enter get set help

function __ipcns_targets
	# fish globs have no [0-9]: take every /proc entry, keep the numbers.
	string replace -- /proc/ '' /proc/* | string match -r -- '^[0-9]+$'
	set -l dir /run/ipcns
	set -q IPCNS_RUN_DIR; and set dir $IPCNS_RUN_DIR
	test -d $dir; and path basename $dir/*
end

# Limit keys from the binary's own registry (ipcns get --keys), each with
# its description; with "=", as KEY= for -s and set.
function __ipcns_keys
	set -l prog (commandline -opc)[1]
	$prog get --keys 2>/dev/null | string replace -r '^([^\t]*)\t(?:[^\t]*\t){3}(.*)$' "\$1$argv[1]\t\$2"
end

function __ipcns_caps
	printf '%s\n' none cap_chown cap_dac_override cap_dac_read_search cap_fowner cap_fsetid cap_kill cap_setgid cap_setuid cap_setpcap cap_linux_immutable cap_net_bind_service cap_net_broadcast cap_net_admin cap_net_raw cap_ipc_lock cap_ipc_owner cap_sys_module cap_sys_rawio cap_sys_chroot cap_sys_ptrace cap_sys_pacct cap_sys_admin cap_sys_boot cap_sys_nice cap_sys_resource cap_sys_time cap_sys_tty_config cap_mknod cap_lease cap_audit_write cap_audit_control cap_setfcap cap_mac_override cap_mac_admin cap_syslog cap_wake_alarm cap_block_suspend cap_audit_read cap_perfmon cap_bpf cap_checkpoint_restore
end

complete -c ipcns -f
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -s h -l help -d 'Show help'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -s V -l version -d 'Show the version'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -a run -d 'Run CMD in a new IPC namespace'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -a enter -d 'Run CMD in an existing IPC namespace'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -a get -d 'Read the limits of an IPC namespace'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -a set -d 'Change the limits of an IPC namespace'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -a help -d 'Show help for a command'
complete -c ipcns -n "__fish_seen_subcommand_from help" -a "$ipcns_commands"

# run and enter
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s F -l fork -d 'Stay as parent, forward signals'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s S -l setuid -x -a "(__fish_complete_users)" -d 'Run CMD as this user'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s G -l setgid -x -a "(__fish_complete_groups)" -d 'Run CMD with this group'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -l caps -x -a "(__fish_complete_list , __ipcns_caps)" -d 'Capabilities CMD keeps'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -l no-new-privs -d 'CMD cannot gain privileges'
complete -c ipcns -n "__fish_seen_subcommand_from run" -s r -l map-root-user -d 'New user namespace, you mapped to root'
complete -c ipcns -n "__fish_seen_subcommand_from enter" -s U -l user -d "Also join the target's user namespace and become its root"
complete -c ipcns -n "__fish_seen_subcommand_from enter" -l host -d 'Allow -s/-f on the host (initial) IPC namespace'
# -m and --shm take a value only when attached (--mqueue=DIR, --shm=SIZE),
# which fish cannot say of an option: complete the attached forms by hand.
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s m -l mqueue -d 'Fresh mqueue fs on DIR (default /dev/mqueue)'
complete -c ipcns -n "__fish_seen_subcommand_from run" -l shm -d 'Fresh tmpfs on /dev/shm (--shm=SIZE)'
complete -c ipcns -n "__fish_seen_subcommand_from run enter; and string match -q -- '--mqueue=*' (commandline -ct)" \
	-a "(string replace -r -- '^' '--mqueue=' (__fish_complete_directories (string replace -- '--mqueue=' '' (commandline -ct))))"
complete -c ipcns -n "__fish_seen_subcommand_from run; and string match -q -- '--shm=*' (commandline -ct)" \
	-a "--shm=1M --shm=16M --shm=64M --shm=256M --shm=1G" -d 'Size of /dev/shm'
complete -c ipcns -n "__fish_seen_subcommand_from enter" -a "(__ipcns_targets)" -d 'Target'
# limits
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s s -l sysctl -x -a "(__ipcns_keys =)" -d 'Set a limit before CMD starts'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s f -l sysctl-file -r -F -d 'Set the limits in a sysctl.conf file'
complete -c ipcns -n "__fish_seen_subcommand_from run" -s i -l inherit -d "Start from this namespace's limits"
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -a "(__fish_complete_subcommand --fcs-skip=2)"

# get and set
complete -c ipcns -n "__fish_seen_subcommand_from get set" -s t -l target -x -a "(__ipcns_targets)" -d "TARGET's namespace"
complete -c ipcns -n "__fish_seen_subcommand_from get" -l changed -d 'Only keys that differ from the default'
complete -c ipcns -n "__fish_seen_subcommand_from get" -s n -l values -d 'Print the values alone, as sysctl -n'
complete -c ipcns -n "__fish_seen_subcommand_from get" -s J -l json -d 'Print JSON'
complete -c ipcns -n "__fish_seen_subcommand_from get" -l keys -d 'List the keys'
complete -c ipcns -n "__fish_seen_subcommand_from get" -a "(__ipcns_keys)"
complete -c ipcns -n "__fish_seen_subcommand_from set" -l host -d 'Allow changing the host namespace'
complete -c ipcns -n "__fish_seen_subcommand_from set" -a "(__ipcns_keys =)"
