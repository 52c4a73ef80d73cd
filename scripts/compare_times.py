#!/usr/bin/env python3
"""Time expressions: dateparser's ``search_dates`` beside newsledger, on a bundle's gold events.

    python scripts/compare_times.py [BUNDLE]     (default: ../shared/examples/kursk)

For every gold event of ``gold.json`` the time words (``time_text``) are located in the
article; each finder is asked for the time expressions of that article, resolved against
the article's publication date (for an undated article, the batch's latest date, as
``newsledger analyze`` does). A gold event counts as found when a found expression overlaps
its time words, and as right when the resolved interval lies inside the gold constraint
(the rule of score.py). ``search_dates`` gives one instant per match, taken as that day.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsledger.extract.times import extract_times  # noqa: E402
from newsledger.pipeline import prepare_text, story_reference  # noqa: E402
from newsledger.resolve.times import parse_base  # noqa: E402

Found = list[tuple[int, int, str | None, str | None]]


def _ok(gold: dict[str, object], start: str | None, end: str | None) -> bool:
    if not start or not end:
        return False
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if gold.get("date"):
        return a == b == dt.date.fromisoformat(str(gold["date"]))
    year, months = gold.get("year"), gold.get("months") or []
    y, m = a.year, a.month
    while (y, m) <= (b.year, b.month):
        if (year is not None and y != year) or (months and m not in months):  # type: ignore[operator]
            return False
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return True


def peer_times(text: str, base: dt.date | None) -> Found:
    """dateparser.search_dates: each match as a one-day interval at its offset."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(base, dt.time())} if base else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hits = search_dates(text, languages=["en"], settings=settings) or []  # type: ignore[arg-type]
    out: Found = []
    pos = 0
    for words, when in hits:
        i = text.find(words, pos)
        if i < 0:
            i = text.find(words)
        if i >= 0:
            pos = i + len(words)
            out.append((i, i + len(words), when.date().isoformat(), when.date().isoformat()))
    return out


def our_times(doc_text: str, source: str, reference: str | None) -> Found:
    doc = prepare_text(doc_text, source=source)
    if reference and not doc.meta.published:
        doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, reference=reference))
    return [(t.start, t.end, t.date_start, t.date_end) for t in extract_times(doc)]


def evaluate(bundle: Path) -> dict[str, tuple[int, int, int]]:
    """(found, right, total) per finder over the bundle's gold events."""
    gold = json.loads((bundle / "gold.json").read_text(encoding="utf-8"))
    texts = {k: (bundle / d["file"]).read_text(encoding="utf-8") for k, d in gold["documents"].items()}
    docs = {k: prepare_text(t, source=gold["documents"][k]["file"]) for k, t in texts.items()}
    reference = story_reference(docs.values())
    results: dict[str, list[int]] = {"dateparser.search_dates": [0, 0, 0], "newsledger": [0, 0, 0]}
    cache: dict[tuple[str, str], Found] = {}
    for ev in gold["events"]:
        k = ev["doc"]
        text = texts[k]
        anchor = text.index(ev["anchor"])
        i = text.find(ev["time_text"], anchor)
        s, e = (i, i + len(ev["time_text"])) if i >= 0 else (anchor, anchor + len(ev["anchor"]))
        base = parse_base(docs[k].meta.published or reference)
        for name in results:
            if (name, k) not in cache:
                cache[(name, k)] = (peer_times(text, base) if name.startswith("dateparser")
                                    else our_times(text, gold["documents"][k]["file"], reference))
            hits = [h for h in cache[(name, k)] if h[0] < e and s < h[1]]
            results[name][2] += 1
            if hits:
                results[name][0] += 1
                results[name][1] += any(_ok(ev, h[2], h[3]) for h in hits)
    return {n: (f, r, t) for n, (f, r, t) in results.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bundle", nargs="?", type=Path, default=REPO.parent / "shared" / "examples" / "kursk")
    args = ap.parse_args(argv)
    if not (args.bundle / "gold.json").is_file():
        print(f"compare_times: no gold.json in {args.bundle}", file=sys.stderr)
        return 2
    print(f"{'TIMES of gold events':<26}{'found':>10}{'right':>10}")
    for name, (found, right, total) in evaluate(args.bundle).items():
        print(f"{name:<26}{found:>6}/{total:<3}{right:>6}/{total:<3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
