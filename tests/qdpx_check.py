#!/usr/bin/env python3
# Reads a .qdpx back as a REFI-QDA reader would and checks it against what was
# exported: python3 tests/qdpx_check.py FILE.qdpx EXPECT.json. Prints one line per
# problem and exits 1 if there is any.
#
# EXPECT.json: {"codes": [NAME...], "sources": {NAME: {"passages": [{"quote_hex": HEX,
# "codes": [NAME...], "note": TEXT|null}...], "codes": [NAME...], "note": TEXT|null}}}
# where a quote is the article file's bytes in hex (they may be invalid UTF-8) and
# every name and note is as rubric holds it (the checker cleans it as XML must).
import codecs
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = "{urn:QDA-XML:project:1.0}"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
RGB = re.compile(r"^#[0-9A-F]{6}$")

# rubric's rule: each invalid byte is one U+FFFD (Python's "replace" makes one of
# a truncated sequence).
codecs.register_error("perbyte", lambda e: ("\ufffd" * (e.end - e.start), e.end))


def text_of(raw):
    return raw.decode("utf-8", "perbyte")


def xml_clean(s):
    # What XML 1.0 cannot hold, as rubric writes it: U+FFFD.
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or
                   c in "\ufffe\uffff" else c for c in s)


problems = []


def bad(msg):
    problems.append(msg)


def main():
    z = zipfile.ZipFile(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        want = json.load(f)
    # A name is written as XML can hold it.
    want["sources"] = {xml_clean(k): v for k, v in want["sources"].items()}
    if z.testzip() is not None:
        bad("a damaged member: %s" % z.testzip())
    root = ET.fromstring(z.read("project.qde"))
    if root.tag != NS + "Project":
        bad("the root is %s" % root.tag)
    if not root.get("origin", "").startswith("rubric "):
        bad("origin is %r" % root.get("origin"))
    if not root.get("name"):
        bad("the project has no name")
    guids = {}
    for el in root.iter():
        g = el.get("guid")
        if g is None:
            continue
        if not GUID.match(g):
            bad("%s guid %r is no GUID" % (el.tag, g))
        if g in guids:
            bad("guid %s twice" % g)
        guids[g] = el
    for el in root.iter():
        for a in ("targetGUID", "creatingUser", "creatingUserGUID"):
            if el.get(a) is not None and el.get(a) not in guids:
                bad("%s %s=%s refers to nothing" % (el.tag, a, el.get(a)))
    users = root.findall(NS + "Users/" + NS + "User")
    if len(users) != 1:
        bad("%d users" % len(users))
    codes = {}
    for c in root.findall(NS + "CodeBook/" + NS + "Codes/" + NS + "Code"):
        if c.get("isCodable") != "true":
            bad("code %r is not codable" % c.get("name"))
        if not RGB.match(c.get("color", "")):
            bad("code %r colour %r" % (c.get("name"), c.get("color")))
        codes[c.get("guid")] = c.get("name")
    if sorted(codes.values()) != sorted(xml_clean(n) for n in want["codes"]):
        bad("codes %r, not %r" % (sorted(codes.values()), sorted(want["codes"])))
    notes = {}
    for n in root.findall(NS + "Notes/" + NS + "Note"):
        notes[n.get("guid")] = n.findtext(NS + "PlainTextContent")

    def coded(el):
        names = []
        for c in el.findall(NS + "Coding"):
            ref = c.find(NS + "CodeRef")
            names.append(codes.get(ref.get("targetGUID"), "?") if ref is not None
                         else "?")
        return sorted(names)

    def noted(el):
        refs = el.findall(NS + "NoteRef")
        if len(refs) > 1:
            bad("%d notes on one %s" % (len(refs), el.tag))
        return notes.get(refs[0].get("targetGUID"), "?") if refs else None

    seen = set()
    nsel = 0
    for s in root.findall(NS + "Sources/" + NS + "TextSource"):
        name = s.get("name")
        seen.add(name)
        if name not in want["sources"]:
            bad("source %r was not exported" % name)
            continue
        w = want["sources"][name]
        m = re.match(r"^internal://(.*)$", s.get("plainTextPath", ""))
        if m is None:
            bad("%r: plainTextPath %r" % (name, s.get("plainTextPath")))
            continue
        raw = z.read("sources/" + m.group(1))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            bad("%r: the text is not UTF-8: %s" % (name, e))
            continue
        if text.startswith("\ufeff"):
            bad("%r: the text starts with a byte order mark" % name)
        sels = s.findall(NS + "PlainTextSelection")
        if len(sels) != len(w["passages"]):
            bad("%r: %d selections, not %d" % (name, len(sels), len(w["passages"])))
        nsel += len(sels)
        left = list(w["passages"])
        for sel in sels:
            a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
            got = text[a:b]
            for p in left:
                if text_of(bytes.fromhex(p["quote_hex"])) == got:
                    break
            else:
                bad("%r: selection [%d, %d) is %r, no passage's quote" %
                    (name, a, b, got))
                continue
            left.remove(p)
            if coded(sel) != sorted(xml_clean(c) for c in p["codes"]):
                bad("%r: %r coded %r, not %r" % (name, got, coded(sel), p["codes"]))
            wn = p.get("note")
            if noted(sel) != (xml_clean(wn) if wn is not None else None):
                bad("%r: %r note %r, not %r" % (name, got, noted(sel), wn))
        if coded(s) != sorted(xml_clean(c) for c in w.get("codes", [])):
            bad("%r: coded %r as a whole, not %r" % (name, coded(s), w.get("codes")))
        wn = w.get("note")
        if noted(s) != (xml_clean(wn) if wn is not None else None):
            bad("%r: note %r, not %r" % (name, noted(s), wn))
    for name in want["sources"]:
        if name not in seen:
            bad("no source %r" % name)
    for p in problems:
        print(p)
    if not problems:
        print("# %d sources, %d selections, %d codes, %d notes read back" %
              (len(seen), nsel, len(codes), len(notes)))
    sys.exit(1 if problems else 0)


main()
