"""The roles a line of a page can have, and the record of one line's role.

A line can hold several parts ("By Jane Doe | June 3, 2023" is a byline and a date line);
each part is one :class:`Line` with its own span.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("headline", "byline", "date line", "dateline", "credit", "junk", "body")
# parts of a page that are not the article's own text
BOILERPLATE_ROLES = frozenset({"byline", "date line", "credit", "junk"})
# parts that are: a line holding one is never boilerplate
STORY_ROLES = frozenset({"headline", "body"})


@dataclass(frozen=True, slots=True)
class Line:
    """The role of one line, or of one part of a line, of a page.

    Attributes:
        start: offset of the part in the text.
        end: offset just after it.
        role: one of :data:`ROLES`.
        reason: why ("author box", "photo", "section tag", "date line", "update line" …).
        value: what the part says: the author of a byline, the ISO date of a date line,
            the place of a dateline, the outlet of a credit or masthead; None otherwise.
    """

    start: int
    end: int
    role: str
    reason: str
    value: str | None = None
