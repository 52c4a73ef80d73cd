"""The ledger as the export JSON (field names and shapes of the export format).

Six sections, each always present: documents, quotes, quantities, events, entities,
groups. Quoted terms and scare quotes (``Quote.kind == "term"``) are nobody's statement
and are left out of ``quotes``. Extra fields beyond the format (``reason``, ``cue``,
``unit``, ``independent_sources``…) are allowed by it and kept for readers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..model import Document, Entity, Event, Group, Ledger, Quantity, Quote, item_id


def document_record(doc: Document) -> dict[str, Any]:
    m = doc.meta
    return {
        "id": doc.id, "file": doc.file, "source": doc.source, "title": m.title, "author": m.author,
        "published": m.published, "outlet": m.outlet, "dateline": m.dateline, "url": m.url,
        "credits": list(m.credits), "reference_date": m.reference,
        "boilerplate": [{"start": b.start, "end": b.end, "reason": b.reason} for b in doc.boilerplate],
    }


def quote_record(q: Quote) -> dict[str, Any]:
    return {
        "id": item_id(q), "doc": q.doc, "start": q.start, "end": q.end, "text": q.text,
        "speaker": q.speaker, "speaker_entity": q.speaker_entity, "direct": q.direct, "cue": q.cue,
    }


def quantity_record(n: Quantity) -> dict[str, Any]:
    return {
        "id": item_id(n), "doc": n.doc, "start": n.start, "end": n.end, "text": n.text,
        "value": _num(n.value), "low": _num(n.low), "high": _num(n.high), "qualifier": n.qualifier,
        "measure": n.measure, "unit": n.unit, "source": n.source, "source_entity": n.source_entity,
        "hedged": n.hedged,
    }


def event_record(e: Event) -> dict[str, Any]:
    return {
        "id": item_id(e), "doc": e.doc, "start": e.start, "end": e.end, "text": e.text, "event": e.event,
        "time_text": e.time_text, "date_start": e.date_start, "date_end": e.date_end,
        "months": list(e.months), "estimated": e.estimated, "time": e.time,
    }


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
    }


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def ledger_to_dict(ledger: Ledger) -> dict[str, Any]:
    """The export object for a ledger."""
    return {
        "documents": [document_record(d) for d in ledger.documents],
        "quotes": [quote_record(q) for q in ledger.quotes if q.kind == "statement"],
        "quantities": [quantity_record(n) for n in ledger.quantities],
        "events": [event_record(e) for e in ledger.events],
        "entities": [entity_record(e) for e in ledger.entities],
        "groups": [group_record(g) for g in ledger.groups],
    }


def write_json(ledger: Ledger, path: str | Path | None) -> str:
    """Write the export to ``path`` ("-" or None: return it only). Returns the JSON text.

    Raises:
        ExportError: the file cannot be written.
    """
    text = json.dumps(ledger_to_dict(ledger), ensure_ascii=False, indent=1)
    if path not in (None, "-"):
        try:
            Path(path).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return text
