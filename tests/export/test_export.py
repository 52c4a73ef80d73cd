"""Export: the JSON sections and fields of the export format; CSV rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from newsledger.export.to_csv import write_csv
from newsledger.export.to_json import ledger_to_dict, write_json
from newsledger.model import Group, Ledger, Quantity, Quote, item_id
from newsledger.pipeline import prepare_text

TEXT = ("Harbour Fire Spreads\nWritten by Jane Roe\nPort Alden – Known as ‘the Furnace’, the warehouse burned. "
        "“We are doing everything we can,” said fire chief Mara Ellison. Some 300 workers were sent home.\n")


def _ledger() -> Ledger:
    doc = prepare_text(TEXT, source="/data/a.txt")
    s = TEXT.index("We are")
    t = TEXT.index("the Furnace")
    n = TEXT.index("Some 300")
    statement = Quote(doc.id, s, s + 30, TEXT[s:s + 30], True, "Mara Ellison", cue="said")
    term = Quote(doc.id, t, t + 11, TEXT[t:t + 11], True, kind="term")
    qty = Quantity(doc.id, n, n + 17, TEXT[n:n + 17], 300.0, 270.0, 330.0, "approximate", "workers sent home")
    group = Group("g-1", "workers", (item_id(qty), item_id(qty)), "agree", "same figure")
    return Ledger(documents=[doc], quotes=[statement, term], quantities=[qty], groups=[group])


def test_json_has_every_section_and_field() -> None:
    data = ledger_to_dict(_ledger())
    assert list(data) == ["documents", "quotes", "quantities", "events", "entities", "groups", "stories"]
    d = data["documents"][0]
    assert d["file"] == "a.txt" and d["title"] == "Harbour Fire Spreads" and d["author"] == "Jane Roe"
    assert d["published"] is None and d["dateline"] == "Port Alden"
    assert {"start", "end"} <= set(d["boilerplate"][0])
    assert [q["text"] for q in data["quotes"]] == ["We are doing everything we can"]  # the term is left out
    q = data["quotes"][0]
    assert q["speaker"] == "Mara Ellison" and q["direct"] is True and q["speaker_entity"] is None
    assert q["paragraph"] == 3  # title, byline, then the body line
    n = data["quantities"][0]
    assert (n["value"], n["low"], n["high"], n["qualifier"]) == (300, 270, 330, "approximate")
    assert isinstance(n["value"], int)
    for section in ("quotes", "quantities"):
        for item in data[section]:
            assert TEXT[item["start"]:item["end"]] == item["text"]
            assert item["doc"] == d["id"]
    assert data["groups"][0]["members"] == [n["id"], n["id"]]


def test_write_json_file(tmp_path: Path) -> None:
    out = tmp_path / "ledger.json"
    write_json(_ledger(), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["quotes"][0]["text"] == "We are doing everything we can"


def test_write_csv_rows() -> None:
    rows = list(csv.DictReader(io.StringIO(write_csv(_ledger(), None))))
    assert [r["kind"] for r in rows] == ["document", "quote", "quantity"]
    assert rows[0]["title"] == "Harbour Fire Spreads" and rows[0]["outlet"] == "outlet not named"
    assert rows[1]["speaker"] == "Mara Ellison" and rows[1]["file"] == "a.txt" and rows[1]["paragraph"] == "3"
    assert rows[1]["outlet"] == "outlet not named"
    assert rows[2]["low"] == "270" and rows[2]["group"] == "g-1" and rows[2]["status"] == "agree"
