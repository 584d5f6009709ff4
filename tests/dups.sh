#!/bin/sh
# Near-duplicates end to end: a generated corpus with known clusters (tests/gendups.py)
# through rubric dups, measured as pairwise precision and recall; the clusters the same
# from the scan cache and the catalogue's image; dup and copy; export --dedup and
# "cluster"; hostile articles.
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config LC_ALL=C.UTF-8
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-dups.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CACHE_HOME=$tmp/cache XDG_CONFIG_HOME=$tmp/config \
    XDG_STATE_HOME=$tmp/state
# The generated files are seconds old: a cache leaves racy stamps out, and the
# image is not made; the tests of the caches want them kept.
export RUBRIC_INDEX_RACY=0
mkdir -p "$HOME"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; fi; }

python3 tests/gendups.py "$tmp/g" 300 18
c=$tmp/g/corpus
side="--sidecar $tmp/side.ini"
nart=$(find "$c" -type f | wc -l)

# The measure: pairs found against pairs true.
./rubric dups $side --format jsonl "$c" >"$tmp/dups.jsonl" 2>"$tmp/err"
check "dups exits 0" "[ $? -eq 0 ]"
python3 tests/dupscheck.py "$tmp/g/truth.json" 0.95 0.9 <"$tmp/dups.jsonl" \
    >"$tmp/measure" 2>"$tmp/err"
rc=$?
sed 's/^/# /' "$tmp/measure"
check "precision >= 0.95 and recall >= 0.9 at the default threshold" "[ $rc -eq 0 ]"
# Every site's boilerplate, longer than its stories: the stories stay apart, and
# copies on two sites, under two boilerplates, are still copies.
python3 tests/gendups.py "$tmp/gb" 300 18 400
./rubric dups --sidecar "$tmp/sideb.ini" --format jsonl "$tmp/gb/corpus" 2>"$tmp/err" |
    python3 tests/dupscheck.py "$tmp/gb/truth.json" 0.95 0.9 >"$tmp/measure.b"
rc=$?
sed 's/^/# boilerplate: /' "$tmp/measure.b"
check "precision >= 0.95 and recall >= 0.9 under a boilerplate of 400 words" \
    "[ $rc -eq 0 ]"
# A site's crowds after the first that learnt its text are not read for it
# again: at 100,000 articles under one boilerplate, thousands were.
RUBRIC_LOG=$tmp/logb XDG_CACHE_HOME=$tmp/coldb ./rubric dups \
    --sidecar "$tmp/sideb.ini" "$tmp/gb/corpus" >/dev/null 2>"$tmp/err"
check "a site's crowds are not read again once its text is learnt" \
    "grep -Eq 'dups crowds: .*, [1-9][0-9]* skipped as learnt' '$tmp/logb'"
# A wire story that 60 papers (a folder and a source each) copied, each with a
# local paragraph of 70 to 100 words: a crowd, but of one story's copies, not a
# site's boilerplate; learnt as one, the copies were all split apart.
python3 - "$tmp/wire" <<'EOF'
import os, random, sys
rng = random.Random(7)
words = ["w%d" % k for k in range(3000)]
story = " ".join(rng.choice(words) for _ in range(400))
for k in range(60):
    os.makedirs("%s/paper%d" % (sys.argv[1], k))
    with open("%s/paper%d/wire.txt" % (sys.argv[1], k), "w") as f:
        f.write("Title: The wire's story\nSource: Paper %d\n\n%s\n\n%s\n" % (
            k, story, " ".join(rng.choice(words) for _ in range(rng.randint(70, 100)))))
EOF
./rubric dups --sidecar "$tmp/sidew.ini" --format jsonl "$tmp/wire" >"$tmp/wire.jsonl" \
    2>"$tmp/err"
check "a story copied 60 times, each with a local paragraph, is one cluster" \
    "[ \$(wc -l <'$tmp/wire.jsonl') -eq 1 ] && grep -q '\"count\": *60' '$tmp/wire.jsonl'"
# One folder and no Source header: every article is of one site, so that the
# boilerplate is still learnt (read as many sites, none would be, and the
# stories would chain into clusters of thousands).
python3 - "$tmp/gb" "$tmp/flat" <<'EOF'
import json, os, re, sys
src, dst = sys.argv[1:3]
truth = json.load(open(src + "/truth.json"))
os.makedirs(dst + "/corpus")
flat = {}
for root, _, files in os.walk(src + "/corpus"):
    for fn in files:
        rel = os.path.relpath(os.path.join(root, fn), src + "/corpus")
        head, sep, body = open(os.path.join(root, fn),
                               encoding="utf-8").read().partition("\n\n")
        head = re.sub(r"(?m)^Source: .*\n?", "", head)
        with open(dst + "/corpus/" + rel.replace("/", "--"), "w",
                  encoding="utf-8") as f:
            f.write(head + sep + body)
        if rel in truth:
            flat[rel.replace("/", "--")] = truth[rel]
json.dump(flat, open(dst + "/truth.json", "w"))
EOF
./rubric dups --sidecar "$tmp/sidef.ini" --format jsonl "$tmp/flat/corpus" 2>"$tmp/err" |
    python3 tests/dupscheck.py "$tmp/flat/truth.json" 0.95 0.9 >"$tmp/measure.f"
rc=$?
sed 's/^/# one folder, no Source: /' "$tmp/measure.f"
check "boilerplate learnt in one folder without Source headers" "[ $rc -eq 0 ]"
# A threshold too low joins distinct stories on one subject: the check can fail.
printf '[rubric]\nduplicate_threshold = 0.2\n' >"$tmp/low.ini"
./rubric dups $side --config "$tmp/low.ini" --format jsonl "$c" 2>"$tmp/err" |
    python3 tests/dupscheck.py "$tmp/g/truth.json" 0.95 0.9 >"$tmp/measure.low"
rc=$?
sed 's/^/# at 0.2: /' "$tmp/measure.low"
check "at 0.2 the same-subject stories are joined and the measure says so" "[ $rc -eq 1 ]"

# TSV: a line a member, one first a cluster, its similarity 1.00.
./rubric dups $side "$c" >"$tmp/dups.tsv" 2>"$tmp/err"
nclus=$(wc -l <"$tmp/dups.jsonl")
nmem=$(wc -l <"$tmp/dups.tsv")
check "tsv: one first a cluster, as many clusters as jsonl" \
    "[ \$(cut -f2 '$tmp/dups.tsv' | grep -cx first) -eq $nclus ] && [ $nclus -gt 20 ]"
check "tsv: the first's similarity is 1.00, a copy's at least the threshold's share" \
    "awk -F'\t' '\$2 == \"first\" && \$3 != \"1.00\" { exit 1 } \$2 == \"copy\" && \$3 + 0 < 0.3 { exit 1 }' '$tmp/dups.tsv'"
check "tsv: a cluster's first is its earliest by date" "python3 - '$tmp/dups.jsonl' <<'EOF'
import json, sys
for line in open(sys.argv[1]):
    m = json.loads(line)['members']
    if any(x['date'] < m[0]['date'] for x in m):
        sys.exit(1)
EOF"

# The same from the scan cache (no image, which a command makes and takes when it
# holds), and from the catalogue's image.
RUBRIC_NO_IMAGE=1 XDG_CACHE_HOME=$tmp/cache2 ./rubric dups $side "$c" >/dev/null 2>"$tmp/err"
RUBRIC_NO_IMAGE=1 XDG_CACHE_HOME=$tmp/cache2 RUBRIC_LOG=$tmp/log2 ./rubric dups $side --format jsonl "$c" >"$tmp/dups2.jsonl" \
    2>"$tmp/err"
check "the same clusters from the scan cache" "cmp -s '$tmp/dups.jsonl' '$tmp/dups2.jsonl'"
check "the scan cache kept the clusters: taken, not made again" \
    "grep -q '^dups: .* from the scan cache' '$tmp/log2' && \
! grep -q 'pairs checked' '$tmp/log2'"
# A cache whose clusters are another threshold's: made once and kept, then taken,
# the cache not written again.
printf '[rubric]\nduplicate_threshold = 0.7\n' >"$tmp/t7.ini"
RUBRIC_NO_IMAGE=1 RUBRIC_LOG=$tmp/log5 ./rubric dups $side --config "$tmp/t7.ini" "$c" >/dev/null 2>"$tmp/err"
ino1=$(ls -i "$XDG_CACHE_HOME"/rubric/scan-* | awk '{ print $1 }')
RUBRIC_NO_IMAGE=1 RUBRIC_LOG=$tmp/log6 ./rubric dups $side --config "$tmp/t7.ini" "$c" >/dev/null 2>"$tmp/err"
ino2=$(ls -i "$XDG_CACHE_HOME"/rubric/scan-* | awk '{ print $1 }')
check "clusters of another threshold: made once into the cache, then taken from it" \
    "grep -q '^dups: .* pairs checked' '$tmp/log5' && \
grep -q '^dups: .* from the scan cache' '$tmp/log6' && [ '$ino1' = '$ino2' ]"
check "the scan cache holds the signatures and the clusters (format 6)" \
    "head -c 14 \"\$(ls '$XDG_CACHE_HOME'/rubric/scan-* | head -1)\" | grep -q rubric-scan-6"
printf '[rubric]\ncheck = folders\n' >"$tmp/folders.ini"
./rubric dups $side --config "$tmp/folders.ini" --format jsonl "$c" >/dev/null 2>"$tmp/err"
RUBRIC_LOG=$tmp/log ./rubric dups $side --config "$tmp/folders.ini" --format jsonl "$c" \
    >"$tmp/dups3.jsonl" 2>"$tmp/err"
check "the catalogue's image was taken" "grep -q 'catimage: [0-9]* articles taken' '$tmp/log'"
check "the same clusters from the catalogue's image" "cmp -s '$tmp/dups.jsonl' '$tmp/dups3.jsonl'"
check "the image kept the clusters: taken, not made again" \
    "grep -q '^dups: .* from the image' '$tmp/log' && ! grep -q 'pairs checked' '$tmp/log'"
# Another threshold than the clusters': made again from the signatures the image
# keeps, as a start with no cache makes them at that threshold.
printf '[rubric]\ncheck = folders\nduplicate_threshold = 0.7\n' >"$tmp/folders7.ini"
RUBRIC_LOG=$tmp/log7 ./rubric dups $side --config "$tmp/folders7.ini" --format jsonl \
    "$c" >"$tmp/dups7.jsonl" 2>"$tmp/err"
XDG_CACHE_HOME=$tmp/cold7 ./rubric dups $side --config "$tmp/folders7.ini" \
    --format jsonl "$c" >"$tmp/dups7cold.jsonl" 2>"$tmp/err"
check "another threshold: the image taken, the clusters made again from its signatures" \
    "grep -q 'catimage: [0-9]* articles taken' '$tmp/log7' && \
grep -q '^dups: .* pairs checked' '$tmp/log7'"
check "another threshold: the same clusters as with no cache" \
    "cmp -s '$tmp/dups7.jsonl' '$tmp/dups7cold.jsonl' && \
! cmp -s '$tmp/dups7.jsonl' '$tmp/dups.jsonl'"
# An old cache is rebuilt, not misread.
for f in "$XDG_CACHE_HOME"/rubric/scan-*; do
	printf 'rubric-scan-4\n' | dd of="$f" conv=notrunc 2>/dev/null
done
./rubric dups $side --format jsonl "$c" >"$tmp/dups4.jsonl" 2>"$tmp/err"
check "a cache of another version is rebuilt: the same clusters" \
    "cmp -s '$tmp/dups.jsonl' '$tmp/dups4.jsonl'"

# Queries.
ndup=$(./rubric list $side -q dup "$c" | wc -l)
ncopy=$(./rubric list $side -q copy "$c" | wc -l)
check "dup picks every member ($ndup)" "[ $ndup -eq $nmem ]"
check "copy picks every member but the firsts ($ncopy)" "[ $ncopy -eq $((nmem - nclus)) ]"
check "not copy and dup picks the firsts" \
    "[ \"\$(./rubric list $side -q 'dup and not copy' '$c' | cut -f1 | sort)\" = \
\"\$(awk -F'\t' '\$2 == \"first\" { print \$4 }' '$tmp/dups.tsv' | sort)\" ]"
check "text:copy is the word, not the clusters" \
    "[ \$(./rubric list $side -q 'text:copy' '$c' | wc -l) -eq 0 ]"
./rubric dups $side -q 'path:tigris-daily/*' --format jsonl "$c" >"$tmp/q.jsonl" 2>"$tmp/err"
check "dups -q lists the clusters with a member picked, whole" "python3 - '$tmp/q.jsonl' <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert recs and all(any(m['path'].startswith('tigris-daily/') for m in r['members'])
                    for r in recs)
assert any(not m['path'].startswith('tigris-daily/') for r in recs for m in r['members'])
EOF"

# Exports.
./rubric export $side -f jsonl "$c" >"$tmp/all.jsonl" 2>"$tmp/err"
check "jsonl records carry the cluster dups names, or null" "python3 - '$tmp/all.jsonl' '$tmp/dups.jsonl' <<'EOF'
import json, sys
want = {}
for l in open(sys.argv[2]):
    r = json.loads(l)
    for m in r['members']:
        want[m['path']] = r['cluster']
for l in open(sys.argv[1]):
    r = json.loads(l)
    assert r['cluster'] == want.get(r['path']), r['path']
EOF"
./rubric export $side -f jsonl --dedup "$c" >"$tmp/dedup.jsonl" 2>"$tmp/err"
check "export --dedup keeps one a cluster: the first" \
    "[ \$(wc -l <'$tmp/dedup.jsonl') -eq $((nart - nmem + nclus)) ] && \
! grep -qF -f \"\$(awk -F'\t' '\$2 == \"copy\" { print \"\\\"path\\\":\\\"\" \$4 \"\\\"\" }' '$tmp/dups.tsv' >'$tmp/copies'; echo '$tmp/copies')\" '$tmp/dedup.jsonl'"
./rubric export $side -f csv --dedup -q copy "$c" >"$tmp/dedup.csv" 2>"$tmp/err"
check "export --dedup of copies only keeps the first copy picked of each" \
    "[ \$(($(wc -l <"$tmp/dedup.csv") - 1)) -eq $nclus ]"

# Off: no clusters, "cluster" null, dup picks nothing.
printf '[rubric]\nduplicate_threshold = 0\n' >"$tmp/off.ini"
check "duplicate_threshold = 0: no cluster" \
    "[ -z \"\$(./rubric dups $side --config '$tmp/off.ini' '$c')\" ] && \
[ \$(./rubric list $side --config '$tmp/off.ini' -q dup '$c' | wc -l) -eq 0 ]"
printf '[rubric]\nduplicate_threshold = 2\n' >"$tmp/bad.ini"
./rubric check --config "$tmp/bad.ini" >/dev/null 2>"$tmp/err"
check "a threshold out of range is an error at its line" \
    "grep -q 'bad.ini:2: .*duplicate_threshold' '$tmp/err'"

# Hostile articles: empty, one word, a one-line article just under the scan's 64 MiB
# (and a copy of it), a file over it (sparse) and a binary one: exit 0, only the two
# long ones in a cluster.
h=$tmp/h
mkdir -p "$h"
: >"$h/empty.txt"
: >"$h/empty2.txt"
echo word >"$h/word.txt"
echo word >"$h/word2.txt"
python3 -c "import sys; sys.stdout.write('lorem ipsum dolor ' * 3700000)" >"$h/long.txt"
cp "$h/long.txt" "$h/long2.txt"
truncate -s 70M "$h/huge.txt"
printf 'a\0b' >"$h/bin.txt"
./rubric dups $side --format jsonl "$h" >"$tmp/h.jsonl" 2>"$tmp/err"
check "hostile articles: exit 0" "[ $? -eq 0 ]"
check "hostile articles: only the two long copies are a cluster" \
    "[ \$(wc -l <'$tmp/h.jsonl') -eq 1 ] && grep -q long2.txt '$tmp/h.jsonl' && \
! grep -q -e empty -e word -e huge '$tmp/h.jsonl'"

# One article more, a copy of a story dated before the others with a line added:
# its folder changed, the image is not taken, the scan cache gives every other
# article's signature and the new one is counted; the clusters made from them are
# those a start with no cache makes, and the image they go into gives them back.
# Last: the corpus is no longer the one the truth describes.
# The scan cache made anew first (the run at 0 above kept no signature in it).
./rubric dups $side "$c" >/dev/null 2>&1
f=$(grep -l '^Date: 2021' "$c"/tigris-daily/*.txt | head -1)
sed -e '1s/.*/Title: A headline of its own/' -e '2s/.*/Date: 2020-01-02/' "$f" \
    >"$c/tigris-daily/0999-copy.txt"
echo 'A line the copy added.' >>"$c/tigris-daily/0999-copy.txt"
RUBRIC_LOG=$tmp/log8 ./rubric dups $side --config "$tmp/folders.ini" --format jsonl \
    "$c" >"$tmp/dups8.jsonl" 2>"$tmp/err"
XDG_CACHE_HOME=$tmp/cold8 ./rubric dups $side --config "$tmp/folders.ini" \
    --format jsonl "$c" >"$tmp/dups8cold.jsonl" 2>"$tmp/err"
RUBRIC_LOG=$tmp/log9 ./rubric dups $side --config "$tmp/folders.ini" --format jsonl \
    "$c" >"$tmp/dups9.jsonl" 2>"$tmp/err"
check "one article more: counted alone, the rest from the scan cache" \
    "grep -q 'scan cache: $nart articles filled' '$tmp/log8' && \
! grep -q 'catimage: [0-9]* articles taken' '$tmp/log8'"
check "one article more: the clusters as with no cache, the new copy first of one" \
    "cmp -s '$tmp/dups8.jsonl' '$tmp/dups8cold.jsonl' && \
! cmp -s '$tmp/dups8.jsonl' '$tmp/dups.jsonl' && \
grep -q '\"members\":\\[{\"path\":\"tigris-daily/0999-copy.txt\"' '$tmp/dups8.jsonl'"
check "one article more: the next start takes those clusters from the image" \
    "grep -q '^dups: .* from the image' '$tmp/log9' && \
cmp -s '$tmp/dups8.jsonl' '$tmp/dups9.jsonl'"

./rubric dups --help >"$tmp/help" 2>&1
check "dups --help" "[ $? -eq 0 ] && grep -q -- '--format' '$tmp/help'"
./rubric dups --format xml "$c" >/dev/null 2>"$tmp/err"
check "dups --format xml is a usage error" "[ $? -eq 2 ]"

echo "1..$n"
