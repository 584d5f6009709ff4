#!/bin/sh
# Hostile input that is not article text: a corpus that brings its own themes file and
# sidecar, file names, tag names, queries and paths given on the command line, each
# carrying escape sequences. Every command runs on a pty, with stdout and stderr both
# going to the terminal as a person would see them, and what reaches the terminal must
# hold no sequence that terminfo's entry does not have (tests/termcheck.py). Then the
# screen on such a corpus in tmux: its title and paste buffers stay as they were.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
export LC_ALL=C.UTF-8 RUBRIC_DATADIR="$top/config" TERM=xterm-256color
unset NO_COLOR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-hostile.XXXXXX") || exit 1
T="tmux -L rubric-hostile-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/err"; }

# The payloads, as printf formats: a title, the clipboard, a hyperlink, a CSI, a DCS,
# C1 as UTF-8 and raw, a bidi override, a carriage return that would hide what went
# before, and a tab and a line end, which must not break a message's line.
payloads='\033]0;PWNED\007
\033]52;c;SGVsbG8=\033\\
\033]8;;http:x\033\\
\033[2J\033[31m
\033P+q544e\033\\
\302\233
\233
\342\200\256
\r
\t\n'

# mk DIR PAYLOAD: a corpus in DIR/c whose themes file, sidecar, file names, tags and
# notes carry the payload; DIR/c2 has a sidecar that does not parse, at a line that
# carries it.
mk() {
	d=$1 p=$2
	mkdir -p "$d/c/sub" "$d/c2"
	printf 'Title %s\n\nText about Deir ez-Zor and %s again.\n' "$p" "$p" >"$d/c/a.txt"
	printf 'Second %s\n\nMore text about Raqqa.\n' "$p" >"$d/c/n${p}x.txt"
	printf 'Gone\n\nSoon gone.\n' >"$d/c/g${p}x.txt"
	cp "$d/c/a.txt" "$d/c2/a.txt"
	cat >"$d/c/.rubric-themes.ini" <<-EOF
	[rubric]
	bogus$p = 1
	[chrome]
	bad$p = "(x$p"
	[theme t$p]
	pattern = "Deir"
	pattern.bad = "(Deir$p"
	color = "red$p"
	words = "maybe$p"
	unknown$p = 1
	[odd$p]
	k = v
	[view v$p]
	query = "tag:x and ($p"
	[view w]
	query = "title:\\"$p\\""
	EOF
	: >"$d/c/.rubric.ini"
	: >"$d/c2/.rubric.ini"
	./rubric tag +seen -- "$d/c/a.txt" "$d/c/n${p}x.txt" "$d/c/g${p}x.txt" \
	    >/dev/null 2>&1
	./rubric note "$d/c/n${p}x.txt" "a note with $p in it" >/dev/null 2>&1
	rm -f "$d/c/g${p}x.txt"
	printf '[article a.txt]\npath = "a.txt"\nbogus%s = 1\n[article b%s]\ntag.x = person\n' \
	    "$p" "$p" >"$d/c2/.rubric.ini"
}

# The commands, one a line, run from the top with $d and $p set: each by itself on a
# pty. A line is a shell command, so that names with a payload are quoted once.
commands='./rubric list "$d/c"
./rubric list --format jsonl "$d/c"
./rubric list --gone "$d/c"
./rubric list --gone --format jsonl "$d/c"
./rubric list -q "$p" "$d/c"
./rubric list -q "/(x$p/" "$d/c"
./rubric list -q "tag:$p" "$d/c"
./rubric tags "$d/c"
./rubric stats "$d/c"
./rubric check --config "$d/c/.rubric-themes.ini"
./rubric show "$d/c/n${p}x.txt"
./rubric show --color=never "$d/c/n${p}x.txt"
./rubric show --color=always "$d/c/n${p}x.txt"
./rubric show "$d/c/missing${p}.txt"
./rubric note "$d/c/n${p}x.txt"
./rubric note "$d/c/missing${p}.txt"
./rubric tag +x -- "$d/c/n${p}x.txt"
./rubric tag "+bad$p" -- "$d/c/a.txt"
./rubric tag -q "/(x$p/" +x -- "$d/c"
./rubric tag +x -- "$d/c/missing${p}.txt"
./rubric export -f jsonl --body "$d/c"
./rubric export -f csv "$d/c"
./rubric export -f md "$d/c"
./rubric export -f txt "$d/c"
./rubric export -f jsonl -o "$d/none${p}/out.jsonl" "$d/c"
./rubric export -f "x$p" "$d/c"
./rubric list --config "$d/none${p}.ini" "$d/c"
./rubric list --sidecar "$d/none${p}/s.ini" "$d/c"
./rubric list "$d/c/missing${p}"
./rubric tags "$d/c2"
./rubric list "$d/c2"
./rubric tag +x -- "$d/c2/a.txt"
./rubric --config "$d/none${p}.ini" "$d/c"
./rubric "$d/c/missing${p}"
./rubric show "--x${p}.txt"
./rubric "--x${p}"
./rubric "-${p}"
./rubric list "--x${p}" "$d/c"
./rubric tags "--y${p}"
./rubric tag "--z${p}" +x -- "$d/c/a.txt"
./rubric export -f jsonl "--w${p}"'

i=0
printf '%s\n' "$payloads" >"$tmp/payloads"
while IFS= read -r fmt; do
	i=$((i + 1))
	p=$(printf "${fmt}x")
	p=${p%x}
	mk "$tmp/p$i" "$p"
done <"$tmp/payloads"
npay=$i

printf '%s\n' "$commands" >"$tmp/commands"
while IFS= read -r cmd; do
	rm -f "$tmp/raw"
	i=0
	while IFS= read -r fmt; do
		i=$((i + 1))
		p=$(printf "${fmt}x")
		p=${p%x}
		d="$tmp/p$i"
		# The command on a pty, its stdout and stderr on the terminal.
		P=$p D=$d C=$cmd tests/bin/ptybytes -x 100 -y 30 -q 50 -w 10000 \
		    -o "$tmp/raw" -k "wait:1,q" -- \
		    sh -c 'p=$P d=$D; eval "$C"; echo "[exit $?]"' \
		    >/dev/null 2>&1 </dev/null
	done <"$tmp/payloads"
	# A crash says nothing hostile, but it is no answer either.
	if grep -a -E '\[exit (1[2-9][0-9]|2[0-9][0-9])\]' "$tmp/raw" >"$tmp/err"; then
		notok "$cmd, $npay payloads: no crash"
	elif python3 tests/termcheck.py xterm-256color "$tmp/raw" >"$tmp/err" 2>&1; then
		ok "$cmd, $npay payloads: only terminfo's sequences"
	else
		notok "$cmd, $npay payloads: only terminfo's sequences"
	fi
done <"$tmp/commands"

# The fuzzers' seeds (tests/fuzz/corpus), each with a line of escapes put in, as the
# corpus's themes file, as its sidecar and as a query.
esc=$(printf 'k\033]0;PWNED\007\302\233\342\200\256 = "\033]52;c;eA==\007"')
sweep() {
	kind=$1
	shift
	rm -f "$tmp/raw"
	k=0
	for seed in tests/fuzz/corpus/$kind/*; do
		# RUBRIC_TEST_SHORT (make check-sanitize): every fourth seed; the
		# fuzzers run them all under the sanitizers, and make check here.
		k=$((k + 1))
		[ -n "${RUBRIC_TEST_SHORT-}" ] && [ $((k % 4)) -ne 1 ] && continue
		d="$tmp/seed"
		rm -rf "$d"
		mkdir -p "$d"
		printf 'Title\n\nDeir ez-Zor.\n' >"$d/a.txt"
		: >"$d/.rubric.ini"
		case $kind in
		config)	{ cat "$seed"; printf '\n%s\n' "$esc"; } >"$d/.rubric-themes.ini" ;;
		sidecar) { cat "$seed"; printf '\n%s\n' "$esc"; } >"$d/.rubric.ini" ;;
		esac
		for cmd in "$@"; do
			S=$seed D=$d C=$cmd tests/bin/ptybytes -x 100 -y 30 -q 50 -w 10000 \
			    -o "$tmp/raw" -k "wait:1,q" -- \
			    sh -c 'd=$D q=$(cat "$S"; printf "\\033]0;PWNED\\007"); eval "$C"
			    echo "[exit $?]"' >/dev/null 2>&1 </dev/null
		done
	done
	if grep -a -E '\[exit (1[2-9][0-9]|2[0-9][0-9])\]' "$tmp/raw" >"$tmp/err"; then
		notok "the $kind seeds: no crash"
	elif python3 tests/termcheck.py xterm-256color "$tmp/raw" >"$tmp/err" 2>&1; then
		ok "the $kind seeds: only terminfo's sequences"
	else
		notok "the $kind seeds: only terminfo's sequences"
	fi
}
sweep config './rubric list "$d"' './rubric check --config "$d/.rubric-themes.ini"' \
    './rubric stats "$d"' './rubric "$d"'
sweep sidecar './rubric tags "$d"' './rubric list "$d"' './rubric note "$d/a.txt"' \
    './rubric tag +x -- "$d/a.txt"' './rubric "$d"'
sweep query './rubric list -q "$q" "$d"' './rubric tag -q "$q" +x -- "$d"'

# The messages keep to one line each: a line end in a name is ^J, a tab ^I.
d="$tmp/p$npay"
p=$(printf '\t\nx')
p=${p%x}
./rubric show "$d/c/missing${p}.txt" 2>"$tmp/err" >/dev/null
if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q 'missing^I^J.txt' "$tmp/err"; then
	ok "a tab and a line end in a name are ^I and ^J in its message"
else
	notok "a tab and a line end in a name are ^I and ^J in its message"
fi
# And a note goes out exactly as it is to a pipe, with markers on a terminal.
./rubric note "$d/c/n${p}x.txt" >"$tmp/note" 2>"$tmp/err"
if printf 'a note with %s in it' "$p" | cmp -s - "$tmp/note"; then
	ok "rubric note to a pipe is the note exactly"
else
	notok "rubric note to a pipe is the note exactly"
fi
d="$tmp/p1"
rm -f "$tmp/raw"
D=$d tests/bin/ptybytes -q 50 -o "$tmp/raw" -k "wait:1" -- \
    sh -c './rubric note "$D"/c/n*x.txt' >/dev/null 2>&1 </dev/null
if grep -q 'a note with ^\[\]0;PWNED^G in it' "$tmp/raw" 2>"$tmp/err"; then
	ok "rubric note on a terminal shows the note's escape as markers"
else
	od -c "$tmp/raw" | head -5 >"$tmp/err"
	notok "rubric note on a terminal shows the note's escape as markers"
fi

# The screen in tmux on a corpus whose themes file sets the title and the clipboard
# if it can: neither may change, after the start or after quitting, when the screen
# prints the configuration's messages again. The file loads, with its problems said:
# a section name holding ']' would stop it before the screen.
d="$tmp/screen"
mkdir -p "$d/c"
printf 'Title\n\nText about Deir ez-Zor.\n' >"$d/c/a.txt"
printf '[theme t]\npattern = "Deir"\ncolor = "red\033]0;PWNED\007\033]52;c;SGVsbG8=\007"\nodd\033]2;K\007 = 1\n[view v]\nquery = "tag:x and \033]0;Q\007("\n[odd\033P+q\033\\]\n' \
    >"$d/c/.rubric-themes.ini"
$T start-server \; set-option -g default-terminal tmux-256color \; \
    set-option -g set-clipboard on \; set-option -g allow-rename on \; \
    new-session -d -x 100 -y 30 -e LC_ALL=C.UTF-8 -e RUBRIC_DATADIR="$top/config" \
    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache" \
    "printf '\\033]2;clean\\033\\\\'; $top/rubric $d/c; echo \"[exit \$?]\"; exec sleep 3600"
sleep 1
title() { $T display-message -p '#{pane_title}'; }
buffers() { $T list-buffers -F '#{buffer_name}' 2>/dev/null | wc -l; }
i=0
while [ $i -lt 150 ] && ! $T capture-pane -p | grep -q 'All articles'; do
	sleep 0.1
	i=$((i + 1))
done
if $T capture-pane -p | grep -q 'All articles' && [ "$(title)" = clean ] &&
    [ "$(buffers)" -eq 0 ]; then
	ok "the screen on a hostile themes file: title and paste buffers untouched"
else
	{ title; $T list-buffers; $T capture-pane -p; } >"$tmp/err" 2>&1
	notok "the screen on a hostile themes file: title and paste buffers untouched"
fi
$T send-keys q
i=0
while [ $i -lt 150 ] && ! $T capture-pane -p | grep -q '\[exit'; do
	sleep 0.1
	i=$((i + 1))
done
if $T capture-pane -p | grep -q 'exit 0' && [ "$(title)" = clean ] &&
    [ "$(buffers)" -eq 0 ] && $T capture-pane -p -J | grep -q 'color: .red^\[\]0;PWNED^G'; then
	ok "and after quitting, with the messages said again as markers"
else
	{ title; $T list-buffers; $T capture-pane -p; } >"$tmp/err" 2>&1
	notok "and after quitting, with the messages said again as markers"
fi
echo "1..$n"
