"""The word lists and tables the figure extractor reads, loaded once from ``data/en``.

Files: ``number_words.tsv`` (cardinals, scales, suffixes, vague counts, fractions, multiples,
units of time), ``qualifiers.tsv`` (bounds before and after a figure, bounding verbs),
``units.tsv``, ``hedges.tsv``, ``figure_words.tsv`` (context words by kind), ``months.tsv``,
and the shared ``speech_verbs.txt`` and ``titles.txt``. Every file has a ``#`` header and an
example per row. A test passes a smaller :class:`QuantityLexicons` built with
:func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import get_args

from ... import lexicons as lx
from ...errors import LexiconError
from ...model import Qualifier

__all__ = ["Bound", "QuantityLexicons", "Unit", "load_quantity_lexicons"]

_QUALIFIERS = frozenset(get_args(Qualifier))
_POSITIONS = frozenset(["before", "after", "verb", "prep"])
_SCOPES = frozenset(["clause", "sentence", "figure", "disclaimer"])


@dataclass(frozen=True, slots=True)
class Bound:
    """A qualifier row: the qualifier and the factors of the value that bound the interval."""

    qualifier: Qualifier
    low: float | None  # None: unbounded below
    high: float | None  # None: unbounded above


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written and what it is: ``Unit("$", "money")``, ``Unit("km", "length")``."""

    name: str
    dimension: str

    @property
    def in_measure(self) -> bool:
        """Whether the unit's words say what is measured ("miles of border"; not "%", "$" or "points")."""
        return self.dimension not in ("money", "percent", "points")


Phrase = tuple[str, ...]  # lower-cased words of a phrase, as the parse tokenizes it


@dataclass(frozen=True, slots=True)
class QuantityLexicons:
    """Tables of the figure extractor; build with :func:`load_quantity_lexicons`."""

    cardinals: dict[str, float]
    scales: dict[str, float]
    suffixes: dict[str, float]
    vague: dict[Phrase, tuple[float, float]]
    fractions: dict[str, float]
    multiples: dict[str, float]
    durations: dict[str, float]  # unit of time → seconds
    bounds_before: dict[Phrase, Bound]
    bounds_after: dict[Phrase, Bound]
    bound_verbs: dict[str, Bound]  # verb lemma → bound
    bound_preps: dict[str, Bound]  # preposition attached to a verb → bound
    units_pre: dict[str, Unit]
    units_post: dict[Phrase, Unit]
    units_glued: dict[str, Unit]
    hedges: dict[Phrase, str]  # phrase → scope
    words: dict[str, frozenset[str]]  # figure_words.tsv kind → words
    months: frozenset[str]
    speech_verbs: frozenset[str]
    titles: frozenset[str]
    # derived: words that may begin a number written in words; the most words of a phrase
    starters: frozenset[str] = field(init=False)
    unit_starts: frozenset[str] = field(init=False)
    max_words: int = field(init=False)

    def __post_init__(self) -> None:
        phrases = [*self.vague, *self.bounds_before, *self.bounds_after, *self.units_post, *self.hedges]
        object.__setattr__(self, "max_words", max((len(p) for p in phrases), default=1))
        starters = {"a", "an", *self.cardinals, *self.fractions, *self.multiples, *(p[0] for p in self.vague)}
        object.__setattr__(self, "starters", frozenset(starters))
        object.__setattr__(self, "unit_starts", frozenset(p[0] for p in self.units_post))

    def kind(self, name: str) -> frozenset[str]:
        """The words of one kind of ``figure_words.tsv`` ("label", "change", ...)."""
        return self.words.get(name, frozenset())


def _phrase(words: str) -> Phrase:
    """A phrase split the way the parse splits it: "approx." stays one word, "per cent" two."""
    return tuple(words.lower().split())


def _factor(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


def _cells(row: tuple[str, ...], n: int) -> list[str]:
    return [*row, *([""] * n)][:n]


@cache
def load_quantity_lexicons() -> QuantityLexicons:
    """The shipped figure lexicons from ``data/en`` (read once, cached).

    Returns:
        QuantityLexicons: the tables for :func:`extract_quantities`.
    Raises:
        LexiconError: when a table is malformed.
    """
    try:
        return _load()
    except (IndexError, ValueError, KeyError) as exc:
        raise LexiconError(f"a figure lexicon in data/en is malformed: {exc}") from exc


def _load() -> QuantityLexicons:
    numbers: dict[str, dict[str, float]] = {k: {} for k in
                                            ("cardinal", "scale", "suffix", "fraction", "multiple", "duration")}
    vague: dict[Phrase, tuple[float, float]] = {}
    for row in lx.table("number_words.tsv"):
        word, kind, low, high, _example = _cells(row, 5)
        if kind == "vague":
            vague[_phrase(word)] = (float(low), float(high))
        else:
            numbers[kind][word.lower()] = float(low)
    before: dict[Phrase, Bound] = {}
    after: dict[Phrase, Bound] = {}
    verbs: dict[str, Bound] = {}
    preps: dict[str, Bound] = {}
    for row in lx.table("qualifiers.tsv"):
        phrase, qualifier, low, high, position, _example = _cells(row, 6)
        if qualifier not in _QUALIFIERS or position not in _POSITIONS:
            raise ValueError(f"bad qualifier row {row!r}")
        bound = Bound(qualifier, _factor(low), _factor(high))  # type: ignore[arg-type]
        if position == "before":
            before[_phrase(phrase)] = bound
        elif position == "after":
            after[_phrase(phrase)] = bound
        elif position == "verb":
            verbs[phrase.lower()] = bound
        else:
            preps[phrase.lower()] = bound
    pre: dict[str, Unit] = {}
    post: dict[Phrase, Unit] = {}
    glued: dict[str, Unit] = {}
    for row in lx.table("units.tsv"):
        surface, position, name, dimension, _example = _cells(row, 5)
        unit = Unit(name, dimension)
        if position == "pre":
            pre[surface] = unit
        elif position == "post":
            post[_phrase(surface)] = unit
        elif position == "glued":
            glued[surface.lower()] = unit
        else:
            raise ValueError(f"bad unit position in {row!r}")
    hedges: dict[Phrase, str] = {}
    for row in lx.table("hedges.tsv"):
        phrase, scope, _example = _cells(row, 3)
        if scope not in _SCOPES:
            raise ValueError(f"bad hedge scope in {row!r}")
        hedges[_phrase(phrase)] = scope
    words: dict[str, set[str]] = {}
    for row in lx.table("figure_words.tsv"):
        kind, word, _example = _cells(row, 3)
        words.setdefault(kind, set()).add(word.lower())
    months: set[str] = set()
    for row in lx.table("months.tsv"):
        name, _number, abbreviations = _cells(row, 3)
        months.add(name.lower())
        months.update(a.strip().lower() for a in abbreviations.split(",") if a.strip())
    return QuantityLexicons(
        cardinals=numbers["cardinal"], scales=numbers["scale"], suffixes=numbers["suffix"], vague=vague,
        fractions=numbers["fraction"], multiples=numbers["multiple"], durations=numbers["duration"],
        bounds_before=before, bounds_after=after, bound_verbs=verbs, bound_preps=preps,
        units_pre=pre, units_post=post, units_glued=glued, hedges=hedges,
        words={k: frozenset(v) for k, v in words.items()}, months=frozenset(months),
        speech_verbs=frozenset(w for w in lx.word_list("speech_verbs.txt") if " " not in w),
        titles=lx.word_list("titles.txt"),
    )
