"""The streamed export of many stories is byte for byte the export of their merged ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.cli import main, story_export
from newsledger.export.stream import write_stories
from newsledger.export.to_csv import write_csv
from newsledger.export.to_json import write_json
from newsledger.store.repository import Store
from newsledger.stories import story_rows

# Two stories (forced with --story) that both name Elin Sorvik: one actor, one entity in the export.
FERRY = ("Ferry capsizes on Lake Varn\nMarch 3, 2031\nDunmore – The ferry Saint Odile capsized on Monday. "
         "Rescuers pulled 40 passengers from the water, harbour master Elin Sorvik said.\n")
INQUIRY = ("Lake Varn inquiry opens\nApril 9, 2031\nDunmore – “We will answer every question,” said Elin Sorvik, "
           "the harbour master. The inquiry will sit for 12 weeks, the Varn council said.\n")
STRIKE = ("Bakers walk out in Orrow\nMarch 3, 2031\nOrrow – Some 300 bakers at Kellin Mills walked out on Monday. "
          "Elin Sorvik, who chairs the harbour board, said the port would keep flour moving.\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in (("ferry.txt", FERRY), ("inquiry.txt", INQUIRY), ("strike.txt", STRIKE)):
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "nl.db"
    assert main(["analyze", "-q", "--db", str(db), "--story", "Varn ferry", str(folder / "ferry.txt"),
                 str(folder / "inquiry.txt")]) == 0
    assert main(["analyze", "-q", "--db", str(db), "--story", "Orrow strike", str(folder / "strike.txt")]) == 0
    return Store(str(db), create=False)


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("which", ["all", "one", "reversed", "none"])
def test_stream_export_is_the_merged_ledgers_export(store: Store, tmp_path: Path, fmt: str, which: str) -> None:
    rows = story_rows(store)
    rows = {"all": rows, "one": rows[1:], "reversed": rows[::-1], "none": []}[which]
    streamed, whole = tmp_path / f"streamed.{fmt}", tmp_path / f"whole.{fmt}"
    write_stories(store, rows, streamed, fmt)
    ledger, records = story_export(store, rows)
    (write_csv if fmt == "csv" else write_json)(ledger, whole, records)
    assert streamed.read_bytes() == whole.read_bytes()
    if which in ("all", "reversed"):  # one entity, with the mentions of both stories
        [sorvik] = [e for e in ledger.entities if e.canonical == "Elin Sorvik"]
        assert {r["id"] for r in records if {m.doc for m in sorvik.mentions} & set(r["documents"])} == {1, 2}


def test_stream_export_to_standard_output(store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = story_rows(store)
    write_stories(store, rows, "-", "json")
    ledger, records = story_export(store, rows)
    assert capsys.readouterr().out == write_json(ledger, None, records) + "\n"
