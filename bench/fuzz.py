#!/usr/bin/env python3
"""Fuzzing: N generated texts through every extractor and the whole pipeline.

    python bench/fuzz.py [--n 100000] [--seed 1] [--workers 2] [--show INDEX]

Each text is made from its index and the seed alone (so any one can be shown again with
``--show``): news words, speech verbs, quotation marks of every kind, figures (huge
digit runs, "inf" and "NaN" among them), dates (at both ends of the calendar too), long
runs of one mark or word, invisible and control characters, arbitrary code points, and
a publication date from year 1 to 9999. Every text is cleaned, then run through each
extractor (quotes, quantities, mentions, times, events) and the cross-document stages
(``build_ledger``), each timed in CPU seconds.

Reported: exceptions (the extractor, the text's index, the error), span violations (a
span outside the text, or whose ``text`` is not ``doc.text[start:end]``, or spans out of
order) and the slowest article per stage in seconds per KB (texts under 1 KB count as
1 KB, so that fixed costs do not dominate). The last line is the summary. Each text runs
under the per-article time budget, so a text that hangs is reported, not waited for.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

STAGES = ("clean", "quotes", "quantities", "mentions", "times", "events", "pipeline")
_WORDS = [w for line in (
    "the a an of and or to in on at by for from with that who which as than he she they it his her their "
    "said says told added warned according claimed denied confirmed stated reported announced insisted "
    "officials police minister spokesman spokeswoman president ambassador chief director residents "
    "President Minister Dr. Mr. Ms. Gen. Inc. Ltd. U.S. Co. Sen. Rev. St. "
    "Mara Lind Corva Halvorsen Brenholm Zlatograd Ruritania Tilden Port Bay City Agency Ministry Company "
    "at least about some nearly over more than fewer between up to around almost roughly reportedly "
    "million billion thousand hundred hundreds dozens dozen two three ten twelve one percent per cent "
    "people soldiers workers passengers were was killed injured arrested evacuated captured sent signed "
    "Monday Tuesday Sunday last next this week month year summer winter yesterday today tomorrow ago since "
    "January March May June December spring earlier later By Photo: Share Read more Trending Now"

) for w in line.split()]
_MARKS = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "‹", "›", "—", "–", "-", ",", ".", ":", ";", "!", "?",
          "(", ")", "[", "]", "…", "/", "@", "#", "%", "$", "€", "£", "\n", "\n\n", "\r\n", "\r", "\t",
          "\u00a0", "\u200b", "\ufeff", "\u202e", "\x00", "\u2028", "\ufffd"]
_DATES = ["10 January 2025", "2025-01-11", "11/01/2025", "March 4", "Feb. 30, 2024", "0001-01-01", "9999-12-31",
          "December 31, 9999", "January 1, 1", "7:06 PM", "5.30pm", "the 1990s", "2012–13", "in 48 hours"]
_ODD_NUMBERS = ["inf", "Infinity", "NaN", "1e999", "0.000", "1,", "1,000,", "3-1", "F-16", "+44 20", "½", "٣"]
_RUNS = ['"', ",", "“", "”", "1,", ".", "'", "-", "(", "a ", "said ", "1 ", "Mr. ", "“a” ", "\n", "Corva, "]
_SEPARATORS = [" ", " ", " ", "", "\n", ", "]


def make_text(seed: int, index: int) -> tuple[str, str | None]:
    """The text and publication date of one index (the same for the same seed, on any machine)."""
    rng = random.Random(f"{seed}:{index}")
    parts: list[str] = []
    for _ in range(rng.choice((0, 5, 20, 60, 150, 400))):
        kind = rng.random()
        if kind < 0.55:
            piece = rng.choice(_WORDS)
        elif kind < 0.7:
            piece = rng.choice(_MARKS)
        elif kind < 0.8:
            piece = _number(rng)
        elif kind < 0.85:
            piece = rng.choice(_DATES)
        elif kind < 0.88:
            piece = rng.choice(_RUNS) * rng.randint(20, 3000)
        else:
            piece = "".join(chr(_code_point(rng)) for _ in range(rng.randint(1, 12)))
        parts.append(piece + rng.choice(_SEPARATORS))
    published = rng.choice([None, None, "0001-01-01", "9999-12-31", "2025-02-29", "nonsense",
                            f"{rng.randint(1, 9999):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
    return "".join(parts), published


def _number(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return str(rng.randint(0, 10**6))
    if roll < 0.6:
        return f"{rng.randint(0, 10**12):,}"
    if roll < 0.75:
        return str(rng.uniform(-1e6, 1e6))
    if roll < 0.85:
        return "9" * rng.randint(20, 2000)
    return rng.choice(_ODD_NUMBERS)


def _code_point(rng: random.Random) -> int:
    """Any code point but surrogates (a str from a file never holds them: ingest replaces them)."""
    while True:
        cp = rng.choice((rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF), rng.randint(0, 0x10FFFF)))
        if not 0xD800 <= cp <= 0xDFFF:
            return cp


@dataclass
class Report:
    """What a share of the texts gave."""

    texts: int = 0
    exceptions: list[tuple[str, int, str]] = field(default_factory=list)
    violations: list[tuple[str, int, str]] = field(default_factory=list)
    slowest: dict[str, tuple[float, int, float]] = field(default_factory=dict)  # stage → (s/KB, index, KB)

    def add(self, other: Report) -> None:
        self.texts += other.texts
        self.exceptions += other.exceptions
        self.violations += other.violations
        for stage, worst in other.slowest.items():
            if worst[0] > self.slowest.get(stage, (-1.0, 0, 0.0))[0]:
                self.slowest[stage] = worst


def _violation(text: str, spans: list[Any]) -> str | None:
    last = -1
    for x in spans:
        if not 0 <= x.start <= x.end <= len(text) or text[x.start : x.end] != x.text:
            return f"span {x.start}:{x.end} {x.text[:40]!r}"
        if x.start < last:
            return f"out of order at {x.start}"
        last = x.start
    return None


def _run_share(seed: int, indices: range) -> Report:
    from newsledger.budget import BudgetExceeded, time_budget
    from newsledger.extract.events import extract_events
    from newsledger.extract.mentions import extract_mentions
    from newsledger.extract.quantities import extract_quantities
    from newsledger.extract.quotes import extract_quotes
    from newsledger.extract.times import extract_times
    from newsledger.pipeline import Findings, build_ledger, prepare_text

    stages: tuple[tuple[str, Callable[..., Any]], ...] = (
        ("quotes", extract_quotes), ("quantities", extract_quantities), ("mentions", extract_mentions),
        ("times", extract_times),
    )
    report = Report()

    def timed(stage: str, i: int, kb: float, fn: Callable[[], Any]) -> Any:
        started = time.process_time()
        try:
            with time_budget(60):
                return fn()
        except (Exception, BudgetExceeded) as exc:  # noqa: BLE001 - every failure is reported
            line = traceback.format_exception_only(type(exc), exc)[-1].strip()
            report.exceptions.append((stage, i, line))
            return None
        finally:
            per_kb = (time.process_time() - started) / kb
            if per_kb > report.slowest.get(stage, (-1.0, 0, 0.0))[0]:
                report.slowest[stage] = (per_kb, i, kb)

    # one text through every stage first: loading the model and the lexicons is not a text's cost
    warm = prepare_text("“Two ships sailed on Monday,” officials said.", source="warm.txt", published="2025-01-11")
    build_ledger([Findings(warm, **{name: fn(warm) for name, fn in stages},
                           events=extract_events(warm, extract_times(warm)))])
    for i in indices:
        text, published = make_text(seed, i)
        kb = max(len(text.encode("utf-8")) / 1000, 1.0)
        report.texts += 1
        doc = timed("clean", i, kb, partial(prepare_text, text, source=f"fuzz-{i}.txt", published=published))
        if doc is None:
            continue
        found: dict[str, Any] = {stage: timed(stage, i, kb, partial(fn, doc)) or [] for stage, fn in stages}
        found["events"] = timed("events", i, kb, partial(extract_events, doc, found["times"])) or []
        for stage in STAGES[1:6]:
            problem = _violation(doc.text, found[stage])
            if problem:
                report.violations.append((stage, i, problem))
        timed("pipeline", i, kb, partial(build_ledger, [Findings(doc, **found)]))
    return report


def _shares(n: int, parts: int) -> Iterator[range]:
    step = max(1, n // (parts * 20))
    for start in range(0, n, step):
        yield range(start, min(n, start + step))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=100_000, help="texts per extractor (default 100,000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    p.add_argument("--show", type=int, metavar="INDEX", help="print the text of one index and stop")
    args = p.parse_args(argv)
    if args.show is not None:
        text, published = make_text(args.seed, args.show)
        print(f"published: {published}\n{text!r}")
        return 0
    started = time.monotonic()
    total = Report()
    next_report = args.n // 10
    with ProcessPoolExecutor(args.workers) as pool:
        for share in pool.map(_run_share, itertools.repeat(args.seed), _shares(args.n, args.workers)):
            total.add(share)
            if total.texts >= next_report:
                next_report += args.n // 10
                print(f"  {total.texts:,} texts, {len(total.exceptions)} exceptions, "
                      f"{len(total.violations)} violations, {time.monotonic() - started:.0f} s", flush=True)
    for stage, i, line in total.exceptions[:20]:
        print(f"exception in {stage}, text {i}: {line}")
    for stage, i, line in total.violations[:20]:
        print(f"span violation in {stage}, text {i}: {line}")
    for stage in STAGES:
        if stage in total.slowest:
            per_kb, i, kb = total.slowest[stage]
            print(f"slowest {stage}: {per_kb:.4f} s/KB (text {i}, {kb:.1f} KB)")
    worst_stage = max(total.slowest, key=lambda s: total.slowest[s][0])
    per_kb, worst_i, worst_kb = total.slowest[worst_stage]
    print(f"fuzz: {total.texts:,} texts x {len(STAGES) - 2} extractors + pipeline (seed {args.seed}): "
          f"{len(total.exceptions)} exceptions, {len(total.violations)} span violations; slowest article "
          f"{per_kb:.4f} s/KB ({worst_stage}, text {worst_i}, {worst_kb:.1f} KB); "
          f"{time.monotonic() - started:.0f} s on {args.workers} workers")
    return 1 if total.exceptions or total.violations else 0


if __name__ == "__main__":
    sys.exit(main())
