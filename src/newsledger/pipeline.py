"""Runs the stages in order: ingest → clean → extract → resolve → compare → store.

Per document: metadata and cleaning, then every extractor of :data:`EXTRACTORS`. Across
documents: entities are merged and linked to speakers and sources, times are placed,
and comparable claims are grouped. An extractor that fails on one document is recorded
as a failure of that document; the batch goes on. In a batch (:func:`iter_findings`) each
article has a time budget (:mod:`.budget`): one that runs past it is a failure of that
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
from .clean.parse import parse_document, parse_documents, parsed_extent
from .ingest.files import DEFAULT_MAX_BYTES, Fetcher, load_all
from .ingest.metadata import extract_metadata
from .ingest.read import document_from_text
from .model import Document, Event, Failure, Ledger, Mention, Metadata, Notice, Quantity, Quote, Skipped, TimeExpr

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


def prepare_lines(doc: Document) -> Document:
    """Metadata from the text (where the source gave none) and the clean stage, without the parse."""
    meta = extract_metadata(doc.text, base=doc.meta)
    return clean_document(dataclasses.replace(doc, meta=meta))


def prepare(doc: Document) -> Document:
    """Metadata, the clean stage and the parse: a document ready for the extractors."""
    return parse_document(prepare_lines(doc))


def prepare_text(text: str, *, source: str = "<string>", published: str | None = None) -> Document:
    """A ready-to-extract Document from a string (tests and the Python API use this).

    Example: ``prepare_text("Kyiv – Troops moved.", published="2025-01-11").sentences``.
    """
    return prepare(document_from_text(text, source, Metadata(published=published)))


def extract_document(doc: Document, *, deadline: Deadline | None = None) -> Findings:
    """Run every registered extractor on a prepared document, then its events.

    The document is parsed first when it has no parse yet; the findings keep it without
    its parse (every finding is a span of its text; the parse is not needed after this).
    With a ``deadline`` (from :func:`~newsledger.budget.time_budget`), it names the running
    extractor and is checked between extractors.
    """
    from .extract.events import extract_events
    from .extract.facts import attach_facts

    if doc.parse is None:
        doc = parse_document(doc)
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


def iter_findings(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
                  budget: float | None = DEFAULT_TIME_BUDGET) -> Iterator[Findings | Failure | Skipped | Notice]:
    """Ingest and clean every input, then extract each document in turn.

    Inputs are all read and cleaned first (cheap), so that an article that states no
    date can have its relative times placed against the batch's latest publication date
    (``Metadata.reference``; the events are flagged ``estimated``). A text seen before in
    the batch is skipped; an article whose cleaning and extraction together run past
    ``budget`` seconds is a Failure. Notices of warning level come as they are found.
    """
    seen: dict[str, str] = {}
    prepared: list[Document] = []
    spent: dict[str, float] = {}
    notes: dict[str, list[str]] = {}
    for item in load_all(inputs, max_bytes=max_bytes, fetch=fetch, budget=budget):
        if isinstance(item, Notice) and item.level == "note":
            notes.setdefault(item.source, []).append(item.message)
            continue
        if not isinstance(item, Document):
            yield item
            continue
        if item.id in seen:  # the same text twice in one batch is one document
            yield Skipped(item.source, f"same text as {seen[item.id]}")
            continue
        seen[item.id] = item.source
        started = time.monotonic()
        try:
            with time_budget(budget) as deadline:
                deadline.stage = "cleaning"
                prepared.append(prepare_lines(item))
        except BudgetExceeded as exc:
            yield Failure(item.source, f"analysis {exc}; not stored")
        except Exception as exc:  # noqa: BLE001 - an odd text must not stop the batch
            yield Failure(item.source, f"could not be cleaned: {type(exc).__name__}: {exc}")
        spent[item.id] = time.monotonic() - started
    # the parse runs in batches (nlp.pipe); each article's extraction has what is left of its budget
    for doc in parse_documents(with_reference(prepared)):
        try:
            left = None if budget is None else budget - spent.get(doc.id, 0.0)
            with time_budget(left) as deadline:
                deadline.seconds = budget if budget is not None else deadline.seconds
                found = extract_document(doc, deadline=deadline)
        except BudgetExceeded as exc:
            yield Failure(doc.source, f"analysis {exc}; not stored")
            continue
        found.notes = notes.get(doc.source, [])
        yield found


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
