"""Events: statements of something happening at a time, read around each time expression.

There is no parser: the clause around a time expression is read with word lists
(``event_words.tsv``: determiners, prepositions, auxiliaries...; ``verb_forms.tsv``:
irregular verbs). The event is the verb or noun the time modifies:

- "signing a defense pact last summer" (a gerund and its object) → "defense pact signed";
- "a defense pact signed between X and Y in October 2023" (a participle after its noun)
  → "defense pact signed";
- "Ukraine has captured two soldiers in recent weeks" (a verb and its object) →
  "soldiers captured";
- "Last week, a dozen soldiers were brought to ..." (the time first, a passive after) →
  "soldiers brought".

Labels read "<object noun phrase> <past participle>", without articles or numbers, so two
outlets telling the same happening get the same label. The article's date line is the event
"publication".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import table
from ..model import Document, Event, TimeExpr

_TOKEN = re.compile(r"\d[\d,.]*\d|\w[\w’'-]*|[^\w\s]")
_CLAUSE_PUNCT = frozenset('.;:!?()[]—–"“”‘’')
_LEFT_WINDOW = 10
_RIGHT_WINDOW = 12
_NP_MAX = 6
_DATE_LINE_WORDS = frozenset({"", "published", "updated", "posted", "published on", "posted on", "updated on"})


@dataclass(frozen=True, slots=True)
class EventLexicons:
    """Word roles (``event_words.tsv``) and irregular verb forms (``verb_forms.tsv``)."""

    roles: dict[str, str]
    event_suffixes: tuple[str, ...]
    participle: dict[str, str]  # any irregular form (base, past, participle) → participle
    irregular_base: dict[str, str]  # base → participle


@cache
def default_lexicons() -> EventLexicons:
    """The packaged word lists (cached)."""
    rows = table("event_words.tsv")
    roles: dict[str, str] = {}
    for row in rows:
        if not row[0].startswith("-"):
            roles.setdefault(row[0].lower(), row[1])  # the first role listed wins ("during": prep)
    suffixes = tuple(row[0][1:] for row in rows if row[0].startswith("-") and row[1] == "event_suffix")
    participle: dict[str, str] = {}
    base: dict[str, str] = {}
    for row in table("verb_forms.tsv"):
        b, past, part = row[0], row[1], row[2]
        base[b] = part
        for form in (b, past, part):
            participle.setdefault(form, part)
    return EventLexicons(roles, suffixes, participle, base)


@dataclass(slots=True)
class _T:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


def _role(t: _T, lex: EventLexicons) -> str | None:
    return lex.roles.get(t.low)


def _verb_kind(t: _T, lex: EventLexicons) -> str | None:
    """'ing' for a gerund, 'ed' for a past form or participle, None for anything else."""
    w = t.low
    if not t.text[:1].islower() or _role(t, lex) is not None:
        return None
    if w.endswith("ing") and len(w) > 5:
        return "ing"
    if w in lex.participle and w not in lex.irregular_base:
        return "ed"
    if w.endswith("ed") and len(w) > 4:
        return "ed"
    return None


def participle(word: str, lex: EventLexicons | None = None) -> str:
    """The past participle of a verb form: "signing" → "signed", "bringing" → "brought".

    Example: ``participle("capturing")`` → ``"captured"``.
    """
    lex = lex or default_lexicons()
    w = word.lower()
    if w in lex.participle:
        return lex.participle[w]
    if w.endswith("ing"):
        stem = w[:-3]
        for base in (stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else ""):
            if base in lex.irregular_base:  # "bringing", "writing" (silent e), "getting" (doubled)
                return lex.irregular_base[base]
        if stem.endswith("y") and stem[-2:-1] not in ("a", "e", "i", "o", "u"):
            return stem[:-1] + "ied"
        # the -ing stem + "ed" is the participle of regular verbs: "capturing" → "captured"
        # (silent e), "stopping" → "stopped" (doubled consonant), "signing" → "signed"
        return stem + "ed"
    return w


def _is_event_noun(t: _T, lex: EventLexicons) -> bool:
    return t.text[:1].islower() and len(t.text) > 5 and t.low.endswith(lex.event_suffixes)


def _np(tokens: list[_T], lex: EventLexicons) -> list[_T]:
    """Label words of a noun phrase: no articles, numbers, pronouns, adverbs or figures."""
    out = []
    for t in tokens:
        role = _role(t, lex)
        if role in ("det", "poss", "num", "pron") or t.low.endswith("ly") or not t.text[:1].isalpha():
            continue
        out.append(t)
    return out


def _np_after(tokens: list[_T], i: int, stop: int, lex: EventLexicons) -> list[_T]:
    """The noun phrase from token i up to a preposition, clause word or ``stop``."""
    out: list[_T] = []
    if (
        i + 1 < stop
        and _role(tokens[i], lex) == "prep"
        and (tokens[i + 1].text[:1].isdigit() or _role(tokens[i + 1], lex) == "num")
    ):
        i += 1  # "indicating over 4,500 crossings": "over" qualifies the figure
    for t in tokens[i:stop]:
        role = _role(t, lex)
        if role in ("prep", "boundary", "aux_be", "aux_have", "modal") or t.text in _CLAUSE_PUNCT or t.text == ",":
            break
        if _verb_kind(t, lex) == "ing":
            break
        out.append(t)
        if len(out) >= _NP_MAX:
            break
    return out


def _np_before(tokens: list[_T], k: int, lex: EventLexicons, allow_of: bool = False) -> list[_T]:
    """The noun phrase ending right before token k, back to its article or clause start."""
    out: list[_T] = []
    j = k - 1
    while j >= 0 and len(out) < _NP_MAX:
        t = tokens[j]
        role = _role(t, lex)
        if t.text in _CLAUSE_PUNCT or t.text == "," or role in ("boundary", "aux_be", "aux_have", "modal"):
            break
        if role == "prep" and not (allow_of and t.low == "of" and out):
            break
        if role in ("det", "poss", "pron"):
            break
        if _verb_kind(t, lex) and out:
            break
        out.insert(0, t)
        j -= 1
    return out


def _label(words: list[_T], verb: str) -> str:
    return " ".join([t.text for t in words] + [verb]).strip()


def _event_at(tokens: list[_T], ti: int, tj: int, lex: EventLexicons) -> tuple[str, int, int] | None:
    """(label, first token, last token) of the event the time tokens [ti, tj) modify."""
    # the preposition before the time belongs to the time ("in October 2023")
    left_end = ti - 1 if ti > 0 and _role(tokens[ti - 1], lex) == "prep" else ti
    for cross_commas in (False, True):
        found = _scan_left(tokens, left_end, lex, cross_commas)
        if found:
            return found
        if not cross_commas:
            found = _scan_right(tokens, tj, lex)
            if found:
                return found
    return _nominal(tokens, left_end, lex)


def _scan_left(tokens: list[_T], left_end: int, lex: EventLexicons, cross_commas: bool) -> tuple[str, int, int] | None:
    for k in range(left_end - 1, max(-1, left_end - 1 - _LEFT_WINDOW - (6 if cross_commas else 0)), -1):
        t = tokens[k]
        if t.text in _CLAUSE_PUNCT or (t.text == "," and not cross_commas):
            return None
        if _role(t, lex) == "poss" and k + 1 < left_end and _is_event_noun(tokens[k + 1], lex):
            # "since their deployment to support the army late last year": the noun is the event
            return _nominal(tokens, left_end, lex, first=k + 1)
        kind = _verb_kind(t, lex)
        if kind is None:
            continue
        verb = participle(t.text, lex)
        if kind == "ing":
            obj = _np(_np_after(tokens, k + 1, left_end, lex), lex)
            return _label(obj, verb), k, left_end - 1
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        prev = k - 1
        while prev >= 0 and tokens[prev].low.endswith("ly") and _role(tokens[prev], lex) is None:
            prev -= 1
        prev_role = _role(tokens[prev], lex) if prev >= 0 else None
        after_is_phrase = (
            nxt is None
            or k + 1 >= left_end
            or _role(nxt, lex) in ("prep", "boundary")
            or (nxt.text in _CLAUSE_PUNCT or nxt.text == ",")
        )
        if prev_role == "aux_be" or (after_is_phrase and prev_role not in ("aux_have",)):
            # passive or a participle after its noun: "a pact signed in ...", "troops were sent"
            head = prev if prev_role == "aux_be" else k
            subj = _np(_np_before(tokens, head, lex, allow_of=True), lex)
            first = k - len(subj) if not subj else tokens.index(subj[0])
            if subj:
                return _label(subj, verb), first, left_end - 1
            return verb, k, left_end - 1
        obj = _np(_np_after(tokens, k + 1, left_end, lex), lex)
        if obj:
            return _label(obj, verb), k, left_end - 1
        subj = _np(_np_before(tokens, prev + 1 if prev_role else k, lex, allow_of=True), lex)
        if subj:
            return _label(subj, t.text.lower()), tokens.index(subj[0]), left_end - 1
        return verb, k, left_end - 1
    return None


def _scan_right(tokens: list[_T], tj: int, lex: EventLexicons) -> tuple[str, int, int] | None:
    """The time first: "Last week, a dozen soldiers were brought to ..." → soldiers brought."""
    i = tj
    if i < len(tokens) and tokens[i].text == ",":
        i += 1
    start = i
    for k in range(i, min(len(tokens), i + _RIGHT_WINDOW)):
        t = tokens[k]
        if t.text in _CLAUSE_PUNCT or t.text == ",":
            return None
        if _role(t, lex) not in ("aux_be", "aux_have", "modal") and not (_verb_kind(t, lex) == "ed" and k > start):
            continue
        subj = _np(tokens[start:k], lex)
        if _role(t, lex) is None:  # a past verb with no auxiliary: "two soldiers died"
            if subj:
                return _label(subj, participle(t.text, lex)), start, k
            continue  # "a dozen wounded soldiers were brought": an adjective, read on
        # an auxiliary: the verb follows, past adverbs and "been"
        for v in range(k + 1, min(len(tokens), k + 4)):
            if _verb_kind(tokens[v], lex):
                verb = participle(tokens[v].text, lex)
                return (_label(subj, verb) if subj else verb), start, v
            if not (tokens[v].low.endswith("ly") or tokens[v].low in ("been", "being", "be", "not")):
                return None
        return None
    return None


def _nominal(
    tokens: list[_T], left_end: int, lex: EventLexicons, first: int | None = None
) -> tuple[str, int, int] | None:
    """No verb: the noun phrase before the time ("his visit to the capital in June")."""
    words: list[_T] = []
    if first is not None:
        words = tokens[first:left_end]
    j = left_end - 1
    while first is None and j >= 0 and len(words) < _NP_MAX:
        t = tokens[j]
        role = _role(t, lex)
        if (
            t.text in _CLAUSE_PUNCT
            or t.text == ","
            or role in ("det", "poss", "boundary", "aux_be", "aux_have", "pron")
        ):
            break
        words.insert(0, t)
        j -= 1
    while words and _role(words[-1], lex) == "prep":
        words.pop()
    while words and _role(words[0], lex) == "prep":
        words.pop(0)
    if not any(t.text[:1].isalpha() for t in words):
        return None  # only figures or another date before the time: nothing that happened
    return " ".join(t.text for t in _np(words, lex) or words), tokens.index(words[0]), left_end - 1


def _publication_time(doc: Document, times: list[TimeExpr]) -> TimeExpr | None:
    meta = doc.meta
    for t in times:
        if meta.published_span is not None and meta.published_span.overlaps(t.start, t.end):
            return t
    for t in times:
        para = doc.paragraph_at(t.start)
        if para is None or doc.paragraphs.index(para) > 8 or t.date_start is None or t.date_start != t.date_end:
            continue
        rest = (doc.text[para[0] : t.start] + doc.text[t.end : para[1]]).strip(" :|-–—").lower()
        if rest in _DATE_LINE_WORDS:
            return t
    return None


def extract_events(doc: Document, times: list[TimeExpr], *, lexicons: EventLexicons | None = None) -> list[Event]:
    """Events the article places in time, one per time expression of its body, plus its date line.

    Args:
        doc (Document): a prepared document.
        times (list[TimeExpr]): the document's time expressions (:func:`extract_times`).
        lexicons (EventLexicons | None): word roles and verb forms; packaged data by default.
    Returns:
        list[Event]: sorted by start; span = event words and time; ``event`` = normalised label.

    Example: "Halvorsen and Park signed a defense pact last summer." → event "defense pact signed",
    time_text "last summer".
    """
    lex = lexicons or default_lexicons()
    text = doc.text
    out: list[Event] = []
    pub = _publication_time(doc, times)
    if pub is not None:
        out.append(
            Event(
                doc.id,
                pub.start,
                pub.end,
                pub.text,
                "publication",
                pub.text,
                pub.date_start,
                pub.date_end,
                pub.months,
                pub.start,
                pub.end,
            )
        )
    elif doc.meta.published_span is not None and doc.meta.published:
        span = doc.meta.published_span
        day = doc.meta.published[:10]
        out.append(
            Event(
                doc.id,
                span.start,
                span.end,
                text[span.start : span.end],
                "publication",
                text[span.start : span.end],
                day,
                day,
                (),
                span.start,
                span.end,
            )
        )
    for t in times:
        if t is pub or doc.is_boilerplate(t.start, t.end):
            continue
        sent = doc.sentence_at(t.start)
        if sent is None:
            continue
        tokens = [_T(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, sent[0], sent[1])]
        inside = [i for i, tok in enumerate(tokens) if tok.start < t.end and t.start < tok.end]
        if not inside:
            continue
        found = _event_at(tokens, inside[0], inside[-1] + 1, lex)
        if found is None:
            continue
        label, first, last = found
        start = min(tokens[first].start, t.start)
        end = max(tokens[last].end, t.end)
        out.append(
            Event(
                doc.id, start, end, text[start:end], label, t.text, t.date_start, t.date_end, t.months, t.start, t.end
            )
        )
    out.sort(key=lambda e: (e.start, e.end))
    return out


def event_dates(event: Event) -> tuple[str | None, str | None]:
    """The inclusive ("YYYY-MM-DD", "YYYY-MM-DD") interval of an event, or (None, None).

    An event known only by its months (no publication date to give the year) has no dates:
    writing a year would be a guess.
    """
    if event.date_start and event.date_end:
        return event.date_start, event.date_end
    return None, None
