"""Whether the article distances itself from a figure ("reportedly", "an estimated", "could not verify").

The hedge phrases of ``hedges.tsv`` are found once per document; each has a scope: the
clause an adverb modifies ("The ministry has reportedly bought some 7,000 tablets"), the
sentence ("The refugees are said to number 9,000."), the one figure it stands before ("An
estimated 3,500 people fled"), or, for a disclaimer ("… could not independently verify the
claim."), the figures of its sentence and of the one before, whoever gives them. The
first three hedge only figures the article credits to nobody (FORMAT.md: crediting a named
source is attribution, not a hedge).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from spacy.attrs import LOWER
from spacy.tokens import Doc

from .lexicon import QuantityLexicons

__all__ = ["Hedges", "find_hedges"]

_MAX_CLIMB = 12
_FIGURE_REACH = 2  # tokens between a figure-scoped hedge ("an estimated") and its figure


@dataclass(frozen=True, slots=True)
class _Hedge:
    first: int  # first token
    last: int  # last token
    scope: str
    sentence: int


@dataclass(slots=True)
class Hedges:
    """The hedge phrases of one parse, found sentence by sentence as figures ask for them."""

    parse: Doc
    lex: QuantityLexicons
    sentences: list[int]  # first token of each sentence
    openers: npt.NDArray[np.bool_]  # tokens that may begin a hedge phrase
    found: dict[int, tuple[_Hedge, ...]] = field(default_factory=dict)

    def covers(self, first: int, anchor: int, *, named: bool) -> bool:
        """Whether the figure whose number starts at token ``first`` (head ``anchor``) is hedged.

        Args:
            first (int): the figure's first token (its number, after any bound's words).
            anchor (int): the figure's head token.
            named (bool): the article names a source for it.
        Returns:
            bool: True when a hedge covers it.
        """
        s = bisect.bisect_right(self.sentences, first) - 1
        for h in self._in(s) + self._in(s + 1):
            if h.scope == "disclaimer" and h.sentence in (s, s + 1):
                return True
            if named or h.sentence != s:
                continue
            if h.scope == "sentence":
                return True
            if h.scope == "figure" and h.last < first and first - h.last <= _FIGURE_REACH:
                return True
            if h.scope == "clause" and _in_clause(self.parse, anchor, self.parse[h.first].head.i):
                return True
        return False

    def _in(self, s: int) -> tuple[_Hedge, ...]:
        """The hedge phrases of sentence ``s`` (read once)."""
        if s >= len(self.sentences) or s < 0:
            return ()
        if s not in self.found:
            hi = self.sentences[s + 1] if s + 1 < len(self.sentences) else len(self.parse)
            lo = self.sentences[s]
            starts = [lo + int(k) for k in np.flatnonzero(self.openers[lo:hi])]
            self.found[s] = tuple(_phrases(self.parse, starts, hi, s, self.lex))
        return self.found[s]


def _in_clause(parse: Doc, token: int, head: int) -> bool:
    """Whether ``token`` stands under ``head`` without crossing into a clause joined by "and"/"but"."""
    t = parse[token]
    for _ in range(_MAX_CLIMB):
        if t.i == head:
            return True
        if (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")) or t.head.i == t.i:
            return False  # "the toll reportedly rose, and 40 people died": not the second clause
        t = t.head
    return False


def find_hedges(parse: Doc, lex: QuantityLexicons) -> Hedges:
    """The hedges of a parse, read sentence by sentence when a figure asks.

    Example: "The ministry has reportedly bought 7,000 tablets." holds "reportedly" (clause scope).
    """
    strings = parse.vocab.strings
    words = np.array([strings[p[0]] for p in lex.hedges], dtype=np.uint64)
    openers = np.isin(parse.to_array([LOWER]).reshape(-1), words) if len(parse) else np.zeros(0, dtype=bool)
    return Hedges(parse, lex, [s.start for s in parse.sents], openers)


def _phrases(parse: Doc, starts: list[int], hi: int, sentence: int, lex: QuantityLexicons) -> list[_Hedge]:
    found: list[_Hedge] = []
    for i in starts:
        tok = parse[i]
        for n in range(min(lex.max_words, hi - tok.i), 0, -1):
            scope = lex.hedges.get(tuple(parse[k].lower_ for k in range(tok.i, tok.i + n)))
            if scope is not None:
                found.append(_Hedge(tok.i, tok.i + n - 1, scope, sentence))
                break
    return found
