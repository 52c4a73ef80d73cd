"""Word meaning for comparing claims, from lemmas and general lexicons (no model, no vectors).

The facts of a claim carry the parser's lemmas; these tables say which lemmas name the same
thing (``lemma_synonyms.tsv``: "member" and "employee" are workers, "fire" is "launch",
"dead", "die" and "death" are "killed"), which nouns name nobody in particular
(``generic_nouns.tsv``: "people" alone is never a measure), which casualty words cover which
harms (``casualty_terms.tsv``: "casualties" covers killed and wounded) and which outcomes are
related (``related_measures.tsv``: "collapsed" and "damaged" buildings).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from .lexicons import table

__all__ = ["canon", "canon_all", "family", "forget_claims", "harm_of", "is_generic"]


@cache
def _synonyms() -> dict[str, str]:
    return {row[0].lower(): row[1].lower() for row in table("lemma_synonyms.tsv") if len(row) >= 2}


@cache
def _generic() -> frozenset[str]:
    return frozenset(row[0].lower() for row in table("generic_nouns.tsv") if row)


@cache
def _families() -> dict[str, str]:
    return {row[0].lower(): row[1].lower() for row in table("related_measures.tsv") if len(row) >= 2}


@cache
def _harms() -> dict[str, frozenset[str]]:
    return {row[0].lower(): frozenset(row[1].lower().split()) for row in table("casualty_terms.tsv") if len(row) >= 2}


def canon(lemma: str) -> str:
    """The canonical form of a lemma: ``"member"`` → ``"worker"``, ``"fire"`` → ``"launch"``."""
    low = lemma.lower()
    return _synonyms().get(low, low)


def canon_all(lemmas: Iterable[str]) -> frozenset[str]:
    """:func:`canon` of every lemma."""
    if isinstance(lemmas, tuple):
        return _canon_tuple(lemmas)
    return frozenset(canon(w) for w in lemmas if w)


@lru_cache(maxsize=1 << 16)
def _canon_tuple(lemmas: tuple[str, ...]) -> frozenset[str]:
    return frozenset(canon(w) for w in lemmas if w)


def forget_claims() -> None:
    """Let go of the canonical word sets of claims (kept while one comparison runs)."""
    _canon_tuple.cache_clear()


def is_generic(lemma: str | None) -> bool:
    """True for a noun that names nobody in particular ("people", "others")."""
    return lemma is not None and lemma.lower() in _generic()


def family(word: str | None) -> str | None:
    """The family of a canonical outcome word ("collapse" → "damage"), None when it has none."""
    return _families().get(word) if word else None


def harm_of(words: Iterable[str]) -> frozenset[str]:
    """The casualty components that canonical words cover: {"killed", "wounded"} for "casualties"."""
    out: set[str] = set()
    harms = _harms()
    for w in words:
        out |= harms.get(w, frozenset())
    return frozenset(out)
