"""Properties of every extractor and of the whole pipeline on generated text (Hypothesis).

For any text: no exception, every span inside the text with ``doc.text[start:end] ==
span.text``, spans in order, and a bounded cost (CPU time under 1 s + 0.1 s per KB). The
texts mix news words, speech verbs, quotation marks of every kind, figures (huge digit
runs and "inf" among them), dates (at the ends of the calendar too), long runs of one
mark, invisible characters and arbitrary Unicode. Publication dates run from year 1 to
year 9999.

The short run is part of every test run (about 2,800 texts, derandomized so that a
failure is reproducible); ``pytest -m long`` runs 20,000 texts per property with fresh
random examples.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.extract.events import extract_events
from newsledger.extract.mentions import extract_mentions
from newsledger.extract.quantities import extract_quantities
from newsledger.extract.quotes import extract_quotes
from newsledger.extract.times import extract_times
from newsledger.model import Document
from newsledger.pipeline import build_ledger, extract_document, prepare_text

WORDS = [w for line in (
    "the a an of and or to in on at by for from with that who which as than he she they it his her "
    "said says told added warned according claimed denied confirmed stated reported announced insisted "
    "officials police minister spokesman spokeswoman president ambassador chief director residents "
    "President Minister Dr. Mr. Ms. Gen. Inc. Ltd. U.S. Co. Sen. Rev. St. "
    "Mara Lind Corva Halvorsen Brenholm Zlatograd Ruritania Tilden Port Bay City Agency Ministry Company "
    "at least about some nearly over more than fewer between up to around almost roughly reportedly "
    "million billion thousand hundred hundreds dozens dozen two three ten twelve one percent per cent "
    "people soldiers workers passengers were was killed injured arrested evacuated captured sent signed "
    "Monday Tuesday Sunday last next this week month year summer winter yesterday today tomorrow ago since "
    "January March May June December spring earlier later By Photo: Share Read more Trending Now"

) for w in line.split()]
MARKS = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "‹", "›", "—", "–", "-", ",", ".", ":", ";", "!", "?",
         "(", ")", "[", "]", "…", "/", "@", "#", "%", "$", "€", "£", "\n", "\n\n", "\r\n", "\r", "\t",
         "\u00a0", "\u200b", "\ufeff", "\u202e", "\x00", "\u2028"]
DATES = ["10 January 2025", "2025-01-11", "11/01/2025", "March 4", "Feb. 30, 2024", "0001-01-01", "9999-12-31",
         "December 31, 9999", "January 1, 1", "6:45 PM", "5.30pm", "the 1990s", "2012–13", "in 48 hours"]
SEPARATORS = [" ", " ", " ", "", "\n", ", "]


def _number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-10**6, 10**12).map(str),
        st.integers(0, 10**12).map(lambda n: f"{n:,}"),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.integers(20, 2000).map(lambda n: "9" * n),
        st.sampled_from(["inf", "Infinity", "NaN", "1e999", "0.000", "1,", "1,000,", "3-1", "F-16", "+44 20"]),
    )


def _run() -> st.SearchStrategy[str]:
    """A long run of one piece: the input that made tokenizing and figures quadratic."""
    return st.tuples(st.sampled_from(['"', ",", "“", "”", "1,", ".", "'", "-", "(", "a ", "said ", "1 ", "Mr. ",
                                      "“a” ", "\n"]),
                     st.integers(20, 2000)).map(lambda t: t[0] * t[1])


PIECE = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(MARKS),
    _number(), st.sampled_from(DATES), _run(), st.text(max_size=30),
)
TEXT = st.lists(st.tuples(PIECE, st.sampled_from(SEPARATORS)), max_size=100).map(
    lambda parts: "".join(p + s for p, s in parts))
PUBLISHED = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "2025-02-29", "not a date", "2024-11-19T18:45:00+01:00"]),
)

SHORT = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=20_000, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check_spans(doc: Document, spans: Sequence[Any]) -> None:
    text = doc.text
    for x in spans:
        assert 0 <= x.start <= x.end <= len(text), x
        assert text[x.start : x.end] == x.text, x
        for a, b in (("speaker_start", "speaker_end"), ("source_start", "source_end"), ("time_start", "time_end")):
            s, e = getattr(x, a, None), getattr(x, b, None)
            if s is not None or e is not None:
                assert s is not None and e is not None and 0 <= s <= e <= len(text), x
    starts = [x.start for x in spans]
    assert starts == sorted(starts)


def _timed(fn: Callable[[], Any], text: str) -> Any:
    started = time.process_time()
    result = fn()
    took = time.process_time() - started
    assert took < 1.0 + 0.1 * len(text.encode("utf-8", "surrogatepass")) / 1000, f"{took:.2f} s for {len(text)} chars"
    return result


def _extractor_holds(name: str, text: str, published: str | None) -> None:
    doc = _timed(lambda: prepare_text(text, published=published), text)
    assert doc.text == text
    if name == "events":
        times = extract_times(doc)
        spans = _timed(lambda: extract_events(doc, times), text)
    else:
        fn = {"quotes": extract_quotes, "quantities": extract_quantities, "mentions": extract_mentions,
              "times": extract_times}[name]
        spans = _timed(lambda: fn(doc), text)
    _check_spans(doc, spans)


EXTRACTOR_NAMES = ["quotes", "quantities", "mentions", "times", "events"]


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load spaCy and every lexicon once, so that no example pays for it."""
    extract_document(prepare_text("“Two ships sailed on Monday,” officials said.", published="2025-01-11"))


@pytest.mark.parametrize("name", EXTRACTOR_NAMES)
@SHORT
@given(text=TEXT, published=PUBLISHED)
def test_extractor_holds_on_any_text(name: str, text: str, published: str | None) -> None:
    _extractor_holds(name, text, published)


@pytest.mark.long
@pytest.mark.parametrize("name", EXTRACTOR_NAMES)
@LONG
@given(text=TEXT, published=PUBLISHED)
def test_extractor_holds_on_any_text_long(name: str, text: str, published: str | None) -> None:
    _extractor_holds(name, text, published)


def _pipeline_holds(texts: list[str], published: list[str | None]) -> None:
    docs = [prepare_text(t, source=f"t{i}.txt", published=p) for i, (t, p) in enumerate(zip(texts, published, strict=False))]
    found = [_timed(lambda d=d: extract_document(d), d.text) for d in docs]
    for f in found:
        assert not f.failures, f.failures
        _check_spans(f.doc, f.quotes)
        _check_spans(f.doc, f.quantities)
        _check_spans(f.doc, f.mentions)
        _check_spans(f.doc, f.times)
        _check_spans(f.doc, f.events)
    ledger = build_ledger(found)
    ids = {x.doc for x in [*ledger.quotes, *ledger.quantities, *ledger.events]}
    assert ids <= {d.id for d in docs}
    members = {m for g in ledger.groups for m in g.members}
    from newsledger.model import item_id

    assert members <= {item_id(x) for x in [*ledger.quotes, *ledger.quantities, *ledger.events]}


@SHORT
@given(texts=st.lists(TEXT, min_size=1, max_size=3), published=st.lists(PUBLISHED, min_size=3, max_size=3))
def test_pipeline_holds_on_any_batch(texts: list[str], published: list[str | None]) -> None:
    _pipeline_holds(texts, published)


@pytest.mark.long
@LONG
@given(texts=st.lists(TEXT, min_size=1, max_size=3), published=st.lists(PUBLISHED, min_size=3, max_size=3))
def test_pipeline_holds_on_any_batch_long(texts: list[str], published: list[str | None]) -> None:
    _pipeline_holds(texts, published)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Officials said " + "9" * 400 + " people were evacuated.", None),
        ("Officials said " + "a million " * 40 + "people left.", None),
        ("Troops moved in yesterday, officials said.", "0001-01-01"),
        ("Talks resume tomorrow and next week, the minister said.", "9999-12-31"),
        ("1," * 5000, None),
        ('"' * 50_000, None),
        ("," * 50_000, None),
        ("“" * 20_000 + "he said" + "”" * 20_000, None),
    ],
    ids=["digit run", "million million", "before year 1", "after 9999", "1, run", "quote run", "comma run",
         "curly runs"],
)
def test_known_hostile_texts(text: str, published: str | None) -> None:
    """The texts the issue found: crashes (OverflowError) and quadratic costs."""
    for name in EXTRACTOR_NAMES:
        _extractor_holds(name, text, published)
    found = _timed(lambda: extract_document(prepare_text(text, published=published)), text)
    assert not found.failures
