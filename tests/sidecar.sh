#!/bin/sh
# The sidecar from the shell: rubric tag, note and tags; a crash at any instant of a
# save leaves the old file or the new one; two processes tagging at once lose nothing.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-sidecar.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }

cp -r tests/sample "$tmp/c"
touch "$tmp/c/.rubric.ini"
art="$tmp/c/2017/race-for-albu-kamal.txt"
./rubric tag +Urgent "+Deir ez-Zor" +שלום -- "$art" "$tmp/c/mayadin-returnees.txt"
check "tag adds tags, found by walking up" \
    "grep -q '^tag.^urgent = person' '$tmp/c/.rubric.ini'"
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
check "a refused tag changes nothing" "! grep -q 'a%2cb' '$tmp/c/.rubric.ini'"
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
check "a file with no sidecar above is refused with a hint" \
    "./rubric tag +x -- /etc/hostname 2>&1 | grep -q 'no .rubric.ini'"
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

# Two processes tagging one article at once, 500 times each: no tag is lost.
( i=0; while [ $i -lt 500 ]; do ./rubric tag "+one-$i" -- "$art"; i=$((i + 1)); done ) &
p1=$!
( i=0; while [ $i -lt 500 ]; do ./rubric tag "+two-$i" -- "$art"; i=$((i + 1)); done ) &
p2=$!
wait $p1 $p2
got=$(./rubric tags "$tmp/c" | grep -c -E '	(one|two)-[0-9]+$')
check "two processes, 500 tags each, none lost ($got of 1000)" "[ '$got' = 1000 ]"

# SIGKILL at random instants of saving: the file is always A or B, whole.
tests/bin/crashsave -a "$tmp/a.ini"
tests/bin/crashsave -b "$tmp/b.ini"
cp "$tmp/a.ini" "$tmp/live.ini"
bad=0
i=0
while [ $i -lt 500 ]; do
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
check "500 kills during saves: the file was always the old or the new ($bad torn)" \
    "[ $bad = 0 ]"
