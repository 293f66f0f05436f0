#!/usr/bin/env python3
"""Print the rows of a kbq timeline with their evidence, for judging by hand
(docs/eval/press2022_timelines.md).

For each row: id, date (basis), label, mentions, and up to three mention
sentences, each with the publication day and headline of the press release
holding it (found by searching the sentence in the source CSVs).

  --before  the first N rows of the plain date-ordered timeline as kbq printed
            it before issue 18 (publication-dated events counted in the
            window, minor events kept, negated/counterfactual left out)
  default   `kbq timeline ACTOR --from F --to T --top N`
  --hidden  the rows that view hides (weak, folded, negated …) dated inside the window (`--top 0 --all`)

Usage:
  python3 tests/eval/timeline_rows.py --kbq build/kbq --db /tmp/p22t \
      --data ../shared/data/press-2022 --actor Ukraine --from 2022-02-14 --to 2022-02-20 \
      --n 30 [--before] > rows.txt
"""
import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_press import kbq  # noqa: E402  (one way to run kbq and read its JSON)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kbq", default="build/kbq")
    ap.add_argument("--db", required=True)
    ap.add_argument("--data", default="../shared/data/press-2022")
    ap.add_argument("--actor", required=True)
    ap.add_argument("--from", dest="from_", required=True)
    ap.add_argument("--to", required=True)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--before", action="store_true")
    ap.add_argument("--hidden", action="store_true",
                    help="the rows the default --top view hides (weak, folded, negated) that are dated inside the window")
    ns = ap.parse_args()
    window = ["--from", ns.from_, "--to", ns.to]
    if ns.before:
        rows = kbq(["timeline", ns.actor, "--json", "--all", "--include-reported"] + window, ns)
        rows = [r for r in rows if r["modality"] not in ("negated", "counterfactual")]
        rows.sort(key=lambda r: (r["date"]["start"] or "", r["date"]["end"] or "", r["id"]))
        rows = rows[:ns.n]
    elif ns.hidden:
        shown = {r["id"] for r in kbq(["timeline", ns.actor, "--json", "--top", str(ns.n)] + window, ns)}
        every = kbq(["timeline", ns.actor, "--json", "--top", "0", "--all"] + window, ns)
        inside = lambda r: (r["date"].get("start") or "") >= ns.from_ and (r["date"].get("end") or "9") <= ns.to + "~"
        rows = [r for r in every if r["id"] not in shown and inside(r)]
    else:
        rows = kbq(["timeline", ns.actor, "--json", "--top", str(ns.n)] + window, ns)
    csv.field_size_limit(1 << 30)
    releases = []
    for name in ("putin.csv", "zelenskyy.csv"):
        with open(f"{ns.data}/{name}", newline="") as f:
            for rec in csv.DictReader(f):
                releases.append((rec["date"][:10], rec["headline"], rec["body"]))
    for i, r in enumerate(rows, 1):
        d = r["date"]
        print(f"#{i} {r['id']} {d['text']} ({d['precision']}, {d['basis']}) | {r['label']} | "
              f"{r['modality']} | m={len(r['mentions'])} s={r.get('salience')}")
        seen = set()
        for m in r["mentions"]:
            if m["text"] in seen or len(seen) >= 3:
                continue
            seen.add(m["text"])
            probe = m["text"][:80]
            where = next(((day, head) for day, head, body in releases if probe in body), ("?", "?"))
            print(f"   [{where[0]} | {where[1][:70]}] {m['text'][:260]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
