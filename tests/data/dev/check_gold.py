#!/usr/bin/env python3
"""Sanity checks for the dev gold set (gold.jsonl + NNN_*.txt + catalog.csv).

Checks: every line parses; required keys and types; every file exists and is in catalog.csv;
every surface string occurs in its file's body (after decoding HTML entities, NBSP, BOM, CRLF),
with word boundaries; the declared sections match where the surface occurs (mismatches are
printed as warnings for human review: a surface may occur inside a longer name that is not
counted, e.g. "estrogen" inside "estrogen receptor"). Prints per-type totals.
"""
import csv, html, json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"hormone", "enzyme", "tissue", "process", "receptor"}
SECTIONS = ["definition", "origin", "mechanism"]
HEAD = re.compile(r"^\s*(origin|mechanism)\s*:?\s*$", re.I)


def decode(raw):
    t = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    t = html.unescape(t)
    return t.replace("\u00a0", " ")


def is_banner(line):
    l = line.lower()
    return ("cookie" in l or "free resources" in l or l.strip() in {"accept all", "save preferences"})


def split_sections(text, title):
    secs = {s: [] for s in SECTIONS}
    cur = "definition"
    for i, line in enumerate(text.split("\n")):
        s = line.strip()
        if not s or is_banner(s):
            continue
        if s == title and cur == "definition" and not any(secs.values()):
            continue  # heading line with the term name
        m = HEAD.match(s)
        if m:
            cur = m.group(1).lower()
            continue
        secs[cur].append(s)
    return {k: "\n".join(v) for k, v in secs.items()}


def occurs(surface, text):
    pat = r"(?<![A-Za-z0-9])" + re.escape(surface) + r"(?![A-Za-z0-9])"
    return re.search(pat, text) is not None


def main():
    errors, warnings = [], []
    catalog = {}
    with open(os.path.join(HERE, "catalog.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            catalog[row["file"]] = row["title"]
    totals, opt_totals = Counter(), Counter()
    seen = set()
    with open(os.path.join(HERE, "gold.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                rec = json.loads(line)
            except Exception as e:
                errors.append(f"line {n}: does not parse: {e}")
                continue
            fn = rec.get("file")
            if set(rec) != {"file", "term", "entities", "optional"}:
                errors.append(f"line {n}: keys {sorted(rec)}")
            path = os.path.join(HERE, fn or "")
            if not fn or not os.path.isfile(path):
                errors.append(f"line {n}: file missing: {fn}")
                continue
            if fn in seen:
                errors.append(f"{fn}: duplicate record")
            seen.add(fn)
            if catalog.get(fn) != rec["term"]:
                errors.append(f"{fn}: term {rec['term']!r} != catalog {catalog.get(fn)!r}")
            raw = open(path, encoding="utf-8", newline="").read()
            text = decode(raw)
            secs = split_sections(text, rec["term"])
            body = "\n".join(secs.values())
            keys = set()
            for kind in ("entities", "optional"):
                for ent in rec[kind]:
                    if set(ent) != {"type", "canonical", "surface", "section"}:
                        errors.append(f"{fn}: bad entity keys {ent}")
                        continue
                    if ent["type"] not in TYPES:
                        errors.append(f"{fn}: bad type {ent['type']}")
                    if ent["canonical"] != ent["canonical"].lower():
                        errors.append(f"{fn}: canonical not lower-case: {ent['canonical']}")
                    k = (ent["type"], ent["canonical"])
                    if k in keys:
                        errors.append(f"{fn}: duplicate entity {k}")
                    keys.add(k)
                    if not set(ent["section"]) <= set(SECTIONS) or not ent["section"]:
                        errors.append(f"{fn}: bad sections {ent['section']}")
                    found = set()
                    for s in ent["surface"]:
                        if not occurs(s, body):
                            errors.append(f"{fn}: surface {s!r} ({ent['canonical']}) not in body")
                        elif s not in raw:
                            warnings.append(f"{fn}: surface {s!r} matches only after decoding")
                        for sec in SECTIONS:
                            if occurs(s, secs[sec]):
                                found.add(sec)
                    if found != set(ent["section"]):
                        warnings.append(f"{fn}: {kind} {ent['canonical']!r}: declared {ent['section']} "
                                        f"/ surfaces occur in {sorted(found, key=SECTIONS.index)}")
                    (totals if kind == "entities" else opt_totals)[ent["type"]] += 1
    missing = set(catalog) - seen
    if missing:
        errors.append(f"no gold for {sorted(missing)}")
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    print("files:", len(seen))
    print("gold entities by type:", dict(sorted(totals.items())), "total", sum(totals.values()))
    print("optional by type:", dict(sorted(opt_totals.items())), "total", sum(opt_totals.values()))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
