"""Store: round trip, idempotent re-ingest, transactional writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from newsledger.errors import StoreError
from newsledger.model import Entity, Event, Group, Mention, Quantity, Quote, item_id
from newsledger.pipeline import prepare_text
from newsledger.store.repository import Store
from newsledger.store.stories import create_story, join_story, write_results
from newsledger.stories import story_ledger

TEXT = ("Harbour Fire Spreads\nBy Jane Roe\nPort Alden – “We are doing everything we can,” said fire chief "
        "Mara Ellison on Tuesday. Some 300 workers were sent home last week, the port said.\n")


def _findings(doc_id: str) -> list[Quote | Quantity | Event]:
    q_start = TEXT.index("We are")
    n_start = TEXT.index("Some 300")
    e_start = TEXT.index("sent home last week")
    return [
        Quote(doc_id, q_start, q_start + 29, TEXT[q_start:q_start + 29], True, "Mara Ellison",
              TEXT.index("Mara"), TEXT.index("Mara") + 12, "said"),
        Quantity(doc_id, n_start, n_start + 17, TEXT[n_start:n_start + 17], 300, 270, 330, "approximate",
                 "workers sent home", hedged=False),
        Event(doc_id, e_start, e_start + 19, TEXT[e_start:e_start + 19], "workers sent home", "last week",
              "2025-03-03", "2025-03-09", ()),
    ]


def test_store_round_trip(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "nl.db"))
    doc = prepare_text(TEXT, source="a.txt")
    assert store.save_document(doc, _findings(doc.id)) is True
    mention = Mention(doc.id, TEXT.index("Mara"), TEXT.index("Mara") + 12, "Mara Ellison", "PERSON")
    ent = Entity("e-mara-ellison", "Mara Ellison", "PERSON", ("Mara Ellison",), (mention,))
    grp = Group("g-1", "workers", (item_id(_findings(doc.id)[1]),), "agree", "one claim", 1, ("port",), 0,
                (("a.txt", "port"),))
    with store.writing() as conn:
        sid = create_story(conn, name="harbour fire")
        join_story(conn, sid, doc.id, "test")
        write_results(conn, sid, [ent], [grp], title="Harbour Fire Spreads", data={})
    ledger = Store(str(tmp_path / "nl.db")).load_ledger()
    assert ledger.documents == [doc]
    assert ledger.quotes == [_findings(doc.id)[0]]
    assert ledger.quantities == [_findings(doc.id)[1]]
    assert ledger.events == [_findings(doc.id)[2]]
    story = story_ledger(Store(str(tmp_path / "nl.db"), create=False), sid)
    assert story.documents == [doc]
    assert story.entities == [ent]
    assert story.groups == [grp]


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'nl.db'}")
    doc = prepare_text(TEXT, source="a.txt")
    assert store.save_document(doc, _findings(doc.id)) is True
    again = prepare_text(TEXT, source="copy-of-a.txt")
    assert store.save_document(again, _findings(again.id)) is False
    ledger = store.load_ledger()
    assert store.count_documents() == 1
    assert len(ledger.quotes) == 1 and len(ledger.quantities) == 1


def test_failed_write_leaves_no_half_document(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "nl.db"))
    first = prepare_text(TEXT, source="a.txt")
    store.save_document(first, _findings(first.id))
    other_text = TEXT.replace("300", "400")
    second = prepare_text(other_text, source="b.txt")

    def explode(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO ITEMS"):
            raise RuntimeError("disk full")

    event.listen(store.engine, "before_cursor_execute", explode)
    with pytest.raises(RuntimeError):
        store.save_document(second, _findings(second.id))
    event.remove(store.engine, "before_cursor_execute", explode)
    ledger = store.load_ledger()
    assert [d.file for d in ledger.documents] == ["a.txt"]  # the earlier document is intact
    assert {q.doc for q in ledger.quotes} == {first.id}  # nothing of the failed one


def test_bad_database_url_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        Store("nosuchdialect://x/y")


def test_reading_never_creates_a_database(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    with pytest.raises(StoreError, match=r"no database at .*none\.db: run `newsledger analyze` first"):
        Store(str(path), create=False)
    assert not path.exists()
