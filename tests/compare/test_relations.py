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
        ((5400, 6600), (5850, 7150), "compatible"),  # "some 6,000" vs "approximately 6,500"
        ((5400, 6600), (6600, None), "compatible"),  # touching ends still overlap
        ((7, 7), (7, 7), "agree"),
        ((20, 99), (20, 99), "agree"),  # "dozens" twice
        ((17, 17), (200, 999), "conflict"),  # disjoint on the same measure
        ((None, 50), (80, None), "conflict"),  # "fewer than 50" vs "more than 80"
        ((700, None), (1500, None), "compatible"),  # two lower bounds
    ],
)
def test_relations_intervals(a: tuple[float | None, float | None], b: tuple[float | None, float | None],
                             status: str) -> None:
    got, why = judge_quantities([qty("d1", *a), qty("d2", *b)])
    assert got == status
    assert why


def test_relations_agree_names_the_figure() -> None:
    status, why = judge_quantities([qty("d1", 7, 7, qualifier="exact"), qty("d2", 7, 7, qualifier="exact")])
    assert status == "agree"
    assert "7" in why


def test_relations_later_larger_figure_is_a_rise() -> None:
    early, late = qty("d1", 500, 500, "people killed", "exact"), qty("d2", 900, 900, "people killed", "exact")
    status, why = judge_quantities([early, late], {"d1": "2031-01-02", "d2": "2031-02-10"})
    assert status == "compatible"
    assert "rise" in why
    # Without publication dates nothing says which came first: the figures contradict each other.
    assert judge_quantities([early, late])[0] == "conflict"
    # The later figure being smaller is no rise.
    assert judge_quantities([early, late], {"d1": "2031-03-01", "d2": "2031-02-10"})[0] == "conflict"


def test_relations_bound_and_larger_later_figure() -> None:
    bound = qty("d1", 700, None, "killed", "at_least")
    later = qty("d2", 1500, 1500, "killed", "exact")
    assert judge_quantities([bound, later], {"d1": "2031-01-01", "d2": "2031-02-01"})[0] == "compatible"


def test_relations_killed_vs_killed_or_wounded() -> None:
    killed = qty("d1", 700, None, "killed", "at_least")
    both = qty("d2", 1500, None, "killed or wounded", "more_than")
    injured = qty("d3", 1800, None, "killed or injured", "at_least")
    status, why = judge_quantities([killed, both, injured])
    assert status == "compatible"
    assert "'killed'" in why and "different measures" in why


def test_relations_part_cannot_exceed_whole() -> None:
    killed = qty("d1", 5000, None, "killed", "at_least")
    both = qty("d2", None, 2500, "killed or wounded", "less_than")
    assert judge_quantities([killed, both])[0] == "conflict"


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        (event("d1", None, None, (3, 4, 5), "last spring"), event("d2", None, None, (9,), "in September"), "conflict"),
        (event("d1", "2023-03-01", "2023-05-31", (), "last spring"),
         event("d2", "2023-09-01", "2023-09-30", (), "September 2023"), "conflict"),
        (event("d1", None, None, (3, 4, 5), "last spring"),
         event("d2", "2023-04-01", "2023-04-30", (), "April 2023"), "compatible"),
        (event("d1", "2023-09-01", "2023-09-30"), event("d2", "2023-09-01", "2023-09-30"), "agree"),
        (event("d1", "2023-09-01", "2023-09-30"), event("d2", "2023-09-14", "2023-09-14"), "compatible"),
    ],
)
def test_relations_event_times(a: Event, b: Event, status: str) -> None:
    got, why = judge_events([a, b])
    assert got == status
    if status == "conflict":
        assert "cannot be" in why


def test_relations_season_vs_month_names_the_months() -> None:
    a = event("d1", None, None, (3, 4, 5), "last spring")
    b = event("d2", None, None, (9,), "in September")
    assert events_relation(a, b) == "disjoint"
    _, why = judge_events([a, b])
    assert "March–May" in why and "September" in why


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
    [(5400.0, 6600.0, "5,400–6,600"), (1500, None, "1,500+"), (None, 5, "up to 5"), (2.25, 2.75, "2.25–2.75"),
     (7, 7, "7")],
)
def test_relations_format_interval(low: float | None, high: float | None, text: str) -> None:
    assert format_interval(qty("d", low, high)) == text


@pytest.mark.parametrize(
    ("unit", "shown"),
    [("rand", "36,000,000–44,000,000 rand"), ("$", "$36,000,000–44,000,000"), (None, "36,000,000–44,000,000")],
)
def test_relations_reason_names_the_unit(unit: str | None, shown: str) -> None:
    a = Quantity(doc="d1", start=0, end=5, text="about 40 million", value=40e6, low=36e6, high=44e6,
                 qualifier="approximate", measure="damage", unit=unit)
    b = Quantity(doc="d2", start=0, end=5, text="35 to 45 million", value=35e6, low=35e6, high=45e6,
                 qualifier="range", measure="claim", unit=unit)
    status, why = judge_quantities([a, b])
    assert status == "compatible"
    assert shown in why
