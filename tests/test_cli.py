"""The command line end to end: analyze, export, bad inputs, re-ingest, a run killed midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.model import item_id
from newsledger.pipeline import extract_document, prepare
from newsledger.store.repository import Store
from newsledger.stories import story_ledger

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "harbor-fire"


def _analyze(*args: str) -> int:
    return main(["analyze", "-q", *args])


def test_analyze_example_writes_export_and_store(tmp_path: Path) -> None:
    out, db = tmp_path / "ledger.json", tmp_path / "nl.db"
    assert _analyze(str(EXAMPLE), "-o", str(out), "--db", str(db)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(d["file"] for d in data["documents"]) == sorted(p.name for p in EXAMPLE.glob("*.txt"))
    texts = {d["id"]: (EXAMPLE / d["file"]).read_text(encoding="utf-8") for d in data["documents"]}
    for section in ("quotes", "quantities", "events"):
        assert data[section], section
        for item in data[section]:
            assert texts[item["doc"]][item["start"]:item["end"]] == item["text"]
    assert data["entities"] and data["groups"]
    stored = story_ledger(Store(str(db)), 1)
    assert len(stored.documents) == 5 and len(stored.groups) == len(data["groups"])
    assert [s["id"] for s in data["stories"]] == [1]


def test_export_command_from_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "nl.db"
    assert _analyze(str(EXAMPLE), "--db", str(db)) == 0
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["documents"]) == 5 and data["quotes"]
    csv_path = tmp_path / "ledger.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(csv_path)]) == 0
    assert csv_path.read_text(encoding="utf-8").startswith("kind,id,story,doc,file,outlet,url,paragraph,")


def test_reanalyze_stores_each_article_once(tmp_path: Path) -> None:
    db = tmp_path / "nl.db"
    assert _analyze(str(EXAMPLE), "--db", str(db)) == 0
    first = Store(str(db)).load_ledger()
    assert _analyze(str(EXAMPLE), "--db", str(db)) == 0
    second = Store(str(db)).load_ledger()
    assert len(second.documents) == len(first.documents) == 5
    assert [item_id(q) for q in second.quotes] == [item_id(q) for q in first.quotes]


def test_bad_inputs_reported_and_batch_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = EXAMPLE / "000_coastline-courier.txt"
    (folder / "good.txt").write_bytes(good.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.html").write_text("<html><body></body></html>", encoding="utf-8")
    db = tmp_path / "nl.db"
    # something stored earlier must survive a failing batch
    assert _analyze(str(EXAMPLE / "001_northgate-tribune.txt"), "--db", str(db)) == 0
    capsys.readouterr()
    assert _analyze(str(folder), "--db", str(db)) == 1
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("error")]
    assert len(lines) == 3, err
    assert any("empty.txt: empty file" in ln for ln in lines)
    assert any("binary.txt" in ln and "binary" in ln for ln in lines)
    assert any("broken.html" in ln for ln in lines)
    files = sorted(d.file for d in Store(str(db)).load_ledger().documents)
    assert files == ["001_northgate-tribune.txt", "good.txt"]


@pytest.mark.parametrize("text", ["", "\x00\x01", "a" * 200_000, "«»“”‘’\"'" * 500, "\n\n\n", "1,000 " * 5000,
                                  "“unclosed " * 300, "By\nBy\nBy", "Photo:\n" * 50])
def test_no_crash_on_odd_text(text: str) -> None:
    from newsledger.ingest.read import document_from_text
    from newsledger.pipeline import build_ledger

    found = extract_document(prepare(document_from_text(text, "odd.txt")))
    assert not found.failures
    ledger = build_ledger([found])
    for x in [*ledger.quotes, *ledger.quantities, *ledger.events]:
        assert text[x.start:x.end] == x.text


def test_stdin_input(tmp_path: Path) -> None:
    text = (EXAMPLE / "000_coastline-courier.txt").read_bytes()
    out = tmp_path / "ledger.json"
    done = subprocess.run([sys.executable, "-m", "newsledger", "analyze", "-q", "-", "-o", str(out),
                           "--no-store"], input=text, capture_output=True, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["file"] for d in data["documents"]] == ["<stdin>"] and data["quotes"]


def test_run_killed_midway_leaves_only_whole_documents(tmp_path: Path) -> None:
    """SIGKILL an analyze of many articles; every stored document has exactly its findings."""
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted(EXAMPLE.glob("*.txt"))
    for i in range(60):
        src = sources[i % len(sources)]
        (folder / f"{i:03d}_{src.name}").write_text(src.read_text(encoding="utf-8") + f"\nRef {i}.\n",
                                                   encoding="utf-8")
    db = tmp_path / "nl.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "newsledger", "analyze", "-q", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 240  # generous: a loaded CI machine may be slow to store the first few
    try:
        while time.time() < deadline and proc.poll() is None:
            if db.exists() and Store(str(db)).count_documents() >= 3:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(10)
    stored = Store(str(db)).load_ledger()
    assert 0 < len(stored.documents) < 60, "the run was not cut midway"
    for doc in stored.documents:
        fresh = extract_document(prepare(doc))
        want = {item_id(x) for x in [*fresh.quotes, *fresh.quantities, *fresh.events]}
        got = {item_id(x) for x in [*stored.quotes, *stored.quantities, *stored.events] if x.doc == doc.id}
        assert got == want, doc.file


def test_no_crash_on_random_texts() -> None:
    """Seeded random mixtures of words, marks, numbers, dates and junk: no failure, valid spans."""
    import random

    from newsledger.ingest.read import document_from_text
    from newsledger.pipeline import build_ledger

    pieces = ["the", "said", "that", "he", "she", "“", "”", "‘", "’", '"', "'", "«", "»", "—", "–", "-", ",", ".",
              ":", ";", "\n", "\n\n", "Mara", "Lind", "President", "Ambassador", "of", "over", "about", "some",
              "1,000", "3.5", "million", "two", "dozen", "hundreds", "between", "and", "to", "at", "least", "last",
              "summer", "Tuesday", "March", "2024", "11", "By", "Photo:", "Trending", "Now", "(", ")", "%", "$",
              "according", "reportedly", "45-year-old", "Inc.", "Dr.", "U.S.", "é", "😂", "\t", "  ", "0"]
    rng = random.Random(20261123)
    findings = []
    for _ in range(120):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 220)))
        found = extract_document(prepare(document_from_text(text, "random.txt")))
        assert not found.failures, (text, found.failures)
        findings.append(found)
        for x in [*found.quotes, *found.quantities, *found.events, *found.mentions, *found.times]:
            assert text[x.start:x.end] == x.text
    ledger = build_ledger(findings)
    assert not ledger.failures


def test_analyze_large_run_summary_gives_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger import cli

    monkeypatch.setattr(cli, "SUMMARY_MAX_ARTICLES", 3)  # a run "too large" for a line per article
    assert main(["analyze", "--db", str(tmp_path / "nl.db"), str(EXAMPLE), "-o", str(tmp_path / "l.json")]) == 0
    out = capsys.readouterr().out
    assert "newsledger: 5 articles into 1 story (1 new)" in out and "joined:" not in out
    assert "wrote" in out and "stored 5 articles" in out and "--story 1" in out
    assert len(json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))["documents"]) == 5


def test_analyze_workers_and_scheduler_are_exclusive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1", "--db",
                 str(tmp_path / "nl.db"), str(EXAMPLE)]) == 2
    assert "give --workers or --scheduler, not both" in capsys.readouterr().err
