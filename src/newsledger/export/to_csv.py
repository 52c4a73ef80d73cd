"""The ledger as CSV: one row per document, entity and claim, the export's field names.

A spreadsheet user wants one table: each row says what it is (``kind``: document, entity,
quote, quantity, event) and carries the fields of that kind; other fields stay empty. Every
claim row carries its article's ``outlet`` (the outlet's name, or the site of its URL),
``url`` and ``paragraph``; groups add ``group``/``status`` columns to their members.

Article text can hold anything, and a spreadsheet runs a cell that starts with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula. As OWASP
recommends for CSV injection, such a text cell gets a single quote in front; numbers are
written as numbers. Rows end with CRLF (RFC 4180), which makes the writer quote every
field that holds a line break, a bare carriage return included, so rows stay whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..model import Ledger
from ..naming import outlet_name, url_of
from .to_json import ledger_to_dict

COLUMNS = [
    "kind", "id", "story", "doc", "file", "outlet", "url", "paragraph", "start", "end", "text", "title", "author",
    "published", "speaker", "speaker_entity", "direct", "value", "low", "high", "qualifier", "measure", "unit",
    "source", "source_entity", "hedged", "event", "time_text", "date_start", "date_end", "canonical", "type",
    "aliases", "group", "status",
]


def ledger_rows(ledger: Ledger, stories: Sequence[Mapping[str, Any]] = ()) -> list[dict[str, Any]]:
    """The CSV rows: documents, then entities, then quotes, figures and events."""
    data = ledger_to_dict(ledger, stories)
    docs = {d.id: d for d in ledger.documents}
    story_of = {doc_id: s["id"] for s in stories for doc_id in s.get("documents", ())}
    membership = {m: (g["id"], g["status"]) for g in data["groups"] for m in g["members"]}
    rows: list[dict[str, Any]] = []
    for rec in data["documents"]:
        doc = docs[rec["id"]]
        rows.append({"kind": "document", "id": rec["id"], "story": story_of.get(rec["id"]), "doc": rec["id"],
                     "file": rec["file"], "outlet": outlet_name(doc), "url": url_of(doc), "title": rec["title"],
                     "author": rec["author"], "published": rec["published"]})
    for ent in data["entities"]:
        rows.append({"kind": "entity", "id": ent["id"], "canonical": ent["canonical"], "type": ent["type"],
                     "aliases": "; ".join(ent["aliases"])})
    for kind, section in (("quote", "quotes"), ("quantity", "quantities"), ("event", "events")):
        for item in data[section]:
            row = {k: item.get(k) for k in COLUMNS if k in item}
            owner = docs.get(item["doc"])
            group = membership.get(item["id"])
            row.update(kind=kind, story=story_of.get(item["doc"]), file=owner.file if owner else None,
                       outlet=outlet_name(owner) if owner else None, url=url_of(owner) if owner else None,
                       group=group and group[0], status=group and group[1])
            rows.append(row)
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, with a single quote in front.

    Example: ``neutralise("=HYPERLINK(...)")`` → ``"'=HYPERLINK(...)"``; ``-5.0`` (a number) stays.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(ledger: Ledger, path: str | Path | None, stories: Sequence[Mapping[str, Any]] = ()) -> str:
    """Write the CSV export to ``path`` ("-" or None: return it only). Returns the CSV text."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in ledger_rows(ledger, stories):
        writer.writerow({k: ("" if v is None else neutralise(v)) for k, v in row.items()})
    text = buf.getvalue()
    if path not in (None, "-"):
        try:
            Path(path).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return text
