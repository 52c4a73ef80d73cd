"""Inputs cut into parts: the same articles, in the same order, as reading each input whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.ingest.files import load_all
from newsledger.model import Document, Failure, Skipped
from newsledger.scale.sources import Part, plan_inputs, read_part, split_part


def _lines(n: int) -> list[dict[str, str]]:
    return [{"id": f"a{i}", "title": f"Title {i}", "text": f"Article number {i}.\nBody of article {i}.\n",
             "outlet": "Courier"} for i in range(n)]


def _write_jsonl(path: Path, rows: list[dict[str, str]], *, blank_every: int = 0) -> Path:
    out = []
    for i, r in enumerate(rows):
        out.append(json.dumps(r))
        if blank_every and i % blank_every == 0:
            out.append("")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _read(parts: list[Part]) -> list[Document | Failure]:
    return [x for p in parts for x in read_part(p)]


def _documents(items: list[Document | Failure]) -> list[Document]:
    return [x for x in items if isinstance(x, Document)]


def _failures(items: list[Document | Failure]) -> list[tuple[str, str]]:
    """Failures by source (a part gives its failures after its documents, as a whole file does)."""
    return sorted((x.source, x.reason) for x in items if isinstance(x, Failure))


@pytest.mark.parametrize("part_size", [1, 3, 7, 100])
def test_sources_jsonl_parts_read_as_the_whole_file(tmp_path: Path, part_size: int) -> None:
    feed = _write_jsonl(tmp_path / "feed.jsonl", [*_lines(10), {"title": "no text"}], blank_every=4)
    plan = plan_inputs([str(feed)], part_size=part_size)
    assert plan.articles == 11
    assert all(p.kind == "jsonl" and p.articles <= part_size for p in plan.parts)
    got, whole = _read(plan.parts), list(load_all([str(feed)]))
    assert _documents(got) == _documents(whole)
    assert _failures(got) == _failures(whole) == [(f"{feed}:14", 'no "text" string field')]


def test_sources_jsonl_line_numbers_name_articles_without_id(tmp_path: Path) -> None:
    rows = [{"text": f"Text {i}."} for i in range(5)]
    feed = _write_jsonl(tmp_path / "feed.jsonl", rows, blank_every=2)
    got = [x.source for x in _read(plan_inputs([str(feed)], part_size=2).parts)]
    assert got == [x.source for x in load_all([str(feed)])]
    assert [s.rsplit(":", 1)[1] for s in got] == ["1", "3", "4", "6", "7"]  # lines 2, 5 and 8 are blank


def test_sources_jsonl_line_over_the_limit_is_a_failure_of_its_own(tmp_path: Path) -> None:
    rows = [json.dumps({"text": "Short one."}), json.dumps({"text": "x" * 5000}), json.dumps({"text": "Short two."})]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(rows) + "\n", encoding="utf-8")
    got = _read(plan_inputs([str(feed)], max_bytes=1000).parts)
    assert [type(x).__name__ for x in got] == ["Document", "Failure", "Document"]
    assert isinstance(got[1], Failure) and got[1].source.endswith(":2") and "limit" in got[1].reason


def test_sources_jsonl_byte_order_mark_is_no_failure(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "With a mark."}).encode() + b"\n")
    [doc] = _read(plan_inputs([str(feed)]).parts)
    assert isinstance(doc, Document) and doc.text == "With a mark."


def test_sources_folder_files_in_order_with_jsonl_between(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "d.txt"):
        (tmp_path / name).write_text(f"Story {name}.\n", encoding="utf-8")
    _write_jsonl(tmp_path / "c.jsonl", _lines(3))
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    plan = plan_inputs([str(tmp_path)], part_size=2)
    assert [p.kind for p in plan.parts] == ["files", "jsonl", "jsonl", "files", "outcomes"]
    got = _read(plan.parts)
    assert [x.file for x in got if isinstance(x, Document)] == [
        "a.txt", "b.txt", "c.jsonl:a0", "c.jsonl:a1", "c.jsonl:a2", "d.txt"]
    assert [(Path(x.source).name, x.reason) for x in got if isinstance(x, Skipped)] == [
        ("notes.md", "not an article file type (.md)")]


def test_sources_missing_file_is_a_failure(tmp_path: Path) -> None:
    got = _read(plan_inputs([str(tmp_path / "gone.txt"), str(tmp_path / "gone.jsonl")]).parts)
    assert [(type(x).__name__, x.reason) for x in got if isinstance(x, Failure)] == [
        ("Failure", "no such file"), ("Failure", "no such file")]


def test_sources_split_part_gives_one_article_each(tmp_path: Path) -> None:
    feed = _write_jsonl(tmp_path / "feed.jsonl", _lines(5), blank_every=2)
    [part] = plan_inputs([str(feed)]).parts
    singles = split_part(part)
    assert [p.articles for p in singles] == [1] * 5
    assert _read(singles) == _read([part])


def test_sources_parquet_rows_read_as_jsonl_lines(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = _lines(7)
    rows[3] = {**rows[3], "text": ""}
    table = pa.Table.from_pylist(rows)
    pq.write_table(table, tmp_path / "feed.parquet", row_group_size=3)
    _write_jsonl(tmp_path / "feed.jsonl", rows)
    plan = plan_inputs([str(tmp_path / "feed.parquet")], part_size=2)
    assert plan.articles == 7 and len(plan.parts) == 5  # row groups of 3, 3, 1 in runs of 2
    got = _read(plan.parts)
    want = _read(plan_inputs([str(tmp_path / "feed.jsonl")]).parts)
    assert [x.text for x in got if isinstance(x, Document)] == [x.text for x in want if isinstance(x, Document)]
    assert [x.source.replace(".parquet", ".jsonl") for x in _documents(got)] == [x.source for x in _documents(want)]
    assert [(s.replace(".parquet", ".jsonl"), r) for s, r in _failures(got)] == _failures(want)
    singles = _read([q for p in plan.parts for q in split_part(p)])
    assert _documents(singles) == _documents(got) and _failures(singles) == _failures(got)
