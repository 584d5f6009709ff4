#!/bin/sh
# rubric suggest on a corpus written here with known spellings of three names, each
# theme matching one, and near misses that are other places (Deir Hafer, Rafah,
# Madaya): the top ten's precision and recall against the known spellings, printed
# and held to a floor; the formats, the options and the errors.
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config XDG_CACHE_HOME XDG_CONFIG_HOME XDG_STATE_HOME HOME
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-suggest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache XDG_CONFIG_HOME=$tmp/xdg XDG_STATE_HOME=$tmp/state HOME=$tmp
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; fi; }

c=$tmp/c
mkdir -p "$c"
# Spellings: the first of each name is what its theme matches; the others are the
# same place (the truth the ranking is measured on); the misses are other places,
# written in the same sentences.
cat >"$tmp/names.py" <<'PY'
NAMES = {
    "deir": (["Deir ez-Zor"],
             ["Deir Ezzor", "Dayr al-Zur", "Deir al-Zour", "Dair el-Zor", "Deir az-Zawr",
              "Dayr az-Zawr", "Deir Ezzour"],
             ["Deir Hafer", "Deir al-Adas", "Deir Ballut", "Tal Abyad"]),
    "raqqa": (["Raqqa"],
              ["Raqqah", "Rakka", "Rakkah", "Al-Raqqah", "Ar Raqqah"],
              ["Rafah", "Ruqayya", "Rastan"]),
    "mayadin": (["Mayadin"],
                ["Mayadeen", "Meyadin", "al-Mayadeen", "Mayadine"],
                ["Madaya", "Medina", "Mayday"]),
}
PY
python3 - "$c" "$tmp" <<'PY'
import random, sys
sys.path.insert(0, sys.argv[2])
from names import NAMES
random.seed(1616)
ctx = {"deir": "the Euphrates valley, the eastern province, oil fields, tribal elders",
       "raqqa": "the former capital, the clock tower, the Tabqa dam, reconstruction",
       "mayadin": "the river town, the desert road, market traders, the bridge"}
verbs = ["fighting was reported near", "aid convoys reached", "residents fled",
         "a curfew was imposed in", "officials visited", "shelling hit"]
for i in range(300):
    lines = []
    for _ in range(random.randint(3, 7)):
        name = random.choice(list(NAMES))
        match, same, miss = NAMES[name]
        r = random.random()
        place = random.choice(match if r < 0.45 else same if r < 0.8 else miss)
        words = random.sample(ctx[name].split(", "), 2)
        lines.append(f"{random.choice(verbs).capitalize()} {place}, near {words[0]} "
                     f"and {words[1]}.")
    with open(f"{sys.argv[1]}/a{i:03d}.txt", "w") as f:
        f.write(f"Title: dispatch {i}\n\n" + " ".join(lines) + "\n")
PY
cat >"$tmp/themes.ini" <<'INI'
[theme deir]
pattern = "\bdeir ez-zor\b"
[theme raqqa]
pattern = "\braqqa\b"
[theme mayadin]
pattern = "\bmayadin\b"
INI

for th in deir raqqa mayadin; do
	./rubric suggest -f jsonl --config "$tmp/themes.ini" "$th" "$c" \
	    >"$tmp/$th.jsonl" 2>"$tmp/err"
done
python3 - "$tmp" >"$tmp/pr" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
from names import NAMES
import re
# Precision: a suggestion is right when it is one of the known spellings, or a
# whole-word part of one that the theme does not match already ("Raqqah" of "Ar
# Raqqah"). Recall: a known spelling is found when a suggestion is it or such a
# part of it, as adding that suggestion to the theme would catch it.
def part(s, x):
    return re.search(r"(?<!\w)" + re.escape(s.lower()) + r"(?!\w)", x.lower())
good = found = bad_n = want = 0
for th, (match, same, miss) in NAMES.items():
    top = [json.loads(l)["spelling"] for l in open(f"{sys.argv[1]}/{th}.jsonl")][:10]
    right = [s for s in top if any(part(s, x) for x in same) and
             not any(s.lower() == m.lower() for m in match)]
    bad = [s for s in top if s not in right]
    good += len(right)
    bad_n += len(bad)
    found += sum(1 for x in same if any(part(s, x) for s in top))
    want += len(same)
    print(f"{th}: top ten {top}; other names or noise: {bad}")
print(f"precision {good / max(good + bad_n, 1):.2f} recall {found / want:.2f}")
PY
sed 's/^/# /' "$tmp/pr"
p=$(sed -n 's/^precision \([0-9.]*\) recall \([0-9.]*\)$/\1 \2/p' "$tmp/pr")
check "the top ten's precision is at least 0.8 ($(echo $p | cut -d' ' -f1))" \
    "echo '$p' | awk '{ exit !(\$1 >= 0.8) }'"
check "the top ten's recall is at least 0.8 ($(echo $p | cut -d' ' -f2))" \
    "echo '$p' | awk '{ exit !(\$2 >= 0.8) }'"
check "no other place is suggested for Deir ez-Zor" \
    "! grep -qiE '\"spelling\":\"(Deir Hafer|Deir al-Adas|Deir Ballut|Tal Abyad)\"' \
'$tmp/deir.jsonl'"

# Each record: where it was met, at a byte offset of the file that holds it.
check "each suggestion's path and offset point at its spelling in the file" \
    "python3 - '$tmp/deir.jsonl' '$c' <<'PY'
import json, sys
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    raw = open(sys.argv[2] + '/' + r['path'], 'rb').read()
    s = r['spelling'].encode()
    assert raw[r['offset']:r['offset'] + len(s)] == s, r
    assert r['count'] >= r['articles'] >= 1 and r['spelling'] in r['context'], r
PY"
./rubric suggest --config "$tmp/themes.ini" -n 3 deir "$c" >"$tmp/out" 2>"$tmp/err"
check "tsv: -n 3 gives three rows of seven fields" \
    "[ \$(wc -l <'$tmp/out') = 3 ] && awk -F '\t' 'NF != 7 { exit 1 }' '$tmp/out'"
./rubric suggest --config "$tmp/themes.ini" nosuch "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a theme that is not there: exit 1, named" \
    "[ $rc = 1 ] && grep -q \"no theme 'nosuch'\" '$tmp/err'"
./rubric suggest >"$tmp/out" 2>"$tmp/err"
rc=$?
check "no theme: a usage error" "[ $rc = 2 ] && grep -q 'usage: rubric suggest' '$tmp/err'"
./rubric suggest -q 'path:a00*' --config "$tmp/themes.ini" -f jsonl raqqa "$c" \
    >"$tmp/out" 2>"$tmp/err"
check "-q reads only the articles the query picks" \
    "[ -s '$tmp/out' ] && ! grep -v '\"path\":\"a00[0-9].txt\"' '$tmp/out' | grep -q ."

# Words never capitalised are no spelling of a name every hit capitalises, however
# alike their letters and the words around them: "is a mistake" is no Islamic State.
m=$tmp/m
mkdir -p "$m"
i=0
while [ $i -lt 40 ]; do
	printf 'Title: m%s\n\n%s %s %s\n' $i \
	    'The Islamic State held the eastern province valley.' \
	    'None of this is a mistake, the eastern province valley elders said.' \
	    'Islamic state fighters left.' >"$m/m$i.txt"
	i=$((i + 1))
done
printf '[theme is]\npattern = "\\bIslamic State\\b"\n' >"$tmp/is.ini"
./rubric suggest --config "$tmp/is.ini" -f jsonl is "$m" >"$tmp/out" 2>"$tmp/err"
check "a phrase in lower case is not suggested for a name always capitalised" \
    "! grep -qi '\"spelling\":\"is a mistake\"' '$tmp/out'"
check "the same name written in lower case still is" \
    "grep -q '\"spelling\":\"Islamic state\"' '$tmp/out'"

# A search a limit stopped (a pattern's 50 ms on an article of 3 MB in one line)
# finds no misses in the text it did not reach: every word there is the theme's.
mkdir -p "$tmp/big"
python3 -c "
import sys
sys.stdout.write('Title: big\n\n' + 'Deir Ezzor convoy Dair Ezzor ' * 110000 + '\n')
" >"$tmp/big/big.txt"
printf '[theme w]\npattern = "\\w"\n' >"$tmp/w.ini"
./rubric suggest --config "$tmp/w.ini" w "$tmp/big" >"$tmp/out" 2>"$tmp/err"
check "a search stopped by a limit suggests none of what it did not reach" \
    "[ ! -s '$tmp/out' ]"

# --add: the spelling's pattern in the user's own file, the corpus's themes file and
# the shipped one untouched, and the next suggest no longer lists it.
cp "$tmp/themes.ini" "$c/.rubric-themes.ini"
before=$(cksum <"$c/.rubric-themes.ini")
n0=$(./rubric list -q 'theme:deir' "$c" 2>/dev/null | wc -l)
./rubric suggest --add 'Dayr az-Zawr' deir "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--add writes the pattern into the user's file, and says so" \
    "[ $rc = 0 ] && grep -qx 'pattern.dayr-az-zawr = \"\\\\bdayr\\\\s+az-zawr\\\\b\"' \
'$XDG_CONFIG_HOME/rubric/config.ini' && grep -q 'added pattern.dayr-az-zawr' '$tmp/err'"
check "the corpus's themes file is as it was" \
    "[ \"\$(cksum <'$c/.rubric-themes.ini')\" = '$before' ]"
./rubric suggest -f jsonl deir "$c" >"$tmp/after.jsonl" 2>"$tmp/err"
./rubric list -q 'theme:deir' "$c" >"$tmp/list" 2>>"$tmp/err"
check "the theme finds more articles now, and suggest lists it no more" \
    "! grep -q '\"spelling\":\"Dayr az-Zawr\"' '$tmp/after.jsonl' && \
grep -q '\"spelling\":\"Dayr az-Zawr\"' '$tmp/deir.jsonl' && \
[ \$(wc -l <'$tmp/list') -gt $n0 ]"
./rubric suggest --add 'Dayr az-Zawr' nosuch "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--add to a theme that is not there: exit 1, the file unchanged" \
    "[ $rc = 1 ] && [ \$(grep -c '^pattern' '$XDG_CONFIG_HOME/rubric/config.ini') = 1 ]"
printf '<<<<<<< HEAD\n[theme deir\n' >>"$XDG_CONFIG_HOME/rubric/config.ini"
cp "$XDG_CONFIG_HOME/rubric/config.ini" "$tmp/conflicted"
./rubric suggest --add 'Deir Ezzor' deir "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a user file that does not parse is never written" \
    "[ $rc = 1 ] && cmp -s '$tmp/conflicted' '$XDG_CONFIG_HOME/rubric/config.ini'"

echo "1..$n"
