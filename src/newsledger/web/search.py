"""Search across the stored articles and claims (``/search?q=``), with the matched words marked."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..model import Event, Quantity, Quote
from ..store.repository import read_documents, read_items
from ..store.search import search_store, search_terms
from .claims import document_record, kind_of, outlet_label
from .site import Site, api, page, site_of

MAX_QUERY = 200  # characters of a query that are read
RESULTS = 50  # articles, and claims, shown at most


def search_view(site: Site, query: str) -> dict[str, Any]:
    """Articles and claims matching every word of ``query``, best first, each with its snippet.

    Example: ``search_view(site, "rubber")["claims"][0]`` →
    ``{"kind": "figure", "snippet": "150 to 200 tonnes of synthetic \\ue000rubber\\ue001", "link": ...}``.
    """
    query = " ".join(query.split())[:MAX_QUERY]
    if not search_terms(query):
        return {"query": query, "articles": [], "claims": []}
    with site.store.reading() as conn:
        article_hits, claim_hits = search_store(conn, query, limit=RESULTS)
        docs = {d.id: d for d in read_documents(conn, list({h.doc_id for h in [*article_hits, *claim_hits]}))}
        found = read_items(conn, [h.ref for h in claim_hits])
    articles = []
    for h in article_hits:
        doc = docs.get(h.doc_id)
        if doc is not None:
            articles.append({**document_record(doc, site.links, story_id=h.story_id), "snippet": h.snippet,
                             "story_link": site.links.story(h.story_id) if h.story_id else None})
    claims = []
    for h in claim_hits:
        x = found.get(h.ref)
        doc = docs.get(h.doc_id)
        if not isinstance(x, (Quote, Quantity, Event)) or doc is None:
            continue
        who = x.speaker if isinstance(x, Quote) else x.source if isinstance(x, Quantity) else None
        claims.append({"id": h.ref, "kind": kind_of(x), "text": x.text, "snippet": h.snippet, "who": who,
                       "doc": doc.id, "outlet": outlet_label(doc), "article_title": doc.meta.title,
                       "story": h.story_id, "link": site.links.claim(doc.id, h.ref),
                       "story_link": site.links.story(h.story_id) if h.story_id else None})
    return {"query": query, "articles": articles, "claims": claims}


def search_page(request: Request) -> Response:
    view = search_view(site_of(request), request.query_params.get("q", ""))
    return page(request, "search.html", searched=bool(search_terms(view["query"])), **view)


def search_api(request: Request) -> Response:
    return api(search_view(site_of(request), request.query_params.get("q", "")))
