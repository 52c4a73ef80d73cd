"""The ledger as CSV: one row per claim (quote, quantity or event), the export's field names.

A spreadsheet user wants one table: each row carries its section (``kind``), document
file and the fields of that section; fields of other sections stay empty. Groups add
``group``/``status`` columns to their members.

Article text can hold anything, and a spreadsheet runs a cell that starts with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula. As OWASP
recommends for CSV injection, such a text cell gets a single quote in front; numbers are
written as numbers. Rows end with CRLF (RFC 4180), which makes the writer quote every
field that holds a line break, a bare carriage return included, so rows stay whole.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..model import Ledger
from .to_json import ledger_to_dict

COLUMNS = [
    "kind", "id", "doc", "file", "start", "end", "text", "speaker", "direct", "value", "low", "high",
    "qualifier", "measure", "unit", "source", "hedged", "event", "time_text", "date_start", "date_end",
    "group", "status",
]


def ledger_rows(ledger: Ledger) -> list[dict[str, Any]]:
    data = ledger_to_dict(ledger)
    files = {d["id"]: d["file"] for d in data["documents"]}
    membership = {m: (g["id"], g["status"]) for g in data["groups"] for m in g["members"]}
    rows = []
    for kind, section in (("quote", "quotes"), ("quantity", "quantities"), ("event", "events")):
        for item in data[section]:
            row = {k: item.get(k) for k in COLUMNS if k in item}
            group = membership.get(item["id"])
            row.update(kind=kind, file=files.get(item["doc"]), group=group and group[0],
                       status=group and group[1])
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


def write_csv(ledger: Ledger, path: str | Path | None) -> str:
    """Write the CSV export to ``path`` ("-" or None: return it only). Returns the CSV text."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in ledger_rows(ledger):
        writer.writerow({k: ("" if v is None else neutralise(v)) for k, v in row.items()})
    text = buf.getvalue()
    if path not in (None, "-"):
        try:
            Path(path).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return text
