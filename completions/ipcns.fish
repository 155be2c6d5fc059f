# fish completion for ipcns(1)

set -l ipcns_commands run enter help

function __ipcns_targets
	string replace /proc/ '' /proc/[0-9]*
	set -l dir /run/ipcns
	set -q IPCNS_RUN_DIR; and set dir $IPCNS_RUN_DIR
	test -d $dir; and path basename $dir/*
end

function __ipcns_caps
	printf '%s\n' none cap_chown cap_dac_override cap_dac_read_search cap_fowner cap_fsetid cap_kill cap_setgid cap_setuid cap_setpcap cap_linux_immutable cap_net_bind_service cap_net_broadcast cap_net_admin cap_net_raw cap_ipc_lock cap_ipc_owner cap_sys_module cap_sys_rawio cap_sys_chroot cap_sys_ptrace cap_sys_pacct cap_sys_admin cap_sys_boot cap_sys_nice cap_sys_resource cap_sys_time cap_sys_tty_config cap_mknod cap_lease cap_audit_write cap_audit_control cap_setfcap cap_mac_override cap_mac_admin cap_syslog cap_wake_alarm cap_block_suspend cap_audit_read cap_perfmon cap_bpf cap_checkpoint_restore
end

complete -c ipcns -f
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -s h -l help -d 'Show help'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -s V -l version -d 'Show the version'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -a run -d 'Run CMD in a new IPC namespace'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -a enter -d 'Run CMD in an existing IPC namespace'
complete -c ipcns -n "not __fish_seen_subcommand_from $ipcns_commands" -a help -d 'Show help for a command'
complete -c ipcns -n "__fish_seen_subcommand_from help" -a "$ipcns_commands"

# run and enter
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s F -l fork -d 'Stay as parent, forward signals'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s S -l setuid -x -a "(__fish_complete_users)" -d 'Run CMD as this user'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s G -l setgid -x -a "(__fish_complete_groups)" -d 'Run CMD with this group'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -l caps -x -a "(__fish_complete_list , __ipcns_caps)" -d 'Capabilities CMD keeps'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -l no-new-privs -d 'CMD cannot gain privileges'
complete -c ipcns -n "__fish_seen_subcommand_from run" -s r -l map-root-user -d 'New user namespace, you mapped to root'
complete -c ipcns -n "__fish_seen_subcommand_from enter" -s U -l user -d "Also join the target's user namespace"
complete -c ipcns -n "__fish_seen_subcommand_from enter" -a "(__ipcns_targets)" -d 'Target'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -a "(__fish_complete_subcommand --fcs-skip=2)"
