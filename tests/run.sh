#!/bin/sh
# Runs the test suites and ends with one line "N passed, N failed". Each suite prints
# TAP ("ok N - what" / "not ok N - what"); this script counts those lines.
#
# tests/run.sh             every suite, as make check does
# tests/run.sh NAME...     only those: a unit test (test_query), a shell suite (cli), a
#                          screen feature (tags, or screen/tags), or screen for them all
# tests/run.sh --list      the names, in the order they run
set -u

cd "$(dirname "$0")/.." || exit 1

# The suites in the order they run: the unit tests, the shell suites, the screen
# features (tests/screen/NAME.sh, named screen/NAME) where screen.sh ran before.
run_names() {
	for t in tests/unit/test_*.c; do
		t=${t##*/}
		echo "${t%.c}"
	done
	for s in build layout cli walk sidecar handedit journal git paths special export diff fold suggest \
	    query textindex cache image termsafe hostile fault uninstalled shards qdpx dups; do
		echo "$s"
	done
	for s in tests/screen/*.sh; do
		case $s in
		*/lib.sh) ;;
		*) s=${s#tests/}; echo "${s%.sh}" ;;
		esac
	done
	for s in undo noteedit man passage; do
		echo "$s"
	done
}

# The suites a name given on the command line stands for; nothing if it is none.
run_resolve() {
	if run_names | grep -qx -e "$1"; then
		echo "$1"
	elif [ "$1" = screen ]; then
		run_names | grep '^screen/'
	elif run_names | grep -qx -e "screen/$1"; then
		echo "screen/$1"
	fi
}

if [ "${1-}" = --list ]; then
	run_names
	exit 0
fi
names=""
for a in "$@"; do
	r=$(run_resolve "$a")
	if [ -z "$r" ]; then
		echo "tests/run.sh: no suite $a (tests/run.sh --list names them)" >&2
		exit 2
	fi
	names="$names $r"
done
[ $# -gt 0 ] || names=$(run_names)

export LC_ALL=C.UTF-8 TERM=tmux-256color CMOCKA_MESSAGE_OUTPUT=TAP
unset NO_COLOR RUBRIC_LOG
# The user's real folders, listed with sizes and times before and compared after: a
# suite that writes there fails the run (issue 14: 22 scan files were left once).
realhome=${HOME:-/nonexistent}
run_trace() {
	for d in "$realhome/.cache/rubric" "$realhome/.config/rubric" \
	    "$realhome/.local/state/rubric"; do
		[ -e "$d" ] && find "$d" -exec ls -ld --time-style=+%s.%N {} + 2>/dev/null
		echo "$d"
	done
}
before=$(run_trace)
log=$(mktemp "${TMPDIR:-/tmp}/rubric-tests.XXXXXX") || exit 1
# Whatever a suite forgets to set, rubric's configuration and caches stay out of the
# user's home: every suite starts with scratch ones.
home=$(mktemp -d "${TMPDIR:-/tmp}/rubric-tests-home.XXXXXX") || exit 1
export XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    XDG_STATE_HOME="$home/state"
# And a suite, or a program it runs, that unsets them falls back to a scratch home
# too (run_trace looked at the real one above).
mkdir -p "$home/home"
export HOME="$home/home"
trap 'rm -f "$log"; rm -rf "$home"' EXIT

suite() {
	name=$1
	shift
	echo "# $name"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	# A suite that dies before saying anything still fails.
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$log"; then
		echo "not ok - $name exited with status $rc"
	fi
}

{
	for name in $names; do
		case $name in
		test_*) suite "$name" "tests/bin/$name" ;;
		*) suite "$name" sh "tests/$name.sh" ;;
		esac
	done
} | tee "$log.all"

if [ "$(run_trace)" != "$before" ]; then
	echo "not ok - the suites wrote in rubric's folders under \$HOME (.cache, .config, .local/state):" \
	    | tee -a "$log.all"
	run_trace | sed 's/^/# /'
fi
passed=$(grep -c '^ok' "$log.all")
failed=$(grep -c '^not ok' "$log.all")
rm -f "$log.all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1
