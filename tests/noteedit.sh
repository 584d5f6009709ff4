#!/bin/sh
# A note edited on the screen while someone else saves another note for the same
# article: when the editor ends, both texts are kept (theirs, a separator line, the
# edit), saved, and the status line says so. Also the plain case: nobody else wrote.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-noteedit.XXXXXX")
T="tmux -L rubric-noteedit-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; sleep 0.5; rm -rf "$tmp"' EXIT
export RUBRIC_DATADIR="$top/config" XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
n=0
A=2017/deir-ezzor-siege-lifted.txt

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	$T capture-pane -p | sed 's/^/# |/'
}
capture() { $T capture-pane -p; }
keys() { $T send-keys "$@"; }
# wait_for PATTERN: until the screen shows it (grep -E), for up to 10 s.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		capture | grep -q -E -e "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
check() {
	if wait_for "$2"; then ok "$1"; else notok "$1 (no /$2/)"; fi
}
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
$T start-server \; set-option -g default-terminal tmux-256color \; \
    new-session -d -x 100 -y 30 \
    -e LC_ALL=C.UTF-8 -e RUBRIC_DATADIR="$top/config" \
    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache" \
    "env EDITOR=$tmp/slow-editor $top/rubric $c; echo \"[exit \$?]\"; exec sleep 3600"
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
echo "1..$n"
