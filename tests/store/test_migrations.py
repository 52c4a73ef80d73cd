"""Migrations: a store made by release 0.1.0 upgrades in place and keeps its documents.

``_make_release_0_1_store`` writes a database exactly as 0.1.0 did: its four tables made with
``metadata.create_all`` (no ``alembic_version``), each document saved with its findings, then
one set of entities and groups for the whole batch.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text, create_engine, inspect, select, text

from newsledger.cli import main
from newsledger.model import item_id
from newsledger.pipeline import build_ledger, extract_document, prepare_text
from newsledger.store import codec
from newsledger.store.migrate import head_revision
from newsledger.store.repository import Store
from newsledger.store.schema import SEARCH_TABLES
from newsledger.store.schema import metadata as current_metadata
from newsledger.stories import story_ledger, story_rows

REPO = Path(__file__).resolve().parents[2]
TEXTS = [
    "Quay Fire Spreads\nBy Jane Roe\nMarch 14, 2025\nPort Alden – “We are doing everything we can,” said fire chief "
    "Mara Lind on Tuesday. Some 300 workers were sent home last week, the port said.\n",
    "Port Alden blaze: dockers speak\nMarch 15, 2025\nFire chief Mara Lind said the blaze at the quay was out. "
    "About 300 workers stayed home on Friday, the Port Alden union said.\n",
]


def _make_release_0_1_store(path: Path) -> list[str]:
    """A store as newsledger 0.1.0 wrote it; returns the stored document ids."""
    old = MetaData()
    documents = Table("documents", old, Column("id", String(64), primary_key=True),
                      Column("source", Text, nullable=False), Column("file", Text, nullable=False),
                      Column("title", Text), Column("author", Text), Column("published", String(40)),
                      Column("outlet", Text), Column("dateline", Text), Column("data", JSON, nullable=False))
    items = Table("items", old, Column("id", String(120), primary_key=True),
                  Column("doc_id", String(64), nullable=False, index=True), Column("kind", String(16), nullable=False),
                  Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
                  Column("data", JSON, nullable=False))
    entities = Table("entities", old, Column("id", String(120), primary_key=True),
                     Column("canonical", Text, nullable=False), Column("type", String(16), nullable=False),
                     Column("data", JSON, nullable=False))
    groups = Table("groups", old, Column("id", String(120), primary_key=True), Column("label", Text, nullable=False),
                   Column("status", String(16), nullable=False), Column("data", JSON, nullable=False))
    engine = create_engine(f"sqlite:///{path}")
    old.create_all(engine)
    found = [extract_document(prepare_text(t, source=f"{i}.txt")) for i, t in enumerate(TEXTS)]
    kinds = {"Quote": "quote", "Quantity": "quantity", "Event": "event"}
    with engine.begin() as conn:
        for f in found:
            doc = f.doc
            conn.execute(documents.insert().values(id=doc.id, source=doc.source, file=doc.file, title=doc.meta.title,
                                                   author=doc.meta.author, published=doc.meta.published,
                                                   outlet=doc.meta.outlet, dateline=doc.meta.dateline,
                                                   data=codec.to_dict(doc)))
            rows = [{"id": item_id(x), "doc_id": doc.id, "kind": kinds[type(x).__name__], "start": x.start,
                     "end": x.end, "data": codec.to_dict(x)} for x in [*f.quotes, *f.quantities, *f.events]]
            conn.execute(items.insert(), rows)
        ledger = build_ledger(found)
        conn.execute(entities.insert(), [{"id": e.id, "canonical": e.canonical, "type": e.type,
                                          "data": codec.to_dict(e)} for e in ledger.entities])
        conn.execute(groups.insert(), [{"id": g.id, "label": g.label, "status": g.status, "data": codec.to_dict(g)}
                                       for g in ledger.groups])
    engine.dispose()
    return [f.doc.id for f in found]


def test_store_of_release_0_1_upgrades_on_first_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "newsledger.db"
    ids = _make_release_0_1_store(db)
    store = Store(str(db), create=False)  # a reading command upgrades it
    with store.reading() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
    assert sorted(d.id for d in store.load_ledger().documents) == sorted(ids)
    [row] = story_rows(store)
    assert (row.id, row.articles, row.stale) == (1, 2, True) and row.title == "Quay Fire Spreads"
    old_groups = story_ledger(store, 1).groups
    assert old_groups  # the groups it held are kept until the story is compared again
    # the next analyze compares the story again, with the name mentions read anew
    third = tmp_path / "third.txt"
    third.write_text("Quay fire: chief Mara Lind thanks crews\nMarch 16, 2025\nMara Lind of Port Alden said some "
                     "300 workers would return on Monday.\n", encoding="utf-8")
    assert main(["analyze", "-q", "--db", str(db), str(third)]) == 0
    [row] = story_rows(store)
    assert (row.articles, row.stale) == (3, False)
    ledger = story_ledger(store, 1)
    assert any(q.speaker_entity for q in ledger.quotes)
    assert {g.id for g in old_groups} & {g.id for g in ledger.groups}  # groups that persist keep their ids


def test_alembic_upgrade_head_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    ids = _make_release_0_1_store(db)
    done = subprocess.run([sys.executable, "-m", "alembic", "-x", f"db=sqlite:///{db}", "upgrade", "head"],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
        assert sorted(r.id for r in conn.execute(text("SELECT id FROM documents"))) == sorted(ids)
        assert conn.execute(text("SELECT count(*) FROM story_documents WHERE story_id = 1")).scalar_one() == 2
    engine.dispose()


def test_migrations_build_the_tables_the_code_uses(tmp_path: Path) -> None:
    """The newest migration leaves exactly the tables and columns of schema.py (and the search's own)."""
    store = Store(str(tmp_path / "new.db"))
    found = inspect(store.engine)
    want = {t.name: sorted(c.name for c in t.columns) for t in current_metadata.sorted_tables}
    got = {name: sorted(c["name"] for c in found.get_columns(name)) for name in found.get_table_names()
           if name != "alembic_version" and not name.startswith(SEARCH_TABLES)}
    assert got == want
    store.close()


def test_new_store_in_memory_needs_no_file(tmp_path: Path) -> None:
    store = Store("sqlite://")
    with store.reading() as conn:
        assert conn.execute(select(text("count(*)")).select_from(text("stories"))).scalar_one() == 0
    store.close()
