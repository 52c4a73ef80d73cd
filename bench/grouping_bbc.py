#!/usr/bin/env python3
"""Bench: every article of the BBC corpus compared at once: does any group span two sections?

    python bench/grouping_bbc.py [--corpus ../shared/bench/bbc.jsonl] [--no-sections] [--limit N]

The corpus (JSONL with a ``section`` field: business, entertainment, politics, sport, tech)
holds unrelated stories. All its articles are extracted and grouped as one batch, as if one
story held them all, which is harder than the per-story comparison ``analyze`` runs: every
group that holds articles of two sections is a false group, and is printed. ``--no-sections``
hides the sections from the comparison (one outlet's two sections are never one story), to
show what the content alone decides. Not a test: it takes minutes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "bench" / "bbc.jsonl"))
    ap.add_argument("--no-sections", action="store_true", help="do not tell the comparison the sections")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--cache", default=None, help="keep the extracted findings in this file (pickle) and reuse them")
    args = ap.parse_args()

    from newsledger.compare import group_claims
    from newsledger.ingest.read import document_from_text
    from newsledger.model import Metadata, item_id
    from newsledger.pipeline import extract_document, parse_documents, prepare_lines
    from newsledger.resolve.entities import link_entities, resolve_entities

    rows = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    section: dict[str, str] = {}
    section_of: dict[str, str | None] = {}
    docs = []
    for r in rows:
        meta = Metadata(title=r.get("title"), outlet=r.get("outlet"),
                        section=None if args.no_sections else r.get("section"))
        doc = prepare_lines(document_from_text(r["text"], f"{r['id']}.txt", meta))
        section[doc.id] = r["section"]
        section_of[doc.id] = r.get("section")
        docs.append(doc)
    t0 = time.perf_counter()
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.is_file():
        with open(cache, "rb") as fh:
            found = pickle.load(fh)  # noqa: S301 - a file this script wrote
    else:
        found = [extract_document(d) for d in parse_documents(docs)]
        if cache is not None:
            with open(cache, "wb") as fh:
                pickle.dump(found, fh)
    found = [dataclasses.replace(f, doc=dataclasses.replace(f.doc, meta=dataclasses.replace(
        f.doc.meta, section=None if args.no_sections else section_of[f.doc.id]))) for f in found]
    t1 = time.perf_counter()
    documents = [f.doc for f in found]
    entities = resolve_entities(documents, [m for f in found for m in f.mentions])
    quotes, quantities = link_entities([q for f in found for q in f.quotes], [n for f in found for n in f.quantities],
                                       entities)
    events = [e for f in found for e in f.events]
    t2 = time.perf_counter()
    statements = [q for q in quotes if q.kind == "statement"]
    groups = group_claims(documents, statements, quantities, events, entities)
    t3 = time.perf_counter()
    doc_of = {item_id(x): x.doc for x in [*statements, *quantities, *events]}
    text_of = {item_id(x): x.text for x in [*statements, *quantities, *events]}
    crossing = [g for g in groups if len({section[doc_of[m]] for m in g.members}) > 1]
    print(f"{len(documents)} articles, {len(quantities)} figures, {len(statements)} statements, {len(events)} events")
    print(f"extract {t1 - t0:.1f} s, resolve {t2 - t1:.1f} s, group {t3 - t2:.1f} s")
    print(f"groups: {len(groups)} ({Counter(g.status for g in groups)}), spanning two sections: {len(crossing)}")
    for g in crossing:
        print(f"  {g.status}: {g.label}: " + " | ".join(
            f"{section[doc_of[m]]}: {text_of[m][:50]!r}" for m in g.members))
    return 0


if __name__ == "__main__":
    sys.exit(main())
