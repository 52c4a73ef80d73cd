"""The facts of a statement: its predicate, subject, polarity, modality, figures and words.

"Veltria will not win this war" → action "win", head "veltria", negated, modality "will";
"a 40-year-old man died of his injuries in Velka" → action "die", figures (40,).
A predicate "be" with a complement takes the complement ("the order would stay in place"
→ "stay"; "the attack was illegal" → "illegal").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from spacy.tokens import Span, Token

from ...model import Facts, Quote
from ..quantities.lexicon import load_quantity_lexicons
from ..quantities.numbers import read_numbers
from .setting import Setting, content_lemma

__all__ = ["statement_facts"]

_MAX_KIDS = 24
_PREDICATE_POS = frozenset({"VERB", "AUX", "ADJ"})
_NEGATIONS = frozenset({"no", "never", "neither", "nor", "none", "nothing"})


def _kids(tok: Token) -> list[Token]:
    return list(islice(tok.children, _MAX_KIDS))


def _predicate(span: Span) -> Token | None:
    """The statement's main word: the verb whose head lies outside the quoted words."""
    roots = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
    verbs = [t for t in roots if t.pos_ in _PREDICATE_POS]
    if not verbs:
        verbs = [t for t in span if t.pos_ == "VERB"]
    if not verbs:
        return None
    head = verbs[0]
    if head.lemma_ == "be":
        comp = next((k for k in _kids(head) if k.dep_ in ("acomp", "attr", "oprd")), None)
        if comp is not None:
            return comp
    return head


def statement_facts(q: Quote, setting: Setting,
                    inexact: Sequence[tuple[int, int, float | None, float | None]] = ()) -> Facts:
    """The facts of one statement (see the module docstring).

    Args:
        q (Quote): the statement.
        setting (Setting): the document's places, times and words per sentence.
        inexact: the document's figures that are bounds or estimates ("at least 20"), as
            (start, end, low, high): their numbers are the statement's estimates, not figures.
    Returns:
        Facts: e.g. for "the order would stay in place": action "stay", modality "would".
    """
    parse = setting.parse
    span = parse.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return Facts()
    pred = _predicate(span)
    negated = False
    modality: str | None = None
    head: str | None = None
    if pred is not None:
        verb = pred.head if pred.dep_ in ("acomp", "attr", "oprd") else pred
        for kid in _kids(verb):
            if kid.dep_ == "neg" or (kid.dep_ in ("advmod", "det") and kid.lower_ in _NEGATIONS):
                negated = True
            if kid.tag_ == "MD":
                modality = kid.lower_
            if kid.dep_ in ("nsubj", "nsubjpass") and head is None:
                head = content_lemma(kid) or kid.lower_
                if any(k.lower_ in _NEGATIONS for k in _kids(kid)):
                    negated = True  # "no one was hurt"
            if kid.dep_ in ("dobj", "attr") and any(k.lower_ in _NEGATIONS for k in _kids(kid)):
                negated = True  # "there will be no strike"
    terms = tuple(dict.fromkeys(w for t in span if (w := content_lemma(t))))
    # digits and number words ("Twenty-three people were killed"); a small count in words
    # ("one of them") is no figure
    numbers = [n for n in read_numbers(parse, span.start, span.end, load_quantity_lexicons())
               if n.value is not None and n.kind == "count" and not n.small]
    figures: list[float] = []
    estimates: list[tuple[float | None, float | None]] = []
    for n in numbers:
        around = next(((lo, hi) for a, b, lo, hi in inexact if a <= n.start < b), None)
        if around is not None:
            estimates.append(around)
        elif n.value is not None:
            figures.append(n.value)
    where = setting.of(q.start, [pred] if pred is not None else list(span[:1]))
    return Facts(
        terms=terms, head=head, action=pred.lemma_.lower() if pred is not None else None,
        places=where.places, period=where.period, period_start=where.period_start, period_end=where.period_end,
        negated=negated, modality=modality, figures=tuple(figures), estimates=tuple(dict.fromkeys(estimates)),
        context=where.context,
    )
