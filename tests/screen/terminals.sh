#!/bin/sh
# Whole-screen tests of terminals and colours: TERM values, NO_COLOR.
. "$(dirname "$0")/lib.sh"
hostile_corpus
# Terminals and colours.
for term in xterm-256color screen-256color tmux-256color xterm vt100 linux; do
	start 80 24 TERM=$term -- "$tmp/sample"
	check "TERM=$term shows the screen" "Relief column reaches Deir ez-Zor"
done
start 80 24 TERM=dumb -- "$tmp/sample"
check "TERM=dumb is refused with a reason" "cannot address the cursor"
start 80 24 TERM=no-such-terminal -- "$tmp/sample"
check "an unknown TERM is refused with a reason" "unknown terminal type"
start 80 24 TERM=tmux-256color -- "$tmp/hostile/esc-csi.txt"
wait_for "CSI" >/dev/null
if capture -e | grep -q "$(printf '\033')\\[[0-9;]*7[;m]" && capture -e | grep -q "38;5;\\|$(printf '\033')\\[3[0-7]"; then
	ok "256 colours: markers are drawn reverse and in colour"
else
	notok "256 colours: markers are drawn reverse and in colour"
fi
start 80 24 TERM=tmux-256color NO_COLOR=1 -- "$tmp/hostile/esc-csi.txt"
wait_for "CSI" >/dev/null
if capture -e | grep -q "38;5;\\|$(printf '\033')\\[3[0-7]m\\|;3[0-7]m"; then
	notok "NO_COLOR: no colour at all"
else
	ok "NO_COLOR: no colour at all"
fi
if capture -e | grep -q "$(printf '\033')\\[[0-9;]*7[;m]"; then
	ok "NO_COLOR: markers still stand out in reverse"
else
	notok "NO_COLOR: markers still stand out in reverse"
fi

finish
