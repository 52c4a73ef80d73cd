#!/usr/bin/env python3
"""Bench: the BBC corpus into one empty store: how many stories, and does any span two sections?

    python bench/stories.py [--corpus ../shared/bench/bbc.jsonl] [--shuffle SEED]

Every article of the corpus (JSONL with a ``section`` field) is analysed and joins its story
as ``newsledger analyze`` does it; then the stories are counted, the largest are listed, and
each story that holds articles of more than one section is printed. The matcher also sees the
sections (an outlet's two sections are two stories, ``stories/matcher.py``); ``--no-sections``
hides them from it, to show what the content alone decides. Not a test: it takes minutes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "bench" / "bbc.jsonl"))
    ap.add_argument("--shuffle", type=int, default=None, help="feed the articles in a shuffled order (seed)")
    ap.add_argument("--no-sections", action="store_true", help="do not tell the matcher the sections")
    args = ap.parse_args()

    from newsledger.store.repository import Store
    from newsledger.store.stories import story_members
    from newsledger.stories import story_rows
    from newsledger.stories.batch import add_articles

    corpus = Path(args.corpus)
    if not corpus.is_file():
        print(f"bench: no corpus at {corpus}", file=sys.stderr)
        return 2
    lines = [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines() if x.strip()]
    section = {row["id"]: row["section"] for row in lines}
    if args.shuffle is not None:
        random.Random(args.shuffle).shuffle(lines)
    if args.no_sections:
        for row in lines:
            row.pop("section", None)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "corpus.jsonl"
        feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        t = time.perf_counter()
        result = add_articles(store, [str(feed)])
        seconds = time.perf_counter() - t
        doc_section = {a.doc.id: section[a.doc.source.rsplit(":", 1)[1]] for a in result.assignments}
        rows = story_rows(store)
        with store.reading() as conn:
            members = {r.id: [d for d, _ in story_members(conn, r.id)] for r in rows}
        store.close()
    sizes = Counter(len(m) for m in members.values())
    cross = {sid: Counter(doc_section[d] for d in m) for sid, m in members.items()
             if len({doc_section[d] for d in m}) > 1}
    titles = {r.id: r.title for r in rows}
    print(f"articles: {len(result.assignments)} in {seconds:.0f} s ({len(result.assignments) / seconds:.1f}/s), "
          f"failures: {len(result.failures)}")
    print(f"stories: {len(rows)}; with more than one article: {sum(n for k, n in sizes.items() if k > 1)}; "
          f"largest: {sorted((len(m) for m in members.values()), reverse=True)[:5]}")
    for sid, m in sorted(members.items(), key=lambda kv: -len(kv[1]))[:5]:
        print(f"  {len(m):3d}  {Counter(doc_section[d] for d in m).most_common(1)[0][0]:13s} {titles[sid][:70]}")
    for sid, counts in cross.items():
        print(f"  cross-section story {sid}: {dict(counts)}  {titles[sid][:60]}")
    print(f"cross-section stories: {len(cross)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
