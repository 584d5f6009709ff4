#!/bin/sh
# Themes with fold = yes from the shell: the articles they find, their hits given
# where they are in the text (export's snippets, show's colours), a bad value named
# with its line, and rubric diff saying what turning fold on gains.
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config XDG_CACHE_HOME XDG_CONFIG_HOME XDG_STATE_HOME HOME
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-fold.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache XDG_CONFIG_HOME=$tmp/xdg XDG_STATE_HOME=$tmp/state HOME=$tmp
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; fi; }

c=$tmp/c
mkdir -p "$c"
printf 'Title: macron\n\nFighting in Dayr al-Z\305\253r today.\n' >"$c/a.txt"
printf 'Title: dash\n\nDAYR AL\342\200\224ZUR, and al-Qa\342\200\231ida.\n' >"$c/b.txt"
printf 'Title: mark\n\nDayr al-Zu\314\204r and \312\277Ayn al-\312\277Arab.\n' >"$c/c.txt"
printf 'Title: ascii\n\nDayr al-Zur; Deir Hafer is another town.\n' >"$c/d.txt"
printf 'Title: none\n\nNothing here.\n' >"$c/e.txt"
cat >"$tmp/plain.ini" <<'INI'
[theme dayr]
pattern = "dayr al-zur"
[theme ayn]
pattern = "ayn al-arab"
INI
sed 's/^pattern = .*/&\nfold = yes/' "$tmp/plain.ini" >"$tmp/fold.ini"

./rubric list -q 'theme:dayr' --config "$tmp/fold.ini" "$c" 2>"$tmp/err" | cut -f1 \
    >"$tmp/out"
check "a folded theme finds every spelling, marks, dashes and case aside" \
    "[ \"\$(tr '\n' ' ' <'$tmp/out')\" = 'a.txt b.txt c.txt d.txt ' ]"
./rubric list -q 'theme:dayr' --config "$tmp/plain.ini" "$c" 2>"$tmp/err" | cut -f1 \
    >"$tmp/out"
check "without fold, only the spelling as written" \
    "[ \"\$(tr '\n' ' ' <'$tmp/out')\" = 'd.txt ' ]"
./rubric list -q 'theme:ayn' --config "$tmp/fold.ini" "$c" 2>"$tmp/err" | cut -f1 \
    >"$tmp/out"
check "the modifier letters of transliteration are not seen" \
    "[ \"\$(cat '$tmp/out')\" = c.txt ]"

# Hits where they are in the text: export's snippets quote the text as written, at
# its byte offsets.
./rubric export -f jsonl --config "$tmp/fold.ini" "$c" >"$tmp/x.jsonl" 2>"$tmp/err"
check "export's snippets quote the text as written, at its offsets" \
    "python3 - '$tmp/x.jsonl' '$c' <<'PY'
import json, sys
want = {'a.txt': 'Dayr al-Z\u016br', 'b.txt': 'DAYR AL\u2014ZUR',
        'c.txt': 'Dayr al-Zu\u0304r', 'd.txt': 'Dayr al-Zur'}
got = {}
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    for s in r['snippets']:
        if s['theme'] != 'dayr':
            continue
        raw = open(sys.argv[2] + '/' + r['path'], 'rb').read()
        m = s['match'].encode()
        assert raw[s['offset']:s['offset'] + len(m)] == m, (r['path'], s)
        got[r['path']] = s['match']
assert got == want, got
PY"
./rubric show --color=always --config "$tmp/fold.ini" "$c/c.txt" >"$tmp/out" 2>"$tmp/err"
check "show colours the span as written, the mark on its letter included" \
    "grep -q \"\$(printf '\\033')\\[[0-9;]*mDayr al-Zu\$(printf '\\314\\204')r\$(printf '\\033')\" \
'$tmp/out'"

# A bad value: said with its file and line, as every key.
printf '[theme x]\npattern = y\nfold = sometimes\n' >"$tmp/bad.ini"
./rubric check --config "$tmp/bad.ini" >"$tmp/out" 2>&1
rc=$?
check "fold = sometimes is an error with its file and line" \
    "[ $rc = 1 ] && grep -q 'bad.ini:3: theme x: fold: .sometimes. is not yes or no' \
'$tmp/out'"

# What turning fold on would gain, before it is turned on.
./rubric diff "$tmp/plain.ini" "$tmp/fold.ini" "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "rubric diff names the articles fold = yes gains" \
    "[ $rc = 1 ] && grep -q '^dayr: articles 1 -> 4 (+3 -0)' '$tmp/out' && \
[ \$(grep -c '^	+	' '$tmp/out') = 4 ]"

echo "1..$n"
