"""Stores for the web ledger's tests: the invented harbour-fire story, and hostile text.

- ``web_db``: one SQLite store (made once per test run) holding story 1, the five invented
  harbour-fire articles of ``examples/harbor-fire`` through the whole pipeline; story 2, three
  articles of hostile text through the pipeline (a JSONL feed whose texts, titles, bylines,
  outlets and addresses are XSS vectors); story 3, built by hand so that every field a page
  shows (speakers, sources, measures, event labels, entity names and ids, group labels and
  reasons, file names, metadata) holds one of the 40 vectors of ``xss_vectors.txt``.
- ``live_server``: ``newsledger serve`` over a copy of that store, in a process of its own.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.model import Boilerplate, Document, Entity, Event, Group, Mention, Metadata, Quantity, Quote, item_id
from newsledger.store.repository import Store, write_document
from newsledger.store.stories import create_story, join_story, write_results
from newsledger.stories.batch import add_articles

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HARBOR = REPO / "examples" / "harbor-fire"
ARTIFACTS = REPO / "test-artifacts" / "web"
VECTORS = [ln for ln in (HERE / "xss_vectors.txt").read_text(encoding="utf-8").splitlines()
           if ln and not ln.startswith("# ")]
# Addresses an article may claim: only the http(s) ones may ever become a link, and those escaped.
HOSTILE_URLS = ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "vbscript:msgbox(1)", 'https://example.org/"><script>alert(1)</script>']
HOSTILE_ENTITY_ID = 'e-"><script>alert(1)</script>/../x'
HOSTILE_STORY = 3


def _feed(path: Path) -> Path:
    """Three articles of hostile text, as a JSONL feed read through the ordinary ingest."""
    lines = []
    for k in range(3):
        part = VECTORS[k * 13:(k + 1) * 13]
        text = "\n\n".join(f"Port officials said “{v}” on Tuesday, March 11, 2025. Some {300 + i} workers "
                           f"went home, according to {v}." for i, v in enumerate(part))
        lines.append(json.dumps({"text": f"{VECTORS[k]}\n\n{text}\n", "title": VECTORS[k + 3], "author": VECTORS[k + 6],
                                 "outlet": VECTORS[k + 9], "url": HOSTILE_URLS[k], "published": f"2025-03-1{k + 2}",
                                 "section": VECTORS[k + 12], "id": VECTORS[k + 15]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _hostile_story(store: Store) -> int:
    """Story 3: two articles whose every shown field is a vector (see the module docstring)."""
    n = len(VECTORS)
    docs: list[Document] = []
    found: dict[str, list[Quote | Quantity | Event | Mention]] = {}
    quotes: dict[tuple[int, int], Quote] = {}
    figures: dict[tuple[int, int], Quantity] = {}
    mentions: dict[int, list[Mention]] = {j: [] for j in range(5)}
    for k in range(2):
        doc_id = f"hostile{k}"
        text = VECTORS[k] + "\n"
        spans: list[tuple[int, int]] = []
        items: list[Quote | Quantity | Event | Mention] = []
        for i, v in enumerate(VECTORS):
            at = len(text)
            speaker = VECTORS[(i + 1) % n]
            line = f"“{v}”, said {speaker}. Some {300 + 10 * k + i} crates burned on March {10 + k}, 2025.\n"
            text += line
            s0 = at + line.index(", said ") + 7
            f0, f1 = at + line.index("Some "), at + line.index(" crates") + 7
            e0, e1 = f1 + 1, at + len(line) - 2
            spans.append((at, at + len(line) - 1))
            ent = f"e-hostile-{i % 5}" if i % 5 else HOSTILE_ENTITY_ID
            value = 300 + 10 * k + i
            quotes[(k, i)] = Quote(doc_id, at + 1, at + 1 + len(v), v, True, speaker=speaker, speaker_start=s0,
                                   speaker_end=s0 + len(speaker), cue="said", speaker_entity=ent)
            figures[(k, i)] = Quantity(doc_id, f0, f1, text[f0:f1], value, value * 0.9, value * 1.1, "approximate",
                                       VECTORS[(i + 5) % n], source=VECTORS[(i + 2) % n], source_entity=ent,
                                       hedged=bool(i % 2))
            event = Event(doc_id, e0, e1, text[e0:e1], VECTORS[(i + 7) % n], f"March {10 + k}, 2025",
                          f"2025-03-1{k}", f"2025-03-1{k}", estimated=bool(i % 2))
            items += [quotes[(k, i)], figures[(k, i)], event]
            if i < 5:
                mentions[i].append(Mention(doc_id, s0, s0 + len(speaker), speaker, "PERSON"))
                items.append(mentions[i][-1])
        meta = Metadata(title=VECTORS[k * 3], author=VECTORS[k * 3 + 1], outlet=VECTORS[k * 3 + 2],
                        url=HOSTILE_URLS[3 - k], published=f"2025-03-1{k}", dateline=VECTORS[k + 20],
                        credits=(VECTORS[k + 22],), section=VECTORS[k + 24])
        docs.append(Document(doc_id, f"feeds/{VECTORS[k + 26]}.txt", text, meta, sentences=tuple(spans),
                             paragraphs=tuple(spans), boilerplate=(Boilerplate(*spans[-1], VECTORS[-1]),)))
        found[doc_id] = items
    entities = [Entity(f"e-hostile-{j}" if j else HOSTILE_ENTITY_ID, VECTORS[j + 10], "PERSON" if j % 2 else "ORG",
                       (VECTORS[j + 10], VECTORS[j + 30]), tuple(mentions[j])) for j in range(5)]
    groups = []
    for i, v in enumerate(VECTORS):
        members = tuple(item_id(x) for x in (quotes[(0, i)], quotes[(1, i)], figures[(0, i)], figures[(1, i)]))
        groups.append(Group(f"g-hostile-{i}", v, members, ("conflict", "compatible", "agree")[i % 3],
                            VECTORS[(i + 3) % n], 2, (VECTORS[(i + 1) % n], VECTORS[(i + 2) % n]), 1,
                            ((VECTORS[i], VECTORS[(i + 4) % n]),)))
    with store.writing() as conn:
        sid = create_story(conn, name=f"Hostile {VECTORS[0]}", title=VECTORS[1])
        for j, d in enumerate(docs):
            write_document(conn, d, found[d.id])
            join_story(conn, sid, d.id, VECTORS[j + 30])
        write_results(conn, sid, entities, groups, title=VECTORS[1], data={})
    return sid


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of the module docstring (a file; copy it before writing to it)."""
    folder = tmp_path_factory.mktemp("web-db")
    db = folder / "web.db"
    store = Store(str(db))
    result = add_articles(store, [str(HARBOR)])
    assert result.stories == [1] and not result.failures
    result = add_articles(store, [str(_feed(folder / "hostile.jsonl"))], story="Hostile feed")
    assert result.stories == [2] and not result.failures
    assert _hostile_story(store) == HOSTILE_STORY
    store.close()
    return db


@pytest.fixture
def db_copy(web_db: Path, tmp_path: Path) -> Path:
    """A copy of ``web_db`` a test may change."""
    target = tmp_path / "copy.db"
    shutil.copy(web_db, target)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``newsledger serve`` (read-only) over a copy of ``web_db``; yields its base URL."""
    folder = tmp_path_factory.mktemp("live")
    db = folder / "live.db"
    shutil.copy(web_db, db)
    port = free_port()
    log = (folder / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newsledger", "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/stories", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    pytest.fail("newsledger serve did not start: " + (folder / "serve.log").read_text()[-2000:])
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
