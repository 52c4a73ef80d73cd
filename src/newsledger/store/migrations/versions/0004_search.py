"""Search and the web ledger: full-text search over articles and claims, entities looked up by id.

- SQLite: an FTS5 table ``search_index`` (columns ``text``: the article or claim as written,
  ``extra``: title, outlet, byline, speaker, source, measure or event label), kept in step with
  ``documents`` and ``items`` by triggers, so no code that writes the store has to know of it.
  Its row ids come from ``search_refs``, whose INTEGER PRIMARY KEY survives a VACUUM (the
  implicit row ids of ``documents`` and ``items`` may not). Where the SQLite library was built
  without FTS5 nothing is made and search falls back to a plain scan (:mod:`..search`).
- PostgreSQL: GIN indexes on the ``to_tsvector('english', …)`` of the same words; the query
  repeats each expression (:func:`newsledger.store.search.pg_document_vector`), so it uses them.
- Both: an index on ``story_entities.id``: a person's page gathers every story that names them.

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-04
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy.exc import OperationalError

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _claim(row: str) -> str:
    """Which items are claims a reader searches for: statements (not quoted terms), figures, events."""
    return (f"({row}.kind IN ('quantity', 'event') OR ({row}.kind = 'quote' "
            f"AND coalesce(json_extract({row}.data, '$.kind'), 'statement') = 'statement'))")


def _item_extra(row: str) -> str:
    return " || ' ' || ".join(f"coalesce(json_extract({row}.data, '$.{f}'), '')"
                              for f in ("speaker", "source", "measure", "event"))


def _doc_extra(row: str) -> str:
    return " || ' ' || ".join(f"coalesce({row}.{f}, '')" for f in ("title", "outlet", "author"))


_SQLITE = [
    "CREATE TABLE search_refs (id INTEGER PRIMARY KEY, kind VARCHAR(16) NOT NULL, ref VARCHAR(120) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE search_index USING fts5(text, extra, tokenize = 'unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER search_documents_insert AFTER INSERT ON documents BEGIN
        INSERT INTO search_refs (kind, ref) VALUES ('article', NEW.id);
        INSERT INTO search_index (rowid, text, extra)
            VALUES (last_insert_rowid(), json_extract(NEW.data, '$.text'), {_doc_extra("NEW")});
    END""",
    """CREATE TRIGGER search_documents_delete AFTER DELETE ON documents BEGIN
        DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE ref = OLD.id);
        DELETE FROM search_refs WHERE ref = OLD.id;
    END""",
    f"""CREATE TRIGGER search_items_insert AFTER INSERT ON items WHEN {_claim("NEW")} BEGIN
        INSERT INTO search_refs (kind, ref) VALUES (NEW.kind, NEW.id);
        INSERT INTO search_index (rowid, text, extra)
            VALUES (last_insert_rowid(), json_extract(NEW.data, '$.text'), {_item_extra("NEW")});
    END""",
    f"""CREATE TRIGGER search_items_update AFTER UPDATE OF data ON items WHEN {_claim("NEW")} BEGIN
        UPDATE search_index SET text = json_extract(NEW.data, '$.text'), extra = {_item_extra("NEW")}
            WHERE rowid = (SELECT id FROM search_refs WHERE ref = NEW.id);
    END""",
    """CREATE TRIGGER search_items_delete AFTER DELETE ON items BEGIN
        DELETE FROM search_index WHERE rowid = (SELECT id FROM search_refs WHERE ref = OLD.id);
        DELETE FROM search_refs WHERE ref = OLD.id;
    END""",
]
# What the triggers would have written, for the documents and items stored before this revision.
_SQLITE_FILL = [
    "INSERT INTO search_refs (kind, ref) SELECT 'article', id FROM documents",
    f"INSERT INTO search_refs (kind, ref) SELECT kind, id FROM items WHERE {_claim('items')}",
    f"""INSERT INTO search_index (rowid, text, extra)
        SELECT r.id, json_extract(d.data, '$.text'), {_doc_extra("d")}
        FROM search_refs r JOIN documents d ON d.id = r.ref WHERE r.kind = 'article'""",
    f"""INSERT INTO search_index (rowid, text, extra)
        SELECT r.id, json_extract(i.data, '$.text'), {_item_extra("i")}
        FROM search_refs r JOIN items i ON i.id = r.ref WHERE r.kind <> 'article'""",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_items_delete", "DROP TRIGGER IF EXISTS search_items_update",
    "DROP TRIGGER IF EXISTS search_items_insert", "DROP TRIGGER IF EXISTS search_documents_delete",
    "DROP TRIGGER IF EXISTS search_documents_insert", "DROP TABLE IF EXISTS search_index",
    "DROP TABLE IF EXISTS search_refs",
]

# The expressions of newsledger.store.search.pg_document_vector and pg_item_vector, without an alias.
_PG_DOCUMENT_VECTOR = ("to_tsvector('english', coalesce(title, '') || ' ' || coalesce(outlet, '') || ' ' "
                       "|| coalesce(author, '') || ' ' || coalesce(data ->> 'text', ''))")
_PG_ITEM_VECTOR = ("to_tsvector('english', coalesce(data ->> 'text', '') || ' ' "
                   "|| coalesce(data ->> 'speaker', '') || ' ' || coalesce(data ->> 'source', '') || ' ' "
                   "|| coalesce(data ->> 'measure', '') || ' ' || coalesce(data ->> 'event', ''))")


def _has_fts5() -> bool:
    try:
        op.execute("CREATE VIRTUAL TABLE temp.newsledger_fts5_probe USING fts5(x)")
    except OperationalError:
        return False
    op.execute("DROP TABLE temp.newsledger_fts5_probe")
    return True


def upgrade() -> None:
    op.create_index("ix_story_entities_id", "story_entities", ["id"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        if not _has_fts5():
            return
        for statement in [*_SQLITE, *_SQLITE_FILL]:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX ix_documents_search ON documents USING gin ({_PG_DOCUMENT_VECTOR})")
        op.execute(f"CREATE INDEX ix_items_search ON items USING gin ({_PG_ITEM_VECTOR}) "
                   "WHERE kind IN ('quote', 'quantity', 'event')")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_DROP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_items_search")
        op.execute("DROP INDEX IF EXISTS ix_documents_search")
    op.drop_index("ix_story_entities_id", table_name="story_entities")
