"""The store: articles, their findings and their stories in SQLite (default) or PostgreSQL.

Documents are keyed by a hash of their text, so the same article analysed twice is
stored once. A document is written with all its findings in one transaction: an
interrupted run leaves either the whole document or nothing of it. The tables are those of
:mod:`.schema`, brought up to date by the migrations on first use (:mod:`.migrate`); the
stories' own rows are read and written by :mod:`.stories`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Text, bindparam, cast, create_engine, delete, event, func, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import StoreError
from ..model import Document, Event, Ledger, Mention, Quantity, Quote, item_id
from . import codec
from .locking import prepare_engine, write_lock
from .migrate import has_tables, upgrade_store
from .schema import documents, items

DEFAULT_URL = "sqlite:///newsledger.db"
MEMORY_URL = "sqlite://"
FINDINGS_VERSION = 3  # 2: documents stored with their name mentions; 3: findings carry their facts
# SQLite: how long a writer waits for another process's write lock before giving up
_BUSY_TIMEOUT_S = 120

Finding = Quote | Quantity | Event | Mention
_KINDS: dict[type, str] = {Quote: "quote", Quantity: "quantity", Event: "event", Mention: "mention"}


def normalise_url(url: str) -> str:
    """A bare path becomes a SQLite URL; URLs pass through."""
    return url if "://" in url else f"sqlite:///{url}"


def describe_url(url: str) -> str:
    """The store as a reader would name it: a SQLite file's path, else the URL without password."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or "an in-memory database"
    return parsed.render_as_string(hide_password=True)


class Store:
    """One database of articles, findings and stories.

    Args:
        url (str): SQLAlchemy URL (``sqlite:///newsledger.db``, ``postgresql+psycopg://…``),
            a path, or ``sqlite://`` for a store that lives in memory only.
        create (bool): make the database when there is none. Commands that only read pass
            False, and get a :class:`StoreError` instead of an empty new database.
    Raises:
        StoreError: the database cannot be opened, or (``create=False``) there is none.
    """

    def __init__(self, url: str = DEFAULT_URL, *, create: bool = True) -> None:
        self.url = normalise_url(url)
        try:
            parsed = make_url(self.url)
            sqlite = parsed.get_backend_name() == "sqlite"
            in_memory = sqlite and parsed.database in (None, "", ":memory:")
            if sqlite and not in_memory and not create and not Path(str(parsed.database)).is_file():
                raise StoreError(_missing(url))
            connect_args = {"timeout": _BUSY_TIMEOUT_S} if sqlite else {}
            self.engine: Engine = create_engine(self.url, connect_args=connect_args)
            if sqlite:
                event.listen(self.engine, "connect", _sqlite_pragmas)
            prepare_engine(self.engine)
            if not create and not has_tables(self.engine):
                self.engine.dispose()
                raise StoreError(_missing(url))
            upgrade_store(self.engine)
        except (SQLAlchemyError, ImportError, ArgumentError) as exc:
            raise StoreError(f"cannot open database {describe_url(url)}: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads (it never waits for a writer)."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read database {describe_url(self.url)}: {exc}") from exc

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A transaction holding the store's write lock (:mod:`.locking`); committed on leaving."""
        try:
            with write_lock(self.engine) as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write database {describe_url(self.url)}: {exc}") from exc

    def has_document(self, doc_id: str) -> bool:
        with self.reading() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def save_document(self, doc: Document, findings: Iterable[Finding]) -> bool:
        """Store a document with its findings in one transaction (replacing an earlier copy).

        Returns:
            bool: True when the document was new to the store.
        """
        with self.writing() as conn:
            return write_document(conn, doc, findings)

    def load_ledger(self, doc_ids: Iterable[str] | None = None) -> Ledger:
        """Stored documents and their quotes, figures and events (all, or the given ones).

        Entities and groups belong to stories: :func:`newsledger.stories.story_ledger` gives them.
        """
        with self.reading() as conn:
            wanted = None if doc_ids is None else list(doc_ids)
            docs = read_documents(conn, wanted)
            if wanted is None:
                docs.sort(key=lambda d: (d.file, d.id))
            ledger = Ledger(documents=docs)
            for found in read_findings(conn, [d.id for d in docs]).values():
                ledger.add_claims(found)
        return ledger

    def count_documents(self) -> int:
        with self.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())


def _missing(url: str) -> str:
    return f"no database at {describe_url(url)}: run `newsledger analyze` first"


def write_document(conn: Connection, doc: Document, findings: Iterable[Finding]) -> bool:
    """Write a document and its findings on ``conn`` (inside the caller's transaction).

    Returns:
        bool: True when the document was new to the store.
    """
    rows = [
        {"id": item_id(x), "doc_id": doc.id, "kind": _KINDS[type(x)], "start": x.start, "end": x.end,
         "data": codec.to_dict(x)}
        for x in findings
    ]
    new = conn.execute(select(documents.c.id).where(documents.c.id == doc.id)).first() is None
    if not new:
        conn.execute(delete(items).where(items.c.doc_id == doc.id))
        conn.execute(delete(documents).where(documents.c.id == doc.id))
    conn.execute(documents.insert().values(
        id=doc.id, source=doc.source, file=doc.file, title=doc.meta.title, author=doc.meta.author,
        published=doc.meta.published, outlet=doc.meta.outlet, dateline=doc.meta.dateline,
        section=doc.meta.section, data=codec.to_dict(doc), findings_version=FINDINGS_VERSION,
    ))
    if rows:
        conn.execute(items.insert(), _unique(rows))
    return new


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per id: two findings of one kind at the same offsets are one (the first kept)."""
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["id"] not in seen:
            seen.add(r["id"])
            out.append(r)
    return out


def update_items(conn: Connection, changed: Sequence[Quote | Quantity]) -> None:
    """Rewrite stored quotes and figures whose speaker or source entity was resolved anew."""
    if changed:
        conn.execute(_update_item, [{"item": item_id(x), "new": codec.to_dict(x)} for x in changed])


_update_item = items.update().where(items.c.id == bindparam("item")).values(data=bindparam("new"))


def read_documents(conn: Connection, doc_ids: Sequence[str] | None = None) -> list[Document]:
    """Stored documents, in the order of ``doc_ids`` (all of them, in no set order, for None)."""
    q = select(documents.c.id, documents.c.data)
    if doc_ids is not None:
        q = q.where(documents.c.id.in_(doc_ids))
    found = {row.id: codec.document_from_dict(row.data) for row in conn.execute(q)}
    order = doc_ids if doc_ids is not None else list(found)
    return [found[i] for i in order if i in found]


def findings_versions(conn: Connection, doc_ids: Sequence[str]) -> dict[str, int]:
    """Which kind of findings each document was stored with (see ``schema.documents``)."""
    q = select(documents.c.id, documents.c.findings_version).where(documents.c.id.in_(doc_ids))
    return {row.id: int(row.findings_version) for row in conn.execute(q)}


def read_findings(conn: Connection, doc_ids: Sequence[str], *,
                  kinds: Sequence[str] | None = None) -> dict[str, list[Finding]]:
    """Each document's stored findings, in text order (quotes, figures, events, mentions).

    ``kinds`` keeps only some ("quote", "quantity", "event", "mention"): a reader that shows
    claims need not decode the name mentions, which are the most numerous.
    """
    out: dict[str, list[Finding]] = {d: [] for d in doc_ids}
    if not doc_ids:
        return out
    # The JSON is fetched as text and decoded in one call: a fifth faster than row by row.
    q = (select(items.c.kind, items.c.doc_id, cast(items.c.data, Text).label("raw")).where(items.c.doc_id.in_(doc_ids))
         .order_by(items.c.doc_id, items.c.start, items.c.end, items.c.kind))
    if kinds is not None:
        q = q.where(items.c.kind.in_(list(kinds)))
    rows = conn.execute(q).all()
    for row, data in zip(rows, json.loads("[" + ",".join(r.raw for r in rows) + "]"), strict=True):
        x = _finding(row.kind, data)
        if x is not None:
            out[row.doc_id].append(x)
    return out


def read_items(conn: Connection, item_ids: Sequence[str]) -> dict[str, Finding]:
    """Stored findings by their item ids (:func:`newsledger.model.item_id`); unknown ids are left out."""
    out: dict[str, Finding] = {}
    wanted = list(dict.fromkeys(item_ids))
    for i in range(0, len(wanted), 400):
        q = select(items.c.id, items.c.kind, items.c.data).where(items.c.id.in_(wanted[i:i + 400]))
        for row in conn.execute(q):
            x = _finding(row.kind, row.data)
            if x is not None:
                out[row.id] = x
    return out


def _finding(kind: str, data: dict[str, Any]) -> Finding | None:
    if kind == "quote":
        return codec.quote_from_dict(data)
    if kind == "quantity":
        return codec.quantity_from_dict(data)
    if kind == "event":
        return codec.event_from_dict(data)
    if kind == "mention":
        return codec.mention_from_dict(data)
    return None


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """WAL journal: readers do not block the writer, and a commit needs no full fsync of the
    database file; each transaction stays atomic, so a killed run still loses no half document."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
