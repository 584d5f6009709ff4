# The helpers every whole-screen test shares, sourced by tests/screen/NAME.sh (one file
# per screen feature, each runnable alone: sh tests/screen/tags.sh, or tests/run.sh
# tags). rubric runs in a private tmux server, is driven with send-keys and read back
# with capture-pane, as a person would use it; each file numbers its TAP lines from 1
# and ends with its plan (finish).
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-screen.XXXXXX")
# What the screen keeps aside at its end stays out of the home (journal_state.h).
export XDG_STATE_HOME="$tmp/state"
sessions=0
T="tmux -L rubric-test-$$-0 -f /dev/null"
trap 'stop; rm -rf "$tmp"' EXIT
# A copy of the sample corpus: rubric writes its sidecar next to what it reads.
cp -r tests/sample "$tmp/sample"
n=0

# hostile_corpus: the terminal-safety corpus in $tmp/hostile, for the files that read it.
hostile_corpus() { sh tests/mkhostile.sh "$tmp/hostile" >/dev/null; }

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	capture | sed 's/^/# |/'
}
# finish: the TAP plan, once every test of the file has run.
finish() { echo "1..$n"; }

# alive PID: whether the process runs still (a zombie nobody reaped has ended).
alive() {
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $st in Z*) return 1 ;; esac
}
# stop: ends the server and waits, for up to 5 s, until each pane's shell and what it
# runs (rubric, saving its cache and state into $tmp on its way out) have exited, so
# that nothing writes into $tmp as it is removed.
stop() {
	pids=""
	for p in $($T list-panes -a -F '#{pane_pid}' 2>/dev/null); do
		pids="$pids $p $(ps -o pid= --ppid "$p" 2>/dev/null)"
	done
	$T kill-server 2>/dev/null
	for p in $pids; do
		i=0
		while alive "$p" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	done
}
# start COLS ROWS [ENV=VALUE...] -- ARGS...: rubric in a fresh session.
start() {
	cols=$1 rows=$2
	shift 2
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	stop
	# A new server each time: a server still shutting down cannot take a socket.
	sessions=$((sessions + 1))
	T="tmux -L rubric-test-$$-$sessions -f /dev/null"
	# The shell stays after rubric, to show its messages and exit status: tmux
	# wipes a dead pane.
	$T start-server \; set-option -g default-terminal tmux-256color \; \
	    new-session -d -x "$cols" -y "$rows" \
	    -e LC_ALL=C.UTF-8 -e RUBRIC_DATADIR="$top/config" \
	    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache" \
	    "env $envs $top/rubric $*; echo \"[exit \$?]\"; exec sleep 3600"
}
# capture [-e]: the pane as text, with -e its colours and attributes as escapes.
capture() { $T capture-pane -p "$@"; }
keys() { $T send-keys "$@"; }
# wait_for PATTERN: until the screen shows it (a grep -E pattern), for up to 5 s.
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		capture | grep -q -E -e "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# eventually COMMAND: until COMMAND (a shell condition, say on a file rubric saves or
# a row of the screen) holds, for up to 5 s; a fixed sleep would race a slow machine.
eventually() {
	i=0
	while [ $i -lt 50 ]; do
		eval "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# check DESCRIPTION PATTERN: passes when the screen shows PATTERN.
check() {
	if wait_for "$2"; then ok "$1"; else notok "$1 (no /$2/)"; fi
}
# check_not DESCRIPTION PATTERN: passes when the settled screen lacks PATTERN.
check_not() {
	sleep 0.2
	if capture | grep -q -E -e "$2"; then notok "$1 (found /$2/)"; else ok "$1"; fi
}
row() { capture | sed -n "$(($1 + 1))p"; }
dead_status() {
	wait_for '^\[exit [0-9]+\]' >/dev/null
	capture | sed -n 's/^\[exit \([0-9]*\)\].*/\1/p'
}
