"""A story's ledger: its groups of comparable claims side by side, conflicts first, with filters.

The filters live in the page's address (``?status=conflict&outlet=Radio+Alden``), so a filtered
view can be shared; a group is shown when it matches every filter given:

- ``status``: its verdict (agree, compatible, conflict);
- ``measure``: one of its figures counts that measure ("workers killed");
- ``outlet``: one of its claims comes from that outlet;
- ``speaker``: one of its claims is credited to that speaker or source;
- ``group``: that group alone, with every one of its claims (a group shows each *variant* of its
  claim once, with the outlets that carry it: :func:`.claims.variant_key`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..errors import NewsledgerError
from ..model import Group, Quantity, item_id
from ..store.stories import story_members
from .claims import (
    STATUSES,
    Claim,
    LedgerIndex,
    Links,
    claim_record,
    document_record,
    group_sources,
    reprints,
    variant_key,
)
from .site import NotFound, Site, api, collector_paused, page, site_of, story_record

_MAX_FILTER = 300  # characters of one filter value kept from the address
OUTLETS_SHOWN = 8  # outlets named beside a variant of a claim, before "and N more"
WHY_SHOWN = 400  # characters of a group's reason on the story's page


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of a ledger view; None: not filtered on that."""

    status: str | None = None
    measure: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    group: str | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        """Filters read from an address's query; an unknown verdict is no filter."""
        def value(name: str) -> str | None:
            v = " ".join((query.get(name) or "").split())[:_MAX_FILTER]
            return v or None

        status = value("status")
        return cls(status if status in STATUSES else None, value("measure"), value("outlet"), value("speaker"),
                   value("group"))

    def query(self, **change: str | None) -> dict[str, str]:
        """The filters as address parameters, with some changed (None or "" drops one)."""
        values = {**asdict(self), **change}
        return {k: v for k, v in values.items() if v}

    def active(self) -> bool:
        return any(asdict(self).values())


def _matches(group: Group, index: LedgerIndex, f: Filters) -> bool:
    if f.group and group.id != f.group:
        return False
    if f.status and group.status != f.status:
        return False
    claims = [index.claims[m] for m in group.members if m in index.claims]
    if f.measure and not any(isinstance(x, Quantity) and x.measure == f.measure for x in claims):
        return False
    if f.outlet and not any(x.doc in index.docs and index.outlet(x.doc) == f.outlet for x in claims):
        return False
    return not (f.speaker and not any(index.who_name(x) == f.speaker for x in claims))


def _options(index: LedgerIndex) -> dict[str, list[str]]:
    """The values each filter can take in this story (those of grouped claims only)."""
    measures: set[str] = set()
    outlets: set[str] = set()
    speakers: set[str] = set()
    for g in index.ledger.groups:
        for m in g.members:
            x = index.claims.get(m)
            if x is None:
                continue
            if isinstance(x, Quantity) and x.measure:
                measures.add(x.measure)
            if x.doc in index.docs:
                outlets.add(index.outlet(x.doc))
            who = index.who_name(x)
            if who:
                speakers.add(who)
    return {"status": list(STATUSES), "measure": sorted(measures, key=str.casefold),
            "outlet": sorted(outlets, key=str.casefold), "speaker": sorted(speakers, key=str.casefold)}


def group_record(group: Group, index: LedgerIndex, links: Links, *, story_id: int | None = None,
                 every: bool = False) -> dict[str, Any]:
    """A group with its claims side by side, its independent sources and the outlets copying each.

    Each variant of the claim (:func:`.claims.variant_key`) is shown once, with the outlets that
    carry it (at most :data:`OUTLETS_SHOWN` named, then how many more); ``every``: also every
    claim of the group in full (the group's own page).
    """
    members = [index.claims[m] for m in group.members if m in index.claims]
    variants: dict[tuple[Any, ...], list[Claim]] = {}
    for x in members:
        variants.setdefault(variant_key(index, x), []).append(x)
    shown = []
    for same in sorted(variants.values(), key=len, reverse=True):
        also = []
        for x in same[1:1 + OUTLETS_SHOWN]:
            also.append({"id": item_id(x), "outlet": index.outlet(x.doc), "link": links.claim(x.doc, item_id(x))})
        shown.append({"claim": claim_record(index, same[0], links), "count": len(same), "also": also,
                      "more": max(0, len(same) - 1 - OUTLETS_SHOWN), "members": [item_id(x) for x in same]})
    return {"id": group.id, "label": group.label, "status": group.status, "why": group.why,
            "why_short": _short_reason(group.why),
            "independent_sources": group.independent_sources, "sources": list(group.sources),
            "unattributed": group.unattributed, "copies": group_sources(group, index, links),
            "reprints": reprints(group, index), "size": len(members), "variants": shown,
            "link": links.group(story_id, group.id) if story_id is not None else None,
            "claims": [claim_record(index, x, links) for x in members] if every else None}


def _short_reason(why: str) -> str | None:
    """The comparison's reason cut to its first clauses when it is long (the group's page has it all).

    Example: a group of 200 figures may list a reason for every pair; the story's page shows the first few.
    """
    if len(why) <= WHY_SHOWN:
        return None
    cut = why.rfind("; ", 0, WHY_SHOWN)
    return why[: cut if cut > 0 else WHY_SHOWN].rstrip(" ;,") + " …"


def ledger_view(index: LedgerIndex, links: Links, *, filters: Filters | None = None,
                story: dict[str, Any] | None = None, reasons: Mapping[str, str] | None = None,
                every: bool = False) -> dict[str, Any]:
    """One story's ledger as the page and ``/api/stories/{id}`` show it.

    Args:
        index (LedgerIndex): the story's ledger.
        links (Links): where claims, people and articles link to.
        filters (Filters | None): which groups to show (all when None).
        story (dict | None): the story's record (title, counts), when it comes from the store.
        reasons (Mapping[str, str] | None): document id → why it joined the story.
        every (bool): every claim of every group in full (the static report), not only each variant.
    Returns:
        dict: ``story``, ``filters``, ``options``, ``counts``, ``groups`` (conflicts first, then
        compatible, then agree; each in the comparison's order), ``articles``.
    """
    f = filters or Filters()
    groups = sorted(index.ledger.groups, key=lambda g: STATUSES.index(g.status))
    sid = story["id"] if story else None
    made = index.memo.setdefault(("groups", type(links).__name__, sid), {})  # group id → its record
    shown = []
    for g in groups:
        if not _matches(g, index, f):
            continue
        if f.group is not None or every:
            shown.append(group_record(g, index, links, story_id=sid, every=True))
            continue
        if g.id not in made:
            made[g.id] = group_record(g, index, links, story_id=sid)
        shown.append(made[g.id])
    if "options" not in index.memo:
        index.memo["options"] = _options(index)
    counts = {s: sum(g.status == s for g in groups) for s in STATUSES}
    articles = []
    for d in index.ledger.documents:
        rec = document_record(d, links, story_id=story["id"] if story else None)
        rec["reason"] = (reasons or {}).get(d.id)
        articles.append(rec)
    return {
        "story": story, "filters": asdict(f), "options": index.memo["options"], "groups": shown,
        "counts": {"articles": len(index.ledger.documents), "groups": len(groups), "shown": len(shown), **counts,
                   "quotes": sum(q.kind == "statement" for q in index.ledger.quotes),
                   "figures": len(index.ledger.quantities), "events": len(index.ledger.events)},
        "articles": articles,
    }


def _story_ledger(site: Site, story_id: int, filters: Filters) -> dict[str, Any]:
    row = site.story_row(story_id)
    with collector_paused():
        index = site.story_index(row)
        with site.store.reading() as conn:
            reasons = dict(story_members(conn, story_id))
        return ledger_view(index, site.links, filters=filters, story=story_record(row, site.links),
                           reasons=reasons)


def read_ahead(site: Site, count: int) -> None:
    """Read the ``count`` most recently changed stories and make their ledgers (run beside the server).

    Their first readers then get the page from the cache, as after any visit.
    """
    try:
        for row in site.recent(count):
            _story_ledger(site, row.id, Filters())
    except (NewsledgerError, NotFound) as exc:  # a store gone meanwhile: the pages will say so
        logging.getLogger(__name__).warning("newsledger: stories not read ahead: %s", exc)


def story_page(request: Request) -> Response:
    site = site_of(request)
    story_id = int(request.path_params["story_id"])
    filters = Filters.from_query(request.query_params)
    view = _story_ledger(site, story_id, filters)
    quick = [{"label": label, "link": site.links.story(story_id, **filters.query(status=status)),
              "current": filters.status == status}
             for label, status in (("All verdicts", None), ("Conflicts", "conflict"),
                                   ("Compatible", "compatible"), ("Agree", "agree"))]
    return page(request, "ledger.html", quick=quick, filters_active=filters.active(), **view)


def story_api(request: Request) -> Response:
    story_id = int(request.path_params["story_id"])
    return api(_story_ledger(site_of(request), story_id, Filters.from_query(request.query_params)))
