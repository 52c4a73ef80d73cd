"""The HTML report: one self-contained page with the groups, a timeline and the articles.

It renders through the web ledger's templates (``newsledger.web``, ``report.html`` and the
pieces it shares with the served pages), with the style sheet and scripts inline so the file
can be mailed or opened offline, and with links that stay inside the page: each claim is a
``<mark id="c-<item id>">`` in its article, and each group's claim links to it. Every piece of
article text, every name and every reason is escaped by the templates: articles are untrusted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..export.output import write_output
from ..model import Ledger
from ..web.article import article_claims, article_markup
from ..web.claims import LedgerIndex, document_record
from ..web.ledger import ledger_view
from ..web.marks import Layer, mark_text
from ..web.render import render, static_text
from ..web.timeline import timeline_view


class ReportLinks:
    """Links of the static report: anchors in the same page; people have no page of their own."""

    def story(self, story_id: int, **query: str) -> str:
        return "#groups"

    def group(self, story_id: int, group_id: str) -> str | None:
        return None

    def timeline(self, story_id: int) -> str:
        return "#timeline"

    def article(self, doc_id: str) -> str:
        return f"#doc-{doc_id}"

    def claim(self, doc_id: str, ident: str) -> str:
        return f"#c-{ident}"

    def entity(self, entity_id: str) -> str | None:
        return None


def highlight(text: str, spans: Sequence[tuple[int, int, str, str]]) -> Markup:
    """Article text, escaped, with a ``<mark>`` per span (pieces where spans cross; see ``web.marks``).

    Args:
        text (str): the article text, e.g. ``'He said "<b>2</b> died"'``.
        spans (Sequence[tuple[int, int, str, str]]): (start, end, element id, css classes).
    Returns:
        Markup: HTML, e.g. ``'He said "&lt;b&gt;<mark id=...>2</mark>...'``.
    """
    return mark_text(text, [Layer(s, e, "mark", {"id": ident, "class": cls}, {"class": cls}) for s, e, ident, cls
                            in spans])


def render_report(ledger: Ledger, title: str | None = None) -> str:
    """The whole report as one HTML string (see :func:`write_report`); ``title``: the story's."""
    links = ReportLinks()
    index = LedgerIndex(ledger)
    view = ledger_view(index, links, every=True)
    articles: list[dict[str, Any]] = []
    for doc in ledger.documents:
        claims = article_claims(index, doc, links)
        articles.append({"record": document_record(doc, links), "claims": claims,
                         "html": article_markup(doc, claims, id_prefix=f"{doc.id}-")})
    return render("report.html", title=title or "Claim ledger", counts=view["counts"], groups=view["groups"],
                  timeline=timeline_view(index, links), articles=articles, css=static_text("style.css"),
                  js=static_text("report.js") + "\n" + static_text("ledger.js"))


def write_report(ledger: Ledger, path: str | Path, title: str | None = None) -> None:
    """Write the ledger as one self-contained HTML page.

    Args:
        ledger (Ledger): documents, claims and groups, e.g. from ``build_ledger``.
        path (str | Path): where to write, e.g. ``"report.html"``; ``"-"`` prints the page.

    Raises:
        ExportError: the file cannot be written.
    """
    page = write_output(path, render_report(ledger, title))
    if str(path) == "-":
        sys.stdout.write(page)
