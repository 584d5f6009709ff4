#!/bin/sh
# Whole-screen tests of the start from the catalogue's image (catimage.h), with the
# default check = files: the screen takes its first list and counts from the image
# when every folder is as it was, and its verifier still looks at every file behind
# it. A file written over in place (which no folder's times show) is found and shown
# changed; the image is made again at the end, so that the next start shows the new
# head at once. A damaged image, a new file or RUBRIC_NO_IMAGE make the screen walk.
. "$(dirname "$0")/lib.sh"
# Files are changed here faster than the clock that stamps them ticks.
export RUBRIC_INDEX_RACY=0
mkdir "$tmp/m" "$tmp/m/sub"
for w in Alpha Bravo Charlie; do
	printf 'title: %s One\n\nSome text about %s.\n' "$w" "$w" \
	    >"$tmp/m/$(echo "$w" | tr 'A-Z' 'a-z').txt"
done
printf 'title: Delta One\n\nSome text about Delta.\n' >"$tmp/m/sub/delta.txt"
mkdir -p "$tmp/xdg/rubric"
printf '[theme isis]\npattern = "isis"\n' >"$tmp/xdg/rubric/config.ini"
log=$tmp/screen.log
# go: the screen on the corpus, its log written afresh.
go() {
	: >"$log"
	start 80 24 RUBRIC_INDEX_RACY=0 RUBRIC_LOG="$log" "$@" -- "$tmp/m"
}
quit() { keys q; wait_for '^\[exit [0-9]+\]' >/dev/null; }
taken() { grep -q 'catimage: [0-9]* articles taken' "$log"; }
image() { ls "$tmp/cache/rubric/"catalog-*.bin 2>/dev/null; }

go
check "the first start walks and lists" "Delta One"
if taken; then notok "with no image to take"; else ok "with no image to take"; fi
quit
# A head store made just now names no heads yet (headstore_tag()): the next end
# makes the image.
go
quit
if [ -n "$(image)" ]; then
	ok "the screen's end makes the image, every head checked"
else
	notok "the screen's end makes the image, every head checked"
fi

go
check "the second start lists" "Charlie One"
if taken; then ok "from the image"; else notok "from the image"; fi
keys j j j
check "and answers keys" "Articles +4/4"
quit

# Written over in place, its size and mtime put back: no folder changes, so the
# image is taken, and only the verifier can tell.
cp -p "$tmp/m/alpha.txt" "$tmp/alpha.old"
sed 's/Alpha One/Omega One/; s/about Alpha/about ISIS in Raqqa/' "$tmp/alpha.old" \
    >"$tmp/alpha.new"
cat "$tmp/alpha.new" >"$tmp/m/alpha.txt"
touch -r "$tmp/alpha.old" "$tmp/m/alpha.txt"
before=$(ls -l --time-style=full-iso "$(image)")
go
check "a file written over in place is found behind the image" \
    "1 article changed since last time"
check "and its new title listed" "Omega One"
check_not "the old one gone" "Alpha One"
if taken; then ok "the image was taken all the same"; else notok "the image was taken all the same"; fi
quit
if [ "$(ls -l --time-style=full-iso "$(image)")" != "$before" ]; then
	ok "the image is made again at the end"; grep catimage "$log" | sed "s/^/# /"
else
	notok "the image is made again at the end"; grep catimage "$log" | sed "s/^/# /"
fi

go
check "the next start shows the new title" "Omega One"
check_not "with nothing left to tell of" "changed since last time"
if taken; then ok "from the image made"; else notok "from the image made"; fi
quit
before=$(ls -l --time-style=full-iso "$(image)")
go
check "a start with nothing changed lists" "Omega One"
quit
if [ "$(ls -l --time-style=full-iso "$(image)")" = "$before" ]; then
	ok "and leaves the image as it is"
else
	notok "and leaves the image as it is"
fi

# The commands answer from the files with check = files: the counts the image
# has for the changed file are its own again.
out=$(cli list -q 'theme:isis' "$tmp/m")
case $out in
*alpha.txt*) ok "a command counts the changed file" ;;
*) notok "a command counts the changed file: $out" ;;
esac
go
keys l
keys 'theme:isis' Enter
check "the screen counts it too" "Articles .* 1/1"
quit

# Another rubric writes the head store while the screen is open: the screen, which
# found a change of its own, does not make the image at its end over the heads the
# other saw (a check = folders command would then take a head gone stale).
printf '[rubric]\ncheck = folders\n' >"$tmp/folders.ini"
cp -p "$tmp/m/bravo.txt" "$tmp/bravo.old"
sed 's/Bravo One/Bravo Two/' "$tmp/bravo.old" >"$tmp/m/bravo.txt"
touch -r "$tmp/bravo.old" "$tmp/m/bravo.txt"
go
check "the screen finds its change" "1 article changed since last time"
cp -p "$tmp/m/charlie.txt" "$tmp/charlie.old"
sed 's/Charlie One/Charlie Two/' "$tmp/charlie.old" >"$tmp/m/charlie.txt"
touch -r "$tmp/charlie.old" "$tmp/m/charlie.txt"
cli list "$tmp/m" >/dev/null
quit
out=$(cli list --config "$tmp/folders.ini" "$tmp/m")
case $out in
*"Charlie Two"*"Bravo Two"*|*"Bravo Two"*"Charlie Two"*)
	ok "a check = folders command then has both new heads" ;;
*)	notok "a check = folders command then has both new heads: $out" ;;
esac

# A damaged image is not taken; the screen walks.
printf 'junk' | dd of="$(image)" bs=1 seek=200 conv=notrunc 2>/dev/null
go
check "a damaged image: the screen walks and lists" "Omega One"
if taken; then notok "not from the image"; else ok "not from the image"; fi
quit
go
check "the next start lists" "Omega One"
if taken; then ok "from the image made again at the end"; else notok "from the image made again at the end"; fi
quit

# A file made: its folder changed.
printf 'title: Echo One\n\nSome text.\n' >"$tmp/m/sub/echo.txt"
go
check "a new file is listed" "Echo One"
if taken; then notok "the image of before is not taken"; else ok "the image of before is not taken"; fi
quit

# Made binary in place (a NUL in its first block): the verifier marks it as one
# that cannot be read, its name for a title. It had no title, and the list's
# drawing of it crashed.
cp -p "$tmp/m/charlie.txt" "$tmp/charlie.bin"
{ head -c 10 "$tmp/charlie.bin"; printf '\0'; tail -c +12 "$tmp/charlie.bin"; } \
    >"$tmp/m/charlie.txt"
touch -r "$tmp/charlie.bin" "$tmp/m/charlie.txt"
go
check "a file made binary in place is marked, with its name" "│ ! +[0-9-]* +charlie.txt"
keys j j j
check "and the screen goes on" "Articles +4/5"
if taken; then ok "from the image"; else notok "from the image"; fi
quit

go RUBRIC_NO_IMAGE=1
check "with RUBRIC_NO_IMAGE the screen lists" "Echo One"
if taken; then notok "and takes no image"; else ok "and takes no image"; fi
quit
finish
