#!/bin/sh
# Changes the sidecar cannot take are journalled and never lost: the commands, the
# journal's own damage, another process's lock, a folder a team shares, and the screen
# (a conflict while it is open, q, SIGHUP, SIGTERM, a full disk).
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-journal.XXXXXX")
T="tmux -L rubric-journal-$$ -f /dev/null"
helper=""
trap '$T kill-server 2>/dev/null; [ -n "$helper" ] && kill $helper 2>/dev/null; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }
# has DIR TAG: the tag is on some article of DIR's sidecar, as rubric reads it.
has() { ./rubric tags "$1" 2>/dev/null | cut -f4 | grep -qx "$2"; }
# lockhold FILE: a process holding a POSIX lock on FILE until killed; its pid in $helper.
lockhold() {
	rm -f "$tmp/held"
	python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "a")
fcntl.lockf(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(120)' "$1" "$tmp/held" &
	helper=$!
	i=0
	while [ ! -e "$tmp/held" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

cp -r tests/sample "$tmp/c"
art="$tmp/c/mayadin-returnees.txt"
./rubric tag +Before -- "$art" 2>/dev/null || touch "$tmp/c/.rubric.ini"
./rubric tag +Before -- "$art"
cp "$tmp/c/.rubric.ini" "$tmp/good.ini"

# A conflict lands in the file: the commands journal, say so, and exit 1.
{ echo '<<<<<<< HEAD'; cat "$tmp/good.ini"; echo '======='; echo '>>>>>>> theirs'; } \
    >"$tmp/c/.rubric.ini"
cp "$tmp/c/.rubric.ini" "$tmp/conflict.ini"
./rubric tag +During -- "$art" 2>"$tmp/err"
rc=$?
check "a tag on a sidecar that does not parse exits 1" "[ $rc = 1 ]"
check "and says it is journalled, where, and until when" \
    "grep -q 'journalled to $tmp/c/.rubric.ini.journal: will be applied when .rubric.ini parses' '$tmp/err'"
check "and names the line that does not parse" "grep -q '.rubric.ini:1: ' '$tmp/err'"
check "the sidecar is not written over" "cmp -s '$tmp/c/.rubric.ini' '$tmp/conflict.ini'"
check "the journal is readable: one change a line with its checksum" \
    "grep -q '^tag person \"mayadin-returnees.txt\" \"During\" crc=[0-9a-f]\\{8\\}\$' '$tmp/c/.rubric.ini.journal'"
./rubric note "$art" 'journalled "note"
two lines' 2>"$tmp/err"
rc=$?
check "a note is journalled too" "[ $rc = 1 ] && grep -q '^note - \"mayadin-returnees.txt\" \"journalled \\\\\"note\\\\\"\\\\x0atwo lines\" crc=' '$tmp/c/.rubric.ini.journal'"

# Fixed by hand: the next command that writes applies the journal first.
cp "$tmp/good.ini" "$tmp/c/.rubric.ini"
./rubric tag +After -- "$art" 2>"$tmp/err"
rc=$?
check "once the file parses, the next command saves (exit 0)" "[ $rc = 0 ]"
check "and says the journalled changes were saved" \
    "grep -q 'journal: warning: 4 journalled changes saved in .rubric.ini' '$tmp/err'"
check "with every change: the earlier tag, the journalled ones, the new one" \
    "has '$tmp/c' Before && has '$tmp/c' During && has '$tmp/c' After && \
[ \"\$(./rubric note '$art')\" = 'journalled \"note\"
two lines' ]"
check "and the journal is gone" "[ ! -e '$tmp/c/.rubric.ini.journal' ]"

# A crash while a journal line was written leaves it cut short: left out, said, and
# the whole lines before it applied.
cp "$tmp/conflict.ini" "$tmp/c/.rubric.ini"
./rubric tag +Whole -- "$art" 2>/dev/null
printf 'tag person "mayadin-returnees.txt" "Tor' >>"$tmp/c/.rubric.ini.journal"
cp "$tmp/good.ini" "$tmp/c/.rubric.ini"
./rubric tag +Next -- "$art" 2>"$tmp/err"
rc=$?
check "a torn last journal line is reported" "[ $rc = 0 ] && grep -q 'journal:4: warning: a change cut short' '$tmp/err'"
check "and left out, the whole ones applied" "has '$tmp/c' Whole && has '$tmp/c' Next && ! has '$tmp/c' Tor"

# A line changed in the middle is not guessed at: nothing of the journal is applied,
# and the new change joins it.
cp "$tmp/conflict.ini" "$tmp/c/.rubric.ini"
./rubric tag +One -- "$art" 2>/dev/null
./rubric tag +Two -- "$art" 2>/dev/null
sed -i 's/"One"/"Uno"/' "$tmp/c/.rubric.ini.journal"
cp "$tmp/good.ini" "$tmp/c/.rubric.ini"
./rubric tag +Three -- "$art" 2>"$tmp/err"
rc=$?
check "a damaged journal line is named, and nothing is applied over it" \
    "[ $rc = 1 ] && grep -q 'journal:2: the checksum does not match the line' '$tmp/err' && cmp -s '$tmp/c/.rubric.ini' '$tmp/good.ini'"
check "the new change is journalled after it" "grep -q '\"Three\" crc=' '$tmp/c/.rubric.ini.journal'"
rm -f "$tmp/c/.rubric.ini.journal"

# Another process holds the lock: the command waits the stated time, names the pid,
# exits 1 and changes nothing.
cp "$tmp/good.ini" "$tmp/c/.rubric.ini"
lockhold "$tmp/c/.rubric.ini.lock"
start=$(date +%s)
RUBRIC_LOCK_TIMEOUT=1 ./rubric tag +Locked -- "$art" 2>"$tmp/err"
rc=$?
took=$(($(date +%s) - start))
check "a lock held elsewhere: the command fails after RUBRIC_LOCK_TIMEOUT (exit $rc, ${took} s)" \
    "[ $rc = 1 ] && [ $took -le 4 ]"
check "saying which process holds it" "grep -q 'waiting for $tmp/c/.rubric.ini: locked by pid $helper' '$tmp/err'"
check "and that nothing was changed" \
    "grep -q 'nothing was changed after waiting 1 s' '$tmp/err' && cmp -s '$tmp/c/.rubric.ini' '$tmp/good.ini' && [ ! -e '$tmp/c/.rubric.ini.journal' ]"
kill $helper; wait $helper 2>/dev/null; helper=""
./rubric tag +Unlocked -- "$art"
check "let go, the next command saves" "has '$tmp/c' Unlocked"

# A folder a team shares: setgid, group-writable, two members with umask 022. What
# one member's save makes, the other can write; the sidecar keeps its group and mode.
if [ "$(id -u)" = 0 ]; then
	gid=4242
	chmod 755 "$tmp"
	mkdir "$tmp/team"
	cp tests/sample/mayadin-returnees.txt tests/sample/oil-smuggling-routes.txt "$tmp/team/"
	chgrp -R $gid "$tmp/team"
	chmod 2775 "$tmp/team"
	A="setpriv --reuid=65534 --regid=65534 --groups=$gid"
	B="setpriv --reuid=1 --regid=1 --groups=$gid"
	(umask 002; $A touch "$tmp/team/.rubric.ini")
	(umask 022; $A ./rubric tag +ByA -- "$tmp/team/mayadin-returnees.txt")
	check "a first save in a setgid folder makes the lock group-writable, in its group" \
	    "[ \"\$(stat -c '%a %g' '$tmp/team/.rubric.ini.lock')\" = '664 $gid' ]"
	(umask 022; $B ./rubric tag +ByB -- "$tmp/team/oil-smuggling-routes.txt" 2>"$tmp/err")
	rc=$?
	check "the second member can save" "[ $rc = 0 ] && has '$tmp/team' ByA && has '$tmp/team' ByB"
	check "and the sidecar stays group-writable, in the folder's group" \
	    "[ \"\$(stat -c '%a %g' '$tmp/team/.rubric.ini')\" = '664 $gid' ]"
	(umask 022; $A ./rubric tag +AgainA -- "$tmp/team/mayadin-returnees.txt")
	check "and the first member after them" "has '$tmp/team' AgainA"
	cp "$tmp/team/.rubric.ini" "$tmp/team-good.ini"
	echo '<<<<<<< HEAD' >>"$tmp/team/.rubric.ini"
	(umask 022; $A ./rubric tag +JA -- "$tmp/team/mayadin-returnees.txt" 2>/dev/null)
	check "a journal made by one member is group-writable, in the folder's group" \
	    "[ \"\$(stat -c '%a %g' '$tmp/team/.rubric.ini.journal')\" = '664 $gid' ]"
	(umask 022; $B ./rubric tag +JB -- "$tmp/team/oil-smuggling-routes.txt" 2>"$tmp/err")
	check "the other member journals into it" "grep -q '\"JB\" crc=' '$tmp/team/.rubric.ini.journal'"
	cat "$tmp/team-good.ini" >"$tmp/team/.rubric.ini"
	(umask 022; $B ./rubric tag +Fixed -- "$tmp/team/oil-smuggling-routes.txt" 2>/dev/null)
	check "and either member's next save applies both members' changes" \
	    "has '$tmp/team' JA && has '$tmp/team' JB && has '$tmp/team' Fixed && [ ! -e '$tmp/team/.rubric.ini.journal' ]"
	# Without setgid, a save makes the file in the saver's own group: the old
	# group and mode are given back.
	mkdir "$tmp/plain"
	cp tests/sample/mayadin-returnees.txt "$tmp/plain/"
	printf '[article mayadin-returnees.txt]\ntag.kept = person\n' >"$tmp/plain/.rubric.ini"
	chgrp -R $gid "$tmp/plain"
	chmod 775 "$tmp/plain"
	chmod 660 "$tmp/plain/.rubric.ini"
	(umask 022; $B ./rubric tag +ByB -- "$tmp/plain/mayadin-returnees.txt")
	check "without setgid, another member's save keeps the sidecar's group and mode" \
	    "has '$tmp/plain' ByB && [ \"\$(stat -c '%a %g' '$tmp/plain/.rubric.ini')\" = '660 $gid' ]"
	chmod 700 "$tmp"
else
	notok "group permissions need root to act as two users"
fi
echo "1..$n"
