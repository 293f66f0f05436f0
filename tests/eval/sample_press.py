#!/usr/bin/env python3
"""Draw a reproducible random sample of events from a kbq store, for manual judging.

Frame: every event reachable through `kbq timeline ACTOR --all --strict --json`
for every actor whose strict event_count > 0 (i.e. every event with at least one
participant, including negated/counterfactual ones), deduplicated by id.
Sample: random.Random(SEED).sample(sorted(frame), N) -- every event equally likely.

For each sampled event it prints `kbq show ID --json` plus, for every mention,
the publication date, headline and link of the press release holding it (found by searching
the mention sentence in the source CSVs, since `show` does not print it).

Usage:
  python3 tests/eval/sample_press.py --kbq /tmp/kbq-judge/kbq --db /tmp/kbq-judge/press.db \
      --data /work/shared/data/press-2022 [--n 50] [--seed 2022] > sample.json
"""
import argparse
import csv
import json
import random
import subprocess
import sys


def kbq(args, ns):
    out = subprocess.run([ns.kbq, "--db", ns.db, "--no-color"] + args,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kbq", default="/tmp/kbq-judge/kbq")
    ap.add_argument("--db", default="/tmp/kbq-judge/press.db")
    ap.add_argument("--data", default="/work/shared/data/press-2022")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2022)
    ns = ap.parse_args()

    actors = [a for a in kbq(["actors", "--json"], ns) if a["event_count"] > 0]
    frame = set()
    for a in actors:
        for ev in kbq(["timeline", a["id"], "--all", "--strict", "--json"], ns):
            frame.add(ev["id"])
    frame = sorted(frame)
    print(f"actors with events: {len(actors)}; frame size: {len(frame)}",
          file=sys.stderr)
    sample = random.Random(ns.seed).sample(frame, ns.n)

    csv.field_size_limit(10**9)
    docs = []
    for name in ("putin.csv", "zelenskyy.csv"):
        with open(f"{ns.data}/{name}", newline="") as f:
            for row in csv.DictReader(f):
                text = " ".join(row.get(k, "") or "" for k in
                                ("headline", "summary", "body"))
                docs.append((row["date"], row["headline"], row["link"], text))

    def find_source(text, same_article, day):
        # Releases can share a headline and a first sentence (the Kremlin's
        # two Putin-Macron calls): keep the releases that also hold the other
        # mentions of the same article, then the one published on the
        # event's day when the store dated it by its report.
        needle = text[:120]
        hits = [d for d in docs if needle in d[3]]
        narrowed = [d for d in hits if all(t[:120] in d[3] for t in same_article)]
        hits = narrowed or hits
        dated = [d for d in hits if day and d[0].startswith(day)]
        hits = dated or hits
        if not hits:
            return None
        return {"published": hits[0][0], "headline": hits[0][1],
                "link": hits[0][2], "n_docs": len(hits)}

    out = []
    for i, eid in enumerate(sample, 1):
        ev = kbq(["show", eid, "--json"], ns)
        basis = ev.get("date", {}).get("basis", "")
        day = ev.get("date", {}).get("start", "") if basis in ("publication", "lead") else ""
        for m in ev.get("mentions", []):
            same = [x["text"] for x in ev.get("mentions", []) if x.get("article") == m.get("article")]
            m["source"] = find_source(m["text"], same, day)
        src = next((m["source"] for m in ev.get("mentions", [])
                    if m["source"]), None)
        out.append({"n": i, "event": ev, "source": src})
    json.dump({"frame_size": len(frame), "seed": ns.seed, "sample": out},
              sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
