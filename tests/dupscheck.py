#!/usr/bin/env python3
"""Pairwise precision and recall of `rubric dups --format jsonl` (stdin) against the
truth gendups.py wrote: dupscheck.py TRUTH [MIN_PRECISION MIN_RECALL]. Prints the
figures; exits 1 below either minimum."""
import itertools
import json
import sys

truth = json.load(open(sys.argv[1]))
minp = float(sys.argv[2]) if len(sys.argv) > 2 else 0
minr = float(sys.argv[3]) if len(sys.argv) > 3 else 0
found = set()
for line in sys.stdin:
    rec = json.loads(line)
    paths = sorted(m["path"] for m in rec["members"])
    assert rec["count"] == len(paths) >= 2
    assert sum(m["first"] for m in rec["members"]) == 1
    assert rec["members"][0]["first"] and rec["members"][0]["similarity"] == 1
    found.update(itertools.combinations(paths, 2))
groups = {}
for path, story in truth.items():
    groups.setdefault(story, []).append(path)
real = set()
for paths in groups.values():
    real.update(itertools.combinations(sorted(paths), 2))
tp = len(found & real)
precision = tp / len(found) if found else 1.0
recall = tp / len(real) if real else 1.0
print("pairs: %d true, %d found, %d right; precision %.3f, recall %.3f" % (
    len(real), len(found), tp, precision, recall))
sys.exit(0 if precision >= minp and recall >= minr else 1)
