"""Tests for the quantity extractor: forms, intervals, measures, sources, hedges, non-claims.

Every text here is invented (fictional people and places); the sample articles are only
used by the last test, which scores the extractor against their answer key.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from newsledger.extract.quantities import extract_quantities, load_quantity_lexicons
from newsledger.model import Quantity
from newsledger.pipeline import prepare_text

REPO = Path(__file__).resolve().parents[2]


def _quantities(text: str) -> list[Quantity]:
    doc = prepare_text(text)
    found = extract_quantities(doc)
    for q in found:
        assert q.text == doc.text[q.start : q.end]
        assert q.doc == doc.id
        if q.source is not None:
            assert q.source_start is not None and q.source_end is not None
            assert doc.text[q.source_start : q.source_end] == q.source
    assert [q.start for q in found] == sorted(q.start for q in found)
    return found


def _one(text: str) -> Quantity:
    found = _quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


# (text, expected span text, value, low, high, qualifier)
FORMS = [
    ("Rescuers pulled 14,500 sandbags from the river.", "14,500 sandbags", 14500, 14500, 14500, "exact"),
    (
        "Some 3.5 million voters were registered in Brenland.",
        "Some 3.5 million voters",
        3.5e6,
        3.15e6,
        3.85e6,
        "approximate",
    ),
    ("The Ostian treasury spent 1.2bn on the bridge.", "1.2bn", 1.2e9, 1.2e9, 1.2e9, "exact"),
    ("Police in Corvale arrested a dozen protesters.", "a dozen protesters", 12, 12, 12, "exact"),
    ("The mill hired three dozen weavers last week.", "three dozen weavers", 36, 36, 36, "exact"),
    ("Hundreds of residents were evacuated from Lunport.", "Hundreds of residents", None, 200, 999, "approximate"),
    ("Thousands of workers marched through Ostia.", "Thousands of workers", None, 2000, 9999, "approximate"),
    (
        "Tens of thousands of fans were stranded at the Varno stadium.",
        "Tens of thousands of fans",
        None,
        20000,
        99999,
        "approximate",
    ),
    ("Dozens of houses were damaged by the storm.", "Dozens of houses", None, 24, 99, "approximate"),
    ("Several people were injured in the blast.", "Several people", None, 3, 9, "approximate"),
    (
        "Guards detained a couple of smugglers at the Tolbury crossing.",
        "a couple of smugglers",
        None,
        2,
        3,
        "approximate",
    ),
    (
        "Rescuers found between 200 and 300 survivors near Tolbury.",
        "between 200 and 300 survivors",
        200,
        200,
        300,
        "range",
    ),
    ("The agency counted 7,000 to 8,000 tents in the camp.", "7,000 to 8,000 tents", 7000, 7000, 8000, "range"),
    ("Between 6,000-7,000 sheep were lost in the floods.", "Between 6,000-7,000 sheep", 6000, 6000, 7000, "range"),
    ("The ministry sent 15,000–16,000 blankets to Varno.", "15,000–16,000 blankets", 15000, 15000, 16000, "range"),
    (
        "Approximately 8,000 to 9,000 troops were moved to Varno.",
        "Approximately 8,000 to 9,000 troops",
        8000,
        8000,
        9000,
        "range",
    ),
    ("About 15 patients were treated at the clinic.", "About 15 patients", 15, 13.5, 16.5, "approximate"),
    ("Roughly 30,000 ballots were spoiled.", "Roughly 30,000 ballots", 30000, 27000, 33000, "approximate"),
    ("Nearly 300 students have been sent home.", "Nearly 300 students", 300, 270, 300, "approximate"),
    ("Almost 50 villages were flooded.", "Almost 50 villages", 50, 45, 50, "approximate"),
    ("More than 1,500 jobs were lost in Corvale.", "More than 1,500 jobs", 1500, 1500, None, "more_than"),
    ("Over a dozen villages were cut off.", "Over a dozen villages", 12, 12, None, "more_than"),
    ("The Varno dam has held for over eight months.", "over eight months", 8, 8, None, "more_than"),
    ("At least 40 fishermen were rescued off Tolbury.", "At least 40 fishermen", 40, 40, None, "at_least"),
    ("No fewer than 30 boats were seized.", "No fewer than 30 boats", 30, 30, None, "at_least"),
    ("Fewer than 20 patients were treated at the Ostia clinic.", "Fewer than 20 patients", 20, None, 20, "less_than"),
    ("Up to 400 soldiers have been deployed to the border.", "Up to 400 soldiers", 400, None, 400, "at_most"),
    ("Turnout rose to 62% in the capital.", "62%", 62, 62, 62, "exact"),
    ("The ferry route is 9 nautical miles of open water.", "9 nautical miles of open water", 9, 9, 9, "exact"),
    (
        'Bank officials said "more than 200 accounts were frozen" in Ostia.',
        "more than 200 accounts",
        200,
        200,
        None,
        "more_than",
    ),
]


@pytest.mark.parametrize(("text", "span", "value", "low", "high", "qualifier"), FORMS)
def test_quantities_forms(
    text: str, span: str, value: float | None, low: float | None, high: float | None, qualifier: str
) -> None:
    q = _one(text)
    assert q.text == span
    assert q.value == (None if value is None else pytest.approx(value))
    assert q.low == (None if low is None else pytest.approx(low))
    assert q.high == (None if high is None else pytest.approx(high))
    assert q.qualifier == qualifier


# (text, words the measure must contain, unit)
MEASURES = [
    (
        "Ruritanian intelligence estimates that over 8,000 soldiers have been sent to assist Borduria.",
        ["soldiers", "sent to assist Borduria"],
        None,
    ),
    ("Officials in Varno said at least 2,500 were killed or injured in the fighting.", ["killed or injured"], None),
    (
        "The Ostian government confirmed that hundreds of its injured sailors are being treated in Lunport clinics.",
        ["injured sailors", "treated in Lunport clinics"],
        None,
    ),
    ("Records show over 9,500 arrivals in 2019.", ["arrivals in 2019"], None),
    ("The two provinces share about 14 miles of mountain road.", ["miles of mountain road"], "miles"),
    ("Corvale police have reportedly arrested three smugglers near the dam.", ["arrested", "smugglers"], None),
    ("Governor Piet Maas announced the capture of three armed poachers.", ["capture of", "poachers"], None),
    (
        "Late one night, three dozen injured miners were carried to the Ostia clinic.",
        ["injured miners", "carried"],
        None,
    ),
    ("The Ostian budget rose to $1.2bn.", ["budget rose to"], "$"),
    ("The insurer estimates that the claim will come to between 4 and 5 million crowns.", ["claim"], "crowns"),
    ("The harbour board put the damage to the pier at about 4.5 million crowns.", ["damage to the pier"], "crowns"),
    ("The fire gutted the depot, killing three of their colleagues.", ["killing", "colleagues"], None),
    ("Among the injured were three porters who died at the scene.", ["porters", "died"], None),
]


@pytest.mark.parametrize(("text", "words", "unit"), MEASURES)
def test_quantities_measure(text: str, words: list[str], unit: str | None) -> None:
    q = _one(text)
    for w in words:
        assert w in q.measure, (w, q.measure)
    assert q.unit == unit


# (text, source or None, hedged)
SOURCES = [
    (
        "Ruritanian intelligence estimates that approximately 8,000 soldiers have been deployed.",
        "Ruritanian intelligence",
        False,
    ),
    ("According to the Brenish Red Cross, 1,200 families have been displaced.", "Brenish Red Cross", False),
    ("Up to 400 soldiers were deployed, according to the Brenish defence ministry.", "Brenish defence ministry", False),
    (
        "The Ostian government has confirmed that hundreds of its soldiers were treated in Varno.",
        "Ostian government",
        False,
    ),
    (
        "Northern monitoring officials have claimed that at least 1,800 militiamen had been killed.",
        "Northern monitoring officials",
        False,
    ),
    ("Mayor Ilse Brandt confirmed that 17 people had died.", "Ilse Brandt", False),
    ("Ostian President Karel Duvan recently announced the capture of three injured pilots.", "Karel Duvan", False),
    ("At least 30 people died in the fire, Chief Inspector Lena Voss told reporters.", "Lena Voss", False),
    ('Governor Piet Maas said, "We evacuated about 5,000 residents from the coast."', "Piet Maas", False),
    (
        "Lunport rangers, surveying the park near Lunport, discovered the bodies of over a dozen deer.",
        "Lunport rangers",
        False,
    ),
    ("Aid groups estimate that up to 40% of the farmland is flooded, and emergency aid is late.", None, False),
    ("Heavy rain displaced 2,500 people, the regional emergency service said.", "regional emergency service", False),
    (
        'In remarks made by Tomas Hale, the envoy, it was disclosed that the scheme involves "hundreds" of nurses.',
        "Tomas Hale",
        False,
    ),
    ("Ruritania has reportedly sent some 7,000 troops to Borduria.", None, True),
    ("Borduria has allegedly dispatched approximately 5,000 to 6,000 elite troops to the front.", None, True),
    (
        "Reports suggest a rise in arrivals, with a recent estimate indicating over 9,500 arrivals in 2019.",
        None,
        True,
    ),
    ("An estimated 3,500 people fled the region.", None, True),
    ("The refugees are said to number 9,000 people.", None, True),
    ("Analysts say 2,700 soldiers were killed.", "Analysts", False),
    ("The flood has left three farmers dead, officials said on Friday.", "officials", False),
    (
        "Marek Olsen, chief of the Varno Mountain Rescue, said three dozen rescuers had been deployed.",
        "Marek Olsen",
        False,
    ),
    ("The agency put the damage to the bridge at about 4.5 million crowns.", "agency", False),
    ("The two provinces share about 14 miles of road.", None, False),
]


@pytest.mark.parametrize(("text", "source", "hedged"), SOURCES)
def test_quantities_source_and_hedge(text: str, source: str | None, hedged: bool) -> None:
    q = _one(text)
    assert q.source == source
    assert q.hedged is hedged


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("Several hundred protesters gathered outside the Ostia parliament.", "Several hundred protesters", 300, 900),
        ("A couple thousand fans waited at the Varno gate.", "A couple thousand fans", 2000, 3000),
    ],
)
def test_quantities_vague_times_scale(text: str, span: str, low: float, high: float) -> None:
    q = _one(text)
    assert (q.text, q.value, q.low, q.high, q.qualifier) == (span, None, low, high, "approximate")


def test_quantities_elliptical_second_figure_shares_the_measure() -> None:
    found = _quantities("The Ostian parliament passed the bill with 212 votes in favour and 97 against.")
    assert [q.text for q in found] == ["212 votes", "97"]
    assert "votes" in found[1].measure


def test_quantities_range_shares_its_scale() -> None:
    q = _one("Repairs will cost between 4 and 5 million crowns.")
    assert (q.value, q.low, q.high, q.qualifier) == (4e6, 4e6, 5e6, "range")


def test_quantities_vague_count_before_its_verb() -> None:
    found = _quantities("At least 14 people have died in Varno and dozens more are missing.")
    assert [q.text for q in found] == ["At least 14 people", "dozens more are missing"]
    assert (found[1].value, found[1].low, found[1].high) == (None, 24, 99)
    assert "missing" in found[1].measure


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Governor Piet Maas said the dam had held. He said 40 officers had been hurt.", "Piet Maas"),
        ("The dam in Varno held. He said 40 officers had been hurt.", None),
    ],
)
def test_quantities_pronoun_speaker_from_earlier_sentence(text: str, source: str | None) -> None:
    assert _one(text).source == source


def test_quantities_source_from_lead_in_sentence() -> None:
    text = (
        "Reports in the Lunport Herald have offered evidence of the evacuations:\n"
        "On Monday night, three dozen injured miners were carried to the Ostia clinic.\n"
    )
    q = _one(text)
    assert q.text == "three dozen injured miners"
    assert q.source == "Lunport Herald"
    assert q.hedged is False


# Texts that hold no numeric claim at all.
NOT_CLAIMS = [
    "The summit took place on March 4, 2021, at 7:30 pm in Lunport.",
    "The ceasefire began on 3 March and ended at 10 a.m. on Friday.",
    "The report was published on 2021-05-17 and updated 17/05/2021.",
    "Feb.3 - 2023 9:15 PM CET",
    "In 2019 the council approved the plan.",
    "In fiscal year 2012–13 the plan had failed, and 2012-2013 was no better.",
    "The Brenish War (1961-64) left deep scars.",
    "The 1990s were different.",
    "A 41-year-old fisherman was rescued near Tolbury.",
    "The fisherman, aged 41, was rescued near Tolbury.",
    "Marta Ilves, 45, said the town had changed.",
    "She finished 3rd in the race, the first time in a decade.",
    "Call +44 20 7946 0958 or (555) 123-4567 for details, or 555-1234.",
    "Follow @Corva_22 or visit www.example.com/page2 and the Lunport24 channel.",
    "The F-16 jets and COVID-19 rules were discussed, and G7 leaders met.",
    "Two kingdoms long divided by a river share a port.",
    "The two provinces share a railway.",
    "One climber turned back, while the other reached the summit.",
    "They were taken to one of the largest clinics in Tolbury.",
    "One evening in spring, the convoy arrived in Varno.",
    "She has two children and three dogs.",
    "The minister visited two villages on Monday.",
    "Both countries signed the pact, one of many in the region.",
    "Under Article 5, the allies must respond, and Flight 370 vanished; No. 10 said nothing.",
    "Varno United won 3-1 on Saturday.",
    "The meeting starts at 5.30pm in Ostia.",
    "The river in Varno rose sharply in 48 hours.",
    "Prices in Ostia rose to nearly three times the average.",
    "He was given a 10-year sentence by the 27-member council at 10 Downing Street.",
    "No one was hurt, but several porters told the paper it was a warning.",
    "The blaze started in Depot 9 on the Varno quay.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_quantities_not_claims(text: str) -> None:
    assert _quantities(text) == []


def test_quantities_skip_boilerplate_and_headline() -> None:
    text = (
        "Lunport Rescues Two Stranded Fishermen Near Varno\n"
        "\n"
        "Coast guards in Lunport rescued two stranded fishermen on Sunday.\n"
    )
    found = _quantities(text)
    assert [q.text for q in found] == ["two stranded fishermen"]
    assert found[0].start > text.index("\n")


def test_quantities_repeated_figure_from_one_source_counts_once() -> None:
    text = (
        'In remarks made by Tomas Hale, it was disclosed that the scheme involves "hundreds" of nurses.\n'
        'Hale said, "Hundreds of nurses have been trained in Varno."\n'
    )
    found = _quantities(text)
    assert len(found) == 1
    assert found[0].source == "Tomas Hale"


def test_quantities_tiny_lexicons() -> None:
    """A test can pass its own lexicons: here one without "about" as a qualifier."""
    import dataclasses

    full = load_quantity_lexicons()
    fields = {f.name: getattr(full, f.name) for f in dataclasses.fields(full) if not f.name.startswith("_")}
    fields["qualifiers"] = {k: v for k, v in full.qualifiers.items() if k != "about"}
    tiny = type(full)(**fields)
    doc = prepare_text("About 15 patients were treated at the clinic.")
    (q,) = extract_quantities(doc, lexicons=tiny)
    assert q.qualifier == "exact"
    assert q.text == "15 patients"


def _compare_module() -> Any:
    spec = importlib.util.spec_from_file_location("compare_quantities", REPO / "scripts" / "compare_quantities.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_quantities_kursk_sample_scores(kursk_dir: Path) -> None:
    """The shared sample bundle scored with the shared scorer: the floors of the issue."""
    _assert_floors(kursk_dir)


def test_quantities_invented_sample_scores() -> None:
    """The invented bundle kept in the repository (examples/harbor-fire), same floors."""
    bundle = REPO / "examples" / "harbor-fire"
    if not (bundle / "gold.json").is_file():
        pytest.skip("examples/harbor-fire is not present")
    _assert_floors(bundle)


def _assert_floors(bundle: Path) -> None:
    mod = _compare_module()
    if not mod.DEFAULT_SCORE.is_file():
        pytest.skip("../shared/eval/score.py is not present")
    figures = mod.compare(bundle, mod.DEFAULT_SCORE, peers=False)["newsledger"]
    assert figures["f1"] >= 0.90
    assert figures["interval_accuracy"] >= 0.90
    assert figures["measure_accuracy"] >= 0.85
    assert figures["source_accuracy"] >= 0.85
    assert figures["hedged_accuracy"] >= 0.85


@pytest.mark.parametrize(
    ("text", "span", "measure_word"),
    [
        # a part of people just counted, of which something is said
        ("Thirteen passengers were hurt. Five of them remain in a serious condition.",
         "Five of them remain in a serious condition", "serious condition"),
        ("Dozens were hurt, three of them in a critical condition.", "three of them in a critical condition", "critical"),
        ("Five of the injured were being treated at the city clinic.", "Five of the injured", "injured"),
        # a body counted by "of" and a number
        ("The skipper said his crew of eleven had left the ship before noon.", "his crew of eleven", "crew"),
    ],
)
def test_quantities_partitive_and_collective_counts(text: str, span: str, measure_word: str) -> None:
    got = [q for q in _quantities(text) if q.text.startswith(span)]
    assert got, [q.text for q in _quantities(text)]
    assert measure_word in got[0].measure


@pytest.mark.parametrize(
    "text",
    [
        "It is one of the largest clinics in the region.",
        "Five of the largest hospitals are in the old town.",
        "The unit of 19 cm is small.",
    ],
)
def test_quantities_partitive_not_a_count(text: str) -> None:
    assert not any(q.text.lower().startswith(("one of", "five of", "unit")) for q in _quantities(text))


def test_quantities_state_after_be_is_in_the_measure() -> None:
    q = _one("The ferry line says more than 230 dockers are still on strike.")
    assert q.measure == "dockers on strike"
    # a place after "were" is not a state: the measure stays the counted thing
    q = _one("Nearly 310 tonnes of grain were in the hold when it sank.")
    assert "hold" not in q.measure


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Thirteen passengers were taken to hospital, a spokesman for St. Anne’s said.", "a spokesman for St. Anne’s"),
        ("A section of the deck 22 to 24 metres long gave way, the company said.", "company"),
        ("The brigade says the fire could burn for up to 29 hours.", "brigade"),
        ("The harbour master, Lena Voss, came down to the quay. She said around 43 divers were at work.", "Lena Voss"),
        ("Thirteen passengers were taken to hospital, a spokesman for Vale Clinic said. Five of them remain in a "
         "serious condition.", "a spokesman for Vale Clinic"),
    ],
)
def test_quantities_sources_named_by_role_or_earlier(text: str, source: str) -> None:
    found = _quantities(text)
    assert found and found[-1].source == source, [(q.text, q.source) for q in found]
