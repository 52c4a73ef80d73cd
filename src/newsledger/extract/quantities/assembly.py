"""The figure extractor: every numeric claim of one parsed article, as a :class:`Quantity`.

The cascade, sentence by sentence (boilerplate lines, the title and headline-like lines
are skipped: a headline restates a body figure without its source):

1. numbers from the tokens (:mod:`.numbers`), those that are no claim dropped: years,
   dates, times, ages, phone numbers, scores, names and models (:mod:`.nonclaims`);
2. figures: units, ranges, changes, durations, bounds and the interval they allow
   (:mod:`.figures`, :mod:`.qualifiers`, :mod:`.units`);
3. what each counts (:mod:`.measure`); a small number word ("three") is a claim only when
   it counts something ("three bridges"), not when it refers ("the two provinces") or names
   a source ("two officials said"); "one" alone, "several" and "a couple" never are;
4. who gives it (:mod:`.source`) and whether the article hedges it (:mod:`.hedges`).
"""

from __future__ import annotations

import bisect
import dataclasses

import numpy as np
import numpy.typing as npt
from spacy.attrs import LOWER, PREFIX
from spacy.tokens import Doc, Token

from ...model import Document, Quantity
from .figures import Figure, read_figures
from .hedges import Hedges, find_hedges
from .lexicon import QuantityLexicons, load_quantity_lexicons
from .measure import Measure, read_measure
from .nonclaims import age_of, drop_nonclaims
from .numbers import read_numbers
from .qualifiers import interval
from .source import figure_source

__all__ = ["extract_quantities"]

_HEADLINE_CAPS = 0.7  # share of capitalised long words that makes a line a headline
_MAX_SPAN_GAP = 6  # tokens between a figure and the noun its span reaches to
_SUPERLATIVE = frozenset(["JJS", "RBS"])
_MAX_LIST = 8  # nouns of a list a bound is carried along
_CLIMB_COMPARED = 3  # heads climbed from a figure to the "from" of "up from 41" ("150 last year": 150 → year → with)
_NUMBER_FIRSTS = "0123456789-+−."  # first characters of a number in digits ("-0.3", ".5")


def extract_quantities(doc: Document, *, lexicons: QuantityLexicons | None = None) -> list[Quantity]:
    """Numeric claims of one article, sorted by start.

    Example: in "Ruritanian officials said at least 4,000 soldiers were killed." the figure
    is ``at least 4,000 soldiers``: value 4000, low 4000, high None, qualifier "at_least",
    measure "soldiers killed", source "Ruritanian officials", not hedged.

    Args:
        doc (Document): a prepared document; parsed here when it has no parse yet.
        lexicons (QuantityLexicons | None): the tables; the shipped ones by default.
    Returns:
        list[Quantity]: one per figure, outside boilerplate and headlines, sorted by start.
    """
    lex = lexicons or load_quantity_lexicons()
    if doc.parse is None:
        from ...clean.parse import parse_document

        doc = parse_document(doc)
    parse = doc.parse
    if parse is None:
        return []
    para_starts = [p[0] for p in doc.paragraphs]
    hedges: Hedges | None = None
    out: list[Quantity] = []
    maybe = _maybe_numbers(parse, lex)
    for sent in parse.sents:
        lo, hi = sent.start, sent.end
        if not maybe[lo:hi].any():
            continue
        if _skipped(doc, sent.start_char, sent.end_char, para_starts):
            continue
        starts = (lo + int(k) for k in np.flatnonzero(maybe[lo:hi]))
        numbers = drop_nonclaims(parse, read_numbers(parse, lo, hi, lex, starts=starts), lo, hi, lex)
        if not numbers:
            continue
        hedges = hedges or find_hedges(parse, lex)
        found: dict[int, Measure] = {}
        bounded: dict[int, Figure] = {}
        ages = {n.first: age for n in numbers if (age := age_of(parse, n, lo, hi, lex)) is not None}
        for fig in read_figures(parse, numbers, lo, hi, lex):
            if fig.first in ages:
                out.append(_age(doc, parse, fig, ages[fig.first], hedges))
                continue
            measure = _inherited(parse, fig, read_measure(parse, fig, lo, hi, lex), found)
            found[fig.anchor] = measure
            if measure.noun >= 0:
                found[measure.noun] = measure  # "212 votes in favour and 97 against"
            fig = _distributed(parse, fig, measure, bounded, lex)
            if measure.noun >= 0 and fig.bound is not None:
                bounded[measure.noun] = fig
            if not measure.text or not _counts(parse, fig, measure, lo, lex):
                continue
            q = _quantity(doc, parse, fig, measure, hedges, lex)
            if q.source is None and measure.pronoun and out and out[-1].source is not None and (
                    out[-1].end <= sent.start_char):
                # "Six were taken to hospital, a spokeswoman said. Two of them remain …": the part
                # is of the figure just given, on the same word
                last = out[-1]
                q = dataclasses.replace(q, source=last.source, source_start=last.source_start,
                                        source_end=last.source_end, hedged=False)
            out.append(q)
    return _once(sorted(out, key=lambda q: (q.start, q.end)))


def _once(found: list[Quantity]) -> list[Quantity]:
    """Each figure once per source: "dozens of nurses", said again by the same source, is one claim.

    Two figures are one claim when their numbers, interval and qualifier are equal and they
    have the same source (by the last word of its name); figures credited to nobody are
    never merged.
    """
    seen: set[tuple[object, ...]] = set()
    out = []
    for q in found:
        key = (q.value, q.low, q.high, q.qualifier, (q.source or "").split()[-1:] and q.source.split()[-1].lower()
               if q.source else None)
        if q.source is not None and key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out


def _maybe_numbers(parse: Doc, lex: QuantityLexicons) -> npt.NDArray[np.bool_]:
    """Which tokens may begin a number: a digit first, or a number word ("two", "dozens", "a").

    Read from the parse's arrays in one pass, so that sentences without a number cost nothing.
    """
    if not len(parse):
        return np.zeros(0, dtype=bool)
    table = parse.to_array([LOWER, PREFIX])
    strings = parse.vocab.strings
    words = np.array([strings[w] for w in lex.starters], dtype=np.uint64)
    firsts = np.array([strings[c] for c in _NUMBER_FIRSTS], dtype=np.uint64)
    return np.isin(table[:, 0], words) | np.isin(table[:, 1], firsts)


def _skipped(doc: Document, start: int, end: int, para_starts: list[int]) -> bool:
    """Boilerplate, the title line, and headline-like lines (a title-case line without closing punctuation)."""
    title = doc.meta.title_span
    if doc.is_boilerplate(start, end) or (title is not None and title.overlaps(start, end)):
        return True
    i = bisect.bisect_right(para_starts, start) - 1
    if i < 0 or start >= doc.paragraphs[i][1]:
        return False
    line = doc.text[doc.paragraphs[i][0]:doc.paragraphs[i][1]].rstrip()
    if not line or line[-1] in '.!?"”’:;,)':
        return False
    words = [w for w in line.split() if len(w) > 3 and w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) >= _HEADLINE_CAPS * len(words)


def _inherited(parse: Doc, fig: Figure, measure: Measure, found: dict[int, Measure]) -> Measure:
    """ "measuring 5.3 and 4.8": a figure joined to an earlier one counts what that one counts;
    so does the figure an earlier one is compared with ("rose to 57, up from 41", "320
    complaints, compared with 150 last year")."""
    anchor = parse[fig.anchor]
    if measure.before >= 0 or measure.partitive:
        return measure
    timed = measure.noun >= 0 and parse[measure.noun].ent_type_ in ("DATE", "TIME")  # "150 last year"
    if measure.noun >= 0 and not timed:
        return measure
    if anchor.dep_ == "conj" and anchor.head.i in found:
        return found[anchor.head.i]
    earlier = _compared_with(parse, anchor, found)
    return earlier if earlier is not None else measure


def _compared_with(parse: Doc, anchor: Token, found: dict[int, Measure]) -> Measure | None:
    """The measure of the figure before ``anchor`` that it is set against: "up from", "down
    from", "compared with" on the same verb. ("Against" is left alone: "312 votes against",
    "won 3 against 2" compare nothing.)"""
    tok = anchor
    for _ in range(_CLIMB_COMPARED):
        if tok.dep_ == "pobj" and tok.head.lower_ in ("from", "with", "to"):
            pivot = tok.head.head
            if pivot.lower_ not in ("up", "down") and pivot.lemma_.lower() != "compare":
                return None
            verb = pivot.head
            before = [m for i, m in found.items() if i < anchor.i and m.text and m.verb == verb.i]
            return before[-1] if before else None
        tok = tok.head
    return None


def _distributed(parse: Doc, fig: Figure, m: Measure, bounded: dict[int, Figure], lex: QuantityLexicons) -> Figure:
    """ "at least 1,400 homes, 45 schools and nine clinics": a lower bound on the first of a list
    of counted nouns bounds the others too."""
    if fig.bound is not None or fig.kind != "count" or fig.value is None or m.noun < 0:
        return fig
    noun = parse[m.noun]
    for _ in range(_MAX_LIST):
        if noun.dep_ != "conj":
            return fig
        noun = noun.head
        first = bounded.get(noun.i)
        if first is not None and first.qualifier in ("at_least", "more_than"):
            bound = lex.bounds_before.get(tuple((first.bound or "").split()))
            if bound is None:
                return fig
            low, high, qualifier = interval(fig.value, bound)
            return dataclasses.replace(fig, low=low, high=high, qualifier=qualifier, bound=first.bound)
    return fig


def _counts(parse: Doc, fig: Figure, m: Measure, lo: int, lex: QuantityLexicons) -> bool:
    """Whether a figure counts something the article claims (small words and "one" need a noun)."""
    counted = m.noun >= 0 or m.before >= 0 or m.partitive or fig.unit is not None
    if fig.word and fig.kind == "count" and fig.value == 1 and not fig.bound:
        return False  # "one soldier", "one of the largest": a reference, not a count
    if fig.kind == "vague" and not fig.small and not (counted or m.verb >= 0):
        return False  # "by the hundreds"
    if not fig.small or fig.bound:
        return True
    before = parse[fig.first - 1] if fig.first > lo else None
    if before is not None and (before.lower_ in lex.kind("definite") or before.tag_ == "PRP$"):
        return False  # "the two provinces", "their three children"
    if _superlative(parse, m.noun):
        return False  # "five of the largest hospitals", "the world's two biggest insurers"
    if m.noun >= 0 and m.verb >= 0 and m.role == "subject" and parse[m.noun].dep_ == "nsubj":
        verb = parse[m.verb]
        if verb.lemma_.lower() in lex.speech_verbs:
            return False  # "two officials said": a source, not a count
    if fig.kind == "vague":
        # "several", "a couple": no count an article vouches for ("targeting several bases")
        return False
    return counted or m.role in ("subject", "object")


def _superlative(parse: Doc, noun: int) -> bool:
    if noun < 0:
        return False
    tok = parse[noun]
    return any(t.tag_ in _SUPERLATIVE for t in parse[max(tok.left_edge.i, noun - 4):noun])


def _quantity(doc: Document, parse: Doc, fig: Figure, m: Measure, hedges: Hedges, lex: QuantityLexicons) -> Quantity:
    start, end = fig.start, fig.end
    if m.before >= 0:
        start = min(start, parse[m.before].idx)
    if m.noun >= 0 and m.noun - fig.last <= _MAX_SPAN_GAP and not any(
            t.like_num or t.text[:1].isdigit() or (t.is_punct and t.text not in "-–'’")
            for t in parse[fig.last + 1:m.noun]):
        noun = parse[m.noun]
        end = max(end, noun.idx + len(noun.text))  # not over another figure: "half of the 30-storey tower"
    elif m.noun < 0 and m.before < 0 and m.role == "subject" and fig.last < m.verb <= fig.last + 4:
        verb = parse[m.verb]
        end = max(end, verb.idx + len(verb.text))  # "820 injured", "dozens more are missing"
    source = figure_source(doc, fig.start, fig.end)
    hedged = hedges.covers(fig.first, fig.anchor, named=source is not None)
    return Quantity(
        doc=doc.id, start=start, end=end, text=doc.text[start:end], value=_clean(fig.value), low=_clean(fig.low),
        high=_clean(fig.high), qualifier=fig.qualifier, measure=m.text, unit=fig.unit.name if fig.unit else None,
        source=source[0] if source else None, source_start=source[1] if source else None,
        source_end=source[2] if source else None, hedged=hedged, measure_head=m.head, action=m.action,
    )


def _age(doc: Document, parse: Doc, fig: Figure, whom: tuple[int, int], hedges: Hedges) -> Quantity:
    """Somebody's age as a figure: "a 52-year-old man" → 52 years, measure "age of man"."""
    start, end = fig.start, fig.end
    k = fig.last + 1
    while k < len(parse) and parse[k].lower_ in ("-", "year", "years", "month", "months", "old"):
        end = parse[k].idx + len(parse[k].text)  # "52-year-old"
        k += 1
    person = parse[whom[0]:whom[1]].text if whom[1] > whom[0] else ""
    months = any(parse[x].lower_.startswith("month") for x in range(fig.last + 1, k))
    source = figure_source(doc, fig.start, fig.end)
    return Quantity(
        doc=doc.id, start=start, end=end, text=doc.text[start:end], value=_clean(fig.value), low=_clean(fig.low),
        high=_clean(fig.high), qualifier=fig.qualifier, measure=f"age of {person}" if person else "age",
        unit="months" if months else "years", source=source[0] if source else None,
        source_start=source[1] if source else None, source_end=source[2] if source else None,
        hedged=hedges.covers(fig.first, fig.anchor, named=source is not None), measure_head="age", action=None,
    )


def _clean(x: float | None) -> float | None:
    """Float noise from scales and bands rounded off: 8.2 x 1e9 is 8,200,000,000, not 8,199,999,999.999999."""
    if x is None:
        return None
    r = float(f"{x:.12g}")
    r = round(r, 6) if abs(r) < 1e6 else r
    return float(int(r)) if r.is_integer() else r
