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
# fuzz_one TARGET: one harness, its result printed as one line (and the error, if it
# found one) when it ends.
fuzz_one() {
	t=$1
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
		echo "not ok fuzz_$t: see $tmp/$t/log and $tmp/$t/found/"
		grep -a -A 12 '^==[0-9]*==ERROR\|invariant failed\|runtime error' \
		    "$tmp/$t/log" | head -n 30
	fi >"$tmp/$t/result"
}

# As many harnesses at a time as there are processors: each is one busy thread.
jobs=$(nproc 2>/dev/null || echo 1)
running=0
for t in "$@"; do
	fuzz_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
rc=0
for t in "$@"; do
	cat "$tmp/$t/result"
	grep -q '^ok' "$tmp/$t/result" || rc=1
done
if [ "$rc" -eq 0 ]; then
	rm -rf "$tmp"
fi
exit "$rc"
