"""Claims into groups: identical copies gathered, scored pairs merged best first, parts beside wholes.

Pairs that score above a floor (:mod:`.blocking`) are merged best first into groups under two
rules: one claim per document in a group (an article states a fact once; two figures of one
article side by side are usually two facts, "30 km of road and 45 km of rail"), and average
linkage, so that a chain of near misses does not glue two facts together.

A figure belongs to one such group. A second group is made only for a different relation:
a part beside its whole ("three killed" beside "at least 20 dead or injured"), when the part
is already grouped with figures of its own measure, so that the reader still sees every
pair of figures that bear on one fact.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Event, Quantity, Quote
from .affinity import Affinity
from .blocking import candidate_pairs
from .claims import Claim
from .scoring import score_pair

__all__ = ["cluster", "collapse_copies", "find_groups", "part_whole_groups"]

# Average-linkage floor for merging groups, per kind.
LINK_FLOOR = {"n": 0.40, "q": 0.45, "ev": 0.42}


_LINK_SAMPLE = 6  # members per side looked at for average linkage (keeps big merges cheap)


def _signature(c: Claim) -> tuple[object, ...]:
    """What makes two claims word-for-word the same claim (a wire story run by many outlets)."""
    text = " ".join(c.item.text.split()).casefold()
    x = c.item
    if isinstance(x, Quantity):
        return ("n", text, x.measure.casefold(), x.low, x.high, x.unit, c.source)
    if isinstance(x, Quote):
        return ("q", text, c.source)
    assert isinstance(x, Event)
    return ("ev", text, x.event.casefold(), x.date_start, x.date_end, x.months)


def collapse_copies(claims: Sequence[Claim],
                    affinity: Affinity | None = None) -> tuple[list[int], list[list[int]]]:
    """Identical claims of different documents, gathered so that only one of them is compared.

    Syndicated copies of one story repeat the same sentences; comparing each copy with every
    other would cost a pair per copy pair for nothing: they are one claim. The same words in
    two articles that cannot tell one story ("four years", "the 2001 election") are two claims.

    Args:
        claims (Sequence[Claim]): all claims.
        affinity (Affinity | None): which articles may tell one story (None: all may).
    Returns:
        tuple[list[int], list[list[int]]]: indexes of one representative per distinct claim,
        and for each, the indexes of its copies (one per document, the representative first).
    """
    by_sig: dict[tuple[object, ...], list[int]] = {}
    for i, c in enumerate(claims):
        by_sig.setdefault(_signature(c), []).append(i)
    reps: list[int] = []
    copies: list[list[int]] = []
    for idxs in by_sig.values():
        sets: list[tuple[list[int], set[str]]] = []
        for i in idxs:
            doc = claims[i].doc
            home = next((s for s in sets if doc not in s[1] and (
                affinity is None or affinity.allows(claims[s[0][0]].doc, doc))), None)
            if home is None:
                sets.append(([i], {doc}))
            else:
                home[0].append(i)
                home[1].add(doc)
        for kept, _ in sets:
            reps.append(kept[0])
            copies.append(kept)
    return reps, copies


def cluster(
    claims: Sequence[Claim],
    pairs: dict[tuple[int, int], float],
    copies: Sequence[Sequence[int]] | None = None,
    every: Sequence[Claim] | None = None,
) -> list[list[Claim]]:
    """Merge scored pairs best first into groups: one claim per document, average linkage.

    Args:
        claims (Sequence[Claim]): the claims compared (representatives when copies were collapsed).
        pairs (dict[tuple[int, int], float]): scores from :func:`candidate_pairs`, indexes into ``claims``.
        copies (Sequence[Sequence[int]] | None): for each of ``claims``, the indexes into
            ``every`` of its identical copies (from :func:`collapse_copies`); None when not collapsed.
        every (Sequence[Claim] | None): all claims, when ``copies`` is given.
    Returns:
        list[list[Claim]]: groups of two or more claims from different documents.
    """
    parent = list(range(len(claims)))
    members: dict[int, list[int]] = {}

    def docs_of(i: int) -> set[str]:
        if copies is None or every is None:
            return {claims[i].doc}
        return {every[k].doc for k in copies[i]}

    docs: dict[int, set[str]] = {i: docs_of(i) for i in range(len(claims))} if copies is not None else {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        mi, mj = members.get(ri, [ri]), members.get(rj, [rj])
        di = docs.get(ri) or docs_of(ri)
        dj = docs.get(rj) or docs_of(rj)
        if di & dj:
            continue
        if len(mi) > 1 or len(mj) > 1:
            link = [pairs.get((a, b) if a < b else (b, a)) or score_pair(claims[a], claims[b])
                    for a in mi[:_LINK_SAMPLE] for b in mj[:_LINK_SAMPLE]]
            if sum(link) / len(link) < LINK_FLOOR[claims[i].kind]:
                continue
        root, other = (ri, rj) if ri < rj else (rj, ri)
        parent[other] = root
        members[root] = sorted(mi + mj)
        docs[root] = di | dj
        members.pop(other, None)
        docs.pop(other, None)
    if copies is None or every is None:
        return [[claims[i] for i in ms] for ms in members.values() if len(ms) >= 2]
    out = []
    grouped = set()
    for ms in members.values():
        out.append(sorted((every[k] for i in ms for k in copies[i]), key=lambda c: c.order))
        grouped.update(ms)
    # Copies of one claim in several documents are a group even when nothing else joins them.
    out += [[every[k] for k in copies[i]] for i in range(len(claims)) if i not in grouped and len(copies[i]) >= 2]
    return [g for g in out if len(g) >= 2]


def part_whole_groups(
    groups: Sequence[Sequence[Claim]],
    claims: Sequence[Claim],
    pairs: dict[tuple[int, int], float],
    copies: Sequence[Sequence[int]] | None = None,
    every: Sequence[Claim] | None = None,
) -> list[list[Claim]]:
    """Groups that set a part beside its whole when clustering kept them apart.

    Clustering gives each figure one group, so "three killed" goes with the other death
    tolls and cannot also stand beside "at least 20 dead or injured", which went with the
    injured. Every scored pair of a part and its whole that ended in different groups
    yields one more group: the figures of the whole's measure from the whole's group, and
    the figures of the part's measure from the part's group, less those from an article
    that gives the whole itself (it states the relation on its own).

    Args:
        groups (Sequence[Sequence[Claim]]): the groups from :func:`cluster`.
        claims (Sequence[Claim]): the claims compared (indexes of ``pairs``).
        pairs (dict[tuple[int, int], float]): scored pairs from :func:`candidate_pairs`.
        copies (Sequence[Sequence[int]] | None): identical copies of each claim, as for :func:`cluster`.
        every (Sequence[Claim] | None): all claims, when ``copies`` is given.
    Returns:
        list[list[Claim]]: new groups, none with the same members as a group of ``groups``.
    """
    where = {c.id: g for g, members in enumerate(groups) for c in members}

    def side(i: int) -> tuple[tuple[str, int], list[Claim]]:
        g = where.get(claims[i].id)
        if g is not None:
            return ("g", g), list(groups[g])
        if copies is not None and every is not None:
            return ("c", i), [every[k] for k in copies[i]]
        return ("c", i), [claims[i]]

    related = [(i, j) for i, j in pairs if claims[i].kind == "n" and claims[i].casualty
               and claims[j].casualty and claims[i].casualty != claims[j].casualty]
    links: dict[tuple[tuple[str, int], tuple[str, int]], tuple[int, int]] = {}
    for i, j in sorted(related, key=lambda ij: (-pairs[ij], ij)):
        a, b = claims[i], claims[j]
        if a.casualty < b.casualty:
            part, whole = i, j
        elif b.casualty < a.casualty:
            part, whole = j, i
        else:
            continue
        kw, kp = side(whole)[0], side(part)[0]
        if kw != kp:
            links.setdefault((kw, kp), (whole, part))
    seen = {frozenset(c.id for c in g) for g in groups}
    out: list[list[Claim]] = []
    for whole, part in links.values():
        cw, cp = claims[whole].casualty, claims[part].casualty
        wholes = [c for c in side(whole)[1] if c.casualty == cw]
        whole_docs = {c.doc for c in wholes}
        parts = [c for c in side(part)[1] if c.casualty == cp and c.doc not in whole_docs]
        members = sorted(wholes + parts, key=lambda c: c.order)
        key = frozenset(c.id for c in members)
        if not parts or key in seen:
            continue
        seen.add(key)
        out.append(members)
    return out


def find_groups(claims: Sequence[Claim], affinity: Affinity | None = None) -> list[list[Claim]]:
    """Collapse copies, score candidate pairs among distinct claims, cluster them, relate parts to wholes.

    Args:
        claims (Sequence[Claim]): all claims, from :func:`~.claims.build_claims`.
        affinity (Affinity | None): which articles may tell one story (None: all may).
    Returns:
        list[list[Claim]]: groups of claims from different documents, each claim in one group
        at most, then the groups setting a part beside its whole (:func:`part_whole_groups`),
        where a figure may stand a second time.
    """
    reps, copies = collapse_copies(claims, affinity)
    distinct = [claims[i] for i in reps]
    pairs = candidate_pairs(distinct, affinity)
    groups = cluster(distinct, pairs, copies, claims)
    return groups + part_whole_groups(groups, distinct, pairs, copies, claims)
