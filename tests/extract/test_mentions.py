"""Name mentions from the parse: spans, types, descriptors, filters, headlines, boilerplate."""

from __future__ import annotations

import pytest

from newsledger.clean.parse import parse_document
from newsledger.extract.mentions import MentionLexicons, extract_mentions
from newsledger.ingest.read import document_from_text
from newsledger.model import Mention, Metadata
from newsledger.pipeline import prepare_lines, prepare_text


def _mentions(text: str, lexicons: MentionLexicons | None = None) -> list[Mention]:
    doc = prepare_text(text)
    found = extract_mentions(doc, lexicons=lexicons)
    for m in found:
        assert m.text == doc.text[m.start : m.end]
        assert "\n" not in m.text
    assert [m.start for m in found] == sorted(m.start for m in found)
    return found


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in _mentions(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # determiners and possessives stay out of the name
        (
            "Officials of the Norwegian Refugee Council said Chile's envoy arrived.",
            [("Norwegian Refugee Council", "ORG"), ("Chile", "GPE")],
        ),
        # a possessive before a noun phrase is no part of the name, even before a participle
        ("The board rejected Harlan Freight's proposed offer.", [("Harlan Freight", "ORG")]),
        # a facility's word after a demonym makes no facility
        ("Drilling began at a Kenyan oilfield on Monday.", [("Kenyan", "NORP")]),
        # a possessive before no noun is the name's own
        (
            "Six patients were taken to St. Agnes’s Clinic, a spokeswoman for St. Agnes’s said.",
            [("St. Agnes’s Clinic", "ORG"), ("St. Agnes’s", "ORG")],
        ),
        # titles stay out of the name
        ("Acting Prime Minister Lena Sandvik said the plan would fail.", [("Lena Sandvik", "PERSON")]),
        ("Gen. Tomas Varga denied it.", [("Tomas Varga", "PERSON")]),
        # a title opening in a name stops it: the ministry, the press secretary, the person
        (
            "Kenyan Defence Ministry Press Secretary Amina Otieno denied it.",
            [("Kenyan Defence Ministry", "ORG"), ("Amina Otieno", "PERSON")],
        ),
        # a region word, a facility's kind and a designation join the name before them
        ("Fighting spread in the Ostrava region.", [("Ostrava region", "GPE")]),
        ("Workers at the Tarnby copper mine struck.", [("Tarnby copper mine", "FAC")]),
        ("Members of Carpenters Local 45 voted on Friday.", [("Carpenters Local 45", "ORG")]),
        # "and" / "&" inside an organisation's name
        ("Officials of the Union of Dock and Harbour Workers met.", [("Union of Dock and Harbour Workers", "ORG")]),
        ("Crews from the Fort Ravel Fire and Rescue Service arrived.", [("Fort Ravel Fire and Rescue Service", "ORG")]),
        ("Figures from Timber & Pulp Review showed losses.", [("Timber & Pulp Review", "ORG")]),
        # ... but two names of their own stay two
        (
            "Staff at Tilden Shipping and Corran Mutual left.",
            [("Tilden Shipping", "ORG"), ("Corran Mutual", "ORG")],
        ),
        # a given name the model left out of a person's name
        ("Officials said Alexei Orlan arrived.", [("Alexei Orlan", "PERSON")]),
        # a country's possessive opens a generic body's name
        ("Kenya's Defence Forces said the border was calm.", [("Kenya's Defence Forces", "ORG")]),
        # a month after "in", "since" is a date, not the first word of the name after it
        ("In May Harlow Mills said profits fell.", [("Harlow Mills", "ORG")]),
        # ... while a name that ends in a month's word keeps it
        ("Prime Minister Ada May said profits fell.", [("Ada May", "PERSON")]),
    ],
)
def test_mentions_spans(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the gazetteer: capitals are places, whatever the model says
        ("Officials in Nairobi and Lima met.", [("Nairobi", "GPE"), ("Lima", "GPE")]),
        ("Inspectors of the IAEA visited the plant.", [("IAEA", "ORG")]),
        # demonyms are NORP modifiers, never people
        ("A Mongolian soldier was captured.", [("Mongolian", "NORP")]),
        ("Many Mongolians work abroad.", [("Mongolians", "NORP")]),
        # a city in a list of places the gazetteer knows
        (
            "Delegates came from Lima, Quito, Arequipa and Cusco.",
            [("Lima", "GPE"), ("Quito", "GPE"), ("Arequipa", "GPE"), ("Cusco", "GPE")],
        ),
        # head words: organisations, places, a place's first word
        ("Claims went to Corran Mutual on Monday.", [("Corran Mutual", "ORG")]),
        ("Barges moored at Tolven Quay sank.", [("Tolven Quay", "LOC")]),
        ("Analysts at the Centre for the Study of Rivers warned.", [("Centre for the Study of Rivers", "ORG")]),
        ("Floodwater reached Fort Ravel on Sunday.", [("Fort Ravel", "GPE")]),
        # a person's cues: an apposition, a role noun before the name, a speech verb
        ("Vera Holt, a nurse, told the inquiry.", [("Vera Holt", "PERSON")]),
        ("The inquiry heard from nurse Vera Holt on Monday.", [("Vera Holt", "PERSON")]),
        ("The road was closed, Jin Park said.", [("Jin Park", "PERSON")]),
        # an organisation's cue
        ("The interview ran in the state-run outlet Vecherny Listok.", [("Vecherny Listok", "ORG")]),
        # a place's cues: a preposition before, a place noun after
        ("Water rose in Lisk Ferrow overnight.", [("Lisk Ferrow", "GPE")]),
        ("Buses took Ferrow residents away.", [("Ferrow", "GPE")]),
        # within one article, a surname alone is that person; a firm's first word that firm
        (
            "Marta Kowalski arrived late. Kowalski said the vote was fair.",
            [("Marta Kowalski", "PERSON"), ("Kowalski", "PERSON")],
        ),
        (
            "Tilden Shipping owns the barge. Tilden said it would pay.",
            [("Tilden Shipping", "ORG"), ("Tilden", "ORG")],
        ),
        # a local body in lower case
        ("The town council met on Monday.", [("town council", "ORG")]),
    ],
)
def test_mentions_types(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you, she said. Very few came.",  # sentence-initial words the tagger reads as no name
        "Complaints from tenants describe a damp and crowded block.",  # a sentence's first word
        "Airlines grounded the 777 Falcon fleet.",  # a model name after its number
        "The ballot closed at midnight CT on Friday.",  # a time zone after a time
        "KERICHO, May 3 — Officials said the road was shut.",  # a shouted word nobody else names
        "Crews worked in Hangar 4 all night.",  # a designation, not a place
        "Officials met a council member.",  # "a council" alone is no local body
        "Many POWs were exchanged.",  # a plural acronym
        "They fought in the War.",  # a capitalised common word
    ],
)
def test_mentions_not_names(sentence: str) -> None:
    assert _mentions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "name", "descriptor"),
    [
        ("Vera Holt, a nurse, told the inquiry.", "Vera Holt", "a nurse"),
        # the apposition without its relative clause, where the parse attaches it elsewhere too
        (
            "According to Loc, a 58-year-old retired pilot who moved away, fees are high.",
            "Loc",
            "a 58-year-old retired pilot",
        ),
        ("Marta Kowalski, a member of the town council, objected.", "Marta Kowalski", "a member of the town council"),
        # titles and role nouns before the name
        ("Acting Prime Minister Lena Sandvik said the plan would fail.", "Lena Sandvik", "Acting Prime Minister"),
        ("Gen. Tomas Varga denied it.", "Tomas Varga", "Gen."),
        ("The inquiry heard from nurse Vera Holt on Monday.", "Vera Holt", "nurse"),
    ],
)
def test_mentions_descriptor(sentence: str, name: str, descriptor: str) -> None:
    found = {m.text: m for m in _mentions(sentence)}
    assert found[name].descriptor == descriptor
    assert found[name].type == "PERSON"


def test_mentions_keep_the_models_label() -> None:
    found = _mentions("Kenya's Defence Forces said the border was calm, Vera Holt, a nurse, said.")
    assert [(m.text, m.type, m.label) for m in found] == [
        ("Kenya's Defence Forces", "ORG", "ORG"),
        ("Vera Holt", "PERSON", "ORG"),
    ]


def test_mentions_name_split_by_a_line_break_is_never_joined() -> None:
    text = (
        "Officials met on Monday to discuss the report.\n"
        "The report that the committee published was signed by Marta Kowalski and by Tomas\n"
        "Varga, who said nothing about it.\n"
    )
    assert [m.text for m in _mentions(text)] == ["Marta Kowalski", "Tomas", "Varga"]


def test_mentions_no_person_across_and() -> None:
    # the model reads "Travis and Idlewild" (two bands) as one title
    assert not any(" and " in m.text for m in _mentions("The band beat Travis and Idlewild into second place."))


def test_mentions_shouted_dateline_known_to_the_gazetteer() -> None:
    assert _pairs("NAIROBI, May 3 — Officials said the road was shut.") == [("NAIROBI", "GPE")]


def test_mentions_headline_only_known_names() -> None:
    text = "Varno Ferry Crews Rescue Three Stranded Kayakers Near Brenholm\n\nBoats reached the city of Brenholm at noon.\n"
    found = _pairs(text)
    assert found == [("Brenholm", "GPE"), ("Brenholm", "GPE")]


def test_mentions_line_in_capitals_only_gazetteer_names() -> None:
    assert _pairs("THE PRESIDENT SAID NATO WILL ACT ON MONDAY.") == [("NATO", "ORG")]


def test_mentions_boilerplate_skipped_but_byline_kept() -> None:
    text = (
        "Troops advance near the river\n\nWritten by Jane Roe\n\nPhoto: Kestrel Images\n\n"
        "Officials in Warsaw said troops advanced. The ministry confirmed it.\n"
    )
    names = _pairs(text)
    assert ("Jane Roe", "PERSON") in names
    assert ("Warsaw", "GPE") in names
    assert not any("Kestrel" in n for n, _t in names)


def test_mentions_tiny_lexicon() -> None:
    lex = MentionLexicons(gazetteer={"borduria": ("Borduria", "GPE")}, titles=frozenset({"president"}))
    found = _mentions("Troops of Borduria moved as President Ivan Petrovsky watched.", lex)
    assert [(m.text, m.type, m.descriptor) for m in found] == [
        ("Borduria", "GPE", None),
        ("Ivan Petrovsky", "PERSON", "President"),
    ]


def test_mentions_the_pages_own_outlet_is_an_organisation() -> None:
    text = "A copy of the ransom note was seen by Harbour Desk on Monday, and 40 cranes stood idle."
    doc = parse_document(prepare_lines(document_from_text(text, "a.txt", Metadata(outlet="Harbour Desk"))))
    assert [(m.text, m.type) for m in extract_mentions(doc) if m.text == "Harbour Desk"] == [("Harbour Desk", "ORG")]
    # a known news outlet is one too, whichever page names it
    assert ("Velmora Gazette", "ORG") in _pairs("Port chief Ana Vellan told the Velmora Gazette that cranes were idle.")
