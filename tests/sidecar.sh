#!/bin/sh
# The sidecar from the shell: rubric tag, note and tags; a crash at any instant of a
# save leaves the old file or the new one; two processes tagging at once lose nothing.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-sidecar.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }

cp -r tests/sample "$tmp/c"
touch "$tmp/c/.rubric.ini"
art="$tmp/c/2017/race-for-albu-kamal.txt"
./rubric tag +Urgent "+Deir ez-Zor" +שלום -- "$art" "$tmp/c/mayadin-returnees.txt"
check "tag adds tags, found by walking up" \
    "grep -q '^tag \"Urgent\" = person' '$tmp/c/.rubric.ini'"
check "tag names keep their case and their script" \
    "./rubric tags '$tmp/c' | grep -q '^2	0	0	שלום\$'"
./rubric tag +urgent -- "$art"
check "UPPER and upper are two tags" \
    "./rubric tags '$tmp/c' | grep -q '^1	0	0	urgent\$'"
./rubric tag -Urgent -- "$art"
check "-TAG removes a tag" "./rubric tags '$tmp/c' | grep -q '^1	0	0	Urgent\$'"
check "a comma in a tag is refused with exit 2" \
    "! ./rubric tag +a,b -- '$art' 2>/dev/null && ./rubric tag +a,b -- '$art' 2>&1 | grep -q 'comma'"
./rubric tag +a,b -- "$art" 2>/dev/null
check "a refused tag changes nothing" "! grep -q 'a,b' '$tmp/c/.rubric.ini'"
note='First line
"quoted" ; # = [ ] \ : and עברית'
./rubric note "$art" "$note"
check "note sets a note and prints it back exactly" \
    "[ \"\$(./rubric note '$art')\" = \"\$note\" ]"
printf 'from stdin\nsecond line\n' | ./rubric note "$art" -
check "note - reads stdin, and the note keeps its final newline" \
    "./rubric note '$art' | od -c | grep -q 'l   i   n   e  \\\\n'"
./rubric note "$art" ""
check "an empty note removes it" "[ -z \"\$(./rubric note '$art')\" ]"
check "a file that does not exist is named as missing, not as lacking a sidecar" \
    "./rubric tag +x -- '$tmp/c/nothing.txt' 2>&1 | grep -q 'nothing.txt: No such file or directory'"
cp "$tmp/c/.rubric.ini" "$tmp/before.ini"
printf '[article x]\nthis is broken\n' >"$tmp/c/.rubric.ini"
cp "$tmp/c/.rubric.ini" "$tmp/broken.ini"
check "a sidecar that does not parse is never written over" \
    "! ./rubric tag +y -- '$art' 2>/dev/null && cmp -s '$tmp/c/.rubric.ini' '$tmp/broken.ini'"
check "and its line is named" \
    "./rubric tag +y -- '$art' 2>&1 | grep -q '.rubric.ini:2: not a \\[section\\]'"
cp "$tmp/before.ini" "$tmp/c/.rubric.ini"

./rubric tag +Urgent -- "$art"
check "list shows each article's path, title and tags, tab-separated" \
    "./rubric list '$tmp/c' | grep -q '^mayadin-returnees.txt	.*	Deir ez-Zor,Urgent,שלום\$'"
check "list --format jsonl writes one object per article" \
    "./rubric list --format jsonl '$tmp/c' | grep -c '^{\"path\":' | grep -q '^12\$'"
check "list --format jsonl keeps manual tags apart" \
    "./rubric list --format jsonl '$tmp/c' | grep -q '\"tags\":\[\"Deir ez-Zor\",\"Urgent\",\"שלום\"\]'"
sh tests/mkhostile.sh "$tmp/h" >/dev/null
check "list of the hostile corpus writes no control byte" \
    "! ./rubric list '$tmp/h' | tr -d '\t\n' | grep -q '[[:cntrl:]]'"
mkdir "$tmp/latin1"
printf 'caf\351 \377 title\n\nbody\n' >"$tmp/latin1/x.txt"
want=$(printf 'caf\357\277\275 \357\277\275 title')
check "list --format jsonl turns invalid UTF-8 into U+FFFD" \
    "./rubric list --format jsonl '$tmp/latin1' | grep -q -F '$want'"
check "list --format jsonl is valid UTF-8 for the hostile corpus" \
    "./rubric list --format jsonl '$tmp/h' | iconv -f UTF-8 -t UTF-8 >/dev/null"
printf '[article x]\nbroken line\n' >"$tmp/h/.rubric.ini"
check "list with a sidecar that does not parse fails instead of showing no tags" \
    "! ./rubric list '$tmp/h' >/dev/null 2>&1"
rm -f "$tmp/h/.rubric.ini"

./rubric tag +Gone -- "$tmp/c/hasakah-camps-winter.txt"
rm "$tmp/c/hasakah-camps-winter.txt"
check "an entry whose article is gone is kept and listed by list --gone" \
    "./rubric list --gone '$tmp/c' | grep -q '^hasakah-camps-winter.txt	Gone\$' && grep -q 'hasakah-camps-winter' '$tmp/c/.rubric.ini'"

# Two processes tagging one article at once, 500 times each: no tag is lost, and each
# command says it changed its article. RUBRIC_TEST_SHORT (make check-sanitize): 100
# times each, and 100 kills below; make check runs them all.
reps=500
[ -n "${RUBRIC_TEST_SHORT-}" ] && reps=100
( i=0; while [ $i -lt $reps ]; do ./rubric tag "+one-$i" -- "$art"; i=$((i + 1)); done ) \
    2>"$tmp/one.err" &
p1=$!
( i=0; while [ $i -lt $reps ]; do ./rubric tag "+two-$i" -- "$art"; i=$((i + 1)); done ) \
    2>"$tmp/two.err" &
p2=$!
wait $p1 $p2
got=$(./rubric tags "$tmp/c" | grep -c -E '	(one|two)-[0-9]+$')
check "two processes, $reps tags each, none lost ($got of $((2 * reps)))" \
    "[ '$got' = $((2 * reps)) ]"
said=$(cat "$tmp/one.err" "$tmp/two.err" | grep -c -x 'rubric: tag: 1 article changed')
check "each of the $((2 * reps)) said it changed one article ($said)" \
    "[ '$said' = $((2 * reps)) ]"

# SIGKILL at random instants of saving: the file is always A or B, whole.
tests/bin/crashsave -a "$tmp/a.ini"
tests/bin/crashsave -b "$tmp/b.ini"
cp "$tmp/a.ini" "$tmp/live.ini"
bad=0
i=0
while [ $i -lt $reps ]; do
	tests/bin/crashsave -loop "$tmp/live.ini" &
	pid=$!
	# A few milliseconds, different each time.
	sleep "0.00$(( (i * 7919) % 9 + 1 ))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if ! cmp -s "$tmp/live.ini" "$tmp/a.ini" && ! cmp -s "$tmp/live.ini" "$tmp/b.ini"; then
		bad=$((bad + 1))
	fi
	i=$((i + 1))
done
check "$reps kills during saves: the file was always the old or the new ($bad torn)" \
    "[ $bad = 0 ]"

# A save killed before its rename leaves NAME.tmp-rubric-XXXXXX: the next save, under
# the lock, removes it, and nothing else: not a user's file named like the older
# NAME.tmp-XXXXXX form (.tmp-backup, two hours old), nor such a file of an old save.
printf 'half a file' >"$tmp/c/.rubric.ini.tmp-rubric-abc123"
printf 'mine' >"$tmp/c/.rubric.ini.backup"
printf 'mine' >"$tmp/c/.rubric.ini.tmp-mine"
printf 'my backup' >"$tmp/c/.rubric.ini.tmp-backup"
printf '[article "x"]\n' >"$tmp/c/.rubric.ini.tmp-abc123"
touch -d '2 hours ago' "$tmp/c/.rubric.ini.tmp-backup" "$tmp/c/.rubric.ini.tmp-abc123"
./rubric tag +Swept -- "$art"
check "a save removes what killed saves left behind" \
    "[ ! -e '$tmp/c/.rubric.ini.tmp-rubric-abc123' ] && grep -q '^tag \"Swept\" = person' '$tmp/c/.rubric.ini'"
check "and nothing else: a user's .rubric.ini.tmp-backup (two hours old) survives" \
    "[ -e '$tmp/c/.rubric.ini.backup' ] && [ -e '$tmp/c/.rubric.ini.tmp-mine' ] && \
[ \"\$(cat '$tmp/c/.rubric.ini.tmp-backup')\" = 'my backup' ] && [ -e '$tmp/c/.rubric.ini.tmp-abc123' ]"
left=$(ls -a "$tmp" | grep -c 'live.ini.tmp-')
./rubric tag --sidecar "$tmp/live.ini" +swept -- "$art"
check "whatever temporary files the kills left ($left here) go with the next save" \
    "! ls -a '$tmp' | grep -q 'live.ini.tmp-'"

# A file moved within the corpus: its tags follow it in listings at once, and the
# next change from the shell records the move.
mkdir -p "$tmp/mv"
cp tests/sample/oil-smuggling-routes.txt tests/sample/euphrates-water-levels.txt "$tmp/mv/"
touch "$tmp/mv/.rubric.ini"
./rubric tag +Followed -- "$tmp/mv/oil-smuggling-routes.txt"
mkdir "$tmp/mv/later"
mv "$tmp/mv/oil-smuggling-routes.txt" "$tmp/mv/later/routes.txt"
check "a moved file's tags show on it in rubric list" \
    "RUBRIC_DATADIR=config ./rubric list '$tmp/mv' | grep -Eq '^later/routes.txt	.*	Followed(,~[^,]*)*\$'"
check "and it is not listed as gone" "[ -z \"\$(RUBRIC_DATADIR=config ./rubric list --gone '$tmp/mv')\" ]"
check "the list alone does not write the sidecar" \
    "grep -q '^\[article \"oil-smuggling-routes.txt\"\]' '$tmp/mv/.rubric.ini'"
./rubric tag +More -- "$tmp/mv/later/routes.txt"
check "rubric tag on the moved file records the move, tags and all" \
    "grep -q '^\[article \"later/routes.txt\"\]' '$tmp/mv/.rubric.ini' && \
! grep -q 'oil-smuggling-routes' '$tmp/mv/.rubric.ini' && \
[ \"\$(./rubric tags '$tmp/mv' | grep -c '^1	0	0	\(Followed\|More\)\$')\" = 2 ]"

mv "$tmp/mv/euphrates-water-levels.txt" "$tmp/mv/later/water.txt"
./rubric tag +Water -- "$tmp/mv/later/water.txt"
mv "$tmp/mv/later/water.txt" "$tmp/mv/water.txt"
./rubric note "$tmp/mv/water.txt" "noted after the move"
check "rubric note on a moved file brings its tags along" \
    "[ \"\$(./rubric list '$tmp/mv' | grep '^water.txt' | cut -f3)\" = Water ] && \
[ \"\$(./rubric note '$tmp/mv/water.txt')\" = 'noted after the move' ]"

# A directory the user may not write: a clear message, exit 1, the file as it was.
# Root writes anywhere, so as root the command runs as nobody (setpriv).
mkdir -p "$tmp/ro/c"
cp tests/sample/oil-smuggling-routes.txt "$tmp/ro/c/"
printf '[article oil-smuggling-routes.txt]\ntag.kept = person\n' >"$tmp/ro/c/.rubric.ini"
cp "$tmp/ro/c/.rubric.ini" "$tmp/ro/before.ini"
chmod 755 "$tmp" "$tmp/ro"
chmod 555 "$tmp/ro/c"
if [ "$(id -u)" = 0 ]; then
	as=""
	command -v setpriv >/dev/null && as="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	as="env"
fi
if [ -n "$as" ]; then
	$as ./rubric tag +more -- "$tmp/ro/c/oil-smuggling-routes.txt" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "an unwritable directory: tag exits 1" "[ $rc = 1 ]"
	check "and says why, naming the file" "grep -q 'Permission denied' '$tmp/err' && \
grep -q 'nothing was changed' '$tmp/err'"
	check "and the sidecar is as it was" "cmp -s '$tmp/ro/c/.rubric.ini' '$tmp/ro/before.ini'"
else
	notok "an unwritable directory: no setpriv to drop root"
fi
chmod 755 "$tmp/ro/c"
chmod 700 "$tmp"

# A full disk: a small tmpfs in a mount namespace (unshare), filled up. The save fails
# with a clear message and the old file stays whole; with room again it goes through.
cat >"$tmp/full.sh" <<EOS
set -u
mount -t tmpfs -o size=256k tmpfs "$tmp/full" || exit 3
cp -r tests/sample/2017 "$tmp/full/c"
printf '[article deir-ezzor-siege-lifted.txt]\\ntag.kept = person\\n' >"$tmp/full/c/.rubric.ini"
cp "$tmp/full/c/.rubric.ini" "$tmp/full-before.ini"
dd if=/dev/zero of="$tmp/full/filler" bs=4k 2>/dev/null
./rubric note "$tmp/full/c/deir-ezzor-siege-lifted.txt" "\$(head -c 60000 /dev/zero | tr '\\0' n)" \
    >"$tmp/full-out" 2>"$tmp/full-err"
echo \$? >"$tmp/full-rc"
cmp -s "$tmp/full/c/.rubric.ini" "$tmp/full-before.ini" && echo same >"$tmp/full-same"
ls -a "$tmp/full/c" >"$tmp/full-ls"
rm -f "$tmp/full/filler"
./rubric note "$tmp/full/c/deir-ezzor-siege-lifted.txt" "room again" 2>>"$tmp/full-err"
./rubric note "$tmp/full/c/deir-ezzor-siege-lifted.txt" >"$tmp/full-note"
umount "$tmp/full"
EOS
mkdir -p "$tmp/full"
if unshare -rm sh "$tmp/full.sh" 2>"$tmp/full-setup" || { [ "$(id -u)" = 0 ] &&
    unshare -m sh "$tmp/full.sh" 2>"$tmp/full-setup"; }; then
	check "a full disk: the save fails with exit 1" "[ \"\$(cat '$tmp/full-rc')\" = 1 ]"
	check "and says the disk is full" "grep -q 'No space left on device' '$tmp/full-err'"
	check "and the old file stays whole" "[ -e '$tmp/full-same' ]"
	check "and no temporary file is left" "! grep -q 'tmp-' '$tmp/full-ls'"
	check "with room again the change goes through" "grep -qx 'room again' '$tmp/full-note'"
else
	notok "a full disk: cannot make a small file system ($(cat "$tmp/full-setup"))"
fi
echo "1..$n"
