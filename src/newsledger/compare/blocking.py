"""Which pairs of claims are scored at all: blocks that share a key, kept near-linear in cost.

Claims are only ever compared inside a *block* that shares a key (a figure's head noun,
action or harm, a rare statement word, an event word), and oversized blocks are split by
actor and then by a sliding window, so the cost grows about linearly with the number of
articles. A pair is scored only when its two articles may tell one story (:mod:`.affinity`).

One more rule needs the whole block: an article that gives two numbers for one measure
("earthquakes measuring 7.1 and 5.9", "212 killed in Norland … 12 people confirmed dead
in a neighbouring capital") tells of two things, so a figure of another article that disagrees with one of
them but agrees with the other is never set against the first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from ..model import Quantity
from ._words import casualty_set_of
from .affinity import Affinity
from .claims import Claim
from .relations import intervals_overlap
from .scoring import measure_similarity, score_pair

__all__ = ["MAX_BLOCK", "PAIR_FLOOR", "candidate_pairs"]

# Largest block compared pair by pair; bigger blocks are split (actor) or windowed.
MAX_BLOCK = 48
# Rare words per statement / event used as blocking keys.
KEYS_PER_CLAIM = 3
# Pair score floors per kind. Calibrated on hand-checked groups: a shared measure word with
# some shared context clears the floor; a related casualty measure ("killed" vs "killed or
# wounded") needs support from context, source or magnitude.
PAIR_FLOOR = {"n": 0.39, "q": 0.5, "ev": 0.42}
# Measure similarity from which another figure of the same article counts as the same measure.
_SAME_MEASURE = 0.75
# Weight from which a figure's measure word is a blocking key (its head noun, action, harm).
_KEY_WEIGHT = 1.5


def _keys(claims: Sequence[Claim]) -> dict[tuple[str, ...], list[int]]:
    """First-level blocks: measure words for figures, rare words for statements and events."""
    df: dict[str, int] = defaultdict(int)
    for c in claims:
        if c.kind in ("q", "ev"):
            for w in c.words | c.measure:
                df[w] += 1
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.kind == "n":
            if c.bare:
                continue
            if c.casualty:
                blocks[("n", "casualty")].append(i)
                continue
            if c.money and c.unit:
                # Sums of one currency meet whatever words say what the money is ("damage", "claim").
                blocks[("n", "money", c.unit)].append(i)
            for w, weight in c.weights.items():
                # without a counted noun, every word of the measure may be what it shares
                if (weight >= _KEY_WEIGHT or c.head is None) and w[0] != "=" and not casualty_set_of(w):
                    blocks[("n", w)].append(i)
        else:
            # The rarest words that some other claim shares: a word no other claim has
            # cannot bring two claims together.
            pool = c.words if c.kind == "q" else c.measure
            shared = sorted((w for w in pool if df[w] > 1), key=lambda w: (df[w], w))
            for w in shared[:KEYS_PER_CLAIM]:
                blocks[(c.kind, w)].append(i)
    return blocks


def _split(block: list[int], claims: Sequence[Claim], depth: int = 0) -> Iterable[list[int]]:
    """Blocks no bigger than MAX_BLOCK: split by actor (rarest first), then slide a window."""
    if len(block) <= MAX_BLOCK:
        yield block
        return
    if depth == 0:
        df: dict[str, int] = defaultdict(int)
        for i in block:
            for a in claims[i].actors:
                df[a] += 1
        sub: dict[str, list[int]] = defaultdict(list)
        rest: list[int] = []
        for i in block:
            # Actors shared by nearly everyone ("Ostria" in a story about Ostria) do not separate facts.
            rare = sorted((a for a in claims[i].actors if df[a] < len(block) // 2), key=lambda a: (df[a], a))
            for a in rare[:2]:
                sub[a].append(i)
            if not rare:
                rest.append(i)
        for part in sub.values():
            if len(part) >= 2:
                yield from _split(part, claims, depth + 1)
        if len(rest) >= 2:
            yield from _split(rest, claims, depth + 1)
        return
    ordered = sorted(block, key=lambda i: (claims[i].doc, claims[i].order))
    half = MAX_BLOCK // 2
    for s in range(0, len(ordered) - half, half):
        yield ordered[s: s + MAX_BLOCK]


def _told_apart(a: Claim, b: Claim, own: Sequence[Claim]) -> bool:
    """True when ``own`` (other figures of ``a``'s article) holds one that agrees with ``b``
    where ``a`` does not: the article tells of two things, ``b`` is the other one."""
    qa, qb = a.item, b.item
    if not isinstance(qa, Quantity) or not isinstance(qb, Quantity) or intervals_overlap(qa, qb):
        return False
    if measure_similarity(a, b) < _SAME_MEASURE:
        return False  # a part and its whole ("two killed", "16 dead or injured") are told apart anyway
    for k in own:
        qk = k.item
        if k is a or not isinstance(qk, Quantity):
            continue
        if intervals_overlap(qk, qb) and not intervals_overlap(qk, qa) and measure_similarity(k, b) >= _SAME_MEASURE:
            return True
    return False


def candidate_pairs(claims: Sequence[Claim], affinity: Affinity | None = None,
                    score: Callable[[Claim, Claim], float] | None = None) -> dict[tuple[int, int], float]:
    """Scored pairs of claims (indexes into ``claims``) that clear their kind's floor.

    Args:
        claims (Sequence[Claim]): all claims of all documents.
        affinity (Affinity | None): which articles may tell one story (None: all may).
        score: the pair score (default :func:`score_pair`).
    Returns:
        dict[tuple[int, int], float]: (i, j) with i < j → score.
    """
    scorer = score or score_pair
    scored: dict[tuple[int, int], float] = {}
    seen: set[tuple[int, int]] = set()
    for block in _keys(claims).values():
        if len(block) < 2:
            continue
        for part in _split(block, claims):
            by_doc: dict[str, list[Claim]] = defaultdict(list)
            for i in part:
                by_doc[claims[i].doc].append(claims[i])
            for x, i in enumerate(part):
                for j in part[x + 1:]:
                    key = (i, j) if i < j else (j, i)
                    a, b = claims[i], claims[j]
                    if key in seen or a.doc == b.doc:
                        continue
                    seen.add(key)
                    if affinity is not None and not affinity.allows(a.doc, b.doc):
                        continue
                    s = scorer(a, b)
                    if s < PAIR_FLOOR[a.kind]:
                        continue
                    if a.kind == "n" and (_told_apart(a, b, by_doc[a.doc]) or _told_apart(b, a, by_doc[b.doc])):
                        continue
                    scored[key] = s
    return scored
