#!/bin/sh
# Queries PCRE2 cannot decide: a term that hits a match limit on an article is never
# "no match". list and stats finish with what was decided and name the rest, tag and
# export change nothing; every one exits 1. rubric check flags catastrophic patterns.
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config XDG_CACHE_HOME XDG_CONFIG_HOME
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-query.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache
XDG_CONFIG_HOME=$tmp/xdg
n=0

# expect DESCRIPTION STATUS STDOUT-PATTERN STDERR-PATTERN -- COMMAND...: an empty
# STDOUT-PATTERN of "-" asks for no output at all.
expect() {
	what=$1 want=$2 outpat=$3 errpat=$4
	shift 5
	n=$((n + 1))
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "not ok $n - $what: exit $got, wanted $want"
		sed 's/^/# /' "$tmp/err"
	elif [ "$outpat" = - ] && [ -s "$tmp/out" ]; then
		echo "not ok $n - $what: stdout is not empty"
		sed 's/^/# /' "$tmp/out"
	elif [ -n "$outpat" ] && [ "$outpat" != - ] && ! grep -q -e "$outpat" "$tmp/out"; then
		echo "not ok $n - $what: stdout lacks '$outpat'"
		sed 's/^/# /' "$tmp/out"
	elif [ -n "$errpat" ] && ! grep -q -e "$errpat" "$tmp/err"; then
		echo "not ok $n - $what: stderr lacks '$errpat'"
		sed 's/^/# /' "$tmp/err"
	else
		echo "ok $n - $what"
	fi
}

# 50 KB of a, then !: /(a+)+c|!/ backtracks past any limit before it finds the !.
c=$tmp/c
mkdir -p "$c"
{ head -c 50000 /dev/zero | tr '\0' a; echo '!'; } >"$c/aaa.txt"
printf 'Title: Plain\n\nNothing to see.\n' >"$c/plain.txt"
touch "$c/.rubric.ini"
re='/(a+)+c|!/'
said="^rubric: $c/aaa.txt: query: /(a+)+c|!/: PCRE2 match limit reached\$"

expect "list: an undecided article is named with the term, exit 1" 1 - "$said" -- \
    ./rubric list -q "$re" "$c"
expect "list: not of an undecided term is undecided too" 1 "^plain.txt	" "$said" -- \
    ./rubric list -q "not $re" "$c"
n=$((n + 1))
if grep -q '^aaa.txt' "$tmp/out"; then
	echo "not ok $n - list: not does not take the undecided article in"
else
	echo "ok $n - list: not does not take the undecided article in"
fi
expect "list: or with a yes decides (no message, exit 0)" 0 "^aaa.txt	" "" -- \
    ./rubric list -q "path:aaa.txt or $re" "$c"
expect "list: and with a no decides" 0 "^plain.txt	" "" -- \
    ./rubric list -q "(path:plain.txt and $re) or path:plain.txt" "$c"
expect "list: and with a yes stays undecided" 1 - "$said" -- \
    ./rubric list -q "path:aaa.txt and $re" "$c"
expect "list --format jsonl names it the same" 1 '"path":"plain.txt"' "$said" -- \
    ./rubric list --format jsonl -q "not $re" "$c"
expect "stats: counts what was decided and says how many were not" 1 \
    "^1 articles of 2 (1 the query could not decide)" "$said" -- \
    ./rubric stats -q "not $re" "$c"
expect "tag: nothing is tagged when an article is undecided" 1 - \
    "^rubric: tag: nothing was tagged: the query could not decide 1 article\$" -- \
    ./rubric tag -q "not $re" +slow -- "$c"
n=$((n + 1))
if grep -q "$said" "$tmp/err" && ! grep -q slow "$c/.rubric.ini"; then
	echo "ok $n - tag: the article is named, and the sidecar holds no tag"
else
	echo "not ok $n - tag: the article is named, and the sidecar holds no tag"
	sed 's/^/# /' "$tmp/err" "$c/.rubric.ini"
fi
expect "export: nothing is written when an article is undecided" 1 - \
    "^rubric: export: nothing was written: the query could not decide 1 article\$" -- \
    ./rubric export -f csv -q "not $re" "$c"
expect "export -o: the article is named and no file made" 1 - "$said" -- \
    ./rubric export -f jsonl -o "$tmp/out.jsonl" -q "$re" "$c"
n=$((n + 1))
if [ -e "$tmp/out.jsonl" ]; then
	echo "not ok $n - export -o made no file"
else
	echo "ok $n - export -o made no file"
fi
expect "a decided query still exits 0" 0 "^plain.txt	" "" -- \
    ./rubric list -q 'text:nothing' "$c"
expect "a title: term is undecided the same way" 1 - \
    "^rubric: $c/aaa.txt: query: title:/(a+)+c|!/: PCRE2 match limit reached\$" -- \
    ./rubric list -q 'title:/(a+)+c|!/' "$c"

# rubric check: catastrophic patterns in views' queries and in themes.
printf '[view slow]\nquery = "tag:x or /(a+)+c|!/"\n[view fine]\nquery = "/foo.*bar/ and \\"(a+)+c\\""\n' \
    >"$tmp/views.ini"
expect "check flags a view's catastrophic /RE/ with its file, line and term" 1 "1 problem" \
    "^rubric: $tmp/views.ini:2: warning: view slow: query: /(a+)+c|!/: catastrophic" -- \
    ./rubric check --config "$tmp/views.ini"
n=$((n + 1))
if grep -q 'view fine' "$tmp/err"; then
	echo "not ok $n - check leaves a sane /RE/ and a phrase alone"
else
	echo "ok $n - check leaves a sane /RE/ and a phrase alone"
fi
printf '[theme slow]\npattern = "ok"\npattern.2 = "(x+x+)+y"\n' >"$tmp/theme.ini"
expect "check flags a theme's catastrophic pattern" 1 "" \
    "^rubric: $tmp/theme.ini:3: warning: theme slow: pattern.2: catastrophic" -- \
    ./rubric check --config "$tmp/theme.ini"
printf '[view two]\nquery = "title:/(?:a|a)+b/ or note:/(\\w+\\s?)+$/"\n' >"$tmp/two.ini"
expect "check names every catastrophic term of a view, not only the first" 1 "2 problems" \
    "view two: query: note:/.*: catastrophic" -- \
    ./rubric check --config "$tmp/two.ini"
expect "check passes the shipped configuration still" 0 ", 0 problems" "" -- ./rubric check
