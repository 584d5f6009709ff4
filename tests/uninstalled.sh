#!/bin/sh
# The program as built, never installed: copied elsewhere and run from another folder
# with no RUBRIC_DATADIR and scratch XDG folders, it still knows the shipped chrome
# patterns (compiled in) and no sample theme.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$PWD
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-uninstalled.XXXXXX") || exit 1
T="tmux -L rubric-uninstalled-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
unset RUBRIC_DATADIR
export XDG_CONFIG_HOME="$tmp/xdg/config" XDG_CACHE_HOME="$tmp/xdg/cache" \
    XDG_STATE_HOME="$tmp/xdg/state"
n=0
check() {
	n=$((n + 1))
	if sh -c "$2"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		sed 's/^/# /' "$tmp/out" "$tmp/err" 2>/dev/null
	fi
}

mkdir -p "$tmp/bin" "$tmp/elsewhere" "$tmp/corpus"
cp rubric "$tmp/bin/rubric"
printf 'Skip to main content\n\nWater returns to the old canal\n\nThe canal ran dry in May.\n' \
    >"$tmp/corpus/canal.txt"
cd "$tmp/elsewhere" || exit 1

"$tmp/bin/rubric" list -f tsv "$tmp/corpus" >"$tmp/out" 2>"$tmp/err"
check "list gives the real title, not the chrome line" \
    "grep -q 'Water returns to the old canal' '$tmp/out' && ! grep -qi 'skip to main' '$tmp/out'"
"$tmp/bin/rubric" check >"$tmp/out" 2>"$tmp/err"
check "check reads the built-in configuration and lists no sample theme" \
    "grep -qx 'config (built-in config.ini): read' '$tmp/out' &&
    grep -qx 'config $XDG_CONFIG_HOME/rubric/config.ini: absent' '$tmp/out' &&
    grep -q '^0 themes, 0 patterns (0 left out), [1-9][0-9]* chrome patterns, ' '$tmp/out'"
check "no sample theme or view leaks into a fresh corpus" \
    "! grep -qE 'deir-ez-zor|oil-heavy|border-crossing' '$tmp/out'"

# RUBRIC_DATADIR names a folder whose config.ini is read in place of the built-in
# one; a folder without one means no shipped configuration at all.
mkdir -p "$tmp/data" "$tmp/nodata"
printf '[chrome]\npattern.only = "^only$"\n' >"$tmp/data/config.ini"
RUBRIC_DATADIR="$tmp/data" "$tmp/bin/rubric" check >"$tmp/out" 2>"$tmp/err"
check "RUBRIC_DATADIR's config.ini is read in place of the built-in one" \
    "grep -qx 'config $tmp/data/config.ini: read' '$tmp/out' &&
    ! grep -q 'built-in' '$tmp/out' && grep -q ', 1 chrome pattern, ' '$tmp/out'"
RUBRIC_DATADIR="$tmp/nodata" "$tmp/bin/rubric" check >"$tmp/out" 2>"$tmp/err"
check "a RUBRIC_DATADIR without config.ini reads no shipped configuration" \
    "grep -qx 'config $tmp/nodata/config.ini: absent' '$tmp/out' &&
    grep -q ', 0 chrome patterns, 0 views, 0 problems' '$tmp/out'"

# The screen, on the same program and corpus.
$T start-server \; set-option -g default-terminal tmux-256color \; \
    new-session -d -x 100 -y 30 -c "$tmp/elsewhere" -e LC_ALL=C.UTF-8 \
    -e XDG_CONFIG_HOME="$XDG_CONFIG_HOME" -e XDG_CACHE_HOME="$XDG_CACHE_HOME" \
    -e XDG_STATE_HOME="$XDG_STATE_HOME" \
    "env -u RUBRIC_DATADIR $tmp/bin/rubric '$tmp/corpus/canal.txt'; exec sleep 3600"
i=0
while [ $i -lt 150 ] && ! $T capture-pane -p | grep -q 'Skip to main content'; do
	sleep 0.1
	i=$((i + 1))
done
$T capture-pane -p -e >"$tmp/out"
# Dimmed: grey (colour 244) with 256 colours, SGR 2 with fewer; the body's title
# line right below it is drawn plain.
esc=$(printf '\033')
check "the screen draws the chrome line dimmed, the title plain" \
    "grep -q '$esc\\[\\(38;5;244\\|2\\)m[^$esc]*Skip to main content' '$tmp/out' &&
    grep -q '│ Water returns to the old canal' '$tmp/out'"
echo "1..$n"
