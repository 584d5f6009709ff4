#!/bin/sh
# Whole-screen tests of the start from the head store: the first list shows the heads
# stored under each name, unchecked, and a verifier behind it finds what changed since
# (a title changed in place with its size and mtime put back, which only the ctime
# tells; a file replaced by a FIFO) and updates the list; the commands answer from the
# files at once. The screen answers keys while 20,000 articles are verified.
. "$(dirname "$0")/lib.sh"
# Files are changed here faster than the clock that stamps them ticks: the stamps
# alone must tell (RUBRIC_INDEX_RACY=0 on every start and command).
mkdir "$tmp/v"
for w in Alpha Bravo Charlie Delta; do
	printf 'title: %s One\n\nSome text about %s.\n' "$w" "$w" \
	    >"$tmp/v/$(echo "$w" | tr 'A-Z' 'a-z').txt"
done
start 80 24 RUBRIC_INDEX_RACY=0 -- "$tmp/v"
check "the first start lists the titles" "Delta One"
# quit: q, and until rubric has saved its caches and ended.
quit() { keys q; wait_for '^\[exit [0-9]+\]' >/dev/null; }
quit
if ls "$tmp/cache/rubric/"heads-* >/dev/null 2>&1; then
	ok "the head store is kept"
else
	notok "the head store is kept"
fi

# Same size, same mtime: only the ctime (and the bytes) say that Alpha changed.
cp "$tmp/v/alpha.txt" "$tmp/alpha.old"
sed 's/Alpha One/Omega One/' "$tmp/alpha.old" >"$tmp/v/alpha.txt"
touch -r "$tmp/alpha.old" "$tmp/v/alpha.txt"
rm "$tmp/v/bravo.txt"
rm "$tmp/v/charlie.txt"
mkfifo "$tmp/v/charlie.txt"
out=$(cli list "$tmp/v")
case $out in
*"Omega One"*) ok "a command answers with the new title at once" ;;
*) notok "a command answers with the new title at once: $out" ;;
esac
case $out in
*"Alpha One"*|*bravo*) notok "and never the stored one: $out" ;;
*) ok "and never the stored one, nor the deleted file" ;;
esac
# The command saved the verified heads: the store is put back as it was before the
# change, for the screen to find its stored heads stale again.
rm -rf "$tmp/cache"
mv "$tmp/v/alpha.txt" "$tmp/alpha.new"
cp -p "$tmp/alpha.old" "$tmp/v/alpha.txt"
rm "$tmp/v/charlie.txt"
printf 'title: Charlie One\n\nSome text about Charlie.\n' >"$tmp/v/charlie.txt"
printf 'title: Bravo One\n\nSome text about Bravo.\n' >"$tmp/v/bravo.txt"
start 80 24 RUBRIC_INDEX_RACY=0 -- "$tmp/v"
check "the store is made again" "Charlie One"
quit
cat "$tmp/alpha.new" >"$tmp/v/alpha.txt"
touch -r "$tmp/alpha.old" "$tmp/v/alpha.txt"
rm "$tmp/v/bravo.txt" "$tmp/v/charlie.txt"
mkfifo "$tmp/v/charlie.txt"
start 80 24 RUBRIC_INDEX_RACY=0 -- "$tmp/v"
check "the status line says what changed" "2 articles changed since last time"
check "the verifier brings the new title to the list" "│.{6}[0-9-]+ +Omega One"
check_not "and the stored one is gone" "Alpha One"
check "a file become a FIFO is unreadable, marked" "│ ! +charlie.txt"
check_not "a file deleted before the start is not listed" "bravo"
keys j j
check "the list answers keys" "Articles +3/3"
quit
out=$(cli list "$tmp/v")
case $out in
*"Omega One"*) ok "the verified heads are what the commands see" ;;
*) notok "the verified heads are what the commands see: $out" ;;
esac

# 20,000 articles, every one changed in its ctime: the verifier reads them all again
# behind the screen, which answers keys meanwhile.
"$top/tests/bin/gencorpus" "$tmp/big" 20000 >/dev/null
start 80 24 RUBRIC_INDEX_RACY=0 -- "$tmp/big"
check "20,000 articles listed" "Articles +1/20000"
quit
find "$tmp/big" -type f -exec chmod g+w {} +
start 80 24 RUBRIC_INDEX_RACY=0 -- "$tmp/big"
check "the big corpus is listed at once" "Articles +1/20000"
keys j j j
check "keys answer while it is verified" "Articles +4/20000"
# in_history TEXT: whether H's messages hold TEXT, looked at until they do (the
# end is said once on the status line, which the next key clears; under the
# sanitizers reading 20,000 articles again takes a while).
in_history() {
	n=0
	while [ "$n" -lt 60 ]; do
		keys H
		if capture | grep -q -e "$1"; then
			keys q
			return 0
		fi
		keys q
		sleep 0.5
		n=$((n + 1))
	done
	return 1
}
# Said while it runs (0.3 s on a quiet machine): the screen shows it between the
# keys, unless it has ended already, which H then says.
if capture | grep -q -E "verifying [0-9]+%"; then
	ok "the status line says how far verification is"
elif in_history "20000 articles changed since last time"; then
	ok "the status line says how far verification is (it had ended: H says so)"
else
	notok "the status line says how far verification is"
fi
keys G
check "G answers too" "Articles +20000/20000"
if in_history "20000 articles changed since last time"; then
	ok "the verifier ends with every article read again"
else
	notok "the verifier ends with every article read again"
fi
quit

# Files written just now: the head store keeps their stamps as racy (a second write
# within the clock's tick would leave them as they are), so the next start reads
# them again; that their heads are what the list showed is no change to tell of.
mkdir "$tmp/r"
for w in Echo Foxtrot; do
	printf 'title: %s Two\n\nSome text.\n' "$w" >"$tmp/r/$w.txt"
done
start 80 24 -- "$tmp/r"
check "files written just now are listed" "Foxtrot Two"
quit
cp -p "$tmp/r/Echo.txt" "$tmp/echo.old"
start 80 24 -- "$tmp/r"
check "read again, they are listed as they are" "Foxtrot Two"
sleep 1
check_not "and no change is told of" "changed since last time"
quit
sed 's/Echo Two/Golf Two/' "$tmp/echo.old" >"$tmp/r/Echo.txt"
touch -r "$tmp/echo.old" "$tmp/r/Echo.txt"
start 80 24 -- "$tmp/r"
check "a title edited within the window is a change told of" \
    "1 article changed since last time"
check "and is listed" "Golf Two"
finish
