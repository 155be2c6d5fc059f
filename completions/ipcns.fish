# fish completion for ipcns(1)

set -l ipcns_commands run enter help

function __ipcns_targets
	# fish globs have no [0-9]: take every /proc entry, keep the numbers.
	string replace -- /proc/ '' /proc/* | string match -r -- '^[0-9]+$'
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
complete -c ipcns -n "__fish_seen_subcommand_from enter" -s U -l user -d "Also join the target's user namespace and become its root"
# -m and --shm take a value only when attached (--mqueue=DIR, --shm=SIZE),
# which fish cannot say of an option: complete the attached forms by hand.
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -s m -l mqueue -d 'Fresh mqueue fs on DIR (default /dev/mqueue)'
complete -c ipcns -n "__fish_seen_subcommand_from run" -l shm -d 'Fresh tmpfs on /dev/shm (--shm=SIZE)'
complete -c ipcns -n "__fish_seen_subcommand_from run enter; and string match -q -- '--mqueue=*' (commandline -ct)" \
	-a "(string replace -r -- '^' '--mqueue=' (__fish_complete_directories (string replace -- '--mqueue=' '' (commandline -ct))))"
complete -c ipcns -n "__fish_seen_subcommand_from run; and string match -q -- '--shm=*' (commandline -ct)" \
	-a "--shm=1M --shm=16M --shm=64M --shm=256M --shm=1G" -d 'Size of /dev/shm'
complete -c ipcns -n "__fish_seen_subcommand_from enter" -a "(__ipcns_targets)" -d 'Target'
complete -c ipcns -n "__fish_seen_subcommand_from run enter" -a "(__fish_complete_subcommand --fcs-skip=2)"
