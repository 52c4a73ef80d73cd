"""Who said or gave a span: the one attribution component every stage asks.

Built once per parsed document, :class:`Attributor` reads the attribution constructions of
the parse (``resolve/cues.py``: "X said …", "X told Y that …", "according to X", "…, X said,
…", "X, who said …", "X arrived and said …", "…, saying …", "was told by X", "a statement
from X said …", "X quoted Y as saying …") and gives, for each cue, the speaker and the
reported content. Speakers are phrases of the text (``resolve/phrases.py``); pronouns and
definite descriptions are resolved, in text order, to the nearest fitting name before them
(``resolve/referents.py``).

The quote extractor asks it for the speaker of a cue and for reported clauses; the figure
extractor asks who gives a figure (:meth:`Attributor.for_span`); the comparison counts
sources on the names it gives.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..clean.parse import sentence_of, token_at
from ..model import Document
from .closing import hung
from .contents import ReportedWords
from .cues import CueLexicons, CueMatch, complement_cues, find_cues, load_cue_lexicons
from .phrases import Phrase, PhraseLexicons, load_phrase_lexicons, noun_phrase
from .referents import Referents, Spoken

__all__ = ["Attribution", "Attributor", "attributor_for"]

_POSSESSIVES = frozenset({"her", "his", "its", "their", "my", "our", "your"})
# constructions whose speaker must be somebody (a name, a body, a role): "memos that
# mention bribes" is no speech
_ANIMATE_ONLY = frozenset({"speaker_relative", "speaker_participle_on_noun"})
# constructions that only bring in a cue closing its report: its speaker is the phrase after the
# report's comma (``_trailing_subject``), never what the pattern points at
_TRAILING_ONLY = frozenset({"speaker_closing_second_complement"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with who speaks through it and what they say.

    Attributes:
        speaker: the name or description it resolves to, as written (None: nobody named).
        speaker_start, speaker_end: where that name stands (the antecedent for pronouns).
        kind: person, org, place, group or description (None with no speaker).
        written: the speaker words at the cue ("he", "the ambassador", "Vera Holt").
        cue: the cue's words ("said", "according to"); cue_start, cue_end: its offsets.
        content_start, content_end: the reported clause, when the cue has one.
        construction: the id of the pattern that gave the speaker.
        cue_token: the cue's token index in the parse.
        content_construction: the id of the pattern that gave the reported clause.
    """

    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    kind: str | None
    written: str | None
    cue: str
    cue_start: int
    cue_end: int
    content_start: int | None
    content_end: int | None
    construction: str | None
    cue_token: int
    content_construction: str | None = None


class Attributor(ReportedWords):
    """The attributions of one parsed document, computed once.

    Args:
        doc (Document): a document with its parse (``clean.parse``).
        lexicons (PhraseLexicons | None): phrase word lists (default: the data files).
        cue_lexicons (CueLexicons | None): cue word lists (default: the data files).
    Raises:
        ValueError: when the document has no parse.
    """

    def __init__(self, doc: Document, *, lexicons: PhraseLexicons | None = None,
                 cue_lexicons: CueLexicons | None = None) -> None:
        if doc.parse is None:
            raise ValueError(f"{doc.source}: the attribution component needs a parsed document")
        self.doc = doc
        self.parse: Doc = doc.parse
        self.lex = lexicons or load_phrase_lexicons()
        self.referents = Referents(self.parse, self.lex)
        self._spoken: list[Spoken] = []
        by_cue: dict[int, list[CueMatch]] = {}
        self.cue_lexicons = cue_lexicons or load_cue_lexicons()
        for m in find_cues(self.parse, self.cue_lexicons):
            if not doc.is_boilerplate(self.parse[m.cue].idx, self.parse[m.cue].idx + 1):
                by_cue.setdefault(m.cue, []).append(m)
        for i in complement_cues(self.parse, self.cue_lexicons):
            # a cue closing its report that no construction reaches: its subject hung elsewhere
            tok = self.parse[i]
            if i not in by_cue and hung(tok) and not doc.is_boilerplate(tok.idx, tok.idx + 1):
                by_cue[i] = []
        self._by_cue: dict[int, Attribution] = {}
        for cue in sorted(by_cue):
            att = self._attribute(cue, by_cue[cue])
            if att is not None:
                self._by_cue[cue] = att
        self.attributions = [self._by_cue[c] for c in sorted(self._by_cue)]
        self._cue_starts = [a.cue_start for a in self.attributions]
        self._content = sorted((a for a in self.attributions if a.content_start is not None),
                               key=lambda a: (a.content_start or 0))

    # ---- queries -------------------------------------------------------------------------

    def at_cue(self, token: int) -> Attribution | None:
        """The attribution of the cue at token index ``token`` (None: no construction there)."""
        return self._by_cue.get(token)

    def for_span(self, start: int, end: int) -> Attribution | None:
        """Who said or gave the words [start, end): the innermost reported clause holding them.

        Example: in "Officials said 300 homes were lost." the span of "300 homes" gives the
        attribution with speaker "Officials".
        """
        best: Attribution | None = None
        for a in self._content:
            cs, ce = a.content_start or 0, a.content_end or 0
            if cs > start:
                break
            if ce >= end and a.speaker is not None and (
                    best is None or (ce - cs) < ((best.content_end or 0) - (best.content_start or 0))):
                best = a
        return best or self._after_trailing_cue(start) or self._participle_after_report(start)

    def speaker_before(self, offset: int) -> Attribution | None:
        """The last attribution with a speaker whose cue stands before ``offset``."""
        i = bisect.bisect_left(self._cue_starts, offset)
        for a in reversed(self.attributions[:i]):
            if a.speaker is not None:
                return a
        return None

    def resolve(self, phrase: Phrase) -> Phrase | None:
        """A speaker phrase found by other means (a colon, a dash) resolved like the cues' ones."""
        return self.referents.resolve(phrase, self._spoken)

    def phrase_at(self, token: Token) -> Phrase | None:
        """The speaker phrase headed by ``token`` (unresolved)."""
        return noun_phrase(token, self.lex)

    # ---- building ------------------------------------------------------------------------

    def _attribute(self, cue: int, matches: list[CueMatch]) -> Attribution | None:
        tok = self.parse[cue]
        speakers = sorted((m for m in matches if m.slot == "speaker"), key=lambda m: m.rank)
        contents = sorted((m for m in matches if m.slot == "content"), key=lambda m: m.rank)
        phrase: Phrase | None = None
        construction: str | None = None
        rejected = False
        outer = self._outer_speaker(tok)
        if outer is not None:
            # "X confirmed that Veltria had fired 40 rockets, stating, '…'": a participle at the
            # end of a reported clause is the reporter's, not the clause subject's
            fields: dict[str, int | None] = {"content_start": None, "content_end": None,
                                             **self._content_fields(tok, contents)}
            return dataclasses.replace(outer, cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok.text),
                                       cue_token=cue, **fields)  # type: ignore[arg-type]
        near = self._report_before(tok)
        if near is not None:
            # "a farmer's letter, expressing 'X'": the letter's author speaks
            speakers = [CueMatch("speaker_report_participle", "speaker", cue, near.i, -1)] + speakers
        trailing_read = hung(tok)
        if trailing_read:
            # "…, a senior official who asked not to be named told the Herald": the parser hung the
            # cue on the report's verb; the phrase after the report's comma speaks, not that verb's subject
            phrase = self._trailing_subject(tok)
            if phrase is not None:
                construction, speakers = "speaker_trailing_phrase", []
        speakers = [m for m in speakers if m.pattern not in _TRAILING_ONLY]
        for rank in sorted({m.rank for m in speakers}):
            found: list[tuple[Phrase, str]] = []
            for m in (m for m in speakers if m.rank == rank):
                author = self._author(self.parse[m.target])
                if author is None and self._finding_document(self.parse[m.target], tok):
                    author = self.parse[m.target]  # "An internal audit found …": the audit gives it
                candidate = noun_phrase(author, self.lex) if author is not None else None
                if candidate is not None and m.pattern in _ANIMATE_ONLY and not self.animate(candidate):
                    candidate, rejected = None, True
                if candidate is not None and self._dateline(candidate):
                    candidate = None  # "Karvell – Nine workers were trapped, officials said"
                if candidate is not None:
                    found.append((candidate, m.pattern))
            if found:
                # "the head of the government, General X, said": the name before the description;
                # else the subject nearest the cue ("Karvell – …, the operator said": not the dateline)
                phrase, construction = min(found, key=lambda f: (f[0].kind not in ("person", "org"),
                                                                 abs(f[0].head - cue)))
                break
        if rejected and phrase is None:
            return None
        if tok.tag_ == "VBG" and any(c.dep_ == "nsubj" and c.lower_ in _POSSESSIVES for c in tok.children):
            return None  # "her warning to the crowd": a noun the tagger took for a verb
        if phrase is None and not rejected and not trailing_read:
            trailing = self._trailing_subject(tok)
            if trailing is not None:
                phrase, construction = trailing, "speaker_trailing_phrase"
        if phrase is None and not rejected and self._passive(tok):
            # "In remarks made by X, it was disclosed that …": the report the clause stands in
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "in":
                    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    author = self._author(obj) if obj is not None else None
                    phrase = noun_phrase(author, self.lex) if author is not None else None
                    if phrase is not None:
                        construction = "speaker_in_report"
                        break
        content: tuple[int, int] | None = None
        content_construction: str | None = None
        for m in contents:
            span = self._content_span(tok, m)
            if span is None:
                continue
            if content is None:
                content, content_construction = span, m.pattern
            elif m.pattern == content_construction and self._adjacent(content, span) and not (
                    self.parse[m.target].lemma_.lower() in self.cue_lexicons.speech_verbs
                    and (any(c.dep_ == "nsubj" for c in self.parse[m.target].children)
                         or hung(self.parse[m.target]))):
                # "A, but B, X said": two clauses of one report (not "A, an official told Y":
                # a report of its own the parser hung on the first)
                content = (min(content[0], span[0]), max(content[1], span[1]))
        if content is None and phrase is not None:
            content = self._trailing_content(tok, phrase)
            content_construction = "content_trailing" if content else None
        if content is None and phrase is not None:
            content = self._with_clause_content(tok)
            content_construction = "content_with_clause" if content else None
        if phrase is None and content is None:
            return None
        if content is None and tok.lemma_.lower() in self.cue_lexicons.that_verbs:
            return None  # "the dam held": such verbs report only with a "that" clause
        written = phrase.text if phrase else None
        resolved = self.referents.resolve(phrase, self._spoken) if phrase else None
        if resolved is not None:
            self._spoken.append(Spoken(resolved, cue))
        cue_end_tok = tok
        if tok.lower_ == "according":
            cue_end_tok = next((c for c in tok.children if c.lower_ == "to"), tok)
        return Attribution(
            speaker=resolved.text if resolved else None,
            speaker_start=resolved.start if resolved else None,
            speaker_end=resolved.end if resolved else None,
            kind=resolved.kind if resolved else None,
            written=written,
            cue=self.doc.text[tok.idx:cue_end_tok.idx + len(cue_end_tok.text)],
            cue_start=tok.idx,
            cue_end=cue_end_tok.idx + len(cue_end_tok.text),
            content_start=content[0] if content else None,
            content_end=content[1] if content else None,
            construction=construction,
            cue_token=cue,
            content_construction=content_construction,
        )

    def _adjacent(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        """Two spans separated only by punctuation and "and"/"but"/"or"."""
        first, second = sorted((a, b))
        gap = self.doc.text[first[1]:second[0]]
        return len(gap) < 12 and not gap.strip(" ,;—–").lower().replace("and", "").replace("but", "").strip()

    def animate(self, phrase: Phrase) -> bool:
        """A name, a body, or a description whose head is a role or group noun."""
        if phrase.kind in ("person", "org", "group", "pronoun"):
            return phrase.kind != "group" or self.parse[phrase.head].lemma_.lower() in self.lex.groups \
                or self.parse[phrase.head].lemma_.lower() in self.lex.roles
        return bool(phrase.roles) or phrase.kind == "place"

    def _outer_speaker(self, cue: Token) -> Attribution | None:
        """The attribution of the speech verb whose reported clause a participle cue closes."""
        coordinated = cue.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
        participle = cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp") and cue.i >= 1 \
            and self.parse[cue.i - 1].text == ","
        # "Labour says the sums do not add up and claims it would cut services": the second
        # verb of speech shares the outer subject, not the reported clause's
        if not (participle or coordinated):
            return None
        verb = cue.head
        while verb.dep_ in ("conj",) and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ != "ccomp":
            return None
        outer = self._by_cue.get(verb.head.i)
        return outer if outer is not None and outer.speaker is not None else None

    def _content_fields(self, cue: Token, contents: list[CueMatch]) -> dict[str, int | None]:
        for m in contents:
            span = self._content_span(cue, m)
            if span is not None:
                return {"content_start": span[0], "content_end": span[1]}
        return {}

    def _dateline(self, phrase: Phrase) -> bool:
        """A place that opens its line before a dash: the dateline, not a speaker."""
        p = self.parse
        first = token_at(p, phrase.start)
        last = token_at(p, max(phrase.start, phrase.end - 1))
        line_start = first == 0 or "\n" in p[first - 1].text or "\n" in p[first - 1].whitespace_
        return line_start and last + 1 < len(p) and p[last + 1].text in ("–", "—", "-", "--")

    @staticmethod
    def _passive(tok: Token) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)

    def lead_in(self, offset: int) -> Attribution | None:
        """The speaker of a sentence that ends with a colon right before ``offset``'s sentence.

        "Reports in the Herald gave the toll:" ¶ "three dozen miners were carried out." — the
        words after the colon are what the reports gave.
        """
        start, _end, _root = sentence_of(self.parse, token_at(self.parse, offset))
        if start == 0:
            return None
        k = start - 1
        while k > 0 and self.parse[k].is_space:
            k -= 1
        if self.parse[k].text != ":":
            return None
        p_start, _p_end, root = sentence_of(self.parse, k)
        for cue in range(p_start, k):
            found = self._by_cue.get(cue)
            if found is not None and found.speaker is not None:
                return found
        subject = next((c for c in self.parse[root].children if c.dep_ == "nsubj"), None)
        author = self._author(subject) if subject is not None else None
        phrase = noun_phrase(author, self.lex) if author is not None and author is not subject else None
        if phrase is None:
            return None
        resolved = self.referents.resolve(phrase, self._spoken) or phrase
        return Attribution(resolved.text, resolved.start, resolved.end, resolved.kind, phrase.text, ":",
                           self.parse[k].idx, self.parse[k].idx + 1, None, None, "speaker_lead_in", k)

    def _report_before(self, cue: Token) -> Token | None:
        """The thing said right before a participle cue (", expressing …"), when it names its author."""
        if cue.tag_ != "VBG" or cue.i < 2 or self.parse[cue.i - 1].text != ",":
            return None
        noun = self.parse[cue.i - 2]
        if noun.lemma_.lower() in self.cue_lexicons.report_nouns and self._author(noun) is not None:
            return noun
        return None

    def _author(self, tok: Token) -> Token | None:
        """For a thing said ("a statement from the ministry", "his words"), who said it.

        None when the text names nobody for it ("A statement said …")."""
        if tok.lemma_.lower() not in self.cue_lexicons.report_nouns or tok.pos_ == "PROPN":
            return tok  # "the Coastal Survey estimated": a name, not a survey
        for child in tok.children:
            if child.dep_ == "poss":
                return self._owner_in_sentence(child) if child.lower_ in ("its", "their") else child
        for child in tok.children:
            # "a police statement", "a UN report": the body named before the noun wrote it
            if child.dep_ == "compound" and child.i < tok.i and (
                    child.pos_ == "PROPN" or child.lemma_.lower() in self.lex.groups):
                return child
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of", "in"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
            if child.dep_ == "acl":  # "remarks made by X", "figures released by the ministry"
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for obj in agent.children:
                            if obj.dep_ == "pobj":
                                return obj
        return None

    def _finding_document(self, noun: Token, cue: Token) -> bool:
        """A document nobody is named for that finds or shows what it reports ("An internal audit
        found …", "A study published on Monday shows …"): it is the source. Not a statement that
        "said" (its author may be named elsewhere), not "the report" (one named before)."""
        return (noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == cue.i
                and noun.lemma_.lower() in self.cue_lexicons.report_nouns
                and cue.lemma_.lower() not in self.cue_lexicons.speech_verbs
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children))

    def _owner_in_sentence(self, pronoun: Token) -> Token:
        """ "The network's insurance covers €25m, according to its annual report": a body that
        owns something earlier in the same sentence is what "its" stands for; else the pronoun."""
        s_start, _s_end, _root = sentence_of(self.parse, pronoun.i)
        for k in range(pronoun.i - 1, s_start - 1, -1):
            t = self.parse[k]
            if t.dep_ == "poss" and t.pos_ in ("NOUN", "PROPN") and (
                    t.pos_ == "PROPN" or t.lemma_.lower() in self.lex.groups):
                return t
        return pronoun

_CACHE_KEY = "newsledger.attributor"


def attributor_for(doc: Document) -> Attributor:
    """The attributions of a parsed document, computed once and kept with its parse.

    Every extractor of a document asks the same instance (it lives in the parse's
    ``user_data``, so it goes when the parse goes).
    """
    if doc.parse is None:
        raise ValueError(f"{doc.source}: the attribution component needs a parsed document")
    found = doc.parse.user_data.get(_CACHE_KEY)
    if isinstance(found, Attributor) and found.doc.id == doc.id and found.doc.boilerplate == doc.boilerplate:
        return found
    made = Attributor(doc)
    doc.parse.user_data[_CACHE_KEY] = made
    return made
