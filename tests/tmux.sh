# The helpers every test that drives rubric's screen through tmux shares, sourced by
# tests/screen/lib.sh and by the suites that need a screen (undo, noteedit, fault).
# rubric runs in a private tmux server, is driven with send-keys and read back with
# capture-pane. The sourcing script sets top (the source tree), tmp (its scratch
# folder, removed at its end), tmux_name (the servers' name, unique to the suite), and
# calls stop in its EXIT trap, so that no rubric outlives the test or writes into tmp
# as it is removed. It numbers its TAP lines with ok and notok and ends with finish.
sessions=0
T="tmux -L $tmux_name-$$-0 -f /dev/null"
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	capture 2>/dev/null | sed 's/^/# |/'
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
	T="tmux -L $tmux_name-$$-$sessions -f /dev/null"
	# The shell stays after rubric, to show its messages and exit status: tmux
	# wipes a dead pane.
	$T start-server \; set-option -g default-terminal tmux-256color \; \
	    new-session -d -x "$cols" -y "$rows" \
	    -e LC_ALL=C.UTF-8 -e RUBRIC_DATADIR="$top/config" \
	    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache" \
	    "env $envs $top/rubric $*; echo \"[exit \$?]\"; exec sleep 3600"
}
# capture [-e] [-t WINDOW]: the pane as text, with -e its colours and attributes as
# escapes.
capture() { $T capture-pane -p "$@"; }
keys() { $T send-keys "$@"; }
# wait_pane WINDOW TENTHS PATTERN: until WINDOW ("": the current one) shows PATTERN (a
# grep -E pattern), for up to TENTHS tenths of a second.
wait_pane() {
	i=0
	while [ $i -lt "$2" ]; do
		capture ${1:+-t "$1"} | grep -q -E -e "$3" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# wait_for PATTERN: until the screen shows it, for up to 15 s (wait_tenths, when the
# suite sets it, tenths of a second). A bound, not a pause: a screen that comes
# sooner is taken at once. 15 s, because make check runs suites side by side, under
# the sanitizers too, where a start may take seconds.
wait_for() { wait_pane "" "${wait_tenths:-150}" "$1"; }
# eventually COMMAND: until COMMAND (a shell condition, say on a file rubric saves or
# a row of the screen) holds, for up to 15 s; a fixed sleep would race a slow machine.
eventually() {
	i=0
	while [ $i -lt 150 ]; do
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
