#!/usr/bin/env python3
"""Bench: the answer-keyed bundles analysed alone, then all together in one batch.

    python bench/grouping_keyed.py [--skip NAME ...]

Each bundle of ``../shared/examples`` and ``examples/`` that has a ``gold.json`` is analysed
on its own and scored; then every bundle's articles go to one ``analyze`` run, and that one
ledger is scored against each bundle's key. Printed per bundle: groups found and status
accuracy alone and in the batch (and their difference), then every group of the batch whose
members come from two bundles (a group mixing two stories). Exit status 1 when a group mixes
bundles or a figure moves by more than 0.02. Not a test: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "src"))
FIGURES = ("groups.found_rate", "groups.status_accuracy")
TOLERANCE = 0.02


def _score_module() -> Any:
    spec = importlib.util.spec_from_file_location("nl_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _analyze(inputs: list[Path], out: Path) -> dict[str, Any]:
    from newsledger.cli import main as cli

    assert cli(["analyze", "-q", "--no-store", *map(str, inputs), "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip", nargs="*", default=[], help="bundles to leave out")
    args = ap.parse_args()
    score = _score_module()
    bundles = sorted((p for root in (SHARED / "examples", REPO / "examples") if root.is_dir()
                      for p in root.iterdir() if (p / "gold.json").is_file() and p.name not in args.skip),
                     key=lambda p: p.name)
    tmp = Path(tempfile.mkdtemp(prefix="grouping-keyed-"))
    gold = {b.name: json.loads((b / "gold.json").read_text(encoding="utf-8")) for b in bundles}
    alone = {b.name: score.evaluate(_analyze([b], tmp / f"{b.name}.json"), gold[b.name], str(b))["headline"]
             for b in bundles}
    together = _analyze(bundles, tmp / "together.json")
    bundle_of = {d["id"]: next((b.name for b in bundles if Path(d["source"]).resolve().parent == b.resolve()), "?")
                 for d in together["documents"]}
    item_doc = {x["id"]: x["doc"] for kind in ("quotes", "quantities", "events") for x in together[kind]}
    bad = 0
    for b in bundles:
        got = score.evaluate(together, gold[b.name], str(b))["headline"]
        row = []
        for f in FIGURES:
            diff = got[f] - alone[b.name][f]
            bad += abs(diff) > TOLERANCE + 1e-9
            row.append(f"{f.split('.')[1]} {alone[b.name][f]:.3f} alone, {got[f]:.3f} together ({diff:+.3f})")
        print(f"{b.name:<28} " + "; ".join(row))
    mixed = [g for g in together["groups"]
             if len({bundle_of.get(item_doc.get(m, ""), "?") for m in g["members"]}) > 1]
    for g in mixed:
        print(f"mixed: {g['label']} ({g['status']}): "
              + ", ".join(sorted({bundle_of.get(item_doc.get(m, ''), '?') for m in g['members']})))
    print(f"{len(together['groups'])} groups in the batch, {len(mixed)} mixing two bundles; "
          f"{len(together['stories'])} stories")
    return 1 if mixed or bad else 0


if __name__ == "__main__":
    sys.exit(main())
