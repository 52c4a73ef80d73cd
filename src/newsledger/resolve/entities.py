"""Merge name mentions into entities, within and across articles.

Mentions are joined with a union-find, one rule at a time, each rule blocked by a key so
that a large corpus is never compared pair by pair:

1. same key: the name as written (case, apostrophes and spacing normalised), a gazetteer
   alias or capital replaced by its country ("PRC", "Beijing" → China; "Peking",
   "Beijing" → China) and a region word dropped ("Zlatograd Oblast" → "Zlatograd");
2. acronyms: "Centre for Harbour Studies (CHS)" pairs them in the text; otherwise an
   acronym joins the one name whose initials it is ("FWA" ↔ "Federal Water Agency");
3. people's spelling variants: "Wrzesinsky" ↔ "Wrzesinskyy" (rapidfuzz, blocked by the first
   letters of the surname, same given name); with the same surname, given names compared
   after common transliteration swaps ("Aleksandr" ↔ "Alexander", data in translit.tsv);
4. a bare surname joins the full name it shortens, first within its own article, then
   across articles when only one full name fits ("Halvorsen" → "Erik Halvorsen");
5. a short form of an organisation's name joins the one full name it shortens, first
   within its own article, then across articles: its first word ("Tilden" → "Tilden
   Shipping") or its last words ("Harbour Board" → "Fenwick Harbour Board", "the city
   council" → "Fenwick City Council").

Keeping apart wins over merging: a bare name that its article introduces with its own
description ("Park, a 29-year-old former soldier") is its own person and never joins a full
name from elsewhere ("Park Jin Ho"); a surname that fits two full names of its article
joins, mention by mention, the one named most recently before it, and none when neither
was named before it.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cache

from rapidfuzz import fuzz

from ..extract.mentions import MentionLexicons, default_lexicons, gazetteer_entry
from ..lexicons import table
from ..model import Document, Entity, Mention, Quantity, Quote

# surnames at least this similar (rapidfuzz ratio, 0-100) are one spelling: Wrzesinsky/Wrzesinskyy = 95
_SURNAME_SIMILARITY = 88
_GIVEN_NAME_SIMILARITY = 80
# given names of one surname this similar after transliteration swaps are one name:
# aleksandr/aleksander (from Alexander) = 95; anna/ania = 75 stays apart
_TRANSLIT_SIMILARITY = 88
_MIN_TRANSLIT_LENGTH = 4  # jana/yana join; anna/ania differ after the swaps and stay apart
_MIN_FUZZY_LENGTH = 5  # short names ("Park", "Lee") differ by one letter between two people
_CONNECTORS = {"of", "for", "the", "and", "de", "du", "da", "del", "van", "von", "on", "in"}
_TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP")
# head words of a firm's name that its short form drops ("Harlan Freight Company" → "Harlan Freight")
_FIRM_WORDS = frozenset(
    {"company", "corporation", "corp", "group", "holdings", "industries", "limited", "ltd", "inc", "plc"}
)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def normalize_name(name: str) -> str:
    """Casefold, straight apostrophes, one space, no possessive: "Russia’s" → "russia"."""
    name = " ".join(name.replace("’", "'").replace("‘", "'").split())
    name = re.sub(r"'s?$", "", name)
    return name.casefold().strip(" .,;:")


def _strip_region(name: str, lex: MentionLexicons) -> str:
    """'Zlatograd Oblast', 'Zlatograd region' → 'Zlatograd' (X + region word → X)."""
    words = name.split()
    if len(words) >= 2 and words[-1].lower() in lex.region_words:
        head = " ".join(words[:-1])
        # "Islamic State" is no state of a place called "Islamic"
        if words[-1].lower() == "state" and head.lower().endswith("ic"):
            return name
        return head
    return name


def _demonym_place(name: str, lex: MentionLexicons) -> str | None:
    return lex.demonyms.get(normalize_name(name))


def _key(m: Mention, lex: MentionLexicons) -> tuple[str, str | None, bool]:
    """(merge key, gazetteer canonical or None, region-stripped?) of one mention."""
    if m.type == "NORP":
        place = _demonym_place(m.text, lex)
        return ("norp:" + (place or normalize_name(m.text)).casefold(), None, False)
    surface = " ".join(m.text.replace("’", "'").split())
    surface = re.sub(r"'s?$", "", surface)
    if m.type == "FAC":
        # "Selby copper mine" / "Selby mine": the name without its facility words
        words = surface.split()
        while len(words) >= 2 and words[-1].islower() and any(words[-1] in f.split() for f in lex.facility_words):
            words.pop()
        return ("fac:" + normalize_name(" ".join(words)), None, False)
    entry = gazetteer_entry(lex, surface)
    if entry:
        return ("g:" + entry[0].casefold(), entry[0], False)
    stripped = _strip_region(surface, lex)
    if stripped != surface:
        entry = gazetteer_entry(lex, stripped)
        # "Tbilisi Oblast" is the region around the capital, not the country the capital stands for
        if entry and stripped.lower() not in lex.capitals:
            return ("g:" + entry[0].casefold(), entry[0], True)
        return ("n:" + normalize_name(stripped), None, True)
    return ("n:" + normalize_name(surface), None, False)


def _is_acronym(text: str) -> bool:
    core = text.replace(".", "")
    return 2 <= len(core) <= 6 and core.isupper() and core.isalpha()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _CONNECTORS]
    return "".join(w[0] for w in words if w[0].isupper())


def _tokens(name: str) -> list[str]:
    return normalize_name(name).split()


def resolve_entities(docs: list[Document], mentions: list[Mention]) -> list[Entity]:
    """Merge mentions into entities across all documents.

    Args:
        docs (list[Document]): the documents the mentions come from (their texts give the
            acronym pairings "Name (ACR)" and the titles written before names).
        mentions (list[Mention]): every mention of every document.
    Returns:
        list[Entity]: one per referent, canonical = fullest name, aliases = every surface
        form as written (titles included: "President Wrzesinsky"), mentions in text order;
        sorted by first mention.

    Example: "Erik Halvorsen" (article 1) and "Halvorsen" (article 2) → one entity
    "Erik Halvorsen" with aliases ["Halvorsen", "Erik Halvorsen"].
    """
    lex = default_lexicons()
    texts = {d.id: d.text for d in docs}
    ms = sorted(mentions, key=lambda m: (m.doc, m.start, m.end))
    uf = _Union(len(ms))
    keys = [_key(m, lex) for m in ms]
    bare = [
        m.type == "PERSON" and len(m.text.split()) == 1 and keys[i][1] is None and not _is_acronym(m.text)
        for i, m in enumerate(ms)
    ]

    # 1. same key (bare person names wait for rule 4: "Park" is not always the same Park)
    first: dict[str, int] = {}
    for i, (key, _canon, _r) in enumerate(keys):
        if bare[i]:
            continue
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i

    _merge_acronyms(ms, keys, texts, uf)
    _merge_spelling_variants(ms, bare, uf)
    _merge_bare_names(ms, bare, uf, texts)
    _merge_org_parts(ms, keys, bare, uf, texts, lex)
    return _build(ms, keys, uf, texts, lex)


def _merge_acronyms(
    ms: list[Mention], keys: list[tuple[str, str | None, bool]], texts: dict[str, str], uf: _Union
) -> None:
    by_initials: dict[str, set[int]] = defaultdict(set)
    acronyms: list[int] = []
    for i, m in enumerate(ms):
        if keys[i][1] is not None or m.type not in ("ORG", "PERSON", "GPE", "LOC"):
            continue
        if _is_acronym(m.text):
            acronyms.append(i)
            continue
        if len(m.text.split()) >= 2 and m.type == "ORG":
            by_initials[_initials(m.text)].add(uf.find(i))
            # "Centre for Harbour Studies (CHS)": the text pairs them
            after = re.match(r"\s*\(([A-Z][A-Z.&-]{1,7})\)", texts.get(m.doc, "")[m.end : m.end + 14])
            if after:
                by_initials[after.group(1).replace(".", "")].add(uf.find(i))
    starts = {(m.doc, m.start): i for i, m in enumerate(ms) if m.type == "ORG" and len(m.text.split()) >= 2}
    for i in acronyms:
        m = ms[i]
        # "CHS (Centre for Harbour Studies)": the expansion in brackets after the acronym
        after = re.match(r"\s*\(", texts.get(m.doc, "")[m.end : m.end + 4])
        paired = starts.get((m.doc, m.end + after.end())) if after else None
        if paired is not None:
            uf.union(paired, i)
            continue
        roots = {uf.find(r) for r in by_initials.get(m.text.replace(".", ""), set())}
        if len(roots) == 1:  # one name fits: join; two fit: leave the acronym alone
            uf.union(roots.pop(), i)


def _surname(name: str) -> str:
    toks = _tokens(name)
    return toks[-1] if toks else ""


def _merge_spelling_variants(ms: list[Mention], bare: list[bool], uf: _Union) -> None:
    """Full names of people that differ only by transliteration: Wrzesinsky / Wrzesinskyy."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if m.type == "PERSON" and not bare[i] and len(m.text.split()) >= 2:
            # block on the given name's initial and the surname's first letters, so a large
            # corpus compares only names that could be one spelling of each other
            toks = _tokens(m.text)
            blocks[_translit(toks[0])[:1] + "|" + toks[-1][:4]].append(i)
    for members in blocks.values():
        names: dict[str, int] = {}
        for i in members:
            names.setdefault(normalize_name(ms[i].text), i)
        items = list(names.items())
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                (na, ia), (nb, ib) = items[a], items[b]
                if _same_person_name(na, nb):
                    uf.union(ia, ib)


def _same_person_name(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or a == b:
        return a == b
    sa, sb = ta[-1], tb[-1]
    if min(len(sa), len(sb)) < _MIN_FUZZY_LENGTH or fuzz.ratio(sa, sb) < _SURNAME_SIMILARITY:
        return False
    return all(_same_given_name(x, y, sa == sb) for x, y in zip(ta[:-1], tb[:-1], strict=True))


def _same_given_name(x: str, y: str, same_surname: bool) -> bool:
    if fuzz.ratio(x, y) >= _GIVEN_NAME_SIMILARITY:
        return True
    if not same_surname or min(len(x), len(y)) < _MIN_TRANSLIT_LENGTH:
        return False
    return fuzz.ratio(_translit(x), _translit(y)) >= _TRANSLIT_SIMILARITY


def _translit(name: str) -> str:
    """One spelling for transliteration variants: "alexander" → "aleksander"."""
    for spelling, common in _translit_table():
        name = name.replace(spelling, common)
    return name


@cache
def _translit_table() -> tuple[tuple[str, str], ...]:
    return tuple((row[0].lower(), row[1].lower()) for row in table("translit.tsv"))


def _fits(bare_name: str, full: str) -> bool:
    """'Halvorsen' fits 'Erik Halvorsen'; 'Park' fits 'Park Jin Ho' (family name first in three-part
    East Asian names); a transliteration of the surname fits too ('Wrzesinskyy')."""
    toks = _tokens(full)
    if len(toks) < 2:
        return False
    b = bare_name
    if toks[-1] == b or (len(toks) >= 3 and toks[0] == b):
        return True
    return min(len(b), len(toks[-1])) >= _MIN_FUZZY_LENGTH and fuzz.ratio(b, toks[-1]) >= _SURNAME_SIMILARITY


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s")


def _merge_bare_names(ms: list[Mention], bare: list[bool], uf: _Union, texts: dict[str, str]) -> None:
    full_by_doc: dict[str, list[int]] = defaultdict(list)
    full_by_block: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if m.type == "PERSON" and not bare[i] and len(m.text.split()) >= 2:
            full_by_doc[m.doc].append(i)
            toks = _tokens(m.text)
            full_by_block[toks[-1][:3]].append(i)
            if len(toks) >= 3:
                full_by_block[toks[0][:3]].append(i)
    # bare names per document and surface
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if bare[i]:
            groups[(m.doc, normalize_name(m.text))].append(i)
    unresolved: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for (doc, name), members in groups.items():
        described = any(ms[j].descriptor for j in members)
        fitting = [f for f in full_by_doc.get(doc, []) if _fits(name, ms[f].text)]
        roots = {uf.find(f) for f in fitting}
        if len(roots) > 1 and not described:
            # two people of one surname in the article: each bare mention is the one named
            # most recently before it, when a sentence parts that naming from the other
            # person's last one ("Anna Novak met Tomas Novak. Novak said" stays apart)
            text = texts.get(doc, "")
            for j in members:
                before = sorted((f for f in fitting if ms[f].end <= ms[j].start), key=lambda f: ms[f].start)
                if not before:
                    continue
                near = before[-1]
                others = [f for f in before if uf.find(f) != uf.find(near)]
                if not others or _SENTENCE_END.search(text, ms[others[-1]].end, ms[near].start):
                    uf.union(near, j)
            continue
        for j in members[1:]:
            uf.union(members[0], j)
        if len(roots) == 1:
            uf.union(roots.pop(), members[0])
        elif not roots and not described:
            unresolved[name].append((members[0], described))
        # a described bare name, or one fitting two full names, stays on its own
    for name, items in unresolved.items():
        roots = {uf.find(f) for f in full_by_block.get(name[:3], []) if _fits(name, ms[f].text)}
        if len(roots) == 1:
            root = roots.pop()
            for j, _d in items:
                uf.union(root, j)
        elif not roots:
            for j, _d in items[1:]:
                uf.union(items[0][0], j)


def _merge_org_parts(
    ms: list[Mention],
    keys: list[tuple[str, str | None, bool]],
    bare: list[bool],
    uf: _Union,
    texts: dict[str, str],
    lex: MentionLexicons,
) -> None:
    """Short forms of an organisation's name join the one full name they shorten.

    "Tilden" (its first word) or "Harbour Board" / "the city council" (its last words) join
    "Tilden Shipping" / "Fenwick Harbour Board" / "Fenwick City Council": the full names of
    the same article first, then of all articles; two fitting names join neither. A bare
    name typed as a person joins only when it fits no person's full name, has no
    description and no title of its own ("Tilden said" in an article without the firm).
    """
    parts: dict[tuple[str, str], set[int]] = defaultdict(set)  # (doc or "", short form) → full names
    for i, m in enumerate(ms):
        if m.type != "ORG" or keys[i][1] is not None or not m.text[:1].isupper():
            continue
        toks = _tokens(m.text)
        if len(toks) < 2:
            continue
        short_forms = {"first:" + toks[0]} | {"last:" + " ".join(toks[k:]) for k in range(1, len(toks))}
        if len(toks) >= 3 and toks[-1] in lex.org_words:
            # "Harlan Freight" for "Harlan Freight Company": the name without its head word
            stem = normalize_name(" ".join(m.text.split()[:-1]))
            short_forms.add("stem:" + stem)
            if toks[-1] in _FIRM_WORDS:
                short_forms.add("firm:" + stem)
        for form in short_forms:
            parts[(m.doc, form)].add(i)
            parts[("", form)].add(i)
    if not parts:
        return
    people = {uf.find(i) for i, m in enumerate(ms) if m.type == "PERSON" and not bare[i] and len(m.text.split()) >= 2}
    for i, m in enumerate(ms):
        if keys[i][1] is not None or _is_acronym(m.text):
            continue
        name = normalize_name(m.text)
        forms: list[str]
        if m.type == "ORG":
            forms = ["last:" + name, "stem:" + name] + (["first:" + name] if " " not in name else [])
        elif m.type == "PERSON" and " " in name and not m.descriptor:
            if _title_prefix(texts.get(m.doc, ""), m.start, lex):
                continue
            # "Harlan Freight said": a firm's short name typed as a person; only before a firm's
            # own head word, as a person may share a foundation's or an institute's name
            forms = ["firm:" + name]
        elif bare[i] and not m.descriptor and uf.find(i) not in people:
            if _title_prefix(texts.get(m.doc, ""), m.start, lex):
                continue  # "President Tilden" is a person
            forms = ["first:" + name, "last:" + name]
        else:
            continue
        for scope in (m.doc, ""):
            roots = {uf.find(j) for form in forms for j in parts.get((scope, form), ())}
            if scope == "" and " " not in name and name in lex.org_words:
                roots = set()  # "the Council" in another article may be any council
            if len(roots) == 1:
                uf.union(roots.pop(), i)
            if roots:
                break  # the article's own full names decide; two of them: leave it apart


def _title_prefix(text: str, start: int, lex: MentionLexicons) -> str | None:
    """Capitalised titles and demonyms written right before a name: "Russian President"."""
    words = list(re.finditer(r"[A-Z][\w-]*", text[max(0, start - 48) : start]))
    offset = max(0, start - 48)
    prefix_start = start
    for w in reversed(words):
        if text[offset + w.end() : prefix_start].strip() or text[offset + w.end() : prefix_start].count(" ") > 1:
            break
        low = w.group().lower()
        if low in lex.titles or low in lex.demonyms or any(low in d.split() for d in _multiword(lex)):
            prefix_start = offset + w.start()
        else:
            break
    return text[prefix_start:start] if prefix_start < start else None


def _multiword(lex: MentionLexicons) -> list[str]:
    return [t for t in lex.titles if " " in t] + [d for d in lex.demonyms if " " in d]


def _build(
    ms: list[Mention], keys: list[tuple[str, str | None, bool]], uf: _Union, texts: dict[str, str], lex: MentionLexicons
) -> list[Entity]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        clusters[uf.find(i)].append(i)
    entities: list[tuple[tuple[str, int], Entity]] = []
    used: Counter[str] = Counter()
    ordered = sorted(clusters.values(), key=lambda c: min((ms[i].doc, ms[i].start) for i in c))
    for members in ordered:
        mentions = tuple(ms[i] for i in members)
        etype = _entity_type(mentions, [keys[i] for i in members])
        canonical = _canonical(mentions, [keys[i] for i in members], lex)
        aliases: list[str] = []
        for m in mentions:
            if m.text not in aliases:
                aliases.append(m.text)
            if etype in ("PERSON", "ORG"):
                prefix = _title_prefix(texts.get(m.doc, ""), m.start, lex)
                if prefix and prefix + m.text not in aliases:
                    aliases.append(prefix + m.text)
        base = "e-" + (re.sub(r"[^a-z0-9]+", "-", canonical.casefold()).strip("-") or "x") + "-" + etype.lower()
        used[base] += 1
        if used[base] > 1:
            first = mentions[0]
            digest = hashlib.sha1(f"{first.doc}:{first.start}".encode()).hexdigest()[:6]
            base = f"{base}-{digest}"
        entities.append(
            ((mentions[0].doc, mentions[0].start), Entity(base, canonical, etype, tuple(aliases), mentions))
        )
    return [e for _k, e in entities]


def _entity_type(mentions: Iterable[Mention], keys: list[tuple[str, str | None, bool]]) -> str:
    mentions = list(mentions)
    for m, k in zip(mentions, keys, strict=True):
        if k[1] is not None:
            return m.type
    votes = Counter(m.type for m in mentions)
    best = max(votes.values())
    return (
        next(t for t in _TYPE_ORDER if votes.get(t) == best)
        if any(votes.get(t) == best for t in _TYPE_ORDER)
        else mentions[0].type
    )


def _canonical(mentions: Sequence[Mention], keys: list[tuple[str, str | None, bool]], lex: MentionLexicons) -> str:
    for k in keys:
        if k[1] is not None:
            return k[1]
    freq = Counter(" ".join(m.text.split()) for m in mentions)
    if any(k[2] for k in keys):
        # "Zlatograd region" / "Zlatograd Oblast" / "Zlatograd": the place is called by its bare name
        bare = [n for n in freq if _strip_region(n, lex) == n]
        if bare:
            return max(bare, key=lambda n: (freq[n], len(n)))
        return _strip_region(max(freq, key=lambda n: (freq[n], len(n))), lex)
    if mentions[0].type == "NORP":
        return max(freq, key=lambda n: (freq[n], -len(n)))
    return max(freq, key=lambda n: (len(n.split()), freq[n], len(n)))


def link_entities(
    quotes: list[Quote], quantities: list[Quantity], entities: list[Entity]
) -> tuple[list[Quote], list[Quantity]]:
    """Fill ``speaker_entity`` of quotes and ``source_entity`` of quantities.

    A speaker or source span that overlaps a mention links to that mention's entity;
    otherwise the name is looked up among the aliases of entities mentioned in the same
    document (a longer form ending with an alias also counts: "Russia's ambassador
    Ivan Petrovsky" → Ivan Petrovsky).

    Args:
        quotes (list[Quote]): quotes with ``speaker``/``speaker_start``/``speaker_end``.
        quantities (list[Quantity]): figures with ``source``/``source_start``/``source_end``.
        entities (list[Entity]): the resolved entities.
    Returns:
        tuple[list[Quote], list[Quantity]]: new objects with the entity ids filled.
    """
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for e in entities:
        for m in e.mentions:
            spans[m.doc].append((m.start, m.end, e.id))
            for alias in e.aliases:
                names[m.doc].setdefault(normalize_name(alias), e.id)

    # spans by start, so that a lookup reads only those that can overlap (a long article has
    # thousands of mentions and thousands of quotes: comparing every pair was quadratic)
    starts: dict[str, list[int]] = {}
    longest: dict[str, int] = {}
    for doc_id, found in spans.items():
        found.sort()
        starts[doc_id] = [s for s, _e, _eid in found]
        longest[doc_id] = max(e - s for s, e, _eid in found)

    def find(doc: str, start: int | None, end: int | None, name: str | None) -> str | None:
        if start is not None and end is not None and doc in starts:
            lo = bisect.bisect_left(starts[doc], start - longest[doc])
            hi = bisect.bisect_left(starts[doc], end)
            hits = [(min(end, e) - max(start, s), eid) for s, e, eid in spans[doc][lo:hi] if s < end and start < e]
            if hits:
                return max(hits)[1]
        if name:
            key = normalize_name(name)
            table_ = names.get(doc, {})
            if key in table_:
                return table_[key]
            ends = [(len(a), eid) for a, eid in table_.items() if key.endswith(" " + a) or key.startswith(a + ",")]
            if ends:
                return max(ends)[1]
        return None

    new_quotes = [
        dataclasses.replace(q, speaker_entity=find(q.doc, q.speaker_start, q.speaker_end, q.speaker)) for q in quotes
    ]
    new_quantities = [
        dataclasses.replace(n, source_entity=find(n.doc, n.source_start, n.source_end, n.source)) for n in quantities
    ]
    return new_quotes, new_quantities
