"""The export of many stories written as a stream: one story in memory at a time.

The file is the one :func:`~.to_json.write_json` or :func:`~.to_csv.write_csv` writes for the
stories' merged ledger (:func:`newsledger.stories.merge_ledgers`), byte for byte: each story's
ledger is read from the store and its records go to one temporary file per section, which are
joined into the export at the end. An actor found in several of the stories (one id, a full
name) is one entity, written where it first appears with the aliases and mentions of all of
them: the store is asked which ids are in several stories, and those are merged when met.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select

from ..errors import ExportError
from ..model import Entity, Ledger
from ..store import codec
from ..store.repository import Store
from ..store.schema import story_entities
from ..store.stories import StoryRow
from ..stories.read import merge_entity, story_ledger
from .to_csv import COLUMNS, ledger_rows, neutralise
from .to_json import ledger_to_dict

JSON_SECTIONS = ("documents", "quotes", "quantities", "events", "entities", "groups", "stories")
_CSV_KINDS = ("document", "entity", "quote", "quantity", "event")


def write_stories(store: Store, rows: Sequence[StoryRow], path: str | Path | None, fmt: str = "json") -> int:
    """Write the export of the stories ``rows`` to ``path`` ("-" or None: standard output).

    Args:
        store (Store): where the stories are.
        rows (Sequence[StoryRow]): the stories, in the order the export lists them.
        path: the file to write; fmt: "json" or "csv".
    Returns:
        int: how many documents were written.
    Raises:
        ExportError: the file cannot be written.
    """
    try:
        with _output(path) as out:
            return _write_csv(store, rows, out) if fmt == "csv" else _write_json(store, rows, out)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


@contextmanager
def _output(path: str | Path | None) -> Iterator[IO[str]]:
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as f:  # CSV rows end with CRLF as written
        yield f


def story_records(store: Store, rows: Sequence[StoryRow]) -> Iterator[tuple[Ledger, dict[str, Any]]]:
    """Each story's ledger, its entities merged with those of the other stories of ``rows``
    (written once, where first met), and its ``stories`` record."""
    merger = _EntityMerger(store, rows)
    for r in rows:
        led = story_ledger(store, r.id)
        led.entities = [e for e in (merger.entity(r.id, e) for e in led.entities) if e is not None]
        yield led, {"id": r.id, "name": r.name, "title": r.title, "updated": r.updated,
                    "documents": [d.id for d in led.documents], "groups": [g.id for g in led.groups]}


class _EntityMerger:
    """Entities of the exported stories that share an id, merged in the order of the stories."""

    def __init__(self, store: Store, rows: Sequence[StoryRow]) -> None:
        self.store = store
        self.order = {r.id: i for i, r in enumerate(rows)}
        with store.reading() as conn:
            q = select(story_entities.c.id).group_by(story_entities.c.id).having(func.count() > 1)
            self.shared = set(conn.execute(q).scalars()) if len(rows) > 1 else set()
        self.written: set[str] = set()

    def entity(self, story_id: int, e: Entity) -> Entity | None:
        """The entity as the export writes it: merged on first sight, None when written already."""
        if e.id not in self.shared:
            return e
        if e.id in self.written:
            return None
        self.written.add(e.id)
        with self.store.reading() as conn:
            found = [(self.order[r.story_id], r.data) for r in conn.execute(
                select(story_entities.c.story_id, story_entities.c.data).where(story_entities.c.id == e.id))
                if r.story_id in self.order]
        merged: Entity | None = None
        for _, data in sorted(found, key=lambda x: x[0]):
            other = codec.entity_from_dict(data)
            merged = other if merged is None else merge_entity(merged, other)
        return merged or e


def _write_json(store: Store, rows: Sequence[StoryRow], out: IO[str]) -> int:
    counts = dict.fromkeys(JSON_SECTIONS, 0)
    documents = 0
    with ExitStack() as stack:
        parts = {name: stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8")) for name in JSON_SECTIONS}
        for led, record in story_records(store, rows):
            documents += len(led.documents)
            data = ledger_to_dict(led, [record])
            for name in JSON_SECTIONS:
                for rec in data[name]:
                    _json_record(parts[name], rec, first=counts[name] == 0)
                    counts[name] += 1
        out.write("{\n")
        for i, name in enumerate(JSON_SECTIONS):
            out.write(f' "{name}": ')
            if counts[name]:
                out.write("[\n")
                _copy(parts[name], out)
                out.write("\n ]")
            else:
                out.write("[]")
            out.write(",\n" if i < len(JSON_SECTIONS) - 1 else "\n")
        out.write("}\n")
    return documents


def _json_record(f: IO[str], rec: Mapping[str, Any], *, first: bool) -> None:
    """One record as ``json.dumps(..., indent=1)`` writes it two levels down."""
    text = json.dumps(rec, ensure_ascii=False, indent=1)
    if not first:
        f.write(",\n")
    f.write("\n".join("  " + line for line in text.split("\n")))


def _write_csv(store: Store, rows: Sequence[StoryRow], out: IO[str]) -> int:
    documents = 0
    with ExitStack() as stack:
        parts = {kind: stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline=""))
                 for kind in _CSV_KINDS}
        writers = {kind: csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
                   for kind, f in parts.items()}
        for led, record in story_records(store, rows):
            documents += len(led.documents)
            for row in ledger_rows(led, [record]):
                writers[row["kind"]].writerow({k: ("" if v is None else neutralise(v)) for k, v in row.items()})
        header = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
        header.writeheader()
        for kind in _CSV_KINDS:
            _copy(parts[kind], out)
    return documents


def _copy(src: IO[str], dst: IO[str]) -> None:
    src.seek(0)
    while chunk := src.read(1 << 20):
        dst.write(chunk)
