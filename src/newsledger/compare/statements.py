"""Verdicts on statements: do two reports of what someone said say the same thing?

Statements are grouped on their content words (``scoring.py``); the verdict reads their
facts (``extract/facts/statements.py``). They conflict when one denies what the other
asserts (the same predicate, one negated), when their predicates are opposites
(``opposite_predicates.tsv``: "stay" / "lift"), when they give different figures for one
thing ("a 52-year-old man" / "a 54-year-old man") or times that cannot meet. They are
compatible when their figures differ but a bound, an estimate or a different happening lets
both hold ("at least 20 died" / "23 were killed"), when one says may or would where the other
says is, when their wording differs beyond one quoting the other in part, or when their
predicates differ (each tells of its own happening; a light verb, ``light_verbs.tsv``, tells of
none); they agree only when the content matches.
Who said them never makes them agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import combinations

from ..lexicons import first_column, table
from ..meaning import canon, canon_all
from ..model import Facts, Quote, Status
from ._words import overlap_coefficient
from .relations import format_number, same_speaker

__all__ = ["judge_statements"]

# Share of the shorter statement's words found in the longer from which one quotes the other.
_SAME_CONTENT = 0.6


@cache
def _opposites() -> frozenset[tuple[str, str]]:
    pairs = set()
    for row in table("opposite_predicates.tsv"):
        if len(row) >= 2:
            a, b = row[0].lower(), row[1].lower()
            pairs |= {(a, b), (b, a)}
    return frozenset(pairs)


def _short(q: Quote, words: int = 8) -> str:
    ws = q.text.strip(" ,.“”\"'").split()
    return "'" + " ".join(ws[:words]) + ("…'" if len(ws) > words else "'")


def _who(q: Quote) -> str:
    return q.speaker or "an unnamed source"


Interval = tuple[float | None, float | None]


def _intervals(f: Facts) -> frozenset[Interval]:
    """A statement's figures as intervals: exact ones as points, bounds and estimates as given."""
    return frozenset([(x, x) for x in f.figures] + list(f.estimates))


def _meet(x: Interval, y: Interval) -> bool:
    lo = max(v for v in (x[0], y[0], float("-inf")) if v is not None)
    hi = min(v for v in (x[1], y[1], float("inf")) if v is not None)
    return lo <= hi


def _shown(intervals: frozenset[Interval]) -> str:
    def one(x: Interval) -> str:
        lo, hi = x
        if lo is not None and lo == hi:
            return format_number(lo)
        if hi is None:
            return f"{format_number(lo or 0)}+"
        if lo is None:
            return f"up to {format_number(hi)}"
        return f"{format_number(lo)}–{format_number(hi)}"
    return ", ".join(one(x) for x in sorted(intervals, key=lambda x: (x[0] or 0, x[1] or 0)))


def _pair(a: Quote, b: Quote, fa: Facts, fb: Facts) -> tuple[Status, str] | None:
    """The verdict on two statements, when it is not agreement."""
    pa, pb = canon(fa.action or ""), canon(fb.action or "")
    if pa and pa == pb and fa.negated != fb.negated:
        yes, no = (a, b) if fb.negated else (b, a)
        return "conflict", f"{_who(no)} says {_short(no)} where {_who(yes)} says {_short(yes)}: one denies the other"
    if pa and pb and (pa, pb) in _opposites():
        return "conflict", f"{_short(a)} ({_who(a)}) and {_short(b)} ({_who(b)}) say opposite things"
    given_a, given_b = _intervals(fa), _intervals(fb)
    if given_a and given_b and given_a != given_b:
        shown_a, shown_b = _shown(given_a), _shown(given_b)
        exact_apart = bool(fa.figures and fb.figures) and set(fa.figures) != set(fb.figures)
        if (pa == pb or not pa or not pb) and (
                exact_apart or not any(_meet(x, y) for x in given_a for y in given_b)):
            # "a 52-year-old man" / "a 54-year-old man"; "about 200 homes" / "more than 300 homes"
            return "conflict", (f"{_who(a)} gives {shown_a} and {_who(b)} gives {shown_b} on one matter: "
                                f"{_short(a)} against {_short(b)}")
        # a bound or an estimate that takes the other figure in ("at least 20" / 23), or figures of
        # different happenings: never the same statement, though both can hold
        return "compatible", (f"{_who(a)} gives {shown_a} and {_who(b)} gives {shown_b}: {_short(a)} and "
                              f"{_short(b)} differ in their figures but can both hold")
    if fa.period_start and fb.period_start and fa.period_end and fb.period_end and (
            fa.period_end < fb.period_start or fb.period_end < fa.period_start):
        return "conflict", f"'{fa.period}' cannot be '{fb.period}'"
    if bool(fa.modality) != bool(fb.modality):
        maybe, sure = (a, b) if fa.modality else (b, a)
        return "compatible", f"{_short(maybe)} says what may be, {_short(sure)} what is: both can hold"
    wa, wb = canon_all(fa.terms), canon_all(fb.terms)
    if overlap_coefficient(wa, wb) < _SAME_CONTENT:
        return "compatible", f"{_short(a)} and {_short(b)} are worded differently but do not contradict each other"
    light = first_column("light_verbs.tsv")
    if pa and pb and pa != pb and pa not in light and pb not in light and not ({pa, pb} <= wa & wb):
        # "a fire tore through the yard" and "the fire … destroyed three sheds": many words in
        # common, but each tells of its own happening
        return "compatible", f"{_short(a)} and {_short(b)} tell of different things ('{pa}', '{pb}'); both can hold"
    return None


def judge_statements(quotes: Sequence[Quote]) -> tuple[Status, str]:
    """The verdict on statements of one group, with its reason (see the module docstring).

    Args:
        quotes (Sequence[Quote]): e.g. "the order would stay in place" and "the order was lifted".
    Returns:
        tuple[Status, str]: e.g. ``("conflict", "… say opposite things")``.
    """
    status: Status = "agree"
    why = ""
    for a, b in combinations(quotes, 2):
        if a.facts is None or b.facts is None:
            continue
        found = _pair(a, b, a.facts, b.facts)
        if found is None:
            continue
        if found[0] == "conflict":
            return found
        if status == "agree":
            status, why = found
    if status != "agree":
        return status, why
    names = list(dict.fromkeys(q.speaker for q in quotes if q.speaker))
    texts = {" ".join(q.text.split()).strip(" ,.“”\"'").casefold() for q in quotes}
    wording = "in the same words" if len(texts) == 1 else "quoted in full and in part, or in other words"
    one = len(names) >= 1 and all(same_speaker(n, names[0]) for n in names)
    if one and len(names) == len({q.doc for q in quotes if q.speaker}) or (one and names):
        return "agree", f"the same statement by {max(names, key=len)}, {wording}"
    if names:
        return "agree", f"the same content, attributed to {' and '.join(names)}, {wording}"
    return "agree", f"the same statement, {wording}"
