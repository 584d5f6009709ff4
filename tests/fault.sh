#!/bin/sh
# Fault injection in the save path: every call of open, mkstemp, write, fsync, rename
# and malloc that a save makes is made to fail in turn (tests/faultshim.c, through
# LD_PRELOAD). After each: rubric says so and exits 1 (or, for the directory's fsync
# after the rename, succeeds), the sidecar on disk is the old or the new one, whole,
# and it loads; no temporary file stays (a change not saved is journalled, when the
# journal can be written). The screen journals a failed change and saves it with the
# next one.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
export LC_ALL=C.UTF-8 RUBRIC_DATADIR=config
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-fault.XXXXXX") || exit 1
tmux_name=rubric-fault
. tests/tmux.sh
trap 'stop; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
shim=$top/tests/bin/faultshim.so
# Under AddressSanitizer the shim comes before its runtime, and malloc is its own.
case ${ASAN_OPTIONS-} in
*detect_leaks*) export ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0"; sanitized=1 ;;
*) sanitized=0 ;;
esac

mkdir -p "$tmp/c"
touch "$tmp/c/.rubric.ini"
cp tests/sample/oil-smuggling-routes.txt tests/sample/euphrates-water-levels.txt "$tmp/c/"
f=$tmp/c/oil-smuggling-routes.txt
./rubric tag +Kept +Also -- "$f" "$tmp/c/euphrates-water-levels.txt"
./rubric note "$f" 'A note that must survive; "quoted"'
cp "$tmp/c/.rubric.ini" "$tmp/old.ini"
./rubric tag +New -- "$f"
cp "$tmp/c/.rubric.ini" "$tmp/new.ini"

# How many calls of each a save makes.
cp "$tmp/old.ini" "$tmp/c/.rubric.ini"
LD_PRELOAD=$shim RUBRIC_FAULT_LOG=$tmp/counts ./rubric tag +New -- "$f"
points=0 held=0 failed=""
while read -r name count; do
	[ "$name" = malloc ] && [ $sanitized = 1 ] && continue
	[ "$name" = pthread_create ] && continue	# tried below
	k=1
	while [ "$k" -le "$count" ]; do
		cp "$tmp/old.ini" "$tmp/c/.rubric.ini"
		LD_PRELOAD=$shim RUBRIC_FAULT=$name:$k ./rubric tag +New -- "$f" \
		    >"$tmp/out" 2>"$tmp/err"
		rc=$?
		points=$((points + 1))
		good=1
		if cmp -s "$tmp/c/.rubric.ini" "$tmp/old.ini"; then
			# Unchanged: it must have said so, with exit 1.
			[ $rc = 1 ] && grep -q '^rubric: ' "$tmp/err" || good=0
		elif cmp -s "$tmp/c/.rubric.ini" "$tmp/new.ini"; then
			[ $rc = 0 ] || [ $rc = 1 ] || good=0
		else
			good=0
		fi
		./rubric tags "$tmp/c" >/dev/null 2>&1 || good=0
		# A temporary file may stay only after a failed malloc ended the
		# process; the next save removes it.
		if ls -a "$tmp/c" | grep -q 'tmp-'; then
			./rubric tag +Sweep -- "$f" 2>/dev/null
			ls -a "$tmp/c" | grep -q 'tmp-' && good=0
		fi
		if [ $good = 1 ]; then
			held=$((held + 1))
		else
			failed="$failed $name:$k(exit $rc: $(head -c 200 "$tmp/err" | tr '\n' ' '))"
		fi
		k=$((k + 1))
	done
done <"$tmp/counts"
summary=$(tr '\n' ' ' <"$tmp/counts")
if [ "$points" -gt 0 ] && [ "$held" = "$points" ]; then
	ok "every one of $points fault points held ($summary)"
else
	notok "$held of $points fault points held ($summary):$failed"
fi
for name in open mkstemp write fsync rename; do
	cp "$tmp/old.ini" "$tmp/c/.rubric.ini"
	LD_PRELOAD=$shim RUBRIC_FAULT=$name:1 \
	    ./rubric tag +New -- "$f" >/dev/null 2>"$tmp/err"
	rc=$?
	# Not written, but journalled where the journal could be: said either way.
	if [ $rc = 1 ] && { grep -q "^rubric: .*: nothing was changed" "$tmp/err" ||
	    { grep -q "^rubric: tag: journalled to $tmp/c/.rubric.ini.journal: will be applied when .rubric.ini can be written" "$tmp/err" &&
	    grep -q '"New" crc=' "$tmp/c/.rubric.ini.journal"; }; }; then
		ok "a failed $name: exit 1, and the message says nothing was changed, or journalled"
	else
		notok "a failed $name: exit $rc: $(cat "$tmp/err")"
	fi
	rm -f "$tmp/c/.rubric.ini.journal"
done

# A file size limit (ulimit -f, in blocks of 512 bytes here) below what a save
# writes: the write fails (EFBIG) and rubric says so, as for a full disk, where the
# signal (SIGXFSZ) used to end it with a temporary file half written. The caches,
# larger still, are not made, and the command's answer is the same.
mkdir -p "$tmp/fsize"
cp "$f" "$tmp/fsize/a.txt"
cp tests/sample/euphrates-water-levels.txt "$tmp/fsize/b.txt"
./rubric tag +Kept -- "$tmp/fsize/a.txt"
cp "$tmp/fsize/.rubric.ini" "$tmp/fsize.ini"
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "a note too long to save, " }')
rc=0
(ulimit -f 2 && exec ./rubric note "$tmp/fsize/a.txt" "$long") >/dev/null \
    2>"$tmp/err" || rc=$?
if [ $rc = 1 ] && cmp -s "$tmp/fsize/.rubric.ini" "$tmp/fsize.ini" &&
    grep -q "^rubric: $tmp/fsize/.rubric.ini: cannot save: File too large" "$tmp/err" &&
    grep -q "cannot journal the change either: File too large" "$tmp/err" &&
    ! ls -a "$tmp/fsize" | grep -q 'tmp-' && [ ! -e "$tmp/fsize/.rubric.ini.journal" ]; then
	ok "a save past the file size limit: exit 1, said, the sidecar as it was, no temporary file or empty journal"
else
	notok "a save past the file size limit: exit $rc: $(cat "$tmp/err"; ls -a "$tmp/fsize")"
fi
rc=0
(ulimit -f 2 && XDG_CACHE_HOME=$tmp/cache-fsize exec ./rubric stats "$tmp/fsize") \
    >"$tmp/fsize.stats" 2>"$tmp/err" || rc=$?
XDG_CACHE_HOME=$tmp/cache-fsize2 ./rubric stats "$tmp/fsize" >"$tmp/fsize2.stats"
if [ $rc = 0 ] && cmp -s "$tmp/fsize.stats" "$tmp/fsize2.stats"; then
	ok "caches past the file size limit: not made, and the same figures"
else
	notok "caches past the file size limit: exit $rc: $(cat "$tmp/err")"
fi

# No thread to be had: the scan and the export work in the calling thread, and give
# what they give with threads. 600 articles, so that the export's window of 256 lines
# waiting to be written fills and empties more than once.
mkdir -p "$tmp/many"
i=0
for a in tests/sample/*.txt tests/sample/*/*.txt; do
	cp "$a" "$tmp/many/a$i.txt"
	i=$((i + 1))
done
first=$i
while [ "$i" -lt 600 ]; do
	cp "$tmp/many/a$((i % first)).txt" "$tmp/many/a$i.txt"
	i=$((i + 1))
done
XDG_CACHE_HOME=$tmp/cache-threads ./rubric export -f jsonl "$tmp/many" >"$tmp/threads.jsonl"
XDG_CACHE_HOME=$tmp/cache-threads ./rubric stats "$tmp/many" >"$tmp/threads.stats"
: >"$tmp/tcounts"
LD_PRELOAD=$shim RUBRIC_FAULT=pthread_create:1-1000000 RUBRIC_FAULT_LOG=$tmp/tcounts \
    XDG_CACHE_HOME=$tmp/cache-alone ./rubric export -f jsonl "$tmp/many" \
    >"$tmp/alone.jsonl" 2>"$tmp/err"
rc=$?
tried=$(awk '$1 == "pthread_create" { print $2 }' "$tmp/tcounts")
if [ $rc = 0 ] && [ "${tried:-0}" -gt 0 ] && [ "$(wc -l <"$tmp/alone.jsonl")" = 600 ] &&
    cmp -s "$tmp/alone.jsonl" "$tmp/threads.jsonl"; then
	ok "with every pthread_create failing ($tried), the export of 600 articles is the same"
else
	notok "with no threads, the export: exit $rc, $tried tried: $(head -c 300 "$tmp/err")"
fi
LD_PRELOAD=$shim RUBRIC_FAULT=pthread_create:1-1000000 XDG_CACHE_HOME=$tmp/cache-alone2 \
    ./rubric stats "$tmp/many" >"$tmp/alone.stats" 2>"$tmp/err"
rc=$?
if [ $rc = 0 ] && cmp -s "$tmp/alone.stats" "$tmp/threads.stats"; then
	ok "with no threads, the scan counts the same"
else
	notok "with no threads, the scan: exit $rc: $(head -c 300 "$tmp/err")"
fi
./rubric export -f jsonl "$tmp/many" >/dev/full 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && grep -q '^rubric: .*No space left on device' "$tmp/err"; then
	ok "a write error ends the export: exit 1 and the reason"
else
	notok "a write error ends the export: exit $rc: $(head -c 300 "$tmp/err")"
fi

# The screen: the first save's fsync fails; the change is journalled, said, and saved
# with the next one; the screen goes on.
cp "$tmp/old.ini" "$tmp/c/.rubric.ini"
start 100 30 LD_PRELOAD="$shim" RUBRIC_FAULT=fsync:1 ASAN_OPTIONS="${ASAN_OPTIONS-}" -- \
    "$tmp/c"
wait_for "Articles" || true
keys t First Enter
if wait_for "journalled to .*/c/.rubric.ini.journal"; then
	ok "the screen says a change it could not save"
else
	notok "the screen says a change it could not save"
fi
keys t Second Enter
# Until the save lands, for up to 5 s: a fixed sleep would race a slow machine.
i=0
until grep -q '^tag "First" = person' "$tmp/c/.rubric.ini" &&
    grep -q '^tag "Second" = person' "$tmp/c/.rubric.ini" || [ $i -ge 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
if grep -q '^tag "First" = person' "$tmp/c/.rubric.ini" &&
    grep -q '^tag "Second" = person' "$tmp/c/.rubric.ini" &&
    grep -q 'must survive' "$tmp/c/.rubric.ini"; then
	ok "the kept change is saved with the next one, and nothing is lost"
else
	notok "the kept change is saved with the next one, and nothing is lost"
fi
if ! capture | grep -q '^\[exit'; then
	ok "the screen runs on"
else
	notok "the screen runs on"
fi

# A slow disk: a limit with a text term says how far it has read, ^G stops it with
# what it found so far, and the screen answers keys. 60 articles of 10 KB, each
# read taking 300 ms (RUBRIC_SLOW_READ): the whole search would take 18 seconds.
mkdir -p "$tmp/slow"
i=0
while [ $i -lt 60 ]; do
	{ printf 'Title: Slow %d\n\n' $i
	  yes 'The convoy waited at the ford while the river rose.' | head -c 10000
	  [ $((i % 2)) = 0 ] && printf '\nA zebra crossing.\n'; } >"$tmp/slow/s$i.txt"
	i=$((i + 1))
done
# Without the text index here, which would read them first (see below).
$T new-window -d -n slow -e LC_ALL=C.UTF-8 -e RUBRIC_DATADIR="$top/config" \
    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache-slow" -e RUBRIC_NO_INDEX=1 \
    "env LD_PRELOAD=$shim RUBRIC_SLOW_READ=300 ASAN_OPTIONS=${ASAN_OPTIONS-} $top/rubric $tmp/slow; echo \"[exit \$?]\"; exec sleep 3600"
wait_slow() { wait_pane slow 100 "$1"; }
wait_slow "Articles" || true
keys -t slow l zebra Enter
if wait_slow "searching the text: [0-9]+ of 60 articles"; then
	ok "a limit that reads the text says how far it is"
else
	notok "a limit that reads the text says how far it is: $(capture -t slow | tail -n 1)"
fi
keys -t slow C-g
if wait_slow "stopped at [0-9]+ of 60 articles"; then
	ok "^G stops it and says the list is incomplete"
else
	notok "^G stops it: $(capture -t slow | tail -n 1)"
fi
keys -t slow L
if wait_slow " 1/60 "; then
	ok "after a stop the screen answers: L shows all 60 again"
else
	notok "after a stop the screen answers: $(capture -t slow | tail -n 1)"
fi
keys -t slow '&' zebra Enter
if wait_slow "searching every article: [0-9]+ of 60" && keys -t slow Escape &&
    wait_slow "&zebra: stopped at [0-9]+ of 60 articles"; then
	ok "the corpus search (&) says how far it is too, and Escape stops it"
else
	notok "the corpus search (&) and Escape: $(capture -t slow | tail -n 1)"
fi
keys -t slow q
if wait_slow '^\[exit 0\]'; then
	ok "and quits cleanly"
else
	notok "and quits cleanly: $(capture -t slow | tail -n 3)"
fi

# The same with the text index, made at the first limit: it says how far it has
# read, ^G stops it, and the articles it did not reach are searched, watched too.
$T new-window -d -n slowix -e LC_ALL=C.UTF-8 -e RUBRIC_DATADIR="$top/config" \
    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache-slowix" \
    "env LD_PRELOAD=$shim RUBRIC_SLOW_READ=300 ASAN_OPTIONS=${ASAN_OPTIONS-} $top/rubric $tmp/slow; echo \"[exit \$?]\"; exec sleep 3600"
wait_ix() { wait_pane slowix 100 "$1"; }
wait_ix "Articles" || true
keys -t slowix l zebra Enter
if wait_ix "indexing the text: [0-9]+ of 60 articles" && keys -t slowix C-g &&
    wait_ix "searching the text: [0-9]+ of 60 articles" && keys -t slowix C-g &&
    wait_ix "stopped at [0-9]+ of 60 articles"; then
	ok "the text index says how far it is, ^G stops it, then the search"
else
	notok "the text index and ^G: $(capture -t slowix | tail -n 1)"
fi
keys -t slowix q
wait_ix '^\[exit 0\]' || notok "the screen with the index quits: $(capture -t slowix | tail -n 3)"
finish
