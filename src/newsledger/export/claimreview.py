"""A story's groups as schema.org ``ClaimReview`` drafts (JSON-LD), for fact-checkers' tools.

One review per group of comparable claims (or, with ``per_claim``, one per claim of a group):

- ``claimReviewed``: the claims' own words: a statement as quoted, a figure or an event as the
  sentence that gives it; in a review of a group, each wording followed by the outlets that wrote it;
- ``itemReviewed``: a ``Claim`` with its ``appearance`` in each article (URL, title as ``name``,
  ``datePublished``, the outlet as ``publisher``), its ``firstAppearance`` when the dates say which
  came first, and its ``author`` when every claim comes from one named person or organisation;
- ``author``: the reviewing organisation (``--org NAME --org-url URL``);
- ``datePublished``: the day the draft was written; ``creativeWorkStatus``: "Draft";
- ``reviewRating``: a ``Rating`` left for the fact-checker to fill, its ``ratingExplanation``
  holding the group's status and why ("conflict: 150–200 tonnes and 540–600 tonnes cannot …").

Nothing is invented: a date, URL, title, outlet or author that the articles do not give is left
out, never guessed; an article known by none of them is not listed as an appearance.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..model import Document, Entity, Event, Group, Ledger, Quantity, Quote, item_id
from ..naming import UNNAMED_OUTLET, outlet_name, url_of

CONTEXT = "https://schema.org"
_PERSON_OR_ORG = {"PERSON": "Person", "ORG": "Organization"}
_DRAFT = "Draft"


@dataclass(frozen=True, slots=True)
class ClaimInText:
    """One claim of a group and where it stands: its words, who made it, and its article."""

    id: str
    words: str  # a statement's text; the sentence holding a figure or an event
    text: str  # the claim's own span (the figure as written, the statement)
    by: str | None  # the speaker or source as the article names them
    by_entity: Entity | None
    doc: Document


def claims_of(ledger: Ledger, group: Group) -> list[ClaimInText]:
    """The claims of ``group`` in its order, each with its article (members not in the ledger are skipped)."""
    claims: list[Quote | Quantity | Event] = [*ledger.quotes, *ledger.quantities, *ledger.events]
    items = {item_id(x): x for x in claims}
    docs = {d.id: d for d in ledger.documents}
    entities = {e.id: e for e in ledger.entities}
    out = []
    for member in group.members:
        x = items.get(member)
        doc = docs.get(x.doc) if x is not None else None
        if x is None or doc is None:
            continue
        if isinstance(x, Quote):
            by, ent, words = x.speaker, entities.get(x.speaker_entity or ""), x.text
        elif isinstance(x, Quantity):
            by, ent, words = x.source, entities.get(x.source_entity or ""), _sentence(doc, x.start, x.end)
        else:
            by, ent, words = None, None, _sentence(doc, x.start, x.end)
        out.append(ClaimInText(member, words, x.text, by, ent, doc))
    return out


def _sentence(doc: Document, start: int, end: int) -> str:
    """The sentence(s) of ``doc`` holding [start, end), on one line; the span alone where no sentence is known."""
    first = doc.sentence_at(start)
    last = doc.sentence_at(max(start, end - 1))
    s = first[0] if first else start
    e = last[1] if last else end
    return " ".join(doc.text[s:e].split())


def claim_reviews(ledger: Ledger, *, org: str | None = None, org_url: str | None = None,
                  per_claim: bool = False, today: dt.date | None = None) -> list[dict[str, Any]]:
    """The ClaimReview drafts of a ledger's groups (see the module docstring).

    Args:
        ledger (Ledger): one story's ledger (or several merged).
        org, org_url: the reviewing organisation's name and address; left out when not given.
        per_claim (bool): one review per claim instead of one per group.
        today (dt.date | None): the review's ``datePublished`` (default: today, in UTC).
    Returns:
        list[dict[str, Any]]: JSON-LD objects, e.g. ``{"@type": "ClaimReview", "claimReviewed": …}``.
    """
    day = (today or dt.datetime.now(dt.UTC).date()).isoformat()
    author = _organisation(org, org_url)
    reviews: list[dict[str, Any]] = []
    if not per_claim:
        for group in ledger.groups:
            claims = claims_of(ledger, group)
            if claims:
                reviews.append(_review(group.id, claims, [group], author, day))
        return reviews
    groups_of: dict[str, list[Group]] = {}
    for group in ledger.groups:
        for member in group.members:
            groups_of.setdefault(member, []).append(group)
    seen: set[str] = set()
    for group in ledger.groups:
        for claim in claims_of(ledger, group):
            if claim.id not in seen:
                seen.add(claim.id)
                reviews.append(_review(claim.id, [claim], groups_of[claim.id], author, day))
    return reviews


def _review(identifier: str, claims: Sequence[ClaimInText], groups: Sequence[Group],
            author: dict[str, Any] | None, day: str) -> dict[str, Any]:
    review: dict[str, Any] = {"@context": CONTEXT, "@type": "ClaimReview", "identifier": identifier}
    review["claimReviewed"] = _claim_words(claims)
    review["itemReviewed"] = _claim(claims)
    if author is not None:
        review["author"] = author
    review["datePublished"] = day
    review["creativeWorkStatus"] = _DRAFT
    review["reviewRating"] = {"@type": "Rating", "ratingExplanation": _explanation(groups, several=len(groups) > 1)}
    return review


def _claim_words(claims: Sequence[ClaimInText]) -> str:
    """One claim's words as written; several claims each wording once, with the outlets that wrote it:
    “…” (Northgate Tribune); “…” (Radio Alden)."""
    if len(claims) == 1:
        return claims[0].words
    outlets: dict[str, list[str]] = {}
    for c in claims:
        names = outlets.setdefault(c.words, [])
        name = outlet_name(c.doc)
        if name != UNNAMED_OUTLET and name not in names:
            names.append(name)
    return "; ".join(f"“{words}”" + (f" ({', '.join(names)})" if names else "") for words, names in outlets.items())


def _claim(claims: Sequence[ClaimInText]) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim"}
    appearances: list[dict[str, Any]] = []
    dates: list[str | None] = []
    seen: set[str] = set()
    for c in claims:
        if c.doc.id in seen:
            continue
        seen.add(c.doc.id)
        work = _appearance(c.doc)
        if work is not None:
            appearances.append(work)
            dates.append(c.doc.meta.published)
    by = _claim_author(claims)
    if by is not None:
        claim["author"] = by
    if appearances:
        claim["appearance"] = appearances
    first = _first(appearances, dates)
    if first is not None:
        claim["firstAppearance"] = first
    return claim


def _appearance(doc: Document) -> dict[str, Any] | None:
    """The article as a CreativeWork: what is known of it, or None when nothing is."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    url = url_of(doc)
    if url:
        work["url"] = url
    if doc.meta.title:
        work["name"] = doc.meta.title
    if doc.meta.published:
        work["datePublished"] = doc.meta.published
    outlet = outlet_name(doc)
    if outlet != UNNAMED_OUTLET:
        work["publisher"] = {"@type": "Organization", "name": outlet}
    return work if len(work) > 1 else None


def _first(appearances: Sequence[dict[str, Any]], dates: Sequence[str | None]) -> dict[str, Any] | None:
    """The appearance that came first, when every appearance is dated to the day and one is earliest."""
    if len(appearances) < 2 or any(not d or len(d) < 10 for d in dates):
        return None
    days = [str(d)[:10] for d in dates]
    earliest = min(days)
    if days.count(earliest) > 1:
        return None  # two on the same day: the dates do not say which came first
    return dict(appearances[days.index(earliest)])


def _claim_author(claims: Sequence[ClaimInText]) -> dict[str, Any] | None:
    """The one named person or organisation behind every claim, when there is one."""
    ents = {c.by_entity.id: c.by_entity for c in claims if c.by_entity is not None}
    if len(ents) != 1 or any(c.by_entity is None for c in claims):
        return None
    ent = next(iter(ents.values()))
    kind = _PERSON_OR_ORG.get(ent.type)
    return None if kind is None else {"@type": kind, "name": ent.canonical}


def _explanation(groups: Sequence[Group], *, several: bool) -> str:
    """The groups' status and why: "conflict: …"; a claim in several groups names each group."""
    if not several:
        g = groups[0]
        return f"{g.status}: {g.why}"
    return " | ".join(f"{g.label} — {g.status}: {g.why}" for g in groups)


def _organisation(name: str | None, url: str | None) -> dict[str, Any] | None:
    if not name and not url:
        return None
    org: dict[str, Any] = {"@type": "Organization"}
    if name:
        org["name"] = name
    if url:
        org["url"] = url
    return org


def write_claimreview(reviews: list[dict[str, Any]], path: str | Path | None) -> str:
    """Write the reviews as one JSON array to ``path`` ("-" or None: return it only). Returns the JSON text.

    Raises:
        ExportError: the file cannot be written.
    """
    text = json.dumps(reviews, ensure_ascii=False, indent=1)
    if path not in (None, "-"):
        try:
            Path(path).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return text
