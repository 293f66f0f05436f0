#!/usr/bin/env python3
"""PLOVER dev half measured through the CLI, as a user would run it.

Each gold sentence is written to its own file and run through
`kbq extract --published <the record's date> FILE` (the whole pipeline:
reader, normaliser, tagger, gazetteer, extractor, merge). The main event is
the first event by trigger position whose CAMEO code the gold's own table
(plover/CAMEO-PLOV.txt, longest code prefix) maps to a PLOVER category. Its
source/target actors are mapped to countries with the gazetteer's data files
(affiliations, part_of) and compared with the gold ISO-3 codes, as
`kbq eval events` does.

Differences from `kbq eval events` (see docs/extraction.md, "Measuring"):
that one calls the extractor in process on one pre-split sentence and maps
our type (with its modality: a plan of cooperation is AGREE) through
types.tsv; this one goes through the reader and the CLI and maps only the
CAMEO code through the gold's table (no modality), reading the table's
COOPERATION (06x) as the records' COOPERATE (TABLE_ALIASES). Sides are read
as `kbq eval events` reads them: an organisation counts as IGO or NGO, and a
demanded act is a DEMAND of its attributed speaker from the one who must act.

Usage: tests/eval/plover_cli.py [--kbq build/kbq] [--data ../shared/data] [--errors]
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


# The table spells one category differently from the gold records and the
# PLOVER ontology: its 06x rows say COOPERATION, the records COOPERATE.
TABLE_ALIASES = {"COOPERATION": "COOPERATE"}


def load_cameo_plover(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(\d{2,4})\s+([A-Z]+)\s", line)
        if m:
            table[m.group(1)] = TABLE_ALIASES.get(m.group(2), m.group(2))
    return table


def cameo_to_plover(table, code):
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def load_countries():
    """actor id -> country/organisation id, from the gazetteer's data files."""
    up = {}
    actors = os.path.join(ROOT, "ingest", "data", "actors")
    path = os.path.join(actors, "affiliations.tsv")
    for row in csv.reader(open(path, encoding="utf-8"), delimiter="\t"):
        if row and not row[0].startswith("#") and len(row) > 1 and row[0] != "person":
            up.setdefault(row[0], row[1])
    for name in ("places.tsv", "government.tsv", "organisations.tsv", "people.tsv"):
        path = os.path.join(actors, name)
        if not os.path.exists(path):
            continue
        header = None
        for row in csv.reader(open(path, encoding="utf-8"), delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            if row[0] == "id":
                header = row
                continue
            if header and "part_of" in header:
                i = header.index("part_of")
                if i < len(row) and row[i]:
                    up.setdefault(row[0], row[i].split("|")[0])
    return up


def load_organisations():
    """Ids of organisations (organisations.tsv, kind organisation)."""
    out = set()
    path = os.path.join(ROOT, "ingest", "data", "actors", "organisations.tsv")
    for row in csv.reader(open(path, encoding="utf-8"), delimiter="\t"):
        if len(row) > 1 and row[1] == "organisation":
            out.add(row[0])
    return out


def country(up, actor_id):
    for _ in range(4):
        if actor_id not in up:
            break
        actor_id = up[actor_id]
    return actor_id


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kbq", default=os.path.join(ROOT, "build", "kbq"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--errors", action="store_true", help="print each miss")
    args = ap.parse_args()
    gold_path = os.path.join(args.data, "plover", "gsr_dev.json")
    if not os.path.exists(gold_path):
        print("SKIP: no " + gold_path)
        return 0
    table = load_cameo_plover(os.path.join(args.data, "plover", "CAMEO-PLOV.txt"))
    up = load_countries()
    orgs = load_organisations()
    gold = json.load(open(gold_path, encoding="utf-8"))
    n = found = cat_ok = src_n = src_ok = tgt_n = tgt_ok = 0
    with tempfile.TemporaryDirectory() as tmp:
        for rec in gold:
            text = rec.get("text", "")
            if not text:
                continue
            n += 1
            path = os.path.join(tmp, "sentence.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + "\n")
            out = subprocess.run([args.kbq, "extract", "--published", rec.get("date", "2000-01-01"), path],
                                 capture_output=True, text=True)
            events = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
            main_ev, best = None, None
            for e in events:
                cat = cameo_to_plover(table, e.get("cameo", ""))
                if not cat:
                    continue
                span = e["mentions"][0]["span"][0] if e.get("mentions") else 1 << 30
                if best is None or span < best:
                    main_ev, best = (e, cat), span
            want = rec.get("event", "")
            got = main_ev[1] if main_ev else "-"
            found += main_ev is not None
            cat_ok += got == want

            def codes(v):
                return {a.get("code") for a in v} if isinstance(v, list) else set()

            def predicted(role):
                if not main_ev:
                    return set()
                e, cat = main_ev
                # A demanded act ("Russia said Sudan must return the
                # helicopter") is PLOVER's DEMAND of the one who voiced it from
                # the one who must act, as `kbq eval events` reads it.
                attribution = e.get("attribution") or {}
                attr = attribution.get("actor", "")
                if e.get("modality") == "demanded" and cat == "DEMAND" and attr and e.get("type") != "demand":
                    if role == "source":
                        # (the speaker's affiliation as kbq printed it, as for the sides)
                        return {country(up, attribution.get("affiliation") or attr)}
                    role = "source"
                out = set()
                for a in e.get("actors", []):
                    if a.get("role") != role:
                        continue
                    # A person's affiliation as kbq printed it (provisional
                    # people too), else the data files' chain.
                    c = country(up, a.get("affiliation") or a["id"])
                    out.add(c)
                    # PLOVER codes an organisation by its type (IGO, NGO), kbq
                    # by name: an organisation counts for either, as in
                    # `kbq eval events` — one of organisations.tsv, or one the
                    # text named that kbq does not know (an `org:` id, which
                    # kbq gives organisations only).
                    if c in orgs or c.startswith("org:"):
                        out |= {"IGO", "NGO"}
                return out

            gs, gt = codes(rec.get("source")), codes(rec.get("target"))
            ps, pt = predicted("source"), predicted("target")
            if gs:
                src_n += 1
                src_ok += bool(ps & gs)
            if gt:
                tgt_n += 1
                tgt_ok += bool(pt & gt)
            if args.errors and (got != want or (gs and not ps & gs) or (gt and not pt & gt)):
                print("%s\t%s/%s\tsrc %s/%s\ttgt %s/%s\t%s" % (rec.get("id"), want, got, sorted(gs), sorted(ps),
                                                             sorted(gt), sorted(pt), text[:100]))
    pct = lambda a, b: 100.0 * a / b if b else 0.0
    print("PLOVER gsr_dev through `kbq extract` (CAMEO-PLOV.txt): %d records" % n)
    print("event found %d/%d %.1f%%" % (found, n, pct(found, n)))
    print("category    %d/%d %.1f%%" % (cat_ok, n, pct(cat_ok, n)))
    print("source      %d/%d %.1f%%" % (src_ok, src_n, pct(src_ok, src_n)))
    print("target      %d/%d %.1f%%" % (tgt_ok, tgt_n, pct(tgt_ok, tgt_n)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
