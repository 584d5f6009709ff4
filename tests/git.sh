#!/bin/sh
# The sidecar in git: rubric git-setup and its messages; two clones tagging at random
# and merging through the driver, against a model (tests/gitrounds.py); notes edited
# on both sides; a side that does not parse; --resolve of a sidecar git merged with
# conflict markers, plain and diff3. The user's git configuration is never read.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-git.XXXXXX") || exit 1
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
R="$top/rubric"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }
# A clone of origin as a teammate has it: a name, an address.
who() { git -C "$1" config user.name "$2" && git -C "$1" config user.email "$2@example.org"; }
# The tags of article $2 in the corpus at $1, one a line, as rubric reads them.
tagsof() { (cd "$1" && "$R" list --format jsonl .) | jq -r --arg p "$2" 'select(.path == $p) | .tags[]'; }

mkdir "$tmp/out"
(cd "$tmp/out" && "$R" git-setup) >"$tmp/o" 2>&1
rc=$?
check "git-setup outside a work tree exits 1" "[ $rc -eq 1 ]"
check "and says so" "grep -q 'rubric: git-setup: not in a git work tree' '$tmp/o'"
check "git-setup --help prints the usage" \
    "'$R' git-setup --help | grep -q '^usage: rubric git-setup'"

# The corpus, its sidecar and the origin.
git init -q --bare -b main "$tmp/origin.git"
git init -q -b main "$tmp/a"
who "$tmp/a" A
mkdir "$tmp/a/sub"
for f in a.txt b.txt sub/c.txt "d e.txt"; do
	printf 'Title of %s\n\nThe body of %s.\n' "$f" "$f" >"$tmp/a/$f"
done
touch "$tmp/a/.rubric.ini"
(cd "$tmp/a" && "$R" git-setup) >"$tmp/o" 2>&1
rc=$?
check "git-setup in a work tree exits 0" "[ $rc -eq 0 ]"
check "it says it added the .gitattributes line" \
    "grep -qx '$tmp/a/.gitattributes: added .\\.rubric\\.ini merge=rubric. .*' '$tmp/o'"
check "it says which config keys it set, in which file" \
    "grep -q '^.git/config: set merge.rubric.name = ' '$tmp/o' && grep -q '^.git/config: set merge.rubric.driver = .*merge-sidecar %O %A %B %P\$' '$tmp/o'"
check "the driver is this rubric by its absolute path" \
    "[ \"\$(git -C '$tmp/a' config merge.rubric.driver)\" = \"'$top/rubric' merge-sidecar %O %A %B %P\" ]"
check "the attribute reaches a sidecar at any depth" \
    "(cd '$tmp/a' && git check-attr merge -- .rubric.ini sub/deep/.rubric.ini) | grep -c ': merge: rubric\$' | grep -qx 2"
cp "$tmp/a/.gitattributes" "$tmp/attr1"
cp "$tmp/a/.git/config" "$tmp/config1"
(cd "$tmp/a/sub" && "$R" git-setup) >"$tmp/o" 2>&1
rc=$?
check "git-setup again (from a subfolder) exits 0 and changes nothing" \
    "[ $rc -eq 0 ] && cmp -s '$tmp/attr1' '$tmp/a/.gitattributes' && cmp -s '$tmp/config1' '$tmp/a/.git/config'"
check "and says so" \
    "grep -q 'has .\\.rubric\\.ini merge=rubric. already' '$tmp/o' && grep -q 'merge.rubric.driver is set already' '$tmp/o' && grep -q '^nothing changed: ' '$tmp/o'"
git init -q -b main "$tmp/other"
printf '*.txt text' >"$tmp/other/.gitattributes"
(cd "$tmp/other" && "$R" git-setup) >/dev/null 2>&1
check "a .gitattributes without a last new line keeps its line" \
    "[ \"\$(cat '$tmp/other/.gitattributes')\" = \"\$(printf '*.txt text\\n.rubric.ini merge=rubric')\" ]"

git -C "$tmp/a" add -A
git -C "$tmp/a" commit -qm corpus
git -C "$tmp/a" remote add origin "$tmp/origin.git"
git -C "$tmp/a" push -q origin main
git clone -q "$tmp/origin.git" "$tmp/b" 2>/dev/null
who "$tmp/b" B
(cd "$tmp/b" && "$R" git-setup) >"$tmp/o" 2>&1
check "in a second clone git-setup finds the line and sets the config" \
    "grep -q 'already' '$tmp/o' && grep -q '^.git/config: set merge.rubric.driver' '$tmp/o'"

# Random tagging on both clones, merged through the driver, against the model.
python3 tests/gitrounds.py "$R" "$tmp/a" "$tmp/b" 12 25 $n >"$tmp/rounds" 2>&1
cat "$tmp/rounds"
n=$((n + $(grep -c '^\(not \)\{0,1\}ok ' "$tmp/rounds")))
grep -q '^Traceback' "$tmp/rounds" && notok "gitrounds.py ran to its end"

# A note edited on both sides, the same article: both texts, reported.
(cd "$tmp/a" && "$R" note a.txt 'from A' && git commit -qam 'A note' && git push -q origin main)
(cd "$tmp/b" && "$R" note a.txt 'from B' && git commit -qam 'B note')
(cd "$tmp/b" && git pull -q --no-rebase --no-edit origin main) >"$tmp/o" 2>&1
rc=$?
check "a note edited on both sides merges with exit 0" "[ $rc -eq 0 ]"
check "both texts are kept, theirs after the separator" \
    "[ \"\$(cd '$tmp/b' && '$R' note a.txt)\" = \"\$(printf 'from B\\n----- rubric merge: theirs -----\\nfrom A')\" ]"
check "and the merge says so, naming the article" \
    "grep -q 'rubric: .rubric.ini: warning: article a.txt: note edited on both sides' '$tmp/o'"
(cd "$tmp/b" && git push -q origin main && cd "$tmp/a" && git pull -q --no-rebase origin main)

# Hand edits of the other side: a comment and a section added in A survive B's pull.
(cd "$tmp/a" && sed -i '1i ; A: checked with Ann' .rubric.ini &&
    printf '\n[meta]\nowner = Ann\n' >>.rubric.ini && git commit -qam 'A hand edits' &&
    git push -q origin main)
(cd "$tmp/b" && "$R" tag +handB -- a.txt && git commit -qam 'B tag')
(cd "$tmp/b" && git pull -q --no-rebase --no-edit origin main) >"$tmp/o" 2>&1
rc=$?
check "a pull bringing the other side's comment and section merges with exit 0" \
    "[ $rc -eq 0 ] && [ -z \"\$(git -C '$tmp/b' ls-files -u)\" ]"
check "the comment and the section are in the merged sidecar, with our tag" \
    "grep -qx '; A: checked with Ann' '$tmp/b/.rubric.ini' && grep -qx '\\[meta\\]' '$tmp/b/.rubric.ini' && grep -qx 'owner = Ann' '$tmp/b/.rubric.ini' && tagsof '$tmp/b' a.txt | grep -qx handB"
check "the driver says what it carried over, naming the sidecar" \
    "grep -q \"rubric: .rubric.ini: warning: kept theirs' hand edit (their line 1) in the top: ; A: checked with Ann\" '$tmp/o' && grep -q 'in \\[meta\\]: owner = Ann' '$tmp/o'"
(cd "$tmp/b" && git push -q origin main && cd "$tmp/a" && git pull -q --no-rebase origin main)
check "and the other clone has them once, after pulling back" \
    "[ \"\$(grep -c '^; A: checked with Ann' '$tmp/a/.rubric.ini')\" = 1 ] && [ \"\$(grep -c '^owner = Ann' '$tmp/a/.rubric.ini')\" = 1 ] && tagsof '$tmp/a' a.txt | grep -qx handB"

# Passages: both clones code the same span of b.txt (the same id), each with its own
# code, and A codes another; the pull joins them, with no conflict.
(cd "$tmp/a" && "$R" tag +pa -- b.txt && sed -i '/^\[article "b.txt"\]$/a\
passage.0badc0de = 9-20\
passage.0badc0de.quote = "body of b.t"\
passage.0badc0de.before = "Title of b.txt\\x0a\\x0aThe "\
passage.0badc0de.tag "fromA" = person\
passage.00c0ffee = 0-5\
passage.00c0ffee.quote = "Title"\
passage.00c0ffee.note = "A\x27s note"\
passage.00c0ffee.tag "title" = person' .rubric.ini && git commit -qam 'A passages' &&
    git push -q origin main)
(cd "$tmp/b" && "$R" tag +pb -- b.txt && sed -i '/^\[article "b.txt"\]$/a\
passage.0badc0de = 9-20\
passage.0badc0de.quote = "body of b.t"\
passage.0badc0de.before = "Title of b.txt\\x0a\\x0aThe "\
passage.0badc0de.tag "fromB" = theme' .rubric.ini && git commit -qam 'B passage')
(cd "$tmp/b" && git pull -q --no-rebase --no-edit origin main) >"$tmp/o" 2>&1
rc=$?
check "a pull where both clones coded a passage of one article merges with exit 0" \
    "[ $rc -eq 0 ] && [ -z \"\$(git -C '$tmp/b' ls-files -u)\" ] && ! grep -q '^<<<<<<<' '$tmp/b/.rubric.ini'"
check "the passage both coded has both codes, and A's other passage its code and note" \
    "grep -qx 'passage.0badc0de.tag \"fromA\" = person' '$tmp/b/.rubric.ini' && grep -qx 'passage.0badc0de.tag \"fromB\" = theme' '$tmp/b/.rubric.ini' && [ \"\$(grep -c '^passage.0badc0de.quote = \"body of b.t\"\$' '$tmp/b/.rubric.ini')\" = 1 ] && grep -qx 'passage.00c0ffee.tag \"title\" = person' '$tmp/b/.rubric.ini' && grep -qx 'passage.00c0ffee.note = \"A.s note\"' '$tmp/b/.rubric.ini'"
check "and the merged sidecar reads with no warning, both article tags kept" \
    "(cd '$tmp/b' && '$R' check) >'$tmp/o2' 2>&1; ! grep -q 'warning' '$tmp/o2' && tagsof '$tmp/b' b.txt | grep -qx pa && tagsof '$tmp/b' b.txt | grep -qx pb"
(cd "$tmp/b" && git push -q origin main && cd "$tmp/a" && git pull -q --no-rebase origin main)

# A side that does not parse: a conflict, nothing lost, --resolve once mended.
(cd "$tmp/a" && "$R" tag +fromA -- b.txt && git commit -qam 'A tag' && git push -q origin main)
(cd "$tmp/b" && "$R" tag +fromB -- b.txt && printf 'this line is broken\n' >>.rubric.ini && git commit -qam 'B broken')
(cd "$tmp/b" && git pull -q --no-rebase --no-edit origin main) >"$tmp/o" 2>&1
rc=$?
check "a side that does not parse makes a conflict" \
    "[ $rc -ne 0 ] && git -C '$tmp/b' ls-files -u | grep -q '.rubric.ini'"
check "the driver says which side and what to do" \
    "grep -q 'the ours side .* is no sidecar' '$tmp/o' && grep -q 'run rubric merge-sidecar --resolve .rubric.ini' '$tmp/o'"
check "the file holds both sides whole" \
    "grep -q '^<<<<<<< ours' '$tmp/b/.rubric.ini' && grep -q 'from^\\{0,1\\}[aA]' '$tmp/b/.rubric.ini' && grep -q 'from^\\{0,1\\}[bB]' '$tmp/b/.rubric.ini' && grep -q '^this line is broken' '$tmp/b/.rubric.ini'"
sed -i '/^this line is broken/d' "$tmp/b/.rubric.ini"
(cd "$tmp/b" && "$R" merge-sidecar --resolve .rubric.ini) >"$tmp/o" 2>&1
check "mended, --resolve merges the sides three ways" \
    "grep -q 'resolved three ways' '$tmp/o' && tagsof '$tmp/b' b.txt | grep -qx fromA && tagsof '$tmp/b' b.txt | grep -qx fromB"
(cd "$tmp/b" && git commit -qam 'resolved' && git push -q origin main)

# Merged without the driver: conflict markers, found and resolved.
git clone -q "$tmp/origin.git" "$tmp/p" 2>/dev/null
git clone -q "$tmp/origin.git" "$tmp/q" 2>/dev/null
who "$tmp/p" P
who "$tmp/q" Q
for c in p q; do
	# No attribute, no driver: git merges the lines.
	(cd "$tmp/$c" && git rm -q .gitattributes && git commit -qm 'no driver')
done
(cd "$tmp/p" && "$R" tag +base1 +gone -- d\ e.txt && "$R" note 'd e.txt' base &&
    git commit -qam base && git push -q origin main)
(cd "$tmp/q" && git pull -q --no-rebase --no-edit origin main 2>/dev/null &&
    "$R" tag +fromQ -- 'd e.txt' && "$R" note 'd e.txt' 'Q says' && git commit -qam Q &&
    git push -q origin main 2>/dev/null)
(cd "$tmp/p" && "$R" tag +fromP -gone -- 'd e.txt' && "$R" note 'd e.txt' 'P says' &&
    git commit -qam P && git fetch -q origin)
(cd "$tmp/p" && git merge -q --no-edit origin/main) >/dev/null 2>&1
check "without the driver git leaves conflict markers" "grep -q '^<<<<<<< ' '$tmp/p/.rubric.ini'"
line=$(grep -n '^<<<<<<< ' "$tmp/p/.rubric.ini" | head -1 | cut -d: -f1)
(cd "$tmp/p" && "$R" list .) >"$tmp/o" 2>&1
rc=$?
check "rubric reports the marker with its line and what to run" \
    "[ $rc -ne 0 ] && grep -qx 'rubric: .*/p/.rubric.ini:$line: a git conflict marker: run rubric merge-sidecar --resolve .*/p/.rubric.ini' '$tmp/o'"
cp "$tmp/p/.rubric.ini" "$tmp/plain.ini"
(cd "$tmp/p" && "$R" merge-sidecar --resolve .rubric.ini) >"$tmp/o" 2>&1
rc=$?
check "--resolve of plain markers: exit 0, a union, and says so" \
    "[ $rc -eq 0 ] && grep -q '1 conflict resolved as a union' '$tmp/o' && ! grep -q '^<<<<<<<' '$tmp/p/.rubric.ini'"
check "tags of both sides are kept (a removed one comes back: there is no base)" \
    "[ \"\$(tagsof '$tmp/p' 'd e.txt' | grep -x 'base1\\|fromP\\|fromQ\\|gone' | tr '\\n' ,)\" = base1,fromP,fromQ,gone, ]"
check "both notes are kept" \
    "[ \"\$(cd '$tmp/p' && '$R' note 'd e.txt')\" = \"\$(printf 'P says\\n----- rubric merge: theirs -----\\nQ says')\" ]"
(cd "$tmp/p" && git merge --abort && git -c merge.conflictStyle=diff3 merge -q --no-edit origin/main) >/dev/null 2>&1
check "with diff3 markers" "grep -q '^||||||| ' '$tmp/p/.rubric.ini'"
(cd "$tmp/p" && "$R" merge-sidecar --resolve .rubric.ini) >"$tmp/o" 2>&1
rc=$?
check "--resolve merges three ways and says so" \
    "[ $rc -eq 0 ] && grep -q 'resolved three ways' '$tmp/o'"
check "and a tag removed on one side stays removed" \
    "[ \"\$(tagsof '$tmp/p' 'd e.txt' | grep -x 'base1\\|fromP\\|fromQ\\|gone' | tr '\\n' ,)\" = base1,fromP,fromQ, ]"
(cd "$tmp/p" && "$R" merge-sidecar --resolve .rubric.ini) >"$tmp/o" 2>&1
check "--resolve of a file with no markers changes nothing and says so" \
    "grep -q 'no conflict markers: nothing to do' '$tmp/o'"
printf '<<<<<<< a\nx\n' >"$tmp/open.ini"
cp "$tmp/open.ini" "$tmp/open.before"
"$R" merge-sidecar --resolve "$tmp/open.ini" >"$tmp/o" 2>&1
rc=$?
check "--resolve refuses a marker left open, naming its line, and writes nothing" \
    "[ $rc -eq 1 ] && grep -q 'open.ini:1: a conflict marker out of place' '$tmp/o' && cmp -s '$tmp/open.ini' '$tmp/open.before'"
printf '[article "a.txt"]\n<<<<<<< ours\ntag "x" = person\n=======\n; theirs comment\ntag "x" = person\nstatus = "checked by Ann"\n>>>>>>> theirs\n' >"$tmp/hand.ini"
"$R" merge-sidecar --resolve "$tmp/hand.ini" >"$tmp/o" 2>&1
rc=$?
check "--resolve keeps theirs' comment and unknown key, and says so naming FILE" \
    "[ $rc -eq 0 ] && grep -qx '; theirs comment' '$tmp/hand.ini' && grep -qx 'status = \"checked by Ann\"' '$tmp/hand.ini' && grep -q \"^rubric: $tmp/hand.ini: warning: kept theirs' hand edit\" '$tmp/o'"
echo "1..$n"
