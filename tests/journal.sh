#!/bin/sh
# Changes the sidecar cannot take are journalled and never lost: the commands, the
# journal's own damage, another process's lock, a folder a team shares, and the screen
# (a conflict while it is open, q, SIGHUP, SIGTERM, a full disk).
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-journal.XXXXXX") || exit 1
T="tmux -L rubric-journal-$$ -f /dev/null"
helper=""
trap '$T kill-server 2>/dev/null; [ -n "$helper" ] && kill $helper 2>/dev/null; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"
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
    "grep -q 'journal: warning: 2 journalled changes saved in .rubric.ini' '$tmp/err'"
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
./rubric check --sidecar "$tmp/c/.rubric.ini" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "rubric check reports the blocked journal: its path, what waits, the bad line; exit 1" \
    "[ $rc = 1 ] && grep -q 'journal $tmp/c/.rubric.ini.journal: 3 changes wait, blocked: nothing is applied until its line 2 is mended or removed' '$tmp/out' && \
grep -q 'rubric.ini.journal:2: the checksum does not match the line' '$tmp/err'"
./rubric tag +Four -- "$art" 2>"$tmp/err"
check "a change made then does not claim it waits for the file to parse" \
    "! grep -q 'when .rubric.ini parses' '$tmp/err' && grep -q 'journalled to .*: nothing in it is applied until its line 2 is mended or removed' '$tmp/err'"
cp "$tmp/c/.rubric.ini.journal" "$tmp/blocked.journal"
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
	# The checks read the team's files as root, who is not in the team's group and
	# so does not trust them (trust.h) unless told; the members are and do.
	export RUBRIC_SAFE_DIRECTORY="$tmp/team:$tmp/plain:$tmp/ng:$tmp/sticky:$tmp/pub1"
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
	# Without setgid, a new lock and a new journal take the folder's group too.
	mkdir "$tmp/ng"
	cp tests/sample/mayadin-returnees.txt tests/sample/oil-smuggling-routes.txt "$tmp/ng/"
	printf '[article "mayadin-returnees.txt"]\ntag "kept" = person\n' >"$tmp/ng/.rubric.ini"
	chgrp -R $gid "$tmp/ng"
	chmod 775 "$tmp/ng"
	chmod 664 "$tmp/ng/.rubric.ini"
	(umask 022; $A ./rubric tag +NA -- "$tmp/ng/mayadin-returnees.txt")
	check "without setgid, a new lock is in the folder's group, group-writable" \
	    "[ \"\$(stat -c '%a %g' '$tmp/ng/.rubric.ini.lock')\" = '664 $gid' ]"
	(umask 022; $B ./rubric tag +NB -- "$tmp/ng/oil-smuggling-routes.txt" 2>"$tmp/err")
	rc=$?
	check "and the second member can take it and save" "[ $rc = 0 ] && has '$tmp/ng' NA && has '$tmp/ng' NB"
	cp "$tmp/ng/.rubric.ini" "$tmp/ng-good.ini"
	echo '<<<<<<< HEAD' >>"$tmp/ng/.rubric.ini"
	(umask 022; $A ./rubric tag +NJA -- "$tmp/ng/mayadin-returnees.txt" 2>/dev/null)
	check "without setgid, a new journal is in the folder's group, group-writable" \
	    "[ \"\$(stat -c '%a %g' '$tmp/ng/.rubric.ini.journal')\" = '664 $gid' ]"
	(umask 022; $B ./rubric tag +NJB -- "$tmp/ng/oil-smuggling-routes.txt" 2>/dev/null)
	check "and the second member journals into it" "grep -q '\"NJB\" crc=' '$tmp/ng/.rubric.ini.journal'"

	# A sticky team folder: only the sidecar's owner may rename over it. Another
	# member is told why, and the change waits in the journal; the owner's next save
	# applies it and, unable to remove the other member's journal, empties it, so
	# that it is never applied again.
	mkdir "$tmp/sticky"
	cp tests/sample/mayadin-returnees.txt tests/sample/oil-smuggling-routes.txt "$tmp/sticky/"
	chgrp -R $gid "$tmp/sticky"
	chmod 3775 "$tmp/sticky"
	(umask 002; $A ./rubric tag +SA -- "$tmp/sticky/mayadin-returnees.txt" 2>/dev/null)
	(umask 002; $B ./rubric tag +SB -- "$tmp/sticky/oil-smuggling-routes.txt" 2>"$tmp/err")
	rc=$?
	check "a sticky folder: another member's save says whose file it is and that only they can replace it" \
	    "[ $rc = 1 ] && grep -q 'cannot save: the folder is sticky and .rubric.ini is nobody.s: only nobody can replace it' '$tmp/err'"
	check "and the change is journalled" "grep -q '\"SB\" crc=' '$tmp/sticky/.rubric.ini.journal'"
	(umask 002; $A ./rubric tag +SA2 -- "$tmp/sticky/mayadin-returnees.txt" 2>"$tmp/err")
	rc=$?
	check "the owner's next save applies it and empties the journal it cannot remove" \
	    "[ $rc = 0 ] && has '$tmp/sticky' SB && [ -e '$tmp/sticky/.rubric.ini.journal' ] && [ ! -s '$tmp/sticky/.rubric.ini.journal' ]"
	(umask 002; $A ./rubric tag -SB -- "$tmp/sticky/oil-smuggling-routes.txt" 2>/dev/null)
	(umask 002; $A ./rubric tag +SA3 -- "$tmp/sticky/mayadin-returnees.txt" 2>/dev/null)
	check "and it is not applied again: a tag removed since stays removed" \
	    "! has '$tmp/sticky' SB && has '$tmp/sticky' SA3"

	# A journal planted by another user in a sticky world-writable folder is not
	# applied, and it says so.
	mkdir "$tmp/pub1"
	chmod 1777 "$tmp/pub1"
	cp tests/sample/mayadin-returnees.txt "$tmp/pub1/"
	chmod 644 "$tmp/pub1/mayadin-returnees.txt"
	(umask 022; $A ./rubric tag +Mine -- "$tmp/pub1/mayadin-returnees.txt" 2>/dev/null)
	grep '"Two" crc=' "$tmp/blocked.journal" >"$tmp/planted"
	(umask 022; $B sh -c "cat '$tmp/planted' >'$tmp/pub1/.rubric.ini.journal'")
	(umask 022; $A env -u RUBRIC_SAFE_DIRECTORY ./rubric tag +Later -- "$tmp/pub1/mayadin-returnees.txt" 2>"$tmp/err")
	rc=$?
	check "a journal planted in a sticky world-writable folder is not applied" \
	    "has '$tmp/pub1' Later && ! has '$tmp/pub1' Two && [ -s '$tmp/pub1/.rubric.ini.journal' ]"
	check "and it says so, naming it and how to allow it" \
	    "grep -q 'pub1/.rubric.ini.journal: not used: another user.s, in a sticky world-writable folder.*RUBRIC_SAFE_DIRECTORY=' '$tmp/err'"

	# rubric check does not read a sidecar planted above, and says why.
	mkdir -p "$tmp/pub2/mine"
	chmod 1777 "$tmp/pub2"
	chown 65534:65534 "$tmp/pub2/mine"
	$B sh -c "printf '[article \"x.txt\"]\ntag \"planted\" = person\n' >'$tmp/pub2/.rubric.ini'"
	(cd "$tmp/pub2/mine" && $A env -u RUBRIC_SAFE_DIRECTORY "$top/rubric" check >"$tmp/out" 2>"$tmp/err")
	rc=$?
	check "rubric check: a sidecar planted above is untrusted, said with how to allow it, exit 1" \
	    "[ $rc = 1 ] && grep -q 'pub2/.rubric.ini: not used: another user.s' '$tmp/err' && ! grep -q '^sidecar ' '$tmp/out'"
	chmod 700 "$tmp"
else
	notok "group permissions need root to act as two users"
fi

# The screen, in a private tmux server (as tests/screen/lib.sh does).
sessions=0
# start ENV=VALUE... -- COMMAND: a fresh session running COMMAND; the shell stays
# after it with its exit status, and the pid of rubric is in $tmp/pid.
start() {
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	$T kill-server 2>/dev/null
	sessions=$((sessions + 1))
	T="tmux -L rubric-journal-$$-$sessions -f /dev/null"
	rm -f "$tmp/pid"
	$T start-server \; set-option -g default-terminal tmux-256color \; \
	    new-session -d -x 150 -y 30 \
	    -e LC_ALL=C.UTF-8 -e RUBRIC_DATADIR="$top/config" \
	    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache" \
	    -e XDG_STATE_HOME="$tmp/state" \
	    "sh -c 'echo \$\$ >$tmp/pid; exec env $envs $*'; echo \"[exit \$?]\"; exec sleep 3600"
}
capture() { $T capture-pane -p -J; }
keys() { $T send-keys "$@"; }
wait_for() {
	i=0
	while [ $i -lt 150 ]; do
		capture | grep -q -E -e "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
scheck() {
	if wait_for "$2"; then ok "$1"; else notok "$1 (no /$2/)"; capture | sed 's/^/# |/'; fi
}
rubricpid() { i=0; while [ ! -s "$tmp/pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done; cat "$tmp/pid"; }

# A conflict lands in the file while the screen is open: t journals the tag and says
# so; the file fixed, the screen saves it, nothing lost.
rm -rf "$tmp/s"
cp -r tests/sample "$tmp/s"
cp "$tmp/good.ini" "$tmp/s/.rubric.ini"
start -- "$top/rubric" "$tmp/s"
wait_for "Articles" >/dev/null
cp "$tmp/conflict.ini" "$tmp/s/.rubric.ini"
scheck "a conflict in the open sidecar is noticed" "rubric.ini:1: .*changes go to its journal|rubric.ini:1: "
keys t During Enter
scheck "t during the conflict journals the tag and says where" \
    "journalled to .*rubric.ini.journal: will be applied when .rubric.ini parses"
scheck "and the tag shows" "During"
cp "$tmp/good.ini" "$tmp/s/.rubric.ini"
scheck "the file fixed, the screen saves what was journalled" "1 journalled change saved in .rubric.ini"
check "the tag is in the sidecar, the earlier ones kept, the journal gone" \
    "has '$tmp/s' During && has '$tmp/s' Before && [ ! -e '$tmp/s/.rubric.ini.journal' ]"

# q with a change the file could not take: it is journalled, q says where, and the
# next start applies it.
cp "$tmp/conflict.ini" "$tmp/s/.rubric.ini"
sleep 1.2
keys t Quitting Enter
wait_for "journalled to" >/dev/null
keys q
scheck "q after a journalled change says where it is" \
    "rubric: 1 change journalled to .*rubric.ini.journal: will be applied when .rubric.ini parses"
cp "$tmp/good.ini" "$tmp/s/.rubric.ini"
start -- "$top/rubric" "$tmp/s"
scheck "the next start applies the journal" "1 journalled change saved in .rubric.ini"
check "and the change is in the sidecar" "has '$tmp/s' Quitting && [ ! -e '$tmp/s/.rubric.ini.journal' ]"
keys q

# SIGHUP and SIGTERM with a change the file could not take: journalled and said.
for sig in HUP TERM; do
	cp "$tmp/good.ini" "$tmp/s/.rubric.ini"
	start -- "$top/rubric" "$tmp/s"
	wait_for "Articles" >/dev/null
	cp "$tmp/conflict.ini" "$tmp/s/.rubric.ini"
	sleep 1.2
	keys t "Sig$sig" Enter
	wait_for "journalled to" >/dev/null
	kill -$sig "$(rubricpid)"
	scheck "SIG$sig with a change the file could not take: it says where it is" \
	    "rubric: 1 change journalled to .*rubric.ini.journal"
	scheck "and exits 1" '^\[exit 1\]'
	check "the change is in the journal" "grep -q '\"Sig$sig\" crc=' '$tmp/s/.rubric.ini.journal'"
	rm -f "$tmp/s/.rubric.ini.journal"
done

# Another process holds the lock: the screen says who, answers keys, keeps the change
# and saves it once the lock is let go; SIGTERM while it waits saves it too.
cp "$tmp/good.ini" "$tmp/s/.rubric.ini"
lockhold "$tmp/s/.rubric.ini.lock"
start -- "$top/rubric" "$tmp/s"
wait_for "Articles" >/dev/null
keys t Held Enter
scheck "a held lock: the screen says which process holds it" \
    "waiting for .*rubric.ini: locked by pid $helper: the change is kept here"
keys o
scheck "and answers keys meanwhile" "sorted by title"
kill $helper; wait $helper 2>/dev/null; helper=""
scheck "let go, the change is saved" "saved to .*rubric.ini"
check "and is in the sidecar" "has '$tmp/s' Held"
lockhold "$tmp/s/.rubric.ini.lock"
keys t Waiting Enter
wait_for "locked by pid" >/dev/null
( sleep 1; kill $helper ) &
kill -TERM "$(rubricpid)"
scheck "SIGTERM while the lock is held waits for it and says where the change went" \
    "rubric: 1 change saved to .*rubric.ini"
wait $helper 2>/dev/null; helper=""
check "and the change is in the sidecar" "has '$tmp/s' Waiting"
lockhold "$tmp/s/.rubric.ini.lock"
start RUBRIC_LOCK_TIMEOUT=0.5 -- "$top/rubric" "$tmp/s"
wait_for "Articles" >/dev/null
keys t Gone Enter
wait_for "locked by pid" >/dev/null
keys q
scheck "q while the lock is held warns, naming the holder, short enough for 80 columns" \
    "1 change not saved \\(locked by pid $helper\\): q again keeps it aside"
check "the warning is under 80 columns" \
    "[ \$(printf '1 change not saved (locked by pid %s): q again keeps it aside' $helper | wc -c) -le 70 ]"
keys q
scheck "q again: the change is kept aside in the state folder, and it says where" \
    "rubric: 1 change not saved in .*rubric.ini: kept in $tmp/state/rubric/sidecar-[0-9a-f]*.journal"
scheck "and exits 1, as something was not saved" '^\[exit 1\]'
check "the state journal names the sidecar and holds the change" \
    "grep -q '^# rubric: changes for the sidecar \"$tmp/s/.rubric.ini\"' $tmp/state/rubric/sidecar-*.journal && \
grep -q '\"Gone\" crc=' $tmp/state/rubric/sidecar-*.journal"
kill $helper; wait $helper 2>/dev/null; helper=""
./rubric check --sidecar "$tmp/s/.rubric.ini" >"$tmp/out" 2>&1
check "rubric check says what waits aside" "grep -q 'kept aside $tmp/state/rubric/sidecar-.*: 1 change waits' '$tmp/out'"
./rubric tag +AfterAside -- "$tmp/s/mayadin-returnees.txt" 2>"$tmp/err"
rc=$?
check "the next command applies it first, says so, and removes it" \
    "[ $rc = 0 ] && has '$tmp/s' Gone && has '$tmp/s' AfterAside && grep -q '1 change kept aside saved in' '$tmp/err' && ! ls $tmp/state/rubric/sidecar-*.journal >/dev/null 2>&1"

# SIGHUP and SIGTERM while another process holds the lock all the wait: kept aside,
# said, exit 1; the next screen applies it.
for sig in HUP TERM; do
	lockhold "$tmp/s/.rubric.ini.lock"
	start RUBRIC_LOCK_TIMEOUT=0.5 -- "$top/rubric" "$tmp/s"
	wait_for "Articles" >/dev/null
	keys t "Aside$sig" Enter
	wait_for "locked by pid" >/dev/null
	kill -$sig "$(rubricpid)"
	scheck "SIG$sig with the lock held: the change is kept aside, and it says where" \
	    "rubric: 1 change not saved in .*rubric.ini: kept in $tmp/state/rubric/"
	scheck "and exits 1" '^\[exit 1\]'
	kill $helper; wait $helper 2>/dev/null; helper=""
	check "the change is in the state journal" "grep -q '\"Aside$sig\" crc=' $tmp/state/rubric/sidecar-*.journal"
	start -- "$top/rubric" "$tmp/s"
	scheck "the next screen applies it" "1 change kept aside saved in"
	check "and it is in the sidecar, the state journal gone" \
	    "has '$tmp/s' Aside$sig && ! ls $tmp/state/rubric/sidecar-*.journal >/dev/null 2>&1"
	keys q
done

# A full disk (a small tmpfs in a mount namespace): the change waits in memory; space
# back, then SIGTERM: it is saved.
mkdir -p "$tmp/full"
cat >"$tmp/full.sh" <<EOS
mount -t tmpfs -o size=256k tmpfs "$tmp/full" || exit 3
cp -r "$top/tests/sample/2017" "$tmp/full/c"
printf '[article deir-ezzor-siege-lifted.txt]\\ntag.kept = person\\n' >"$tmp/full/c/.rubric.ini"
dd if=/dev/zero of="$tmp/full/filler" bs=4k 2>/dev/null
( while [ ! -e "$tmp/room" ]; do sleep 0.1; done; rm -f "$tmp/full/filler"; touch "$tmp/roomdone" ) &
sh -c 'echo \$\$ >"$tmp/pid"; exec "$top/rubric" "$tmp/full/c"'
rc=\$?
cp -r "$tmp/full/c" "$tmp/full-after"
exit \$rc
EOS
if unshare -m true 2>/dev/null; then
	start -- unshare -m sh "$tmp/full.sh"
	wait_for "Articles" >/dev/null
	keys t Full Enter
	scheck "a full disk: the change is not saved, and says why" "not saved: .*No space left on device"
	touch "$tmp/room"
	i=0; while [ ! -e "$tmp/roomdone" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	kill -TERM "$(rubricpid)"
	scheck "space back, SIGTERM saves the change and says so" "rubric: 1 change saved to .*rubric.ini"
	wait_for '^\[exit' >/dev/null
	check "the change is in the sidecar" "has '$tmp/full-after' Full && has '$tmp/full-after' kept"
else
	notok "a full disk: cannot make a mount namespace"
fi
echo "1..$n"
