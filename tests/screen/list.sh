#!/bin/sh
# Whole-screen tests of the article list and the layout: the columns' header line, the
# date column, the marks, the titles' width at 120 columns, B hiding the sidebar, and
# the bytes a line down in the body costs with the sidebar hidden.
. "$(dirname "$0")/lib.sh"
# One article read, with a note and a person's tag; one without a date field, dated
# by its file.
cat >"$tmp/sample/.rubric.ini" <<'INI'
[article 2017/deir-ezzor-siege-lifted.txt]
tag.urgent = person
note = "check the figures"
read = yes
INI
touch -d 2011-03-04T12:00:00 "$tmp/sample/2017/race-for-albu-kamal.txt"

start 80 24 TERM=tmux-256color -- "$tmp/sample"
wait_for "Articles" >/dev/null
check "80x24: a header line names the columns" "│Marks Date +Title +Hits$"
check "the date field, as year and month in a narrow list" \
    "│   nT 2017-09 Relief column reaches"
check "read, with a note and a person's tag: no N, n and T" "│   nT 2017-09 Relief"
check "unread: N" "│  N   2011-03 The race for Albu Kamal"
check "without a date field, the file's date" "2011-03 The race for Albu Kamal"
keys j m
check "marked: *" "│ \\*N   2011-03 The race for Albu Kamal"
keys M g r
check "r: read again is unread, N" "│  NnT 2017-09 Relief column"
keys B
check_not "B hides the sidebar" "All articles"
check "the list takes its columns, with the full date" \
    "^Marks Date +Title +Hits$"
check "the date in full" "^  NnT 2017-09-06 Relief column reaches Deir ez-Zor after"
check "the body spans the width" "^ 2017/deir-ezzor-siege-lifted.txt ─+0%─$"
keys B
check "B shows it again" "All articles"
check "with the list beside it" "│Marks Date +Title +Hits$"
# help_has DESCRIPTION PATTERN: pages through the help until PATTERN shows.
help_has() {
	i=0
	while [ $i -lt 6 ] && ! capture | grep -q -E -e "$2"; do
		keys Space
		sleep 0.2
		i=$((i + 1))
	done
	check "$1" "$2"
}
keys '?'
help_has "the help lists B" "^ +B +hide or show the sidebar"
help_has "and the marks" "^ +T +coded: a person gave it a tag"
keys q

# 120x40: the sample has a title of about 90 columns, so the list stays above the
# body and shows at least 60 columns of each title.
start 120 40 -- "$tmp/sample"
wait_for "Articles" >/dev/null
check "120x40: the header line" "│Marks Date +Title +Hits$"
check "the date in full" "│.{5} 2017-09-06 Relief"
check "a long title shows 60 columns and more" \
    "The families who came back to al-Mayadin this spring did so in stages"
check "the body is below the list" "^ +[^│]*│ 2017/deir-ezzor-siege-lifted.txt ─"
keys B
check_not "B hides the sidebar at 120x40 too" "All articles"
check "and the body spans the width" "^ 2017/deir-ezzor-siege-lifted.txt ─+0%─$"

# Short titles at 120x40: the list is as wide as they need, the body beside it.
mkdir -p "$tmp/short"
for f in one two three; do printf 'Title: Short %s\n\ntext\n' "$f" >"$tmp/short/$f.txt"; done
start 120 40 -- "$tmp/short"
wait_for "Articles" >/dev/null
check "short titles at 120x40: the list and the body side by side" \
    "Articles +1/3│ one.txt ─"
# Its width: the fixed columns and "Short three" (11), beside the sidebar, 24
# columns wide (with its border 25) from 100 columns on.
check "the list is as wide as its titles need" "^.{24}│.{34}│ one.txt"

# Bytes: a line down in the body, three panes against the sidebar hidden (the body
# then spans the terminal, and the terminal's scroll region moves it).
mean() {
	TERM=xterm-256color LC_ALL=C.UTF-8 RUBRIC_DATADIR="$top/config" \
	    XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache" \
	    tests/bin/ptybytes -x 80 -y 24 -q 150 -k "$1" -- "$top/rubric" "$tmp/sample" |
	    awk -F '\t' '$1 == "j" { n++; s += $2 } END { printf "%d", n ? s / n : 0 }'
}
three=$(mean "tab,repeat:20:j")
hidden=$(mean "B,tab,repeat:20:j")
if [ "$three" -gt 0 ] && [ "$hidden" -gt 0 ] && [ $((hidden * 2)) -lt "$three" ]; then
	ok "a line down with the sidebar hidden costs under half ($hidden bytes, three panes $three)"
else
	notok "a line down with the sidebar hidden costs under half ($hidden bytes, three panes $three)"
fi

finish
