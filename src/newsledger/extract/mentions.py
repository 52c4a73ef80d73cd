"""Names of people, organisations and places, found without a pretrained model.

A name is a run of capitalised words (with "of"/"for the" inside: "Institute for the Study
of War"). Each run is read left to right against the data files: the gazetteer (countries,
capitals, international organisations), demonyms ("Mongolian" → NORP, never a person)
and titles ("President", "ambassador": kept out of the name). What is left is a name typed
by its words (org words → ORG, region words → GPE, place head words such as "Street" or
"Quay" → LOC, place prefixes such as "Fort" → GPE) and its context (a title before or a
speech verb after → PERSON, "the city of" before → GPE). Weaker context decides only what
nothing else types: a preposition before ("in X", "from X") or a place noun after ("X
residents", "X's mayor", "the X depot") makes a place, unless the article uses the word
otherwise (a person's surname, the first word of an organisation: "Tilden" after "Tilden
Shipping").

Two capitalised runs joined by "and" or "&" are one organisation when the second ends in an
org word and the first is no name of its own ("Fire and Rescue Service"); a local body
written in lower case after "the" ("the city council") is an organisation too.

Capitalisation alone misleads in three places, handled here: a sentence's first word (kept
only when the same word is capitalised elsewhere in the article, or a cue says it is a
name), headlines and section headers in title case (only names known from the body or the
gazetteer are taken from them), and possessives ("Russia's" → "Russia").
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from ..lexicons import table, word_list
from ..model import Document, Mention

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:\w|[-'’.](?=[^\W_]))*")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = frozenset({"of", "for", "the", "de", "du", "da", "del", "van", "von", "bin", "al", "la", "le"})
_YEAR_OLD = re.compile(r"\d+-year-old|\byear-old\b")
# an appositive right after a name: "Park, a 29-year-old former soldier who defected ..."
_APPOSITIVE = re.compile(
    r",\s+((?:an?|the)\s+[^,;:()“”\"]+?|[A-Z][\w’']*['’]s\s+[^,;:()“”\"]+?)(?=\s+(?:who|which|whose)\b|[,;:)]|\.(?:\s|$)|$)"
)
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
# a capitalised word or dotted initials ("U.S."); it opens with a character class so the
# regex engine can skip to the next capital letter quickly
# "St." and "Mt." before a capitalised word open a name too ("St. Agnes’s Clinic")
_CAPWORD = rf"(?:(?:St|Ste|Mt|Ft)\.(?=[ ][{_UPPER}])|[{_UPPER}](?:\.(?:[A-Z]\.)+|(?:\w|[-'’.](?=\w))*['’]?))"
# a run of capitalised words joined by single spaces, with "of"/"for the" inside
_RUN = re.compile(rf"{_CAPWORD}(?:[ ](?:(?:of|for|the|de|du|da|del|van|von|bin|al|la|le)[ ])*{_CAPWORD})*")
# "and"/"&" between two capitalised runs that may be one name ("Fire and Rescue Service")
_JOINER = re.compile(rf" (?:and|&) [{_UPPER}]")
_SENT_END = '.!?"”’:'
# first words of a saint's name: "St. Agnes’s Clinic" keeps its possessive inside the name
_SAINT = frozenset({"st", "ste", "saint"})


@dataclass(frozen=True, slots=True)
class MentionLexicons:
    """Word lists the mention finder reads (see the data files named in each field)."""

    gazetteer: dict[str, tuple[str, str]] = field(default_factory=dict)  # lower name → (canonical, type)
    demonyms: dict[str, str] = field(default_factory=dict)  # lower demonym (and plural) → place
    titles: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    region_words: frozenset[str] = frozenset()
    region_suffixes: frozenset[str] = frozenset()  # lower-case region words kept in the name
    place_cues: frozenset[str] = frozenset()
    org_cues: frozenset[str] = frozenset()
    capitals: frozenset[str] = frozenset()  # lower-case capital names (the gazetteer's kind "capital")
    stopwords: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    byline_cues: tuple[str, ...] = ()
    hyphen_suffixes: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()  # last words of LOC names ("street", "quay")
    place_prefixes: dict[str, str] = field(default_factory=dict)  # first word → type ("fort" → GPE)
    place_preps: dict[str, str] = field(default_factory=dict)  # preposition → "any" / "single"
    place_after: frozenset[str] = frozenset()  # nouns after a place name ("residents", "mayor")
    local_bodies: frozenset[str] = frozenset()  # lower-case bodies after "the" ("city council")
    facility_words: frozenset[str] = frozenset()  # lower-case words after a facility's name ("copper mine")
    max_words: int = 6
    # first word (lower case) of the entries of each table → the most words an entry has;
    # a token that starts no entry is rejected with one dict lookup
    firsts: dict[int, dict[str, int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for table_ in (self.gazetteer, self.demonyms, self.titles):
            index: dict[str, int] = {}
            for entry in table_:
                words = entry.split()
                index[words[0].lower()] = max(index.get(words[0].lower(), 0), len(words))
            self.firsts[id(table_)] = index


def _inflect(base: str) -> set[str]:
    """Forms of a speech verb: say → says, said(listed), saying; note → notes, noted."""
    forms = {base}
    if " " in base:
        return forms
    forms.add(base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s"))
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
    return forms


def _gaz_key(name: str) -> str:
    """Lookup key of a gazetteer name: acronyms as written ("UN"), other names lower case."""
    return name if name.isupper() else name.lower()


@cache
def default_lexicons() -> MentionLexicons:
    """The packaged word lists (cached)."""
    gaz = {_gaz_key(row[0]): (row[2], row[1]) for row in table("gazetteer.tsv")}
    dem: dict[str, str] = {}
    for row in table("demonyms.tsv"):
        name, place = row[0], row[1]
        dem[name.lower()] = place
        # English plurals of nationality nouns: "Mongolians"; not "Chinese", "French", "Swiss"
        if not name.endswith(("ese", "ch", "sh", "ss", "i")):
            dem[name.lower() + "s"] = place
    verbs: set[str] = set()
    for verb in word_list("speech_verbs.txt"):
        verbs |= _inflect(verb)
    region = word_list("region_words.txt")
    return MentionLexicons(
        gazetteer=gaz,
        demonyms=dem,
        titles=word_list("titles.txt"),
        org_words=word_list("org_words.txt"),
        region_words=region,
        # "the X region" keeps its lower-case region word; "state", "republic" and "district"
        # are left out because "the Russian state" or "the district" are no place names
        region_suffixes=region - {"state", "republic", "district"},
        place_cues=word_list("place_cues.txt"),
        org_cues=word_list("org_cues.txt"),
        capitals=frozenset(row[0].lower() for row in table("gazetteer.tsv") if len(row) > 3 and row[3] == "capital"),
        stopwords=word_list("name_stopwords.txt"),
        speech_verbs=frozenset(verbs),
        byline_cues=tuple(sorted(word_list("byline_cues.txt"), key=len, reverse=True)),
        hyphen_suffixes=word_list("hyphen_suffixes.txt"),
        place_words=word_list("place_words.txt"),
        place_prefixes={row[0].lower(): row[1] for row in table("place_prefixes.tsv")},
        place_preps={row[0].lower(): row[1] for row in table("place_preps.tsv")},
        place_after=word_list("place_after.txt"),
        local_bodies=word_list("local_bodies.txt"),
        facility_words=word_list("facility_words.txt"),
        max_words=max(len(k.split()) for k in [*gaz, *dem]),
    )


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    initial: bool = False  # first word of a sentence (or after an opening quote / colon)
    possessive: bool = False
    low: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.low = self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    type: str | None
    cues: set[str]
    tokens: list[_Tok]
    title_line: bool = False
    descriptor: str | None = None
    sent_start: int = 0


def _tokens(text: str, s: int, e: int, lex: MentionLexicons) -> list[_Tok]:
    """Word tokens of text[s:e]: possessives split off, hyphenated non-names cut."""
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text, s, e):
        ts, te, word = m.start(), m.end(), m.group()
        poss = False
        pm = _POSSESSIVE.search(word) if word[:1].isupper() else None
        if pm and len(word) - len(pm.group()) >= 2 and (pm.group() != "'" or word.endswith("s'")):
            te -= len(pm.group())
            word = word[: len(word) - len(pm.group())]
            poss = True
        if "-" in word and word[:1].isupper() and word.lower() not in lex.gazetteer:
            head, _, tail = word.partition("-")
            if tail.islower() and (tail in lex.hyphen_suffixes or tail.endswith(("ed", "ing"))):
                # "Novak-sponsored talks": the name is the part before the hyphen
                out.append(_Tok(ts, ts + len(head), head))
                continue
            if tail[:1].isupper() and head.lower() in lex.gazetteer and tail.lower() in lex.gazetteer:
                # "the Madrid-Lisbon axis": two places
                out.append(_Tok(ts, ts + len(head), head))
                out.append(_Tok(ts + len(head) + 1, te, tail, possessive=poss))
                continue
        out.append(_Tok(ts, te, word, possessive=poss))
    return out


def _longest(
    toks: list[_Tok], i: int, table_: Mapping[str, object] | frozenset[str], limit: int, lex: MentionLexicons
) -> int:
    """Length of the longest entry of ``table_`` starting at token i (0 when none).

    Entries are lower case; an all-capitals entry is stored as written and matches only
    as written, so the name "Un" is not "UN" and the word "Who" is not "WHO".
    """
    index = lex.firsts.get(id(table_))
    most = index.get(toks[i].low, 0) if index is not None else limit
    for n in range(min(limit, most, len(toks) - i), 0, -1):
        surface = " ".join(t.text for t in toks[i : i + n])
        if surface.lower() in table_ or (surface.isupper() and surface in table_):
            return n
    return 0


def gazetteer_entry(lex: MentionLexicons, name: str) -> tuple[str, str] | None:
    """(canonical, type) of a name in the gazetteer, or None ("PRC" → China, GPE)."""
    if name.isupper() and name in lex.gazetteer:
        return lex.gazetteer[name]
    low = name.lower()
    return lex.gazetteer.get(low) if low in lex.gazetteer and not low.isupper() else None


def demonym_place(name: str, lexicons: MentionLexicons | None = None) -> str | None:
    """The place a demonym belongs to: "Mongolian" / "Mongolians" → "Mongolia".

    Example: ``demonym_place("Ukrainian")`` → ``"Ukraine"``; a non-demonym → None.
    """
    lex = lexicons or default_lexicons()
    return lex.demonyms.get(" ".join(name.replace("’", "'").split()).lower())


def _title_before(text: str, start: int, lex: MentionLexicons) -> bool:
    """A lower-case title right before a run: "leader Park", "ambassador in Oslo X"."""
    words = re.findall(r"[\w’'.-]+", text[max(0, start - 40) : start])
    words = [w.lower() for w in words]
    return any(len(words) >= n and " ".join(words[-n:]) in lex.titles for n in (3, 2, 1))


def _verb_after(text: str, end: int, lex: MentionLexicons) -> bool:
    """A speech verb right after the name ("Petrovsky added", "Wrzesinsky also said")."""
    if text[end : end + 1] != " ":
        return False  # "Furthermore, reports suggest": a comma parts the word from the verb
    words = re.findall(r"[A-Za-z’']+", text[end : end + 40])
    for w in words[:3]:
        lw = w.lower()
        if lw in lex.speech_verbs:
            return True
        if not (lw.endswith("ly") or lw in {"also", "has", "had", "have", "then", "later", "again", "once"}):
            return False
    return False


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
    short = len(words) <= 4 and text[e - 1 : e] not in _SENT_END
    return caps / len(words) >= 0.6 and (short or text[e - 1 : e] not in ".!?")


def _scan_run(text: str, run: list[_Tok], lex: MentionLexicons, evidence: frozenset[str] = frozenset()) -> list[_Cand]:
    """Split one capitalised run into gazetteer places/orgs, demonyms and unknown names."""
    out: list[_Cand] = []
    run_start = run[0].start
    while run and run[0].low in lex.stopwords and _longest(run, 0, lex.gazetteer, lex.max_words, lex) == 0:
        run = run[1:]
    if (
        len(run) > 2
        and run[0].initial
        and run[1].low in _CONNECTORS
        and run[0].low not in lex.org_words
        and run[0].low not in evidence
        and not _longest(run, 0, lex.gazetteer, lex.max_words, lex)
    ):
        # "Officers of the Coastal Guard Service": the sentence's first word is no part of the name
        run = run[1:]
        while run and run[0].low in _CONNECTORS:
            run = run[1:]
    i, cue, first_residue = 0, False, True
    residue: list[_Tok] = []

    def flush() -> None:
        nonlocal residue, cue, first_residue
        while residue and residue[-1].low in _CONNECTORS:
            residue = residue[:-1]
        if residue:
            # a lower-case title before the run names the first unknown name in it:
            # "ambassador in Oslo Ivan X" (looked up only when a name needs it)
            if first_residue and not cue:
                cue = _title_before(text, run_start, lex)
            first_residue = False
            out.append(_Cand(residue[0].start, residue[-1].end, None, {"title"} if cue else set(), residue))
        residue, cue = [], False

    while i < len(run):
        in_org = any(t.low in lex.org_words for t in residue)
        g = _longest(run, i, lex.gazetteer, lex.max_words, lex)
        d = _longest(run, i, lex.demonyms, lex.max_words, lex)
        if (g or d) and not (in_org and residue and residue[-1].low in _CONNECTORS):
            flush()
            n = max(g, d)
            key = " ".join(t.text for t in run[i : i + n])
            entry = gazetteer_entry(lex, key)
            typ = entry[1] if g >= d and entry else "NORP"
            if typ == "GPE" and i + n < len(run) and run[i + n].low in lex.region_suffixes:
                n += 1  # "Tbilisi Oblast": the region named after the city
            out.append(
                _Cand(run[i].start, run[i + n - 1].end, typ, {"gazetteer" if g >= d else "demonym"}, run[i : i + n])
            )
            i += n
            continue
        if not residue:
            t = _longest(run, i, lex.titles, 4, lex)
            if t and i + t < len(run) and not run[i + t - 1].possessive:
                cue = True
                i += t
                continue
        residue.append(run[i])
        if run[i].possessive:
            flush()
        i += 1
    flush()
    return out


def _type_unknown(
    text: str, c: _Cand, lex: MentionLexicons, sent_start: int, speakers: frozenset[str] = frozenset()
) -> str | None:
    """The type the name's own words or a strong cue give; None when only weak context could.

    ``speakers`` are words that stand alone before a speech verb in the article ("Park
    said"): such a word ends a person's name, not a place's ("Jin Park").
    """
    words = [t.low for t in c.tokens]
    if "facility" in c.cues:
        return "FAC"
    if any(w in lex.org_words for w in words):
        return "ORG"
    if len(words) >= 2 and words[-1] in lex.region_words:
        return "GPE"
    if "region" in c.cues:
        return "GPE"
    if c.cues & {"title", "verb", "descriptor", "byline"}:
        return "PERSON"
    if len(words) >= 2 and words[-1] in lex.place_words and words[-1] not in speakers:
        return "LOC"  # "Marrow Street", "Tolven Quay"
    if len(words) >= 2 and words[0] in lex.place_prefixes and words[1] not in lex.stopwords:
        return lex.place_prefixes[words[0]]  # "Fort Ravel", "Mount Ebren"; not "New Year"
    before = " ".join(re.findall(r"[a-z]+", text[max(sent_start, c.start - 20) : c.start].lower())[-2:])
    if any(before.endswith(p) for p in lex.place_cues):
        return "GPE"
    if any(before == p or before.endswith(" " + p) for p in lex.org_cues):
        return "ORG"  # "the state-run outlet Vecherny Listok"
    if c.tokens[0].text.isupper() and len(c.tokens[0].text) >= 2 and len(words) == 1:
        return "ORG"
    return None


_WORD_BEFORE = re.compile(r"([A-Za-z]+) $")
_NUMBER_AFTER = re.compile(r" \d")
_NOUN_AFTER = re.compile(r"(?:['’]s?)? ([a-z]+)\b")


def _weak_place(text: str, c: _Cand, lex: MentionLexicons) -> bool:
    """A preposition before ("in Fenwick") or a place noun after ("Fenwick residents")."""
    if _NUMBER_AFTER.match(text, c.end) or any("-" in t.text and t.text[-1].islower() for t in c.tokens):
        return False  # "Gate 7" is a designation; "Russian-language" an adjective
    before = _WORD_BEFORE.search(text, max(c.sent_start, c.start - 16), c.start)
    if before and not c.tokens[-1].possessive:
        scope = lex.place_preps.get(before.group(1).lower())
        if scope == "any" or (scope == "single" and len(c.tokens) == 1):
            return True
    after = _NOUN_AFTER.match(text, c.end)
    return bool(after and after.group(1) in lex.place_after)


def _descriptor(text: str, end: int, limit: int) -> str | None:
    m = _APPOSITIVE.match(text, end, limit)
    if not m:
        return None
    desc = m.group(1).strip()
    return desc if 2 <= len(desc.split()) <= 14 else None


def _person_descriptor(desc: str, lex: MentionLexicons) -> bool:
    words = re.findall(r"[a-z-]+", desc.lower())
    return bool(_YEAR_OLD.search(desc)) or any(w in lex.titles for w in words)


def _byline(doc: Document, lex: MentionLexicons) -> list[_Cand]:
    """The author's name on a byline line near the top ("Written by Jane Roe")."""
    out = []
    for s, e in doc.paragraphs[:12]:
        line = doc.text[s:e]
        low = line.lower()
        for cue in lex.byline_cues:
            if low.startswith(cue + " "):
                name = re.fullmatch(r"\s*((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)\s*", line[len(cue) + 1 :])
                if name:
                    ns = s + len(cue) + 1 + name.start(1)
                    toks = _tokens(doc.text, ns, ns + len(name.group(1)), lex)
                    out.append(_Cand(ns, ns + len(name.group(1)), "PERSON", {"byline"}, toks))
                break
    return out


def extract_mentions(doc: Document, *, lexicons: MentionLexicons | None = None) -> list[Mention]:
    """Names of people, organisations and places in a document, typed, with descriptors.

    Args:
        doc (Document): a prepared document (sentences, paragraphs and boilerplate set).
        lexicons (MentionLexicons | None): word lists; the packaged data by default.
    Returns:
        list[Mention]: sorted by start; titles are not part of the name; boilerplate lines
        are skipped except a byline's author.

    Example: "Russia's ambassador Ivan Petrovsky said" → "Russia" (GPE) and
    "Ivan Petrovsky" (PERSON).
    """
    lex = lexicons or default_lexicons()
    text = doc.text
    starts = [a for a, _b in doc.sentences] or [a for a, _b in doc.paragraphs]
    ends = [b for _a, b in doc.sentences] or [b for _a, b in doc.paragraphs]
    title_span = doc.meta.title_span
    runs: list[tuple[list[_Tok], bool, int, int]] = []  # tokens, in a title line, sentence start, end
    evidence: set[str] = set()
    cands: list[_Cand] = []
    paragraphs: list[tuple[int, int, list[tuple[int, int]]]] = []
    # where words stand as a name of their own ("Tilden said", "told Tilden")
    alone: dict[str, set[int]] = defaultdict(set)
    speakers: set[str] = set()  # words alone before a speech verb ("Park said")
    for ps, pe in doc.paragraphs:
        if doc.is_boilerplate(ps, pe):
            continue
        spans = []
        for m in _RUN.finditer(text, ps, pe):
            if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’.-_"):
                continue  # a capital inside a word ("iPhone")
            spans.append((m.start(), m.end()))
            if " " not in m.group() and not _JOINER.match(text, m.end()):
                word = _POSSESSIVE_END.sub("", m.group()).lower()
                k = bisect.bisect_right(starts, m.start()) - 1
                said = _verb_after(text, m.end(), lex)
                if said:
                    speakers.add(word)
                if said or not _is_initial(text, starts[k] if k >= 0 else ps, m.start()):
                    alone[word].add(m.start())
        paragraphs.append((ps, pe, spans))
    for ps, pe, spans in paragraphs:
        is_title = _is_title_line(text, ps, pe) or (title_span is not None and title_span.overlaps(ps, pe))
        for run_start, run_end in _join_runs(text, spans, lex, alone):
            k = bisect.bisect_right(starts, run_start) - 1
            sent_start, sent_end = (starts[k], ends[k]) if k >= 0 else (ps, pe)
            known = _known_place(text[run_start:run_end], lex)
            if known is not None:
                # the common case, a whole run that is a country, capital or demonym ("Mongolian")
                tok = _Tok(run_start, run_start + len(known[0]), known[0])
                cand = _Cand(tok.start, tok.end, known[1], {known[2]}, [tok], is_title, None, sent_start)
                after = _REGION_AFTER.match(text, cand.end)
                if (
                    known[1] == "GPE"
                    and len(known[0]) == run_end - run_start
                    and after
                    and after.group(1) in (lex.region_suffixes)
                ):
                    cand.end = after.end()  # "the Tbilisi region"
                cands.append(cand)
                continue
            toks = _tokens(text, run_start, run_end, lex)
            if not toks:
                continue
            toks[0].initial = _is_initial(text, sent_start, toks[0].start)
            for run in _split_possessive(toks, lex):
                runs.append((run, is_title, sent_start, sent_end))
                if not is_title:
                    evidence.update(t.low for t in run if not t.initial and t.cap)
    seen_capitalised = frozenset(evidence)
    for run, is_title, sent_start, sent_end in runs:
        for c in _scan_run(text, run, lex, seen_capitalised):
            c.title_line = is_title
            c.sent_start = sent_start
            if c.type is None:
                _add_context(text, c, sent_end, lex)
            cands.append(c)
    cands += [c for c in _byline(doc, lex) if not any(c.start < x.end and x.start < c.end for x in cands)]
    cands += _local_bodies(doc, [(ps, pe) for ps, pe, _s in paragraphs], starts, lex)
    return _finish(doc, cands, evidence, set(alone), frozenset(speakers), lex)


def _join_runs(
    text: str, spans: list[tuple[int, int]], lex: MentionLexicons, alone: Mapping[str, set[int]]
) -> list[tuple[int, int]]:
    """Join "Fire and Rescue Service", "Dock & Barge Weekly": two runs parted by "and"/"&".

    The second run must end in an org word and the first must be no name of its own: not an
    organisation already, no title before a person, no known place or demonym in it ("Red
    Cross and Red Crescent Movement" stays two), and its last word never written alone in the
    article ("Tilden and Marrow Shipping" stays two when "Tilden said").
    """
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and text[out[-1][1] : s] in (" and ", " & "):
            ps, pe = out[-1]
            first = text[ps:pe].split()
            while len(first) > 1 and first[0].lower() in lex.stopwords:
                first = first[1:]  # "The Fenwick Fire and Rescue Service"
            second = text[s:e].split()
            last = _POSSESSIVE_END.sub("", second[-1]).lower()
            if (
                last in lex.org_words
                and len(first) <= 3
                and len(second) <= 4
                and text[pe - 1] not in "'’"
                and not text[pe - 2 : pe].endswith(("'s", "’s"))
                and not any(w.lower() in lex.org_words or w.lower() in lex.titles for w in first)
                and not alone.get(first[-1].lower(), set()) - {ps}
                and first[-1].lower() not in lex.gazetteer
                and not any(
                    " ".join(first[a:b]).lower() in lex.gazetteer or " ".join(first[a:b]).lower() in lex.demonyms
                    for a in range(len(first))
                    for b in range(a + 1, len(first) + 1)
                )
            ):
                out[-1] = (ps, e)
                continue
            if (
                text[out[-1][1] : s] == " and "
                and _org_of_pair(text[ps:pe].split(), second, lex)
                and not any(alone.get(w.lower()) for w in second)
            ):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _org_of_pair(first: list[str], second: list[str], lex: MentionLexicons) -> bool:
    """ "Union of Dock" + "Harbour Workers": an org word, "of", and two trades joined by "and".

    The first run is "<org word> of <one or two words>", the second two or three words
    ending in a plural and never written alone in the article;
    no word after "of" or in the second run is an org word, title, known place or
    demonym ("Bank of Fenwick and Harlan Freight Company" stays two).
    """
    if "of" not in first or not 2 <= len(second) <= 3 or not second[-1].endswith("s") or second[-1][-2:-1] in "'’":
        return False  # the second ends in a plural: "Textile Workers", "Natural Resources"
    k = len(first) - 1 - first[::-1].index("of")
    head, tail = first[:k], first[k + 1 :]
    if not head or head[-1].lower() not in lex.org_words or not 1 <= len(tail) <= 2:
        return False
    for w in tail + second:
        low = _POSSESSIVE_END.sub("", w).lower()
        if (
            low in lex.titles
            or low in lex.gazetteer
            or low in lex.demonyms
            or low in _CONNECTORS
            or (low in lex.org_words and w is not second[-1])
        ):
            return False
    return not (second[-1].lower() in lex.org_words and len(second) >= 2 and second[0].lower() in lex.org_words)


@cache
def _local_body_pattern(bodies: frozenset[str]) -> re.Pattern[str] | None:
    if not bodies:
        return None
    names = "|".join(re.escape(b) for b in sorted(bodies, key=len, reverse=True))
    return re.compile(rf"\b([Tt]he|[Aa]n?) ({names})\b")


def _local_bodies(
    doc: Document, paragraphs: list[tuple[int, int]], starts: list[int], lex: MentionLexicons
) -> list[_Cand]:
    """ "the city council said", "a city council meeting": the local body as an organisation."""
    pattern = _local_body_pattern(lex.local_bodies)
    if pattern is None:
        return []
    out = []
    for ps, pe in paragraphs:
        for m in pattern.finditer(doc.text, ps, pe):
            if m.group(1).lower() != "the" and not re.match(r" [a-z]", doc.text[m.end() : m.end() + 2]):
                continue  # "a city council" alone may be any council; "a city council meeting" is this one's
            s, e = m.span(2)
            toks = _tokens(doc.text, s, e, lex)
            k = bisect.bisect_right(starts, s) - 1
            out.append(_Cand(s, e, "ORG", {"local"}, toks, False, None, starts[k] if k >= 0 else ps))
    return out


_REGION_AFTER = re.compile(r" ([a-z]+)\b")
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _known_place(run: str, lex: MentionLexicons) -> tuple[str, str, str] | None:
    """(name, type, cue) when the whole run is one gazetteer entry or demonym, else None."""
    name = _POSSESSIVE_END.sub("", run) if run[-1] in "'’" or run[-2:-1] in "'’" else run
    entry = gazetteer_entry(lex, name)
    if entry is not None:
        return name, entry[1], "gazetteer"
    if name.lower() in lex.demonyms and not name.isupper():
        return name, "NORP", "demonym"
    return None


def _is_initial(text: str, sent_start: int, start: int) -> bool:
    """First word of its sentence, or first after an opening quote, colon or dash."""
    before = text[sent_start:start]
    stripped = before.rstrip()
    if not stripped or not any(ch.isalnum() for ch in before):
        return True
    return stripped[-1] in '“"‘:—–(' and not stripped[:-1].rstrip().endswith(",")


def _split_possessive(toks: list[_Tok], lex: MentionLexicons) -> list[list[_Tok]]:
    """A possessive ends a name: "Russia's President X" is "Russia" + "President X".

    Not a saint's before an institution's word: "St. Agnes’s Clinic" is one name.
    """
    out: list[list[_Tok]] = [[]]
    for k, t in enumerate(toks):
        out[-1].append(t)
        if (
            t.possessive
            and len(out[-1]) == 2
            and out[-1][0].low in _SAINT
            and k + 1 < len(toks)
            and (toks[-1].low in lex.org_words or toks[-1].low in lex.place_words)
        ):
            t.possessive = False  # "St. Agnes’s Clinic": the saint's possessive is inside the name
            continue
        if t.possessive:
            out.append([])
    result = []
    for run in out:
        while run and run[-1].low in _CONNECTORS:
            run = run[:-1]
        while run and run[0].low in _CONNECTORS:
            run = run[1:]
        if run:
            result.append(run)
    return result


def _add_context(text: str, c: _Cand, sent_end: int, lex: MentionLexicons) -> None:
    """Cues around an unknown name: region word after, speech verb after, appositive."""
    after = re.match(r" ([a-z]+)\b", text[c.end : c.end + 20])
    if after and not c.tokens[-1].possessive:
        if after.group(1) in lex.region_suffixes or after.group(1) in _NAME_REGION_SUFFIXES:
            c.end += len(after.group(0))
            c.cues.add("region")
        else:
            fac = _facility_pattern(lex.facility_words)
            m = fac.match(text, c.end) if fac is not None else None
            if m:
                c.end = m.end()  # "the Selby copper mine"
                c.cues.add("facility")
    if _verb_after(text, c.end, lex):
        c.cues.add("verb")
    desc = _descriptor(text, c.end, sent_end)
    if desc:
        c.descriptor = desc
        if _person_descriptor(desc, lex):
            c.cues.add("descriptor")


# region words kept after an unknown name only ("the Selby district"; "the district" alone is none)
_NAME_REGION_SUFFIXES = frozenset({"district"})


@cache
def _facility_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf" (?:{names})\b(?![-’'])")


_LIST_GAP = re.compile(r",? (?:and |or )?|, ")


def _list_type(text: str, c: _Cand, cands: list[_Cand]) -> str | None:
    """A place in a list of places takes their type: "Madrid, Brenholm, and Zlatograd".

    ``cands`` are the candidates that may stand next to ``c`` (see :func:`_list_neighbours`).
    """
    for o in cands:
        if o is c or o.type not in ("GPE", "LOC"):
            continue
        a, b = (o.end, c.start) if o.end <= c.start else (c.end, o.start)
        if 0 < b - a <= 6 and _LIST_GAP.fullmatch(text, a, b):
            return o.type
    return None


def _list_neighbours(cands: list[_Cand]) -> Callable[[_Cand], list[_Cand]]:
    """For a candidate, those at most 6 characters before or after it, in ``cands`` order.

    A list gap is at most 6 characters (", and "): looking only there keeps the search
    linear in the number of candidates on long texts.
    """
    by_end: dict[int, list[int]] = defaultdict(list)
    by_start: dict[int, list[int]] = defaultdict(list)
    for i, o in enumerate(cands):
        by_end[o.end].append(i)
        by_start[o.start].append(i)

    def near(c: _Cand) -> list[_Cand]:
        found = {i for p in range(c.start - 6, c.start + 1) for i in by_end.get(p, ())}
        found |= {i for p in range(c.end + 1, c.end + 7) for i in by_start.get(p, ())}
        return [cands[i] for i in sorted(found)]

    return near


def _finish(
    doc: Document,
    cands: list[_Cand],
    evidence: set[str],
    alone: set[str],
    speakers: frozenset[str],
    lex: MentionLexicons,
) -> list[Mention]:
    text = doc.text
    body = [c for c in cands if not c.title_line]
    known = {text[c.start : c.end].lower() for c in body}
    # 1. what a name's own words or a strong cue say
    for c in body:
        if c.type is None:
            c.type = _type_unknown(text, c, lex, c.sent_start, speakers)
    # an organisation's name without its head word is that organisation ("Harlan Freight"
    # after "Harlan Freight Company", "St. Agnes" after "St. Agnes’s Clinic")
    stems = {
        text[c.start : c.tokens[-2].end].lower()
        for c in body
        if c.type == "ORG" and len(c.tokens) >= 3 and c.tokens[-1].low in lex.org_words and "gazetteer" not in c.cues
    }
    if stems:
        for c in cands:
            if (
                c.type in (None, "PERSON")
                and not c.cues & {"title", "descriptor", "byline"}
                and text[c.start : c.end].lower() in stems
            ):
                c.type = "ORG"
                if c.tokens[0].low in _SAINT and text[c.end : c.end + 2] in ("’s", "'s"):
                    c.end += 2  # "a spokeswoman for St. Agnes’s said": the possessive names the place
    # words of people's names; a lone word before "said" may still be a firm's, so it waits
    person_words = {
        t.low
        for c in body
        if c.type == "PERSON" and "gazetteer" not in c.cues and not (len(c.tokens) == 1 and c.cues == {"verb"})
        for t in c.tokens
    }
    # 2. a longer name nothing typed: a place by weak context ("in Santa Ravel"), else a person
    for c in body:
        if c.type is None and len(c.tokens) >= 2:
            weak = not person_words & {t.low for t in c.tokens} and _weak_place(text, c, lex)
            c.type = "GPE" if weak else "PERSON"
            if c.type == "PERSON":
                person_words.update(t.low for t in c.tokens)
    # first words of organisation names: "Tilden" alone after "Tilden Shipping" is that firm
    org_first: dict[str, set[str]] = defaultdict(set)
    for c in body:
        if c.type == "ORG" and len(c.tokens) >= 2 and c.tokens[0].cap and "gazetteer" not in c.cues:
            org_first[c.tokens[0].low].add(text[c.start : c.end].lower())

    def firm(low: str) -> bool:
        return len(org_first.get(low, ())) == 1 and low not in person_words

    for c in body:
        if len(c.tokens) == 1 and c.type == "PERSON" and c.cues == {"verb"} and firm(c.tokens[0].low):
            c.type = "ORG"  # "Tilden said in a statement": firms speak too
    # a person's surname or given name alone is that person's type too ("Halvorsen" after "Erik Halvorsen")
    typed: dict[str, str] = {}
    for c in body:
        if c.type == "PERSON" and "gazetteer" not in c.cues:
            for t in c.tokens:
                typed.setdefault(t.low, "PERSON")
        if c.type in ("GPE", "LOC", "ORG"):
            typed[c.tokens[0].low if len(c.tokens) == 1 else text[c.start : c.end].lower()] = c.type
    out: list[Mention] = []
    near = _list_neighbours(cands)
    for c in cands:
        surface = text[c.start : c.end]
        strong = c.cues & {
            "gazetteer",
            "demonym",
            "title",
            "verb",
            "descriptor",
            "byline",
            "region",
            "local",
            "facility",
        }
        if c.title_line and not strong - {"title", "verb", "descriptor"} and surface.lower() not in known:
            continue
        if len(c.tokens) == 1:
            tok = c.tokens[0]
            if tok.low in lex.stopwords or len(tok.text) < 2 or (tok.text[-1] == "s" and tok.text[:-1].isupper()):
                continue  # "War", "X", "POWs"
            if tok.initial and not strong and tok.low not in evidence and not tok.text.isupper():
                continue  # a sentence's first word with nothing else saying it is a name
            if tok.initial and not strong and tok.low in lex.org_words and tok.low not in alone:
                continue  # "Shipping agents said": an org word opening a sentence names nothing
        if c.type is None:
            low = surface.lower()
            c.type = (
                typed.get(low)
                or ("ORG" if firm(low) else None)
                or typed.get(c.tokens[-1].low)
                or _list_type(text, c, near(c))
                or ("GPE" if not c.title_line and _weak_place(text, c, lex) else None)
            )
            if c.type is None:
                continue  # one capitalised word and nothing saying what it names
        if doc.is_boilerplate(c.start, c.end) and "byline" not in c.cues:
            continue
        out.append(Mention(doc.id, c.start, c.end, surface, c.type, c.descriptor))
    out.sort(key=lambda m: (m.start, m.end))
    return [m for i, m in enumerate(out) if i == 0 or (m.start, m.end) != (out[i - 1].start, out[i - 1].end)]
