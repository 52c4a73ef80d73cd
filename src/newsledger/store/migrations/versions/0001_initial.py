"""The store as newsledger 0.1.0 made it: documents and findings, one set of entities and groups.

A database made by that release has these tables and no ``alembic_version``; it is stamped
with this revision on first use and then upgraded.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("title", sa.Text), sa.Column("author", sa.Text), sa.Column("published", sa.String(40)),
        sa.Column("outlet", sa.Text), sa.Column("dateline", sa.Text),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_items_doc_id", "items", ["doc_id"])
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


def downgrade() -> None:
    for name in ("groups", "entities", "items", "documents"):
        op.drop_table(name)
