"""Reported speech: the clauses the attribution component found after speech verbs.

"X said (that) …", "X told Y …", "according to X, …", "…, X said.", "The wards, X said,
were unsafe", "Officials report 318 deaths": each attribution with reported content
is a statement, unless its cue stands inside quotation marks (the quoted speaker's own
words), or direct quotes already hold most of it ('X said "…"').
"""

from __future__ import annotations

import bisect

from ...clean.parse import token_at
from ...model import Document, Quote
from ...resolve.attribution import Attributor

__all__ = ["COVERED", "reported_quotes"]

# reported content at least this much covered by direct quotes is left to the direct quotes
COVERED = 0.5
# a piece of a report cut at ", but" has at least this many characters, else it stays whole
_MIN_PIECE = 12


# content constructions that credit a figure to somebody without reporting a statement
_CREDITS_ONLY = frozenset({"content_figure_credited", "content_figure_noun_credited"})


def _covered(start: int, end: int, spans: list[tuple[int, int]], starts: list[int]) -> float:
    """Share of [start, end) inside the given (sorted, disjoint) spans."""
    i = max(0, bisect.bisect_left(starts, start) - 1)
    n = 0
    while i < len(spans) and spans[i][0] < end:
        a, b = spans[i]
        n += max(0, min(end, b) - max(start, a))
        i += 1
    return n / max(1, end - start)


def _pieces(doc: Document, att: Attributor, s: int, e: int, *, before_cue: bool) -> list[tuple[int, int]]:
    """A report that precedes its attribution, cut into its statements at ", but".

    "The club may appeal the ban, but it ought to act quickly, Marsh said." reports
    two things; after the cue ("Marsh said A, but B") the "but" clause is left out by the
    attribution component as the writer's.
    """
    if not before_cue:
        return [(s, e)]
    parse = att.parse
    out: list[tuple[int, int]] = []
    a = s
    for i in range(token_at(parse, s), token_at(parse, max(s, e - 1))):
        tok = parse[i]
        if tok.lower_ == "but" and i > 0 and parse[i - 1].text == "," and tok.idx < e:
            piece = _strip(doc.text, a, parse[i - 1].idx)
            if piece:
                out.append(piece)
            a = tok.idx + len(tok.text)
    last = _strip(doc.text, a, e)
    if last:
        out.append(last)
    return out if all(pe - ps >= _MIN_PIECE for ps, pe in out) else [(s, e)]


def _strip(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and (text[a].isspace() or text[a] in ",;"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return (a, b) if b > a else None


def reported_quotes(doc: Document, att: Attributor, regions: list[tuple[int, int]],
                    statements: list[tuple[int, int]]) -> list[Quote]:
    """Reported statements of one document.

    Args:
        doc (Document): the document.
        att (Attributor): its attributions.
        regions (list[tuple[int, int]]): every quoted passage, marks included (sorted).
        statements (list[tuple[int, int]]): the direct quotes that are statements (sorted).
    Returns:
        list[Quote]: with ``direct=False``, in text order.
    """
    region_starts = [a for a, _ in regions]
    statement_starts = [a for a, _ in statements]
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for a in att.attributions:
        if a.content_start is None or a.content_end is None:
            continue
        s, e = a.content_start, a.content_end
        if (s, e) in seen or doc.is_boilerplate(s, e):
            continue
        if _covered(a.cue_start, a.cue_end, regions, region_starts) > 0:
            continue  # '"I said we would win," she said': the cue is the quoted speaker's
        if _covered(s, e, statements, statement_starts) >= COVERED:
            continue
        if a.content_construction == "content_what_called" and _covered(s, e, regions, region_starts) > 0:
            continue  # 'what the guild calls a "minor" refit': the quotation marks make it a term
        if a.content_construction in _CREDITS_ONLY:
            continue  # "the 40 confirmed by the ministry": a figure credited, not a statement
        seen.add((s, e))
        for piece_start, piece_end in _pieces(doc, att, s, e, before_cue=e <= a.cue_start):
            out.append(Quote(
                doc=doc.id, start=piece_start, end=piece_end, text=doc.text[piece_start:piece_end], direct=False,
                speaker=a.speaker, speaker_start=a.speaker_start, speaker_end=a.speaker_end, cue=a.cue,
            ))
    out.sort(key=lambda q: (q.start, q.end))
    return out
