"""The words that bound a figure, and the interval they allow.

Bounds stand before a figure ("at least 40", "as much as $4m"), after it ("500 or more"),
or are the verb whose object it is ("damage exceeding $12 billion", "the toll could top
3,000", "passed 1,200") or a preposition on such a verb ("surged past $50"). All are rows
of ``qualifiers.tsv``. "over four years" after a noun is a span of time, not a bound
("a raise over three years"); "for over six months" is a bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import Qualifier
from .lexicon import Bound, QuantityLexicons

__all__ = ["Bounding", "bound_words_before", "interval", "read_bound"]

_QUOTES = frozenset(['"', "“", "‘", "'"])


@dataclass(frozen=True, slots=True)
class Bounding:
    """A bound found for a figure: the row, and where its words start and end (characters)."""

    bound: Bound
    start: int
    end: int
    words: str  # the bound's words, lower case ("at least", "exceed")


def read_bound(doc: Doc, first: int, last: int, anchor: Token, lo: int, hi: int,
               lex: QuantityLexicons, *, duration: bool = False) -> Bounding | None:
    """The bound of the figure whose words are tokens ``first``..``last``, or None.

    Example: "at least $7 million" → at_least, starting at "at".

    Args:
        doc (Doc): the parse.
        first, last (int): the figure's tokens (currency sign and unit included).
        anchor (Token): the figure's head token in the parse.
        lo, hi (int): the sentence's token range.
        lex (QuantityLexicons): the qualifier table.
        duration (bool): the figure counts units of time (for "over four years").
    Returns:
        Bounding | None: the bound and the characters of its words.
    """
    before = _bound_before(doc, first, lo, lex, duration=duration)
    if before is not None:
        return before
    after = _bound_after(doc, last, hi, lex)
    if after is not None:
        return after
    return _bound_verb(anchor, lex)


def bound_words_before(doc: Doc, end: int, lo: int, lex: QuantityLexicons) -> tuple[int, Bound] | None:
    """The longest bound phrase of the table ending right before token ``end`` (not before ``lo``):
    its number of words and its bound ("more than" before "300" → (2, more than))."""
    for n in range(min(lex.max_words, end - lo), 0, -1):
        bound = lex.bounds_before.get(tuple(doc[k].lower_ for k in range(end - n, end)))
        if bound is not None:
            return n, bound
    return None


def _bound_before(doc: Doc, first: int, lo: int, lex: QuantityLexicons, *, duration: bool) -> Bounding | None:
    end = first
    if end > lo and doc[end - 1].text in _QUOTES:
        end -= 1  # 'over "dozens" of nurses'
    found = bound_words_before(doc, end, lo, lex)
    if found is None:
        return None
    n, bound = found
    head = doc[end - n]
    if n == 1 and duration and head.dep_ == "prep" and head.head.i < head.i and (
            head.head.pos_ in ("NOUN", "PROPN") or head.head.lemma_.lower() in lex.kind("change")):
        return None  # "a 6% raise over three years", "wages rise 20% over four years": a span of time
    words = " ".join(doc[k].lower_ for k in range(end - n, end))
    return Bounding(bound, head.idx, doc[end - 1].idx + len(doc[end - 1].text), words)


def _bound_after(doc: Doc, last: int, hi: int, lex: QuantityLexicons) -> Bounding | None:
    k = last + 1
    if k < hi and doc[k].text in ("-", "–") and not doc[last].whitespace_:
        k += 1  # "10,000-plus"
    for n in range(min(lex.max_words, hi - k), 0, -1):
        words = tuple(doc[j].lower_ for j in range(k, k + n))
        bound = lex.bounds_after.get(words)
        if bound is not None:
            end_tok = doc[k + n - 1]
            return Bounding(bound, doc[k].idx, end_tok.idx + len(end_tok.text), " ".join(words))
    return None


def _bound_verb(anchor: Token, lex: QuantityLexicons) -> Bounding | None:
    """ "exceeding $12 billion", "could top 3,000", "surged past $50"."""
    head = anchor.head
    if anchor.dep_ in ("dobj", "attr", "npadvmod") and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in \
            lex.bound_verbs:
        return Bounding(lex.bound_verbs[head.lemma_.lower()], head.idx, head.idx + len(head.text), head.lemma_.lower())
    if anchor.dep_ == "pobj" and head.lower_ in lex.bound_preps and head.head.pos_ in ("VERB", "AUX"):
        return Bounding(lex.bound_preps[head.lower_], head.idx, head.idx + len(head.text), head.lower_)
    return None


def interval(value: float, bound: Bound | None) -> tuple[float | None, float | None, Qualifier]:
    """(low, high, qualifier) of a single value under a bound ("about 11" → 9.9, 12.1)."""
    if bound is None:
        return value, value, "exact"
    low = round(value * bound.low, 6) if bound.low is not None else None
    high = round(value * bound.high, 6) if bound.high is not None else None
    if low is not None and high is not None and low > high:
        low, high = high, low  # a negative value: "about -3%"
    return low, high, bound.qualifier
