#!/bin/sh
# A note edited on the screen while someone else saves another note for the same
# article: when the editor ends, both texts are kept (theirs, a separator line, the
# edit), saved, and the status line says so. Also the plain case: nobody else wrote.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-noteedit.XXXXXX") || exit 1
tmux_name=rubric-noteedit
. tests/tmux.sh
trap 'stop; rm -rf "$tmp"' EXIT
export RUBRIC_DATADIR="$top/config" XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
A=2017/deir-ezzor-siege-lifted.txt

note_of() {
	(cd "$c" && "$top/rubric" export -f jsonl "$A" | jq -r '.note')
}

# The editor says it started, waits for the test to let it go, then writes.
cat >"$tmp/slow-editor" <<EOS
#!/bin/sh
: >"$tmp/editing"
i=0
while [ ! -e "$tmp/go" ] && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i + 1)); done
printf 'my analysis\n' >"\$1"
EOS
chmod +x "$tmp/slow-editor"

c="$tmp/c"
cp -r tests/sample "$c"
printf 'the first note\n' | (cd "$c" && "$top/rubric" note "$A" -)  2>/dev/null
start 100 30 EDITOR="$tmp/slow-editor" -- "$c"
wait_for "Articles" >/dev/null
keys a
i=0
while [ ! -e "$tmp/editing" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
# A colleague saves another note while the editor is open.
(cd "$c" && "$top/rubric" note "$A" "colleague wrote this") 2>/dev/null
: >"$tmp/go"
check "the status line says both notes were kept" \
    "note changed meanwhile: both kept, yours below"
expect=$(printf 'colleague wrote this\n----- rubric: your edit -----\nmy analysis\n')
got=$(note_of)
if [ "$got" = "$expect" ]; then
	ok "the sidecar holds the colleague's note, the separator, then the edit"
else
	notok "the sidecar holds the colleague's note, the separator, then the edit"
	printf '%s\n' "$got" | sed 's/^/# note: /'
fi
check "the joined note shows above the body" "│ colleague wrote this"

# Nobody else writes: the edit replaces the note, with no separator.
rm -f "$tmp/editing"
printf 'plain\n' | (cd "$c" && "$top/rubric" note "$A" -)
check "the screen reads the note changed from outside" "changed: read again"
keys a
check "an edit nobody else touched is saved" "note saved"
if [ "$(note_of)" = "my analysis" ]; then
	ok "it replaces the note"
else
	notok "it replaces the note"
fi
keys q
finish
