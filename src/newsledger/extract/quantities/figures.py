"""Figures from the numbers of one sentence: units, ranges, changes, durations and bounds.

A figure is one claim's number as the words allow it: "$4 billion to $4.5 billion" (a range
of money), "between 200 and 300", "3.25% to 3.5%", "1 hour 45 minutes" (105 minutes),
"at least 40", "10,000 or more". "fell from 3.1% to 2.7%" and "rose by 12 to 47" are two
figures each, exact: a verb of change between two values is no range.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import Qualifier
from .lexicon import QuantityLexicons, Unit
from .numbers import Number, NumberKind
from .qualifiers import Bounding, interval, read_bound
from .units import unit_after, unit_before

__all__ = ["Figure", "read_figures"]

_RANGE_WORDS = frozenset(["to", "-", "–", "—", "and", "or"])
_RANGE_OPENERS = frozenset(["between", "from"])


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a sentence, before what it counts is read.

    Attributes:
        first, last: its tokens (currency sign, second number of a range and unit included;
            the bound's words are not).
        start, end: its characters, the bound's words included.
        value, low, high, qualifier: the number as written and the interval allowed.
        kind: count, vague, fraction or multiple; word: written in words; small: a count word
            of ten or less ("three", "several").
        unit: its unit, with ``unit_first``..``unit_last`` the unit words after the number.
        anchor: the token that heads the figure in the parse (where its role is read).
        bound: the bound's words ("an estimated", "exceed"), if any.
        change: one side of "from X to Y" after a verb of change.
        duration: the noun of time it counts, for "1 hour 45 minutes" (else -1).
    """

    first: int
    last: int
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    kind: NumberKind
    word: bool
    small: bool
    unit: Unit | None
    unit_first: int
    unit_last: int
    anchor: int
    bound: str | None = None
    change: bool = False
    duration: int = -1


@dataclass(slots=True)
class _Parts:
    """A figure being assembled from one or two numbers."""

    a: Number
    first: int
    last: int
    start: int
    end: int
    b: Number | None = None
    unit: Unit | None = None
    unit_first: int = -1
    unit_last: int = -1
    change: bool = False
    duration: int = -1
    value: float | None = None


def read_figures(doc: Doc, numbers: list[Number], lo: int, hi: int, lex: QuantityLexicons) -> list[Figure]:
    """The figures of one sentence (tokens ``lo``..``hi``) from its numbers, in order.

    Example: "It could cost $4 billion to $4.5 billion." gives one range figure,
    4e9..4.5e9, unit "$".

    Args:
        doc (Doc): the parse.
        numbers (list[Number]): the sentence's numbers that may be claims.
        lo, hi (int): the sentence's token range.
        lex (QuantityLexicons): units, bounds and context words.
    Returns:
        list[Figure]: the figures, in text order.
    """
    out: list[Figure] = []
    k = 0
    while k < len(numbers):
        parts = _parts(doc, numbers[k], lo, hi, lex)
        nxt = numbers[k + 1] if k + 1 < len(numbers) else None
        used = 1
        if nxt is not None:
            joined = _join_duration(doc, parts, nxt, hi, lex) or _join_range(doc, parts, nxt, lo, hi, lex)
            if joined:
                used = 2
        out.append(_finish(doc, parts, lo, hi, lex))
        k += used
    return out


def _parts(doc: Doc, n: Number, lo: int, hi: int, lex: QuantityLexicons) -> _Parts:
    p = _Parts(n, n.first, n.last, n.start, n.end, unit=n.unit, value=n.value)
    pre = unit_before(doc, n, lo, lex)
    if pre is not None:
        p.first, p.unit = pre[0], pre[1]
        p.start = doc[pre[0]].idx
    post = unit_after(doc, n, hi, lex)
    if post is not None and p.unit is None:
        p.unit, p.unit_first, p.unit_last = post[2], post[0], post[1]
        p.last = post[1]
        p.end = doc[post[1]].idx + len(doc[post[1]].text)
    return p


def _join_duration(doc: Doc, p: _Parts, b: Number, hi: int, lex: QuantityLexicons) -> bool:
    """ "1 hour 45 minutes", "2 hours and 10 minutes": one duration in the smaller unit."""
    a = p.a
    if p.unit is not None or a.value is None or b.value is None or a.kind != "count" or b.kind != "count":
        return False
    big = doc[a.last + 1] if a.last + 1 < hi else None
    if big is None or big.lower_ not in lex.durations:
        return False
    gap = b.first - (a.last + 2)
    if gap not in (0, 1) or (gap == 1 and doc[a.last + 2].lower_ != "and"):
        return False
    small = doc[b.last + 1] if b.last + 1 < hi else None
    if small is None or small.lower_ not in lex.durations or lex.durations[small.lower_] >= lex.durations[big.lower_]:
        return False
    p.value = a.value * lex.durations[big.lower_] / lex.durations[small.lower_] + b.value
    p.b, p.last, p.end, p.duration = b, small.i, small.idx + len(small.text), small.i
    return True


def _join_range(doc: Doc, p: _Parts, b: Number, lo: int, hi: int, lex: QuantityLexicons) -> bool:
    """ "7,000 to 8,000", "between 200 and 300", "$4 billion to $4.5 billion", "3.25%-3.5%"."""
    a = p.a
    if a.kind != b.kind or a.kind == "vague" or a.value is None or b.value is None:
        return False
    q = _parts(doc, b, lo, hi, lex)
    gap = [t for t in doc[p.last + 1:q.first] if not t.is_space]
    words = tuple(t.lower_ for t in gap)
    same_token = a.last == b.first
    if not same_token and (len(words) != 1 or words[0] not in _RANGE_WORDS):
        return False
    opener = doc[p.first - 1] if p.first > lo else None
    if words == ("and",) and (opener is None or opener.lower_ != "between"):
        return False
    if words == ("to",) and gap[0].dep_ == "prep" and gap[0].head.pos_ in ("VERB", "AUX") and (
            opener is None or opener.lower_ not in _RANGE_OPENERS):
        return False  # "fell 0.2 points to 101.4": a change and where it ended
    if words == ("or",) and not (a.word and b.word) and a.value >= 100:
        return False
    if p.unit is not None and q.unit is not None and p.unit != q.unit:
        return False
    low = a.value
    if a.scale == 1.0 and b.scale != 1.0 and not a.word and p.unit_first < 0:
        low = a.value * b.scale  # "between 4 and 5 million": the scale is the first's too
    if low > b.value:
        return False
    # "fell from 3.1% to 2.7%", "fell by 300 to 2,100": two figures; "rose by 3% to 5%" is a range
    # (a change and the level it reached differ by far more)
    by_change = opener is not None and opener.lower_ == "by" and b.value > 2 * low
    if opener is not None and (opener.lower_ == "from" or by_change) and _changed(doc, opener, gap, lex):
        p.change = True
        return False
    p.b, p.value = b, low
    p.last, p.end = q.last, q.end
    p.unit = p.unit or q.unit
    if q.unit_first >= 0:
        p.unit_first, p.unit_last = q.unit_first, q.unit_last
    if opener is not None and opener.lower_ in _RANGE_OPENERS:
        p.start = opener.idx
    return True


def _changed(doc: Doc, opener: Token, gap: list[Token], lex: QuantityLexicons) -> bool:
    """Whether "from … to …" follows a verb of change ("fell from 3.1% to 2.7%")."""
    heads = [opener.head, *(t.head for t in gap)]
    return any(h.pos_ in ("VERB", "AUX") and h.lemma_.lower() in lex.kind("change") for h in heads)


def _anchor(doc: Doc, first: int, last: int) -> Token:
    """The figure's head in the parse: its token whose head lies outside the figure (the last such)."""
    best = doc[last]
    for k in range(first, last + 1):
        head = doc[k].head.i
        if head < first or head > last or head == k:
            best = doc[k]
    return best


def _finish(doc: Doc, p: _Parts, lo: int, hi: int, lex: QuantityLexicons) -> Figure:
    a = p.a
    anchor = _anchor(doc, p.first, p.last)
    after = doc[p.last + 1] if p.last + 1 < hi else None
    duration = p.duration >= 0 or (after is not None and after.lower_ in lex.durations) or (
        anchor.head.lower_ in lex.durations)
    bounding: Bounding | None = read_bound(doc, p.first, p.last, anchor, lo, hi, lex, duration=duration)
    start, end = p.start, p.end
    if bounding is not None and bounding.end <= start:
        start = min(start, bounding.start)
    elif bounding is not None and bounding.start >= end and bounding.start - end <= 2:
        end = bounding.end
    value = p.value
    qualifier: Qualifier = "exact"
    low: float | None
    high: float | None
    if p.b is not None and p.duration < 0:
        low, high, qualifier = p.value, p.b.high, "range"
    elif a.kind == "vague":
        low, high, qualifier = a.low, a.high, "approximate"
        side = bounding.bound.qualifier if bounding else None
        if side in ("more_than", "at_least"):
            high, qualifier = None, side
        elif side in ("less_than", "at_most"):
            low, qualifier = None, side
    else:
        low, high, qualifier = interval(value or 0.0, bounding.bound if bounding else None)
    if p.change:
        low, high, qualifier = value, value, "exact"
    return Figure(
        first=p.first, last=p.last, start=start, end=end, value=value, low=low, high=high, qualifier=qualifier,
        kind=a.kind, word=a.word, small=a.small and p.b is None, unit=p.unit, unit_first=p.unit_first,
        unit_last=p.unit_last, anchor=anchor.i, bound=bounding.words if bounding else None, change=p.change,
        duration=p.duration,
    )
