"""The store's write lock: one writer at a time decides which story an article joins.

SQLite: the transaction starts with ``BEGIN IMMEDIATE``, which takes the database's write lock
at once (another writer waits for it, up to the busy timeout), instead of at the first write,
where two writers that both read first would fail. PostgreSQL: a transaction-scoped advisory
lock (``pg_advisory_xact_lock``), released at commit or rollback. Readers are never blocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine

# Any fixed number: every newsledger process asks for the same advisory lock.
ADVISORY_LOCK_KEY = 0x6E6C6564  # "nled"
_IMMEDIATE = "newsledger_immediate"


def prepare_engine(engine: Engine) -> None:
    """Let the engine's SQLite transactions begin as this module says (no-op for other databases).

    pysqlite begins transactions itself, lazily and never ``IMMEDIATE``; with its own handling
    turned off, every transaction begins with an explicit BEGIN (the recipe of SQLAlchemy's
    SQLite dialect documentation), ``IMMEDIATE`` for :func:`write_lock`.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _no_pysqlite_transactions(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the store's write lock until it commits.

    Example: ``with write_lock(engine) as conn: conn.execute(...)`` — committed on leaving,
    rolled back on an exception.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(**{_IMMEDIATE: True})
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield conn
