"""Sentence and paragraph offsets, computed once per document.

Sentences come from spaCy's blank English pipeline with its rule-based sentencizer (no
pretrained model). A line break always ends a sentence: news text puts headlines,
bylines and paragraphs on lines of their own, and a sentence never runs across them.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language

_LINE = re.compile(r"[^\n\r]+")
# spaCy's tokenizer strips leading and trailing punctuation one character at a time, each
# time copying the rest of the word: a run of thousands of quotation marks or commas costs
# quadratic time. No prose has 32 punctuation marks in a row, so within such a run every
# 32nd mark is shown to spaCy as a space (same length: offsets stay those of the text).
_PUNCT_RUN = re.compile(r"[^\w\s]{32,}")
_RUN_STEP = 32


@cache
def blank_pipeline() -> Language:
    """spaCy blank English + sentencizer, built once."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 50_000_000
    return nlp


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its surrounding spaces."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def find_sentences(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence offsets of ``text``: spaCy's sentencizer run on each line.

    Example: ``find_sentences("He left. She stayed.")`` → ``[(0, 8), (9, 20)]``.
    """
    nlp = blank_pipeline()
    paras = find_paragraphs(text) if paragraphs is None else paragraphs
    out: list[tuple[int, int]] = []
    chunks = [text[s:e] for s, e in paras]
    shown = (_break_punct_runs(c) for c in chunks)
    for (ps, _pe), chunk, sdoc in zip(paras, chunks, nlp.pipe(shown, batch_size=64), strict=True):
        # (``Doc.text`` rebuilds the string on every access: use the chunk itself)
        bounds = _join_after_titles(chunk, [(sent.start_char, sent.end_char) for sent in sdoc.sents])
        for s, e in _fix_opening_quotes(chunk, bounds):
            while e > s and chunk[e - 1].isspace():
                e -= 1
            while s < e and chunk[s].isspace():
                s += 1
            if e > s:
                out.append((ps + s, ps + e))
    return out


def _break_punct_runs(chunk: str) -> str:
    """``chunk`` with every 32nd mark of a long run of punctuation made a space (see ``_PUNCT_RUN``)."""
    if not _PUNCT_RUN.search(chunk):
        return chunk
    chars = list(chunk)
    for m in _PUNCT_RUN.finditer(chunk):
        for i in range(m.start() + _RUN_STEP - 1, m.end(), _RUN_STEP):
            chars[i] = " "
    return "".join(chars)


# A sentence never ends on a title abbreviation: "Dr. Mara Lind said" is one sentence.
_TITLE_END = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sgt|Sen|Rep|Gov|St|Rev|Maj|Adm|Cmdr|Jr|Sr)\.$")


def _join_after_titles(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in bounds:
        if out and _TITLE_END.search(text[max(out[-1][0], out[-1][1] - 8) : out[-1][1]].rstrip()):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_OPENERS = "\"“‘«„"


def _fix_opening_quotes(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move an opening quotation mark left at a sentence's end to the next sentence.

    The sentencizer splits ``He left. "Go now," she said.`` after the mark.
    """
    fixed = list(bounds)
    for i in range(len(fixed) - 1):
        s, e = fixed[i]
        j = e
        while j > s and text[j - 1].isspace():
            j -= 1
        if j - 1 > s and text[j - 1] in _OPENERS and text[j - 2].isspace():
            fixed[i] = (s, j - 1)
            fixed[i + 1] = (j - 1, fixed[i + 1][1])
    return fixed
