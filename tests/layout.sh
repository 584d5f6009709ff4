#!/bin/sh
# Expected-output tests of the layout: tests/bin/dump lays an article out with the code the
# screen uses, and the rows must match tests/layout/NAME.out; `rubric show --color=always`
# must match tests/show/NAME.out. With -u, writes the .out files instead (read every
# changed one before committing it).
set -u
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-layout.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
sh tests/mkhostile.sh "$tmp/hostile" >/dev/null
update=0
[ "${1:-}" = -u ] && update=1
n=0
export RUBRIC_DATADIR=config XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
{ grep -v '^#' tests/layout/cases; grep -v '^#' tests/show/cases | sed 's/^/show:/'; } |
while read -r name width src; do
	case $src in
	hostile/*) path=$tmp/$src ;;
	*) path=tests/$src ;;
	esac
	n=$((n + 1))
	case $name in
	show:*)
		name=${name#show:}
		dir=show
		./rubric show --color=always "$path" >"$tmp/out" 2>&1
		;;
	*)
		dir=layout
		tests/bin/dump -c config/config.ini -w "$width" "$path" >"$tmp/out" 2>&1
		;;
	esac
	if [ "$update" = 1 ]; then
		cp "$tmp/out" "tests/$dir/$name.out"
		echo "ok $n - $name written"
	elif cmp -s "$tmp/out" "tests/$dir/$name.out"; then
		echo "ok $n - $dir $name: $src"
	else
		echo "not ok $n - $dir $name: $src"
		diff -u "tests/$dir/$name.out" "$tmp/out" | head -20 | cat -v | sed 's/^/# /'
	fi
done
