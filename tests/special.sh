#!/bin/sh
# Special files where rubric reads its configuration or sidecar (a FIFO, links to
# /dev/zero and /dev/urandom, a directory, a file over the limit): every command refuses
# at once, names the file and what is wrong, exits 1 and leaves the file as it was.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-special.XXXXXX") || exit 1
sessions=0
T="tmux -L rubric-special-$$-0 -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
export RUBRIC_DATADIR="$top/config" XDG_CONFIG_HOME="$tmp/xdg/config" \
    XDG_CACHE_HOME="$tmp/xdg/cache" XDG_DATA_HOME="$tmp/xdg/data"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME"
# A runaway read shows as a failed allocation, not as a machine out of memory. Under
# the sanitizers (whose shadow memory is terabytes of address space) the RSS limit
# does it instead.
if [ -n "${ASAN_OPTIONS:-}" ]; then
	ASAN_OPTIONS="$ASAN_OPTIONS:hard_rss_limit_mb=2048"
	memlimit=":"
else
	memlimit="ulimit -v 2097152"
fi
n=0
c="$tmp/c"

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	sed 's/^/# /' "$tmp/err"
}

# fresh: the corpus, one article and an empty sidecar, nothing special yet.
fresh() {
	rm -rf "$c" "$tmp/arg" "$XDG_CONFIG_HOME/rubric"
	mkdir -p "$c"
	printf 'The siege was lifted.\n' >"$c/a.txt"
	: >"$c/.rubric.ini"
}

# make KIND PATH: puts a special file of that kind at PATH.
make_special() {
	rm -rf "$2"
	mkdir -p "$(dirname "$2")"
	case $1 in
	fifo)		mkfifo "$2" ;;
	zero)		ln -s /dev/zero "$2" ;;
	urandom)	ln -s /dev/urandom "$2" ;;
	dir)		mkdir "$2" ;;
	bigconfig)	truncate -s 1048577 "$2" ;;
	bigsidecar)	truncate -s 268435457 "$2" ;;
	esac
}

# reason KIND: what the message must say about it.
reason() {
	case $1 in
	fifo)		echo "is a FIFO, not a regular file" ;;
	zero|urandom)	echo "is a character device, not a regular file" ;;
	dir)		echo "is a directory, not a regular file" ;;
	bigconfig)	echo "1048577 bytes, over the limit of 1 MiB" ;;
	bigsidecar)	echo "268435457 bytes, over the limit of 256 MiB" ;;
	esac
}

# intact KIND PATH: the special file is still what it was.
intact() {
	case $1 in
	fifo)		[ -p "$2" ] ;;
	zero)		[ -L "$2" ] && [ "$(readlink "$2")" = /dev/zero ] ;;
	urandom)	[ -L "$2" ] && [ "$(readlink "$2")" = /dev/urandom ] ;;
	dir)		[ -d "$2" ] && [ -z "$(ls -A "$2")" ] ;;
	bigconfig)	[ -f "$2" ] && [ "$(stat -c %s "$2")" = 1048577 ] &&
			    [ "$(stat -c %b "$2")" = 0 ] ;;
	bigsidecar)	[ -f "$2" ] && [ "$(stat -c %s "$2")" = 268435457 ] &&
			    [ "$(stat -c %b "$2")" = 0 ] ;;
	esac
}

# refused KIND PATH DESCRIPTION DIR -- ARGS...: rubric ARGS, run in DIR, ends within
# 60 s with status 1 and "rubric: PATH: reason", and the file stays as it was.
refused() {
	kind=$1 path=$2 what=$3 dir=$4
	shift 5
	(cd "$dir" && eval "$memlimit" && exec timeout 60 "$top/rubric" "$@") \
	    </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 1 ]; then
		notok "$what: exit $rc, wanted 1"
	elif ! grep -q -F -e "rubric: $path: $(reason "$kind")" "$tmp/err"; then
		notok "$what: no 'rubric: $path: $(reason "$kind")'"
	elif ! intact "$kind" "$path"; then
		notok "$what: the file was changed"
	else
		ok "$what"
	fi
}

# The configuration: the corpus's themes file, the user's file and --config, for every
# command that reads it.
for kind in fifo zero urandom dir bigconfig; do
	for where in themes user arg; do
		fresh
		case $where in
		themes)	f="$c/.rubric-themes.ini"; cfg="" ;;
		user)	f="$XDG_CONFIG_HOME/rubric/config.ini"; cfg="" ;;
		arg)	f="$tmp/arg/config.ini"; cfg="--config $f" ;;
		esac
		make_special "$kind" "$f"
		# shellcheck disable=SC2086 # $cfg is an option and its file, or nothing
		{
		refused "$kind" "$f" "$kind as $where config: list" "$c" -- list $cfg "$c"
		refused "$kind" "$f" "$kind as $where config: tag -q" "$c" -- \
		    tag $cfg -q siege +t -- "$c"
		refused "$kind" "$f" "$kind as $where config: tags" "$c" -- tags $cfg "$c"
		refused "$kind" "$f" "$kind as $where config: stats" "$c" -- stats $cfg "$c"
		refused "$kind" "$f" "$kind as $where config: show" "$c" -- \
		    show $cfg "$c/a.txt"
		refused "$kind" "$f" "$kind as $where config: check" "$c" -- check $cfg
		refused "$kind" "$f" "$kind as $where config: export" "$c" -- \
		    export $cfg -f jsonl "$c"
		}
		if [ "$(cat "$c/.rubric.ini")" = "" ]; then
			ok "$kind as $where config: the sidecar was not written"
		else
			notok "$kind as $where config: the sidecar was not written"
		fi
	done
done

# The sidecar: the corpus's .rubric.ini and --sidecar, for every command that reads or
# writes it.
for kind in fifo zero urandom dir bigsidecar; do
	for where in corpus arg; do
		fresh
		case $where in
		corpus)	f="$c/.rubric.ini"; side="" ;;
		arg)	f="$c/side.ini"; side="--sidecar $f" ;;
		esac
		make_special "$kind" "$f"
		# shellcheck disable=SC2086 # $side is an option and its file, or nothing
		{
		refused "$kind" "$f" "$kind as $where sidecar: list" "$c" -- list $side "$c"
		refused "$kind" "$f" "$kind as $where sidecar: tag" "$c" -- \
		    tag $side +t -- "$c/a.txt"
		refused "$kind" "$f" "$kind as $where sidecar: tag -q" "$c" -- \
		    tag $side -q siege +t -- "$c"
		refused "$kind" "$f" "$kind as $where sidecar: note" "$c" -- \
		    note $side "$c/a.txt"
		refused "$kind" "$f" "$kind as $where sidecar: note TEXT" "$c" -- \
		    note $side "$c/a.txt" "a note"
		refused "$kind" "$f" "$kind as $where sidecar: tags" "$c" -- tags $side "$c"
		refused "$kind" "$f" "$kind as $where sidecar: stats" "$c" -- \
		    stats $side "$c"
		refused "$kind" "$f" "$kind as $where sidecar: export" "$c" -- \
		    export $side -f jsonl "$c"
		}
	done
done

# The lock: opening a FIFO there must not wait for a writer.
for kind in fifo zero dir; do
	fresh
	make_special "$kind" "$c/.rubric.ini.lock"
	refused "$kind" "$c/.rubric.ini.lock" "$kind as the lock: tag" "$c" -- \
	    tag +t -- "$c/a.txt"
	refused "$kind" "$c/.rubric.ini.lock" "$kind as the lock: note TEXT" "$c" -- \
	    note "$c/a.txt" "a note"
	if [ ! -s "$c/.rubric.ini" ]; then
		ok "$kind as the lock: the sidecar was not written"
	else
		notok "$kind as the lock: the sidecar was not written"
	fi
done

# A FIFO or a link to /dev/zero given to tag or note as the article: an answer at once
# (its fingerprint is not read), never a wait.
for kind in fifo zero; do
	fresh
	make_special "$kind" "$c/special.txt"
	for cmd in tag note; do
		case $cmd in
		tag)	set -- tag +t -- "$c/special.txt" ;;
		note)	set -- note "$c/special.txt" "a note" ;;
		esac
		(eval "$memlimit" && exec timeout 60 "$top/rubric" "$@") </dev/null \
		    >/dev/null 2>"$tmp/err"
		rc=$?
		if [ "$rc" -le 1 ] && intact "$kind" "$c/special.txt"; then
			ok "$kind as the article of $cmd: an answer at once"
		else
			notok "$kind as the article of $cmd: an answer at once (exit $rc)"
		fi
	done
done

# A symbolic link to a regular sidecar is read through, and a save replaces the link
# with the new file: the file it pointed at is never written.
fresh
mkdir -p "$tmp/elsewhere"
printf '[article a.txt]\ntag.old = person\n' >"$tmp/elsewhere/side.ini"
rm "$c/.rubric.ini"
ln -s "$tmp/elsewhere/side.ini" "$c/.rubric.ini"
if "$top/rubric" tag +new -- "$c/a.txt" 2>"$tmp/err" && [ -f "$c/.rubric.ini" ] &&
    [ ! -L "$c/.rubric.ini" ] && grep -q '^tag "old" = person' "$c/.rubric.ini" &&
    grep -q '^tag "new" = person' "$c/.rubric.ini" &&
    ! grep -q new "$tmp/elsewhere/side.ini"; then
	ok "a linked sidecar is read through and the link replaced on save"
else
	notok "a linked sidecar is read through and the link replaced on save"
fi

# A file just under the limits is read.
fresh
{ printf '[rubric]\n'; i=0; while [ $i -lt 1049 ]; do
	printf '; %0997d\n' 0; i=$((i + 1)); done; } >"$c/.rubric-themes.ini"
truncate -s 1048575 "$c/.rubric-themes.ini"
printf '\n' >>"$c/.rubric-themes.ini"
if "$top/rubric" list "$c" >"$tmp/out" 2>"$tmp/err" && grep -q a.txt "$tmp/out"; then
	ok "a configuration file of exactly 1 MiB is read"
else
	notok "a configuration file of exactly 1 MiB is read"
fi

# Section names iniparser reads apart from what they say: an error at the line, or
# they work; never a crash.
# odd NAME DESCRIPTION: [view NAME] with a query, as the corpus's themes file.
odd() {
	fresh
	printf '[view %s]\nquery = "tag:x"\n' "$1" >"$c/.rubric-themes.ini"
	for cmd in list show tags; do
		case $cmd in
		list)	set -- list "$c" ;;
		show)	set -- show "$c/a.txt" ;;
		tags)	set -- tags "$c" ;;
		esac
		(cd "$c" && timeout 60 "$top/rubric" "$@") </dev/null >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -eq 0 ] || { [ "$rc" -eq 1 ] &&
		    grep -q "^rubric: $c/.rubric-themes.ini:1: " "$tmp/err"; }; then
			ok "$2: $cmd works or names the line"
		else
			notok "$2: $cmd works or names the line (exit $rc)"
		fi
	done
}
odd 'v]x' "a view name holding ]"
odd 'a:b' "a view name holding :"
odd 'a;b' "a view name holding ;"
odd 'a#b' "a view name holding #"
odd 'a=b' "a view name holding ="
odd '"q"' "a view name in quotes"
odd '[x]' "a view name in brackets"
odd ']' "a view name of ]"
odd "$(printf '%0900d' 0)" "a view name of 900 bytes"
fresh
printf '[view v]x]\nquery = "tag:x"\n' >"$c/.rubric-themes.ini"
refused_line() {
	if grep -q -F "rubric: $c/.rubric-themes.ini:$1: $2" "$tmp/err"; then
		ok "$3"
	else
		notok "$3"
	fi
}
(cd "$c" && timeout 60 "$top/rubric" list "$c") </dev/null >/dev/null 2>"$tmp/err"
refused_line 1 "section name 'view v]x' holds ']'" "[view v]x] is refused at its line"
# A key and a section name that fit a line each but not iniparser's lookup together.
fresh
{ printf '[view %0600d]\n' 0; printf '%0600d = 1\n' 0; } >"$c/.rubric-themes.ini"
(cd "$c" && timeout 60 "$top/rubric" list "$c") </dev/null >/dev/null 2>"$tmp/err"
refused_line 2 "iniparser reads this key differently" \
    "a key too long to look up with its section is refused at its line"
# iniparser joins a comment ending in a backslash with the next line.
fresh
printf '[view v]\n; a comment \\\nquery = "tag:x"\n' >"$c/.rubric-themes.ini"
if (cd "$c" && timeout 60 "$top/rubric" list "$c") </dev/null >/dev/null 2>"$tmp/err"; then
	ok "a comment ending in a backslash takes the next line, as iniparser does"
else
	notok "a comment ending in a backslash takes the next line, as iniparser does"
fi

# The screen: a special configuration file is named before the terminal is taken, and
# rubric exits 1; a special sidecar makes the tags read-only, with the reason on the
# status line, and nothing is written over it.
capture() { $T capture-pane -p; }
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		capture | grep -q -F -e "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# screen DESCRIPTION PATTERN -- ARGS...: rubric ARGS on a screen shows PATTERN.
screen() {
	what=$1 pat=$2
	shift 3
	$T kill-server 2>/dev/null
	# A new server each time: a server still shutting down cannot take a socket.
	sessions=$((sessions + 1))
	T="tmux -L rubric-special-$$-$sessions -f /dev/null"
	$T start-server \; set-option -g default-terminal tmux-256color \; \
	    new-session -d -x 150 -y 30 -e LC_ALL=C.UTF-8 \
	    -e RUBRIC_DATADIR="$RUBRIC_DATADIR" -e XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
	    -e XDG_CACHE_HOME="$XDG_CACHE_HOME" -e XDG_DATA_HOME="$XDG_DATA_HOME" \
	    "$memlimit; timeout --foreground 10 $top/rubric $*; echo \"[exit \$?]\"; exec sleep 3600"
	if wait_for "$pat"; then
		ok "$what"
	else
		capture >"$tmp/err"
		notok "$what"
	fi
}
for kind in fifo zero urandom dir bigconfig; do
	fresh
	make_special "$kind" "$c/.rubric-themes.ini"
	screen "$kind as the themes file: the screen names it and exits 1" \
	    "$c/.rubric-themes.ini: $(reason "$kind")" -- "$c"
	if wait_for "[exit 1]" && intact "$kind" "$c/.rubric-themes.ini"; then
		ok "$kind as the themes file: exit 1, the file as it was"
	else
		capture >"$tmp/err"
		notok "$kind as the themes file: exit 1, the file as it was"
	fi
done
fresh
printf '[view v]x]\nquery = "tag:x"\n' >"$c/.rubric-themes.ini"
screen "[view v]x] in the themes file: the screen names the line" \
    "$c/.rubric-themes.ini:1: section name 'view v]x' holds ']'" -- "$c"
for kind in fifo zero urandom dir bigsidecar; do
	fresh
	make_special "$kind" "$c/.rubric.ini"
	screen "$kind as the sidecar: the screen says why changes are journalled" \
	    "$(reason "$kind") (changes go to its journal" -- "$c"
	$T send-keys t Kept Enter
	if wait_for "journalled to $c/.rubric.ini.journal: will be applied when" &&
	    grep -q '"Kept" crc=' "$c/.rubric.ini.journal"; then
		ok "$kind as the sidecar: a tag on the screen is journalled, not saved"
	else
		capture >"$tmp/err"
		notok "$kind as the sidecar: a tag on the screen is journalled, not saved"
	fi
	$T send-keys q
	sleep 0.3
	$T send-keys q
	if wait_for "[exit" && intact "$kind" "$c/.rubric.ini"; then
		ok "$kind as the sidecar: the screen quits and the file is as it was"
	else
		capture >"$tmp/err"
		notok "$kind as the sidecar: the screen quits and the file is as it was"
	fi
done

# A note from standard input: /dev/zero stops at its first NUL, an endless stream of
# text at the 1 MiB a note may hold; both exit 1 and change nothing.
fresh
./rubric tag +kept -- "$c/a.txt" 2>/dev/null
cp "$c/.rubric.ini" "$tmp/before"
for src in zero text; do
	if [ $src = zero ]; then
		(eval "$memlimit"; timeout 60 ./rubric note "$c/a.txt" - </dev/zero) \
		    >/dev/null 2>"$tmp/err"
	else
		(eval "$memlimit"; yes 'a line of a note that never ends' |
		    timeout 60 ./rubric note "$c/a.txt" -) >/dev/null 2>"$tmp/err"
	fi
	rc=$?
	if [ $rc = 1 ] && cmp -s "$c/.rubric.ini" "$tmp/before" && { [ $src = zero ] &&
	    grep -q 'a NUL byte in the note' "$tmp/err" ||
	    grep -q 'a note may be at most 1 MiB' "$tmp/err"; }; then
		ok "note - from an endless $src stream: refused, exit 1, nothing changed"
	else
		echo "exit $rc" >>"$tmp/err"
		notok "note - from an endless $src stream: refused, exit 1, nothing changed"
	fi
done

# A lock that is a symbolic link, dangling or not, is refused: a corpus could
# otherwise make rubric create a file wherever the link points.
for target in "$tmp/made-by-link" "$tmp/before"; do
	fresh
	ln -s "$target" "$c/.rubric.ini.lock"
	[ -e "$target" ] && cp "$target" "$tmp/target-was"
	timeout 60 ./rubric tag +x -- "$c/a.txt" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc = 1 ] && grep -q 'is a symbolic link, not a regular file' "$tmp/err" &&
	    [ ! -s "$c/.rubric.ini" ] && { [ "$target" = "$tmp/before" ] &&
	    cmp -s "$target" "$tmp/target-was" || [ ! -e "$target" ]; }; then
		ok "a lock linked to $(basename "$target"): refused, nothing made or written"
	else
		echo "exit $rc" >>"$tmp/err"
		notok "a lock linked to $(basename "$target"): refused, nothing made or written"
	fi
done

echo "1..$n"
