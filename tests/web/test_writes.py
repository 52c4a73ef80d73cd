"""Adding articles from the web: only with writes allowed and the token, through the pipeline."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsledger.store.repository import Store
from newsledger.web import Settings, create_app

TOKEN = "s3cret-token"
ARTICLE = ("Quay fire: harbour pilots stay ashore\nBy Ines Varro\nMarch 15, 2025\nPort Alden – Some 25 harbour pilots "
           "stayed ashore on Friday after the Kessel Quay fire, the Port Alden Harbour Authority said. "
           "“Nobody sails until the smoke clears,” said pilot Jonas Pike.\n")
PAGE = ("<html><head><title>Kessel Quay reopens</title></head><body><article><h1>Kessel Quay reopens</h1>"
        "<p>Port Alden – The Kessel Quay reopened on Monday, six days after the warehouse fire, the Port Alden "
        "Harbour Authority said. About 40 ships were waiting to berth.</p></article></body></html>")


def _client(db: Path, **settings: object) -> TestClient:
    return TestClient(create_app(Store(str(db)), Settings(**settings)))  # type: ignore[arg-type]


def test_writes_need_the_token(db_copy: Path) -> None:
    with _client(db_copy, allow_writes=True, token=TOKEN) as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            r = c.post("/api/articles", json={"text": ARTICLE}, headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/stories/1/articles", data={"text": ARTICLE, "token": "wrong"})
        assert r.status_code == 401 and "valid token" in r.text


def test_writes_add_text_to_a_story(db_copy: Path) -> None:
    with _client(db_copy, allow_writes=True, token=TOKEN) as c:
        before = c.get("/api/stories/1").json()["counts"]["articles"]
        assert "Add an article to this story" in c.get("/stories/1").text
        r = c.post("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"text": ARTICLE, "story": 1, "outlet": "Harbour Radio",
                         "source_url": "https://harbour-radio.example/pilots"})
        assert r.status_code == 201, r.text
        added = r.json()
        assert added["story"] == 1 and added["stored"] and not added["new_story"]
        assert added["article"]["outlet"] == "Harbour Radio" and added["article"]["title"].startswith("Quay fire")
        assert added["article"]["url"] == "https://harbour-radio.example/pilots"
        assert c.get("/api/stories/1").json()["counts"]["articles"] == before + 1
        view = c.get(added["link"].replace("/articles/", "/api/articles/")).json()
        assert any(q["kind"] == "quote" and "smoke clears" in q["text"] for q in view["claims"])
        assert c.get("/api/search?q=pilots ashore").json()["articles"][0]["id"] == added["article"]["id"]
        again = c.post("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}, json={"text": ARTICLE})
        assert again.status_code == 200 and not again.json()["stored"]  # the same text is stored once


def test_writes_form_redirects_to_the_article(db_copy: Path) -> None:
    with _client(db_copy, allow_writes=True, token=TOKEN) as c:
        r = c.post("/stories/1/articles", data={"text": ARTICLE, "title": "", "url": "", "token": TOKEN},
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/articles/")
        assert c.get(r.headers["location"]).status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [({"text": "", "url": ""}, "give the article's text or its URL"),
     ({"text": ARTICLE, "url": "https://example.org/"}, "give the article's text or its URL"),
     ({"url": "ftp://example.org/a"}, "must start with http:// or https://"),
     ({"text": ARTICLE, "published": "yesterday"}, "YYYY-MM-DD"),
     ({"text": ARTICLE, "story": 99}, "no story 99"),
     # the URL ingest's rule: loopback and private addresses are refused unless the server allows them
     ({"url": "http://127.0.0.1:9/article.html"}, "private or local address")],
)
def test_writes_refuse_bad_input(body: dict[str, object], message: str, db_copy: Path) -> None:
    with _client(db_copy, allow_writes=True, token=TOKEN) as c:
        r = c.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 400 and message in r.json()["error"], r.text


def test_writes_refuse_oversized_and_malformed_bodies(db_copy: Path) -> None:
    with _client(db_copy, allow_writes=True, token=TOKEN, max_bytes=1000) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert c.post("/api/articles", json={"text": "x" * 5000}, headers=auth).status_code == 400
        assert c.post("/api/articles", content=b"[1, 2]", headers=auth).json()["error"] == \
            "the body must be a JSON object"
        r = c.post("/stories/1/articles", content=b"text=x", headers={"content-type": "text/plain"})
        assert r.status_code == 400


def test_writes_have_the_time_budget_of_analyze(db_copy: Path) -> None:
    with _client(db_copy, allow_writes=True, token=TOKEN, time_budget=0.0) as c:
        before = c.get("/api/stories/1").json()["counts"]["articles"]
        r = c.post("/api/articles", json={"text": ARTICLE, "story": 1}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 400 and "time budget" in r.json()["error"] and "not stored" in r.json()["error"]
        assert c.get("/api/stories/1").json()["counts"]["articles"] == before


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        body = PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def page_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/kessel-quay-reopens.html"
    server.shutdown()
    server.server_close()
    thread.join()


def test_writes_add_a_url_when_private_addresses_are_allowed(db_copy: Path, page_url: str) -> None:
    with _client(db_copy, allow_writes=True, token=TOKEN) as c:
        r = c.post("/api/articles", json={"url": page_url}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 400  # a local address: refused by default
    with _client(db_copy, allow_writes=True, token=TOKEN, allow_private_urls=True) as c:
        r = c.post("/api/articles", json={"url": page_url, "story": 1}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
        assert r.json()["article"]["url"] == page_url and r.json()["story"] == 1
