#!/usr/bin/env python3
"""Benchmark: newsledger's analyze against a plain spaCy tokenizer+sentencizer pass.

    python bench/run.py [--docs 2000] [--source examples/harbor-fire]

Builds a corpus of N documents from the bundled example articles (each copy made
distinct, so none is dropped as a duplicate), then measures in separate child processes,
so that each peak memory figure is its own:

- spaCy: ``spacy.blank("en")`` + sentencizer over every text (``nlp.pipe``);
- analyze: the whole in-memory pipeline — metadata, clean, every extractor, entity
  resolution, linking and grouping — over the same texts;
- store: writing the analysed documents and findings to a fresh SQLite file.

Prints articles/second, words/second and peak RSS for each, the grouping time for
1,000 and 10,000 synthetic articles, and as its last line ``ratio: X.XX`` (analyze
seconds / spaCy seconds). Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def build_corpus(source: Path, n: int) -> list[str]:
    """N distinct texts made from the articles of a bundle (a reference line appended)."""
    texts = []
    for p in sorted(source.glob("*.txt")):
        with open(p, encoding="utf-8", newline="") as f:
            texts.append(f.read())
    if not texts:
        raise SystemExit(f"bench: no .txt articles in {source}")
    return [texts[i % len(texts)] + f"\nReference {i}.\n" for i in range(n)]


def _phase_spacy(texts: list[str]) -> dict[str, float]:
    from newsledger.clean.sentences import blank_pipeline

    nlp = blank_pipeline()
    t = time.perf_counter()
    sentences = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=64))
    return {"seconds": time.perf_counter() - t, "sentences": sentences}


def _phase_analyze(texts: list[str], db: str | None) -> dict[str, float]:
    from newsledger.ingest.read import document_from_text
    from newsledger.pipeline import build_ledger, extract_document, prepare

    t = time.perf_counter()
    findings = [extract_document(prepare(document_from_text(x, f"bench-{i}.txt"))) for i, x in enumerate(texts)]
    t_extract = time.perf_counter() - t
    ledger = build_ledger(findings)
    seconds = time.perf_counter() - t
    out = {"seconds": seconds, "extract_seconds": t_extract, "cross_document_seconds": seconds - t_extract,
           "quotes": len(ledger.quotes), "quantities": len(ledger.quantities), "events": len(ledger.events),
           "entities": len(ledger.entities), "groups": len(ledger.groups),
           "failures": len(ledger.failures)}
    if db:
        from newsledger.store.repository import Store

        store = Store(db)
        t = time.perf_counter()
        for f in findings:
            store.save_document(f.doc, [*f.quotes, *f.quantities, *f.events])
        store.save_cross_document(ledger.entities, ledger.groups)
        out["store_seconds"] = time.perf_counter() - t
    return out


def _child(phase: str, source: Path, n: int, db: str | None) -> dict[str, float]:
    texts = build_corpus(source, n)
    result = _phase_spacy(texts) if phase == "spacy" else _phase_analyze(texts, db)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _run_child(phase: str, source: Path, n: int, db: str | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", phase, "--docs", str(n), "--source", str(source)]
    if db:
        cmd += ["--db", db]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: {phase} phase failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--source", type=Path, default=REPO / "examples" / "harbor-fire")
    ap.add_argument("--phase", choices=("spacy", "analyze"), help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--no-grouping", action="store_true", help="skip the 1,000/10,000-article grouping timing")
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(_child(args.phase, args.source, args.docs, args.db)))
        return 0
    texts = build_corpus(args.source, args.docs)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} documents, {words:,} words, {sum(map(len, texts)) / 1e6:.1f} MB "
          f"(from {args.source.name})")
    spacy_r = _run_child("spacy", args.source, args.docs, None)
    with tempfile.TemporaryDirectory() as tmp:
        analyze_r = _run_child("analyze", args.source, args.docs, f"sqlite:///{tmp}/bench.db")
    for name, r in (("spaCy blank en + sentencizer", spacy_r), ("newsledger analyze (in memory)", analyze_r)):
        s = r["seconds"]
        print(f"{name:<32} {s:8.2f} s  {len(texts) / s:9.1f} articles/s  {words / s:11,.0f} words/s  "
              f"peak RSS {r['peak_rss_mb']:.0f} MB")
    print(f"  of which extract {analyze_r['extract_seconds']:.2f} s, cross-document (resolve + compare) "
          f"{analyze_r['cross_document_seconds']:.2f} s")
    print(f"  found: {analyze_r['quotes']:.0f} quotes, {analyze_r['quantities']:.0f} figures, "
          f"{analyze_r['events']:.0f} events, {analyze_r['entities']:.0f} entities, {analyze_r['groups']:.0f} groups, "
          f"{analyze_r['failures']:.0f} failures")
    print(f"store (SQLite, all documents and findings) {analyze_r['store_seconds']:.2f} s")
    if not args.no_grouping:
        try:
            sys.path.insert(0, str(REPO / "bench"))
            from grouping import time_grouping  # type: ignore[import-not-found]
        except ImportError:
            print("grouping: bench/grouping.py not found")
        else:
            for n in (1000, 10000):
                print(f"grouping {n:>6,} articles: {time_grouping(n):.2f} s")
    print(f"ratio: {analyze_r['seconds'] / spacy_r['seconds']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
