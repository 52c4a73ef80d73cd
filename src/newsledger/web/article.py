"""An article: its text with quotes, figures and events highlighted, its metadata and address.

Every claim is a ``<mark>`` that can take keyboard focus; its details (speaker, interval,
qualifier, source, hedge, the group it is in) are a hidden list the mark is described by, which
``static/ledger.js`` shows beside it on hover and on focus. Boilerplate lines are greyed, each
sentence is a span with an id, and ``?claim=ID`` marks the sentences of that claim, so a claim
followed from the ledger lands on its sentence, highlighted.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from ..model import Document
from ..store.repository import read_documents
from ..store.stories import story_of
from .claims import LedgerIndex, Links, claim_record, document_record
from .marks import Layer, mark_text
from .site import NotFound, Site, api, page, site_of, story_record

# Which of two spans with the same offsets is outside: the line, the sentence, then the claims.
_RANK = {"boilerplate": 0, "sentence": 1, "quote": 2, "event": 3, "figure": 4}


def article_markup(doc: Document, claims: list[dict[str, Any]], *, focus: str | None = None,
                   id_prefix: str = "") -> Markup:
    """The article's text as HTML: boilerplate greyed, sentences with ids, every claim marked.

    Args:
        doc (Document): the article.
        claims (list[dict]): its claim records (:func:`.claims.claim_record`).
        focus (str | None): a claim id whose sentences get the class ``focus``.
        id_prefix (str): put before sentence ids, where several articles share a page (the report).
    """
    layers = [Layer(b.start, b.end, "span", {"class": "boilerplate", "title": "page furniture, not story text"},
                    {"class": "boilerplate"}, _RANK["boilerplate"]) for b in doc.boilerplate]
    target = next((c for c in claims if c["id"] == focus), None)
    for n, (s, e) in enumerate(doc.sentences):
        hit = target is not None and s < target["end"] and target["start"] < e
        cls = "sentence focus" if hit else "sentence"
        layers.append(Layer(s, e, "span", {"class": cls, "id": f"{id_prefix}s-{n}"}, {"class": cls},
                            _RANK["sentence"]))
    for c in claims:
        cls = f"claim {c['kind']}" + (f" grouped {c['status']}" if c["status"] else "")
        first = {"id": f"c-{c['id']}", "class": cls, "tabindex": "0", "aria-describedby": f"d-{c['id']}",
                 "data-details": f"d-{c['id']}"}
        rest = {"class": f"{cls} cont", "data-details": f"d-{c['id']}"}
        layers.append(Layer(c["start"], c["end"], "mark", first, rest, _RANK[c["kind"]]))
    return mark_text(doc.text, layers)


def article_claims(index: LedgerIndex, doc: Document, links: Links) -> list[dict[str, Any]]:
    """The claims of one article of the ledger, in text order."""
    found = sorted(index.by_doc.get(doc.id, []), key=lambda x: (x.start, -x.end))
    return [claim_record(index, x, links) for x in found]


def _article(site: Site, doc_id: str) -> tuple[Document, dict[str, Any] | None, LedgerIndex]:
    with site.store.reading() as conn:
        docs = read_documents(conn, [doc_id])
        story_id = story_of(conn, doc_id)
    if not docs:
        raise NotFound(f"no article {doc_id}")
    if story_id is None:  # stored but in no story yet: shown with its own claims only
        from ..model import Ledger

        ledger = site.store.load_ledger([doc_id])
        return docs[0], None, LedgerIndex(Ledger(documents=ledger.documents, quotes=ledger.quotes,
                                                 quantities=ledger.quantities, events=ledger.events))
    row = site.story_row(story_id)
    return docs[0], story_record(row, site.links), site.story_index(row)


def article_view(site: Site, doc_id: str) -> tuple[Document, dict[str, Any]]:
    """An article as ``/api/articles/{id}`` gives it: metadata, text, boilerplate, sentences, claims."""
    doc, story, index = _article(site, doc_id)
    doc = index.docs.get(doc.id, doc)
    return doc, {
        "article": document_record(doc, site.links, story_id=story["id"] if story else None),
        "story": story, "text": doc.text,
        "boilerplate": [{"start": b.start, "end": b.end, "reason": b.reason} for b in doc.boilerplate],
        "sentences": [list(s) for s in doc.sentences], "claims": article_claims(index, doc, site.links),
    }


def article_page(request: Request) -> Response:
    site = site_of(request)
    doc, view = article_view(site, request.path_params["doc_id"])
    focus = request.query_params.get("claim")
    return page(request, "article.html", text_html=article_markup(doc, view["claims"], focus=focus),
                focus=focus, **view)


def article_api(request: Request) -> Response:
    return api(article_view(site_of(request), request.path_params["doc_id"])[1])
