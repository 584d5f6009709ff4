#!/bin/sh
# Whole-screen tests of sizes: the layout by size, a resize that keeps the selection
# and the scroll, and resize storms.
. "$(dirname "$0")/lib.sh"
hostile_corpus
# Layouts by size, and a resize keeps the selection and the scroll position.
start 80 24 -- "$tmp/sample"
wait_for "Articles" >/dev/null
keys j j Enter
wait_for "^ Why no two maps" >/dev/null
keys Space
wait_for "[0-9]+%" >/dev/null
sleep 0.2
first=$(row 1 | sed 's/^ *//' | cut -c1-20)
$T resize-window -x 120 -y 40
check "a resize keeps the scroll position" "^ $first"
keys q
# The sample has a title of some 90 columns: beside a body at 120 it would be cut, so
# the list stays on top; at 200 both fit side by side.
check "120x40: the list keeps its titles' width, above the body" "^ +[^│]*│ 2017/why-no-two-maps-agree.md ─"
$T resize-window -x 200 -y 40
check "200x40: the list and the body sit side by side" "Articles +3/12 *│.*why-no-two-maps-agree.md"
$T resize-window -x 50 -y 14
check "below 60x15 the sidebar folds away" "^ Articles +3/12"
check_not "the folded sidebar is gone" "All articles"
$T resize-window -x 40 -y 10
check "40x10 still shows the list" "Articles +3/12"
$T resize-window -x 39 -y 9
check "below 40x10 the terminal is too small" "^terminal too small"
$T resize-window -x 80 -y 24
check "growing back shows the screen with the selection" "Articles +3/12"

# Resize storms: 300 sizes from 1x1 up, tiny ones among them, with keys between; then
# a normal size shows a whole screen again, and rubric is still running.
start 100 30 -- "$tmp/hostile"
check "the hostile corpus is up before the storm" "Articles"
i=0
seed=7
while [ $i -lt 300 ]; do
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	w=$(( seed % 130 + 1 ))
	h=$(( (seed / 131) % 45 + 1 ))
	[ $((i % 10)) = 0 ] && { w=$((i % 20 + 1)); h=$((i % 5 + 1)); }
	$T resize-window -x "$w" -y "$h" 2>/dev/null
	case $((i % 4)) in
	0) keys j ;;
	1) keys Enter ;;
	2) keys Space ;;
	3) keys Escape ;;
	esac
	i=$((i + 1))
done
for size in 1x1 2x1 1x2 5x3 10x4 20x5 39x9; do
	$T resize-window -x "${size%x*}" -y "${size#*x}"
	sleep 0.05
done
$T resize-window -x 20 -y 5
check "at 20x5 the screen says it is too small" "too small"
$T resize-window -x 100 -y 30
check "after 300 resizes rubric shows a whole screen again, with its status line" \
    "^ hostile +[0-9,]+/[0-9,]+  "
keys Escape
check "and goes back to the list" "Articles .*[0-9]+/[0-9]+"
check_not "and has not exited" '^\[exit'

finish
