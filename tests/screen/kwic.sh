#!/bin/sh
# Whole-screen tests of keywords in context (K).
. "$(dirname "$0")/lib.sh"
start 100 30 TERM=tmux-256color -- "$tmp/sample"
wait_for "Articles" >/dev/null
# Keywords in context.
keys BTab j j j j j j K
check "K shows every match of the selected theme" "albu-kamal — .*19 matches in 5 articles"
check "K counts each pattern" "patterns: +pattern 10 +pattern.one-word 9"
check "K counts each spelling" "^ +6 +Albu Kamal$"
check "K lines show the title beside the match" "Albu Kamal .*│ The race for Albu Kamal"
keys G
check "G goes to the last line" "19/19"
keys Enter
check "Enter opens the article at the match" "^ Winter comes early to the camps"
if capture -e | grep -q "7mAbu Kamal"; then
	ok "the match K opened at is shown in reverse"
else
	notok "the match K opened at is shown in reverse"
fi
printf '[theme dead]\npattern = "deir"\npattern.never = "zzqqxx"\n' >"$tmp/dead.ini"
start 100 30 -- --config "$tmp/dead.ini" "$tmp/sample"
wait_for "Articles" >/dev/null
keys BTab g j j j j j j j j j j j j j K
check "K shows a dead pattern" "pattern.never 0 \\(dead\\)"

finish
