#!/bin/sh
# Runs the test suites and ends with one line "N passed, N failed". Each suite prints
# TAP ("ok N - what" / "not ok N - what"); this script counts those lines.
#
# tests/run.sh             every suite, as make check does
# tests/run.sh NAME...     only those: a unit test (test_query), a shell suite (cli), a
#                          screen feature (tags, or screen/tags), or screen for them all
# tests/run.sh --list      the names, in the order they run
# tests/run.sh -j N ...    N suites at a time (default RUBRIC_TEST_JOBS, else 1)
#
# Suites may run side by side: most of a screen suite's time is a pane waited on, not
# CPU. Each suite has a scratch home of its own and writes its TAP into a file of its
# own, printed whole when it ends, so two suites' lines never mix and neither sees the
# other's caches.
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

# run_one DIR NAME: one suite, with a scratch home under DIR, its output printed whole
# (under DIR/lock) when it ends; the header says how long it took.
run_one() {
	dir=$1 name=$2
	safe=$(echo "$name" | tr / _)
	h="$dir/home/$safe"
	# Whatever a suite forgets to set, rubric's configuration and caches stay out of
	# the user's home; a suite, or a program it runs, that unsets them falls back to
	# a scratch home too (run_trace looks at the real one).
	mkdir -p "$h/home"
	out="$dir/$safe.out"
	start=$(date +%s)
	case $name in
	test_*) set -- "tests/bin/$name" ;;
	*) set -- sh "tests/$name.sh" ;;
	esac
	HOME="$h/home" XDG_CONFIG_HOME="$h/config" XDG_CACHE_HOME="$h/cache" \
	    XDG_STATE_HOME="$h/state" "$@" >"$out" 2>&1
	rc=$?
	{
		echo "# $name ($(($(date +%s) - start)) s)"
		cat "$out"
		# A suite that dies before saying anything still fails.
		if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$out"; then
			echo "not ok - $name exited with status $rc"
		fi
	} >"$out.tap"
	flock "$dir/lock" cat "$out.tap"
	rm -rf "$out" "$h"
}

if [ "${1-}" = --one ]; then
	run_one "$2" "$3"
	exit 0
fi
if [ "${1-}" = --list ]; then
	run_names
	exit 0
fi
jobs=${RUBRIC_TEST_JOBS:-1}
if [ "${1-}" = -j ]; then
	jobs=${2-}
	shift 2 || exit 2
fi
case $jobs in
''|*[!0-9]*|0)
	echo "tests/run.sh: -j takes a number of suites at a time, not \"$jobs\"" >&2
	exit 2 ;;
esac
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
# Side by side, the longest suites start first, so that none is left to run alone at
# the end; the rest keep their order. These took 15 s or more each, one at a time
# (14 min in all, 2 cores): the headers' times say how long each takes now.
RUN_SLOW="hostile termsafe textindex cache sidecar build git fault image walk special
    journal export passage"
if [ "$jobs" -gt 1 ]; then
	slow=$(for n in $RUN_SLOW; do echo "$names" | tr ' ' '\n' | grep -x -e "$n"; done)
	names="$slow $(echo "$names" | tr ' ' '\n' | grep -v -x -F -e "${slow:-/}")"
fi

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
dir=$(mktemp -d "${TMPDIR:-/tmp}/rubric-tests.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
: >"$dir/lock"

echo "$names" | tr ' ' '\n' | grep -v '^$' |
    xargs -P "$jobs" -n 1 sh tests/run.sh --one "$dir" | tee "$dir/all"

if [ "$(run_trace)" != "$before" ]; then
	echo "not ok - the suites wrote in rubric's folders under \$HOME (.cache, .config, .local/state):" \
	    | tee -a "$dir/all"
	run_trace | sed 's/^/# /'
fi
passed=$(grep -c '^ok' "$dir/all")
failed=$(grep -c '^not ok' "$dir/all")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1
