"""``newsledger watch`` on the command line: --once, its lines and exit status, and Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.store.repository import Store
from newsledger.stories import story_rows

from .conftest import ARTICLES, FeedServer, page_html, rss

REPO = Path(__file__).resolve().parents[2]


def _feed(server: FeedServer, *slugs: str) -> None:
    for slug in ARTICLES:
        server.serve(f"/news/{slug}", page_html(slug))
    server.serve("/feed.xml", rss("Velmora Courier", [
        {"title": ARTICLES[s][0], "link": server.url(f"/news/{s}"), "date": ARTICLES[s][1]} for s in slugs]))


def _strip_time(line: str) -> str:
    """A line without its leading clock time ("12:03:44 story 1 …" → "story 1 …")."""
    return line.split(" ", 1)[1] if line[:2].isdigit() and line[2:3] == ":" else line


def test_cli_watch_once_reads_one_round_and_exits(feed_server: FeedServer, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _feed(feed_server, "engineers-inspect", "bridge-collapse")
    db = tmp_path / "nl.db"
    argv = ["watch", feed_server.url("/feed.xml"), "--once", "--allow-private-urls", "--db", str(db),
            "--notify", feed_server.url("/hook")]
    assert main(argv) == 0
    captured = capsys.readouterr()
    out = [_strip_time(x) for x in captured.out.splitlines()]
    assert out == [
        "story 1 (new) · Velmora Courier · Velmora bridge: engineers inspect the Tarrow span",
        "story 1 · Velmora Courier · Footbridge collapses over the Tarrow in Velmora",
        "story 1 · new conflict · injured: 12 and 5 cannot both hold for 'people injured'; both rest on one "
        "original source, Velmora Fire Brigade: one independent source, two outlets",
    ]
    assert captured.err.strip().endswith("done: 2 new articles in 1 story, 1 alert")
    assert feed_server.count("/feed.xml") == 1
    assert [p["event"] for p in feed_server.posts] == ["article", "article", "conflict"]
    # again: nothing new, nothing printed
    assert main(argv) == 0
    assert capsys.readouterr().out == ""


def test_cli_watch_once_exit_status_1_when_a_feed_failed(feed_server: FeedServer, dead_url: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    _feed(feed_server, "bridge-collapse")
    assert main(["watch", dead_url, feed_server.url("/feed.xml"), "--once", "--allow-private-urls",
                 "--db", str(tmp_path / "nl.db")]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    [failure] = [_strip_time(x) for x in captured.err.splitlines() if dead_url in x]
    assert failure.startswith(f"feed {dead_url}: could not connect")


@pytest.mark.parametrize("every", ["soon", "0s", "-5m"])
def test_cli_watch_every_must_be_a_duration(every: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["watch", "https://example.org/rss", "--once", f"--every={every}"])
    assert stopped.value.code == 2 and f"{every!r} is not a duration" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "message"), [
    (["https://example.org/rss", "--max-items", "0"], "--max-items must be at least 1, not 0"),
    (["example.org/rss"], "'example.org/rss' is not an http(s) address"),
    (["https://example.org/rss", "--notify", "localhost:9000"], "'localhost:9000' is not an http(s) address"),
])
def test_cli_watch_usage_errors(argv: list[str], message: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", "--once", "--db", str(tmp_path / "nl.db"), *argv]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_cli_watch_ctrl_c_stops_after_the_current_article(feed_server: FeedServer, tmp_path: Path) -> None:
    _feed(feed_server, "vigil", "bridge-collapse")
    feed_server.routes["/news/bridge-collapse"].delay = 1.5  # Ctrl-C comes while this page is fetched
    db = tmp_path / "nl.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    proc = subprocess.Popen([sys.executable, "-m", "newsledger", "watch", feed_server.url("/feed.xml"),
                             "--every", "50ms", "--allow-private-urls", "--db", str(db)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while feed_server.count("/news/bridge-collapse") == 0 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopping after the current article" in err and "stopped: 2 new articles in 1 story" in err
    titles = [_strip_time(x) for x in out.splitlines()]
    assert titles[0].endswith(ARTICLES["vigil"][0]) and titles[1].endswith(ARTICLES["bridge-collapse"][0])
    store = Store(str(db), create=False)
    [row] = story_rows(store)
    assert row.articles == 2 and not row.stale
    store.close()
