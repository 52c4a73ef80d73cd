"""Where and when a claim stands: the places, times and content words around it, per sentence.

Built once per parsed document (:class:`Setting`), then asked for each claim. A claim's
places are the place names of its sentence ("killed in the capital, Velka"), else those
of the sentence before it in the same paragraph ("The storm lashed northern Norland. …
Officials say 140 have been hurt"): a follow-up sentence goes on about the place
just named. Its period is the time expression of its own clause ("the last strike, in 1996,
dragged on for six weeks" → "in 1996" belongs to "dragged"; a time of another clause of
the sentence does not).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...clean.parse import sentence_bounds, token_at
from ...model import Document, TimeExpr
from .._clauses import clause_head

__all__ = ["ClaimSetting", "Setting"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
# most content words kept per sentence for the context of a claim
_MAX_CONTEXT = 40


@dataclass(frozen=True, slots=True)
class ClaimSetting:
    """Places, period and context words of one claim (see :class:`Setting`)."""

    places: tuple[str, ...] = ()
    period: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    context: tuple[str, ...] = ()


def content_lemma(tok: Token) -> str | None:
    """A content word's lemma, lower case (a proper name as written, lower case); None for the rest."""
    if not tok.is_alpha or tok.is_stop or tok.pos_ not in _CONTENT_POS or len(tok.text) < 2:
        return None
    return tok.text.lower() if tok.pos_ == "PROPN" else tok.lemma_.lower()


class Setting:
    """Per-sentence places, content words and times of one parsed document.

    Args:
        doc (Document): a document with its parse.
        times (Sequence[TimeExpr]): its time expressions (``extract_times``).
    """

    def __init__(self, doc: Document, times: Sequence[TimeExpr] = ()) -> None:
        parse = doc.parse
        assert parse is not None
        self.doc = doc
        self.parse: Doc = parse
        self.bounds = sentence_bounds(parse)
        self.starts = [b[0] for b in self.bounds]
        self._places: dict[int, tuple[str, ...]] = {}
        for ent in parse.ents:
            if ent.label_ in _PLACE_LABELS:
                i = self._sentence(ent.start)
                self._places[i] = (*self._places.get(i, ()), ent.text.strip())
        self._words: dict[int, tuple[str, ...]] = {}
        self._times: dict[int, list[tuple[TimeExpr, Token | None]]] = {}
        for t in times:
            span: Span | None = parse.char_span(t.start, t.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = clause_head(span, ())
            self._times.setdefault(self._sentence(span.start), []).append((t, head))
        para_starts = [p[0] for p in doc.paragraphs]
        self._paragraph = [bisect.bisect_right(para_starts, parse[b[0]].idx) - 1 if len(parse) else -1
                           for b in self.bounds]

    def _sentence(self, token: int) -> int:
        return max(0, bisect.bisect_right(self.starts, token) - 1)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding character ``offset``."""
        return self._sentence(min(token_at(self.parse, offset), max(0, len(self.parse) - 1)))

    def places_of(self, sentence: int) -> tuple[str, ...]:
        """Place names of a sentence, else of the sentence before it in the same paragraph."""
        own = self._places.get(sentence, ())
        if own or sentence == 0 or self._paragraph[sentence] != self._paragraph[sentence - 1]:
            return own
        return self._places.get(sentence - 1, ())

    def words_of(self, sentence: int) -> tuple[str, ...]:
        """Content lemmas of one sentence (computed once)."""
        if sentence not in self._words:
            lo, hi, _ = self.bounds[sentence]
            found = dict.fromkeys(w for t in self.parse[lo:hi] if (w := content_lemma(t)))
            self._words[sentence] = tuple(found)[:_MAX_CONTEXT]
        return self._words[sentence]

    def context_of(self, sentence: int) -> tuple[str, ...]:
        """Content lemmas of a sentence and of those either side of it."""
        lo, hi = max(0, sentence - 1), min(len(self.bounds) - 1, sentence + 1)
        return tuple(dict.fromkeys(w for i in range(lo, hi + 1) for w in self.words_of(i)))

    def period_of(self, sentence: int, words: Sequence[Token]) -> TimeExpr | None:
        """The time expression of the clause of ``words`` (a figure's number, noun and verb).

        A time counts when the word it belongs to is one of ``words`` or one of their heads.
        """
        found = self._times.get(sentence)
        if not found:
            return None
        mine: set[int] = set()
        for w in words:
            t = w
            for _ in range(6):
                mine.add(t.i)
                if t.head.i == t.i:
                    break
                t = t.head
        for time, head in found:
            if head is not None and head.i in mine:
                return time
        return None

    def of(self, start: int, words: Sequence[Token] = ()) -> ClaimSetting:
        """The setting of a claim starting at character ``start`` whose own words are ``words``."""
        if not len(self.parse):
            return ClaimSetting()
        i = self.sentence_at(start)
        period = self.period_of(i, words) if words else None
        return ClaimSetting(
            places=tuple(dict.fromkeys(self.places_of(i))),
            period=period.text if period else None,
            period_start=period.date_start if period else None,
            period_end=period.date_end if period else None,
            context=self.context_of(i),
        )
