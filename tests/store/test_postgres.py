"""The store on PostgreSQL: the same code through a postgresql:// URL.

A throwaway cluster is started with the server's own tools (initdb, pg_ctl) on a Unix
socket in a temporary folder; the test is skipped where no PostgreSQL server binaries or
no psycopg driver are installed (``.ci/run`` installs both).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.pipeline import extract_document, prepare_text
from newsledger.store.repository import Store

TEXT = ("Quay Fire Spreads\nBy Jane Roe\nMarch 14, 2025\nPort Alden – “We are doing everything we can,” said fire "
        "chief Mara Lind on Tuesday. Some 300 workers were sent home last week, the port said.\n")


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    pytest.importorskip("psycopg")
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb)")
    # not under pytest's tmp folder: that one is private to this user, and the server may run as another
    base = Path(tempfile.mkdtemp(prefix="newsledger-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        if shutil.which("runuser") is None or subprocess.run(["id", "postgres"], capture_output=True).returncode:
            pytest.skip("running as root without a postgres user")
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    run = lambda *cmd: subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=120)  # noqa: E731
    init = run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    if init.returncode:
        pytest.skip(f"initdb failed: {init.stderr.strip()[:200]}")
    port = "54329"
    start = run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "start",
                "-o", f"-k {sock} -p {port} -c listen_addresses=''")
    if start.returncode:
        pytest.skip(f"PostgreSQL did not start: {start.stderr.strip()[:200]}")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}&port={port}"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


def test_store_round_trip_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url)
    found = extract_document(prepare_text(TEXT, source="a.txt"))
    items = [*found.quotes, *found.quantities, *found.events]
    assert items
    assert store.save_document(found.doc, items) is True
    assert store.save_document(found.doc, items) is False  # stored once
    second = Store(pg_url)
    ledger = second.load_ledger()
    second.close()
    assert ledger.documents == [found.doc]
    assert sorted(ledger.quotes + ledger.quantities + ledger.events, key=repr) == sorted(items, key=repr)  # type: ignore[operator]
    store.close()


def test_watch_state_on_postgresql(pg_url: str) -> None:
    from newsledger.watch.state import feed_state, item_states, record_item, save_feed_failure, save_feed_read

    store = Store(pg_url)
    feed = "https://news.example.org/" + "long/" * 300 + "rss"  # addresses may be long
    assert save_feed_failure(store, feed, "HTTP 503 Service Unavailable") == 1
    save_feed_read(store, feed, title="Velmora Courier", changed=True, etag='"v2"', last_modified=None)
    state = feed_state(store, feed)
    assert (state.etag, state.failures, state.error, state.title) == ('"v2"', 0, None, "Velmora Courier")
    link = "https://news.example.org/a?" + "x" * 3000
    record_item(store, item=link, feed=feed, url=link, status="pending", reason="no response", tries=1)
    record_item(store, item=link, feed=feed, url=link, status="stored", doc_id="abc", story_id=1, tries=1)
    [(key, seen)] = item_states(store, [link, "https://news.example.org/b"]).items()
    assert key == link and (seen.status, seen.doc_id, seen.tries) == ("stored", "abc", 1)
    store.close()
