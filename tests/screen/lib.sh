# The helpers every whole-screen test shares, sourced by tests/screen/NAME.sh (one file
# per screen feature, each runnable alone: sh tests/screen/tags.sh, or tests/run.sh
# tags): the sample corpus copied, and tests/tmux.sh's session helpers. rubric runs in
# a private tmux server, is driven with send-keys and read back with capture-pane, as a
# person would use it; each file numbers its TAP lines from 1 and ends with its plan
# (finish).
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-screen.XXXXXX") || exit 1
# What the screen keeps aside at its end stays out of the home (journal_state.h).
export XDG_STATE_HOME="$tmp/state"
tmux_name=rubric-test
. tests/tmux.sh
trap 'stop; rm -rf "$tmp"' EXIT
# A copy of the sample corpus: rubric writes its sidecar next to what it reads.
cp -r tests/sample "$tmp/sample"

# hostile_corpus: the terminal-safety corpus in $tmp/hostile, for the files that read it.
hostile_corpus() { sh tests/mkhostile.sh "$tmp/hostile" >/dev/null; }

# check_not DESCRIPTION PATTERN: passes when the settled screen lacks PATTERN.
check_not() {
	sleep 0.2
	if capture | grep -q -E -e "$2"; then notok "$1 (found /$2/)"; else ok "$1"; fi
}
row() { capture | sed -n "$(($1 + 1))p"; }
# cli ARGS...: a command beside the screen, with the screen's configuration and caches
# (tests/tmux.sh's start).
cli() {
	env LC_ALL=C.UTF-8 RUBRIC_DATADIR="$top/config" XDG_CONFIG_HOME="$tmp/xdg" \
	    XDG_CACHE_HOME="$tmp/cache" RUBRIC_INDEX_RACY=0 "$top/rubric" "$@"
}
dead_status() {
	wait_for '^\[exit [0-9]+\]' >/dev/null
	capture | sed -n 's/^\[exit \([0-9]*\)\].*/\1/p'
}
