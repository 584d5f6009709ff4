#!/bin/sh
# make bench: what rubric costs over SSH and on big articles. Bytes per key are counted
# on a pty by tests/bin/ptybytes (the bytes rubric writes in reply to each key, until it
# is quiet); layout times come from tests/bin/bench_layout.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
for tool in rubric tests/bin/ptybytes tests/bin/bench_layout tests/bin/bench_sidecar \
    tests/bin/bench_query tests/bin/gencorpus; do
	[ -x "$tool" ] || { echo "bench: $tool is missing: run make bench" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
sh tests/mkhostile.sh "$tmp/hostile" >/dev/null
for i in 1 2 3; do find tests/sample -type f | sort | xargs cat; done >"$tmp/long.txt"
# A copy for what opens an article, which marks it read in the folder's sidecar.
cp -r tests/sample "$tmp/sample"
export LC_ALL=C.UTF-8 ESCDELAY=25 RUBRIC_DATADIR="$top/config" XDG_CONFIG_HOME="$tmp/xdg" \
    XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"
unset NO_COLOR

# keys COLS ROWS KEYS PATH...: the per-key byte counts, one "key<TAB>bytes" a line.
keys() {
	cols=$1 rows=$2 k=$3
	shift 3
	tests/bin/ptybytes -x "$cols" -y "$rows" -q 150 -k "$k" -- "$top/rubric" "$@"
}
# summary LABEL: mean and max of the byte counts read from stdin.
summary() {
	awk -v label="$1" -F '\t' 'NF == 2 { n++; s += $2; if ($2 > m) m = $2 }
	    END { if (n) printf "  %-46s %5d presses  mean %6.0f  max %6d bytes\n",
	    label, n, s / n, m }'
}

echo "Bytes per key (TERM=xterm-256color; less -R sends about 90 to scroll a line)"
for size in 80x24 120x40; do
	c=${size%x*} r=${size#*x}
	echo " at $size:"
	export TERM=xterm-256color
	# Reading mode on a long article of real prose, so that every key moves
	# and no two pages are alike.
	big=$tmp/long.txt
	keys "$c" "$r" "enter,repeat:40:j,q" "$big" | grep '^j' |
	    summary "reading mode, j (one line down)"
	keys "$c" "$r" "enter,repeat:40:j,repeat:40:k,q" "$big" | grep '^k' |
	    summary "reading mode, k (one line up)"
	keys "$c" "$r" "enter,repeat:10:space,q" "$big" | grep '^space' |
	    summary "reading mode, Space (a page down)"
	keys "$c" "$r" "enter,repeat:10:space,repeat:10:b,q" "$big" | grep '^b' |
	    summary "reading mode, b (a page up)"
	keys "$c" "$r" "enter,G,g,q" "$big" | grep -E '^(G|g)' |
	    summary "reading mode, G and g"
	keys "$c" "$r" "repeat:11:j" tests/sample | grep '^j' |
	    summary "three panes, j in the list (new article)"
	# A line down in the body of the same article three ways: beside the
	# sidebar, with it hidden (B; the body spans the width, so the terminal
	# scrolls it), and full screen.
	keys "$c" "$r" "tab,repeat:30:j" "$tmp/sample" | grep '^j' |
	    summary "three panes, j in the body"
	keys "$c" "$r" "B,tab,repeat:30:j" "$tmp/sample" | grep '^j' |
	    summary "sidebar hidden (B), j in the body"
	keys "$c" "$r" "enter,repeat:30:j" "$tmp/sample" | grep '^j' |
	    summary "reading mode, j in the same article"
	keys "$c" "$r" "tab,tab,tab" tests/sample | grep '^tab' |
	    summary "three panes, Tab (focus moves)"
	keys "$c" "$r" "enter,repeat:30:j" "$tmp/hostile/long-line.txt" | grep '^j' |
	    summary "reading mode, j in a 1 MiB line"
done
for term in screen-256color vt100; do
	export TERM=$term
	keys 80 24 "enter,repeat:40:j,q" "$tmp/long.txt" | grep '^j' |
	    summary "TERM=$term at 80x24, reading mode, j"
done

echo
echo "Layout from byte offsets (78x22 viewport, 1000 single-line scrolls each way)"
for f in big.txt long-line.txt cjk.txt rtl.txt; do
	tests/bin/bench_layout "$tmp/hostile/$f" | sed 's/^/  /'
done

# Themes: the full scan against rg and cat, the first screen, highlighting, memory.
echo
printf "%s\n" "Theme scan over a synthetic corpus (tests/gencorpus.c; 12 caseless \\b-bounded"
echo "themes from tests/bench/themes.ini; $(nproc) cores)"
tests/bin/gencorpus "$tmp/c20k" 20000
bytes=$(find "$tmp/c20k" -type f -print0 | xargs -0 cat | wc -c)
echo "  corpus: 20000 articles, $bytes bytes"
mkdir -p "$tmp/nodata"
# secs COMMAND...: wall time of one run, in seconds.
secs() {
	s=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.3f", $2 - $1 }'
}
scan() {
	cache=$1
	shift
	RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$cache" \
	    "$top/rubric" stats --config tests/bench/themes.ini "$@"
}
# Warm the page cache once, so that every contender reads from memory.
find "$tmp/c20k" -type f -print0 | xargs -0 cat >/dev/null
t_cat=$(secs sh -c "find '$tmp/c20k' -type f -print0 | xargs -0 cat")
t_scan=$(secs scan "$tmp/cache-cold-$$" "$tmp/c20k")
rm -rf "$tmp/cache-cold-$$"
t_scan2=$(secs scan "$tmp/cache-cold2-$$" "$tmp/c20k")
t_warm=$(secs scan "$tmp/cache-cold2-$$" "$tmp/c20k")
if command -v rg >/dev/null 2>&1; then
	t_rg=$(secs sh -c "sed -n 's/^pattern = \"\\(.*\\)\"\$/\\1/p' tests/bench/themes.ini |
	    while IFS= read -r p; do rg -P --count-matches -- \"\$p\" '$tmp/c20k'; done")
else
	t_rg=nan
fi
best=$(echo "$t_scan $t_scan2" | awk '{ print ($1 < $2) ? $1 : $2 }')
echo "$best $t_rg $t_cat $t_warm" | awk '{
	printf "  rubric stats, no cache      %7.3f s  (best of 2)\n", $1
	printf "  rg -P --count-matches x 12  %7.3f s  rubric/rg  %.2f (target <= 0.5)\n", $2, $1 / $2
	printf "  cat of every file           %7.3f s  rubric/cat %.2f (target <= 4)\n", $3, $1 / $3
	printf "  rubric stats, cached        %7.3f s\n", $4 }'
# The counts must agree with rg's, or the race means nothing.
if command -v rg >/dev/null 2>&1; then
	agree=yes
	for name in $(sed -n 's/^\[theme \(.*\)\]$/\1/p' tests/bench/themes.ini); do
		p=$(sed -n "/^\\[theme $name\\]/,/^\\[/s/^pattern = \"\\(.*\\)\"\$/\\1/p" tests/bench/themes.ini)
		want=$(rg -P --count-matches -- "$p" "$tmp/c20k" | awk -F: '{ s += $NF } END { print s + 0 }')
		got=$(scan "$tmp/cache-cold2-$$" "$tmp/c20k" | awk -v n="$name" '$1 == n { print $3 }')
		[ "$want" = "$got" ] || { agree=no; echo "  $name: rubric $got, rg $want"; }
	done
	echo "  hit counts agree with rg for every theme: $agree"
fi
# The same twelve themes with fold = yes (rubric(5)): each text folded through
# utf8proc, and searched without the literal guide.
sed 's/^pattern = .*/&\nfold = yes/' tests/bench/themes.ini >"$tmp/themes-fold.ini"
scanfold() {
	RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$1" \
	    "$top/rubric" stats --config "$tmp/themes-fold.ini" "$2"
}
t_fold=$(secs scanfold "$tmp/cache-fold-$$" "$tmp/c20k")
rm -rf "$tmp/cache-fold-$$"
t_fold2=$(secs scanfold "$tmp/cache-fold2-$$" "$tmp/c20k")
rm -rf "$tmp/cache-fold2-$$"
echo "$t_fold $t_fold2 $best" | awk '{ f = ($1 < $2) ? $1 : $2
	printf "  the same themes, fold = yes %7.3f s  (best of 2)  %.2fx the plain scan\n", f, f / $3 }'

echo
echo "Export of the 20,000 articles to JSON Lines with snippets (target: at most 2x the scan)"
export_jsonl() {
	RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$1" "$top/rubric" export -f jsonl \
	    --config tests/bench/themes.ini -o "$tmp/export.jsonl" --force "$tmp/c20k"
}
rm -rf "$tmp/export-cache"
t_exp_cold1=$(secs export_jsonl "$tmp/export-cache")
rm -rf "$tmp/export-cache"
t_exp_cold2=$(secs export_jsonl "$tmp/export-cache")
t_exp_cold=$(echo "$t_exp_cold1 $t_exp_cold2" | awk '{ print ($1 < $2) ? $1 : $2 }')
t_exp1=$(secs export_jsonl "$tmp/export-cache")
t_exp2=$(secs export_jsonl "$tmp/export-cache")
lines=$(wc -l <"$tmp/export.jsonl")
size=$(wc -c <"$tmp/export.jsonl")
snips=$(jq '.snippets | length' "$tmp/export.jsonl" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
echo "$t_exp_cold $t_exp1 $t_exp2 $best $lines $size $snips" | awk '{
	w = ($2 < $3) ? $2 : $3
	printf "  %d lines, %d bytes, %d snippets\n", $5, $6, $7
	printf "  no cache (counted as it goes, best of 2) %6.3f s  %.2fx the scan\n", $1, $1 / $4
	printf "  cached counts (best of 2)                %6.3f s  %.2fx the scan\n", w, w / $4 }'

echo
echo "First full screen (80x24; cold: no scan cache yet, warm: the cache of the last run)"
tests/bin/gencorpus "$tmp/c100k" 100000
find "$tmp/c100k" -type f -print0 | xargs -0 cat >/dev/null
for n in 20k 100k; do
	for state in cold warm; do
		[ "$state" = cold ] && rm -rf "$tmp/screen-cache-$n"
		out=$(TERM=xterm-256color RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$tmp/screen-cache-$n" \
		    tests/bin/ptybytes -q 200 -w 60000 -k "wait:$([ $n = 100k ] && echo 12000 || echo 4000),q" -- \
		    "$top/rubric" --config tests/bench/themes.ini "$tmp/c$n")
		ms=$(echo "$out" | awk '$1 == "first-screen-ms" { print $2 }')
		rss=$(echo "$out" | awk '$1 == "maxrss-kb" { printf "%.1f", $2 / 1024 }')
		printf "  %-5s articles, %-4s  first screen %5s ms   peak RSS %6s MB (after the scan)\n" \
		    "$n" "$state" "$ms" "$rss"
	done
done
echo "  targets: 150 ms warm at 20k, 1000 ms warm at 100k; peak RSS 150 MB at 100k"
# The head store's share of a warm start: the same, every head read from its file.
out=$(TERM=xterm-256color RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$tmp/screen-cache-100k" \
    RUBRIC_NO_HEADSTORE=1 tests/bin/ptybytes -q 200 -w 60000 -k "wait:4000,q" -- \
    "$top/rubric" --config tests/bench/themes.ini "$tmp/c100k")
echo "  100k  articles, warm, RUBRIC_NO_HEADSTORE=1: first screen $(echo "$out" |
    awk '$1 == "first-screen-ms" { print $2 }') ms (the line above: from the head store)"

echo
# The sidecar is named: the reading-mode runs above made one in $tmp, which a walk up
# from the corpus would find.
echo "100,000 articles with a sidecar of 100,000 entries (a tag each)"
t_tag=$(secs env RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$tmp/screen-cache-100k" \
    "$top/rubric" tag --config tests/bench/themes.ini --sidecar "$tmp/c100k/.rubric.ini" \
    -q 'path:*' +bench -- "$tmp/c100k")
echo "  rubric tag -q 'path:*' +bench on all of them: $t_tag s"
ls -la "$tmp/c100k/.rubric.ini" | awk '{ printf "  sidecar: %d bytes\n", $5 }'
out=$(TERM=xterm-256color RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$tmp/screen-cache-100k" \
    tests/bin/ptybytes -t -q 200 -w 60000 \
    -k "wait:6000,repeat:20:j,tab,repeat:20:j,G,g,t,n,e,w,enter,l,t,a,g,colon,b,e,n,c,h,enter,L,q" -- \
    "$top/rubric" --config tests/bench/themes.ini --sidecar "$tmp/c100k/.rubric.ini" \
    "$tmp/c100k")
echo "$out" | awk -F '\t' '
	$1 ~ /^first-screen-ms / { split($0, f, " "); printf "  first screen %s ms\n", f[2] }
	$1 ~ /^maxrss-kb / { split($0, f, " "); printf "  peak RSS %.1f MB\n", f[2] / 1024 }
	NF == 3 && $1 == "j" { n++; s += $3; if ($3 > m) m = $3 }
	NF == 3 && $1 == "enter" { e++; if (e == 1) tag = $3; else lim = $3 }
	NF == 3 && $1 == "L" { un = $3 }
	END { printf "  j: mean %.1f ms, max %d ms over %d presses\n", s / n, m, n
	    printf "  a tag saved to the 100,000-entry sidecar: %d ms to the screen\n", tag
	    printf "  l tag:bench (100,000 match): %d ms; L: %d ms\n", lim, un }'
echo "  targets: first screen 1000 ms, RSS 150 MB; keys answer at once"

echo
echo "Queries over 100,000 articles, counts from a warm cache (target 100 ms; best of 3)"
RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$tmp/screen-cache-100k" tests/bin/bench_query \
    tests/bench/themes.ini "$tmp/c100k" 'theme:deir>=2 and not theme:isis' \
    'tag:x or auto:deir' 'title:/Kamal/ date:>=2017-09' 'path:d01*' \
    'unread and (theme:oil or theme:water>3)'

echo
echo "Text queries over 100,000 articles through the text index (cold: building it)"
tq() {
	RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$tmp/screen-cache-100k" "$@" \
	    "$top/rubric" list -q "$q" "$tmp/c100k"
}
# A lowercase word is answered by the index alone; with a capital, its candidates
# are read.
for q in text:ceasefire text:kikudesa text:Ceasefire '"truce valley"'; do
	[ "$q" = text:ceasefire ] && rm -f "$tmp"/screen-cache-100k/rubric/text-*
	t_cold=$(secs tq env)
	t_warm=$(secs tq env)
	t_none=$(secs tq env RUBRIC_NO_INDEX=1)
	w=$(echo "$q" | sed 's/^text://; s/"//g')
	t_rg=$(command -v rg >/dev/null 2>&1 && secs rg -l -i -w "$w" "$tmp/c100k" || echo nan)
	printf "  %-16s %s %6s s  warm %6s s  RUBRIC_NO_INDEX=1 %6s s  rg -l -i -w %6s s\n" \
	    "$q" "$([ "$q" = text:ceasefire ] && echo cold || echo then)" \
	    "$t_cold" "$t_warm" "$t_none" "$t_rg"
done
ls -l "$tmp"/screen-cache-100k/rubric/text-* | awk '{ printf "  index: %d bytes\n", $5 }'
# The cold build against the cold theme scan of the same corpus (issue 15, goal 5).
rm -rf "$tmp/text-cold-$$"
t_build=$(secs env RUBRIC_DATADIR="$tmp/nodata" XDG_CACHE_HOME="$tmp/text-cold-$$" \
    "$top/rubric" list -q text:ceasefire "$tmp/c100k")
rm -rf "$tmp/text-cold-$$"
t_scan=$(secs scan "$tmp/text-cold-$$" "$tmp/c100k")
rm -rf "$tmp/text-cold-$$"
echo "$t_build $t_scan" | awk '{ printf "  cold walk and index %6.3f s, cold theme scan %6.3f s: %.1fx (target 2x)\n", $1, $2, $1 / $2 }'
echo "  target: 200 ms warm at 1,000,000 (issue 15)"

echo
echo "Highlighting the first screen of a big article (12 themes; visible rows and 64 KiB)"
find "$tmp/c20k" -type f | sort | head -4000 | xargs cat >"$tmp/big-all.txt"
for mb in 1 2 5 10; do
	head -c $((mb * 1048576)) "$tmp/big-all.txt" >"$tmp/big-$mb.txt"
	tests/bin/bench_layout -c tests/bench/themes.ini "$tmp/big-$mb.txt" |
	    sed 's/^/  /; s/  line down.*highlight/  highlight/'
done
echo "  target: 20 ms for 10 MB, growing linearly at most"

echo
echo "Sidecar (tests/bin/bench_sidecar: save, load, one tag change saved)"
tests/bin/bench_sidecar "$tmp/sidecar.ini" 100000
# One command tags 10,000 articles of the synthetic corpus.
touch "$tmp/c20k/.rubric.ini"
t_tag=$(secs sh -c "find '$tmp/c20k' -name '*.txt' | sort | head -10000 |
    xargs sh -c '\"$top/rubric\" tag +bench -- \"\$@\"' rubric")
n_tag=$("$top/rubric" tags "$tmp/c20k" | awk -F '\t' '$4 == "bench" { print $1 }')
echo "  rubric tag +bench on 10,000 files: $t_tag s ($n_tag articles carry the tag)"
