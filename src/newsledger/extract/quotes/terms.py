"""Terms: quoted words that are a name, a term or a scare quote, not anybody's statement.

Quoted words are a term when the text says so ("known as 'X'", "the so-called 'X'", "the
term 'X' refers to …"), when they name something ("a group called 'X'", capitalised words
like "Blue Hawks", a quoted word right before a name: "brother" Lee), when they stand in a
headline, or when the writer uses them as a noun phrase of their own sentence ("pushed into
'double rostering'", "its recent 'streamlining'", "what the guild calls 'route pruning'",
"withdrawn or 'paused'"). A short fragment that nobody in its sentence is said to have said
is a term too; that last test needs the attribution and is made by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ...lexicons import table, word_list
from ...model import Document
from .marks import Marked

__all__ = ["REPORTABLE_TERMS", "TermLexicons", "load_term_lexicons", "term_reason"]

# quoted words of at most this many words that end with no sentence punctuation may be a
# name ("Blue Hawks", "ZX-9")
NAME_LIKE_WORDS = 4
# the writer's own short noun phrase in quotation marks has at most this many words
SHORT_WORDS = 3
# a line of at most this many words without sentence punctuation is a headline
HEADING_WORDS = 14

# terms that leave a report around them standing ('said crews were pushed into "retreat
# work"'): the reported clause is still the speaker's statement
REPORTABLE_TERMS = frozenset({"term cue", "naming", "what X calls", "after preposition", "modified noun"})

_WHAT_CALLS = re.compile(
    r"(?<![\w’'])(?:what|which|as)\s+(?:[\w’'-]+\s+){1,4}?"
    r"(?:calls?|called|terms?|termed|dubs?|dubbed|describes?\s+as|described\s+as|refers?\s+to\s+as|referred\s+to\s+as)"
    r"\s+(?:(?:a|an|the)\s+)?$",
    re.IGNORECASE,
)
_CALLS = re.compile(r"(?<![\w’'])(?:calls|call|terms)\s+(?:(?:a|an|the)\s+)?$", re.IGNORECASE)
_NAMING_LEMMAS = frozenset({"call", "dub", "label", "brand", "name", "nickname", "title"})
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True, slots=True)
class TermLexicons:
    """Term cues right before a mark and earlier in the sentence (lower case)."""

    before: tuple[str, ...]
    clause: tuple[str, ...]
    speech_nouns: frozenset[str]


@cache
def load_term_lexicons() -> TermLexicons:
    """``term_cues.tsv`` and the nouns of things said (cached)."""
    rows = table("term_cues.tsv")
    nouns = frozenset(r[0] for r in table("speaker_nouns.tsv") if r[1:2] == ("speech",))
    return TermLexicons(
        before=tuple(r[0] for r in rows if r[1:2] == ("before",)),
        clause=tuple(r[0] for r in rows if r[1:2] == ("clause",)),
        speech_nouns=nouns | word_list("report_nouns.txt"),
    )


@cache
def _regexes(before: tuple[str, ...], clause: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    def alt(cues: tuple[str, ...]) -> str:
        return "|".join(r"\s+".join(map(re.escape, c.split())) for c in sorted(cues, key=len, reverse=True))

    return (
        re.compile(r"(?<![\w’'])(?:" + alt(before) + r")[\s,]*$", re.IGNORECASE),
        re.compile(r"(?<![\w’'])(?:" + alt(clause) + r")(?![\w’'])", re.IGNORECASE),
    )


def is_heading(doc: Document, para: int) -> bool:
    """A headline-like paragraph: short, with no sentence punctuation at its end."""
    ps, pe = doc.paragraphs[para]
    return (doc.text[pe - 1:pe] not in '.!?:"”’»'
            and len(doc.text[ps:min(pe, ps + 400)].split(None, HEADING_WORDS)) <= HEADING_WORDS)


def term_reason(doc: Document, parse: Doc, m: Marked, first: int, cue_between: set[int],
                lex: TermLexicons | None = None) -> str | None:
    """Why the quoted words of ``m`` are a name, term or scare quote (None: they may be speech).

    Args:
        doc (Document): the document (text, paragraphs, title span).
        parse (Doc): its parse.
        m (Marked): the quoted passage.
        first (int): index of the first token of the passage's opening mark.
        cue_between (set[int]): token indices of speech verbs (outside quotation marks).
        lex (TermLexicons | None): term cues (default: the data files).
    """
    lex = lex or load_term_lexicons()
    text = doc.text
    content = text[m.start:m.end].strip()
    words = len(_WORD.findall(content))
    ps, _pe = doc.paragraphs[m.para]
    short = words <= NAME_LIKE_WORDS and content[-1:] not in ".!?,"
    title = doc.meta.title_span
    if short and (is_heading(doc, m.para) or (title is not None and title.overlaps(m.open_at, m.end))):
        return "heading"
    rx_before, rx_clause = _regexes(lex.before, lex.clause)
    if rx_before.search(text, max(ps, m.open_at - 40), m.open_at):
        return "term cue"
    prev = parse[first - 1] if first > 0 else None
    if prev is not None and prev.lemma_.lower() in _NAMING_LEMMAS and prev.idx >= ps and first > 1:
        before = parse[first - 2]
        # "a group called 'X'" names; "he called it 'X'" judges
        if before.pos_ in ("NOUN", "PROPN") and before.dep_ not in ("nsubj",) or prev.dep_ == "acl":
            return "naming"
    if SHORT_WORDS < words <= NAME_LIKE_WORDS and content[-1:] not in ".!?,;:" and content[:1].islower() \
            and _WHAT_CALLS.search(text, max(ps, m.open_at - 80), m.open_at):
        return "what X calls"  # "using what defenders call 'living off the land' techniques"
    if words <= SHORT_WORDS and content[-1:] not in ".!?,;:" and content[:1].islower():
        reason = _writers_phrase(doc, parse, first, ps, cue_between, lex)
        if reason is not None:
            return reason
    if words <= SHORT_WORDS and m.close_at is not None and content[-1:] not in ".!?,":
        a = m.close_at + 1
        if a + 1 < len(text) and text[a] == " " and text[a + 1].isupper():
            return "before name"  # '"brother" Lee': a quoted title or nickname before a name
    core = _WORD.findall(content)
    if core and len(core) <= NAME_LIKE_WORDS and content[-1:] not in ".!?," and all(
            w[0].isupper() or w[0].isdigit() for w in core):
        return "name-like"
    sentence = doc.sentence_at(m.open_at)
    s_start = max(sentence[0] if sentence else ps, m.open_at - 400)
    at = -1
    for cm in rx_clause.finditer(text, s_start, m.open_at):
        at = cm.end()
    # 'The term "X" refers to … as a "Y"': a term unless someone speaks in between
    if at >= 0 and not any(at <= parse[k].idx < m.open_at for k in cue_between):
        return "term in clause"
    if words <= SHORT_WORDS and prev is not None and prev.lower_ == "or" and first > 1 and parse[first - 2].is_alpha:
        return "alternative"  # 'withdrawn or "paused"': the writer's alternative word
    return None


def _writers_phrase(doc: Document, parse: Doc, first: int, ps: int, cue_between: set[int],
                    lex: TermLexicons) -> str | None:
    """Why a short lower-case fragment opening at token ``first`` is the writer's term.

    "what the company calls a 'routine' shift" names a term; "pushed into 'X'" and "its
    recent 'X'" use the quoted words as a noun phrase of the writer's own sentence, unless a
    speech or evaluative verb ("warned of 'X'") or a copula ("was in 'X'") governs them.
    """
    text = doc.text
    if first < 1:
        return None
    open_at = parse[first].idx
    lo = max(ps, open_at - 80)
    if _WHAT_CALLS.search(text, lo, open_at) or _CALLS.search(text, lo, open_at):
        return "what X calls"
    prev = parse[first - 1]
    if prev.idx < ps or not prev.is_alpha:
        return None
    if prev.pos_ == "ADP" and prev.dep_ != "prt" and prev.lower_ not in ("as", "like"):
        gov = prev.head
        if gov.i in cue_between or gov.lemma_.lower() in lex.speech_nouns or gov.pos_ == "AUX" or (
                first >= 2 and parse[first - 2].pos_ == "AUX"):
            return None
        if gov.pos_ == "NOUN" and gov.dep_ in ("dobj", "pobj") and (
                gov.head.i in cue_between or gov.head.head.i in cue_between and gov.head.pos_ == "ADP"):
            # "praised crews for 'remarkable courage'", "described a return to 'X'": the
            # object of a verb of speech or judgement carries the subject's words
            return None
        return "after preposition"
    if first >= 3:
        before = parse[first - 2]
        if (before.tag_ == "PRP$" or before.tag_ == "POS") and prev.pos_ == "ADJ":
            return "modified noun"  # "described its recent 'modernisation'"
    return None
