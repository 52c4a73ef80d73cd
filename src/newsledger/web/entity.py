"""A person or body: every name it goes by, and each quote and figure credited to it, across outlets.

An entity known by a full name has one id in every story (``stories.update``), so its page
gathers every story that names it; a bare surname is an entity of one story only.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..model import Quantity, Quote
from ..store.stories import entity_stories
from .claims import claim_record, document_record, outlet_label
from .site import NotFound, Site, api, page, site_of, story_record

_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "people or group",
          "FAC": "place"}


def entity_view(site: Site, entity_id: str) -> dict[str, Any]:
    """An entity's page: names (with the outlets that use each), stories, quotes and figures credited to it.

    Raises:
        NotFound: no story names this entity.
    """
    with site.store.reading() as conn:
        found = entity_stories(conn, entity_id)
    if not found:
        raise NotFound(f"no person or body {entity_id}")
    names: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    stories: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    articles: dict[str, dict[str, Any]] = {}
    canonical, kind = found[0][1].canonical, found[0][1].type
    for story_id, entity in found:
        row = site.story_row(story_id)
        index = site.story_index(row)
        stories.append(story_record(row, site.links))
        for alias in entity.aliases:
            names.setdefault(alias, set())
        for m in entity.mentions:
            doc = index.docs.get(m.doc)
            if doc is None:
                continue
            names[m.text].add(outlet_label(doc))
            counts[m.text] += 1
            articles.setdefault(doc.id, document_record(doc, site.links, story_id=story_id))
        for x in index.claims.values():
            if isinstance(x, Quote) and x.speaker_entity == entity_id:
                quotes.append({**claim_record(index, x, site.links), "story": story_id})
            elif isinstance(x, Quantity) and x.source_entity == entity_id:
                figures.append({**claim_record(index, x, site.links), "story": story_id})
    order = sorted(names, key=lambda n: (n != canonical, -counts[n], n.casefold()))
    for claims in (quotes, figures):
        claims.sort(key=lambda c: (c["story"], c["outlet"].casefold(), c["doc"], c["start"]))
    return {
        "entity": {"id": entity_id, "name": canonical, "type": kind, "type_label": _TYPES.get(kind, kind.lower())},
        "names": [{"name": n, "mentions": counts[n], "outlets": sorted(names[n], key=str.casefold)} for n in order],
        "stories": stories, "quotes": quotes, "figures": figures,
        "articles": sorted(articles.values(), key=lambda a: (a["outlet"].casefold(), a["file"])),
    }


def entity_page(request: Request) -> Response:
    return page(request, "entity.html", **entity_view(site_of(request), request.path_params["entity_id"]))


def entity_api(request: Request) -> Response:
    return api(entity_view(site_of(request), request.path_params["entity_id"]))
