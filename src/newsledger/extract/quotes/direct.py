"""Who said the words in quotation marks.

In order, the first that answers:

1. **The governing cue.** The speech or evaluative verb that the quoted words hang on in the
   parse ('X said: "…"', '"…," said X', 'X described the plan as "…"'), or one hanging on
   them ('"…," he added.' as an aside of the quoted clause).
2. **A cue nearby.** A speech verb of the quote's sentence, after the closing mark (within a
   few words) or before the opening one.
3. **A verb of voice.** '"Get out now," a firefighter shouted.': a quotation that opens its
   sentence and ends with a comma, followed by a verb of ``voice_verbs.txt`` and its subject.
4. **The words named.** '"…," was the message from striking dockers', '"…" – that was the
   verdict of one resident', '"…," came the reply from the ministry': a noun of speech after
   the quotation, and who it is "from" or "of".
5. **A colon, a dash.** 'Ann Lee: "…"' and 'Rescue chief Ola Brandvik spoke at the gate:
   "…"' (the subject of the clause a colon or dash ends); '"…" — Mayor Ann Lee'.
6. **Inheritance** (by the caller): a quote with none of these takes the speaker of the
   statement before it in its paragraph, or of the paragraph before when it continues it.

The speaker of a cue is the attribution component's (pronouns and descriptions resolved).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...clean.parse import sentence_of, token_at
from ...model import Document
from ...resolve.attribution import Attribution, Attributor
from ...resolve.phrases import Phrase, children
from .marks import Marked

__all__ = ["DirectAttribution", "Regions", "attribute_direct"]

# after a closing mark, the cue must come within this many tokens ('," the regional water
# board chairman said')
AFTER_WINDOW = 10
# how many tokens a bare name before a colon may have ("Mayor Ann Lee: '…'")
COLON_NAME_TOKENS = 5
# before the opening mark, the cue is looked for this many tokens back at most
BEFORE_WINDOW = 60
# governing tokens climbed from the quoted words to their verb ('as "…"' → described)
_CLIMB = 3
_DASHES = "—–-"


class Regions:
    """The quoted passages of a document (marks included), for lookups by offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def holds(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.spans[i][1]


@dataclass(frozen=True, slots=True)
class DirectAttribution:
    """What made quoted words somebody's: a cue (with its attribution) or a punctuation sign.

    ``spoken`` is False when nothing in the sentence says anybody said them; ``passive`` when
    a speech verb without an agent reports them ('it was disclosed that …').
    """

    speaker: Phrase | None
    cue: str | None
    spoken: bool
    passive: bool = False
    own: bool = False  # attributed by its own sentence even without a cue


def _span_tokens(parse: Doc, start: int, end: int) -> tuple[int, int]:
    return token_at(parse, start), token_at(parse, max(start, end - 1)) + 1


def _phrase(att: Attribution) -> Phrase | None:
    if att.speaker is None or att.speaker_start is None or att.speaker_end is None:
        return None
    kind = att.kind if att.kind in ("person", "org", "place", "group", "description") else "description"
    return Phrase(att.speaker, att.speaker_start, att.speaker_end, kind)  # type: ignore[arg-type]


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _governing_cue(parse: Doc, att: Attributor, qa: int, qb: int, inside: set[int]) -> Attribution | None:
    """The cue the quoted tokens [qa, qb) hang on, or that hangs on them."""
    for i in range(qa, qb):
        tok = parse[i]
        head = tok.head
        if head.i in inside or head.i == tok.i:
            continue
        steps = 0
        while steps < _CLIMB:
            found = att.at_cue(head.i)
            if found is not None:
                return found
            if head.pos_ in ("ADP", "SCONJ", "PART") or head.dep_ in ("prep", "pcomp", "mark", "agent"):
                head = head.head
                steps += 1
                continue
            break
    sent_lo = max(sentence_of(parse, qa)[0], qa - AFTER_WINDOW)
    sent_hi = min(sentence_of(parse, max(qa, qb - 1))[1], qb + AFTER_WINDOW)
    for i in range(sent_lo, sent_hi):
        if i in inside:
            continue
        tok = parse[i]
        if tok.head.i in inside and tok.dep_ in ("parataxis", "advcl", "ccomp", "conj", "dep"):
            found = att.at_cue(i)
            if found is not None:
                return found
    return None


def _nearby_cue(parse: Doc, att: Attributor, qa: int, qb: int, regions: Regions,
                text: str, m: Marked) -> Attribution | None:
    """A speech verb of the quote's sentence: right after the closing mark, else before the opening one."""
    sent_lo = max(sentence_of(parse, qa)[0], qa - BEFORE_WINDOW)
    sent_hi = sentence_of(parse, max(qa, qb - 1))[1]
    # '"Not now." he said.': the parser may end the sentence at the closing mark
    if qb >= sent_hi and sent_hi < len(parse) and parse[sent_hi].text[:1].islower():
        sent_hi = sentence_of(parse, sent_hi)[1]

    def quoted(i: int) -> bool:
        return regions.holds(parse[i].idx)

    content = text[m.start:m.end].rstrip()
    goes_on = qb < sent_hi and parse[qb].is_alpha and parse[qb].text[:1].islower() and content[-1:] not in ".,!?;:"
    if not goes_on:
        for i in range(qb, min(sent_hi, qb + AFTER_WINDOW)):
            if quoted(i):
                break
            found = att.at_cue(i)
            if found is not None:
                return found
    for i in range(qa - 1, sent_lo - 1, -1):
        if quoted(i):
            continue
        found = att.at_cue(i)
        if found is not None and found.cue_token < qa:
            return found
    return None


def _colon_speaker(doc: Document, parse: Doc, att: Attributor, m: Marked, qa: int) -> Phrase | None:
    """'Ann Lee: "…"', 'X spoke at the gate: "…"', 'X was blunt — "…"'."""
    k = qa - 1
    while k >= 0 and parse[k].is_space:
        k -= 1
    if k < 0 or parse[k].text not in (":",) + tuple(_DASHES):
        return None
    ps = doc.paragraphs[m.para][0]
    lo = max(sentence_of(parse, k)[0], token_at(parse, ps), k - BEFORE_WINDOW)
    words = [t for t in parse[lo:k] if not t.is_punct and not t.is_space]
    if not words:
        return None
    last = words[-1]
    if last.dep_ == "pobj" and last.head.lower_ in ("from", "by") and \
            last.head.head.lemma_.lower() in att.cue_lexicons.report_nouns:
        # "erupted with a chant from members: '…'"
        phrase = att.phrase_at(last)
        if phrase is not None and att.animate(phrase):
            return att.resolve(phrase)
    if parse[k].text == ":" and len(words) <= COLON_NAME_TOKENS and all(t.pos_ == "PROPN" or t.is_title for t in words):
        phrase = att.phrase_at(words[-1])
        if phrase is not None and phrase.kind != "description":
            return phrase
    # the subject of the clause the colon or dash ends
    verbs = [t for t in parse[lo:k] if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj", "ccomp")]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("nsubj",) and lo <= child.i < k:
                phrase = att.phrase_at(child)
                # "A sign on the door reads: '…'" — only somebody speaks
                if phrase is not None and att.animate(phrase):
                    return att.resolve(phrase)
    # "One docker, a man in his sixties …, put it simply:" — the phrase before an appositive
    return None


# what may stand between a closing mark and a verb of voice: its subject ('," a local
# firefighter shouted') and the comma of British style ('", she whispered')
_SUBJECT_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART", "PUNCT", "SPACE"})


def _voice_speaker(doc: Document, parse: Doc, att: Attributor, m: Marked, qa: int, qb: int,
                   regions: Regions) -> tuple[Phrase, str] | None:
    """The subject of a verb of voice that governs the quotation ('The crowd chanted "Resign!"')
    or follows one that opens its sentence and ends with a comma ('"Get out now," a firefighter
    shouted.', '"…," tweeted the senator')."""
    voice = att.cue_lexicons.voice_verbs
    for i in range(qa, qb):
        head = parse[i].head
        if not qa <= head.i < qb and head.pos_ == "VERB" and head.lemma_.lower() in voice \
                and parse[i].dep_ in ("dobj", "ccomp", "xcomp", "oprd", "dep", "parataxis"):
            return _voice_subject(parse, att, head, lo=0)
    if m.close_at is None or qb >= len(parse):
        return None
    before = doc.text[:m.open_at].rstrip(" \t")
    after = doc.text[m.start:m.end].rstrip()[-1:] + doc.text[m.outer_end:m.outer_end + 3].lstrip()[:1]
    if (before and before[-1] not in "\n.!?\"”’'") or "," not in after:
        return None
    for i in range(qb, min(len(parse), qb + AFTER_WINDOW)):
        tok = parse[i]
        if regions.holds(tok.idx) or tok.text in ".!?;:" or "\n" in tok.text:
            return None
        if tok.pos_ == "VERB" and tok.lemma_.lower() in voice:
            return _voice_subject(parse, att, tok, lo=qb)
        if tok.pos_ not in _SUBJECT_POS:
            return None
    return None


def _voice_subject(parse: Doc, att: Attributor, verb: Token, lo: int) -> tuple[Phrase, str] | None:
    """The animate subject of a verb of voice (at ``lo`` or after), resolved, and the verb."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "acl" and lo <= verb.head.i < verb.i:
        subject = verb.head  # '," the senator posted': the parser may hang the verb on its subject
    speaker = _who_speaks(att, subject) if subject is not None and subject.i >= lo else None
    return (speaker, verb.text) if speaker is not None else None


def _who_speaks(att: Attributor, tok: Token | None) -> Phrase | None:
    """The phrase at ``tok`` resolved, when it is somebody who can speak."""
    phrase = att.phrase_at(tok) if tok is not None else None
    return att.resolve(phrase) if phrase is not None and att.animate(phrase) else None


# between a quotation and the noun that names it: '," was the', '" – that was the', '," came the'
_NAMING_WORDS = frozenset({",", "–", "—", "-", "that", "this", "such", "the", "a", "an", "his", "her", "their", "its"})


def _named_words_speaker(parse: Doc, att: Attributor, qb: int, regions: Regions) -> tuple[Phrase, str] | None:
    """'"…," was the message from striking dockers': a noun of speech right after the quotation,
    with the verb "be" or "come", and the animate phrase it is "from" or "of"."""
    verb = None
    for i in range(qb, min(len(parse), qb + AFTER_WINDOW)):
        tok = parse[i]
        if regions.holds(tok.idx) or "\n" in tok.text:
            return None
        if tok.is_space or tok.lower_ in _NAMING_WORDS or tok.pos_ == "ADJ":
            continue
        if verb is None and tok.lemma_.lower() in ("be", "come"):
            verb = tok
            continue
        if verb is None or tok.pos_ != "NOUN" or tok.lemma_.lower() not in att.lex.speech_nouns:
            return None
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of")), None)
        whom = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        speaker = _who_speaks(att, whom)
        return (speaker, tok.text) if speaker is not None else None
    return None


def _dash_speaker(parse: Doc, text: str, att: Attributor, m: Marked, qb: int) -> Phrase | None:
    """'"…" — Mayor Ann Lee': a name after a dash that follows the closing mark."""
    if m.close_at is None or qb >= len(parse):
        return None
    k = qb
    while k < len(parse) and parse[k].is_space:
        k += 1
    if k >= len(parse) or parse[k].text not in _DASHES or "\n" in text[m.close_at:parse[k].idx]:
        return None
    names = [t for t in parse[k + 1:min(len(parse), k + 1 + COLON_NAME_TOKENS + 2)] if t.pos_ == "PROPN"]
    if not names:
        return None
    return att.phrase_at(names[-1])


def attribute_direct(doc: Document, parse: Doc, att: Attributor, m: Marked,
                     regions: Regions) -> DirectAttribution:
    """Who the quoted words of ``m`` belong to, as far as their own sentence tells.

    Args:
        doc (Document): the document.
        parse (Doc): its parse.
        att (Attributor): the document's attributions.
        m (Marked): the quoted passage.
        regions (Regions): every quoted passage, marks included.
    """
    qa, qb = _span_tokens(parse, m.open_at, m.outer_end)
    inside = set(range(qa, qb))
    found = _governing_cue(parse, att, qa, qb, inside) or _nearby_cue(parse, att, qa, qb, regions, doc.text, m)
    if found is not None:
        cue_tok = parse[found.cue_token]
        # a passive report with no agent ("it was disclosed that … 'dozens' of nurses") makes
        # no short fragment anybody's words, even when the clause names its source elsewhere
        passive = _is_passive(cue_tok) and not any(c.dep_ == "agent" for c in cue_tok.children)
        return DirectAttribution(_phrase(found), found.cue, not passive, passive)
    voice = _voice_speaker(doc, parse, att, m, qa, qb, regions) or _named_words_speaker(parse, att, qb, regions)
    if voice is not None:
        return DirectAttribution(voice[0], voice[1], True)
    colon = _colon_speaker(doc, parse, att, m, qa)
    if colon is not None:
        return DirectAttribution(colon, ":", True)
    dash = _dash_speaker(parse, doc.text, att, m, qb)
    if dash is not None:
        return DirectAttribution(dash, "—", True)
    subject = _subject_speaker(parse, att, qa, inside)
    if subject is not None:
        return DirectAttribution(subject, None, False, own=True)
    return DirectAttribution(None, None, False)


def _subject_speaker(parse: Doc, att: Attributor, qa: int, inside: set[int]) -> Phrase | None:
    """The person or body the quote's sentence is about, when no cue names one.

    "X thanked the crews for their role in 'rebuilding the town.'" — the quoted words are
    the subject's, though no speech verb says so. Only a name or a role (never "the plan")
    counts; the caller still treats a short fragment so attributed as a term.
    """
    root = parse[sentence_of(parse, qa)[2]]
    if root.i in inside:
        return None
    for child in children(root):  # none from a degenerate parse: its root may hold thousands
        if child.dep_ == "nsubj" and child.i not in inside:
            phrase = att.phrase_at(child)
            if phrase is not None and phrase.kind != "place" and att.animate(phrase):
                return att.resolve(phrase)
    return None


