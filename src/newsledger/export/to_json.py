"""The ledger as the export JSON (field names and shapes of the export format).

Six sections, each always present: documents, quotes, quantities, events, entities,
groups; a seventh, ``stories``, says which story each document and group belongs to. Every
quote, figure and event carries ``paragraph``, the 1-based number of the paragraph (non-empty
line) of its article where it stands. Quoted terms and scare quotes (``Quote.kind == "term"``) are nobody's statement
and are left out of ``quotes``. Extra fields beyond the format (``reason``, ``cue``,
``unit``, ``independent_sources``…) are allowed by it and kept for readers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..model import Document, Entity, Event, Group, Ledger, Quantity, Quote, item_id
from ..naming import paragraph_number
from .output import write_output


def document_record(doc: Document) -> dict[str, Any]:
    m = doc.meta
    return {
        "id": doc.id, "file": doc.file, "source": doc.source, "title": m.title, "author": m.author,
        "published": m.published, "outlet": m.outlet, "dateline": m.dateline, "url": m.url,
        "credits": list(m.credits), "reference_date": m.reference,
        "boilerplate": [{"start": b.start, "end": b.end, "reason": b.reason} for b in doc.boilerplate],
    }


def quote_record(q: Quote, doc: Document | None = None) -> dict[str, Any]:
    return {
        "id": item_id(q), "doc": q.doc, "start": q.start, "end": q.end, "text": q.text,
        "speaker": q.speaker, "speaker_entity": q.speaker_entity, "direct": q.direct, "cue": q.cue,
        "paragraph": _paragraph(doc, q.start),
    }


def quantity_record(n: Quantity, doc: Document | None = None) -> dict[str, Any]:
    return {
        "id": item_id(n), "doc": n.doc, "start": n.start, "end": n.end, "text": n.text,
        "value": _num(n.value), "low": _num(n.low), "high": _num(n.high), "qualifier": n.qualifier,
        "measure": n.measure, "unit": n.unit, "source": n.source, "source_entity": n.source_entity,
        "hedged": n.hedged, "paragraph": _paragraph(doc, n.start),
    }


def event_record(e: Event, doc: Document | None = None) -> dict[str, Any]:
    return {
        "id": item_id(e), "doc": e.doc, "start": e.start, "end": e.end, "text": e.text, "event": e.event,
        "time_text": e.time_text, "date_start": e.date_start, "date_end": e.date_end,
        "months": list(e.months), "estimated": e.estimated, "time": e.time, "paragraph": _paragraph(doc, e.start),
    }


def _paragraph(doc: Document | None, offset: int) -> int | None:
    return None if doc is None else paragraph_number(doc, offset)


def entity_record(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id, "canonical": e.canonical, "type": e.type, "aliases": list(e.aliases),
        "mentions": [{"doc": m.doc, "start": m.start, "end": m.end} for m in e.mentions],
    }


def group_record(g: Group) -> dict[str, Any]:
    return {
        "id": g.id, "label": g.label, "members": list(g.members), "status": g.status, "why": g.why,
        "independent_sources": g.independent_sources, "sources": list(g.sources),
        "unattributed": g.unattributed, "citations": [list(c) for c in g.citations],
        "copies": [list(c) for c in g.copies],
    }


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def ledger_to_dict(ledger: Ledger, stories: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The export object for a ledger.

    Args:
        ledger (Ledger): one story's ledger, or several merged.
        stories (Sequence[Mapping[str, Any]]): the stories it holds (``id``, ``name``, ``title``,
            ``updated``, ``documents``: ids, ``groups``: ids), written as the ``stories`` section;
            each document record then says its ``story``.
    """
    docs = {d.id: d for d in ledger.documents}
    story_of = {doc_id: s["id"] for s in stories for doc_id in s.get("documents", ())}
    documents = [document_record(d) for d in ledger.documents]
    if stories:
        for rec in documents:
            rec["story"] = story_of.get(rec["id"])
    return {
        "documents": documents,
        "quotes": [quote_record(q, docs.get(q.doc)) for q in ledger.quotes if q.kind == "statement"],
        "quantities": [quantity_record(n, docs.get(n.doc)) for n in ledger.quantities],
        "events": [event_record(e, docs.get(e.doc)) for e in ledger.events],
        "entities": [entity_record(e) for e in ledger.entities],
        "groups": [group_record(g) for g in ledger.groups],
        "stories": [dict(s) for s in stories],
    }


def write_json(ledger: Ledger, path: str | Path | None, stories: Sequence[Mapping[str, Any]] = ()) -> str:
    """Write the export to ``path`` ("-" or None: return it only). Returns the JSON text.

    Raises:
        ExportError: the file cannot be written.
    """
    text = json.dumps(ledger_to_dict(ledger, stories), ensure_ascii=False, indent=1)
    write_output(path, text + "\n")
    return text
