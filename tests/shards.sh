#!/bin/sh
# The recipe of README.md's "Many machines", run with GNU parallel over three local
# shards of a written corpus: each shard a root of its own holding some of the
# corpus's top folders and a copy of its sidecar. The merged stats (text and jsonl),
# the concatenated exports (jsonl, csv) and the merged sidecars must equal what one
# run over the whole corpus gives.
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config XDG_CACHE_HOME
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-shards.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; fi; }
# Two outputs the same, or the first lines where they differ.
same() {
	if cmp -s "$1" "$2"; then
		ok "$3"
	else
		notok "$3"
		diff "$1" "$2" | head -20 | sed 's/^/# /'
	fi
}

# make check installs it (DEBIAN_PKGS); without it the recipe is not tested at all,
# and that is a failure, not a skip.
if ! command -v parallel >/dev/null 2>&1; then
	notok "GNU parallel is not installed: run make deps (apt-get install parallel)"
	exit 1
fi
# Its own folder (tmp files, the citation notice) in the scratch one, not in $HOME.
export PARALLEL_HOME="$tmp/parallel"
par() { parallel --will-cite "$@"; }

r=$(pwd)/rubric
cfg=$tmp/themes.ini
cat >"$cfg" <<'EOF'
[theme river]
pattern = "(?i)\beuphrates\b"
autotag = 2
[theme oil]
pattern = "(?i)\b(?:crude|refinery|tankers?)\b"
[theme camp]
pattern = "(?i)\b(?:camp|displaced)\b"
autotag = 3
EOF

# Five top folders of eight articles, the words drawn by a fixed generator: the same
# corpus on every run.
w=$tmp/whole
for y in 2015 2016 2017 2018 2019; do
	mkdir -p "$w/$y"
	awk -v y="$y" -v dir="$w/$y" 'BEGIN {
		split("Euphrates crude camp tankers displaced refinery", t, " ")
		split("the of river road market water town council said were " \
		    "trucks prices talks week", v, " ")
		s = y
		for (a = 1; a <= 8; a++) {
			f = sprintf("%s/report-%02d.txt", dir, a)
			printf "Title: Report %s-%d from the river\n\n", y, a >f
			# How often a theme word comes, per article: 0 to 14 in 100.
			p = (a * 7 + y) % 15
			for (i = 0; i < 60; i++) {
				s = (s * 16807) % 2147483647
				if (s % 100 < p)
					word = t[int(s / 100) % 6 + 1]
				else
					word = v[int(s / 100) % 14 + 1]
				printf "%s%s", word, i % 12 == 11 ? ".\n" : " " >f
			}
			close(f)
		}
	}'
done
# A binary file and one that cannot be read count in the first line.
printf 'bin\000ary\n' >"$w/2016/blob.txt"
touch "$w/.rubric.ini"
"$r" tag +Urgent -- "$w/2015/report-01.txt" "$w/2018/report-03.txt" 2>/dev/null
"$r" note "$w/2017/report-02.txt" 'seen; check the second source' 2>/dev/null

# The shards: each its own root with some of the top folders, in their order, and
# the sidecar as it was when the corpus was split.
cp "$w/.rubric.ini" "$tmp/base.ini"
for s in 1:2015:2016 2:2017 3:2018:2019; do
	d=$tmp/shards/${s%%:*}
	mkdir -p "$d"
	for y in $(echo "${s#*:}" | tr : ' '); do
		cp -R "$w/$y" "$d/"
	done
	cp "$tmp/base.ini" "$d/.rubric.ini"
done
cp -R "$w" "$tmp/joined"
cp -R "$w" "$tmp/one"
shards="$tmp/shards/1 $tmp/shards/2 $tmp/shards/3"

# tag -q over the whole corpus, and over the shards at once.
"$r" tag --config "$cfg" -q 'theme:oil>=3 and not theme:camp' +heavy -- "$w" \
    2>"$tmp/err"
check "tag -q over the whole corpus tags some articles" \
    "[ \"\$('$r' list -q tag:heavy '$w' | wc -l)\" -gt 0 ]"
par "$r" tag --config "$cfg" -q "'theme:oil>=3 and not theme:camp'" +heavy -- {} \
    ::: $shards 2>"$tmp/err"
rc=$?
check "tag -q runs on every shard under parallel" "[ $rc = 0 ]"

# The shards' sidecars merged into one, from the sidecar they were split from.
cp "$tmp/shards/1/.rubric.ini" "$tmp/merged.ini"
rc=0
for s in 2 3; do
	"$r" merge-sidecar "$tmp/base.ini" "$tmp/merged.ini" \
	    "$tmp/shards/$s/.rubric.ini" .rubric.ini 2>>"$tmp/err" || rc=1
done
check "merge-sidecar joins the shards' sidecars without a conflict" "[ $rc = 0 ]"
cp "$tmp/merged.ini" "$tmp/joined/.rubric.ini"
"$r" list --config "$cfg" "$w" >"$tmp/list.whole"
"$r" list --config "$cfg" "$tmp/joined" >"$tmp/list.joined"
same "$tmp/list.whole" "$tmp/list.joined" \
    "the merged sidecar gives every article the tags one run gives it"
# Shards that are folders of one corpus share its sidecar: nothing to merge.
par "$r" tag --config "$cfg" -q "'theme:oil>=3 and not theme:camp'" +heavy -- {} \
    ::: "$tmp"/one/20* 2>"$tmp/err"
"$r" list --config "$cfg" "$tmp/one" >"$tmp/list.one"
same "$tmp/list.whole" "$tmp/list.one" \
    "tag -q over the folders of one corpus at once loses no tag in its one sidecar"
"$r" list --config "$cfg" -q tag:heavy "$w" >"$tmp/heavy.whole"
par -k "$r" list --config "$cfg" -q tag:heavy {} ::: $shards >"$tmp/heavy.shards"
same "$tmp/heavy.whole" "$tmp/heavy.shards" \
    "the shards' tag:heavy lists, concatenated, are the whole corpus's"

# stats: each shard's jsonl, merged, is the whole corpus's, as text and as jsonl.
par -k "$r" stats --config "$cfg" --format jsonl {} ::: $shards \
    >"$tmp/stats.shards" 2>"$tmp/err"
"$r" stats --config "$cfg" "$w" >"$tmp/stats.whole"
"$r" stats --merge "$tmp/stats.shards" >"$tmp/stats.merged" 2>"$tmp/err"
same "$tmp/stats.whole" "$tmp/stats.merged" \
    "stats --merge of the shards' jsonl is the whole corpus's stats"
check "the merged stats count the binary file and the tags" \
    "grep -q '^40 articles, 1 binary skipped, 0 unreadable\$' '$tmp/stats.merged' && \
grep -q '^Urgent  *2  *0 ' '$tmp/stats.merged' && grep -q '^heavy ' '$tmp/stats.merged'"
"$r" stats --config "$cfg" --format jsonl "$w" >"$tmp/stats.whole.jsonl"
par "$r" stats --config "$cfg" --format jsonl {} ::: $shards |
    "$r" stats --merge --format jsonl >"$tmp/stats.merged.jsonl" 2>"$tmp/err"
same "$tmp/stats.whole.jsonl" "$tmp/stats.merged.jsonl" \
    "stats --merge --format jsonl, from standard input in any order, is the whole's jsonl"
check "the jsonl sums with jq as the README says" \
    "[ \"\$(jq -s '[.[] | select(.stats == \"theme\" and .theme == \"oil\") | .hits] | add' \
'$tmp/stats.shards')\" = \"\$(jq 'select(.stats == \"theme\" and .theme == \"oil\") | .hits' \
'$tmp/stats.whole.jsonl')\" ]"
"$r" stats --config "$cfg" -q 'theme:river' --format jsonl "$w" >"$tmp/q.whole"
par -k "$r" stats --config "$cfg" -q theme:river --format jsonl {} ::: $shards |
    "$r" stats --merge --format jsonl >"$tmp/q.merged"
same "$tmp/q.whole" "$tmp/q.merged" "stats -q merges too, the corpus counted whole"

# A shard counted with other themes is refused, naming the theme and where.
grep -v '"theme":"camp"' "$tmp/stats.shards" >"$tmp/nocamp"
"$r" stats --merge "$tmp/stats.whole.jsonl" "$tmp/nocamp" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "stats --merge refuses an output that lacks a theme, exit 2, nothing printed" \
    "[ $rc = 2 ] && [ ! -s '$tmp/out' ] && \
grep -q \"^rubric: stats: $tmp/nocamp:1: theme 'camp' of $tmp/stats.whole.jsonl:1 is missing from this output\$\" '$tmp/err'"
{ head -1 "$tmp/stats.whole.jsonl"; echo '{"path":"2015/report-01.txt"}'; } >"$tmp/bad"
"$r" stats --merge <"$tmp/bad" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "stats --merge refuses a line that is no stats record" \
    "[ $rc = 2 ] && grep -q '^rubric: stats: (standard input):2: not a stats record\$' '$tmp/err'"

# Exports: jsonl concatenated in the shards' order; csv with the first header only.
"$r" export --config "$cfg" -f jsonl "$w" >"$tmp/x.whole" 2>"$tmp/err"
par -k "$r" export --config "$cfg" -f jsonl {} ::: $shards >"$tmp/x.shards" 2>"$tmp/err"
same "$tmp/x.whole" "$tmp/x.shards" "the shards' jsonl exports concatenate into the whole's"
check "the jsonl export carries the shards' tags" \
    "[ \"\$(jq -r 'select(.tags | index(\"heavy\")) | .path' '$tmp/x.shards' | wc -l)\" = \
\"\$(wc -l <'$tmp/heavy.whole')\" ]"
"$r" export --config "$cfg" -f csv "$w" >"$tmp/c.whole" 2>"$tmp/err"
{
	"$r" export --config "$cfg" -f csv "$tmp/shards/1" | head -n 1
	par -k "'$r' export --config '$cfg' -f csv {} | tail -n +2" ::: $shards
} >"$tmp/c.shards" 2>"$tmp/err"
same "$tmp/c.whole" "$tmp/c.shards" \
    "the shards' csv exports, headers but the first cut, concatenate into the whole's"

echo "1..$n"
