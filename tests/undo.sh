#!/bin/sh
# Undo on the screen: U takes back tags, notes and read flags one change at a time, a
# change to many articles as one; each undo is saved at once, and the sidecar on disk
# is checked after each step through the commands (export, list), not its format.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-undo.XXXXXX") || exit 1
export XDG_STATE_HOME="$tmp/state"
tmux_name=rubric-undo
. tests/tmux.sh
# A rubric ended by the server's end saves its scan cache on its way out: stop waits.
trap 'stop; rm -rf "$tmp"' EXIT
export RUBRIC_DATADIR="$top/config" XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
A=2017/deir-ezzor-siege-lifted.txt

# disk DESCRIPTION COMMAND: passes when COMMAND, about what is on disk, succeeds
# within 5 s: the screen may show a change's message before the last of a burst of
# keys is saved, so a fixed sleep would race a slow machine.
disk() {
	if eventually "$2"; then ok "$1"; else notok "$1"; fi
}
# What the commands read from the sidecar: each article's tags, rejected tags and
# note, and the unread ones.
state() {
	(cd "$1" && "$top/rubric" export -f jsonl . | jq -c '[.path, .tags, .rejected, .note]' &&
	    "$top/rubric" list -q unread . | cut -f1)
}
note_of() {
	(cd "$1" && "$top/rubric" export -f jsonl "$2" | jq -r '.note')
}
tags_of() {
	(cd "$1" && "$top/rubric" export -f jsonl "$2" | jq -r '.tags | join(",")')
}
unread() {
	(cd "$1" && "$top/rubric" list -q unread . | wc -l)
}

# A corpus with work in it already: a note of two lines and a tag.
c="$tmp/c"
cp -r tests/sample "$c"
touch "$c/.rubric.ini"
printf 'first line; = [x]\nsecond "line"\n' | (cd "$c" && "$top/rubric" note "$A" -)
(cd "$c" && "$top/rubric" tag +Kept -- "$A")
cp "$c/.rubric.ini" "$tmp/initial.ini"
state "$c" >"$tmp/state0"
nunread=$(unread "$c")

start 100 30 EDITOR="$top/tests/editor.sh" -- "$c"
wait_for "Articles" >/dev/null
keys t person Enter
check "t tags the article" "tagged person 1 article"
disk "the tag is on disk" '[ "$(tags_of "$c" "$A")" = "Kept,person" ]'
keys a
check "a edits the note" "note saved"
disk "the edited note is on disk" 'note_of "$c" "$A" | grep -q "^Edited by script"'
keys m m t Urgent Enter
check "t tags the two marked articles" "tagged Urgent 2 articles"
keys M m m m r
check "r marks three marked articles read" "3 marked read"
disk "three fewer are unread on disk" '[ "$(unread "$c")" -eq $((nunread - 3)) ]'

keys U
check "U undoes marking three articles read, as one change" "undone: marked 3 articles read"
disk "the three are unread again on disk" '[ "$(unread "$c")" -eq "$nunread" ]'
keys U
check "U undoes tagging the two marked articles" "undone: \\+Urgent on 2 articles"
disk "Urgent is off both on disk" '! state "$c" | grep -q Urgent'
keys U
check "U undoes the note edit" "undone: note of $A"
disk "the old note is back exactly" \
    '[ "$(note_of "$c" "$A")" = "$(printf "first line; = [x]\nsecond \"line\"")" ]'
keys U
check "U undoes the tag" "undone: \\+person on $A"
disk "the tag is off on disk, the earlier one kept" '[ "$(tags_of "$c" "$A")" = "Kept" ]'
disk "what the commands read is as at the start" 'state "$c" | cmp -s - "$tmp/state0"'
disk "the sidecar is as it was, byte for byte" 'cmp -s "$c/.rubric.ini" "$tmp/initial.ini"'
keys U
check "U with nothing left says so" "nothing to undo"
disk "and changes nothing" 'cmp -s "$c/.rubric.ini" "$tmp/initial.ini"'
keys C-r
check "^R makes the last undone change again" "redone: \\+person on $A"
disk "the tag is back on disk" '[ "$(tags_of "$c" "$A")" = "Kept,person" ]'
keys U
check "U undoes the redo" "undone: \\+person on $A"

# Another process changes the key meanwhile: its value stands and the undo says so.
keys M g a
check "a edits the note again" "note saved"
sleep 1.1
(cd "$c" && "$top/rubric" note "$A" "a colleague's note")
check "the screen reads the sidecar again" "changed: read again"
keys U
check "U does not overwrite a note changed since" \
    "not undone: note of $A: changed since"
disk "the other process's note stands on disk" \
    '[ "$(note_of "$c" "$A")" = "a colleague'"'"'s note" ]'

# Reading mode: opening an article reads it; U there takes that back.
keys g Enter
wait_for "^ Relief column" >/dev/null
keys U
check "U in reading mode undoes the read of opening" "undone: marked $A read"
disk "the article is unread on disk" \
    '(cd "$c" && "$top/rubric" list -q unread .) | grep -q "^$A"'
keys q '?' Space
check "the help lists U" "U +undo the last change to tags, notes or read flags"
check "the help lists ^R" "\\^R +make again the change U undid last"
keys q

# At least 100 deep: 120 changes, 120 undos, and the sidecar is back as it was.
cp "$c/.rubric.ini" "$tmp/before-120.ini"
keys M G
i=0
while [ $i -lt 12 ]; do keys r r r r r r r r r r; i=$((i + 1)); done
check "120 changes are made" "1 marked unread"
sleep 0.5
i=0
while [ $i -lt 12 ]; do keys U U U U U U U U U U; i=$((i + 1)); done
check "U undoes the first of the 120" "undone: marked [^ ]+ read"
disk "after 120 undos the sidecar is as before the 120 changes" \
    'cmp -s "$c/.rubric.ini" "$tmp/before-120.ini"'
keys U
check "then there is nothing left to undo" \
    "nothing to undo"

finish
