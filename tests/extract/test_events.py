"""Events: labels, spans and times around time expressions; the publication date line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsledger.extract.events import event_dates, extract_events, participle
from newsledger.extract.times import extract_times
from newsledger.pipeline import prepare_text

PUB = "2025-02-08"
REPO = Path(__file__).resolve().parents[2]


def _events(text: str, published: str | None = PUB):  # type: ignore[no-untyped-def]
    doc = prepare_text(text, published=published)
    events = extract_events(doc, extract_times(doc))
    for e in events:
        assert e.text == doc.text[e.start : e.end]
        assert e.time_start is not None and e.time_end is not None
        assert e.time_text == doc.text[e.time_start : e.time_end]
    return events


@pytest.mark.parametrize(
    ("sentence", "label", "time_text", "start", "end"),
    [
        (
            "This follows Borduria and Syldavia signing a defense pact last summer.",
            "defense pact signed",
            "last summer",
            "2024-06-01",
            "2024-08-31",
        ),
        (
            "The troops stem from a defense pact signed between the two capitals in October 2023.",
            "defense pact signed",
            "October 2023",
            "2023-10-01",
            "2023-10-31",
        ),
        (
            "Borduria has reportedly captured two enemy soldiers in recent weeks.",
            "enemy soldiers captured",
            "recent weeks",
            "2024-12-28",
            "2025-02-08",
        ),
        (
            "At dawn one day last week, a dozen wounded soldiers were brought to the hospital.",
            "wounded soldiers brought",
            "last week",
            "2025-01-27",
            "2025-02-02",
        ),
        (
            "The ambassador said in an interview published Sunday that care was free.",
            "interview published",
            "Sunday",
            "2025-02-02",
            "2025-02-02",
        ),
        (
            "The Harbour Office confirmed late last month that ships had left.",
            "Harbour Office confirmed",
            "late last month",
            "2025-01-21",
            "2025-01-31",
        ),
        (
            "This is the first capture since their deployment to the front late last year.",
            "deployment to front",
            "late last year",
            "2024-09-01",
            "2024-12-31",
        ),
        (
            "The general was organizing the withdrawal of the brigade in June.",
            "withdrawal organized",
            "June",
            "2024-06-01",
            "2024-06-30",
        ),
        (
            "A section of roof failed on 1 February, the firm said.",
            "section of roof failed",
            "1 February",
            "2025-02-01",
            "2025-02-01",
        ),
        (
            "Eleven miners have been trapped since shortly after 4 a.m. yesterday, officials said.",
            "trapped",
            "since shortly after 4 a.m. yesterday",
            "2025-02-07",
            "2025-02-07",
        ),
        ("Talks over pay have stalled since last spring.", "stalled", "since last spring", "2024-03-01", "2024-05-31"),
    ],
)
def test_events_label_and_time(sentence: str, label: str, time_text: str, start: str, end: str) -> None:
    events = _events(sentence)
    hits = [e for e in events if e.time_text == time_text]
    assert hits, [e.time_text for e in events]
    e = hits[0]
    assert e.event == label
    assert (e.date_start, e.date_end) == (start, end)
    assert e.start <= e.time_start and e.end >= e.time_end


def test_events_same_happening_same_label_in_two_outlets() -> None:
    a = _events("Both sides confirmed signing a defense pact last summer.")
    b = _events("Troops came after a defense pact signed by both sides in October 2023.")
    assert a[0].event == b[0].event == "defense pact signed"


def test_events_months_only_without_publication_date() -> None:
    events = _events("The two leaders met after signing a defense pact last summer.", published=None)
    e = events[0]
    assert (e.date_start, e.date_end, e.months) == (None, None, (6, 7, 8))
    assert event_dates(e) == (None, None)


def test_events_publication_date_line() -> None:
    text = "Soldiers captured near the river\n\nWritten by Jane Roe\n\nMar.4 - 2025 8:30 AM CET\n\nThe war goes on.\n"
    events = _events(text, published=None)
    pub = [e for e in events if e.event == "publication"]
    assert len(pub) == 1
    assert pub[0].text == "Mar.4 - 2025 8:30 AM CET"
    assert event_dates(pub[0]) == ("2025-03-04", "2025-03-04")


def test_events_none_for_bare_dates() -> None:
    assert [e.event for e in _events("1999-2000, 2014–15.")] == []


def test_events_none_in_boilerplate() -> None:
    text = "The siege went on for weeks across the whole valley and the towns nearby.\nPhoto: Reuters, June 2024\n"
    assert [e.time_text for e in _events(text)] == []


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("signing", "signed"),
        ("capturing", "captured"),
        ("bringing", "brought"),
        ("stopping", "stopped"),
        ("carrying", "carried"),
        ("writing", "written"),
        ("getting", "got"),
        ("making", "made"),
        ("sent", "sent"),
        ("held", "held"),
        ("signed", "signed"),
    ],
)
def test_events_participle(form: str, expected: str) -> None:
    assert participle(form) == expected


def test_events_kursk_sample(kursk_dir: Path, score_module: Any) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import compare_entities_times as cmp
    finally:
        sys.path.pop(0)
    docs = cmp.read_documents(kursk_dir)
    entities, events = cmp.analyse(docs)
    gold = json.loads((kursk_dir / "gold.json").read_text(encoding="utf-8"))
    report = score_module.evaluate(cmp.build_ledger(docs, entities, events), gold, str(kursk_dir))
    section = report["sections"]["events"]
    assert section["figures"]["found_rate"] == 1.0
    # a relative time in an undated article has no calendar dates (months only): never a wrong date
    assert all("None..None" in line for line in section["lists"]["wrong_time"])


def test_events_timeline_in_date_order_undated_last() -> None:
    from newsledger.view.timeline import format_timeline, timeline_rows

    text = (
        "Officials said the talks began late last year. A defense pact was signed in October 2023. "
        "The army advanced in recent weeks."
    )
    doc = prepare_text(text, source="a.txt", published=PUB)
    undated = prepare_text("The two leaders met after signing a defense pact last summer.", source="b.txt")
    events = extract_events(doc, extract_times(doc)) + extract_events(undated, extract_times(undated))
    rows = timeline_rows(events, [doc, undated])
    assert [r.time_text for r in rows] == ["October 2023", "late last year", "recent weeks", "last summer"]
    assert (rows[0].source, rows[0].file, rows[0].paragraph) == ("outlet not named", "a.txt", 1)
    assert rows[-1].when == "months: Jun–Aug"
    assert format_timeline(events, [doc, undated]).row_count == 4
