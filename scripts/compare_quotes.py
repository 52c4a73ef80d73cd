#!/usr/bin/env python3
"""Score the quote extractor against a naive baseline on a bundle of articles with gold.json.

    python3 scripts/compare_quotes.py [BUNDLE] [--score PATH/score.py] [--verbose]

BUNDLE defaults to ``../shared/examples/kursk`` beside the repository. For each system
(BASELINE: every span between quotation marks is a direct quote, its speaker the nearest
capitalised name before it; EXTRACTOR: :func:`newsledger.extract.quotes.extract_quotes`)
a ledger JSON in the export format is written (quotes only, terms left out) and scored
with the shared ``score.py``; the QUOTES sections are printed side by side.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from newsledger.export.to_json import document_record
from newsledger.extract.quotes import extract_quotes
from newsledger.model import Document, Quote
from newsledger.pipeline import prepare_folder

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = REPO / ".." / "shared" / "examples" / "kursk"
DEFAULT_SCORE = REPO / ".." / "shared" / "eval" / "score.py"

_BASE_QUOTE = re.compile(r"[\"“«‘]([^\"”»’\n]{1,600})[\"”»’]")
_BASE_NAME = re.compile(r"\b[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*")


def load_documents(bundle: Path) -> list[Document]:
    """Prepared Documents for every article of ``bundle``, as ``analyze`` reads them."""
    return prepare_folder(bundle)


def baseline_quotes(doc: Document) -> list[Quote]:
    """Every span between quotation marks, speaker = the nearest capitalised name before it.

    Args:
        doc (Document): a prepared document.
    Returns:
        list[Quote]: direct quotes only, the naive reading a tool must beat.
    """
    out = []
    for m in _BASE_QUOTE.finditer(doc.text):
        names = list(_BASE_NAME.finditer(doc.text, max(0, m.start() - 300), m.start()))
        name = names[-1] if names else None
        out.append(
            Quote(
                doc=doc.id,
                start=m.start(1),
                end=m.end(1),
                text=m.group(1),
                direct=True,
                speaker=name.group() if name else None,
                speaker_start=name.start() if name else None,
                speaker_end=name.end() if name else None,
            )
        )
    return out


def ledger_json(docs: list[Document], quotes: list[Quote]) -> dict[str, Any]:
    """A ledger in the export format holding documents and statements (terms left out).

    Args:
        docs (list[Document]): the documents; quotes (list[Quote]): their quotes.
    Returns:
        dict[str, Any]: the six sections of FORMAT.md, only documents and quotes filled.
    """
    return {
        "documents": [document_record(d) for d in docs],
        "quotes": [
            {
                "id": f"q{n}",
                "doc": q.doc,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_entity": None,
                "direct": q.direct,
            }
            for n, q in enumerate(q for q in quotes if q.kind != "term")
        ],
        "quantities": [],
        "events": [],
        "entities": [],
        "groups": [],
    }


def load_scorer(path: Path) -> ModuleType | None:
    """The shared score.py as a module, or None when it is not there.

    Args:
        path (Path): where score.py should be.
    Returns:
        ModuleType | None: the loaded module (its ``evaluate`` is used).
    """
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("newsledger_score", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_systems(bundle: Path, score_path: Path) -> dict[str, dict[str, Any]] | None:
    """Score BASELINE and EXTRACTOR on a bundle; None when score.py or gold.json is absent.

    Returns:
        dict[str, dict[str, Any]] | None: per system, score.py's result (``sections`` →
        ``quotes`` → ``figures``/``counts``/``lists``) plus the ledger under ``"ledger"``.
    """
    scorer = load_scorer(score_path)
    gold_path = bundle / "gold.json"
    if scorer is None or not gold_path.is_file():
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    docs = load_documents(bundle)
    systems = {
        "BASELINE": [q for d in docs for q in baseline_quotes(d)],
        "EXTRACTOR": [q for d in docs for q in extract_quotes(d)],
    }
    out = {}
    for name, quotes in systems.items():
        ledger = ledger_json(docs, quotes)
        result = scorer.evaluate(ledger, gold, str(bundle.resolve()))
        result["ledger"] = ledger
        out[name] = result
    return out


def side_by_side(results: dict[str, dict[str, Any]]) -> str:
    """The QUOTES figures of each system in columns.

    Args:
        results (dict[str, dict[str, Any]]): :func:`score_systems` output.
    Returns:
        str: a small table, one figure per line.
    """
    names = list(results)
    figs = results[names[0]]["sections"]["quotes"]["figures"]
    lines = [f"{'QUOTES':<24}" + "".join(f"{n:>22}" for n in names)]
    for fig in figs:
        row = f"  {fig:<22}"
        for n in names:
            sec = results[n]["sections"]["quotes"]
            v = sec["figures"][fig]
            val = f"{v:.3f}" if isinstance(v, float) else str(v)
            row += f"{val + ' ' + sec['counts'].get(fig, ''):>22}"
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry: print both QUOTES sections; 0 on success, 1 when files are missing."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", nargs="?", default=str(DEFAULT_BUNDLE), help="folder with *.txt and gold.json")
    ap.add_argument("--score", default=str(DEFAULT_SCORE), help="path of the shared score.py")
    ap.add_argument("--verbose", action="store_true", help="also list misses and wrong speakers")
    ap.add_argument("--write", metavar="DIR", help="keep the ledgers in DIR (default: a temporary folder)")
    args = ap.parse_args(argv)
    bundle, score_path = Path(args.bundle), Path(args.score)
    if not score_path.is_file():
        print(f"compare_quotes: score.py not found at {score_path}; nothing to compare", file=sys.stderr)
        return 1
    if not (bundle / "gold.json").is_file():
        print(f"compare_quotes: no gold.json in {bundle}; nothing to compare", file=sys.stderr)
        return 1
    results = score_systems(bundle, score_path)
    if results is None:
        print("compare_quotes: could not load score.py", file=sys.stderr)
        return 1
    out_dir = Path(args.write) if args.write else Path(tempfile.mkdtemp(prefix="quotes-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, result in results.items():
        (out_dir / f"{name.lower()}.json").write_text(
            json.dumps(result["ledger"], ensure_ascii=False, indent=1), encoding="utf-8"
        )
    print(side_by_side(results))
    if args.verbose:
        for name, result in results.items():
            print(f"\n{name}")
            for lst, items in result["sections"]["quotes"]["lists"].items():
                if items:
                    print(f"  {lst}:")
                    print("\n".join(f"    - {x}" for x in items))
    print(f"\nledgers written to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
