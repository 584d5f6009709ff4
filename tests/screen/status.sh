#!/bin/sh
# Whole-screen tests of the status line, the message history (H), the sidebar's theme
# counts and themes without colour, at 80x24 and 120x40: short counters for a corpus
# with binary and unreadable files, a long message over them whole, the earlier
# messages most recent first, and three themes in three attribute sets under NO_COLOR.
. "$(dirname "$0")/lib.sh"
# The sample, with two binary files (one past the size limit, sparse) and one that
# cannot be read (a link to nothing; mode 000 would not stop root).
printf 'a\000b\000binary' > "$tmp/sample/bin.txt"
truncate -s 70M "$tmp/sample/big.txt"
ln -s nowhere "$tmp/sample/dangling.txt"
esc=$(printf '\033')
for size in "80 24" "120 40"; do
	set -- $size
	start "$1" "$2" -- "$tmp/sample"
	wait_for "Articles" >/dev/null
	check "$1x$2: the status line counts the unreadable and binary files, short" \
	    "^ sample +1/13 +!1 +2 bin +\\? help *$"
	check_not "$1x$2: no long counters" "binary skipped|unreadable"
	# The sidebar's themes: hits here and articles, under their words.
	check "$1x$2: the themes' heading names the two columns" "^ Themes +here +arts │"
	keys j
	# From 100 columns on the sidebar has room for the whole name.
	check "$1x$2: albu-kamal: 7 hits here, in 5 articles" "^  albu-kam(al)? +7 +5 │"
	# A message longer than what is left beside the counters is read whole.
	keys / '(' Enter
	check "$1x$2: an error takes the whole line" \
	    "^ /\\(: missing closing parenthesis at offset 1 *$"
	keys j
	check "$1x$2: the counters come back at the next key" "^ sample +3/13 +!1 +2 bin"
	keys o
	check "$1x$2: a message that fits is shown" "^ sorted by title *$"
	keys H
	check "$1x$2: H shows the messages" "Messages, most recent first"
	if capture | grep -n -E "sorted by title|missing closing" | head -2 |
	    tr '\n' ' ' | grep -q "sorted by title.*missing closing"; then
		ok "$1x$2: most recent first"
	else
		notok "$1x$2: most recent first"
	fi
	check "$1x$2: an error is marked !" "^ +! /\\(: missing closing"
	keys q
	check "$1x$2: q leaves the messages" "Articles"
	# Found by the help's /: the queries' lines (dup and copy too) end the help
	# below a page.
	keys '?' / 'the last 50' Enter
	check "$1x$2: the help lists H" "H +show the last 50 messages"
	check_not "$1x$2: and the keys again, not the messages" "missing closing"
	keys q
	# Back to the order by path for the next session, which keeps it.
	keys o o o o
	check "$1x$2: sorted by path again" "sorted by path"
	if [ "$1" = 80 ]; then
		if [ "$(capture | wc -L)" -le 80 ]; then
			ok "80x24: no row is wider than the terminal"
		else
			notok "80x24: no row is wider than the terminal"
		fi
	fi
done

# A start whose scan comes whole from the cache the sessions above left: the first
# article's hits are there at once, without a key to move (they showed "·" until a
# key, as no scan progress redrew the sidebar after the body was first loaded).
start 80 24 -- "$tmp/sample"
wait_for "Articles" >/dev/null
check "a warm start: the first article's hits here before any key" "^  deir-ez- +3 +10 │"

# A corpus whose folder name is long gives way to the counters and the limit, cut
# with an ellipsis (the limit was cut off the line).
long="$tmp/a-corpus-whose-folder-has-a-name-long-enough-to-push-the-counters-out"
cp -r tests/sample "$long"
start 80 24 -- "$long"
wait_for "Articles" >/dev/null
keys l 'theme:isis' Enter j
check "80x24: a long corpus name is cut for the limit" \
    "^ a-corpus-whose-folder-has-a-name-lon[^ ]*…  2/[0-9]+  limit: theme:isis *\$"

# Without colour each theme's matches have attributes of their own.
start 120 40 NO_COLOR=1 -- "$tmp/sample"
wait_for "Articles" >/dev/null
keys j
wait_for "Albu Kamal had become" >/dev/null
sleep 0.3
# In the body of "The race for Albu Kamal": four themes' matches, four attribute sets.
for m in "4mAlbu Kamal" "7mISIS" "1;4mSDF" "3;4mEuphrates"; do
	if capture -e | grep -q -F "${esc}[$m"; then
		ok "NO_COLOR: a theme's match drawn as ${m%%m*}: ${m#*m}"
	else
		notok "NO_COLOR: a theme's match drawn as ${m%%m*}: ${m#*m}"
	fi
done
# The sidebar draws each theme's name in its attributes, to map them.
if capture -e | grep -q -F "${esc}[1mdeir-ez-" && capture -e | grep -q -F "${esc}[4malbu-kam" &&
    capture -e | grep -q -F "${esc}[7misis"; then
	ok "NO_COLOR: the sidebar shows each theme in its attributes"
else
	notok "NO_COLOR: the sidebar shows each theme in its attributes"
fi
# Thirteen themes, thirteen attribute sets: the sidebar's names tell them apart.
mkdir -p "$tmp/many"
: >"$tmp/many.ini"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
	printf 'word%s\n' "$i" >>"$tmp/many/a.txt"
	printf '[theme t%02d]\npattern = word%s\n' "$i" "$i" >>"$tmp/many.ini"
done
start 120 50 NO_COLOR=1 -- --config "$tmp/many.ini" "$tmp/many"
wait_for "t13" >/dev/null
n=$(capture -e | grep -o -E "${esc}\\[[0-9;]*mt[0-9][0-9]" | sed 's/t[0-9]*$//' | sort -u |
    wc -l)
if [ "$n" = 13 ]; then
	ok "NO_COLOR: thirteen themes in thirteen attribute sets"
else
	notok "NO_COLOR: thirteen themes in thirteen attribute sets (got $n)"
fi
finish
