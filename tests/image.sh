#!/bin/sh
# The catalogue's image (check = folders): a command takes the corpus and its counts
# from it only when nothing they were made from changed, and then answers exactly as
# a walk does. Each case changes one thing (a file made, renamed over, written in
# place and then seen by a check = files run, a link's target, the themes, the
# extensions, the image itself damaged) and compares list, stats and export with the
# same commands run with no cache at all; and whether the image was taken, from the
# log.
set -u
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-image.XXXXXX") || exit 1
trap 'umount "$tmp/c/zbound" 2>/dev/null; rm -rf "$tmp"' EXIT
export RUBRIC_DATADIR=config XDG_CONFIG_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/cache"
# Files change here faster than the racy window: the stamps alone must tell.
export RUBRIC_INDEX_RACY=0
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

# A corpus with hostile names, two folders deep, a link to an article and one to a
# folder.
c=$tmp/c
mkdir -p "$c/sub/deeper" "$c/other"
for name in "new
line.txt" "$(printf 'esc\033]2;PWNED\007.txt')" 'back\slash.txt' "$(printf 'bad\377utf8.txt')" \
    "$(printf 'tab\there.txt')" '-dash.txt'; do
	printf 'Title: A title for %s\nDate: 2017-09-06\n\nsome oil and gas here\n' "$name" >"$c/$name"
done
printf 'Title: Deep\n\noil oil oil\n' >"$c/sub/deeper/deep.txt"
printf 'Title: Sub\n\ngas\n' >"$c/sub/s.txt"
printf 'Title: Other\n\nnothing\n' >"$c/other/o.txt"
printf 'Title: Target\n\noil\n' >"$tmp/target.txt"
ln -s "$tmp/target.txt" "$c/link.txt"
mkdir -p "$tmp/xdg/rubric"
printf '[rubric]\ncheck = folders\n[theme oil]\npattern = "oil"\nautotag = 2\n[theme gas]\npattern = "gas"\n' \
    >"$tmp/xdg/rubric/config.ini"

# run NAME: the outputs of list, stats and export, and the log, into $tmp/NAME.*;
# truth NAME: the same with no cache at all.
outputs() {
	./rubric list "$c" >"$tmp/$1.list" 2>&1
	[ -n "${RUBRIC_LOG-}" ] && cp "$RUBRIC_LOG" "$tmp/$1.log1"
	./rubric stats --format jsonl "$c" >"$tmp/$1.stats" 2>&1
	./rubric export -f jsonl "$c" >"$tmp/$1.export" 2>&1
	./rubric list -q 'theme:oil>=2 or tag:oil' "$c" >"$tmp/$1.query" 2>&1
}
run() {
	: >"$tmp/log"
	RUBRIC_LOG=$tmp/log outputs "$1"
	cp "$tmp/log" "$tmp/$1.log"
}
truth() { RUBRIC_NO_HEADSTORE=1 XDG_CACHE_HOME=$tmp/none outputs "$1"; }
same() {
	for out in list stats export query; do
		cmp -s "$tmp/$1.$out" "$tmp/$2.$out" || { diff "$tmp/$2.$out" "$tmp/$1.$out" | head -8 | sed 's/^/# /'; return 1; }
	done
}
# Whether all four commands took the image; whether the first did not (it walks and
# makes the image anew, which the other three then take).
taken() { [ "$(grep -c 'catimage: [0-9]* articles taken' "$tmp/$1.log")" -eq 4 ]; }
nottaken() { ! grep -q 'catimage: [0-9]* articles taken' "$tmp/$1.log1"; }
# check NAME WHAT TAKEN: run NAME, compare with the truth, and whether the image
# was taken (yes: by every command; no: not by the first).
check() {
	run "$1"
	truth "$1.truth"
	if same "$1" "$1.truth" && { [ "$3" = yes ] && taken "$1" || { [ "$3" = no ] && nottaken "$1"; }; }; then
		ok "$2"
	else
		notok "$2"
		grep catimage "$tmp/$1.log" | sed 's/^/# /'
	fi
}

run first
run second
check third "an unchanged corpus is taken from the image, and answers as a walk" yes
ls "$tmp"/cache/rubric/catalog-*.bin >/dev/null 2>&1 &&
    [ "$(stat -c %a "$tmp"/cache/rubric/catalog-*.bin)" = 600 ] &&
    ok "the image is made 0600" || notok "the image is made 0600"

printf 'Title: New\n\noil oil\n' >"$c/sub/deeper/new.txt"
check made "a file made two folders down: not taken" no
check made2 "then taken again, with the new file" yes

printf 'Title: Renamed over\n\ngas gas\n' >"$c/sub/s.new"
mv "$c/sub/s.new" "$c/sub/s.txt"
check renamed "a file renamed over another: not taken" no
run renamed2

# Written in place: its folder keeps its times. check = folders does not see it, with
# the image or without, until a check = files run has looked: that run writes the
# head store, whose tag the image no longer has, and makes the image again with what
# it saw.
printf 'Title: Deep, edited in place\n\ngas\n' >"$c/sub/deeper/deep.txt"
run inplace
if grep -q 'sub/deeper/deep.txt	Deep	' "$tmp/inplace.list" && taken inplace; then
	ok "a file written in place is not seen with check = folders (as rubric(5) says)"
else
	notok "a file written in place is not seen with check = folders (as rubric(5) says)"
fi
cp "$tmp/xdg/rubric/config.ini" "$tmp/folders.ini"
sed 's/^check = folders$/check = files/' "$tmp/folders.ini" >"$tmp/xdg/rubric/config.ini"
./rubric list "$c" >/dev/null 2>&1
cp "$tmp/folders.ini" "$tmp/xdg/rubric/config.ini"
check seen "once a check = files run saw it, it is seen, from the image that run made" yes
grep -q 'sub/deeper/deep.txt	Deep, edited in place	' "$tmp/seen.list" ||
    notok "the edit is listed"
run seen2

# A link's target written in place: the link's folder does not change; the image
# looks at what is not a regular file.
printf 'Title: Target, edited\n\noil oil oil\n' >"$tmp/target.txt"
check link "a link's target changed: not taken" no
run link2

printf '[rubric]\ncheck = folders\n[theme oil]\npattern = "oil"\nautotag = 2\n[theme gas]\npattern = "gas|petrol"\n' \
    >"$tmp/xdg/rubric/config.ini"
check themes "a theme changed: not taken" no
printf '[rubric]\ncheck = folders\nextensions = txt text\n[theme oil]\npattern = "oil"\nautotag = 2\n[theme gas]\npattern = "gas|petrol"\n' \
    >"$tmp/xdg/rubric/config.ini"
printf 'Title: Text\n\noil\n' >"$c/other/t.text"
run ext0
run ext1
check ext "then taken again under the new extensions" yes
printf '[rubric]\ncheck = folders\n[theme oil]\npattern = "oil"\nautotag = 2\n[theme gas]\npattern = "gas|petrol"\n' \
    >"$tmp/xdg/rubric/config.ini"
check ext2 "the extensions changed back: not taken, and the .text file gone" no
run ext3

# The image damaged in twenty ways, each from a copy of the good one: never taken,
# the same answers.
img=$(ls "$tmp"/cache/rubric/catalog-*.bin)
cp "$img" "$tmp/good.bin"
size=$(wc -c <"$tmp/good.bin")
bad=0
k=0
while [ $k -lt 20 ]; do
	cp "$tmp/good.bin" "$img"
	case $((k % 4)) in
	0) truncate -s $((size - 8 - k * 40)) "$img" ;;
	# A byte made its complement: 0xff over a 0xff (an empty signature's) would
	# change nothing.
	1) off=$(( (k * 7919) % size ))
	   byte=$(od -An -tu1 -j "$off" -N1 "$img")
	   printf "\\$(printf %03o $((byte ^ 255)))" |
	       dd of="$img" bs=1 seek="$off" conv=notrunc 2>/dev/null ;;
	2) head -c 64 /dev/urandom | dd of="$img" bs=1 seek=$(( (k * 104729) % (size - 64) )) conv=notrunc 2>/dev/null ;;
	3) truncate -s $((size + 8)) "$img" ;;
	esac
	run damaged
	if ! same damaged ext3 || ! nottaken damaged; then
		echo "# damage $k: taken or answered otherwise"
		bad=$((bad + 1))
	fi
	k=$((k + 1))
done
[ "$bad" -eq 0 ] && ok "a damaged image, 20 ways: never taken, the same answers" ||
    notok "a damaged image: $bad of 20 taken or answered otherwise"
cp "$tmp/good.bin" "$img"
check good "the good one back: taken" yes

# Damage with the checksum written anew: the records' own checks must hold, so that
# no text is read past its block, no arena is filled by the gigabyte on a head's
# word, and what is taken is what a walk answers.
# First none, the checksum alone made anew: taken, or the helper's sum is not the
# loader's and the rest say nothing.
cp "$tmp/good.bin" "$img"
python3 tests/imagecraft.py "$img" none
check craft-none "no damage, the checksum made anew: taken" yes
for damage in notitle titleend errorat nonul mask pathout pathlong pathnul textsout \
    namelong arena arena8; do
	cp "$tmp/good.bin" "$img"
	python3 tests/imagecraft.py "$img" "$damage"
	run "craft-$damage"
	if same "craft-$damage" ext3 && nottaken "craft-$damage" &&
	    ! grep -q 'Sanitizer\|runtime error' "$tmp/craft-$damage".*; then
		ok "damaged, checksum made anew ($damage): not taken, the same answers"
	else
		notok "damaged, checksum made anew ($damage): not taken, the same answers"
		grep catimage "$tmp/craft-$damage.log" | sed 's/^/# /'
	fi
done
cp "$tmp/good.bin" "$img"

# Another corpus's image in its place: made for other paths.
mkdir "$tmp/d"
cp "$c/sub/s.txt" "$tmp/d/"
./rubric list "$tmp/d" >/dev/null 2>&1
./rubric list "$tmp/d" >/dev/null 2>&1
for f in "$tmp"/cache/rubric/catalog-*.bin; do
	[ "$f" != "$img" ] && cp "$f" "$img"
done
check foreign "another corpus's image: not taken" no

# A link that leads nowhere yet, or to a file: what it points to may become a
# folder with no folder walked changing. And a link to a folder walked already
# through a link of its own, which is then retargeted.
rm -f "$tmp"/cache/rubric/catalog-*
ln -s "$tmp/later" "$c/other/later"
run dangling1
run dangling2
mkdir "$tmp/later"
printf 'Title: Later\n\noil oil\n' >"$tmp/later/l.txt"
check dangling "a dangling link's target made a folder: seen" no
rm "$c/other/later"
ln -s "$c/sub/deeper" "$tmp/chain"
ln -s "$tmp/chain" "$c/other/chain"
run chain1
run chain2
ln -sfn "$tmp/later" "$tmp/chain"
check chain "a link to a folder walked already, retargeted down its chain: seen" no
rm "$c/other/chain"
run chain3

# A folder walked already, met again (mounted there too): once unmounted, the
# folder under it has entries of its own, and its parent's times stay.
mkdir "$c/zbound"
printf 'Title: Under the mount\n\ngas gas\n' >"$c/zbound/under.txt"
if mount --bind "$c/sub" "$c/zbound" 2>/dev/null; then
	rm -f "$tmp"/cache/rubric/catalog-*
	run bound1
	run bound2
	umount "$c/zbound"
	check unbound "a folder walked already under another name, unmounted: seen" no
else
	ok "# SKIP mount --bind needs root"
fi
rm -rf "$c/zbound"
run bound3

# An empty corpus has its image too.
c=$tmp/empty
mkdir -p "$c"
run empty1
run empty2
check empty3 "an empty corpus: imaged and taken" yes

# A folder reached through a link whose name sorts before a real folder's: the walk
# sorts its articles after, and the image is made all the same.
c=$tmp/e
mkdir -p "$c/d0" "$tmp/elsewhere"
printf 'Title: D0\n\noil\n' >"$c/d0/x.txt"
printf 'Title: Elsewhere\n\noil oil\n' >"$tmp/elsewhere/y.txt"
ln -s "$tmp/elsewhere" "$c/a_link"
run sorted1
run sorted2
check sorted3 "a linked folder that sorts first: imaged and taken" yes
# With the sidecar at the root and no folder reached through a link, every
# article's name is its path in the sidecar, and no pass over them looks
# (catalog_relpaths()); with a linked folder, told by the walk or kept in the
# image, the pass looks.
if grep -q 'relative paths: the names' "$tmp/first.log" &&
    [ "$(grep -c 'relative paths: the names' "$tmp/empty3.log")" -eq 4 ]; then
	ok "no link to a folder: the names taken as the paths in the sidecar"
else
	notok "no link to a folder: the names taken as the paths in the sidecar"
fi
if grep -q 'catimage: [0-9]* articles taken' "$tmp/sorted3.log" &&
    ! grep -q 'relative paths: the names' "$tmp/sorted1.log" "$tmp/sorted2.log" \
    "$tmp/sorted3.log"; then
	ok "a linked folder, walked or from the image: the paths in the sidecar looked at"
else
	notok "a linked folder, walked or from the image: the paths in the sidecar looked at"
fi

# check = files: a command makes the image too, and takes it only when every file
# still has its stamp, so that a file written in place is seen at once.
rm -f "$tmp"/cache/rubric/catalog-*
sed 's/^check = folders$/check = files/' "$tmp/folders.ini" >"$tmp/xdg/rubric/config.ini"
run files1
check files2 "check = files: taken when every file has its stamp, the same answers" yes
printf 'Title: D0, written in place once more\n\noil oil oil oil\n' >"$c/d0/x.txt"
check files3 "check = files: a file written in place: not taken, and seen at once" no
if grep -q 'written in place once more' "$tmp/files3.list"; then
	ok "check = files: the new title listed"
else
	notok "check = files: the new title listed"
fi
check files4 "check = files: then taken again, with what was seen" yes

# The image cut short in place while commands read it (a cache cleaner, a backup
# copied over it): nothing of it is mapped, so none dies of a SIGBUS (a build that
# mapped it died in 4 of 40), and each answers as a walk does.
c=$tmp/big
tests/bin/gencorpus "$c" 3000 >/dev/null
sed 's/^check = files$/check = folders/' "$tmp/xdg/rubric/config.ini" >"$tmp/big.ini"
cp "$tmp/big.ini" "$tmp/xdg/rubric/config.ini"
./rubric list "$c" >"$tmp/big.truth" 2>&1
./rubric list "$c" >/dev/null 2>&1
# The image made last is this corpus's.
big=$(ls -t "$tmp"/cache/rubric/catalog-*.bin | head -1)
cp "$big" "$tmp/big.bin"
# Another process puts the image back and cuts it short, in place, over and over.
(while [ ! -e "$tmp/big.stop" ]; do cp "$tmp/big.bin" "$big"; : >"$big"; done) &
cutter=$!
died=0 wrong=0 k=0
while [ "$k" -lt 40 ]; do
	./rubric list "$c" >"$tmp/big.out" 2>&1
	[ $? -ge 128 ] && died=$((died + 1))
	cmp -s "$tmp/big.out" "$tmp/big.truth" || wrong=$((wrong + 1))
	k=$((k + 1))
done
touch "$tmp/big.stop"
wait "$cutter"
[ "$died" -eq 0 ] && ok "an image cut short while 40 commands read it: none died" ||
    notok "an image cut short while 40 commands read it: $died died"
[ "$wrong" -eq 0 ] && ok "and each listed what a walk lists" ||
    notok "and $wrong listed otherwise"

echo "1..$n"
