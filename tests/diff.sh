#!/bin/sh
# rubric diff: what a change of themes gains and loses, checked against two scans of
# the corpus made apart (rubric export --config OLD, then NEW; tests/diffcheck.py),
# with automatic tags a person decided on, a query, themes added and gone, exit
# statuses as diff(1)'s, and hostile theme names kept off the terminal.
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config XDG_CACHE_HOME XDG_CONFIG_HOME XDG_STATE_HOME HOME
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-diff.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache XDG_CONFIG_HOME=$tmp/xdg XDG_STATE_HOME=$tmp/state HOME=$tmp
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; fi; }

# Eighty articles, each with some spellings of two names and a few words around.
c=$tmp/c
mkdir -p "$c/sub"
python3 - "$c" <<'PY'
import random, sys
random.seed(16)
spell = ["Deir ez-Zor", "Deir Ezzor", "Deir el-Zour", "Deir Hafer", "deir ez-zor",
         "ISIS", "Daesh", "Islamic State", "IS", "Raqqa", "SDF", "the convoy"]
for i in range(80):
    words = [random.choice(spell) for _ in range(random.randint(0, 9))]
    d = "sub/" if i % 3 == 0 else ""
    with open(f"{sys.argv[1]}/{d}a{i:02d}.txt", "w") as f:
        f.write(f"Title: dispatch {i}\n\n" + ". ".join(words) + ".\n")
PY
cat >"$tmp/old.ini" <<'INI'
[theme deir]
pattern = "deir ez-?zor"
autotag = 2
[theme isis]
pattern = "\bisis\b"
autotag = 1
[theme raqqa]
pattern = "raqqa"
INI
cat >"$tmp/new.ini" <<'INI'
; Every spelling, and Daesh.
[theme deir]
pattern = "deir[- ](?:ez|el)[- ]?zou?r"
autotag = 2
[theme isis]
pattern = "\bisis\b|daesh|islamic state"
autotag = 2
[theme sdf]
pattern = "\bsdf\b"
autotag = 1
INI
# A person's tags decide a theme's tag either way: one kept, one rejected.
./rubric tag +deir -- "$c/a01.txt" >/dev/null 2>&1
./rubric tag +isis -- "$c/a02.txt" >/dev/null 2>&1
./rubric tag -isis -- "$c/a02.txt" >/dev/null 2>&1
printf '[article "a04.txt"]\ntag "isis" = rejected\n' >>"$c/.rubric.ini"

./rubric export -f jsonl --config "$tmp/old.ini" "$c" >"$tmp/old.jsonl" 2>"$tmp/err"
./rubric export -f jsonl --config "$tmp/new.ini" "$c" >"$tmp/new.jsonl" 2>>"$tmp/err"
./rubric diff -f jsonl "$tmp/old.ini" "$tmp/new.ini" "$c" >"$tmp/diff.jsonl" 2>>"$tmp/err"
rc=$?
check "diff exits 1 when something differs" "[ $rc = 1 ]"
check "every theme's articles, hits and automatic tags are those of two exports" \
    "python3 tests/diffcheck.py '$tmp/old.jsonl' '$tmp/new.jsonl' '$tmp/diff.jsonl' \
>'$tmp/err'"
check "the oracle saw articles gained, lost and tags changed" \
    "grep -q '\"gained\":[1-9]' '$tmp/diff.jsonl' && grep -q '\"tag_new\":true' \
'$tmp/diff.jsonl' && grep -q '\"in\":\"old\"' '$tmp/diff.jsonl' && \
grep -q '\"in\":\"new\"' '$tmp/diff.jsonl'"
check "no article that a person tagged or rejected gains or loses the tag" \
    "! grep -E '\"path\":\"a0[124].txt\".*\"tag_(old|new)\":true' '$tmp/diff.jsonl' | \
grep -q '\"theme\":\"isis\"'"

# The same files: nothing differs, exit 0.
./rubric diff "$tmp/new.ini" "$tmp/new.ini" "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "the same themes exit 0 and say each is the same" \
    "[ $rc = 0 ] && [ \$(grep -c ': the same, ' '$tmp/out') = 3 ]"
# A theme reworded to match the same: changed, no article differs.
sed 's/deir\[- \]/deir[ -]/' "$tmp/new.ini" >"$tmp/new2.ini"
./rubric diff "$tmp/new.ini" "$tmp/new2.ini" "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a theme written otherwise with the same hits: changed, no article differs" \
    "[ $rc = 0 ] && grep -qx 'deir: changed, no article differs, [0-9]* articles with a hit' \
'$tmp/out'"

# The text: a line per theme, then its articles.
./rubric diff "$tmp/old.ini" "$tmp/new.ini" "$c" >"$tmp/out" 2>"$tmp/err"
check "text: a summary line per theme, added and gone named by their file" \
    "grep -q '^deir: articles [0-9]* -> [0-9]* (+[0-9]* -[0-9]*), hits +' '$tmp/out' && \
grep -q '^sdf (only in $tmp/new.ini): articles 0 -> ' '$tmp/out' && \
grep -q '^raqqa (only in $tmp/old.ini): articles [0-9]* -> 0 ' '$tmp/out'"
want=$(python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    n += r["diff"] == "article"
print(n)' "$tmp/diff.jsonl")
check "text: an article line for each article record" \
    "[ \$(grep -c '^	[-+~]	' '$tmp/out') = $want ]"

# A query: only the articles it picks are compared.
./rubric list -q 'path:sub' "$c" | cut -f1 >"$tmp/paths"
./rubric diff -f jsonl -q 'path:sub' "$tmp/old.ini" "$tmp/new.ini" "$c" \
    >"$tmp/diffq.jsonl" 2>"$tmp/err"
check "-q compares the articles the query picks, and only those" \
    "python3 tests/diffcheck.py '$tmp/old.jsonl' '$tmp/new.jsonl' '$tmp/diffq.jsonl' \
'$tmp/paths' >'$tmp/err' && ! grep -q '\"path\":\"a[0-9]' '$tmp/diffq.jsonl'"

# Trouble: exit 2, and a message naming the file.
./rubric diff "$tmp/old.ini" "$tmp/none.ini" "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a file that is not there: exit 2, named" \
    "[ $rc = 2 ] && grep -q 'none.ini: No such file' '$tmp/err' && [ ! -s '$tmp/out' ]"
printf '[theme deir\npattern = x\n' >"$tmp/bad.ini"
./rubric diff "$tmp/old.ini" "$tmp/bad.ini" "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a file that does not parse: exit 2, with its line" \
    "[ $rc = 2 ] && grep -q 'bad.ini:1' '$tmp/err'"
./rubric diff "$tmp/old.ini" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "one file is a usage error" "[ $rc = 2 ] && grep -q 'usage: rubric diff' '$tmp/err'"
./rubric diff -f csv "$tmp/old.ini" "$tmp/new.ini" "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "an unknown format is a usage error" "[ $rc = 2 ] && grep -q 'csv' '$tmp/err'"
./rubric diff --help >"$tmp/out" 2>&1
check "--help says what it does and how it exits" \
    "grep -q 'Exits 0 when nothing' '$tmp/out' && grep -q '1 when something does' '$tmp/out'"

# The scan cache is the configuration's own: diff reads it, never writes it.
rm -rf "$XDG_CACHE_HOME"
./rubric diff "$tmp/old.ini" "$tmp/new.ini" "$c" >/dev/null 2>&1
check "diff writes no scan cache" "! ls '$XDG_CACHE_HOME'/rubric/scan-* >/dev/null 2>&1"

# An article that could not be read (a FIFO named .txt) has no hit under either, and
# is said to, never taken for a change.
mkfifo "$c/pipe.txt"
./rubric diff "$tmp/old.ini" "$tmp/new.ini" "$c" >"$tmp/out" 2>"$tmp/err"
check "an article that could not be read is said, and listed as no change" \
    "grep -q '1 article could not be read and has no hit under either' '$tmp/err' && \
! grep -q 'pipe.txt' '$tmp/out'"
rm -f "$c/pipe.txt"

# A hostile file name reaches the terminal as text, never as a control sequence.
printf 'Title: evil\n\nDaesh and Deir el-Zour.\n' >"$c/x$(printf '\033')[2Jy$(printf '\007').txt"
./rubric diff "$tmp/old.ini" "$tmp/new.ini" "$c" >"$tmp/out" 2>"$tmp/err"
check "a file name with escapes is listed, escaped" \
    "grep -q '2Jy' '$tmp/out' && ! grep -q \"\$(printf '\\033')\" '$tmp/out' && \
! grep -q \"\$(printf '\\007')\" '$tmp/out'"
./rubric diff -f jsonl "$tmp/old.ini" "$tmp/new.ini" "$c" >"$tmp/out" 2>"$tmp/err"
check "and in JSON Lines as an escape of JSON" \
    "grep -qi 'x\\\\u001b\\[2Jy\\\\u0007.txt' '$tmp/out'"

echo "1..$n"
