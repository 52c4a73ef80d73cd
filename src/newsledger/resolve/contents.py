"""What a cue reports: the exact words of the reported clause, and where they end.

Part of the attribution component (:class:`~.attribution.Attributor` inherits these): the
clause a content construction points at (``resolve/cues.py``), with what the parser hung on
the cue after it that still belongs to it ("… once stock is included"), without what the
writer adds around it (", as engineers had predicted", a label before a dash, a closing cue
and its speaker), and trimmed of the punctuation and joining words at its edges.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..clean.parse import sentence_of, token_at
from ..model import Document
from .closing import ClosingCues, hung
from .cues import CueMatch
from .phrases import noun_phrase

if TYPE_CHECKING:
    from .attribution import Attribution

__all__ = ["MAX_CONTENT_TOKENS", "ReportedWords"]

# a reported clause that opens with one of these is a question, not a statement
_QUESTION_MARKS = frozenset({"whether", "if", "what", "why", "how", "when", "where", "who", "which"})
# a reported clause longer than this many tokens is cut there (a run-on page line)
MAX_CONTENT_TOKENS = 150
# a label before a reported clause ("09:40 —") has at most this many tokens
_LABEL_TOKENS = 8
# a cue closing a reported clause stands within this many tokens of the clause's end
_CLOSING_CUE_TOKENS = 4
# a clause after a comma that opens with one of these is the writer's, not the report's
_WRITER_OPENERS = frozenset({"as", "while", "whereas", "although", "though", "but"})
_TRIM_WORDS = frozenset({"that", "and", "but", "or"})
_OPENERS = {"”": "“", '"': '"', "’": "‘", "»": "«"}
_CLOSERS = frozenset(_OPENERS)
_UNIT_SIGNS = frozenset({"%", "‰", "°"})  # signs a reported clause may end with


class ReportedWords(ClosingCues):
    """Readings of reported clauses, for the attribution component (which provides the attributes)."""

    doc: Document

    def at_cue(self, token: int) -> Attribution | None:
        raise NotImplementedError

    def _with_clause_content(self, cue: Token) -> tuple[int, int] | None:
        """ "…, with the guards stating the attacks were a warning": the words after a participle
        cue with its own subject, to the end of its "with" clause, when the parser gave it no
        clause (it may hang the clause's verb above the cue)."""
        if not _speaking_participle(cue):
            return None
        up = cue
        for _ in range(3):
            up = up.head
            if up.lower_ == "with" and up.i < cue.i and up.i > 0 and self.parse[up.i - 1].text == ",":
                _s, s_end, _root = sentence_of(self.parse, cue.i)
                hi = up.right_edge.i
                while hi + 1 < s_end and not self.parse[hi + 1].is_punct:
                    hi += 1  # the clause's verb, hung elsewhere, runs on to the next mark
                return self._trimmed(cue.i + 1, hi) if hi > cue.i else None
            if up.head.i == up.i:
                break
        return None

    def _after_saying_time(self, head: Token, lo: int) -> int:
        """ "The minister said on Monday she would meet them": with no "that", the parser may hang
        the time of the saying on the report; a time phrase after the cue and before the
        report's subject is the saying's, and the report starts after it ("In 2003, output fell,
        the agency said" keeps its time)."""
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return lo
        for child in head.children:
            if child.i >= subject.i:
                break
            if child.left_edge.i == lo and child.dep_ in ("prep", "npadvmod") and any(
                    t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
                lo = child.right_edge.i + 1
                while lo < subject.left_edge.i and self.parse[lo].is_punct:
                    lo += 1
        return lo

    def _content_span(self, cue: Token, m: CueMatch) -> tuple[int, int] | None:
        """Character span of the reported words a content construction points at."""
        head = self.parse[m.target]
        lo, hi = head.left_edge.i, head.right_edge.i
        if m.pattern in ("content_clause", "content_pointed_out"):
            if head.left_edge.lower_ in _QUESTION_MARKS or any(
                    c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in head.children):
                return None
            # "has said only that …", "said simply that …": the report starts after "that"
            mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
            if mark is not None and lo < mark.i and all(self.parse[k].pos_ == "ADV" for k in range(lo, mark.i)):
                lo = mark.i + 1
            elif mark is None and lo > cue.i:
                lo = self._after_saying_time(head, lo)
        elif m.pattern == "content_clause_after_agent":
            # "was told by a nurse that the ward had closed": the parser made the report a
            # relative clause of the agent, "that" its object; the report starts after "that"
            that = next((c for c in head.children if c.lower_ == "that" and c.i < head.i), None)
            if that is None or that.i != lo:
                return None
            lo = that.i + 1
        elif m.pattern in ("content_according_to", "content_as_reported"):
            # the clause without the "according to X" / "as reported by X" phrase
            a, b = cue.left_edge.i, cue.right_edge.i
            if a > head.i and self.parse[a - 1].text == ",":
                # "14 were killed and dozens injured, according to officials": closing the sentence,
                # the phrase holds for every clause the parser coordinated with the one it hung it on
                first = head
                while first.dep_ == "conj" and first.head.i < first.i:
                    first = first.head
                lo = min(lo, first.left_edge.i)
            if a <= lo < b and m.pattern == "content_according_to":
                # "According to the fire service, about 150 firefighters were sent": the parser
                # may hang the first words of the clause on the name; the phrase ends with it
                b = min(b, self._name_end(cue))
            if m.pattern == "content_as_reported":
                a = min(a, min((c.left_edge.i for c in cue.children if c.dep_ == "mark"), default=a))
            if a <= lo:
                lo = b + 1
                while lo <= hi and self.parse[lo].is_punct:
                    lo += 1
                rel = self.parse[lo].head if lo <= hi and self.parse[lo].lower_ in ("who", "which", "whose") else None
                if rel is not None and rel.dep_ == "relcl" and a <= rel.head.i <= b and rel.right_edge.i < hi \
                        and self.parse[rel.right_edge.i + 1].is_punct:
                    # "According to the union, which represents 3,000 dockers, the strike will go on"
                    lo = rel.right_edge.i + 2
                elif rel is not None and a > 1 and self.parse[a - 1].text == ",":
                    # "Twenty died in the flood, according to Governor X, who insisted …": the parser
                    # hung the phrase on the relative clause; it closes the clause before it
                    s_start, _s_end, _root = sentence_of(self.parse, a)
                    if any(t.pos_ in ("VERB", "AUX") for t in self.parse[s_start:a - 1]):
                        lo, hi = s_start, a - 2
            elif b >= hi or head.i < a:
                hi = a - 1
            elif not (self.parse[a - 1].text == "," and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.i < a for c in head.children)):
                lo = b + 1  # "In Kherson, according to officials, 12 were killed": the clause after it
            # else "The council, according to a spokesman, will meet": an aside inside the clause,
            # which is reported whole ("The wards, Vera Holt said, were unsafe")
        elif m.pattern == "content_aside":
            pass
        elif m.pattern == "content_reported_noun" and cue.i > 0 and self.parse[cue.i - 1].text == ",":
            return None  # "The report, published by the watchdog, found …": an aside, not what they reported
        if m.pattern.startswith("content_clause") or m.pattern.startswith("content_figure"):
            hi = self._condition_after(cue, hi, figure=m.pattern.startswith("content_figure"))
        after = hi + 1
        while after < len(self.parse) and self.parse[after].pos_ == "ADV" and self.parse[after].head.i > after:
            after += 1  # "… who was not allowed to speak publicly told AFP"
        if after < len(self.parse) and hung(self.parse[after]):
            # "warned that the crane needed repairs, a senior official … told the Herald": the
            # parser hung the closing cue's subject on the report; it is not reported
            subject = self._trailing_subject(self.parse[after])
            at = token_at(self.parse, subject.start) if subject is not None else -1
            if lo < at <= hi:
                hi = at - 1
                while hi > lo and (self.parse[hi].is_punct or self.parse[hi].pos_ in ("DET", "NUM")):
                    hi -= 1  # "…overhaul, a senior engineer …": the article and the comma go too
        lo, hi = self._cut_writers_clauses(head, lo, hi, after_cue=lo > cue.i)
        return self._trimmed(lo, hi)

    def _condition_after(self, cue: Token, hi: int, *, figure: bool = False) -> int:
        """Take in what the parser hung on the cue right after the report.

        "estimates that the claim will reach 3 million once stock is included": the "once"
        clause belongs to what is estimated; so does a second clause with its own subject
        ("Officials say 140 were hurt, and 12 others are missing"), and, after a
        figure, its cause ("report 212 deaths as a result of the quake"). A clause after
        a comma that opens with "as", "but", "while" is left to the writer; so is one about
        another named actor or with a speech verb of its own.
        """
        p = self.parse
        for child in sorted(cue.children, key=lambda c: c.i):
            if child.i <= hi or child.dep_ in ("punct", "cc"):
                continue
            gap = p[hi + 1:child.left_edge.i]
            if any(t.lower_ in _WRITER_OPENERS or (t.is_punct and t.text != ",") for t in gap) or len(gap) > 2:
                break
            if p[child.left_edge.i].lower_ in _WRITER_OPENERS:
                break
            if not self._continues_report(child, bool(gap), figure=figure):
                break
            hi = child.right_edge.i
        return hi

    def _continues_report(self, child: Token, gap: bool, *, figure: bool) -> bool:
        """Whether a dependent of the cue after the report still belongs to it (see above)."""
        if child.dep_ == "advcl" or (figure and child.dep_ == "prep"):
            return not gap
        if child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX") or self.at_cue(child.i) is not None:
            return False
        if child.lemma_.lower() in self.cue_lexicons.speech_verbs:
            return False
        # "…, and the council has asked for an audit": a body that acts on its own is the writer's news
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PROPN"
                   and c.lemma_.lower() not in self.lex.groups and c.lemma_.lower() not in self.lex.roles
                   for c in child.children)

    def _name_end(self, according: Token) -> int:
        """Token index of the last word of the name after "according to"."""
        to = next((c for c in according.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            return according.right_edge.i
        phrase = noun_phrase(obj, self.lex)
        end = obj.i if phrase is None else token_at(self.parse, phrase.end - 1)
        while end + 1 < len(self.parse) and self.parse[end + 1].is_punct:
            end += 1
        return end

    def _cut_writers_clauses(self, head: Token, lo: int, hi: int, *, after_cue: bool = True) -> tuple[int, int]:
        """Leave out what the writer adds around a report.

        A trailing ", as engineers had predicted", ", but gave no reason", ", while …" is the
        writer's; so is a time stamp or label before a dash or colon that opens the line
        ("09:40 — Four crew were treated …").
        """
        p = self.parse
        hi = min(hi, lo + MAX_CONTENT_TOKENS)
        for k in range(lo + 1, hi + 1):
            if after_cue and p[k].lower_ in _WRITER_OPENERS and p[k - 1].text in (",", ";", "—", "–") \
                    and not self._quoted(k):
                hi = k - 2
                break
            # "…that Veltria had fired 40 rockets, stating, '…'": a participle cue closing the
            # clause is a statement of its own
            if p[k - 1].text == "," and p[k].tag_ == "VBG" and p[k].dep_ in ("advcl", "xcomp") \
                    and p[k].lemma_.lower() in self.cue_lexicons.speech_verbs:
                hi = k - 2
                break
            # "…fired 200 missiles, with the guards stating the attacks were …": a "with" clause whose
            # verb of speech has a subject of its own is another's statement
            if after_cue and p[k].lower_ == "with" and p[k - 1].text == "," and any(
                    _speaking_participle(t) and t.lemma_.lower() in self.cue_lexicons.speech_verbs
                    for t in p[k + 1:hi + 1]):
                hi = k - 2
                break
            # "…said the bridge was closed and told reporters it would reopen": a verb of speech
            # coordinated with the clause's, without a subject of its own, is the reporter's next
            # statement (``_outer_speaker``), not part of this one
            if after_cue and p[k - 1].dep_ == "cc" and hung(p[k]) and lo <= p[k].head.i < k \
                    and p[k].lemma_.lower() in self.cue_lexicons.speech_verbs:
                hi = k - 2
                break
        for k in range(max(lo + 1, hi - _CLOSING_CUE_TOKENS), hi + 1):
            # "…needed an update, a senior official who asked not to be named told AFP": a cue with
            # its own subject after a comma that ends the clause closes it; it is not reported
            if p[k].lemma_.lower() in self.cue_lexicons.speech_verbs and p[k].pos_ == "VERB" \
                    and p[k].right_edge.i >= hi - 1:
                subject = next((c for c in p[k].children if c.dep_ == "nsubj" and c.i < k), None)
                if subject is not None and lo < subject.left_edge.i and p[subject.left_edge.i - 1].text == ",":
                    hi = subject.left_edge.i - 2
                    break
        for k in range(lo, min(head.i, lo + _LABEL_TOKENS)):
            if p[k].pos_ in ("VERB", "AUX"):
                break
            if p[k].text in ("—", "–", ":"):
                lo = k + 1
                break
        return lo, hi

    def _quoted(self, k: int) -> bool:
        """True when token ``k`` stands between an opening and a closing quotation mark of its line."""
        depth = self.parse.user_data.get("newsledger.quote_depth")
        if not isinstance(depth, list) or len(depth) != len(self.parse):
            depth = _quote_depth(self.parse)
            self.parse.user_data["newsledger.quote_depth"] = depth
        return bool(depth[k])

    def _trimmed(self, lo: int, hi: int) -> tuple[int, int] | None:
        p = self.parse

        def loose(t: Token) -> bool:  # "%" is punctuation to spaCy, but part of "fell by 8%"
            return (t.is_punct and t.text not in _UNIT_SIGNS) or t.is_space or t.lower_ in _TRIM_WORDS

        while lo <= hi and loose(p[lo]):
            lo += 1
        while hi >= lo and loose(p[hi]):
            if p[hi].text in _CLOSERS and _OPENERS[p[hi].text] in self.doc.text[p[lo].idx:p[hi].idx]:
                break  # 'the hull was in "fair shape"': a closing mark whose opening one is kept
            hi -= 1
        if hi < lo:
            return None
        return p[lo].idx, p[hi].idx + len(p[hi].text)


def _speaking_participle(cue: Token) -> bool:
    """A participle with a speaker of its own: its subject ("with the guards stating …") or the
    noun it hangs on ("with the organisers insisting …")."""
    on_noun = cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN") and cue.head.i < cue.i
    return cue.tag_ == "VBG" and (on_noun or any(c.dep_ == "nsubj" for c in cue.children))


def _quote_depth(parse: Doc) -> list[int]:
    """For each token, 1 when an opening double quotation mark of its line is still open."""
    out: list[int] = []
    open_curly = 0
    straight = 0
    for tok in parse:
        out.append(1 if open_curly > 0 or straight % 2 else 0)
        if "\n" in tok.text:
            open_curly = straight = 0
        elif tok.text == "“":
            open_curly += 1
        elif tok.text == "”":
            open_curly = max(0, open_curly - 1)
        elif tok.text == '"':
            straight += 1
    return out
