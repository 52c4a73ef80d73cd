"""How rare a word or name is in general English: the one reader of wordfreq's Zipf scale.

The story matcher (:mod:`newsledger.stories.profile`) and the grouping of a story's articles
(:mod:`newsledger.compare.affinity`) weigh the words two articles share by it: "the" says
nothing, "machinists" says much, a name never seen says most.

A stream of news brings new words without end (names, places, misspellings), so the answers
are kept in one bounded cache, and wordfreq's own cache of every word asked (up to 100,000,
then emptied and filled again) is kept small: it only ever sees the words this cache misses,
and over a long run it was some 20 MB that came and went.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["COMMON_ZIPF", "rarity"]

# Zipf frequency (log10 of uses per billion words) at and above which a word says nothing:
# "the" is 7.7, "said" 6.0, "strike" 4.7, "machinists" 2.6.
COMMON_ZIPF = 6.5
# Words whose rarity is kept. A run meets most of its common words in its first thousand
# articles; its new names are seldom asked again once their story is told.
_CACHED_WORDS = 1 << 15
# Entries of wordfreq's own cache (it empties it when full).
_WORDFREQ_CACHE = 1024


@lru_cache(maxsize=_CACHED_WORDS)
def rarity(text: str) -> float:
    """How rare a word or name is in general English: 0 for "the", 6.5 for a word never seen.

    Example: ``rarity("strike")`` ≈ 1.8, ``rarity("machinists")`` ≈ 3.9.
    """
    import wordfreq

    wordfreq.CACHE_SIZE = min(wordfreq.CACHE_SIZE, _WORDFREQ_CACHE)
    return max(0.0, COMMON_ZIPF - wordfreq.zipf_frequency(text, "en"))
