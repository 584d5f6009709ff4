#!/bin/sh
# run.sh SECONDS TARGET... -- runs each libFuzzer harness tests/fuzz/bin/fuzz_TARGET
# for SECONDS on a scratch copy of its seed corpus (the seeds in the tree stay as
# they are), with its dictionary. Any crash, leak, timeout or broken invariant
# fails; the input that found it is kept in the scratch directory, which is named.
set -u
cd "$(dirname "$0")/../.." || exit 1
secs=$1
shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-fuzz.XXXXXX") || exit 1
rc=0
for t in "$@"; do
	case $t in
	article|theme) max=65536 ;;
	*) max=16384 ;;
	esac
	mkdir -p "$tmp/$t/corpus" "$tmp/$t/found"
	cp tests/fuzz/corpus/"$t"/* "$tmp/$t/corpus/"
	if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    tests/fuzz/bin/fuzz_"$t" -max_total_time="$secs" -max_len="$max" \
	    -timeout=20 -dict=tests/fuzz/"$t".dict -print_final_stats=1 \
	    -artifact_prefix="$tmp/$t/found/" "$tmp/$t/corpus" >"$tmp/$t/log" 2>&1; then
		# The last status line: executions, coverage (cov) and features (ft).
		echo "ok fuzz_$t: $(grep -a '^#[0-9]' "$tmp/$t/log" | tail -n 1)"
	else
		rc=1
		echo "not ok fuzz_$t: see $tmp/$t/log and $tmp/$t/found/"
		grep -a -A 12 '^==[0-9]*==ERROR\|invariant failed\|runtime error' \
		    "$tmp/$t/log" | head -n 30
	fi
done
if [ "$rc" -eq 0 ]; then
	rm -rf "$tmp"
fi
exit "$rc"
