"""Names of people, organisations and places, from the parse's named entities.

The candidates and their edges come from :mod:`.name_spans` (the model's entities and the
capitalised runs it left unmarked). Each is then typed, most specific evidence first:

1. the gazetteer (countries, capitals, international bodies) and demonyms ("Kenyan" →
   NORP), whatever the model said ("Nairobi" is GPE, never a person);
2. the name's own words: an organisation's head word ("Air Force", "Rescue Service" →
   ORG; not "Left Bank", a place the model knows as one), a region word ("Oblast" → GPE),
   a place's head word ("Quay", "Sound" → LOC), a place's first word ("Fort" → GPE), a
   facility word after it ("copper mine" → FAC);
3. a person's cues in the parse: a title before the name ("Gen.", "nurse"), an apposition
   naming a role or an age ("Vera Holt, a nurse,"), the subject of a speech verb for a
   name the model did not mark;
4. the model's label, where an acronym is never a person and a facility without a
   facility's word is a place (a city is GPE); for a name the model did not mark, a place
   preposition or place noun around it ("in Ostby", "Ostby residents"), else a person for
   a name of several words.

Within one article a person's given name or surname alone is that person ("Sandvik" after
"Lena Sandvik", whatever the model said), an organisation's first words alone are that
organisation, a facility's name alone is that facility, and a country's possessive opens a
generic body's name ("Kenya's Defence Forces").

What is dropped: a one-word name that the tagger does not read as a proper noun ("Thank",
"Very", "Floodwater" opening a sentence); a word right after a number ("777 Falcon"); a
shouted word that is no acronym ("KERICHO") unless the gazetteer or the article's body knows it;
any name on a headline or section-header line that the body or the gazetteer does not
know; boilerplate lines, except the byline's author. A local body written in lower case
after "the" ("the town council") is an organisation. Descriptors come from the parse: an
apposition ("a nurse"), else the titles before the name ("President", "nurse").
Everything is linear in the number of tokens.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping
from functools import cache

from spacy.tokens import Doc as Parse

from ..model import Document, Mention
from .name_lexicons import MentionLexicons, default_lexicons, fold_accents, gazetteer_entry, name_key
from .name_spans import Candidate, find_candidates, initial_token, name_evidence, span_text

__all__ = ["MentionLexicons", "extract_mentions"]

# an acronym as written: "E.U.", "IAEA", "AT&T"; longer all-capital words are shouted text
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z&]{1,5}")
_SHOUTED_LETTERS = 6
_YEAR_OLD = re.compile(r"\d+-year-old|\byear-old\b")
_MAX_DESCRIPTOR_WORDS = 14
_SENTENCE_END = '.!?"”’:'
# cues that make a name of a candidate whatever its position
_STRONG = frozenset({"person", "org", "verb", "region", "facility", "designation", "place", "joined"})
_APPOSITION_ENDS = frozenset({",", ";", ":", ")", "(", "—", "–", ".", "!", "?", '"', "“", "”"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "punct", "appos", "advcl", "cc", "conj"})


def _is_title_line(text: str, s: int, e: int) -> bool:
    """A headline or section header: most longer words capitalised, no sentence end."""
    if e - s > 160 and text[e - 1] in '.!?"”’':
        return False  # a paragraph of the story
    if not any(c.islower() for c in text[s:e]):
        return True  # a line in capitals ("TRENDING NOW", a shouted headline)
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text[s:e]) if len(w) > 3]
    if not words:
        return False
    caps = sum(w[0].isupper() for w in words)
    short = len(words) <= 4 and text[e - 1 : e] not in _SENTENCE_END
    return caps / len(words) >= 0.6 and (short or text[e - 1 : e] not in ".!?")


def _body_tokens(parse: Parse, line_starts: list[int], kinds: list[str]) -> list[bool]:
    """For every token, whether it stands on a body line (not a headline, not boilerplate)."""
    out = []
    k = -1
    for t in parse:
        while k + 1 < len(line_starts) and line_starts[k + 1] <= t.idx:
            k += 1
        out.append(k < 0 or kinds[k] == "body")
    return out


def _line_kinds(doc: Document) -> tuple[list[int], list[str]]:
    """Start and kind ("body", "title", "boilerplate") of every line, in order."""
    starts: list[int] = []
    kinds: list[str] = []
    junk = sorted((b.start, b.end) for b in doc.boilerplate)
    k = 0
    title = doc.meta.title_span
    for s, e in doc.paragraphs:
        while k < len(junk) and junk[k][1] <= s:
            k += 1
        if k < len(junk) and junk[k][0] < e:
            kind = "boilerplate"
        elif _is_title_line(doc.text, s, e) or (title is not None and title.overlaps(s, e)):
            kind = "title"
        else:
            kind = "body"
        starts.append(s)
        kinds.append(kind)
    return starts, kinds


def _words(parse: Parse, c: Candidate) -> list[str]:
    """Lower-case alphabetic words of a candidate, accents folded ("al-Rashidi" is one word)."""
    text = fold_accents(span_text(parse, c.i, c.j)).replace("’", "'")
    return [w.lower() for w in text.split() if any(ch.isalpha() for ch in w)]


def _appositive(parse: Parse, c: Candidate) -> tuple[str, str] | None:
    """(descriptor, head noun) of an apposition after the name: "Vera Holt, a nurse, said".

    The parse's apposition first, without its relative clause ("a sailor who fled" →
    "a sailor"); where the parse attaches it elsewhere, the noun phrase that opens with a
    determiner or a possessive right after the name's comma, up to the next comma.
    """
    if c.j + 1 >= len(parse) or parse[c.j].text != ",":
        return None
    root = parse[c.i : c.j].root
    for child in root.rights:
        if child.dep_ != "appos" or child.i <= c.j or child.pos_ not in ("NOUN", "PROPN"):
            continue
        skip = {t.i for grand in child.children if grand.dep_ in _CLAUSE_DEPS and grand.i > child.i
                for t in grand.subtree}
        kept = {t.i for t in child.subtree if t.i not in skip}
        start = end = min(kept)
        while end + 1 in kept:
            end += 1
        while end > start and parse[end].is_punct:
            end -= 1
        text = span_text(parse, start, end + 1)
        if 1 <= len(text.split()) <= _MAX_DESCRIPTOR_WORDS:
            return text, child.lower_
    first = parse[c.j + 1]
    if not (first.lower_ in ("a", "an", "the") or first.pos_ == "PROPN" and c.j + 2 < len(parse)
            and parse[c.j + 2].text in ("'s", "’s")):
        return None
    end = c.j + 1
    limit = min(len(parse), c.j + 2 + 2 * _MAX_DESCRIPTOR_WORDS)
    while end + 1 < limit and not parse[end + 1].is_sent_start and parse[end + 1].text not in _APPOSITION_ENDS \
            and parse[end + 1].lower_ not in ("who", "which", "whose", "that") and not parse[end + 1].is_space:
        end += 1
    phrase = parse[c.j + 1 : end + 1]
    nouns = [t for t in phrase if t.pos_ == "NOUN"]
    if not nouns or not 2 <= len(phrase.text.split()) <= _MAX_DESCRIPTOR_WORDS:
        return None
    before_prep = [t for t in nouns if not any(p.pos_ == "ADP" and p.i < t.i for p in phrase)]
    return phrase.text, (before_prep or nouns)[-1].lower_


def _noun_before(parse: Parse, c: Candidate) -> str | None:
    """A lower-case noun that names the person right before the name: "nurse Vera Holt"."""
    if c.i == 0:
        return None
    t = parse[c.i - 1]
    root = parse[c.i : c.j].root
    if t.is_lower and t.pos_ == "NOUN" and (
            (t.dep_ == "compound" and c.i <= t.head.i < c.j) or (root.dep_ == "appos" and root.head.i == t.i)):
        return t.text
    return None


def _speaks(parse: Parse, c: Candidate, lex: MentionLexicons) -> bool:
    """The name is the subject of a speech verb, or the source after "according to"."""
    root = parse[c.i : c.j].root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.speech_verbs:
        return True
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _describe(parse: Parse, c: Candidate, lex: MentionLexicons) -> str | None:
    """Set the candidate's descriptor; return what it says the name is ("PERSON", "ORG") or None.

    A title, a role noun or an age says a person ("nurse Vera Holt", "Vera Holt, a
    29-year-old nurse,"); an outlet's or a firm's noun says an organisation ("the
    state-run outlet Vecherny Listok").
    """
    appos = _appositive(parse, c)
    noun = _noun_before(parse, c)
    c.descriptor = appos[0] if appos is not None else (c.title or noun)
    heads = [h.lower() for h in (noun, appos[1] if appos is not None else None) if h is not None]
    if c.title is not None or any(h in lex.person_nouns for h in heads) or (
            appos is not None and _YEAR_OLD.search(appos[0])):
        return "PERSON"
    if any(h in lex.org_cues for h in heads):
        return "ORG"
    return None


def _place_context(parse: Parse, c: Candidate, lex: MentionLexicons, *, labelled: bool) -> bool:
    """A place preposition or cue before the name, or a place noun after it.

    "in Ostby", "the city of Ostby", "Ostby residents", "Ostby's mayor". A name the model
    labelled needs a preposition that takes any place ("in", "near"), not "from" ("a letter
    from X"); a designation after the name is no place ("in Hangar 4").
    """
    after = c.j
    possessive = after < len(parse) and parse[after].text in ("'s", "’s")
    if possessive:
        after += 1
    if after < len(parse) and parse[after].is_digit:
        return False
    if after < len(parse) and parse[after].lower_ in lex.place_after and (c.j - c.i == 1 or not labelled):
        return True
    if c.i == 0 or possessive:
        return False
    scope = lex.place_preps.get(parse[c.i - 1].lower_)
    if scope == "any" or (scope == "single" and c.j - c.i == 1 and not labelled):
        return True
    two = " ".join(t.lower_ for t in parse[max(0, c.i - 2) : c.i])
    return two in lex.place_cues


def _type(parse: Parse, c: Candidate, lex: MentionLexicons) -> str | None:
    """The type the evidence gives, most specific first (see the module docstring)."""
    name = span_text(parse, c.i, c.j)
    entry = gazetteer_entry(lex, name)
    if entry is not None:
        c.cues.add("gazetteer")
        return entry[1]
    if "facility" in c.cues:
        return "FAC"
    if name_key(name).lower() in lex.demonyms:
        c.cues.add("demonym")
        return "NORP"
    words = _words(parse, c)
    if not words:
        return None
    # the head word: the last, or the one before "of"/"for" ("Centre for the Study of Rivers")
    k = next((n for n, w in enumerate(words) if n > 0 and w in ("of", "for")), len(words))
    head = words[k - 1]
    said = _describe(parse, c, lex)
    speaks = _speaks(parse, c, lex)
    if speaks:
        c.cues.add("verb")
    if head in lex.org_words and not (c.label in ("GPE", "LOC") and _place_modifiers(words, lex)):
        return "ORG"
    if len(words) >= 2 and head in lex.region_words or "region" in c.cues:
        return "ORG" if c.label == "ORG" else "GPE"
    person = said == "PERSON" or speaks
    if len(words) >= 2 and head in lex.place_words and not person and c.label not in ("GPE", "LOC"):
        c.cues.add("place")
        return "LOC"
    if len(words) >= 2 and words[0] in lex.place_prefixes and not person and c.label not in ("PERSON", "GPE", "LOC"):
        return lex.place_prefixes[words[0]]
    if said is not None and c.label != "NORP":
        c.cues.add("person" if said == "PERSON" else "org")
        return said
    if _ACRONYM.fullmatch(name) and c.label in ("PERSON", None):
        return "ORG"
    if c.label == "FAC" and len(words) == 1:
        return "GPE"  # "Arequipa": a city the model read as a building
    if c.label in ("PERSON", "ORG") and not speaks and _place_context(parse, c, lex, labelled=True):
        return "GPE"  # "water rose in Lisk Ferrow", "Ostby residents"
    if c.label in ("GPE", "LOC") and speaks and len(words) == 1:
        return "PERSON"  # "the plan failed, Tilden said": no place the gazetteer knows speaks
    if c.label is not None:
        return c.label
    if speaks:
        return "PERSON"
    if _place_context(parse, c, lex, labelled=False):
        return "GPE"
    return "PERSON" if len(words) >= 2 else None


def _place_modifiers(words: list[str], lex: MentionLexicons) -> bool:
    """The words before a place's head word are a known place or region ("Left" in "Left Bank")."""
    entry = lex.gazetteer.get(" ".join(words[:-1]))
    return entry is not None and entry[1] in ("GPE", "LOC")


def _settle(parse: Parse, cands: list[Candidate], lex: MentionLexicons) -> None:
    """One article's names agree with each other (see the module docstring)."""
    person_words: set[str] = set()
    surnames: set[str] = set()  # one-word names the article makes people
    speakers: set[str] = set()
    org_first: dict[str, set[str]] = defaultdict(set)
    stems: set[str] = set()
    fac_stems: set[str] = set()
    typed: dict[str, str] = {}
    for c in cands:
        words = _words(parse, c)
        if not words or c.cues & {"gazetteer", "demonym"}:
            continue
        key = " ".join(words)
        if c.type == "PERSON" and (len(words) >= 2 or "person" in c.cues or c.label == "PERSON" and "verb" in c.cues):
            person_words.update(words)
            if len(words) == 1:
                surnames.add(words[0])
        elif c.type == "ORG" and len(words) >= 2:
            org_first[words[0]].add(key)
            if words[-1] in lex.org_words and len(words) >= 3:
                stems.add(" ".join(words[:-1]))
        elif c.type == "FAC":
            fac_stems.add(" ".join(w for w in words if not any(w in f.split() for f in lex.facility_words)))
        if len(words) == 1 and _speaks(parse, c, lex):
            speakers.add(words[0])
        if c.type is not None:
            typed.setdefault(key, c.type)
    for c in cands:
        words = _words(parse, c)
        if not words or c.cues & {"gazetteer", "demonym"}:
            continue
        key = " ".join(words)
        firm = len(org_first.get(key, ())) == 1 and key not in person_words
        if len(words) == 1 and key in person_words and not org_first.get(key) and c.type != "NORP":
            c.type = "PERSON"  # "Sandvik" after "Lena Sandvik", whatever the model said
        elif len(words) == 1 and firm and "person" not in c.cues and (
                c.type in ("PERSON", None) or c.type in ("GPE", "LOC") and "verb" in c.cues):
            c.type = "ORG"  # "Tilden said" after "Tilden Shipping"
        elif key in fac_stems and c.type in ("PERSON", "ORG", None) and "person" not in c.cues:
            c.type = "FAC"  # "Harrowgate" after "the Harrowgate copper mine"
        elif key in stems and c.type in ("PERSON", "GPE", "LOC", None) and "person" not in c.cues:
            c.type = "ORG"  # "Harlan Freight" after "Harlan Freight Company"
        elif "place" in c.cues and words[-1] in speakers:
            c.type = "PERSON"  # "Jin Park" when "Park said"
        elif (len(words) >= 2 and c.type in ("GPE", "LOC", "ORG") and c.cues <= {"model", "verb"}
              and words[-1] in surnames):
            c.type = "PERSON"  # the model's place "Anna Varga" when "Varga said" as a person
        if c.type is None:
            c.type = typed.get(key) or (typed.get(words[-1]) if len(words) > 1 else None)


def _list_places(parse: Parse, cands: list[Candidate]) -> None:
    """A name in a list of places takes their type: "Lima, Quito, Arequipa and Cusco".

    The list is the parse's coordination: names whose roots hang on one head by "conj"
    (the head included). Only names that no cue of their own types are changed.
    """
    groups: dict[int, list[Candidate]] = defaultdict(list)
    heads: dict[int, int] = {}  # token → the head of its coordination, found once
    for c in cands:
        token = parse[c.i : c.j].root
        path = []
        while token.dep_ == "conj" and token.head.i != token.i and token.i not in heads:
            path.append(token.i)
            token = token.head
        top = heads.get(token.i, token.i)
        for k in path:
            heads[k] = top
        groups[top].append(c)
    for members in groups.values():
        if len(members) < 2:
            continue
        places = {c.type for c in members if "gazetteer" in c.cues and c.type in ("GPE", "LOC")}
        if len(places) != 1:
            continue
        place = places.pop()
        for c in members:
            if not c.cues - {"model"} and c.j - c.i == 1 and c.type in ("PERSON", "ORG", "FAC", None):
                c.type = place


def _join_possessive(parse: Parse, cands: list[Candidate], lex: MentionLexicons) -> list[Candidate]:
    """A country's possessive opens a generic body's name: "Kenya's Defence Forces" (ORG)."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == "GPE" and c.type == "ORG" and c.i == prev.j + 1
                and parse[prev.j].lower_ in ("'s", "’s") and "gazetteer" not in c.cues
                and 2 <= len(_words(parse, c)) <= 3 and _words(parse, c)[-1] in lex.org_words):
            prev.j, prev.type, prev.label = c.j, "ORG", c.label
            prev.cues = c.cues | {"joined"}
            prev.title, prev.descriptor = None, c.descriptor
            continue
        out.append(c)
    return out


def _kept(parse: Parse, c: Candidate, lex: MentionLexicons, body: Mapping[str, str | None], inside: set[str],
          common: set[str]) -> bool:
    """The filters of the module docstring, for a typed candidate.

    ``body`` maps the article's names (lower case) to their types; ``inside`` holds the
    names and name words written somewhere other than at a sentence's start; ``common`` the
    words the article writes in lower case.
    """
    name = span_text(parse, c.i, c.j)
    words = name.split()
    known = c.cues & {"gazetteer", "demonym"}
    if c.type is None:
        return False
    prev = parse[c.i - 1] if c.i > 0 else None
    if prev is not None and not known and (prev.is_digit or prev.ent_type_ == "TIME" and _ACRONYM.fullmatch(name)):
        return False  # "the 777 Falcon", "at midnight CT"
    letters = [ch for ch in name if ch.isalpha()]
    if (letters and all(ch.isupper() for ch in letters) and not known and not _ACRONYM.fullmatch(name)
            and (len(letters) >= _SHOUTED_LETTERS or len(words) > 1)):
        shouted = body.get(name.lower()) if name.lower() in inside else None
        if shouted is None:
            return False  # "KERICHO" in a date line, a headline in capitals
        c.type = shouted
    if len(words) == 1 and not known:
        low = name_key(name).lower()
        if low in lex.stopwords or len(letters) < 2 or (name.endswith("s") and name[:-1].isupper()):
            return False  # "War", "X", "POWs"
        acronym = _ACRONYM.fullmatch(name) is not None
        first = initial_token(parse, c.i)
        if not acronym and c.j - c.i == 1 and parse[c.i].pos_ != "PROPN" and (first and low not in inside
                                                                               or low in common):
            return False  # "Thank", "Very" opening a sentence; "Welders" beside "welders"
        if first and not c.cues & _STRONG and (low in lex.org_words or low in lex.place_words):
            return False  # "Shipping agents said": an organisation's kind opening a sentence
        if first and not acronym and not c.cues & _STRONG and low not in inside and c.label in (None, "PERSON"):
            return False  # a sentence's first word that nothing else says is a name ("Floodwater reached")
    return True


def _known_in_line(parse: Parse, s: int, e: int, known: dict[str, str], firsts: dict[str, int],
                   lex: MentionLexicons) -> list[Candidate]:
    """Names of a headline that the article's body or the gazetteer knows."""
    out: list[Candidate] = []
    k = parse.char_span(s, e, alignment_mode="expand")
    if k is None:
        return out
    i, end = k.start, k.end
    while i < end:
        most = firsts.get(parse[i].lower_, 0)
        found = 0
        for n in range(min(end - i, most), 0, -1):
            key = name_key(span_text(parse, i, i + n))
            if key.lower() in known or gazetteer_entry(lex, key) is not None:
                found = n
                c = Candidate(i, i + n, None)
                entry = gazetteer_entry(lex, key)
                c.type = entry[1] if entry is not None else known[key.lower()]
                out.append(c)
                break
        i += found or 1
    return out


def _headline_index(known: dict[str, str], lex: MentionLexicons) -> dict[str, int]:
    """First word → most tokens (words doubled for punctuation) of known names and gazetteer entries."""
    firsts = {w: 2 * n + 1 for w, n in lex.firsts["gazetteer"].items()}
    for name in known:
        words = name.split()
        firsts[words[0]] = max(firsts.get(words[0], 0), 2 * len(words) + 1)
    return firsts


@cache
def _local_body_pattern(bodies: frozenset[str]) -> re.Pattern[str] | None:
    if not bodies:
        return None
    names = "|".join(re.escape(b) for b in sorted(bodies, key=len, reverse=True))
    return re.compile(rf"\b([Tt]he|[Aa]n?) ({names})\b")


def _local_bodies(doc: Document, lines: list[tuple[int, int]], lex: MentionLexicons) -> list[tuple[int, int]]:
    """ "the town council said", "a town council meeting": a local body as an organisation."""
    pattern = _local_body_pattern(lex.local_bodies)
    if pattern is None:
        return []
    out = []
    for s, e in lines:
        for m in pattern.finditer(doc.text, s, e):
            if m.group(1).lower() != "the" and not re.match(r" [a-z]", doc.text[m.end() : m.end() + 2]):
                continue  # "a city council" alone may be any council; "a city council meeting" is this one's
            out.append(m.span(2))
    return out


def _byline(doc: Document) -> tuple[int, int] | None:
    """The author's name on the byline line the metadata found ("Written by Jane Roe")."""
    span, author = doc.meta.author_span, doc.meta.author
    if span is None or not author:
        return None
    at = doc.text.find(author, span.start, span.end)
    return (at, at + len(author)) if at >= 0 else None


def _names_outlet(name: str, own: set[str]) -> bool:
    """Whether a name is the page's own outlet (or one it credits) or a known news outlet."""
    from .facts.citations import is_outlet

    return name.lower().removeprefix("the ") in own or is_outlet(name)


def extract_mentions(doc: Document, *, lexicons: MentionLexicons | None = None) -> list[Mention]:
    """Names of people, organisations and places in a document, typed, with descriptors.

    Args:
        doc (Document): a prepared document; it is parsed first when it has no parse.
        lexicons (MentionLexicons | None): word lists; the packaged data by default.
    Returns:
        list[Mention]: sorted by start; titles, determiners and possessives are not part of
        a name; boilerplate lines are skipped except the byline's author.

    Example: "Chile's ambassador Ivan Petrovsky said" → "Chile" (GPE) and
    "Ivan Petrovsky" (PERSON, descriptor "ambassador").
    """
    lex = lexicons or default_lexicons()
    if doc.parse is None:
        from ..clean.parse import parse_document

        doc = parse_document(doc)
    parse = doc.parse
    assert parse is not None
    text = doc.text
    line_starts, kinds = _line_kinds(doc)
    on_body = _body_tokens(parse, line_starts, kinds)
    evidence = name_evidence(parse, on_body.__getitem__, lex)
    cands = [c for c in find_candidates(parse, lex, evidence) if on_body[c.i]]
    outlets = {o.lower().removeprefix("the ") for o in (doc.meta.outlet, *doc.meta.credits) if o}
    for c in cands:
        c.type = _type(parse, c, lex)
        if c.type == "PERSON" and _names_outlet(span_text(parse, c.i, c.j), outlets):
            c.type = "ORG"  # "a copy seen by Harbour Desk": the page's own outlet, or a news outlet
    _list_places(parse, cands)
    _settle(parse, cands, lex)
    cands = _join_possessive(parse, cands, lex)
    body = {span_text(parse, c.i, c.j).lower(): c.type for c in cands if c.type is not None}
    inside = {span_text(parse, c.i, c.j).lower() for c in cands if not initial_token(parse, c.i)} | evidence
    common = {t.text for t in parse if t.is_lower}
    spans: list[tuple[int, int, str, str | None, str | None]] = []
    known: dict[str, str] = {}
    for c in cands:
        if _kept(parse, c, lex, body, inside, common):
            assert c.type is not None
            spans.append((parse[c.i].idx, parse[c.j - 1].idx + len(parse[c.j - 1].text), c.type, c.descriptor, c.label))
            known.setdefault(span_text(parse, c.i, c.j).lower(), c.type)
    firsts = _headline_index(known, lex)
    for (s, e), kind in zip(doc.paragraphs, kinds, strict=True):
        if kind == "title":
            for c in _known_in_line(parse, s, e, known, firsts, lex):
                assert c.type is not None
                spans.append((parse[c.i].idx, parse[c.j - 1].idx + len(parse[c.j - 1].text), c.type, None, None))
    body_lines = [(s, e) for (s, e), kind in zip(doc.paragraphs, kinds, strict=True) if kind == "body"]
    taken = sorted((s, e) for s, e, *_ in spans)
    for s, e in _local_bodies(doc, body_lines, lex):
        k = bisect.bisect_right(taken, (s, e)) - 1
        if not (k >= 0 and taken[k][1] > s) and not (k + 1 < len(taken) and taken[k + 1][0] < e):
            spans.append((s, e, "ORG", None, None))
    author = _byline(doc)
    if author is not None:
        spans.append((author[0], author[1], "PERSON", None, None))
    spans.sort()
    out: list[Mention] = []
    for s, e, typ, desc, label in spans:
        if out and s < out[-1].end:
            continue
        out.append(Mention(doc.id, s, e, text[s:e], typ, desc, label))
    return out
