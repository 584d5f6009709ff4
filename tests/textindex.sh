#!/bin/sh
# The text index never lies (issue 15, goal 5): over 30 rounds with a fixed seed,
# files of a corpus are edited in place, edited keeping their size and mtime (touch
# -r: only the ctime tells), appended to, removed, added and renamed, and after each
# round every query (words, phrases, case, and/or/not with themes and tags) lists
# exactly what a full read lists (RUBRIC_NO_INDEX=1).
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config XDG_CACHE_HOME XDG_CONFIG_HOME
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-textindex.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache
XDG_CONFIG_HOME=$tmp/xdg
# The rounds change files faster than the racy window: the stamps alone must tell.
export RUBRIC_INDEX_RACY=0
c=$tmp/c
mkdir -p "$c/sub"
cat >"$c/.rubric-themes.ini" <<'EOF'
[theme deir]
pattern = "deir[- ]?(?:ez|el)?[- ]?zor"
autotag = 1
[theme oil]
pattern = "\boil ?fields?\b"
EOF
n=0
seed=${TEXTINDEX_SEED:-1515}

# rnd N: a number in [0, N) from the seeded generator (an LCG kept in $seed).
rnd() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (seed / 65536) % $1 ))
}

# A line of words drawn from a vocabulary where substrings, phrases, case, punctuation
# and letters beyond ASCII all matter; and where a lone lowercase word, answered by
# the index without reading, could be cut or folded otherwise by FTS5 than by PCRE2:
# letters beyond ASCII next to it, digits, '_', a URL, quotes, Turkish i, the Kelvin
# sign and long s, a combining mark, a connector, signs newer than FTS5's tables.
kelvin=$(printf '\342\204\252')
mark=$(printf 'e\314\201')
words="oil soil Oil OIL oil-field oilfield field convoy Convoy Deir ez-Zor ez zor
U.S. U.S field. fields naïve naive cafe café oil_price price the a of and
spoil boil toil Zor deir-ezzor crude tanker Raqqa raqqa
comment commenté ßcomment comment2 2024 x_y http://example.com/comment-2024
“comment” İstanbul ıstanbul istanbul ${kelvin}elvin ſoil caf$mark comment‿x
100₽comment comment🌶 تعليق"
nwords=0
for w in $words; do
	nwords=$((nwords + 1))
	eval "word$nwords=\$w"
done
line() {
	out=
	rnd 12
	k=$((r + 3))
	while [ "$k" -gt 0 ]; do
		rnd "$nwords"
		eval "w=\$word$((r + 1))"
		out="$out $w"
		k=$((k - 1))
	done
	echo "${out# }"
}

# article FILE: a title line, a blank line, a few lines of words.
article() {
	{
		echo "Title: $(line)"
		echo
		line
		line
		rnd 3
		[ "$r" -eq 0 ] && line
	} >"$1"
}

count=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24; do
	count=$((count + 1))
	case $((i % 3)) in
	0) article "$c/sub/f$count.txt" ;;
	*) article "$c/f$count.txt" ;;
	esac
done

# pick: a file of the corpus at random in $f, or nothing when it is empty.
pick() {
	set -- $(find "$c" -name '*.txt' | sort)
	f=
	[ $# -eq 0 ] && return
	rnd $#
	eval "f=\${$((r + 1))}"
}

# mutate: one change of a file at random.
mutate() {
	rnd 7
	case $r in
	0)	pick; [ -n "$f" ] && article "$f" ;;			# edit in place
	1)	pick	# the same size and mtime, words the queries look for put in
		if [ -n "$f" ]; then
			cp -p "$f" "$tmp/ref"
			sed 's/boil/ oil/; s/spoil/ oil /; s/cafe/ zor/; s/Raqqa/U.S. /
			    s/naive/crude/; s/price/Oil  /; s/ßcomment/x comment/
			    s/comment2/comment_/' "$f" >"$tmp/new"
			cat "$tmp/new" >"$f"
			touch -r "$tmp/ref" "$f"
		fi ;;
	2)	pick; [ -n "$f" ] && line >>"$f" ;;			# append
	3)	pick; [ -n "$f" ] && rm -f "$f" ;;			# remove
	4)	count=$((count + 1)); article "$c/f$count.txt" ;;	# add
	5)	pick; count=$((count + 1))				# rename
		[ -n "$f" ] && mv "$f" "$c/sub/r$count.txt" ;;
	6)	pick	# words glued and cut: oil becomes soil, soil s oil
		if [ -n "$f" ]; then
			sed 's/ oil/ soil/; s/soil /s oil /' "$f" >"$tmp/new"
			cat "$tmp/new" >"$f"
		fi ;;
	esac
}

queries='oil
soil
Oil
OIL
"oil-field"
"oil field"
"field oil"
"crude tanker"
field.
U.S.
U.S
"ez-Zor"
text:zor
naïve
café
oil_price
title:convoy
title:"ez-Zor"
oil and not soil
oil or convoy
not oil
oil and theme:deir
theme:oil or "Deir ez-Zor"
tag:marked and oil
tag:marked or "U.S. field"
not tag:marked and (crude | tanker) and not Raqqa
/oil/
note:oil
comment
text:comment and oil
comment and not theme:deir
istanbul
2024
x_y
kelvin
soil or s
example'

# RUBRIC_TEST_SHORT (make check-sanitize) runs 7 rounds, not 31: the sanitizers
# look for memory errors, which the first rounds' paths show; make check runs them all.
last=30
[ -n "${RUBRIC_TEST_SHORT-}" ] && last=6
bad=0
round=0
while [ "$round" -le "$last" ]; do
	if [ "$round" -gt 0 ]; then
		# Past the tick of the clock that stamps files.
		sleep 0.02
		k=0
		while [ "$k" -lt 4 ]; do
			mutate
			k=$((k + 1))
		done
	fi
	if [ "$round" -eq $((last / 3)) ] || [ "$round" -eq $((2 * last / 3)) ]; then
		./rubric tag -q 'convoy or tanker' +marked -- "$c" >/dev/null 2>&1
	fi
	[ "$round" -eq "$last" ] && unset RUBRIC_INDEX_RACY
	echo "$queries" | while IFS= read -r q; do
		./rubric list -q "$q" "$c" >"$tmp/with" 2>&1
		echo "exit $?" >>"$tmp/with"
		RUBRIC_NO_INDEX=1 ./rubric list -q "$q" "$c" >"$tmp/without" 2>&1
		echo "exit $?" >>"$tmp/without"
		if ! cmp -s "$tmp/with" "$tmp/without"; then
			echo "# round $round, query $q: the index and a full read differ"
			diff "$tmp/without" "$tmp/with" | sed 's/^/# /'
		fi
	done >"$tmp/round"
	if [ -s "$tmp/round" ]; then
		cat "$tmp/round"
		bad=$((bad + 1))
	fi
	round=$((round + 1))
done
n=$((n + 1))
if [ "$bad" -eq 0 ]; then
	echo "ok $n - $((last + 1)) rounds of changes: every query lists what a full read lists"
else
	echo "not ok $n - $bad rounds where the index and a full read differ"
fi

# A corpus as the last update left it is answered from its snapshot, without the
# files' rows; a change of any file's stamp (touch changes its ctime) is not. (The
# racy window is the coarse clock's test, in cache.sh.)
n=$((n + 1))
export RUBRIC_INDEX_RACY=0
: >"$tmp/snaplog"
./rubric list -q oil "$c" >/dev/null 2>&1
RUBRIC_LOG=$tmp/snaplog ./rubric list -q oil "$c" >"$tmp/snap1" 2>&1
one=$(grep -c 'as the snapshot has them' "$tmp/snaplog")
set -- "$c"/*.txt
printf 'oil and more oil\n' >>"$1"
touch "$2"
: >"$tmp/snaplog"
RUBRIC_LOG=$tmp/snaplog ./rubric list -q oil "$c" >"$tmp/snap2" 2>&1
RUBRIC_NO_INDEX=1 ./rubric list -q oil "$c" >"$tmp/snap3" 2>&1
two=$(grep -c 'as the snapshot has them' "$tmp/snaplog")
if [ "$one" = 1 ] && [ "$two" = 0 ] && cmp -s "$tmp/snap2" "$tmp/snap3" &&
    grep -q "^${1#"$c"/}	" "$tmp/snap2"; then
	echo "ok $n - an unchanged corpus is answered from the snapshot; a changed one is not"
else
	echo "not ok $n - snapshot: used $one then $two times"
	diff "$tmp/snap3" "$tmp/snap2" | sed 's/^/# /'
fi

# A command that takes the catalogue's image (every file still as it stamped them)
# knows its corpus by the image's checksum: from the second such command on, the
# snapshot is taken without going over the articles. A file changed since makes a
# walk, and the corpus is not the image's. (The first run here walks, the second
# makes the image, the third takes it and goes over the articles once.)
n=$((n + 1))
for run in 1 2 3; do
	./rubric list -q oil "$c" >/dev/null 2>&1
done
: >"$tmp/snaplog"
RUBRIC_LOG=$tmp/snaplog ./rubric list -q oil "$c" >"$tmp/claim1" 2>&1
one=$(grep -c "the corpus is the image's" "$tmp/snaplog")
took=$(grep -c 'catimage: [0-9]* articles taken' "$tmp/snaplog")
sleep 0.02
printf 'one more oil\n' >>"$2"
: >"$tmp/snaplog"
RUBRIC_LOG=$tmp/snaplog ./rubric list -q oil "$c" >"$tmp/claim2" 2>&1
two=$(grep -c "the corpus is the image's" "$tmp/snaplog")
RUBRIC_NO_INDEX=1 ./rubric list -q oil "$c" >"$tmp/claim3" 2>&1
if [ "$one" = 1 ] && [ "$took" = 1 ] && [ "$two" = 0 ] && cmp -s "$tmp/claim1" "$tmp/snap2" &&
    cmp -s "$tmp/claim2" "$tmp/claim3" && grep -q "^${2#"$c"/}	" "$tmp/claim2"; then
	echo "ok $n - the image's corpus is known by its checksum; a changed one is not"
else
	echo "not ok $n - image's checksum: claimed $one then $two times, image taken $took"
	diff "$tmp/claim3" "$tmp/claim2" | sed 's/^/# /'
fi
unset RUBRIC_INDEX_RACY

# The index was made and used: it is there, and it is a database.
n=$((n + 1))
set -- "$XDG_CACHE_HOME"/rubric/text-*.sqlite
if [ -f "$1" ] && head -c 15 "$1" | grep -q 'SQLite format 3'; then
	echo "ok $n - the index is in the cache folder"
else
	echo "not ok $n - no index in $XDG_CACHE_HOME/rubric"
fi

# The queries found something: a property over empty answers proves nothing.
n=$((n + 1))
found=$(echo "$queries" | while IFS= read -r q; do
	./rubric list -q "$q" "$c" 2>/dev/null | head -1
done | grep -c .)
if [ "$found" -ge 15 ]; then
	echo "ok $n - $found of the queries match some article"
else
	echo "not ok $n - only $found of the queries match any article"
fi

# Turned off, or the cache folder not usable: the same answers, read in full.
n=$((n + 1))
./rubric list -q oil "$c" >"$tmp/with" 2>&1
touch "$tmp/notdir"
XDG_CACHE_HOME=$tmp/notdir ./rubric list -q oil "$c" >"$tmp/without" 2>&1
if cmp -s "$tmp/with" "$tmp/without" && [ -s "$tmp/with" ]; then
	echo "ok $n - an index that cannot be opened: the same list, read in full"
else
	echo "not ok $n - without the index the list differs"
	diff "$tmp/with" "$tmp/without" | sed 's/^/# /'
fi

# The index holds every word of the corpus: like the head store, only its owner
# reads it, even where the cache folder is open to all.
n=$((n + 1))
chmod 755 "$XDG_CACHE_HOME/rubric"
rm -f "$XDG_CACHE_HOME"/rubric/text-*
./rubric list -q oil "$c" >/dev/null 2>&1
modes=$(stat -c '%a' "$XDG_CACHE_HOME"/rubric/text-* | sort -u)
if [ "$modes" = 600 ]; then
	echo "ok $n - the index is made 0600 (its -wal and -shm take its mode)"
else
	echo "not ok $n - the index is made with modes $modes"
fi

# A damaged index: made anew, the same answers.
n=$((n + 1))
for f in "$XDG_CACHE_HOME"/rubric/text-*.sqlite; do
	head -c 4096 /dev/urandom >"$f"
done
./rubric list -q oil "$c" >"$tmp/without" 2>&1
if cmp -s "$tmp/with" "$tmp/without"; then
	echo "ok $n - a damaged index is made anew, with the same answers"
else
	echo "not ok $n - after damage the list differs"
	diff "$tmp/with" "$tmp/without" | sed 's/^/# /'
fi

# An article holding a phrase's words apart is not listed for it, though it is for
# the words.
n=$((n + 1))
printf 'Title: apart\n\ntanker of crude, field then oil\n' >"$c/apart.txt"
./rubric list -q '"crude tanker" or "oil field"' "$c" >"$tmp/with" 2>&1
RUBRIC_NO_INDEX=1 ./rubric list -q '"crude tanker" or "oil field"' "$c" \
    >"$tmp/without" 2>&1
./rubric list -q 'tanker and crude and field and oil' "$c" >"$tmp/all" 2>&1
if ! grep -q apart "$tmp/with" && grep -q apart "$tmp/all" &&
    cmp -s "$tmp/with" "$tmp/without"; then
	echo "ok $n - a phrase whose words stand apart does not match"
else
	echo "not ok $n - words apart taken for a phrase"
	diff "$tmp/without" "$tmp/with" | sed 's/^/# /'
fi

# A phrase's words parted by punctuation, two spaces or a line end are the phrase,
# the same with and without the index (test_textindex shows the index answers it
# without reading).
n=$((n + 1))
printf 'Title: together\n\nthe crude,\ntanker; oil  field\n' >"$c/together.txt"
./rubric list -q '"crude tanker" and "oil field"' "$c" >"$tmp/with" 2>&1
RUBRIC_NO_INDEX=1 ./rubric list -q '"crude tanker" and "oil field"' "$c" \
    >"$tmp/without" 2>&1
if grep -q together "$tmp/with" && cmp -s "$tmp/with" "$tmp/without"; then
	echo "ok $n - a phrase's words parted by punctuation or a line end match"
else
	echo "not ok $n - a phrase across punctuation or a line end"
	diff "$tmp/without" "$tmp/with" | sed 's/^/# /'
fi

# A phrase's words parted by what both FTS5 and PCRE2 take for no word (a soft
# hyphen, a zero-width joiner or non-joiner, a no-break or ideographic space, a
# BOM inside the text, a typographic apostrophe, CRLF), or in the title, at the
# start or the end of a file, are the phrase; glued by '_', a digit or a
# superscript they are one word, and not. The same with and without the index.
n=$((n + 1))
mkdir "$c/sep"
for s in shy:'\302\255' zwnj:'\342\200\214' zwj:'\342\200\215' nbsp:'\302\240' \
    bom:'\357\273\277' rsquo:'\342\200\231' ideo:'\343\200\200' crlf:'\r\n' \
    glued_:_ glued2:2 gluedsup:'\302\262'; do
	printf "Title: s\n\nwell oil${s#*:}field\n" >"$c/sep/${s%%:*}.txt"
done
printf '\357\273\277oil field' >"$c/sep/edges.txt"
printf 'Title: oil field\n\nnone\n' >"$c/sep/title.txt"
./rubric list -q '"oil field"' "$c/sep" | cut -f1 >"$tmp/with" 2>&1
RUBRIC_NO_INDEX=1 ./rubric list -q '"oil field"' "$c/sep" | cut -f1 \
    >"$tmp/without" 2>&1
printf '%s.txt\n' bom crlf edges ideo nbsp rsquo shy title zwj zwnj >"$tmp/want"
if cmp -s "$tmp/with" "$tmp/want" && cmp -s "$tmp/without" "$tmp/want"; then
	echo "ok $n - a phrase across a soft hyphen, a joiner, a no-break space, a BOM, CRLF"
else
	echo "not ok $n - a phrase across invisible separators"
	diff "$tmp/want" "$tmp/with" | sed 's/^/# with: /'
	diff "$tmp/want" "$tmp/without" | sed 's/^/# without: /'
fi
