"""Name mentions: spans, types, titles kept out, demonyms, descriptors, boilerplate."""

from __future__ import annotations

import pytest

from newsledger.extract.mentions import extract_mentions
from newsledger.pipeline import prepare_text


def _mentions(text: str):  # type: ignore[no-untyped-def]
    doc = prepare_text(text)
    found = extract_mentions(doc)
    for m in found:
        assert m.text == doc.text[m.start : m.end]
    return found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # titles and role words stay out of the name
        ("Borduria's President Ivan Petrovsky said the talks failed.", [("Ivan Petrovsky", "PERSON")]),
        ("The talks failed, leader Ivan Petrovsky added.", [("Ivan Petrovsky", "PERSON")]),
        ("Ambassador Petrovsky noted the risks.", [("Petrovsky", "PERSON")]),
        # possessives
        ("Brazil's navy sailed north.", [("Brazil", "GPE")]),
        ("Chile’s army held the line.", [("Chile", "GPE")]),
        # demonyms are NORP modifiers, never people
        ("A Mongolian soldier was captured.", [("Mongolian", "NORP")]),
        ("Many Mongolians work abroad.", [("Mongolians", "NORP")]),
        # acronyms from the gazetteer, and unknown acronyms
        ("Inspectors of the IAEA visited the plant.", [("IAEA", "ORG")]),
        ("The plan was backed by the PRC and NATO.", [("PRC", "GPE"), ("NATO", "ORG")]),
        # hyphenated names
        ("Park Min-seo, a member of the defence committee, spoke.", [("Park Min-seo", "PERSON")]),
        # organisations by their words, connectors inside
        ("Analysts at the Centre for the Study of Rivers warned.", [("Centre for the Study of Rivers", "ORG")]),
        ("Officers of the Coastal Guard Service arrived.", [("Coastal Guard Service", "ORG")]),
        # places: regions, "the city of", gazetteer capitals
        ("Fighting spread in the Ostrava region.", [("Ostrava region", "GPE")]),
        ("Troops reached the Zlatograd Oblast.", [("Zlatograd Oblast", "GPE")]),
        ("The wounded were taken to the city of Brenholm.", [("Brenholm", "GPE")]),
        ("Officials in Seoul and Tokyo met.", [("Seoul", "GPE"), ("Tokyo", "GPE")]),
        (
            "Teachers went to Madrid, Brenholm and Zlatograd.",
            [("Madrid", "GPE"), ("Brenholm", "GPE"), ("Zlatograd", "GPE")],
        ),
        # an outlet named after its kind
        ("The interview ran in the state-run outlet Vecherny Listok.", [("Vecherny Listok", "ORG")]),
        # a line in capitals: only names the gazetteer knows
        ("THE PRESIDENT SAID THE UN WILL ACT ON MONDAY.", [("UN", "ORG")]),
        # a person by a speech verb after the name
        ("The plan will fail, Halvorsen said.", [("Halvorsen", "PERSON")]),
        # hyphen: the name before a participle
        ("Petrovsky-backed talks resumed, Petrovsky said.", [("Petrovsky", "PERSON"), ("Petrovsky", "PERSON")]),
    ],
)
def test_mentions_names_and_types(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.type) for m in _mentions(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # place prefixes, place head words and organisation head words
        ("Floodwater reached Fort Ravel on Sunday.", [("Fort Ravel", "GPE")]),
        ("Shops on Marrow Street were flooded.", [("Marrow Street", "LOC")]),
        ("Barges moored at Tolven Quay sank.", [("Tolven Quay", "LOC")]),
        ("Staff at Tilden Shipping left early.", [("Tilden Shipping", "ORG")]),
        ("Claims went to Corran Mutual on Monday.", [("Corran Mutual", "ORG")]),
        ("A reporter from the Eastvale Gazette asked.", [("Eastvale Gazette", "ORG")]),
        # a person cue wins over a place head word
        ("The road was closed, Jin Park said.", [("Jin Park", "PERSON")]),
        (
            "Police stopped Jin Park near the bridge. Park said he was lost.",
            [("Jin Park", "PERSON"), ("Park", "PERSON")],
        ),
        # organisation names with "and" / "&" inside, a place name before the org words
        (
            "Crews from the Fort Ravel Fire and Rescue Service arrived.",
            [("Fort Ravel Fire and Rescue Service", "ORG")],
        ),
        ("A reporter for Dock & Barge Weekly asked.", [("Dock & Barge Weekly", "ORG")]),
        # "and" between two names of their own: an organisation, a known one, a person's name
        (
            "Staff at Tilden Shipping and Corran Mutual left.",
            [("Tilden Shipping", "ORG"), ("Corran Mutual", "ORG")],
        ),
        (
            "The Red Cross and Red Crescent Movement sent aid.",
            [("Red Cross", "ORG"), ("Red Crescent Movement", "ORG")],
        ),
        (
            "Aldo Brenn and Tilden Shipping signed. Brenn said so.",
            [("Aldo Brenn", "PERSON"), ("Tilden Shipping", "ORG"), ("Brenn", "PERSON")],
        ),
        # weak place context: a preposition before, a place noun after
        ("Water rose in Lisk Ferrow overnight.", [("Lisk Ferrow", "GPE")]),
        ("Buses took Ferrow residents away.", [("Ferrow", "GPE")]),
        ("The barge came from Ostby with grain.", [("Ostby", "GPE")]),
        ("Trucks left the Ostby depot at dawn.", [("Ostby", "GPE")]),
        ("On Monday Ostby's mayor resigned.", [("Ostby", "GPE")]),
        # a local body in lower case
        ("The city council met on Monday.", [("city council", "ORG")]),
        ("Residents packed a town council meeting.", [("town council", "ORG")]),
        # the first word of a firm named in the article is that firm, even before "said"
        (
            "Tilden Shipping owns the barge. Tilden said it would pay.",
            [("Tilden Shipping", "ORG"), ("Tilden", "ORG")],
        ),
        # an org word opening a sentence names nothing
        ("Staff at Tilden Shipping left. Shipping agents were calm.", [("Tilden Shipping", "ORG")]),
    ],
)
def test_mentions_places_and_organisations(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.type) for m in _mentions(sentence)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Crews worked in Hangar 4 all night.",  # a designation, not a place
        "Officials met a council member.",  # "a council" alone is no local body
        "Testimonies from defectors reveal a grim culture.",  # a sentence's first word
        "Furthermore, reports suggest a rise.",  # first word, a speech verb after a comma
        "They fought in the War.",  # capitalised common word
        "Many POWs were exchanged.",  # a plural acronym
    ],
)
def test_mentions_not_names(sentence: str) -> None:
    assert _mentions(sentence) == []


def test_mentions_sentence_start_kept_with_evidence() -> None:
    found = _mentions("Halvorsen arrived. The plan will fail, Halvorsen said.")
    assert [m.text for m in found] == ["Halvorsen", "Halvorsen"]


@pytest.mark.parametrize(
    ("sentence", "name", "descriptor"),
    [
        (
            "According to Jin, a 29-year-old former border guard who fled, rules are strict.",
            "Jin",
            "a 29-year-old former border guard",
        ),
        ("Marta Kowalczyk, a member of the city council, objected.", "Marta Kowalczyk", "a member of the city council"),
    ],
)
def test_mentions_descriptor(sentence: str, name: str, descriptor: str) -> None:
    found = {m.text: m for m in _mentions(sentence)}
    assert found[name].descriptor == descriptor
    assert found[name].type == "PERSON"


def test_mentions_headline_only_known_names() -> None:
    text = "Borduria Captures Two Injured Syldavian Soldiers in Brenholm\n\nTroops entered the city of Brenholm.\n"
    found = [(m.text, m.type) for m in _mentions(text)]
    assert ("Captures Two Injured", "PERSON") not in found
    assert found.count(("Brenholm", "GPE")) == 2


def test_mentions_boilerplate_skipped_but_byline_kept() -> None:
    text = (
        "Troops advance near the river\n\nWritten by Jane Roe\n\nPhoto: Reuters\n\n"
        "Officials in Warsaw said troops advanced. The ministry confirmed it.\n"
    )
    doc = prepare_text(text)
    found = extract_mentions(doc)
    names = [(m.text, m.type) for m in found]
    assert ("Jane Roe", "PERSON") in names
    assert ("Warsaw", "GPE") in names
    assert not any(m.text == "Reuters" for m in found)


@pytest.mark.parametrize(("name", "place"), [("Mongolian", "Mongolia"), ("Mongolians", "Mongolia"), ("Soldier", None)])
def test_mentions_demonym_place(name: str, place: str | None) -> None:
    from newsledger.extract.mentions import demonym_place

    assert demonym_place(name) == place


def test_mentions_tiny_lexicon() -> None:
    from newsledger.extract.mentions import MentionLexicons

    lex = MentionLexicons(gazetteer={"borduria": ("Borduria", "GPE")}, titles=frozenset({"president"}))
    doc = prepare_text("Troops of Borduria moved as President Ivan Petrovsky watched.")
    found = [(m.text, m.type) for m in extract_mentions(doc, lexicons=lex)]
    assert found == [("Borduria", "GPE"), ("Ivan Petrovsky", "PERSON")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "St." and a saint's possessive inside an institution's name; the short form alone
        (
            "Six patients were taken to St. Agnes’s Clinic, a spokeswoman for St. Agnes’s said.",
            [("St. Agnes’s Clinic", "ORG"), ("St. Agnes’s", "ORG")],
        ),
        # a name and lower-case facility words
        ("Staff at the Harrowgate copper mine walked out.", [("Harrowgate copper mine", "FAC")]),
        (
            "The Fort Selby power station is the largest employer in the Dunmore district.",
            [("Fort Selby power station", "FAC"), ("Dunmore district", "GPE")],
        ),
        # "<org word> of X and Y <plural>" is one name; a person after "and" is not part of it
        ("Officials of the Union of Dock and Harbour Workers met.", [("Union of Dock and Harbour Workers", "ORG")]),
        ("The Ministry of Defence and Anna Berg spoke.", [("Ministry of Defence", "ORG"), ("Anna Berg", "PERSON")]),
        # a publication joined by "&", and org head words
        ("Figures from Timber & Pulp Review showed losses.", [("Timber & Pulp Review", "ORG")]),
        (
            "Engineers at the Fenwick Port Inspectorate and Dunmore Metals Research disagreed.",
            [("Fenwick Port Inspectorate", "ORG"), ("Dunmore Metals Research", "ORG")],
        ),
        # a firm's name without its head word is the firm
        (
            "Harlan Freight Company said it would appeal. Harlan Freight shares fell.",
            [("Harlan Freight Company", "ORG"), ("Harlan Freight", "ORG")],
        ),
    ],
)
def test_mentions_institutions_and_facilities(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.type) for m in _mentions(sentence)] == expected
