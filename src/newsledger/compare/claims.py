"""Claims ready to compare: each figure, statement and dated event with its facts in canonical form.

A :class:`Claim` is built from a finding's :class:`~newsledger.model.Facts` (read from the
parse at extraction): what it counts or says as canonical words (``meaning.py``: "members"
are workers, "fired" is "launched"), its harm, its referents as entities, its places as
countries, its period, and the words and actors around it weighted by rarity. Findings made
without a parse (built by hand, read from an export without its articles) have no facts:
their measure's own words stand in, read plainly.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..extract.name_lexicons import default_lexicons, demonym_place, gazetteer_entry
from ..lexicons import first_column, word_list
from ..meaning import canon, canon_all, family, harm_of, is_generic
from ..model import Document, Entity, Event, Facts, Quantity, Quote, item_id
from ._words import casualty_set_of, content_lemmas, currency_units, money_words, normalise_name, stem, words
from .relations import interval
from .sources import EntityNames

__all__ = ["Claim", "build_claims", "place_keys", "verbatim_key"]

# A figure's unit among its measure words (prefixed so it never meets a word).
UNIT_PREFIX = "="
# Weights of a figure's measure words: its head noun and action count most.
_W_HEAD, _W_ACTION, _W_TERM = 2.0, 1.5, 1.0
# Marks the onset in an event's measure so it never meets a label word of the same spelling.
_ONSET = "+"
# Words of a statement quoted word for word in two articles that make it one statement even
# when few of them are content words ("We are not going anywhere until …").
_VERBATIM_WORDS = 7


@cache
def _skip_events() -> frozenset[str]:
    return word_list("compare_skip_events.txt")


_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?=\W|$)", re.IGNORECASE)


def clock_only(e: Event) -> bool:
    """True when an event's time words are a clock time and nothing else ("shortly after 9:40
    p.m."): the day is only assumed (the article's date), so the event is not compared on it."""
    if e.time is None:
        return False
    rest = _CLOCK.sub(" ", e.time_text.casefold())
    return all(w in word_list("clock_words.txt") for w in re.findall(r"[a-z][a-z.']*", rest))


@dataclass(slots=True)
class Claim:
    """One comparable claim in canonical form (see the module docstring)."""

    id: str
    kind: str  # "n" figure, "q" statement, "ev" event
    doc: str
    item: Quote | Quantity | Event
    order: int  # position in the input, for stable results
    measure: frozenset[str] = frozenset()  # figures: canonical measure words; events: label stems
    weights: dict[str, float] = field(default_factory=dict)  # measure word → weight
    head: str | None = None  # canonical counted noun (None when generic or unknown)
    action: str | None = None  # canonical verb or state
    casualty: frozenset[str] = frozenset()
    bare: bool = False  # a generic noun ("people") with no action or harm: no measure at all
    words: frozenset[str] = frozenset()  # statements: canonical content lemmas
    verbatim: tuple[str, ...] = ()  # statements of several words: their words in order, folded
    context: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    source: str | None = None
    backers: frozenset[str] = frozenset()  # source plus speakers quoted right around the claim
    referents: frozenset[str] = frozenset()  # entity ids ("e:…") or folded names ("n:…")
    places: frozenset[str] = frozenset()  # countries of the claim's places
    marks: frozenset[str] = frozenset()
    period: tuple[str, str] | None = None
    negated: bool = False
    modality: str | None = None
    figures: tuple[float, ...] = ()
    via: tuple[str, ...] = ()
    rare: frozenset[str] = frozenset()  # measure words few other figures use
    magnitude: float | None = None
    unit: str | None = None
    money: bool = False  # a sum in a currency whose measure says what the money is (damage, claim)
    idf: dict[str, float] | None = None  # shared table: word or actor → inverse claim frequency
    context_weight: float = 0.0
    actors_weight: float = 0.0


def verbatim_key(text: str) -> tuple[str, ...]:
    """A quote's words folded (case, apostrophes) for word-for-word comparison; empty when short."""
    ws = tuple(w.lower().replace("’", "'") for w in words(text))
    return ws if len(ws) >= _VERBATIM_WORDS else ()


def place_keys(names: Sequence[str]) -> frozenset[str]:
    """The countries of place names: a country, a capital or a demonym ("Lisbon", "Portuguese" → portugal).

    Places the gazetteer does not know ("Varna") are left out: nothing says which country
    they are in, so they can never keep two claims apart.
    """
    lex = default_lexicons()
    out = set()
    for name in names:
        entry = gazetteer_entry(lex, name)
        country = entry[0] if entry is not None and entry[1] == "GPE" else demonym_place(name, lex)
        if country:
            out.add(normalise_name(country))
    return frozenset(out)


class _Mentions:
    """Entity mentions of one document, sorted, to find the actors around a claim and its referents."""

    def __init__(self, mentions: list[tuple[int, int, str]]) -> None:
        self.mentions = sorted(mentions)
        self.starts = [m[0] for m in self.mentions]

    def between(self, lo: int, hi: int) -> frozenset[str]:
        a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return frozenset(m[2] for m in self.mentions[a:b])

    def at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.mentions[i][1] > start - 200:
            s, e, ent = self.mentions[i]
            if s < end and start < e:
                return ent
            i -= 1
        return None


def _window(doc: Document | None, start: int, end: int) -> tuple[int, int]:
    """The claim's sentence with one sentence either side (characters)."""
    if doc is None or not doc.sentences:
        return max(0, start - 200), end + 200
    starts = [s for s, _ in doc.sentences]
    i = max(0, bisect.bisect_right(starts, start) - 1)
    j = max(i, bisect.bisect_left(starts, end) - 1)
    lo, hi = max(0, i - 1), min(len(starts) - 1, j + 1)
    return doc.sentences[lo][0], doc.sentences[hi][1]


def _magnitude(q: Quantity) -> float | None:
    low, high = interval(q)
    if low is not None and high is not None and low > 0 and high > 0:
        return math.sqrt(low * high)
    for x in (low, high, q.value):
        if x is not None and x > 0:
            return float(x)
    return None


def _plain_facts(x: Quote | Quantity | Event) -> Facts:
    """Facts for a finding made without a parse: the words of its measure, statement or label."""
    if isinstance(x, Quantity):
        terms = tuple(content_lemmas(x.measure, keep_names=False))
        return Facts(terms=terms, head=x.measure_head, action=x.action,
                     harm=tuple(sorted(casualty_set_of(x.measure) or casualty_set_of(x.text))))
    if isinstance(x, Quote):
        return Facts(terms=tuple(content_lemmas(x.text)))
    return Facts(terms=tuple(stem(w) for w in words(x.event)))


@cache
def _duration_units() -> frozenset[str]:
    return frozenset(canon(w) for w in first_column("duration_units.tsv"))


def _in_days(q: Quantity, days: float) -> Quantity:
    """A figure of a length of time as days ("six weeks" → 42 days), for comparing it."""
    def scaled(x: float | None) -> float | None:
        return None if x is None else round(x * days, 2)

    return dataclasses.replace(q, value=scaled(q.value), low=scaled(q.low), high=scaled(q.high), unit="days")


def _figure(c: Claim, q: Quantity, f: Facts) -> None:
    head = canon(f.head) if f.head else None
    action = canon(f.action) if f.action else None
    terms = canon_all(f.terms)
    c.casualty = harm_of(f.harm) if f.harm else frozenset()
    if c.casualty:
        # a harm is the measure: "318 people were killed" and "318 deaths" count one thing
        terms = terms - {canon(w) for w in f.terms if is_generic(w)}
    generic = head is None or is_generic(f.head)
    if generic:
        head = None
        terms = frozenset(w for w in terms if not is_generic(w))
    c.head, c.action = head, action
    weights = {w: _W_TERM for w in terms}
    if head:
        weights[head] = _W_HEAD
    if action and not c.casualty:
        weights[action] = max(weights.get(action, 0.0), _W_ACTION)
    for w in c.casualty:
        weights[w] = _W_HEAD
    unit = normalise_name(q.unit) if q.unit else None
    if f.days_per_unit:
        # how long a happening lasted, in days whatever unit the article gave ("six weeks" → 42)
        unit = "days"
        terms = frozenset(w for w in terms if w not in _duration_units())
        weights = {w: v for w, v in weights.items() if w not in _duration_units()}
        c.item = _in_days(q, f.days_per_unit)
    if unit:
        for w in canon_all(content_lemmas(q.unit or unit, keep_names=False)) | {canon(w.rstrip("s"))
                                                                                for w in unit.split()}:
            weights.pop(w, None)  # the unit is compared apart
    # "thousands of people": nothing but a generic noun (and a unit) says what is counted
    c.bare = not weights
    if unit:
        weights[UNIT_PREFIX + unit] = _W_TERM
    c.weights = weights
    c.measure = frozenset(weights)
    c.unit = unit
    c.magnitude = _magnitude(q)
    c.money = unit in currency_units() and not money_words().isdisjoint(terms | {w.rstrip("s") for w in terms})
    c.marks = frozenset(f.marks)
    c.modality = f.modality


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
        documents (Sequence[Document]): the articles.
        quotes (Sequence[Quote]): statements; quoted terms (``kind="term"``) are skipped.
        quantities (Sequence[Quantity]): figures.
        events (Sequence[Event]): dated events; each article's own publication is skipped.
        entities (Sequence[Entity]): resolved actors; their mentions mark who is around a claim.
        names (EntityNames | None): the entities' names, when already prepared.
    Returns:
        list[Claim]: one per comparable item, in input order.
    """
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            by_doc[m.doc].append((m.start, m.end, e.id))
    mentions = {d: _Mentions(ms) for d, ms in by_doc.items()}
    empty = _Mentions([])
    docs = {d.id: d for d in documents}
    source_key = (names or EntityNames(entities)).source_key
    speakers: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for qt in quotes:
        key = source_key(qt.speaker_entity, qt.speaker) if qt.kind == "statement" else None
        if key:
            speakers[qt.doc].append((qt.start, qt.end, key))

    items: list[tuple[str, Quote | Quantity | Event]] = [("n", q) for q in quantities]
    items += [("q", q) for q in quotes if q.kind == "statement"]
    items += [("ev", e) for e in events if normalise_name(e.event) not in _skip_events() and not clock_only(e)]
    claims: list[Claim] = []
    for kind, x in items:
        f = x.facts if x.facts is not None else _plain_facts(x)
        c = Claim(id=item_id(x), kind=kind, doc=x.doc, item=x, order=len(claims))
        ms = mentions.get(x.doc, empty)
        if isinstance(x, Quantity):
            _figure(c, x, f)
            c.source = source_key(x.source_entity, x.source)
        elif isinstance(x, Quote):
            c.words = canon_all(f.terms)
            c.head, c.action = f.head, canon(f.action) if f.action else None
            c.negated, c.modality, c.figures = f.negated, f.modality, f.figures
            c.source = source_key(x.speaker_entity, x.speaker)
            c.verbatim = verbatim_key(x.text)
        else:
            c.measure = frozenset({f.head, _ONSET + f.action}) if f.head and f.action else _event_measure(x)
            c.words = canon_all(f.terms) | c.measure
        refs = set()
        for (r_start, r_end), name in zip(f.referent_spans, f.referent, strict=False):
            owner = ms.at(r_start, r_end)
            refs.add(f"e:{owner}" if owner else f"n:{normalise_name(name)}")
        c.referents = frozenset(refs)
        c.places = place_keys(f.places)
        if f.period_start and f.period_end:
            c.period = (f.period_start, f.period_end)
        c.via = f.via
        c.context = canon_all(f.context) if f.context else _plain_context(docs.get(x.doc), x)
        lo, hi = _window(docs.get(x.doc), x.start, x.end)
        c.actors = ms.between(lo, hi)
        if kind == "n":
            near = {k for s, e, k in speakers.get(x.doc, ()) if s < hi and lo < e}
            c.backers = frozenset(near | ({c.source} if c.source else set()))
        claims.append(c)
    _add_idf(claims)
    return claims


def _plain_context(doc: Document | None, x: Quote | Quantity | Event) -> frozenset[str]:
    """Context words of a finding without facts: the plain words of its sentence and neighbours."""
    if doc is None:
        return frozenset()
    lo, hi = _window(doc, x.start, x.end)
    return canon_all(content_lemmas(doc.text[lo:hi]))


def _event_measure(ev: Event) -> frozenset[str]:
    """What an event is, for comparing: the stems of its label ("sign fuel contract")."""
    return frozenset(stem(canon(w)) for w in words(ev.event) if w.lower() not in _stop())


@cache
def _stop() -> frozenset[str]:
    return word_list("compare_stopwords.txt")


def _add_idf(claims: list[Claim]) -> None:
    """Give every claim one shared table of rarity weights for context words and actors.

    Words around nearly every claim of a story ("ostrian", "valley", "troops" in a war story)
    say nothing about which fact a claim is about; rare ones ("envoy", "interview") do.
    """
    df: dict[str, int] = defaultdict(int)
    figures = 0
    for c in claims:
        for w in c.context:
            df[w] += 1
        for a in c.actors:
            df["@" + a] += 1
        if c.kind == "n":
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
        c.rare = frozenset(w for w in c.weights if 0 < df["#" + w] <= rare_cut and w[0] != UNIT_PREFIX)
        c.context_weight = sum(idf[w] for w in c.context)
        c.actors_weight = sum(idf["@" + a] for a in c.actors)


def different_measures(a: Claim, b: Claim) -> bool:
    """True when two grouped figures count different things that can both hold: other nouns
    ("buildings" and "homes") or related outcomes ("collapsed" and "damaged")."""
    if a.casualty and b.casualty:
        return False  # the harm is the measure: "two workers killed", "two colleagues killed"
    return bool(a.head and b.head and a.head != b.head) or related_outcomes(a, b)


def related_outcomes(a: Claim, b: Claim) -> bool:
    """True when two figures count different outcomes of one kind ("collapsed" and "damaged" buildings)."""
    fa, fb = family(a.action), family(b.action)
    return fa is not None and fa == fb and a.action != b.action
