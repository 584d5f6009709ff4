#!/bin/sh
# The image's file written over in place while a screen that took it is open (a
# backup put back with cp or rsync --inplace): the screen's counts are the ones
# the checksum vouched for at its start, so its end, when the verifier found a
# change and images them anew under a good checksum, never hands a later command
# counts no file ever had. A map of the file's counts would show the new bytes.
. "$(dirname "$0")/lib.sh"
export RUBRIC_INDEX_RACY=0
# Counts over several pages: 3000 articles x 2 themes x 2 bytes.
"$top/tests/bin/gencorpus" "$tmp/m" 3000 >/dev/null
mkdir -p "$tmp/xdg/rubric"
printf '[theme oil]\npattern = "oil"\n[theme gas]\npattern = "gas"\n' >"$tmp/xdg/rubric/config.ini"
log=$tmp/screen.log
cli list "$tmp/m" >/dev/null
cli list "$tmp/m" >/dev/null
# One file written in place: the verifier finds it, and the end makes the image.
f=$(find "$tmp/m" -name '*.txt' | sort | head -1)
printf 'oil\n' >>"$f"
truth=$(RUBRIC_NO_HEADSTORE=1 XDG_CACHE_HOME="$tmp/none" cli stats "$tmp/m")
: >"$log"
start 80 24 RUBRIC_INDEX_RACY=0 RUBRIC_LOG="$log" -- "$tmp/m"
i=0
while ! grep -q "^verify: " "$log" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
if grep -q 'catimage: [0-9]* articles taken' "$log"; then ok "taken from the image"; else notok "taken from the image"; fi
img=$(ls "$tmp/cache/rubric/"catalog-*.bin)
# The counts' part, from the head (tests/imagecraft.py's layout), past its first
# two pages, written over in place with 0x0707s.
off=$(python3 -c "
import struct,sys;b=open(sys.argv[1],'rb').read();h=struct.unpack_from('=12Q',b,8)
print(128+h[5]*16+h[4]*64+h[3]*88+8192)" "$img")
python3 -c "import sys; sys.stdout.buffer.write(b'\x07' * 4096)" |
    dd of="$img" bs=1 seek="$off" conv=notrunc status=none
keys q
wait_for '\[exit [0-9]+\]' >/dev/null
out=$(cli stats "$tmp/m")
if [ "$out" = "$truth" ]; then ok "the next command's stats are the files'"; else
	notok "the next command's stats are the files'"
	echo "$out" | sed -n 4,5p | sed 's/^/# got  /'; echo "$truth" | sed -n 4,5p | sed 's/^/# want /'
fi
finish
