#!/bin/sh
# Coded passages through the real binary: rubric passage add, rm and list, hostile
# quotes and names, passages found again after the file changed (moved, orphaned),
# rubric check's orphans, code: in queries, the exports read back by jq and python3,
# and rubric stats' codes against counts made by hand.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-passage.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/data"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache" \
    XDG_STATE_HOME="$tmp/state" RUBRIC_DATADIR="$tmp/data" LC_ALL=C.UTF-8
R="$top/rubric"
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
# check DESCRIPTION COMMAND: COMMAND (run by sh in the corpus) succeeds.
check() {
	if (cd "$c" && sh -c "$2") >"$tmp/out" 2>"$tmp/err"; then
		ok "$1"
	else
		notok "$1"
		sed 's/^/# /' "$tmp/out" "$tmp/err"
	fi
}
# same DESCRIPTION WANTED COMMAND: COMMAND's standard output is WANTED.
same() {
	got=$(cd "$c" && sh -c "$3" 2>"$tmp/err")
	if [ "$got" = "$2" ]; then
		ok "$1"
	else
		notok "$1"
		printf '# wanted: %s\n# got:    %s\n' "$2" "$got"
		sed 's/^/# /' "$tmp/err"
	fi
}
# status DESCRIPTION RC COMMAND: COMMAND exits RC; what it said is kept in said.
status() {
	(cd "$c" && sh -c "$3") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	cp "$tmp/err" "$tmp/said"
	if [ "$rc" -eq "$2" ]; then
		ok "$1"
	else
		notok "$1: exit $rc, wanted $2"
		sed 's/^/# /' "$tmp/err"
	fi
}

c="$tmp/c"
mkdir -p "$c"
printf 'Siege\n\nOn Tuesday, the siege was lifted by government forces. The siege had lasted.\n' \
    >"$c/a.txt"

# Adding, listing, changing codes, removing.
status "add needs a +TAG or --note" 2 "'$R' passage add a.txt 'the siege'"
status "a quote not in the file exits 1" 1 "'$R' passage add a.txt 'no such words' +x"
check "and says so, quoted" "grep -q \"the quote 'no such words' is not in the file\" '$tmp/said'"
status "an invalid code is refused" 2 "'$R' passage add a.txt 'the siege' '+a,b'"
status "add codes the first place of a quote" 0 \
    "'$R' passage add a.txt 'the siege' +siege --note 'Check the date'"
same "list gives path, offsets, state, quote, codes and note" \
    "$(printf 'a.txt\t19\t28\there\tthe siege\tsiege\tCheck the date')" "'$R' passage list"
status "+TAG on a passage there adds a code" 0 "'$R' passage add a.txt 'the siege' +military"
same "both codes, the note kept" "siege,military" \
    "'$R' passage list | cut -f6 | tr ',' '\n' | sort -r | paste -sd,"
check "the sidecar holds it as agreed" \
    "grep -q '^passage\.[0-9a-f]\{8\} = 19-28\$' .rubric.ini && grep -q '^passage\.[0-9a-f]\{8\}\.tag \"military\" = person\$' .rubric.ini"
status "-TAG takes one away" 0 "'$R' passage add a.txt 'the siege' -military"
same "one code left" "siege" "'$R' passage list | cut -f6"
status "--at codes a later place" 0 "'$R' passage add --at 30 a.txt 'The siege' +later"
same "at its offset" "$(printf '62\t71\tThe siege')" \
    "'$R' passage list | grep later | cut -f2,3,5"
status "options may come after the codes, --note= too" 0 \
    "'$R' passage add a.txt 'forces' +gov --note=second --at 0"
same "with its note" "second" "'$R' passage list | grep gov | cut -f7"
status "rm of a quote with no passage exits 1" 1 "'$R' passage rm a.txt 'lifted'"
status "rm --at of another offset exits 1" 1 "'$R' passage rm --at 3 a.txt 'forces'"
status "rm removes a passage" 0 "'$R' passage rm a.txt forces"
same "it is gone, the others stay" "2" "'$R' passage list | wc -l"
check "rubric passage --help and each subcommand's" \
    "'$R' passage --help | grep -q '^usage: rubric passage add' && '$R' passage rm --help | grep -q -- '--at OFFSET' && '$R' passage list --help | grep -q -- '--format'"
status "an unknown subcommand is a usage error" 2 "'$R' passage frob a.txt"

# Found again after an edit: text inserted before moves it, deleted before moves it
# back, an edit inside orphans it; list and check see each.
printf 'Siege\n\nEarly on Tuesday, the siege was lifted by government forces. The siege had lasted.\n' \
    >"$c/a.txt"
same "insert before: moved by the bytes inserted" "$(printf '25\t34\tmoved')" \
    "'$R' passage list | grep 'Check the date' | cut -f2-4"
status "a moved passage is no problem to check" 0 "'$R' check"
printf 'Siege\n\nTuesday, the siege was lifted by government forces. The siege had lasted.\n' \
    >"$c/a.txt"
same "delete before: moved back" "$(printf '16\t25\tmoved')" \
    "'$R' passage list | grep 'Check the date' | cut -f2-4"
printf 'Siege\n\nOn Tuesday, the siege was lifted by government forces. The blockade had lasted.\n' \
    >"$c/a.txt"
same "edit inside: an orphan, at its last offsets, kept" "$(printf '62\t71\torphan\tThe siege\tlater')" \
    "'$R' passage list | grep later | cut -f2-6"
status "check exits 1 for an orphan" 1 "'$R' check"
check "and names its path, id and quote" \
    "grep -q \"a.txt: warning: passage [0-9a-f]\\{8\\} 'The siege' is orphaned\" '$tmp/said'"
same "the other is where it was" "here" "'$R' passage list | grep 'Check the date' | cut -f4"
status "an orphan is removed by its quote" 0 "'$R' passage rm a.txt 'The siege'"
status "check is clean again" 0 "'$R' check"

# Hostile quotes and names: a line end, a tab, a control byte and an RTL override in
# the quote and the file's name. TSV escapes them, JSON gives them back exactly.
h=$(printf 'rtl\342\200\256txt\001name.txt')
printf 'Head\n\nbefore the\tquote with\na line end \001 and \342\200\256 an override after\n' \
    >"$c/$h"
q=$(printf 'the\tquote with\na line end \001 and \342\200\256 an')
status "a hostile quote in a hostile file is coded" 0 "'$R' passage add \"\$(printf 'rtl\\342\\200\\256txt\\001name.txt')\" \"\$(printf 'the\\tquote with\\na line end \\001 and \\342\\200\\256 an')\" +hostile"
check "list's tsv escapes tab and line end, shows no control byte" \
    "'$R' passage list -q code:hostile >'$tmp/h.tsv' && [ \$(wc -l <'$tmp/h.tsv') -eq 1 ] && grep -q 'the\\\\tquote with\\\\na line end' '$tmp/h.tsv' && ! LC_ALL=C grep -q \"\$(printf '\\001')\" '$tmp/h.tsv' && ! grep -q \"\$(printf '\\342\\200\\256')\" '$tmp/h.tsv'"
check "list's jsonl gives the quote and the name back exactly" \
    "'$R' passage list -f jsonl -q code:hostile | python3 -c 'import json,sys; o=json.loads(sys.stdin.readline()); q=\"the\\tquote with\\na line end \\x01 and \\u202e an\"; assert o[\"quote\"]==q, o; assert o[\"path\"]==\"rtl\\u202etxt\\x01name.txt\", o; assert o[\"state\"]==\"here\"'"
check "its offsets are the quote's bytes in the file" \
    "'$R' passage list -f jsonl -q code:hostile | python3 -c 'import json,sys; o=json.loads(sys.stdin.readline()); b=open(o[\"path\"],\"rb\").read(); assert b[o[\"start\"]:o[\"end\"]].decode()==o[\"quote\"]'"
check "the jsonl holds no raw RTL override" \
    "! '$R' passage list -f jsonl | grep -q \"\$(printf '\\342\\200\\256')\""

# code: in queries, and the tags' columns.
printf 'Other\n\nNothing coded here.\n' >"$c/b.txt"
same "code: picks the articles with a passage of that code" "a.txt" \
    "'$R' list -q code:siege | cut -f1"
same "not code: the others" "$(printf 'b.txt')" \
    "'$R' list -q 'not code:siege and not code:hostile' | cut -f1"
status "code: needs a name" 2 "'$R' list -q code:"
same "tags --passages counts codes: articles and passages" "$(printf '0\t0\t0\t1\t1\tsiege')" \
    "'$R' tags --passages | grep '	siege\$'"
same "tags without it prints as it did" "manual	auto	rejected	tag" "'$R' tags | head -1"

# Exports: jsonl's passages where they are now, csv --passages with formula cells
# made safe, md's passages by code.
status "a quote that looks like a formula" 0 "'$R' passage add b.txt 'Nothing' +'=cmd' --note '@SUM(A1)'"
check "jsonl records carry their passages, offsets in the file now" \
    "'$R' export -f jsonl a.txt | python3 -c 'import json,sys; o=json.loads(sys.stdin.readline()); p=o[\"passages\"]; assert len(p)==1 and p[0][\"quote\"]==\"the siege\" and p[0][\"tags\"]==[\"siege\"] and p[0][\"note\"]==\"Check the date\" and p[0][\"state\"]==\"here\", p; b=open(\"a.txt\",\"rb\").read(); assert b[p[0][\"start\"]:p[0][\"end\"]]==b\"the siege\"'"
check "an article without passages has an empty list" \
    "printf 'x\n\ny\n' >c.txt && '$R' export -f jsonl c.txt | jq -e '.passages == []'"
check "csv --passages: a row a passage, read back by python" \
    "'$R' export -f csv --passages . | python3 -c 'import csv,sys; r=list(csv.reader(sys.stdin)); assert r[0]==[\"path\",\"title\",\"start\",\"end\",\"state\",\"quote\",\"tags\",\"note\"], r[0]; rows={x[6]:x for x in r[1:]}; assert len(r)==4, r; a=rows[\"siege\"]; assert a[:6]==[\"a.txt\",\"Siege\",\"19\",\"28\",\"here\",\"the siege\"] and a[7]==\"Check the date\", a; f=rows[\"\\x27=cmd\"]; assert f[7]==\"\\x27@SUM(A1)\" and f[5]==\"Nothing\", f'"
status "--passages is for csv" 2 "'$R' export -f md --passages ."
check "md groups passages by code, a heading each" \
    "'$R' export -f md . >'$tmp/d.md' && grep -q '^# Passages by code\$' '$tmp/d.md' && awk '/^## siege\$/ { s = 1; next } /^## / { s = 0 } s && /^- > the siege \\(a\\.txt\\): Check the date\$/ { f = 1 } END { exit !f }' '$tmp/d.md'"

# rubric stats against a count made by hand. d.txt: P1 'alpha beta' {x,y}, P2
# 'beta gamma' {y} (overlapping P1 on 'beta'), P3 'theta' {z}; e.txt: P4 'alpha' {x},
# P5 'theta' {z}. The theme g hits 'gamma', only in d.txt, inside P2 alone.
c="$tmp/s"
mkdir -p "$c"
printf 'D\n\nalpha beta gamma delta theta\n' >"$c/d.txt"
printf 'E\n\nalpha one two theta\n' >"$c/e.txt"
printf '[theme g]\npattern = "gamma"\n' >"$c/.rubric-themes.ini"
(cd "$c" && "$R" passage add d.txt 'alpha beta' +x +y && "$R" passage add d.txt 'beta gamma' +y &&
    "$R" passage add d.txt theta +z && "$R" passage add e.txt alpha +x &&
    "$R" passage add e.txt theta +z) 2>/dev/null
stats() { (cd "$c" && "$R" stats -f jsonl .); }
same "codes: articles and passages" \
    '{"code":"x","articles":2,"passages":2}{"code":"y","articles":1,"passages":2}{"code":"z","articles":2,"passages":2}' \
    "'$R' stats -f jsonl . | jq -c 'select(.stats == \"code\") | {code, articles, passages}' | tr -d '\n'"
# x,y: one article; pairs sharing a byte: (P1,P1) and (P1,P2). x,z: both articles,
# no overlap. y,z: d.txt, no overlap.
same "codes by codes: articles with both, overlapping passages" \
    '{"codes":["x","y"],"articles":1,"passages":2}{"codes":["x","z"],"articles":2,"passages":0}{"codes":["y","z"],"articles":1,"passages":0}' \
    "'$R' stats -f jsonl . | jq -c 'select(.stats == \"codepair\") | {codes, articles, passages}' | tr -d '\n'"
same "themes by codes: articles with both, passages holding a hit" \
    '{"code":"x","articles":1,"passages":0}{"code":"y","articles":1,"passages":1}{"code":"z","articles":1,"passages":0}' \
    "'$R' stats -f jsonl . | jq -c 'select(.stats == \"themecode\" and .theme == \"g\") | {code, articles, passages}' | tr -d '\n'"
check "the text shows the same tables" \
    "'$R' stats . >'$tmp/st' && grep -q '^x  *y  *1  *2\$' '$tmp/st' && grep -q '^g  *y  *1  *1\$' '$tmp/st'"
check "--merge sums two shards' codes" \
    "'$R' stats -f jsonl d.txt >'$tmp/1' && '$R' stats -f jsonl e.txt >'$tmp/2' && '$R' stats --merge -f jsonl '$tmp/1' '$tmp/2' | jq -c 'select(.stats == \"codepair\" and .codes == [\"x\",\"z\"]) | .articles' | grep -qx 2"

# A new passage whose id a passage of another text has (a hand edit, or 32 bits of a
# hash meeting): refused, where the codes went to that other passage.
c="$tmp/clash"
mkdir -p "$c"
printf 'Siege\n\nOn Tuesday, the siege was lifted by government forces. The siege had lasted.\n' \
    >"$c/a.txt"
printf '[article "a.txt"]\npassage.8ad90088 = 76-82\npassage.8ad90088.quote = "lasted"\npassage.8ad90088.tag "planted" = person\n' \
    >"$c/.rubric.ini"
cp "$c/.rubric.ini" "$tmp/clash.ini"
status "a span whose id another passage has is not coded: exit 1" 1 \
    "'$R' passage add a.txt government +gov"
check "the message names the other passage" \
    "grep -q \"passage 8ad90088 is already the sidecar's for another text ('lasted' at bytes 76-82)\" '$tmp/said'"
check "and the sidecar is as it was" "cmp -s .rubric.ini '$tmp/clash.ini'"

# An article replaced by a FIFO: its passage is listed as an orphan, and the message
# says what the file is, not "Invalid argument".
c="$tmp/fifo"
mkdir -p "$c"
printf 'T\n\nthe quick brown fox\n' >"$c/f.txt"
(cd "$c" && "$R" passage add f.txt 'brown fox' +animal) 2>/dev/null
rm "$c/f.txt" && mkfifo "$c/f.txt"
status "a FIFO's passages: listed, exit 1" 1 "timeout 60 '$R' passage list"
cp "$tmp/out" "$tmp/listed"
check "listed as an orphan" "grep -q '^f.txt	13	22	orphan	brown fox	animal' '$tmp/listed'"
check "said as a FIFO" "grep -q 'f.txt: is a FIFO: its passages are listed as orphans' '$tmp/said'"
check "check says it is a FIFO" \
    "timeout 60 '$R' check 2>&1 | grep -q 'f.txt: warning: is a FIFO: its 1 passage cannot be looked for'"

# A sidecar brought with a corpus, with 100,000 passages in one article and a quote
# cut into 5,000 pieces: read in seconds (each passage's keys were looked for among
# all the section's, which took hours), every passage listed.
c="$tmp/many"
mkdir -p "$c"
awk 'BEGIN { printf "T\n\n"; for (i = 0; i < 100000; i++) printf "w%d ", i; print "" }' \
    >"$c/a.txt"
awk 'BEGIN { print "[article \"a.txt\"]"; o = 3
	for (i = 0; i < 100000; i++) {
		w = "w" i; printf "passage.%08x = %d-%d\n", i, o, o + length(w)
		printf "passage.%08x.quote = \"%s\"\n", i, w
		printf "passage.%08x.tag \"c%d\" = person\n", i, i % 7; o += length(w) + 1 }
	for (i = 0; i < 5000; i++) printf "passage.ffffffff.quote.%04d = \"x\"\n", i
	print "passage.ffffffff.tag \"long\" = person" }' >"$c/.rubric.ini"
same "100,000 passages and a quote of 5,000 pieces are read in seconds" "100000 here 1 orphan" \
    "timeout 60 '$R' passage list | awk -F '\t' '{ n[\$4]++ } END { printf \"%d here %d orphan\", n[\"here\"], n[\"orphan\"] }'"
cp "$c/.rubric.ini" "$tmp/many.ini"
check "a passage added among them is saved in seconds, the other lines kept" \
    "timeout 60 '$R' passage add a.txt 'w5 w6' +new && diff '$tmp/many.ini' .rubric.ini >'$tmp/d'; [ \$(grep -c '^>' '$tmp/d') -eq 6 ] && ! grep -q '^<' '$tmp/d'"

echo "1..$n"
[ "$failed" -eq 0 ]
