"""Grouping rules for figures and events worded differently across outlets (invented stories)."""

from __future__ import annotations

from newsledger.compare._words import happening_of
from newsledger.model import Event, Quantity, Quote, item_id
from newsledger.pipeline import analyze_texts


def _groups(texts: list[str]) -> list[list[str]]:
    """Each group as the texts of its members."""
    ledger = analyze_texts(texts)
    items: dict[str, Quote | Quantity | Event] = {}
    for x in [*ledger.quotes, *ledger.quantities, *ledger.events]:
        items[item_id(x)] = x
    return [sorted(items[m].text for m in g.members) for g in ledger.groups]


def _together(groups: list[list[str]], a: str, b: str) -> bool:
    return any(any(a in t for t in g) and any(b in t for t in g) for g in groups)


def test_held_out_same_harm_worded_differently_groups() -> None:
    groups = _groups([
        "At least seven sailors were trapped in the hull of the ferry Lumen, the port authority said.",
        "Thirteen crew members remain trapped inside the ferry Lumen, divers said on Thursday.",
    ])
    assert _together(groups, "seven sailors", "Thirteen crew members")


def test_held_out_trapped_is_part_of_trapped_or_injured() -> None:
    groups = _groups([
        "Thirteen crew members were trapped inside the ferry Lumen, divers said.",
        "In all 23 crew members were trapped or injured aboard the ferry Lumen.",
    ])
    assert _together(groups, "Thirteen crew members", "23 crew members")


def test_held_out_compound_measure_folds_but_different_counts_stay_apart() -> None:
    groups = _groups([
        "More than 52 rescuers searched the flooded factory at Ostby on Friday.",
        "Around 57 rescue workers searched the flooded factory at Ostby overnight.",
    ])
    assert _together(groups, "52 rescuers", "57 rescue workers")
    # must not group: rescuers beside the workers trapped in the same factory
    groups = _groups([
        "More than 52 rescuers searched the flooded factory at Ostby on Friday.",
        "Some 33 workers were trapped in the flooded factory at Ostby on Friday.",
    ])
    assert not _together(groups, "52 rescuers", "33 workers")


def test_held_out_lengths_in_one_unit_group() -> None:
    groups = _groups([
        "A section of the hull 22 to 24 metres long was torn open, the shipyard said.",
        "Divers said the torn section was about 47 metres long.",
    ])
    assert _together(groups, "22 to 24 metres", "47 metres")


def test_held_out_same_unit_alone_does_not_group() -> None:
    groups = _groups([
        "The ferry sailed 37 kilometres of open sea before the storm.",
        "Police closed about 37 kilometres of motorway near the port.",
    ])
    assert not _together(groups, "37 kilometres of open", "37 kilometres of motorway")


def test_held_out_happening_said_as_one_verb() -> None:
    assert happening_of("some 270 dockers walked out on 3 May") == ("strike", "began")
    assert happening_of("the stoppage started on 3 May") == ("strike", "began")
    assert happening_of("the rockfall happened on Sunday") == ("collapse", "began")
    assert happening_of("the roof of the depot caved in on Sunday") == ("collapse", "began")
    # not a happening: a walk, or an onset with something else in between
    assert happening_of("the delegates walked to the hall on 3 May") is None
    assert happening_of("the fire inspection began on 3 May") == ("inspection", "carried out")  # no fire


def test_held_out_strike_onset_groups_but_not_a_fire() -> None:
    groups = _groups([
        "Some 270 dockers walked out on 3 May 2024 over pay, the union said.",
        "The strike began on 3 May 2024 at the container port, managers said.",
        "A fire broke out on 3 May 2024 in a warehouse at the container port.",
    ])
    assert _together(groups, "walked out on 3 May 2024", "strike began on 3 May 2024")
    assert not _together(groups, "strike began on 3 May 2024", "broke out on 3 May 2024")


def test_held_out_same_words_quoted_in_two_outlets_group() -> None:
    groups = _groups([
        "“We will not leave here until every one of them is home,” said Mira Holt, a union organiser.",
        "Holt told reporters: “We will not leave here until every one of them is home.”",
        "“We will leave here when every one of them is safe,” a manager said.",
    ])
    assert _together(groups, "We will not leave here until every one of them is home,",
                     "We will not leave here until every one of them is home.")
    assert not any(any("is safe" in t for t in g) for g in groups)


def test_held_out_coup_said_as_seizing_power_groups() -> None:
    groups = _groups([
        "Soldiers in Velmora have governed the country since the 2019 coup, and the junta faces sanctions.",
        "The Velmora army, which has faced sanctions since seizing power in 2019, denied the report.",
    ])
    assert _together(groups, "2019 coup", "seizing power in 2019")


def test_held_out_inspection_worded_two_ways_groups_and_dates_conflict() -> None:
    ledger = analyze_texts([
        "Orrin Herald\nMarch 12, 2031\n\nThe owner of the Orrin timber yard said the yard had passed a fire-safety "
        "inspection late last month, and that its sprinklers worked.",
        "Orrin Weekly\nMarch 14, 2031\n\nRecords show the Orrin timber yard was last inspected by the regional fire "
        "office in October 2030, and its sprinklers were not tested.",
    ])
    assert [(g.label, g.status) for g in ledger.groups if g.members[0].startswith("ev-")] == [
        ("inspection carried out", "conflict")]
    assert happening_of("the coup attempt") == ("coup", "began")
