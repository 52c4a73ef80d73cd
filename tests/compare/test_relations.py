"""Verdict rules: intervals, related measures, rises, dates and seasons, translations."""

from __future__ import annotations

import pytest

from newsledger.compare.relations import (
    events_relation,
    format_interval,
    judge,
    judge_events,
    judge_quantities,
    judge_quotes,
)
from newsledger.model import Event, Quantity, Quote


def qty(doc: str, low: float | None, high: float | None, measure: str = "soldiers deployed",
        qualifier: str = "approximate", value: float | None = None) -> Quantity:
    text = f"{value or low or high} {measure}"
    return Quantity(doc=doc, start=0, end=len(text), text=text, value=value if value is not None else low,
                    low=low, high=high, qualifier=qualifier, measure=measure)  # type: ignore[arg-type]


def event(doc: str, start: str | None, end: str | None, months: tuple[int, ...] = (), when: str = "") -> Event:
    return Event(doc=doc, start=0, end=10, text="accord signed", event="accord signed", time_text=when,
                 date_start=start, date_end=end, months=months)


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ((9000, 11000), (9900, 12100), "compatible"),  # "some 10,000" vs "approximately 11,000"
        ((9000, 11000), (11000, None), "compatible"),  # touching ends still overlap
        ((2, 2), (2, 2), "agree"),
        ((200, 999), (200, 999), "agree"),
        ((24, 24), (200, 999), "conflict"),  # disjoint on the same measure
        ((None, 50), (80, None), "conflict"),  # "fewer than 50" vs "more than 80"
        ((1000, None), (3000, None), "compatible"),  # two lower bounds
    ],
)
def test_relations_intervals(a: tuple[float | None, float | None], b: tuple[float | None, float | None],
                             status: str) -> None:
    got, why = judge_quantities([qty("d1", *a), qty("d2", *b)])
    assert got == status
    assert why


def test_relations_agree_names_the_figure() -> None:
    status, why = judge_quantities([qty("d1", 2, 2, qualifier="exact"), qty("d2", 2, 2, qualifier="exact")])
    assert status == "agree"
    assert "2" in why


def test_relations_later_larger_figure_is_a_rise() -> None:
    early, late = qty("d1", 500, 500, "people killed", "exact"), qty("d2", 900, 900, "people killed", "exact")
    status, why = judge_quantities([early, late], {"d1": "2025-01-02", "d2": "2025-02-10"})
    assert status == "compatible"
    assert "rise" in why
    # Without publication dates nothing says which came first: the figures contradict each other.
    assert judge_quantities([early, late])[0] == "conflict"
    # The later figure being smaller is no rise.
    assert judge_quantities([early, late], {"d1": "2025-03-01", "d2": "2025-02-10"})[0] == "conflict"


def test_relations_bound_and_larger_later_figure() -> None:
    bound = qty("d1", 1000, None, "killed", "at_least")
    later = qty("d2", 1500, 1500, "killed", "exact")
    assert judge_quantities([bound, later], {"d1": "2025-01-01", "d2": "2025-02-01"})[0] == "compatible"


def test_relations_killed_vs_killed_or_wounded() -> None:
    killed = qty("d1", 1000, None, "killed", "at_least")
    both = qty("d2", 3000, None, "killed or wounded", "more_than")
    injured = qty("d3", 4000, None, "killed or injured", "at_least")
    status, why = judge_quantities([killed, both, injured])
    assert status == "compatible"
    assert "'killed'" in why and "different measures" in why


def test_relations_part_cannot_exceed_whole() -> None:
    killed = qty("d1", 5000, None, "killed", "at_least")
    both = qty("d2", None, 3000, "killed or wounded", "less_than")
    assert judge_quantities([killed, both])[0] == "conflict"


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        (event("d1", None, None, (6, 7, 8), "last summer"), event("d2", None, None, (11,), "in November"), "conflict"),
        (event("d1", "2024-06-01", "2024-08-31", (), "last summer"),
         event("d2", "2024-11-01", "2024-11-30", (), "November 2024"), "conflict"),
        (event("d1", None, None, (6, 7, 8), "last summer"),
         event("d2", "2024-07-01", "2024-07-31", (), "July 2024"), "compatible"),
        (event("d1", "2024-11-01", "2024-11-30"), event("d2", "2024-11-01", "2024-11-30"), "agree"),
        (event("d1", "2024-11-01", "2024-11-30"), event("d2", "2024-11-12", "2024-11-12"), "compatible"),
    ],
)
def test_relations_event_times(a: Event, b: Event, status: str) -> None:
    got, why = judge_events([a, b])
    assert got == status
    if status == "conflict":
        assert "cannot be" in why


def test_relations_season_vs_month_names_the_months() -> None:
    a = event("d1", None, None, (6, 7, 8), "last summer")
    b = event("d2", None, None, (11,), "in November")
    assert events_relation(a, b) == "disjoint"
    _, why = judge_events([a, b])
    assert "June–August" in why and "November" in why


def test_relations_same_statement_in_two_translations_agrees() -> None:
    a = Quote(doc="d1", start=0, end=70, text="The lodging, the meals - everything about the visit was entirely free.",
              direct=True, speaker="Ilsa Varnholm")
    b = Quote(doc="d2", start=0, end=60, text="Everything about the visit, all of it was entirely free.",
              direct=True, speaker="Varnholm")
    status, why = judge_quotes([a, b])
    assert status == "agree"
    assert "same speaker" in why and "Ilsa Varnholm" in why


def test_relations_judge_refuses_mixed_kinds() -> None:
    with pytest.raises(ValueError, match="one kind"):
        judge([qty("d1", 1, 1), event("d2", None, None)])


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [(9000.0, 11000.0, "9,000–11,000"), (1000, None, "1,000+"), (None, 5, "up to 5"), (9.9, 12.1, "9.9–12.1"),
     (2, 2, "2")],
)
def test_relations_format_interval(low: float | None, high: float | None, text: str) -> None:
    assert format_interval(qty("d", low, high)) == text
