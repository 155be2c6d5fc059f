#!/bin/bash
# The man page's LIMITS section matches the registry: every key and sem
# field that 'ipcns get --keys' lists is described there with its range,
# its default and its unit, and nothing else is described as a key.
# shellcheck disable=SC2015 # pass never fails
. "$(dirname "$0")/lib.sh"
src=${IPCNS_SOURCE_DIR:?}
man="$src/man/ipcns.1"

limits=$(awk '/^\.SH LIMITS/ { on = 1; next } /^\.SH / { on = 0 } on' "$man")
[ -n "$limits" ] && pass "the man page has a LIMITS section" || fail "the man page has no LIMITS section"

# describe KEY: the text under the ".TP"/".TQ" heading ".B KEY" up to the
# next paragraph macro (a .TQ heading shares its text), groff escapes
# removed, on one line.
describe() {
	printf '%s\n' "$limits" | awk -v key="$1" '
		!on && $0 == ".B " key && (prev == ".TP" || prev == ".TQ") { on = 1; next }
		{ prev = $0 }
		on && /^\.(TP|RS|RE|PP|SH|SS|IP)/ { exit }
		on { print }' | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/^\.[A-Z]* //' | tr '\n' ' '
}

"$IPCNS" get --keys >"$TMP/keys" || fail "ipcns get --keys"
n=0
while IFS=$'\t' read -r key range def unit _; do
	n=$((n + 1))
	text=$(describe "$key")
	if [ -z "$text" ]; then
		fail "man LIMITS lacks $key"
		continue
	fi
	[[ $text == *"$range"* ]] && pass "man: $key range $range" || fail "man: $key range $range not in: $text"
	[[ $text == *"default $def"* ]] && pass "man: $key default $def" || fail "man: $key default $def not in: $text"
	case $unit in
	bytes | pages) [[ $text == *"in $unit"* ]] && pass "man: $key is in $unit" || fail "man: $key does not say 'in $unit'" ;;
	esac
done <"$TMP/keys"
[ "$n" -eq 21 ] && pass "--keys lists 17 keys and 4 fields" || fail "--keys lists $n lines"

# No stale key: every ".B kernel.*" or ".B fs.*" heading in LIMITS is a key.
for key in $(printf '%s\n' "$limits" | sed -n 's/^\.B \(\(kernel\|fs\)\.[a-z_.]*\)$/\1/p'); do
	cut -f1 "$TMP/keys" | grep -qx -- "$key" && pass "man key $key is in the registry" || fail "man describes $key, which the registry lacks"
done

finish
