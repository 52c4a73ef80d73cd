"""``assign_story``: an analysed article joins the stored story it matches best, or starts one.

The choice is made and recorded in one transaction that holds the store's write lock, so two
processes adding articles at once see each other's articles and agree on the stories: the
second article of a story to arrive always finds the first one stored. A batch of articles
(:func:`assign_stories`) is stored in one such transaction, one article after another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.engine import Connection

from ..errors import StoryError
from ..model import Document
from ..pipeline import Findings
from ..store.repository import FINDINGS_VERSION, Finding, Store, findings_versions, write_document
from ..store.schema import story_documents
from ..store.stories import create_story, find_story, join_story, list_stories, mark_stale, story_of, write_features
from .nearest import nearest_story
from .profile import Profile, article_profile


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went: its story, whether that story is new, and why."""

    doc: Document
    story_id: int
    new_story: bool
    reason: str
    stored: bool  # False when the same text was stored before (it stays where it was)


def assign_story(store: Store, found: Findings, *, story: str | None = None,
                 profile: Profile | None = None) -> Assignment:
    """Store an analysed article in the story it matches best (or in ``story``), in one transaction.

    Args:
        store (Store): the store.
        found (Findings): the article and what the extractors found in it.
        story (str | None): a story id or name given by the user (``--story``): the article
            goes there, and a name that no story has yet starts a story of that name.
        profile (Profile | None): the article's matcher profile, when a worker made it already.
    Returns:
        Assignment: e.g. ``Assignment(doc, 3, False, "shares Ana Rivas, 4,000 …", True)``.
    Raises:
        StoryError: ``story`` is a number that is no story's id.
    """
    return assign_stories(store, [(found, profile)], story=story)[0]


def assign_stories(store: Store, articles: Sequence[tuple[Findings, Profile | None]], *,
                   story: str | None = None) -> list[Assignment]:
    """Store several analysed articles, one after another in order, in one transaction.

    Each article is matched against the store as the articles before it left it (the second
    article of a new story finds the first), exactly as one transaction per article would do;
    one transaction for a batch writes the store's pages and its search index once per batch
    instead of once per article. Either all the batch is stored or none of it.
    """
    ready = [(found, profile if profile is not None else
              article_profile(found.doc, found.mentions, found.quantities, found.events))
             for found, profile in articles]
    with store.writing() as conn:
        return [_assign(conn, found, profile, story) for found, profile in ready]


def _assign(conn: Connection, found: Findings, profile: Profile, story: str | None) -> Assignment:
    doc = found.doc
    items: list[Finding] = found.stored_items()
    current = story_of(conn, doc.id)
    if story is not None:
        sid, created = _named_story(conn, story)
        if current == sid:
            return _already(conn, doc, sid, items, profile)
        if current is not None:  # the user moves it: its old story is compared again
            _leave(conn, doc.id, current)
        reason = f"--story {story}" + (" (a new story)" if created else "")
    elif current is not None:
        return _already(conn, doc, current, items, profile)
    else:
        match = nearest_story(conn, profile)
        created = match.story_id is None
        sid = create_story(conn) if match.story_id is None else match.story_id
        reason = match.reason
    new = write_document(conn, doc, items)
    write_features(conn, doc.id, sid, _features(profile), replace=not new, new_story=created)
    join_story(conn, sid, doc.id, reason, first=created)
    return Assignment(doc, sid, created, reason, True)


def _features(profile: Profile) -> dict[str, tuple[float, str | None]]:
    return {k: (w, profile.labels.get(k)) for k, w in profile.weights.items()}


def _already(conn: Connection, doc: Document, sid: int, items: list[Finding], profile: Profile) -> Assignment:
    """The same text stored before: it stays; a copy stored by an older release gets its mentions."""
    if findings_versions(conn, [doc.id]).get(doc.id, FINDINGS_VERSION) < FINDINGS_VERSION:
        write_document(conn, doc, items)
        write_features(conn, doc.id, sid, _features(profile))
        mark_stale(conn, sid)
    return Assignment(doc, sid, False, f"same text as an article already in story {sid}", False)


def _leave(conn: Connection, doc_id: str, story_id: int) -> None:
    conn.execute(delete(story_documents).where(story_documents.c.doc_id == doc_id))
    mark_stale(conn, story_id)


def _named_story(conn: Connection, ref: str) -> tuple[int, bool]:
    found = find_story(conn, ref)
    if found is not None:
        return found, False
    if ref.strip().isdigit():
        known = ", ".join(s.label for s in list_stories(conn)) or "none yet"
        raise StoryError(f"no story {ref.strip()} (stories: {known}); a new story needs a name, not a number")
    return create_story(conn, name=" ".join(ref.split())), True
