#!/usr/bin/env python3
"""Benchmark: newsledger's whole analysis against a plain ``en_core_web_sm`` pass.

    python bench/run.py [--docs 2092] [--corpus ../shared/bench/bbc.jsonl] [--no-grouping]

The corpus is ``../shared/bench/bbc.jsonl`` (real BBC articles, title and text), or, where
that is absent, distinct copies of the bundled example articles. Each phase runs in a child
process of its own, so that each peak memory figure is its own:

- spaCy: ``spacy.load("en_core_web_sm")`` (every component) and ``nlp.pipe`` over the texts,
  nothing else: the cost any tool built on the model pays;
- analyze: the whole analysis in memory: metadata and line roles, the parse (the same
  model, in batches), every extractor, entity resolution, linking and grouping;
- store: the same, written into a fresh SQLite store as ``newsledger analyze`` does (stories
  assigned, compared per story).

The plain pass runs first and again last. Prints wall and CPU seconds, articles/second,
words/second and peak RSS of each, then ``ratio: X.XX`` (analyze / spaCy, CPU seconds: other
work on the machine changes wall time far more than CPU time; spaCy's the mean of its two runs,
as the machine's speed drifts over the minutes of a run) and ``store ratio: X.XX``.
Not a test: numbers depend on the machine.
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
BBC = REPO.parent / "shared" / "bench" / "bbc.jsonl"


def load_corpus(path: Path | None, n: int) -> list[str]:
    """N article texts (a title line, a blank line, the text) from a JSONL corpus, else examples."""
    if path is not None and path.is_file():
        texts = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                texts.append(f"{row.get('title') or ''}\n\n{row['text']}")
                if len(texts) >= n:
                    break
        return texts
    source = REPO / "examples" / "harbor-fire"
    base = []
    for p in sorted(source.glob("*.txt")):
        with open(p, encoding="utf-8", newline="") as f:
            base.append(f.read())
    return [base[i % len(base)] + f"\nReference {i}.\n" for i in range(n)]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _phase_spacy(texts: list[str]) -> dict[str, float]:
    import spacy

    from newsledger.clean.parse import MODEL_PACKAGES

    name = next(p for p in MODEL_PACKAGES if spacy.util.get_package_version(p))
    nlp = spacy.load(name)
    wall, cpu = time.perf_counter(), _cpu()
    tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=32))
    return {"seconds": time.perf_counter() - wall, "cpu": _cpu() - cpu, "tokens": tokens}


def _phase_analyze(texts: list[str]) -> dict[str, float]:
    from newsledger.clean.parse import load_model
    from newsledger.ingest.read import document_from_text
    from newsledger.pipeline import build_ledger, extract_document, parse_documents, prepare_lines, with_reference

    load_model()
    wall, cpu = time.perf_counter(), _cpu()
    docs = with_reference([prepare_lines(document_from_text(t, f"bench-{i}.txt")) for i, t in enumerate(texts)])
    findings = [extract_document(d) for d in parse_documents(docs)]
    t_extract, c_extract = time.perf_counter() - wall, _cpu() - cpu
    ledger = build_ledger(findings)
    return {"seconds": time.perf_counter() - wall, "cpu": _cpu() - cpu, "extract_seconds": t_extract,
            "extract_cpu": c_extract, "quotes": len(ledger.quotes), "quantities": len(ledger.quantities),
            "events": len(ledger.events), "entities": len(ledger.entities), "groups": len(ledger.groups),
            "failures": len(ledger.failures)}


def _phase_store(texts: list[str], db: str) -> dict[str, float]:
    from newsledger.clean.parse import load_model
    from newsledger.cli import main

    load_model()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"text": t, "url": f"https://example.org/bench/{i}"}) + "\n")
        wall, cpu = time.perf_counter(), _cpu()
        status = main(["analyze", "-q", "--db", db, str(corpus)])
    return {"seconds": time.perf_counter() - wall, "cpu": _cpu() - cpu, "status": status}


def _child(phase: str, corpus: Path | None, n: int, db: str | None) -> dict[str, float]:
    texts = load_corpus(corpus, n)
    if phase == "spacy":
        result = _phase_spacy(texts)
    elif phase == "analyze":
        result = _phase_analyze(texts)
    else:
        assert db is not None
        result = _phase_store(texts, db)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _run_child(phase: str, corpus: Path | None, n: int, db: str | None = None) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", phase, "--docs", str(n)]
    if corpus is not None:
        cmd += ["--corpus", str(corpus)]
    if db:
        cmd += ["--db", db]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: {phase} phase failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2092)
    ap.add_argument("--corpus", type=Path, default=BBC if BBC.is_file() else None)
    ap.add_argument("--phase", choices=("spacy", "analyze", "store"), help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--no-grouping", action="store_true", help="skip the 1,000/10,000-article grouping timing")
    ap.add_argument("--no-store", action="store_true", help="skip the store phase")
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(_child(args.phase, args.corpus, args.docs, args.db)))
        return 0
    texts = load_corpus(args.corpus, args.docs)
    words = sum(len(t.split()) for t in texts)
    origin = args.corpus.name if args.corpus else "copies of examples/harbor-fire"
    print(f"corpus: {len(texts)} articles, {words:,} words, {sum(map(len, texts)) / 1e6:.1f} MB ({origin})")
    rows = [("spaCy en_core_web_sm nlp.pipe", _run_child("spacy", args.corpus, args.docs)),
            ("newsledger analysis (in memory)", _run_child("analyze", args.corpus, args.docs))]
    if not args.no_store:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(("newsledger analyze into SQLite", _run_child("store", args.corpus, args.docs,
                                                                    f"sqlite:///{tmp}/bench.db")))
    rows.append(("spaCy en_core_web_sm nlp.pipe again", _run_child("spacy", args.corpus, args.docs)))
    for name, r in rows:
        s = r["seconds"]
        print(f"{name:<34} {s:8.1f} s wall {r['cpu']:8.1f} s CPU  {len(texts) / s:7.1f} articles/s  "
              f"{words / s:9,.0f} words/s  peak RSS {r['peak_rss_mb']:.0f} MB")
    # the machine's speed drifts: the newsledger runs are set against the mean of the plain pass
    # run before and after them
    spacy_cpu = (rows[0][1]["cpu"] + rows[-1][1]["cpu"]) / 2
    analyze_r = rows[1][1]
    print(f"  analysis: extract {analyze_r['extract_cpu']:.1f} s CPU (parse included), cross-document "
          f"{analyze_r['cpu'] - analyze_r['extract_cpu']:.1f} s CPU; found {analyze_r['quotes']:.0f} quotes, "
          f"{analyze_r['quantities']:.0f} figures, {analyze_r['events']:.0f} events, {analyze_r['entities']:.0f} "
          f"entities, {analyze_r['groups']:.0f} groups, {analyze_r['failures']:.0f} failures")
    if not args.no_grouping:
        sys.path.insert(0, str(REPO / "bench"))
        from grouping import time_grouping  # type: ignore[import-not-found]

        for n in (1000, 10000):
            print(f"grouping {n:>6,} articles: {time_grouping(n):.2f} s")
    print(f"plain pass before and after: {rows[0][1]['cpu']:.1f} and {rows[-1][1]['cpu']:.1f} s CPU "
          f"(mean {spacy_cpu:.1f})")
    print(f"ratio: {analyze_r['cpu'] / spacy_cpu:.2f}")
    if not args.no_store:
        print(f"store ratio: {rows[2][1]['cpu'] / spacy_cpu:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
