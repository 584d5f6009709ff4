#!/usr/bin/env python3
"""Damages a catalogue image (src/catimage.c) in one way named on the command line
and writes the checksum anew, so that only the loader's own checks stand between
the damage and the articles: imagecraft.py FILE DAMAGE. The layout and the sum are
catimage.c's: a head of 15 words, roots of 2, folders of 8, records of 11."""
import struct
import sys

M = (1 << 64) - 1
HEAD = ['version', 'config', 'tag', 'n', 'nfolders', 'nroots', 'nthemes',
        'incstride', 'nbinary', 'nerrors', 'strings', 'arena']
REC = ['path', 'texts', 'plen', 'nlen', 'tlen', 'flags', 'title', 'error']
NONE = 0xffffffff


def mix(h, w):
    h = ((h ^ w) * 0x9e3779b97f4a7c15) & M
    return h ^ (h >> 29)


def resum(b):
    """catimage_sum_*: four lanes, word k to lane k % 4, then cachedir_sum() of
    the lanes seeded with the count of words."""
    body = b[:-8]
    lanes = [0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0,
             0x082efa98ec4e6c89]
    words = struct.unpack('=%dQ' % (len(body) // 8), body)
    for i, w in enumerate(words):
        lanes[i % 4] = mix(lanes[i % 4], w)
    h = len(words)
    for w in lanes:
        h = mix(h, w)
    return body + struct.pack('=Q', mix(h, 0))


def main():
    path, damage = sys.argv[1], sys.argv[2]
    b = bytearray(open(path, 'rb').read())
    h = dict(zip(HEAD, struct.unpack_from('=12Q', b, 8)))
    recs = 120 + h['nroots'] * 16 + h['nfolders'] * 64
    strings = len(b) - 8 - h['strings']
    r = dict(zip(REC, struct.unpack_from('=QQ6I', b, recs)))
    if damage == 'none':
        pass
    elif damage == 'notitle':		# no texts at all, so no title
        r.update(tlen=0, title=NONE, error=NONE)
    elif damage == 'titleend':		# the title on the block's last NUL
        r.update(title=r['tlen'] - 1)
    elif damage == 'errorat':		# an error where the first text is
        r.update(error=1)
    elif damage == 'nonul':		# the last text runs past the block
        b[strings + r['texts'] + r['tlen'] - 1] = ord('X')
    elif damage == 'mask':		# more texts said than there are
        b[strings + r['texts']] = 0x3f
    elif damage == 'arena':		# a megabyte more arena than articles
        h['arena'] += 1 << 20
    elif damage == 'arena8':
        h['arena'] += 8
    else:
        sys.exit('imagecraft.py: unknown damage ' + damage)
    struct.pack_into('=12Q', b, 8, *[h[k] for k in HEAD])
    struct.pack_into('=QQ6I', b, recs, *[r[k] for k in REC])
    open(path, 'wb').write(resum(bytes(b)))


main()
