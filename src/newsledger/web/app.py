"""The web application: routes, security headers, errors, and ``newsledger serve``.

Pages and their JSON (the same data):

=================================  =====================================  ==========================
page                               JSON                                   what
=================================  =====================================  ==========================
``/``                              ``/api/stories``                       stories, newest change first
``/stories/{id}``                  ``/api/stories/{id}``                  a story's ledger (filters)
``/stories/{id}/timeline``         ``/api/stories/{id}/timeline``         its events on its own scale
``/articles/{id}``                 ``/api/articles/{id}``                 an article, claims marked
``/entities/{id}``                 ``/api/entities/{id}``                 a person or body
``/search?q=``                     ``/api/search?q=``                     articles and claims
=================================  =====================================  ==========================

Every response carries a Content Security Policy that allows only this server's own style
sheet and script (no inline script, no other origin), forbids framing and plugins, and says
``nosniff``; it also says how long the server took (``Server-Timing: app;dur=…``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import NewsledgerError
from ..store.repository import Store
from .article import article_api, article_page
from .entity import entity_api, entity_page
from .ledger import read_ahead, story_api, story_page
from .render import environment
from .search import search_api, search_page
from .site import BadRequest, NotFound, Settings, Site, api, page
from .stories import stories_api, stories_page
from .timeline import timeline_api, timeline_page
from .writes import add_article_api, add_article_form

CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
PAGES = ("stories.html", "ledger.html", "timeline.html", "article.html", "entity.html", "search.html", "error.html")
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware: the security headers on every response, and the server's time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower()
                           not in SECURITY_HEADERS]
                headers += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
                took = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", f"app;dur={took:.1f}".encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, title: str, message: str) -> Response:
    if _wants_json(request):
        return api({"error": message}, status_code=status)
    return page(request, "error.html", status_code=status, title=title, message=message)


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(request, 404, "Not found", str(exc) or "no such page")


async def _bad_request(request: Request, exc: Exception) -> Response:
    return _error(request, 400, "Cannot do that", str(exc))


async def _store_error(request: Request, exc: Exception) -> Response:
    return _error(request, 500, "The store could not answer", str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(request, exc.status_code, "Not found" if exc.status_code == 404 else "Error", exc.detail)


def create_app(store: Store, settings: Settings | None = None) -> Starlette:
    """The web ledger over ``store``.

    Args:
        store (Store): the store to browse, e.g. ``Store("newsledger.db", create=False)``.
        settings (Settings | None): writes, token, private URLs (default: read-only).
    Returns:
        Starlette: an ASGI application (``uvicorn.run(app)``, or Starlette's test client).
    """
    static = StaticFiles(directory=str(resources.files("newsledger.web").joinpath("static")))
    routes = [
        Route("/", stories_page, name="stories"),
        Route("/stories/{story_id:int}", story_page, name="story"),
        Route("/stories/{story_id:int}/timeline", timeline_page, name="timeline"),
        Route("/stories/{story_id:int}/articles", add_article_form, methods=["POST"], name="add_article_form"),
        Route("/articles/{doc_id}", article_page, name="article"),
        Route("/entities/{entity_id:path}", entity_page, name="entity"),
        Route("/search", search_page, name="search"),
        Route("/api/stories", stories_api),
        Route("/api/stories/{story_id:int}", story_api),
        Route("/api/stories/{story_id:int}/timeline", timeline_api),
        Route("/api/articles", add_article_api, methods=["POST"]),
        Route("/api/articles/{doc_id}", article_api),
        Route("/api/entities/{entity_id:path}", entity_api),
        Route("/api/search", search_api),
        Mount("/static", app=static, name="static"),
    ]
    handlers: dict[Any, Any] = {NotFound: _not_found, BadRequest: _bad_request, NewsledgerError: _store_error,
                                HTTPException: _http_error}
    for template in PAGES:  # compiled now, not on a reader's first visit
        environment().get_template(template)
    site = Site(store, settings)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if site.settings.read_ahead:
            threading.Thread(target=read_ahead, args=(site, site.settings.read_ahead), name="newsledger-read-ahead",
                             daemon=True).start()
        yield

    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.site = site
    app.add_middleware(SecurityHeaders)
    return app


def serve(store: Store, *, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    """Serve the web ledger until interrupted (what ``newsledger serve`` runs)."""
    import uvicorn

    uvicorn.run(create_app(store, settings), host=host, port=port, log_level="info", server_header=False)
