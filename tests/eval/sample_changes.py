#!/usr/bin/env python3
"""Draw a reproducible sample of the mentions two builds read differently, for judging the change itself.

A random sample of 50 events from the whole store (sample_press.py) holds one or
two of the mentions a change of a few percent touches, so it measures the
store's level, not the change. This draws from the change: both builds export
the same corpus (`kbq export --format jsonl --all`), every mention is keyed by
its article, its span and its trigger, and a mention is changed when its event's
type, modality, date text, date basis or sorted (role, name) sides differ, gone
when only the first build has it, new when only the second does. The sample is
random.Random(SEED).sample over the sorted keys of all three kinds, every one
equally likely.

For each sampled mention it prints both readings (before, after; null when
absent), the evidence sentence, and the release (publication time, headline,
link) found by searching the sentence in the source CSVs. A judge marks each
reading by the verdicts of docs/eval/press2022_sample.md and says which is
right, or better, or that both are equally wrong.

Usage:
  kbq-old --db OLD ingest -q DATA; kbq-old --db OLD export --format jsonl --all > before.jsonl
  kbq-new --db NEW ingest -q DATA; kbq-new --db NEW export --format jsonl --all > after.jsonl
  (ingest exits 1 on press-2022: its SOURCE.txt has no publication time)
  python3 tests/eval/sample_changes.py --before before.jsonl --after after.jsonl \\
      --data /work/shared/data/press-2022 [--n 40] [--seed 1] > changes.json
"""
import argparse
import csv
import json
import random
import sys


def load(path, article_texts):
    """Mention key -> the event's reading of it, and the mention's text.
    Also fills article_texts: article id -> the texts of its mentions."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            if e.get("kind_of_record") == "link":
                continue
            reading = {
                "id": e["id"],
                "type": e["type"],
                "modality": e["modality"],
                "date": e["date"]["text"],
                "basis": e["date"]["basis"],
                "sides": sorted([a["role"], a["name"]] for a in e.get("actors", [])),
                "place": e.get("location_name", ""),
                "mentions": len(e.get("mentions", [])),
            }
            for m in e.get("mentions", []):
                out[(m["article"], m["span"][0], m["trigger"])] = (reading, m["text"])
                article_texts.setdefault(m["article"], set()).add(m["text"])
    return out


def compared(r):
    return (r["type"], r["modality"], r["date"], r["basis"], r["sides"]) if r else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--data", default="/work/shared/data/press-2022")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ns = ap.parse_args()

    article_texts = {}
    before, after = load(ns.before, article_texts), load(ns.after, article_texts)
    keys = {}
    for k in before.keys() | after.keys():
        a = before.get(k, (None, None))[0]
        b = after.get(k, (None, None))[0]
        if compared(a) != compared(b):
            keys[k] = "gone" if b is None else "new" if a is None else "changed"
    kinds = {kind: sum(1 for v in keys.values() if v == kind) for kind in ("gone", "new", "changed")}
    print(f"mentions: before {len(before)}, after {len(after)}; differing {len(keys)} {kinds}", file=sys.stderr)
    sample = random.Random(ns.seed).sample(sorted(keys), min(ns.n, len(keys)))

    csv.field_size_limit(10**9)
    docs = []
    for name in ("putin.csv", "zelenskyy.csv"):
        with open(f"{ns.data}/{name}", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                text = " ".join(row.get(k, "") or "" for k in ("headline", "summary", "body"))
                docs.append({"published": row["date"], "headline": row["headline"], "link": row["link"],
                             "text": text})

    out = []
    for i, k in enumerate(sample, 1):
        text = (before.get(k) or after.get(k))[1]
        hits = [d for d in docs if text[:120] in d["text"]]
        # Releases can share a headline or an attendance sentence: keep those
        # that also hold the article's other mentions.
        narrowed = [d for d in hits if all(t[:120] in d["text"] for t in article_texts.get(k[0], ()))]
        hits = narrowed or hits
        source = {x: hits[0][x] for x in ("published", "headline", "link")} if hits else None
        out.append({"n": i, "kind": keys[k], "article": k[0], "trigger": k[2], "sentence": text,
                    "before": before.get(k, (None,))[0], "after": after.get(k, (None,))[0],
                    "source": source, "n_sources": len(hits)})
    json.dump({"seed": ns.seed, "differing": len(keys), "kinds": kinds, "sample": out}, sys.stdout,
              ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
