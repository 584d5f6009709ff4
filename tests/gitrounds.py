#!/usr/bin/env python3
"""Random tagging on two clones of one repository, merged through rubric's driver.

    gitrounds.py RUBRIC A B SEED ROUNDS FIRST

A and B are clones (set up with rubric git-setup) of one origin, in step. Each round
tags and notes at random on both (rubric tag +T/-T, rubric note, commits), pushes A,
pulls it into B (git merges .rubric.ini with the driver), pushes B and pulls it into
A. The tags and notes after the merge are checked against a model computed here:
per article and tag, set semantics (added on either side kept, removed on one side
and left on the other removed); per note, the side that changed it, or both texts
around the separator. Prints TAP lines numbered from FIRST; exits 1 if any failed.
"""
import json
import random
import subprocess
import sys

SEP = "----- rubric merge: theirs -----"
FILES = ["a.txt", "b.txt", "sub/c.txt", "d e.txt"]
TAGS = ["Urgent", "deir ez-zor", "x", "שלום", "Ç"]


def run(args, cwd, ok=(0,)):
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if p.returncode not in ok:
        raise RuntimeError("%s in %s: exit %d: %s%s" % (" ".join(args), cwd,
                           p.returncode, p.stdout, p.stderr))
    return p


def tags_of(rubric, clone):
    out = run([rubric, "list", "--format", "jsonl", "."], clone).stdout
    got = {}
    for line in out.splitlines():
        o = json.loads(line)
        got[o["path"]] = set(o["tags"])
    return got


def notes_of(rubric, clone):
    return {f: run([rubric, "note", f], clone).stdout for f in FILES}


def merge3(o, a, b):
    """The model of one key: o base, a ours, b theirs."""
    if a == b or b == o:
        return a
    if a == o:
        return b
    return None


def note3(o, a, b):
    if a == b or b == o:
        return a
    if a == o:
        return b
    if a == "" or b == "":
        return a or b
    return a + ("" if a.endswith("\n") else "\n") + SEP + "\n" + b


def randomly(rng, rubric, clone, name, rnd):
    """A random sequence of changes on one clone, committed now and then."""
    for i in range(rng.randint(1, 7)):
        f = rng.choice(FILES)
        if rng.random() < 0.75:
            ops = ["%s%s" % (rng.choice("+-"), rng.choice(TAGS))
                   for _ in range(rng.randint(1, 3))]
            run([rubric, "tag"] + ops + ["--", f], clone)
        else:
            text = "" if rng.random() < 0.15 else \
                "%s, round %d, change %d\nsecond line" % (name, rnd, i)
            run([rubric, "note", f, text], clone)
        if rng.random() < 0.4:
            run(["git", "commit", "-qam", "%s %d.%d" % (name, rnd, i)], clone,
                ok=(0, 1))
    run(["git", "commit", "-qam", "%s %d" % (name, rnd)], clone, ok=(0, 1))


def main():
    rubric, a, b, seed, rounds, n = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    rng = random.Random(seed)
    failed = 0
    merges = joined = 0
    for rnd in range(rounds):
        base_t, base_n = tags_of(rubric, a), notes_of(rubric, a)
        randomly(rng, rubric, a, "A", rnd)
        randomly(rng, rubric, b, "B", rnd)
        ta, na = tags_of(rubric, a), notes_of(rubric, a)
        tb, nb = tags_of(rubric, b), notes_of(rubric, b)
        want_t = {}
        for f in FILES:
            want_t[f] = {t for t in TAGS if merge3(t in base_t.get(f, set()),
                                                  t in tb.get(f, set()),
                                                  t in ta.get(f, set()))}
        # B pulls A: ours is B's, theirs A's.
        want_n = {f: note3(base_n[f], nb[f], na[f]) for f in FILES}
        joined += sum(1 for f in FILES if SEP in want_n[f] and SEP not in nb[f])
        run(["git", "push", "-q", "origin", "main"], a)
        pull = run(["git", "pull", "-q", "--no-rebase", "--no-edit", "origin",
                    "main"], b, ok=(0, 1))
        merges += 1
        n += 1
        got_t, got_n = tags_of(rubric, b), notes_of(rubric, b)
        status = run(["git", "status", "--porcelain", "--untracked-files=no"], b).stdout
        wrong = [f for f in FILES if got_t.get(f, set()) != want_t[f] or
                 got_n[f] != want_n[f]]
        if pull.returncode != 0 or status != "" or wrong:
            failed += 1
            print("not ok %d - round %d (seed %d): merged as the model says" %
                  (n, rnd, seed))
            print("# pull: %s%s# status: %s" % (pull.stdout, pull.stderr, status))
            for f in wrong:
                print("# %s: tags %s, want %s; note %r, want %r" % (
                    f, sorted(got_t.get(f, set())), sorted(want_t[f]), got_n[f],
                    want_n[f]))
        else:
            print("ok %d - round %d (seed %d): merged as the model says" %
                  (n, rnd, seed))
        run(["git", "push", "-q", "origin", "main"], b)
        run(["git", "pull", "-q", "--no-rebase", "--no-edit", "origin", "main"], a)
        if tags_of(rubric, a) != got_t or notes_of(rubric, a) != got_n:
            failed += 1
            n += 1
            print("not ok %d - round %d: the other clone pulls the same" % (n, rnd))
    n += 1
    print("%s %d - %d merges, %d with notes joined" % (
        "ok" if joined > 0 else "not ok", n, merges, joined))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
