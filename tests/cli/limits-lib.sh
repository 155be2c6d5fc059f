# shellcheck shell=bash
# Shared by the t-limits-*.sh tests (sourced after lib.sh).

# Every per-namespace limit, as a path under /proc/sys.
LIMIT_PATHS="kernel/msgmax kernel/msgmnb kernel/msgmni kernel/auto_msgmni kernel/sem kernel/shmall
	kernel/shmmax kernel/shmmni kernel/shm_rmid_forced kernel/msg_next_id kernel/sem_next_id
	kernel/shm_next_id fs/mqueue/queues_max fs/mqueue/msg_max fs/mqueue/msgsize_max
	fs/mqueue/msg_default fs/mqueue/msgsize_default"

# snapshot: every limit of the caller's namespace, read straight from
# /proc/sys (not through ipcns), one "path=value" line each.
snapshot() {
	local p
	for p in $LIMIT_PATHS; do
		printf '%s=%s\n' "$p" "$(tr -s '\t' ' ' <"/proc/sys/$p")"
	done
}

# unchanged_since FILE DESCRIPTION: the limits are still what FILE recorded.
unchanged_since() {
	if snapshot | cmp -s - "$1"; then
		pass "$2"
	else
		fail "$2: $(snapshot | diff "$1" - | grep '^[<>]' | tr '\n' ' ')"
	fi
}

# rand32: a random unsigned 32-bit number; rand64: unsigned 64-bit.
rand32() { od -An -tu4 -N4 /dev/urandom | tr -d ' '; }
rand64() { od -An -tu8 -N8 /dev/urandom | tr -d ' '; }
# rand_in MIN MAX: uniform enough in MIN..MAX (a span below 2^32).
rand_in() { echo $(($1 + $(rand32) % ($2 - $1 + 1))); }

# A process in the initial IPC namespace that we may open, for the --host
# guard checks (PID 1 itself may be out of reach in a sandbox).
host_ipc_pid() {
	local p
	for p in $PPID /proc/[0-9]*; do
		p=${p#/proc/}
		[ "$(stat -L -c %i "/proc/$p/ns/ipc" 2>/dev/null)" = 4026531839 ] &&
			[ -r "/proc/$p/ns/ipc" ] && readlink "/proc/$p/ns/ipc" >/dev/null 2>&1 && { echo "$p"; return 0; }
	done
	return 1
}

# wait_exec PID NAME: wait until PID has become NAME (so ipcns has set up
# its namespaces and exec'd it).
wait_exec() {
	local _
	for _ in $(seq 200); do
		[ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ] && return 0
		sleep 0.02
	done
	return 1
}
