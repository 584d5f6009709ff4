#!/bin/sh
# rubric export -f qdpx from the shell: a REFI-QDA project written from a corpus and
# a sidecar with passages (written by hand in rubric(5)'s format), unzipped and
# parsed by python3 (tests/qdpx_check.py): every selection's characters are its
# passage's quote though Arabic, an emoji, combining marks, an invalid byte, a byte
# order mark or CR LF line ends come before it; codes, notes and references hold,
# hostile names too. And orphans, -q, the same bytes twice, the outputs refused.
set -u
cd "$(dirname "$0")/.." || exit 1
export RUBRIC_DATADIR=config RUBRIC_INDEX_RACY=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubric-qdpx.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" 2>/dev/null; fi; }
c=$tmp/c
mkdir "$c"

# The corpus, the sidecar (passages in rubric(5)'s form, ids as
# sidecar_passage_id() makes them) and what a reader should find (want.json), made
# from one description.
python3 - "$c" "$tmp/want.json" <<'EOF'
import json, os, sys
root, want_path = sys.argv[1], sys.argv[2]
ARAB = "\u0645\u0631\u062d\u0628\u0627".encode()
files = {
    # CR LF line ends: two characters each, before the passages.
    "a.txt": b"Title: One\r\n\r\nOn Tuesday, the siege was lifted by government "
             b"forces.\r\nLater the siege resumed.\r\n",
    # A byte order mark, Arabic, an emoji, e + combining acute, an invalid byte.
    "b \"odd\" <&>.txt": b"\xef\xbb\xbfTitle: " + ARAB + b"\n\n\xf0\x9f\x99\x82 "
             b"cafe\xcc\x81 \xff then the e\xcc\x81motion \xf0\x9f\x8e\x89 ran "
             b"high, " + ARAB + b" said all.\n",
    "c.txt": b"Title: Three\n\nNothing here is coded but the whole.\n",
    # A line end, a tab and an escape in a name: an attribute must keep them.
    "d\nline\t\x1b[1m.txt": b"Title: Four\n\nPlain.\n",
}
# (file, quote, codes, note); a quote the file does not hold is an orphan.
passages = [
    ("a.txt", b"the siege was lifted", ["siege", "a<b&\"c'>"],
     "Check the date\nand the <source> & \"who\""),
    ("a.txt", b"Later the siege", ["siege"], None),
    ("b \"odd\" <&>.txt", "e\u0301motion \U0001f389".encode(),
     ["\u00fcber \U0001f642"], "\u0645 note"),
    ("b \"odd\" <&>.txt", ARAB + b" said", ["\u0645\u0631\u062d\u0628\u0627"], None),
    ("c.txt", b"words long gone", ["lost"], None),
]
CONTEXT = 32

def fnv_id(*parts):
    h = 0xcbf29ce484222325
    for p in parts:
        for b in p + b"\0":
            h ^= b
            h = (h * 0x100000001b3) & 0xffffffffffffffff
    return "%08x" % ((h >> 32) ^ (h & 0xffffffff))

def whole(b, start, end):
    # Context cut to whole UTF-8 characters, as passage_make() keeps it.
    s = b[start:end]
    while s and (s[0] & 0xc0) == 0x80:
        s = s[1:]
    while s:
        try:
            s.decode()
            break
        except UnicodeDecodeError as e:
            if e.start >= len(s) - 3 and e.reason.startswith("unexpected end"):
                s = s[:e.start]
            else:
                break
    return s

def quoted(b):
    out = ""
    for c in b:
        if c == 0x5c:
            out += "\\\\"
        elif c < 0x20 or c == 0x22 or c == 0x7f or c >= 0x80:
            out += "\\x%02x" % c
        else:
            out += chr(c)
    return '"' + out + '"'

for name, text in files.items():
    with open(os.path.join(root, name), "wb") as f:
        f.write(text)
want = {"codes": [], "sources": {n: {"passages": [], "codes": [], "note": None}
                                 for n in files}}
side = ["; rubric sidecar", ""]
for name in files:
    side.append("[article %s]" % quoted(name.encode()))
    if name == "c.txt":
        side.append('tag "whole" = person')
        side.append('tag "nope" = rejected')
        want["sources"][name]["codes"].append("whole")
        want["codes"].append("whole")
    if name.startswith("b "):
        side.append('note = %s' % quoted("An article's note".encode()))
        want["sources"][name]["note"] = "An article's note"
    text = files[name]
    for pn, quote, codes, note in passages:
        if pn != name:
            continue
        at = text.find(quote)
        if at < 0:
            at, before, after = 20, b"", b""
        else:
            before = whole(text, max(0, at - CONTEXT), at)
            after = whole(text, at + len(quote), at + len(quote) + CONTEXT)
            want["sources"][name]["passages"].append(
                {"quote_hex": quote.hex(), "codes": codes, "note": note})
        pid = fnv_id(quote, before, after)
        side.append("passage.%s = %d-%d" % (pid, at, at + len(quote)))
        side.append("passage.%s.quote = %s" % (pid, quoted(quote)))
        side.append("passage.%s.before = %s" % (pid, quoted(before)))
        side.append("passage.%s.after = %s" % (pid, quoted(after)))
        if note is not None:
            side.append("passage.%s.note = %s" % (pid, quoted(note.encode())))
        for code in sorted(codes, key=lambda s: s.encode()):
            side.append("passage.%s.tag %s = person" % (pid, quoted(code.encode())))
        want["codes"] += codes
    side.append("")
want["codes"] = sorted(set(want["codes"]))
with open(os.path.join(root, ".rubric.ini"), "w") as f:
    f.write("\n".join(side))
with open(want_path, "w") as f:
    json.dump(want, f)
EOF

./rubric export -f qdpx "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "qdpx without -o is refused: a zip is no stream" \
    "[ $rc = 2 ] && grep -qx 'rubric: export: -f qdpx needs -o FILE.qdpx' '$tmp/err'"
./rubric export -f qdpx -o - "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "qdpx -o - is refused too, nothing written" "[ $rc = 2 ] && [ ! -s '$tmp/out' ]"

./rubric export -f qdpx -o "$tmp/p.qdpx" "$c" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "qdpx exits 0 with an orphan and writes nothing on standard output" \
    "[ $rc = 0 ] && [ ! -s '$tmp/out' ]"
check "the zip holds project.qde and one text per article" \
    "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); n = z.namelist(); \
sys.exit(not (\"project.qde\" in n and len([m for m in n if m.startswith(\"sources/\") and m.endswith(\".txt\")]) == 4))' '$tmp/p.qdpx'"
check "the orphan is named on standard error, left out" \
    "grep -q '^rubric: c.txt: warning: passage [0-9a-f]\{8\} \"words long gone\": its quote is not in the text; left out\$' '$tmp/err' && \
[ \$(wc -l <'$tmp/err') = 1 ]"
python3 tests/qdpx_check.py "$tmp/p.qdpx" "$tmp/want.json" >"$tmp/err" 2>&1
check "read back: every selection's characters are its quote, codes, notes and GUIDs hold" \
    "[ $? = 0 ]"
sed 's/^/# /' "$tmp/err"
python3 - "$tmp/p.qdpx" >"$tmp/err" 2>&1 <<'EOF'
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(z.read("project.qde"))
NS = "{urn:QDA-XML:project:1.0}"
names = sorted(s.get("name") for s in root.iter(NS + "TextSource"))
assert names == ['a.txt', 'b "odd" <&>.txt', 'c.txt', 'd\nline\t\ufffd[1m.txt'], names
texts = [z.read(m) for m in z.namelist() if m.startswith("sources/")]
assert not any(t.startswith(b"\xef\xbb\xbf") for t in texts), "a BOM"
b = [t.decode() for t in texts if "\U0001f642".encode() in t][0]
assert "\ufffd then" in b, b
codes = sorted(c.get("name") for c in root.iter(NS + "Code"))
assert "nope" not in codes and "whole" in codes, codes
EOF
check "sources are named by their paths, hostile ones too (a line end and a tab kept, ESC made U+FFFD); BOM dropped, invalid byte U+FFFD; rejected tags left out" \
    "[ $? = 0 ]"

# Text put before the passages and into one's context: they are found again
# (passage.h), and the selections are where the quotes are now, not where they were.
python3 - "$c/a.txt" <<'EOF'
import sys
p = sys.argv[1]
b = open(p, "rb").read()
b = b.replace(b"On Tuesday", "\u0645\u0631\u062d\u0628\u0627 \U0001f642 e\u0301 On Tuesday".encode())
b = b.replace(b"government", b"the government")
open(p, "wb").write(b)
EOF
./rubric export -f qdpx -o "$tmp/moved.qdpx" "$c" 2>"$tmp/err"
python3 tests/qdpx_check.py "$tmp/moved.qdpx" "$tmp/want.json" >"$tmp/err" 2>&1
check "an article changed before its passages: the selections follow the quotes" \
    "[ $? = 0 ] && python3 -c 'import sys, zipfile, re; \
s = [re.findall(rb\"startPosition=.(\\d+)\", zipfile.ZipFile(f).read(\"project.qde\")) for f in sys.argv[1:]]; \
sys.exit(int(s[1][0]) - int(s[0][0]) != 11)' '$tmp/p.qdpx' '$tmp/moved.qdpx'"

# The same corpus, one time: the same bytes.
SOURCE_DATE_EPOCH=1700000000 ./rubric export -f qdpx -o "$tmp/1.qdpx" "$c" 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 ./rubric export -f qdpx -o "$tmp/2.qdpx" "$c" 2>/dev/null
check "two exports with SOURCE_DATE_EPOCH are the same bytes" \
    "cmp -s '$tmp/1.qdpx' '$tmp/2.qdpx' && \
python3 -c 'import sys, zipfile; sys.exit(b\"2023-11-14T22:13:20Z\" not in zipfile.ZipFile(sys.argv[1]).read(\"project.qde\"))' '$tmp/1.qdpx'"

./rubric export -q tag:whole -f qdpx -o "$tmp/q.qdpx" "$c" 2>"$tmp/err"
check "-q exports only what the query picks" \
    "python3 -c 'import sys, zipfile, xml.etree.ElementTree as ET; \
r = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read(\"project.qde\")); \
sys.exit([s.get(\"name\") for s in r.iter(\"{urn:QDA-XML:project:1.0}TextSource\")] != [\"c.txt\"])' '$tmp/q.qdpx'"

# Outputs refused, as for the other formats: nothing changes.
./rubric export -f qdpx -o "$tmp/p.qdpx" "$c" 2>"$tmp/err"
rc=$?
check "an existing file needs --force, said before any work (no orphan's warning)" \
    "[ $rc = 1 ] && grep -q 'p.qdpx: exists; --force replaces it' '$tmp/err' && \
[ \$(wc -l <'$tmp/err') = 1 ]"
cp "$tmp/p.qdpx" "$tmp/before"
./rubric export -q tag:whole -f qdpx --force -o "$tmp/p.qdpx" "$c" 2>"$tmp/err"
rc=$?
check "--force replaces it" \
    "[ $rc = 0 ] && python3 -c 'import sys, zipfile; \
sys.exit(len(zipfile.ZipFile(sys.argv[1]).namelist()) != 2)' '$tmp/p.qdpx'"
mkfifo "$tmp/fifo"
./rubric export -f qdpx --force -o "$tmp/fifo" "$c" 2>"$tmp/err"
rc=$?
check "a FIFO is refused, with --force too" \
    "[ $rc = 1 ] && [ -p '$tmp/fifo' ] && grep -q 'fifo: exists and is not a file' '$tmp/err'"
mkdir "$tmp/dir"
./rubric export -f qdpx --force -o "$tmp/dir" "$c" 2>"$tmp/err"
rc=$?
check "a folder is refused" \
    "[ $rc = 1 ] && [ -d '$tmp/dir' ] && [ -z \"\$(ls -A '$tmp/dir')\" ]"
echo mine >"$tmp/mine"
ln -s "$tmp/mine" "$tmp/link.qdpx"
./rubric export -f qdpx --force -o "$tmp/link.qdpx" "$c" 2>"$tmp/err"
rc=$?
check "a symbolic link is refused, the file it points at untouched" \
    "[ $rc = 1 ] && [ -L '$tmp/link.qdpx' ] && [ \"\$(cat '$tmp/mine')\" = mine ] && \
grep -q 'is a symbolic link' '$tmp/err'"
check "no temporary file is left beside the outputs" \
    "[ -z \"\$(ls -A '$tmp' | grep -e '\.tmp-')\" ]"
echo "1..$n"
