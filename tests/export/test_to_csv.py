"""CSV export against hostile cells: formulas neutralised (OWASP), line breaks quoted, rows whole."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from newsledger.export.to_csv import COLUMNS, neutralise, write_csv
from newsledger.model import Ledger, Quantity, Quote
from newsledger.pipeline import prepare_text

# Every statement below is a cell that a spreadsheet would run, or that would break a row.
CELLS = ["=HYPERLINK(\"http://x.test\",\"open\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\tnote", "\r=1+1",
         "two\rlines", "two\nlines", "two\r\nlines", "plain words"]
TEXT = "\n".join(CELLS) + "\n"


def _ledger() -> Ledger:
    doc = prepare_text(TEXT, source="/data/[x] =cmd.txt")
    quotes = []
    at = 0
    for cell in CELLS:
        start = TEXT.index(cell, at)
        at = start + len(cell)
        quotes.append(Quote(doc.id, start, at, cell, True, speaker="=cmd|' /C calc'!A0", cue="said"))
    n = TEXT.index("-2+3")
    figure = Quantity(doc.id, n, n + 2, "-2", -2.0, -2.0, -2.0, "exact", "@measure", unit="+unit")
    return Ledger(documents=[doc], quotes=quotes, quantities=[figure])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("a=1", "a=1"), ("", ""), (-5.0, -5.0), (3, 3), (None, None)],
)
def test_neutralise_formula_starts(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_write_csv_neutralises_formulas_and_keeps_rows_whole(tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    text = write_csv(_ledger(), out)
    assert out.read_bytes() == text.encode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == COLUMNS
    assert len(rows) == 1 + 1 + len(CELLS) + 1  # header, the document, the quotes, the figure
    by_column = [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]]
    quotes = [r for r in by_column if r["kind"] == "quote"]
    assert [r["text"] for r in quotes] == [
        "'=HYPERLINK(\"http://x.test\",\"open\")", "'+1+1", "'-2+3", "'@SUM(A1:A9)", "'\tnote", "'\r=1+1",
        "two\rlines", "two\nlines", "two\r\nlines", "plain words",
    ]
    assert {r["speaker"] for r in quotes} == {"'=cmd|' /C calc'!A0"}
    assert {r["file"] for r in quotes} == {"[x] =cmd.txt"}
    (figure,) = [r for r in by_column if r["kind"] == "quantity"]
    assert (figure["text"], figure["value"], figure["low"], figure["measure"], figure["unit"]) == (
        "'-2", "-2", "-2", "'@measure", "'+unit")
    # no cell of any row starts with a formula character
    for r in rows[1:]:
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in r if c not in ("-2",)), r
