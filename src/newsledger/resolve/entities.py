"""Merge name mentions into entities, within and across articles.

Mentions are joined with a union-find, one rule at a time, each rule blocked by a key so
that a large corpus is never compared pair by pair:

1. same merge key (:mod:`.name_keys`: case and spelling normalised, a gazetteer alias or a
   capital replaced by its country, a region word, a facility's kind, a firm's legal suffix
   dropped, a country written first made one);
2. acronyms: "Centre for Harbour Studies (CHS)" pairs them in the text; otherwise an
   acronym joins the one name whose initials it is ("FWA" ↔ "Federal Water Agency"), or
   all of them when they are one name written with one word changed ("Chilean Geological
   Survey" / "Chilean Geological Service");
3. people's spelling variants: "Wrzesinsky" ↔ "Wrzesinskyy" (rapidfuzz, blocked by the first
   letters of the surname, same given name); with the same surname, given names compared
   after common transliteration swaps ("Aleksandr" ↔ "Alexander", data in translit.tsv);
   and places' one-letter variants ("Velikoye" ↔ "Velikoe"); a given name's initial joins the
   one full name it fits ("T. Lind" → "Tomas Lind");
4. a bare surname joins the full name it shortens, first within its own article, then
   across articles when only one full name fits ("Halvorsen" → "Erik Halvorsen");
5. a short form of an organisation's name joins the one full name it shortens, first
   within its own article, then across articles: its first word when the rest is the
   organisation's kind ("Tilden" → "Tilden Shipping", not "Tarnby" → "Tarnby Weavers"),
   its last words ("Harbour Board" → "Fenwick Harbour Board", "the town council" → "Fenwick
   Town Council"), the name before a facility's kind ("Selby" → "Selby copper mine"), one
   designation ("Teamsters Local 727" ↔ "Chicago Teamsters Local 727");
6. a bare name the model read as a person once, with no title or description, joins the
   organisation or place of the same name ("Corran");
7. a lone word the model read as an organisation joins the one person whose surname it is
   ("Sandvik said" after "Lena Sandvik" in another article).

Keeping apart wins over merging: a bare name that its article introduces as somebody new
("Park, a 29-year-old former soldier") is its own person and never joins a full name from
elsewhere ("Park Jin Ho"), while a title ("President Park") introduces nobody; a surname
that fits two full names of its article joins, mention by mention, the one named most
recently before it, and none when neither was named before it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..extract.name_lexicons import MentionLexicons, default_lexicons
from ..lexicons import table
from ..model import Document, Entity, Mention
from .links import link_entities
from .name_keys import (
    NameKey,
    country_prefix,
    initials,
    is_acronym,
    name_key_of,
    normalize_name,
    strip_region,
    title_prefix,
)

__all__ = ["link_entities", "normalize_name", "resolve_entities"]

# surnames at least this similar (rapidfuzz ratio, 0-100) are one spelling: Wrzesinsky/Wrzesinskyy = 95
_SURNAME_SIMILARITY = 88
_GIVEN_NAME_SIMILARITY = 80
# given names of one surname this similar after transliteration swaps are one name:
# aleksandr/aleksander (from Alexander) = 95; anna/ania = 75 stays apart
_TRANSLIT_SIMILARITY = 88
_MIN_TRANSLIT_LENGTH = 4  # jana/yana join; anna/ania differ after the swaps and stay apart
_MIN_FUZZY_LENGTH = 5  # short names ("Park", "Lee") differ by one letter between two people
# places' names this long that differ by one letter are one name (Velikoye/Velikoe);
# shorter ones are often two places (Gambia/Zambia, Mali/Bali)
_MIN_PLACE_VARIANT_LENGTH = 7
_TYPE_ORDER = ("ORG", "GPE", "LOC", "FAC", "PERSON", "NORP")
_INTRODUCED = re.compile(r"^(?:an?|one)\s|\byear-old\b", re.IGNORECASE)
_DESIGNATION = re.compile(r"\b([a-z]+ \d+)$")


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


@dataclasses.dataclass(slots=True)
class _Batch:
    """The mentions of a batch in (doc, start) order and what every rule reads about them."""

    ms: list[Mention]
    keys: list[NameKey]
    bare: list[bool]
    texts: dict[str, str]
    lex: MentionLexicons
    uf: _Union

    def introduced(self, i: int) -> bool:
        """The article introduces this name as somebody new: "Park, a 29-year-old former soldier"."""
        desc = self.ms[i].descriptor
        return desc is not None and bool(_INTRODUCED.search(desc))

    def titled(self, i: int) -> bool:
        m = self.ms[i]
        return title_prefix(self.texts.get(m.doc, ""), m.start, self.lex) is not None


def _tokens(name: str) -> list[str]:
    return normalize_name(name).split()


def _states(ms: list[Mention], lex: MentionLexicons) -> frozenset[str]:
    """Capitals' names written with a region word after them in the batch ("Victoria state")."""
    out = set()
    for m in ms:
        if m.type in ("GPE", "LOC") and " " in m.text:
            head = strip_region(m.text, lex)
            if head != m.text and normalize_name(head) in lex.capitals:
                out.add(normalize_name(head))
    return frozenset(out)


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
    ms = sorted(mentions, key=lambda m: (m.doc, m.start, m.end))
    states = _states(ms, lex)
    keys = [name_key_of(m, lex, states) for m in ms]
    bare = [
        m.type == "PERSON" and len(m.text.split()) == 1 and keys[i].canonical is None and not is_acronym(m.text)
        for i, m in enumerate(ms)
    ]
    b = _Batch(ms, keys, bare, {d.id: d.text for d in docs}, lex, _Union(len(ms)))
    named = _merge_same_key(b)
    _merge_acronyms(b)
    _merge_spelling_variants(b)
    _merge_initialled_names(b)
    _merge_place_variants(b)
    _merge_bare_names(b)
    _merge_org_parts(b)
    _merge_bare_into_named(b, named)
    _merge_surnames_read_as_organisations(b)
    return _build(b)


def _merge_same_key(b: _Batch) -> dict[str, int]:
    """Rule 1; bare person names wait for rule 4 ("Park" is not always the same Park).

    Returns the first mention of every key that is not a bare name.
    """
    first: dict[str, int] = {}
    for i, k in enumerate(b.keys):
        if b.bare[i]:
            continue
        if k.key in first:
            b.uf.union(first[k.key], i)
        else:
            first[k.key] = i
    return first


def _merge_acronyms(b: _Batch) -> None:
    by_initials: dict[str, set[int]] = defaultdict(set)  # initials → mentions of full names
    by_pairing: dict[str, set[int]] = defaultdict(set)  # acronym written after a name → that name
    acronyms: list[int] = []
    for i, m in enumerate(b.ms):
        if b.keys[i].canonical is not None or m.type not in ("ORG", "PERSON", "GPE", "LOC", "FAC"):
            continue
        if is_acronym(m.text):
            acronyms.append(i)
            continue
        words = m.text.split()
        if len(words) < 2 or m.type == "PERSON":
            continue
        forms = {initials(m.text), initials(b.keys[i].key.split(":", 1)[1].title())}
        found = country_prefix(words, b.lex)
        if found is not None and len(found[1]) >= 2:
            forms.add(initials(" ".join(found[1])))  # "NYS" for "Kenyan National Youth Service"
        # "Centre for Harbour Studies (CHS)", "Harlan Freight Co.'s (HF)": the text pairs them
        after = re.match(r"(?:['’]s)?\s*\(([A-Z][A-Z.&-]{1,7})\)", b.texts.get(m.doc, "")[m.end : m.end + 16])
        if after:
            by_pairing[after.group(1).replace(".", "")].add(i)
        for form in forms:
            by_initials[form].add(i)
    starts = {(m.doc, m.start): i for i, m in enumerate(b.ms) if m.type != "PERSON" and len(m.text.split()) >= 2}
    for i in acronyms:
        m = b.ms[i]
        # "CHS (Centre for Harbour Studies)": the expansion in brackets after the acronym
        after = re.match(r"\s*\(", b.texts.get(m.doc, "")[m.end : m.end + 4])
        expansion = starts.get((m.doc, m.end + after.end())) if after else None
        if expansion is not None:
            b.uf.union(expansion, i)
            continue
        acronym = m.text.replace(".", "")
        paired = {b.uf.find(j): j for j in by_pairing.get(acronym, set())}
        fitting = {b.uf.find(j): j for j in by_initials.get(acronym, set())}
        if len(paired) > 1:
            continue
        # a pairing in a text decides; names with the acronym's initials join it only as
        # the same name written with one word changed
        pool = fitting | paired
        if len(pool) > 1 and _one_name_written_twice([b.keys[j].key for j in pool.values()]):
            chosen = pool
        elif paired or len(fitting) == 1:
            chosen = paired or fitting
        else:
            continue  # two names fit: leave the acronym alone
        for j in chosen.values():
            b.uf.union(j, i)


def _one_name_written_twice(names: list[str]) -> bool:
    """Names of three words or more that differ in one word at most, pairwise (one body, one slip)."""
    split = [n.split() for n in names]
    if any(len(w) < 3 or len(w) != len(split[0]) for w in split):
        return False
    return all(sum(x != y for x, y in zip(split[0], w, strict=True)) <= 1 for w in split[1:])


def _surname(name: str) -> str:
    toks = _tokens(name)
    return toks[-1] if toks else ""


def _merge_spelling_variants(b: _Batch) -> None:
    """Full names of people that differ only by transliteration: Wrzesinsky / Wrzesinskyy."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(b.ms):
        if m.type == "PERSON" and not b.bare[i] and len(m.text.split()) >= 2:
            # block on the given name's initial and the surname's first letters, so a large
            # corpus compares only names that could be one spelling of each other
            toks = _tokens(m.text)
            blocks[_translit(toks[0])[:1] + "|" + toks[-1][:4]].append(i)
    for members in blocks.values():
        names: dict[str, int] = {}
        for i in members:
            names.setdefault(normalize_name(b.ms[i].text), i)
        items = list(names.items())
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (na, ia), (nb, ib) = items[x], items[y]
                if _same_person_name(na, nb):
                    b.uf.union(ia, ib)


def _merge_initialled_names(b: _Batch) -> None:
    """ "T. Lind" joins "Tomas Lind" when that is the only full name of the batch it fits (not
    when "Tina Lind" is named too)."""
    full: dict[tuple[str, str], set[int]] = defaultdict(set)  # (initial, surname) → full names
    short: list[tuple[int, tuple[str, str]]] = []
    for i, m in enumerate(b.ms):
        # a full name the model typed as an organisation still counts as one that fits
        toks = _tokens(m.text) if m.type in ("PERSON", "ORG") and not b.bare[i] else []
        if len(toks) == 2 and toks[0][:1].isalpha():
            key = (toks[0][0], toks[1])
            if len(toks[0].rstrip(".")) > 1:
                full[key].add(i)
            elif m.type == "PERSON":
                short.append((i, key))
    for i, key in short:
        roots = {b.uf.find(j): j for j in full.get(key, ())}
        if len(roots) == 1 and b.ms[next(iter(roots.values()))].type == "PERSON":
            b.uf.union(i, next(iter(roots)))


def _merge_place_variants(b: _Batch) -> None:
    """One-word places spelled two ways, one letter apart: "Velikoye" / "Velikoe"."""
    # blocked by first letters and length: one edit changes the length by one at most
    blocks: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    for i, m in enumerate(b.ms):
        name = b.keys[i].key.removeprefix("n:")
        if m.type in ("GPE", "LOC") and b.keys[i].key.startswith("n:") and " " not in name \
                and len(name) >= _MIN_PLACE_VARIANT_LENGTH:
            blocks[(name[:3], len(name))].setdefault(name, i)
    for (prefix, length), names in list(blocks.items()):
        longer = list(blocks.get((prefix, length + 1), {}).items())
        items = list(names.items())
        for x, (name, i) in enumerate(items):
            for other, j in items[x + 1 :] + longer:
                if Levenshtein.distance(name, other, score_cutoff=1) <= 1:
                    b.uf.union(i, j)


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
    if toks[-1] == bare_name or (len(toks) >= 3 and toks[0] == bare_name):
        return True
    return (min(len(bare_name), len(toks[-1])) >= _MIN_FUZZY_LENGTH
            and fuzz.ratio(bare_name, toks[-1]) >= _SURNAME_SIMILARITY)


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s")


def _merge_bare_names(b: _Batch) -> None:
    ms, uf = b.ms, b.uf
    # full names of people by (doc, block) and by block; a block is the first letters of a
    # name word a bare name may stand for (the surname; the first word of three)
    full_by_doc: dict[tuple[str, str], list[int]] = defaultdict(list)
    full_by_block: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if m.type == "PERSON" and not b.bare[i] and len(m.text.split()) >= 2:
            toks = _tokens(m.text)
            for block in {toks[-1][:3], toks[0][:3]} if len(toks) >= 3 else {toks[-1][:3]}:
                full_by_doc[(m.doc, block)].append(i)
                full_by_block[block].append(i)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if b.bare[i]:
            groups[(m.doc, normalize_name(m.text))].append(i)
    unresolved: dict[str, list[int]] = defaultdict(list)
    for (doc, name), members in groups.items():
        introduced = any(b.introduced(j) for j in members)
        fitting = [f for f in full_by_doc.get((doc, name[:3]), []) if _fits(name, ms[f].text)]
        roots = {uf.find(f) for f in fitting}
        if len(roots) > 1 and not introduced:
            # two people of one surname in the article: each bare mention is the one named
            # most recently before it, when a sentence parts that naming from the other
            # person's last one ("Anna Novak met Tomas Novak. Novak said" stays apart)
            text = b.texts.get(doc, "")
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
        elif not roots and not introduced:
            unresolved[name].append(members[0])
        # an introduced bare name, or one fitting two full names, stays on its own
    for name, items in unresolved.items():
        roots = {uf.find(f) for f in full_by_block.get(name[:3], []) if _fits(name, ms[f].text)}
        if len(roots) == 1:
            root = roots.pop()
            for j in items:
                uf.union(root, j)
        elif not roots:
            for j in items[1:]:
                uf.union(items[0], j)


def _short_forms(m: Mention, key: str, lex: MentionLexicons) -> set[str]:
    """What a full organisation or facility name may be shortened to."""
    words = [re.sub(r"'s$", "", w) for w in key.split()]
    if m.type == "FAC":
        return {"fac:" + key.removeprefix("fac:")} if key.startswith("fac:") else set()
    if len(words) < 2:
        return set()
    forms = {"last:" + " ".join(words[k:]) for k in range(1, len(words))}
    if words[-1] in lex.org_words:
        forms.add("first:" + words[0])  # "Tilden" for "Tilden Shipping"
        if len(words) >= 3:
            forms.add("stem:" + " ".join(words[:-1]))  # "Harlan Freight" for "Harlan Freight Bank"
    designation = _DESIGNATION.search(key)
    if designation and designation.group(1).split()[0] in lex.org_words | lex.region_words:
        forms.add("desig:" + designation.group(1))  # "Local 45"
    return forms


def _merge_org_parts(b: _Batch) -> None:
    """Short forms of an organisation's or a facility's name join the one full name they shorten.

    "Tilden" (its first word) or "Harbour Board" / "the town council" (its last words) join
    "Tilden Shipping" / "Fenwick Harbour Board" / "Fenwick Town Council": the full names of
    the same article first, then of all articles; two fitting names join neither. A bare
    name typed as a person joins only when it fits no person's full name, has no
    description and no title of its own ("Tilden said" in an article without the firm).
    """
    ms, uf, lex = b.ms, b.uf, b.lex
    parts: dict[tuple[str, str], set[int]] = defaultdict(set)  # (doc or "", short form) → full names
    for i, m in enumerate(ms):
        if m.type not in ("ORG", "FAC") or b.keys[i].canonical is not None or not m.text[:1].isupper():
            continue
        key = b.keys[i].key.split(":", 1)[1]
        for form in _short_forms(m, key if m.type == "ORG" else b.keys[i].key, lex):
            parts[(m.doc, form)].add(i)
            parts[("", form)].add(i)
    if not parts:
        return
    people = {uf.find(i) for i, m in enumerate(ms) if m.type == "PERSON" and not b.bare[i] and len(m.text.split()) >= 2}
    for i, m in enumerate(ms):
        if b.keys[i].canonical is not None or is_acronym(m.text) or not b.keys[i].key.startswith("n:"):
            continue
        name = b.keys[i].key.removeprefix("n:")
        forms: list[str]
        if m.type == "ORG":
            forms = ["last:" + name, "stem:" + name] + (["first:" + name] if " " not in name else [])
            designation = _DESIGNATION.search(name)
            if designation:
                forms.append("desig:" + designation.group(1))
        elif b.bare[i] and not m.descriptor and uf.find(i) not in people:
            if b.titled(i):
                continue  # "President Tilden" is a person
            forms = ["first:" + name, "last:" + name, "fac:" + name]
        elif m.type == "FAC" and " " not in name:
            forms = ["fac:" + name]  # "Harrowgate" for "the Harrowgate copper mine"
        else:
            continue
        for scope in (m.doc, ""):
            roots = {uf.find(j) for form in forms for j in parts.get((scope, form), ())} - {uf.find(i)}
            if scope == "" and " " not in name and name in lex.org_words:
                roots = set()  # "the Council" in another article may be any council
            if len(roots) == 1:
                uf.union(roots.pop(), i)
            if roots:
                break  # the article's own full names decide; two of them: leave it apart


def _merge_surnames_read_as_organisations(b: _Batch) -> None:
    """Rule 7: a lone word the model read as an organisation joins the one person whose surname it is.

    "The talks failed, Sandvik said" (ORG to the model) after "Lena Sandvik" in another
    article; never a word some organisation's longer name opens with ("Tilden" beside
    "Tilden Shipping"), an acronym, or a word of an organisation's kind.
    """
    ms, uf = b.ms, b.uf
    surnames: dict[str, set[int]] = defaultdict(set)
    opens_org: set[str] = set()
    lone: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        words = _tokens(m.text)
        if m.type == "PERSON" and len(words) >= 2 and not b.bare[i]:
            surnames[words[-1]].add(i)
        elif m.type != "PERSON" and len(words) >= 2:
            opens_org.add(words[0])
        elif (m.type == "ORG" and len(words) == 1 and m.label == "ORG" and b.keys[i].canonical is None
              and not is_acronym(m.text) and words[0] not in b.lex.org_words):
            lone[words[0]].append(i)
    for word, members in lone.items():
        roots = {uf.find(f) for f in surnames.get(word, ())}
        if len(roots) == 1 and word not in opens_org:
            root = roots.pop()
            for i in members:
                uf.union(root, i)


def _merge_bare_into_named(b: _Batch, named: dict[str, int]) -> None:
    """Rule 6: "Corran" read as a person once joins the organisation "Corran" of other mentions."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(b.ms)):
        clusters[b.uf.find(i)].append(i)
    for members in list(clusters.values()):
        if not all(b.bare[i] and not b.ms[i].descriptor and not b.titled(i) for i in members):
            continue
        other = named.get(b.keys[members[0]].key)
        if other is not None and b.ms[other].type != "PERSON":
            b.uf.union(other, members[0])


def _build(b: _Batch) -> list[Entity]:
    ms, lex = b.ms, b.lex
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        clusters[b.uf.find(i)].append(i)
    entities: list[Entity] = []
    used: Counter[str] = Counter()
    ordered = sorted(clusters.values(), key=lambda c: min((ms[i].doc, ms[i].start) for i in c))
    for members in ordered:
        mentions = tuple(ms[i] for i in members)
        keys = [b.keys[i] for i in members]
        canonical = _canonical(mentions, keys, lex)
        etype = _entity_type(mentions, keys)
        aliases: list[str] = []
        for m in mentions:
            for alias in _aliases(m, etype, b.texts.get(m.doc, ""), lex):
                if alias not in aliases:
                    aliases.append(alias)
        base = "e-" + (re.sub(r"[^a-z0-9]+", "-", canonical.casefold()).strip("-") or "x") + "-" + etype.lower()
        used[base] += 1
        if used[base] > 1:
            first = mentions[0]
            digest = hashlib.sha1(f"{first.doc}:{first.start}".encode()).hexdigest()[:6]
            base = f"{base}-{digest}"
        entities.append(Entity(base, canonical, etype, tuple(aliases), mentions))
    return entities


def _aliases(m: Mention, etype: str, text: str, lex: MentionLexicons) -> list[str]:
    """The name as written, with its titles ("President Sandvik"); an organisation's name
    without the country written first ("National Youth Service") and its designation
    ("Local 727" of "Teamsters Local 727"), the short forms it goes by."""
    out = [m.text]
    if etype in ("PERSON", "ORG"):
        prefix = title_prefix(text, m.start, lex)
        if prefix:
            out.append(prefix + m.text)
    if etype == "ORG" and m.type == "ORG":
        words = m.text.split()
        found = country_prefix(words, lex)
        if found is not None and len(found[1]) >= 2 and found[1][-1].lower() in lex.org_words:
            out.append(" ".join(found[1]))
        if len(words) >= 3 and words[-1].isdigit() and words[-2][:1].isupper() and (
                words[-2].lower() in lex.org_words or words[-2].lower() in lex.region_words):
            out.append(" ".join(words[-2:]))
    return out


def _entity_type(mentions: Sequence[Mention], keys: list[NameKey]) -> str:
    """The gazetteer's type, else the most frequent; a tie goes to the fullest name's type, then to
    an organisation or a place before a person (the model reads unknown names as people)."""
    for m, k in zip(mentions, keys, strict=True):
        if k.canonical is not None:
            return m.type
    votes = Counter(m.type for m in mentions)
    best = max(votes.values())
    tied = {t for t, n in votes.items() if n == best}
    longest = max(len(m.text.split()) for m in mentions if m.type in tied)
    tied = {m.type for m in mentions if m.type in tied and len(m.text.split()) == longest}
    return next((t for t in _TYPE_ORDER if t in tied), mentions[0].type)


def _canonical(mentions: Sequence[Mention], keys: list[NameKey], lex: MentionLexicons) -> str:
    for k in keys:
        if k.canonical is not None:
            return k.canonical
    freq = Counter(" ".join(m.text.split()) for m in mentions)
    if any(k.stripped for k in keys):
        # "Zlatograd region" / "Zlatograd Oblast" / "Zlatograd": the place is called by its bare name
        bare = [n for n in freq if strip_region(n, lex) == n]
        if bare:
            return max(bare, key=lambda n: (freq[n], len(n)))
        return strip_region(max(freq, key=lambda n: (freq[n], len(n))), lex)
    if mentions[0].type == "NORP":
        return max(freq, key=lambda n: (freq[n], -len(n)))
    return max(freq, key=lambda n: (len(n.split()), "'" not in n and "’" not in n, freq[n], len(n)))
