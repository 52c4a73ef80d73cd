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
from sqlalchemy import create_engine

config = context.config


def _url() -> str:
    given = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    url = given or os.environ.get("NEWSLEDGER_DB") or "sqlite:///newsledger.db"
    return url if "://" in url else f"sqlite:///{url}"


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=None, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url())
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=None, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=None, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
