"""``feature_stories`` counts, for each matcher key, the stories that have it: kept with ``features``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, func, select, text

from newsledger.cli import main
from newsledger.store.migrate import alembic_config
from newsledger.store.repository import Store
from newsledger.store.schema import feature_stories, features


def _counted(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    """(the kept counts, the counts made from ``features``)."""
    with store.reading() as conn:
        kept = dict(conn.execute(select(feature_stories.c.key, feature_stories.c.stories)).all())
        made = dict(conn.execute(select(features.c.key, func.count(func.distinct(features.c.story_id)))
                                 .group_by(features.c.key)).all())
    return kept, made


def test_feature_stories_follow_articles_that_join_and_move(articles: Path, tmp_path: Path) -> None:
    db = tmp_path / "nl.db"
    assert main(["analyze", "-q", "--db", str(db), str(articles)]) == 0
    store = Store(str(db))
    kept, made = _counted(store)
    assert kept == made and max(kept.values()) == 2  # words of both stories ("monday") count twice
    # an article moved to a story of its own: its old story loses the keys only it had
    assert main(["analyze", "-q", "--db", str(db), "--story", "Kellin pay", str(articles / "bakery2.txt")]) == 0
    kept, made = _counted(store)
    assert kept == made and kept["n:kellin mills"] == 2
    store.close()


def test_feature_stories_migration_counts_a_store_made_before(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0002")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO features (doc_id, key, story_id, weight) VALUES "
                          "('a', 'w:quay', 1, 0.5), ('b', 'w:quay', 1, 0.5), ('c', 'w:quay', 2, 0.5), "
                          "('c', 'n:mara lind', 2, 0.9)"))
    engine.dispose()
    store = Store(url)  # opening it upgrades it
    kept, made = _counted(store)
    assert kept == made == {"w:quay": 2, "n:mara lind": 1}
    store.close()
