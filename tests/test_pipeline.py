"""Pipeline: the batch reference date for undated articles, extractor isolation."""

from __future__ import annotations

from newsledger import pipeline
from newsledger.pipeline import analyze_texts, extract_document, prepare_text

DATED = ("Quay fire: what we know\nBy Jane Roe\nMarch 14, 2025\n"
         "The harbour board said on Thursday that the warehouse had been inspected in October 2024 by the port.\n")
UNDATED = "The harbour board and the union signed a safety pact last summer, the union said in a statement.\n"


def test_undated_article_uses_batch_reference_and_is_flagged() -> None:
    ledger = analyze_texts([DATED, UNDATED])
    undated = next(d for d in ledger.documents if d.text == UNDATED)
    assert undated.meta.published is None and undated.meta.reference == "2025-03-14"
    pact = next(e for e in ledger.events if e.doc == undated.id)
    assert pact.time_text == "last summer"
    assert (pact.date_start, pact.date_end, pact.estimated) == ("2024-06-01", "2024-08-31", True)
    assert pact.months == (6, 7, 8)  # what the words alone allow, kept for comparisons
    dated = next(e for e in ledger.events if e.time_text == "October 2024")
    assert (dated.date_start, dated.date_end, dated.estimated) == ("2024-10-01", "2024-10-31", False)


def test_undated_article_alone_gives_months_only() -> None:
    ledger = analyze_texts([UNDATED])
    pact = ledger.events[0]
    assert (pact.date_start, pact.date_end, pact.months, pact.estimated) == (None, None, (6, 7, 8), False)


def test_failing_extractor_is_recorded_not_raised(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(doc):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    registry = dict(pipeline.extractors())
    registry["quotes"] = broken
    monkeypatch.setattr(pipeline, "EXTRACTORS", registry)
    found = extract_document(prepare_text(DATED, source="a.txt"))
    assert [f.reason for f in found.failures] == ["quotes extractor failed: RuntimeError: boom"]
    assert found.quantities or found.times  # the other extractors still ran


def test_estimated_dates_compare_by_months_only() -> None:
    from newsledger.compare.relations import events_relation
    from newsledger.model import Event

    summer = Event("d1", 0, 5, "x", "pact signed", "last summer", "2024-06-01", "2024-08-31", (6, 7, 8),
                   estimated=True)
    november = Event("d2", 0, 5, "x", "pact signed", "November 2024", "2024-11-01", "2024-11-30")
    july = Event("d2", 0, 5, "x", "pact signed", "in July", "2023-07-01", "2023-07-31")
    this_week = Event("d1", 0, 5, "x", "shed burned", "this week", "2025-03-17", "2025-03-23", (), estimated=True)
    last_week = Event("d3", 0, 5, "x", "shed burned", "last week", "2025-03-10", "2025-03-16")
    assert events_relation(summer, november) == "disjoint"
    assert events_relation(summer, july) == "overlap"  # the estimated year is not held against it
    assert events_relation(this_week, last_week) == "unknown"  # no false conflict from an estimate
