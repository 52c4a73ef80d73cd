"""Cues that close their report: "…, a spokeswoman said", "…, X told Reuters", and what follows.

Part of the attribution component (:class:`~.attribution.Attributor` inherits these): the
parser often hangs a closing cue, its subject or the words after it somewhere else in the
sentence ("…may have been damaged, a senior engineer who asked not to be named told the
Herald": the subject as an apposition of the report's noun, the cue as a second verb of the
report). These readings find who speaks and what they said from the order of the words.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..clean.parse import sentence_of, token_at
from .cues import CueLexicons
from .phrases import Phrase, PhraseLexicons, noun_phrase

if TYPE_CHECKING:
    from .attribution import Attribution

__all__ = ["ClosingCues", "hung"]

# ", a spokesman told Reuters on Monday.": the words after a closing cue, at most
_TRAILING_TAIL = 8
# the report before such a cue is looked at over this many tokens at most
_TRAILING_HEAD = 80
# the words of a subject between a report's closing comma and its cue ("a senior engineer who
# asked not to be named told …") are at most this many
_TRAILING_SUBJECT_TOKENS = 12
# how far up the tree a figure is looked at for a participle clause closing a report
_MAX_PARTICIPLE_DEPTH = 6


def hung(tok: Token) -> bool:
    """A cue the parser hung on a verb before it and left without a subject of its own.

    Coordinated with that verb ("…may have been damaged, a senior engineer … told the
    Herald"), or made a second complement (or an unlabelled dependent) of a report verb after
    its first one ("X had warned the club that the stand needed work, a steward at the board …
    told the Courier"), or its complement when its subject, after a comma, became the report
    verb's object ("… stolen, a senior official … told the Clarion").
    """
    if tok.head.i >= tok.i or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    if tok.dep_ == "conj":
        return True
    if tok.dep_ not in ("ccomp", "dep"):
        return False
    # "… stolen – far more than admitted, a senior official … told the Clarion": a cue that
    # reports nothing of its own after it, its subject hung on the report as an object
    return any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.head.children) or (
        tok.i > 0 and not any(c.dep_ == "ccomp" for c in tok.children)
        and any(c.dep_ == "dobj" and c.i < tok.i and c.head.i == tok.head.i and tok.doc[c.left_edge.i - 1].text == ","
                for c in tok.head.children if c.left_edge.i > 0))


class ClosingCues:
    """Readings of closing cues, for the attribution component (which provides the attributes)."""

    parse: Doc
    lex: PhraseLexicons
    cue_lexicons: CueLexicons
    attributions: list[Attribution]
    _content: list[Attribution]
    _cue_starts: list[int]

    def animate(self, phrase: Phrase) -> bool:
        raise NotImplementedError

    def _trimmed(self, lo: int, hi: int) -> tuple[int, int] | None:
        raise NotImplementedError

    def _after_trailing_cue(self, start: int) -> Attribution | None:
        """ "Six were taken to hospital, the Gazette said, two of them in a serious condition":
        words after a cue that closes its report, in the same sentence, are that report's."""
        s_start, _s_end, _root = sentence_of(self.parse, token_at(self.parse, start))
        first = self.parse[s_start].idx
        i = bisect.bisect_right(self._cue_starts, start) - 1
        if i < 0:
            return None
        a = self.attributions[i]
        if a.cue_start < first or a.speaker is None or a.content_end is None or a.content_end > a.cue_start:
            return None
        return a

    def _participle_after_report(self, start: int) -> Attribution | None:
        """ "The port said 40 ships were diverted, adding up to six hours to crossings": a
        participle clause after a comma that closes a report (hung on its cue or inside its
        clause) is the report's speaker's too."""
        tok = self.parse[min(token_at(self.parse, start), len(self.parse) - 1)]
        for _ in range(_MAX_PARTICIPLE_DEPTH):
            if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.left_edge.i > 0 \
                    and self.parse[tok.left_edge.i - 1].text == ",":
                at = tok.head.idx
                return next((a for a in self._content if a.speaker is not None and (
                    a.cue_start <= at < a.cue_end or (a.content_start or 0) <= at < (a.content_end or 0))), None)
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def _trailing_content(self, cue: Token, phrase: Phrase) -> tuple[int, int] | None:
        """The clause before ", X told Reuters." when the parser hung it elsewhere.

        Only for a cue that ends its sentence with its subject right after a comma, and a
        clause with a verb before that comma.
        """
        p = self.parse
        finite = cue.tag_ in ("VBD", "VBZ", "VBP") or (  # "told" tagged as a participle, with its own subject
            cue.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in cue.children))
        if not finite or cue.lemma_.lower() not in self.cue_lexicons.speech_verbs:
            return None
        start = min(t.i for t in p[phrase.head].subtree) if phrase.head >= 0 else cue.i
        s_start, s_end, _root = sentence_of(p, cue.i)
        if start <= s_start + 2 or p[start - 1].text != "," or s_end - cue.i > _TRAILING_TAIL or any(
                t.dep_ == "ccomp" or t.pos_ == "VERB" for t in p[cue.i + 1:s_end] if not t.is_punct):
            return None
        if not any(t.pos_ in ("VERB", "AUX") for t in p[max(s_start, start - _TRAILING_HEAD):start - 1]):
            return None
        # "Asked whether he would go, the minister replied …", "When pressed, she said …": a
        # clause of circumstance on the cue (a participle, or opened by "when", "as") is no report
        if any(t.head.i == cue.i and t.dep_ == "advcl"
               and (t.tag_ in ("VBN", "VBG") or any(c.dep_ == "mark" for c in t.children))
               for t in p[s_start:start - 1]):
            return None
        return self._trimmed(s_start, start - 2)

    def _trailing_subject(self, cue: Token) -> Phrase | None:
        """The phrase between a report and its closing cue when the parser gave the cue no subject.

        "Six miners were taken to hospital, a spokeswoman for the hospital said." — the
        words after the last comma before the cue are its subject. So are they when the parser
        hung the subject on the report as an apposition and the cue on the report's verb ("…
        may have been damaged, a senior engineer who asked not to be named told the Herald").
        """
        if cue.i < 2:
            return None
        hung_on_report = hung(cue) and cue.head.pos_ in ("VERB", "AUX")
        if not hung_on_report and not any(c.dep_ == "ccomp" and c.i < cue.i for c in cue.children):
            return None
        k = cue.i - 1
        while k > 0 and self.parse[k].pos_ in ("AUX", "ADV", "PART"):
            k -= 1
        end = k
        while k > 0 and self.parse[k - 1].text not in (",", "—", "–", ";") and end - k < _TRAILING_SUBJECT_TOKENS:
            k -= 1
        if k <= 0 or self.parse[k - 1].text not in (",", "—", "–"):
            return None
        words = self.parse[k:end + 1]
        heads = [t for t in words if not (k <= t.head.i <= end) or t.head.i == t.i]
        nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if len(nouns) != 1:
            return None
        phrase = noun_phrase(nouns[0], self.lex)
        return phrase if phrase is not None and self.animate(phrase) else None
