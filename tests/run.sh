#!/bin/sh
# Runs every test suite and ends with one line "N passed, N failed". Each suite prints
# TAP ("ok N - what" / "not ok N - what"); this script counts those lines.
set -u

cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8 TERM=tmux-256color CMOCKA_MESSAGE_OUTPUT=TAP
unset NO_COLOR RUBRIC_LOG
log=$(mktemp "${TMPDIR:-/tmp}/rubric-tests.XXXXXX")
# Whatever a suite forgets to set, rubric's configuration and caches stay out of the
# user's home: every suite starts with scratch ones.
home=$(mktemp -d "${TMPDIR:-/tmp}/rubric-tests-home.XXXXXX")
export XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    XDG_STATE_HOME="$home/state"
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
	for t in tests/bin/test_*; do
		suite "$(basename "$t")" "$t"
	done
	suite build sh tests/build.sh
	suite layout sh tests/layout.sh
	suite cli sh tests/cli.sh
	suite walk sh tests/walk.sh
	suite sidecar sh tests/sidecar.sh
	suite handedit sh tests/handedit.sh
	suite journal sh tests/journal.sh
	suite git sh tests/git.sh
	suite paths sh tests/paths.sh
	suite special sh tests/special.sh
	suite export sh tests/export.sh
	suite query sh tests/query.sh
	suite cache sh tests/cache.sh
	suite termsafe sh tests/termsafe.sh
	suite hostile sh tests/hostile.sh
	suite fault sh tests/fault.sh
	suite screen sh tests/screen.sh
	suite undo sh tests/undo.sh
	suite noteedit sh tests/noteedit.sh
	suite man sh tests/man.sh
} | tee "$log.all"

passed=$(grep -c '^ok' "$log.all")
failed=$(grep -c '^not ok' "$log.all")
rm -f "$log.all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1
