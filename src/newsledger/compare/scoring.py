"""Do two claims bear on the same fact? Hard tests first, then a score.

Two figures are compared only when they count the same thing: the same harm ("killed" and
"318 deaths"), or the same counted noun or action under the synonym lexicon, in one unit;
never on a bare "people". Even then they are kept apart when their referents differ
("Apple's sales" and "Samsung's sales"), when their places lie in different countries
(one country's toll and a neighbouring capital's), when their periods do not meet (1996 and this year), or
when their numbers disagree and something else tells two things apart: an ordinal or
superlative on one ("a second tremor", "the largest aftershock"), or an article that
gives both numbers itself (see :mod:`.blocking`). What is left is scored on the measure, the
words and actors around the claims, their sources and how close their numbers are.

Statements are compared on their content words (canonical lemmas), their predicate and their
speakers; events on their labels, actors and words.
"""

from __future__ import annotations

import datetime as dt
import math

from ..model import Quantity, Quote
from ._words import jaccard, overlap_coefficient
from .claims import Claim, related_outcomes
from .relations import intervals_overlap, same_speaker

__all__ = ["blocked", "measure_similarity", "score_pair"]

# Weights of the figure score: measure, context words, actors, source, magnitude.
_W_MEASURE, _W_CONTEXT, _W_ACTORS, _W_SOURCE, _W_MAGNITUDE = 0.5, 0.15, 0.15, 0.1, 0.1
# Bonus when both figures share a measure word that few figures use.
_W_RARE = 0.1
# A casualty measure that is part of another ("killed" in "killed or wounded").
_RELATED_MEASURE = 0.65
# Different outcomes of one kind ("collapsed", "damaged") on the same noun.
_RELATED_OUTCOME = 0.6
# The same counted noun: with the same or no action, with other actions and numbers that meet, or not.
_SAME_HEAD, _OTHER_ACTION_AGREEING, _OTHER_ACTION = 0.8, 0.6, 0.35
# Share of Jaccard (the rest is containment) in the similarity of two measures' words.
_JACCARD_SHARE = 0.6
# Two sums of one currency that both name what money is for ("damage", "claim") and overlap.
_MONEY_FAMILY = 0.8
# Two amounts this close (relative) count as overlapping even when both are exact.
_MONEY_CLOSE = 0.25
# Least measure similarity for two figures to be compared at all.
_MIN_MEASURE = 0.3
# Two statements must share this many content words (unless quoted word for word).
_MIN_SHARED_WORDS = 3


def _measure_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard blended with containment of the shorter measure in the longer."""
    keys = a.keys() | b.keys()
    num = sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    den = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    if not den:
        return 0.0
    smaller = min(sum(a.values()), sum(b.values()))
    return _JACCARD_SHARE * num / den + (1 - _JACCARD_SHARE) * (num / smaller if smaller else 0.0)


def _close_sums(a: Claim, b: Claim) -> bool:
    qa, qb = a.item, b.item
    if not isinstance(qa, Quantity) or not isinstance(qb, Quantity):
        return False
    if intervals_overlap(qa, qb):
        return True
    if a.magnitude is None or b.magnitude is None:
        return False
    return abs(a.magnitude - b.magnitude) <= _MONEY_CLOSE * max(a.magnitude, b.magnitude)


def measure_similarity(a: Claim, b: Claim) -> float:
    """How alike two figures' measures are (0..1); 0 for measures never comparable.

    Casualty measures compare by what they cover: the same harms score 1, a part of the
    other ("killed" in "killed or wounded") lower, different harms ("killed", "wounded")
    or a casualty figure against another never match. Otherwise the counted noun decides:
    the same noun with the same or no action scores high, the same noun with different
    actions low (unless they are outcomes of one kind), different nouns only as much as
    their words overlap. A bare "people" matches nothing.
    """
    if a.bare or b.bare:
        return 0.0
    if (a.unit or b.unit) and a.unit != b.unit:
        return 0.0
    if a.money and b.money and _close_sums(a, b):
        return max(_MONEY_FAMILY, _measure_overlap(a.weights, b.weights))
    if a.casualty or b.casualty:
        if not (a.casualty and b.casualty):
            return 0.0
        if a.casualty == b.casualty:
            return 1.0
        if a.casualty < b.casualty or b.casualty < a.casualty:
            return _RELATED_MEASURE
        return 0.0
    overlap = _measure_overlap(a.weights, b.weights)
    if a.head and b.head and a.head == b.head:
        if a.action and b.action and a.action != b.action:
            if related_outcomes(a, b):
                return max(overlap, _RELATED_OUTCOME)
            # "4,000 workers walked out" and "3,600 workers manning the gates" count one
            # membership; "36 climbers flown out" and "two climbers trapped" two happenings
            qa, qb = a.item, b.item
            together = isinstance(qa, Quantity) and isinstance(qb, Quantity) and intervals_overlap(qa, qb)
            return _OTHER_ACTION_AGREEING if together else _OTHER_ACTION
        return max(overlap, _SAME_HEAD)
    if a.head and b.head and a.head != b.head and a.head not in b.weights and b.head not in a.weights:
        return min(overlap, 0.3)
    return overlap


def _days(period: tuple[str, str]) -> tuple[dt.date, dt.date] | None:
    try:
        return dt.date.fromisoformat(period[0][:10]), dt.date.fromisoformat(period[1][:10])
    except ValueError:
        return None


# Periods shorter than this many days are news days ("on Friday"), not the period a figure is of.
_PERIOD_DAYS = 27


def _periods_apart(a: Claim, b: Claim) -> bool:
    """True when both figures are of a period (a month or longer) and the periods do not meet."""
    if a.period is None or b.period is None:
        return False
    pa, pb = _days(a.period), _days(b.period)
    if pa is None or pb is None:
        return False
    if (pa[1] - pa[0]).days < _PERIOD_DAYS or (pb[1] - pb[0]).days < _PERIOD_DAYS:
        return False
    return pa[1] < pb[0] or pb[1] < pa[0]


def blocked(a: Claim, b: Claim) -> bool:
    """True when two claims of one kind cannot be the same fact, whatever their words.

    Referents that differ, places in different countries, periods that do not meet, and
    (for figures whose numbers disagree) different ordinals or superlatives, or a projection
    ("could top 3,000") against a count.
    """
    if a.kind == "q":
        return False  # a statement's sentence names places it is not about ("Marsh said Veltria …")
    if a.referents and b.referents and not (a.referents & b.referents):
        return True
    if a.places and b.places and not (a.places & b.places):
        return True
    if a.kind == "n":
        if _periods_apart(a, b):
            return True
        qa, qb = a.item, b.item
        assert isinstance(qa, Quantity) and isinstance(qb, Quantity)
        if not intervals_overlap(qa, qb) and (a.marks != b.marks or bool(a.modality) != bool(b.modality)):
            return True  # "the second tremor", "could top 3,000": another thing, a projection
    return False


def _weighted_overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float] | None,
                      total: float, prefix: str = "") -> float:
    """Jaccard with each word weighted by its rarity (plain Jaccard when no table is given)."""
    if not a or not b:
        return 0.0
    if idf is None:
        return jaccard(a, b)
    shared = sum(idf.get(prefix + w, 0.0) for w in (a & b))
    union = total - shared
    return shared / union if union > 0 else 0.0


def _magnitude_similarity(a: Claim, b: Claim) -> float:
    if a.magnitude is None or b.magnitude is None:
        return 0.0
    return max(0.0, 1.0 - abs(math.log10(a.magnitude / b.magnitude)))


def _source_similarity(a: Claim, b: Claim) -> float:
    if a.source is None or b.source is None:
        return 0.0
    if a.source == b.source:
        return 1.0
    if a.source in b.backers or b.source in a.backers:
        return 0.8  # one outlet credits the person the other quotes beside its figure
    return jaccard(set(a.source[2:].split()), set(b.source[2:].split()))


def _context(a: Claim, b: Claim) -> float:
    return _weighted_overlap(a.context, b.context, a.idf, a.context_weight + b.context_weight)


def _actors(a: Claim, b: Claim) -> float:
    return _weighted_overlap(a.actors, b.actors, a.idf, a.actors_weight + b.actors_weight, "@")


def score_pair(a: Claim, b: Claim) -> float:
    """How likely two claims of one kind bear on the same fact (0..1).

    Args:
        a (Claim): e.g. "roughly 6,000 Ostrian troops" (deployed).
        b (Claim): e.g. "over 6,500 Ostrian troops have been sent".
    Returns:
        float: the score; 0 for claims of different kinds, of one document, or kept apart by
        :func:`blocked`.
    """
    if a.kind != b.kind or a.doc == b.doc or blocked(a, b):
        return 0.0
    if a.kind == "n":
        m = measure_similarity(a, b)
        if m < _MIN_MEASURE:
            return 0.0
        return (_W_MEASURE * m + _W_CONTEXT * _context(a, b) + _W_ACTORS * _actors(a, b)
                + _W_SOURCE * _source_similarity(a, b) + (_W_RARE if a.rare & b.rare else 0.0)
                + _W_MAGNITUDE * _magnitude_similarity(a, b))
    if a.kind == "q":
        qa, qb = a.item, b.item
        assert isinstance(qa, Quote) and isinstance(qb, Quote)
        same = bool(a.verbatim) and a.verbatim == b.verbatim
        shared = a.words & b.words
        one_speaker = bool(qa.speaker_entity and qa.speaker_entity == qb.speaker_entity) or same_speaker(
            qa.speaker, qb.speaker)
        # short fragments ("fake news") are no evidence of one statement, unless one speaker said both
        if len(shared) < _MIN_SHARED_WORDS - (1 if one_speaker else 0) and not same:
            return 0.0
        text = 1.0 if same else 0.5 * jaccard(a.words, b.words) + 0.5 * overlap_coefficient(a.words, b.words)
        if one_speaker:
            speaker = 1.0
        elif (qa.speaker or qa.speaker_entity) and (qb.speaker or qb.speaker_entity):
            speaker = 0.0
        else:
            speaker = 0.4
        return 0.7 * text + 0.3 * speaker
    label = _JACCARD_SHARE * jaccard(a.measure, b.measure) + (1 - _JACCARD_SHARE) * overlap_coefficient(
        a.measure, b.measure)
    if label < 0.5:
        return 0.0
    return 0.7 * label + 0.15 * jaccard(a.words, b.words) + 0.15 * _actors(a, b)
