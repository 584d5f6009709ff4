#!/bin/sh
# The walk and what it cannot read: a tree deeper than PATH_MAX, a folder that cannot be
# opened, FIFOs, devices, sockets and folders where an article is wanted, a sparse
# file of NULs; output that stays one row per item (TSV escapes, --format jsonl); a ^C
# while the heads are saved, and one rubric was started to ignore.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
export RUBRIC_DATADIR="$top/config"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-walk.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/xdg"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }
# run COMMAND...: stdout in $tmp/out, stderr in $tmp/err, status in $rc; never more
# than 60 s (the sanitizers, with suites side by side, walk 3,000 folders in more than
# 10), so that a command that blocks fails instead of hanging the suite.
run() { timeout 60 "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?; }
# jsonl FILE: every line of FILE is a JSON object.
jsonl() {
	python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    assert isinstance(json.loads(line), dict)' "$1" 2>/dev/null
}

# 3,000 nested folders: the path of the article at the bottom is longer than PATH_MAX.
sh tests/mkdeep.sh "$tmp/deep" 'Title: at the bottom

text
'
run ./rubric list "$tmp/deep"
check "a path past PATH_MAX is listed, unreadable, with the reason" \
    "[ \$rc = 0 ] && grep -q '^nested/nested/.*/nested/bottom.txt	bottom.txt		path too long\$' '$tmp/out'"
check "and the readable article beside it as before" \
    "grep -q '^mayadin-returnees.txt	' '$tmp/out' && [ \$(wc -l <'$tmp/out') = 2 ]"
run ./rubric list --format jsonl "$tmp/deep"
check "list --format jsonl gives the reason as error" \
    "jsonl '$tmp/out' && grep -q '\"title\":\"bottom.txt\".*\"error\":\"path too long\"' '$tmp/out'"
run ./rubric stats "$tmp/deep"
check "stats counts it as unreadable" \
    "[ \$rc = 0 ] && grep -q '^2 articles, 0 binary skipped, 1 unreadable' '$tmp/out'"

# A folder that cannot be opened. Root opens any folder, so as root the commands run
# as nobody (setpriv).
mkdir -p "$tmp/locked/shut/inner" "$tmp/cache"
cp tests/sample/mayadin-returnees.txt "$tmp/locked/"
cp tests/sample/oil-smuggling-routes.txt "$tmp/locked/shut/inner/"
chmod 755 "$tmp"
chmod 777 "$tmp/cache"
chmod 000 "$tmp/locked/shut"
as=""
if [ "$(id -u)" != 0 ]; then
	as="env"
elif command -v setpriv >/dev/null; then
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ -n "$as" ]; then
	run $as ./rubric list "$tmp/locked"
	check "an unreadable folder is listed as unreadable, with the reason" \
	    "[ \$rc = 0 ] && grep -q '^shut/	shut/		Permission denied\$' '$tmp/out'"
	run $as ./rubric list --format jsonl "$tmp/locked"
	check "and in JSON" \
	    "jsonl '$tmp/out' && grep -q '\"path\":\"shut/\".*\"error\":\"Permission denied\"' '$tmp/out'"
	run $as ./rubric stats "$tmp/locked"
	check "stats counts the folder as unreadable" \
	    "grep -q '^2 articles, 0 binary skipped, 1 unreadable' '$tmp/out'"
else
	notok "an unreadable folder: no setpriv to drop root"
	notok "an unreadable folder in JSON: no setpriv to drop root"
	notok "an unreadable folder in stats: no setpriv to drop root"
fi
chmod 755 "$tmp/locked/shut"
chmod 700 "$tmp"

# A sparse file of NULs is binary for show as for the list, and is not read whole.
truncate -s 2G "$tmp/sparse.txt"
run ./rubric show "$tmp/sparse.txt"
check "show refuses a 2 GB sparse file of NULs as binary, exit 1" \
    "[ \$rc = 1 ] && [ ! -s '$tmp/out' ] && grep -q 'sparse.txt: binary file' '$tmp/err'"
rm -f "$tmp/sparse.txt"

# A sparse file of 3 GB whose first block is text is no article either: over the
# article limit it is listed as unreadable with the reason, never read into memory.
mkdir "$tmp/huge"
python3 -c 'import sys
f = open(sys.argv[1], "wb")
f.write(b"Title: huge\n\n" + b"word deir ez-zor " * 600 + b"\n")
f.truncate(3 * 1024 ** 3)' "$tmp/huge/huge.txt"
cp tests/sample/mayadin-returnees.txt "$tmp/huge/"
maxrss() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    timeout=60)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
run ./rubric list --format jsonl "$tmp/huge"
check "an article past 64 MiB is unreadable with the reason" \
    "grep -q '\"path\":\"huge.txt\".*\"error\":\"larger than 64 MiB' '$tmp/out'"
for c in stats "export -f txt" "export -f jsonl --body" tags; do
	kb=$(maxrss ./rubric $c "$tmp/huge")
	check "rubric $c beside a 3 GB sparse article: $kb KB at most" "[ '$kb' -lt 1000000 ]"
done
run ./rubric show "$tmp/huge/huge.txt"
check "show refuses it, exit 1" "[ \$rc = 1 ] && grep -q 'larger than 64 MiB' '$tmp/err'"
rm -f "$tmp/huge/huge.txt"

# Special files where an article is wanted: named for what they are, never waited on.
mkdir -p "$tmp/special/folder.txt"
touch "$tmp/special/.rubric.ini"
cp tests/sample/mayadin-returnees.txt "$tmp/special/"
mkfifo "$tmp/special/fifo.txt"
ln -s /dev/null "$tmp/special/null.txt"
python3 -c 'import socket, sys
socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$tmp/special/socket.txt"
for f in fifo.txt:FIFO null.txt:character\ device socket.txt:socket folder.txt:directory; do
	file="$tmp/special/${f%%:*}" what="is a ${f#*:}"
	run ./rubric show "$file"
	check "show of ${f%%:*} says '$what', exit 1" \
	    "[ \$rc = 1 ] && grep -q '^rubric: $file: $what\$' '$tmp/err'"
	run ./rubric tag +x -- "$file"
	check "tag of ${f%%:*} says '$what', exit 1" \
	    "[ \$rc = 1 ] && grep -q '^rubric: $file: $what\$' '$tmp/err'"
	run ./rubric note "$file" "a note"
	check "note of ${f%%:*} says '$what', exit 1" \
	    "[ \$rc = 1 ] && grep -q '^rubric: $file: $what\$' '$tmp/err'"
	if [ "${f%%:*}" = folder.txt ]; then
		continue	# a folder given to list or export is a corpus
	fi
	run ./rubric list "$file"
	check "list of ${f%%:*} shows it unreadable: '$what'" \
	    "[ \$rc = 0 ] && grep -q '	$what\$' '$tmp/out'"
	run ./rubric export -f jsonl "$file"
	check "export of ${f%%:*} gives '$what' as its error" \
	    "[ \$rc = 0 ] && grep -q '\"error\":\"$what\"' '$tmp/out'"
done
run ./rubric show /dev/null
check "show of /dev/null says 'is a character device'" \
    "[ \$rc = 1 ] && grep -q '^rubric: /dev/null: is a character device\$' '$tmp/err'"
check "nothing was written to the sidecar" "[ ! -s '$tmp/special/.rubric.ini' ]"
run ./rubric list --format jsonl "$tmp/special"
check "in a corpus, each special file says what it is" \
    "[ \$rc = 0 ] && grep -q '\"path\":\"fifo.txt\".*\"error\":\"is a FIFO\"' '$tmp/out' && \
grep -q '\"path\":\"null.txt\".*\"error\":\"is a character device\"' '$tmp/out' && \
grep -q '\"path\":\"socket.txt\".*\"error\":\"is a socket\"' '$tmp/out'"
run ./rubric tag -q 'not tag:x' +x -- "$tmp/special"
check "tag -q over a corpus with a FIFO does not block" "[ \$rc = 0 ]"

# TSV: tab, line feed, carriage return and backslash are escaped, so that names that
# differ in them print differently and each stays one row.
mkdir "$tmp/tsv"
for name in 'a\tb' 'a b' 'a\nb' 'a\rb' 'a\\b' 'a\\tb'; do
	printf 'Title: t\n\nx\n' >"$tmp/tsv/$(printf "$name").txt"
done
run ./rubric list "$tmp/tsv"
printf '%s\n' 'a\\b.txt	t	' 'a\\tb.txt	t	' 'a\nb.txt	t	' 'a\rb.txt	t	' \
    'a\tb.txt	t	' 'a b.txt	t	' | sort >"$tmp/want"
sort "$tmp/out" >"$tmp/got"
check "list escapes tab, LF, CR and backslash in TSV: six names, six rows" \
    "[ \$rc = 0 ] && cmp -s '$tmp/want' '$tmp/got'"
printf '[article gone\tfile.txt]\ntag.kept = person\n' >"$tmp/tsv/.rubric.ini"
run ./rubric list --gone "$tmp/tsv"
check "list --gone escapes them too" "grep -qx 'gone\\\\tfile.txt	kept' '$tmp/out'"
run ./rubric list --gone --format jsonl "$tmp/tsv"
check "list --gone --format jsonl prints JSON" \
    "[ \$rc = 0 ] && [ -s '$tmp/out' ] && jsonl '$tmp/out' && \
grep -q '\"path\":\"gone\\\\tfile.txt\",\"tags\":\\[\"kept\"\\]' '$tmp/out'"
run ./rubric list --format jsonl "$tmp/tsv"
check "list --format jsonl prints JSON" "[ \$rc = 0 ] && jsonl '$tmp/out'"

# A ^C while the heads are saved (held up here by another's write lock on the store)
# stops the command, as one while they are read does, even list --gone, which neither
# counts nor selects after, where it would be seen; one rubric was started to ignore
# (as this script's jobs in the background are) is ignored.
# intsave SIGINT [TWICE]: list --gone run with SIGINT as given (DFL, or IGN as sh
# leaves it for a job in the background), sent a ^C while it saves the heads; with
# TWICE, two at once, as timeout -s INT sends them (to rubric, then to its group).
# No image: taken, it would leave no head to save.
intsave() {
	export RUBRIC_NO_IMAGE=1
	XDG_CACHE_HOME="$tmp/cache-int" ./rubric list "$tmp/tsv" >/dev/null 2>&1
	db=$(ls "$tmp"/cache-int/rubric/heads-*.sqlite)
	{ echo 'BEGIN IMMEDIATE;'; sleep 3; echo 'ROLLBACK;'; } | sqlite3 "$db" &
	holder=$!
	sleep 0.5
	# Not under timeout(1), which would send the ^C to it twice (to rubric,
	# then to its process group): the store's busy timeout bounds the wait.
	XDG_CACHE_HOME="$tmp/cache-int" python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, getattr(signal, "SIG_" + sys.argv[1]))
os.execv(sys.argv[2], sys.argv[2:])' "$1" ./rubric list --gone "$tmp/tsv" \
	    >"$tmp/out" 2>"$tmp/err" </dev/null &
	pid=$!
	# Until python3 has become rubric: a pyenv shim in front of it is a shell
	# that may take longer than the store's one-second wait to start, and one
	# started in the background ignores the ^C.
	i=0
	while [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" != rubric ] &&
	    [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	sleep 0.2
	kill -INT "$pid"
	[ -n "${2:-}" ] && sleep 0.05 && kill -INT "$pid"
	wait "$pid"
	rc=$?
	wait "$holder"
	unset RUBRIC_NO_IMAGE
}
# sqlite3 holds the store: make check installs it (the Makefile's DEBIAN_PKGS).
if command -v sqlite3 >/dev/null 2>&1; then
	intsave DFL
	check "list --gone: a ^C while the heads are saved stops it (exit 130)" \
	    "[ \$rc = 130 ] && [ ! -s '$tmp/out' ] && grep -q stopped '$tmp/err'"
	intsave IGN
	check "list --gone: a ^C it was started to ignore is ignored" \
	    "[ \$rc = 0 ] && grep -q '^gone' '$tmp/out'"
	intsave DFL twice
	check "list --gone: the same ^C sent twice at once stops it as one does" \
	    "[ \$rc = 130 ] && grep -q stopped '$tmp/err'"
else
	check "sqlite3 is there to hold the head store (make check installs it)" false
	check "sqlite3 is there to hold the head store (make check installs it)" false
	check "sqlite3 is there to hold the head store (make check installs it)" false
fi

echo "1..$n"
