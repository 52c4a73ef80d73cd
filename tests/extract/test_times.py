"""Time expressions: found spans, and their dates with and without a publication date."""

from __future__ import annotations

import pytest

from newsledger.extract.times import extract_times
from newsledger.pipeline import prepare_text

PUB = "2025-02-08"  # a Saturday


def _one(text: str, published: str | None, words: str):  # type: ignore[no-untyped-def]
    doc = prepare_text(text, published=published)
    times = extract_times(doc)
    for t in times:
        assert t.text == doc.text[t.start : t.end]
    hits = [t for t in times if t.text == words]
    assert hits, f"{words!r} not found in {[t.text for t in times]}"
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "words", "start", "end"),
    [
        ("The pact was signed last summer.", "last summer", "2024-06-01", "2024-08-31"),
        ("The agency confirmed late last month that troops fought.", "late last month", "2025-01-21", "2025-01-31"),
        ("Talks were held last week in the capital.", "last week", "2025-01-27", "2025-02-02"),
        ("The army advanced in recent weeks.", "recent weeks", "2024-12-28", "2025-02-08"),
        ("The town has been held since last August.", "since last August", "2024-08-01", "2024-08-31"),
        ("The accord was signed in October 2023.", "October 2023", "2023-10-01", "2023-10-31"),
        ("The post was dated March 3, 2023 by its author.", "March 3, 2023", "2023-03-03", "2023-03-03"),
        ("The minister spoke on Friday.", "Friday", "2025-02-07", "2025-02-07"),
        ("The minister spoke Sunday about the plan.", "Sunday", "2025-02-02", "2025-02-02"),
        ("Exports fell last year.", "last year", "2024-01-01", "2024-12-31"),
        ("Troops were sent late last year.", "late last year", "2024-09-01", "2024-12-31"),
        ("Prices rose earlier this month.", "earlier this month", "2025-02-01", "2025-02-08"),
        ("He left the country in 2019.", "2019", "2019-01-01", "2019-12-31"),
        ("She visited the port in June.", "June", "2024-06-01", "2024-06-30"),
        ("Since the Great War (1914-18) the border was closed.", "(1914-18)", "1914-01-01", "1918-12-31"),
        ("Rains came in early March 2023.", "early March 2023", "2023-03-01", "2023-03-10"),
        ("The treaty dates from summer 2023.", "summer 2023", "2023-06-01", "2023-08-31"),
        ("Elections are due next summer.", "next summer", "2025-06-01", "2025-08-31"),
        ("Snow fell last winter.", "last winter", "2023-12-01", "2024-02-29"),
        ("The deal was struck 4 March 2023.", "4 March 2023", "2023-03-04", "2023-03-04"),
        ("The envoy arrived two weeks ago.", "two weeks ago", "2025-01-22", "2025-01-28"),
        ("Fighting flared yesterday.", "yesterday", "2025-02-07", "2025-02-07"),
        ("The strike happened last Friday.", "last Friday", "2025-02-07", "2025-02-07"),
        ("The curfew ends next month.", "next month", "2025-03-01", "2025-03-31"),
        ("The ship sails on March 20.", "March 20", "2024-03-20", "2024-03-20"),
        # day before month, no year
        ("The roof failed on 1 February.", "1 February", "2025-02-01", "2025-02-01"),
        # a clock time on a day word; "since X" is X's own interval, where the event starts
        (
            "Two men have been trapped since shortly after 4 a.m. yesterday.",
            "since shortly after 4 a.m. yesterday",
            "2025-02-07",
            "2025-02-07",
        ),
        ("Talks have stalled since last spring.", "since last spring", "2024-03-01", "2024-05-31"),
        # a future verb before a bare weekday: the next one
        ("The board said it would meet on Wednesday.", "Wednesday", "2025-02-12", "2025-02-12"),
        ("The board met on Wednesday.", "Wednesday", "2025-02-05", "2025-02-05"),
        ("The mayor spoke this morning.", "this morning", "2025-02-08", "2025-02-08"),
        ("Shots were heard last night.", "last night", "2025-02-07", "2025-02-07"),
    ],
)
def test_times_resolved_against_publication(sentence: str, words: str, start: str, end: str) -> None:
    t = _one(sentence, PUB, words)
    assert (t.date_start, t.date_end) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "words", "start", "end", "months"),
    [
        ("The pact was signed last summer.", "last summer", None, None, (6, 7, 8)),
        ("She visited the port in June.", "June", None, None, (6,)),
        ("The accord was signed in October 2023.", "October 2023", "2023-10-01", "2023-10-31", (10,)),
        ("Prices rose late last month.", "late last month", None, None, ()),
        ("The minister spoke on Friday.", "Friday", None, None, ()),
        ("Snow fell late last winter.", "late last winter", None, None, (2,)),
        ("He left the country in 2019.", "2019", "2019-01-01", "2019-12-31", ()),
    ],
)
def test_times_without_publication_date(
    sentence: str, words: str, start: str | None, end: str | None, months: tuple[int, ...]
) -> None:
    t = _one(sentence, None, words)
    assert (t.date_start, t.date_end, t.months) == (start, end, months)


@pytest.mark.parametrize(
    "sentence",
    [
        "You may go now.",
        "Now the troops march on.",
        "May God help them, he said.",
        "The March for Peace drew crowds.",
        "About 2,000 soldiers and 1950 vehicles were there.",
    ],
)
def test_times_not_dates(sentence: str) -> None:
    doc = prepare_text(sentence, published=PUB)
    assert extract_times(doc) == []


def test_times_date_line_is_the_base_when_metadata_has_none() -> None:
    text = "A headline about the front\n\nFeb.3 - 2025 9:15 AM CET\n\nThe talks began last week."
    doc = prepare_text(text)
    times = {t.text: t for t in extract_times(doc)}
    assert times["Feb.3 - 2025 9:15 AM CET"].date_start == "2025-02-03"
    assert (times["last week"].date_start, times["last week"].date_end) == ("2025-01-27", "2025-02-02")


def test_times_leading_preposition_left_out() -> None:
    t = _one("It was agreed in October 2023.", PUB, "October 2023")
    assert t.text == "October 2023"
