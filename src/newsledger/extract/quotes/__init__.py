"""Quotes: who said what, in quotation marks (direct) or as reported speech (indirect).

The cascade, over the document's parse:

1. **Marks** (``marks.py``). The quoted passages of each paragraph: straight and curly
   double and single quotes, guillemets, „…“; apostrophes told apart from closing marks; an
   unclosed mark ends at its paragraph unless the next paragraph opens with one.
2. **Terms** (``terms.py``). Quoted names, terms and scare quotes ("known as 'X'", "the
   so-called 'X'", capitalised names, a headline's quoted word, the writer's own noun phrase
   after a preposition) are kept with ``kind="term"`` and never exported as statements.
3. **Attribution** (``direct.py``, through ``resolve/attribution.py``). The speech or
   evaluative verb the quoted words hang on in the parse, or one right after or before them
   in their sentence, gives the speaker (the verb's subject, agent, the noun a relative
   clause hangs on, "according to X", pronouns and descriptions resolved to the name before
   them); then a colon or dash ('Ann Lee: "…"', '"…" — Ann Lee'). A short fragment that
   nobody in its sentence is said to have said is a term.
4. **Reported speech** (``reported.py``). Every clause a speech verb governs ("said (that)
   …", "told reporters …", "according to X, …", "…, X said.", "The wards, X said, were
   unsafe") with its speaker, unless direct quotes already hold it.
5. **Inheritance.** A quote with no attribution of its own takes the speaker of the quote
   it continues (a run over paragraphs), else of the statement before it in its paragraph,
   else of the paragraph before when it clearly continues it (that paragraph ended with a
   quote or an attributed sentence), else the person who opens the sentence before it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ...clean.parse import parse_document, sentence_of, token_at
from ...model import Document, Quote
from ...resolve.attribution import Attributor, attributor_for
from ...resolve.cues import CueLexicons, load_cue_lexicons
from ...resolve.phrases import Phrase, PhraseLexicons, load_phrase_lexicons
from .direct import Regions, attribute_direct
from .marks import Marked, find_marked
from .reported import reported_quotes
from .terms import SHORT_WORDS, TermLexicons, load_term_lexicons, term_reason

__all__ = ["QuoteLexicons", "extract_quotes", "load_quote_lexicons"]

_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[\w’'-]+")
# a quote that opens its paragraph continues the one before only when what follows the
# earlier statement in that paragraph is no more than closing punctuation
_TRAILING = " .,\"”’'»"


@dataclass(frozen=True, slots=True)
class QuoteLexicons:
    """The word lists the quote extractor reads: cues, phrases and terms."""

    cues: CueLexicons
    phrases: PhraseLexicons
    terms: TermLexicons


@cache
def load_quote_lexicons() -> QuoteLexicons:
    """The quote extractor's lexicons from ``data/en`` (cached)."""
    return QuoteLexicons(load_cue_lexicons(), load_phrase_lexicons(), load_term_lexicons())


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _standalone(doc: Document, m: Marked) -> bool:
    """True when the quote is its sentence (nothing but punctuation around it)."""
    s = doc.sentence_at(m.open_at)
    e = doc.sentence_at(m.close_at if m.close_at is not None else max(m.start, m.end - 1))
    if s is None or e is None:
        return False
    return _ALNUM.search(doc.text, s[0], m.open_at) is None and _ALNUM.search(doc.text, m.outer_end, e[1]) is None


@dataclass(slots=True)
class _Direct:
    mark: Marked
    quote: Quote
    own: bool  # has an attribution of its own (a cue or a colon/dash)


def _quote(doc: Document, s: int, e: int, speaker: Phrase | None, cue: str | None, kind: str) -> Quote:
    return Quote(
        doc=doc.id, start=s, end=e, text=doc.text[s:e], direct=True,
        speaker=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        cue=cue, kind="term" if kind == "term" else "statement",
    )


def _direct_quotes(doc: Document, parse: Doc, att: Attributor, marked: list[Marked],
                   lex: QuoteLexicons) -> list[_Direct]:
    regions = Regions([(m.open_at, m.outer_end) for m in marked])
    cue_tokens = {a.cue_token for a in att.attributions}
    out: list[_Direct] = []
    for m in marked:
        s, e = _trimmed(doc.text, m.start, m.end)
        if e <= s or not _ALNUM.search(doc.text, s, e) or doc.is_boilerplate(s, e):
            continue
        first = token_at(parse, m.open_at)
        reason = term_reason(doc, parse, m, first, cue_tokens, lex.terms)
        if reason is not None:
            out.append(_Direct(m, _quote(doc, s, e, None, None, "term"), False))
            continue
        found = attribute_direct(doc, parse, att, m, regions)
        content = doc.text[s:e]
        words = len(_WORD.findall(content))
        sentence_like = content[:1].isupper() and content[-1:] in ".!?"
        # a word or two inside a sentence is a statement only when someone is said to have
        # said it; 'it was disclosed that the deal involves "dozens" of workers' is not
        if (not found.spoken or found.passive) and words <= SHORT_WORDS and not _standalone(doc, m) \
                and not sentence_like:
            out.append(_Direct(m, _quote(doc, s, e, None, None, "term"), False))
            continue
        out.append(_Direct(m, _quote(doc, s, e, found.speaker, found.cue, "statement"),
                           found.cue is not None or found.own))
    return out


def _opening_person(doc: Document, parse: Doc, att: Attributor, para: tuple[int, int]) -> Phrase | None:
    """The person who opens the last sentence of paragraph ``para`` (its subject, a name)."""
    start, _end, root_i = sentence_of(parse, min(len(parse) - 1, token_at(parse, para[1] - 1)))
    for child in parse[root_i].children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i - start <= 8:
            phrase = att.phrase_at(child)
            if phrase is not None and phrase.kind == "person":
                return phrase
    return None


def _inherit(doc: Document, parse: Doc, att: Attributor, direct: list[_Direct], reported: list[Quote]) -> list[Quote]:
    """Give a quote without attribution the speaker of the statement before it."""
    paras = doc.paragraphs
    para_starts = [a for a, _ in paras]

    def para_of(offset: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(para_starts, offset) - 1)

    chain_speaker: dict[int, Quote] = {}
    for d in direct:
        if d.quote.kind == "statement" and d.quote.speaker is not None:
            chain_speaker.setdefault(d.mark.chain, d.quote)
    events: list[tuple[int, int, Quote, _Direct | None]] = [
        (d.quote.start, 0, d.quote, d) for d in direct if d.quote.kind == "statement"
    ] + [(q.start, 1, q, None) for q in reported]
    events.sort(key=lambda x: (x[0], x[1]))
    last: dict[int, Quote] = {}
    fixed: dict[int, Quote] = {}
    for _start, _order, q, found in events:
        para = para_of(q.start)
        if found is not None and not found.own:
            m = found.mark
            src = chain_speaker.get(m.chain) or last.get(para)
            if src is None and m.open_at == paras[para][0] and para - 1 in last:
                prev = last[para - 1]
                prev_end = paras[para - 1][1]
                if prev.direct and doc.text[prev.end:prev_end].strip(_TRAILING) == "":
                    src = prev  # the paragraph before ended with a quote
                elif doc.sentence_index(prev.start) == doc.sentence_index(prev_end - 1):
                    src = prev  # 'Lee said the pumps had failed.' ¶ '"We had no warning."'
            if src is None and para > 0 and m.open_at == paras[para][0] and _standalone(doc, m):
                person = _opening_person(doc, parse, att, paras[para - 1])
                if person is not None:
                    q = dataclasses.replace(q, speaker=person.text, speaker_start=person.start,
                                            speaker_end=person.end)
                    fixed[q.start] = q
            if src is not None and src.speaker is not None:
                q = dataclasses.replace(q, speaker=src.speaker, speaker_start=src.speaker_start,
                                        speaker_end=src.speaker_end)
                fixed[q.start] = q
        if q.speaker is not None:
            last[para] = q
    return [fixed.get(d.quote.start, d.quote) for d in direct]


def extract_quotes(doc: Document, *, lexicons: QuoteLexicons | None = None) -> list[Quote]:
    """Find who said what in one document: direct quotes, reported speech and quoted terms.

    Args:
        doc (Document): a prepared document (parsed when it has no parse yet).
        lexicons (QuoteLexicons | None): word lists; default :func:`load_quote_lexicons`.
    Returns:
        list[Quote]: sorted by start. ``direct`` is True for words in quotation marks,
        False for reported speech; ``kind="term"`` marks quoted names, terms and scare
        quotes. Quotes inside boilerplate lines are skipped. Odd text gives fewer quotes,
        never an exception.

    Example: in ``'"We will stay," Mayor Ann Lee said.'`` the quote is ``We will stay,``
    with speaker ``"Ann Lee"`` and cue ``"said"``.
    """
    if doc.parse is None:
        doc = parse_document(doc)
    parse = doc.parse
    assert parse is not None
    lex = lexicons or load_quote_lexicons()
    att = attributor_for(doc) if lexicons is None else Attributor(doc, lexicons=lex.phrases, cue_lexicons=lex.cues)
    paragraphs = list(doc.paragraphs)
    parsed = len(parse.text)
    marked = [m for m in find_marked(doc.text, paragraphs) if m.outer_end <= parsed]
    direct = _direct_quotes(doc, parse, att, marked, lex)
    regions = sorted((m.open_at, m.outer_end) for m in marked)
    statements = sorted((d.quote.start, d.quote.end) for d in direct if d.quote.kind == "statement")
    reported = reported_quotes(doc, att, regions, statements)
    quotes = _from_body(doc, _inherit(doc, parse, att, direct, reported)) + reported
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


_FOLD = re.compile(r"[\W_]+")


def _from_body(doc: Document, direct: list[Quote]) -> list[Quote]:
    """A quotation in the headline with no speaker takes the speaker of the quotation in the
    body that holds its words ("'They held our wards hostage': …" above "Ms Lee said: 'They held
    our wards hostage and …'")."""
    title = doc.meta.title_span
    if title is None:
        return direct
    body = [(" " + _FOLD.sub(" ", q.text.casefold()).strip() + " ", q) for q in direct
            if q.speaker is not None and q.start >= title.end and q.kind == "statement"]
    out = []
    for q in direct:
        if q.speaker is None and q.kind == "statement" and title.start <= q.start and q.end <= title.end:
            words = " " + _FOLD.sub(" ", q.text.casefold()).strip() + " "
            source = next((b for folded, b in body if len(words) > 2 and words in folded), None)
            if source is not None:
                q = dataclasses.replace(q, speaker=source.speaker, speaker_start=source.speaker_start,
                                        speaker_end=source.speaker_end)
        out.append(q)
    return out
