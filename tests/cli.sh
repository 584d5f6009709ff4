#!/bin/sh
# The command line: options, exit statuses 0/1/2 and messages as "rubric: what: why".
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0

# expect DESCRIPTION STATUS STDOUT-PATTERN STDERR-PATTERN -- COMMAND...
expect() {
	what=$1 want=$2 outpat=$3 errpat=$4
	shift 5
	n=$((n + 1))
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "not ok $n - $what: exit $got, wanted $want"
		sed 's/^/# /' "$tmp/err"
	elif [ -n "$outpat" ] && ! grep -q -e "$outpat" "$tmp/out"; then
		echo "not ok $n - $what: stdout lacks '$outpat'"
		sed 's/^/# /' "$tmp/out"
	elif [ -n "$errpat" ] && ! grep -q -e "$errpat" "$tmp/err"; then
		echo "not ok $n - $what: stderr lacks '$errpat'"
		sed 's/^/# /' "$tmp/err"
	else
		echo "ok $n - $what"
	fi
}

expect "--help prints usage" 0 "^usage: rubric" "" -- ./rubric --help
expect "-h prints usage" 0 "^usage: rubric" "" -- ./rubric -h
expect "--version prints the version" 0 "^rubric [0-9]" "" -- ./rubric --version
expect "-V prints the version" 0 "^rubric [0-9]" "" -- ./rubric -V
expect "an unknown option exits 2 with usage" 2 "" "^usage: rubric" -- ./rubric --frobnicate
expect "an unknown short option exits 2" 2 "" "^usage: rubric" -- ./rubric -Z
expect "--config without a file exits 2" 2 "" "usage" -- ./rubric --config
expect "a missing path exits 1 naming it" 1 "" \
    "^rubric: $tmp/nope: No such file or directory$" -- ./rubric "$tmp/nope"
expect "a missing --config file exits 1 naming it" 1 "" \
    "^rubric: $tmp/none.ini: No such file or directory$" -- \
    ./rubric --config "$tmp/none.ini" tests/sample

printf '[rubric]\ntab_width = 99\n' >"$tmp/bad.ini"
expect "a bad setting names FILE:LINE" 1 "" "^rubric: $tmp/bad.ini:2: tab_width" -- \
    sh -c "./rubric --config $tmp/bad.ini tests/sample >/dev/null"

printf '[rubric]\nthis line is not ini\n' >"$tmp/syntax.ini"
expect "a file iniparser cannot read names its line" 1 "" \
    "^rubric: $tmp/syntax.ini:2: " -- ./rubric --config "$tmp/syntax.ini" tests/sample

{ printf '[chrome]\npattern.x = "'; head -c 1100 /dev/zero | tr '\0' a; printf '"\n'; } \
    >"$tmp/long.ini"
expect "a line too long for iniparser names its line" 1 "" \
    "^rubric: $tmp/long.ini:2: line is" -- ./rubric --config "$tmp/long.ini" tests/sample

printf '[chrome]\npattern.bad = "(unclosed"\n[nosuch]\nkey = 1\n' >"$tmp/warn.ini"
expect "a bad chrome pattern names FILE:LINE and offset" 1 "" \
    "^rubric: $tmp/warn.ini:2:25: chrome: pattern.bad: .* at offset 9" -- \
    sh -c "./rubric --config $tmp/warn.ini tests/sample </dev/null"
expect "an unknown section is a warning with its line" 1 "" \
    "^rubric: $tmp/warn.ini:3: warning: unknown section \[nosuch\]" -- \
    sh -c "./rubric --config $tmp/warn.ini tests/sample </dev/null"

expect "without a terminal the screen refuses to start" 1 "" \
    "needs a terminal" -- ./rubric tests/sample

# rubric check, show and stats.
export XDG_CACHE_HOME="$tmp/cache"
expect "check passes the shipped configuration and the sample's themes" 0 "^8 themes, " "" -- \
    ./rubric check --config tests/sample/.rubric-themes.ini
printf '[theme bad]\ncolor = red\npattern = "ok"\npattern.2 = "(?<x"\n' >"$tmp/badtheme.ini"
expect "check names a bad pattern with FILE:LINE and offset" 1 "" \
    "^rubric: $tmp/badtheme.ini:4:18: theme bad: pattern.2: .* at offset 4$" -- \
    ./rubric check --config "$tmp/badtheme.ini"
expect "check shows the pattern and a caret under the offset" 1 "" "^        ^$" -- \
    ./rubric check --config "$tmp/badtheme.ini"
printf '[theme a]\npattern = "x"\ncolor = purple\nfrobs = 2\n[theme b]\npattern = "(a+)+$"\n' \
    >"$tmp/many.ini"
expect "check lists every problem: a bad colour" 1 "" "many.ini:3: theme a: color" -- \
    ./rubric check --config "$tmp/many.ini"
expect "check lists every problem: an unknown key" 1 "" \
    "many.ini:4: warning: theme a: unknown key 'frobs'" -- ./rubric check --config "$tmp/many.ini"
printf '[theme hex]\npattern = "x"\ncolor = #ff8800\n' >"$tmp/hexcolour.ini"
expect "check says an unquoted # colour is a comment, at its line" 1 "" \
    "^rubric: $tmp/hexcolour.ini:3: theme hex: color: '#' starts a comment: quote the colour (color = \"#ff8800\")$" -- \
    ./rubric check --config "$tmp/hexcolour.ini"
printf '[view broken]\nquery = tag:a and )\n' >"$tmp/badview.ini"
expect "check names a bad view query with FILE:LINE:COL" 1 "" \
    "^rubric: $tmp/badview.ini:2:19: view broken: query: unexpected ')' at column 11$" -- \
    ./rubric check --config "$tmp/badview.ini"
expect "check with an unknown option exits 2" 2 "" "^usage: rubric check" -- ./rubric check -z
expect "a bad pattern is named on stderr before the screen starts" 1 "" \
    "badtheme.ini:4:18: theme bad: pattern.2" -- ./rubric --config "$tmp/badtheme.ini" tests/sample

printf 'Title: Test\n\nDeir ez-Zor and \033]0;PWNED\007 Daesh.\n' >"$tmp/art.txt"
expect "show --color=never prints the text with markers" 0 \
    "^Deir ez-Zor and ^\[\]0;PWNED^G Daesh\.$" "" -- ./rubric show --color=never "$tmp/art.txt"
expect "show --color=always colours theme matches" 0 \
    "$(printf '\033')\[0;1;33mDeir ez-Zor$(printf '\033')\[0m" "" -- \
    ./rubric show --config tests/sample/.rubric-themes.ini --color=always "$tmp/art.txt"
n=$((n + 1))
if ./rubric show --color=always "$tmp/art.txt" | tr -d '\n' |
    sed 's/\x1b\[[0-9;]*m//g' | grep -q "$(printf '[\001-\010\013-\037\177]')"; then
	echo "not ok $n - show --color=always writes no control byte but its own SGR"
else
	echo "ok $n - show --color=always writes no control byte but its own SGR"
fi
expect "show of a missing file exits 1 naming it" 1 "" "^rubric: $tmp/no.txt: No such" -- \
    ./rubric show "$tmp/no.txt"
expect "show with a bad --color exits 2" 2 "" "^usage: rubric show" -- \
    ./rubric show --color=sometimes "$tmp/art.txt"
expect "show when stdout is no terminal has no SGR" 0 "^Deir ez-Zor and" "" -- \
    ./rubric show "$tmp/art.txt"
expect "stats counts articles per theme" 0 "^deir-ez-zor  *10  *24 " "" -- ./rubric stats tests/sample
expect "stats writes its cache" 0 "" "" -- sh -c "ls $tmp/cache/rubric/scan-* >/dev/null"
expect "stats from the cache gives the same counts" 0 "^isis  *9  *17 " "" -- ./rubric stats tests/sample
expect "stats of a missing path exits 1" 1 "" "^rubric: $tmp/none: No such" -- ./rubric stats "$tmp/none"

# Tags in stats: a person's and a theme's tag of one name in one row, a rejected one
# in neither, and a theme whose autotag no article reaches not listed at all.
mkdir -p "$tmp/tagged"
printf 'alpha alpha beta\n' >"$tmp/tagged/a.txt"
printf 'alpha gamma\n' >"$tmp/tagged/b.txt"
printf 'alpha\n' >"$tmp/tagged/c.txt"
printf 'gamma beta gamma\n' >"$tmp/tagged/d.txt"
printf 'alpha\n' >"$tmp/tagged/e.txt"
printf '[theme alpha]\npattern = "\\balpha\\b"\nautotag = 1\n[theme beta]\npattern = "\\bbeta\\b"\nautotag = 5\n[theme gamma]\npattern = "\\bgamma\\b"\nautotag = 2\n' >"$tmp/tagged.ini"
printf '[article "a.txt"]\ntag "alpha" = person\ntag "zeta" = person\n\n[article "b.txt"]\ntag "alpha" = rejected\ntag "gamma" = theme\n\n[article "d.txt"]\ntag "zeta" = person\n' >"$tmp/tagged/.rubric.ini"
./rubric stats --config "$tmp/tagged.ini" "$tmp/tagged" >"$tmp/stats" 2>&1
sed -n '/^tag /,/^$/p' "$tmp/stats" >"$tmp/tags"
cat >"$tmp/tags.want" <<'WANT'
tag                    manual     auto  articles
alpha                       1        2  ##############################
gamma                       0        2  ####################
zeta                        2        0  ####################

WANT
n=$((n + 1))
if cmp -s "$tmp/tags" "$tmp/tags.want"; then
	echo "ok $n - stats counts a tag's person and theme articles in one row, no tag without one"
else
	echo "not ok $n - stats counts tags as it did"
	diff "$tmp/tags.want" "$tmp/tags" | sed 's/^/# /'
fi

# The corpus-local themes file, found as git finds its repository.
mkdir -p "$tmp/local/sub"
printf '[theme localtheme]\ncolor = green\npattern = "\\bzanzibar\\b"\n' >"$tmp/local/.rubric-themes.ini"
printf 'Zanzibar and zanzibar.\n' >"$tmp/local/sub/z.txt"
expect "stats reads the corpus-local themes file" 0 "^localtheme  *1  *2 " "" -- \
    ./rubric stats "$tmp/local"
expect "show finds it by walking up from the file" 0 \
    "$(printf '\033')\[0;1;32mZanzibar" "" -- ./rubric show --color=always "$tmp/local/sub/z.txt"
expect "check reads it from the current directory up" 0 "^1 theme," "" -- \
    sh -c "cd '$tmp/local/sub' && RUBRIC_DATADIR='$PWD/config' '$PWD/rubric' check"
expect "check says it read it" 0 "^config $tmp/local/.rubric-themes.ini: read$" "" -- \
    sh -c "cd '$tmp/local/sub' && RUBRIC_DATADIR='$PWD/config' '$PWD/rubric' check"
mkdir -p "$tmp/unreadcfg"
mkfifo "$tmp/unreadcfg/.rubric-themes.ini"
expect "check names a themes file it could not read so, not as read" 1 \
    "^config $tmp/unreadcfg/.rubric-themes.ini: not read$" "is a FIFO" -- \
    sh -c "cd '$tmp/unreadcfg' && RUBRIC_DATADIR='$PWD/config' '$PWD/rubric' check"
printf '[theme localtheme]\npattern = "(bad"\n' >"$tmp/local/.rubric-themes.ini"
expect "a bad pattern there is named with its file and line" 1 "" \
    "^rubric: $tmp/local/.rubric-themes.ini:2:16: theme localtheme: pattern: " -- \
    sh -c "cd '$tmp/local' && RUBRIC_DATADIR='$PWD/config' '$PWD/rubric' check"

# Declared commands: every command rubric --help lists answers --help, -h and
# rubric help NAME on stdout with status 0, and says its usage for a bad option.
./rubric --help | sed -n '/^Commands:$/,/^$/s/^  \([a-z-]*\)  .*/\1/p' >"$tmp/listed"
# The declarations (cmd_*.c), cmd.c's table and the man page's synopsis.
sed -n '/^const struct cmd_entry cmd_[a-z_]*_entry = {$/{n;s/^[^"]*"\([^"]*\)".*/\1/p;}' \
    src/cmd_*.c | sort >"$tmp/declared"
sed -n 's/^	&cmd_\([a-z_]*\)_entry,$/\1/p' src/cmd.c | tr _ - | sort >"$tmp/table"
expect "rubric --help lists commands" 0 "" "" -- test -s "$tmp/listed"
expect "rubric --help lists every command declared, and no other" 0 "" "" -- \
    sh -c "sort '$tmp/listed' | cmp -s - '$tmp/declared'"
expect "cmd.c's table holds every command declared" 0 "" "" -- \
    cmp -s "$tmp/table" "$tmp/declared"
for c in $(cat "$tmp/listed"); do
	expect "rubric $c --help prints its usage" 0 "^usage: rubric $c" "" -- \
	    ./rubric "$c" --help
	expect "rubric $c -h prints its usage" 0 "^usage: rubric $c" "" -- ./rubric "$c" -h
	expect "rubric help $c prints its usage" 0 "^usage: rubric $c" "" -- \
	    ./rubric help "$c"
	expect "rubric help $c lists its options" 0 "^  -h, --help  " "" -- \
	    ./rubric help "$c"
	expect "rubric $c with an unknown option exits 2 with its usage" 2 "" \
	    "^usage: rubric $c" -- ./rubric "$c" --no-such-option
	expect "and says which, quoted" 2 "" \
	    "^rubric: $c: unknown option '--no-such-option'$" -- \
	    ./rubric "$c" --no-such-option
	expect "rubric(1) has $c in its synopsis" 0 "" "" -- \
	    grep -qx "\.Cm $c" man/rubric.1
	# Usage and options wrap at 80 columns, an option beside its value.
	expect "rubric $c --help fits 80 columns" 0 "" "" -- \
	    sh -c "./rubric '$c' --help | awk 'length(\$0) > 80 { bad = 1 } END { exit bad }'"
done
expect "a long usage wraps under the first operand, -f beside its value" 0 \
    "^                     -f jsonl|csv|md|txt|dir|qdpx \\[-o OUT\\]" "" -- ./rubric export --help
./rubric --help >"$tmp/help"
expect "rubric help alone prints what rubric --help does" 0 "" "" -- \
    sh -c './rubric help | cmp -s - "$1"' sh "$tmp/help"
expect "rubric help of an unknown command exits 2" 2 "" \
    "^rubric: help: no command called 'nosuch'$" -- ./rubric help nosuch
expect "rubric -c FILE reads FILE, as --config does" 1 "" \
    "^rubric: $tmp/none.ini: No such file or directory$" -- \
    ./rubric -c "$tmp/none.ini" tests/sample
expect "list -q after the path is read, as getopt permutes" 0 "oil-smuggling" "" -- \
    ./rubric list tests/sample -q 'path:oil*'
mkdir -p "$tmp/h"
printf 'x\n' >"$tmp/h/a.txt"
expect "tag -h with files removes a tag h: -h is help only alone" 0 "" "" -- \
    sh -c "./rubric tag +h +k -- '$tmp/h/a.txt' && ./rubric tag -h -- '$tmp/h/a.txt' &&
    grep -q '^tag \"k\"' '$tmp/h/.rubric.ini' &&
    ! grep -q '^tag \"h\"' '$tmp/h/.rubric.ini'"

# What the shared option parser refuses for every command: a file option with an
# empty value (a sidecar "" had made a stray .journal in the current folder) or given
# twice (one of them dropped without a word).
mkdir -p "$tmp/e"
printf 'x\n' >"$tmp/e/a.txt"
expect "tag --sidecar= (empty) exits 2 and writes nothing" 2 "" \
    "^rubric: tag: option '--sidecar' needs a value$" -- \
    sh -c "cd '$tmp/e' && '$PWD/rubric' tag --sidecar= +x -- a.txt; rc=\$?;
    [ ! -e .journal ] && [ ! -e .rubric.ini ] && exit \$rc"
expect "list --config '' exits 2" 2 "" \
    "^rubric: list: option '--config' needs a value$" -- \
    ./rubric list --config '' tests/sample
expect "the screen's --sidecar= exits 2" 2 "" \
    "^rubric: option '--sidecar' needs a value$" -- ./rubric --sidecar= tests/sample
expect "merge-sidecar --resolve twice exits 2" 2 "" \
    "^rubric: merge-sidecar: option '--resolve' given more than once$" -- \
    ./rubric merge-sidecar --resolve "$tmp/e/x.ini" --resolve "$tmp/e/y.ini"
expect "export -o '' exits 2" 2 "" "^rubric: export: option '--output' needs a value$" \
    -- ./rubric export -f jsonl -o '' tests/sample

# Output that could not be written is an error for every command, said once.
for c in "check" "help" "help tag" "tags tests/sample" "list tests/sample" \
    "stats tests/sample" "-V" "--help" "tag --help"; do
	# A command's message has its name; the program's own (-V) none.
	case $c in -*) say= ;; *) say="${c%% *}: " ;; esac
	# shellcheck disable=SC2086 # the words of c are the command's
	expect "rubric $c to a full disk exits 1 saying so" 1 "" \
	    "^rubric: ${say}standard output: No space left on device$" -- \
	    sh -c "./rubric $c >/dev/full"
done
./rubric note "$tmp/e/a.txt" "a note" >/dev/null 2>&1
expect "rubric note FILE to a full disk exits 1 saying so" 1 "" \
    "^rubric: note: standard output: No space left on device$" -- \
    sh -c "./rubric note '$tmp/e/a.txt' >/dev/full"

# Every message of a command starts "rubric: COMMAND: ", whichever path ran the
# program; one about a place in a file keeps "rubric: FILE:LINE: " for editors.
expect "export -f x names the command and the option" 2 "" \
    "^rubric: export: --format: 'x' is not one of jsonl, csv, md, txt, dir, qdpx$" -- \
    ./rubric export -f x tests/sample
expect "export -f dir without -o says so as export" 2 "" \
    "^rubric: export: -f dir needs -o FOLDER$" -- ./rubric export -f dir tests/sample
expect "tag with no article to change says so as tag" 0 "" \
    "^rubric: tag: no article to change$" -- \
    ./rubric tag --sidecar "$tmp/e/s.ini" -q 'path:nosuch*' +x -- "$tmp/e"
expect "list with a bad query says so as list, with the column" 2 "" \
    "^rubric: list: query: unexpected ')' at column 1$" -- \
    ./rubric list -q ')' tests/sample
printf '[rubric]\ntab_width = many\n' >"$tmp/e/line.ini"
expect "a command's FILE:LINE message has no command name" 0 "" \
    "^rubric: $tmp/e/line.ini:2: tab_width" -- \
    ./rubric list --config "$tmp/e/line.ini" tests/sample
expect "a command's message about a file names the file, not the command" 1 "" \
    "^rubric: $tmp/e/none.txt: No such file or directory$" -- \
    ./rubric show "$tmp/e/none.txt"
for c in "list --frob tests/sample" "list -Z tests/sample" "export -f" \
    "tag --frob +x -- x" "--frob" "list -q" "show"; do
	# shellcheck disable=SC2086 # the words of c are the command's
	expect "rubric $c: no message names the program's path" 2 "" "" -- \
	    sh -c "'$PWD/rubric' $c 2>&1 >/dev/null | grep -v '^usage:\|^      ' |
	    { ! grep -F '$PWD/rubric'; } && exit 2"
done
# A usage error says why before the usage.
expect "show without a file says an argument is missing" 2 "" \
    "^rubric: show: an argument is missing$" -- ./rubric show
expect "note with too many says so" 2 "" \
    "^rubric: note: too many arguments$" -- ./rubric note a b c
expect "show with a bad --color says what it takes" 2 "" \
    "^rubric: show: --color: 'sometimes' is not auto, always or never$" -- \
    ./rubric show --color=sometimes "$tmp/art.txt"
expect "tag with a word that is no change names it" 2 "" \
    "^rubric: tag: 'x' is no +TAG or -TAG" -- ./rubric tag x -- "$tmp/art.txt"
expect "tag without files says so" 2 "" "^rubric: tag: no FILE given" -- ./rubric tag +x
expect "tag without a change says so" 2 "" "^rubric: tag: no +TAG or -TAG given" -- \
    ./rubric tag -- "$tmp/art.txt"
expect "export without -f says it is needed" 2 "" "^rubric: export: -f FORMAT is needed" -- \
    ./rubric export tests/sample
expect "list with a bad --format says what it takes" 2 "" \
    "^rubric: list: --format: 'csv' is not tsv or jsonl$" -- ./rubric list --format csv
expect "merge-sidecar with one file says what it needs" 2 "" \
    "^rubric: merge-sidecar: BASE, OURS and THEIRS are needed$" -- ./rubric merge-sidecar a
expect "the screen's unknown option has no command name" 2 "" \
    "^rubric: unknown option '--frob'$" -- ./rubric --frob tests/sample

# Without a terminal the configuration's problems are said once, then why the
# screen cannot start.
printf '[rubric]\ntab_width = many\n' >"$tmp/e/bad.ini"
./rubric --config "$tmp/e/bad.ini" "$tmp/e" >/dev/null 2>"$tmp/e/err" </dev/null
expect "a config problem is said once when the screen cannot start" 0 "" "" -- \
    sh -c "[ \$(grep -c 'tab_width' '$tmp/e/err') -eq 1 ] &&
    grep -q 'the screen needs a terminal' '$tmp/e/err'"
