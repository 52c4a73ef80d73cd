"""The figure extractor over whole documents: what it skips, what it merges, its cost, odd text."""

from __future__ import annotations

import dataclasses
import time

import pytest

from newsledger.extract.quantities import extract_quantities, load_quantity_lexicons, with_unit
from newsledger.extract.quantities.lexicon import Bound
from newsledger.pipeline import prepare_text


def test_assembly_skips_headline_and_title() -> None:
    text = (
        "Lunport Rescues Two Stranded Fishermen Near Varno\n"
        "\n"
        "Coast guards in Lunport rescued two stranded fishermen on Sunday.\n"
    )
    found = extract_quantities(prepare_text(text))
    assert [q.text for q in found] == ["two stranded fishermen"]
    assert found[0].start > text.index("\n")


def test_assembly_repeated_figure_from_one_source_counts_once() -> None:
    text = (
        'In remarks made by Ada Brenholt, it was revealed that the dredging needs "dozens" of barges.\n'
        'Brenholt said, "Dozens of barges have been hired in Ostia."\n'
    )
    found = extract_quantities(prepare_text(text))
    assert [(q.source, q.low, q.high) for q in found] == [("Ada Brenholt", 24, 99)]


def test_assembly_repeated_figure_without_source_stays() -> None:
    text = "About 300 homes burned in Varno.\nAbout 300 homes burned again in Ostia.\n"
    assert len(extract_quantities(prepare_text(text))) == 2


def test_assembly_tiny_lexicons() -> None:
    """A test can pass its own tables: here none with "about" as a bound."""
    full = load_quantity_lexicons()
    before: dict[tuple[str, ...], Bound] = {k: v for k, v in full.bounds_before.items() if k != ("about",)}
    tiny = dataclasses.replace(full, bounds_before=before)
    (q,) = extract_quantities(prepare_text("About 15 patients were treated at the clinic."), lexicons=tiny)
    assert (q.text, q.qualifier) == ("15 patients", "exact")


def test_assembly_parses_an_unparsed_document() -> None:
    doc = dataclasses.replace(prepare_text("Rescuers found 300 survivors."), parse=None)
    assert [q.text for q in extract_quantities(doc)] == ["300 survivors"]


@pytest.mark.parametrize("text", ["1,000 " * 5000, "Two " * 3000 + "bridges.", "$5 " * 4000, "at least 40 " * 2500])
def test_assembly_long_runs_cost_linear_time(text: str) -> None:
    doc = prepare_text(text)
    start = time.perf_counter()
    found = extract_quantities(doc)
    assert time.perf_counter() - start < 5.0
    assert all(q.text == doc.text[q.start:q.end] for q in found)


@pytest.mark.parametrize("text", ["9" * 5000 + " people were hurt.", "inf people and nan troops, 1e400 tanks.",
                                  "1" * 400 + ".5 troops left.", "-" * 3000 + "5 boats", "\u200b12\u00a0%\ufeff",
                                  "", "   \n\n  ", "% $ , - – to and between from"])
def test_assembly_never_raises_on_odd_text(text: str) -> None:
    doc = prepare_text(text)
    for q in extract_quantities(doc):
        assert q.text == doc.text[q.start:q.end]
        assert q.value is None or abs(q.value) < 1e16


@pytest.mark.parametrize(
    ("number", "unit", "shown"),
    [("15", "%", "15%"), ("3", "$", "$3"), ("12", "km", "12 km"), ("2", "percentage points", "2 percentage points"),
     ("40", None, "40")],
)
def test_assembly_unit_stays_with_its_number(number: str, unit: str | None, shown: str) -> None:
    assert with_unit(number, unit, load_quantity_lexicons()) == shown


@pytest.mark.parametrize(("text", "expected"), [
    # the figure an earlier one is set against counts what that one counts
    ("The flood toll rose to 19 on Friday, up from 12 a day earlier.",
     [("19", "flood toll rose"), ("12", "flood toll rose")]),
    ("Exports fell to 3,100 tonnes in May, down from 4,000 a year ago.",
     [("3,100 tonnes", "Exports fell tonnes"), ("4,000", "Exports fell tonnes")]),
    ("The clinic logged 320 complaints, compared with 150 last year.",
     [("320 complaints", "logged complaints"), ("150", "logged complaints")]),
    # a figure with a noun of its own keeps it
    ("The port handled 40 ships, up from 35 barges in March.",
     [("40 ships", "handled ships"), ("35 barges", "barges")]),
])
def test_assembly_a_figure_compared_with_another_counts_the_same(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.text, q.measure) for q in extract_quantities(prepare_text(text))] == expected
