"""Read a ledger export (FORMAT.md JSON) back into model objects, e.g. to group a gold ledger.

The export names items by its own ids ("n001a"); model items are named by :func:`item_id`.
:func:`json_ids` maps one to the other so groups can be written back in the export's ids.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..model import Entity, Event, Ledger, Mention, Metadata, Quantity, Quote

_PREFIX = {"quotes": "q", "quantities": "n", "events": "ev"}


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def json_ids(data: Mapping[str, Any]) -> dict[str, str]:
    """Model item id (``n-<doc>-<start>-<end>``) → the export's own id, for quotes, figures, events."""
    out: dict[str, str] = {}
    for section, prefix in _PREFIX.items():
        for x in data.get(section) or []:
            out[f"{prefix}-{x['doc']}-{x['start']}-{x['end']}"] = str(x["id"])
    return out


def ledger_items_from_json(data: Mapping[str, Any], folder: str | Path) -> Ledger:
    """Model objects for a ledger export whose articles lie in ``folder``.

    Documents are read from ``folder/<file>`` and cleaned (sentences are needed for
    context); they keep the export's document ids so every item still points at its document.

    Args:
        data (Mapping[str, Any]): the parsed export (documents, quotes, quantities, events, entities).
        folder (str | Path): where the article files are.
    Returns:
        Ledger: documents, quotes, quantities, events (each with its facts) and entities; no groups.
    """
    # Late imports: the pipeline imports compare, so compare must not import it at load time.
    from ..ingest.read import document_from_text
    from ..pipeline import prepare

    ledger = Ledger()
    texts: dict[str, str] = {}
    for d in data.get("documents") or []:
        path = Path(folder) / d["file"]
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        meta = Metadata(title=d.get("title"), author=d.get("author"), published=d.get("published"),
                        outlet=d.get("outlet"), dateline=d.get("dateline"))
        doc = prepare(document_from_text(text, str(path), meta))
        given = {k: v for k, v in dataclasses.asdict(meta).items() if v}
        doc = dataclasses.replace(doc, id=str(d["id"]), meta=dataclasses.replace(doc.meta, **given))
        ledger.documents.append(doc)
        texts[doc.id] = text
    for q in data.get("quotes") or []:
        ledger.quotes.append(Quote(doc=q["doc"], start=q["start"], end=q["end"], text=q["text"],
                                   direct=bool(q.get("direct")), speaker=q.get("speaker"),
                                   speaker_entity=q.get("speaker_entity")))
    for n in data.get("quantities") or []:
        ledger.quantities.append(Quantity(
            doc=n["doc"], start=n["start"], end=n["end"], text=n["text"], value=_num(n.get("value")),
            low=_num(n.get("low")), high=_num(n.get("high")), qualifier=n.get("qualifier") or "exact",
            measure=n.get("measure") or "", unit=n.get("unit"), source=n.get("source"),
            hedged=bool(n.get("hedged")), source_entity=n.get("source_entity")))
    for e in data.get("events") or []:
        ledger.events.append(Event(doc=e["doc"], start=e["start"], end=e["end"], text=e["text"],
                                   event=e.get("event") or "", time_text=e.get("time_text") or "",
                                   date_start=e.get("date_start"), date_end=e.get("date_end"),
                                   months=tuple(e.get("months") or ())))
    from ..extract.facts import attach_facts

    for i, doc in enumerate(ledger.documents):
        # the export carries no facts: they are read again from the parse of each article
        ledger.quotes, ledger.quantities, ledger.events = attach_facts(
            doc, ledger.quotes, ledger.quantities, ledger.events)
        ledger.documents[i] = dataclasses.replace(doc, parse=None)
    for ent in data.get("entities") or []:
        mentions = tuple(Mention(doc=m["doc"], start=m["start"], end=m["end"],
                                 text=texts.get(m["doc"], "")[m["start"]:m["end"]], type=ent.get("type") or "")
                         for m in ent.get("mentions") or [])
        ledger.entities.append(Entity(id=str(ent["id"]), canonical=ent.get("canonical") or "",
                                      type=ent.get("type") or "", aliases=tuple(ent.get("aliases") or ()),
                                      mentions=mentions))
    return ledger


def load_ledger_json(path: str | Path, folder: str | Path | None = None) -> tuple[Ledger, dict[str, str]]:
    """Read an export file: the Ledger (articles from ``folder``, default the file's folder) and :func:`json_ids`."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return ledger_items_from_json(data, folder if folder is not None else Path(path).parent), json_ids(data)
