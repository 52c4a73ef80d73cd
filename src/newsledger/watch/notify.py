"""What the watcher tells: new articles, and groups whose picture changed; as lines and as JSON.

An article event is one new article in its story. A group event is a group of the story that the
article created or changed:

- ``conflict``: a group in conflict that is new, newly in conflict, or has new claims; or a group
  that was in conflict and no longer is (``change: "resolved"``);
- ``figure``: a group of figures, not in conflict, that is new, changed status, or has new claims.

A group whose members and status are the same is no event, even if its ``why`` was reworded. Each
event is one line (:func:`event_line`) and, with ``--notify URL``, one JSON POST (:func:`event_record`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import FetchError
from ..export.claimreview import claims_of
from ..model import Group, Ledger
from ..naming import UNNAMED_OUTLET, outlet_name, url_of
from .http import HttpClient

EventKind = Literal["article", "conflict", "figure"]
Change = Literal["new", "changed", "resolved"]


@dataclass(frozen=True, slots=True)
class Article:
    """The article an event is about (or that brought a group's change)."""

    outlet: str
    title: str | None
    url: str | None
    published: str | None
    feed: str
    file: str


@dataclass(frozen=True, slots=True)
class GroupChange:
    """A group the article created or changed; ``previous`` is its state before, None when new."""

    kind: Literal["conflict", "figure"]
    change: Change
    group: Group
    previous: Group | None


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """One thing to tell: a new article (``change`` None) or a group change, in a story."""

    kind: EventKind
    story: int
    story_title: str
    article: Article
    time: str
    new_story: bool = False
    reason: str | None = None  # why the article joined its story
    change: GroupChange | None = None
    claims: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def is_figure_group(group: Group) -> bool:
    """True for a group of figures (its members are quantities: ids ``n-…``)."""
    return bool(group.members) and all(m.startswith("n-") for m in group.members)


def group_changes(before: Sequence[Group], after: Sequence[Group]) -> list[GroupChange]:
    """The groups of ``after`` that are news against ``before`` (see the module docstring), in ``after``'s order.

    Example: before ``[g-1 compatible {a, b}]``, after ``[g-1 conflict {a, b, c}]`` →
    ``[GroupChange("conflict", "changed", g-1, previous)]``.
    """
    old = {g.id: g for g in before}
    out = []
    for g in after:
        prev = old.get(g.id)
        same_members = prev is not None and set(prev.members) == set(g.members)
        if g.status == "conflict":
            if prev is None:
                out.append(GroupChange("conflict", "new", g, None))
            elif prev.status != "conflict" or not same_members:
                out.append(GroupChange("conflict", "changed", g, prev))
        elif prev is not None and prev.status == "conflict":
            out.append(GroupChange("conflict", "resolved", g, prev))
        elif is_figure_group(g) and (prev is None or prev.status != g.status or not same_members):
            out.append(GroupChange("figure", "new" if prev is None else "changed", g, prev))
    return out


def claim_records(ledger: Ledger, group: Group) -> tuple[dict[str, Any], ...]:
    """The group's claims as the event's JSON gives them: words, outlet, URL, date, source."""
    return tuple({"id": c.id, "text": c.text, "words": c.words, "source": c.by,
                  "outlet": None if outlet_name(c.doc) == UNNAMED_OUTLET else outlet_name(c.doc),
                  "url": url_of(c.doc),
                  "published": c.doc.meta.published} for c in claims_of(ledger, group))


def event_line(event: WatchEvent) -> str:
    """The event as one line.

    Examples: ``story 3 (new) · Coastline Courier · Fire guts Kessel Quay warehouse``;
    ``story 3 · new conflict · tonnes of rubber stored: 150–200 tonnes and 540–600 tonnes cannot both hold …``.
    """
    story = f"story {event.story}"
    if event.change is None:
        title = event.article.title or event.article.url or event.article.file
        return f"{story}{' (new)' if event.new_story else ''} · {event.article.outlet} · {title}"
    c = event.change
    g = c.group
    if c.kind == "conflict":
        what = {"new": "new conflict", "changed": "conflict changed",
                "resolved": f"no longer a conflict ({g.status})"}[c.change]
    elif c.change == "new":
        what = f"new figure ({g.status})"
    elif c.previous is not None and c.previous.status != g.status:
        what = f"figure now {g.status} (was {c.previous.status})"
    else:
        what = f"figure changed ({g.status})"
    return f"{story} · {what} · {g.label}: {g.why}"


def event_record(event: WatchEvent) -> dict[str, Any]:
    """The event as the webhook receives it (one JSON object per POST)."""
    a = event.article
    record: dict[str, Any] = {
        "event": event.kind, "time": event.time, "story": event.story, "story_title": event.story_title,
        "article": {"outlet": a.outlet, "title": a.title, "url": a.url, "published": a.published, "feed": a.feed},
        "line": event_line(event),
    }
    if event.change is None:
        record["new_story"] = event.new_story
        record["reason"] = event.reason
        return record
    g = event.change.group
    record["change"] = event.change.change
    record["group"] = {"id": g.id, "label": g.label, "status": g.status,
                       "previous_status": event.change.previous.status if event.change.previous else None,
                       "why": g.why, "independent_sources": g.independent_sources, "claims": list(event.claims)}
    return record


class Notifier:
    """POSTs each event as JSON to one URL (``--notify URL``); a failed POST is reported, not retried."""

    def __init__(self, url: str, client: HttpClient) -> None:
        self.url = url
        self.client = client

    def send(self, event: WatchEvent) -> None:
        """POST one event.

        Raises:
            FetchError: the receiver could not be reached in time or answered other than 2xx.
        """
        try:
            self.client.post_json(self.url, event_record(event))
        except FetchError as exc:
            raise FetchError(f"notify {self.url}", exc.reason) from exc
