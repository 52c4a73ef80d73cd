"""The command line around stories: every option, message and output through ``newsledger.cli.main``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsledger.cli import main

from .stories.conftest import ARTICLES

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def two_stories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database holding the invented ferry story (1) and bakers' strike (2)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("ferry1.txt", "ferry2.txt", "bakery1.txt", "bakery2.txt"):
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    db = tmp_path / "nl.db"
    assert main(["analyze", "-q", "--db", str(db), str(folder / "ferry1.txt"), str(folder / "ferry2.txt"),
                 str(folder / "bakery1.txt"), str(folder / "bakery2.txt")]) == 0
    capsys.readouterr()
    return db


@pytest.mark.parametrize("argv", [["stories"], ["export"], ["ledger"], ["timeline"], ["report"]])
def test_cli_reading_commands_never_create_a_database(argv: list[str], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == "newsledger: no database at newsledger.db: run `newsledger analyze` first"
    assert not (tmp_path / "newsledger.db").exists()


@pytest.mark.parametrize("command", ["ledger", "timeline", "report"])
def test_cli_views_of_given_articles_store_nothing(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("ferry1.txt", "ferry2.txt"):
        (tmp_path / name).write_text(ARTICLES[name], encoding="utf-8")
    assert main([command, "ferry1.txt", "ferry2.txt"]) == 0
    out = capsys.readouterr().out
    assert not (tmp_path / "newsledger.db").exists()
    if command == "report":
        assert "wrote report.html: story 1, 2 articles" in out and (tmp_path / "report.html").is_file()
    else:
        assert out.startswith("Story 1: Ferry capsizes on Lake Varn")


def test_cli_views_of_given_articles_add_to_a_named_database(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLES["ferry1.txt"], encoding="utf-8")
    assert main(["timeline", "--db", str(tmp_path / "kept.db"), str(tmp_path / "a.txt")]) == 0
    assert main(["stories", "--db", str(tmp_path / "kept.db")]) == 0


@pytest.mark.parametrize("command", ["ledger", "timeline", "report", "export"])
def test_cli_several_stories_need_story_option(command: str, two_stories: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--db", str(two_stories)]) == 2
    err = capsys.readouterr().err
    assert "the database holds 2 stories; choose one with --story ID or NAME" in err
    assert "1: Ferry capsizes on Lake Varn" in err and "2: Bakers at Kellin Mills walk out over pay" in err
    assert main([command, "--db", str(two_stories), "--story", "7"]) == 2
    assert "no story '7'" in capsys.readouterr().err


def test_cli_ledger_and_timeline_of_one_story(two_stories: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledger", "--db", str(two_stories), "--story", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Story 2: Bakers at Kellin Mills walk out over pay")
    assert "bakery1.txt" in out and "paragraph 3" in out and "Ferry" not in out
    assert main(["timeline", "--db", str(two_stories), "--story", "1"]) == 0
    out = capsys.readouterr().out
    assert "2031-03-03" in out and "ferry1.txt" in out and "paragraph" in out and "outlet not named" in out


def test_cli_report_of_one_story(two_stories: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--db", str(two_stories), "--story", "1", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>Ferry capsizes on Lake Varn" in page and "ferry2.txt, paragraph" in page and "Kellin" not in page


def test_cli_report_to_stdout_and_to_a_folder_that_is_not_there(two_stories: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["report", "--db", str(two_stories), "--story", "1", "-o", "-"]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("<!DOCTYPE html>") and "Ferry capsizes on Lake Varn" in printed.out
    missing = tmp_path / "no-such-folder" / "r.html"
    assert main(["report", "--db", str(two_stories), "--story", "1", "-o", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"newsledger: cannot write {missing}: No such file or directory"]


def test_cli_stories_lists_them(two_stories: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--db", str(two_stories), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["articles"], r["groups"], r["conflicts"]) for r in rows] == [(1, 2, 1, 0), (2, 2, 1, 0)]
    assert main(["stories", "--db", str(two_stories)]) == 0
    table = capsys.readouterr().out
    assert "2 stories in" in table and "Articles" in table and "Conflicts" in table


def test_cli_export_all_and_one(two_stories: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(two_stories), "--all"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(s["id"], len(s["documents"])) for s in data["stories"]] == [(1, 2), (2, 2)]
    assert sorted(d["file"] for d in data["documents"]) == ["bakery1.txt", "bakery2.txt", "ferry1.txt", "ferry2.txt"]
    path = tmp_path / "bakers.csv"
    assert main(["export", "--db", str(two_stories), "--story", "2", "-o", str(path)]) == 0  # CSV from the suffix
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    kinds = [r["kind"] for r in rows]
    assert kinds[:2] == ["document", "document"] and "entity" in kinds and "quantity" in kinds
    assert all(r["outlet"] == "outlet not named" and r["paragraph"] for r in rows if r["kind"] == "quantity")
    assert {r["file"] for r in rows if r["file"]} == {"bakery1.txt", "bakery2.txt"}
    assert main(["export", "--db", str(two_stories), "--all", "--story", "1"]) == 2


def test_cli_export_from_store_is_what_analyze_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, out = tmp_path / "nl.db", tmp_path / "ledger.json"
    assert main(["analyze", "-q", "--db", str(db), str(REPO / "examples" / "harbor-fire"), "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == 0
    assert capsys.readouterr().out == written
    data = json.loads(written)
    assert any(q["speaker_entity"] for q in data["quotes"]) and any(n["source_entity"] for n in data["quantities"])
    assert all(isinstance(x["paragraph"], int) for x in data["quotes"])


def test_cli_analyze_csv_to_file_and_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLES["bakery1.txt"], encoding="utf-8")
    out = tmp_path / "ledger.csv"
    assert main(["analyze", "-q", "--no-store", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("kind,id,story,doc,file,outlet,url,paragraph,")
    assert main(["analyze", "--no-store", str(src), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("kind,id,story,") and "document" in captured.out
    assert "a.txt" in captured.err and "kind,id" not in captured.err  # the summary went to stderr


def test_cli_analyze_says_what_it_wrote_and_what_next(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLES["ferry1.txt"], encoding="utf-8")
    db, out = tmp_path / "nl.db", tmp_path / "l.json"
    assert main(["analyze", "--db", str(db), str(src), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"wrote {out} (JSON, 1 article of 1 story)" in text
    assert f"stored 1 article in {db}" in text
    assert f"next: newsledger ledger --db {db} --story 1" in text
    assert "a.txt started it" in text


def test_cli_summary_fits_80_columns_when_piped(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["analyze", "--no-store", str(REPO / "examples" / "mine-strike")]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    header = next(line for line in out.splitlines() if "Article" in line)
    assert all(col in header for col in ("Published", "Quotes", "Figures", "Events", "Story"))
    assert "Story 1 (new): Miners trapped after tunnel gives way" in out


def test_cli_ledger_status_shows_one_verdict(two_stories: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledger", "--db", str(two_stories), "--story", "2", "--status", "conflict"]) == 0
    out = capsys.readouterr().out
    assert "COMPATIBLE " not in out and "AGREE " not in out
    assert "CONFLICT " in out or "no group with the verdict conflict" in out
    with pytest.raises(SystemExit) as stop:
        main(["ledger", "--db", str(two_stories), "--story", "2", "--status", "maybe"])
    assert stop.value.code == 2
