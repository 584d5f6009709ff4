#!/bin/sh
# Whole-screen tests of queries: l limits the list, L clears it, o sorts, e exports,
# saved views, and articles a query could not decide.
. "$(dirname "$0")/lib.sh"
# Queries on the screen: l limits the list, a bad query keeps the prompt and the list,
# Up brings back the last query, L clears it; o sorts; e exports; saved views.
rm -rf "$tmp/q"
cp -r tests/sample "$tmp/q"
start 100 30 -- "$tmp/q"
check "saved views show in the sidebar with their counts" "^  border-crossing +5 │"
keys l
check "l opens the limit prompt" "^limit:"
keys 'theme:isis>=2 and )' Enter
check "a bad query says what and where in the prompt" \
    "^limit: theme:isis>=2 and \)  unexpected '\)' at column 19"
check "the list stays as it was" "Articles .* 1/12"
keys C-u 'theme:isis>=2' Enter
check "l limits the list to the query" "Articles .* 1/5"
keys C-l
check "the status line shows the query" "^ q +1/5 +limit: theme:isis>=2 "
check_not "an article the query leaves out is gone" "Traders wait as al-Qaim"
keys L
check "L clears the query" "Articles .* 1/12"
keys l C-u Up
check "Up brings back the last query" "^limit: theme:isis>=2$"
keys Enter o
check "o sorts by title, and says so" "^ sorted by title *$"
keys C-l
check "the status line shows the order" "sort: title"
# Rows of the list start under its title and its columns' header line.
if eventually 'row 2 | grep -q -E "│.{6}[0-9-]{10} Crude on the move"'; then
	ok "the list is in title order"
else
	notok "the list is in title order"
fi
keys o C-l
check "o again sorts by date, newest first" "sort: date"
if eventually 'row 2 | grep -q -E "│.{6}[0-9-]{10} Crude on the move" &&
    row 6 | grep -q -E "│.{6}[0-9-]{10} The race for Albu Kamal"'; then
	ok "newest first, no date last"
else
	notok "newest first, no date last"
fi
keys o o o
check "o comes round to path" "^ sorted by path *$"
keys C-l
check "the status line keeps the query and no order" "^ q +[0-9]/5  limit: theme:isis>=2 "
keys e "$tmp/q-out.csv" Enter
check "e exports the list" "exported 5 articles to "
if [ "$(python3 tests/exportcheck.py csv "$tmp/q-out.csv" 5 2>/dev/null | wc -l)" = 5 ]; then
	ok "the exported file is the list, as CSV"
else
	notok "the exported file is the list, as CSV"
fi
keys e "$tmp/q-out.csv" Enter
check "e does not overwrite a file" "q-out.csv exists \(put"
keys C-u "!$tmp/q-out.csv" Enter
check "! before the name replaces it" "exported 5 articles to "
keys m m e "$tmp/q-marked.jsonl" Enter
check "with marks, e exports the marked articles" "exported 2 articles to "
if [ "$(jq -s length "$tmp/q-marked.jsonl" 2>/dev/null)" = 2 ]; then
	ok "the file holds the two marked articles"
else
	notok "the file holds the two marked articles"
fi
keys M
keys Escape L Tab Tab
# The shipped views (unread, noted) come first, then the sample corpus's own.
keys g j j j Enter
check "Enter on a saved view limits the list to it" "Articles +[0-9]/5$"
check "and the status line names it" "\\[border-crossing\\]"

# A query PCRE2 cannot decide on an article (its match limit) keeps the article in the
# list, marked '?', and the status line counts it; "not" it does the same.
mkdir -p "$tmp/pcre"
{ head -c 50000 /dev/zero | tr '\0' a; echo '!'; } >"$tmp/pcre/aaa.txt"
printf 'Title: Plain\n\nNothing to see.\n' >"$tmp/pcre/plain.txt"
start 100 30 -- "$tmp/pcre"
check "a corpus with a catastrophic case is up" "Articles .* 1/2"
keys l '/(a+)+c|!/' Enter
check "an undecided article stays in the list" "Articles .* 1/1"
check "the message says the query could not decide it" \
    "1 article, 1 the query could not decide"
check "the list marks it '?'" "^[^│]*│\?.{5}[0-9-]{10} a{20}"
keys C-l
check "the status line counts the undecided" "1/1  \?1  limit: /\(a\+\)\+c"
keys l C-u 'not /(a+)+c|!/' Enter
check "not of an undecided term leaves it undecided, in the list" "Articles .* 1/2"
check "and the article the query decides is there too" "│.{6}[0-9-]{10} Plain"
keys C-l
check "the status line counts one undecided still" "  \?1  limit: not "
keys L
check "L clears the query and the marks" "Articles .* 1/2"
check_not "no article is marked undecided then" "undecided"
# The help is longer since it wraps and gives the query syntax: / finds the line.
keys '?' / 'could not decide' Enter
check "the help explains the '?' mark" "\? +the limit or view could not decide it"
keys q
keys '&' '(a+)+c|!' Enter
check "& keeps an article it could not search, and says so" \
    "&\(a\+\)\+c\|!: 0 articles match, 1 undecided \(\?\)"
check "the corpus search lists it, marked '?'" "^[^│]*│\?.{5}[0-9-]{10} a{20}"

finish
