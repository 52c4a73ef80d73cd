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


def prepare(doc: Document) -> Document:
    """Metadata from the text (where the source gave none) and the clean stage."""
    meta = extract_metadata(doc.text, base=doc.meta)
    return clean_document(dataclasses.replace(doc, meta=meta))


def prepare_text(text: str, *, source: str = "<string>", published: str | None = None) -> Document:
    """A ready-to-extract Document from a string (tests and the Python API use this).

    Example: ``prepare_text("Kyiv – Troops moved.", published="2025-01-11").sentences``.
    """
    return prepare(document_from_text(text, source, Metadata(published=published)))


def extract_document(doc: Document, *, deadline: Deadline | None = None) -> Findings:
    """Run every registered extractor on a prepared document, then its events.

    With a ``deadline`` (from :func:`~newsledger.budget.time_budget`), it names the running
    extractor and is checked between extractors.
    """
    from .extract.events import extract_events

    found = Findings(doc)
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
        found.events = _flag_estimated(doc, extract_events(doc, found.times))
    except Exception as exc:  # noqa: BLE001
        found.failures.append(Failure(doc.source, f"events extractor failed: {type(exc).__name__}: {exc}"))
    if deadline is not None:
        deadline.check()
    return found


def _flag_estimated(doc: Document, events: list[Event]) -> list[Event]:
    """Mark the events whose dates rest on the batch's reference date, not the article's words."""
    if doc.meta.published or not doc.meta.reference or not events:
        return events
    from .extract.times import extract_times

    plain = extract_times(dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, reference=None)))
    words_alone: dict[tuple[int | None, int | None], tuple[int, ...]] = {
        (t.start, t.end): t.months for t in plain if t.date_start is None
    }
    return [
        dataclasses.replace(e, estimated=True, months=words_alone[(e.time_start, e.time_end)])
        if (e.time_start, e.time_end) in words_alone else e
        for e in events
    ]


def with_reference(docs: list[Document]) -> list[Document]:
    """The documents, those that state no date given the batch's latest one as ``meta.reference``."""
    reference = story_reference(docs)
    if reference is None:
        return docs
    return [d if d.meta.published else dataclasses.replace(d, meta=dataclasses.replace(d.meta, reference=reference))
            for d in docs]


def story_reference(docs: Iterable[Document]) -> str | None:
    """The latest publication date ("YYYY-MM-DD") among documents that state one."""
    days = [d.meta.published[:10] for d in docs if d.meta.published and len(d.meta.published) >= 10]
    return max(days) if days else None


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
                prepared.append(prepare(item))
        except BudgetExceeded as exc:
            yield Failure(item.source, f"analysis {exc}; not stored")
        except Exception as exc:  # noqa: BLE001 - an odd text must not stop the batch
            yield Failure(item.source, f"could not be cleaned: {type(exc).__name__}: {exc}")
        spent[item.id] = time.monotonic() - started
    for doc in with_reference(prepared):
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
    docs = with_reference([prepare(document_from_text(t, f"text-{i}.txt")) for i, t in enumerate(texts)])
    return build_ledger([extract_document(d) for d in docs])


def prepare_folder(folder: str | Path) -> list[Document]:
    """Every article of a folder read exactly, prepared, with the batch reference date set.

    What ``analyze`` does before extraction; the comparison scripts use it to read a bundle.
    Unusable files are skipped (``analyze`` reports them).
    """
    loaded = [d for d in load_all([str(folder)]) if isinstance(d, Document)]
    return with_reference([prepare(d) for d in loaded])
