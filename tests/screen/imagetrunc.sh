#!/bin/sh
# The screen started from the catalogue's image must not die when the image's file
# is cut short in place while it is open (a cache cleaner, a `cp` of a backup over
# it): the counts it took are a copy the checksum made, not a map of the file,
# which would be a SIGBUS at the next touch of a page cut off.
. "$(dirname "$0")/lib.sh"
export RUBRIC_INDEX_RACY=0
mkdir "$tmp/m"
for w in Alpha Bravo Charlie; do
	printf 'title: %s One\n\nSome text about %s and isis.\n' "$w" "$w" \
	    >"$tmp/m/$(echo "$w" | tr 'A-Z' 'a-z').txt"
done
mkdir -p "$tmp/xdg/rubric"
printf '[theme isis]\npattern = "isis"\n' >"$tmp/xdg/rubric/config.ini"
log=$tmp/screen.log
cli list "$tmp/m" >/dev/null
cli list "$tmp/m" >/dev/null
: >"$log"
start 80 24 RUBRIC_INDEX_RACY=0 RUBRIC_LOG="$log" -- "$tmp/m"
check "the screen lists" "Charlie One"
if grep -q 'catimage: [0-9]* articles taken' "$log"; then ok "from the image"; else notok "from the image"; fi
# Once the start's own reads of the image (the dups' clusters) are over.
i=0
while ! grep -q "^dups: " "$log" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
for f in "$tmp/cache/rubric/"catalog-*.bin; do : >"$f"; done
keys j
sleep 0.5
keys k
check "the screen lives on after its image is truncated" "Alpha One"
if capture -J | grep -q "\[exit [0-9]"; then notok "and is still running ($(capture -J | grep -o "\[exit [0-9]*\]"))"; else ok "and is still running"; fi
finish
