#!/usr/bin/env python3
"""Score the quantity extractor, and quantulum3 as a peer, on a bundle with an answer key.

    python3 scripts/compare_quantities.py [BUNDLE] [--score PATH] [--keep DIR] [--verbose]

BUNDLE is a folder of article ``.txt`` files with a ``gold.json`` (default:
``../shared/examples/kursk`` relative to the repository). Each system's figures are written
as a ledger JSON in the export format (FORMAT.md; only ``documents`` and ``quantities``
are filled) and scored with the shared ``score.py``; the QUANTITIES sections are printed
side by side. quantulum3 is optional (``pip install quantulum3``, the ``peers`` extra);
without it only our extractor is scored.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsledger.export.to_json import document_record
from newsledger.extract.quantities import extract_quantities
from newsledger.model import Document
from newsledger.pipeline import prepare_folder

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = REPO.parent / "shared" / "examples" / "kursk"
DEFAULT_SCORE = REPO.parent / "shared" / "eval" / "score.py"

Record = dict[str, Any]


def load_bundle(folder: Path) -> list[Document]:
    """Prepared Documents for every article of ``folder``, as ``analyze`` reads them."""
    return prepare_folder(folder)


def ours(doc: Document) -> list[Record]:
    """Our extractor's figures as export records (ids added by :func:`ledger`)."""
    return [
        {
            "doc": doc.id,
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "value": q.value,
            "low": q.low,
            "high": q.high,
            "qualifier": q.qualifier,
            "measure": q.measure,
            "source": q.source,
            "hedged": q.hedged,
        }
        for q in extract_quantities(doc)
    ]


def peer_available() -> bool:
    """Whether quantulum3 can be imported."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns at import when its optional classifier is missing
        try:
            import quantulum3  # noqa: F401
        except ImportError:
            return False
    return True


def peer(doc: Document) -> list[Record]:
    """quantulum3's figures mapped to export records.

    quantulum3 gives a span, a value, a unit and sometimes an uncertainty (its reading of
    a range "7,000 to 8,000" is 7500 ± 500); it knows no qualifier words, no source and
    no hedging, so those are "exact"/"range", None and False. Its unit name (or the
    entity, for plain counts) stands in for the measure.
    """
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns at import when its optional classifier is missing
        from quantulum3 import parser

        found = parser.parse(doc.text)
    for q in found:
        start, end = q.span
        if doc.text[start:end] != q.surface:
            continue
        value = float(q.value)
        if q.unit.name == "dozen":
            value *= 12
        if q.uncertainty:
            low, high, qual = value - float(q.uncertainty), value + float(q.uncertainty), "range"
            value = low
        else:
            low, high, qual = value, value, "exact"
        out.append(
            {
                "doc": doc.id,
                "start": start,
                "end": end,
                "text": q.surface,
                "value": value,
                "low": low,
                "high": high,
                "qualifier": qual,
                "measure": q.unit.name,
                "source": None,
                "hedged": False,
            }
        )
    return out


def ledger(docs: list[Document], system: Callable[[Document], list[Record]]) -> dict[str, Any]:
    """A ledger JSON object holding ``system``'s figures for ``docs``."""
    quantities = []
    for doc in docs:
        for rec in system(doc):
            quantities.append({"id": f"n-{doc.id}-{rec['start']}-{rec['end']}", **rec})
    return {
        "documents": [document_record(d) for d in docs],
        "quotes": [],
        "quantities": quantities,
        "events": [],
        "entities": [],
        "groups": [],
    }


def score(
    ledger_obj: dict[str, Any], bundle: Path, score_py: Path, *, verbose: bool = False
) -> tuple[dict[str, Any], str]:
    """Run ``score.py`` on a ledger; returns (its JSON report, its printed text)."""
    with tempfile.TemporaryDirectory() as tmp:
        led, rep = Path(tmp, "ledger.json"), Path(tmp, "report.json")
        led.write_text(json.dumps(ledger_obj, ensure_ascii=False), encoding="utf-8")
        cmd = [sys.executable, str(score_py), str(led), str(bundle / "gold.json"), "--json", str(rep)]
        if verbose:
            cmd.append("--verbose")
        run = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise RuntimeError(f"score.py failed ({run.returncode}): {run.stderr.strip() or run.stdout.strip()}")
        return json.loads(rep.read_text(encoding="utf-8")), run.stdout


def quantity_section(printed: str) -> str:
    """The QUANTITIES block of score.py's printed report (figures and item lists)."""
    out: list[str] = []
    for line in printed.splitlines():
        if line.strip() and not line.startswith(" ") and out:
            break  # the next section's header
        if line.startswith("QUANTITIES") or out:
            out.append(line)
    return "\n".join(out)


def quantity_figures(report: dict[str, Any]) -> dict[str, float]:
    """The figures of the QUANTITIES section of a score report."""
    for key in ("quantities", "QUANTITIES"):
        if key in report:
            sec = report[key]
            return dict(sec.get("figures", sec))
    sections = report.get("sections", {})
    return dict(sections.get("quantities", {}).get("figures", {}))


def compare(
    bundle: Path = DEFAULT_BUNDLE, score_py: Path = DEFAULT_SCORE, *, verbose: bool = False, peers: bool = True
) -> dict[str, dict[str, float]]:
    """Score our extractor (and the peer when wanted and installed) on ``bundle``.

    Args:
        bundle (Path): folder with the articles and ``gold.json``.
        score_py (Path): the shared scorer.
        verbose (bool): print the scorer's full reports (misses, wrong attributes).
        peers (bool): also score quantulum3 when it is installed.

    Returns:
        dict[str, dict[str, float]]: {system name: the QUANTITIES figures of its report}.
    """
    docs = load_bundle(bundle)
    systems: dict[str, Callable[[Document], list[Record]]] = {"newsledger": ours}
    if peers and peer_available():
        systems = {"quantulum3": peer, **systems}
    out = {}
    for name, system in systems.items():
        report, printed = score(ledger(docs, system), bundle, score_py, verbose=verbose)
        out[name] = quantity_figures(report)
        if verbose:
            print(f"--- {name}\n{quantity_section(printed)}")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: print the QUANTITIES figures of each system side by side."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bundle", nargs="?", type=Path, default=DEFAULT_BUNDLE)
    ap.add_argument("--score", type=Path, default=DEFAULT_SCORE, help="path of score.py")
    ap.add_argument("--verbose", action="store_true", help="also print the QUANTITIES part of score.py's reports")
    args = ap.parse_args(argv)
    if not args.score.is_file():
        print(f"score.py not found at {args.score}; nothing to score against.")
        return 0
    if not (args.bundle / "gold.json").is_file():
        print(f"no gold.json in {args.bundle}; nothing to score against.")
        return 0
    if not peer_available():
        print("quantulum3 is not installed (pip install quantulum3); scoring newsledger only.")
    results = compare(args.bundle, args.score, verbose=args.verbose)
    names = list(results)
    keys = list(dict.fromkeys(k for r in results.values() for k in r))
    print("QUANTITIES".ljust(26) + "".join(n.rjust(14) for n in names))
    for k in keys:
        row = "".join(
            (f"{results[n][k]:.3f}" if isinstance(results[n].get(k), float) else str(results[n].get(k, "-"))).rjust(14)
            for n in names
        )
        print(k.ljust(26) + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
