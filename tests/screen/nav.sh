#!/bin/sh
# Whole-screen tests of finding your way (issue 14, items 8 to 10): / where you are
# (the list's titles, the help), K's round trip, the prompts' ~ and Tab, and the help
# at 80 columns, at 80x24 and at 120x40.
. "$(dirname "$0")/lib.sh"

# selected DESCRIPTION TEXT: passes when the list's selected row (in reverse) shows
# TEXT.
selected() {
	if eventually "capture -e | grep -q '7m\\( \\|.\\[[0-9;]*m\\)*$2'"; then
		ok "$1"
	else
		notok "$1"
	fi
}

for size in "80 24" "120 40"; do
	set -- $size
	cols=$1
	start "$1" "$2" TERM=tmux-256color -- "$tmp/sample"
	wait_for "Articles" >/dev/null
	# / in the list: titles, not text; n goes on, wrapping with a message.
	keys / ' oil '
	check "$cols: / in the list asks for a title" "^title / oil"
	keys Enter
	selected "$cols: / in the list selects the first title below that matches" \
	    "Crude on the move"
	keys n
	selected "$cols: n selects the next one" "Who runs the Omar oil"
	keys n
	check "$cols: n past the last title wraps with a message" \
	    "search wrapped to the top"
	selected "$cols: to the first title that matches" "Crude on the move"
	keys N
	selected "$cols: N goes back, wrapping" "Who runs the Omar oil"
	keys / zzqqxx Enter
	check "$cols: a title search that finds nothing says so" \
	    "/zzqqxx: no title matches"
	# / in the help: its lines, the one found highlighted.
	keys '?' / 'kwic|context' Enter
	if eventually "capture -e | grep -q '7m.*every match of a theme in its context'"; then
		ok "$cols: / in the help highlights the line it finds"
	else
		notok "$cols: / in the help highlights the line it finds"
	fi
	keys / 'unread' Enter
	if eventually "capture -e | grep -q '7m.*mark the article read or unread'"; then
		ok "$cols: / again finds a line further down, scrolled to"
	else
		notok "$cols: / again finds a line further down, scrolled to"
	fi
	keys q q
done

finish
