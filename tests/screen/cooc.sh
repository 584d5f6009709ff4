#!/bin/sh
# Whole-screen tests of C, the table of codes by codes and themes: its cells against a
# count made by hand (passages coded with rubric passage add), the cursor moving over
# them, Enter listing exactly a cell's passages and going to one, q back to the table
# and back again, a table wider than the screen scrolled across, hostile code names
# drawn as markers, and NO_COLOR.
. "$(dirname "$0")/lib.sh"
c="$tmp/c"
mkdir -p "$c" "$tmp/home"
esc=$(printf '\033')
rlo=$(printf '\342\200\256')
# d.txt: P1 'alpha beta' {x,y}, P2 'beta gamma' {y} (sharing 'beta' with P1), P3
# 'theta' {z}; e.txt: P4 'alpha' {x}, P5 'theta' {z}, P6 'two' {rtl<U+202E>cba, and
# a name with ESC written by hand, which rubric does not read}, P7 'one' {y}, an
# orphan once the file says 'uno'. Themes g ('gamma', d.txt only, inside P2) and a
# ('alpha', both, inside P1 and P4).
printf 'D\n\nalpha beta gamma delta theta\n' >"$c/d.txt"
printf 'E\n\nalpha one two theta\n' >"$c/e.txt"
printf '[theme g]\npattern = "gamma"\n[theme a]\npattern = "alpha"\n' \
    >"$c/.rubric-themes.ini"
(cd "$c" && export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg" \
    XDG_CACHE_HOME="$tmp/cache" RUBRIC_DATADIR="$top/config" LC_ALL=C.UTF-8 &&
    "$top/rubric" passage add d.txt 'alpha beta' +x +y &&
    "$top/rubric" passage add d.txt 'beta gamma' +y &&
    "$top/rubric" passage add d.txt theta +z &&
    "$top/rubric" passage add e.txt alpha +x &&
    "$top/rubric" passage add e.txt theta +z &&
    "$top/rubric" passage add e.txt two "+rtl${rlo}cba" +escname &&
    "$top/rubric" passage add e.txt one +y) 2>/dev/null ||
    echo "# rubric passage add failed"
sed 's/escname/e\\x1b[31mred/' "$c/.rubric.ini" >"$tmp/side" && mv "$tmp/side" "$c/.rubric.ini"
printf 'E\n\nalpha uno two theta\n' >"$c/e.txt"

start 100 30 TERM=tmux-256color -- "$c"
wait_for "Articles" >/dev/null
keys C
check "C opens the table over the articles listed" \
    "Codes by codes and themes: 2 articles listed +1/4"
check "a line says what a cell holds" "each cell: passages/articles; the diagonal"
# Rows by the codes' bytes: rtl<U+202E>cba, x, y, z; columns the same, a bar, g, a.
check "the columns: the codes, then a bar and the themes" \
    "^ +rtl +x +y +z +\\|g +a *$"
check "row rtl<U+202E>cba: its passage, the others in its article, a by e.txt" \
    "^ rtl<U\\+202E>cba +1/1 +0/1 +0/1 +0/1\\| +\\. +0/1 *$"
check "row x: x and y in two articles, two pairs of passages sharing a byte" \
    "^ x +0/1 +2/2 +2/2 +0/2\\| +0/1 +2/2 *$"
check "row y: three passages (an orphan) in two articles; g's hit inside P2" \
    "^ y +0/1 +2/2 +3/2 +0/2\\| +1/1 +1/2 *$"
check "row z: no passage meets another" \
    "^ z +0/1 +0/2 +0/2 +2/2\\| +0/1 +0/2 *$"
check "the cell selected, named in full" \
    "rtl<U\\+202E>cba by rtl<U\\+202E>cba: 1 passages, 1 articles"
# Safe names: U+202E as a marker, never the byte; the ESC name never read.
if capture -e | grep -q -F -e "$rlo"; then
	notok "U+202E never reaches the terminal"
else
	ok "U+202E never reaches the terminal"
fi
if capture -e | grep -q -F -e "[31mred"; then
	notok "a code name holding ESC is not drawn"
else
	ok "a code name holding ESC is not drawn"
fi

keys j l
check "j and l move the cursor" "x by x: 2 passages, 2 articles"
keys Down Right Right Right
check "Down and Right do too, across the bar" "y by theme g: 1 passages, 1 articles"
if capture -e | grep -q -E "$esc\\[([0-9]+;)*7(;[0-9]+)*m +1/1"; then
	ok "the cell selected is reversed"
else
	notok "the cell selected is reversed"
	capture -e | sed 's/^/# /'
fi
keys Enter
check "Enter lists the cell's passages, titled by the cell" \
    "Passages coded y holding a hit of g +1/1"
check "the passage of y that holds gamma" 'd\.txt  \[y\]  "beta gamma"'
check_not "and no other" 'alpha beta'
keys Enter
check "Enter goes to the passage" "passage 1 of 1 \\(q goes back to the list\\)"
keys q
check "q goes back to the list" "Passages coded y holding a hit of g"
keys q
check "q again: the table, at the same cell" "y by theme g: 1 passages, 1 articles"
keys k h h
check "k and h move back" "x by y: 2 passages, 2 articles"
keys Enter
check "x by y lists the two passages of the overlapping pairs" \
    "Passages where x meets y +1/2"
check "P1" 'd\.txt  \[x y\]  "alpha beta"'
check "P2" 'd\.txt  \[y\]  "beta gamma"'
check_not "and not e.txt's, whose y is an orphan" 'e\.txt'
keys q
keys Left Left
check "Left moves back a column" "x by rtl<U\\+202E>cba: 0 passages, 1 articles"
keys Enter
check "a cell of articles only lists nothing, and says so" \
    "no passage in this cell: they meet in articles only"
keys G
check "G: the last row" "z by rtl<U\\+202E>cba"
keys g
check "g: the first row" "rtl<U\\+202E>cba by rtl<U\\+202E>cba"
keys q
check "q: back to where C was pressed" "Articles"
keys '?' / 'themes .C.' Enter
check "the help has C's section" "Codes by codes and themes \\(C\\)"
check "and its keys" "h Left +move left a column"
keys q Q

# Narrower than the table: it scrolls across as the cursor goes, without colours.
start 40 20 TERM=tmux-256color NO_COLOR=1 -- "$c"
wait_for "Articles" >/dev/null
keys C
check "on 40 columns, the first columns" "^ +rtl +x +y *$"
check_not "the themes are off the screen" "\\|g"
keys l l l l l
check "l to the last column scrolls the table across" "^ +z +\\|g +a *$"
check "the cell is the last one's" "by theme a: 0 passages"
sleep 0.3
if capture -e | grep -q -E "$esc\\[([0-9]+;)*(3[0-7]|38;5;[0-9]+|9[0-7])(;[0-9]+)*m"; then
	notok "NO_COLOR: no colour is drawn"
	capture -e | grep -E "$esc\\[([0-9]+;)*3[0-9]" | sed 's/^/# /' | head -5
else
	ok "NO_COLOR: no colour is drawn"
fi
if capture -e | grep -q -E "$esc\\[([0-9]+;)*7(;[0-9]+)*m +0/1"; then
	ok "NO_COLOR: the cell selected is reversed"
else
	notok "NO_COLOR: the cell selected is reversed"
	capture -e | sed 's/^/# /'
fi
keys q
check "q leaves the table" "Articles"
keys Q
finish
