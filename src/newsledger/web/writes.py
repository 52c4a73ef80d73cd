"""Adding an article to a story from the web: only with ``--allow-writes --token T``.

An article comes as text (with optional title, outlet, byline, date and original address) or
as the address of a page, which is fetched by the URL ingest with its rule on private
addresses (refused unless the server was started with ``--allow-private-urls``). It then goes
through the same pipeline as ``newsledger analyze``: cleaning, extraction, the story it is
given (or the one it matches best), and the comparison of that story again. Reading and
analysing the article have analyze's time budget (``Settings.time_budget``); past it, nothing
is stored and the request is answered 400. (In the server's worker threads the budget is
checked between the steps of the analysis, as :mod:`newsledger.budget` describes.)

- ``POST /api/articles`` (JSON: ``text`` or ``url``, optional ``story`` and metadata), with
  ``Authorization: Bearer T``; answers the stored article's record.
- ``POST /stories/{id}/articles`` (the form on a story's page, with a ``token`` field);
  answers a redirect to the article.

Without ``--allow-writes`` both answer 403; with a wrong or missing token, 401.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import json
import re
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..budget import BudgetExceeded, time_budget
from ..errors import NewsledgerError
from ..ingest.files import load_source, load_text
from ..ingest.url import make_fetcher
from ..model import Metadata
from ..pipeline import extract_document, prepare_lines
from ..store.stories import stale_stories
from ..stories import assign_story, update_story
from .claims import document_record
from .site import BadRequest, Site, api, page, site_of

_META_FIELDS = ("title", "outlet", "author", "published")
_MAX_FIELD = 2000  # characters of a metadata field


class Refused(Exception):
    """A write this server does not allow: ``status`` 403 (read-only) or 401 (no valid token)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def check_token(site: Site, given: str | None) -> None:
    """Refuse a write unless writes are allowed and ``given`` is the server's token.

    Raises:
        Refused: 403 when the server is read-only, 401 when the token is missing or wrong.
    """
    if not site.settings.allow_writes or not site.settings.token:
        raise Refused(403, "this server is read-only: start it with --allow-writes --token T to add articles")
    if given is None or not hmac.compare_digest(given.encode("utf-8"), site.settings.token.encode("utf-8")):
        raise Refused(401, "a valid token is needed to add articles")


def add_article(site: Site, fields: dict[str, str], *, story: str | None) -> dict[str, Any]:
    """Analyse one article (text or URL) and add it to ``story`` (or the story it matches best).

    Args:
        site (Site): the server.
        fields (dict[str, str]): ``text`` or ``url``; for text also ``title``, ``outlet``,
            ``author``, ``published``, ``source_url`` (the article's original address).
        story (str | None): a story id or name; None: the matcher chooses, as ``analyze`` does.
    Returns:
        dict: the article's record, its story, whether the story is new, why it joined, its link.
    Raises:
        BadRequest: neither text nor URL, both, or an input the ingest cannot use.
    """
    text, url = fields.get("text", ""), fields.get("url", "").strip()
    if bool(text.strip()) == bool(url):
        raise BadRequest("give the article's text or its URL (one of them)")
    try:
        if url:
            if not url.startswith(("http://", "https://")):
                raise BadRequest("the URL must start with http:// or https://")
            fetch = make_fetcher(allow_private=site.settings.allow_private_urls)
            loaded = load_source(url, max_bytes=site.settings.max_bytes, fetch=fetch,
                                 budget=site.settings.time_budget)
        else:
            if len(text.encode("utf-8")) > site.settings.max_bytes:
                raise BadRequest(f"the text is over the {site.settings.max_bytes:,} byte limit")
            meta = _metadata(fields)
            loaded = load_text(text, _source_name(meta.title), kind="txt")
            loaded.documents[:] = [dataclasses.replace(d, meta=meta) for d in loaded.documents]
    except NewsledgerError as exc:
        raise BadRequest(str(exc)) from exc
    except BudgetExceeded as exc:
        raise BadRequest(f"reading the article {exc}; not stored") from exc
    if not loaded.documents:
        raise BadRequest("no article in the input")
    from ..clean.parse import parse_documents

    with site.write_lock:
        try:  # the budget of analyze: cleaning, the parse and every extractor together
            with time_budget(site.settings.time_budget) as deadline:
                deadline.stage = "cleaning"
                [doc] = list(parse_documents([prepare_lines(loaded.documents[0])]))
                found = extract_document(doc, deadline=deadline)
        except BudgetExceeded as exc:
            raise BadRequest(f"analysis {exc}; not stored") from exc
        try:
            done = assign_story(site.store, found, story=story)
        except NewsledgerError as exc:
            raise BadRequest(str(exc)) from exc
        with site.store.reading() as conn:
            stale = stale_stories(conn)
        for sid in stale:  # the story it joined, and one it left when moved
            update_story(site.store, sid)
            site.forget(sid)
    return {"article": document_record(found.doc, site.links, story_id=done.story_id), "story": done.story_id,
            "new_story": done.new_story, "stored": done.stored, "reason": done.reason,
            "link": site.links.article(found.doc.id), "story_link": site.links.story(done.story_id)}


def _metadata(fields: dict[str, str]) -> Metadata:
    """What the writer says of a pasted article; the text's own lines fill in the rest."""
    meta = {k: v.strip()[:_MAX_FIELD] for k, v in fields.items() if k in _META_FIELDS and v.strip()}
    if fields.get("source_url", "").strip():
        meta["url"] = fields["source_url"].strip()[:_MAX_FIELD]
    published = meta.get("published")
    if published is not None:
        try:
            dt.date.fromisoformat(published[:10])
        except ValueError as exc:
            raise BadRequest("the date must be written YYYY-MM-DD") from exc
    return Metadata(title=meta.get("title"), outlet=meta.get("outlet"), author=meta.get("author"),
                    published=published, url=meta.get("url"))


def _source_name(title: str | None) -> str:
    """The file name a pasted article is known by: its title's words ("quay-fire-spreads.txt")."""
    slug = "-".join(re.findall(r"\w+", (title or "").lower()))[:60].strip("-")
    return f"web/{slug or 'pasted-article'}.txt"


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BadRequest(f"the request is over the {limit:,} byte limit")
    out = bytearray()
    async for chunk in request.stream():
        out += chunk
        if len(out) > limit:
            raise BadRequest(f"the request is over the {limit:,} byte limit")
    return bytes(out)


async def add_article_api(request: Request) -> Response:
    site = site_of(request)
    auth = request.headers.get("authorization", "")
    try:
        check_token(site, auth[7:] if auth.lower().startswith("bearer ") else None)
    except Refused as exc:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return api({"error": str(exc)}, status_code=exc.status, headers=headers)
    try:
        data = json.loads(await _body(request, 2 * site.settings.max_bytes))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("the body must be a JSON object") from exc
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    story = data.get("story")
    fields = {k: v for k, v in data.items() if isinstance(v, str) and k != "story"}
    result = await run_in_threadpool(add_article, site, fields, story=None if story is None else str(story))
    return api(result, status_code=201 if result["stored"] else 200)


async def add_article_form(request: Request) -> Response:
    site = site_of(request)
    story_id = int(request.path_params["story_id"])
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise BadRequest("the form must be sent as application/x-www-form-urlencoded")
    body = await _body(request, 2 * site.settings.max_bytes)
    try:
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True,
                                             max_num_fields=20, strict_parsing=False).items()}
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest("the form could not be read") from exc
    try:
        check_token(site, form.get("token"))
    except Refused as exc:
        return page(request, "error.html", status_code=exc.status, title="Not allowed", message=str(exc))
    result = await run_in_threadpool(add_article, site, form, story=str(story_id))
    return RedirectResponse(result["link"], status_code=303)
