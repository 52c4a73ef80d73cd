"""Where the names of a parsed text are: candidate spans, their edges corrected.

Candidates are the model's named entities (``doc.parse.ents``) and the capitalised runs of
proper nouns it left unmarked ("Chit Aye Ko" in a list, "FRFRS" in brackets, a
place the model read as a product). Their edges are then set by general rules for the
model's typical errors on news text, each linear in the number of tokens:

- a name never runs across a line break; a determiner, punctuation and a possessive "'s"
  are kept out of it ("the Atacama Desert" → "Atacama Desert", "Harlan Freight Co.'s" → "Harlan Freight Co.");
- a title or office is never part of a name ("President Lena Sandvik", "Defence Ministry
  Press Secretary Amina Otieno"): a run is cut at its titles, an entity that ends where a title
  begins stops before it, and the titles are read back as the name's descriptor;
- a region word ("the Ostrava region", "Victoria state") or a facility word ("the Selby
  copper mine") after a name joins it, and so does a number after an organisation's or a
  region's word ("Carpenters Local 45");
- two parts joined by "&", or by "and" when the second ends in an organisation's word and
  the first names nothing of its own, are one name ("Fire and Rescue Service",
  "Union of Dock and Harbour Workers").

The result is a list of :class:`Candidate` token ranges in text order, never overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc as Parse
from spacy.tokens import Token

from .name_lexicons import MentionLexicons, date_opens_name, name_key

__all__ = ["NAME_LABELS", "Candidate", "find_candidates", "initial_token", "name_evidence", "phrase_at", "span_text"]

# the model's labels that are names in the export
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# labels under which the model puts names it misreads ("Ostrava" as a product, "Czech" as a
# language): their span is kept and typed by the data and the parse alone (not EVENT or
# LAW: "Crimean War" is no actor)
_UNTYPED_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "LANGUAGE"})
# lower-case words inside a name ("Centre for the Study of Rivers", "Anna van Holt")
_PARTICLES = frozenset({"of", "for", "the", "de", "du", "da", "del", "della", "di", "van", "von", "der", "den",
                        "bin", "ibn", "al", "el", "la", "le"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# hyphen and apostrophe between two parts of one word ("al-Rashidi", "Min-seo", "O’Brien")
_GLUE = frozenset({"-", "'", "’", "‑"})
# the most tokens a gazetteer entry or a title spans ("Organization for Security and
# Co-operation in Europe" is 9; "Andorra la Vella" 3)
_MAX_PHRASE_TOKENS = 12
_MAX_FACILITY_TOKENS = 4
_MAX_TITLE_TOKENS = 5
_DIGITS = re.compile(r"\d+")
_BREAKS = frozenset({",", "/", "|", "(", ")", "[", "]", ":", ";", '"', "“", "”", "—", "–", "•"})
_OPENERS = frozenset({'"', "“", "‘", "'", ":", "—", "–", "(", "["})


@dataclass(slots=True)
class Candidate:
    """A name's token range [i, j) in the parse, with what the text around it says.

    ``label`` is the model's entity label (None for a run it did not mark); ``title`` the
    titles written before the name ("Prime Minister"); ``cues`` the evidence found so far
    ("facility", "region", "joined").
    """

    i: int
    j: int
    label: str | None
    cues: set[str] = field(default_factory=set)
    title: str | None = None
    type: str | None = None
    descriptor: str | None = None


def span_text(parse: Parse, i: int, j: int) -> str:
    """The text of tokens [i, j) exactly as written (``Doc.text`` would rebuild the whole text)."""
    return parse[i:j].text


def phrase_at(parse: Parse, k: int, limit: int, entries: Container[str], firsts: dict[str, int]) -> int:
    """Tokens of the longest entry of ``entries`` (keys as :func:`name_key` makes them) at token k.

    Only tokens before ``limit`` count; 0 when none starts there. ``firsts`` maps an
    entry's first word to its most words, so most tokens are rejected by one lookup.
    """
    first = parse[k].lower_
    most = firsts.get(first) or firsts.get(first.rstrip("."))
    if not most:
        return 0
    for n in range(min(limit - k, 2 * most + 1, _MAX_PHRASE_TOKENS), 0, -1):
        if parse[k + n - 1].is_space:
            continue
        key = name_key(span_text(parse, k, k + n))
        if key in entries or key.lower() in entries or key.rstrip(".") in entries:
            return n
    return 0


def _title_at(parse: Parse, k: int, limit: int, lex: MentionLexicons) -> int:
    return phrase_at(parse, k, limit, lex.titles, lex.firsts["titles"])


def _is_cap(t: Token) -> bool:
    return t.text[:1].isupper()


def _glued(parse: Parse, k: int) -> bool:
    """Token k is a hyphen or apostrophe inside one word ("al-Rashidi")."""
    t = parse[k]
    return (t.text in _GLUE and k > 0 and k + 1 < len(parse) and not parse[k - 1].whitespace_
            and not t.whitespace_ and parse[k + 1].is_alpha)


def initial_token(parse: Parse, k: int) -> bool:
    """Token k opens a sentence, or follows an opening quotation mark, a colon or a dash."""
    if k == 0 or parse[k].is_sent_start:
        return True
    prev = parse[k - 1]
    return prev.is_space or prev.text in _OPENERS


def _run_word(parse: Parse, k: int, sent_start: bool, evidence: frozenset[str] = frozenset()) -> bool:
    """A capitalised word that may belong to a name the model left unmarked.

    A sentence's first word counts only as a proper noun ("Officials said" is no name), or
    as a word the article capitalises elsewhere too ("Tilden said" after "Tilden Shipping").
    """
    t = parse[k]
    if not _is_cap(t) or not any(c.isalpha() for c in t.text):
        return False
    return t.pos_ == "PROPN" or ((not sent_start or t.lower_ in evidence) and t.pos_ in ("NOUN", "ADJ", "X"))


def _entity_pieces(parse: Parse, lex: MentionLexicons) -> Iterator[Candidate]:
    """The model's entities, cut at line breaks and at punctuation no name holds ("Jane Roe / Agency").

    A nationality the model gives to a singular proper noun that is no demonym ("from
    Ostby") is no label at all: the data and the context type it.
    """
    for ent in parse.ents:
        if ent.label_ == "NORP" and len(ent) == 1 and ent[0].tag_ == "NNP" and ent[0].lower_ not in lex.demonyms:
            label: str | None = None
        elif ent.label_ in NAME_LABELS:
            label = ent.label_
        elif ent.label_ in _UNTYPED_LABELS:
            label = None
        else:
            continue
        i = ent.start
        for k in range(ent.start, ent.end):
            # a person's name never holds "and" ("Travis and Idlewild" are two)
            if parse[k].is_space or parse[k].text in _BREAKS or label in ("PERSON", None) and parse[k].pos_ == "CCONJ":
                if k > i:
                    yield Candidate(i, k, label, {"model"})
                i = k + 1
        if ent.end > i:
            yield Candidate(i, ent.end, label, {"model"})


def _runs(parse: Parse, covered: list[bool], evidence: frozenset[str]) -> Iterator[Candidate]:
    """Capitalised runs outside the model's entities: words, particles and glued hyphens."""
    n = len(parse)
    k = 0
    while k < n:
        if covered[k] or not _run_word(parse, k, initial_token(parse, k), evidence):
            k += 1
            continue
        j = k + 1
        while j < n and not covered[j] and not parse[j].is_sent_start:
            if _run_word(parse, j, False):
                j += 1
            elif _glued(parse, j) and not covered[j + 1] and (_is_cap(parse[j + 1]) or parse[j + 1].pos_ == "PROPN"):
                j += 2
            elif parse[j].lower_ in _PARTICLES:
                m = j
                while m < n and m - j < 2 and parse[m].lower_ in _PARTICLES and not covered[m]:
                    m += 1
                if m < n and not covered[m] and _run_word(parse, m, False):
                    j = m
                else:
                    break
            else:
                break
        if j - k > 1 or parse[k].tag_ != "NNS":
            yield Candidate(k, j, None)  # not a plural common noun alone ("Analysts believe")
        k = j


def _trim(parse: Parse, c: Candidate, lex: MentionLexicons) -> Candidate | None:
    """Determiners, punctuation, particles and possessives off both edges; off a run the
    model did not mark, the words that open sentences too ("Later Petrovsky said")."""
    i, j = c.i, c.j
    while i < j and (parse[i].lower_ in _DETERMINERS or parse[i].is_punct or parse[i].is_space
                     or c.label is None and parse[i].lower_ in lex.stopwords
                     or parse[i].lower_ in _PARTICLES and not _is_cap(parse[i]) and not _glued(parse, i + 1)
                     or i + 1 < j and date_opens_name(parse, i)):
        i += 1
    # a possessive before no noun is the name's own ("a spokeswoman for St. Agnes’s said")
    while j > i and (parse[j - 1].text in _POSSESSIVE and (j - 1 == i or _before_noun(parse, j)
                                                           or parse[j - 2].dep_ == "poss")
                     or parse[j - 1].is_space
                     or parse[j - 1].is_punct
                     or parse[j - 1].lower_ in _PARTICLES or parse[j - 1].lower_ in ("and", "&")):
        j -= 1
    if j <= i:
        return None
    c.i, c.j = i, j
    return c


def _before_noun(parse: Parse, j: int) -> bool:
    """A noun phrase follows token j - 1 (so a possessive there is a possessive), brackets aside."""
    if j < len(parse) and parse[j].text == "(":
        close = next((k for k in range(j + 1, min(len(parse), j + 8)) if parse[k].text == ")"), None)
        j = close + 1 if close is not None else j
    return j < len(parse) and parse[j].pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "ADV", "DET")


def _head_word(parse: Parse, j: int, lex: MentionLexicons) -> bool:
    """The token before j is an organisation's, a place's or a region's head word."""
    low = parse[j - 1].lower_
    return low in lex.org_words or low in lex.place_words or low in lex.region_words


def _cut_titles(parse: Parse, c: Candidate, lex: MentionLexicons) -> Iterator[Candidate]:
    """Split a candidate at its titles: "Harbour Authority Press Secretary Coast Guard Capt.
    Lena Voss" → "Harbour Authority", "Coast Guard", "Lena Voss".

    A title-like word followed by an organisation's or a place's head word belongs to that
    name ("General Assembly", "Justice Department"). An entity that ends inside a title
    running past it stops before the title ("Defence Ministry Press" before "Secretary").
    """
    firsts = lex.firsts["titles"]
    gaz = lex.firsts["gazetteer"]
    start = k = c.i
    limit = min(len(parse), c.j + _MAX_PHRASE_TOKENS)
    while k < c.j:
        low = parse[k].lower_
        if low not in firsts and low.rstrip(".") not in firsts:
            k += 1
            continue
        n = _title_at(parse, k, limit, lex)
        if n == 0 or (k + n < c.j and _head_word(parse, c.j, lex)) or (
                low in gaz and phrase_at(parse, k, c.j, lex.gazetteer, gaz) >= n) or (
                k > c.i and parse[k - 1].lower_ in _PARTICLES):
            # not a title: part of an organisation's or a place's name, or after "of"
            # ("Association of Chief Police Officers")
            k += 1
            continue
        if k > start and not all(t.lower_ in lex.title_modifiers for t in parse[start:k]):
            yield Candidate(start, k, c.label, set(c.cues))
        k += n
        start = k
    if c.j > start:
        yield Candidate(start, c.j, c.label, set(c.cues))


def _not_a_country(name: str, lex: MentionLexicons) -> bool:
    """No country's name or alias ("an EU state" is no place called "EU state"); a capital is none."""
    key = name_key(name)
    return key not in lex.gazetteer or key in lex.capitals


def _extend(parse: Parse, c: Candidate, covered: list[bool], lex: MentionLexicons) -> None:
    """A region word, a facility word or a designation number after the name joins it."""
    n = len(parse)
    if c.j >= n or covered[c.j] or parse[c.j - 1].text in _POSSESSIVE:
        return
    nxt = parse[c.j]
    if nxt.lower_ in lex.region_words and parse[c.j - 1].pos_ == "PROPN" and c.label != "NORP" \
            and parse[c.j - 1].lower_ not in lex.demonyms and _not_a_country(span_text(parse, c.i, c.j), lex):
        c.j += 1  # "the Ostrava region", "Victoria state"
        c.cues.add("region")
    elif nxt.is_lower and c.label != "NORP" and parse[c.j - 1].lower_ not in lex.demonyms:
        for m in range(min(n, c.j + _MAX_FACILITY_TOKENS), c.j, -1):
            if " ".join(t.lower_ for t in parse[c.j : m]) in lex.facility_words and not any(covered[c.j : m]):
                c.j = m  # "the Selby copper mine"
                c.cues.add("facility")
                return
    last = parse[c.j - 1].lower_
    if c.j < n and _DIGITS.fullmatch(parse[c.j].text) and c.i <= parse[c.j].head.i < c.j and (
            last in lex.org_words or last in lex.region_words):
        c.j += 1  # "Local 45", "District 9"
        c.cues.add("designation")


def _join(parse: Parse, a: Candidate, b: Candidate, lex: MentionLexicons) -> bool:
    """Two names parted by "&", "and" or a space that are one organisation's name."""
    if b.i - a.j > 1:
        return False
    gap = parse[a.j - 1].whitespace_ + "".join(t.text_with_ws for t in parse[a.j : b.i])
    first = [t.lower_ for t in parse[a.i : a.j]]
    second = [t.lower_ for t in parse[b.i : b.j] if t.is_alpha]
    if not second or any(lex.is_title(w) for w in first + second) or b.label in ("GPE", "NORP"):
        return False
    if gap == " ":
        # "AFL Local 45", "Corran Mutual": a name, then the organisation's word or
        # designation the model left out of it; "Alexei Orlan": a given name it left out
        if a.label is None and b.label == "PERSON" and a.j - a.i == 1 and parse[a.i].pos_ == "PROPN":
            return name_key(parse[a.i].text) not in lex.gazetteer and first[0] not in lex.demonyms
        return b.label is None and ("designation" in b.cues or second[-1] in lex.org_words)
    if "PERSON" in (a.label, b.label) or a.label in ("GPE", "NORP"):
        return False
    if gap == " & ":
        return True
    if gap != " and " or name_key(span_text(parse, a.i, a.j)) in lex.gazetteer:
        return False  # "Red Cross and Red Crescent Movement" stays two
    if second[-1] in lex.org_words and not any(w in lex.org_words for w in first) and len(first) <= 3:
        return True  # "Fire and Rescue Service"
    # "Union of Dock" + "Harbour Workers": an org word, "of", one or two words, and two
    # or three words ending in a plural
    if "of" in first and first[0] in lex.org_words and 2 <= len(second) <= 3 and parse[b.j - 1].tag_ == "NNPS":
        k = first.index("of")
        return 1 <= len(first) - k - 1 <= 2 and not any(w in lex.org_words for w in second[:-1])
    return False


def _title_before(parse: Parse, i: int, lex: MentionLexicons) -> str | None:
    """The titles written right before token i ("Kenyan President", "Senior General", "Maj. Gen.")."""
    k = i
    while k > 0:
        step = 0
        for m in range(min(k, _MAX_TITLE_TOKENS), 0, -1):
            if not parse[k - m].is_space and _title_at(parse, k - m, k, lex) == m:
                step = m
                break
        if step == 0:
            break
        k -= step
    if k == i:
        return None
    while k > 0 and parse[k - 1].lower_ in lex.title_modifiers:
        k -= 1
    return span_text(parse, k, i)


def name_evidence(parse: Parse, body: Callable[[int], bool], lex: MentionLexicons) -> frozenset[str]:
    """Words (lower case) the body capitalises other than at a sentence's start, or in a name of the model's.

    ``body`` says whether a token stands on a body line (headlines capitalise every word).
    A name's first word counts when the model's name has more words ("Tilden" in "Tilden
    Shipping"), not an organisation's or a place's kind ("Shipping").
    """
    inside = {t.lower_ for t in parse if _is_cap(t) and not initial_token(parse, t.i) and body(t.i)}
    for ent in parse.ents:
        if ent.label_ in NAME_LABELS and len(ent) > 1 and body(ent.start):
            inside.update(t.lower_ for t in ent if _is_cap(t) and not _head_word(parse, t.i + 1, lex))
    return frozenset(inside)


def find_candidates(parse: Parse, lex: MentionLexicons, evidence: frozenset[str] = frozenset()) -> list[Candidate]:
    """Candidate names of a parse, edges corrected, in text order, never overlapping.

    Args:
        parse (Parse): the document's spaCy parse.
        lex (MentionLexicons): titles, region, facility and organisation words.
        evidence (frozenset[str]): words the article capitalises as names (see
            :func:`name_evidence`); a sentence's first word opens a run only as one of them
            or as a proper noun.
    Returns:
        list[Candidate]: token ranges with the model's label (or None), titles before them
        and the cues their edges gave ("region", "facility", "designation", "joined").

    Example: "Carpenters Local 45 President Vera Holt" → "Carpenters Local 45" (ORG) and
    "Vera Holt" (PERSON, title "President").
    """
    found = list(_entity_pieces(parse, lex))
    covered = [False] * len(parse)  # tokens of the names found so far
    for c in found:
        for k in range(c.i, c.j):
            covered[k] = True
    # every token of the model's entities, dates and numbers included, is no run's
    found.extend(_runs(parse, [t.ent_iob_ in ("B", "I") for t in parse], evidence))
    found.sort(key=lambda c: c.i)
    out: list[Candidate] = []
    for c in found:
        trimmed = _trim(parse, c, lex)
        if trimmed is None:
            continue
        for piece in _cut_titles(parse, trimmed, lex):
            if _trim(parse, piece, lex) is None:
                continue
            _extend(parse, piece, covered, lex)
            if out and out[-1].j > piece.i:
                continue
            if out and _join(parse, out[-1], piece, lex):
                out[-1].j = piece.j
                out[-1].cues |= piece.cues | {"joined"}
                out[-1].label = out[-1].label or piece.label
                continue
            out.append(piece)
    for c in out:
        if c.title is None:
            c.title = _title_before(parse, c.i, lex)
    return out
