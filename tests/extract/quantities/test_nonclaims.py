"""Numbers that are no figure: names and models, scores, phone numbers, dates, times, ages, references.

Every sentence is invented. Each must give exactly the figures listed (none for most).
"""

from __future__ import annotations

import pytest

from newsledger.extract.quantities import extract_quantities
from newsledger.pipeline import prepare_text


def _spans(text: str) -> list[str]:
    doc = prepare_text(text)
    found = extract_quantities(doc)
    for q in found:
        assert q.text == doc.text[q.start:q.end]
    return [q.text for q in found]


NONE = [
    # names and models
    "The FTSE 100 closed higher on Monday.",
    "The rail firm withdrew its 455 Class trains.",
    "Wales lost to France in the Six Nations on Saturday.",
    "He still uses his old Nokia 7610 phone.",
    "The carrier flies the Airbus A320 on that route.",
    "She won the 1500m final in Rome.",
    "Under Article 5, the allies must respond, and Flight 370 vanished; No. 10 said nothing.",
    "He was jailed under section 12 of the act.",
    "The team lives at 10 Downing Street.",
    "The F-16 jets and COVID-19 rules were discussed, and G7 leaders met.",
    "Follow @Corva_22 or visit www.example.com/page2 and the Lunport24 channel.",
    "The blaze started in Depot 9 on the Varno quay.",
    "Copies of Half-Life 2 were shared online.",
    "The office still has an old 386 PC.",
    "The single reached the top 10, and the album the top five.",
    # scores
    "Halden won 6-1 5-7 6-3 in the semi-final.",
    "Varno United beat Corvale 3-1 on Saturday.",
    # phone numbers
    "Call the hotline on 0800 555 0199 or (555) 123-4567.",
    "Call +44 20 7946 0958 or 555-1234 for details.",
    # years, dates and times
    "The plant opened in 1998 and closed in 2019.",
    "The summit took place on March 4, 2021, at 7:30 pm in Lunport.",
    "The ceasefire began on 3 March and ended at 10 a.m. on Friday.",
    "The report was published on 2021-05-17 and updated 17/05/2021.",
    "In fiscal year 2012–13 the plan had failed, and 2012-2013 was no better.",
    "The Brenish War (1961-64) left deep scars.",
    "The 1990s were different.",
    "A study of the 1993 river floods was published.",
    "The meeting starts at 5.30pm in Ostia.",
    # ordinals and references
    "She finished 3rd in the race, the first time in a decade.",
    "The two provinces share a railway.",
    "One climber turned back, while the other reached the summit.",
    "They were taken to one of the largest clinics in Tolbury.",
    "One evening in spring, the convoy arrived in Varno.",
    "Both countries signed the pact, one of many in the region.",
    "Five of the largest hospitals are in the old town.",
    "The world's two biggest insurers met in Ostia.",
    "The treaty ended a feud between two kingdoms.",
    # a small count that names the source of a report
    "Two officials said the bridge was unsafe.",
    # "several" and "a couple" are no count an article vouches for
    "Several forwarders have asked whether goods can be moved.",
    "The raid targeted several warehouses near the coast.",
    "Guards detained a couple of smugglers at the crossing.",
]


@pytest.mark.parametrize("text", NONE)
def test_nonclaims_none(text: str) -> None:
    assert _spans(text) == []


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # the count beside a year, a model or a score stays
        ("The 2019 census counted 4,000 residents.", ["4,000 residents"]),
        ("The rail firm withdrew 40 of its 455 Class trains.", ["40"]),
        ("The army said it captured 300 Varno rebels.", ["300 Varno rebels"]),
        ("Varno won 3-1 before 12,000 fans.", ["12,000 fans"]),
        ("The dockers’ last lockout in 1996 shuttered ports for three months.", ["three months"]),
        # an age is a figure of its own, beside the count
        ("A 44-year-old woman and 9 children were hurt.", ["44-year-old", "9 children"]),
    ],
)
def test_nonclaims_beside_figures(text: str, spans: list[str]) -> None:
    assert _spans(text) == spans


@pytest.mark.parametrize(
    ("text", "span", "value", "measure", "unit"),
    [
        ("A 47-year-old baker was arrested.", "47-year-old", 47, "age of baker", "years"),
        ("Ms Lind, 47, runs the bakery in Varno.", "47", 47, "age of Ms Lind", "years"),
        ("Marta Ilves (45) said the town had changed.", "45", 45, "age of Marta Ilves", "years"),
        ("The fisherman, aged 41, was rescued near Tolbury.", "41", 41, "age", "years"),
        ("The rescued foal, a six-month-old filly, was unhurt.", "six-month-old", 6, "age of filly", "months"),
    ],
)
def test_ages_are_figures(text: str, span: str, value: float, measure: str, unit: str) -> None:
    doc = prepare_text(text)
    (q,) = extract_quantities(doc)
    assert (q.text, q.value, q.low, q.high, q.qualifier, q.measure, q.unit) == (
        span, value, value, value, "exact", measure, unit)
