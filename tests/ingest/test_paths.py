"""Listing inputs and reading files: one Skipped per thing in a folder that is not read, no hang on a FIFO."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from newsledger.errors import IngestError
from newsledger.ingest.limits import parse_size
from newsledger.ingest.paths import iter_inputs, read_file, suffix_of
from newsledger.model import Skipped


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "b.html").write_text("two", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README").write_text("#", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    (tmp_path / "sub.txt" / "c.jsonl").write_text("{}", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "linked.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/null")
    (tmp_path / "up").symlink_to(tmp_path)
    return tmp_path


def test_iter_inputs_skips_with_reasons(folder: Path) -> None:
    got = [(x.source, x.reason) if isinstance(x, Skipped) else x for x in iter_inputs([str(folder)])]
    f = str(folder)
    assert got == [
        (f"{f}/README", "not an article file type (no suffix)"),
        f"{f}/a.txt",
        f"{f}/b.html",
        (f"{f}/dangling.txt", f"dangling symbolic link (to {f}/nowhere.txt)"),
        (f"{f}/gold.json", "not an article file type (.json)"),
        f"{f}/linked.txt",
        (f"{f}/loop1.txt", "symbolic link loop"),
        (f"{f}/loop2.txt", "symbolic link loop"),
        (f"{f}/pipe.txt", "not a regular file (a FIFO)"),
        (f"{f}/sub.txt", "a directory named like an article (its files are read)"),
        f"{f}/sub.txt/c.jsonl",
        (f"{f}/up", "symbolic link to a folder, not followed"),
        (f"{f}/zero.txt", "not a regular file (a character device)"),
    ]


def test_iter_inputs_passes_urls_stdin_and_named_files(folder: Path) -> None:
    named = [str(folder / "pipe.txt"), "-", "https://news.example/a", str(folder / "gold.json")]
    assert list(iter_inputs(named)) == named


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pipe.txt", "not a regular file (a FIFO)"),
        ("zero.txt", "not a regular file (a character device)"),
        ("loop1.txt", "symbolic link loop"),
        ("missing.txt", "no such file"),
        ("sub.txt", "is a directory"),
    ],
)
def test_read_file_refuses_what_is_no_regular_file_without_hanging(folder: Path, name: str, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError) as info:
        read_file(str(folder / name), 1000)
    assert info.value.reason == reason
    assert time.monotonic() - started < 1.0


def test_read_file_dangling_link_names_its_target(folder: Path) -> None:
    with pytest.raises(IngestError) as info:
        read_file(str(folder / "dangling.txt"), 1000)
    assert info.value.reason == f"dangling symbolic link (to {folder}/nowhere.txt)"


@pytest.mark.parametrize(
    ("limit", "reason"),
    [("500", "file is 1,200 bytes, over the 500 bytes limit"), ("1k", "file is 1.2k, over the 1k limit"),
     ("0.001MB", "file is 0.0012MB, over the 0.001MB limit")],
)
def test_read_file_too_large_in_the_unit_given(tmp_path: Path, limit: str, reason: str) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1200)
    with pytest.raises(IngestError) as info:
        read_file(str(big), parse_size(limit))
    assert info.value.reason == reason


def test_read_file_any_bytes_in_the_name(tmp_path: Path) -> None:
    name = os.fsdecode(bytes(tmp_path) + b"/caf\xe9 [x]\n.txt")
    with open(name, "wb") as f:
        f.write(b"text")
    assert read_file(name, 100) == b"text"


@pytest.mark.parametrize(("name", "suffix"), [("a/b.TXT", ".txt"), ("a.b/c", ""), (".hidden", ""), ("x.tar.gz", ".gz")])
def test_suffix_of(name: str, suffix: str) -> None:
    assert suffix_of(name) == suffix
