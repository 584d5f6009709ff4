#!/bin/sh
# Whole-screen tests of terminal safety: every control byte of the hostile corpus
# shows as a marker and none reaches the terminal.
. "$(dirname "$0")/lib.sh"
hostile_corpus
# The hostile corpus: every control shows as a marker, nothing reaches the terminal.
# Every article of the hostile corpus on the screen in turn, then tmux's state.
start 100 30 -- "$tmp/hostile"
wait_for "Articles" >/dev/null
title_before=$($T display -p '#{pane_title}')
keys Enter
i=0
while [ $i -lt 30 ]; do keys C-n Space G; i=$((i + 1)); done
keys q
wait_for "Articles" >/dev/null
sleep 0.3
if [ "$($T display -p '#{pane_title}')" = "$title_before" ]; then
	ok "the pane title is untouched after every hostile article"
else
	notok "the pane title is untouched ('$title_before' became '$($T display -p '#{pane_title}')')"
fi
if [ -z "$($T list-buffers 2>/dev/null)" ]; then
	ok "tmux's paste buffers are untouched (no OSC 52)"
else
	notok "tmux's paste buffers are untouched (no OSC 52)"
fi
if ! capture | grep -q '^\[exit'; then
	ok "rubric survives the hostile corpus"
else
	notok "rubric survives the hostile corpus"
fi
# show FILE: rubric on one file, opened full screen.
show() {
	start 100 30 -- "$1"
	wait_for "Articles" >/dev/null
	keys Enter
}
show "$tmp/hostile/esc-csi.txt"
check "ESC shows in caret notation" "\\^\\[\\[2J"
show "$tmp/hostile/esc-osc.txt"
check "OSC payloads show as text" "\\^\\[\\]0;PWNED-TITLE"
check "BEL shows as ^G" "PWNED-TITLE\\^G"
check "OSC 52 shows as text" "\\^\\[\\]52;c;"
show "$tmp/hostile/esc-dcs.txt"
check "DCS shows as text" "\\^\\[P"
show "$tmp/hostile/c1.txt"
check "8-bit CSI shows as an invalid byte" "<9B>"
check "C1 as UTF-8 shows as a code point" "<U\\+009B>"
if [ "$($T display -p '#{pane_title}')" != "$title_before" ] &&
    $T display -p '#{pane_title}' | grep -q PWNED; then
	notok "OSC titles do not reach tmux"
else
	ok "OSC titles do not reach tmux"
fi

show "$tmp/hostile/bidi.txt"
check "bidi controls show as code points" "<U\\+202E>"
show "$tmp/hostile/overwrite.txt"
check "backspace shows as ^H and does not overwrite" "abc\\^H\\^H\\^HXYZ"
check "carriage return shows as ^M" "visible\\^MHIDDEN"
show "$tmp/hostile/invalid-utf8.txt"
check "invalid UTF-8 shows as bytes" "<C0><AF>"
show "$tmp/hostile/combining.txt"
check "combining marks join their base; a lone one is a marker" "^ <U\\+0301>starts with"
show "$tmp/hostile/cjk.txt"
wait_for "CJK" >/dev/null
if [ "$(capture | wc -L)" -le 100 ]; then
	ok "CJK rows stay inside the pane"
else
	notok "CJK rows stay inside the pane"
fi
show "$tmp/hostile/rtl.txt"
wait_for "בעברית" >/dev/null
if [ "$(capture | wc -L)" -le 100 ] && capture | grep -q "בעברית" && capture | grep -q "عربي"; then
	ok "Hebrew and Arabic rows show and stay inside the pane"
else
	notok "Hebrew and Arabic rows show and stay inside the pane"
fi

finish
