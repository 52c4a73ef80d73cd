"""Who gives a figure: the attribution component's answer for the figure's words.

A figure inside a reported clause is given by that clause's speaker ("Officials said 300
homes were lost", "…, according to the ministry", "Police found 40 bodies", "The agency's
count puts the toll at 212"); the innermost report wins ("The quake killed 300, the
ministry said, according to local media" → the ministry). A sentence that ends with a
colon lends its speaker to the sentence after it. Nobody else in the project parses
attributions (``resolve/attribution.py``).
"""

from __future__ import annotations

from ...model import Document
from ...resolve.attribution import attributor_for

__all__ = ["Source", "figure_source"]

Source = tuple[str, int, int]  # the name as written and its characters


def figure_source(doc: Document, start: int, end: int) -> Source | None:
    """Who the article credits with the figure at characters [start, end), or None.

    Example: in "At least 30 people died, Chief Inspector Lena Voss told reporters." the
    figure "At least 30 people" gives ("Lena Voss", 43, 52).

    Args:
        doc (Document): a parsed document.
        start, end (int): the figure's characters.
    Returns:
        tuple[str, int, int] | None: the name as written and where it stands.
    """
    if doc.parse is None or start >= end:
        return None
    att = attributor_for(doc)
    found = att.for_span(start, end) or att.lead_in(start)
    if found is None or found.speaker is None or found.speaker_start is None or found.speaker_end is None:
        return None
    return found.speaker, found.speaker_start, found.speaker_end
