# fish completion for ipcns(1)

set -l ipcns_commands run enter help

function __ipcns_targets
	string replace /proc/ '' /proc/[0-9]*
	set -l dir /run/ipcns
	set -q IPCNS_RUN_DIR; and set dir $IPCNS_RUN_DIR
	test -d $dir; and path basename $dir/*
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
complete -c ipcns -n "__fish_seen_subcommand_from run" -s r -l map-root-user -d 'New user namespace, you mapped to root'
complete -c ipcns -n "__fish_seen_subcommand_from enter" -s U -l user -d "Also join the target's user namespace"
complete -c ipcns -n "__fish_seen_subcommand_from enter" -a "(__ipcns_targets)" -d 'Target'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -a "(__fish_complete_subcommand --fcs-skip=2)"
