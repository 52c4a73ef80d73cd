"""Ingest: each input kind, each bad-input kind, encodings, folders, JSONL lines."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsledger.errors import IngestError
from newsledger.ingest.files import decode_bytes, expand_inputs, load_all, load_source
from newsledger.ingest.url import make_fetcher
from newsledger.model import Document, Failure

ARTICLE = (
    "Harbour Fire Spreads to Second Warehouse\n"
    "By Jane Roe\n"
    "Port Alden – A fire at a harbour warehouse burned for a second day on Tuesday, officials said.\n"
    "“We are doing everything we can,” said fire chief Mara Ellison.\n"
)
LEGACY = ARTICLE.replace("“", '"').replace("”", '"').replace("–", "-") + "Café crème à la carte, déjà vu."
PAGE = (
    "<!DOCTYPE html><html><head><title>Harbour fire spreads</title>"
    '<meta name="author" content="Jane Roe">'
    '<meta property="article:published_time" content="2025-03-04"></head>'
    "<body><nav>Home | World | Sport</nav><article><h1>Harbour fire spreads</h1>"
    "<p>Port Alden – A fire at a harbour warehouse burned for a second day on Tuesday, officials said,"
    " as crews fought to contain the blaze on the eastern docks.</p>"
    "<p>“We are doing everything we can,” said fire chief Mara Ellison. Some 300 workers were"
    " evacuated from the docks and nearby offices on Monday evening.</p></article>"
    "<footer>Share this article</footer></body></html>"
)


def _one(loaded_docs: list[Document]) -> Document:
    assert len(loaded_docs) == 1
    return loaded_docs[0]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "\ufeff" + ARTICLE),  # BOM kept: offsets match utf-8 readers
        (LEGACY.encode("cp1252"), LEGACY),
        (ARTICLE.encode("utf-16"), ARTICLE),
        (b"line one\r\nline two\r\n", "line one\r\nline two\r\n"),  # newlines untranslated
    ],
)
def test_decode_bytes_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "x.txt") == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (bytes(range(128, 256)) * 40 + b"\x00", "binary"),
    ],
)
def test_decode_bytes_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        decode_bytes(data, "bad.txt")
    assert reason in info.value.reason
    assert str(info.value).startswith("bad.txt: ")


def test_load_txt_keeps_exact_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode("utf-8"))
    doc = _one(load_source(str(p)).documents)
    assert doc.text == ARTICLE
    assert doc.file == "a.txt"
    with open(p, encoding="utf-8", newline="") as f:
        assert f.read() == doc.text


def test_load_html_uses_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    doc = _one(load_source(str(p)).documents)
    assert "Some 300 workers were evacuated" in doc.text
    assert "Home | World" not in doc.text
    assert doc.meta.title == "Harbour fire spreads"
    assert doc.meta.author == "Jane Roe"
    assert doc.meta.published == "2025-03-04"


def test_load_jsonl_lines_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "title": "T1", "outlet": "Coastline Courier", "published": "2025-03-04"}),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "Second story text. It is short.", "url": "https://example.org/a"}),
    ]
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_source(str(p))
    assert [d.meta.title for d in loaded.documents] == ["T1", None]
    assert loaded.documents[0].meta.outlet == "Coastline Courier"
    assert loaded.documents[1].meta.url == "https://example.org/a"
    assert [f.source for f in loaded.failures] == [f"{p}:2", f"{p}:3"]
    assert "not valid JSON" in loaded.failures[0].reason
    assert 'no "text"' in loaded.failures[1].reason


def test_load_stdin_sniffs_kind() -> None:
    doc = _one(load_source("-", stdin=io.BytesIO(ARTICLE.encode())).documents)
    assert doc.source == "<stdin>" and doc.text == ARTICLE
    html_doc = _one(load_source("-", stdin=io.BytesIO(PAGE.encode())).documents)
    assert "Some 300 workers" in html_doc.text


def test_folder_expansion_skips_answer_keys(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.html").write_text("a", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README.md").write_text("#", encoding="utf-8")
    assert [Path(p).name for p in expand_inputs([str(tmp_path)])] == ["a.html", "b.txt"]


def test_bad_inputs_fail_one_by_one_and_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "huge.txt").write_bytes(b"word " * 3000)
    missing = str(tmp_path / "missing.txt")
    results = list(load_all([str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), missing,
                             str(tmp_path / "huge.txt"), str(good)], max_bytes=10_000))
    failures = [r for r in results if isinstance(r, Failure)]
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.file for d in docs] == ["good.txt"]
    reasons = {Path(f.source).name: f.reason for f in failures}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert reasons["missing.txt"] == "no such file"
    assert "over the 0.0 MB limit" in reasons["huge.txt"] or "limit" in reasons["huge.txt"]


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "story.html").write_text(PAGE, encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_load_url_from_local_server(local_server: str) -> None:
    doc = _one(load_source(f"{local_server}/story.html", fetch=make_fetcher(allow_private=True)).documents)
    assert doc.source == f"{local_server}/story.html"
    assert "Some 300 workers were evacuated" in doc.text
    assert doc.meta.title == "Harbour fire spreads"


def test_load_url_missing_page_is_a_failure(local_server: str) -> None:
    results = list(load_all([f"{local_server}/nope.html"], fetch=make_fetcher(allow_private=True)))
    assert len(results) == 1 and isinstance(results[0], Failure)
    assert results[0].reason == "HTTP 404 (File not found)"


def test_load_url_private_address_refused_by_default(local_server: str) -> None:
    results = list(load_all([f"{local_server}/story.html"]))
    assert results == [Failure(f"{local_server}/story.html", "refused: 127.0.0.1 is a private or local address "
                                                              "(127.0.0.1); --allow-private-urls allows it")]


def test_load_jsonl_with_bom_keeps_its_first_line(tmp_path: Path) -> None:
    p = tmp_path / "bom.jsonl"
    lines = [json.dumps({"text": ARTICLE, "title": "T1"}), json.dumps({"text": "Second story. Short.", "title": "T2"})]
    p.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    assert [d.meta.title for d in load_source(str(p)).documents] == ["T1", "T2"]
    sniffed = load_source("-", stdin=io.BytesIO(p.read_bytes()))
    assert [d.meta.title for d in sniffed.documents] == ["T1", "T2"]


def test_load_jsonl_deep_nesting_and_odd_fields_fail_per_line(tmp_path: Path) -> None:
    p = tmp_path / "odd.jsonl"
    lines = [
        "[" * 100_000,
        '{"text": "x", "more": ' + "[" * 150 + "]" * 150 + "}",
        '{"text": ["[", "{"]}',
        json.dumps({"text": "\u200b\ufeff\n"}),
        '{"text": "A line with a lone \\ud800 surrogate. It says so.", "title": "[/x] \\udc80 title", "id": "a\\nb"}',
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_source(str(p))
    assert [(f.source, f.reason) for f in loaded.failures] == [
        (f"{p}:1", "JSON nested deeper than 100 levels"),
        (f"{p}:2", "JSON nested deeper than 100 levels"),
        (f"{p}:3", 'no "text" string field'),
        (f"{p}:4", "empty text"),
    ]
    (doc,) = loaded.documents
    assert doc.text == "A line with a lone \ufffd surrogate. It says so."
    assert (doc.meta.title, doc.source) == ("[/x] \ufffd title", f"{p}:a\nb")


def test_load_file_with_bad_name_bytes_gets_a_storable_source(tmp_path: Path) -> None:
    import os

    name = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt")
    with open(name, "wb") as f:
        f.write(ARTICLE.encode("utf-8"))
    (doc,) = load_source(name).documents
    assert doc.source == f"{tmp_path}/caf\ufffd.txt" and doc.file == "caf\ufffd.txt"
    doc.source.encode("utf-8")


def test_load_stray_byte_gives_a_warning_notice_and_legacy_a_note(tmp_path: Path) -> None:
    from newsledger.model import Notice

    stray = tmp_path / "stray.txt"
    stray.write_bytes(ARTICLE.encode("utf-8").replace(b"fire chief", b"fire \x81chief"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(LEGACY.encode("cp1252"))
    got = list(load_all([str(stray), str(legacy)]))
    assert [x for x in got if isinstance(x, Notice)] == [
        Notice(str(stray), "1 byte that is not valid UTF-8 replaced with U+FFFD"),
        Notice(str(legacy), "decoded as cp1252", "note"),
    ]
    docs = [x for x in got if isinstance(x, Document)]
    assert docs[0].text.count("“") == 1 and "\ufffdchief" in docs[0].text


def test_load_all_parser_error_is_that_inputs_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsledger.ingest.files as files

    def broken(html: str, source: str) -> Document:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(files, "document_from_html", broken)
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    got = list(load_all([str(tmp_path)]))
    assert got[0] == Failure(str(tmp_path / "a.html"), "could not be read: RecursionError: maximum recursion depth exceeded")
    assert isinstance(got[1], Document) and got[1].file == "b.txt"


def test_load_all_reading_has_a_time_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import newsledger.ingest.files as files

    def stalling(html: str, source: str) -> Document:
        time.sleep(30)
        raise AssertionError("not interrupted")

    monkeypatch.setattr(files, "document_from_html", stalling)
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    started = time.monotonic()
    assert list(load_all([str(tmp_path / "a.html")], budget=0.5)) == [
        Failure(str(tmp_path / "a.html"), "reading ran past the 0.5 s time budget (reading)")]
    assert time.monotonic() - started < 5
