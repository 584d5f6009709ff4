#!/bin/sh
# The scan cache is checked, never trusted: 240 damaged copies of a corpus's cache
# (cut, bits and bytes flipped, ranges zeroed, junk, another corpus's cache, a FIFO
# in its place...) each give exactly the stats, tags and export of a fresh scan and
# are replaced by a good cache; and an article rewritten with its size and mtime put
# back (touch -r) is counted again. The head store beside it gives the heads a read
# gives, hostile names and all, and reads again a title edited in place. The damage comes from a fixed seed: a failure
# names its round, and CACHE_SEED and CACHE_ROUNDS replay it.
set -u
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-cache.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export RUBRIC_DATADIR=config XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
# The rounds change files faster than the racy window: the stamps alone must tell,
# but for the test of that window at the end.
export RUBRIC_INDEX_RACY=0
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

# A corpus of four dozen articles: the sample, and three copies of it whose texts
# end in more hits, so that every article's counts are its own.
cp -R tests/sample "$tmp/c"
for k in 1 2 3; do
	mkdir "$tmp/c/copy$k"
	for f in $(cd tests/sample && find . -type f -name '*.*'); do
		g=$tmp/c/copy$k/$(echo "$f" | tr '/' '-' | sed 's/^\.-//')
		{ cat "tests/sample/$f"; i=0
		  while [ $i -lt $k ]; do echo "Deir ez-Zor, ISIS and the SDF at Mayadin."; i=$((i + 1)); done
		} >"$g"
	done
done
# And another corpus, whose cache is put in place of c's.
mkdir "$tmp/d"
cp tests/sample/*.txt "$tmp/d"

# The truth: every output with no cache at all. (A cache that made rubric wait, as
# a FIFO once did, fails the round rather than the suite.) The rounds damage the
# scan cache, which the catalogue's image would stand in for: none is made or taken
# until they end.
export RUBRIC_NO_IMAGE=1
run() {
	case $1 in
	stats)	timeout 60 ./rubric stats "$tmp/c" ;;
	tags)	timeout 60 ./rubric tags "$tmp/c" ;;
	export)	timeout 60 ./rubric export -f jsonl "$tmp/c" ;;
	esac
}
for cmd in stats tags export; do
	run $cmd >"$tmp/fresh.$cmd" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
	rm -rf "$tmp/cache"
done
./rubric stats "$tmp/c" >/dev/null
./rubric stats "$tmp/d" >/dev/null
cache=$(grep -l -F -e "$tmp/c/copy1" "$tmp"/cache/rubric/scan-*)
other=$(grep -L -F -e "$tmp/c/copy1" "$tmp"/cache/rubric/scan-*)
if [ -f "$cache" ] && [ -f "$other" ] && [ "$cache" != "$other" ]; then
	ok "one cache file for each corpus"
else
	notok "one cache file for each corpus (c: $cache, d: $other)"
	exit 1
fi
cp "$cache" "$tmp/good"
size=$(wc -c <"$tmp/good")
same=yes
for cmd in stats tags export; do
	run $cmd >"$tmp/out" 2>&1
	cmp -s "$tmp/out" "$tmp/fresh.$cmd" || same=no
done
# A good cache is read, not rebuilt: its inode stays.
ino=$(ls -i "$cache" | cut -d' ' -f1)
run stats >/dev/null
[ "$same" = yes ] && [ "$(ls -i "$cache" | cut -d' ' -f1)" = "$ino" ] &&
    cmp -s "$cache" "$tmp/good" && ok "a good cache gives the fresh outputs and is kept" ||
    notok "a good cache gives the fresh outputs and is kept"

# The damage, from a linear congruential generator in shell arithmetic: the same
# on every machine, unlike awk's rand().
seed=${CACHE_SEED:-20241130}
rounds=${CACHE_ROUNDS:-240}
# randn N: r is a number in [0, N).
randn() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( seed / 65536 ))
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (r * 32768 + seed / 65536) % $1 ))
}
# junk N: N random bytes on standard output.
junk() {
	fmt=
	j=0
	while [ $j -lt "$1" ]; do
		randn 256
		fmt="$fmt\\$(printf '%03o' $r)"
		j=$((j + 1))
	done
	printf "$fmt"
}
# poke OFFSET: writes standard input over the cache from OFFSET on.
poke() { dd of="$cache" bs=1 seek="$1" conv=notrunc 2>/dev/null; }
byte() { od -An -tu1 -j "$1" -N1 "$cache" | tr -d ' '; }

# damage KIND: one way of damaging the good cache, in place; what names it.
damage() {
	rm -rf "$cache"
	cp "$tmp/good" "$cache"
	case $1 in
	0)	randn "$size"; what="cut to $r bytes"
		head -c "$r" "$tmp/good" >"$cache" ;;
	1)	randn "$size"; o=$r; randn 8; what="bit $r of byte $o flipped"
		printf "\\$(printf '%03o' $(( $(byte $o) ^ (1 << r) )))" | poke $o ;;
	2)	randn "$size"; o=$r; randn 255; what="byte $o xor $((r + 1))"
		printf "\\$(printf '%03o' $(( $(byte $o) ^ (r + 1) )))" | poke $o ;;
	3)	randn 8; k=$((r + 2)); what="$k bytes flipped:"
		while [ $k -gt 0 ]; do
			randn "$size"; o=$r; what="$what $o"
			printf "\\$(printf '%03o' $(( $(byte $o) ^ 0x55 )))" | poke $o
			k=$((k - 1))
		done ;;
	4)	randn "$size"; o=$r; randn 64; what="$((r + 1)) bytes zeroed at $o"
		head -c $((r + 1)) /dev/zero | poke $o ;;
	5)	randn "$size"; o=$r; randn 32; what="$((r + 1)) random bytes at $o"
		junk $((r + 1)) | poke $o ;;
	6)	randn 64; what="$((r + 1)) random bytes appended"
		junk $((r + 1)) >>"$cache" ;;
	7)	what="emptied"
		: >"$cache" ;;
	8)	what="another corpus's cache"
		cp "$other" "$cache" ;;
	9)	randn "$size"; o=$r; randn 40; what="$((r + 1)) bytes cut out at $o"
		{ head -c "$o" "$tmp/good"; tail -c +$((o + r + 2)) "$tmp/good"; } >"$cache" ;;
	10)	randn "$size"; o=$r; randn 40; what="$((r + 1)) bytes at $o doubled"
		{ head -c $((o + r + 1)) "$tmp/good"; tail -c +$((o + 1)) "$tmp/good"; } >"$cache" ;;
	11)	randn 4
		case $r in
		0)	what="the version made 1"
			printf 'rubric-scan-1' | poke 0 ;;
		1)	what="a FIFO"
			rm -f "$cache"; mkfifo "$cache" ;;
		2)	what="a link to /dev/zero"
			rm -f "$cache"; ln -s /dev/zero "$cache" ;;
		3)	what="the checksum flipped"
			printf '\377\377' | poke $((size - 2)) ;;
		esac ;;
	esac
}

names="cut short|a bit flipped|a byte changed|bytes flipped here and there|a range zeroed|random bytes written over|junk appended|emptied|another corpus's cache|a range cut out|a range doubled|old version, FIFO, /dev/zero, checksum"
nkinds=12
kind=0
while [ $kind -lt $nkinds ]; do
	eval "tried_$kind=0 bad_$kind=0"
	kind=$((kind + 1))
done
round=1
while [ $round -le "$rounds" ]; do
	kind=$((round % nkinds))
	damage $kind
	case $((round % 3)) in
	0) cmd=stats ;;
	1) cmd=tags ;;
	2) cmd=export ;;
	esac
	eval "tried_$kind=\$((tried_$kind + 1))"
	if ! run $cmd >"$tmp/out" 2>"$tmp/err"; then
		echo "# round $round ($what): rubric $cmd failed"
		sed 's/^/#   /' "$tmp/err"
		eval "bad_$kind=\$((bad_$kind + 1))"
	elif ! cmp -s "$tmp/out" "$tmp/fresh.$cmd"; then
		echo "# round $round ($what): rubric $cmd differs from a fresh scan"
		diff "$tmp/fresh.$cmd" "$tmp/out" | head -6 | sed 's/^/#   /'
		eval "bad_$kind=\$((bad_$kind + 1))"
	elif [ -L "$cache" ] || [ ! -f "$cache" ] || ! cmp -s "$cache" "$tmp/good"; then
		echo "# round $round ($what): the cache was not rebuilt"
		eval "bad_$kind=\$((bad_$kind + 1))"
	fi
	round=$((round + 1))
done
kind=0
while [ $kind -lt $nkinds ]; do
	name=$(echo "$names" | cut -d'|' -f$((kind + 1)))
	eval "t=\$tried_$kind b=\$bad_$kind"
	if [ "$b" -eq 0 ] && [ "$t" -gt 0 ]; then
		ok "cache $name ($t times): fresh outputs, cache rebuilt"
	else
		notok "cache $name: $b of $t rounds wrong"
	fi
	kind=$((kind + 1))
done
[ "$rounds" -ge 200 ] && ok "$rounds damaged caches in all" ||
    notok "only $rounds damaged caches"
unset RUBRIC_NO_IMAGE

# touch -r: an article rewritten with other text of the same size, and its old
# mtime put back, is counted again.
rm -rf "$tmp/cache"
cp -R tests/sample "$tmp/e"
art=$tmp/e/euphrates-water-levels.txt
./rubric stats "$tmp/e" >"$tmp/before"
cp -p "$art" "$tmp/ref"
sed 's/Euphrates/Xxxxxxxxx/g; s/euphrates/xxxxxxxxx/g' "$tmp/ref" >"$tmp/new"
sleep 0.02
cat "$tmp/new" >"$art"
touch -r "$tmp/ref" "$art"
if [ "$(wc -c <"$art")" -eq "$(wc -c <"$tmp/ref")" ] &&
    [ "$(stat -c %Y.%y "$art")" = "$(stat -c %Y.%y "$tmp/ref")" ]; then
	./rubric stats "$tmp/e" >"$tmp/after"
	XDG_CACHE_HOME=$tmp/cache-fresh ./rubric stats "$tmp/e" >"$tmp/truth"
	if ! cmp -s "$tmp/before" "$tmp/after" && cmp -s "$tmp/after" "$tmp/truth"; then
		ok "touch -r: a rewritten article with its size and mtime is counted again"
	else
		notok "touch -r: a rewritten article with its size and mtime is counted again"
		diff "$tmp/truth" "$tmp/after" | sed 's/^/# /'
	fi
else
	notok "touch -r did not put size and mtime back"
fi

# The head store: a title edited in place, with size and mtime put back (touch -r),
# is read again (its ctime moved); hostile names come back from the store byte for
# byte; and what the store gives is what a read of every file gives.
rm -rf "$tmp/cache"
mkdir "$tmp/h"
printf 'Title: Before the edit\nDate: 2017-09-06\n\nBody.\n' >"$tmp/h/edited.txt"
for name in "new
line.txt" "$(printf 'esc\033]2;PWNED\007.txt')" 'back\slash.txt' "$(printf 'bad\377utf8.txt')" \
    "$(printf 'tab\there.txt')" '-dash.txt' 'quote"s.txt'; do
	printf 'A title for %s\n\nBody.\n' "$name" >"$tmp/h/$name"
done
mkdir "$tmp/h/sub
dir"
printf '\033[2JCleared title\n' >"$tmp/h/sub
dir/x.txt"
# The store's rows, not the image made from them, which tests/image.sh holds to
# the same.
heads() { RUBRIC_NO_IMAGE=1 RUBRIC_LOG=$tmp/log ./rubric "$@" "$tmp/h" 2>&1; }
: >"$tmp/log"
heads list >"$tmp/first"
heads export -f jsonl >"$tmp/first.jsonl"
: >"$tmp/log"
heads list >"$tmp/second"
heads export -f jsonl >"$tmp/second.jsonl"
RUBRIC_NO_HEADSTORE=1 heads list >"$tmp/none"
RUBRIC_NO_HEADSTORE=1 heads export -f jsonl >"$tmp/none.jsonl"
if ls "$tmp"/cache/rubric/heads-*.sqlite >/dev/null 2>&1 &&
    grep -q "^heads: 9 of 9 from the store, 0 taken unchecked, and 2 folders' entries$" "$tmp/log" &&
    cmp -s "$tmp/first" "$tmp/second" && cmp -s "$tmp/first" "$tmp/none" &&
    cmp -s "$tmp/first.jsonl" "$tmp/second.jsonl" &&
    cmp -s "$tmp/first.jsonl" "$tmp/none.jsonl" &&
    [ "$(grep -c 'A title for' "$tmp/first.jsonl")" -eq 7 ]; then
	ok "head store: hostile names and titles come back from it as read"
else
	notok "head store: hostile names and titles come back from it as read"
	sed 's/^/# /' "$tmp/log"
	diff "$tmp/none.jsonl" "$tmp/second.jsonl" | head -6 | sed 's/^/# /'
fi
art=$tmp/h/edited.txt
cp -p "$art" "$tmp/ref"
sleep 0.02
sed 's/Before the edit/Edited in place/' "$tmp/ref" >"$tmp/new"
cat "$tmp/new" >"$art"
touch -r "$tmp/ref" "$art"
: >"$tmp/log"
if [ "$(wc -c <"$art")" -eq "$(wc -c <"$tmp/ref")" ] &&
    [ "$(stat -c %y "$art")" = "$(stat -c %y "$tmp/ref")" ]; then
	heads list >"$tmp/after"
	if grep -q '^edited.txt	Edited in place	' "$tmp/after" &&
	    ! grep -q 'Before the edit' "$tmp/after" &&
	    grep -q '^heads: 8 of 9 from the store, ' "$tmp/log"; then
		ok "head store: a title edited with size and mtime put back is read again"
	else
		notok "head store: a title edited with size and mtime put back is read again"
		sed 's/^/# /' "$tmp/after" "$tmp/log"
	fi
else
	notok "touch -r did not put size and mtime back"
fi
# Damaged or in the way, it costs nothing but time.
for db in "$tmp"/cache/rubric/heads-*.sqlite; do
	head -c 3000 /dev/urandom >"$db"
done
heads list >"$tmp/junk"
RUBRIC_NO_HEADSTORE=1 heads list >"$tmp/none"
: >"$tmp/log"
heads list >"$tmp/again"
cmp -s "$tmp/junk" "$tmp/none" && cmp -s "$tmp/again" "$tmp/none" &&
    grep -q '^heads: 9 of 9 from the store, ' "$tmp/log" &&
    ok "head store: a store of junk gives the heads read and is made anew" ||
    notok "head store: a store of junk gives the heads read and is made anew"
for db in "$tmp"/cache/rubric/heads-*.sqlite; do
	rm -f "$db"
	mkdir "$db"
done
heads list >"$tmp/dir"
cmp -s "$tmp/dir" "$tmp/none" && ok "head store: a folder in its place is let be" ||
    notok "head store: a folder in its place is let be"

# check = folders: a command takes the heads and counts of the regular files of a
# folder unchanged since it was listed without a look. A file written over in place
# is not seen until a run with check = files; one renamed over another, a new one
# and a removed one change their folder and are seen at once.
mkdir -p "$tmp/f/sub" "$tmp/f/other"
printf 'Title: Alpha\n\nsome oil here\n' >"$tmp/f/sub/a.txt"
printf 'Title: Beta\n\nsome oil here\n' >"$tmp/f/sub/b.txt"
printf 'Title: Gamma\n\nsome gas here\n' >"$tmp/f/other/c.txt"
printf '[rubric]\ncheck = folders\n[theme oil]\npattern = "oil"\n[theme gas]\npattern = "gas"\n' >"$tmp/folders.ini"
printf '[theme oil]\npattern = "oil"\n[theme gas]\npattern = "gas"\n' >"$tmp/files.ini"
fold() {
	cmd=$1 cfg=$2
	shift 2
	RUBRIC_LOG=$tmp/log ./rubric "$cmd" --config "$tmp/$cfg.ini" "$@" "$tmp/f" 2>&1
}
fold list folders >/dev/null
: >"$tmp/log"
fold list folders >"$tmp/fl"
if grep -q '^heads: 0 of 3 from the store, 3 taken unchecked, and 3 folders' "$tmp/log" &&
    grep -q '^sub/a.txt	Alpha	' "$tmp/fl" && [ "$(wc -l <"$tmp/fl")" -eq 3 ]; then
	ok "check = folders: unchanged folders' files are taken unchecked"
else
	notok "check = folders: unchanged folders' files are taken unchecked"
	sed 's/^/# /' "$tmp/log" "$tmp/fl"
fi
# Written over in place: the folder's stamp stays, and so does what a command says
# with check = folders; check = files sees it and brings the store up to date.
printf 'Title: Alpha edited\n\nsome gas here now\n' >"$tmp/f/sub/a.txt"
fold list folders >"$tmp/stale"
fold list files >"$tmp/fresh"
fold stats files --format jsonl >"$tmp/fresh.stats"
fold list folders >"$tmp/fresh2"
fold stats folders --format jsonl >"$tmp/fresh2.stats"
if grep -q '^sub/a.txt	Alpha	' "$tmp/stale" &&
    grep -q '^sub/a.txt	Alpha edited	' "$tmp/fresh" &&
    cmp -s "$tmp/fresh" "$tmp/fresh2" && cmp -s "$tmp/fresh.stats" "$tmp/fresh2.stats" &&
    grep -q '"theme":"gas","articles":2,' "$tmp/fresh2.stats"; then
	ok "check = folders: a file written in place is seen once check = files ran"
else
	notok "check = folders: a file written in place is seen once check = files ran"
	sed 's/^/# /' "$tmp/stale" "$tmp/fresh" "$tmp/fresh2" "$tmp/fresh2.stats"
fi
# Renamed over, made and removed: seen with check = folders at once.
printf 'Title: Beta renamed over\n\nsome gas here\n' >"$tmp/f/sub/b.new"
mv "$tmp/f/sub/b.new" "$tmp/f/sub/b.txt"
printf 'Title: Delta\n\nsome gas here\n' >"$tmp/f/other/d.txt"
rm "$tmp/f/sub/a.txt"
fold list folders >"$tmp/moved"
fold stats folders --format jsonl >"$tmp/moved.stats"
fold list files >"$tmp/moved.files"
fold stats files --format jsonl >"$tmp/moved.files.stats"
if grep -q '^sub/b.txt	Beta renamed over	' "$tmp/moved" &&
    grep -q '^other/d.txt	Delta	' "$tmp/moved" && ! grep -q '^sub/a.txt' "$tmp/moved" &&
    cmp -s "$tmp/moved" "$tmp/moved.files" &&
    cmp -s "$tmp/moved.stats" "$tmp/moved.files.stats" &&
    grep -q '"theme":"gas","articles":3,' "$tmp/moved.stats"; then
	ok "check = folders: a file renamed over, made or removed is seen at once"
else
	notok "check = folders: a file renamed over, made or removed is seen at once"
	sed 's/^/# /' "$tmp/moved" "$tmp/moved.stats" "$tmp/moved.files.stats"
fi
printf '[rubric]\ncheck = sometimes\n' >"$tmp/badcheck.ini"
./rubric list --config "$tmp/badcheck.ini" "$tmp/f" >/dev/null 2>"$tmp/err"
grep -q "badcheck.ini:2: check: 'sometimes' is not one of files, folders" "$tmp/err" &&
    ok "check = sometimes is refused with its file and line" ||
    { notok "check = sometimes is refused with its file and line"; sed 's/^/# /' "$tmp/err"; }

# Two writes within one tick of the clock that stamps files leave size, mtime and
# ctime as the first left them: the faultshim gives times to the second, as ext4
# with small inodes or FAT does. A head or count read in that window is not
# believed next time, as the text index already does not believe its words.
unset RUBRIC_INDEX_RACY
shim=tests/bin/faultshim.so
coarse() { LD_PRELOAD=$shim RUBRIC_COARSE_STAMPS=1 ./rubric "$@"; }
mkdir "$tmp/s"
printf '[theme oil]\npattern = "oil"\n[theme gas]\npattern = "gas"\n' >"$tmp/s.ini"
# Just after a second begins, so that both writes fall within it.
sleep "$(date +%N | awk '{ ms = int((1e9 - $1) / 1e6) + 20
	printf "%d.%03d", ms / 1000, ms % 1000 }')"
start=$(date +%s)
printf 'Title: Alpha\n\nsome oil here\n' >"$tmp/s/a.txt"
coarse stats --config "$tmp/s.ini" --format jsonl "$tmp/s" >/dev/null 2>&1
coarse list -q 'text:oil' "$tmp/s" >/dev/null 2>&1
printf 'Title: Omega\n\nsome gas here\n' >"$tmp/s/a.txt"
if [ "$(date +%s)" -ne "$start" ]; then
	ok "# SKIP the two writes took more than a second"
else
	coarse stats --config "$tmp/s.ini" --format jsonl "$tmp/s" >"$tmp/racy" 2>&1
	coarse list "$tmp/s" >>"$tmp/racy" 2>&1
	coarse list -q 'text:gas' "$tmp/s" >"$tmp/racy.gas" 2>&1
	coarse list -q 'text:oil' "$tmp/s" >"$tmp/racy.oil" 2>&1
	if grep -q '^a.txt	Omega	' "$tmp/racy" &&
	    grep -q '"theme":"gas","articles":1,' "$tmp/racy" &&
	    grep -q '"theme":"oil","articles":0,' "$tmp/racy" &&
	    grep -q '^a.txt	' "$tmp/racy.gas" && ! [ -s "$tmp/racy.oil" ]; then
		ok "a file written twice within its stamp's second is read again"
	else
		notok "a file written twice within its stamp's second is read again"
		sed 's/^/# /' "$tmp/racy" "$tmp/racy.gas" "$tmp/racy.oil"
	fi
fi

# The cache folder reached through a symbolic link (a ~/.cache on a larger disk):
# SQLite refuses a name with a link in it, so the stores are opened by the real one.
export RUBRIC_INDEX_RACY=0
mkdir "$tmp/disk" "$tmp/home"
ln -s "$tmp/disk" "$tmp/home/.cache"
: >"$tmp/log"
HOME=$tmp/home XDG_CACHE_HOME= heads list >/dev/null
: >"$tmp/log"
HOME=$tmp/home XDG_CACHE_HOME= heads list >"$tmp/linked"
if grep -q "^heads: 9 of 9 from the store, " "$tmp/log" &&
    [ -s "$(ls "$tmp"/disk/rubric/heads-*.sqlite 2>/dev/null | head -1)" ] &&
    cmp -s "$tmp/linked" "$tmp/none"; then
	ok "a cache folder reached through a link: the head store is kept there"
else
	notok "a cache folder reached through a link: the head store is kept there"
	grep heads "$tmp/log" | sed 's/^/# /'
fi

echo "1..$n"
