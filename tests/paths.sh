#!/bin/sh
# Paths a team walks: files found walking up that another user planted are not
# trusted; a linked folder gives an article one name; tags never move off an article
# in a folder that cannot be read; export --force deletes only its own; temporary
# files of killed writers are swept; tag and note make a sidecar in a fresh folder.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-paths.XXXXXX") || exit 1
T="tmux -L rubric-paths-$$ -f /dev/null"
trap '[ -n "${KEEP:-}" ] || { $T kill-server 2>/dev/null; chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"; }' EXIT
export XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache" RUBRIC_DATADIR="$top/config"
unset RUBRIC_SAFE_DIRECTORY
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }
run() { "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
R="$top/rubric"

# Commands as another user: root reads and writes anything, so as root they run as
# nobody, with a home of nobody's own.
as=""
if [ "$(id -u)" != 0 ]; then
	as="env"
elif command -v setpriv >/dev/null; then
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
chmod 755 "$tmp"
mkdir -p "$tmp/nobody/xdg/rubric" "$tmp/nobody/cache"
nob() { env XDG_CONFIG_HOME="$tmp/nobody/xdg" XDG_CACHE_HOME="$tmp/nobody/cache" $as "$@"; }
[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$tmp/nobody"

# 7. Trust. A sticky world-writable folder (as /tmp) where root planted a sidecar and
# a themes file anyone may write, above a corpus of nobody's.
if [ -n "$as" ] && [ "$(id -u)" = 0 ]; then
	mkdir -p "$tmp/pub"
	chmod 1777 "$tmp/pub"
	printf '[article corpus/x.txt]\ntag.planted = person\n' >"$tmp/pub/.rubric.ini"
	printf '[theme planted]\npattern = oil\nautotag = 1\n' >"$tmp/pub/.rubric-themes.ini"
	chmod 666 "$tmp/pub/.rubric.ini" "$tmp/pub/.rubric-themes.ini"
	cp "$tmp/pub/.rubric.ini" "$tmp/planted.ini"
	nob mkdir "$tmp/pub/corpus"
	nob cp tests/sample/oil-smuggling-routes.txt "$tmp/pub/corpus/x.txt"
	run nob "$R" list "$tmp/pub/corpus"
	check "a planted sidecar in a sticky world-writable folder is not used: exit 1" \
	    "[ \$rc = 1 ] && ! grep -q planted '$tmp/out'"
	check "the message names it and says how to allow it" \
	    "grep -q \"pub/.rubric.ini: not used: another user's\" '$tmp/err' && \
grep -q 'RUBRIC_SAFE_DIRECTORY=$tmp/pub' '$tmp/err' && grep -q 'safe_directory = $tmp/pub' '$tmp/err' && \
grep -q -- '--sidecar' '$tmp/err'"
	check "the planted themes file is named and left out" \
	    "grep -q 'pub/.rubric-themes.ini: warning: not used' '$tmp/err'"
	# A corpus that cannot be walked is said first, as the sidecar's own faults
	# are: the walk's error, not hidden behind the sidecar's.
	run nob "$R" list "$tmp/pub/corpus" "$tmp/pub/nope"
	check "with a root that cannot be walked, the walk's error is said" \
	    "[ \$rc = 1 ] && grep -q 'pub/nope: No such file or directory' '$tmp/err'"
	run nob "$R" tag +secret -- "$tmp/pub/corpus/x.txt"
	check "tag refuses it (exit 1) and the planted file is not written" \
	    "[ \$rc = 1 ] && cmp -s '$tmp/pub/.rubric.ini' '$tmp/planted.ini' && grep -q 'not used' '$tmp/err'"
	run nob "$R" note "$tmp/pub/corpus/x.txt" "confidential"
	check "note refuses it too, and no note reaches it" \
	    "[ \$rc = 1 ] && ! grep -q confidential '$tmp/pub/.rubric.ini'"
	run nob env RUBRIC_SAFE_DIRECTORY="$tmp/elsewhere:$tmp/pub" "$R" list "$tmp/pub/corpus"
	check "RUBRIC_SAFE_DIRECTORY allows it: its tags and theme are used" \
	    "[ \$rc = 0 ] && grep -q 'planted' '$tmp/out' && ! grep -q 'not used' '$tmp/err'"
	printf '[rubric]\nsafe_directory = %s\n' "$tmp/pub" >"$tmp/nobody/xdg/rubric/config.ini"
	chown 65534 "$tmp/nobody/xdg/rubric/config.ini"
	run nob "$R" list "$tmp/pub/corpus"
	check "so does safe_directory in the user's own config" \
	    "[ \$rc = 0 ] && grep -q 'planted' '$tmp/out'"
	rm "$tmp/nobody/xdg/rubric/config.ini"
	printf '[rubric]\nsafe_directory = *\n' >>"$tmp/pub/.rubric-themes.ini"
	run nob "$R" list "$tmp/pub/corpus"
	check "a safe_directory in the planted file allows nothing" "[ \$rc = 1 ]"
	run nob "$R" --sidecar "$tmp/pub/.rubric.ini" --help
	run nob "$R" list --sidecar "$tmp/pub/.rubric.ini" "$tmp/pub/corpus"
	check "--sidecar FILE given explicitly is trusted" \
	    "[ \$rc = 0 ] && grep -q 'planted' '$tmp/out'"
	# The team: a group-writable sidecar of another member, in a group the user
	# is in, is used; one writable by a group the user is not in is not.
	mkdir -p "$tmp/team/c"
	cp tests/sample/oil-smuggling-routes.txt "$tmp/team/c/x.txt"
	printf '[article c/x.txt]\ntag.team = person\n' >"$tmp/team/.rubric.ini"
	chgrp 65534 "$tmp/team/.rubric.ini"
	chmod 664 "$tmp/team/.rubric.ini"
	run nob "$R" list "$tmp/team/c"
	check "a group-writable sidecar of the user's group is used (the team)" \
	    "[ \$rc = 0 ] && grep -q 'team' '$tmp/out'"
	chgrp 0 "$tmp/team/.rubric.ini"
	run nob "$R" list "$tmp/team/c"
	check "one writable by a group the user is not in is not" \
	    "[ \$rc = 1 ] && grep -q 'not used' '$tmp/err'"
	# The screen refuses it before it starts.
	run nob "$R" "$tmp/pub/corpus"
	check "the screen refuses it too, before it starts" \
	    "[ \$rc = 1 ] && grep -q 'pub/.rubric.ini: not used' '$tmp/err'"
else
	for t in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
		notok "trust: needs root and setpriv to plant files as another user"
	done
fi

# 8. One name per article: a folder linked inside the corpus, and one linked to a
# folder outside it.
mkdir -p "$tmp/ln/c/real" "$tmp/ln/outside"
cp tests/sample/mayadin-returnees.txt "$tmp/ln/c/real/a.txt"
cp tests/sample/oil-smuggling-routes.txt "$tmp/ln/outside/o.txt"
ln -s real "$tmp/ln/c/link"
ln -s ../outside "$tmp/ln/c/ext"
touch "$tmp/ln/c/.rubric.ini"
"$R" tag +viaLink -- "$tmp/ln/c/link/a.txt"
(cd "$tmp/ln/c/real" && "$R" tag +viaReal -- a.txt)
"$R" tag +out -- "$tmp/ln/c/ext/o.txt"
run "$R" list "$tmp/ln/c"
check "tagging through the link and the real folder gives one entry, the real name" \
    "grep -q '^\\[article \"real/a.txt\"\\]' '$tmp/ln/c/.rubric.ini' && ! grep -q 'article \"link/' '$tmp/ln/c/.rubric.ini' && \
[ \"\$(grep -c '^\\[article' '$tmp/ln/c/.rubric.ini')\" = 2 ]"
check "list shows the article once, by its real name, with both tags" \
    "[ \"\$(grep -c 'a.txt' '$tmp/out')\" = 1 ] && grep -Eq '^real/a.txt	.*	viaLink,viaReal(,~[^,]*)*\$' '$tmp/out'"
check "a link to a folder outside is named by the link's path" \
    "grep -Eq '^ext/o.txt	.*	out(,~[^,]*)*\$' '$tmp/out' && grep -q '^\\[article \"ext/o.txt\"\\]' '$tmp/ln/c/.rubric.ini'"
run "$R" list "$tmp/ln/c/link"
check "the corpus given through the link finds the same entry" \
    "grep -Eq '^a.txt	.*	viaLink,viaReal(,~[^,]*)*\$' '$tmp/out'"
$T start-server \; new-session -d -x 100 -y 30 -e LC_ALL=C.UTF-8 \
    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache" -e RUBRIC_DATADIR="$top/config" \
    "$R $tmp/ln/c; exec sleep 3600"
i=0
while [ $i -lt 150 ] && ! $T capture-pane -p | grep -q 'viaLink'; do sleep 0.1; i=$((i + 1)); done
check "the screen shows the tags put on through the link" "$T capture-pane -p | grep -q 'viaLink'"
$T send-keys g t onScreen Enter
sleep 0.5
i=0
while [ $i -lt 150 ] && ! $T capture-pane -p | grep -q 'tagged onScreen'; do sleep 0.1; i=$((i + 1)); done
$T send-keys q
sleep 0.3
$T kill-server 2>/dev/null
run "$R" list "$tmp/ln/c"
check "a tag put on on the screen lands on the same entry the commands use" \
    "grep -Eq '^ext/o.txt	.*	onScreen,out(,~[^,]*)*\$' '$tmp/out' && ! grep -q 'article \"link/' '$tmp/ln/c/.rubric.ini' && \
[ \"\$(grep -c '^\\[article' '$tmp/ln/c/.rubric.ini')\" = 2 ]"

# 9. An article in a folder that cannot be read is not gone: its tags never move to
# a copy of it elsewhere, and are on it when the folder opens again.
if [ -n "$as" ]; then
	mkdir -p "$tmp/ur/c/shut" "$tmp/ur/c/copy"
	cp tests/sample/mayadin-returnees.txt "$tmp/ur/c/shut/a.txt"
	cp tests/sample/mayadin-returnees.txt "$tmp/ur/c/copy/a.txt"
	touch "$tmp/ur/c/.rubric.ini"
	"$R" tag +Kept -- "$tmp/ur/c/shut/a.txt"
	"$R" note "$tmp/ur/c/shut/a.txt" "the real one"
	[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$tmp/ur"
	cp "$tmp/ur/c/.rubric.ini" "$tmp/ur/before.ini"
	chmod 000 "$tmp/ur/c/shut"
	run nob "$R" list "$tmp/ur/c"
	check "list with the folder unreadable: the copy does not take the tags" \
	    "[ \$rc = 0 ] && grep -q '^copy/a.txt	[^	]*	\$' '$tmp/out' && grep -q '^shut/	' '$tmp/out' && \
cmp -s '$tmp/ur/c/.rubric.ini' '$tmp/ur/before.ini'"
	run nob "$R" list --gone "$tmp/ur/c"
	check "list --gone as nobody: the article in the unreadable folder is not gone, and stderr says why" \
	    "[ \$rc = 0 ] && ! grep -q 'shut/a.txt' '$tmp/out' && \
grep -q 'shut/a.txt: not gone, cannot be looked at (Permission denied)' '$tmp/err'"
	run nob "$R" tag +Other -- "$tmp/ur/c/copy/a.txt"
	check "tagging the copy does not move the entry onto it" \
	    "[ \$rc = 0 ] && grep -A4 '^\\[article \"shut/a.txt\"\\]' '$tmp/ur/c/.rubric.ini' | grep -q 'tag \"Kept\"' && \
grep -A4 '^\\[article \"copy/a.txt\"\\]' '$tmp/ur/c/.rubric.ini' | grep -q 'tag \"Other\"' && \
! grep -A4 '^\\[article \"copy/a.txt\"\\]' '$tmp/ur/c/.rubric.ini' | grep -q 'Kept'"
	chmod 755 "$tmp/ur/c/shut"
	run "$R" list "$tmp/ur/c"
	check "readable again, the tags and the note are on the real file" \
	    "grep -q '^shut/a.txt	.*	Kept\$' '$tmp/ur/c/.rubric.ini' '$tmp/out' || grep -q '^shut/a.txt	.*	Kept\$' '$tmp/out' && \
[ \"\$('$R' note '$tmp/ur/c/shut/a.txt')\" = 'the real one' ]"
	# And a file really gone (ENOENT) still has its tags follow it.
	mv "$tmp/ur/c/shut/a.txt" "$tmp/ur/c/moved.txt"
	run "$R" list "$tmp/ur/c"
	check "a file really moved still takes its tags along" "grep -q '^moved.txt	.*	Kept\$' '$tmp/out'"
else
	for t in 1 2 3 4 5; do notok "unreadable folder: no setpriv to drop root"; done
fi

# 10. export --force into an earlier export's folder: the user's files there stay.
mkdir -p "$tmp/ex/c"
cp tests/sample/mayadin-returnees.txt tests/sample/oil-smuggling-routes.txt "$tmp/ex/c/"
"$R" export -f dir -o "$tmp/ex/out" "$tmp/ex/c" 2>/dev/null
echo mine >"$tmp/ex/out/my-notes.txt"
mkdir "$tmp/ex/out/drafts"
echo draft >"$tmp/ex/out/drafts/d.txt"
rm "$tmp/ex/c/oil-smuggling-routes.txt"
run "$R" export -f dir -o "$tmp/ex/out" --force "$tmp/ex/c"
check "export --force keeps the user's files and folders there" \
    "[ \$rc = 0 ] && [ -f '$tmp/ex/out/my-notes.txt' ] && [ -f '$tmp/ex/out/drafts/d.txt' ]"
check "and says so, with the count and names" \
    "grep -q 'out: 2 files the export did not make were kept: drafts/d.txt, my-notes.txt' '$tmp/err'"
check "the earlier export's own files are replaced: the one no longer exported is gone" \
    "[ ! -e '$tmp/ex/out/oil-smuggling-routes.txt' ] && [ -f '$tmp/ex/out/mayadin-returnees.txt' ] && \
[ \$(wc -l <'$tmp/ex/out/manifest.jsonl') = 1 ]"
echo theirs >"$tmp/ex/c/oil-smuggling-routes.txt"
echo "user's own" >"$tmp/ex/out/oil-smuggling-routes.txt"
run "$R" export -f dir -o "$tmp/ex/out" --force "$tmp/ex/c"
check "a file of the user's where the new export would put one: refused, nothing changed" \
    "[ \$rc = 1 ] && grep -q 'not made by the earlier export' '$tmp/err' && \
[ \"\$(cat '$tmp/ex/out/oil-smuggling-routes.txt')\" = \"user's own\" ] && [ \$(wc -l <'$tmp/ex/out/manifest.jsonl') = 1 ]"

# A folder of the earlier export that the user made a symbolic link (out/sub ->
# elsewhere): nothing is removed or written through it, whichever export lists it.
mkdir -p "$tmp/sl/c/sub" "$tmp/sl/elsewhere"
cp tests/sample/mayadin-returnees.txt "$tmp/sl/c/top.txt"
cp tests/sample/oil-smuggling-routes.txt "$tmp/sl/c/sub/f.txt"
"$R" export -f dir -o "$tmp/sl/out" "$tmp/sl/c" 2>/dev/null
rm -r "$tmp/sl/out/sub"
echo precious >"$tmp/sl/elsewhere/f.txt"
ln -s "$tmp/sl/elsewhere" "$tmp/sl/out/sub"
cp "$tmp/sl/out/manifest.jsonl" "$tmp/sl/manifest.before"
run "$R" export -f dir -o "$tmp/sl/out" --force "$tmp/sl/c"
check "export --force where a new file would go through a symbolic link: refused, nothing changed" \
    "[ \$rc = 1 ] && grep -q 'out/sub/f.txt: sub/ is a symbolic link; not writing through it (nothing was changed)' '$tmp/err' && \
[ \"\$(cat '$tmp/sl/elsewhere/f.txt')\" = precious ] && [ \"\$(ls '$tmp/sl/elsewhere')\" = f.txt ] && \
cmp -s '$tmp/sl/out/manifest.jsonl' '$tmp/sl/manifest.before' && [ -f '$tmp/sl/out/top.txt' ]"
rm -r "$tmp/sl/c/sub"
run "$R" export -f dir -o "$tmp/sl/out" --force "$tmp/sl/c"
check "an earlier file listed behind the link is kept, and the export says so" \
    "[ \$rc = 0 ] && grep -q 'out/sub/f.txt: kept: sub/ is a symbolic link, not followed' '$tmp/err' && \
[ \"\$(cat '$tmp/sl/elsewhere/f.txt')\" = precious ] && [ \"\$(ls '$tmp/sl/elsewhere')\" = f.txt ] && \
[ -L '$tmp/sl/out/sub' ] && [ \$(wc -l <'$tmp/sl/out/manifest.jsonl') = 1 ] && [ -f '$tmp/sl/out/top.txt' ]"

# Temporary files of killed writers: removed by the next export or save of that
# target, unless a live process holds them.
cd "$tmp/ex" || exit 1
: >out.jsonl.tmp-rubric-AAAAAA
mkdir out.tmp-rubric-BBBBBB
: >out.jsonl.tmp-rubric-CCCCCC
: >out.jsonl.tmp-rubric-YOUNG1
: >out.jsonl.tmp-rubric-DDDDDD
touch -d '2 hours ago' out.jsonl.tmp-rubric-AAAAAA out.tmp-rubric-BBBBBB out.jsonl.tmp-rubric-CCCCCC out.jsonl.tmp-rubric-DDDDDD
echo other >unrelated.tmp-EEEEEE
echo mine >out.jsonl.tmp-backup
mkdir out.tmp-backup && echo mine >out.tmp-backup/keep.txt
touch -d '2 hours ago' unrelated.tmp-EEEEEE out.jsonl.tmp-backup out.tmp-backup
flock out.jsonl.tmp-rubric-CCCCCC sleep 5 &
: >out.jsonl.tmp-rubric-FFFFFF
sleep 0.3
"$R" export -f jsonl -o out.jsonl --force c 2>/dev/null
"$R" export -f dir -o out --force c 2>/dev/null
check "stale temporary files of exports are removed by the next export" \
    "[ ! -e out.jsonl.tmp-rubric-AAAAAA ] && [ ! -e out.tmp-rubric-BBBBBB ] && [ ! -e out.jsonl.tmp-rubric-DDDDDD ]"
check "one a live process holds is not, nor a young one, nor another name" \
    "[ -e out.jsonl.tmp-rubric-CCCCCC ] && [ -e out.jsonl.tmp-rubric-FFFFFF ] && [ -e out.jsonl.tmp-rubric-YOUNG1 ] && [ -e unrelated.tmp-EEEEEE ]"
check "a user's files named like the older form (out.jsonl.tmp-backup, out.tmp-backup/, two hours old) stay" \
    "[ \"\$(cat out.jsonl.tmp-backup)\" = mine ] && [ \"\$(cat out.tmp-backup/keep.txt)\" = mine ]"
wait
cd "$top" || exit 1
rm -rf "$tmp/cache/rubric"
"$R" tags "$tmp/ex/c" >/dev/null 2>&1
cache=$(ls "$tmp/cache/rubric" | grep "^scan-" | grep -v tmp- | head -1)
: >"$tmp/cache/rubric/$cache.tmp-rubric-GGGGGG"
touch -d '2 hours ago' "$tmp/cache/rubric/$cache.tmp-rubric-GGGGGG"
echo new >"$tmp/ex/c/new.txt"
"$R" tags "$tmp/ex/c" >/dev/null 2>&1
check "a stale temporary file of the scan cache goes with its next save" \
    "[ -n '$cache' ] && [ ! -e '$tmp/cache/rubric/$cache.tmp-rubric-GGGGGG' ]"
: >"$tmp/ex/c/.rubric.ini.tmp-rubric-HHHHHH"
"$R" tag +x -- "$tmp/ex/c/new.txt" 2>/dev/null
check "and one of a killed sidecar save with the next save" "[ ! -e '$tmp/ex/c/.rubric.ini.tmp-rubric-HHHHHH' ]"

# 11. tag and note in a fresh folder make the sidecar where rubric(1) says, and say so.
mkdir -p "$tmp/fresh/a/b" "$tmp/git/sub" "$tmp/cwd/in"
cp tests/sample/mayadin-returnees.txt "$tmp/fresh/a/b/x.txt"
(cd "$tmp/fresh/a" && "$R" tag +first -- b/x.txt) 2>"$tmp/err"
check "tag with no sidecar above makes one in the current folder and says so" \
    "grep -q 'created .rubric.ini in $tmp/fresh/a\$' '$tmp/err' && grep -q 'tag \"first\" = person' '$tmp/fresh/a/.rubric.ini' && \
[ ! -e '$tmp/fresh/a/b/.rubric.ini' ]"
cp tests/sample/mayadin-returnees.txt "$tmp/git/sub/y.txt"
mkdir "$tmp/git/.git"
(cd "$tmp/git/sub" && "$R" note y.txt "in git") 2>"$tmp/err"
check "note inside a git work tree makes it at the top of the tree" \
    "grep -q 'created .rubric.ini in $tmp/git\$' '$tmp/err' && [ \"\$(cd '$tmp/git/sub' && '$R' note y.txt)\" = 'in git' ] && \
grep -q '^\\[article \"sub/y.txt\"\\]' '$tmp/git/.rubric.ini'"
cp tests/sample/mayadin-returnees.txt "$tmp/cwd/in/z.txt"
(cd "$tmp/ex" && "$R" tag +away -- "$tmp/cwd/in/z.txt") 2>"$tmp/err"
check "a file not below the current folder gets one in its own folder" \
    "grep -q 'created .rubric.ini in $tmp/cwd/in\$' '$tmp/err' && grep -q 'tag \"away\"' '$tmp/cwd/in/.rubric.ini'"
"$R" tag +again -- "$tmp/fresh/a/b/x.txt" 2>"$tmp/err"
check "the next tag finds it and says nothing of creating" \
    "[ \"\$(cat '$tmp/err')\" = 'rubric: tag: 1 article changed' ]"
run "$R" tag +x -- "$tmp/fresh/a/missing.txt"
check "a missing file is reported as missing" \
    "[ \$rc = 1 ] && grep -q 'missing.txt: No such file or directory' '$tmp/err' && ! grep -q 'no .rubric.ini' '$tmp/err'"
run "$R" note "$tmp/fresh/a/missing.txt" "text"
check "by note too" "[ \$rc = 1 ] && grep -q 'missing.txt: No such file or directory' '$tmp/err'"
run "$R" tag -q 'oil' +q -- "$tmp/cwd/in"
check "tag -q in a fresh corpus root makes it there" "[ \$rc = 0 ] || grep -q 'created' '$tmp/err'"

echo "1..$n"
