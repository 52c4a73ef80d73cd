"""Full-text search in the store: SQLite FTS5 kept in step by triggers, the plain scan, PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from newsledger.pipeline import extract_document, prepare_text
from newsledger.store.migrate import alembic_config
from newsledger.store.repository import Store, update_items
from newsledger.store.search import MARK_END, MARK_START, scan_snippet, search_store, search_terms

TEXTS = [
    "Quay Fire Spreads\nMarch 14, 2025\nPort Alden – “We are doing everything we can,” said fire chief Mara Lind. "
    "Some 300 dockers were sent home, the harbour authority said.\n",
    "Bakers strike in Velmora\nMay 2, 2025\nAbout 40 bakeries closed on Friday, the Velmora bakers' guild said.\n",
]


def _fill(store: Store) -> list[str]:
    ids = []
    for i, t in enumerate(TEXTS):
        found = extract_document(prepare_text(t, source=f"{i}.txt"))
        store.save_document(found.doc, [*found.quotes, *found.quantities, *found.events, *found.mentions])
        ids.append(found.doc.id)
    return ids


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(str(tmp_path / "s.db"))
    yield s
    s.close()


def _search(store: Store, query: str) -> tuple[list[str], list[str]]:
    with store.reading() as conn:
        articles, claims = search_store(conn, query)
    return [h.ref for h in articles], [h.kind for h in claims]


def test_search_sqlite_fts5_finds_articles_and_claims(store: Store) -> None:
    quay, bakers = _fill(store)
    articles, claims = _search(store, "dockers")
    assert articles == [quay] and "quantity" in claims
    assert _search(store, "bakeri")[0] == [bakers]  # the last word may be the start of one
    assert _search(store, "Velmora fire") == ([], [])  # every word must match
    assert _search(store, "Mara Lind")[1] == ["quote"]  # a claim is found by its speaker too
    with store.reading() as conn:
        [hit], _ = search_store(conn, "dockers")
    assert f"{MARK_START}dockers{MARK_END}" in hit.snippet and hit.story_id is None


def test_search_index_follows_rewrites_and_updates(store: Store) -> None:
    quay, _ = _fill(store)
    _fill(store)  # the same articles again: replaced, never found twice
    assert _search(store, "dockers")[0] == [quay]
    with store.reading() as conn:
        refs = conn.execute(text("SELECT count(*) FROM search_refs")).scalar_one()
        rows = conn.execute(text("SELECT count(*) FROM search_index")).scalar_one()
    assert refs == rows
    ledger = store.load_ledger([quay])
    quote = next(q for q in ledger.quotes if q.speaker)
    with store.writing() as conn:
        update_items(conn, [dataclasses.replace(quote, speaker="Ilse Varga")])
    assert _search(store, "Varga")[1] == ["quote"] and _search(store, "Lind")[1] == []


def test_search_without_fts5_scans(store: Store) -> None:
    quay, bakers = _fill(store)
    with_index = _search(store, "dockers")
    with store.writing() as conn:  # as in a SQLite library built without FTS5
        for name in ("search_items_delete", "search_items_update", "search_items_insert", "search_documents_delete",
                     "search_documents_insert"):
            conn.execute(text(f"DROP TRIGGER {name}"))
        conn.execute(text("DROP TABLE search_index"))
        conn.execute(text("DROP TABLE search_refs"))
    assert _search(store, "dockers") == with_index
    with store.reading() as conn:
        [hit], _ = search_store(conn, "bakeries")
    assert hit.ref == bakers and f"{MARK_START}bakeries{MARK_END}" in hit.snippet


def test_search_index_is_filled_for_a_store_made_before_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    store = Store(str(db))
    quay, _ = _fill(store)
    with store.writing() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    store.close()
    upgraded = Store(str(db), create=False)
    assert _search(upgraded, "dockers")[0] == [quay]
    upgraded.close()


@pytest.mark.parametrize(
    ("query", "terms"),
    [('fire "quay', ["fire", "quay"]), ("NEAR(a b) OR c*", ["NEAR", "a", "b", "OR", "c"]), ("—", []),
     ("Vásquez 6,300", ["Vásquez", "6", "300"])],
)
def test_search_terms(query: str, terms: list[str]) -> None:
    assert search_terms(query) == terms


def test_search_scan_snippet() -> None:
    body = "x" * 200 + " the Quay burned " + "y" * 200
    out = scan_snippet(body, ["quay"])
    assert out.startswith("…") and out.endswith("…") and f"{MARK_START}Quay{MARK_END}" in out


def test_search_on_postgresql(pg_url: str) -> None:  # noqa: F811
    store = Store(pg_url)
    quay, bakers = _fill(store)
    articles, claims = _search(store, "dockers")
    assert articles == [quay] and "quantity" in claims
    assert _search(store, "bakeries")[0] == [bakers]  # English stemming: "bakeries" ~ "bakery"
    with store.reading() as conn:
        [hit], _ = search_store(conn, "dockers")
        assert MARK_START in hit.snippet
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(r[0] for r in conn.execute(text(
            "EXPLAIN SELECT id FROM documents d WHERE to_tsvector('english', coalesce(d.title, '') || ' ' || "
            "coalesce(d.outlet, '') || ' ' || coalesce(d.author, '') || ' ' || coalesce(d.data ->> 'text', '')) "
            "@@ plainto_tsquery('english', 'dockers')")))
    assert "ix_documents_search" in plan
    store.close()
