"""Entity resolution: each merge rule, each keep-apart rule, and linking quotes and figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsledger.extract.mentions import extract_mentions
from newsledger.model import Document, Entity, Mention
from newsledger.pipeline import prepare_text
from newsledger.resolve.entities import resolve_entities

REPO = Path(__file__).resolve().parents[2]


def _resolve(*texts: str) -> tuple[list[Document], list[Entity]]:
    docs = [prepare_text(t, source=f"doc{i}.txt") for i, t in enumerate(texts)]
    mentions = [m for d in docs for m in extract_mentions(d)]
    for d in docs:
        for m in (m for m in mentions if m.doc == d.id):
            assert m.text == d.text[m.start : m.end]
    return docs, resolve_entities(docs, mentions)


def _entity_of(entities: list[Entity], alias: str) -> Entity:
    hits = [e for e in entities if alias in e.aliases]
    assert len(hits) == 1, f"{alias!r} in {[(e.canonical, e.aliases) for e in hits]}"
    return hits[0]


@pytest.mark.parametrize(
    ("texts", "canonical", "etype", "aliases"),
    [
        # surname → full name, within one article and across articles
        (
            ["Officials said Lena Sandvik arrived. Later Sandvik said the talks failed."],
            "Lena Sandvik", "PERSON", ("Lena Sandvik", "Sandvik"),
        ),
        (
            ["Officials said Lena Sandvik arrived.", "The talks failed, Sandvik said."],
            "Lena Sandvik", "PERSON", ("Lena Sandvik", "Sandvik"),
        ),
        # a title introduces nobody: the titled surname is the full name's, titled forms are aliases
        (
            ["Prime Minister Lena Sandvik arrived.", "The talks failed, Prime Minister Sandvik said."],
            "Lena Sandvik", "PERSON",
            ("Lena Sandvik", "Prime Minister Lena Sandvik", "Sandvik", "Prime Minister Sandvik"),
        ),
        # transliteration variants of the surname and of the given name
        (
            ["Officials said Olek Wrzesinsky arrived.", "Officials said Olek Wrzesinskyy arrived."],
            "Olek Wrzesinskyy", "PERSON", ("Olek Wrzesinskyy", "Olek Wrzesinsky"),
        ),
        (
            ["Fire chief Aleksei Orlan arrived.", "Officials said Alexei Orlan arrived."],
            "Aleksei Orlan", "PERSON", ("Aleksei Orlan", "Alexei Orlan"),
        ),
        (
            ["Officials said Jevgenij Halvek arrived.", "Officials said Yevgeny Halvek arrived."],
            "Jevgenij Halvek", "PERSON", ("Yevgeny Halvek", "Jevgenij Halvek"),
        ),
        # names written with and without their accents
        (
            ["Health Minister César Vásquez said hospitals were full. Vasquez added that teams were sent."],
            "César Vásquez", "PERSON", ("César Vásquez", "Minister César Vásquez", "Vasquez"),
        ),
        # an organisation's first word, in its own article and in another one
        (
            ["Tilden Shipping owns the barge. According to Tilden, it was insured."],
            "Tilden Shipping", "ORG", ("Tilden Shipping", "Tilden"),
        ),
        (
            ["Tilden Shipping owns the barge.", "The barge sank, Tilden said."],
            "Tilden Shipping", "ORG", ("Tilden", "Tilden Shipping"),
        ),
        # its last words, a local body in lower case, a legal suffix, a designation
        (
            ["Officials at the Fort Ravel Harbour Board said so.", "The Harbour Board later denied it."],
            "Fort Ravel Harbour Board", "ORG", ("Fort Ravel Harbour Board", "Harbour Board"),
        ),
        (
            ["The Fort Ravel Town Council met. Later the town council voted."],
            "Fort Ravel Town Council", "ORG", ("Fort Ravel Town Council", "town council"),
        ),
        (
            ["Harlan Freight Co. said it would appeal.", "Harlan Freight said the talks failed."],
            "Harlan Freight Co.", "ORG", ("Harlan Freight Co.", "Harlan Freight"),
        ),
        (
            ["Teamsters Local 727 voted.", "The Chicago Teamsters Local 727 struck."],
            "Chicago Teamsters Local 727", "ORG", ("Teamsters Local 727", "Local 727", "Chicago Teamsters Local 727"),
        ),
        # acronyms: paired in the text, by initials, by initials without the country written first
        (
            ["The Fort Ravel Fire and Rescue Service (FRFRS) sent crews.", "The FRFRS said the fire was out."],
            "Fort Ravel Fire and Rescue Service", "ORG", ("FRFRS", "Fort Ravel Fire and Rescue Service"),
        ),
        (
            ["The FWO (Fund for Wild Otters) said so.", "A report by the Fund for Wild Otters disagreed."],
            "Fund for Wild Otters", "ORG", ("FWO", "Fund for Wild Otters"),
        ),
        (
            ["The Federal Water Agency said so.", "A report by the FWA disagreed."],
            "Federal Water Agency", "ORG", ("Federal Water Agency", "FWA"),
        ),
        (
            ["The Kenyan National Youth Service said so.", "A report by the NYS disagreed."],
            "Kenyan National Youth Service", "ORG", ("NYS", "Kenyan National Youth Service", "National Youth Service"),
        ),
        # one body's name written with one word changed, joined through its acronym
        (
            [
                "The Chilean Geological Survey (CGS) said the quake was strong.",
                "The Chilean Geological Service measured it too.",
                "The CGS later revised it.",
            ],
            "Chilean Geological Service", "ORG",
            ("Chilean Geological Service", "Geological Service", "Chilean Geological Survey", "CGS"),
        ),
        # country aliases and capitals stand for their country
        (
            ["Holland fired a missile.", "The Netherlands denied it.", "Amsterdam said nothing."],
            "Netherlands", "GPE", ("Amsterdam", "Netherlands", "Holland"),
        ),
        # ... except a capital's name that the batch writes as a region's ("Victoria state")
        (
            ["Bushfires spread across Victoria state on Monday.", "Firefighters in Victoria were exhausted."],
            "Victoria", "GPE", ("Victoria state", "Victoria"),
        ),
        # region words and their variants
        (
            [
                "Fighting in the Zlatograd region.",
                "Troops in the Zlatograd Oblast.",
                "Shelling in Zlatograd Region.",
                "Residents of the city of Zlatograd fled.",
            ],
            "Zlatograd", "GPE", ("Zlatograd region", "Zlatograd", "Zlatograd Oblast", "Zlatograd Region"),
        ),
        (
            ["Jobs are scarce in Dunmore. Buses serve the Dunmore district."],
            "Dunmore", "GPE", ("Dunmore", "Dunmore district"),
        ),
        # a place's two spellings one letter apart
        (
            ["Floods hit the town of Velikoye on Monday.", "Aid reached the town of Velikoe on Tuesday."],
            "Velikoye", "GPE", ("Velikoe", "Velikoye"),
        ),
        # a facility with and without its kind
        (
            ["Staff at the Harrowgate copper mine walked out.", "The Harrowgate mine was shut."],
            "Harrowgate copper mine", "FAC", ("Harrowgate mine", "Harrowgate copper mine"),
        ),
        # a saint's institution and its short form
        (
            ["Six patients were taken to St. Agnes’s Clinic, a spokeswoman for St. Agnes’s said."],
            "St. Agnes’s Clinic", "ORG", ("St. Agnes’s Clinic", "St. Agnes’s"),
        ),
        # "the company" is no alias
        (
            ["Tilden Shipping said the barge was insured. The company said it would pay."],
            "Tilden Shipping", "ORG", ("Tilden Shipping",),
        ),
        # a given name's initial: the one full name it fits
        (
            ["Governor Ilka Brandt ordered an inquiry.", "I. Brandt, the governor, defended the operator."],
            "Ilka Brandt", "PERSON", ("Ilka Brandt", "Governor Ilka Brandt", "I. Brandt"),
        ),
        # one organisation in British and American spelling
        (
            ["The Maritime Safety Organisation said two ships were lost.",
             "The Maritime Safety Organization said the ships were insured."],
            "Maritime Safety Organization", "ORG", ("Maritime Safety Organization", "Maritime Safety Organisation"),
        ),
        # two people of one surname: a bare surname is the one named most recently before it
        (
            ["Anna Novak spoke first. Later, Tomas Novak arrived at the depot. Novak said the deal was done."],
            "Tomas Novak", "PERSON", ("Tomas Novak", "Novak"),
        ),
    ],
)
def test_entities_merge(texts: list[str], canonical: str, etype: str, aliases: tuple[str, ...]) -> None:
    _docs, entities = _resolve(*texts)
    ent = _entity_of(entities, aliases[0])
    assert (ent.canonical, ent.type, ent.aliases) == (canonical, etype, aliases)


@pytest.mark.parametrize(
    ("texts", "apart"),
    [
        # a bare name introduced with its own description is another person
        (
            [
                "Chairman Tran Van Loc spoke on Monday.",
                "According to Tran, a 58-year-old retired pilot who moved away, the fees are high. Tran said so.",
            ],
            ("Tran Van Loc", "Tran"),
        ),
        # two people sharing a surname, each with a given name of their own
        (["Officials said Anna Novak arrived.", "Officials said Tomas Novak arrived."], ("Anna Novak", "Tomas Novak")),
        # a surname that fits two full names joins neither
        (["Anna Novak met Tomas Novak. Novak said the deal was done."], ("Anna Novak", "Tomas Novak")),
        (["Anna Novak met Tomas Novak. Novak said the deal was done."], ("Tomas Novak", "Novak")),
        (
            ["Anna Novak spoke first. Later, Tomas Novak arrived at the depot. Novak said the deal was done."],
            ("Anna Novak", "Novak"),
        ),
        # an initial that fits two full names joins neither
        (["Ilka Brandt met Ivo Brandt.", "I. Brandt said the deal was done."], ("Ilka Brandt", "Ivo Brandt")),
        (["Ilka Brandt met Ivo Brandt.", "I. Brandt said the deal was done."], ("Ivo Brandt", "I. Brandt")),
        # different people with similar names
        (["Officials said Kim Su Min arrived.", "Officials said Kim Su Jin arrived."], ("Kim Su Min", "Kim Su Jin")),
        (["Officials said Anna Orlan arrived.", "Officials said Ania Orlan arrived."], ("Anna Orlan", "Ania Orlan")),
        # a first word shared by two firms joins neither
        (
            ["Tilden Shipping and Tilden Bank signed. The deal is done, Tilden said."],
            ("Tilden Shipping", "Tilden Bank"),
        ),
        (["Tilden Shipping and Tilden Bank signed. The deal is done, Tilden said."], ("Tilden Shipping", "Tilden")),
        # a first word before no organisation's kind is no short form ("Tarnby Weavers" are not "Tarnby")
        (["Tarnby Weavers rejected the offer.", "Tarnby said the offer was final."], ("Tarnby Weavers", "Tarnby")),
        # last words shared by two full names join neither
        (
            ["The Fort Ravel Harbour Board and the Ostby Harbour Board met.", "The Harbour Board said no."],
            ("Fort Ravel Harbour Board", "Harbour Board"),
        ),
        # a bare name with a title of its own is a person, not the firm
        (["Tilden Shipping owns the barge.", "Mayor Tilden said the port was shut."], ("Tilden Shipping", "Tilden")),
        # the region around a capital is not the country
        (["Shelling hit the Tbilisi region.", "Georgia protested."], ("Tbilisi region", "Georgia")),
        # two countries stay apart, and a demonym is not its country
        (["Slovenia and Slovakia signed a deal."], ("Slovenia", "Slovakia")),
        (["A soldier was seen in Brazil. Brazilian troops moved."], ("Brazil", "Brazilian")),
        # a person who shares the words of a foundation's name is not the foundation
        (["Hans Berring said no.", "The Hans Berring Foundation paid."], ("Hans Berring", "Hans Berring Foundation")),
    ],
)
def test_entities_kept_apart(texts: list[str], apart: tuple[str, str]) -> None:
    _docs, entities = _resolve(*texts)
    a, b = _entity_of(entities, apart[0]), _entity_of(entities, apart[1])
    assert a.id != b.id


def test_entities_demonyms_one_entity_per_country() -> None:
    _docs, entities = _resolve("A Norwegian ship docked.", "Norwegians protested in Oslo.")
    norp = _entity_of(entities, "Norwegian")
    assert (norp.canonical, norp.type, set(norp.aliases)) == ("Norwegian", "NORP", {"Norwegian", "Norwegians"})
    assert _entity_of(entities, "Oslo").canonical == "Norway"


def test_entities_described_name_keeps_its_mentions_together() -> None:
    _docs, entities = _resolve(
        "According to Tran, a 58-year-old retired pilot who moved away, the fees are high. Tran said so."
    )
    assert len(_entity_of(entities, "Tran").mentions) == 2


def test_entities_bare_name_read_as_person_joins_the_organisation() -> None:
    docs = [prepare_text(t, source=f"doc{i}.txt") for i, t in enumerate(["Corran said no.", "Corran said yes."])]
    org = Mention(docs[0].id, 0, 6, "Corran", "ORG")
    person = Mention(docs[1].id, 0, 6, "Corran", "PERSON")
    entities = resolve_entities(docs, [org, person])
    assert [(e.canonical, e.type, len(e.mentions)) for e in entities] == [("Corran", "ORG", 2)]


def test_entities_ids_unique_and_deterministic() -> None:
    texts = ["Chairman Tran Van Loc spoke.", "According to Tran, a 58-year-old retired pilot, it is so. Tran said."]
    _d1, first = _resolve(*texts)
    _d2, second = _resolve(*texts)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first)


def kursk_report(kursk_dir: Path, score_module: Any) -> dict[str, Any]:
    """The scorer's result for the sample bundle run through the entity and event stages."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import compare_entities_times as cmp
    finally:
        sys.path.pop(0)
    docs = cmp.read_documents(kursk_dir)
    entities, events = cmp.analyse(docs)
    ledger = cmp.build_ledger(docs, entities, events)
    gold = json.loads((kursk_dir / "gold.json").read_text(encoding="utf-8"))
    result: dict[str, Any] = score_module.evaluate(ledger, gold, str(kursk_dir))
    return result


def test_entities_kursk_sample_thresholds(kursk_dir: Path, score_module: Any) -> None:
    figures = kursk_report(kursk_dir, score_module)["sections"]["entities"]["figures"]
    assert figures["recall"] == 1.0
    assert figures["merge_completeness"] >= 0.9
    assert figures["distinct_violations"] == 0
