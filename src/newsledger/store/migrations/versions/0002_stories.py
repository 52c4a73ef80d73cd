"""Stories: one store holds many; each article joins one, with its own entities and groups.

The documents of an older store become story 1, with the entities and groups it held; the
story is marked stale, so the next ``newsledger analyze`` into the store compares it again
(reading the name mentions that older stores did not keep).

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TITLE_WORDS = 12


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("section", sa.Text))
        batch.add_column(sa.Column("findings_version", sa.Integer, nullable=False, server_default="1"))
    stories = op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, unique=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
        sa.Column("stale", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("data", sa.JSON, nullable=False),
    )
    members = op.create_table(
        "story_documents",
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("joined", sa.String(32), nullable=False),
    )
    op.create_index("ix_story_documents_story_id", "story_documents", ["story_id"])
    op.create_table(
        "features",
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("label", sa.Text),
    )
    op.create_index("ix_features_key", "features", ["key"])
    op.create_index("ix_features_story_id", "features", ["story_id"])
    ents = op.create_table(
        "story_entities",
        sa.Column("story_id", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    grps = op.create_table(
        "story_groups",
        sa.Column("story_id", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    _adopt_old_documents(stories, members, ents, grps)
    op.drop_table("entities")
    op.drop_table("groups")


def _adopt_old_documents(stories: sa.Table, members: sa.Table, ents: sa.Table, grps: sa.Table) -> None:
    """Every document of an older store joins story 1, with the entities and groups it held."""
    conn = op.get_bind()
    docs = conn.execute(sa.text("SELECT id, file, title FROM documents ORDER BY file, id")).all()
    if not docs:
        return
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    headline = next((d.title for d in docs if d.title), None) or docs[0].file
    title = " ".join(headline.split()[:_TITLE_WORDS])
    conn.execute(stories.insert().values(id=1, name=None, title=title, created=now, updated=now, stale=True,
                                         data={}))
    conn.execute(members.insert(), [
        {"doc_id": d.id, "story_id": 1, "position": i, "reason": "stored before stories existed", "joined": now}
        for i, d in enumerate(docs)])
    old_entities = conn.execute(sa.text("SELECT id, canonical, type, data FROM entities")).all()
    if old_entities:
        conn.execute(ents.insert(), [{"story_id": 1, "id": e.id, "canonical": e.canonical, "type": e.type,
                                      "data": _json(e.data)} for e in old_entities])
    old_groups = conn.execute(sa.text("SELECT id, label, status, data FROM groups")).all()
    if old_groups:
        conn.execute(grps.insert(), [{"story_id": 1, "id": g.id, "label": g.label, "status": g.status,
                                      "data": _json(g.data)} for g in old_groups])


def _json(value: object) -> object:
    """A JSON column read through a plain SQL query: text on SQLite, already parsed on PostgreSQL."""
    import json

    return json.loads(value) if isinstance(value, str) else value


def downgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    # One set of entities and groups again: the stories' own are not merged back (run analyze).
    for name in ("story_groups", "story_entities", "features", "story_documents", "stories"):
        op.drop_table(name)
    op.execute("DELETE FROM items WHERE kind = 'mention'")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("findings_version")
        batch.drop_column("section")
