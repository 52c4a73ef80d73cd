"""Bring a store's tables up to date with the migrations, under the write lock.

A database made before migrations existed (tables, no ``alembic_version``) is stamped with
the first revision, which describes exactly those tables, then upgraded (``migrations/env.py``); an empty one is
built from the first revision on. Two processes opening the same new store at once take
turns (the write lock), so neither sees half a schema.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from .locking import write_lock


def alembic_config(url: str | None = None) -> Config:
    """The Alembic configuration of the installed package's migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("newsledger.store").joinpath("migrations")))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@cache
def head_revision() -> str:
    """The newest revision of the installed migrations."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at (None: never migrated)."""
    return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the store has tables older than this code (or none at all)."""
    with engine.connect() as conn:
        return current_revision(conn) != head_revision()


def has_tables(engine: Engine) -> bool:
    """True when the database holds a newsledger store (of any version)."""
    return inspect(engine).has_table("documents")


def upgrade_store(engine: Engine) -> None:
    """Upgrade the store to the newest revision in place, keeping everything stored."""
    if not needs_upgrade(engine):
        return
    with write_lock(engine) as conn:
        revision = current_revision(conn)
        if revision == head_revision():
            return  # another process upgraded it while this one waited for the lock
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
