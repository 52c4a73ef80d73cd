"""A run's inputs cut into parts: the articles one worker reads, parses and extracts at a time.

- article files (named, or found in a folder): :data:`PART_ARTICLES` files a part;
- a JSONL file: runs of :data:`PART_ARTICLES` lines, found by one pass over the file that
  reads no JSON (only where lines end), so a file of any size is read a part at a time;
- a Parquet file (the ``scale`` extra: pyarrow): runs of rows within its row groups, with the
  columns of a JSONL line (``text``, ``title``, ``url``, ``outlet``, ``author``, ``published``,
  ``section``, ``id``);
- a URL or standard input: read when the run is planned, one part each.

A :class:`Part` is a small plain record, so a Dask worker on another machine reads its part
itself (files must then be at the same path there). Parts are planned in input order, and
:func:`read_part` gives a part's articles in order: the articles of a run come in the same
order however many workers read them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from ..budget import BudgetExceeded, time_budget
from ..errors import IngestError, NewsledgerError
from ..ingest.decode import decode_text
from ..ingest.files import DEFAULT_MAX_BYTES, JSONL_SUFFIXES, Fetcher, Loaded, load_all, load_source, parse_jsonl
from ..ingest.paths import iter_inputs, suffix_of
from ..model import Document, Failure, Notice, Skipped

if TYPE_CHECKING:
    import pyarrow

# Articles in a part: enough that a worker parses in full batches and a result is worth its
# trip to the client, few enough that two workers share a small folder.
PART_ARTICLES = 48
PARQUET_SUFFIXES = {".parquet", ".parq"}
_RECORD_FIELDS = ("id", "text", "title", "author", "published", "outlet", "url", "dateline", "section")

PartKind = Literal["files", "jsonl", "parquet", "documents", "outcomes"]
# What a run says about an input besides its articles' findings: it failed, it was skipped (a
# duplicate, a file of another type in a folder), or a warning or note about how it was read.
Outcome = Failure | Skipped | Notice


@dataclass(frozen=True, slots=True)
class Part:
    """Some articles of a run's inputs, as a worker finds them.

    Attributes:
        kind: "files" (``files``), "jsonl" (bytes ``start``–``stop`` of ``path``, its first line
            numbered ``first_line``), "parquet" (rows ``start``–``stop`` of row group ``group`` of
            ``path``), "documents" (read already) or "outcomes" (what planning found to say about
            inputs: unusable, skipped; ``outcomes`` holds them, and a "documents" part's notices).
        articles: how many articles it holds (lines with text, rows, files): for progress.
    """

    kind: PartKind
    path: str = ""
    files: tuple[str, ...] = ()
    start: int = 0
    stop: int = 0
    first_line: int = 1
    group: int = 0
    articles: int = 0
    documents: tuple[Document, ...] = ()
    outcomes: tuple[Outcome, ...] = ()

    @property
    def label(self) -> str:
        """Where its articles are, for a message: "a.jsonl lines 97–144", "3 files from a.txt"."""
        if self.kind == "jsonl":
            return f"{self.path} from line {self.first_line}"
        if self.kind == "parquet":
            return f"{self.path} row group {self.group} rows {self.start + 1}–{self.stop}"
        if self.kind == "files":
            return f"{len(self.files)} files from {self.files[0]}" if len(self.files) > 1 else self.files[0]
        return ", ".join(d.source for d in self.documents) or ", ".join(f.source for f in self.outcomes)


@dataclass(slots=True)
class Plan:
    """The parts of a run, in input order, and how many articles they hold together."""

    parts: list[Part] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.parts)


def plan_inputs(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
                part_size: int = PART_ARTICLES, budget: float | None = None) -> Plan:
    """Cut ``inputs`` (files, folders, URLs, "-") into parts of about ``part_size`` articles.

    Reads no article text except from URLs and standard input (read now, each with a time budget
    of ``budget`` seconds); a JSONL file is scanned for its line ends, a Parquet file's metadata
    is read. What a folder holds besides articles is an "outcomes" part of Skipped, in its place.

    Example: a folder of 100 ``.txt`` files and ``feed.jsonl`` of 60 lines, ``part_size=48`` →
    parts of 48, 48 and 4 files, then lines 1–48 and 49–60 of the feed.
    """
    plan = Plan()
    files: list[str] = []

    def flush_files() -> None:
        for i in range(0, len(files), part_size):
            chunk = tuple(files[i:i + part_size])
            plan.parts.append(Part("files", files=chunk, articles=len(chunk)))
        files.clear()

    for source in _sources(inputs):
        if not isinstance(source, str):
            flush_files()
            plan.parts.append(Part("outcomes", outcomes=(source,)))
            continue
        suffix = suffix_of(source)
        if source == "-" or source.startswith(("http://", "https://")):
            flush_files()
            plan.parts.append(_read_now(source, max_bytes=max_bytes, fetch=fetch, budget=budget))
        elif suffix in JSONL_SUFFIXES:
            flush_files()
            plan.parts += plan_jsonl(source, max_bytes=max_bytes, part_size=part_size)
        elif suffix in PARQUET_SUFFIXES:
            flush_files()
            plan.parts += plan_parquet(source, part_size=part_size)
        else:
            files.append(source)
    flush_files()
    return plan


def _sources(inputs: Iterable[str]) -> Iterator[str | Skipped | Failure]:
    """What :func:`~..ingest.paths.iter_inputs` gives, with a folder's Parquet files read, not skipped."""
    for item in iter_inputs(inputs):
        if (isinstance(item, Skipped) and suffix_of(item.source) in PARQUET_SUFFIXES
                and item.reason.startswith("not an article file type")):
            yield item.source
        else:
            yield item


def _read_now(source: str, *, max_bytes: int, fetch: Fetcher | None, budget: float | None) -> Part:
    try:
        loaded = load_source(source, max_bytes=max_bytes, fetch=fetch, budget=budget)
    except IngestError as exc:
        return Part("outcomes", outcomes=(Failure(exc.source, exc.reason),))
    except BudgetExceeded as exc:
        return Part("outcomes", outcomes=(Failure(source, f"reading ran past the {exc.seconds:g} s time budget "
                                                          f"({exc.stage})"),))
    except Exception as exc:  # noqa: BLE001 - one input must not stop the run
        return Part("outcomes", outcomes=(Failure(source, f"could not be read: {type(exc).__name__}: {exc}"),))
    return Part("documents", documents=tuple(loaded.documents),
                outcomes=(*loaded.notices, *loaded.failures), articles=len(loaded.documents) + len(loaded.failures))


def plan_jsonl(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, part_size: int = PART_ARTICLES) -> list[Part]:
    """The parts of a JSONL file: runs of ``part_size`` lines with text, as byte ranges.

    A line longer than ``max_bytes`` is a failure of its own, skipped without being held in memory.
    """
    parts: list[Part] = []
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below; the scan keeps its own positions
    except OSError as exc:
        return [Part("outcomes", outcomes=(Failure(path, _os_reason(exc)),))]
    with f:
        start = pos = 0
        first = line_no = 1
        count = 0
        while True:
            line = f.readline(max_bytes + 1)
            if not line:
                break
            if len(line) > max_bytes and not line.endswith(b"\n"):
                if count:
                    parts.append(Part("jsonl", path=path, start=start, stop=pos, first_line=first, articles=count))
                while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                reason = f"line is over the {max_bytes / 1e6:.1f} MB limit"
                parts.append(Part("outcomes", outcomes=(Failure(f"{path}:{line_no}", reason),), articles=1))
                pos = f.tell()
                line_no += 1
                start, first, count = pos, line_no, 0
                continue
            pos += len(line)
            line_no += 1
            if line.strip():
                count += 1
            if count >= part_size:
                parts.append(Part("jsonl", path=path, start=start, stop=pos, first_line=first, articles=count))
                start, first, count = pos, line_no, 0
        if count:
            parts.append(Part("jsonl", path=path, start=start, stop=pos, first_line=first, articles=count))
    if not parts:
        return [Part("outcomes", outcomes=(Failure(path, "no articles in JSONL"),))]
    return parts


def plan_parquet(path: str, *, part_size: int = PART_ARTICLES) -> list[Part]:
    """The parts of a Parquet file: runs of ``part_size`` rows, each within one row group."""
    try:
        meta = _parquet_file(path).metadata
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        return [Part("outcomes", outcomes=(Failure(path, f"not a readable Parquet file ({exc})"),))]
    parts = []
    for g in range(meta.num_row_groups):
        rows = meta.row_group(g).num_rows
        for start in range(0, rows, part_size):
            stop = min(rows, start + part_size)
            parts.append(Part("parquet", path=path, group=g, start=start, stop=stop, articles=stop - start))
    return parts or [Part("outcomes", outcomes=(Failure(path, "no rows in Parquet file"),))]


def read_part(part: Part, *, max_bytes: int = DEFAULT_MAX_BYTES,
              budget: float | None = None) -> Iterator[Document | Outcome]:
    """The articles of a part, in order, with a Failure in place of each unusable one, and the
    notices of an input before its articles. Reading one input (or a part of a JSONL or Parquet
    file) has a time budget of ``budget`` seconds."""
    if part.kind == "files":
        yield from load_all(part.files, max_bytes=max_bytes, budget=budget)
        return
    if part.kind in ("jsonl", "parquet"):
        where = f"{part.path}:{part.first_line if part.kind == 'jsonl' else part.start + 1}"
        try:
            with time_budget(budget) as deadline:
                deadline.stage = "reading"
                loaded = _read_jsonl(part) if part.kind == "jsonl" else _read_parquet(part)
        except BudgetExceeded as exc:
            yield Failure(where, f"reading ran past the {exc.seconds:g} s time budget ({exc.stage})")
            return
        except IngestError as exc:
            yield Failure(where, exc.reason)
            return
        except OSError as exc:
            yield Failure(where, _os_reason(exc))
            return
        except ValueError as exc:  # pyarrow's errors derive from it
            yield Failure(where, f"not a readable Parquet file ({exc})")
            return
        yield from loaded.notices
        yield from loaded.documents
        yield from loaded.failures
        return
    yield from (o for o in part.outcomes if isinstance(o, Notice))
    yield from part.documents
    yield from (o for o in part.outcomes if not isinstance(o, Notice))


def split_part(part: Part) -> list[Part]:
    """A part cut into parts of one article each (to find the article a worker fails on)."""
    if part.kind == "files":
        return [Part("files", files=(f,), articles=1) for f in part.files]
    if part.kind == "parquet":
        return [Part("parquet", path=part.path, group=part.group, start=r, stop=r + 1, articles=1)
                for r in range(part.start, part.stop)]
    if part.kind != "jsonl":
        return [part]
    out = []
    with open(part.path, "rb") as f:
        f.seek(part.start)
        pos, line_no = part.start, part.first_line
        while pos < part.stop:
            line = f.readline(part.stop - pos)
            if line.strip():
                out.append(Part("jsonl", path=part.path, start=pos, stop=pos + len(line), first_line=line_no,
                                articles=1))
            pos += len(line)
            line_no += 1
    return out


def _read_jsonl(part: Part) -> Loaded:
    """A run of a JSONL file's lines, decoded as the whole file would be, with its notices."""
    with open(part.path, "rb") as f:
        f.seek(part.start)
        data = f.read(part.stop - part.start)
    decoded = decode_text(data, part.path)
    loaded = parse_jsonl(decoded.text, part.path, first_line=part.first_line)
    notices = [Notice(part.path, decoded.warning)] if decoded.warning else []
    if decoded.note:
        notices += [Notice(d.source, decoded.note, "note") for d in loaded.documents]
    return Loaded(loaded.documents, loaded.failures, notices)


def _read_parquet(part: Part) -> Loaded:
    """A run of rows read as JSONL lines would be (one reader of the fields: :func:`parse_jsonl`)."""
    table = _row_group(part.path, part.group)
    rows = table.slice(part.start, part.stop - part.start).to_pylist()
    first = _group_first_row(part.path, part.group) + part.start + 1
    lines = "\n".join(json.dumps({k: v for k, v in r.items() if v is not None}, default=_json_value)
                      for r in rows)
    return parse_jsonl(lines, part.path, first_line=first)


def _json_value(value: object) -> str:
    """A Parquet value JSON has no type for: a timestamp or date as ISO-8601, else its text."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


def _parquet_file(path: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise NewsledgerError("reading Parquet needs pyarrow: pip install 'newsledger[scale]'") from exc
    return pq.ParquetFile(path)


@lru_cache(maxsize=1)
def _row_group(path: str, group: int) -> pyarrow.Table:
    """One row group's article columns; the last one read is kept, since a worker reads the parts
    of one row group one after another."""
    pf = _parquet_file(path)
    columns = [c for c in _RECORD_FIELDS if c in pf.schema_arrow.names]
    return pf.read_row_group(group, columns=columns)


@lru_cache(maxsize=64)
def _group_first_row(path: str, group: int) -> int:
    meta = _parquet_file(path).metadata
    return sum(meta.row_group(g).num_rows for g in range(group))


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"
