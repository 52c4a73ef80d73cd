"""The matcher's story counts kept in a table: in how many stories each key is found.

Counting them over ``features`` for every new article (a scan of every posting of a common
word) made adding articles to a large store slow down with each article stored. The counts
are filled from ``features`` here and kept up to date with it from then on. The index on
``features.story_id`` becomes one on (story_id, key), which also answers whether a story has
a key already.

Revision ID: 0005
Revises: 0004
Create Date: 2025-02-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feature_stories",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("stories", sa.Integer, nullable=False),
    )
    op.execute("INSERT INTO feature_stories (key, stories) "
               "SELECT key, COUNT(DISTINCT story_id) FROM features GROUP BY key")
    op.drop_index("ix_features_story_id", table_name="features")
    op.create_index("ix_features_story_key", "features", ["story_id", "key"])


def downgrade() -> None:
    op.drop_index("ix_features_story_key", table_name="features")
    op.create_index("ix_features_story_id", "features", ["story_id"])
    op.drop_table("feature_stories")
