"""The facts of a figure, read from the parse around its span.

What is counted (the counted noun's lemma and the lemmas of the measure's words), the
action or state it stands to, whose it is (the referent), and which one when a story has
several ("a second tremor with a magnitude of 4.8" → mark "second").

- Referent: the possessor of the counted noun ("Norland's death toll", "Halden's debt"), the
  agent of its verb ("rockets launched by Veltria"), or the subject of the verb a figure is the
  object of ("Veltria fired 40 rockets"); only names count (a pronoun or "the company" says
  nothing about which).
- Marks: ordinals and superlatives on the nouns between the number and its clause ("the
  largest measuring 4.8", "a second tremor with a magnitude of 4.8").
"""

from __future__ import annotations

from itertools import islice

from spacy.tokens import Doc, Span, Token

from ...lexicons import first_column, table, word_list
from ...meaning import canon, harm_of
from ...model import Facts, Quantity
from ...resolve.phrases import load_phrase_lexicons
from .setting import Setting, content_lemma

__all__ = ["figure_facts"]

_NAME_POS = frozenset({"PROPN"})
_MAX_CLIMB = 5
_MAX_KIDS = 24
_WINDOW = 16  # tokens either side of the figure where its measure's words are looked for
_PARTICLES = frozenset({"out", "off", "up", "down", "away", "back"})
_VAGUE = frozenset({"hundred", "thousand", "million", "billion", "dozen", "score"})


def _kids(tok: Token) -> list[Token]:
    return list(islice(tok.children, _MAX_KIDS))


def _anchor(span: Span) -> Token:
    """The number of a figure's span ("at least 212 people" → "212")."""
    for tok in span:
        if tok.like_num or tok.tag_ == "CD" or tok.lemma_.lower() in _VAGUE:
            return tok
    return span[0]


def _nearest(parse: Doc, lo: int, hi: int, lemma: str | None, anchor: int) -> Token | None:
    if not lemma:
        return None
    hits = [t for t in parse[lo:hi] if t.lemma_.lower() == lemma or t.lower_ == lemma]
    return min(hits, key=lambda t: (abs(t.i - anchor), t.i < anchor)) if hits else None


def _in_what(anchor: Token, span: Span) -> Token | None:
    """ "$4 billion in debt", "$2m in damages": what a sum is, named after "in"."""
    for tok in (anchor, span.root, anchor.head):
        for kid in _kids(tok):
            if kid.dep_ == "prep" and kid.lower_ == "in" and kid.i >= span.end - 1:
                obj = next((o for o in _kids(kid) if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                    return obj
    return None


def _incidental(lemma: str) -> bool:
    """A verb that says nothing about what is counted (``light_verbs.tsv``, speech and report verbs)."""
    return lemma in first_column("light_verbs.tsv") or lemma in word_list("speech_verbs.txt") or (
        lemma in word_list("figure_report_verbs.txt"))


def _phrase(verb: Token) -> str:
    """A verb with the word that completes it, when the lexicon knows the phrase: "moved out",
    "taken to hospital", "sought refuge" (lemmas); else the verb's lemma."""
    lemma = verb.lemma_.lower()
    for kid in _kids(verb):
        found = ""
        if kid.dep_ == "prt" or (kid.dep_ in ("advmod", "prep") and kid.i == verb.i + 1 and kid.lower_ in _PARTICLES):
            found = f"{lemma} {kid.lower_}"
        elif kid.dep_ == "dobj":
            found = f"{lemma} {kid.lemma_.lower()}"
        elif kid.dep_ == "prep" and kid.lower_ == "to":
            obj = next((o for o in _kids(kid) if o.dep_ == "pobj"), None)
            if obj is not None and not any(o.dep_ == "det" for o in _kids(obj)):
                found = f"{lemma} to {obj.lemma_.lower()}"
        if found and canon(found) != found:
            return found
    return lemma


def _action(verb: Token | None, noun: Token | None, extracted: str | None, span: Span) -> str | None:
    """What the counted thing did or underwent: a clause on the noun ("the rise the guild was
    seeking"), a noun of action the count is "of" or "for" ("the evacuation of hundreds of
    residents", "demands for a 15% pay rise"), else the verb with its particle or the verb it
    governs ("voted to reject" → reject); never a light verb."""
    if noun is not None:
        for kid in _kids(noun):
            if kid.dep_ in ("acl", "relcl") and kid.pos_ == "VERB" and kid.i > noun.i and kid.tag_ != "VBG":
                return _phrase(kid)
    for tok in (noun, span.root):
        if tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for"):
            owner = tok.head.head
            if owner.pos_ == "NOUN" and not span.start <= owner.i < span.end and not owner.like_num and (
                    owner.lemma_.lower() not in _VAGUE) and _counted(owner) is owner and (
                    tok.head.lower_ == "for" or _of_action(owner)):
                return owner.lemma_.lower()
    if verb is not None:
        goal = next((k for k in _kids(verb) if k.dep_ == "xcomp" and k.pos_ == "VERB"), None)
        if goal is not None and not _incidental(goal.lemma_.lower()):
            verb = goal  # "voted to reject", "agreed to walk out", "poised to sail"
        phrase = _phrase(verb)
        if " " in phrase and canon(phrase) != phrase:
            return phrase
        if not _incidental(verb.lemma_.lower()):
            return verb.lemma_.lower()
        return None
    return extracted if extracted and not _incidental(extracted) else None


_ACTION_ENDINGS = ("tion", "sion", "ment", "ure", "al", "ing")


def _of_action(noun: Token) -> bool:
    """A noun that names a happening ("the evacuation of 300 residents") or a group ("teams of a
    dozen rescuers"), not a thing ("the personal data of 410,000 patients", "the homes of 40 families")."""
    lemma = noun.lemma_.lower()
    return lemma in first_column("event_nouns.tsv") or (len(lemma) > 5 and lemma.endswith(_ACTION_ENDINGS)) or (
        lemma in load_phrase_lexicons().groups)  # "teams of a dozen rescuers": each team's size, not all of them


def _assessed(anchor: Token, verb: Token | None) -> Token | None:
    """The thing a value is given for with "at" ("the authority put the damage at 2 million euros",
    "the cost was estimated at $3 million"): the object (or passive subject) of an assessment verb
    whose "at" holds the figure; a counting noun gives way to what it counts ("the number of
    protesters")."""
    if verb is None or verb.lemma_.lower() not in first_column("assessment_verbs.tsv"):
        return None
    at = next((k for k in _kids(verb) if k.dep_ == "prep" and k.lower_ == "at"
               and k.left_edge.i <= anchor.i <= k.right_edge.i), None)
    if at is None:
        return None
    thing = next((k for k in _kids(verb) if k.dep_ in ("dobj", "nsubjpass") and k.pos_ in ("NOUN", "PROPN")), None)
    return _counted(thing) if thing is not None else None


def _counted(noun: Token) -> Token:
    """What a counting noun counts ("the number of protesters" → "protesters"); else the noun."""
    if noun.lemma_.lower() not in first_column("counting_nouns.tsv"):
        return noun
    of = next((k for k in _kids(noun) if k.dep_ == "prep" and k.lower_ == "of"), None)
    counted = next((k for k in _kids(of) if k.dep_ == "pobj"), None) if of is not None else None
    return counted if counted is not None else noun


def _counted_subject(verb: Token) -> Token | None:
    """ "The number of pupils without classrooms rose to 41,000", "the total of arrests is 40":
    the figure the verb reaches is of what its counting subject counts."""
    subject = next((k for k in _kids(verb) if k.dep_ in ("nsubj", "nsubjpass") and k.pos_ == "NOUN"), None)
    if subject is None:
        return None
    counted = _counted(subject)
    return counted if counted is not subject else None


def _head(noun: Token) -> str:
    """The counted noun's lemma, or its compound when the lexicon knows it ("rescue worker")."""
    for kid in _kids(noun):
        if kid.dep_ == "compound" and kid.i == noun.i - 1:
            compound = f"{kid.lemma_.lower()} {noun.lemma_.lower()}"
            if canon(compound) != compound:
                return compound
    return noun.lemma_.lower()


def _dimensioned(anchor: Token) -> tuple[Token, Token] | None:
    """ "a section 22 to 24 metres long", "the section was about 47 metres long": the thing a
    length (width, depth…) is of, and the adjective that names the dimension."""
    t = anchor
    for _ in range(_MAX_CLIMB):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("ADJ", "ADV") and t.dep_ in ("amod", "advmod") and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head, t  # the tagger may read "long" as an adverb on the noun
        if t.pos_ in ("ADJ", "ADV") and t.dep_ == "acomp":  # "was 40 metres long" ("long" read as an adverb too)
            subject = next((k for k in _kids(t.head) if k.dep_ in ("nsubj", "nsubjpass")), None)
            return (subject, t) if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None
        if t.pos_ in ("VERB", "AUX"):
            return None
    return None


def _owner(noun: Token) -> Token | None:
    """The thing a value noun gives a value of: "the tremor, with a magnitude of 6.2" → tremor,
    "a magnitude 5.3 tremor" → tremor, "Varna's population" → None (a name)."""
    from ..quantities import load_quantity_lexicons

    if noun.lemma_.lower() not in load_quantity_lexicons().kind("value_noun"):
        return None
    up = noun.head
    if noun.dep_ in ("compound", "nmod", "amod") and up.pos_ == "NOUN":
        return up
    if noun.dep_ == "pobj" and up.dep_ == "prep" and up.head.pos_ == "NOUN" and up.head.i < noun.i:
        return up.head
    if noun.dep_ == "pobj" and up.dep_ == "prep" and up.head.pos_ in ("VERB", "AUX"):
        # "The tremor, with a magnitude of 6.2, shook …": the value is its subject's
        return next((k for k in _kids(up.head) if k.dep_ in ("nsubj", "nsubjpass") and k.pos_ == "NOUN"), None)
    return None


def _partitive(noun: Token | None, anchor: Token) -> bool:
    """ "six of the injured", "two of them": the words after "of" name the whole the count is a
    part of (not "hundreds of residents", which counts residents)."""
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.i != anchor.i:
        return False
    return noun.pos_ == "PRON" or any(k.dep_ == "det" and k.lower_ in ("the", "these", "those") for k in _kids(noun))


def _verb_above(tok: Token) -> Token | None:
    """The first verb up the tree from ``tok`` (its clause's action), within a few steps."""
    t = tok
    for _ in range(_MAX_CLIMB):
        if t.head.i == t.i:
            return t if t.pos_ == "VERB" else None
        t = t.head
        if t.pos_ == "VERB":
            return t
    return None


def _name_of(tok: Token) -> Span | None:
    """The whole name a proper noun belongs to ("Halden" of "Halden Co.'s"), when it is one."""
    if tok.pos_ not in _NAME_POS and not tok.ent_type_:
        return None
    if tok.ent_type_ and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY",
                                                "QUANTITY"):
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    if tok.pos_ not in _NAME_POS:
        return None
    lo = tok.i
    while lo > 0 and tok.doc[lo - 1].dep_ == "compound" and tok.doc[lo - 1].pos_ in _NAME_POS:
        lo -= 1
    return tok.doc[lo:tok.i + 1]


def _referents(noun: Token | None, verb: Token | None, anchor: Token) -> list[Span]:
    found: list[Span] = []
    if noun is not None:
        for kid in _kids(noun):
            if kid.dep_ == "poss" and (name := _name_of(kid)) is not None:
                found.append(name)  # "Norland's death toll"
    if verb is not None:
        kids = _kids(verb)
        for kid in kids:
            if kid.dep_ == "agent":  # "launched by Veltria"
                for obj in _kids(kid):
                    if obj.dep_ == "pobj" and (name := _name_of(obj)) is not None:
                        found.append(name)
        counted = noun if noun is not None else anchor
        is_object = counted.dep_ in ("dobj", "attr") and counted.head.i == verb.i
        if is_object:
            for kid in kids:
                if kid.dep_ == "nsubj" and (name := _name_of(kid)) is not None:
                    found.append(name)  # "Veltria fired 40 rockets"
    return found


def _duration(span: Span, noun: Token | None, verb: Token | None) -> tuple[str, float] | None:
    """How long a named happening lasted: (its canonical noun, days per unit of the figure's value).

    The unit is a time unit (``duration_units.tsv``) in the figure or its counted noun; the
    happening is the noun the unit modifies ("a 40-day walkout"), the subject of the verb
    ("the strike dragged on for six weeks"), or a noun after "during" ("shut for three months
    during a strike"), when ``event_families.tsv`` knows it as a happening.
    """
    from ...compare._words import happening_noun

    units = {row[0].lower(): float(row[1]) for row in table("duration_units.tsv") if len(row) >= 2}
    unit = next((t for t in span if t.lemma_.lower() in units), None)
    if unit is None and noun is not None and noun.lemma_.lower() in units:
        unit = noun
    if unit is None:
        return None
    candidates: list[Token] = []
    if noun is not None and noun.i != unit.i:
        candidates.append(noun)
    if unit.head.pos_ == "NOUN" and unit.head.i != unit.i:
        candidates.append(unit.head)
    for clause in dict.fromkeys(v for v in (verb, _verb_above(unit)) if v is not None and v.pos_ in ("VERB", "AUX")):
        kids = _kids(clause)
        candidates += [k for k in kids if k.dep_ in ("nsubj", "nsubjpass")]
        for prep in kids:
            if prep.dep_ == "prep" and prep.lower_ in ("during", "of"):
                candidates += [o for o in _kids(prep) if o.dep_ == "pobj"]
    for tok in candidates:
        found = happening_noun(tok.lemma_) or happening_noun(tok.lower_)
        if found is not None:
            return found, units[unit.lemma_.lower()]
    return None


def _reporter(tok: Token) -> Span | None:
    """The organisation whose report holds ``tok``: the named subject of the verb of speech or
    report the figure's clause hangs from ("Acme Corp said sales rose 4%" → Acme Corp)."""
    reports = word_list("speech_verbs.txt") | word_list("figure_report_verbs.txt")
    t = tok
    for _ in range(_MAX_CLIMB):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ == "VERB" and t.lemma_.lower() in reports:
            subject = next((k for k in _kids(t) if k.dep_ == "nsubj"), None)
            name = _name_of(subject) if subject is not None else None
            return name if name is not None and subject is not None and subject.ent_type_ == "ORG" else None
    return None


def _own_measure_owner(noun: Token | None, measure_tokens: list[Token], verb: Token | None) -> Span | None:
    """Whose an organisation's own measure is when nothing else says (``own_measures.tsv``): the
    organisation reporting it ("Acme said quarterly sales rose 4%", "… said its profit fell")."""
    own = first_column("own_measures.tsv")
    owned = noun if noun is not None and noun.lemma_.lower() in own else next(
        (t for t in measure_tokens if t.pos_ == "NOUN" and t.lemma_.lower() in own), None)
    if owned is None or any(k.dep_ == "poss" and k.pos_ != "PRON" for k in _kids(owned)):
        return None
    return _reporter(verb if verb is not None else owned)


def _marks(anchor: Token, verb: Token | None) -> tuple[str, ...]:
    ordinals = first_column("ordinal_words.tsv")
    found: list[str] = []
    t = anchor
    path = [anchor]
    for _ in range(_MAX_CLIMB):
        if t.head.i == t.i or t.pos_ == "VERB":
            break
        t = t.head
        path.append(t)
    if verb is not None:
        path += [k for k in _kids(verb) if k.dep_ in ("nsubj", "nsubjpass")]
    for tok in path:
        if tok.tag_ == "JJS" or tok.lower_ in ordinals:
            found.append(tok.lower_)  # "the largest measuring 4.8": a superlative standing for its noun
        if tok.pos_ in ("NOUN", "PROPN"):
            for kid in _kids(tok):
                if kid.dep_ == "amod" and kid.lower_ in ordinals:
                    found.append(kid.lower_)  # "a second tremor with a magnitude of 4.8"
    return tuple(dict.fromkeys(found))


def _harm(tokens: list[Token], acted: bool) -> frozenset[str]:
    """The harms a measure counts: "killed or wounded" → killed, wounded.

    A harm word before the noun it describes says who is counted rather than what happened to
    them ("capture of wounded rebels" counts captures, "injured miners treated in clinics"
    counts miners treated), so it counts only when the measure has no other harm word and no
    action of its own ("dozens of wounded officers" → wounded).
    """
    acts: set[str] = set()
    modifiers: set[str] = set()
    for tok in tokens:
        found = harm_of([canon(tok.lemma_.lower()), canon(tok.lower_)])
        if not found:
            continue
        if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
            modifiers |= found
        else:
            acts |= found
    return frozenset(acts or (frozenset() if acted else modifiers))


def figure_facts(q: Quantity, setting: Setting) -> Facts:
    """The facts of one figure (see the module docstring).

    Example: "Veltria fired about 40 rockets at Dunmore on Tuesday." → terms ("fire", "rocket"),
    head "rocket", action "fire", referent ("Veltria",), places ("Veltria", "Dunmore"), period "on Tuesday".

    Args:
        q (Quantity): the figure, with its measure and the lemmas the extractor found.
        setting (Setting): the document's places, times and words per sentence.
    Returns:
        Facts: the figure's facts.
    """
    parse = setting.parse
    span = parse.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return Facts(places=setting.of(q.start).places)
    anchor = _anchor(span)
    i = setting.sentence_at(q.start)
    lo, hi, _ = setting.bounds[i]
    wlo, whi = max(lo, anchor.i - _WINDOW), min(hi, anchor.i + _WINDOW)
    noun = _nearest(parse, wlo, whi, q.measure_head, anchor.i)
    if noun is not None and noun.dep_ == "conj" and span.start <= noun.head.i < span.end and noun.head.pos_ == "NOUN":
        noun = noun.head  # "the 15% rise and shift changes": the rise
    if noun is None:
        noun = _in_what(anchor, span)
    verb = _nearest(parse, wlo, whi, q.action, anchor.i)
    if verb is None:
        verb = _verb_above(noun if noun is not None else anchor)
    assessed = _assessed(anchor, verb)
    if assessed is not None:
        noun = assessed
    if noun is None and verb is not None and anchor.i > verb.i:
        noun = _counted_subject(verb)
    if noun is None and verb is not None and verb.lemma_.lower() in first_column("value_verbs.tsv"):
        # "tremors measuring 5.3", "its largest aftershock measured 4.8": the value is of a thing
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
            noun = verb.head
        else:
            noun = next((k for k in _kids(verb) if k.dep_ == "nsubj" and k.pos_ == "NOUN"), None)
    terms: list[str] = []
    window = list(parse[wlo:whi])
    measure_tokens: list[Token] = []
    for word in q.measure.split():
        hits = [t for t in window if t.text == word]
        if hits:
            tok = min(hits, key=lambda t: abs(t.i - anchor.i))
            lemma = content_lemma(tok) or (tok.lemma_.lower() if tok.is_alpha and not tok.is_stop else None)
            if lemma and not (tok.pos_ in ("VERB", "AUX") and _incidental(lemma)):
                terms.append(lemma)
                measure_tokens.append(tok)
    if noun is not None and noun.is_alpha:
        terms.append(noun.lemma_.lower())
    if verb is not None and verb.is_alpha and not _incidental(verb.lemma_.lower()):
        terms.append(verb.lemma_.lower())
    whole = _partitive(noun, anchor)
    head = None if whole else _head(noun) if noun is not None else q.measure_head
    # an assessment verb says who gave the value, not what happened to the thing valued
    action = None if assessed is not None else _action(verb, None if whole else noun, q.action, span)
    owner = _owner(noun) if noun is not None and not whole else None
    if owner is not None:
        head = owner.lemma_.lower()
        terms.append(head)
    if q.unit and (noun is None or (head is not None and head in q.unit.lower())):
        thing = _dimensioned(anchor)
        if thing is not None:
            head, action = thing[0].lemma_.lower(), thing[1].lemma_.lower()
            terms.append(head)
    agent = noun is not None and verb is not None and noun.dep_ == "nsubj" and noun.head.i == verb.i and any(
        k.dep_ == "dobj" for k in _kids(verb))
    if agent:
        # "the 5.3-magnitude tremor injured 212 people": the tremor did the harm, it is not its victim
        measure_tokens = [t for t in measure_tokens if verb is None or t.i != verb.i]
        action = None
    lasting = _duration(span, noun, verb)
    if lasting is not None:
        head, action = lasting[0], "last"
        terms.append(head)
    harm = _harm([t for t in measure_tokens if not (whole and noun is not None and t.i == noun.i)], bool(action))
    refs = _referents(noun, verb, anchor)
    if not refs and (reporter := _own_measure_owner(noun, measure_tokens, verb)) is not None:
        refs = [reporter]
    modal = next((k.lower_ for k in _kids(verb) if k.tag_ == "MD"), None) if verb is not None else None
    if modal is not None and verb is not None and any(k.lemma_ == "have" and k.dep_ == "aux" for k in _kids(verb)):
        # "600,000 patients may have had their records stolen": a count of what happened, uncertain,
        # not a projection ("could top 3,000"); it is compared with the counts
        modal = None
    if modal is None and verb is not None and verb.dep_ in ("xcomp", "advcl", "pcomp") and (
            verb.head.lemma_.lower() in first_column("capacity_words.tsv")
            or (verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in first_column("capacity_words.tsv"))):
        # "licensed to carry 120 passengers", "capable of producing 300 cars": what may be, not what was
        modal = verb.head.head.lemma_.lower() if verb.dep_ == "pcomp" else verb.head.lemma_.lower()
    own = [t for t in (anchor, noun, verb) if t is not None]
    where = setting.of(q.start, own)
    return Facts(
        terms=tuple(dict.fromkeys(terms)),
        head=head,
        action=action,
        harm=tuple(sorted(harm)),
        referent=tuple(r.text for r in refs),
        referent_spans=tuple((r.start_char, r.end_char) for r in refs),
        marks=_marks(anchor, verb),
        modality=modal,
        places=where.places,
        period=where.period,
        period_start=where.period_start,
        period_end=where.period_end,
        context=where.context,
        days_per_unit=lasting[1] if lasting is not None else None,
    )
