#!/bin/sh
# Whole-screen tests of finding your way (issue 14, items 8 to 10): / where you are
# (the list's titles, the help), K's round trip, the prompts' ~ and Tab, and the help
# at 80 columns, at 80x24 and at 120x40.
. "$(dirname "$0")/lib.sh"

# selected DESCRIPTION TEXT: passes when the list's selected row (in reverse) shows
# TEXT as its title, after the marks and the date.
selected() {
	if eventually "capture -e | grep -q -E '7m.* [0-9]{4}-[0-9]{2}[-0-9]* (.\\[[0-9;]*m)*$2'"; then
		ok "$1"
	else
		notok "$1"
	fi
}

# A home of the tests' own for ~, with files for Tab to find.
mkdir -p "$tmp/home/exports/old"
: >"$tmp/home/expo-notes.txt"

for size in "80 24" "120 40"; do
	set -- $size
	cols=$1
	start "$1" "$2" HOME="$tmp/home" TERM=tmux-256color -- "$tmp/sample"
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
	keys q
	# The help wraps long lines under their words' column, and ends with the
	# query syntax.
	keys '?'
	check "$cols: the help shows the keys" "rubric keys"
	check "$cols: a long line goes on below, not cut" \
	    "^ +articles \\(tags add up; All clears\\), a K line's match"
	: >"$tmp/help"
	for page in 1 2 3 4 5 6; do
		capture | sed '1d;$d' >>"$tmp/help"
		keys Space
		sleep 0.2
	done
	# The ends of the longest lines, each on a row of its own below its start.
	if grep -q "^ \{20,\}completes)\$" "$tmp/help" &&
	    grep -q "^ \{20,\}(.jsonl .csv .md .txt, or a folder)\$" "$tmp/help" &&
	    grep -q "^ \{20,\}a passage of P's list\$" \
	    "$tmp/help"; then
		ok "$cols: the long lines end whole"
	else
		notok "$cols: the long lines end whole"
		sed 's/^/# /' "$tmp/help"
	fi
	keys G
	check "$cols: the help has the query syntax" "^ Queries \\(l, views"
	check "$cols: with each field" "^ +theme:NAME\\[>=N\\] +has a hit of the theme"
	check "$cols: and the operators" "^ +not a, !a +not a; not binds tightest"
	keys q
	# K: Enter opens the article at the match, shown as the current one; q comes
	# back to K at the same line and scroll, a second q leaves K.
	keys BTab j j j j j j K
	check "$cols: K lists the theme's matches" "Keywords in context +1/19"
	keys j j j j j j j j j j j j
	check "$cols: K moves down its lines" "Keywords in context +13/19"
	before=$(capture | sed '$d')
	keys Enter
	check "$cols: Enter opens the article" "albu-kamal: match 13 of 19"
	if eventually "capture -e | grep -q '7m[^ ]*[Kk]amal'"; then
		ok "$cols: the match is shown as the current one"
	else
		notok "$cols: the match is shown as the current one"
	fi
	keys q
	check "$cols: q goes back to K at the same line" "Keywords in context +13/19"
	after=$(capture | sed '$d')
	if [ "$before" = "$after" ]; then
		ok "$cols: and with the same scroll"
	else
		notok "$cols: and with the same scroll"
	fi
	keys q
	check "$cols: a second q leaves K" "Articles"
	check_not "$cols: for the list" "Keywords in context"
	# e: Tab completes file names, ~ is the home, and a folder that is not
	# there is named as typed.
	keys e '~/exp' Tab
	check "$cols: Tab in e completes what the names share and lists them" \
	    "^export to: ~/expo +expo-notes.txt \\| exports/"
	keys Tab
	check "$cols: Tab again puts the first" "^export to: ~/expo-notes.txt +expo-notes"
	keys Tab
	check "$cols: then the next, a folder with its slash" "^export to: ~/exports/ +expo-notes"
	keys Tab
	check "$cols: and round again" "^export to: ~/expo-notes.txt +expo-notes"
	keys C-u '~/expor' Tab
	check "$cols: one name is completed whole" "^export to: ~/exports/ *\$"
	keys o Tab
	check "$cols: and Tab goes on into a folder" "^export to: ~/exports/old/ *\$"
	keys C-u '~/nav.csv' Enter
	if eventually "[ -s '$tmp/home/nav.csv' ]"; then
		ok "$cols: ~/ in e is the home"
	else
		notok "$cols: ~/ in e is the home"
	fi
	rm -f "$tmp/home/nav.csv"
	keys e '~/nodir/x.csv' Enter
	check "$cols: a missing folder is named as typed" \
	    "~/nodir/x.csv: No such file or directory"
	check_not "$cols: with no temporary name" "tmp-|$tmp/home"
	keys C-u '~/nodir/x' Enter
	check "$cols: for a folder export too" "~/nodir/x: No such file or directory"
	check_not "$cols: with no temporary name either" "tmp-|$tmp/home"
	# A file that is there is named as typed too, so that the reason fits
	# beside the name at 80 columns, and H keeps it whole.
	: >"$tmp/home/out.csv"
	keys C-u '~/out.csv' Enter
	check "$cols: a file that is there is named as typed, the reason whole" \
	    "^export to: ~/out.csv +~/out.csv exists \\(put ! before the name to replace it\\) *\$"
	keys Escape H
	check "$cols: H keeps the refusal" "! ~/out.csv exists \\(put ! before"
	keys q
	rm -f "$tmp/home/out.csv"
	# l: Tab completes fields, then themes after theme:, tags after tag:.
	keys t 'nav-tag' Enter
	check "$cols: a tag to complete" "nav-tag"
	keys l 'the' Tab
	check "$cols: Tab in l completes a field" "^limit: theme: *\$"
	keys 'de' Tab
	check "$cols: and a theme after theme:" "^limit: theme:deir-ez-zor *\$"
	keys C-u 'unread or (ta' Tab
	check "$cols: after an operator and a parenthesis too" "^limit: unread or \\(tag: *\$"
	keys 'nav' Tab
	check "$cols: tag: completes the tags" "^limit: unread or \\(tag:nav-tag *\$"
	keys C-u 'vi' Tab 'bor' Tab
	check "$cols: view: completes the saved views" "^limit: view:border-crossing *\$"
	keys Enter
	check "$cols: view:NAME limits the list to the view's 5 articles" "Articles.*[0-9]/5─"
	keys C-l
	check "$cols: and the status line shows it" "limit: view:border-crossing"
	keys l C-u 't' Tab
	check "$cols: several fields are listed" "^limit: t +tag: \\| text: \\| theme: \\| title:"
	# No candidate: what is typed stays (it passed qsort a null array, which
	# the sanitizer build stops at).
	keys C-u 'zqx' Tab
	check "$cols: Tab with no candidate leaves what is typed" "^limit: zqx *\$"
	keys Escape
	keys q
done

finish
