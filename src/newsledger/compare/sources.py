"""Independent sources: how many original sources really stand behind a group of claims.

Two outlets repeating one agency's estimate are one source, not two. A source is known by
its resolved entity when there is one, else by its name folded (case, role words such as
"officials"), and a figure credited to an institution right next to a quote by a named
person counts as resting on that person when another outlet credits the same figure to
that person. Claims credited to nobody are counted apart and named as such.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..lexicons import word_list
from ..model import Document, Entity, Event, Quantity, Quote
from ._words import normalise_name

Claim = Quote | Quantity | Event

# "according to Zorbia Daily", "according to The Harbour Wire": a capitalised name after the cue.
_ACCORDING = re.compile(
    r"\b[Aa]ccording to ((?:[A-Z][\w&'’-]*|of|the|for)"
    r"(?:[ \t]+(?:[A-Z0-9][\w&'’-]*|of|the|for|(?:and|&)(?=[ \t]+[A-Z])))*)"
)
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                 9: "nine", 10: "ten"}


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What stands behind one group: distinct sources, unattributed members, who cites whom."""

    independent: int
    sources: tuple[str, ...]
    unattributed: int
    citations: tuple[tuple[str, str], ...]
    why: str
    copies: tuple[tuple[str, str], ...] = ()  # (document, the outlet or document it copies)


@cache
def _role_words() -> frozenset[str]:
    return word_list("source_role_words.txt")


def number_word(n: int) -> str:
    """``2`` → ``"two"`` (up to ten), else the digits."""
    return _NUMBER_WORDS.get(n, str(n))


def document_label(doc: Document | None, fallback: str) -> str:
    """How a document is named to a reader: its file name (outlets may be shared by reprints)."""
    return doc.file if doc is not None else fallback


def name_tokens(name: str) -> tuple[str, ...]:
    """A source name reduced to the words that identify it: no role words, no possessive."""
    toks = [re.sub(r"'s$", "", t) for t in normalise_name(name).split()]
    kept = tuple(t for t in toks if t and t not in _role_words())
    return kept or tuple(toks)


def names_match(a: str, b: str) -> bool:
    """True when two source names plausibly name one source.

    "Varnholm" ~ "Ilsa Varnholm" (one name's words inside the other's), "Ostrian
    intelligence officials" ~ "Ostrian intelligence" (role words ignored); "Veldan
    intelligence" is not "Ostrian intelligence".
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    return set(ta) <= set(tb) or set(tb) <= set(ta)


def claim_source(claim: Claim) -> tuple[str | None, str | None]:
    """(entity id, name) that a claim is credited to; (None, None) when nobody."""
    if isinstance(claim, Quantity):
        return claim.source_entity, claim.source
    if isinstance(claim, Quote):
        return claim.speaker_entity, claim.speaker
    return None, None


def outlet_citations(doc: Document, person_names: frozenset[str] = frozenset()) -> list[str]:
    """Outlets a document credits: "Read the original article on X" and "according to X".

    Args:
        doc (Document): the article, e.g. one ending "Read the original article on Harbour Wire".
        person_names (frozenset[str]): folded names of known people, so that "according to
            Tomas, a former soldier" is not taken for an outlet.
    Returns:
        list[str]: outlet names in order of first appearance, e.g. ``["Harbour Wire"]``.
    """
    out: list[str] = list(doc.meta.credits)
    for m in _ACCORDING.finditer(doc.text):
        name = re.sub(r"\s+(?:of|the|for|and|&)$", "", m.group(1).strip(" .,'’"))
        name = re.sub(r"^the\s+", "", name)  # "according to the Eastvale Gazette"
        if normalise_name(name) in person_names or not name:
            continue
        # A one-word name followed by ", a/an/the ..." is a person being described.
        after = doc.text[m.end(1): m.end(1) + 6]
        if re.match(r",\s+(?:a|an|the)\s", after):
            continue
        if name not in out:
            out.append(name)
    return out


class EntityNames:
    """Entity names prepared once for a whole ledger: canonical names, alias owners, outlets cited."""

    def __init__(self, entities: Sequence[Entity] = ()) -> None:
        self.canonical = {e.id: e.canonical for e in entities}
        self.alias_owner: dict[str, str | None] = {}
        for e in entities:
            for alias in {e.canonical, *e.aliases}:
                key = normalise_name(alias)
                # An alias two entities share ("Tomas") identifies neither.
                self.alias_owner[key] = e.id if self.alias_owner.get(key, e.id) == e.id else None
        self.persons = frozenset(normalise_name(a) for e in entities if e.type == "PERSON"
                                 for a in (e.canonical, *e.aliases))
        self.names_of = {e.id: frozenset(normalise_name(a) for a in (e.canonical, *e.aliases)) for e in entities}
        self._outlets: dict[str, list[str]] = {}
        self._starts: dict[str, list[int]] = {}
        self._labels: dict[str, str] = {}

    def sentence_starts(self, doc: Document) -> list[int]:
        """Start offsets of the document's sentences (cached per document)."""
        if doc.id not in self._starts:
            self._starts[doc.id] = [s for s, _ in doc.sentences]
        return self._starts[doc.id]

    def label(self, doc: Document | None, fallback: str) -> str:
        """:func:`document_label`, cached per document."""
        if doc is None:
            return fallback
        if doc.id not in self._labels:
            self._labels[doc.id] = document_label(doc, fallback)
        return self._labels[doc.id]

    def source_key(self, ent: str | None, name: str | None) -> str | None:
        """Who a claim rests on: ``"e:<entity id>"`` or ``"n:<name words>"``; None for nobody.

        The linked entity decides only when the name is one of its names: "Ostrian
        intelligence" linked to the nationality "Ostrian" is an agency of its own, not
        the same source as "Ostrian special forces".
        """
        folded = normalise_name(name) if name else None
        if ent and (folded is None or folded in self.names_of.get(ent, (folded,))):
            return f"e:{ent}"
        if not folded:
            return None
        owner = self.alias_owner.get(folded)
        return f"e:{owner}" if owner else f"n:{' '.join(name_tokens(name or ''))}"

    def outlets(self, doc: Document) -> list[str]:
        """The outlets ``doc`` credits (cached per document)."""
        if doc.id not in self._outlets:
            self._outlets[doc.id] = outlet_citations(doc, self.persons)
        return self._outlets[doc.id]


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _nearby_speakers(claim: Claim, doc: Document | None, quotes: Sequence[Quote],
                     starts: list[int] | None = None) -> list[Quote]:
    """Quotes with a speaker in the claim's sentence or the ones just before and after it."""
    if doc is None or not quotes or not doc.sentences:
        return []
    if starts is None:
        starts = [s for s, _ in doc.sentences]
    i = max(0, bisect.bisect_right(starts, claim.start) - 1)
    lo = doc.sentences[max(0, i - 1)][0]
    hi = doc.sentences[min(len(doc.sentences) - 1, i + 1)][1]
    return [q for q in quotes if q is not claim and q.start < hi and lo < q.end
            and (q.speaker or q.speaker_entity) and q.kind == "statement"]


def count_sources(
    claims: Sequence[Claim],
    documents: Mapping[str, Document],
    entities: Sequence[Entity] = (),
    quotes_by_doc: Mapping[str, Sequence[Quote]] | None = None,
    *,
    index: EntityNames | None = None,
    copies: Mapping[str, str] | None = None,
) -> SourceReport:
    """Count the distinct original sources behind the claims of one group.

    Args:
        claims (Sequence[Claim]): the group's members, e.g. two outlets' "6,500 troops",
            both credited to "Ostrian intelligence".
        documents (Mapping[str, Document]): document id → Document (labels, credits).
        entities (Sequence[Entity]): resolved entities, to map names to one actor.
        quotes_by_doc (Mapping[str, Sequence[Quote]] | None): quotes per document, used to
            see that a figure credited to an institution rests on a named person quoted next to it.
        index (EntityNames | None): the entities' names prepared once for many groups.
        copies (Mapping[str, str] | None): document id → the outlet or document it copies
            (``copies.py``): a copy's unattributed claims rest on its original, and two copies
            of one original are one source.
    Returns:
        SourceReport: e.g. one independent source, "Ostrian intelligence", two unattributed.
    """
    quotes_by_doc = quotes_by_doc or {}
    ix = index if index is not None else EntityNames(entities)
    canonical = ix.canonical

    key_of = ix.source_key

    uf = _Union()
    member_key: list[str | None] = []
    display: dict[str, list[str]] = defaultdict(list)
    copied = copies or {}
    for c in claims:
        ent, name = claim_source(c)
        k = key_of(ent, name)
        via = c.facts.via if not isinstance(c, Event) and c.facts is not None else ()
        origin = via[0] if via else copied.get(c.doc) if k is None else None
        if origin:
            # "…, the harbour master told AFP": the claim reached the article through AFP
            ok = "o:" + normalise_name(origin)
            display[ok].append(origin)
            if k is None:
                k = ok
            else:
                uf.union(k, ok)
        member_key.append(k)
        if k:
            uf.find(k)
            if not k.startswith("o:"):
                display[k].append(canonical.get(k[2:], "") if k.startswith("e:") else name or "")
    # Names that match loosely ("Varnholm" / "Ilsa Varnholm") are one source.
    name_keys = sorted({k for k in member_key if k})
    for i, a in enumerate(name_keys):
        for b in name_keys[i + 1:]:
            shown_a = display[a][0] if display[a] else a[2:]
            shown_b = display[b][0] if display[b] else b[2:]
            if names_match(shown_a, shown_b):
                uf.union(a, b)
    # A figure credited to an institution, next to a quote by the person another outlet credits.
    docs_of_key: dict[str, set[str]] = defaultdict(set)
    for c, k in zip(claims, member_key, strict=True):
        if k is not None:
            docs_of_key[k].add(c.doc)
    for c, k in zip(claims, member_key, strict=True):
        if k is None:
            continue
        doc = documents.get(c.doc)
        near_quotes = quotes_by_doc.get(c.doc, ())
        if doc is None or not near_quotes:
            continue
        for q in _nearby_speakers(c, doc, near_quotes, ix.sentence_starts(doc)):
            qk = key_of(q.speaker_entity, q.speaker)
            if qk is None:
                continue
            # Distinct source keys only: a group repeated by many outlets has few of them.
            for ok, ok_docs in docs_of_key.items():
                if not ok_docs - {c.doc}:
                    continue
                if qk == ok or (ok.startswith("n:") and qk.startswith("n:") and names_match(qk[2:], ok[2:])):
                    uf.union(k, ok)
                    display[ok].append(display[ok][0] if display[ok] else "")

    components: dict[str, list[int]] = defaultdict(list)
    unattributed = 0
    for i, k in enumerate(member_key):
        if k is None:
            unattributed += 1
        else:
            components[uf.find(k)].append(i)

    names: list[str] = []
    comp_docs: list[tuple[str, int]] = []
    for root, idxs in sorted(components.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        votes: dict[str, int] = defaultdict(int)
        for k, vals in display.items():
            if uf.find(k) == root:
                for v in vals:
                    if v:
                        votes[v] += 1
        best = max(votes, key=lambda v: (votes[v], len(v))) if votes else root[2:]
        names.append(best)
        comp_docs.append((best, len({claims[i].doc for i in idxs})))

    citations: dict[tuple[str, str], None] = {}  # ordered set
    for c, k in zip(claims, member_key, strict=True):
        doc = documents.get(c.doc)
        label = ix.label(doc, c.doc)
        if k is not None:
            ent, name = claim_source(c)
            citations[(label, name or canonical.get(ent or "", ""))] = None
        if doc is not None:
            for outlet in ix.outlets(doc):
                citations[(label, outlet)] = None
    outlets = len({c.doc for c in claims})
    copy_pairs = tuple(dict.fromkeys((ix.label(documents.get(c.doc), c.doc), copied[c.doc])
                                     for c in claims if c.doc in copied))
    why = _why(comp_docs, unattributed, outlets, len(claims))
    if copy_pairs:
        why += "; copies: " + ", ".join(f"{a} runs {b}" for a, b in copy_pairs)
    return SourceReport(independent=len(names), sources=tuple(names), unattributed=unattributed,
                        citations=tuple(citations), why=why, copies=copy_pairs)


def _why(comp_docs: list[tuple[str, int]], unattributed: int, outlets: int, members: int) -> str:
    n = len(comp_docs)
    if n == 0:
        return f"no named source: {number_word(unattributed)} claims credited to nobody"
    if n == 1 and unattributed == 0 and comp_docs[0][1] >= 2:
        both = "both rest" if members == 2 else "all rest"
        return (f"{both} on one original source, {comp_docs[0][0]}: one independent source, "
                f"{number_word(outlets)} outlets")
    parts = []
    for name, docs in comp_docs:
        parts.append(f"{number_word(docs)} outlets cite {name}" if docs > 1 else f"one cites {name}")
    if unattributed:
        parts.append(f"{number_word(unattributed)} cite{'s' if unattributed == 1 else ''} nobody")
    head = f"{number_word(n)} independent source{'s' if n != 1 else ''}" if n else "no named source"
    return f"{head}: {', '.join(parts)}"
