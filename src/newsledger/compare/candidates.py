"""Which claims bear on the same fact: features, blocking, pair scores and clustering.

Every claim (figure, statement, dated event) becomes a :class:`Claim` with a few word sets:
what it counts or says, the words and actors around it, who it is credited to. Claims are
only ever compared inside a *block* that shares a key (a measure word, a rare statement
word, an event word), and oversized blocks are split by actor and then by a sliding
window, so the cost grows about linearly with the number of articles. Pairs that score
above a floor are merged best first into groups under two rules: one claim per document
in a group (an article states a fact once; two figures of one article side by side are
usually two facts, "30 km of road and 45 km of rail"), and average linkage
so that a chain of near misses does not glue two facts together.

A figure belongs to one such group. A second group is made only for a different relation:
a part beside its whole ("three killed" beside "at least 20 dead or injured"), when the part
is already grouped with figures of its own measure, so that the reader still sees every
pair of figures that bear on one fact.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from ..lexicons import word_list
from ..model import Document, Entity, Event, Quantity, Quote, item_id
from ._words import (
    casualty_set_of,
    compound_measure_words,
    content_lemmas,
    currency_units,
    happening_of,
    jaccard,
    money_words,
    names_in,
    normalise_name,
    overlap_coefficient,
    phrasal_measure_words,
    phrasal_verbs_in,
    stem,
    words,
)
from .relations import casualty_set, interval, intervals_overlap, same_speaker
from .sources import EntityNames

# Largest block compared pair by pair; bigger blocks are split (actor) or windowed.
MAX_BLOCK = 48
# Rare words per statement / event used as blocking keys.
KEYS_PER_CLAIM = 3
# Pair score floors and the average-linkage floor for merging groups, per kind. Calibrated
# on hand-checked groups: a shared measure word with some shared context clears the floor,
# a related casualty measure ("killed" vs "killed or wounded") needs support from context,
# source or magnitude.
PAIR_FLOOR = {"n": 0.39, "q": 0.5, "ev": 0.42}
LINK_FLOOR = {"n": 0.40, "q": 0.45, "ev": 0.42}
# Weights of the figure score: measure, context words, actors, source, magnitude.
_W_MEASURE, _W_CONTEXT, _W_ACTORS, _W_SOURCE, _W_MAGNITUDE = 0.5, 0.15, 0.15, 0.1, 0.1
# Bonus when both figures share a measure word that few figures use.
_W_RARE = 0.1
# A casualty measure that is part of another ("killed" in "killed or wounded").
_RELATED_MEASURE = 0.6
# Share of Jaccard (the rest is containment) in the similarity of two measures' words.
_JACCARD_SHARE = 0.6
# The same people counted, one figure naming their harm and the other not.
_IMPLIED_CASUALTY = 0.35
# Two sums of one currency that both name what money is for ("damage", "claim") and overlap.
_MONEY_FAMILY = 0.8
# Two amounts this close (relative) count as overlapping even when both are exact.
_MONEY_CLOSE = 0.25
# Words before an event's span read for the happening it names ("The blast that ripped through |last Friday|").
_EVENT_LOOKBACK_WORDS = 8
_EVENT_LOOKBACK_CHARS = 120
# A figure's unit among its measure words (prefixed so it never meets a word), and its weight.
_UNIT_PREFIX = "="
_W_UNIT_WORD = 1.0
# Marks the onset in an event's measure so it never meets a label word of the same spelling.
_ONSET = "+"


@cache
def _skip_events() -> frozenset[str]:
    return word_list("compare_skip_events.txt")


@dataclass(slots=True)
class Claim:
    """One comparable claim and the word sets used to compare it."""

    id: str
    kind: str  # "n" figure, "q" statement, "ev" event
    doc: str
    item: Quote | Quantity | Event
    order: int  # position in the input, for stable results
    measure: frozenset[str] = frozenset()  # figures: what is counted; events: label stems
    weights: dict[str, float] = field(default_factory=dict)  # measure word → weight
    casualty: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()  # statements: content lemmas
    verbatim: tuple[str, ...] = ()  # statements of several words: their words in order, folded
    context: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    source: str | None = None
    backers: frozenset[str] = frozenset()  # source plus speakers quoted right around the claim
    rare: frozenset[str] = frozenset()  # measure words few other figures use
    magnitude: float | None = None
    unit: str | None = None
    money: bool = False  # a sum in a currency whose measure says what the money is (damage, claim)
    idf: dict[str, float] | None = None  # shared table: word or actor → inverse claim frequency
    context_weight: float = 0.0  # sum of the idf of the context words (kept to score pairs fast)
    actors_weight: float = 0.0


class _DocIndex:
    """Per-document lookups built once: sentence starts, sentence words, entity mentions."""

    def __init__(self, doc: Document | None, mentions: list[tuple[int, int, str]]) -> None:
        self.doc = doc
        self.starts = [s for s, _ in doc.sentences] if doc is not None else []
        self.mentions = sorted(mentions)
        self.mention_starts = [m[0] for m in self.mentions]
        self._words: dict[int, frozenset[str]] = {}

    def window(self, start: int, end: int) -> tuple[int, int, list[int]]:
        """The claim's sentence with one sentence either side, as (start, end, sentence indexes)."""
        doc = self.doc
        if doc is None:
            return start, end, []
        if not self.starts:
            return max(0, start - 200), min(len(doc.text), end + 200), []
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        j = max(i, bisect.bisect_left(self.starts, end) - 1)
        lo, hi = max(0, i - 1), min(len(self.starts) - 1, j + 1)
        return doc.sentences[lo][0], doc.sentences[hi][1], list(range(lo, hi + 1))

    def clause(self, start: int, end: int) -> str:
        """The text from ``start`` to the end of its sentence (at most 200 characters past ``end``)."""
        doc = self.doc
        if doc is None:
            return ""
        stop = min(len(doc.text), end + 200)
        if self.starts:
            i = max(0, bisect.bisect_right(self.starts, start) - 1)
            stop = min(stop, max(end, doc.sentences[i][1]))
        return doc.text[start:stop]

    def before(self, start: int) -> str:
        """The words of the sentence before ``start`` (at most a few), for what an event's span leaves out."""
        doc = self.doc
        if doc is None:
            return ""
        lo = max(0, start - _EVENT_LOOKBACK_CHARS)
        if self.starts:
            i = max(0, bisect.bisect_right(self.starts, start) - 1)
            lo = max(lo, doc.sentences[i][0])
        return " ".join(words(doc.text[lo:start])[-_EVENT_LOOKBACK_WORDS:])

    def sentence_words(self, i: int) -> frozenset[str]:
        if i not in self._words:
            assert self.doc is not None
            s, e = self.doc.sentences[i]
            self._words[i] = frozenset(content_lemmas(self.doc.text[s:e]))
        return self._words[i]

    def context(self, start: int, end: int) -> tuple[frozenset[str], frozenset[str]]:
        """(content words, actors) around a span; actors are entity ids, else capitalised words."""
        lo, hi, sents = self.window(start, end)
        if sents:
            ctx: frozenset[str] = frozenset().union(*(self.sentence_words(i) for i in sents))
        elif self.doc is not None:
            ctx = frozenset(content_lemmas(self.doc.text[lo:hi]))
        else:
            ctx = frozenset()
        if self.mentions:
            a = bisect.bisect_left(self.mention_starts, lo)
            b = bisect.bisect_left(self.mention_starts, hi)
            actors = frozenset(m[2] for m in self.mentions[a:b])
        elif self.doc is not None:
            actors = frozenset(names_in(self.doc.text[lo:hi]))
        else:
            actors = frozenset()
        return ctx, actors


def _measure_weights(q: Quantity, clause: str = "") -> dict[str, float]:
    """Measure words weighted: the measure's own words count double, the span's add support.

    A measure verb that the article completes into a phrasal synonym takes the phrase's
    meaning: "villagers moved" read in "600 villagers were moved out" counts evacuees.
    """
    weights: dict[str, float] = {}
    for w in content_lemmas(q.text, keep_names=False):
        weights[w] = 1.0
    for w in content_lemmas(q.measure, keep_names=False):
        weights[w] = 2.0
    for w, canonical in phrasal_measure_words(q.measure, clause):
        if w in weights:
            weights[canonical] = max(weights.pop(w), weights.get(canonical, 0.0))
    for parts, canonical in compound_measure_words(q.measure):
        # "rescue workers" are rescuers: none of the compound's words counts on its own
        found = [weights.pop(w) for w in parts if w in weights]
        if found:
            weights[canonical] = max(found + [weights.get(canonical, 0.0)])
    if q.unit:
        for w in content_lemmas(q.unit, keep_names=False):
            weights.pop(w, None)  # the unit is compared apart
        if weights:
            # Two figures in one unit measure one dimension: weak support, never enough alone.
            weights[_UNIT_PREFIX + normalise_name(q.unit)] = _W_UNIT_WORD
    return weights


def _magnitude(q: Quantity) -> float | None:
    low, high = interval(q)
    if low is not None and high is not None and low > 0 and high > 0:
        return math.sqrt(low * high)
    for x in (low, high, q.value):
        if x is not None and x > 0:
            return float(x)
    return None


def build_claims(
    documents: Sequence[Document],
    quotes: Sequence[Quote],
    quantities: Sequence[Quantity],
    events: Sequence[Event],
    entities: Sequence[Entity],
    *,
    names: EntityNames | None = None,
) -> list[Claim]:
    """Turn the extracted items into comparable claims (terms and publication events left out).

    Args:
        documents (Sequence[Document]): the articles (for context words around each claim).
        quotes (Sequence[Quote]): statements; quoted terms (``kind="term"``) are skipped.
        quantities (Sequence[Quantity]): figures.
        events (Sequence[Event]): dated events; each article's own publication is skipped.
        entities (Sequence[Entity]): resolved actors; their mentions mark who is around a claim.
        names (EntityNames | None): the entities' names, when already prepared.
    Returns:
        list[Claim]: one per comparable item, in input order.
    """
    mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            mentions[m.doc].append((m.start, m.end, e.id))
    docs = {d.id: d for d in documents}
    index: dict[str, _DocIndex] = {}

    def idx(doc_id: str) -> _DocIndex:
        if doc_id not in index:
            index[doc_id] = _DocIndex(docs.get(doc_id), mentions.get(doc_id, []))
        return index[doc_id]

    source_key = (names or EntityNames(entities)).source_key

    speakers: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for qt in quotes:
        key = source_key(qt.speaker_entity, qt.speaker) if qt.kind == "statement" else None
        if key:
            speakers[qt.doc].append((qt.start, qt.end, key))

    def backers(doc_id: str, start: int, end: int, own: str | None) -> frozenset[str]:
        # A figure credited to "the government" beside a quote of its envoy rests on the envoy too.
        lo, hi, _ = idx(doc_id).window(start, end)
        near = {k for s, e, k in speakers.get(doc_id, ()) if s < hi and lo < e}
        return frozenset(near | ({own} if own else set()))

    claims: list[Claim] = []
    for q in quantities:
        clause = idx(q.doc).clause(q.start, q.end) if phrasal_verbs_in(q.measure) else ""
        weights = _measure_weights(q, clause)
        unit = normalise_name(q.unit) if q.unit else None
        claims.append(Claim(
            id=item_id(q), kind="n", doc=q.doc, item=q, order=len(claims), measure=frozenset(weights),
            weights=weights, casualty=casualty_set(q), source=source_key(q.source_entity, q.source),
            magnitude=_magnitude(q), unit=unit,
            money=unit in currency_units() and not money_words().isdisjoint(weights)))
    for qt in quotes:
        if qt.kind != "statement":
            continue
        claims.append(Claim(
            id=item_id(qt), kind="q", doc=qt.doc, item=qt, order=len(claims),
            words=frozenset(content_lemmas(qt.text)), source=source_key(qt.speaker_entity, qt.speaker),
            verbatim=verbatim_key(qt.text)))
    for ev in events:
        if normalise_name(ev.event) in _skip_events():
            continue
        claims.append(Claim(
            id=item_id(ev), kind="ev", doc=ev.doc, item=ev, order=len(claims),
            measure=_event_measure(ev, idx(ev.doc).before(ev.start)),
            words=frozenset(stem(w) for w in words(ev.text) if w.lower() not in _stop())))
    # Context is read only for the first of identical copies: only those are ever compared.
    seen: set[tuple[object, ...]] = set()
    for c in claims:
        sig = _signature(c)
        if sig in seen:
            continue
        seen.add(sig)
        c.context, c.actors = idx(c.doc).context(c.item.start, c.item.end)
        if c.kind == "n":
            c.backers = backers(c.doc, c.item.start, c.item.end, c.source)
    _add_idf(claims)
    return claims


def _event_measure(ev: Event, before: str) -> frozenset[str]:
    """What an event is, for comparing: its happening when one is named, else its label's stems.

    Labels of one happening differ from outlet to outlet ("explosion torn", or a label that
    missed the noun because the span starts at its time: "The blast that ripped through
    |last Friday at the depot|"); a happening noun with an onset verb ("blast … ripped
    through", "explosion tore through") says what happened whatever the label.

    Args:
        ev (Event): the event, e.g. labelled ``"at depot left"``.
        before (str): the few words of its sentence before the span, e.g. ``"The fire that broke out"``.
    Returns:
        frozenset[str]: e.g. ``{"fire", "+began"}``, or the label's stems ``{"accord", "sign"}``.
    """
    happening = happening_of(f"{before} {ev.text}") or happening_of(ev.event)
    if happening is not None:
        return frozenset({happening[0], _ONSET + happening[1]})
    return frozenset(stem(w) for w in words(ev.event) if w.lower() not in _stop())


def _add_idf(claims: list[Claim]) -> None:
    """Give every claim one shared table of rarity weights for context words and actors.

    Words around nearly every claim of a story ("ostrian", "valley", "troops" in a war story)
    say nothing about which fact a claim is about; rare ones ("envoy", "interview") do.
    """
    df: dict[str, int] = defaultdict(int)
    figures = 0
    for c in claims:  # copies have no context: a story run by many outlets is not made common by it
        for w in c.context:
            df[w] += 1
        for a in c.actors:
            df["@" + a] += 1
        if c.kind == "n" and c.context:
            figures += 1
            for w in c.weights:
                df["#" + w] += 1
    n = len(claims) + 1
    idf = {w: math.log(n / k) for w, k in df.items()}
    # A measure word that only a few figures share ("rubber" among "people", "troops") is
    # strong evidence by itself that they count the same thing.
    rare_cut = max(2, figures // 100)
    for c in claims:
        c.idf = idf
        c.rare = frozenset(w for w in c.weights if 0 < df["#" + w] <= rare_cut and w[0] != _UNIT_PREFIX)
        c.context_weight = sum(idf[w] for w in c.context)
        c.actors_weight = sum(idf["@" + a] for a in c.actors)


@cache
def _stop() -> frozenset[str]:
    return word_list("compare_stopwords.txt")


# ------------------------------------------------------------------ scores
def _measure_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard blended with containment of the shorter measure in the longer.

    "tonnes of rubber" is the same measure as "tonnes of synthetic rubber stored in the
    warehouse", told with fewer words: containment keeps such pairs together, Jaccard keeps
    a one-word measure from matching everything that contains its word.
    """
    keys = a.keys() | b.keys()
    num = sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    den = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    if not den:
        return 0.0
    smaller = min(sum(a.values()), sum(b.values()))
    return _JACCARD_SHARE * num / den + (1 - _JACCARD_SHARE) * (num / smaller if smaller else 0.0)


def measure_similarity(a: Claim, b: Claim) -> float:
    """How alike two figures' measures are (0..1); 0 for measures never comparable.

    Casualty measures compare by what they cover: the same components score 1, a part of
    the other ("killed" in "killed or wounded") scores lower, different harms ("killed"
    vs "wounded") or a casualty figure against a non-casualty one never match. Two sums of
    one currency that both say what the money is ("damage", "claim", "cost") and overlap
    count as one measure told in other words.
    """
    if a.unit and b.unit and a.unit != b.unit:
        return 0.0
    if a.money and b.money and _close_sums(a, b):
        return max(_MONEY_FAMILY, _measure_overlap(a.weights, b.weights))
    if a.casualty or b.casualty:
        if not (a.casualty and b.casualty):
            return _implied_casualty(a, b) if a.casualty else _implied_casualty(b, a)
        if a.casualty == b.casualty:
            return 1.0
        if a.casualty < b.casualty or b.casualty < a.casualty:
            return _RELATED_MEASURE
        return 0.0
    return _measure_overlap(a.weights, b.weights)


def _close_sums(a: Claim, b: Claim) -> bool:
    """True when two sums overlap or lie within a quarter of each other ("about 40 million", "39 million")."""
    qa, qb = a.item, b.item
    if not isinstance(qa, Quantity) or not isinstance(qb, Quantity):
        return False
    if intervals_overlap(qa, qb):
        return True
    if a.magnitude is None or b.magnitude is None:
        return False
    return abs(a.magnitude - b.magnitude) <= _MONEY_CLOSE * max(a.magnitude, b.magnitude)


def _weighted_overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float] | None,
                      total: float, prefix: str = "") -> float:
    """Jaccard with each word weighted by its rarity (plain Jaccard when no table is given).

    ``total`` is the two sets' summed weights, so only the shared words are looked up.
    """
    if not a or not b:
        return 0.0
    if idf is None:
        return jaccard(a, b)
    shared = sum(idf.get(prefix + w, 0.0) for w in (a & b))
    union = total - shared
    return shared / union if union > 0 else 0.0


def _implied_casualty(hurt: Claim, plain: Claim) -> float:
    """A figure of people with no harm word against a casualty figure about the same people.

    "“scores” of soldiers" (the harm is said in the sentence before) may be the "scores
    of wounded soldiers" of another outlet; it matches weakly, so only context, source and
    magnitude together can make it a group.
    """
    own = {w for w, weight in plain.weights.items() if weight >= 2.0}
    others = {w for w in hurt.weights if not casualty_set_of(w)}
    return _IMPLIED_CASUALTY if own and own <= others else 0.0


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


def score_pair(a: Claim, b: Claim) -> float:
    """How likely two claims of one kind bear on the same fact (0..1).

    Args:
        a (Claim): e.g. "roughly 6,000 Ostrian troops" (deployed).
        b (Claim): e.g. "over 6,500 Ostrian troops have been sent".
    Returns:
        float: the score; claims of different kinds or from one document score 0.
    """
    if a.kind != b.kind or a.doc == b.doc:
        return 0.0
    if a.kind == "n":
        m = measure_similarity(a, b)
        if m < _IMPLIED_CASUALTY:
            return 0.0
        return (_W_MEASURE * m
                + _W_CONTEXT * _weighted_overlap(a.context, b.context, a.idf, a.context_weight + b.context_weight)
                + _W_ACTORS * _weighted_overlap(a.actors, b.actors, a.idf, a.actors_weight + b.actors_weight, "@")
                + _W_SOURCE * _source_similarity(a, b) + (_W_RARE if a.rare & b.rare else 0.0)
                + _W_MAGNITUDE * _magnitude_similarity(a, b))
    if a.kind == "q":
        qa, qb = a.item, b.item
        assert isinstance(qa, Quote) and isinstance(qb, Quote)
        same = bool(a.verbatim) and a.verbatim == b.verbatim
        if len(a.words & b.words) < 3 and not same:
            return 0.0  # short fragments ("fake news") are no evidence of one statement
        # the same sentence word for word counts fully, however plain its words
        text = 1.0 if same else 0.5 * jaccard(a.words, b.words) + 0.5 * overlap_coefficient(a.words, b.words)
        if qa.speaker_entity and qa.speaker_entity == qb.speaker_entity or same_speaker(qa.speaker, qb.speaker):
            speaker = 1.0
        elif (qa.speaker or qa.speaker_entity) and (qb.speaker or qb.speaker_entity):
            speaker = 0.0
        else:
            speaker = 0.4
        return 0.7 * text + 0.3 * speaker
    # Containment counts as well: "last inspected" is the "fire-safety inspection passed" of another outlet.
    label = _JACCARD_SHARE * jaccard(a.measure, b.measure) + (1 - _JACCARD_SHARE) * overlap_coefficient(
        a.measure, b.measure)
    if label < 0.5:
        return 0.0
    actors = _weighted_overlap(a.actors, b.actors, a.idf, a.actors_weight + b.actors_weight, "@")
    return 0.7 * label + 0.15 * jaccard(a.words, b.words) + 0.15 * actors


# Words of a statement quoted word for word in two articles that make it one statement even
# when few of them are content words ("We are not going anywhere until …").
_VERBATIM_WORDS = 7


def verbatim_key(text: str) -> tuple[str, ...]:
    """A quote's words folded (case, apostrophes) for word-for-word comparison; empty when short."""
    ws = tuple(w.lower().replace("’", "'") for w in words(text))
    return ws if len(ws) >= _VERBATIM_WORDS else ()


# ------------------------------------------------------------------ blocking
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
            if c.casualty:
                blocks[("n", "casualty")].append(i)
            if c.money and c.unit:
                # Sums of one currency meet whatever words say what the money is ("damage", "claim").
                blocks[("n", "money", c.unit)].append(i)
            # Casualty figures also meet figures of the same people ("wounded soldiers" and
            # "troops"), see _implied_casualty.
            for w, weight in c.weights.items():
                if (weight >= 2.0 or len(c.weights) == 1) and not casualty_set_of(w):
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
    """Blocks no bigger than MAX_BLOCK: split by actor (rarest first), then slide a window.

    Claims with no distinguishing actor are not dropped: they go to the window with the rest.
    """
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
    # Still too big: compare each claim with its neighbours in document order only.
    ordered = sorted(block, key=lambda i: (claims[i].doc, claims[i].order))
    half = MAX_BLOCK // 2
    for s in range(0, len(ordered) - half, half):
        yield ordered[s: s + MAX_BLOCK]


def candidate_pairs(claims: Sequence[Claim]) -> dict[tuple[int, int], float]:
    """Scored pairs of claims (indexes into ``claims``) that clear their kind's floor.

    Args:
        claims (Sequence[Claim]): all claims of all documents.
    Returns:
        dict[tuple[int, int], float]: (i, j) with i < j → score.
    """
    scored: dict[tuple[int, int], float] = {}
    for block in _keys(claims).values():
        if len(block) < 2:
            continue
        for part in _split(block, claims):
            for x, i in enumerate(part):
                for j in part[x + 1:]:
                    key = (i, j) if i < j else (j, i)
                    if key in scored or claims[i].doc == claims[j].doc:
                        continue
                    s = score_pair(claims[i], claims[j])
                    if s >= PAIR_FLOOR[claims[i].kind]:
                        scored[key] = s
    return scored


# ------------------------------------------------------------------ clustering
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


def collapse_copies(claims: Sequence[Claim]) -> tuple[list[int], list[list[int]]]:
    """Identical claims of different documents, gathered so that only one of them is compared.

    Syndicated copies of one story repeat the same sentences; comparing each copy with every
    other would cost a pair per copy pair for nothing: they are one claim.

    Args:
        claims (Sequence[Claim]): all claims.
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
        seen_docs: set[str] = set()
        kept = []
        for i in idxs:
            if claims[i].doc not in seen_docs:
                seen_docs.add(claims[i].doc)
                kept.append(i)
        reps.append(idxs[0])
        copies.append(kept)
        # A second copy within one document stays on its own (it may be grouped as itself).
        for i in idxs:
            if i not in kept:
                reps.append(i)
                copies.append([i])
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


def find_groups(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Collapse copies, score candidate pairs among distinct claims, cluster them, relate parts to wholes.

    Args:
        claims (Sequence[Claim]): all claims, from :func:`build_claims`.
    Returns:
        list[list[Claim]]: groups of claims from different documents, each claim in one group
        at most, then the groups setting a part beside its whole (:func:`part_whole_groups`),
        where a figure may stand a second time.
    """
    reps, copies = collapse_copies(claims)
    distinct = [claims[i] for i in reps]
    pairs = candidate_pairs(distinct)
    groups = cluster(distinct, pairs, copies, claims)
    return groups + part_whole_groups(groups, distinct, pairs, copies, claims)
