"""Articles stored a batch per transaction join the same stories as one transaction each."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsledger.errors import StoryError
from newsledger.pipeline import Findings, iter_findings
from newsledger.store.repository import Store
from newsledger.store.schema import documents, feature_stories, features, story_documents
from newsledger.store.stories import stale_stories
from newsledger.stories import story_ledger
from newsledger.stories.assign import assign_stories, assign_story

from .conftest import ARTICLES


def _found(folder: Path) -> list[Findings]:
    found = [f for f in iter_findings([str(folder / name) for name in ARTICLES], budget=None)
             if isinstance(f, Findings)]
    assert len(found) == len(ARTICLES)
    return found


def _rows(store: Store) -> tuple[list[tuple[object, ...]], dict[str, int]]:
    with store.reading() as conn:
        members = [tuple(r) for r in conn.execute(select(story_documents.c.story_id, story_documents.c.doc_id,
                                                         story_documents.c.position, story_documents.c.reason)
                                                  .order_by(story_documents.c.story_id, story_documents.c.position))]
        counts = dict(conn.execute(select(feature_stories.c.key, feature_stories.c.stories)).all())
    return members, counts


def test_batching_one_transaction_gives_the_stories_of_one_per_article(articles: Path) -> None:
    found = _found(articles)
    one, batch = Store("sqlite://"), Store("sqlite://")
    singles = [assign_story(one, f) for f in found]
    together = assign_stories(batch, [(f, None) for f in found])
    assert [(a.story_id, a.new_story, a.reason) for a in together] == \
        [(a.story_id, a.new_story, a.reason) for a in singles]
    # the ferry reports (files 1-3) are one story, the bakery ones (4-5) another
    assert [a.story_id for a in together] == [1, 1, 1, 2, 2]
    assert [a.new_story for a in together] == [True, False, False, True, False]
    assert _rows(batch) == _rows(one)
    with batch.reading() as conn:  # the counts kept for new stories are those made from the postings
        made = dict(conn.execute(select(features.c.key, func.count(func.distinct(features.c.story_id)))
                                 .group_by(features.c.key)).all())
    assert _rows(batch)[1] == made


def test_batching_a_failed_batch_stores_none_of_its_articles(articles: Path) -> None:
    found = _found(articles)
    store = Store("sqlite://")
    with pytest.raises(StoryError):
        assign_stories(store, [(f, None) for f in found], story="7")  # a number that is no story
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(story_documents)).scalar_one() == 0


def test_batching_stories_compared_from_findings_in_hand_equal_those_read_back(articles: Path) -> None:
    from newsledger.stories.batch import add_articles
    from newsledger.stories.update import compute_story

    store = Store("sqlite://")
    result = add_articles(store, [str(articles)])
    assert sorted(result.stories) == [1, 2]
    with store.reading() as conn:  # compared when the batch was stored: none left to compare
        assert stale_stories(conn) == []
    for sid in (1, 2):
        again = compute_story(store, sid)  # every article read back from the store
        stored = story_ledger(store, sid)
        assert again.changed == []
        assert again.ledger.entities == stored.entities and again.ledger.groups == stored.groups
        assert again.title == list_stories_title(store, sid)
    sizes = {sid: len(story_ledger(store, sid).documents) for sid in (1, 2)}
    assert sizes == {1: 2, 2: 3}  # the folder is read in name order: the bakery reports first
    assert any(g.status == "agree" for g in story_ledger(store, 2).groups)  # 40 passengers rescued


def list_stories_title(store: Store, sid: int) -> str:
    from newsledger.store.stories import list_stories

    with store.reading() as conn:
        return list_stories(conn, [sid])[0].title
