"""The nearest stored article to a new one, read from the store a page of articles at a time.

The matcher (:func:`~.matcher.match_story`) needs every stored article that shares a key with
the new one only to find the nearest compatible one. Fetching all their postings costs rows in
proportion to the store: a word found in 1% of a million stories' articles is thousands of
rows, for each new article. Instead the database ranks the stored articles by their dot product
with the article's vector (it adds the products; only document ids and scores come back), and
the postings of the nearest page of articles are read and scored exactly, as the matcher scores
them. Further pages are read only while an article on them could still be nearer than the nearest
compatible one found (one too far in time, or of another section of its outlet, is passed over).
The article's weights go to a temporary table of the connection, so that no query binds a list
of its keys. The answer is the matcher's on all postings: :func:`match_all` is that reading,
kept as the reference the tests compare with.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..store.schema import documents
from ..store.stories import (
    Posting,
    count_stories,
    postings,
    ranked_wanted,
    story_counts,
    unwant,
    want,
    wanted_counts,
    wanted_postings,
)
from .matcher import Candidate, Match, common_limit, match_story, nearest_compatible, similarities
from .profile import Profile

# Stored articles ranked per page; the first page nearly always holds the answer (the nearest
# article is nearly always compatible), and the postings of a page are read whole.
PAGE = 8
# Scores of the database and of Python may differ in the last bits (another order of adding);
# an article within this of the nearest found is read and scored exactly.
SCORE_SLACK = 1e-9


def nearest_story(conn: Connection, profile: Profile) -> Match:
    """The matcher's answer for ``profile`` against the store on ``conn``.

    Args:
        conn (Connection): a connection to the store (inside the caller's transaction).
        profile (Profile): the new article.
    Returns:
        Match: as :func:`~.matcher.match_story` gives it on every stored posting.
    """
    want(conn, profile.weights)
    counts = wanted_counts(conn)
    n_stories = count_stories(conn)
    limit = common_limit(n_stories)
    # keys found in no story have no postings to rank; keys too common to count are left out
    unwant(conn, sorted(k for k, n in counts.items() if n > limit))
    found: list[Posting] = []
    candidates: dict[str, Candidate] = {}
    offset = 0
    while True:
        page = ranked_wanted(conn, offset=offset, limit=PAGE)
        ids = [doc_id for doc_id, _score in page]
        found += wanted_postings(conn, ids)
        candidates.update(read_candidates(conn, found, ids))
        if len(page) < PAGE:
            break
        best = nearest_compatible(profile, similarities(profile, found, counts, n_stories), candidates)
        # every article on a later page scores at most what the last one of this page does
        if best is not None and page[-1][1] < best[1] - SCORE_SLACK:
            break
        offset += PAGE
    return match_story(profile, found, counts, n_stories, candidates)


def match_all(conn: Connection, profile: Profile) -> Match:
    """The matcher on every posting of the article's keys (the reading before ranking pages)."""
    keys = list(profile.weights)
    counts = story_counts(conn, keys)
    n_stories = count_stories(conn)
    limit = common_limit(n_stories)
    found = postings(conn, [k for k in keys if 0 < counts.get(k, 0) <= limit])
    ids = sorted({p.doc_id for p in found})
    return match_story(profile, found, counts, n_stories, read_candidates(conn, found, ids))


def read_candidates(conn: Connection, found: Sequence[Posting], doc_ids: Sequence[str]) -> dict[str, Candidate]:
    """What the matcher needs of each stored article of ``doc_ids``: story, name, date, outlet, section."""
    sids = {p.doc_id: p.story_id for p in found}
    out: dict[str, Candidate] = {}
    for start in range(0, len(doc_ids), 400):
        chunk = [d for d in doc_ids[start:start + 400] if d in sids]
        q = select(documents.c.id, documents.c.file, documents.c.outlet, documents.c.published,
                   documents.c.section).where(documents.c.id.in_(chunk))
        for r in conn.execute(q):
            name = f"{r.outlet} ({r.file})" if r.outlet else r.file
            out[r.id] = Candidate(r.id, sids[r.id], name, r.published, r.outlet, r.section)
    return out
