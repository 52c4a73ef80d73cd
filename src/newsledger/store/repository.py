"""The store: documents and their findings in SQLite (default) or PostgreSQL, via SQLAlchemy.

Documents are keyed by a hash of their text, so the same article analysed twice is
stored once. A document is written with all its findings in one transaction: an
interrupted run leaves either the whole document or nothing of it. The cross-document
results (entities, groups) of an analysis are replaced in one transaction too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text, create_engine, delete, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import StoreError
from ..model import Document, Entity, Event, Group, Ledger, Quantity, Quote, item_id
from . import codec

DEFAULT_URL = "sqlite:///newsledger.db"

metadata = MetaData()
documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("title", Text), Column("author", Text), Column("published", String(40)),
    Column("outlet", Text), Column("dateline", Text),
    Column("data", JSON, nullable=False),
)
items = Table(
    "items", metadata,
    Column("id", String(120), primary_key=True),
    Column("doc_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # quote, quantity, event
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("data", JSON, nullable=False),
)
entities = Table(
    "entities", metadata,
    Column("id", String(120), primary_key=True),
    Column("canonical", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("data", JSON, nullable=False),
)
groups = Table(
    "groups", metadata,
    Column("id", String(120), primary_key=True),
    Column("label", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("data", JSON, nullable=False),
)

_KINDS: dict[type, str] = {Quote: "quote", Quantity: "quantity", Event: "event"}


def normalise_url(url: str) -> str:
    """A bare path becomes a SQLite URL; URLs pass through."""
    return url if "://" in url else f"sqlite:///{url}"


class Store:
    """One database of documents and findings.

    Args:
        url (str): SQLAlchemy URL (``sqlite:///newsledger.db``, ``postgresql://…``) or a path.
    Raises:
        StoreError: the database cannot be opened.
    """

    def __init__(self, url: str = DEFAULT_URL) -> None:
        self.url = normalise_url(url)
        # SQLite: wait for a writer in another process instead of failing at once
        connect_args = {"timeout": 30} if self.url.startswith("sqlite") else {}
        try:
            self.engine: Engine = create_engine(self.url, connect_args=connect_args)
            if self.url.startswith("sqlite"):
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._create_schema()
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open database {self.url}: {exc}") from exc

    def _create_schema(self) -> None:
        """Create missing tables; a second process doing the same at once is not an error."""
        for attempt in range(3):
            try:
                metadata.create_all(self.engine)
                return
            except OperationalError as exc:
                if "already exists" not in str(exc) or attempt == 2:
                    raise

    def close(self) -> None:
        self.engine.dispose()

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def save_document(self, doc: Document, findings: Iterable[Quote | Quantity | Event]) -> bool:
        """Store a document with its findings in one transaction (replacing an earlier copy).

        Returns:
            bool: True when the document was new to the store.
        """
        rows = [
            {"id": item_id(x), "doc_id": doc.id, "kind": _KINDS[type(x)], "start": x.start, "end": x.end,
             "data": codec.to_dict(x)}
            for x in findings
        ]
        try:
            with self.engine.begin() as conn:
                new = conn.execute(select(documents.c.id).where(documents.c.id == doc.id)).first() is None
                conn.execute(delete(items).where(items.c.doc_id == doc.id))
                conn.execute(delete(documents).where(documents.c.id == doc.id))
                conn.execute(documents.insert().values(
                    id=doc.id, source=doc.source, file=doc.file, title=doc.meta.title, author=doc.meta.author,
                    published=doc.meta.published, outlet=doc.meta.outlet, dateline=doc.meta.dateline,
                    data=codec.to_dict(doc),
                ))
                if rows:
                    conn.execute(items.insert(), rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store {doc.source}: {exc}") from exc
        return new

    def save_cross_document(self, ents: list[Entity], grps: list[Group]) -> None:
        """Replace the stored entities and groups (they are derived from all documents)."""
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(entities))
                conn.execute(delete(groups))
                if ents:
                    conn.execute(entities.insert(), [
                        {"id": e.id, "canonical": e.canonical, "type": e.type, "data": codec.to_dict(e)}
                        for e in ents])
                if grps:
                    conn.execute(groups.insert(), [
                        {"id": g.id, "label": g.label, "status": g.status, "data": codec.to_dict(g)}
                        for g in grps])
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store entities and groups: {exc}") from exc

    def load_ledger(self, doc_ids: Iterable[str] | None = None) -> Ledger:
        """Everything stored (or only the given documents and their findings)."""
        wanted = set(doc_ids) if doc_ids is not None else None
        ledger = Ledger()
        try:
            with self.engine.connect() as conn:
                for row in conn.execute(select(documents.c.id, documents.c.data).order_by(documents.c.file)):
                    if wanted is None or row.id in wanted:
                        ledger.documents.append(codec.document_from_dict(row.data))
                kept = {d.id for d in ledger.documents}
                q = select(items.c.kind, items.c.doc_id, items.c.data).order_by(items.c.doc_id, items.c.start)
                for item in conn.execute(q):
                    if item.doc_id in kept:
                        _append_item(ledger, item.kind, item.data)
                for ent in conn.execute(select(entities.c.data).order_by(entities.c.id)):
                    ledger.entities.append(codec.entity_from_dict(ent.data))
                for grp in conn.execute(select(groups.c.data).order_by(groups.c.id)):
                    ledger.groups.append(codec.group_from_dict(grp.data))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read database {self.url}: {exc}") from exc
        return ledger

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return len(conn.execute(select(documents.c.id)).all())


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """WAL journal: readers do not block the writer, and a commit needs no full fsync of the
    database file; each transaction stays atomic, so a killed run still loses no half document."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _append_item(ledger: Ledger, kind: str, data: dict[str, Any]) -> None:
    if kind == "quote":
        ledger.quotes.append(codec.quote_from_dict(data))
    elif kind == "quantity":
        ledger.quantities.append(codec.quantity_from_dict(data))
    elif kind == "event":
        ledger.events.append(codec.event_from_dict(data))
