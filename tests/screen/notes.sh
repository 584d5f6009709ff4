#!/bin/sh
# Whole-screen tests of notes through $EDITOR, a sidecar edited by hand, and changes
# that cannot be saved.
. "$(dirname "$0")/lib.sh"
# Notes through $EDITOR, a sidecar edited by hand, and changes that cannot be saved.
rm -rf "$tmp/notes"
cp -r tests/sample "$tmp/notes"
start 100 30 TERM=tmux-256color EDITOR="$top/tests/editor.sh" -- "$tmp/notes"
wait_for "Articles" >/dev/null
keys a
check "a edits the note in \$EDITOR and saves it" "note saved"
check "the note shows above the body" "│ Edited by script; \"quoted\" ; # = \\[ \\]"
if grep -q '^note = "Edited by script; \\x22quoted\\x22' "$tmp/notes/.rubric.ini"; then
	ok "the note is in the sidecar"
else
	notok "the note is in the sidecar"
fi
printf '[article 2017/deir-ezzor-siege-lifted.txt]\ntag.^by%%20^hand = person\n' \
    >"$tmp/notes/.rubric.ini"
check "a sidecar edited by hand is read again" "changed: read again"
check "and its tags show" "By Hand"
printf '[article x]\nnot ini\n' >"$tmp/notes/.rubric.ini"
check "a sidecar broken by hand makes tags read-only and names the line" \
    "rubric.ini:2: not a \\[section\\]"
# A directory where the lock file should be: every save fails, even as root.
mkdir -p "$tmp/notes/locked.ini.lock"
start 100 30 TERM=tmux-256color -- --sidecar "$tmp/notes/locked.ini" "$tmp/notes"
wait_for "Articles" >/dev/null
keys t Kept Enter
check "a change that cannot be saved says so" "not saved: .*locked.ini.lock"
check "and shows all the same" "^  Kept "
keys q
check "q warns before leaving changes unsaved" "[0-9]+ changes? not saved \\(cannot save\\): q again keeps"
keys q
if [ "$(dead_status)" = 1 ]; then ok "q again quits, exit 1 as the change is only kept aside"; else notok "q again quits, exit 1 as the change is only kept aside"; fi
if grep -q '"Kept" crc=' "$tmp"/state/rubric/sidecar-*.journal; then ok "and it is kept aside in the state folder"; else notok "and it is kept aside in the state folder"; fi

finish
