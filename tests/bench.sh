#!/bin/sh
# make bench: what rubric costs over SSH and on big articles. Bytes per key are counted
# on a pty by tests/bin/ptybytes (the bytes rubric writes in reply to each key, until it
# is quiet); layout times come from tests/bin/bench_layout.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sh tests/mkhostile.sh "$tmp/hostile" >/dev/null
for i in 1 2 3; do find tests/sample -type f | sort | xargs cat; done >"$tmp/long.txt"
export LC_ALL=C.UTF-8 ESCDELAY=25 RUBRIC_DATADIR="$top/config" XDG_CONFIG_HOME="$tmp/xdg"
unset NO_COLOR

# keys COLS ROWS KEYS PATH...: the per-key byte counts, one "key<TAB>bytes" a line.
keys() {
	cols=$1 rows=$2 k=$3
	shift 3
	tests/bin/ptybytes -x "$cols" -y "$rows" -q 150 -k "$k" -- "$top/rubric" "$@"
}
# summary LABEL: mean and max of the byte counts read from stdin.
summary() {
	awk -v label="$1" -F '\t' 'NF == 2 { n++; s += $2; if ($2 > m) m = $2 }
	    END { if (n) printf "  %-46s %5d presses  mean %6.0f  max %6d bytes\n",
	    label, n, s / n, m }'
}

echo "Bytes per key (TERM=xterm-256color; less -R sends about 90 to scroll a line)"
for size in 80x24 120x40; do
	c=${size%x*} r=${size#*x}
	echo " at $size:"
	export TERM=xterm-256color
	# Reading mode on a long article of real prose, so that every key moves
	# and no two pages are alike.
	big=$tmp/long.txt
	keys "$c" "$r" "enter,repeat:40:j,q" "$big" | grep '^j' |
	    summary "reading mode, j (one line down)"
	keys "$c" "$r" "enter,repeat:40:j,repeat:40:k,q" "$big" | grep '^k' |
	    summary "reading mode, k (one line up)"
	keys "$c" "$r" "enter,repeat:10:space,q" "$big" | grep '^space' |
	    summary "reading mode, Space (a page down)"
	keys "$c" "$r" "enter,repeat:10:space,repeat:10:b,q" "$big" | grep '^b' |
	    summary "reading mode, b (a page up)"
	keys "$c" "$r" "enter,G,g,q" "$big" | grep -E '^(G|g)' |
	    summary "reading mode, G and g"
	keys "$c" "$r" "repeat:11:j" tests/sample | grep '^j' |
	    summary "three panes, j in the list (new article)"
	keys "$c" "$r" "tab,repeat:30:j" tests/sample | grep '^j' |
	    summary "three panes, j in the body"
	keys "$c" "$r" "tab,tab,tab" tests/sample | grep '^tab' |
	    summary "three panes, Tab (focus moves)"
	keys "$c" "$r" "enter,repeat:30:j" "$tmp/hostile/long-line.txt" | grep '^j' |
	    summary "reading mode, j in a 1 MiB line"
done
for term in screen-256color vt100; do
	export TERM=$term
	keys 80 24 "enter,repeat:40:j,q" "$tmp/long.txt" | grep '^j' |
	    summary "TERM=$term at 80x24, reading mode, j"
done

echo
echo "Layout from byte offsets (78x22 viewport, 1000 single-line scrolls each way)"
for f in big.txt long-line.txt cjk.txt rtl.txt; do
	tests/bin/bench_layout "$tmp/hostile/$f" | sed 's/^/  /'
done
