#!/usr/bin/env python3
"""Damages a catalogue image (src/catimage.c) in one way named on the command line
and writes the checksum anew, so that only the loader's own checks stand between
the damage and the articles: imagecraft.py FILE DAMAGE. The layout and the sum are
catimage.c's: a head of 16 words, roots of 2, folders of 8, records of 11."""
import ctypes
import ctypes.util
import struct
import sys

HEAD = ['version', 'config', 'tag', 'n', 'nfolders', 'nroots', 'nthemes',
        'incstride', 'nbinary', 'nerrors', 'strings', 'arena']
REC = ['path', 'texts', 'plen', 'nlen', 'tlen', 'flags', 'title', 'error']
NONE = 0xffffffff


def resum(b):
    """The checksum as catimage.c writes it: XXH3 (64 bits) of every byte but
    the last eight, which hold it, by the libxxhash rubric links."""
    lib = ctypes.CDLL(ctypes.util.find_library('xxhash') or 'libxxhash.so.0')
    lib.XXH3_64bits.restype = ctypes.c_uint64
    lib.XXH3_64bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    body = b[:-8]
    return body + struct.pack('=Q', lib.XXH3_64bits(body, len(body)))


def main():
    path, damage = sys.argv[1], sys.argv[2]
    b = bytearray(open(path, 'rb').read())
    h = dict(zip(HEAD, struct.unpack_from('=12Q', b, 8)))
    recs = 128 + h['nroots'] * 16 + h['nfolders'] * 64
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
    elif damage == 'pathout':		# a path that starts past the strings
        r.update(path=strings + 4096)
    elif damage == 'pathlong':	# a path that runs past the strings' end
        r.update(plen=len(b) - 8 - strings - r['path'])
    elif damage == 'pathnul':		# a path with no NUL after it
        b[strings + r['path'] + r['plen']] = ord('X')
    elif damage == 'textsout':	# texts that start past the strings
        r.update(texts=len(b))
    elif damage == 'namelong':	# a name longer than its path, and its own
        r.update(nlen=r['plen'] + 1)
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
