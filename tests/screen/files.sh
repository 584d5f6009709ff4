#!/bin/sh
# Whole-screen tests of what a corpus may hold: empty, binary and unreadable files, a
# path past PATH_MAX, a 1 MiB line and a 10 MB article, an empty folder, no PATH.
. "$(dirname "$0")/lib.sh"
hostile_corpus
start 100 30 -- "$tmp/hostile/empty.txt" "$tmp/hostile/blank.txt"
check "an empty file is listed under its file name" "│.{6}[0-9-]{10} empty.txt"
check "a blank file is listed under its file name" "│.{6}[0-9-]{10} blank.txt"
keys j Tab
check "an empty file shows as empty" "\\(empty file\\)"
ln -s nowhere "$tmp/hostile/dangling.txt"
start 100 30 -- "$tmp/hostile"
check "binary files are counted in the status line" "  1 bin( |$)"
check "unreadable files are counted in the status line, marked as in the list" "  !1  "
check "an unreadable file stays in the list with a marker" "│ !.{4}[0-9 -]{10} dangling.txt"
keys G
check "G reaches the last article" "Articles +([0-9]+)/\\1"

# An article below 3,000 folders, past PATH_MAX: in the list, marked, with the reason.
sh tests/mkdeep.sh "$tmp/deep"
start 100 30 -- "$tmp/deep"
check "a path past PATH_MAX is counted as unreadable" "  !1( |$)"
check "and stays in the list with a marker" "│ !.{4}[0-9 -]{10} bottom.txt"
keys G
check "and its body pane says why" "path too long"

# A 1 MiB line and a 10 MB article scroll from byte offsets.
start 80 24 -- "$tmp/hostile/long-line.txt" "$tmp/hostile/big.txt"
keys Enter G
check "G reaches the end of a 1 MiB line" " end *$"
keys k k k
check "k scrolls up inside the line" "9[0-9]%"
keys q j Enter G
check "G reaches the end of a 10 MB article" " end *$"
keys g
check "g returns to its start" " 0%"

# An empty directory, and no PATH at all (the current directory).
mkdir -p "$tmp/emptydir"
start 80 24 -- "$tmp/emptydir"
check "an empty corpus says so" "no articles"
check "an empty corpus counts 0/0" "emptydir +0/0"
keys Enter j G Tab Enter
check "keys on an empty corpus do no harm" "no articles"
keys q
if [ "$(dead_status)" = 0 ]; then ok "q quits an empty corpus"; else notok "q quits an empty corpus"; fi
stop
sessions=$((sessions + 1))
T="tmux -L rubric-test-$$-$sessions -f /dev/null"
$T new-session -d -x 80 -y 24 -c "$tmp/sample" -e LC_ALL=C.UTF-8 \
    -e RUBRIC_DATADIR="$top/config" -e XDG_CONFIG_HOME="$tmp/xdg" \
    -e XDG_CACHE_HOME="$tmp/cache" "$top/rubric; echo \"[exit \$?]\"; exec sleep 3600"
check "without PATH rubric reads the current directory" "^ sample +1/12"

finish
