#!/bin/sh
# make bench N=...: rubric over N synthetic articles (tests/gencorpus.c, folders of 200)
# beside the floor (walk, stat, cat) and rg, with issue 15's targets, in one table.
# Usage: sh tests/bench_scale.sh [N]; N defaults to 100000; the issue's goals are for 1000000.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
n=${1:-100000}
case $n in
'' | *[!0-9]* | 0*)
	echo "bench_scale: N must be a positive whole number, not '$n'" >&2
	exit 2 ;;
esac
for tool in rubric tests/bin/ptybytes tests/bin/gencorpus; do
	[ -x "$tool" ] || { echo "bench_scale: $tool is missing: run make bench" >&2; exit 1; }
done
command -v rg >/dev/null 2>&1 || { echo "bench_scale: rg is missing: run make bench-deps" >&2; exit 1; }
# GNU time gives each command's peak RSS; without it that column says "-".
gtime=
/usr/bin/time -f %M -o /dev/null true 2>/dev/null && gtime=/usr/bin/time

# gencorpus writes about 4.3 KB an article (du); the scan cache and any index beside it
# are given half as much again, so the run asks for 6.5 KB an article before it starts.
base=${TMPDIR:-/tmp}
need_mb=$(( (n * 65 / 10 + 1023) / 1024 ))
free_mb=$(df -Pk "$base" | awk 'NR == 2 { printf "%d", $4 / 1024 }')
echo "bench_scale: $n articles need about $need_mb MB under $base (4.3 KB an article" \
    "and room for caches); $free_mb MB are free"
if [ "$free_mb" -lt "$need_mb" ]; then
	echo "bench_scale: not enough disk under $base: set TMPDIR to a roomier place" >&2
	exit 1
fi

tmp=$(mktemp -d "$base/rubric-scale.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
corpus=$tmp/corpus
side=$tmp/corpus/.rubric.ini
mkdir -p "$tmp/nodata" "$tmp/xdg"
export LC_ALL=C.UTF-8 ESCDELAY=25 RUBRIC_DATADIR="$tmp/nodata" XDG_CONFIG_HOME="$tmp/xdg" \
    XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"
unset NO_COLOR

# secs COMMAND...: wall time of one run, in seconds.
secs() {
	s=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.3f", $2 - $1 }'
}
# measure K COMMAND...: runs COMMAND K times; sets t (the fastest wall time, s, or "exit N"
# when a run failed: rg's 1 for no match is none), mb (the largest peak RSS, MB) and lines
# (how many lines the last run printed).
measure() {
	k=$1
	shift
	t= mb=- failed=
	while [ "$k" -gt 0 ]; do
		s=$(date +%s.%N)
		if [ -n "$gtime" ]; then
			$gtime -q -f %M -o "$tmp/rss" "$@" >"$tmp/out" 2>"$tmp/err"
		else
			"$@" >"$tmp/out" 2>"$tmp/err"
		fi
		rc=$?
		e=$(date +%s.%N)
		if [ "$rc" -gt 1 ] || { [ "$rc" -eq 1 ] && [ "$1" != rg ]; }; then
			failed="exit $rc"
			say "failed: $* ($(head -c 200 "$tmp/err"))"
		fi
		t=$(echo "$s $e ${t:-inf}" | awk '{ d = $2 - $1; printf "%.3f", d < $3 ? d : $3 }')
		[ -n "$gtime" ] && mb=$(awk -v m="$mb" 'END { v = $NF / 1024
		    printf "%.1f", (m == "-" || v > m) ? v : m }' "$tmp/rss")
		k=$((k - 1))
	done
	lines=$(wc -l <"$tmp/out" | tr -d ' ')
	[ -n "$failed" ] && t=$failed
}
# le A B: yes when A <= B; a failed run's "exit N" is no number, and no.
le() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (a ~ /^[0-9.]+$/ && a + 0 <= b + 0) ? "yes" : "no" }'
}
# both A B: yes when both are.
both() {
	[ "$1" = yes ] && [ "$2" = yes ] && echo yes || echo no
}
# row WHAT SECONDS MB MATCHES TARGET MET: one line of the table, printed at the end.
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$tmp/table"
}
say() {
	echo "bench_scale: $*" >&2
}

say "writing the corpus"
t_gen=$(secs tests/bin/gencorpus "$corpus" "$n")
[ -d "$corpus/d0000" ] || { echo "bench_scale: gencorpus wrote nothing" >&2; exit 1; }
folders=$(find "$corpus" -mindepth 1 -maxdepth 1 -type d | wc -l | tr -d ' ')
kb=$(du -sk "$corpus" | awk '{ print $1 }')
avail_kb=$(awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo 2>/dev/null)
say "warming the page cache"
find "$corpus" -type f -print0 | xargs -0 cat >/dev/null
cached="warm page cache"
[ -n "$avail_kb" ] && [ "$avail_kb" -lt "$kb" ] &&
    cached="the corpus is larger than free memory ($((avail_kb / 1024)) MB): warm figures read the disk too"

say "the floor: walk, stat, cat"
measure 3 sh -c "find '$corpus' -type f | wc -l"
t_walk=$t
row "walk only (\`find -type f\`, counted; best of 3)" "$t" "$mb" "$(tr -d ' ' <"$tmp/out")" "the floor" "-"
measure 3 sh -c "find '$corpus' -type f -printf '%s\n'"
row "walk with stat (\`find -type f -printf %s\`, best of 3)" "$t" "$mb" "$lines" "the floor" "-"
measure 2 sh -c "find '$corpus' -type f -print0 | xargs -0 cat"
t_cat=$t
row "cat of every file (best of 2)" "$t" "$mb" "-" "the floor" "-"

# One article in a hundred carries a tag; its own cache, so that "no cache" below is one.
say "tagging one article in a hundred"
measure 1 env XDG_CACHE_HOME="$tmp/cache-tag" "$top/rubric" tag --config tests/bench/themes.ini \
    --sidecar "$side" -q 'path:*37.txt' +bench -- "$corpus"
rm -rf "$tmp/cache-tag"
row "rubric tag -q 'path:*37.txt' +bench (1 in 100)" "$t" "$mb" "-" "-" "-"

say "rubric stats, no cache and cached"
measure 1 env XDG_CACHE_HOME="$tmp/cache" "$top/rubric" stats --config tests/bench/themes.ini \
    --sidecar "$side" "$corpus"
row "rubric stats, no cache" "$t" "$mb" "-" "anchor: cat $t_cat s" "-"
measure 3 env XDG_CACHE_HOME="$tmp/cache" "$top/rubric" stats --config tests/bench/themes.ini \
    --sidecar "$side" "$corpus"
row "rubric stats, cached (best of 3)" "$t" "$mb" "-" "<= 1 s" "$(le "$t" 1)"

# Near-duplicates (issue 18): the signatures' share of a cold scan (the same stats
# with duplicate_threshold = 0, which makes none), and the clustering from the
# cached signatures (rubric's log times dups_build() alone).
say "near-duplicates: the scan without signatures, and rubric dups"
t_sig=$(awk -F '\t' '$1 == "rubric stats, no cache" { print $2 }' "$tmp/table")
mkdir -p "$tmp/xdg/rubric"
printf '[rubric]\nduplicate_threshold = 0\n' >"$tmp/xdg/rubric/config.ini"
measure 1 env XDG_CACHE_HOME="$tmp/cache-nosig" "$top/rubric" stats \
    --config tests/bench/themes.ini --sidecar "$side" "$corpus"
rm -rf "$tmp/cache-nosig" "$tmp/xdg/rubric/config.ini"
row "rubric stats, no cache, no signatures (duplicate_threshold = 0)" "$t" "$mb" "-" \
    "$(echo "$t_sig $t" | awk '{ printf "signatures: %+.0f%% of the scan", ($1 - $2) * 100 / $2 }')" "-"
measure 3 env XDG_CACHE_HOME="$tmp/cache" "$top/rubric" dups --config tests/bench/themes.ini \
    --sidecar "$side" "$corpus"
row "rubric dups, cached signatures (best of 3)" "$t" "$mb" "$lines" "<= 250 MB at 1M" \
    "$(le "$mb" 250)"
# The image keeps the clusters made at 0.55, which a start takes as they are: at
# 0.56 (nine slots of sixteen, as 0.55) they are made again, to the same clusters,
# from the signatures the caches keep.
rm -f "$tmp/dups.log"
printf '[rubric]\nduplicate_threshold = 0.56\n' >"$tmp/xdg/rubric/config.ini"
env XDG_CACHE_HOME="$tmp/cache" RUBRIC_LOG="$tmp/dups.log" "$top/rubric" dups \
    --config tests/bench/themes.ini --sidecar "$side" "$corpus" >/dev/null 2>&1
rm -f "$tmp/xdg/rubric/config.ini"
# The cache kept those; the screen's runs below take 0.55's again.
env XDG_CACHE_HOME="$tmp/cache" "$top/rubric" dups --config tests/bench/themes.ini \
    --sidecar "$side" "$corpus" >/dev/null 2>&1
row "clustering alone (dups_build(), in the run above)" \
    "$(awk '$1 == "dups:" { print $(NF - 1) }' "$tmp/dups.log")" "-" \
    "$(awk '$1 == "dups:" { print $2 }' "$tmp/dups.log")" \
    "$(awk '$1 == "dups:" { printf "%s pairs checked", $8 }' "$tmp/dups.log")" "-"

# The first screen on a pty: cold with no cache of its own, warm with the cache the
# cold run left. The wait lets the scan behind the screen finish before q, so that the
# peak RSS is the whole run's: 12 s a 100,000 articles, as tests/bench.sh gives 100k.
wait_ms=$((n * 12 / 100))
[ "$wait_ms" -lt 4000 ] && wait_ms=4000
# The first screen's heads are the head store's, checked behind it: rubric's log says
# how long the check took once the screen was up (ver, s; "-" when there was no store).
screen() {
	rm -f "$tmp/screen.log"
	out=$(TERM=xterm-256color XDG_CACHE_HOME="$1" RUBRIC_LOG="$tmp/screen.log" \
	    tests/bin/ptybytes -q 200 -w "$wait_ms" -k "wait:$wait_ms,q" -- "$top/rubric" \
	    --config tests/bench/themes.ini --sidecar "$side" "$corpus")
	ms=$(echo "$out" | awk '$1 == "first-screen-ms" { print $2 }')
	rss=$(echo "$out" | awk '$1 == "maxrss-kb" { printf "%.1f", $2 / 1024 }')
	ver=$(awk '$1 == "verify:" { v = $(NF - 1) } END { print v == "" ? "-" : v }' \
	    "$tmp/screen.log" 2>/dev/null)
	# Where the start went: the times log_mark() wrote at each step.
	steps=$(awk '$1 == "at" && $3 == "s:" { v = $2; sub(/^at [^ ]+ s: /, "", $0); t[$0] = v }
	    END { printf "catalog %s, sidebar %s, drawn %s; cached counts in %s",
	    t["catalog open"], t["sidebar made"], t["first screen drawn"],
	    t["counts from the scan cache in"] }' "$tmp/screen.log" 2>/dev/null)
}
say "first screen, cold and warm (about $((wait_ms * 3 / 1000)) s)"
screen "$tmp/cache-screen"
row "first screen, cold (ptybytes, 80x24)" "$(echo "$ms" | awk '{ printf "%.3f", $1 / 1000 }')" \
    "$rss" "-" "-" "-"
screen "$tmp/cache-screen"
ms1=$ms rss1=$rss ver1=$ver steps1=$steps
screen "$tmp/cache-screen"
[ "$ms" -gt "$ms1" ] && ver=$ver1 steps=$steps1
ms=$(echo "$ms $ms1" | awk '{ print ($1 < $2) ? $1 : $2 }')
rss=$(echo "$rss $rss1" | awk '{ print ($1 > $2) ? $1 : $2 }')
s_warm=$(echo "$ms" | awk '{ printf "%.3f", $1 / 1000 }')
two_walk=$(echo "$t_walk" | awk '{ printf "%.3f", 2 * $1 }')
target="<= 2x walk = $two_walk s" met=$(le "$s_warm" "$two_walk")
if [ "$n" -ge 1000000 ]; then
	target="$target, <= 1 s" met=$(both "$met" "$(le "$s_warm" 1)")
elif [ "$n" -eq 100000 ]; then
	target="$target, <= 0.35 s (100k now)" met=$(both "$met" "$(le "$s_warm" 0.35)")
fi
row "first screen, warm (best of 2)" "$s_warm" "-" "-" "$target" "$met"
row "first screen's steps, s from the start (same run)" "-" "-" "-" "$steps" "-"
row "first screen's heads all verified, s from the start (same run)" \
    "$(echo "$s_warm $ver" | awk '$2 == "-" { print "-"; exit } { printf "%.3f", $1 + $2 }')" \
    "-" "-" "verification: $ver s" "-"
target="<= 250 MB" met=$(le "$rss" 250)
[ "$n" -eq 100000 ] && target="<= 97 MB (100k now)" met=$(le "$rss" 97)
row "peak RSS of the screen, warm (after the scan)" "-" "$rss" "-" "$target" "$met"

# The word and the phrase come from gencorpus's chrome and terms; a made-up word of
# gencorpus is no good here, as text: finds it inside longer ones and rg -w does not.
say "queries"
query() {
	measure 3 env XDG_CACHE_HOME="$tmp/cache" "$top/rubric" list \
	    --config tests/bench/themes.ini --sidecar "$side" -q "$1" "$corpus"
	row "rubric list -q '$1' (best of 3)" "$t" "$mb" "$lines" "<= 0.2 s" "$(le "$t" 0.2)"
}
query 'text:comment'
measure 3 rg -l -i -w comment "$corpus"
row "rg -l -i -w comment (best of 3)" "$t" "$mb" "$lines" "anchor" "-"
query 'text:"syrian democratic forces"'
measure 3 rg -l -i -F 'syrian democratic forces' "$corpus"
row "rg -l -i -F 'syrian democratic forces' (best of 3)" "$t" "$mb" "$lines" "anchor" "-"
# A rare word, answered by the text index alone as text:comment is (no rg row: see
# above).
query 'text:kikudesa'
query 'comment theme:deir'
query 'theme:deir>=3 and not theme:isis'
query 'tag:bench'
query 'tag:bench comment'

# The same with check = folders (rubric(5)): the commands look at folders only, and
# take the catalogue's image the first run here makes.
say "check = folders: stats and queries from the catalogue's image"
mkdir -p "$tmp/xdg/rubric"
printf '[rubric]\ncheck = folders\n' >"$tmp/xdg/rubric/config.ini"
measure 1 env XDG_CACHE_HOME="$tmp/cache" "$top/rubric" stats --config tests/bench/themes.ini \
    --sidecar "$side" "$corpus"
row "check = folders: rubric stats, making the image" "$t" "$mb" "-" "-" "-"
measure 3 env XDG_CACHE_HOME="$tmp/cache" "$top/rubric" stats --config tests/bench/themes.ini \
    --sidecar "$side" "$corpus"
row "check = folders: rubric stats, from the image (best of 3)" "$t" "$mb" "-" "<= 1 s" \
    "$(le "$t" 1)"
qfold() {
	measure 3 env XDG_CACHE_HOME="$tmp/cache" "$top/rubric" list \
	    --config tests/bench/themes.ini --sidecar "$side" -q "$1" "$corpus"
	row "check = folders: list -q '$1' (best of 3)" "$t" "$mb" "$lines" "<= 0.2 s" \
	    "$(le "$t" 0.2)"
}
qfold 'text:comment'
qfold 'text:"syrian democratic forces"'
qfold 'theme:deir>=3 and not theme:isis'
qfold 'tag:bench'
qfold 'tag:bench comment'
rm -f "$tmp/xdg/rubric/config.ini"

# Near-duplicates with copies (issue 18): gencorpus makes none, so tests/gendups.py
# writes as many articles again, stories copied one to six times under other sites'
# headers and chrome, every site's articles ending with its boilerplate of 150
# words (a crowd of thousands), and the clusters are measured against the copies
# it made. gencorpus's corpus is done with and makes room for it.
say "near-duplicates: a corpus of copies under boilerplate (tests/gendups.py)"
rm -rf "$corpus"
t_dgen=$(secs python3 tests/gendups.py "$tmp/dups" $((n * 45 / 100)) 1 150)
ndart=$(find "$tmp/dups/corpus" -type f | wc -l | tr -d ' ')
rm -f "$tmp/dups.log"
measure 1 env XDG_CACHE_HOME="$tmp/cache-dups" RUBRIC_LOG="$tmp/dups.log" "$top/rubric" \
    dups --format jsonl --sidecar "$tmp/dups-side.ini" "$tmp/dups/corpus"
pr=$(python3 tests/dupscheck.py "$tmp/dups/truth.json" <"$tmp/out" | sed 's/.*; //')
# A cold start of a corpus whose articles have four header fields and crowds of a
# site's copies: goal 2's 250 MB is its target too.
row "gendups ($ndart articles, written in $t_dgen s): rubric dups, no cache" \
    "$t" "$mb" "$lines" "$pr; <= 250 MB at 1M" "$(le "$mb" 250)"
row "gendups: clustering alone, with crowds (dups_build())" \
    "$(awk '$1 == "dups:" { print $(NF - 1) }' "$tmp/dups.log")" "-" \
    "$(awk '$1 == "dups:" { print $2 }' "$tmp/dups.log")" \
    "$(awk '$1 == "dups:" { printf "%s pairs checked, %s read again", $8, $11 }' \
    "$tmp/dups.log")" "-"
rm -rf "$tmp/dups" "$tmp/cache-dups"

echo
echo "Scale: $n articles in $folders folders (tests/gencorpus.c, written in $t_gen s)," \
    "$((kb / 1024)) MB; $(nproc) cores, load $(awk '{ print $1, $2, $3 }' /proc/loadavg 2>/dev/null);" \
    "$cached"
echo "Targets are issue 15's for 1,000,000 articles; at fewer they are easier to meet."
awk -F '\t' 'BEGIN {
	printf "| %-64s | %8s | %8s | %7s | %-34s | %-3s |\n", "what", "seconds",
	    "RSS MB", "matches", "target", "met"
	printf "|%s|%s|%s|%s|%s|%s|\n", "-----------------------------------------------------------" \
	    "-------", "----------", "----------", "---------", "------------------------------------", "-----" }
	{ printf "| %-64s | %8s | %8s | %7s | %-34s | %-3s |\n", $1, $2, $3, $4, $5, $6 }' \
    "$tmp/table"
