"""Who gives a figure: the one place the figure extractor asks, until the attribution component does.

:func:`figure_source` reads the parse as simply as it can: "according to X" in the figure's
sentence; else the subject of the nearest speech or reporting verb above the figure ("X said
…", "X estimates that …", "Police found 40 bodies", "…, X told reporters"); a pronoun
subject is the last person named in the sentences before. A sentence ending with a colon
lends its source to the next one. The project's attribution component
(``resolve/attribution.py``) will answer this question for every stage; this function is
then replaced by a call to it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc, Token

from ...model import Document
from .lexicon import QuantityLexicons, load_quantity_lexicons

__all__ = ["figure_source"]

Source = tuple[str, int, int]  # the name as written and its characters

_CACHE_KEY = "newsledger.figure_sources"
_MAX_CLIMB = 8
# how an object hangs under a verb: a verb of speech gives no figure through one ("revenues added
# 4%"), only a verb of finding or reporting does ("Police found 40 bodies")
_OBJECTS = frozenset(["dobj", "dative", "attr", "oprd", "npadvmod", "nsubj", "nsubjpass"])
_MAX_KIDS = 32  # children read per token (a root may hold hundreds in a run of figures)
_LOOK_BACK = 3  # sentences searched for the person a pronoun stands for
_PERSON_PRONOUNS = frozenset(["he", "she", "him", "her"])
_BODY_PRONOUNS = frozenset(["it", "they"])
_NAME_PARTS = frozenset(["compound", "amod", "nmod", "poss", "case", "det"])


@dataclass(slots=True)
class _Index:
    """The sentences of one parse, and the "according to" source already found per sentence."""

    parse: Doc
    sentences: list[int]  # first token of each sentence
    according: dict[int, Source | None] = field(default_factory=dict)


def _index(parse: Doc) -> _Index:
    found = parse.user_data.get(_CACHE_KEY)
    if isinstance(found, _Index) and found.parse is parse:
        return found
    made = _Index(parse, [s.start for s in parse.sents])
    parse.user_data[_CACHE_KEY] = made
    return made


def figure_source(doc: Document, start: int, end: int, *, lexicons: QuantityLexicons | None = None) -> Source | None:
    """Who the article credits with the figure at characters [start, end), or None.

    Example: in "At least 30 people died, Chief Inspector Lena Voss told reporters." the
    figure "At least 30 people" gives ("Lena Voss", 43, 52).

    Args:
        doc (Document): a parsed document.
        start, end (int): the figure's characters.
        lexicons (QuantityLexicons | None): speech verbs, titles, source words.
    Returns:
        tuple[str, int, int] | None: the name as written and where it stands.
    """
    if doc.parse is None or start >= end:
        return None
    lex = lexicons or load_quantity_lexicons()
    ix = _index(doc.parse)
    words = doc.parse.char_span(start, end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    first, last = words.start, words.end - 1
    s = bisect.bisect_right(ix.sentences, first) - 1
    lo = ix.sentences[s]
    hi = ix.sentences[s + 1] if s + 1 < len(ix.sentences) else len(doc.parse)
    got = _in_sentence(ix, doc.parse[first:last + 1].root, s, lo, hi, lex)
    if got is None and s > 0 and _after_colon(doc.text, doc.parse[lo].idx):
        # "Reports in the Herald gave the toll:\nthree dozen miners were carried out."
        plo = ix.sentences[s - 1]
        got = _in_sentence(ix, doc.parse[plo:lo].root, s - 1, plo, lo, lex)
    return got


def _after_colon(text: str, offset: int) -> bool:
    return text[max(0, offset - 20):offset].rstrip().endswith(":")


def _in_sentence(ix: _Index, tok: Token, s: int, lo: int, hi: int, lex: QuantityLexicons) -> Source | None:
    """The source in the figure's own sentence: a named speaker above it, else "according to X",
    else the person or body a pronoun speaker stands for.

    A named speaker comes first: in "The toll hit 1,644, the government said, according to
    several outlets" the government gives the figure and the outlets report that it did. A
    pronoun comes last: in "Dockers say they warned …, according to the Courier" the paper
    is the one named for it.
    """
    pronoun: Token | None = None
    t = tok
    below = tok
    for _ in range(_MAX_CLIMB):
        got = _speaker_of(ix, t, tok, lo, lex, reported=below.dep_ not in _OBJECTS)
        if isinstance(got, tuple):
            return got
        pronoun = pronoun or got
        near = _according_on(ix, t, lex)
        if near is not None:
            return near  # "they warned …, according to the Courier": the phrase on this very clause
        if t.head.i == t.i:
            break
        below, t = t, t.head
    for kid in islice(t.children, _MAX_KIDS):  # "300 homes were lost, the agency said": speech off the root
        if kid.dep_ in ("parataxis", "ccomp", "advcl") and kid.i > tok.i:
            got = _speaker_of(ix, kid, tok, lo, lex, reported=True)
            if isinstance(got, tuple):
                return got
            pronoun = pronoun or got
    if s not in ix.according:
        ix.according[s] = _according_to(ix, lo, hi, lex)
    if ix.according[s] is not None or pronoun is None:
        return ix.according[s]
    return _antecedent(ix, pronoun, lo, lex)


def _according_to_token(ix: _Index, according: Token, lex: QuantityLexicons) -> Source | None:
    to = next((c for c in islice(according.children, _MAX_KIDS) if c.lower_ == "to"), None)
    obj = next((c for c in islice(to.children, _MAX_KIDS) if c.dep_ == "pobj"), None) if to is not None else None
    return _name(ix, obj, lex) if obj is not None else None


def _according_on(ix: _Index, verb: Token, lex: QuantityLexicons) -> Source | None:
    """ "according to X" attached to this clause's verb, if any."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for kid in islice(verb.children, _MAX_KIDS):
        if kid.lower_ == "according" and kid.dep_ == "prep":
            return _according_to_token(ix, kid, lex)
    return None


def _according_to(ix: _Index, lo: int, hi: int, lex: QuantityLexicons) -> Source | None:
    parse = ix.parse
    for k in range(lo, hi - 1):
        if parse[k].lower_ == "according" and parse[k + 1].lower_ == "to":
            obj = next((c for c in parse[k + 1].children if c.dep_ == "pobj"), None)
            if obj is None and k + 2 < hi:
                obj = _phrase_head(parse, k + 2, hi)
            if obj is not None:
                return _name(ix, obj, lex)
    return None


def _phrase_head(parse: Doc, k: int, hi: int) -> Token | None:
    """The last noun of the noun phrase that starts at ``k`` (a parse that left "to X" loose)."""
    best = None
    while k < hi and (parse[k].pos_ in ("NOUN", "PROPN", "DET", "ADJ", "PART") or parse[k].tag_ == "POS"):
        if parse[k].pos_ in ("NOUN", "PROPN"):
            best = parse[k]
        k += 1
    return best


def _speaker_of(ix: _Index, verb: Token, figure: Token, lo: int, lex: QuantityLexicons, *,
                reported: bool = True) -> Source | Token | None:
    """The named subject of ``verb`` when it is a verb of speech or report, else None.

    A pronoun subject ("he said") is returned as its token, to be resolved by the caller.
    ``reported`` says the figure reaches the verb through a clause ("said that 40 died");
    through an object only a verb of finding or reporting gives it ("Police found 40
    bodies"; not "revenues added 4%").

    A report-like subject names its source whatever the verb ("Reports in the Herald have
    offered evidence"); so does a report-like phrase on the verb ("In remarks made by X, it
    was disclosed that …").
    """
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb.lemma_.lower()
    speech = lemma in lex.kind("find_verb") or (lemma in lex.speech_verbs and reported)
    kids = list(islice(verb.children, _MAX_KIDS))
    subjects = [k for k in kids if k.dep_ in ("nsubj", "nsubjpass")
                and not k.left_edge.i <= figure.i <= k.right_edge.i]
    generic = lex.kind("generic_source")
    for kid in kids:
        if kid.dep_ in ("prep", "agent") and speech:
            obj = next((c for c in kid.children if c.dep_ == "pobj"), None)
            if obj is not None and (kid.dep_ == "agent" or obj.lemma_.lower() in generic):
                got = _name(ix, obj, lex)  # "was reported by the agency", "In remarks made by X, …"
                if got is not None:
                    return got
    if not speech:
        for kid in subjects:
            if kid.lemma_.lower() in generic or kid.lower_ in generic:
                return _name(ix, kid, lex)
            for part in islice(kid.children, _MAX_KIDS):  # "the injuries reported by the army were …"
                if part.dep_ == "acl" and part.lemma_.lower() in lex.speech_verbs:
                    agent = next((c for c in part.children if c.dep_ == "agent"), None)
                    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                    if obj is not None:
                        return _name(ix, obj, lex)
        return None
    active = [k for k in subjects if k.dep_ == "nsubj"]
    if active:
        # the subject nearest the verb ("Karvell – … , the operator said": not the dateline)
        kid = min(active, key=lambda k: abs(k.i - verb.i))
        return kid if kid.pos_ == "PRON" else _name(ix, kid, lex)
    loose = _phrase_before(ix.parse, verb, lo)
    return _name(ix, loose, lex) if loose is not None else None


def _phrase_before(parse: Doc, verb: Token, lo: int) -> Token | None:
    """ "…, a spokeswoman for the clinic said": the noun phrase between a comma and the verb.

    For a parse that hung that phrase elsewhere: the highest noun whose words end right
    before the verb and begin after a comma.
    """
    if verb.i - 1 <= lo or parse[verb.i - 1].is_punct:
        return None
    best: Token | None = None
    t = parse[verb.i - 1]
    for _ in range(_MAX_CLIMB):
        if t.pos_ in ("NOUN", "PROPN") and t.right_edge.i == verb.i - 1 and t.left_edge.i > lo and (
                parse[t.left_edge.i - 1].text in (",", "—", "–")):
            best = t
        if t.head.i == t.i or t.head.i >= verb.i:
            break
        t = t.head
    return best


def _name(ix: _Index, head: Token, lex: QuantityLexicons) -> Source | None:
    """The source phrase headed by ``head``: "Ukrainian intelligence", "a spokesman for X", "Lena Voss"."""
    parse = ix.parse
    low = head.lower_
    if head.pos_ == "PRON":
        return None
    generic = lex.kind("generic_source")
    if head.pos_ != "PROPN" and (low in generic or head.lemma_.lower() in generic):
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
        if owner is not None:
            return _name(ix, owner, lex)  # "the agency's predictive modelling"
        # "figures from the Red Cross", "reports in the Herald", "remarks made by X": the body
        # after the preposition
        for kid in head.children:
            if kid.dep_ == "acl":
                kid = next((c for c in kid.children if c.dep_ == "agent"), kid)
            if (kid.dep_ == "prep" and kid.lower_ in lex.kind("source_prep")) or kid.dep_ == "agent":
                obj = next((c for c in kid.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lower_ not in generic:
                    return _name(ix, obj, lex)
        return None
    first = head.i
    for kid in head.lefts:
        if kid.dep_ in _NAME_PARTS and kid.i >= head.i - 8:
            first = min(first, kid.left_edge.i)
    last = head.i
    role = low in lex.kind("role_of")
    for kid in head.rights:
        if kid.dep_ == "prep" and kid.lower_ in ("for", "of", "at") and role:
            last = max(last, kid.right_edge.i)  # "a spokesman for the clinic"
        elif kid.dep_ in ("compound", "flat"):
            last = max(last, kid.i)
    while first < head.i and (parse[first].is_punct or parse[first].is_quote):
        first += 1  # a quotation mark that opens the phrase
    if not role:
        while first < head.i and parse[first].pos_ == "DET":
            first += 1
        first = _after_title(parse, first, head.i, lex)
    while last > head.i and parse[last].is_punct:
        last -= 1
    text = parse[first:last + 1].text
    return text, parse[first].idx, parse[first].idx + len(text)


def _named_speaker(ix: _Index, lo: int, hi: int, lex: QuantityLexicons) -> Source | None:
    """The named (not pronoun) subject of a verb of speech in tokens ``lo``..``hi``, if any."""
    for tok in ix.parse[lo:hi]:
        if tok.dep_ == "nsubj" and tok.pos_ != "PRON" and tok.head.lemma_.lower() in lex.speech_verbs:
            return _name(ix, tok, lex)
    return None


def _after_title(parse: Doc, first: int, head: int, lex: QuantityLexicons) -> int:
    """Where the name starts after titles ("Chief Inspector Lena Voss" → "Lena Voss")."""
    cut = first
    for k in range(first, head):
        one = parse[k].lower_.rstrip(".")
        two = f"{one} {parse[k + 1].lower_}" if k + 1 <= head else one
        if (one in lex.titles or two in lex.titles) and all(
                parse[j].text[:1].isupper() for j in range(k + 1, head + 1)):
            cut = k + (2 if two in lex.titles and k + 1 < head else 1)
    return min(cut, head)


def _antecedent(ix: _Index, pronoun: Token, lo: int, lex: QuantityLexicons) -> Source | None:
    """The person a "he"/"she" stands for: the last one named in the sentences before it.

    "it" and "they" stand for the source of the sentence before ("…, according to the
    ministry. Another 139 people were reported missing, it said.").
    """
    parse = ix.parse
    s = bisect.bisect_right(ix.sentences, lo) - 1
    if pronoun.lower_ in _BODY_PRONOUNS:
        if s == 0:
            return None
        plo, phi = ix.sentences[s - 1], lo
        if s - 1 not in ix.according:
            ix.according[s - 1] = _according_to(ix, plo, phi, lex)
        return ix.according[s - 1] or _named_speaker(ix, plo, phi, lex)
    if pronoun.lower_ not in _PERSON_PRONOUNS:
        return None
    start = ix.sentences[max(0, s - _LOOK_BACK)]
    for ent in reversed(parse[start:pronoun.i].ents):
        if ent.label_ == "PERSON":
            first = _after_title(parse, ent.start, ent.end - 1, lex)
            last = ent.end - 1
            while last > first and parse[last].tag_ == "POS":
                last -= 1
            text = parse[first:last + 1].text
            return text, parse[first].idx, parse[first].idx + len(text)
    return None
