"""Who a noun phrase of the parse names: a person, a body, a place, or only a description.

The attribution component asks this of every subject it finds ("Norvian Prime Minister
Ada Brenholt" → the person "Ada Brenholt"; "the Sylvanian government" → the
group "Sylvanian government"; "a spokesman for the port" → the description "spokesman for
the port"; "he" → a pronoun, resolved later against the names before it).

Titles and offices stay out of a name ("President", "Maj. Gen.", "Chief executive") but are
kept as the phrase's roles, so that "the ambassador" can later find "Ambassador Nina Sorel".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from spacy.tokens import Doc, Token

from ..extract.name_lexicons import date_opens_name
from ..lexicons import table, word_list

__all__ = ["Phrase", "PhraseLexicons", "children", "load_phrase_lexicons", "noun_phrase", "name_tokens"]

Kind = Literal["person", "org", "place", "group", "description", "pronoun"]

_NAME_ENTS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
# left dependents of a common noun kept in its description ("state television", "Norvia's
# state television", "regional health officials"); determiners and numbers are not
_DESCRIPTION_LEFT = {"compound", "amod", "poss", "nmod", "case", "npadvmod"}
# prepositions after a role or group noun that say whose it is ("spokesman for the port",
# "envoy of Ostia to Varno", "economists from the Bureau")
_OWNER_PREPS = {"of", "for", "at", "to", "from", "with"}
# small words inside a name ("Federation of Ferry and Dock Workers", "Harbour & Freight")
_CONNECTORS = frozenset({"of", "and", "&", "for", "the", "de", "al", "bin", "van", "von"})
# how many tokens a name may have (guards against a run-on capitalised line)
_MAX_NAME_TOKENS = 8


@dataclass(frozen=True, slots=True)
class PhraseLexicons:
    """Word lists the phrase reader needs (lower case)."""

    titles: frozenset[str]  # "president", "prime minister", "maj.", "gen."
    title_words: frozenset[str]  # every word of a title ("prime", "minister")
    groups: frozenset[str]  # nouns of bodies that speak as a whole ("ministry", "officials")
    speech_nouns: frozenset[str]  # "statement", "words": their possessor speaks
    roles: frozenset[str]  # "foreman", "nurse": what a person is introduced as
    org_words: frozenset[str]  # words that make a name an organisation ("authority", "guild")
    # what a described speaker knows: (word, preposition) ("familiar", "with")
    modifiers: frozenset[tuple[str, str]] = frozenset()


_MAX_CHILDREN = 48  # a phrase or a clause never has more; a degenerate parse ("1,1,1,…") may have thousands


def children(tok: Token) -> Iterable[Token]:
    """The token's children, or none where the parse hangs more than ``_MAX_CHILDREN`` on it:
    a phrase is never read off such a token, and reading it for every quotation nearby would
    cost the square of the text's length."""
    return tok.children if tok.n_lefts + tok.n_rights <= _MAX_CHILDREN else ()


@cache
def load_phrase_lexicons() -> PhraseLexicons:
    """The phrase reader's lexicons from ``data/en`` (cached)."""
    titles = word_list("titles.txt")
    nouns = table("speaker_nouns.tsv")
    return PhraseLexicons(
        titles=titles,
        title_words=frozenset(w for t in titles for w in t.split()),
        groups=frozenset(r[0] for r in nouns if r[1:2] == ("group",)),
        speech_nouns=frozenset(r[0] for r in nouns if r[1:2] == ("speech",)),
        roles=frozenset(r[0] for r in nouns if r[1:2] == ("role",)) | titles,
        org_words=word_list("org_words.txt"),
        modifiers=frozenset((r[0].lower(), r[1].lower()) for r in table("speaker_modifiers.tsv") if len(r) > 1),
    )


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker or source as the text words it.

    Attributes:
        text: the name or description as written, without titles or articles.
        start, end: its character offsets in the document.
        kind: person, org, place, group (a plural or collective noun), description, pronoun.
        roles: titles and role words the text attaches to it here ("ambassador").
        head: index of its head token in the parse.
    """

    text: str
    start: int
    end: int
    kind: Kind
    roles: tuple[str, ...] = ()
    head: int = -1


def _ent_span(tok: Token) -> tuple[int, int] | None:
    """The token range of the named entity holding ``tok``, if any."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return i, j


def _is_name_token(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or (tok.ent_type_ in _NAME_ENTS and tok.text[:1].isupper())


def _hyphen_joined(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Widen a name over hyphens written without spaces ("Jon-Paul", "Lee Seong-kweun")."""
    while lo >= 2 and doc[lo - 1].text in ("-", "‑") and not doc[lo - 1].whitespace_ \
            and not doc[lo - 2].whitespace_ and doc[lo - 2].text[:1].isalpha():
        lo -= 2
    while hi + 2 < len(doc) and doc[hi + 1].text in ("-", "‑") and not doc[hi].whitespace_ \
            and not doc[hi + 1].whitespace_ and doc[hi + 2].text[:1].isalpha():
        hi += 2
    return lo, hi


def _connects(doc: Doc, i: int, floor: int) -> bool:
    """A small word between name tokens of one entity ("of" in "Federation of Workers")."""
    return doc[i].lower_ in _CONNECTORS and i - 1 >= floor and _is_name_token(doc[i - 1])


def _title_at(doc: Doc, i: int, stop: int, lex: PhraseLexicons) -> int:
    """Length in tokens of the longest title starting at token ``i`` (0 when none)."""
    best = 0
    words: list[str] = []
    for j in range(i, min(stop, i + 4)):
        words.append(doc[j].lower_)
        joined = " ".join(words)
        # "Maj. Gen." is tokenised "Maj" "." "Gen.": a bare dot continues an abbreviation
        if joined in lex.titles or joined.replace(" .", ".") in lex.titles:
            best = j - i + 1
        elif doc[j].text == "." and j > i:
            continue
    return best


def name_tokens(tok: Token, lex: PhraseLexicons | None = None) -> tuple[int, int, tuple[str, ...]] | None:
    """The token range of the proper name ``tok`` belongs to, titles cut off, and the titles.

    "Norvian Prime Minister Ada Brenholt" (any of its tokens) → the range of
    "Ada Brenholt" and ("prime minister",). None when ``tok`` is no name.
    """
    lex = lex or load_phrase_lexicons()
    if not _is_name_token(tok):
        return None
    doc = tok.doc
    head = tok
    # climb a compound chain to its head ("Joe" → "Biden"), staying among name tokens
    while head.dep_ in ("compound", "flat") and head.head.i > head.i and _is_name_token(head.head):
        head = head.head
    lo = hi = head.i
    ent = _ent_span(head)
    if ent and doc[head.i].ent_type_ in _NAME_ENTS:
        # the entity's name tokens around the head (an entity may run on over a verb:
        # '"…," Volkov told Harbour Weekly' can come out as one entity)
        while lo - 1 >= ent[0] and (_is_name_token(doc[lo - 1]) or _connects(doc, lo - 1, ent[0])
                                    or (doc[lo - 1].text == "-" and not doc[lo - 1].whitespace_)):
            lo -= 1
        while hi + 1 < ent[1] and (_is_name_token(doc[hi + 1]) or doc[hi + 1].lower_ in _CONNECTORS) \
                and doc[hi + 1].pos_ not in ("VERB", "AUX"):
            hi += 1
        while hi > head.i and doc[hi].lower_ in _CONNECTORS:
            hi -= 1
    # "Federation of Mine and Smelter Workers", "Department of Health and Social Care": the
    # model may cut such a name at "and" into two organisations
    if lo >= 2 and doc[lo].ent_type_ == "ORG" and doc[lo - 1].lower_ in ("and", "&"):
        prev = _ent_span(doc[lo - 2])
        if prev and doc[lo - 2].ent_type_ == "ORG" and any(doc[x].lower_ == "of" for x in range(*prev)):
            lo = prev[0]
    # an organisation's "of" part: "Central Ferry Agency of Ostia", "Ministry of Defence"
    if hi + 2 < len(doc) and doc[hi + 1].lower_ == "of" and doc[hi + 1].head.i == hi and (
            {doc[x].lower_ for x in range(lo, hi + 1)} & lex.org_words):
        k = hi + 2 + (doc[hi + 2].lower_ == "the")
        while k < len(doc) and doc[k].pos_ == "PROPN" and k - lo < _MAX_NAME_TOKENS:
            hi = k
            k += 1
    # compound name tokens to the left of the head, contiguous ("Coast Guard Capt. Pat")
    k = lo - 1
    while k >= 0 and hi - k < _MAX_NAME_TOKENS:
        t = doc[k]
        hyphen = t.text in ("-", "‑") and not t.whitespace_ and k > 0 and not doc[k - 1].whitespace_
        if t.ent_type_ in ("DATE", "TIME") and doc[hi].ent_type_ not in ("DATE", "TIME"):
            break  # "In September Symantec released …": the month is no part of the name
        if hyphen or (t.head.i in range(k + 1, hi + 1) and t.dep_ in ("compound", "flat") and (
            _is_name_token(t) or t.text == "." or t.lower_ in lex.title_words
        )):
            k -= 1
            continue
        break
    lo = k + 1
    if lo < hi and date_opens_name(doc, lo):
        lo += 1  # "In May Harlow Mills said": the model may read the month into the name
    lo, hi = _hyphen_joined(doc, lo, hi)
    if lo <= hi and doc[lo].lower_ in ("the", "a", "an"):
        lo += 1
    # titles: everything up to the last title word inside the range goes
    roles: list[str] = []
    i = lo
    while i <= hi:
        n = _title_at(doc, i, hi + 1, lex)
        if n and i + n <= hi:  # a title must leave a name after it
            roles.append(" ".join(doc[x].lower_ for x in range(i, i + n)).replace(" .", "."))
            lo = i + n
            i += n
        else:
            i += 1
    while lo <= hi and (doc[lo].text == "." or not doc[lo].text[:1].isalnum()):
        lo += 1
    # a nationality adjective before a title ("Norvian Prime Minister X") is not the name
    while hi >= lo and doc[hi].tag_ == "POS":
        hi -= 1
    if lo > hi:
        return None
    return lo, hi + 1, tuple(roles)


def _kind_of_name(doc: Doc, lo: int, hi: int, roles: tuple[str, ...], lex: PhraseLexicons) -> Kind:
    words = {doc[i].lower_ for i in range(lo, hi)}
    if words & lex.org_words:
        return "org"
    if roles:
        return "person"
    labels = [doc[i].ent_type_ for i in range(lo, hi) if doc[i].ent_type_]
    if labels:
        label = max(set(labels), key=labels.count)
        if label in _NAME_ENTS:
            return _NAME_ENTS[label]  # type: ignore[return-value]
    return "person" if hi - lo >= 2 else "org"


def _appositive_roles(head: Token, lex: PhraseLexicons) -> tuple[str, ...]:
    """Role words of appositives ("Vera Holt, a nurse," → ("nurse",))."""
    out = []
    for child in children(head):
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
            out.append(child.lemma_.lower())
            out.extend(c.lower_ for c in children(child) if c.dep_ == "compound" and c.lower_ in lex.roles)
    return tuple(out)


def _role_before_name(name_head: Token, lex: PhraseLexicons) -> tuple[str, ...]:
    """The role noun a name stands in apposition to ("The interior minister, Karel Vost," →
    ("minister",)), so that "the minister" later is that person."""
    head = name_head.head
    if name_head.dep_ != "appos" or head.i >= name_head.i or head.lemma_.lower() not in lex.roles:
        return ()
    return (head.lemma_.lower(),) + tuple(c.lower_ for c in children(head)
                                          if c.dep_ == "compound" and c.lower_ in lex.roles)


def noun_phrase(tok: Token, lex: PhraseLexicons | None = None) -> Phrase | None:
    """The speaker phrase headed by ``tok`` (a subject, an agent, the object of "according to").

    Example: in "A spokesman for the port said …", the token "spokesman" gives
    ``Phrase("spokesman for the port", kind="description")``.
    """
    lex = lex or load_phrase_lexicons()
    doc = tok.doc
    if tok.pos_ == "PRON":
        if tok.lower_ in ("who", "which", "that", "what", "whom"):
            return None
        return Phrase(tok.text, tok.idx, tok.idx + len(tok.text), "pronoun", head=tok.i)
    if tok.pos_ == "NUM" or tok.ent_type_ in ("TIME", "DATE"):
        # "11:50 — A miner who asked not to be named told …": a time stamp is nobody; the
        # phrase in apposition to it is who speaks
        for child in children(tok):
            if child.dep_ == "appos":
                return noun_phrase(child, lex)
        return None
    name = name_tokens(tok, lex)
    if name is not None:
        lo, hi, roles = name
        # "Tom Hardy and Lia Moss": coordinated names speak together
        conj_hi = hi
        for c in children(doc[hi - 1]) if hi - 1 < len(doc) else ():
            if c.dep_ == "conj" and _is_name_token(c):
                sub = name_tokens(c, lex)
                if sub:
                    conj_hi = max(conj_hi, sub[1])
        roles = roles + _appositive_roles(doc[hi - 1], lex) + _role_before_name(doc[hi - 1], lex)
        kind = _kind_of_name(doc, lo, hi, roles, lex)
        end_tok = doc[conj_hi - 1]
        start = doc[lo].idx
        end = end_tok.idx + len(end_tok.text)
        return Phrase(doc[lo:conj_hi].text, start, end, kind, roles, hi - 1)
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
        return None
    description = _description(tok, lex)
    # "The police chief, Rob Stan, told …": the name in apposition is who speaks; so is a
    # person named at the end of a role's phrase ("Freedonia's ambassador in Lorn Nina Sorel")
    named_in = [c for c in children(tok) if c.dep_ == "appos" and _is_name_token(c)]
    if description.roles:
        for child in children(tok):
            if child.dep_ == "prep" and child.i > tok.i:
                for obj in children(child):
                    if obj.dep_ == "pobj" and obj.ent_type_ == "PERSON" and obj.i == obj.right_edge.i:
                        named_in.append(obj)
                    # "Freedonia's ambassador to Sylvania, Nina Sorel, said": the parser may
                    # hang the name on the owner
                    named_in += [a for a in children(obj) if a.dep_ == "appos" and a.ent_type_ == "PERSON"]
    for child in named_in:
        named = noun_phrase(child, lex)
        if named is not None and named.kind != "pronoun":
            roles = tuple(dict.fromkeys(named.roles + description.roles))
            named_kind: Kind = "person" if roles and named.kind not in ("org",) else named.kind
            return Phrase(named.text, named.start, named.end, named_kind, roles, named.head)
    return description


def _description(tok: Token, lex: PhraseLexicons) -> Phrase:
    doc = tok.doc
    lo = min([tok.i] + [c.left_edge.i for c in children(tok) if c.i < tok.i and c.dep_ in _DESCRIPTION_LEFT])
    while lo < tok.i and (doc[lo].pos_ in ("DET", "NUM", "PUNCT") or doc[lo].lower_ in ("the", "a", "an")):
        lo += 1
    hi = tok.i + 1
    lemma = tok.lemma_.lower()
    low = tok.lower_
    role = lemma in lex.roles or low in lex.roles or lemma in lex.groups or low in lex.groups
    if role:
        # "spokesman for the port", "envoy of Ostia to Varno", "economists from
        # the Bureau": owner phrases right after the noun, one after another
        for child in sorted((c for c in children(tok) if c.i > tok.i and c.dep_ == "prep"), key=lambda c: c.i):
            if child.i != hi or child.lower_ not in _OWNER_PREPS:
                break
            objects = [c for c in children(child) if c.dep_ == "pobj"]
            if not objects or not (_is_name_token(objects[0]) or objects[0].lemma_.lower() in lex.groups
                                   or (child.lower_ in ("for", "of", "with") and objects[0].pos_ == "NOUN")):
                break
            end = objects[0].right_edge.i + 1
            if end < len(doc) and doc[end].tag_ == "POS":  # "a spokeswoman for St. Ivo’s"
                end += 1
            # keep only the owner: stop before a relative clause, a comma or a bracket
            end = min([end] + [t.left_edge.i for t in doc[child.i:end] if t.dep_ in ("relcl", "acl")])
            k = child.i
            while k < end and not (doc[k].dep_ in ("relcl", "acl") or doc[k].text in (",", "(")):
                k += 1
            hi = k
            if k < end:
                break
    hi = _known_through(doc, tok, hi, lex)
    while hi > tok.i + 1 and (doc[hi - 1].is_punct or doc[hi - 1].pos_ in ("ADP", "DET", "CCONJ")) \
            and doc[hi - 1].tag_ != "POS":
        hi -= 1
    start = doc[lo].idx
    end = doc[hi - 1].idx + len(doc[hi - 1].text)
    plural = tok.tag_ in ("NNS", "NNPS")
    kind: Kind = "group" if plural or lemma in lex.groups or low in lex.groups else "description"
    roles = (lemma,) if lemma in lex.roles or low in lex.roles else ()
    return Phrase(doc[lo:hi].text, start, end, kind, roles, tok.i)


def _known_through(doc: Doc, tok: Token, hi: int, lex: PhraseLexicons) -> int:
    """The end of a description with what it knows ("people familiar with the talks", "a source
    briefed on the inquiry", ``speaker_modifiers.tsv``): the modifier right after the phrase and
    its preposition's phrase, up to a comma, a bracket or a relative clause."""
    for child in children(tok):
        if child.i != hi or child.dep_ not in ("amod", "acl"):
            continue
        prep = next((c for c in children(child) if c.dep_ == "prep" and c.i == child.i + 1), None)
        if prep is None or ((child.lower_, prep.lower_) not in lex.modifiers
                            and (child.lemma_.lower(), prep.lower_) not in lex.modifiers):
            return hi
        end = prep.right_edge.i + 1
        for k in range(prep.i + 1, end):
            if doc[k].text in (",", "("):
                end = min(end, k)
            elif doc[k].dep_ in ("relcl", "acl"):
                end = min(end, doc[k].left_edge.i)
        return end if end > prep.i + 1 else hi
    return hi
