"""The templates: one Jinja2 environment for the served pages and the static report.

Autoescape is on for every template, so any string from an article (text, title, byline,
outlet, speaker, URL) is escaped in element content and in quoted attributes alike; the only
markup that passes unescaped is built by :mod:`.marks` and :func:`snippet_markup`, which
escape the text themselves. Undefined names raise, so a template cannot silently drop a field.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..store.search import MARK_END, MARK_START
from .claims import details

# Variants of one group's claim shown on the story's page; the group's own page shows them all.
VARIANTS_SHOWN = 12


@cache
def environment() -> Environment:
    """The template environment (made once)."""
    env = Environment(loader=PackageLoader("newsledger.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["snippet"] = snippet_markup
    env.filters["day"] = lambda s: (s or "")[:10]
    env.globals["details"] = details
    env.globals["variants_shown"] = VARIANTS_SHOWN
    return env


def render(template: str, **context: Any) -> str:
    """A template rendered with ``context``, e.g. ``render("stories.html", stories=[...])``."""
    return environment().get_template(template).render(**context)


@cache
def static_text(name: str) -> str:
    """A file of ``web/static`` as text (the report inlines the style sheet and scripts)."""
    return resources.files("newsledger.web").joinpath("static", name).read_text(encoding="utf-8")


def snippet_markup(snippet: str) -> Markup:
    """A search snippet, escaped, its matched words (between the search's markers) in ``<mark>``.

    Markers that do not pair up (an article may hold the private-use characters itself) never
    leave an element open. Example: ``"the \\ue000quay\\ue001 <b>"`` → ``"the <mark>quay</mark> &lt;b&gt;"``.
    """
    out: list[str] = []
    open_ = False
    for i, part in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        if i:
            out.append("</mark>" if open_ else "<mark>")
            open_ = not open_
        out.append(str(escape(part)))
    if open_:
        out.append("</mark>")
    return Markup("".join(out))
