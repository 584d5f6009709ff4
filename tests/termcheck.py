#!/usr/bin/env python3
"""termcheck.py TERM FILE: checks that the bytes a program wrote to a terminal (a pty
capture) hold no escape sequence that terminfo's description of TERM does not have.

Every control sequence in FILE is cut out (CSI, OSC, DCS, APC, PM, SOS, two-byte ESC
sequences, C0 and C1 controls) and must match one of TERM's string capabilities, read
with infocmp, with each %-parameter standing for a number. Printable text must hold no
C1 control (U+0080..U+009F) or bidirectional control either: a terminal would act on
those too. Prints what it found and exits 1 on the first thing wrong.
"""
import re
import subprocess
import sys

BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


def unescape(cap):
    """A terminfo string as infocmp prints it, to bytes; %-codes left as they are."""
    out = bytearray()
    i = 0
    while i < len(cap):
        c = cap[i]
        if c == "\\" and i + 1 < len(cap):
            n = cap[i + 1]
            i += 2
            if n in "Ee":
                out += b"\x1b"
            elif n == "n":
                out += b"\n"
            elif n == "r":
                out += b"\r"
            elif n == "t":
                out += b"\t"
            elif n == "b":
                out += b"\b"
            elif n == "f":
                out += b"\f"
            elif n == "s":
                out += b" "
            elif n in "0123":
                j = i - 1
                while i < len(cap) and i < j + 3 and cap[i] in "01234567":
                    i += 1
                v = int(cap[j:i], 8)
                out.append(v if v else 0x80)
            else:
                out += n.encode()
        elif c == "^" and i + 1 < len(cap):
            out.append(ord(cap[i + 1]) & 0x1F if cap[i + 1] != "?" else 0x7F)
            i += 2
        else:
            out += c.encode()
            i += 1
    return bytes(out)


def patterns(term):
    """Each capability as a regex over bytes: %-parameters match digits, padding goes."""
    text = subprocess.run(["infocmp", "-1", "-L", term], capture_output=True,
                          text=True, check=True).stdout
    pats = set()
    for line in text.splitlines()[2:]:
        line = line.strip().rstrip(",")
        if "=" not in line:
            continue
        name, cap = line.split("=", 1)
        if name in ("acs_chars",):
            continue
        raw = re.sub(rb"\$<[0-9.*/]+>", b"", unescape(cap))
        # Split at the control sequences the capability holds: each one alone is
        # what may appear in the output (ncurses sends them one by one too).
        # Text inside a conditional's branches (%? .. %t .. %e .. %;) may or may
        # not be sent: it becomes optional.
        rx = b""
        pieces = []
        depth = 0
        i = 0
        while i < len(raw):
            if raw[i:i + 1] == b"%":
                m = re.match(rb"%(?:[-+# ]?[0-9.]*[doxXs]|p[1-9]|P[a-zA-Z]|g[a-zA-Z]|'.'|"
                             rb"\{[0-9]+\}|[%cilAO=<>!~^&|+*/mtTe?;-])", raw[i:])
                if m is None:
                    rx += re.escape(raw[i:i + 1])
                    i += 1
                    continue
                tok = m.group(0)
                if re.match(rb"%[-+# ]?[0-9.]*[doxX]$", tok):
                    rx += rb"[0-9]*"
                elif tok == b"%%":
                    rx += rb"%"
                elif tok == b"%c":
                    rx += rb"[\x00-\xff]"
                elif tok == b"%t":
                    depth += 1
                elif tok == b"%;" and depth > 0:
                    depth -= 1
                i += len(tok)
            else:
                j = i
                while j < len(raw) and raw[j:j + 1] != b"%":
                    j += 1
                # A sequence starts at each ESC, and a control byte is one of
                # its own, as the capture is cut up: what came before is whole.
                for b in raw[i:j]:
                    c = bytes([b])
                    if b == 0x1B or b < 0x20 or b == 0x7F:
                        if rx:
                            pieces.append(rx)
                        rx = c if b == 0x1B else b""
                        if b != 0x1B:
                            pieces.append(re.escape(c))
                        continue
                    c = re.escape(c)
                    rx += b"(?:" + c + b")?" if depth > 0 else c
                i = j
        for piece in pieces + [rx]:
            if piece:
                pats.add(piece)
    return [re.compile(p) for p in pats]


def sequences(data):
    """(offset, bytes) of every control sequence, and the printable text between."""
    seqs, text = [], []
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b == 0x1B:
            j = i + 1
            if j < n and data[j] == 0x5B:  # CSI
                j += 1
                while j < n and 0x30 <= data[j] <= 0x3F:
                    j += 1
                while j < n and 0x20 <= data[j] <= 0x2F:
                    j += 1
                j += 1
            elif j < n and data[j] in b"]P_^X":  # OSC DCS APC PM SOS: to ST or BEL
                j += 1
                while j < n and data[j] != 0x07 and data[j:j + 2] != b"\x1b\\":
                    j += 1
                j += 1 if j < n and data[j] == 0x07 else 2
            elif j < n and 0x20 <= data[j] <= 0x2F:  # ESC ( B and the like
                j += 2
            else:
                j += 1
            seqs.append((i, data[i:j]))
            i = j
        elif b < 0x20 or b == 0x7F:
            seqs.append((i, data[i:i + 1]))
            i += 1
        else:
            j = i
            while j < n and data[j] != 0x1B and not (data[j] < 0x20 or data[j] == 0x7F):
                j += 1
            text.append((i, data[i:j]))
            i = j
    return seqs, text


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    term, path = sys.argv[1], sys.argv[2]
    pats = patterns(term)
    with open(path, "rb") as f:
        data = f.read()
    seqs, text = sequences(data)
    allowed = {b"\r", b"\n", b"\b", b"\t"}
    kinds = {}
    for off, s in seqs:
        if s in allowed or any(p.fullmatch(s) for p in pats):
            kinds[s[:2]] = kinds.get(s[:2], 0) + 1
            continue
        sys.exit(f"{path}: at byte {off}: {s!r} is not from terminfo for {term}")
    for off, t in text:
        try:
            chars = t.decode("utf-8")
        except UnicodeDecodeError as e:
            sys.exit(f"{path}: near byte {off + e.start}: {t[e.start:e.end]!r} is not "
                     "UTF-8 (a lone C1 byte is a control to some terminals)")
        for ch in chars:
            cp = ord(ch)
            if 0x80 <= cp <= 0x9F or cp in BIDI:
                sys.exit(f"{path}: near byte {off}: control U+{cp:04X} in the text")
    print(f"{len(data)} bytes, {len(seqs)} control sequences, all from terminfo")


main()
