#!/bin/sh
# Whole-screen tests of the sidebar: tags with their counts and limits, folders in
# folders.
. "$(dirname "$0")/lib.sh"
# The tags in the sidebar: counts and bars, Enter adds a limit, ! excludes, All clears.
rm -rf "$tmp/tagged2"
cp -r tests/sample "$tmp/tagged2"
# Without the sample themes' automatic tags, so that the tags are only these.
sed -n 's/^\[theme \(.*\)\]$/[theme \1]\nautotag = 0/p' tests/sample/.rubric-themes.ini >"$tmp/noauto.ini"
start 100 30 TERM=tmux-256color -- --config "$tmp/noauto.ini" "$tmp/tagged2"
wait_for "Articles" >/dev/null
keys t Urgent Enter j t Urgent Enter j t Later Enter
check "the sidebar lists the tags with their counts" "^  Urgent .* 2 │"
keys BTab G Enter
check "Enter on a tag limits the list to it" "1/2  \\+Urgent( |$)"
check "the limited list counts its articles" "Articles +1/2"
keys BTab k '!'
check "! on a tag keeps the articles without it" "  \\+Urgent !Later"
keys BTab Enter
check "Enter on the excluded tag includes it: both tags" "  \\+Urgent \\+Later"
check "no article has both" "Articles +0/0"
keys BTab g Enter
check "Enter on All clears every limit" "Articles +1/12"

# Folders in folders: each counted with what is under it, at its depth, and a name
# that sorts between a folder's files ("a-z.txt" before "a/") counts in no folder.
mkdir -p "$tmp/nest/a/b" "$tmp/nest/b"
for f in a/b/1.txt a/b/2.txt a/c.txt a-z.txt b/3.txt; do
	printf 'Title: %s\n\ntext\n' "$f" >"$tmp/nest/$f"
done
start 60 40 -- "$tmp/nest"
check "a folder counts every article under it" "^  a/ +3 │"
check "a folder in a folder is indented, with its own count" "^   b/ +2 │"
check "a folder of the same name elsewhere counts apart" "^  b/ +1 │"

finish
