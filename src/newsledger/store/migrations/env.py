"""Alembic environment: runs the store's migrations on the connection it is given.

From code (:func:`newsledger.store.migrate.upgrade_store`) the connection comes in
``config.attributes["connection"]``, already inside the transaction that holds the store's
write lock. From the command line (``alembic upgrade head`` in the repository, or
``alembic -x db=sqlite:///path/to.db upgrade head``) the URL is ``-x db=…``, else
``sqlalchemy.url`` of alembic.ini, else ``$NEWSLEDGER_DB``, else ``sqlite:///newsledger.db``.
"""

from __future__ import annotations

import os

from alembic import context
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Connection

config = context.config
# The revision that describes the tables of a store made by release 0.1.0, before migrations.
FIRST_REVISION = "0001"


def _url() -> str:
    given = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    url = given or os.environ.get("NEWSLEDGER_DB") or "sqlite:///newsledger.db"
    return url if "://" in url else f"sqlite:///{url}"


def _stamp_release_0_1(conn: Connection) -> None:
    """A store with tables but no version was made by release 0.1.0: it is at the first revision."""
    migration = MigrationContext.configure(conn)
    if migration.get_current_revision() is None and inspect(conn).has_table("documents"):
        migration.stamp(ScriptDirectory.from_config(config), FIRST_REVISION)


def _run(conn: Connection) -> None:
    _stamp_release_0_1(conn)
    context.configure(connection=conn, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_url())
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=None, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
