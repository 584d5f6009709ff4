#!/bin/sh
# Expected-output tests of the layout: tests/bin/dump lays an article out with the code the
# screen uses, and the rows must match tests/layout/NAME.out. With -u, writes the .out
# files instead (read every changed one before committing it).
set -u
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-layout.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sh tests/mkhostile.sh "$tmp/hostile" >/dev/null
update=0
[ "${1:-}" = -u ] && update=1
n=0
grep -v '^#' tests/layout/cases | while read -r name width src; do
	case $src in
	hostile/*) path=$tmp/$src ;;
	*) path=tests/$src ;;
	esac
	n=$((n + 1))
	tests/bin/dump -c config/config.ini -w "$width" "$path" >"$tmp/out" 2>&1
	if [ "$update" = 1 ]; then
		cp "$tmp/out" "tests/layout/$name.out"
		echo "ok $n - $name written"
	elif cmp -s "$tmp/out" "tests/layout/$name.out"; then
		echo "ok $n - $name: $src at $width columns"
	else
		echo "not ok $n - $name: $src at $width columns"
		diff -u "tests/layout/$name.out" "$tmp/out" | head -20 | sed 's/^/# /'
	fi
done
