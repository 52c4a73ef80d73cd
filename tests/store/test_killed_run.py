"""Runs killed with SIGKILL at two points, then run again: the database stays sound and ends row for row
the same as after one uninterrupted run (tests/test_cli.py checks the documents left by one kill)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "harbor-fire"
N_ARTICLES = 24


def _analyze(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "newsledger", "analyze", "-q", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=30)) as conn:
            return int(conn.execute("select count(*) from documents").fetchone()[0])
    except sqlite3.OperationalError:  # the tables are not made yet
        return 0


def _kill_after(folder: Path, db: Path, stored: int) -> None:
    proc = _analyze(folder, db)
    deadline = time.monotonic() + 240  # a loaded machine may be slow to store the first few
    try:
        while time.monotonic() < deadline and proc.poll() is None and _count(db) < stored:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(30)


def _rows(db: Path) -> dict[str, object]:
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        rows: dict[str, object] = {t: conn.execute(f"select * from {t} order by id").fetchall()
                                   for t in ("documents", "items")}
        # which articles make up each story (story ids and join times depend on the run)
        members: dict[int, set[str]] = {}
        for doc_id, story_id in conn.execute("select doc_id, story_id from story_documents"):
            members.setdefault(story_id, set()).add(doc_id)
        rows["stories"] = sorted(sorted(m) for m in members.values())
        # a group keeps the id it was first stored with: what it holds must be the same
        rows["groups"] = sorted(sorted(json.loads(r[0])["members"]) for r in conn.execute("select data from story_groups"))
        return rows


def test_killed_runs_then_rerun_restore_the_store_row_for_row(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted(EXAMPLE.glob("*.txt"))
    for i in range(N_ARTICLES):
        src = sources[i % len(sources)]
        (folder / f"{i:03d}_{src.name}").write_text(src.read_text(encoding="utf-8") + f"\nRef {i}.\n",
                                                   encoding="utf-8")
    db, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    for stored in (2, 8):
        _kill_after(folder, db, stored)
        rows = _rows(db)  # sound after each kill: integrity holds, every item belongs to a whole document
        docs = {r[0] for r in rows["documents"]}  # type: ignore[attr-defined]
        assert {r[1] for r in rows["items"]} <= docs  # type: ignore[attr-defined]
        assert 0 < len(docs) < N_ARTICLES, "the run was not cut midway"
    assert _analyze(folder, db).wait(300) == 0
    assert _analyze(folder, clean).wait(300) == 0
    again, once = _rows(db), _rows(clean)
    assert len(once["documents"]) == N_ARTICLES  # type: ignore[arg-type]
    assert again == once
