"""The nearest stored article read a page at a time is the matcher's answer on every posting."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest

from newsledger.ingest.read import document_from_text
from newsledger.model import Metadata
from newsledger.store.repository import MEMORY_URL, Store, write_document
from newsledger.store.stories import create_story, join_story, story_counts, write_features
from newsledger.stories import matcher as matcher_module
from newsledger.stories import nearest as nearest_module
from newsledger.stories.nearest import PAGE, match_all, nearest_story
from newsledger.stories.profile import Profile

STORIES = 5
KEYS = [f"w:word{i}" for i in range(10 * STORIES + 20)]


def _vector(rng: random.Random, keys: list[str], n: int) -> dict[str, float]:
    raw = {k: rng.random() for k in rng.sample(keys, n)}
    norm = math.sqrt(sum(w * w for w in raw.values()))
    return {k: w / norm for k, w in raw.items()}


@pytest.fixture(scope="module")
def store() -> Store:
    """Stories of many articles, each story's words shared with at most two others (so that none is
    common in the store): more than a page of stored articles near any new one, some dated far
    apart or filed under another section of the same outlet."""
    rng = random.Random(5)
    store = Store(MEMORY_URL)
    with store.writing() as conn:
        for s in range(STORIES):
            sid = create_story(conn)
            for i in range(PAGE):
                meta = Metadata(published=f"2031-0{1 + i % 6}-1{i % 10}", outlet="Courier" if i % 3 else "Herald",
                                section="business" if i % 4 else "sport")
                doc = document_from_text(f"Stored article {s}-{i}.", f"{s}-{i:03d}.txt", meta)
                write_document(conn, doc, [])
                weights = _vector(rng, KEYS[10 * s:10 * s + 25], 4 + i % 9)
                write_features(conn, doc.id, sid, {k: (w, None) for k, w in weights.items()})
                join_story(conn, sid, doc.id, "test")
    return store


@pytest.mark.parametrize("page", [1, 3, PAGE])
@pytest.mark.parametrize("seed", range(8))
def test_nearest_story_is_the_answer_on_every_posting(store: Store, seed: int, page: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nearest_module, "PAGE", page)  # small pages: the answer is on a later page
    rng = random.Random(seed)
    profile = Profile(_vector(rng, KEYS, 12), {}, None if seed % 3 == 0 else dt.date(2031, 2, 11),
                      "Courier", "sport" if seed % 2 else "business")
    with store.reading() as conn:
        nearest = nearest_story(conn, profile)
        assert nearest == match_all(conn, profile)
    assert nearest.similarity > 0


def test_nearest_story_of_an_article_sharing_nothing_starts_one(store: Store) -> None:
    profile = Profile({"w:unheard": 1.0}, {}, None, None, None)
    with store.reading() as conn:
        match = nearest_story(conn, profile)
    assert match.story_id is None and match.nearest is None


@pytest.mark.parametrize("seed", range(6))
def test_nearest_story_with_common_keys_is_the_answer_on_every_posting(store: Store, seed: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # a key in more than one story is common here: left out of the ranking, as the matcher leaves it out
    monkeypatch.setattr(matcher_module, "COMMON_STORY_MIN", 1)
    monkeypatch.setattr(nearest_module, "PAGE", 2)
    rng = random.Random(100 + seed)
    profile = Profile(_vector(rng, KEYS, 15), {}, None, "Courier", "business")
    with store.reading() as conn:
        counts = story_counts(conn, list(profile.weights))
        assert any(n > 1 for n in counts.values())  # the case at hand: some keys are common
        nearest = nearest_story(conn, profile)
        assert nearest == match_all(conn, profile)
