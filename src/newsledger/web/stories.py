"""The stories page: every story of the store, newest change first, with a search box."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..store.stories import list_stories
from .site import Site, api, page, site_of, story_record


def stories_view(site: Site) -> dict[str, Any]:
    """Every story as listed (title, articles, groups, conflicts, last change), newest change first."""
    with site.store.reading() as conn:
        rows = list_stories(conn)
    rows.sort(key=lambda r: (r.updated, r.id), reverse=True)
    return {"stories": [story_record(r, site.links) for r in rows]}


def stories_page(request: Request) -> Response:
    return page(request, "stories.html", **stories_view(site_of(request)))


def stories_api(request: Request) -> Response:
    return api(stories_view(site_of(request)))
