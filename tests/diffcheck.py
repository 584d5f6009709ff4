#!/usr/bin/env python3
"""diffcheck.py OLD.jsonl NEW.jsonl DIFF.jsonl [PATHS]: checks rubric diff's JSON Lines
against two exports of the corpus (rubric export -f jsonl --config OLD.ini, then NEW.ini),
each a scan of its own: per theme, the articles whose hits or automatic tag differ, and
the sums. PATHS, when given, is a file of the paths compared (one a line): those only.
Prints what differs and exits 1, or exits 0."""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return {r["path"]: r for r in map(json.loads, f)}


def main():
    old, new = load(sys.argv[1]), load(sys.argv[2])
    with open(sys.argv[3], encoding="utf-8") as f:
        got = [json.loads(line) for line in f]
    paths = sorted(old)
    if len(sys.argv) > 4:
        with open(sys.argv[4], encoding="utf-8") as f:
            paths = sorted(line.rstrip("\n") for line in f if line.strip())
    othemes = list(next(iter(old.values()))["hits"]) if old else []
    nthemes = list(next(iter(new.values()))["hits"]) if new else []
    order = nthemes + [t for t in othemes if t not in nthemes]
    want = []
    for t in order:
        arts = []
        s = dict(articles_old=0, articles_new=0, gained=0, lost=0, hits_gained=0,
                 hits_lost=0, tags_gained=0, tags_lost=0)
        for p in paths:
            o = old[p]["hits"].get(t, 0) if t in othemes else 0
            n = new[p]["hits"].get(t, 0) if t in nthemes else 0
            to = t in othemes and t in old[p]["auto"]
            tn = t in nthemes and t in new[p]["auto"]
            s["articles_old"] += o > 0
            s["articles_new"] += n > 0
            if o == n and to == tn:
                continue
            s["gained"] += o == 0 and n > 0
            s["lost"] += o > 0 and n == 0
            s["hits_gained"] += max(n - o, 0)
            s["hits_lost"] += max(o - n, 0)
            s["tags_gained"] += tn and not to
            s["tags_lost"] += to and not tn
            arts.append(dict(diff="article", theme=t, path=p, old=o, new=n,
                             tag_old=to, tag_new=tn, incomplete=False))
        rec = dict(diff="theme", theme=t,
                   **{"in": "both" if t in othemes and t in nthemes
                      else "new" if t in nthemes else "old"}, **s)
        want.append(rec)
        want.extend(arts)
    # "same" is rubric's reading of the definitions, not of the counts.
    for r in got:
        r.pop("same", None)
    bad = 0
    if len(got) != len(want):
        print(f"# {len(got)} records, {len(want)} wanted")
        bad = 1
    for g, w in zip(got, want):
        if g != w:
            print(f"# got  {json.dumps(g, sort_keys=True)}")
            print(f"# want {json.dumps(w, sort_keys=True)}")
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
