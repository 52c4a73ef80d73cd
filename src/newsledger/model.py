"""The one data model that flows through every stage.

A :class:`Document` holds the article text exactly as read; every later finding is a span
of character offsets (Python ``str`` indices, end exclusive) into that text, so
``doc.text[x.start:x.end] == x.text`` holds for every span of every stage.

Stages only ever build new objects (all dataclasses here are frozen): ingest makes a
Document, clean adds sentences/paragraphs/boilerplate with :func:`dataclasses.replace`,
extractors return lists of spans, resolve and compare return new lists.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse

Qualifier = Literal["exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range"]
Status = Literal["agree", "compatible", "conflict"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP"]


@dataclass(frozen=True, slots=True)
class Span:
    """A plain character range of a document's text."""

    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A whole line of page junk (share line, photo credit, comment header...)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the article says about itself. ``None`` means the text does not say."""

    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO-8601: "YYYY-MM-DD" or full instant with offset
    outlet: str | None = None  # the outlet the text credits or the source names
    dateline: str | None = None
    url: str | None = None
    # spans of the metadata lines in the text (title line, byline, date line), when found there
    title_span: Span | None = None
    author_span: Span | None = None
    published_span: Span | None = None
    published_text: str | None = None  # the words of the date line, e.g. "Mar.14 - 2025 9:12 AM CET"
    credits: tuple[str, ...] = ()  # outlets the article credits ("Read the original article on X")
    # When the article states no date of its own: the latest publication date of the other
    # articles analysed with it, used (and flagged) as the base for its relative times.
    reference: str | None = None
    section: str | None = None  # the outlet's section or category for the article ("business")


def _first(span: tuple[int, int]) -> int:
    return span[0]


def _start(line: Boilerplate) -> int:
    return line.start


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its exact text, metadata and the structure computed once by ``clean``.

    Attributes:
        id: content hash of the text (stable across runs; the store's key).
        source: the file path or URL it came from ("<stdin>" for standard input).
        text: the text exactly as read (newlines untranslated).
        meta: metadata.
        sentences: (start, end) offsets of sentences, in order, computed by clean.
        paragraphs: (start, end) offsets of non-empty lines, in order.
        boilerplate: flagged junk lines, sorted by start and not overlapping (whole lines);
            the text itself is never altered.
        parse: spaCy's parse of ``text`` (``clean.parse``), the one token layer every
            extractor reads; dropped once the document's findings are extracted.

    The lookups below bisect these tuples, so each costs log n, also in a long article.
    """

    id: str
    source: str
    text: str
    meta: Metadata = field(default_factory=Metadata)
    sentences: tuple[tuple[int, int], ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    boilerplate: tuple[Boilerplate, ...] = ()
    parse: Parse | None = field(default=None, compare=False, repr=False, metadata={"transient": True})

    @property
    def file(self) -> str:
        """The basename of the source (what the export's ``file`` field holds)."""
        return self.source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or self.source

    def is_boilerplate(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps a flagged boilerplate line."""
        lines = self.boilerplate
        i = bisect.bisect_right(lines, start, key=_start)  # lines[i:] start after ``start``
        return (i > 0 and start < lines[i - 1].end and lines[i - 1].start < end) or (
            i < len(lines) and lines[i].start < end and start < lines[i].end)

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset``, or None."""
        i = bisect.bisect_right(self.sentences, offset, key=_first) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            return i
        return None

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence containing ``offset``, or None."""
        i = self.sentence_index(offset)
        return None if i is None else self.sentences[i]

    def paragraph_at(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the paragraph (non-empty line) containing ``offset``, or None."""
        i = bisect.bisect_right(self.paragraphs, offset, key=_first) - 1
        if i >= 0 and offset < self.paragraphs[i][1]:
            return self.paragraphs[i]
        return None

    def body_sentences(self) -> list[tuple[int, int]]:
        """Sentences that do not overlap boilerplate."""
        return [(s, e) for s, e in self.sentences if not self.is_boilerplate(s, e)]


@dataclass(frozen=True, slots=True)
class Facts:
    """What a claim states, read from the parse when it is extracted; the comparison reads only this.

    For "Norland's death toll reached 212 on Saturday": terms ("death", "toll", "reach"),
    head "toll", referent ("Norland",), places ("Norland",), period "on Saturday". For the
    statement "Norland will not win this war": head "Norland", action "win", negated, modality "will".

    Attributes:
        terms: lemmas of the content words of what is counted (a figure's measure), said (a
            statement) or happened (an event).
        head: lemma of the counted noun (figures), of the subject (statements and events).
        action: lemma of the verb or state the counted thing stands to, or the statement's predicate.
        harm: the casualty components a figure counts ("killed or wounded" → killed, wounded).
        referent: names the fact belongs to, as written: the owner ("Halden's debt"), the agent
            ("fired by Veltria"), the subject of a figure that is an object ("Veltria fired 40 rockets").
        referent_spans: where those names stand, to find their resolved entities.
        marks: words that single out which of several: ordinals and superlatives ("second", "strongest").
        places: place names of the claim's sentence, else of the sentence before it in its paragraph.
        period: the time words of the claim's clause ("in 1996", "last summer"); period_start,
            period_end: the calendar interval they allow, when known.
        negated: the statement's predicate is negated; modality: its modal ("could", "would").
        figures: the numbers a statement gives ("a 54-year-old man" → 54); estimates: the
            intervals of those it gives as bounds or estimates ("at least 20 died" → (20, None)).
        context: lemmas of the content words of the claim's sentence and its neighbours.
        via: outlets the claim is credited through ("told The Washington Post", "according to Harbour Wire").
        days_per_unit: for a figure giving how long a named happening lasted ("a 40-day walkout",
            "the strike dragged on for six weeks"), the days in one unit of its value (1, 7).
    """

    terms: tuple[str, ...] = ()
    head: str | None = None
    action: str | None = None
    harm: tuple[str, ...] = ()
    referent: tuple[str, ...] = ()
    referent_spans: tuple[tuple[int, int], ...] = ()
    marks: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    period: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    negated: bool = False
    modality: str | None = None
    figures: tuple[float, ...] = ()
    estimates: tuple[tuple[float | None, float | None], ...] = ()
    context: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    days_per_unit: float | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement attributed to someone: words in quotation marks, or reported speech.

    ``kind`` is "statement" for somebody's words and "term" for quoted names, terms and
    scare quotes, which are kept (so a reader can see them) but never exported as quotes.
    ``speaker_start``/``speaker_end`` locate the name the speaker was resolved to (the
    antecedent for pronouns and descriptions), so the resolve stage can link the entity.
    """

    doc: str
    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # the speech verb or phrase ("said", "according to")
    kind: Literal["statement", "term"] = "statement"
    speaker_entity: str | None = None  # filled by resolve
    facts: Facts | None = None  # read from the parse after extraction (extract/facts)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A numeric claim: the figure as the words allow it.

    ``low``/``high`` are the interval (None = unbounded on that side); ``value`` is the
    number as written (the first number of a range), None for "hundreds" and the like.
    """

    doc: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    measure: str
    unit: str | None = None
    source: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    hedged: bool = False
    source_entity: str | None = None  # filled by resolve
    measure_head: str | None = None  # lemma of what is counted ("person" for "212 people were killed")
    action: str | None = None  # lemma of the verb the counted thing stands to ("kill")
    facts: Facts | None = None  # read from the parse after extraction (extract/facts)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression and the inclusive calendar interval it allows."""

    doc: str
    start: int
    end: int
    text: str
    date_start: str | None  # "YYYY-MM-DD"
    date_end: str | None
    # when the article has no date: months the words allow without a year (e.g. summer → 6, 7, 8)
    months: tuple[int, ...] = ()
    # True when the dates rest on Metadata.reference (the batch's date), not the article's own
    estimated: bool = False
    time: str | None = None  # the clock time the words give: "21:40", "00:00-07:00" with a zone


@dataclass(frozen=True, slots=True)
class Event:
    """Something happening at a time: a lease signed, a ferry sunk, a publication."""

    doc: str
    start: int
    end: int
    text: str
    event: str
    time_text: str
    date_start: str | None
    date_end: str | None
    months: tuple[int, ...] = ()
    time_start: int | None = None  # span of the time words inside the document
    time_end: int | None = None
    # True when the dates rest on Metadata.reference (the batch's date), not the article's own
    estimated: bool = False
    time: str | None = None  # the clock time the words give: "21:40", "00:00-07:00" with a zone
    facts: Facts | None = None  # read from the parse after extraction (extract/facts)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name of a person, organisation or place as written in a document."""

    doc: str
    start: int
    end: int
    text: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, FAC
    descriptor: str | None = None  # "a 45-year-old former teacher", "President": what the article says it is
    label: str | None = None  # the parse's entity label, when the model marked the name (it may differ from type)


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world actor across all documents, with every name it goes by."""

    id: str
    canonical: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """Comparable claims side by side and what they add up to."""

    id: str
    label: str
    members: tuple[str, ...]  # ids of quotes / quantities / events
    status: Status
    why: str
    independent_sources: int = 0
    sources: tuple[str, ...] = ()  # the distinct original sources
    unattributed: int = 0  # members credited to nobody
    citations: tuple[tuple[str, str], ...] = ()  # (outlet/document, the source it cites)
    copies: tuple[tuple[str, str], ...] = ()  # (document, the outlet or document it copies)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be used: which one, and why (one line)."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input deliberately not read (a duplicate, another file type, a FIFO in a folder…)."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something to say about an input that is still used.

    ``level`` "warning" is a line of its own (bytes replaced while decoding); "note" is added
    to the input's outcome line ("decoded as cp1252").
    """

    source: str
    message: str
    level: Literal["warning", "note"] = "warning"


@dataclass(slots=True)
class Ledger:
    """Everything found for a set of documents. Item ids come from :func:`item_id`."""

    documents: list[Document] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def add_claims(self, items: Iterable[Any]) -> None:
        """File stored findings under quotes, quantities and events (mentions and others are skipped).

        Example: ``ledger.add_claims(read_findings(conn, ids)[doc_id])``.
        """
        for x in items:
            if isinstance(x, Quote):
                self.quotes.append(x)
            elif isinstance(x, Quantity):
                self.quantities.append(x)
            elif isinstance(x, Event):
                self.events.append(x)


_PREFIX = {Quote: "q", Quantity: "n", Event: "ev", TimeExpr: "t", Mention: "m"}


def item_id(item: Quote | Quantity | Event | TimeExpr | Mention) -> str:
    """The ledger-wide id of a span item: kind, document and offsets, e.g. ``q-3f2a..-120-164``.

    Deterministic, so the same article analysed twice gives the same ids, and unique as
    long as document ids are (two items of one kind never share exact offsets).
    """
    return f"{_PREFIX[type(item)]}-{item.doc}-{item.start}-{item.end}"
