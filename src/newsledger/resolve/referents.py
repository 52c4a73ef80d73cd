"""What a pronoun or a bare description stands for: the nearest fitting name before it.

"he said" → the person last named; "it said" → the body that spoke last, else the last
organisation named; "the ambassador said" → the person the text introduced with that title
or role ("Ambassador Nina Sorel", "Nina Sorel, Freedonia's ambassador"); "the company said"
→ the last organisation whose name fits ("Halvard Mining Ltd"). Gender is used where the
text shows it (Mr, Ms, Mrs and the like), number always (they → a group or body).

The index of names is built once per document from the parse's named entities; the
speakers found so far are passed in by the caller, in text order.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from ..lexicons import table, word_list
from .phrases import Phrase, PhraseLexicons, load_phrase_lexicons, name_tokens, noun_phrase

__all__ = ["Referents", "Spoken", "load_org_synonyms"]

# how far back (in sentences) a pronoun or description looks for what it stands for
PRONOUN_SENTENCES = 8
DESCRIPTION_SENTENCES = 40
# a subject this many sentences back is preferred to a nearer mention that is no subject
SUBJECT_SENTENCES = 2
# "the company" whose name shows no kind stands for a body that spoke or was named this near
ORG_SENTENCES = 4
_PERSON_ENTS = {"PERSON"}
_BODY_ENTS = {"ORG", "GPE", "NORP"}


@cache
def load_org_synonyms() -> dict[str, frozenset[str]]:
    """description noun → last words of the names it may stand for (``org_synonyms.tsv``)."""
    out: dict[str, set[str]] = {}
    for row in table("org_synonyms.tsv"):
        if len(row) >= 2:
            out.setdefault(row[0], set()).add(row[1])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _role_synonyms() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in table("role_synonyms.tsv"):
        if len(row) >= 2:
            out.setdefault(row[0], set()).add(row[1])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _org_descriptions() -> frozenset[str]:
    return word_list("org_descriptions.txt")


@cache
def _pronouns() -> dict[str, str]:
    return {r[0]: r[1] for r in table("pronouns.tsv") if len(r) >= 2}


_FEMALE_TITLES = frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "dame", "queen", "princess", "sister",
                            "chairwoman", "spokeswoman", "lady"})
_MALE_TITLES = frozenset({"mr", "mr.", "sir", "king", "prince", "brother", "chairman", "spokesman", "lord",
                          "father"})


@dataclass(frozen=True, slots=True)
class Spoken:
    """A speaker as resolved, and the token of the cue through which they spoke."""

    phrase: Phrase
    at: int


@dataclass(frozen=True, slots=True)
class _Named:
    phrase: Phrase
    token: int  # head token index
    sentence: int
    gender: str | None  # "f", "m" or None
    subject: bool  # the subject of its clause (what a later pronoun most likely means)


def _gender(roles: Sequence[str]) -> str | None:
    r = set(roles)
    if r & _FEMALE_TITLES:
        return "f"
    if r & _MALE_TITLES:
        return "m"
    return None


class Referents:
    """The named people and bodies of one parsed document, in text order.

    Args:
        parse (Doc): the document's parse.
        lexicons (PhraseLexicons | None): word lists (default: the data files).
    """

    def __init__(self, parse: Doc, lexicons: PhraseLexicons | None = None) -> None:
        self.lex = lexicons or load_phrase_lexicons()
        self.parse = parse
        self._sent_starts = [s.start for s in parse.sents]
        named: list[_Named] = []
        seen: set[tuple[int, int]] = set()
        for ent in parse.ents:
            if ent.label_ not in _PERSON_ENTS | _BODY_ENTS:
                continue
            phrase = noun_phrase(ent.root, self.lex)
            if phrase is None or phrase.kind == "pronoun" or (phrase.start, phrase.end) in seen:
                continue
            seen.add((phrase.start, phrase.end))
            named.append(_Named(phrase, phrase.head, self.sentence_of(phrase.head), _gender(phrase.roles),
                                _is_subject(parse[phrase.head])))
        # a subject the model tagged as no entity ("Tove Aalund Brekk first noticed …")
        for tok in parse:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and not tok.ent_type_:
                phrase = noun_phrase(tok, self.lex)
                if phrase is not None and phrase.kind == "person" and (phrase.start, phrase.end) not in seen:
                    seen.add((phrase.start, phrase.end))
                    named.append(_Named(phrase, phrase.head, self.sentence_of(phrase.head), _gender(phrase.roles),
                                        True))
        named.sort(key=lambda n: n.phrase.start)
        # a bare surname of a person named in full before is that person ("Ana Rivas" … "Rivas")
        surnames: set[str] = set()
        for i, n in enumerate(named):
            words = n.phrase.text.split()
            if n.phrase.kind == "person" and len(words) > 1:
                surnames.add(words[-1])
            elif len(words) == 1 and words[0] in surnames and n.phrase.kind != "person":
                named[i] = dataclasses.replace(n, phrase=dataclasses.replace(n.phrase, kind="person"))
        self.surnames = frozenset(surnames)
        self.named = named
        self._starts = [n.token for n in named]
        # a person's gender once the text shows it (a title somewhere in the document)
        genders: dict[str, str] = {}
        for n in named:
            if n.gender:
                genders.setdefault(n.phrase.text.split()[-1], n.gender)
        self._genders = genders

    def sentence_of(self, token: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, token) - 1)

    def _before(self, token: int, sentences: int) -> list[_Named]:
        """Named mentions before ``token`` within ``sentences`` sentences, nearest first."""
        i = bisect.bisect_left(self._starts, token)
        limit = self.sentence_of(token) - sentences
        out = []
        for n in reversed(self.named[:i]):
            if n.sentence < limit:
                break
            out.append(n)
        return out

    def gender_of(self, phrase: Phrase) -> str | None:
        g = _gender(phrase.roles)
        return g or self._genders.get(phrase.text.split()[-1]) if phrase.text else g

    def resolve(self, phrase: Phrase, spoken: Sequence[Spoken]) -> Phrase | None:
        """What ``phrase`` stands for, or None when it is a pronoun that names nobody.

        Args:
            phrase (Phrase): a speaker as found (a pronoun, a description or a name).
            spoken (Sequence[Spoken]): the speakers resolved so far, in text order.
        Returns:
            Phrase | None: the name it stands for; the phrase itself when it is a name or
            a description that stands for nobody named; None for an unresolved pronoun.
        """
        if phrase.kind == "pronoun":
            return self._pronoun(phrase, spoken)
        if phrase.kind in ("org", "place") and " " not in phrase.text and phrase.text in self.surnames:
            return dataclasses.replace(phrase, kind="person")
        if phrase.kind in ("description", "group") and self._definite(phrase):
            found = self._description(phrase, spoken)
            if found is not None:
                return found
        return phrase

    def _definite(self, phrase: Phrase) -> bool:
        head = self.parse[phrase.head]
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) or any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)

    def _pronoun(self, phrase: Phrase, spoken: Sequence[Spoken]) -> Phrase | None:
        kind = _pronouns().get(phrase.text.lower())
        if kind not in ("person", "group", "thing"):
            return None
        token = phrase.head
        gender = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}.get(phrase.text.lower())
        recent = [sp for sp in spoken if sp.at < phrase.head][-3:]
        here = self.sentence_of(token)
        if kind == "person":
            # (start, phrase, subject, sentence): speakers count as subjects
            candidates: list[tuple[int, Phrase, bool, int]] = [
                (n.phrase.start, n.phrase, n.subject, n.sentence) for n in self._before(token, PRONOUN_SENTENCES)
                if n.phrase.kind == "person" and (gender is None or self.gender_of(n.phrase) in (None, gender))]
            # a speaker counts from where they spoke, as the subject of that clause
            candidates += [(self.parse[sp.at].idx, sp.phrase, True, self.sentence_of(sp.at)) for sp in recent
                           if (sp.phrase.kind == "person" or (sp.phrase.kind == "description" and sp.phrase.roles))
                           and self.sentence_of(sp.at) >= here - PRONOUN_SENTENCES
                           and (gender is None or self.gender_of(sp.phrase) in (None, gender))]
        else:
            # "it said": the body that spoke last, else the last body named
            spoke = [sp.phrase for sp in recent if sp.phrase.kind in ("org", "group", "place")
                     or (sp.phrase.kind == "description" and not sp.phrase.roles)]
            if spoke:
                return spoke[-1]
            kinds = ("org", "group") if kind == "group" else ("org", "place")
            candidates = [(n.phrase.start, n.phrase, n.subject, n.sentence)
                          for n in self._before(token, PRONOUN_SENTENCES) if n.phrase.kind in kinds]
        if not candidates:
            return None
        # the subject of this or the last two sentences first (centering), else the nearest
        subjects = [c for c in candidates if c[2] and c[3] >= here - SUBJECT_SENTENCES]
        return max(subjects or candidates, key=lambda c: c[0])[1]

    def _description(self, phrase: Phrase, spoken: Sequence[Spoken]) -> Phrase | None:
        head: Token = self.parse[phrase.head]
        noun = head.lemma_.lower()
        if noun in self.lex.roles:
            fits = {noun} | _role_synonyms().get(noun, frozenset())
            for n in self._before(phrase.head, DESCRIPTION_SENTENCES):
                if n.phrase.kind == "person" and fits & set(n.phrase.roles):
                    return n.phrase
            if noun not in self.lex.titles:
                # "the dock worker said" after "Tomas Ellison, a forklift driver, …": a common
                # role word stands for the person last introduced with a role of their own (a
                # described speaker included: "A rescue worker told …" ¶ "the rescuer said")
                here = self.sentence_of(phrase.head)
                found = [(n.phrase.start, n.phrase) for n in self._before(phrase.head, SUBJECT_SENTENCES)
                         if n.phrase.kind == "person" and n.subject and set(n.phrase.roles) - self.lex.titles]
                found += [(self.parse[sp.at].idx, sp.phrase) for sp in spoken
                          if sp.at < phrase.head and sp.phrase.kind == "description"
                          and set(sp.phrase.roles) - self.lex.titles
                          and self.sentence_of(sp.at) >= here - SUBJECT_SENTENCES]
                if found:
                    return max(found, key=lambda f: f[0])[1]
        endings = {noun} | load_org_synonyms().get(noun, frozenset())
        if noun in self.lex.groups or noun in load_org_synonyms() or noun in _org_descriptions():
            for n in self._before(phrase.head, DESCRIPTION_SENTENCES):
                words = n.phrase.text.lower().split()
                # "the union" → "Federation of Ferry Workers", "the company" → "Halvard Mining Ltd"
                if n.phrase.kind == "org" and words and (words[-1] in endings or words[0] in endings
                                                         or noun in words):
                    return self._fullest(n)
        if noun in _org_descriptions() and head.tag_ == "NN":
            # "Yorvik Cables said … The group said": the one body that spoke just before (with
            # two bodies speaking, "the company" could be either: it stays a description)
            here = self.sentence_of(phrase.head)
            spoke = {sp.phrase.text: sp.phrase for sp in spoken if sp.at < phrase.head and sp.phrase.kind == "org"
                     and self.sentence_of(sp.at) >= here - ORG_SENTENCES
                     and not self._other_kind(sp.phrase.text, endings)}
            if len(spoke) == 1:
                return next(iter(spoke.values()))
        return None

    def _other_kind(self, name: str, endings: set[str] | frozenset[str]) -> bool:
        """A name that shows a kind of body other than the description's: "the operator" after
        "the coast guard said" is not the coast guard."""
        last = name.lower().split()[-1] if name.split() else ""
        kinds = self.lex.groups | self.lex.roles | _org_descriptions() | load_org_synonyms().keys()
        return last in kinds and last not in endings

    def _fullest(self, n: _Named) -> Phrase:
        """The fullest name written for this body up to here ("the Federation" → its full name)."""
        best = n.phrase
        for m in self.named:
            if m.token >= n.token:
                break
            if m.phrase.kind == "org" and len(m.phrase.text) > len(best.text) \
                    and _short_form_of(best.text, m.phrase.text):
                best = m.phrase
        return best


def _is_subject(tok: Token) -> bool:
    """The subject of its clause, or a name in apposition to one ("The chief, Rob Stan, said")."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    return tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass")


def _short_form_of(short: str, full: str) -> bool:
    s, f = short.lower().split(), full.lower().split()
    return bool(s) and all(w in f for w in s)


def name_of_token(tok: Token, lex: PhraseLexicons | None = None) -> tuple[int, int] | None:
    """Character range of the name a token belongs to (titles cut off), for callers with a token."""
    span = name_tokens(tok, lex)
    if span is None:
        return None
    doc = tok.doc
    return doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
