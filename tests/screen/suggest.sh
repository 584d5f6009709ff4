#!/bin/sh
# Whole-screen tests of the spellings a theme misses, in keywords in context: S lists
# them (as rubric suggest does), + puts the selected one into the theme in the user's
# own configuration file, and the screen reloads: the new spelling is a match in K,
# and is highlighted in its article.
. "$(dirname "$0")/lib.sh"
start 110 30 -- "$tmp/sample"
wait_for "Articles" >/dev/null
# The first article's theme with most hits: deir-ez-zor.
keys K
check "K on deir-ez-zor" "deir-ez-zor — Deir ez-Zor, every spelling: 24 matches"
keys S
check "S lists the spellings it misses, with counts and the line" \
    "^ +1 +1 +Dayr az-Zawr +.*scholarly texts prefer Dayr az-Zawr"
check "the header says what + and S do" "[+] adds the one selected to it in your configuration"
# The same as the command says, from the shell.
XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache2" RUBRIC_DATADIR="$top/config" \
    LC_ALL=C.UTF-8 ./rubric suggest -f jsonl deir-ez-zor "$tmp/sample" >"$tmp/sugg" \
    2>/dev/null
if grep -q '"spelling":"Dayr az-Zawr"' "$tmp/sugg" && [ "$(wc -l <"$tmp/sugg")" -eq 1 ]; then
	ok "rubric suggest lists the same one spelling"
else
	notok "rubric suggest lists the same one spelling"
fi
keys +
check "+ adds it and reloads: the summary names the theme" \
    "reloaded: deir-ez-zor ~1 article; D shows them"
if grep -qx 'pattern.dayr-az-zawr = "\\bdayr\\s+az-zawr\\b"' "$tmp/xdg/rubric/config.ini"; then
	ok "the pattern is in the user's own configuration file"
else
	notok "the pattern is in the user's own configuration file"
	sed 's/^/# /' "$tmp/xdg/rubric/config.ini" 2>/dev/null
fi
if git -C "$top" diff --quiet -- tests/sample/.rubric-themes.ini config/config.ini &&
    cmp -s "$top/tests/sample/.rubric-themes.ini" "$tmp/sample/.rubric-themes.ini"; then
	ok "the corpus's themes file and the shipped one are untouched"
else
	notok "the corpus's themes file and the shipped one are untouched"
fi
keys K
check "K now counts it among the matches" "25 matches in 10 articles"
check "K names the new pattern" "pattern.dayr-az-zawr 1"
# The article that has it, read: the spelling in the theme's colour, as the spelling
# beside it that the theme matched before is.
keys q
keys / 'maps of the Euphrates' Enter
keys Enter
check "the article is open" "scholarly texts prefer Dayr az-Zawr"
row=$(capture -e | grep "scholarly texts prefer")
before=$(capture -e | sed -n 's/.*\(\x1b\[[0-9;]*m\)Deir Ezzor.*/\1/p' | head -n 1)
after=$(printf '%s' "$row" | sed -n 's/.*\(\x1b\[[0-9;]*m\)Dayr az-Zawr.*/\1/p')
if [ -n "$after" ] && [ "$after" = "$before" ]; then
	ok "the new spelling is highlighted in its article, as the theme's others"
else
	notok "the new spelling is highlighted in its article ('$before' '$after')"
fi
finish
