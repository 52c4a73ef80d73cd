"""Linking speakers and sources to entities: by span, by name, by a longer form of a name."""

from __future__ import annotations

from newsledger.extract.mentions import extract_mentions
from newsledger.model import Entity, Quantity, Quote
from newsledger.pipeline import prepare_text
from newsledger.resolve.entities import resolve_entities
from newsledger.resolve.links import link_entities


def _entity_of(entities: list[Entity], alias: str) -> Entity:
    hits = [e for e in entities if alias in e.aliases]
    assert len(hits) == 1
    return hits[0]


def _resolve(text: str):  # type: ignore[no-untyped-def]
    doc = prepare_text(text, source="doc0.txt")
    return doc, resolve_entities([doc], extract_mentions(doc))


def test_link_entities_by_span_and_by_name() -> None:
    doc, entities = _resolve(
        "Ivan Petrovsky said the talks failed. Officials at the Federal Water Agency estimate 40 wells."
    )
    start = doc.text.index("Ivan Petrovsky")
    quote = Quote(doc.id, 20, 36, doc.text[20:36], False, "Ivan Petrovsky", start, start + 14)
    by_name = Quote(doc.id, 20, 36, doc.text[20:36], False, "Borduria's leader Ivan Petrovsky")
    by_head = Quote(doc.id, 20, 36, doc.text[20:36], False, "Petrovsky, the leader")
    qty = Quantity(doc.id, 0, 2, doc.text[0:2], 40, 40, 40, "exact", "wells", source="the Federal Water Agency")
    quotes, quantities = link_entities([quote, by_name, by_head], [qty], entities)
    pid = _entity_of(entities, "Ivan Petrovsky").id
    assert [q.speaker_entity for q in quotes] == [pid, pid, None]
    assert quantities[0].source_entity == _entity_of(entities, "Federal Water Agency").id
