#!/usr/bin/env python3
"""Reads rubric's exports with real parsers and checks what they must hold.

    exportcheck.py jsonl FILE ROOT   every line is a JSON object with the fields; each
                                     snippet's match is the text at its offset in
                                     the article under ROOT
    exportcheck.py csv FILE N        RFC 4180: a header and N rows of its width;
                                     prints each row as JSON for the caller to grep
    exportcheck.py safe FILE         no control byte but tab, line feed and, for CSV,
                                     carriage return; valid UTF-8
Exits 1 with a message on the first thing wrong.
"""
import csv
import json
import os
import sys


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def check_jsonl(path, root):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"not UTF-8: {e}")
    n = 0
    for line in text.splitlines():
        o = json.loads(line)
        n += 1
        for key in ("path", "title", "tags", "auto", "rejected", "hits", "note",
                    "snippets"):
            if key not in o:
                fail(f"line {n}: no {key}")
        src = os.path.join(root, o["path"])
        with open(src, "rb") as f:
            body = f.read()
        for s in o["snippets"]:
            want = body[s["offset"]:s["offset"] + len(s["match"].encode())]
            got = s["match"].encode()
            # Line ends in a match are shown as spaces.
            if want.replace(b"\n", b" ").replace(b"\r", b" ").replace(b"\t", b" ") != got:
                fail(f"{o['path']}: snippet at {s['offset']} is {got!r}, the text "
                     f"there {want!r}")
    print(n)


def check_csv(path, rows):
    with open(path, newline="", encoding="utf-8") as f:
        data = list(csv.reader(f, strict=True))
    if len(data) != rows + 1:
        fail(f"{len(data) - 1} rows, wanted {rows}")
    width = len(data[0])
    for i, row in enumerate(data):
        if len(row) != width:
            fail(f"row {i}: {len(row)} fields, the header has {width}")
    header = data[0]
    for row in data[1:]:
        print(json.dumps(dict(zip(header, row)), ensure_ascii=False))


def check_safe(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"not UTF-8: {e}")
    for i, b in enumerate(raw):
        if (b < 0x20 and b not in (0x09, 0x0a, 0x0d)) or b == 0x7f:
            fail(f"control byte {b:#04x} at {i}")
    # C1 controls as UTF-8 (U+0080..U+009F) and bidi controls are markers too.
    text = raw.decode("utf-8")
    for i, c in enumerate(text):
        if 0x80 <= ord(c) <= 0x9f or ord(c) in (0x202a, 0x202b, 0x202c, 0x202d,
                                                 0x202e, 0x2066, 0x2067, 0x2068,
                                                 0x2069, 0x200e, 0x200f):
            fail(f"control character U+{ord(c):04X} at character {i}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "jsonl":
        check_jsonl(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "csv":
        check_csv(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "safe":
        check_safe(sys.argv[2])
    else:
        fail(__doc__)


main()
