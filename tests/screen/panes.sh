#!/bin/sh
# Whole-screen tests of the panes at 80x24: the list, the sidebar, the body, reading
# mode, the help and quitting.
. "$(dirname "$0")/lib.sh"
# The sample corpus at 80x24: three panes and a status line.
start 80 24 -- "$tmp/sample"
check "80x24: the list shows the first title" "Relief column reaches Deir ez-Zor"
check "80x24: the sidebar shows the folders" "2017/ +3"
check "80x24: the list header counts the articles" "Articles +1/12"
check "80x24: the status line names the corpus" "^ sample +1/12 +\\? help *$"
check "80x24: the body shows the header block" "Date: 2017-09-06"
check "80x24: the body wraps on word boundaries" "│ Deir ez-Zor shortly after dawn on Tuesday, their flatbeds$"
if [ "$(capture | wc -L)" -le 80 ]; then
	ok "80x24: no row is wider than the terminal"
else
	notok "80x24: no row is wider than the terminal"
fi
keys j
check "j selects the next article" "Articles +2/12"
check "the body follows the selection" "2017/race-for-albu-kamal.txt"
keys G
check "G selects the last article" "Articles +12/12"
keys g
check "g selects the first article" "Articles +1/12"
keys Tab
keys j j j
check "Tab focuses the body and j scrolls it" "│ Source: Eastbank Dispatch"
keys Tab
keys g j j j j j j j j j j j j j Enter
check "Enter in the sidebar limits the list to a folder" "^ sample +1/3 +\\[2017/\\]"
check "the limited list counts its articles" "Articles +1/3"
keys BTab g Enter
check "the unlimited list is back" "Articles +1/12"
keys Enter
check "Enter opens the article full screen" "^ Relief column reaches Deir ez-Zor after a three-year siege"
check_not "reading mode hides the list" "Articles +1/12"
keys Space
check "Space pages in reading mode" "[0-9]+%"
keys q
check "q leaves reading mode" "Articles +1/12"
keys '?'
check "? shows the help generated from the key table" "rubric keys"
check "the help lists the keys of the brief" "Tab +focus the next pane"
keys q
check "q leaves the help" "Articles +1/12"
keys q
if [ "$(dead_status)" = 0 ]; then ok "q quits with status 0"; else notok "q quits with status 0"; fi

finish
