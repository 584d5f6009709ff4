#!/bin/sh
# Terminal safety end to end: every hostile article shown on the screen and through
# rubric show, captured from a pty, holds no control sequence that terminfo's entry
# for the terminal does not have (tests/termcheck.py) — no OSC title, clipboard,
# link or font, no DCS, no C1 or bidi control, whatever the article holds.
set -u
cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8 RUBRIC_DATADIR=config ESCDELAY=25
unset NO_COLOR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-termsafe.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/err"; }
check() { if eval "$2" 2>"$tmp/err"; then ok "$1"; else notok "$1"; fi; }

sh tests/mkhostile.sh "$tmp/h" >/dev/null 2>&1
count=$(./rubric list "$tmp/h" | wc -l)
# For each article: open it, two pages down, the end, the start, back, the next;
# then the keywords in context, the help, and a search for an escape.
keys=""
i=0
while [ $i -lt "$count" ]; do
	keys="${keys}enter,space,space,G,g,q,j,"
	i=$((i + 1))
done
keys="${keys}K,q,?,q,tab,tab,/,O,S,C,enter,n,q"
for term in xterm-256color screen-256color tmux-256color xterm vt100 linux; do
	rm -f "$tmp/raw"
	TERM=$term tests/bin/ptybytes -x 100 -y 30 -q 100 -o "$tmp/raw" -k "$keys" -- \
	    ./rubric "$tmp/h" >/dev/null 2>"$tmp/err"
	check "the $count hostile articles on a $term screen: only terminfo's sequences" \
	    "python3 tests/termcheck.py $term '$tmp/raw' >'$tmp/out'"
done
TERM=xterm-256color NO_COLOR=1 tests/bin/ptybytes -x 80 -y 24 -q 100 -o "$tmp/raw-nc" \
    -k "$keys" -- ./rubric "$tmp/h" >/dev/null 2>"$tmp/err"
check "and with NO_COLOR" "python3 tests/termcheck.py xterm-256color '$tmp/raw-nc' >/dev/null"

# rubric show, in colour and without, for every article: what less -R would get.
: >"$tmp/show"
for f in $(cd "$tmp/h" && find . -type f -name '*.txt' ! -name big.txt | sort); do
	./rubric show --color=always "$tmp/h/$f" >>"$tmp/show" 2>/dev/null
	./rubric show --color=never "$tmp/h/$f" >>"$tmp/show" 2>/dev/null
done
check "rubric show of every hostile article: only terminfo's sequences" \
    "python3 tests/termcheck.py xterm-256color '$tmp/show' >/dev/null"

# The checker itself: each payload, written raw, is caught.
for p in 'OSC 0 title:\033]0;x\007' 'OSC 52:\033]52;c;eA==\033\\' 'OSC 8:\033]8;;http://x/\033\\' \
    'DCS:\033P+q\033\\' 'unterminated OSC:\033]2;x' '8-bit CSI:\233' 'C1 in UTF-8:\302\233' \
    'bidi RLO:\342\200\256'; do
	printf "${p#*:}" >"$tmp/neg"
	check "the check catches ${p%%:*} written raw" \
	    "! python3 tests/termcheck.py xterm-256color '$tmp/neg' >/dev/null 2>&1"
done
echo "1..$n"
