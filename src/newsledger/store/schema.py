"""The store's tables (SQLAlchemy Core), as the newest migration leaves them.

The migrations in ``migrations/versions`` create and change these tables; this module is
what the code reads and writes. A change here needs a new migration beside it
(``tests/store/test_migrations.py`` checks that the two agree).

- ``documents``, ``items``: each article with its findings (quotes, figures, events, name
  mentions), keyed by a hash of its text, so an article is stored once.
- ``stories``: one row per story; ``story_documents``: which story each article joined and why.
- ``features``: what the story matcher compares (names, figures, days, words of each article);
  ``feature_stories``: in how many stories each of those keys is found (kept with ``features``).
- ``story_entities``, ``story_groups``: each story's actors and groups of comparable claims.
- ``watch_feeds``, ``watch_items``: what ``newsledger watch`` has read: each feed's validators
  for conditional requests, and each item seen (its link and its text's hash), across restarts.

Full-text search is the database's own (migration 0004): on SQLite an FTS5 table
``search_index`` with its ``search_refs``, kept in step by triggers; on PostgreSQL GIN indexes
on ``documents`` and ``items``. Only :mod:`.search` reads them; they are not tables of this module.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text, false

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("title", Text), Column("author", Text), Column("published", String(40)),
    Column("outlet", Text), Column("dateline", Text),
    Column("data", JSON, nullable=False),
    Column("section", Text),  # the outlet's section for the article, when the input names one
    # 1: quotes, figures and events only (stores made before stories); 2: name mentions too
    Column("findings_version", Integer, nullable=False, server_default="1"),
)
items = Table(
    "items", metadata,
    Column("id", String(120), primary_key=True),
    Column("doc_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # quote, quantity, event, mention
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("data", JSON, nullable=False),
)
stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, unique=True),  # given with --story NAME; null for stories the matcher started
    Column("title", Text, nullable=False, server_default=""),
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
    # true while articles joined but the story's claims were not compared again yet
    Column("stale", Boolean, nullable=False, server_default=false()),
    Column("data", JSON, nullable=False),
)
story_documents = Table(
    "story_documents", metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("story_id", Integer, nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("joined", String(32), nullable=False),
)
features = Table(
    "features", metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("story_id", Integer, nullable=False),
    Column("weight", Float, nullable=False),
    Column("label", Text),  # how a reader is told about it: the name or figure as written
    Index("ix_features_key", "key"),
    Index("ix_features_story_key", "story_id", "key"),  # does a story have a key already?
)
# The matcher asks, for each key of a new article, in how many stories it is found: counting
# that over ``features`` costs a scan of every posting of a common word, for every article.
feature_stories = Table(
    "feature_stories", metadata,
    Column("key", String(200), primary_key=True),
    Column("stories", Integer, nullable=False),
)
story_entities = Table(
    "story_entities", metadata,
    Column("story_id", Integer, primary_key=True),
    Column("id", String(120), primary_key=True),
    Column("canonical", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_story_entities_id", "id"),  # a person's page: every story that names them
)
# Tables of the full-text search (SQLite), made and filled by migration 0004 and its triggers.
SEARCH_TABLES = ("search_index", "search_refs")
story_groups = Table(
    "story_groups", metadata,
    Column("story_id", Integer, primary_key=True),
    Column("id", String(120), primary_key=True),
    Column("label", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("data", JSON, nullable=False),
)
watch_feeds = Table(
    "watch_feeds", metadata,
    Column("url", String(2048), primary_key=True),
    Column("title", Text),
    Column("etag", Text),  # validators of the last version read to its end, for conditional requests
    Column("last_modified", Text),
    Column("checked", String(32)),  # the last time the server answered (a new version or 304)
    Column("changed", String(32)),  # the last time a new version was read
    Column("failures", Integer, nullable=False, server_default="0"),  # failed reads since the last good one
    Column("error", Text),  # why the last read failed; null after a good one
)
watch_items = Table(
    "watch_items", metadata,
    Column("key", String(64), primary_key=True),  # SHA-256 of ``item``
    Column("item", Text, nullable=False),  # the item's link without fragment, else "id:<feed>#<its id>"
    Column("feed", Text, nullable=False),
    Column("url", Text),
    Column("doc_id", String(64), index=True),  # the hash of the article's text: its document's id
    Column("story_id", Integer),
    # stored (joined a story), known (its text was stored before), pending (to try again), failed (given up)
    Column("status", String(16), nullable=False),
    Column("tries", Integer, nullable=False, server_default="0"),
    Column("reason", Text),  # why the last try failed
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
)
