"""Pipeline: the reference date for undated articles, extractor isolation, the stream."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsledger import pipeline
from newsledger.clean.parse import parse_document
from newsledger.ingest.read import document_from_text
from newsledger.model import Document, Failure
from newsledger.pipeline import analyze_texts, extract_document, prepare_text
from newsledger.store.repository import MEMORY_URL, Store
from newsledger.stories import merge_ledgers, story_ledger
from newsledger.stories.batch import add_articles

DATED = ("Quay fire: what we know\nBy Jane Roe\nMarch 14, 2025\n"
         "The harbour board said on Thursday that the warehouse had been inspected in October 2024 by the port.\n")
UNDATED = "The harbour board and the union signed a safety pact last summer, the union said in a statement.\n"


def test_undated_article_uses_batch_reference_and_is_flagged() -> None:
    ledger = analyze_texts([DATED, UNDATED])
    undated = next(d for d in ledger.documents if d.text == UNDATED)
    assert undated.meta.published is None and undated.meta.reference == "2025-03-14"
    pact = next(e for e in ledger.events if e.doc == undated.id)
    assert pact.time_text == "last summer"
    assert (pact.date_start, pact.date_end, pact.estimated) == ("2024-06-01", "2024-08-31", True)
    assert pact.months == (6, 7, 8)  # what the words alone allow, kept for comparisons
    dated = next(e for e in ledger.events if e.time_text == "October 2024")
    assert (dated.date_start, dated.date_end, dated.estimated) == ("2024-10-01", "2024-10-31", False)


def test_undated_article_alone_gives_months_only() -> None:
    ledger = analyze_texts([UNDATED])
    pact = ledger.events[0]
    assert (pact.date_start, pact.date_end, pact.months, pact.estimated) == (None, None, (6, 7, 8), False)


def test_failing_extractor_is_recorded_not_raised(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(doc):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    registry = dict(pipeline.extractors())
    registry["quotes"] = broken
    monkeypatch.setattr(pipeline, "EXTRACTORS", registry)
    found = extract_document(prepare_text(DATED, source="a.txt"))
    assert [f.reason for f in found.failures] == ["quotes extractor failed: RuntimeError: boom"]
    assert found.quantities or found.times  # the other extractors still ran


def test_estimated_dates_compare_by_months_only() -> None:
    from newsledger.compare.relations import events_relation
    from newsledger.model import Event

    summer = Event("d1", 0, 5, "x", "lease signed", "last summer", "2024-06-01", "2024-08-31", (6, 7, 8),
                   estimated=True)
    march = Event("d2", 0, 5, "x", "lease signed", "March 2024", "2024-03-01", "2024-03-31")
    july = Event("d2", 0, 5, "x", "lease signed", "in July", "2023-07-01", "2023-07-31")
    this_week = Event("d1", 0, 5, "x", "shed burned", "this week", "2025-03-17", "2025-03-23", (), estimated=True)
    last_week = Event("d3", 0, 5, "x", "shed burned", "last week", "2025-03-10", "2025-03-16")
    assert events_relation(summer, march) == "disjoint"
    assert events_relation(summer, july) == "overlap"  # the estimated year is not held against it
    assert events_relation(this_week, last_week) == "unknown"  # no false conflict from an estimate


# ------------------------------------------------------------------ the stream
def test_stream_undated_article_takes_its_own_story_date(tmp_path: Path) -> None:
    """A run of several stories: an undated article's relative times rest on its story's latest
    date, not on a date of another story analysed in the same run."""
    texts = {
        "1-quay.txt": "Port Alden quay fire\nMarch 14, 2025\nPORT ALDEN – Fire chief Mara Lind said the Greyfield "
                      "warehouse on Kessel Quay burned for six hours.\n",
        "2-quay.txt": "Fire chief Mara Lind said the Greyfield warehouse on Kessel Quay, in Port Alden, had been "
                      "inspected last summer.\n",
        "3-mill.txt": "The bakers of Kellin Mills in Orrow signed a pay deal with the Flour Workers Guild last "
                      "summer, guild secretary Ada Brede said.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = Store(MEMORY_URL)
    result = add_articles(store, [str(tmp_path)])
    assert len(result.stories) == 2
    ledger = merge_ledgers([story_ledger(store, sid) for sid in result.stories])
    summer = {d.file: e for d in ledger.documents for e in ledger.events if e.doc == d.id and e.time_text == "last summer"}
    assert (summer["2-quay.txt"].date_start, summer["2-quay.txt"].estimated) == ("2024-06-01", True)
    assert (summer["3-mill.txt"].date_start, summer["3-mill.txt"].months) == (None, (6, 7, 8))
    store.close()


def test_stream_parses_in_memory_zones_that_leave_no_words_behind() -> None:
    from newsledger.clean.parse import load_model

    texts = [f"Zorvexian official Quaddleby{i} said 30{i} Tremmulite miners left Vaskon on Monday.\n" for i in range(6)]
    docs = [document_from_text(t, f"{i}.txt") for i, t in enumerate(texts)]
    pipeline.warm_up()
    words = len(load_model().vocab.strings)
    streamed = [f for f in pipeline.extract_documents(docs, batch_size=4) if isinstance(f, pipeline.Findings)]
    assert len(load_model().vocab.strings) == words  # the new words went with their zone
    alone = [extract_document(parse_document(pipeline.prepare_lines(d))) for d in docs]  # outside any zone
    assert [(f.quotes, f.quantities, f.mentions, f.events) for f in streamed] == [
        (f.quotes, f.quantities, f.mentions, f.events) for f in alone]


def test_memory_zone_drops_the_lemmas_of_words_new_to_it() -> None:
    from newsledger.clean.parse import _lemma_cache, load_model, memory_zone

    nlp = load_model()
    cache = _lemma_cache(nlp)
    with memory_zone():
        parsed = nlp("The zarbles quindled the frobnets, officials said.")
        assert [t.lemma_ for t in parsed][2] == "quindle"
        words_inside = {nlp.vocab.strings[key[0]] for key in cache}
        assert {"quindled", "said"} <= words_inside
    words_after = {nlp.vocab.strings[key[0]] for key in cache}
    assert "quindled" not in words_after  # a word new to the zone left its cache entry behind
    assert "said" in words_after  # the model's own words keep theirs


def test_stream_batches_end_before_a_text_that_would_pass_their_length(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.clean import parse

    sizes: list[int] = []
    real = pipeline._extract_batch

    def counting(docs: list[Document], *args: Any) -> Any:
        sizes.append(sum(len(d.text) for d in docs))
        return real(docs, *args)

    monkeypatch.setattr(pipeline, "_extract_batch", counting)
    monkeypatch.setattr(parse, "BATCH_CHARS", 250)
    short = [f"Reporter {i} wrote that {i + 2} ferries sailed on Monday.\n" * 2 for i in range(5)]
    assert all(90 < len(t) < 125 for t in short)  # two fit in 250 characters, three do not
    long = "The harbour board said the quay would stay shut for the rest of the week.\n" * 5
    assert len(long) > 250
    texts = [*short[:3], long, *short[3:]]
    docs = [document_from_text(t, f"{i}.txt") for i, t in enumerate(texts)]
    found = [f for f in pipeline.extract_documents(docs, batch_size=4) if isinstance(f, pipeline.Findings)]
    lengths = [len(t) for t in texts]
    # two short texts, then the third alone (the long one would pass 250), the long one alone
    assert sizes == [lengths[0] + lengths[1], lengths[2], lengths[3], lengths[4] + lengths[5]]
    assert [f.doc.source for f in found] == [f"{i}.txt" for i in range(6)]
    assert [p.text for p in parse.parse_texts(texts, batch_size=4)] == texts
    assert [d.source for d in parse.parse_documents(docs, batch_size=4)] == [f"{i}.txt" for i in range(6)]


@pytest.mark.parametrize(("count", "chars", "length", "full"), [
    (0, 0, 90_000, False),  # a text longer than a batch is a batch of its own
    (1, 24_000, 1_000, False),  # exactly BATCH_CHARS fits
    (1, 24_000, 1_001, True),
    (31, 100, 100, False),
    (32, 100, 100, True),  # BATCH_SIZE texts
    (1, 0, 200_000, True),  # the parser reads MAX_PARSED_CHARS of a text: 100,000 pass the length
])
def test_a_batch_is_full_before_a_text_that_would_pass_its_count_or_length(count: int, chars: int, length: int,
                                                                           full: bool) -> None:
    from newsledger.clean.parse import batch_full

    assert batch_full(count, chars, "x" * length) is full


def test_stream_article_the_parser_fails_on_is_a_failure_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.parse_documents

    def fragile(docs: list[Document], **kw: Any) -> Any:
        if any("Tremmulite" in d.text for d in docs):
            raise ValueError("the parser gave up")
        return real(docs, **kw)

    monkeypatch.setattr(pipeline, "parse_documents", fragile)
    docs = [document_from_text(t, f"{i}.txt") for i, t in enumerate([DATED, "Tremmulite miners left.\n", UNDATED])]
    got = list(pipeline.extract_documents(docs))
    assert [type(x).__name__ for x in got] == ["Findings", "Failure", "Findings"]
    assert got[1] == Failure("1.txt", "could not be parsed: ValueError: the parser gave up")


def test_a_parse_is_freed_when_its_extraction_ends_without_the_garbage_collector() -> None:
    """The stages' memos on a parse (the attribution component refers back to the document)
    go when its extraction ends: no cycle keeps the parse's arrays until a collection."""
    import gc
    import weakref

    doc = parse_document(prepare_text(DATED, source="quay.txt"))
    assert doc.parse is not None
    parse = weakref.ref(doc.parse)
    gc.disable()
    try:
        found = extract_document(doc)
        assert [q.speaker for q in found.quotes] == ["harbour board"]
        assert not [k for k in doc.parse.user_data if str(k).startswith("newsledger.")]
        del doc
        assert parse() is None
    finally:
        gc.enable()


def test_forget_memos_keeps_a_users_own_entries() -> None:
    from newsledger.clean.parse import forget_memos, sentence_bounds

    doc = parse_document(prepare_text(DATED, source="quay.txt"))
    assert doc.parse is not None
    doc.parse.user_data["mine"] = 1
    assert len(sentence_bounds(doc.parse)) == 4
    forget_memos(doc.parse)
    assert doc.parse.user_data == {"mine": 1}
