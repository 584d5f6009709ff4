#!/bin/sh
# Every source file compiles without a warning under gcc and clang, with the warning
# flags of the project, and no core file includes curses.
set -u
cd "$(dirname "$0")/.." || exit 1
n=0
flags=$(make -s -p -n rubric 2>/dev/null | sed -n 's/^WARNINGS = //p' | head -1)
inc="$(pkg-config --cflags ncursesw libpcre2-8 libxml-2.0 libzip 2>/dev/null | sed 's/-D_XOPEN_SOURCE=[0-9]*//; s/-D_DEFAULT_SOURCE//') -I/usr/include/iniparser"
for cc in gcc clang; do
	n=$((n + 1))
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "not ok $n - $cc is not installed"
		continue
	fi
	out=$(for f in src/*.c tests/*.c tests/unit/*.c; do
		$cc -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -Isrc $inc $flags \
		    -DRUBRIC_VERSION='"test"' -fsyntax-only "$f" 2>&1
	done)
	if [ -z "$out" ]; then
		echo "ok $n - every file compiles without a warning under $cc"
	else
		echo "not ok $n - $cc warns"
		echo "$out" | head -20 | sed 's/^/# /'
	fi
done
n=$((n + 1))
core=$(make -s -p -n rubric 2>/dev/null | sed -n 's/^CORE_SRCS = //p' | head -1)
bad=""
for f in $core $(echo "$core" | sed 's/\.c/.h/g'); do
	[ -f "$f" ] && grep -l -E '#include <(n?curses|term)\.h>' "$f"
done >/tmp/rubric-core-curses.$$
if [ -s /tmp/rubric-core-curses.$$ ]; then
	echo "not ok $n - the core includes curses: $(cat /tmp/rubric-core-curses.$$)"
else
	echo "ok $n - no core file includes curses"
fi
rm -f /tmp/rubric-core-curses.$$
