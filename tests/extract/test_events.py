"""Events on the parse: the clause a time modifies, its label, span and dates; the date line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsledger.extract.events import event_dates, extract_events
from newsledger.extract.times import extract_times
from newsledger.model import Event
from newsledger.pipeline import prepare_text

PUB = "2025-02-08"
REPO = Path(__file__).resolve().parents[2]


def _events(text: str, published: str | None = PUB) -> list[Event]:
    doc = prepare_text(text, published=published)
    events = extract_events(doc, extract_times(doc))
    for e in events:
        assert e.text == doc.text[e.start : e.end]
        assert e.time_start is not None and e.time_end is not None
        assert e.time_text == doc.text[e.time_start : e.time_end]
        assert e.start <= e.time_start and e.end >= e.time_end
    return events


@pytest.mark.parametrize(
    ("sentence", "label", "span", "time_text", "start", "end"),
    [
        # a gerund and its object
        ("This follows the two ferry firms signing a fuel contract last summer.", "sign fuel contract",
         "signing a fuel contract last summer", "last summer", "2024-06-01", "2024-08-31"),
        # a participle after its noun: the noun is what was signed
        ("The new ferry line grew out of a trade accord signed between the two ports in March 2022.",
         "sign trade accord", "trade accord signed between the two ports in March 2022", "March 2022",
         "2022-03-01", "2022-03-31"),
        # a verb and its object
        ("Coast guards have reportedly seized three smuggling boats in recent weeks.", "seize smuggling boat",
         "seized three smuggling boats in recent weeks", "recent weeks", "2024-12-28", "2025-02-08"),
        # the time first; a passive subject is what was done to
        ("Late one evening last week, forty stranded hikers were flown to the valley clinic.", "fly hiker",
         "last week, forty stranded hikers were flown", "last week", "2025-01-27", "2025-02-02"),
        ("The coach said in an interview published Monday that the squad was tired.", "publish interview",
         "interview published Monday", "Monday", "2025-02-03", "2025-02-03"),
        # no object: the subject before the verb
        ("The Harbour Office announced late last month that ships had left.", "Harbour Office announce",
         "Harbour Office announced late last month", "late last month", "2025-01-21", "2025-01-31"),
        ("Talks over pay have stalled since last spring.", "talk stall",
         "Talks over pay have stalled since last spring", "since last spring", "2024-03-01", "2024-05-31"),
        # a noun that names a happening is the event
        ("The general was organizing the withdrawal of the brigade in June.", "withdrawal",
         "withdrawal of the brigade in June", "June", "2024-06-01", "2024-06-30"),
        ("The council has governed the island since a 1987 coup.", "coup", "1987 coup", "1987",
         "1987-01-01", "1987-12-31"),
        ("Flights resumed months after the January incident.", "incident", "January incident", "January",
         "2025-01-01", "2025-01-31"),
        ("The strike was on Tuesday.", "strike", "strike was on Tuesday", "Tuesday", "2025-02-04", "2025-02-04"),
        # a noun that names no happening is left for its verb
        ("Rebels fired rockets at the airport Tuesday.", "fire rocket", "fired rockets at the airport Tuesday",
         "Tuesday", "2025-02-04", "2025-02-04"),
        ("A section of roof failed on 1 February, the firm said.", "section fail",
         "section of roof failed on 1 February", "1 February", "2025-02-01", "2025-02-01"),
        ("Eleven miners have been trapped since shortly after 4 a.m. yesterday, officials said.", "trap miner",
         "miners have been trapped since shortly after 4 a.m. yesterday", "since shortly after 4 a.m. yesterday",
         "2025-02-07", "2025-02-07"),
        ("The permit expires at noon ET, the city said.", "permit expire",
         "permit expires at noon ET", "noon ET", "2025-02-08", "2025-02-08"),
        ("The board approved the plan on 2024-03-05 after a debate.", "approve plan",
         "approved the plan on 2024-03-05", "2024-03-05", "2024-03-05", "2024-03-05"),
        # a clause set off by commas between subject and verb has its own time: not in the span
        ("Mayor Ada Holm, who visited the quay on Monday night, repeated on Friday that it was safe.",
         "Mayor Ada Holm repeat", "repeated on Friday", "Friday", "2025-02-07", "2025-02-07"),
        ("Mayor Ada Holm, who visited the quay on Monday night, repeated on Friday that it was safe.",
         "visit quay", "visited the quay on Monday night", "Monday night", "2025-02-03", "2025-02-03"),
    ],
)
def test_events_label_span_and_time(sentence: str, label: str, span: str, time_text: str, start: str,
                                    end: str) -> None:
    hits = [e for e in _events(sentence) if e.time_text == time_text]
    assert hits, [e.time_text for e in _events(sentence)]
    e = hits[0]
    assert (e.event, e.text, e.start) == (label, span, sentence.index(span))
    assert (e.date_start, e.date_end) == (start, end)


def test_events_clock_time_shares_the_day_of_its_clause() -> None:
    text = "The barn burned on Tuesday evening near the river, around 8:10 pm local time."
    events = {e.time_text: e for e in _events(text)}
    assert events["Tuesday evening"].event == events["around 8:10 pm local time"].event == "barn burn"
    assert event_dates(events["around 8:10 pm local time"]) == ("2025-02-04", "2025-02-04")


def test_events_same_happening_same_label_in_two_outlets() -> None:
    a = _events("Both firms confirmed signing a fuel contract last summer.")
    b = _events("Ferries came after a fuel contract signed by both firms in October 2023.")
    assert a[0].event == b[0].event == "sign fuel contract"


def test_events_months_only_without_publication_date() -> None:
    events = _events("The two mayors met after signing a trade accord last summer.", published=None)
    e = events[0]
    assert (e.date_start, e.date_end, e.months, e.estimated) == (None, None, (6, 7, 8), False)
    assert event_dates(e) == (None, None)


def test_events_publication_date_line() -> None:
    text = "Ferry fares rise again\n\nWritten by Jane Roe\n\nMar.4 - 2025 8:30 AM CET\n\nThe fares went up.\n"
    pub = [e for e in _events(text, published=None) if e.event == "publication"]
    assert [(e.text, e.time_text) for e in pub] == [("Mar.4 - 2025 8:30 AM CET", "Mar.4 - 2025 8:30 AM CET")]
    assert event_dates(pub[0]) == ("2025-03-04", "2025-03-04")


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("date 2023-05-17 Key points\n\nThe storm hit the coast on Tuesday.", "2023-05-17", "2023-05-17"),
        ("Published: 3 June 2023 The council met.\n\nIt voted on Friday.", "3 June 2023", "2023-06-03"),
        ("Plant closes\nUpdated March 14, 2025, 09:12 GMT\nThe plant closed on Friday.", "March 14, 2025, 09:12 GMT",
         "2025-03-14"),
    ],
)
def test_events_date_line_run_into_text_is_the_publication(text: str, words: str, day: str) -> None:
    events = _events(text, published=None)
    pub = [e for e in events if e.event == "publication"]
    assert [(e.text, e.date_start) for e in pub] == [(words, day)]
    assert all(e.time_text != words for e in events if e.event != "publication")


def test_events_none_for_bare_dates() -> None:
    assert [e.event for e in _events("1999-2000, 2014–15.")] == []


def test_events_none_in_boilerplate() -> None:
    text = "The siege went on for weeks across the whole valley and the towns nearby.\nPhoto: Reuters, June 2024\n"
    assert [e.time_text for e in _events(text)] == []


def test_events_linear_on_long_runs() -> None:
    import time

    text = "The fire started on Friday.\n" * 400 + "Monday " * 2000
    t0 = time.perf_counter()
    events = _events(text)
    assert len(events) >= 400
    assert time.perf_counter() - t0 < 20


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
    assert section["figures"]["time_accuracy"] == 1.0


def test_events_timeline_in_date_order_undated_last() -> None:
    from newsledger.view.timeline import format_timeline, timeline_rows

    text = (
        "Officials said the talks began late last year. A trade accord was signed in October 2023. "
        "The army advanced in recent weeks."
    )
    doc = prepare_text(text, source="a.txt", published=PUB)
    undated = prepare_text("The two mayors met after signing a trade accord last summer.", source="b.txt")
    events = extract_events(doc, extract_times(doc)) + extract_events(undated, extract_times(undated))
    rows = timeline_rows(events, [doc, undated])
    assert [r.time_text for r in rows] == ["October 2023", "late last year", "recent weeks", "last summer"]
    assert (rows[0].source, rows[0].file, rows[0].paragraph) == ("outlet not named", "a.txt", 1)
    assert rows[-1].when == "months: Jun–Aug"
    assert format_timeline(events, [doc, undated]).row_count == 4


def test_events_timeline_marks_estimated_dates() -> None:
    import dataclasses

    from newsledger.pipeline import with_reference
    from newsledger.view.timeline import timeline_rows

    dated = prepare_text("The storm hit the coast on Monday.", source="a.txt", published="2025-03-17")
    undated = prepare_text("The storm hit the coast this week.", source="b.txt")
    docs = with_reference([dated, undated])
    events = [e for d in docs for e in extract_events(d, extract_times(d))]
    rows = {r.file: r.when for r in timeline_rows(events, docs)}
    assert rows == {"a.txt": "2025-03-17", "b.txt": "≈ 2025-03-17 – 2025-03-23"}
    assert dataclasses.replace(events[1], estimated=False) != events[1]


def test_publication_event_needs_an_iso_publication_date() -> None:
    text = "3 March 2024\nThe ferry sank on Friday, officials said."
    dated = prepare_text(text, published="2024-03-03")
    assert [(e.event, e.date_start) for e in extract_events(dated, extract_times(dated))
            if e.event == "publication"] == [("publication", "2024-03-03")]
    undated = prepare_text(text, published="not a date")
    assert [e for e in extract_events(undated, extract_times(undated)) if e.event == "publication"] == []


@pytest.mark.parametrize(("text", "span", "day"), [
    ("Quay fire\nPublished: 05:30 GMT, 21 January 2025 | Updated: 09:12 GMT, 22 January 2025\n\nThe fire spread.\n",
     "Updated: 09:12 GMT, 22 January 2025", "2025-01-22"),
    ("Quay fire\nJanuary 21, 2025\nLast updated on 22 January 2025 at 14:10\n\nThe fire spread.\n",
     "Last updated on 22 January 2025 at 14:10", "2025-01-22"),
])
def test_events_update_line_is_the_article_updated(text: str, span: str, day: str) -> None:
    updated = [e for e in _events(text, published=None) if e.event == "article updated"]
    assert [(e.text, e.date_start, e.date_end) for e in updated] == [(span, day, day)]
    assert [e.event for e in _events(text, published=None)].count("publication") == 1


def test_events_a_date_line_that_runs_into_the_story_keeps_the_story_s_times() -> None:
    events = _events("Quay strike\n date 2025-01-21 Dockers at the quay voted Thursday to strike.\n", published=None)
    assert sorted((e.time_text, e.date_start) for e in events) == [("2025-01-21", "2025-01-21"),
                                                                    ("Thursday", "2025-01-16")]
