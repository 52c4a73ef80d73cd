"""Full-text search over the stored articles and claims (the web ledger's search box).

SQLite answers from the FTS5 table that migration 0004 keeps in step with ``documents`` and
``items``; PostgreSQL from its GIN indexes with ``plainto_tsquery('english', …)``. A SQLite
library built without FTS5 gets a plain scan, slower but with the same answers for whole words.
A query is read as words (``\\w+``), all of which must match; on SQLite the last one may be the
start of a word ("harb" finds "harbour"), as one types. Snippets mark the matched words with
:data:`MARK_START` and :data:`MARK_END`, which the caller turns into markup after escaping.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

MARK_START, MARK_END = "\ue000", "\ue001"  # private-use characters: never in the markup that escapes them
MAX_TERMS = 12
_SNIPPET_WORDS = 24
_SCAN_CONTEXT = 90  # characters each side of the first match in a scanned snippet



def pg_document_vector(t: str) -> str:
    """The expression of migration 0004's PostgreSQL index on documents, for table alias ``t``
    (the planner uses the index only when the query repeats it)."""
    return (f"to_tsvector('english', coalesce({t}.title, '') || ' ' || coalesce({t}.outlet, '') || ' ' "
            f"|| coalesce({t}.author, '') || ' ' || coalesce({t}.data ->> 'text', ''))")


def pg_item_vector(t: str) -> str:
    """The expression of migration 0004's PostgreSQL index on items, for table alias ``t``."""
    return (f"to_tsvector('english', coalesce({t}.data ->> 'text', '') || ' ' "
            f"|| coalesce({t}.data ->> 'speaker', '') || ' ' || coalesce({t}.data ->> 'source', '') || ' ' "
            f"|| coalesce({t}.data ->> 'measure', '') || ' ' || coalesce({t}.data ->> 'event', ''))")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article or claim that matches a query."""

    kind: str  # "article", "quote", "quantity" or "event"
    ref: str  # the document id (articles) or item id (claims)
    doc_id: str
    story_id: int | None
    snippet: str  # the matching text, matched words between MARK_START and MARK_END


def search_terms(query: str) -> list[str]:
    """The words of a query, as the search reads them: ``'fire "quay' `` → ``["fire", "quay"]``."""
    return re.findall(r"\w+", query)[:MAX_TERMS]


def search_store(conn: Connection, query: str, *, limit: int = 50) -> tuple[list[SearchHit], list[SearchHit]]:
    """Articles and claims matching every word of ``query``, best first.

    Args:
        conn (Connection): a connection to the store.
        query (str): what the reader typed, e.g. ``"rubber tonnes"``.
        limit (int): at most this many articles, and this many claims.
    Returns:
        tuple[list[SearchHit], list[SearchHit]]: (articles, claims); both empty for a query with no word.
    """
    terms = search_terms(query)
    if not terms:
        return [], []
    if conn.dialect.name == "postgresql":
        return _postgres(conn, terms, limit)
    if conn.dialect.name == "sqlite" and _has_fts5_index(conn):
        return _fts5(conn, terms, limit)
    return _scan(conn, terms, limit)


def _has_fts5_index(conn: Connection) -> bool:
    found = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'search_index'")).first()
    return found is not None


def _hit(row: object) -> SearchHit:
    story = getattr(row, "story_id", None)
    return SearchHit(str(getattr(row, "kind", "")), str(getattr(row, "ref", "")), str(getattr(row, "doc_id", "")),
                     None if story is None else int(story), str(getattr(row, "snip", None) or ""))


def _fts5(conn: Connection, terms: Sequence[str], limit: int) -> tuple[list[SearchHit], list[SearchHit]]:
    # Every word quoted (so no word is read as an FTS5 operator), the last one also as a prefix.
    match = " ".join([*(f'"{t}"' for t in terms[:-1]), f'"{terms[-1]}"*'])
    sql = """
        SELECT r.kind AS kind, r.ref AS ref, coalesce(i.doc_id, r.ref) AS doc_id, sd.story_id AS story_id,
               snippet(search_index, 0, :start, :end, '…', :words) AS snip
        FROM search_index
        JOIN search_refs r ON r.id = search_index.rowid
        LEFT JOIN items i ON i.id = r.ref
        LEFT JOIN story_documents sd ON sd.doc_id = coalesce(i.doc_id, r.ref)
        WHERE search_index MATCH :match AND {kind}
        ORDER BY bm25(search_index) LIMIT :limit"""
    params = {"start": MARK_START, "end": MARK_END, "words": _SNIPPET_WORDS, "match": match, "limit": limit}
    articles = [_hit(r) for r in conn.execute(text(sql.format(kind="r.kind = 'article'")), params)]
    claims = [_hit(r) for r in conn.execute(text(sql.format(kind="r.kind <> 'article'")), params)]
    return articles, claims


def _postgres(conn: Connection, terms: Sequence[str], limit: int) -> tuple[list[SearchHit], list[SearchHit]]:
    options = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={_SNIPPET_WORDS}, MinWords=8, "
               "MaxFragments=2, FragmentDelimiter=\" … \"")
    params = {"q": " ".join(terms), "options": options, "limit": limit}
    articles = conn.execute(text(f"""
        SELECT 'article' AS kind, d.id AS ref, d.id AS doc_id, sd.story_id AS story_id,
               ts_headline('english', coalesce(d.data ->> 'text', ''), q, :options) AS snip
        FROM documents d CROSS JOIN plainto_tsquery('english', :q) AS q
        LEFT JOIN story_documents sd ON sd.doc_id = d.id
        WHERE {pg_document_vector("d")} @@ q
        ORDER BY ts_rank({pg_document_vector("d")}, q) DESC, d.id
        LIMIT :limit"""), params)
    claims = conn.execute(text(f"""
        SELECT i.kind AS kind, i.id AS ref, i.doc_id AS doc_id, sd.story_id AS story_id,
               ts_headline('english', coalesce(i.data ->> 'text', ''), q, :options) AS snip
        FROM items i CROSS JOIN plainto_tsquery('english', :q) AS q
        LEFT JOIN story_documents sd ON sd.doc_id = i.doc_id
        WHERE i.kind IN ('quote', 'quantity', 'event') AND {pg_item_vector("i")} @@ q
          AND coalesce(i.data ->> 'kind', 'statement') = 'statement'
        ORDER BY ts_rank({pg_item_vector("i")}, q) DESC, i.id
        LIMIT :limit"""), params)
    return [_hit(r) for r in articles], [_hit(r) for r in claims]


def _scan(conn: Connection, terms: Sequence[str], limit: int) -> tuple[list[SearchHit], list[SearchHit]]:
    """Without FTS5: every word as a substring of the text (or of the names beside it)."""
    params: dict[str, object] = {f"t{i}": f"%{t.lower()}%" for i, t in enumerate(terms)}
    params["limit"] = limit
    doc_words = ("lower(coalesce(json_extract(d.data, '$.text'), '') || ' ' || coalesce(d.title, '') || ' ' "
                 "|| coalesce(d.outlet, '') || ' ' || coalesce(d.author, ''))")
    item_words = ("lower(coalesce(json_extract(i.data, '$.text'), '') || ' ' "
                  "|| coalesce(json_extract(i.data, '$.speaker'), '') || ' ' "
                  "|| coalesce(json_extract(i.data, '$.source'), '') || ' ' "
                  "|| coalesce(json_extract(i.data, '$.measure'), '') || ' ' "
                  "|| coalesce(json_extract(i.data, '$.event'), ''))")
    doc_where = " AND ".join(f"{doc_words} LIKE :t{i}" for i in range(len(terms)))
    item_where = " AND ".join(f"{item_words} LIKE :t{i}" for i in range(len(terms)))
    articles = conn.execute(text(f"""
        SELECT 'article' AS kind, d.id AS ref, d.id AS doc_id, sd.story_id AS story_id,
               json_extract(d.data, '$.text') AS snip
        FROM documents d LEFT JOIN story_documents sd ON sd.doc_id = d.id
        WHERE {doc_where} ORDER BY d.id LIMIT :limit"""), params)
    claims = conn.execute(text(f"""
        SELECT i.kind AS kind, i.id AS ref, i.doc_id AS doc_id, sd.story_id AS story_id,
               json_extract(i.data, '$.text') AS snip
        FROM items i LEFT JOIN story_documents sd ON sd.doc_id = i.doc_id
        WHERE i.kind IN ('quote', 'quantity', 'event')
          AND coalesce(json_extract(i.data, '$.kind'), 'statement') = 'statement' AND {item_where}
        ORDER BY i.id LIMIT :limit"""), params)

    def marked(hit: SearchHit) -> SearchHit:
        return SearchHit(hit.kind, hit.ref, hit.doc_id, hit.story_id, scan_snippet(hit.snippet, terms))

    return [marked(_hit(r)) for r in articles], [marked(_hit(r)) for r in claims]


def scan_snippet(body: str, terms: Sequence[str]) -> str:
    """The words around the first match in ``body``, every match marked.

    Example: ``scan_snippet("The quay burned.", ["quay"])`` → ``"The \\ue000quay\\ue001 burned."``.
    """
    body = body.replace(MARK_START, "").replace(MARK_END, "")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(body)
    lo = max(0, (first.start() if first else 0) - _SCAN_CONTEXT)
    hi = min(len(body), (first.end() if first else 0) + _SCAN_CONTEXT)
    window = ("…" if lo else "") + body[lo:hi] + ("…" if hi < len(body) else "")
    return pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, window)
