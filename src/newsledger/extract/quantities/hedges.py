"""Whether the article distances itself from a figure ("reportedly", "an estimated", "could not verify").

The hedge phrases of ``hedges.tsv`` are found once per document; each has a scope: the
clause an adverb modifies ("Ruritania has reportedly sent some 7,000 troops"), the
sentence ("The refugees are said to number 9,000."), the one figure it stands before ("An
estimated 3,500 people fled"), or, for a disclaimer ("… could not independently verify the
claim."), the figures of its sentence and of the one before, whoever gives them. The
first three hedge only figures the article credits to nobody (FORMAT.md: crediting a named
source is attribution, not a hedge).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Hedges:
    """The hedge phrases of one parse, by sentence; ask :meth:`covers` for a figure."""

    parse: Doc
    sentences: tuple[int, ...]  # first token of each sentence
    by_sentence: dict[int, tuple[_Hedge, ...]]

    def covers(self, first: int, anchor: int, *, named: bool) -> bool:
        """Whether the figure whose words start at token ``first`` (head ``anchor``) is hedged.

        Args:
            first (int): the figure's first token (its bound's words included).
            anchor (int): the figure's head token.
            named (bool): the article names a source for it.
        Returns:
            bool: True when a hedge covers it.
        """
        s = bisect.bisect_right(self.sentences, first) - 1
        for h in self.by_sentence.get(s, ()) + self.by_sentence.get(s + 1, ()):
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
    """Every hedge phrase of a parse, with its scope and sentence.

    Example: "Ruritania has reportedly sent 7,000 troops." holds "reportedly" (clause scope).
    """
    sentences = tuple(s.start for s in parse.sents)
    starts = {p[0] for p in lex.hedges}
    found: list[_Hedge] = []
    s = 0
    for tok in parse:
        if tok.lower_ not in starts:
            continue
        while s + 1 < len(sentences) and sentences[s + 1] <= tok.i:
            s += 1
        for n in range(min(lex.max_words, len(parse) - tok.i), 0, -1):
            scope = lex.hedges.get(tuple(parse[k].lower_ for k in range(tok.i, tok.i + n)))
            if scope is not None:
                found.append(_Hedge(tok.i, tok.i + n - 1, scope, s))
                break
    by_sentence: dict[int, list[_Hedge]] = {}
    for h in found:
        by_sentence.setdefault(h.sentence, []).append(h)
    return Hedges(parse, sentences, {k: tuple(v) for k, v in by_sentence.items()})
