#!/usr/bin/env python3
"""A corpus of news articles with known near-duplicate clusters, for tests/dups.sh.

gendups.py DIR [STORIES] [SEED] [BOILER] writes DIR/corpus (the articles) and DIR/truth.json
({"path": story number}). Stories are made from sentence templates and a vocabulary
large enough that two stories differ as real ones do; stories come in subjects of
several, which share their people, places and organisations and so their names, and
must stay apart. About a third of the stories are syndicated: copied one to six times
under another site's header block (another title and date), with some of: the site's
chrome lines, the last paragraph trimmed, a local line or paragraph added, a few words
changed. With BOILER, every article of a site ends with that site's boilerplate of
about BOILER words (who the site is, its terms, its newsletter), as long as a story
or longer: stories must stay apart all the same. Deterministic for a seed.
"""
import json
import os
import random
import sys

FIRST = ("Maria Ahmed Yusuf Elena Tomas Layla Omar Sofia Karim Nadia Pavel Ines "
         "Hassan Grace Mateo Amira Jonas Leila Rami Hana Viktor Zainab Diego "
         "Farah Lukas Salma Idris Noor Anton Rania").split()
LAST = ("Lopez Haddad Novak Karimi Osei Brandt Mansour Petrov Silva Rahman "
        "Kowalski Nasser Duarte Aziz Lindqvist Farouk Moreau Qureshi Ivanova "
        "Bakr Santos Yilmaz Okafor Hale Berger Jaber Costa Mendez Abbas Weiss").split()
PLACES = ("Deir ez-Zor|Raqqa|Mosul|Aleppo|Kirkuk|Hasakah|Qamishli|Tikrit|Fallujah|"
          "Ramadi|Homs|Hama|Idlib|Erbil|Sulaymaniyah|Basra|Najaf|Karbala|Samarra|"
          "Manbij|Kobani|Tal Afar|Sinjar|Dohuk|Baiji|Haditha|Anah|Rawa|Mayadin|"
          "Abu Kamal").split("|")
ORGS = ("the provincial council|the water ministry|the border authority|"
        "the health directorate|the grain board|the electricity company|"
        "the municipal court|the relief agency|the teachers' union|"
        "the oil company|the chamber of commerce|the reconstruction fund|"
        "the highway department|the refugee office|the central bank").split("|")
NOUNS = ("bridge market clinic school convoy harvest pipeline checkpoint budget "
         "contract shelter generator well tanker warehouse permit curfew ferry "
         "bakery hospital road dam canal depot factory orchard mill mosque "
         "stadium prison camp village district council tribunal inspection "
         "shipment loan tariff salary ration license survey census audit "
         "protest strike election ceasefire agreement").split()
ADJS = ("new damaged temporary rival disputed empty crowded local foreign "
        "regional private public flooded rebuilt delayed unpaid illegal "
        "informal northern southern eastern western ancient modern fragile "
        "costly overdue quiet busy tense").split()
VERBS = ("announced rejected delayed approved criticised inspected reopened "
         "closed funded blocked expanded questioned defended suspended "
         "restored promised cancelled investigated welcomed postponed").split()
ADVS = ("quietly abruptly finally again reluctantly openly repeatedly "
        "unexpectedly formally briefly").split()
TIMES = ("on Monday|on Tuesday|on Wednesday|on Thursday|on Friday|last week|"
         "this month|over the weekend|late on Sunday|earlier this year").split("|")

TEMPLATES = [
    "{P} {V} the {A} {N} in {L} {T}, according to {O}.",
    "Officials at {O} said the {N} near {L} would be {V} within {D} days.",
    "\"We have waited {D} months for the {N},\" said {P}, who runs a {N2} in {L}.",
    "{P} told reporters that {O} had {Vd} {V} plans for a {A} {N}.",
    "Residents of {L} say the {A} {N} has cost them {D} thousand dinars.",
    "The {N} was first {V} in {Y}, when {O} still controlled the {N2}.",
    "Critics, among them {P}, argue that the {N} benefits {L} more than {L2}.",
    "About {D} families have left {L} since the {N2} was {V}.",
    "{O} {V} the {N} {T}, a spokesman said, without giving a reason.",
    "In {L}, traders described the {A} {N} as a test for {O}.",
    "{P} said a {A} {N2} in {L2} showed what could go wrong.",
    "Asked about the {N}, {P} said only that {O} would decide.",
    "The dispute over the {N} has divided {L} for {D} years.",
    "A report by {O} found that {D} percent of the {N} money was never spent.",
    "Engineers from {L2} inspected the {N} {T} and found it {A}.",
    "{P} and {P2} met in {L} to discuss the {A} {N2}.",
    "Prices at the {N} in {L} rose by {D} percent after the {N2} was {V}.",
    "Neither {O} nor the governor of {L} answered requests for comment.",
]

SITES = [
    ("Euphrates Post", "euphrates-post.example"),
    ("Tigris Daily", "tigris-daily.example"),
    ("Levant Wire", "levant-wire.example"),
    ("Mesopotamia Ledger", "meso-ledger.example"),
    ("Northern Herald", "northern-herald.example"),
    ("Desert Times", "desert-times.example"),
    ("Riverside Courier", "riverside-courier.example"),
    ("Valley Observer", "valley-observer.example"),
]
CHROME = ["Skip to main content", "Share this article", "Back to top",
          "Advertisement", "Related articles", "Read more", "Leave a comment",
          "Subscribe", "Home > News > Region", "Copyright 2021 Site Media Group"]
LOCAL = ["{P}, our correspondent in {L}, contributed reporting.",
         "Local officials in {L} were not available for comment on {T2}.",
         "This report was updated with comment from {O} in {L}."]
SYNONYMS = {"said": "stated", "officials": "authorities", "residents": "locals",
            "families": "households", "traders": "merchants", "days": "weeks",
            "plans": "proposals", "money": "funding", "dispute": "row",
            "report": "study", "prices": "costs", "engineers": "inspectors",
            "critics": "opponents", "reporters": "journalists"}


def person(rng):
    return rng.choice(FIRST) + " " + rng.choice(LAST)


def subject(rng):
    """The names a subject's stories share."""
    return {"people": [person(rng) for _ in range(4)],
            "places": rng.sample(PLACES, 3), "orgs": rng.sample(ORGS, 2),
            "noun": rng.choice(NOUNS)}


def sentence(rng, sub):
    t = rng.choice(TEMPLATES)
    # The subject's own names most of the time: stories on it share them.
    own = rng.random() < 0.8
    return t.format(
        P=rng.choice(sub["people"]) if own else person(rng),
        P2=rng.choice(sub["people"]),
        L=rng.choice(sub["places"]) if own else rng.choice(PLACES),
        L2=rng.choice(PLACES),
        O=rng.choice(sub["orgs"]) if own else rng.choice(ORGS),
        N=sub["noun"] if rng.random() < 0.4 else rng.choice(NOUNS),
        N2=rng.choice(NOUNS), A=rng.choice(ADJS), V=rng.choice(VERBS),
        Vd=rng.choice(ADVS), T=rng.choice(TIMES), D=rng.randint(2, 90),
        Y=rng.randint(2003, 2019))


def story(rng, sub):
    paras = []
    for _ in range(rng.randint(4, 7)):
        paras.append(" ".join(sentence(rng, sub) for _ in range(rng.randint(3, 5))))
    title = "%s %s %s in %s" % (rng.choice(sub["people"]), rng.choice(VERBS),
                                sub["noun"], rng.choice(sub["places"]))
    return title, paras


def edit_words(rng, text, k):
    words = text.split(" ")
    for _ in range(k):
        i = rng.randrange(len(words))
        w = words[i]
        key = w.lower().strip(".,\"")
        if key in SYNONYMS:
            words[i] = w.replace(key, SYNONYMS[key]).replace(
                key.capitalize(), SYNONYMS[key].capitalize())
        else:
            words[i] = rng.choice(ADJS)
    return " ".join(words)


BOILERS = {}


def boiler(site, nwords):
    """Site's boilerplate: sentences of its own, the same in every article."""
    if site not in BOILERS:
        rng = random.Random(site[1])
        words = []
        while len(words) < nwords:
            words += ("%s is %s %s %s of %s, %s in %s since %d." % (
                site[0], rng.choice(["an", "the", "our"]), rng.choice(ADJS),
                rng.choice(NOUNS), rng.choice(ORGS), rng.choice(VERBS),
                rng.choice(PLACES), rng.randint(1950, 2020))).split()
        BOILERS[site] = " ".join(words[:nwords])
    return BOILERS[site]


def write(path, site, title, date, paras, chrome_top, chrome_bottom):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("Title: %s\nDate: %s\nSource: %s\nURL: https://%s/%s\n\n" % (
            title, date, site[0], site[1], os.path.basename(path)))
        for line in chrome_top:
            f.write(line + "\n\n")
        f.write("\n\n".join(paras) + "\n")
        if NBOILER:
            f.write("\n" + boiler(site, NBOILER) + "\n")
        for line in chrome_bottom:
            f.write("\n" + line + "\n")


NBOILER = int(sys.argv[4]) if len(sys.argv) > 4 else 0


def main():
    out = sys.argv[1]
    nstories = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 18)
    corpus = os.path.join(out, "corpus")
    truth = {}
    subs = [subject(rng) for _ in range(max(1, nstories // 6))]
    for s in range(nstories):
        sub = subs[s % len(subs)]
        title, paras = story(rng, sub)
        month, day = rng.randint(1, 12), rng.randint(1, 20)
        site = rng.choice(SITES)
        name = "%s/%04d-%s.txt" % (site[1].split(".")[0], s, sub["noun"])
        write(os.path.join(corpus, name), site, title,
              "2021-%02d-%02d" % (month, day), paras, [], [])
        truth[name] = s
        if rng.random() >= 0.35:
            continue
        for c in range(rng.randint(1, 6)):
            csite = rng.choice([x for x in SITES if x != site])
            cparas = list(paras)
            ctitle = title if rng.random() < 0.3 else "%s: %s" % (
                rng.choice(["Update", "Report", "Analysis", "Exclusive"]),
                sentence(rng, sub)[:60])
            if rng.random() < 0.5 and len(cparas) > 4:
                cparas.pop()
            if rng.random() < 0.4:
                local = rng.choice(LOCAL).format(
                    P=person(rng), L=rng.choice(PLACES), O=rng.choice(ORGS),
                    T2=rng.choice(TIMES))
                if rng.random() < 0.5:
                    cparas.append(local)
                else:
                    cparas.insert(1, local)
            if rng.random() < 0.6:
                for _ in range(rng.randint(1, 3)):
                    i = rng.randrange(len(cparas))
                    cparas[i] = edit_words(rng, cparas[i], rng.randint(1, 3))
            top = rng.sample(CHROME, rng.randint(0, 3))
            bottom = rng.sample(CHROME, rng.randint(0, 3))
            cname = "%s/%04d-%d-%s.txt" % (csite[1].split(".")[0], s, c,
                                           sub["noun"])
            write(os.path.join(corpus, cname), csite, ctitle,
                  "2021-%02d-%02d" % (month, min(28, day + rng.randint(0, 8))),
                  cparas, top, bottom)
            truth[cname] = s
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=0, sort_keys=True)


main()
