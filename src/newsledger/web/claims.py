"""Claims and articles as every page shows them: one record per claim, built from one index per ledger.

The records are plain JSON-able dicts: the pages render them and the JSON API returns them as
they are, so the two always agree. Article text stays text here; escaping is the templates'
job (Jinja2 with autoescape) and :mod:`.marks`'.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol
from urllib.parse import quote, urlencode, urlsplit

from ..compare.relations import format_interval, shown
from ..model import Document, Entity, Event, Group, Ledger, Quantity, Quote, item_id
from ..naming import UNNAMED_OUTLET, outlet_name, url_of
from ..view.timeline import event_dates_text

Claim = Quote | Quantity | Event
Kind = Literal["quote", "figure", "event"]
SEVERITY = {"agree": 0, "compatible": 1, "conflict": 2}
STATUSES = ("conflict", "compatible", "agree")  # the order the ledger shows groups in
_QUALIFIERS = {"exact": "exact", "approximate": "approximate", "more_than": "more than", "at_least": "at least",
               "less_than": "less than", "at_most": "at most", "range": "range"}


class Links(Protocol):
    """Where a page's links lead: the server's routes, or anchors inside the static report."""

    def story(self, story_id: int, **query: str) -> str: ...
    def group(self, story_id: int, group_id: str) -> str | None: ...
    def timeline(self, story_id: int) -> str: ...
    def article(self, doc_id: str) -> str: ...
    def claim(self, doc_id: str, ident: str) -> str: ...
    def entity(self, entity_id: str) -> str | None: ...


_PLAIN = re.compile(r"[A-Za-z0-9_.~-]+")


def _segment(value: str) -> str:
    """``value`` percent-encoded for a path segment or query value (ids are mostly plain already)."""
    return value if _PLAIN.fullmatch(value) else quote(value, safe="")


class WebLinks:
    """The routes of :mod:`.app`; every id from the store is percent-encoded into its path."""

    def story(self, story_id: int, **query: str) -> str:
        params = urlencode({k: v for k, v in query.items() if v})
        return f"/stories/{int(story_id)}" + (f"?{params}" if params else "")

    def group(self, story_id: int, group_id: str) -> str | None:
        return f"/stories/{int(story_id)}?group={_segment(group_id)}"

    def timeline(self, story_id: int) -> str:
        return f"/stories/{int(story_id)}/timeline"

    def article(self, doc_id: str) -> str:
        return f"/articles/{_segment(doc_id)}"

    def claim(self, doc_id: str, ident: str) -> str:
        return f"/articles/{_segment(doc_id)}?claim={_segment(ident)}#c-{_segment(ident)}"

    def entity(self, entity_id: str) -> str | None:
        return f"/entities/{_segment(entity_id)}"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address a link may lead to, else None.

    The article's own address is the only link target that comes from an article: anything
    else (``javascript:``, ``data:``, a relative path, spaces or control characters) is shown
    as text, never linked. Example: ``safe_url("javascript:alert(1)")`` → None.
    """
    if not url or len(url) > 2000 or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or "\\" in url:
        return None
    return url


def outlet_label(doc: Document) -> str:
    """The outlet a reader is told of: its name, else the article's file (never nothing)."""
    name = outlet_name(doc)
    return doc.file if name == UNNAMED_OUTLET else name


def kind_of(x: Claim) -> Kind:
    return "quote" if isinstance(x, Quote) else "figure" if isinstance(x, Quantity) else "event"


@dataclass(frozen=True, slots=True)
class GroupRef:
    """A group as a claim names it."""

    id: str
    label: str
    status: str


class LedgerIndex:
    """Lookups over one ledger: documents, claims, groups of each claim, entities.

    The server keeps one per story while the story is unchanged (:class:`.site.Site`), so what
    the pages derive from the ledger alone is worked out once and kept in ``memo``.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.memo: dict[Any, Any] = {}
        self.docs: dict[str, Document] = {d.id: d for d in ledger.documents}
        self.outlets: dict[str, str] = {d.id: outlet_label(d) for d in ledger.documents}
        every: list[Claim] = [*(q for q in ledger.quotes if q.kind == "statement"), *ledger.quantities,
                              *ledger.events]
        self.claims: dict[str, Claim] = {item_id(x): x for x in every}
        self.by_doc: dict[str, list[Claim]] = defaultdict(list)
        for x in every:
            self.by_doc[x.doc].append(x)
        self.groups_of: dict[str, list[GroupRef]] = defaultdict(list)
        for g in ledger.groups:
            ref = GroupRef(g.id, g.label, g.status)
            for m in g.members:
                self.groups_of[m].append(ref)
        self.entities: dict[str, Entity] = {e.id: e for e in ledger.entities}
        self.by_canonical: dict[str, Entity] = {}
        for e in ledger.entities:
            self.by_canonical.setdefault(e.canonical, e)
        self._matches: dict[tuple[str, str], bool] = {}
        self._who: dict[int, tuple[str | None, str | None]] = {}
        self.variants: dict[int, tuple[Any, ...]] = {}  # id(claim) → its variant key
        self._paragraphs: dict[str, list[int]] = {}
        self._sentences: dict[str, list[int]] = {}

    def names_match(self, a: str, b: str) -> bool:
        """:func:`newsledger.compare.sources.names_match`, remembered for the page."""
        from ..compare.sources import names_match

        key = (a, b)
        if key not in self._matches:
            self._matches[key] = names_match(a, b)
        return self._matches[key]

    def status(self, ident: str) -> str | None:
        """The gravest verdict of the groups a claim is in (a part may stand beside its whole)."""
        refs = self.groups_of.get(ident)
        return max((r.status for r in refs), key=lambda s: SEVERITY[s]) if refs else None

    def paragraph(self, doc: Document, offset: int) -> int | None:
        starts = self._paragraphs.get(doc.id)
        if starts is None:
            starts = self._paragraphs[doc.id] = [s for s, _ in doc.paragraphs]
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1 if i >= 0 and offset < doc.paragraphs[i][1] else None

    def sentence(self, doc: Document, offset: int) -> int | None:
        starts = self._sentences.get(doc.id)
        if starts is None:
            starts = self._sentences[doc.id] = [s for s, _ in doc.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        return i if i >= 0 and offset < doc.sentences[i][1] else None

    def outlet(self, doc_id: str) -> str:
        """The outlet label of one of the ledger's articles (the id itself for an unknown one)."""
        return self.outlets.get(doc_id, doc_id)

    def who(self, x: Claim) -> tuple[str | None, str | None]:
        """(name, entity id) a claim is credited to: the speaker of a quote, the source of a figure."""
        found = self._who.get(id(x))
        if found is None:
            if isinstance(x, Quote):
                found = (x.speaker, x.speaker_entity if x.speaker_entity in self.entities else None)
            elif isinstance(x, Quantity):
                found = (x.source, x.source_entity if x.source_entity in self.entities else None)
            else:
                found = (None, None)
            self._who[id(x)] = found
        return found

    def who_name(self, x: Claim) -> str | None:
        """The name a reader filters by: the entity's canonical name when the claim is linked to one."""
        name, ent = self.who(x)
        return self.entities[ent].canonical if ent else name


def document_record(doc: Document, links: Links, *, story_id: int | None = None) -> dict[str, Any]:
    """An article's metadata as pages and the API show it; ``url`` only when it is a safe http(s) address."""
    m = doc.meta
    return {
        "id": doc.id, "file": doc.file, "outlet": outlet_label(doc), "outlet_named": outlet_name(doc) != UNNAMED_OUTLET,
        "title": m.title, "author": m.author, "published": m.published, "published_text": m.published_text,
        "dateline": m.dateline, "section": m.section, "credits": list(m.credits), "reference_date": m.reference,
        "url": safe_url(url_of(doc)), "url_text": url_of(doc), "story": story_id, "link": links.article(doc.id),
    }


def claim_record(index: LedgerIndex, x: Claim, links: Links) -> dict[str, Any]:
    """One claim with everything a reader may ask of it: who, which interval or date, which group.

    Example (a figure): ``{"kind": "figure", "text": "some 300 workers", "interval": "270–330",
    "qualifier": "approximate", "source": "the port", "hedged": False, "groups": [...], ...}``.
    """
    ident = item_id(x)
    doc = index.docs.get(x.doc)
    name, ent = index.who(x)
    rec: dict[str, Any] = {
        "id": ident, "kind": kind_of(x), "doc": x.doc, "start": x.start, "end": x.end, "text": x.text,
        "outlet": index.outlet(x.doc), "outlet_named": doc is not None and outlet_name(doc) != UNNAMED_OUTLET,
        "file": doc.file if doc else x.doc, "article_title": doc.meta.title if doc else None,
        "published": doc.meta.published if doc else None,
        "paragraph": index.paragraph(doc, x.start) if doc else None,
        "sentence": index.sentence(doc, x.start) if doc else None,
        "link": links.claim(x.doc, ident), "who": name, "who_entity": ent,
        "who_link": links.entity(ent) if ent else None, "who_label": index.who_name(x),
        "groups": [{"id": g.id, "label": g.label, "status": g.status} for g in index.groups_of.get(ident, [])],
        "status": index.status(ident),
    }
    if isinstance(x, Quote):
        rec.update(speaker=x.speaker, speaker_entity=x.speaker_entity, direct=x.direct, cue=x.cue,
                   detail="direct quote" if x.direct else "reported speech")
    elif isinstance(x, Quantity):
        rec.update(value=x.value, low=x.low, high=x.high, interval=format_interval(x), qualifier=x.qualifier,
                   qualifier_text=_QUALIFIERS.get(x.qualifier, x.qualifier), measure=x.measure, unit=x.unit,
                   source=x.source, source_entity=x.source_entity, hedged=x.hedged,
                   detail=shown(x))
    else:
        dates = event_dates_text(x)
        rec.update(event=x.event, time_text=x.time_text, date_start=x.date_start, date_end=x.date_end,
                   months=list(x.months), estimated=x.estimated, time=x.time, dates=dates,
                   detail=dates or x.time_text)
    return rec


def variant_key(index: LedgerIndex, x: Claim) -> tuple[Any, ...]:
    """What makes two claims of a group one *variant*: the same figure from the same source, the
    same event on the same dates, the same words from the same speaker (however each outlet worded
    the rest). A group repeated by many outlets shows each variant once, with the outlets that carry it.
    """
    found = index.variants.get(id(x))
    if found is None:
        found = index.variants[id(x)] = _variant_key(index, x)
    return found


def _variant_key(index: LedgerIndex, x: Claim) -> tuple[Any, ...]:
    who = (index.who_name(x) or "").casefold()
    if isinstance(x, Quantity):
        return ("figure", format_interval(x), x.unit or "", who)
    if isinstance(x, Event):
        return ("event", x.event, x.date_start, x.date_end, x.estimated, None if x.date_start else x.time_text)
    return ("quote", who, " ".join(re.findall(r"\w+", x.text.casefold())))


def details(rec: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The lines of a claim's details box (hover and keyboard focus): label, value.

    Example: ``[("Figure", "some 300 workers"), ("Interval", "270–330"), ("Qualifier", "approximate"),
    ("Source", "the port"), ("Hedged", "no"), ("Group", "workers sent home (compatible)")]``.
    """
    out: list[tuple[str, str]] = []
    kind = rec["kind"]
    if kind == "quote":
        out += [("Quote", rec["detail"]), ("Speaker", rec["who_label"] or "not named")]
        if rec.get("cue"):
            out.append(("Cue", rec["cue"]))
    elif kind == "figure":
        out += [("Figure", rec["measure"] or "figure"), ("Interval", rec["detail"]),
                ("Qualifier", rec["qualifier_text"]), ("Source", rec["who_label"] or "not named"),
                ("Hedged", "yes" if rec["hedged"] else "no")]
    else:
        out += [("Event", rec["event"]), ("When", rec["detail"] or "undated")]
        if rec["estimated"]:
            out.append(("Estimated", "yes: the article states no date; placed against the story's latest date"))
    for g in rec["groups"]:
        out.append(("Group", f"{g['label']} ({g['status']})"))
    if not rec["groups"]:
        out.append(("Group", "none: no other article makes this claim"))
    return out


def group_sources(group: Group, index: LedgerIndex, links: Links) -> list[dict[str, Any]]:
    """Each independent source of a group with the outlets that carry its claim (copies of one source).

    The comparison names the sources (``Group.sources``); a member belongs to the first source
    whose name it matches (:func:`newsledger.compare.sources.names_match`, on its credited name or
    its entity's canonical name). Example: ``[{"source": "Port Alden Harbour Authority",
    "outlets": ["Coastline Courier", "Bayline News"], "claims": 2}]``.
    """
    carried: dict[str, list[str]] = {s: [] for s in group.sources}
    counts: dict[str, int] = dict.fromkeys(group.sources, 0)
    source_of: dict[tuple[str | None, str | None], str | None] = {}  # (name, entity) → its source
    for m in group.members:
        x = index.claims.get(m)
        if x is None:
            continue
        who = index.who(x)
        if who not in source_of:
            name, ent = who
            names = [n for n in (name, index.entities[ent].canonical if ent else None) if n]
            source_of[who] = next((s for s in group.sources if any(index.names_match(s, n) for n in names)), None)
        source = source_of[who]
        if source is None:
            continue
        outlet = index.outlet(x.doc)
        counts[source] += 1
        if outlet not in carried[source]:
            carried[source].append(outlet)
    out = []
    for s in group.sources:
        owner = index.by_canonical.get(s)
        out.append({"source": s, "outlets": carried[s], "claims": counts[s],
                    "link": links.entity(owner.id) if owner else None})
    return out


def reprints(group: Group, index: LedgerIndex) -> list[dict[str, Any]]:
    """Articles of the group that say they reprint another outlet ("Read the original article on X")."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for m in group.members:
        x = index.claims.get(m)
        doc = index.docs.get(x.doc) if x else None
        if doc is None or doc.id in seen or not doc.meta.credits:
            continue
        seen.add(doc.id)
        out.append({"article": doc.id, "file": doc.file, "outlet": outlet_label(doc),
                    "credits": list(doc.meta.credits)})
    return out
