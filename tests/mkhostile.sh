#!/bin/sh
# mkhostile.sh DIR -- build a hostile corpus for rubric's terminal-safety tests.
#
# Creates DIR (if needed) and fills it with files designed to break a naive
# terminal reader: escape sequences (CSI, OSC, DCS, APC, PM, SOS, tmux
# passthrough), raw and UTF-8-encoded C1 controls, bidi overrides, overstrikes,
# invalid UTF-8, NUL bytes, empty/blank files, CRLF, no final newline,
# RTL/CJK/combining/emoji text, a 1 MiB line, a ~10 MB file, hidden files,
# a wrong extension, a symlink loop and an unreadable file.
#
# Output is deterministic (same bytes every run) and takes well under a second.
# Pure POSIX sh: only printf (octal escapes), mkdir, ln, chmod, rm.
# Re-running into the same DIR is fine; DIR is never removed.
#
# Usage: sh tests/mkhostile.sh DIR

# Many one-line appends and literal $ in formats are intentional.
# shellcheck disable=SC2016,SC2129

set -eu

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
    printf 'usage: %s DIR\n' "$0" >&2
    exit 2
fi

D=$1
umask 022
mkdir -p "$D" "$D/sub" "$D/.hiddendir"

# Undo what a previous run left behind that would make rewriting fail.
if [ -e "$D/unreadable.txt" ]; then chmod 644 "$D/unreadable.txt"; fi
rm -f "$D/sub/loop"

# --------------------------------------------------------------------------
# Escape sequences.  \033 = ESC, \007 = BEL, \033\\ = ST (ESC backslash).

printf 'CSI payloads\n\n' > "$D/esc-csi.txt"
printf 'Clear screen: before\033[2Jafter ED 2.\n' >> "$D/esc-csi.txt"
printf 'Cursor home: before\033[Hafter CUP.\n' >> "$D/esc-csi.txt"
printf 'Colour: this is \033[31m red \033[0m and this is normal.\n' >> "$D/esc-csi.txt"
printf 'Alternate screen: \033[?1049hafter smcup, never left.\n' >> "$D/esc-csi.txt"
printf 'Device status report: \033[6n (terminal would answer on stdin).\n' >> "$D/esc-csi.txt"
printf 'Full reset (RIS): \033c after reset.\n' >> "$D/esc-csi.txt"
printf 'Save/restore cursor: \0337saved here\033[10;10Hmoved\0338 restored.\n' >> "$D/esc-csi.txt"
printf 'Invisible text: \033[8mSECRET-CONCEALED\033[28m and blink \033[5mBLINK\033[25m.\n' >> "$D/esc-csi.txt"
printf 'Scroll region: \033[1;3r then insert lines \033[5L and erase \033[K.\n' >> "$D/esc-csi.txt"
printf 'Mouse tracking on: \033[?1000h\033[?1006h and bracketed paste off: \033[?2004l.\n' >> "$D/esc-csi.txt"
printf 'Window ops: \033[8;5;5t resize and \033[21t report title.\n' >> "$D/esc-csi.txt"
printf 'Truncated CSI at end of line: \033[\n' >> "$D/esc-csi.txt"
printf 'Truncated CSI with params: \033[38;5;\n' >> "$D/esc-csi.txt"
printf 'Last line of esc-csi.\n' >> "$D/esc-csi.txt"

printf 'OSC payloads\n\n' > "$D/esc-osc.txt"
printf 'Window title (BEL): \033]0;PWNED-TITLE\007 after title.\n' >> "$D/esc-osc.txt"
printf 'Window title (ST): \033]2;PWNED2\033\\ after title2.\n' >> "$D/esc-osc.txt"
printf 'Icon name: \033]1;PWNED-ICON\007 after icon.\n' >> "$D/esc-osc.txt"
printf 'Clipboard set (OSC 52): \033]52;c;cHduZWQ=\007 after clipboard.\n' >> "$D/esc-osc.txt"
printf 'Clipboard query (OSC 52): \033]52;c;?\007 after query.\n' >> "$D/esc-osc.txt"
printf 'Hyperlink (OSC 8): \033]8;;http://evil.example/\033\\click\033]8;;\033\\ after link.\n' >> "$D/esc-osc.txt"
printf 'Font (OSC 50): \033]50;-misc-fixed-bold-r-normal--40-*-*-*-*-*-*-*\007 after font.\n' >> "$D/esc-osc.txt"
printf 'Palette (OSC 4): \033]4;1;rgb:ff/ff/ff\007 and query \033]10;?\007 after palette.\n' >> "$D/esc-osc.txt"
printf 'Notification (OSC 9): \033]9;PWNED-NOTIFY\007 after notify.\n' >> "$D/esc-osc.txt"
printf 'Unterminated OSC follows: \033]2;UNTERMINATED' >> "$D/esc-osc.txt"
printf ' and the rest of the file is still inside it\nsecond line still unterminated\n' >> "$D/esc-osc.txt"

printf 'DCS, APC, PM and SOS payloads\n\n' > "$D/esc-dcs.txt"
printf 'DCS XTGETTCAP: \033P+q544e\033\\ after dcs.\n' >> "$D/esc-dcs.txt"
printf 'DCS DECRQSS: \033P$qm\033\\ after decrqss.\n' >> "$D/esc-dcs.txt"
printf 'DCS sixel: \033Pq#0;2;0;0;0#0~~@@vv@@~~@@~~$-\033\\ after sixel.\n' >> "$D/esc-dcs.txt"
printf 'APC: \033_Gf=100,a=T;PWNED-APC\033\\ after apc.\n' >> "$D/esc-dcs.txt"
printf 'PM: \033^PWNED-PRIVACY-MESSAGE\033\\ after pm.\n' >> "$D/esc-dcs.txt"
printf 'SOS: \033XPWNED-START-OF-STRING\033\\ after sos.\n' >> "$D/esc-dcs.txt"
printf 'tmux passthrough: \033Ptmux;\033\033]2;PASSTHRU\007\033\\ after tmux.\n' >> "$D/esc-dcs.txt"
printf 'screen passthrough: \033P\033]2;SCREENPASS\007\033\\ after screen.\n' >> "$D/esc-dcs.txt"
printf 'DCS terminated by BEL only: \033Pq#0~~\007 visible?\n' >> "$D/esc-dcs.txt"
printf 'Last line of esc-dcs.\n' >> "$D/esc-dcs.txt"

# 8-bit C1 controls: raw bytes (invalid UTF-8) and UTF-8-encoded U+0080..U+009F.
printf 'C1 control characters\n\n' > "$D/c1.txt"
printf 'Raw CSI 0x9b: before\2332Jafter.\n' >> "$D/c1.txt"
printf 'Raw OSC 0x9d: \2350;RAWC1 \007 after.\n' >> "$D/c1.txt"
printf 'Raw DCS 0x90: \220q#0~~\234 after (0x9c is ST).\n' >> "$D/c1.txt"
printf 'Raw PM 0x9e and APC 0x9f: \236PM\234 \237APC\234 after.\n' >> "$D/c1.txt"
printf 'Raw NEL 0x85, RI 0x8d, IND 0x84: a\205b\215c\204d.\n' >> "$D/c1.txt"
printf 'UTF-8 U+009B: before\302\2332Jafter.\n' >> "$D/c1.txt"
printf 'UTF-8 U+009D: \302\2350;UTF8C1\302\234 after.\n' >> "$D/c1.txt"
printf 'UTF-8 U+0090: \302\220q#0\302\234 after.\n' >> "$D/c1.txt"
printf 'UTF-8 U+0085 NEL: a\302\205b.\n' >> "$D/c1.txt"
printf 'UTF-8 U+0080 and U+009F: \302\200 \302\237 end.\n' >> "$D/c1.txt"

# Bidi controls: U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C.
printf 'Bidi controls\n\n' > "$D/bidi.txt"
printf 'Attachment: file\342\200\256txt.exe (RLO inside a file name).\n' >> "$D/bidi.txt"
printf 'Unbalanced RLO at end of line: danger\342\200\256\n' >> "$D/bidi.txt"
printf 'This line must not be reversed by the previous one.\n' >> "$D/bidi.txt"
printf 'LRE \342\200\252embedded\342\200\254, RLE \342\200\253embedded\342\200\254, LRO \342\200\255override\342\200\254.\n' >> "$D/bidi.txt"
printf 'Isolates: LRI \342\201\246a\342\201\251 RLI \342\201\247b\342\201\251 FSI \342\201\250c\342\201\251 PDI-only \342\201\251.\n' >> "$D/bidi.txt"
printf 'Trojan source: if (access_level != "user\342\200\256 \342\201\246// check admin\342\201\251 \342\201\246") {\n' >> "$D/bidi.txt"
printf 'Marks: left\342\200\216to\342\200\216right, right\342\200\217to\342\200\217left, arabic\330\234letter\330\234mark.\n' >> "$D/bidi.txt"
printf 'Unbalanced isolate at end of file: \342\201\247open' >> "$D/bidi.txt"
printf '\n' >> "$D/bidi.txt"

# Overstrike and cursor-motion control characters.
printf 'Overwrite tricks\n\n' > "$D/overwrite.txt"
printf 'Backspace: abc\010\010\010XYZ\n' >> "$D/overwrite.txt"
printf 'Carriage return: visible\rHIDDEN\n' >> "$D/overwrite.txt"
printf 'Password: hunter2\r**********\n' >> "$D/overwrite.txt"
printf '\007\n' >> "$D/overwrite.txt"
printf 'DEL: a\177b\177\177c\n' >> "$D/overwrite.txt"
printf 'Vertical tab: up\013down\n' >> "$D/overwrite.txt"
printf 'Form feed: page one\014page two\n' >> "$D/overwrite.txt"
printf 'Other C0: SO\016shift-out\017SI, SUB\032, CAN\030, ENQ\005.\n' >> "$D/overwrite.txt"
printf 'Trailing CR only\r\n' >> "$D/overwrite.txt"
printf '\r\n' >> "$D/overwrite.txt"
printf 'Last line of overwrite.\n' >> "$D/overwrite.txt"

# Malformed UTF-8.
printf 'Invalid UTF-8\n\n' > "$D/invalid-utf8.txt"
printf 'Stray continuation bytes: a\200b\201c\277d\n' >> "$D/invalid-utf8.txt"
printf 'Truncated 2-byte at line end: \303\n' >> "$D/invalid-utf8.txt"
printf 'Truncated 3-byte at line end: \342\202\n' >> "$D/invalid-utf8.txt"
printf 'Truncated 4-byte at line end: \360\237\230\n' >> "$D/invalid-utf8.txt"
printf 'Truncated then ASCII: \342\202x and \360\237y\n' >> "$D/invalid-utf8.txt"
printf 'Overlong slash: \300\257 \340\200\257 \360\200\200\257\n' >> "$D/invalid-utf8.txt"
printf 'Overlong NUL: \300\200 and overlong ESC: \300\233[2J\n' >> "$D/invalid-utf8.txt"
printf 'Encoded surrogates: \355\240\200 \355\277\277 \355\240\275\355\270\200\n' >> "$D/invalid-utf8.txt"
printf 'Never-valid bytes: \376 \377 \376\377 \301\277\n' >> "$D/invalid-utf8.txt"
printf '5-byte form: \370\210\200\200\200 6-byte form: \374\204\200\200\200\200\n' >> "$D/invalid-utf8.txt"
printf 'Above U+10FFFF: \364\220\200\200\n' >> "$D/invalid-utf8.txt"
printf 'Latin-1 text: caf\351 na\357ve \253quoted\273\n' >> "$D/invalid-utf8.txt"
printf 'Valid after invalid: \303\251 \342\202\254 \360\237\230\200\n' >> "$D/invalid-utf8.txt"
printf 'Truncated at EOF: \342\200' >> "$D/invalid-utf8.txt"

# Binary: NUL bytes within the first 100 bytes.
printf 'Binary file\n\nThis\000has\000NUL\000bytes early.\n' > "$D/nul.txt"
printf 'More text after the NULs, \033]2;NUL-FILE-TITLE\007 should never be shown.\n' >> "$D/nul.txt"

# Degenerate files.
: > "$D/empty.txt"
printf '\n\n   \n\n \n        \n\n' > "$D/blank.txt"

printf 'CRLF title line\r\n\r\n' > "$D/crlf.txt"
printf 'This file uses DOS line endings throughout. Every line ends in CR LF,\r\n' >> "$D/crlf.txt"
printf 'including this one, and the blank line above is a bare CR LF.\r\n' >> "$D/crlf.txt"
printf '\r\n' >> "$D/crlf.txt"
printf 'Second paragraph, also CRLF terminated.\r\n' >> "$D/crlf.txt"

printf 'No final newline\n\nThis file ends without a newline character.' > "$D/no-newline.txt"

# --------------------------------------------------------------------------
# Scripts and shaping.

printf 'Right-to-left text\n\n' > "$D/rtl.txt"
printf 'זהו קובץ בדיקה עם טקסט בעברית. גרסה 2.5 של rubric תומכת ב-UTF-8, והמספר 1234 צריך להופיע משמאל לימין.\n\n' >> "$D/rtl.txt"
printf 'يحتوي هذا الملف على نص عربي مع أرقام 123 و٤٥٦ وكلمات English في الوسط، ويجب أن يظهر بشكل صحيح.\n\n' >> "$D/rtl.txt"
printf 'مع الحركات: ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ صَبَاحًا، وَقَرَأَ كِتَابًا جَدِيدًا عَنْ نَهْرِ الفُرَاتِ.\n\n' >> "$D/rtl.txt"
printf 'Mixed: the word שלום means peace, سلام too, and 42 stays 42 in both.\n' >> "$D/rtl.txt"

printf 'CJK text\n\n' > "$D/cjk.txt"
printf '这条河从北方的高原流下来，经过许多村庄和小城，最后汇入远方的大海。每年春天，雪水融化，河面变宽，岸边的农民便开始修整水渠，准备播种小麦和棉花。老人们说，几十年前河水比现在多得多，夏天孩子们可以在浅滩上游泳，渔夫们每天早晨划着木船出去撒网，傍晚带着满筐的鱼回来。后来上游修了水坝，下游的水量一年比一年少，很多水渠干涸了，田地也荒废了。年轻人陆续离开家乡，去城市里打工，只有老人和孩子留在村子里。尽管如此，每到收获的季节，村民们还是会聚在一起，在打谷场上分享新麦做成的面饼，讲述过去的故事。有人说，只要河还在流，村子就不会消失；也有人说，河水总有一天会回来的。记者在村口遇到一位七十多岁的老人，他指着干涸的河床说，这里曾经有一座木桥，桥下的水深得看不见底。如今桥已经没有了，只剩下两根黑色的木桩立在沙地上，像两个沉默的守望者。\n\n' >> "$D/cjk.txt"
printf '日本語の行：ひらがな、カタカナ、漢字が混ざった文章です。English words と数字 2024 も含みます。한국어 문장도 있습니다.\n' >> "$D/cjk.txt"
printf '全角：ＡＢＣＤＥ　１２３４５　！？（）［］，半角ｶﾀｶﾅﾃｽﾄ and ASCII.\n' >> "$D/cjk.txt"

printf 'Combining marks\n\n' > "$D/combining.txt"
printf 'Decomposed: cafe\314\201 vs precomposed: caf\303\251\n' >> "$D/combining.txt"
printf 'Vietnamese (NFD): Tie\314\202\314\201ng Vie\314\202\314\243t, Nguye\314\202\314\203n, \304\220a\314\200 Na\314\206\314\200ng\n' >> "$D/combining.txt"
printf 'Zalgo: Z\314\200\314\201\314\202\314\203\314\204\314\206\314\207\314\210a\315\223\315\224\315\225\315\226\315\227\315\230\315\231\315\232lgo here\n' >> "$D/combining.txt"
printf '\314\201starts with a combining acute\n' >> "$D/combining.txt"
printf '\315\217 starts with CGJ, then x\342\203\235 (enclosing circle) and 1\357\270\217\342\203\243 keycap\n' >> "$D/combining.txt"
printf 'Hangul jamo: \341\204\222\341\205\241\341\206\253 (decomposed han)\n' >> "$D/combining.txt"

printf 'Tabs\n\n' > "$D/tabs.txt"
printf 'name\tcount\tnote\n' >> "$D/tabs.txt"
printf 'alpha\t1\tfirst row\n' >> "$D/tabs.txt"
printf 'beta-longer-name\t22\tsecond row\n' >> "$D/tabs.txt"
printf '\tone leading tab\n' >> "$D/tabs.txt"
printf '\t\ttwo leading tabs\n' >> "$D/tabs.txt"
printf '    \tspaces then a tab\n' >> "$D/tabs.txt"
printf 'trailing tab\t\n' >> "$D/tabs.txt"
printf '\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tmany tabs\n' >> "$D/tabs.txt"

# U+1F600, ZWJ family, flags SY and IQ, skin tone, VS16, rainbow flag,
# lone regional indicator, keycap.
printf 'Emoji\n\n' > "$D/emoji.txt"
printf 'Simple: \360\237\230\200 \360\237\214\215 \360\237\223\260 end\n' >> "$D/emoji.txt"
printf 'ZWJ family: \360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247\342\200\215\360\237\221\246 end\n' >> "$D/emoji.txt"
printf 'Flags: \360\237\207\270\360\237\207\276 \360\237\207\256\360\237\207\266 \360\237\217\263\357\270\217\342\200\215\360\237\214\210 end\n' >> "$D/emoji.txt"
printf 'Lone regional indicator: \360\237\207\270 end\n' >> "$D/emoji.txt"
printf 'Skin tone: \360\237\221\215\360\237\217\275 and VS16: \342\235\244\357\270\217 vs text \342\235\244\357\270\216 end\n' >> "$D/emoji.txt"
printf 'Keycap: 1\357\270\217\342\203\243 and ZWJ alone: a\342\200\215b end\n' >> "$D/emoji.txt"

# --------------------------------------------------------------------------
# Size tests.

# long-line.txt: one line of exactly 1048576 bytes, then a newline.
# 1024 blocks of 1024 bytes: 1016 bytes of filler words + "w000000 ".
u='lorem ipsum dolor sit amet '          # 27 bytes
u2=$u$u; u4=$u2$u2; u8=$u4$u4; u16=$u8$u8; u32=$u16$u16
filler=$u32$u4$u'consectetur elit '       # 37*27 + 17 = 1016 bytes
i=0
{
    while [ "$i" -lt 1024 ]; do
        printf '%sw%06d ' "$filler" "$i"
        i=$((i + 1))
    done
    printf '\n'
} > "$D/long-line.txt"

# big.txt: ~10 MB of ordinary paragraphs (some hard-wrapped, some long
# single lines), built by doubling a ~1.2 KB chunk to ~1.25 MB and writing
# it eight times under numbered part headings.
p='The river rose in the spring and fell in the autumn, as it always had,
and the farmers along its banks measured the year by the steps of their
pumping stations rather than by any calendar.

Traders crossed at the ferry points each morning with flour, diesel and spare parts, paid whatever the checkpoint asked, and came back in the evening with sheep, cigarettes and news. Nobody wrote any of it down, which is why the archive is so thin.

Engineers argued about the dam. Councils argued about the bridges.
Families argued about whether to go home, and most of them, in the end,
went anyway, one room and one water tank at a time.

A schoolteacher counted her pupils on the first day and again at the end of the month, and the second number was always larger than the first.

The ferryman kept two price lists, one for each bank, and a third in his head
for people he did not know. He said the river had no opinion about any of
them, and that this was the only thing in the valley he trusted completely.

By evening the wind turned, the dust settled on the water, and the generators started up one after another along the street, each with its own rhythm, until the whole town hummed like a workshop that never quite closed for the night.

'
p2=$p$p; p4=$p2$p2; p8=$p4$p4; p16=$p8$p8; p32=$p16$p16
p64=$p32$p32; p128=$p64$p64; p256=$p128$p128; p512=$p256$p256
chunk=$p512$p512
i=1
{
    printf 'Big file\n\n'
    while [ "$i" -le 8 ]; do
        printf 'Part %d\n\n%s' "$i" "$chunk"
        i=$((i + 1))
    done
} > "$D/big.txt"
unset chunk p2 p4 p8 p16 p32 p64 p128 p256 p512

# --------------------------------------------------------------------------
# Files the reader should skip or survive.

printf 'Hidden file\n\nDot files should be skipped.\n' > "$D/.hidden.txt"
printf 'Inside a hidden directory\n\nShould be skipped.\n' > "$D/.hiddendir/inside.txt"
printf 'Wrong extension\n\nThis .dat file should be ignored.\n' > "$D/notes.dat"
printf 'Sub directory file\n\nA normal file next to a symlink loop.\n' > "$D/sub/normal.txt"
ln -s .. "$D/sub/loop"
printf 'Unreadable\n\nMode 000; root can still read it.\n' > "$D/unreadable.txt"
chmod 000 "$D/unreadable.txt"
