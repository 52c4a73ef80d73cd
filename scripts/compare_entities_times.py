#!/usr/bin/env python3
"""Score entities and events of a bundle of articles against its answer key.

    python scripts/compare_entities_times.py [FOLDER] [--score PATH] [--out LEDGER.json] [--verbose]

FOLDER holds the articles (*.txt) and gold.json (default: ``<repo>/../shared/examples/kursk``).
The articles are read exactly as the scorer reads them, run through the mention, entity,
time and event stages, written as a ledger in the export format (other sections empty) and
scored by ``score.py`` (default: ``<repo>/../shared/eval/score.py``); the ENTITIES and EVENTS
sections of its report are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from newsledger.export.to_json import document_record
from newsledger.extract.events import event_dates, extract_events
from newsledger.extract.mentions import extract_mentions
from newsledger.extract.times import extract_times
from newsledger.model import Document, Entity, Event, item_id
from newsledger.pipeline import prepare_folder
from newsledger.resolve.entities import resolve_entities

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "examples" / "kursk"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score.py"


def read_documents(folder: Path) -> list[Document]:
    """Prepared Documents for every article of ``folder``, as ``analyze`` reads them (undated
    articles get the batch's latest publication date as the reference for relative times)."""
    return prepare_folder(folder)


def analyse(docs: list[Document]) -> tuple[list[Entity], list[Event]]:
    """Mentions → entities across documents; times → events per document."""
    mentions = [m for d in docs for m in extract_mentions(d)]
    entities = resolve_entities(docs, mentions)
    events = [e for d in docs for e in extract_events(d, extract_times(d))]
    return entities, events


def build_ledger(docs: list[Document], entities: list[Entity], events: list[Event]) -> dict[str, Any]:
    """A ledger in the export format with documents, entities and events filled."""
    ledger_events = []
    for e in events:
        start, end = event_dates(e)
        ledger_events.append(
            {
                "id": item_id(e),
                "doc": e.doc,
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "event": e.event,
                "time_text": e.time_text,
                "date_start": start,
                "date_end": end,
            }
        )
    return {
        "documents": [document_record(d) for d in docs],
        "quotes": [],
        "quantities": [],
        "groups": [],
        "events": ledger_events,
        "entities": [
            {
                "id": e.id,
                "canonical": e.canonical,
                "type": e.type,
                "aliases": list(e.aliases),
                "mentions": [{"doc": m.doc, "start": m.start, "end": m.end} for m in e.mentions],
            }
            for e in entities
        ],
    }


def run_scorer(scorer: Path, ledger_path: Path, gold: Path, verbose: bool) -> tuple[int, str]:
    """Run score.py; (exit status, its report)."""
    cmd = [sys.executable, str(scorer), str(ledger_path), str(gold)] + (["--verbose"] if verbose else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def sections(report: str, names: tuple[str, ...] = ("ENTITIES", "EVENTS")) -> str:
    """The report's sections with these headings (a heading line starts with the name)."""
    out, keep = [], False
    for line in report.splitlines():
        head = line.strip().split(" ")[0].strip(":").upper() if line.strip() else ""
        if line[:1].strip() and head.isalpha() and head.isupper():
            keep = head in names
        if keep:
            out.append(line)
    return "\n".join(out) or report


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--score", type=Path, default=DEFAULT_SCORER, help="path of score.py")
    ap.add_argument("--out", type=Path, default=None, help="also keep the ledger JSON here")
    ap.add_argument("--verbose", action="store_true", help="list the scorer's problems")
    ap.add_argument("--all", action="store_true", help="print the whole report")
    args = ap.parse_args(argv)
    gold = args.folder / "gold.json"
    if not gold.is_file():
        print(f"no answer key: {gold} not found", file=sys.stderr)
        return 2
    docs = read_documents(args.folder)
    entities, events = analyse(docs)
    ledger = build_ledger(docs, entities, events)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.out or Path(tmp) / "ledger.json"
        path.write_text(json.dumps(ledger, ensure_ascii=False, indent=1), encoding="utf-8")
        if not args.score.is_file():
            print(
                f"scorer not found at {args.score}; ledger written" + (f" to {args.out}" if args.out else ""),
                file=sys.stderr,
            )
            return 2
        status, report = run_scorer(args.score, path, gold, args.verbose)
    print(report if args.all else sections(report))
    return status


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
