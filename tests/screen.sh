#!/bin/sh
# Whole-screen tests: rubric runs in a private tmux server, is driven with send-keys and
# read back with capture-pane, as a person would use it.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-screen.XXXXXX")
# What the screen keeps aside at its end stays out of the home (journal_state.h).
export XDG_STATE_HOME="$tmp/state"
sessions=0
T="tmux -L rubric-test-$$-0 -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
sh tests/mkhostile.sh "$tmp/hostile" >/dev/null
# A copy of the sample corpus: rubric writes its sidecar next to what it reads.
cp -r tests/sample "$tmp/sample"
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	capture | sed 's/^/# |/'
}

# start COLS ROWS [ENV=VALUE...] -- ARGS...: rubric in a fresh session.
start() {
	cols=$1 rows=$2
	shift 2
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	$T kill-server 2>/dev/null
	# A new server each time: a server still shutting down cannot take a socket.
	sessions=$((sessions + 1))
	T="tmux -L rubric-test-$$-$sessions -f /dev/null"
	# The shell stays after rubric, to show its messages and exit status: tmux
	# wipes a dead pane.
	$T start-server \; set-option -g default-terminal tmux-256color \; \
	    new-session -d -x "$cols" -y "$rows" \
	    -e LC_ALL=C.UTF-8 -e RUBRIC_DATADIR="$top/config" \
	    -e XDG_CONFIG_HOME="$tmp/xdg" -e XDG_CACHE_HOME="$tmp/cache" \
	    "env $envs $top/rubric $*; echo \"[exit \$?]\"; exec sleep 3600"
}
capture() { $T capture-pane -p "$@"; }
keys() { $T send-keys "$@"; }
# wait_for PATTERN: until the screen shows it (a grep -E pattern), for up to 5 s.
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		capture | grep -q -E -e "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# check DESCRIPTION PATTERN: passes when the screen shows PATTERN.
check() {
	if wait_for "$2"; then ok "$1"; else notok "$1 (no /$2/)"; fi
}
# check_not DESCRIPTION PATTERN: passes when the settled screen lacks PATTERN.
check_not() {
	sleep 0.2
	if capture | grep -q -E -e "$2"; then notok "$1 (found /$2/)"; else ok "$1"; fi
}
row() { capture | sed -n "$(($1 + 1))p"; }
dead_status() {
	wait_for '^\[exit [0-9]+\]' >/dev/null
	capture | sed -n 's/^\[exit \([0-9]*\)\].*/\1/p'
}

# The sample corpus at 80x24: three panes and a status line.
start 80 24 -- "$tmp/sample"
check "80x24: the list shows the first title" "Relief column reaches Deir ez-Zor"
check "80x24: the sidebar shows the folders" "2017/ +3"
check "80x24: the list header counts the articles" "Articles +1/12"
check "80x24: the status line names the corpus" "^ sample +1/12 +filter: all"
check "80x24: the body shows the header block" "Date: 2017-09-06"
check "80x24: the body wraps on word boundaries" "│ Deir ez-Zor shortly after dawn on Tuesday, their flatbeds$"
if [ "$(capture | wc -L)" -le 80 ]; then
	ok "80x24: no row is wider than the terminal"
else
	notok "80x24: no row is wider than the terminal"
fi
keys j
check "j selects the next article" "Articles +2/12"
check "the body follows the selection" "2017/race-for-albu-kamal.txt"
keys G
check "G selects the last article" "Articles +12/12"
keys g
check "g selects the first article" "Articles +1/12"
keys Tab
keys j j j
check "Tab focuses the body and j scrolls it" "│ Source: Eastbank Dispatch"
keys Tab
keys g j j j j j j j j j j j j j Enter
check "Enter in the sidebar limits the list to a folder" "filter: 2017/"
check "the limited list counts its articles" "Articles +1/3"
keys BTab g Enter
check "the unlimited list is back" "Articles +1/12"
keys Enter
check "Enter opens the article full screen" "^ Relief column reaches Deir ez-Zor after a three-year siege"
check_not "reading mode hides the list" "Articles +1/12"
keys Space
check "Space pages in reading mode" "[0-9]+%"
keys q
check "q leaves reading mode" "Articles +1/12"
keys '?'
check "? shows the help generated from the key table" "rubric keys"
check "the help lists the keys of the brief" "Tab +focus the next pane"
keys q
check "q leaves the help" "Articles +1/12"
keys q
if [ "$(dead_status)" = 0 ]; then ok "q quits with status 0"; else notok "q quits with status 0"; fi

# Layouts by size, and a resize keeps the selection and the scroll position.
start 80 24 -- "$tmp/sample"
wait_for "Articles" >/dev/null
keys j j Enter
wait_for "^ Why no two maps" >/dev/null
keys Space
wait_for "[0-9]+%" >/dev/null
sleep 0.2
first=$(row 1 | sed 's/^ *//' | cut -c1-20)
$T resize-window -x 120 -y 40
check "a resize keeps the scroll position" "^ $first"
keys q
check "120x40: the list and the body sit side by side" "Articles +3/12 *│.*why-no-two-maps-agree.md"
$T resize-window -x 50 -y 14
check "below 60x15 the sidebar folds away" "^ Articles +3/12"
check_not "the folded sidebar is gone" "All articles"
$T resize-window -x 40 -y 10
check "40x10 still shows the list" "Articles +3/12"
$T resize-window -x 39 -y 9
check "below 40x10 the terminal is too small" "^terminal too small"
$T resize-window -x 80 -y 24
check "growing back shows the screen with the selection" "Articles +3/12"

# The hostile corpus: every control shows as a marker, nothing reaches the terminal.
# Every article of the hostile corpus on the screen in turn, then tmux's state.
start 100 30 -- "$tmp/hostile"
wait_for "Articles" >/dev/null
title_before=$($T display -p '#{pane_title}')
keys Enter
i=0
while [ $i -lt 30 ]; do keys C-n Space G; i=$((i + 1)); done
keys q
wait_for "Articles" >/dev/null
sleep 0.3
if [ "$($T display -p '#{pane_title}')" = "$title_before" ]; then
	ok "the pane title is untouched after every hostile article"
else
	notok "the pane title is untouched ('$title_before' became '$($T display -p '#{pane_title}')')"
fi
if [ -z "$($T list-buffers 2>/dev/null)" ]; then
	ok "tmux's paste buffers are untouched (no OSC 52)"
else
	notok "tmux's paste buffers are untouched (no OSC 52)"
fi
if ! capture | grep -q '^\[exit'; then
	ok "rubric survives the hostile corpus"
else
	notok "rubric survives the hostile corpus"
fi
# show FILE: rubric on one file, opened full screen.
show() {
	start 100 30 -- "$1"
	wait_for "Articles" >/dev/null
	keys Enter
}
show "$tmp/hostile/esc-csi.txt"
check "ESC shows in caret notation" "\\^\\[\\[2J"
show "$tmp/hostile/esc-osc.txt"
check "OSC payloads show as text" "\\^\\[\\]0;PWNED-TITLE"
check "BEL shows as ^G" "PWNED-TITLE\\^G"
check "OSC 52 shows as text" "\\^\\[\\]52;c;"
show "$tmp/hostile/esc-dcs.txt"
check "DCS shows as text" "\\^\\[P"
show "$tmp/hostile/c1.txt"
check "8-bit CSI shows as an invalid byte" "<9B>"
check "C1 as UTF-8 shows as a code point" "<U\\+009B>"
if [ "$($T display -p '#{pane_title}')" != "$title_before" ] &&
    $T display -p '#{pane_title}' | grep -q PWNED; then
	notok "OSC titles do not reach tmux"
else
	ok "OSC titles do not reach tmux"
fi

show "$tmp/hostile/bidi.txt"
check "bidi controls show as code points" "<U\\+202E>"
show "$tmp/hostile/overwrite.txt"
check "backspace shows as ^H and does not overwrite" "abc\\^H\\^H\\^HXYZ"
check "carriage return shows as ^M" "visible\\^MHIDDEN"
show "$tmp/hostile/invalid-utf8.txt"
check "invalid UTF-8 shows as bytes" "<C0><AF>"
show "$tmp/hostile/combining.txt"
check "combining marks join their base; a lone one is a marker" "^ <U\\+0301>starts with"
show "$tmp/hostile/cjk.txt"
wait_for "CJK" >/dev/null
if [ "$(capture | wc -L)" -le 100 ]; then
	ok "CJK rows stay inside the pane"
else
	notok "CJK rows stay inside the pane"
fi
show "$tmp/hostile/rtl.txt"
wait_for "בעברית" >/dev/null
if [ "$(capture | wc -L)" -le 100 ] && capture | grep -q "בעברית" && capture | grep -q "عربي"; then
	ok "Hebrew and Arabic rows show and stay inside the pane"
else
	notok "Hebrew and Arabic rows show and stay inside the pane"
fi
start 100 30 -- "$tmp/hostile/empty.txt" "$tmp/hostile/blank.txt"
check "an empty file is listed under its file name" "│   empty.txt"
check "a blank file is listed under its file name" "│   blank.txt"
keys j Tab
check "an empty file shows as empty" "\\(empty file\\)"
ln -s nowhere "$tmp/hostile/dangling.txt"
start 100 30 -- "$tmp/hostile"
check "binary files are counted in the status line" "1 binary skipped"
check "unreadable files are counted in the status line" "1 unreadable"
check "an unreadable file stays in the list with a marker" "│ ! dangling.txt"
keys G
check "G reaches the last article" "Articles +([0-9]+)/\\1"

# An article below 3,000 folders, past PATH_MAX: in the list, marked, with the reason.
mkdir "$tmp/deep"
cp tests/sample/mayadin-returnees.txt "$tmp/deep/"
python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
for i in range(3000):
    os.mkdir("nested", dir_fd=fd)
    sub = os.open("nested", os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = sub
os.close(os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))' "$tmp/deep"
start 100 30 -- "$tmp/deep"
check "a path past PATH_MAX is counted as unreadable" "1 unreadable"
check "and stays in the list with a marker" "│ ! bottom.txt"
keys G
check "and its body pane says why" "path too long"

# A 1 MiB line and a 10 MB article scroll from byte offsets.
start 80 24 -- "$tmp/hostile/long-line.txt" "$tmp/hostile/big.txt"
keys Enter G
check "G reaches the end of a 1 MiB line" " end *$"
keys k k k
check "k scrolls up inside the line" "9[0-9]%"
keys q j Enter G
check "G reaches the end of a 10 MB article" " end *$"
keys g
check "g returns to its start" " 0%"

# Terminals and colours.
for term in xterm-256color screen-256color tmux-256color xterm vt100 linux; do
	start 80 24 TERM=$term -- "$tmp/sample"
	check "TERM=$term shows the screen" "Relief column reaches Deir ez-Zor"
done
start 80 24 TERM=dumb -- "$tmp/sample"
check "TERM=dumb is refused with a reason" "cannot address the cursor"
start 80 24 TERM=no-such-terminal -- "$tmp/sample"
check "an unknown TERM is refused with a reason" "unknown terminal type"
start 80 24 TERM=tmux-256color -- "$tmp/hostile/esc-csi.txt"
wait_for "CSI" >/dev/null
if capture -e | grep -q "$(printf '\033')\\[[0-9;]*7[;m]" && capture -e | grep -q "38;5;\\|$(printf '\033')\\[3[0-7]"; then
	ok "256 colours: markers are drawn reverse and in colour"
else
	notok "256 colours: markers are drawn reverse and in colour"
fi
start 80 24 TERM=tmux-256color NO_COLOR=1 -- "$tmp/hostile/esc-csi.txt"
wait_for "CSI" >/dev/null
if capture -e | grep -q "38;5;\\|$(printf '\033')\\[3[0-7]m\\|;3[0-7]m"; then
	notok "NO_COLOR: no colour at all"
else
	ok "NO_COLOR: no colour at all"
fi
if capture -e | grep -q "$(printf '\033')\\[[0-9;]*7[;m]"; then
	ok "NO_COLOR: markers still stand out in reverse"
else
	notok "NO_COLOR: markers still stand out in reverse"
fi

# An empty directory, and no PATH at all (the current directory).
mkdir -p "$tmp/emptydir"
start 80 24 -- "$tmp/emptydir"
check "an empty corpus says so" "no articles"
check "an empty corpus counts 0/0" "emptydir +0/0"
keys Enter j G Tab Enter
check "keys on an empty corpus do no harm" "no articles"
keys q
if [ "$(dead_status)" = 0 ]; then ok "q quits an empty corpus"; else notok "q quits an empty corpus"; fi
$T kill-server 2>/dev/null
sessions=$((sessions + 1))
T="tmux -L rubric-test-$$-$sessions -f /dev/null"
$T new-session -d -x 80 -y 24 -c "$tmp/sample" -e LC_ALL=C.UTF-8 \
    -e RUBRIC_DATADIR="$top/config" -e XDG_CONFIG_HOME="$tmp/xdg" \
    -e XDG_CACHE_HOME="$tmp/cache" "$top/rubric; echo \"[exit \$?]\"; exec sleep 3600"
check "without PATH rubric reads the current directory" "^ sample +1/12"

# Themes on the screen: colours, the sidebar, ] and [, } and {, x.
start 100 30 TERM=tmux-256color -- "$tmp/sample"
wait_for "Articles" >/dev/null
keys j
check "the sidebar lists the themes with hits here and articles in all" "albu-kamal +7/5"
check "the list shows each article's hits" "The race for Albu Kamal .* 16 *$"
if capture -e | grep -q "$(printf '\033')\\[36mAlbu Kamal"; then
	ok "a theme's matches are drawn in its colour (cyan)"
else
	notok "a theme's matches are drawn in its colour (cyan)"
fi
if capture -e | grep -q "38;5;33mEuphrates"; then
	ok "a color33 theme is drawn in colour 33"
else
	notok "a color33 theme is drawn in colour 33"
fi
keys ']'
check "] goes to the first match and names its theme" "filter: all +albu-kamal"
if capture -e | grep -q "$(printf '\033')\\[7mAlbu Kamal\\|$(printf '\033')\\[1m$(printf '\033')\\[7mAlbu Kamal\\|7mAlbu Kamal"; then
	ok "the match ] went to is shown in reverse"
else
	notok "the match ] went to is shown in reverse"
fi
keys ']' ']' ']' ']' ']' ']'
check "] moves on through the matches" "filter: all +[a-z-]+$"
keys '}'
check "} selects the next article with a match" "Articles +3/12"
keys G '{'
check "{ selects the previous article with a match" "Articles +11/12"
keys BTab j j j j j j
keys x
check "x turns a theme's highlighting off" "albu-kamal: highlighting off"
sleep 0.2
if capture -e | grep -q "$(printf '\033')\\[36mAlbu Kamal"; then
	notok "a theme turned off is not highlighted"
else
	ok "a theme turned off is not highlighted"
fi
keys x
check "x turns it on again" "albu-kamal: highlighting on"

printf '[theme bad]\npattern = "ok"\npattern.2 = "(?<x"\n' >"$tmp/bad.ini"
start 100 30 -- --config "$tmp/bad.ini" "$tmp/sample"
check "the screen opens with a bad pattern left out and says so" \
    "configuration problem: .*bad.ini:3: theme bad"

# Search: / with n and N, a bad pattern, and & over the corpus.
start 100 30 TERM=tmux-256color -- "$tmp/sample"
wait_for "Articles" >/dev/null
keys Enter / 'bread|flour'
check "/ opens a prompt on the status line" "^/bread\\|flour"
keys Enter
if wait_for "flour" && capture -e | grep -q "7mflour\\|7mbread"; then
	ok "/ highlights every hit"
else
	notok "/ highlights every hit"
fi
keys n n n n n n
check "n wraps around with a message" "search wrapped to the top"
keys N
check "N wraps backwards with a message" "search wrapped to the bottom"
keys / '(unclosed' Enter
check "a bad search pattern says what is wrong and where" "/\\(unclosed: missing closing parenthesis at offset 9"
keys / Up
check "Up in the prompt recalls the previous pattern" "^/\\(unclosed"
keys Escape
keys q '&' Daesh Enter
check "& limits the list to the articles that match" "&Daesh: 4 articles match"
check "the status line shows the corpus search" "filter: all &/Daesh/"
check "the list counts the matching articles" "Articles +1/4"
keys '&' Enter
check "an empty & shows every article again" "Articles +1/12"

# Keywords in context.
keys BTab j j j j j j K
check "K shows every match of the selected theme" "albu-kamal — .*19 matches in 5 articles"
check "K counts each pattern" "patterns: +pattern 10 +pattern.one-word 9"
check "K counts each spelling" "^ +6 +Albu Kamal$"
check "K lines show the title beside the match" "Albu Kamal .*│ The race for Albu Kamal"
keys G
check "G goes to the last line" "19/19"
keys Enter
check "Enter opens the article at the match" "^ Winter comes early to the camps"
if capture -e | grep -q "7mAbu Kamal"; then
	ok "the match K opened at is shown in reverse"
else
	notok "the match K opened at is shown in reverse"
fi
printf '[theme dead]\npattern = "deir"\npattern.never = "zzqqxx"\n' >"$tmp/dead.ini"
start 100 30 -- --config "$tmp/dead.ini" "$tmp/sample"
wait_for "Articles" >/dev/null
keys BTab g j j j j j j j j j j j j j K
check "K shows a dead pattern" "pattern.never 0 \\(dead\\)"

# Tags on the screen: t with Tab completion, marks, u, read and unread.
rm -rf "$tmp/tagged"
cp -r tests/sample "$tmp/tagged"
start 100 30 TERM=tmux-256color -- "$tmp/tagged"
wait_for "Articles" >/dev/null
if capture -e | grep -q "$(printf '\033')\\[1mRelief column"; then
	ok "unread articles are bold"
else
	notok "unread articles are bold"
fi
keys t Urgent Enter
check "t tags the selected article" "tagged Urgent 1 article"
check "the list shows the tag" "Relief column reaches Deir ez-Zor after a three-year siege Urgent"
keys m m
check "m marks and moves on" "2 marked"
check "marked articles show a star" "│ \\* The race for Albu Kamal"
keys t U Tab
check "Tab completes a tag name" "^tag: Urgent"
keys Enter
check "t tags every marked article" "tagged Urgent 2 articles"
keys M g u Tab
check "u completes over the article's tags" "^untag: Urgent"
keys Enter
check "u removes the tag" "untagged Urgent 1 article"
keys t 'a,b' Enter
check "a comma in a tag is refused" "a tag name cannot hold a comma"
keys Enter q
wait_for "Articles" >/dev/null
sleep 0.3
if capture -e | grep -q "$(printf '\033')\\[1mRelief column"; then
	notok "an opened article is no longer bold"
else
	ok "an opened article is no longer bold"
fi
if grep -q '^read = yes' "$tmp/tagged/.rubric.ini" &&
    grep -q '^tag "Urgent" = person' "$tmp/tagged/.rubric.ini"; then
	ok "tags and read flags are in the sidecar at once"
else
	notok "tags and read flags are in the sidecar at once"
fi
keys r
check "r marks the article unread again" "1 marked unread"

# The tags in the sidebar: counts and bars, Enter adds a limit, ! excludes, All clears.
rm -rf "$tmp/tagged2"
cp -r tests/sample "$tmp/tagged2"
# Without the shipped themes' automatic tags, so that the tags are only these.
sed -n 's/^\[theme \(.*\)\]$/[theme \1]\nautotag = 0/p' config/config.ini >"$tmp/noauto.ini"
start 100 30 TERM=tmux-256color -- --config "$tmp/noauto.ini" "$tmp/tagged2"
wait_for "Articles" >/dev/null
keys t Urgent Enter j t Urgent Enter j t Later Enter
check "the sidebar lists the tags with their counts" "^  Urgent .* 2 │"
keys BTab G Enter
check "Enter on a tag limits the list to it" "filter: all \\+Urgent"
check "the limited list counts its articles" "Articles +1/2"
keys BTab k '!'
check "! on a tag keeps the articles without it" "filter: all \\+Urgent !Later"
keys BTab Enter
check "Enter on the excluded tag includes it: both tags" "filter: all \\+Urgent \\+Later"
check "no article has both" "Articles +0/0"
keys BTab g Enter
check "Enter on All clears every limit" "Articles +1/12"

# Notes through $EDITOR, a sidecar edited by hand, and changes that cannot be saved.
rm -rf "$tmp/notes"
cp -r tests/sample "$tmp/notes"
start 100 30 TERM=tmux-256color EDITOR="$top/tests/editor.sh" -- "$tmp/notes"
wait_for "Articles" >/dev/null
keys a
check "a edits the note in \$EDITOR and saves it" "note saved"
check "the note shows above the body" "│ Edited by script; \"quoted\" ; # = \\[ \\]"
if grep -q '^note = "Edited by script; \\x22quoted\\x22' "$tmp/notes/.rubric.ini"; then
	ok "the note is in the sidecar"
else
	notok "the note is in the sidecar"
fi
printf '[article 2017/deir-ezzor-siege-lifted.txt]\ntag.^by%%20^hand = person\n' \
    >"$tmp/notes/.rubric.ini"
check "a sidecar edited by hand is read again" "changed: read again"
check "and its tags show" "By Hand"
printf '[article x]\nnot ini\n' >"$tmp/notes/.rubric.ini"
check "a sidecar broken by hand makes tags read-only and names the line" \
    "rubric.ini:2: not a \\[section\\]"
# A directory where the lock file should be: every save fails, even as root.
mkdir -p "$tmp/notes/locked.ini.lock"
start 100 30 TERM=tmux-256color -- --sidecar "$tmp/notes/locked.ini" "$tmp/notes"
wait_for "Articles" >/dev/null
keys t Kept Enter
check "a change that cannot be saved says so" "not saved: .*locked.ini.lock"
check "and shows all the same" "^  Kept "
keys q
check "q warns before leaving changes unsaved" "[0-9]+ changes? not saved \\(cannot save\\): q again keeps"
keys q
if [ "$(dead_status)" = 1 ]; then ok "q again quits, exit 1 as the change is only kept aside"; else notok "q again quits, exit 1 as the change is only kept aside"; fi
if grep -q '"Kept" crc=' "$tmp"/state/rubric/sidecar-*.journal; then ok "and it is kept aside in the state folder"; else notok "and it is kept aside in the state folder"; fi

# Automatic tags (autotag in the themes): shown apart, accepted or rejected for good.
rm -rf "$tmp/auto"
cp -r tests/sample "$tmp/auto"
start 110 30 TERM=tmux-256color -- "$tmp/auto"
wait_for "Articles" >/dev/null
sleep 0.5
keys j
check "a theme's tag shows apart, with ~" "The race for Albu Kamal .*~albu-kamal"
check "the sidebar counts automatic tags" "^  albu-kamal .* 4 │"
keys + albu Tab
check "+ completes over the article's automatic tags" "^accept: albu-kamal"
keys Enter
check "+ accepts it" "tagged albu-kamal 1 article"
keys - i Tab Enter
check "- rejects one" "tagged isis 1 article"
sleep 0.3
if grep -q '^tag "albu-kamal" = person' "$tmp/auto/.rubric.ini" &&
    grep -q '^tag "isis" = rejected' "$tmp/auto/.rubric.ini"; then
	ok "the sidecar records who put each tag there"
else
	notok "the sidecar records who put each tag there"
fi
check_not "a rejected tag stays off the article" "The race for Albu Kamal .*~isis"

# A tagged article moved within the corpus: its tags follow it by its content.
rm -rf "$tmp/moved"
cp -r tests/sample "$tmp/moved"
touch "$tmp/moved/.rubric.ini"
./rubric tag +Followed -- "$tmp/moved/hasakah-camps-winter.txt"
mv "$tmp/moved/hasakah-camps-winter.txt" "$tmp/moved/reports/camps.txt"
start 100 30 -- "$tmp/moved"
check "a moved article's tags follow it" "1 moved article: its tags followed"
if grep -q '^\[article "reports/camps.txt"\]' "$tmp/moved/.rubric.ini" &&
    ! grep -q 'hasakah-camps-winter' "$tmp/moved/.rubric.ini"; then
	ok "the sidecar has the entry under the new path"
else
	notok "the sidecar has the entry under the new path"
fi

# Folders in folders: each counted with what is under it, at its depth, and a name
# that sorts between a folder's files ("a-z.txt" before "a/") counts in no folder.
mkdir -p "$tmp/nest/a/b" "$tmp/nest/b"
for f in a/b/1.txt a/b/2.txt a/c.txt a-z.txt b/3.txt; do
	printf 'Title: %s\n\ntext\n' "$f" >"$tmp/nest/$f"
done
start 60 40 -- "$tmp/nest"
check "a folder counts every article under it" "^  a/ +3 │"
check "a folder in a folder is indented, with its own count" "^   b/ +2 │"
check "a folder of the same name elsewhere counts apart" "^  b/ +1 │"

# Queries on the screen: l limits the list, a bad query keeps the prompt and the list,
# Up brings back the last query, L clears it; o sorts; e exports; saved views.
rm -rf "$tmp/q"
cp -r tests/sample "$tmp/q"
start 100 30 -- "$tmp/q"
check "saved views show in the sidebar with their counts" "^  border-crossing 5 │"
keys l
check "l opens the limit prompt" "^limit:"
keys 'theme:isis>=2 and )' Enter
check "a bad query says what and where in the prompt" \
    "^limit: theme:isis>=2 and \)  unexpected '\)' at column 19"
check "the list stays as it was" "Articles .* 1/12"
keys C-u 'theme:isis>=2' Enter
check "l limits the list to the query" "Articles .* 1/5"
check "the status line shows the query" "limit: theme:isis>=2 "
check_not "an article the query leaves out is gone" "Traders wait as al-Qaim"
keys L
check "L clears the query" "Articles .* 1/12"
keys l C-u Up
check "Up brings back the last query" "^limit: theme:isis>=2$"
keys Enter o
check "o sorts by title" "sort: title"
sleep 0.2
case $(row 1) in
*"│   Crude on the move"*) ok "the list is in title order" ;;
*) notok "the list is in title order" ;;
esac
keys o
check "o again sorts by date, newest first" "sort: date"
sleep 0.2
case $(row 1)/$(row 5) in
*"│   Crude on the move"*/*"│   The race for Albu Kamal"*) ok "newest first, no date last" ;;
*) notok "newest first, no date last" ;;
esac
keys o o o
check "o comes round to path" "filter: all  limit: theme:isis>=2  sorted by path"
keys e "$tmp/q-out.csv" Enter
check "e exports the list" "exported 5 articles to "
if [ "$(python3 tests/exportcheck.py csv "$tmp/q-out.csv" 5 2>/dev/null | wc -l)" = 5 ]; then
	ok "the exported file is the list, as CSV"
else
	notok "the exported file is the list, as CSV"
fi
keys e "$tmp/q-out.csv" Enter
check "e does not overwrite a file" "q-out.csv exists \(put"
keys C-u "!$tmp/q-out.csv" Enter
check "! before the name replaces it" "exported 5 articles to "
keys m m e "$tmp/q-marked.jsonl" Enter
check "with marks, e exports the marked articles" "exported 2 articles to "
if [ "$(jq -s length "$tmp/q-marked.jsonl" 2>/dev/null)" = 2 ]; then
	ok "the file holds the two marked articles"
else
	notok "the file holds the two marked articles"
fi
keys M
keys Escape L Tab Tab
keys g j Enter
check "Enter on a saved view limits the list to it" "Articles +[0-9]/5$"
check "and the status line names it" "filter: border-crossing"

# A query PCRE2 cannot decide on an article (its match limit) keeps the article in the
# list, marked '?', and the status line counts it; "not" it does the same.
mkdir -p "$tmp/pcre"
{ head -c 50000 /dev/zero | tr '\0' a; echo '!'; } >"$tmp/pcre/aaa.txt"
printf 'Title: Plain\n\nNothing to see.\n' >"$tmp/pcre/plain.txt"
start 100 30 -- "$tmp/pcre"
check "a corpus with a catastrophic case is up" "Articles .* 1/2"
keys l '/(a+)+c|!/' Enter
check "an undecided article stays in the list" "Articles .* 1/1"
check "the message says the query could not decide it" \
    "1 article, 1 the query could not decide"
check "the list marks it '?'" "^[^│]*│\? +a{20}"
check "the status line counts the undecided" "1/1  filter: all  1 undecided  limit: /\(a\+\)\+c"
keys l C-u 'not /(a+)+c|!/' Enter
check "not of an undecided term leaves it undecided, in the list" "Articles .* 1/2"
check "and the article the query decides is there too" "│   Plain"
check "the status line counts one undecided still" "filter: all  1 undecided  limit: not "
keys L
check "L clears the query and the marks" "Articles .* 1/2"
check_not "no article is marked undecided then" "undecided"
keys '?' Space
check "the help explains the '?' mark" "\? +the limit or view could not decide it"
keys q
keys '&' '(a+)+c|!' Enter
check "& keeps an article it could not search, and says so" \
    "&\(a\+\)\+c\|!: 0 articles match, 1 undecided \(\?\)"
check "the corpus search lists it, marked '?'" "^[^│]*│\? +a{20}"

# Resize storms: 300 sizes from 1x1 up, tiny ones among them, with keys between; then
# a normal size shows a whole screen again, and rubric is still running.
start 100 30 -- "$tmp/hostile"
check "the hostile corpus is up before the storm" "Articles"
i=0
seed=7
while [ $i -lt 300 ]; do
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	w=$(( seed % 130 + 1 ))
	h=$(( (seed / 131) % 45 + 1 ))
	[ $((i % 10)) = 0 ] && { w=$((i % 20 + 1)); h=$((i % 5 + 1)); }
	$T resize-window -x "$w" -y "$h" 2>/dev/null
	case $((i % 4)) in
	0) keys j ;;
	1) keys Enter ;;
	2) keys Space ;;
	3) keys Escape ;;
	esac
	i=$((i + 1))
done
for size in 1x1 2x1 1x2 5x3 10x4 20x5 39x9; do
	$T resize-window -x "${size%x*}" -y "${size#*x}"
	sleep 0.05
done
$T resize-window -x 20 -y 5
check "at 20x5 the screen says it is too small" "too small"
$T resize-window -x 100 -y 30
check "after 300 resizes rubric shows a whole screen again, with its status line" \
    "^ hostile +[0-9]+/[0-9]+  filter: all"
keys Escape
check "and goes back to the list" "Articles .*[0-9]+/[0-9]+"
check_not "and has not exited" '^\[exit'
