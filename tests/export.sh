#!/bin/sh
# Queries and exports from the shell: rubric list/tag/stats -q, every export format
# read back by a real parser (python3's json and csv, jq), hostile articles in every
# format, and folder exports that write nothing outside their folder.
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config XDG_CACHE_HOME
# The copied articles are seconds old: a scan would leave them out of its cache as
# racy, one run or another depending on the clock, and two caches would differ.
export RUBRIC_INDEX_RACY=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-export.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
XDG_CACHE_HOME=$tmp/cache
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; fi; }
py() { python3 tests/exportcheck.py "$@"; }

cp -R tests/sample "$tmp/c"
c=$tmp/c
top=$(pwd)
touch "$c/.rubric.ini"
nart=$(./rubric list "$c" | wc -l)

# Queries from the shell.
./rubric tag +Urgent -- "$c/2017/race-for-albu-kamal.txt" "$c/oil-smuggling-routes.txt"
./rubric note "$c/oil-smuggling-routes.txt" 'Route "B", via the ford;
check with the second source' 2>"$tmp/err"
check "list -q picks by tag" \
    "[ \"\$(./rubric list -q tag:Urgent '$c' | cut -f1 | tr '\n' ' ')\" = \
'2017/race-for-albu-kamal.txt oil-smuggling-routes.txt ' ]"
check "list -q combines a theme count, not and a date" \
    "./rubric list -q 'theme:al-qaim>=3 and not date:2019' '$c' | cut -f1 | \
grep -qx '2017/race-for-albu-kamal.txt'"
check "list -q with a word searches the text" \
    "./rubric list -q 'bulldozers' '$c' | grep -q '^2017/race-for-albu-kamal.txt'"
check "list -q with note: and unread" \
    "[ \"\$(./rubric list -q 'note:ford unread' '$c' | cut -f1)\" = oil-smuggling-routes.txt ]"
./rubric list -q 'tag:Urgent and )' "$c" >/dev/null 2>"$tmp/err"
rc=$?
check "a bad query exits 2" "[ $rc = 2 ]"
check "a bad query names the column and shows a caret under it" \
    "grep -q \"^rubric: list: query: unexpected ')' at column 16\$\" '$tmp/err' && \
sed -n 3p '$tmp/err' | grep -qx '                   ^'"
check "tag -q tags every article the query picks" \
    "./rubric tag -q 'theme:isis>=3' +heavy -- '$c' 2>'$tmp/err' && \
[ \"\$(./rubric list -q tag:heavy '$c' | wc -l)\" = \"\$(./rubric list -q 'theme:isis>=3' '$c' | wc -l)\" ] && \
[ \"\$(./rubric list -q tag:heavy '$c' | wc -l)\" -gt 0 ]"
check "tag -q -TAG removes it again" \
    "./rubric tag -q tag:heavy -heavy -- '$c' && [ -z \"\$(./rubric list -q tag:heavy '$c')\" ]"
check "tags counts the themes' automatic tags as the scan puts them" \
    "./rubric tags '$c' | grep -q '^0	[1-9][0-9]*	0	isis\$'"
./rubric stats "$c" >"$tmp/stats" 2>"$tmp/err"
check "stats draws a bar chart of tags" \
    "grep -q '^Urgent  *2  *0  *#' '$tmp/stats'"
check "stats has a theme-by-theme table whose diagonal is the theme's articles" \
    "grep -q '^articles with both themes' '$tmp/stats' && \
[ \"\$(awk '/^ *1 deir-ez-zor /{print \$3}' '$tmp/stats')\" = \
\"\$(awk '/^deir-ez-zor /{print \$2; exit}' '$tmp/stats')\" ]"

# jsonl: python's json reads every line; every snippet is the text at its offset.
./rubric export -f jsonl "$c" >"$tmp/all.jsonl" 2>"$tmp/err"
check "export -f jsonl gives one valid object per article" \
    "[ \"\$(py jsonl '$tmp/all.jsonl' '$c' 2>'$tmp/err')\" = $nart ]"
# With nothing cached, jsonl counts as it goes; the result and the cache it leaves
# are those of a scan first.
XDG_CACHE_HOME=$tmp/cold ./rubric export -f jsonl "$c" >"$tmp/cold.jsonl" 2>"$tmp/err"
check "a first export, nothing cached, gives what an export after a scan gives" \
    "cmp -s '$tmp/cold.jsonl' '$tmp/all.jsonl'"
XDG_CACHE_HOME=$tmp/cold2 ./rubric stats "$c" >/dev/null 2>"$tmp/err"
check "and leaves the cache a scan leaves" \
    "cmp -s \"\$(ls -d '$tmp'/cold/rubric/scan-*)\" \"\$(ls -d '$tmp'/cold2/rubric/scan-*)\""
check "jsonl tells manual and automatic tags apart and carries the note" \
    "jq -e 'select(.path == \"oil-smuggling-routes.txt\") | .tags == [\"Urgent\"] and \
(.auto | length) > 0 and (.note | startswith(\"Route\"))' '$tmp/all.jsonl' | grep -qx true"
check "jsonl has hit counts per theme equal to the scan's" \
    "[ \"\$(jq -s 'map(.hits.isis) | add' '$tmp/all.jsonl')\" = \
\"\$(awk '/^isis /{print \$3; exit}' '$tmp/stats')\" ]"
check "jsonl has the date, source and url from the header" \
    "jq -e 'select(.path == \"2017/deir-ezzor-siege-lifted.txt\") | .date == \"2017-09-06\" \
and .source == \"Eastbank Dispatch\" and (.url | startswith(\"https://\"))' '$tmp/all.jsonl' | grep -qx true"
check "jsonl snippets have about 60 characters each side" \
    "jq -e '[.snippets[] | (.before | length) <= 60 and (.after | length) <= 60] | all' \
'$tmp/all.jsonl' | grep -qv false"
./rubric export -f jsonl --body -q tag:Urgent "$c" >"$tmp/body.jsonl" 2>"$tmp/err"
check "--body adds the text" \
    "jq -e '.body | contains(\"Albu Kamal\") or contains(\"oil\")' '$tmp/body.jsonl' >/dev/null && \
[ \"\$(wc -l <'$tmp/body.jsonl')\" = 2 ]"

# Bounded snippets: an article with 45 hits of one theme keeps 20 in jsonl (10 in
# md) and says how many there were; --snippets N keeps N, 0 keeps all.
mkdir "$tmp/many"
printf '[theme w]\ncolor = red\npattern = "wadi "\n' >"$tmp/many.ini"
{ echo "Many wadis"; echo; i=0; while [ $i -lt 45 ]; do echo "the wadi $i runs dry."; i=$((i + 1)); done; } \
    >"$tmp/many/a.txt"
echo "No hits here" >"$tmp/many/b.txt"
ex() { ./rubric export --config "$tmp/many.ini" "$@" "$tmp/many" 2>"$tmp/err"; }
ex -f jsonl >"$tmp/many.jsonl"
check "jsonl keeps 20 snippets by default, and the total of 45" \
    "[ \"\$(jq -c 'select(.path == \"a.txt\") | [.hits.w, .snippets_total, (.snippets | length)]' '$tmp/many.jsonl')\" = '[45,45,20]' ]"
check "the first 20, in the text's order" \
    "[ \"\$(jq -r 'select(.path == \"a.txt\") | .snippets[19].after' '$tmp/many.jsonl' | cut -c1-3)\" = '19 ' ]"
check "an article without hits has none and a total of 0" \
    "[ \"\$(jq -c 'select(.path == \"b.txt\") | [.snippets_total, (.snippets | length)]' '$tmp/many.jsonl')\" = '[0,0]' ]"
check "--snippets 3 keeps 3" \
    "[ \"\$(ex -f jsonl --snippets 3 | jq -c 'select(.path == \"a.txt\") | [.snippets_total, (.snippets | length)]')\" = '[45,3]' ]"
check "--snippets=0 keeps all" \
    "[ \"\$(ex -f jsonl --snippets=0 | jq -c 'select(.path == \"a.txt\") | [.snippets_total, (.snippets | length)]')\" = '[45,45]' ]"
check "--snippets 100 keeps what there is" \
    "[ \"\$(ex -f jsonl --snippets 100 | jq -c 'select(.path == \"a.txt\") | (.snippets | length)')\" = 45 ]"
check "md keeps 10 by default and counts the rest" \
    "[ \"\$(ex -f md | grep -c '^- .*\\*\\*wadi')\" = 10 ] && ex -f md | grep -qx -- '- and 35 more'"
check "md --snippets 0 keeps all" \
    "[ \"\$(ex -f md --snippets 0 | grep -c '^- .*\\*\\*wadi')\" = 45 ] && ! ex -f md --snippets 0 | grep -q 'more\$'"
ex -f dir -o "$tmp/many.out" --snippets 2 >/dev/null
check "a folder's manifest is bounded too" \
    "[ \"\$(jq -c 'select(.path == \"a.txt\") | [.snippets_total, (.snippets | length)]' '$tmp/many.out/manifest.jsonl')\" = '[45,2]' ]"
for bad in x -1 3x '' ' 3' 99999999999999999999999; do
	ex -f jsonl --snippets "$bad" >"$tmp/many.bad"
	check "--snippets '$bad' exits 2 and writes nothing" \
	    "[ \$? = 2 ] && [ ! -s '$tmp/many.bad' ] && grep -q \"^rubric: export: --snippets: '$bad' is not a number\" '$tmp/err'"
done

# csv: python's csv module, strict.
./rubric export -f csv "$c" >"$tmp/all.csv" 2>"$tmp/err"
check "export -f csv is RFC 4180 with a row per article" \
    "py csv '$tmp/all.csv' $nart >'$tmp/rows' 2>'$tmp/err'"
check "csv keeps a note with quotes, a semicolon and a line end exactly" \
    "grep -F '\"note\": \"Route \\\"B\\\", via the ford;\\ncheck with the second source\"' '$tmp/rows' >/dev/null"
check "csv has a column per theme" \
    "head -1 '$tmp/all.csv' | grep -q '\"deir-ez-zor\",\"albu-kamal\"'"
check "csv ends its lines with CRLF" "head -1 '$tmp/all.csv' | od -c | grep -q '\\\\r  *\\\\n'"

# md and txt.
./rubric export -f md -q tag:Urgent "$c" >"$tmp/folder.md" 2>"$tmp/err"
check "md has a heading per article, its tags and note, and matches in bold" \
    "[ \"\$(grep -c '^## ' '$tmp/folder.md')\" = 2 ] && grep -q '^- tags: Urgent\$' '$tmp/folder.md' && \
grep -q '^> Route \"B\", via the ford;\$' '$tmp/folder.md' && grep -q '\\*\\*Albu Kamal\\*\\*' '$tmp/folder.md'"
./rubric export -f txt -q tag:Urgent "$c" >"$tmp/folder.txt" 2>"$tmp/err"
check "txt has the texts one after another with separator lines" \
    "[ \"\$(grep -c '^=====' '$tmp/folder.txt')\" = 4 ] && grep -q 'bulldozers' '$tmp/folder.txt'"

# Files: under a temporary name, never over an existing one without --force.
./rubric export -f csv -o "$tmp/o.csv" "$c" 2>"$tmp/err"
check "-o writes the file" "cmp -s '$tmp/o.csv' '$tmp/all.csv'"
echo keep >"$tmp/keep.csv"
./rubric export -f csv -o "$tmp/keep.csv" "$c" 2>"$tmp/err"
rc=$?
check "an existing file is not overwritten without --force" \
    "[ $rc = 1 ] && [ \"\$(cat '$tmp/keep.csv')\" = keep ] && grep -q 'force' '$tmp/err'"
check "--force replaces it" \
    "./rubric export -f csv -o '$tmp/keep.csv' --force '$c' && cmp -s '$tmp/keep.csv' '$tmp/all.csv'"
check "no temporary file is left" "! ls '$tmp' | grep -q 'tmp-'"
./rubric export -f xml "$c" >/dev/null 2>"$tmp/err"
check "an unknown format exits 2" "[ $? = 2 ] && grep -q \"^rubric: export: --format: 'xml' is not one of\" '$tmp/err'"
./rubric export -f dir "$c" >/dev/null 2>"$tmp/err"
check "a folder export without -o exits 2" "[ $? = 2 ]"
./rubric export -f jsonl -q 'theme:' "$c" >/dev/null 2>"$tmp/err"
check "export with a bad query exits 2" "[ $? = 2 ] && grep -q '^rubric: export: query:' '$tmp/err'"

# A folder: copies byte for byte and a manifest; hostile names stay inside.
./rubric export -f dir -o "$tmp/folder" "$c" 2>"$tmp/err"
check "dir copies every article byte for byte" \
    "(cd '$c' && find . -type f ! -name '.*' | sort | while read -r f; do cmp -s \"\$f\" '$tmp/folder'/\"\$f\" || echo \"\$f\"; done) | \
{ ! grep -q .; }"
check "dir writes manifest.jsonl with a record per article" \
    "[ \"\$(jq -s length '$tmp/folder/manifest.jsonl')\" = $nart ]"
./rubric export -f dir -o "$tmp/folder" "$c" 2>"$tmp/err"
check "an existing folder is not replaced without --force" "[ $? = 1 ]"
mkdir "$tmp/mine" && echo precious >"$tmp/mine/notes"
./rubric export -f dir -o "$tmp/mine" --force "$c" 2>"$tmp/err"
check "--force never replaces a folder that is not an earlier export" \
    "[ $? = 1 ] && [ \"\$(cat '$tmp/mine/notes')\" = precious ]"
check "--force replaces an earlier export" \
    "./rubric export -f dir -o '$tmp/folder' --force -q tag:Urgent '$c' 2>'$tmp/err' && \
[ \"\$(jq -s length '$tmp/folder/manifest.jsonl')\" = 2 ] && ! ls '$tmp' | grep -q 'old-\\|tmp-'"
mkdir -p "$tmp/h/in" "$tmp/h/side"
printf 'Title: dots\n\nDeir ez-Zor\n' >"$tmp/h/side/x.txt"
printf 'Title: newline\n\ntext\n' >"$tmp/h/in/$(printf 'a\nb').txt"
printf 'Title: esc\n\ntext\n' >"$tmp/h/in/$(printf 'e\033]0;x\007').txt"
./rubric tag '+../../../escape' -- "$tmp/h/in/$(printf 'a\nb').txt" 2>"$tmp/err" || \
    { touch "$tmp/h/.rubric.ini"; ./rubric tag '+../../../escape' -- "$tmp/h/in/$(printf 'a\nb').txt"; }
(cd "$tmp/h" && find . -path ./out -prune -o -print | sort) >"$tmp/before"
(cd "$tmp/h/in" && "$top/rubric" export -f dir -o ../out . ../side/x.txt ../../h/side/x.txt) \
    2>"$tmp/err"
check "dir with names holding line ends, escapes and ../ writes only inside OUT" \
    "[ \"\$(cd '$tmp/h' && find . -path ./out -prune -o -print | sort)\" = \"\$(cat '$tmp/before')\" ] && \
[ -f '$tmp/h/out/_/side/x.txt' ] && [ -f '$tmp/h/out/_/_/h/side/x.txt' ] && \
[ -f \"$tmp/h/out/\$(printf 'a\\nb').txt\" ]"
check "the manifest names each copy" \
    "jq -r .file '$tmp/h/out/manifest.jsonl' | grep -qx '_/_/h/side/x.txt'"

# Hostile articles in every format: nothing a terminal would act on.
sh tests/mkhostile.sh "$tmp/hostile" >/dev/null 2>&1
for f in md txt csv; do
	./rubric export -f $f "$tmp/hostile" >"$tmp/hostile.$f" 2>"$tmp/err"
	check "hostile articles exported as $f hold no control byte" \
	    "py safe '$tmp/hostile.$f' 2>'$tmp/err'"
done
./rubric export -f jsonl --body "$tmp/hostile" >"$tmp/hostile.jsonl" 2>"$tmp/err"
check "hostile articles exported as jsonl are valid JSON in UTF-8 with no raw control" \
    "py safe '$tmp/hostile.jsonl' 2>'$tmp/err' && jq -e . '$tmp/hostile.jsonl' >/dev/null"
check "jsonl keeps an escape as \\u001b text, and invalid bytes as U+FFFD" \
    "grep -qi 'u001b' '$tmp/hostile.jsonl' && grep -q '�' '$tmp/hostile.jsonl'"
# A header's URL is a Markdown link only for http and https: javascript: stays text.
mkdir -p "$tmp/urls"
printf 'Title: t\nURL: javascript:alert(2)\n\nbody\n' >"$tmp/urls/a.txt"
printf 'Title: u\nURL: https://example.org/x\n\nbody\n' >"$tmp/urls/b.txt"
./rubric export -f md "$tmp/urls" >"$tmp/urls.md" 2>"$tmp/err"
check "md: a javascript: URL is text, an https one a link" \
    "grep -qx -- '- url: javascript:alert(2)' '$tmp/urls.md' &&
    grep -qx -- '- url: <https://example.org/x>' '$tmp/urls.md'"

# An output that is a symbolic link is refused, even with --force: a rename would
# replace the link itself (-o /dev/stdout as root would replace the system's).
ln -s "$tmp/urls.md" "$tmp/link.md"
./rubric export -f md -o "$tmp/link.md" --force "$tmp/urls" 2>"$tmp/err"
check "-o a symbolic link is refused, and the link and its file stay" \
    "[ \$? = 1 ] && [ -L '$tmp/link.md' ] && grep -q 'is a symbolic link' '$tmp/err' &&
    grep -qx -- '- url: javascript:alert(2)' '$tmp/urls.md'"

# Commands say what they did: how many articles a tag changed, the automatic tags in
# list as export gives them, the articles a folder export could not read.
cp -R tests/sample "$tmp/say"
s=$tmp/say
printf '%s\n' '[article "2017/race-for-albu-kamal.txt"]' 'tag "~odd" = person' \
    'tag "isis" = rejected' 'tag "recorded" = theme' >"$s/.rubric.ini"
nisis=$(./rubric list -q theme:isis "$s" | wc -l)
./rubric tag -q theme:isis +Seen -- "$s" 2>"$tmp/err"
check "tag -q says how many articles it changed ($nisis)" \
    "[ $? = 0 ] && [ $nisis -gt 1 ] && [ \"\$(cat '$tmp/err')\" = 'rubric: tag: $nisis articles changed' ]"
./rubric tag -q theme:isis +Seen -- "$s" 2>"$tmp/err"
check "and again, that nothing changed and how many were so already" \
    "[ $? = 0 ] && [ \"\$(cat '$tmp/err')\" = 'rubric: tag: nothing changed: $nisis articles were already so' ]"
nall=$(./rubric list "$s" | wc -l)
./rubric tag -q 'not tag:nothing' +Seen -- "$s" 2>"$tmp/err"
check "a wider query counts the changed and the unchanged apart" \
    "[ \"\$(cat '$tmp/err')\" = 'rubric: tag: $((nall - nisis)) articles changed, $nisis already so' ]"
./rubric tag -q tag:nothing +Seen -- "$s" 2>"$tmp/err"
check "a query that matches nothing says so, exit 0" \
    "[ $? = 0 ] && [ \"\$(cat '$tmp/err')\" = 'rubric: tag: no article to change' ]"
./rubric tag -Seen +Seen -Seen -- "$s/mayadin-returnees.txt" "$s/2017/race-for-albu-kamal.txt" \
    2>"$tmp/err"
check "tag FILE counts too, the last change to a name deciding" \
    "[ \"\$(cat '$tmp/err')\" = 'rubric: tag: 2 articles changed' ]"
./rubric tag +Seen -gone -- "$s/mayadin-returnees.txt" "$s/oil-smuggling-routes.txt" 2>"$tmp/err"
check "tag FILE: one changed, one so already" \
    "[ \"\$(cat '$tmp/err')\" = 'rubric: tag: 1 article changed, 1 already so' ]"
./rubric tag +Twice -- "$s/mayadin-returnees.txt" "$s/./mayadin-returnees.txt" \
    "$s/mayadin-returnees.txt" 2>"$tmp/err"
check "tag FILE: a file named three times is one article" \
    "[ \"\$(cat '$tmp/err')\" = 'rubric: tag: 1 article changed' ]"
./rubric tag +x -- "$s/missing.txt" 2>"$tmp/err"
check "a failed tag says no count" "[ $? = 1 ] && ! grep -q 'changed' '$tmp/err'"
./rubric export -f jsonl "$s" | jq -c '[.path, .auto]' >"$tmp/auto.export"
./rubric list -f jsonl "$s" | jq -c '[.path, .auto]' >"$tmp/auto.list"
check "list jsonl gives the automatic tags export gives" \
    "cmp -s '$tmp/auto.export' '$tmp/auto.list' && grep -q '\"recorded\",\"' '$tmp/auto.list' && \
[ \"\$(grep -c '\\[\\]\\]\$' '$tmp/auto.list')\" -lt $nall ]"
./rubric list "$s" | cut -f1,3 | while IFS='	' read -r path tags; do
	printf '["%s",[%s]]\n' "$path" "$(printf '%s' "$tags" | tr ',' '\n' | \
	    sed -n 's/^~\(.*\)/"\1"/p' | paste -sd, -)"
done >"$tmp/auto.tsv"
check "list tsv gives them too, each after a ~, after the person's tags" \
    "cmp -s '$tmp/auto.export' '$tmp/auto.tsv' && \
./rubric list -q 'path:*race-for*' '$s' | grep -q '	\\\\~odd,~recorded,~albu-kamal\$'"
mkfifo "$s/f1.txt" "$s/f2.txt"
./rubric export -f dir -o "$tmp/sayout" "$s" 2>"$tmp/err"
check "a folder export names the articles it could not read, and exits 0" \
    "[ $? = 0 ] && [ \"\$(cat '$tmp/err')\" = 'rubric: export: warning: 2 articles could not be read and have no copy, only their record in manifest.jsonl: f1.txt (is a FIFO), f2.txt (is a FIFO)' ] && \
[ \"\$(jq -r 'select(.error) | .path' '$tmp/sayout/manifest.jsonl' | tr '\\n' ' ')\" = 'f1.txt f2.txt ' ]"
for i in 3 4 5 6 7 8; do mkfifo "$s/f$i.txt"; done
./rubric export -f dir -o "$tmp/sayout2" "$s" 2>"$tmp/err"
check "many are counted, the first five named" \
    "[ $? = 0 ] && grep -q '^rubric: export: warning: 8 articles could not be read .*: f1.txt (is a FIFO), .* f5.txt (is a FIFO) and 3 more\$' '$tmp/err'"
./rubric export -f dir -o "$tmp/sayout3" -q 'not path:f?.txt' "$s" 2>"$tmp/err"
check "one that read everything says nothing" "[ $? = 0 ] && [ ! -s '$tmp/err' ]"

for fmt in csv jsonl dir; do
	./rubric export -f $fmt -o "$tmp/nodir/out.$fmt" "$s" 2>"$tmp/err"
	check "a $fmt export into a missing folder names the file given, no temporary name" \
	    "[ $? = 1 ] && [ \"\$(cat '$tmp/err')\" = 'rubric: $tmp/nodir/out.$fmt: No such file or directory' ]"
done

echo "1..$n"
