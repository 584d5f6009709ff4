#!/bin/sh
# Text queries in the screen (l text:WORD) with the text index: once the files are
# as the screen has them, the index's snapshot answers without a look at each row;
# a file written in place, or one renamed over in a folder, is seen by the next
# query all the same, with check = files and with check = folders. A screen whose
# verifier found no file changed knows its corpus by the image's checksum.
. "$(dirname "$0")/lib.sh"
export RUBRIC_INDEX_RACY=0
c=$tmp/t
mkdir -p "$c/one" "$c/two" "$tmp/xdg/rubric"
for i in 1 2 3 4; do
	printf 'Title: One %s\n\nsome oil here\n' "$i" >"$c/one/a$i.txt"
	printf 'Title: Two %s\n\nsome gas here\n' "$i" >"$c/two/b$i.txt"
done
printf '[theme oil]\npattern = "oil"\n' >"$tmp/xdg/rubric/config.ini"
log=$tmp/screen.log
cli list -q 'text:oil' "$c" >/dev/null
cli list -q 'text:oil' "$c" >/dev/null

# query WORD: l text:WORD, and the number of articles the status line gives.
query() {
	keys l C-u "text:$1" Enter
	sleep 0.3
	wait_for 'articles?$' >/dev/null
	capture | sed -n 's/^ *\([0-9][0-9]*\) articles*$/\1/p' | tail -1
}
# screen: the screen on the corpus, its log in $log, once its verifier is done.
screen() {
	: >"$log"
	start 100 24 RUBRIC_INDEX_RACY=0 RUBRIC_LOG="$log" -- "$c"
	wait_for "Articles" >/dev/null
	i=0
	while ! grep -q '^verify: ' "$log" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

# check = files: every file looked at, none changed; then one written in place.
screen
got=$(query oil)
if [ "$got" = 4 ] && grep -q 'text index: every file as it was' "$log"; then
	ok "check = files: unchanged files are answered from the snapshot"
else
	notok "check = files: unchanged files are answered from the snapshot ($got)"
	grep 'text index' "$log" | sed 's/^/# /'
fi
sleep 0.05
printf 'a zebra too\n' >>"$c/one/a2.txt"
: >"$log"
got=$(query zebra)
if [ "$got" = 1 ] && ! grep -q 'as it was' "$log"; then
	ok "check = files: a file written in place is seen by the next query"
else
	notok "check = files: a file written in place is seen by the next query ($got)"
	grep 'text index' "$log" | sed 's/^/# /'
fi
keys q
wait_for '\[exit [0-9]+\]' >/dev/null
stop

# check = folders: the folders looked at; one renamed over is seen all the same.
# A command first, which sees the file written in place and images the corpus.
cli list "$c" >/dev/null
printf '[rubric]\ncheck = folders\n[theme oil]\npattern = "oil"\n' >"$tmp/xdg/rubric/config.ini"
screen
got=$(query gas)
if [ "$got" = 4 ] && grep -q 'text index: every folder as it was' "$log"; then
	ok "check = folders: unchanged folders are answered from the snapshot"
else
	notok "check = folders: unchanged folders are answered from the snapshot ($got)"
	grep 'text index' "$log" | sed 's/^/# /'
fi
# The verifier found no file changed: the corpus is the image's, which the index
# knows by its checksum from the second query on.
cp "$log" "$tmp/first.log"
: >"$log"
got=$(query oil)
if [ "$got" = 4 ] && grep -q "textindex: the corpus is the image's" "$log"; then
	ok "the screen's corpus, verified unchanged, is known by the image's checksum"
else
	notok "the screen's corpus, verified unchanged, is known by the image's checksum ($got)"
	grep -E 'text index|textindex|catimage|verify' "$tmp/first.log" "$log" | sed 's/^/# /'
fi
sleep 0.05
printf 'Title: Two 3\n\nsome gas and a yak here\n' >"$c/two/b3.new"
mv "$c/two/b3.new" "$c/two/b3.txt"
: >"$log"
got=$(query yak)
if [ "$got" = 1 ] && ! grep -q 'every folder as it was' "$log"; then
	ok "check = folders: a file renamed over in a folder is seen by the next query"
else
	notok "check = folders: a file renamed over in a folder is seen by the next query ($got)"
	grep 'text index' "$log" | sed 's/^/# /'
fi
keys q
wait_for '\[exit [0-9]+\]' >/dev/null
stop

# A query before the verifier is done (each of its looks at a file slowed down):
# the heads it shows are the head store's, taken unchecked, and a file renamed over
# since the last run has the old one's stamp until the verifier comes to it. The
# folders are as the walk found them, and say nothing of that: the file is looked
# at, and its words found.
cli list "$c" >/dev/null
cli list "$c" >/dev/null
sleep 0.05
printf 'Title: One 4\n\nsome oil and an okapi here\n' >"$c/one/a4.new"
mv "$c/one/a4.new" "$c/one/a4.txt"
: >"$log"
start 100 24 RUBRIC_INDEX_RACY=0 RUBRIC_LOG="$log" LD_PRELOAD="$top/tests/bin/faultshim.so" \
    RUBRIC_SLOW_STATAT=400 -- "$c"
wait_for "Articles" >/dev/null
wait_tenths=300
got=$(query okapi)
wait_tenths=150
if [ "$got" = 1 ] && ! grep -q 'every folder as it was' "$log"; then
	ok "check = folders: before the verifier is done, a file renamed over is seen"
else
	notok "check = folders: before the verifier is done, a file renamed over is seen ($got)"
	grep -E 'text index|textindex|verify|heads' "$log" | sed 's/^/# /'
fi
keys q
wait_for '\[exit [0-9]+\]' >/dev/null

finish
