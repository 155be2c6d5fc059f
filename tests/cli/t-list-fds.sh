#!/bin/bash
# list holds one fd per namespace: it takes what the hard limit allows, and
# when even that is not enough it fails rather than leave namespaces out.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

pids=()
for _ in $(seq 40); do
	unshare --ipc sleep 600 &
	pids+=($!)
done
at_exit "kill ${pids[*]} 2>/dev/null"
for p in "${pids[@]}"; do
	for _ in $(seq 100); do
		[ "$(stat -L -c %i /proc/"$p"/ns/ipc)" != "$(stat -L -c %i /proc/self/ns/ipc)" ] && break
		sleep 0.01
	done
done
want=$(for p in "${pids[@]}"; do stat -L -c %i /proc/"$p"/ns/ipc; done | sort -u)

expect 0 "list with a soft fd limit of 20 and 40 namespaces" \
	bash -c 'ulimit -Sn 20 && exec "$0" list --no-counts -n -r -o NS' "$IPCNS"
missing=$(comm -23 <(echo "$want") <(sort -u "$TMP/out"))
[ -z "$missing" ] && pass "... lists every one of them (it raised its soft limit)" ||
	fail "... left out: $(echo "$missing" | wc -l) namespaces"
expect 1 "list with a hard fd limit of 20 fails" bash -c 'ulimit -n 20 && exec "$0" list --no-counts -n -r -o NS' "$IPCNS"
expect_err_lines 1 "... in one line"
expect_err_match '^ipcns: listing IPC namespaces: Too many open files$' "... saying why, rather than leaving namespaces out"
finish
