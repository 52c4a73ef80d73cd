"""Ingest: files, folders, JSONL, HTML, URLs and standard input → Documents.

Every unusable input raises :class:`IngestError` naming it, and :func:`load_all` turns
each into a recorded :class:`Failure` so the rest of the batch goes on.

Offsets are into the text exactly as decoded: a UTF-8 file is decoded as
``open(path, encoding="utf-8", newline="")`` would (a BOM stays as U+FEFF, newlines are
not translated), so exported offsets agree with any reader that follows the export format.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import IngestError
from ..model import Document, Failure, Metadata
from .html import document_from_html
from .read import document_from_text

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
INGESTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# 20 MB of text is ~3 million words: far beyond any article; larger inputs are refused
# rather than read into memory.
DEFAULT_MAX_BYTES = 20_000_000
_PREFERRED_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
_CHAOS_MARGIN = 0.05
_JSONL_FIELDS = ("title", "author", "published", "outlet", "url", "dateline", "section")

Fetcher = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class Loaded:
    """What loading one input gave: documents and per-item failures (JSONL lines)."""

    documents: list[Document]
    failures: list[Failure]


def expand_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Paths, folders (their ingestible files, sorted), URLs and "-" (stdin), in order.

    A folder contributes only ``.txt``/``.html``/``.jsonl`` files (an answer key or a README
    beside the articles is not an article); a file named explicitly is always read.
    """
    for item in inputs:
        if item == "-" or item.startswith(("http://", "https://")):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in INGESTED_SUFFIXES:
                    yield str(child)
        else:
            yield item


def decode_bytes(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 first, else the detected encoding; binary is refused.

    Raises:
        IngestError: empty, binary, or undecodable input.
    """
    if not data.strip():
        raise IngestError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(source, f"bad UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        raise IngestError(source, "binary or undecodable file (no text encoding fits)")
    # Short Western texts fit many code pages almost equally well; news in a legacy
    # encoding is most often Windows-1252, so it wins among near-equal candidates.
    least_chaos = min(m.chaos for m in matches)
    near = [m.encoding for m in matches if m.chaos <= least_chaos + _CHAOS_MARGIN]
    encoding = next((e for e in _PREFERRED_ENCODINGS if e in near), matches[0].encoding)
    text = data.decode(encoding, errors="replace")
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:5000])
    if printable < 0.9 * min(len(text), 5000):
        raise IngestError(source, "binary file (mostly unprintable characters), not text")
    return text


def _read_bytes(path: str, max_bytes: int) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise IngestError(path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit")
        with open(path, "rb") as f:
            return f.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise IngestError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise IngestError(path, "is a directory") from exc
    except PermissionError as exc:
        raise IngestError(path, "permission denied") from exc
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from exc


def _looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and head[:1] == "<")


def _looks_like_jsonl(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()][:5]
    return bool(lines) and all(ln.lstrip().startswith("{") for ln in lines)


def parse_jsonl(text: str, source: str, *, first_line: int = 1) -> Loaded:
    """One Document per JSON line with a non-empty ``text``; bad lines become failures.

    Each line: ``{"text": ..., "title"?, "url"?, "outlet"?, "author"?, "published"?}``.
    The document's source is ``<file>:<id>``, else ``<file>:<line number>``, counted from
    ``first_line`` (a part of a file read alone starts further down).
    """
    docs, failures = [], []
    for n, line in enumerate(text.splitlines(), start=first_line):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            failures.append(Failure(where, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            failures.append(Failure(where, 'no "text" string field'))
            continue
        if not obj["text"].strip():
            failures.append(Failure(where, "empty text"))
            continue
        fields = {k: obj[k] for k in _JSONL_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()}
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
        return Loaded([document_from_html(text, source)], [])
    if not text.strip():
        raise IngestError(source, "empty file")
    return Loaded([document_from_text(text, source)], [])


def load_source(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
                stdin: BinaryIO | None = None) -> Loaded:
    """Load one input: a path, an http(s) URL, or "-" for standard input.

    Raises:
        IngestError: the input as a whole cannot be used (the message names it).
    """
    if source.startswith(("http://", "https://")):
        from .url import fetch_url

        html = (fetch or fetch_url)(source)
        if html is None or not html.strip():
            raise IngestError(source, "could not fetch the page (no response or empty body)")
        doc = document_from_html(html, source)
        return Loaded([doc], [])
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise IngestError("<stdin>", f"input over the {max_bytes / 1e6:.1f} MB limit")
        return load_text(decode_bytes(data, "<stdin>"), "<stdin>")
    data = _read_bytes(source, max_bytes)
    text = decode_bytes(data, source)
    suffix = Path(source).suffix.lower()
    kind = (
        "jsonl" if suffix in JSONL_SUFFIXES else "html" if suffix in HTML_SUFFIXES
        else "txt" if suffix in TEXT_SUFFIXES else None
    )
    return load_text(text, source, kind=kind)


def load_all(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
             stdin: BinaryIO | None = None) -> Iterator[Document | Failure]:
    """Every document of every input, with a Failure in place of each unusable one."""
    for source in expand_inputs(inputs):
        try:
            loaded = load_source(source, max_bytes=max_bytes, fetch=fetch, stdin=stdin)
        except IngestError as exc:
            yield Failure(exc.source, exc.reason)
            continue
        yield from loaded.documents
        yield from loaded.failures
