"""Wire copies: which analysed articles repeat another's text or run a credited original.

Two ways an article shows it is a copy:

- its credits name the original: "Read the original article on Harbour Wire",
  "Source: Coastline Courier" (the metadata's ``credits``), a wire tag "(AP)", "(Reuters)" or a
  closing "— Reuters" on its first or last lines;
- its sentences are those of another analysed article: at least :data:`MIN_SHARED` sentences of
  eight words or more, or half of the shorter article's, match one of the other's (the same
  words, or nearly: rapidfuzz ratio of :data:`NEAR` or more). The earlier article (else the
  longer, else the first by name) is the original.

Sentences are the clean stage's, compared as folded strings: no word is re-read here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Document
from .sources import document_label

__all__ = ["MIN_SHARED", "NEAR", "Copies", "find_copies"]

MIN_SHARED = 3
NEAR = 90.0
_MIN_WORDS = 8
_KEY_WORDS = 5
_EDGE_CHARS = 300
_FOLD = re.compile(r"[^\w]+")
_WIRE_TAG = re.compile(r"\(([A-Z][\w.&' -]{1,40})\)")
_WIRE_END = re.compile(r"[—–-]\s*([A-Z][\w.&' -]{1,40})\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Copies:
    """Document id → the outlet or document it copies (as the reader is told), for each copy found."""

    original: dict[str, str]

    def of(self, doc_id: str) -> str | None:
        """What ``doc_id`` copies, or None when it is an original."""
        return self.original.get(doc_id)


def _fold(text: str) -> str:
    return " ".join(_FOLD.sub(" ", text.casefold()).split())


def _credited(doc: Document) -> str | None:
    """The original an article credits: its metadata's credits, else a wire tag at its top or bottom."""
    from ..extract.facts.citations import is_outlet  # late: extract.facts reads compare's word helpers

    if doc.meta.credits:
        return doc.meta.credits[0]
    edges = doc.text[:_EDGE_CHARS] + "\n" + doc.text[-_EDGE_CHARS:]
    for pattern in (_WIRE_TAG, _WIRE_END):
        for m in pattern.finditer(edges):
            name = m.group(1).strip()
            if is_outlet(name):
                return name
    return None


def _sentences(doc: Document) -> list[str]:
    out = []
    for s, e in doc.body_sentences():
        folded = _fold(doc.text[s:e])
        if len(folded.split()) >= _MIN_WORDS:
            out.append(folded)
    return out


def _shared(a: list[str], b: list[str]) -> int:
    """How many sentences of ``a`` are found in ``b``, the same or nearly."""
    exact = set(b)
    heads: dict[str, list[str]] = defaultdict(list)
    for s in b:
        words = s.split()
        heads[" ".join(words[:_KEY_WORDS])].append(s)
        heads[" ".join(words[-_KEY_WORDS:])].append(s)
    n = 0
    for s in a:
        if s in exact:
            n += 1
            continue
        words = s.split()
        near = heads.get(" ".join(words[:_KEY_WORDS]), []) + heads.get(" ".join(words[-_KEY_WORDS:]), [])
        if any(fuzz.ratio(s, t) >= NEAR for t in near):
            n += 1
    return n


def find_copies(documents: Sequence[Document]) -> Copies:
    """The copies among ``documents`` and what each copies (see the module docstring).

    Args:
        documents (Sequence[Document]): the articles, e.g. two outlets running one AFP story.
    Returns:
        Copies: e.g. ``{"d2": "d1.txt"}`` when d2 repeats d1's sentences, ``{"d3": "Coastline Courier"}``
        when d3 credits the Coastline Courier.
    """
    original: dict[str, str] = {}
    for d in documents:
        credit = _credited(d)
        if credit:
            original[d.id] = credit
    sentences = {d.id: _sentences(d) for d in documents}
    by_sentence: dict[str, set[str]] = defaultdict(set)
    for doc_id, ss in sentences.items():
        for s in ss:
            words = s.split()
            by_sentence[" ".join(words[:_KEY_WORDS])].add(doc_id)
    pairs: set[tuple[str, str]] = set()
    for ids in by_sentence.values():
        if 1 < len(ids) <= 20:  # a key in many articles is a stock phrase, not a copy
            ordered = sorted(ids)
            pairs |= {(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]}
    docs = {d.id: d for d in documents}
    for a, b in sorted(pairs):
        sa, sb = sentences[a], sentences[b]
        small = min(len(sa), len(sb))
        shared = _shared(sa, sb) if len(sa) <= len(sb) else _shared(sb, sa)
        if shared < MIN_SHARED and not (small and shared * 2 >= small and shared >= 2):
            continue
        first, copy = _order(docs[a], docs[b])
        if copy.id not in original:
            original[copy.id] = original.get(first.id) or document_label(first, first.id)
    return Copies(original)


def _order(a: Document, b: Document) -> tuple[Document, Document]:
    """(original, copy): the earlier published, else the longer, else the first by name."""
    pa, pb = a.meta.published or "", b.meta.published or ""
    if pa and pb and pa[:10] != pb[:10]:
        return (a, b) if pa < pb else (b, a)
    if len(a.text) != len(b.text):
        return (a, b) if len(a.text) > len(b.text) else (b, a)
    return (a, b) if a.file <= b.file else (b, a)
