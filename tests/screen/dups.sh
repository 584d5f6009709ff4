#!/bin/sh
# Whole-screen tests of near-duplicates: a story's copies folded at its first's row
# ("+N copies"), z and Z, the sidebar's Duplicates item and its list, the offer to
# mark a story's copies read and to tag a folded story's copies, U undoing each, at
# 80x24 with colours and with NO_COLOR.
. "$(dirname "$0")/lib.sh"

# Story A three times (its first c/a1, dated first; a3 with its last paragraph
# trimmed), story B twice, two lone stories: in path order a2 lone1 a1 b1 a3 b2 lone2.
a='The provincial council in Raqqa approved a new bridge over the Euphrates on
Monday, after three years of delays that traders blamed on unpaid contractors.

Officials said the bridge would open to lorries within ninety days, and that
tolls would fund the repair of the old ferry landing near Mansoura.

Residents of the eastern district said they had heard such promises before, and
that the ferry still carried most of the grain to the market.
'
a_end='
A report by the water ministry found that a third of the money set aside for the
crossing in 2019 was never spent.
'
b='Teachers in Mosul went on strike for a second week on Sunday, closing forty
schools in the old city and leaving parents to find lessons elsewhere.

The union says salaries have not been paid since the spring, and that the
education directorate moved the money to rebuild a stadium instead.
'
c=$tmp/news
mkdir -p "$c/a" "$c/b" "$c/c" "$c/d" "$c/e" "$c/f" "$c/g"
put() { printf 'Title: %s\nDate: %s\n\n%s%s' "$2" "$3" "$4" "${5:-}" >"$c/$1"; }
put a/a2.txt "Bridge approved, Tigris Daily" 2021-01-02 "$a" "$a_end"
put b/lone1.txt "Fuel convoy reaches Hasakah" 2021-01-05 'A convoy of fuel tankers
reached Hasakah late on Thursday after the border authority reopened the crossing
that had been shut since the floods in March, drivers and customs officers said.
'
put c/a1.txt "Raqqa council approves bridge" 2021-01-01 "$a" "$a_end"
put d/b1.txt "Mosul teachers strike again" 2021-02-01 "$b"
put e/a3.txt "New bridge for Raqqa" 2021-01-03 "$a"
put f/b2.txt "Strike closes forty schools" 2021-02-02 "$b"
put g/lone2.txt "Grain price cut in Kirkuk" 2021-03-01 'The grain board in Kirkuk cut
the price it pays farmers for wheat by a fifth this season, blaming a glut of
imports and a warehouse fire that destroyed much of last year'"'"'s reserve.
'
side=$c/.rubric.ini
# section NAME: the sidecar's section of article NAME, up to the next.
section() { sed -n "/^\[article \"$(echo "$1" | sed 's|/|\\/|g')\"\]/,/^\[/p" "$side" 2>/dev/null; }

start 80 24 TERM=tmux-256color -- "$c"
check "a story's copies fold at its first's row" \
    "│ +N +2021-01 Raqqa council approves bridg.? +\\+2 copies"
check "a story of two shows +1 copy" "Mosul teachers strike again +\\+1 copy"
# a2, selected first, folded into a1: a1's row is selected.
check "the copies are not rows: 4 rows of 7 articles, the copy's first selected" \
    "Articles +2/4"
check_not "a copy has no row of its own while folded" "Bridge approved, Tigris"
check "the sidebar counts the clusters" "Duplicates +2 │"
keys z
check "z expands: the copies under the first, with their similarity" \
    "2021-01 +~100% Bridge approved, Tigris Daily"
check "the next copy, trimmed, follows with its own" "2021-01 +~[0-9]+% New bridge for Raqqa"
check "expanded, the first says how many" "approves bridg.? +2 copies:"
check "expanded: 6 rows, the first still selected" "Articles +2/6"
keys j z
check "z on a copy folds its story and selects the first" "Articles +2/4"
keys Z
check "Z expands every story" "Articles +2/7"
keys Z
check "Z again folds them all" "Articles +2/4"

# The sidebar's item lists only the stories that have copies.
keys BTab j Enter
check "Duplicates lists the articles that have copies, folded" "Articles +1/2"
check_not "a lone story is not in it" "Fuel convoy"
keys BTab k Enter
check "All again: the story's row stays selected" "Articles +2/4"

# Reading a story offers its copies; y marks them read, in one change U undoes.
keys Enter
check "reading a story asks about its unread copies" \
    "2 copies of this story unread: mark them read\\? \\(y/n\\)"
keys y
check "y marks them read" "2 copies marked read"
if eventually 'section a/a2.txt | grep -q "read = yes" &&
    section e/a3.txt | grep -q "read = yes"'; then
	ok "the copies are read in the sidecar"
else
	notok "the copies are read in the sidecar"
fi
keys U
if eventually '! section a/a2.txt | grep -q "read = yes" &&
    ! section e/a3.txt | grep -q "read = yes" &&
    section c/a1.txt | grep -q "read = yes"'; then
	ok "U undoes the copies' read flags, the story read stays"
else
	notok "U undoes the copies' read flags, the story read stays"
fi
keys q

# A folded story's row tagged: asked whether its copies too.
keys j t Wire Enter
check "t on a folded story asks about its copies" \
    "tag the 1 copy of this story Wire too\\? \\(y/n\\)"
keys y
check "y tags the story and its copy" "tagged Wire 2 articles"
if eventually 'section d/b1.txt | grep -q "tag \"Wire\"" &&
    section f/b2.txt | grep -q "tag \"Wire\""'; then
	ok "every copy is tagged in the sidecar"
else
	notok "every copy is tagged in the sidecar"
fi
keys U
if eventually '! grep -q "tag \"Wire\"" "$side"'; then
	ok "U takes the tag off the story and its copy at once"
else
	notok "U takes the tag off the story and its copy at once"
fi
keys t Local Enter n
check "n tags the row's article alone" "tagged Local 1 article"
if eventually 'section d/b1.txt | grep -q "tag \"Local\"" &&
    ! section f/b2.txt | grep -q "tag \"Local\""'; then
	ok "the copy stays untagged"
else
	notok "the copy stays untagged"
fi

# NO_COLOR: the same rows, and the counts readable.
start 80 24 TERM=tmux-256color NO_COLOR=1 -- "$c"
check "NO_COLOR: the story folded with its count" \
    "Raqqa council approves bridg.? +\\+2 copies"
keys g j z
check "NO_COLOR: its copies with their similarity" "~100% Bridge approved"
if capture -e | grep -q "$(printf '\033')\\[[0-9;]*3[0-7]m"; then
	notok "NO_COLOR: no colour on the screen"
else
	ok "NO_COLOR: no colour on the screen"
fi

# A copy rewritten as another story since the last start: counted again behind the
# first screen, and the clusters made again without it.
stop
sleep 1
put e/a3.txt "Ferry fares rise" 2021-01-03 'Ferry fares across the Euphrates at
Mansoura rose by half on Monday, the third rise this year, as the operators blamed
the price of diesel and the silt that keeps the boats from the eastern landing.
'
start 80 24 TERM=tmux-256color -- "$c"
check "a copy changed into another story leaves its cluster" \
    "Raqqa council approves bridg.? +\\+1 copy"
check "and is a row of its own" "Ferry fares rise"
keys g z
check "z on a story without copies says so" "no copies of this article"

# group_duplicates = no: every copy its own row, and z says why it does nothing.
mkdir -p "$tmp/xdg/rubric"
printf '[rubric]\ngroup_duplicates = no\n' >"$tmp/xdg/rubric/config.ini"
start 80 24 TERM=tmux-256color -- "$c"
check "group_duplicates = no: every article a row" "Articles +1/7"
check "the sidebar still counts the clusters" "Duplicates +2 │"
keys z
check "z says copies are not grouped" "copies are not grouped"
rm -f "$tmp/xdg/rubric/config.ini"
printf '[rubric]\ngroup_duplicates = maybe\n' >"$tmp/bad.ini"
if HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/cache \
    RUBRIC_DATADIR=$top/config "$top/rubric" check --config "$tmp/bad.ini" 2>&1 |
    grep -q "bad.ini:2: group_duplicates: 'maybe' is not yes or no"; then
	ok "group_duplicates takes yes or no, and says where it was given another"
else
	notok "group_duplicates takes yes or no, and says where it was given another"
fi
finish
