"""Runs the stages in order: ingest → clean → extract → resolve → compare → store.

Per document: metadata and cleaning, then every extractor of :data:`EXTRACTORS`. Across
documents: entities are merged and linked to speakers and sources, times are placed,
and comparable claims are grouped. An extractor that fails on one document is recorded
as a failure of that document; the batch goes on.

A run is a stream (:func:`iter_findings`): its inputs are read a part at a time
(:mod:`newsledger.scale.sources`), parsed in batches and extracted, and each article's
findings are handed on as soon as its batch is done, so that memory does not grow with the
number of articles. The same steps run on the workers of a Dask cluster (:func:`extract_part`).
Each article has a time budget (:mod:`.budget`): one that runs past it is a failure of that
article, and is not stored.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .budget import DEFAULT_TIME_BUDGET, BudgetExceeded, Deadline, time_budget
from .clean import clean_document
from .clean.parse import (
    BATCH_SIZE,
    batch_full,
    forget_memos,
    memory_zone,
    parse_document,
    parse_documents,
    parsed_chars,
    parsed_extent,
)
from .ingest.files import DEFAULT_MAX_BYTES, Fetcher, load_all
from .ingest.metadata import extract_metadata
from .ingest.read import document_from_text
from .model import Document, Event, Failure, Ledger, Mention, Metadata, Notice, Quantity, Quote, Skipped, TimeExpr
from .scale.sources import Outcome, Part, Plan, plan_inputs, read_part

Extractor = Callable[[Document], list[Any]]
# name → function(doc) → list of spans; built-ins are registered like any other, on first
# use (importing the pipeline to prepare a document does not load every extractor).
EXTRACTORS: dict[str, Extractor] = {}


def extractors() -> dict[str, Extractor]:
    """The extractor registry, with the built-ins registered."""
    if not EXTRACTORS:
        from .extract.mentions import extract_mentions
        from .extract.quantities import extract_quantities
        from .extract.quotes import extract_quotes
        from .extract.times import extract_times

        EXTRACTORS.update(quotes=extract_quotes, quantities=extract_quantities,
                          mentions=extract_mentions, times=extract_times)
    return EXTRACTORS


@dataclass(slots=True)
class Findings:
    """What the extractors found in one document."""

    doc: Document
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the outcome line: "decoded as cp1252"

    def stored_items(self) -> list[Quote | Quantity | Event | Mention]:
        """What the store keeps of the findings, in this order: quotes, figures, events, mentions."""
        return [*self.quotes, *self.quantities, *self.events, *self.mentions]


def prepare_lines(doc: Document) -> Document:
    """Metadata from the text (where the source gave none) and the clean stage, without the parse."""
    meta = extract_metadata(doc.text, base=doc.meta)
    return clean_document(dataclasses.replace(doc, meta=meta))


def prepare(doc: Document) -> Document:
    """Metadata, the clean stage and the parse: a document ready for the extractors."""
    return parse_document(prepare_lines(doc))


def prepare_text(text: str, *, source: str = "<string>", published: str | None = None) -> Document:
    """A ready-to-extract Document from a string (tests and the Python API use this).

    Example: ``prepare_text("Lorn – Ferries sailed.", published="2025-01-14").sentences``.
    """
    return prepare(document_from_text(text, source, Metadata(published=published)))


def extract_document(doc: Document, *, deadline: Deadline | None = None) -> Findings:
    """Run every registered extractor on a prepared document, then its events.

    The document is parsed first when it has no parse yet; the findings keep it without
    its parse (every finding is a span of its text; the parse is not needed after this).
    With a ``deadline`` (from :func:`~newsledger.budget.time_budget`), it names the running
    extractor and is checked between extractors.
    """
    if doc.parse is None:
        warm_up()
        with memory_zone():
            return extract_document(parse_document(doc), deadline=deadline)
    try:
        return _extract_parsed(doc, deadline)
    finally:  # the stages' memos on the parse go with this document (see forget_memos)
        forget_memos(doc.parse)


def _extract_parsed(doc: Document, deadline: Deadline | None) -> Findings:
    from .extract.events import extract_events
    from .extract.facts import attach_facts

    found = Findings(dataclasses.replace(doc, parse=None))
    extent = parsed_extent(doc.text)
    if extent < len(doc.text):
        found.notes.append(f"only the first {extent:,} of {len(doc.text):,} characters analysed")
    for name, fn in extractors().items():
        if deadline is not None:
            deadline.check()
            deadline.stage = f"the {name} extractor"
        try:
            spans = fn(doc)
        except Exception as exc:  # noqa: BLE001 - one bad extractor run must not stop the batch
            found.failures.append(Failure(doc.source, f"{name} extractor failed: {type(exc).__name__}: {exc}"))
            continue
        if hasattr(found, name):
            setattr(found, name, spans)
    if deadline is not None:
        deadline.check()
        deadline.stage = "the events extractor"
    try:
        found.events = extract_events(doc, found.times)
    except Exception as exc:  # noqa: BLE001
        found.failures.append(Failure(doc.source, f"events extractor failed: {type(exc).__name__}: {exc}"))
    if deadline is not None:
        deadline.check()
        deadline.stage = "the facts reader"
    try:
        found.quotes, found.quantities, found.events = attach_facts(
            doc, found.quotes, found.quantities, found.events, found.times)
    except Exception as exc:  # noqa: BLE001 - claims without facts are still shown, only not compared
        found.failures.append(Failure(doc.source, f"facts reader failed: {type(exc).__name__}: {exc}"))
    if deadline is not None:
        deadline.check()
    return found


def with_reference(docs: list[Document]) -> list[Document]:
    """The documents, those that state no date given the batch's latest one as ``meta.reference``.

    A document's date is its metadata's (read from its date line by clean).
    """
    days = [_document_date(d) for d in docs]
    known = [d for d in days if d]
    if not known:
        return docs
    reference = max(known)
    return [d if day else dataclasses.replace(d, meta=dataclasses.replace(d.meta, reference=reference))
            for d, day in zip(docs, days, strict=True)]


def story_reference(docs: Iterable[Document]) -> str | None:
    """The latest date ("YYYY-MM-DD") among documents that state one."""
    days = [day for d in docs if (day := _document_date(d))]
    return max(days) if days else None


def _document_date(doc: Document) -> str | None:
    """The article's own date ("YYYY-MM-DD"), when its metadata states one."""
    published = doc.meta.published
    return published[:10] if published and len(published) >= 10 else None


def build_ledger(findings: list[Findings]) -> Ledger:
    """Cross-document stages (resolve, compare) over the findings of a batch."""
    from .compare import group_claims
    from .resolve.entities import link_entities, resolve_entities

    docs = [f.doc for f in findings]
    quotes = [q for f in findings for q in f.quotes]
    quantities = [n for f in findings for n in f.quantities]
    events = [e for f in findings for e in f.events]
    mentions = [m for f in findings for m in f.mentions]
    entities = resolve_entities(docs, mentions)
    quotes, quantities = link_entities(quotes, quantities, entities)
    statements = [q for q in quotes if q.kind == "statement"]
    groups = group_claims(docs, statements, quantities, events, entities)
    return Ledger(
        documents=docs, quotes=quotes, quantities=quantities, events=events, entities=entities,
        groups=groups, times=[t for f in findings for t in f.times],
        failures=[x for f in findings for x in f.failures],
    )


def iter_findings(inputs: Iterable[str] | Plan, *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
                  budget: float | None = DEFAULT_TIME_BUDGET) -> Iterator[Findings | Outcome]:
    """Read, clean, parse and extract the inputs' articles as a stream, in input order.

    Inputs are read a part at a time (a folder's files, a run of a JSONL file's lines), so memory
    holds one part and one parse batch, whatever the number of articles. A text seen before in
    the run is skipped (a Skipped naming the first). An article whose reading, cleaning and
    extraction run past ``budget`` seconds is a Failure. Notices of warning level come as they
    are found; notes go on the article's findings. An article that states no date is extracted
    with none: its story gives it the latest date of its articles when the story is compared
    (:func:`newsledger.stories.update_story`), so that no pass over the whole run is needed first.

    Args:
        inputs: files, folders, URLs, "-", or a plan made of them (:func:`~.scale.sources.plan_inputs`).
    """
    plan = inputs if isinstance(inputs, Plan) else plan_inputs(inputs, max_bytes=max_bytes, fetch=fetch,
                                                               budget=budget)
    seen: dict[str, str] = {}
    for part in plan.parts:
        yield from extract_part(part, max_bytes=max_bytes, budget=budget, seen=seen)


def extract_part(part: Part, *, max_bytes: int = DEFAULT_MAX_BYTES, budget: float | None = DEFAULT_TIME_BUDGET,
                 seen: dict[str, str] | None = None) -> Iterator[Findings | Outcome]:
    """The findings of one part's articles (what a worker does with a part), in order."""
    yield from extract_documents(read_part(part, max_bytes=max_bytes, budget=budget), seen=seen, budget=budget)


def extract_documents(items: Iterable[Document | Outcome], *, seen: dict[str, str] | None = None,
                      budget: float | None = DEFAULT_TIME_BUDGET,
                      batch_size: int = BATCH_SIZE) -> Iterator[Findings | Outcome]:
    """Clean, parse (in batches of at most ``batch_size`` texts and BATCH_CHARS characters) and extract
    documents; outcomes pass through.

    Args:
        items: documents as ingest gives them, and the outcomes of inputs.
        seen: text id → source of the texts already analysed in this run (updated): such a
            text again is a Skipped.
        budget: seconds for one article's cleaning and extraction together (None: no limit).
    """
    seen = {} if seen is None else seen
    batch: list[Document] = []
    spent: dict[str, float] = {}
    notes: dict[str, list[str]] = {}
    size = 0
    for item in items:
        if isinstance(item, Notice) and item.level == "note":
            notes.setdefault(item.source, []).append(item.message)
            continue
        if not isinstance(item, Document):
            yield item
            continue
        if item.id in seen:  # the same text twice in one run is one document
            yield Skipped(item.source, f"same text as {seen[item.id]}")
            continue
        seen[item.id] = item.source
        if batch_full(len(batch), size, item.text, batch_size):
            yield from _extract_batch(batch, budget, spent, notes)
            batch, size = [], 0
        started = time.monotonic()
        try:
            with time_budget(budget) as deadline:
                deadline.stage = "cleaning"
                batch.append(prepare_lines(item))
        except BudgetExceeded as exc:
            yield Failure(item.source, f"analysis {exc}; not stored")
        except Exception as exc:  # noqa: BLE001 - an odd text must not stop the batch
            yield Failure(item.source, f"could not be cleaned: {type(exc).__name__}: {exc}")
        spent[item.id] = time.monotonic() - started
        size += parsed_chars(item.text)
    if batch:
        yield from _extract_batch(batch, budget, spent, notes)


def _extract_batch(docs: list[Document], budget: float | None, spent: dict[str, float],
                   notes: dict[str, list[str]]) -> list[Findings | Failure]:
    """Parse and extract a batch inside one memory zone; the findings keep no part of the parse.

    Each article's extraction has what is left of its budget after its cleaning. When the
    parser fails on a batch, its articles are parsed one by one, and the one it fails on is a
    Failure: the others are not lost with it.
    """
    warm_up()
    out: list[Findings | Failure] = []
    try:
        with memory_zone():
            for doc in parse_documents(docs):
                out.append(_extract_timed(doc, budget, spent.pop(doc.id, 0.0), notes.pop(doc.source, [])))
    except Exception as exc:  # noqa: BLE001 - one text the parser cannot take must not stop the run
        if len(docs) == 1:
            return [Failure(docs[0].source, f"could not be parsed: {type(exc).__name__}: {exc}")]
        done = {x.doc.id if isinstance(x, Findings) else x.source for x in out}
        for doc in docs:
            if doc.id not in done and doc.source not in done:
                out += _extract_batch([doc], budget, spent, notes)
    return out


def _extract_timed(doc: Document, budget: float | None, spent: float, notes: list[str]) -> Findings | Failure:
    try:
        left = None if budget is None else budget - spent
        with time_budget(left) as deadline:
            deadline.seconds = budget if budget is not None else deadline.seconds
            found = extract_document(doc, deadline=deadline)
    except BudgetExceeded as exc:
        return Failure(doc.source, f"analysis {exc}; not stored")
    found.notes = notes + found.notes
    return found


_WARM_UP = ("Port Alden fire guts warehouse\nMarch 14, 2025\nPORT ALDEN – “We are doing everything we can,” "
            "said fire chief Mara Lind on Tuesday, according to the port. Some 300 workers were sent home "
            "last week.\n")
_warmed: list[bool] = []


def warm_up() -> None:
    """Extract one article outside any memory zone, once per process: the extractors build their
    matchers on first use, and the strings those keep must outlive every zone."""
    if not _warmed:
        _warmed.append(True)
        extract_document(parse_document(prepare_lines(document_from_text(_WARM_UP, "warm-up.txt"))))


def analyze_texts(texts: Iterable[str]) -> Ledger:
    """The ledger of plain strings (no files, no store): the Python API's shortest path."""
    docs = with_reference([prepare_lines(document_from_text(t, f"text-{i}.txt")) for i, t in enumerate(texts)])
    return build_ledger([extract_document(d) for d in parse_documents(docs)])


def prepare_folder(folder: str | Path) -> list[Document]:
    """Every article of a folder read exactly, prepared, with the batch reference date set.

    What ``analyze`` does before extraction; the comparison scripts use it to read a bundle.
    Unusable files are skipped (``analyze`` reports them).
    """
    loaded = [d for d in load_all([str(folder)]) if isinstance(d, Document)]
    return list(parse_documents(with_reference([prepare_lines(d) for d in loaded])))
