#!/bin/sh
# Whole-screen tests of themes: their colours, the sidebar, ] and [, } and {, x, a bad
# pattern.
. "$(dirname "$0")/lib.sh"
# Themes on the screen: colours, the sidebar, ] and [, } and {, x.
start 100 30 TERM=tmux-256color -- "$tmp/sample"
wait_for "Articles" >/dev/null
keys j
check "the sidebar's themes: hits here, articles with a hit" "albu-kam(al)? +7 +5 │"
check "the list shows each article's hits" "The race for Albu Kamal .* 16 *$"
if capture -e | grep -q "$(printf '\033')\\[36mAlbu Kamal"; then
	ok "a theme's matches are drawn in its colour (cyan)"
else
	notok "a theme's matches are drawn in its colour (cyan)"
fi
if capture -e | grep -q "38;5;33mEuphrates"; then
	ok "a color33 theme is drawn in colour 33"
else
	notok "a color33 theme is drawn in colour 33"
fi
keys ']'
check "] goes to the first match and names its theme" "^ albu-kamal"
if capture -e | grep -q "$(printf '\033')\\[7mAlbu Kamal\\|$(printf '\033')\\[1m$(printf '\033')\\[7mAlbu Kamal\\|7mAlbu Kamal"; then
	ok "the match ] went to is shown in reverse"
else
	notok "the match ] went to is shown in reverse"
fi
keys ']' ']' ']' ']' ']' ']'
check "] moves on through the matches" "^ [a-z-]+( .*)?$"
keys '}'
check "} selects the next article with a match" "Articles +3/12"
keys G '{'
check "{ selects the previous article with a match" "Articles +11/12"
keys BTab j j j j j j
keys x
check "x turns a theme's highlighting off" "albu-kamal: highlighting off"
sleep 0.2
if capture -e | grep -q "$(printf '\033')\\[36mAlbu Kamal"; then
	notok "a theme turned off is not highlighted"
else
	ok "a theme turned off is not highlighted"
fi
keys x
check "x turns it on again" "albu-kamal: highlighting on"

printf '[theme bad]\npattern = "ok"\npattern.2 = "(?<x"\n' >"$tmp/bad.ini"
start 100 30 -- --config "$tmp/bad.ini" "$tmp/sample"
check "the screen opens with a bad pattern left out and says so" \
    "configuration problem: .*bad.ini:3:18: theme"

finish
