"""What a figure counts, read from the parse: the noun a number modifies and its verb.

"318 people were killed" → "people killed"; "troops sent to assist the allies"; "two of them
remain in a serious condition" → "remain in a serious condition"; "the death toll reached
318" → "death toll reached"; "a 40-day walkout" → "day walkout"; "9 nautical miles of
open water" → "nautical miles of open water"; "some 480 km north of the port" → "km
north". The words are the article's own, in text
order; the head noun's and the verb's lemmas go with them for the comparison.

Every step reads at most a few tokens around the figure (children are read in bounded
slices), so a long run of figures costs time in proportion to its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc, Token

from .figures import Figure
from .lexicon import QuantityLexicons

__all__ = ["Measure", "read_measure"]

_NOUNS = frozenset(["NOUN", "PROPN"])
_VERBS = frozenset(["VERB", "AUX"])
_MODIFIERS = frozenset(["compound", "amod", "nmod", "npadvmod", "poss"])
_SUBJECTS = frozenset(["nsubj", "nsubjpass"])
_OBJECTS = frozenset(["dobj", "attr", "oprd", "dative"])
_COMPLEMENTS = ("oprd", "acomp", "xcomp", "attr", "dobj", "prep", "agent")
_NOUN_PREPS = frozenset(["of", "in", "at", "from", "on", "per", "across", "inside", "near"])
# what a sum or share is of, kept whatever else the measure has: "$4 billion in debt", "per day"
_ALWAYS_PREPS = frozenset(["of", "in", "per"])
# verbs of state whose complement says what a count is in ("two of them remain in a serious condition")
_STATE_VERBS = frozenset(["be", "remain", "stay", "lie", "sit"])
# prepositions of place, goal or agent that complete a verb in a measure ("taken to hospital")
_PLACE_PREPS = frozenset(["to", "in", "into", "at", "on", "onto", "from", "by", "under", "inside", "near", "across",
                          "for", "with", "out", "off", "through", "within", "outside", "over", "along"])
_LEAD_TRIM = frozenset(["det", "aux", "auxpass", "cc", "mark", "poss", "case", "punct", "neg"])
_TAIL_TRIM = frozenset(["det", "aux", "auxpass", "cc", "mark", "poss", "case", "punct", "prep"])
_MAX_KIDS = 24  # children read per token: a head of hundreds of figures is read in a bounded slice
_MAX_PHRASE = 3  # tokens after the first of a complement or place kept in a measure ("taken to hospital")
_MAX_DESCRIBED = 3  # tokens after the first of what completes a participle ("sent to assist the allies")
_MAX_NOUN_GAP = 6  # tokens between a number and the noun it counts
_MAX_CLIMB = 4


@dataclass(frozen=True, slots=True)
class Measure:
    """What one figure counts.

    Attributes:
        text: the measure in the article's words ("people killed"); "" when nothing is found.
        head: the lemma of the counted noun ("person"), or of the unit or noun it is "of".
        action: the lemma of the verb ("kill"), if any.
        noun: token index of the counted noun after the number (-1: none).
        before: token index where the figure's phrase begins when a noun stands before it
            ("his crew of eight", "a depth of 60 metres"); -1 otherwise.
        verb: token index of the verb, -1 when none.
        role: how the counted thing stands to its verb: "subject", "object", "oblique",
            "complement" or "" (none); see :func:`_verb_of`.
        partitive: the figure counts a part of something named after "of" ("two of them").
        pronoun: the part is of a pronoun ("two of them"), whose predicate is the measure.
    """

    text: str
    head: str | None = None
    action: str | None = None
    noun: int = -1
    before: int = -1
    verb: int = -1
    role: str = ""
    partitive: bool = False
    pronoun: bool = False


def _kids(tok: Token) -> list[Token]:
    return list(islice(tok.children, _MAX_KIDS))


def read_measure(doc: Doc, fig: Figure, lo: int, hi: int, lex: QuantityLexicons) -> Measure:
    """What ``fig`` counts, from the parse of its sentence (tokens ``lo``..``hi``).

    Example: "At least 318 people were killed." → text "people killed", head "people",
    action "kill", role "subject".

    Args:
        doc (Doc): the parse.
        fig (Figure): the figure.
        lo, hi (int): its sentence's token range.
        lex (QuantityLexicons): units, value nouns, partitive pronouns.
    Returns:
        Measure: the measure; its text is "" when the parse shows nothing counted.
    """
    anchor = doc[fig.anchor]
    keep: set[int] = set()
    first = fig.first
    while first > lo and doc[first - 1].idx >= fig.start:
        first -= 1  # the bound's words ("an estimated") are the figure's, not what it counts
    inside = range(first, fig.last + 1)
    noun, before, partitive, pronoun = _counted(doc, fig, anchor, hi, lex)
    top = anchor
    if noun is not None and noun.i > fig.last and not partitive:
        top = noun
    elif before is not None:
        top = before
    if noun is not None and noun.dep_ == "pcomp":
        keep.update(range(max(lo, noun.left_edge.i), min(hi - 1, noun.right_edge.i, noun.i + _MAX_PHRASE) + 1))
    elif noun is not None and not pronoun:
        _noun_phrase(noun, keep, inside, lo, hi)
        if partitive and fig.unit is not None and fig.unit.in_measure:
            keep.add(fig.last + 1)  # "miles of border": the "of" joins the unit words to the noun
    if before is not None:
        _noun_phrase(before, keep, inside, lo, hi)
    if fig.unit is not None and fig.unit.in_measure and fig.unit_first >= 0:
        keep.update(range(fig.unit_first, fig.unit_last + 1))
    if fig.duration >= 0:
        keep.add(fig.duration)
    described: Token | None = None
    if noun is not None and not pronoun:
        described = _described(noun, keep, inside, hi)
    elif noun is None and before is None:
        described = _described(anchor, keep, inside, hi)  # "over 2,000 killed or wounded"
    verb, role = None, ""
    if described is None or partitive:
        verb, role, top = _verb_of(top, keep, inside, lo, hi, lex)
    if verb is not None and role == "object" and noun is not None and verb.lemma_.lower() in lex.kind("relation_verb"):
        verb, role = None, ""  # "the scheme involves dozens of nurses": the nurses are the measure
    if verb is not None:
        _verb_phrase(verb, role, top, keep, inside, lo, hi, bare=noun is None and before is None)
    if noun is None or pronoun:
        _right_phrase(anchor, keep, range(fig.first, fig.last + 2 if pronoun else fig.last + 1), hi,
                      places=verb is None or pronoun)
    elif verb is None and described is None:
        _right_phrase(noun, keep, inside, hi, places=False)
    text = _render(doc, keep, inside, lo, hi)
    if not text:
        text = _fallback(doc, anchor, inside, lo)
    head = noun if noun is not None and not pronoun else before
    head_lemma = head.lemma_.lower() if head is not None else (
        fig.unit.name if fig.unit is not None and fig.unit.in_measure else None)
    act = verb if verb is not None and verb.pos_ == "VERB" else described
    start = -1
    if before is not None:  # "his crew of eight", "a depth of 60 metres"; not "place and takings of $4.7m"
        lefts = [k.i for k in islice(before.lefts, _MAX_KIDS) if k.dep_ in ("det", "poss", "amod", "compound")]
        start = min([before.i, *lefts]) if lefts and min(lefts) >= before.i - 3 else before.i
    return Measure(
        text=text, head=head_lemma, action=act.lemma_.lower() if act is not None else None,
        noun=noun.i if noun is not None and noun.i > fig.last else -1, before=start,
        verb=verb.i if verb is not None else -1, role=role, partitive=partitive, pronoun=pronoun,
    )


def _counted(doc: Doc, fig: Figure, anchor: Token, hi: int,
             lex: QuantityLexicons) -> tuple[Token | None, Token | None, bool, bool]:
    """(noun after, noun before, partitive, pronoun) of a figure."""
    after = fig.last + 1
    while after < hi and doc[after].is_quote:
        after += 1  # '“dozens” of nurses'
    if after < hi and doc[after].lower_ == "of" and fig.kind != "multiple":
        kids = _kids(doc[after])
        obj = next((c for c in kids if c.dep_ == "pobj"), None)
        if obj is not None:
            pronoun = obj.lower_ in lex.kind("partitive_pronoun")
            return obj, None, True, pronoun  # "hundreds of its soldiers", "two of them"
        clause = next((c for c in kids if c.dep_ == "pcomp"), None)
        if clause is not None:
            return clause, None, True, False  # "half of what the union asked for"
    head = anchor.head
    if fig.kind == "multiple":  # "twice as many tourists": through "many" to the noun
        for _ in range(3):
            if head.pos_ in _NOUNS or head.head.i == head.i:
                break
            head = head.head
        if head.pos_ in _NOUNS and fig.last < head.i <= fig.last + _MAX_NOUN_GAP:
            return head, None, False, False
        for k in range(fig.last + 1, min(hi, fig.last + _MAX_NOUN_GAP)):
            if doc[k].pos_ in _NOUNS and doc[k].left_edge.i == fig.last + 1:
                return doc[k], None, False, False  # "twice as many tourists" with "twice" on the verb
        return None, None, False, False
    if anchor.dep_ in _MODIFIERS | {"nummod", "quantmod", "appos", "preconj"} and head.pos_ not in _NOUNS and (
            head.dep_ in ("amod", "compound", "nmod") and fig.last < head.head.i <= fig.last + _MAX_NOUN_GAP):
        head = head.head  # "three dozen stranded climbers", "the powerful 5.3 … tremors" (parsed on the adjective)
    # "more than an hour": the article that stands for one is its noun's determiner
    counting = _MODIFIERS | {"nummod", "quantmod", "appos", "preconj"}
    if anchor.lower_ in ("a", "an"):
        counting = counting | {"det"}
    if anchor.dep_ in counting and head.pos_ in _NOUNS and (
            fig.last < head.i <= fig.last + _MAX_NOUN_GAP):
        noun = head
        # "a 40-day walkout", "a 9 percent pay rise", "a $1.7bn donors' aid package": the noun
        # after the number modifies another
        for _ in range(2):
            if noun.dep_ in ("compound", "amod", "nmod", "poss") and noun.head.pos_ in _NOUNS and (
                    noun.i < noun.head.i <= noun.i + 3):
                noun = noun.head
        return noun, None, False, False
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in _NOUNS and head.head.i < fig.first and (
            head.head.lower_ not in lex.starters and not head.head.like_num):
        return None, head.head, False, False  # "a depth of 60 metres", "a mother of four"; not "half of $20bn"
    nxt = doc[after] if after < hi else None
    if nxt is not None and nxt.pos_ == "NOUN" and (nxt.tag_ == "NNS" or nxt.lower_ in lex.kind("plural")) and (
            after == fig.last + 1):
        return nxt, None, False, False  # "Over a dozen villages" parsed as a phrase "over a dozen"
    prev = doc[fig.first - 1] if fig.first > 0 else None
    if prev is not None and prev.pos_ == "NOUN" and prev.lower_ in lex.kind("value_noun"):
        return None, prev, False, False  # "population 860,000", "magnitude 5.3"
    if anchor.dep_ in ("nummod", "quantmod") and head.pos_ in _NOUNS and head.i < fig.first and (
            head.lower_ in lex.kind("value_noun")):
        return None, head, False, False
    return None, None, False, False


def _noun_phrase(noun: Token, keep: set[int], inside: range, lo: int, hi: int) -> None:
    """The noun with its modifiers (compounds, adjectives), without determiners and numbers."""
    keep.add(noun.i)
    for kid in _kids(noun):
        if kid.i > noun.i:
            break
        if kid.dep_ in ("compound", "amod", "nmod", "npadvmod") and kid.i not in inside:
            first = max(kid.left_edge.i, lo, noun.i - _MAX_NOUN_GAP)
            keep.update(k for k in range(first, kid.i + 1) if k not in inside)
    for k in range(max(lo, inside.stop), noun.i):  # words between the figure and its noun
        if k in keep or k < noun.i - _MAX_NOUN_GAP:
            continue
        tok = noun.doc[k]
        if tok.like_num or tok.tag_ in ("$", "CD") or tok.text in "()":
            continue  # "a $27bn (£14bn) tax bill": the other figure is no part of what this one counts
        if tok.dep_ in ("compound", "amod", "nmod") or (tok.is_punct and tok.text in "-–"):
            keep.add(k)


def _verb_of(top: Token, keep: set[int], inside: range, lo: int, hi: int,
             lex: QuantityLexicons) -> tuple[Token | None, str, Token]:
    """The verb the counted thing stands to, its role, and the token that stands to it.

    Roles: "subject" ("318 people were killed"), "object" ("fired 40 rockets"),
    "oblique" ("rose to 318", "rejected by 71.3%"), "complement" ("the section was 35
    metres long", "the toll is 318").
    """
    t = top
    for _ in range(_MAX_CLIMB):
        head = t.head
        if head.i == t.i or (head.dep_ == "prep" and head.pos_ == "VERB"):
            return None, "", t  # "according to", "including": a verb form that is a preposition
        if t.dep_ in _SUBJECTS and head.pos_ in _VERBS:
            progressive = head.tag_ == "VBG" and any(k.dep_ == "aux" for k in _kids(head))
            if progressive and head.lower_ not in lex.kind("state"):
                return None, "", t  # "rescuers were working in shifts": what they do is no measure
            return head, "subject", t
        if t.dep_ in ("attr", "acomp") and head.pos_ in _VERBS and head.lemma_ == "be":
            return head, "complement", t
        if t.dep_ in _OBJECTS | {"npadvmod"} and head.pos_ in _VERBS:
            return head, "object", t
        if t.dep_ == "pobj" and head.dep_ in ("prep", "agent", "dative") and head.head.pos_ in _VERBS:
            return head.head, "oblique", t
        if t.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in _NOUNS and head.head.i < head.i and (
                head.head.i >= lo):
            keep.update((head.head.i, head.i))  # "a 6% raise over three years"
            return None, "", t
        if t.dep_ == "npadvmod" and head.pos_ in ("ADV", "ADJ") and head.i > t.i:
            keep.add(head.i)  # "20 minutes later", "35 metres long", "11 per cent lower"
            if head.dep_ == "amod" and head.head.pos_ in _NOUNS:
                _noun_phrase(head.head, keep, inside, lo, hi)  # "a tunnel 15 to 20 metres long"
                return None, "", t
            t = head
            continue
        if t.dep_ in ("acomp", "advmod") and head.pos_ in _VERBS and t.i not in inside:
            return head, "complement" if head.lemma_ == "be" else "object", t
        if t.dep_ in ("conj", "appos") and head.pos_ in _NOUNS | {"NUM"}:
            t = head
            continue
        if t.dep_ in ("quantmod", "nummod", "compound") and (head.tag_ == "CD" or not head.is_alpha):
            t = head  # "from 3.1% to 2.7%" parsed as one number phrase: the role is the last one's
            continue
        return None, "", t
    return None, "", t


def _verb_phrase(verb: Token, role: str, top: Token, keep: set[int], inside: range, lo: int, hi: int,
                 *, bare: bool) -> None:
    """The verb, its particle, and what completes it ("reported missing", "voted to reject the plan")."""
    copula = verb.lemma_ in _STATE_VERBS
    if verb.lemma_ != "be":
        keep.add(verb.i)
        _conjoined(verb, keep)
    kids = _kids(verb)
    for kid in kids:
        if kid.dep_ == "prt":
            keep.add(kid.i)
    if role == "subject":
        passive = copula or any(k.dep_ in ("auxpass", "nsubjpass") for k in kids)
        for kid in kids:
            if kid.i <= verb.i or kid.i == top.i or kid.i in inside or kid.dep_ not in _COMPLEMENTS:
                continue
            if kid.dep_ == "prep" and (not passive or _is_time(kid) or kid.lower_ not in _PLACE_PREPS):
                continue  # "rescuers working in shifts", "trapped on Tuesday", "after the collapse"
            if kid.dep_ == "prep" and copula and not _bare_state(kid):
                continue  # "600 tonnes were in the shed": a place; "350 miners are on strike": a state
            if kid.dep_ == "xcomp":
                _span(kid, keep, inside, hi, limit=kid.i)  # "voted to reject the plan" → "voted to reject"
            else:
                _span(kid, keep, inside, hi, limit=kid.i + _MAX_PHRASE)
            break
    elif role in ("object", "oblique"):
        obj = next((k for k in kids if k.dep_ == "dobj" and k.i != top.i and k.i < top.i), None)
        if obj is not None:
            _span(obj, keep, inside, hi, limit=obj.i + 2)  # "rejected the plan by 71.3%"
        state = next((k for k in kids if k.dep_ in ("oprd", "acomp", "xcomp") and k.i > top.i), None)
        if state is not None and role == "object":
            keep.add(state.i)  # "left two dock workers dead or injured", "kept 140 firefighters busy"
            _conjoined(state, keep)
    if (bare and role != "subject") or role == "complement":
        subject = next((k for k in kids if k.dep_ in _SUBJECTS), None)
        if subject is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in _NOUNS:
            subject = verb.head  # "damage exceeding $12 billion"
        if subject is not None and subject.pos_ in _NOUNS:
            _noun_phrase(subject, keep, inside, lo, hi)


def _described(noun: Token, keep: set[int], inside: range, hi: int) -> Token | None:
    """A participle or relative clause on the counted noun ("troops sent to assist X", "who died").

    "relatives of 11 miners trapped by a roof fall": a participle right after the noun that
    the parse hung on the noun before "of" is read as the nearer noun's.
    """
    kids = [k for k in _kids(noun) if k.i > noun.i]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in _NOUNS:
        kids += [k for k in _kids(noun.head.head) if k.i == noun.i + 1]
    for kid in kids:
        # not "relatives standing at the gate": an -ing form says what they do, not what they are
        if kid.dep_ in ("acl", "relcl") and kid.pos_ in _VERBS | {"ADJ"} and kid.tag_ != "VBG":
            keep.add(kid.i)
            _conjoined(kid, keep)
            for k in _kids(kid):
                if k.i > kid.i and k.dep_ in ("prep", "agent", "oprd", "acomp") and k.i not in inside and not _is_time(
                        k) and (k.dep_ != "prep" or k.lower_ in _PLACE_PREPS):
                    _span(k, keep, inside, hi, limit=k.i + _MAX_DESCRIBED)
                    break
            return kid
    return None


def _bare_state(prep: Token) -> bool:
    """ "on strike", "in hospital", "in a serious condition": a state, not a place ("in the shed").

    A state's noun has no determiner, or an indefinite one with an adjective.
    """
    obj = next((c for c in islice(prep.children, _MAX_KIDS) if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN":
        return False
    dets = [c for c in islice(obj.children, _MAX_KIDS) if c.dep_ in ("det", "poss")]
    adjectives = any(c.dep_ == "amod" for c in islice(obj.children, _MAX_KIDS))
    return not dets or (adjectives and all(d.lower_ in ("a", "an") for d in dets))


def _is_time(prep: Token) -> bool:
    """ "on Tuesday", "in 2024", "since last August": a preposition whose object is a date or time."""
    obj = next((c for c in islice(prep.children, _MAX_KIDS) if c.dep_ == "pobj"), None)
    return obj is not None and obj.ent_type_ in ("DATE", "TIME")


def _conjoined(tok: Token, keep: set[int]) -> None:
    """ "killed or wounded", "trapped or injured": a participle and the one joined to it."""
    for kid in islice(tok.rights, _MAX_KIDS):
        if kid.dep_ == "conj" and kid.pos_ in ("VERB", "ADJ") and kid.i <= tok.i + 3:
            keep.update(range(tok.i, kid.i + 1))
            return


def _right_phrase(tok: Token, keep: set[int], inside: range, hi: int, *, places: bool) -> None:
    """ "of electricity", "per day", "in debt", "north of the port" after a figure or noun."""
    for kid in _kids(tok):
        if kid.i <= tok.i or kid.i in inside:
            continue
        low = kid.lower_
        always = low in _ALWAYS_PREPS
        if (kid.dep_ == "prep" and (always or (places and low in _NOUN_PREPS))) or (
                places and kid.dep_ in ("advmod", "npadvmod") and kid.pos_ in ("ADV", "NOUN")):
            _span(kid, keep, inside, hi, limit=kid.i + _MAX_PHRASE)
            if not always:
                return


def _span(tok: Token, keep: set[int], inside: range, hi: int, *, limit: int) -> None:
    """The token's subtree, cut at ``limit`` and at the first punctuation or figure.

    A preposition keeps its object whole when it is near: "at St. Ivo's Hospital".
    """
    obj = next((c for c in islice(tok.children, _MAX_KIDS) if c.dep_ == "pobj"), None) if tok.dep_ == "prep" else None
    if obj is not None and obj.i <= tok.i + _MAX_PHRASE + 2:
        limit = max(limit, obj.i)
    end = min(tok.right_edge.i, limit, hi - 1)
    for k in range(tok.i, end + 1):
        t = tok.doc[k]
        if (t.is_punct and t.text not in "-–'’") or k in inside or t.like_num or t.text[:1].isdigit():
            break  # a comma, or another figure: "troops deployed, with 2,000 killed"
        keep.add(k)
    first = max(tok.left_edge.i, tok.i - 2)
    for k in range(first, tok.i):
        if tok.doc[k].dep_ in ("aux", "neg", "prep") and k not in inside:
            keep.add(k)  # "to" of "voted to reject"


def _render(doc: Doc, keep: set[int], inside: range, lo: int, hi: int) -> str:
    """The kept tokens in text order, runs joined by a space, function words off their edges.

    The figure's own words bridge a run: "rescue of [two] stranded climbers" is one run,
    "rescue of stranded climbers".
    """
    runs: list[list[Token]] = []
    last = -2
    for k in sorted(k for k in keep if lo <= k < hi):
        tok = doc[k]
        bridged = last >= 0 and all(j in inside for j in range(last + 1, k))
        if runs and (last == k - 1 or bridged):
            runs[-1].append(tok)
        else:
            runs.append([tok])
        last = k
    parts: list[str] = []
    for run in runs:
        # "miners on strike" keeps its preposition; a dangling "the", "to" or comma goes
        while run and (run[0].is_punct or run[0].dep_ in _LEAD_TRIM or (run[0].dep_ == "advmod" and run[0].is_stop)):
            run = run[1:]
        while run and (run[-1].is_punct or run[-1].dep_ in _TAIL_TRIM):
            run = run[:-1]
        pieces: list[list[Token]] = []
        for tok in run:  # the figure's own words are left out of a bridged run
            if pieces and pieces[-1][-1].i == tok.i - 1:
                pieces[-1].append(tok)
            else:
                pieces.append([tok])
        parts.extend(doc[p[0].i:p[-1].i + 1].text for p in pieces)
    return " ".join(parts)


def _fallback(doc: Doc, anchor: Token, inside: range, lo: int) -> str:
    """A content word for a figure whose parse shows nothing counted: its head's, or the last before it."""
    t = anchor
    for _ in range(_MAX_CLIMB):
        t = t.head
        if t.i not in inside and t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN") and not t.is_stop and t.is_alpha:
            return t.text
    for k in range(inside.start - 1, max(lo, inside.start - 8) - 1, -1):
        tok = doc[k]
        if tok.pos_ in ("NOUN", "VERB", "ADJ") and not tok.is_stop and tok.is_alpha:
            return tok.text
    return ""
