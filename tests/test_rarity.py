"""The rarity of words in general English, and the bounds on what it keeps."""

from __future__ import annotations

import pytest

from newsledger.rarity import COMMON_ZIPF, rarity


@pytest.mark.parametrize(("word", "low", "high"), [
    ("the", 0.0, 0.0),  # more common than COMMON_ZIPF: says nothing
    ("strike", 1.5, 2.2),
    ("machinists", 3.5, 4.2),
    ("Quellbrook", COMMON_ZIPF, COMMON_ZIPF),  # never seen: as rare as a word can be
])
def test_rarity_on_the_zipf_scale(word: str, low: float, high: float) -> None:
    assert low <= rarity(word) <= high


def test_a_stream_of_new_words_keeps_wordfreqs_own_cache_small() -> None:
    import wordfreq

    for i in range(3000):
        assert rarity(f"Vellomar{i}x") == COMMON_ZIPF
    assert wordfreq.CACHE_SIZE <= 1024  # it empties its cache when it holds this many
    assert rarity.cache_info().maxsize == 1 << 15
