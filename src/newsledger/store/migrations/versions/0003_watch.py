"""Watch: each watched feed's validators and failures, and each feed item seen, across restarts.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watch_feeds",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("checked", sa.String(32)),
        sa.Column("changed", sa.String(32)),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
    )
    op.create_table(
        "watch_items",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("item", sa.Text, nullable=False),
        sa.Column("feed", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("doc_id", sa.String(64)),
        sa.Column("story_id", sa.Integer),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("tries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("reason", sa.Text),
        sa.Column("first_seen", sa.String(32), nullable=False),
        sa.Column("last_seen", sa.String(32), nullable=False),
    )
    op.create_index("ix_watch_items_doc_id", "watch_items", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_watch_items_doc_id", table_name="watch_items")
    op.drop_table("watch_items")
    op.drop_table("watch_feeds")
