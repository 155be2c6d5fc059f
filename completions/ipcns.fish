# fish completion for ipcns(1)
#
# One function reads the command line as ipcns parses it and prints what
# fits where the cursor is, so every form --help shows completes alike:
# --opt=VALUE, --opt VALUE, -oVALUE, -o VALUE.

# Each command's options: "NAMES<tab>DESCRIPTION", where a name is NAME for
# a flag, NAME=TYPE for an option with a value and NAME?TYPE for one whose
# optional value must be attached (--mqueue=DIR, -mDIR).
function __ipcns_options --argument-names cmd
	set -l shared \
		"-s=keyval --sysctl=keyval	Set a limit before CMD starts" \
		"-f=file --sysctl-file=file	Set the limits in a sysctl.conf file" \
		"-m?dir --mqueue?dir	Fresh mqueue fs on DIR (default /dev/mqueue)" \
		"-S=user --setuid=user	Run CMD as this user" \
		"-G=group --setgid=group	Run CMD with this group" \
		"--caps=caps	Capabilities CMD keeps" \
		"--no-new-privs	CMD cannot gain privileges" \
		"-F --fork	Stay as parent, forward signals" \
		"--strict	Refuse limits that cannot work together" \
		"-h --help	Show the options"
	switch $cmd
		case run
			printf '%s\n' \
				"-r --map-root-user	New user namespace, you mapped to root" \
				"-c --map-current-user	New user namespace, you mapped to yourself" \
				"--map-user=uid	New user namespace, you mapped to UID" \
				"--map-group=gid	New user namespace, your group mapped to GID" \
				"--map-auto	Map subordinate ids too (newuidmap, newgidmap)" \
				"-i --inherit	Start from this namespace's limits" \
				"--shm?size	Fresh tmpfs on /dev/shm (--shm=SIZE)" \
				$shared
		case enter
			printf '%s\n' \
				"-U --user	Also join the target's user namespace" \
				"--host	Allow -s/-f on the host (initial) IPC namespace" \
				$shared
		case get
			printf '%s\n' \
				"-t=target --target=target	Read TARGET's namespace" \
				"--changed	Only keys that differ from the default" \
				"-J --json	Print JSON" \
				"-n --values	Print the values alone, as sysctl -n" \
				"--keys	List the keys" \
				"-h --help	Show the options"
		case set
			printf '%s\n' \
				"-t=target --target=target	Change TARGET's namespace" \
				"--host	Allow changing the host namespace" \
				"--strict	Refuse limits that cannot work together" \
				"-h --help	Show the options"
		case list
			printf '%s\n' \
				"-J --json	JSON output" \
				"-n --noheadings	Do not print a header line" \
				"-r --raw	Raw output, columns separated by one space" \
				"-u --notruncate	Do not truncate text in columns" \
				"-l --list	List format output (the default)" \
				"-o=columns --output=columns	Columns to print; +LIST adds to the defaults" \
				"--output-all	Print every column" \
				"-b --bytes	Sizes in bytes, not in K, M, G" \
				"--no-counts	No object counts or limits" \
				"--columns	List the columns" \
				"-h --help	Show the options"
		case show
			printf '%s\n' \
				"-J --json	Print one JSON object" \
				"-b --bytes	Sizes in bytes, not in K, M, G" \
				"-r --raw	Raw tables, columns separated by one space" \
				"-u --notruncate	Do not truncate text in columns" \
				"-h --help	Show the options"
		case create
			printf '%s\n' \
				"-s=keyval --sysctl=keyval	Set a limit before the name appears" \
				"-f=file --sysctl-file=file	Set the limits in a sysctl.conf file" \
				"-i --inherit	Start from this namespace's limits" \
				"--shm?size	Keep a store for POSIX shm beside the name" \
				"--strict	Refuse limits that make each other useless" \
				"-h --help	Show the options"
		case delete
			printf '%s\n' \
				"--force	Delete even while in use" \
				"-h --help	Show the options"
		case pids identify
			printf '%s\n' "-h --help	Show the options"
		case '*'
			return 1
	end
end

# __ipcns_kind CMD OPT: prints "" for a flag, "=TYPE" or "?TYPE" for an
# option with a value; fails for an unknown option.
function __ipcns_kind --argument-names cmd opt
	for line in (__ipcns_options $cmd)
		for name in (string split ' ' -- (string split -f1 \t -- $line))
			if test "$name" = "$opt"
				echo ''
				return 0
			end
			set -l len (string length -- $opt)
			if contains -- (string sub -l (math $len + 1) -- $name) "$opt=" "$opt?"
				string sub -s (math $len + 1) -- $name
				return 0
			end
		end
	end
	return 1
end

# Limit keys from the binary's own registry (ipcns get --keys), with their
# descriptions: canonical names and kernel.sem's fields; for a word without
# a dot also the last component alone (msgmax), for one with a slash the
# slash form (kernel/msgmax). $argv[3] ("=") follows each key.
function __ipcns_keys --argument-names prog cur suffix
	for line in ($prog get --keys 2>/dev/null)
		set -l f (string split \t -- $line)
		set -l k $f[1]
		if string match -q -- '*/*' $cur
			set k (string replace -a . / -- $k)
		else if not string match -q -- '*.*' $cur
			string match -q -- '*.*' $k; and set -a k (string replace -r '.*\.' '' -- $k)
		end
		for k in $k
			printf "%s$suffix\t%s\n" $k $f[5]
		end
	end
end

# The names: files in the directory ipcns looks them up in, $IPCNS_RUN_DIR,
# or /run/ipcns for root and $XDG_RUNTIME_DIR/ipcns for anyone else
# (rootless names); those starting with "." are ipcns's own.
function __ipcns_names --argument-names prefix
	set -l dirs
	if set -q IPCNS_RUN_DIR; and test -n "$IPCNS_RUN_DIR"
		set dirs $IPCNS_RUN_DIR
	else if test (id -u) -eq 0
		set dirs /run/ipcns
	else if set -q XDG_RUNTIME_DIR; and string match -q -- '/*' $XDG_RUNTIME_DIR
		set dirs $XDG_RUNTIME_DIR/ipcns
	end
	for d in $dirs
		for f in $d/*
			printf '%s%s\tNamed namespace\n' $prefix (string replace -r -- '.*/' '' $f)
		end
	end
end

function __ipcns_pids --argument-names prefix
	string replace -- /proc/ '' /proc/* | string match -r -- '^[0-9]+$' | string replace -r -- '(.*)' "$prefix\$1\tProcess"
end

function __ipcns_caps
	printf '%s\n' cap_chown cap_dac_override cap_dac_read_search cap_fowner cap_fsetid cap_kill cap_setgid cap_setuid cap_setpcap cap_linux_immutable cap_net_bind_service cap_net_broadcast cap_net_admin cap_net_raw cap_ipc_lock cap_ipc_owner cap_sys_module cap_sys_rawio cap_sys_chroot cap_sys_ptrace cap_sys_pacct cap_sys_admin cap_sys_boot cap_sys_nice cap_sys_resource cap_sys_time cap_sys_tty_config cap_mknod cap_lease cap_audit_write cap_audit_control cap_setfcap cap_mac_override cap_mac_admin cap_syslog cap_wake_alarm cap_block_suspend cap_audit_read cap_perfmon cap_bpf cap_checkpoint_restore
end

# __ipcns_value PROG TYPE CUR PREFIX: the values of TYPE for CUR, each
# after PREFIX (the option, when the value is attached to it).
function __ipcns_value --argument-names prog type cur prefix
	switch $type
		case keyval
			# KEY=VALUE: keys with "=", nothing once the value has begun
			string match -q -- '*=*' $cur; and return
			__ipcns_keys $prog $cur = | string replace -r -- '^' $prefix
		case key
			__ipcns_keys $prog $cur | string replace -r -- '^' $prefix
		case file
			__fish_complete_path $cur | string replace -r -- '^' $prefix
		case dir
			__fish_complete_directories $cur | string replace -r -- '^' $prefix
		case size
			printf "$prefix%s\tSize of /dev/shm\n" 1M 16M 64M 256M 1G
		case user
			__fish_complete_users | string replace -r -- '^' $prefix
		case group
			__fish_complete_groups | string replace -r -- '^' $prefix
		case uid gid
			# a number or a name, as with unshare --map-user
			set -l db passwd
			test $type = gid; and set db group
			getent $db | string replace -r -- '^([^:]*):[^:]*:([^:]*):.*' "$prefix\$1\n$prefix\$2"
		case caps
			# a comma-separated list, or none
			set -l head (string match -r -- '.*,' $cur)
			test -z "$head"; and echo $prefix"none"
			__ipcns_caps | string replace -r -- '^' "$prefix$head"
		case target
			# a path to an nsfs file, a PID or a name
			if string match -q -- '*/*' $cur
				__fish_complete_path $cur | string replace -r -- '^' $prefix
				return
			end
			__ipcns_pids $prefix
			__ipcns_names $prefix
		case name
			__ipcns_names $prefix
		case pid
			__ipcns_pids $prefix
		case columns
			# COL,COL... after an optional "+"; a word typed in lower
			# case gets the names in lower case
			set -l head (string match -r -- '^\+?(?:.*,)?' $cur)
			set -l frag (string sub -s (math (string length -- "$head") + 1) -- $cur)
			for line in ($prog list --columns 2>/dev/null)
				set -l f (string split -m1 \t -- $line)
				string match -q -r -- '[[:lower:]]' $frag; and set f[1] (string lower -- $f[1])
				printf '%s%s%s\t%s\n' $prefix $head $f[1] $f[2]
			end
	end
end

function __ipcns_complete
	set -l words (commandline -opc)
	set -l cur (commandline -ct)
	set -l prog $words[1]
	set -l commands run enter get set list show create delete pids identify help
	set -l cmd
	set -l ci 0
	for i in (seq 2 (count $words))
		if not string match -q -- '-*' $words[$i]
			set cmd $words[$i]
			set ci $i
			break
		end
	end
	if test -z "$cmd"
		if string match -q -- '-*' $cur
			printf '%s\n' "-h	Show help" "--help	Show help" "-V	Show the version" "--version	Show the version"
			return
		end
		printf '%s\n' "run	Run CMD in a new IPC namespace" "enter	Run CMD in an existing IPC namespace" \
			"get	Read the limits of an IPC namespace" "set	Change the limits of an IPC namespace" \
			"list	List every IPC namespace" "show	Objects and limits inside one IPC namespace" \
			"create	Create a named IPC namespace" "delete	Delete named namespaces" \
			"pids	The processes in a named namespace" "identify	The names of a process's IPC namespace" \
			"help	Show help for a command"
		return
	end
	if test $cmd = help
		test (count $words) -eq $ci; and printf '%s\n' $commands
		return
	end
	__ipcns_options $cmd >/dev/null; or return

	# Walk the words before the cursor as ipcns parses them: run and enter
	# take options up to the first operand, the others anywhere; "--" ends
	# them. first: the first operand's index.
	set -l pending
	set -l first 0
	set -l done 0
	set -l n (count $words)
	for i in (seq (math $ci + 1) $n)
		set -l w $words[$i]
		if test -n "$pending"
			set pending
			continue
		end
		if test $done = 1; or not string match -q -- '-?*' $w
			test $first = 0; and set first $i
			contains $cmd run enter; and set done 1
			continue
		end
		if test "$w" = --
			set done 1
			test $first = 0; and set first (math $i + 1)
			continue
		end
		string match -q -- '--*=*' $w; and continue
		if string match -q -- '--*' $w
			set -l k (__ipcns_kind $cmd $w); and string match -q -- '=*' $k; and set pending $k
			continue
		end
		set -l len (string length -- $w)
		for j in (seq 2 $len)
			set -l k (__ipcns_kind $cmd -(string sub -s $j -l 1 -- $w)); or break
			test -z "$k"; and continue
			string match -q -- '=*' $k; and test $j -eq $len; and set pending $k
			break
		end
	end
	test $first = 0; and set first (math $n + 1)

	if test -n "$pending"
		__ipcns_value $prog (string sub -s 2 -- $pending) $cur ''
		return
	end
	if test $done = 0; and string match -q -- '-*' $cur
		if string match -q -- '--*=*' $cur
			set -l o (string replace -r -- '=.*' '' $cur)
			set -l k (__ipcns_kind $cmd $o); and test -n "$k"; or return
			__ipcns_value $prog (string sub -s 2 -- $k) (string replace -r -- '^[^=]*=' '' $cur) "$o="
			return
		end
		if not string match -q -- '--*' $cur
			# Short options bundle as popt allows (-Fs...); one with a
			# value takes the rest of the word.
			set -l len (string length -- $cur)
			for j in (seq 2 (math $len - 1))
				set -l k (__ipcns_kind $cmd -(string sub -s $j -l 1 -- $cur)); or return
				if test -n "$k"
					__ipcns_value $prog (string sub -s 2 -- $k) (string sub -s (math $j + 1) -- $cur) (string sub -l $j -- $cur)
					return
				end
			end
		end
		for line in (__ipcns_options $cmd)
			set -l f (string split -m1 \t -- $line)
			for name in (string split ' ' -- $f[1])
				printf '%s\t%s\n' (string replace -r -- '[=?].*' '' $name) $f[2]
			end
		end
		return
	end

	set -l cmdat 0
	switch $cmd
		case get
			__ipcns_value $prog key $cur ''
			return
		case set
			__ipcns_value $prog keyval $cur ''
			return
		case delete
			__ipcns_value $prog name $cur ''
			return
		case show pids identify
			# one operand: TARGET, NAME, PID
			test $first -gt $n; or return
			set -l type target
			test $cmd = pids; and set type name
			test $cmd = identify; and set type pid
			__ipcns_value $prog $type $cur ''
			return
		case list create
			return
		case run
			set cmdat $first
		case enter
			# TARGET, then CMD (after an optional "--")
			if test $first -gt $n
				__ipcns_value $prog target $cur ''
				return
			end
			set cmdat (math $first + 1)
			test $cmdat -le $n; and test "$words[$cmdat]" = --; and set cmdat (math $cmdat + 1)
	end
	# CMD [ARG...]: as fish completes that command line.
	if test $cmdat -gt $n
		complete -C "$cur"
	else
		complete -C (string join ' ' -- (string escape -- $words[$cmdat..-1]) "$cur")
	end
end

complete -c ipcns -f -a '(__ipcns_complete)'
