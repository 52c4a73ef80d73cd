"""Ingest: files, folders, JSONL, HTML, URLs and standard input → Documents.

Every unusable input raises :class:`IngestError` naming it, and :func:`load_all` turns
each into a recorded :class:`Failure` so the rest of the batch goes on; what a folder
holds besides articles comes out as :class:`Skipped`, and what is worth saying about a
usable input (bytes replaced while decoding, the encoding read) as :class:`Notice`.

Offsets are into the text exactly as decoded: a UTF-8 file is decoded as
``open(path, encoding="utf-8", newline="")`` would (a BOM stays as U+FEFF, newlines are
not translated), so exported offsets agree with any reader that follows the export format.
Decoding is in :mod:`.decode`, listing and reading files in :mod:`.paths`, fetching in
:mod:`.url`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from ..budget import BudgetExceeded, time_budget
from ..errors import IngestError
from ..model import Document, Failure, Metadata, Notice, Skipped
from .decode import Decoded, decode_bytes, decode_text
from .html import document_from_html
from .limits import DEFAULT_MAX_BYTES, describe_size
from .paths import HTML_SUFFIXES, INGESTED_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, iter_inputs, read_file, suffix_of
from .read import document_from_text
from .strings import is_blank
from .url import Page

__all__ = [
    "DEFAULT_MAX_BYTES", "HTML_SUFFIXES", "INGESTED_SUFFIXES", "JSONL_SUFFIXES", "TEXT_SUFFIXES", "Fetcher",
    "Loaded", "decode_bytes", "expand_inputs", "load_all", "load_source", "load_text", "parse_jsonl",
]

_JSONL_FIELDS = ("title", "author", "published", "outlet", "url", "dateline", "section")
# An article is an object of strings; a line nested deeper is refused before parsing
# (Python's parser recurses, and 100,000 brackets would exhaust its stack).
_MAX_JSON_DEPTH = 100
_JSON_MARKS = re.compile(r'[\[\]{}"\\]')
_JSON_TYPES = {"application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
               "application/json-seq"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_START_TAG = re.compile(r"<[A-Za-z][^<>]*")
_MAX_ATTRIBUTES = 1000
_TEXT_URL_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | {".json"}

# A fetch function: URL → Page (raising IngestError with the reason). An older form that
# returns the HTML as a string, or None when nothing came back, is still accepted.
Fetcher = Callable[[str], "Page | str | None"]


@dataclass(frozen=True, slots=True)
class Loaded:
    """What loading one input gave: documents, per-item failures (JSONL lines) and notices."""

    documents: list[Document]
    failures: list[Failure]
    notices: list[Notice] = field(default_factory=list)


def expand_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Paths, folders (their ingestible files, sorted), URLs and "-" (stdin), in order.

    A folder contributes only ``.txt``/``.html``/``.jsonl`` files (an answer key or a README
    beside the articles is not an article); a file named explicitly is always read. What a
    folder holds besides is left out here; :func:`load_all` reports it.
    """
    return (x for x in iter_inputs(inputs) if isinstance(x, str))


def _looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and head[:1] == "<")


def _looks_like_jsonl(text: str) -> bool:
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if ln.strip()][:5]
    return bool(lines) and all(ln.lstrip().startswith("{") for ln in lines)


def _too_deep(line: str) -> bool:
    """True when brackets nest deeper than ``_MAX_JSON_DEPTH`` outside strings (one linear scan)."""
    if line.count("[") + line.count("{") <= _MAX_JSON_DEPTH:
        return False
    depth, in_string, escaped_until = 0, False, -1
    for m in _JSON_MARKS.finditer(line):
        c, i = m.group(), m.start()
        if in_string:
            if i <= escaped_until:
                continue
            if c == "\\":
                escaped_until = i + 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            if depth > _MAX_JSON_DEPTH:
                return True
        elif c in "]}":
            depth -= 1
    return False


def _check_tags(html: str, source: str) -> None:
    """Refuse a page with a tag of thousands of attributes: the HTML parser's cost grows with
    the square of their number, inside C code that no time budget can interrupt (50,000
    attributes took 19 s to parse; a 20 MB tag would take hours). No page needs 1,000."""
    for m in _START_TAG.finditer(html):
        if m.end() - m.start() > _MAX_ATTRIBUTES and m.group().count("=") > _MAX_ATTRIBUTES:
            raise IngestError(source, f"not an article: a tag with over {_MAX_ATTRIBUTES:,} attributes")


def parse_jsonl(text: str, source: str, *, first_line: int = 1) -> Loaded:
    """One Document per JSON line with a non-empty ``text``; bad lines become failures.

    Each line: ``{"text": ..., "title"?, "url"?, "outlet"?, "author"?, "published"?}``.
    The document's source is ``<file>:<line number>``, counted from ``first_line`` (a part of
    a file read alone starts further down). A BOM before the first line is not part of it.
    """
    docs, failures = [], []
    for n, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=first_line):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        if _too_deep(line):
            failures.append(Failure(where, f"JSON nested deeper than {_MAX_JSON_DEPTH} levels"))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            failures.append(Failure(where, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        except RecursionError:
            failures.append(Failure(where, f"JSON nested deeper than {_MAX_JSON_DEPTH} levels"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            failures.append(Failure(where, 'no "text" string field'))
            continue
        if is_blank(obj["text"]):
            failures.append(Failure(where, "empty text"))
            continue
        fields = {k: obj[k] for k in _JSONL_FIELDS if isinstance(obj.get(k), str) and not is_blank(obj[k])}
        meta = Metadata(**fields)
        name = obj.get("id") if isinstance(obj.get("id"), str) else None
        docs.append(document_from_text(obj["text"], f"{source}:{name or n}", meta))
    return Loaded(docs, failures)


def load_text(text: str, source: str, *, kind: str | None = None) -> Loaded:
    """Documents from already-decoded content; ``kind`` is "txt", "html" or "jsonl" (sniffed if None)."""
    kind = kind or ("jsonl" if _looks_like_jsonl(text) else "html" if _looks_like_html(text) else "txt")
    if kind == "jsonl":
        loaded = parse_jsonl(text, source)
        if not loaded.documents and not loaded.failures:
            raise IngestError(source, "no articles in JSONL")
        return loaded
    if kind == "html":
        _check_tags(text, source)
        return Loaded([document_from_html(text, source)], [])
    if is_blank(text):
        raise IngestError(source, "empty file")
    return Loaded([document_from_text(text, source)], [])


def _with_notices(loaded: Loaded, source: str, decoded: Decoded) -> Loaded:
    notices = [Notice(source, decoded.warning)] if decoded.warning else []
    if decoded.note:
        notices += [Notice(d.source, decoded.note, "note") for d in loaded.documents]
    return Loaded(loaded.documents, loaded.failures, notices)


def _page_kind(page: Page, source: str) -> str | None:
    """How to read a fetched body: "txt", "jsonl", "html", or None to sniff it.

    A ``.txt`` or ``.json`` URL, or a plain-text or JSON Content-Type, is read as text,
    never as HTML.

    Raises:
        IngestError: the Content-Type says it is no text at all (an image, a PDF…).
    """
    media = page.media_type
    suffix = suffix_of(page.url.split("?", 1)[0].split("#", 1)[0])
    if media in _JSON_TYPES or suffix in JSONL_SUFFIXES or suffix == ".json":
        return "jsonl" if _looks_like_jsonl(page.body[:4096].decode("utf-8", "replace")) else "txt"
    if media == "text/plain" or suffix in _TEXT_URL_SUFFIXES:
        return "txt"
    if media in _HTML_TYPES:
        return "html"
    if media is None or media == "application/octet-stream" or media.startswith("text/"):
        return None
    raise IngestError(source, f"not an article (Content-Type {media})")


def _decode_page(page: Page, source: str) -> Decoded:
    """The body's text: by the charset the server names, else as a file would be decoded."""
    if page.charset:
        try:
            text = page.body.decode(page.charset)
            return Decoded(text, "UTF-8" if page.charset.lower().replace("_", "-") in ("utf-8", "utf8")
                           else page.charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: read it like a file
    if not page.body.strip():
        raise IngestError(source, "not an article (empty body)")
    return decode_text(page.body, source)


def _load_url(source: str, fetch: Fetcher, budget: float | None) -> Loaded:
    got = fetch(source)  # the fetch has its own deadline
    with time_budget(budget) as deadline:
        deadline.stage = "reading the page"
        if got is None or isinstance(got, str):
            if got is None or is_blank(got):
                raise IngestError(source, "could not fetch the page (no response or empty body)")
            return load_text(got, source, kind="html")
        kind = _page_kind(got, source)
        decoded = _decode_page(got, source)
        try:
            loaded = load_text(decoded.text, source, kind=kind)
        except IngestError as exc:
            raise IngestError(source, f"not an article: {exc.reason}") from exc
        return _with_notices(loaded, source, decoded)


def load_source(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
                stdin: BinaryIO | None = None, budget: float | None = None) -> Loaded:
    """Load one input: a path, an http(s) URL, or "-" for standard input.

    Decoding and parsing run under a time budget of ``budget`` seconds (None: none).

    Raises:
        IngestError: the input as a whole cannot be used (the message names it).
        BudgetExceeded: decoding and parsing ran past ``budget``.
    """
    if source.startswith(("http://", "https://")):
        if fetch is None:
            from .url import make_fetcher

            fetch = make_fetcher(max_bytes=max_bytes)
        return _load_url(source, fetch, budget)
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise IngestError("<stdin>", f"input over the {describe_size(max_bytes, max_bytes)} limit")
        source, kind = "<stdin>", None
    else:
        data = read_file(source, max_bytes)
        suffix = suffix_of(source)
        kind = (
            "jsonl" if suffix in JSONL_SUFFIXES else "html" if suffix in HTML_SUFFIXES
            else "txt" if suffix in TEXT_SUFFIXES else None
        )
    with time_budget(budget) as deadline:
        deadline.stage = "reading"
        decoded = decode_text(data, source)
        return _with_notices(load_text(decoded.text, source, kind=kind), source, decoded)


def load_all(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
             stdin: BinaryIO | None = None, budget: float | None = None,
             ) -> Iterator[Document | Failure | Skipped | Notice]:
    """Every document of every input, with a Failure in place of each unusable one.

    Also yields a Skipped for each thing in a folder that is not read, and the Notices of
    an input before its documents. Reading one input (decoding and parsing, not fetching)
    has a time budget of ``budget`` seconds. No input stops the others: an error that is
    not an :class:`IngestError` (a parser's own) is that input's Failure too.
    """
    for source in iter_inputs(inputs):
        if not isinstance(source, str):
            yield source
            continue
        try:
            loaded = load_source(source, max_bytes=max_bytes, fetch=fetch, stdin=stdin, budget=budget)
        except IngestError as exc:
            yield Failure(exc.source, exc.reason)
            continue
        except BudgetExceeded as exc:
            yield Failure(source, f"reading ran past the {exc.seconds:g} s time budget ({exc.stage})")
            continue
        except Exception as exc:  # noqa: BLE001 - one input must not stop the batch
            yield Failure(source, f"could not be read: {type(exc).__name__}: {exc}")
            continue
        yield from loaded.notices
        yield from loaded.documents
        yield from loaded.failures
