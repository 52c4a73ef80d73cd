"""Entity resolution: each merge rule, each keep-apart rule, and linking quotes and figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsledger.extract.mentions import extract_mentions
from newsledger.model import Document, Entity, Quantity, Quote
from newsledger.pipeline import prepare_text
from newsledger.resolve.entities import link_entities, resolve_entities

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
    ("texts", "together", "canonical"),
    [
        # surname → full name, within one article and across articles
        (
            ["Officials said Ivan Petrovsky arrived. Later Petrovsky said the talks failed."],
            ["Ivan Petrovsky", "Petrovsky"],
            "Ivan Petrovsky",
        ),
        (
            ["Officials said Ivan Petrovsky arrived.", "The talks failed, Petrovsky said."],
            ["Ivan Petrovsky", "Petrovsky"],
            "Ivan Petrovsky",
        ),
        # transliteration variants
        (
            ["Officials said Olek Wrzesinsky arrived.", "Officials said Olek Wrzesinskyy arrived."],
            ["Olek Wrzesinsky", "Olek Wrzesinskyy"],
            None,
        ),
        # given names that are transliteration variants, same surname
        (
            ["Fire chief Aleksei Orlan arrived.", "Officials said Alexei Orlan arrived."],
            ["Aleksei Orlan", "Alexei Orlan"],
            None,
        ),
        # an organisation's first word, in its own article and in another one
        (
            ["Tilden Shipping owns the barge. According to Tilden, it was insured."],
            ["Tilden Shipping", "Tilden"],
            "Tilden Shipping",
        ),
        (["Tilden Shipping owns the barge.", "The barge sank, Tilden said."], ["Tilden Shipping", "Tilden"], None),
        # an organisation's last words, a local body in lower case, and "and" inside the name
        (
            ["Officials at the Fort Ravel Harbour Board said so.", "The Harbour Board later denied it."],
            ["Fort Ravel Harbour Board", "Harbour Board"],
            "Fort Ravel Harbour Board",
        ),
        (
            ["The Fort Ravel City Council met. Later the city council voted."],
            ["Fort Ravel City Council", "city council"],
            "Fort Ravel City Council",
        ),
        (
            ["The Fort Ravel Fire and Rescue Service (FRFRS) sent crews.", "The FRFRS said the fire was out."],
            ["Fort Ravel Fire and Rescue Service", "FRFRS"],
            "Fort Ravel Fire and Rescue Service",
        ),
        # acronym paired in the text, and by its initials in another article
        (
            ["Analysts at the Centre for Harbour Studies (CHS) warned.", "The CHS said the port was shut."],
            ["Centre for Harbour Studies", "CHS"],
            "Centre for Harbour Studies",
        ),
        (
            ["The Federal Water Agency said so.", "A report by the FWA disagreed."],
            ["Federal Water Agency", "FWA"],
            "Federal Water Agency",
        ),
        (
            ["The FWO (Fund for Wild Otters) said so.", "A report by the Fund for Wild Otters disagreed."],
            ["FWO", "Fund for Wild Otters"],
            "Fund for Wild Otters",
        ),
        # country aliases and capitals stand for their country
        (
            ["The PRC fired a missile.", "China denied it.", "Beijing said nothing."],
            ["PRC", "China", "Beijing"],
            "China",
        ),
        (
            ["Talks in Peking began.", "Officials in Beijing agreed with China."],
            ["Peking", "Beijing", "China"],
            "China",
        ),
        # region variants
        (
            [
                "Fighting in the Zlatograd region.",
                "Troops in the Zlatograd Oblast.",
                "Shelling in Zlatograd Region.",
                "Residents of the city of Zlatograd fled.",
            ],
            ["Zlatograd region", "Zlatograd Oblast", "Zlatograd Region", "Zlatograd"],
            "Zlatograd",
        ),
        # a firm's short name without its head word, across articles
        (
            ["Harlan Freight Company said it would appeal.", "Harlan Freight said the talks failed."],
            ["Harlan Freight Company", "Harlan Freight"],
            "Harlan Freight Company",
        ),
        # given names that transliterate one name, with one surname
        (
            ["Officials said Jevgenij Halvek arrived.", "Officials said Yevgeny Halvek arrived."],
            ["Jevgenij Halvek", "Yevgeny Halvek"],
            None,
        ),
        (
            ["Officials said Jana Tarnby arrived.", "Officials said Yana Tarnby arrived."],
            ["Jana Tarnby", "Yana Tarnby"],
            None,
        ),
        # a district suffix on a place
        (["Jobs are scarce in Dunmore. Buses serve the Dunmore district."], ["Dunmore", "Dunmore district"], "Dunmore"),
        # a facility with and without its kind
        (
            ["Staff at the Harrowgate copper mine walked out.", "The Harrowgate mine was shut."],
            ["Harrowgate copper mine", "Harrowgate mine"],
            "Harrowgate copper mine",
        ),
        # a saint's institution and its short form
        (
            ["Six patients were taken to St. Agnes’s Clinic, a spokeswoman for St. Agnes’s said."],
            ["St. Agnes’s Clinic", "St. Agnes’s"],
            "St. Agnes’s Clinic",
        ),
        # two people of one surname: a bare surname is the one named most recently before it
        (
            ["Anna Novak spoke first. Later, Tomas Novak arrived at the depot. Novak said the deal was done."],
            ["Tomas Novak", "Novak"],
            "Tomas Novak",
        ),
    ],
)
def test_entities_merge(texts: list[str], together: list[str], canonical: str | None) -> None:
    _docs, entities = _resolve(*texts)
    ent = _entity_of(entities, together[0])
    assert set(together) <= set(ent.aliases)
    if canonical:
        assert ent.canonical == canonical


def test_entities_titles_become_aliases() -> None:
    _docs, entities = _resolve("Borduria's President Ivan Petrovsky said the talks failed.")
    ent = _entity_of(entities, "Ivan Petrovsky")
    assert "President Ivan Petrovsky" in ent.aliases
    assert ent.type == "PERSON"


@pytest.mark.parametrize(
    ("texts", "apart"),
    [
        # a bare name introduced with its own description is another person
        (
            [
                "Leader Park Jin Ho spoke on Monday.",
                "According to Park, a 41-year-old former sailor who fled, the rules are strict. Park said so.",
            ],
            ("Park Jin Ho", "Park"),
        ),
        # a surname that fits two full names joins neither
        (["Anna Novak met Tomas Novak. Novak said the deal was done."], ("Anna Novak", "Tomas Novak")),
        # different people with similar short names
        (["Officials said Kim Su Min arrived.", "Officials said Kim Su Jin arrived."], ("Kim Su Min", "Kim Su Jin")),
        # short given names of one surname that differ by a letter are two people
        (["Officials said Anna Orlan arrived.", "Officials said Ania Orlan arrived."], ("Anna Orlan", "Ania Orlan")),
        # a first word shared by two firms joins neither
        (
            ["Tilden Shipping and Tilden Bank signed. The deal is done, Tilden said."],
            ("Tilden Shipping", "Tilden Bank"),
        ),
        (["Tilden Shipping and Tilden Bank signed. The deal is done, Tilden said."], ("Tilden Shipping", "Tilden")),
        (["Tilden Shipping and Tilden Bank signed. The deal is done, Tilden said."], ("Tilden Bank", "Tilden")),
        # last words shared by two full names join neither
        (
            ["The Fort Ravel Harbour Board and the Ostby Harbour Board met.", "The Harbour Board said no."],
            ("Fort Ravel Harbour Board", "Harbour Board"),
        ),
        (
            ["The Fort Ravel Harbour Board and the Ostby Harbour Board met.", "The Harbour Board said no."],
            ("Ostby Harbour Board", "Harbour Board"),
        ),
        # a bare name with a title of its own is a person, not the firm
        (["Tilden Shipping owns the barge.", "Mayor Tilden said the port was shut."], ("Tilden Shipping", "Tilden")),
        # the region around a capital is not the country
        (["Shelling hit the Tbilisi region.", "Georgia protested."], ("Tbilisi region", "Georgia")),
        # two countries stay apart, and a demonym is not its country
        (["Austria and Australia signed a deal."], ("Austria", "Australia")),
        (["A soldier was seen in Brazil. Brazilian troops moved."], ("Brazil", "Brazilian")),
        # ... and not the other one
        (
            ["Anna Novak spoke first. Later, Tomas Novak arrived at the depot. Novak said the deal was done."],
            ("Anna Novak", "Novak"),
        ),
        # a bare surname after two people named in one sentence joins neither
        (["Anna Novak met Tomas Novak. Novak said the deal was done."], ("Tomas Novak", "Novak")),
        # a person who shares the words of a foundation's name is not the foundation
        (["Hans Berring said no.", "The Hans Berring Foundation paid."], ("Hans Berring", "Hans Berring Foundation")),
    ],
)
def test_entities_kept_apart(texts: list[str], apart: tuple[str, str]) -> None:
    _docs, entities = _resolve(*texts)
    a, b = _entity_of(entities, apart[0]), _entity_of(entities, apart[1])
    assert a.id != b.id


def test_entities_described_name_keeps_its_mentions_together() -> None:
    _docs, entities = _resolve(
        "According to Park, a 41-year-old former sailor who fled, the rules are strict. Park said so."
    )
    park = _entity_of(entities, "Park")
    assert len(park.mentions) == 2


def test_entities_ids_unique_and_deterministic() -> None:
    texts = ["Leader Park Jin Ho spoke.", "According to Park, a 41-year-old former sailor, it is so. Park said."]
    _d1, first = _resolve(*texts)
    _d2, second = _resolve(*texts)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first)


def test_link_entities_by_span_and_by_name() -> None:
    docs, entities = _resolve(
        "Ivan Petrovsky said the talks failed. Officials at the Federal Water Agency estimate 40 wells."
    )
    doc = docs[0]
    start = doc.text.index("Ivan Petrovsky")
    quote = Quote(doc.id, 20, 36, doc.text[20:36], False, "Ivan Petrovsky", start, start + 14)
    by_name = Quote(doc.id, 20, 36, doc.text[20:36], False, "Borduria's leader Ivan Petrovsky")
    qty = Quantity(doc.id, 0, 2, doc.text[0:2], 40, 40, 40, "exact", "wells", source="the Federal Water Agency")
    quotes, quantities = link_entities([quote, by_name], [qty], entities)
    pid = _entity_of(entities, "Ivan Petrovsky").id
    assert [q.speaker_entity for q in quotes] == [pid, pid]
    assert quantities[0].source_entity == _entity_of(entities, "Federal Water Agency").id


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
