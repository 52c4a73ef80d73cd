"""The served pages and their JSON, through Starlette's test client (no browser)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from newsledger.cli import main
from newsledger.store.repository import Store
from newsledger.web import Settings, create_app
from newsledger.web.app import CONTENT_SECURITY_POLICY

SEVERITY = {"conflict": 0, "compatible": 1, "agree": 2}


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    store = Store(str(web_db), create=False)
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


def _first_article(client: TestClient, story: int = 1) -> str:
    return str(client.get(f"/api/stories/{story}").json()["articles"][0]["id"])


def test_app_every_page_is_html_under_the_security_policy(client: TestClient) -> None:
    doc = _first_article(client)
    for url in ["/", "/stories/1", "/stories/1?status=conflict", "/stories/1/timeline", "/search?q=rubber",
                f"/articles/{doc}", "/entities/e-mara-ellison-person"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
        assert re.fullmatch(r"app;dur=\d+\.\d", r.headers["server-timing"])
        # nothing the policy would block: no inline script, style attribute or event handler
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", r.text), url
        assert not re.search(r"<[^>]+\s(?:style|on\w+)=", r.text), url
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_app_stories_newest_change_first(client: TestClient) -> None:
    stories = client.get("/api/stories").json()["stories"]
    assert [s["updated"] for s in stories] == sorted((s["updated"] for s in stories), reverse=True)
    harbour = next(s for s in stories if s["id"] == 1)
    assert harbour["articles"] == 5 and harbour["conflicts"] >= 1 and harbour["link"] == "/stories/1"
    page = client.get("/").text
    assert 'action="/search"' in page and 'href="/stories/1"' in page


def test_app_ledger_conflicts_first_and_filters_in_the_address(client: TestClient) -> None:
    view = client.get("/api/stories/1").json()
    statuses = [g["status"] for g in view["groups"]]
    assert statuses == sorted(statuses, key=SEVERITY.__getitem__) and statuses[0] == "conflict"
    assert view["counts"]["groups"] == len(statuses) == view["counts"]["shown"]
    conflicts = client.get("/api/stories/1?status=conflict").json()
    assert {g["status"] for g in conflicts["groups"]} == {"conflict"}
    assert len(conflicts["groups"]) == view["counts"]["conflict"]
    assert client.get("/api/stories/1?status=bogus").json()["filters"]["status"] is None
    for name in ("measure", "outlet", "speaker"):
        value = view["options"][name][0]
        shown = client.get(f"/api/stories/1?{name}={quote(value)}").json()
        assert 0 < len(shown["groups"]) <= len(statuses), name
        assert shown["filters"][name] == value
    page = client.get("/stories/1?status=conflict&outlet=003_radio-alden.txt").text
    assert '<option value="conflict" selected>' in page and '<option value="003_radio-alden.txt" selected>' in page
    assert "Clear the filters" in page


def test_app_group_shows_each_variant_once_and_its_own_page_every_claim(client: TestClient) -> None:
    view = client.get("/api/stories/1").json()
    for g in view["groups"]:
        assert sum(v["count"] for v in g["variants"]) == g["size"] == len({m for v in g["variants"] for m in v["members"]})
        assert g["claims"] is None and g["link"] == f"/stories/1?group={g['id']}"
    agree = next(g for g in view["groups"] if g["label"] == "deaths" and g["status"] == "agree")
    [two] = [v for v in agree["variants"] if v["claim"]["detail"] == "2" and v["count"] > 1] or [None]
    alone = client.get(f"/api/stories/1?group={agree['id']}").json()
    [group] = alone["groups"]
    assert len(group["claims"]) == group["size"] and {c["id"] for c in group["claims"]} == {
        m for v in group["variants"] for m in v["members"]}
    page = client.get(agree["link"]).text
    assert f"All {group['size']} claims, outlet by outlet" in page
    assert two is None or "Also given by" in client.get("/stories/1").text


def test_app_ledger_names_sources_and_copies(client: TestClient) -> None:
    view = client.get("/api/stories/1").json()
    ellison = next(g for g in view["groups"] if g["label"].startswith("Mara Ellison:"))
    [source] = ellison["copies"]  # one source carried by two outlets: the Bayline reprint of the Courier
    assert source["source"] == "Mara Ellison" and len(source["outlets"]) == 2
    assert source["link"] == "/entities/e-mara-ellison-person"
    assert ellison["reprints"] == [{"article": ellison["reprints"][0]["article"], "file": "002_bayline-news.txt",
                                    "outlet": "Coastline Courier", "credits": ["Coastline Courier"]}]
    assert "copies of one source" in client.get("/stories/1").text


def test_app_every_claim_links_to_its_sentence(client: TestClient) -> None:
    view = client.get("/api/stories/1").json()
    for group in view["groups"][:6]:
        for claim in (v["claim"] for v in group["variants"]):
            path, fragment = claim["link"].split("#")
            page = client.get(path).text
            assert f'id="{fragment}"' in page
            assert f'<span class="sentence focus" id="s-{claim["sentence"]}">' in page


def test_app_article_json_keeps_offsets(client: TestClient) -> None:
    doc = _first_article(client)
    view = client.get(f"/api/articles/{doc}").json()
    text = view["text"]
    assert view["claims"] and all(text[c["start"]:c["end"]] == c["text"] for c in view["claims"])
    assert view["boilerplate"] and view["story"]["id"] == 1
    page = client.get(f"/articles/{doc}").text
    for c in view["claims"]:
        assert f'aria-describedby="d-{c["id"]}"' in page and f'<dl class="details" id="d-{c["id"]}">' in page
    assert '<span class="boilerplate"' in page and "Legend:" in page


def test_app_entity_page_gathers_names_and_claims(client: TestClient) -> None:
    view = client.get("/api/entities/e-aleksandr-volkov-person").json()
    names = [n["name"] for n in view["names"]]
    assert names[0] == "Aleksandr Volkov" and "Alexander Volkov" in names
    assert view["quotes"] and all(q["who_entity"] == "e-aleksandr-volkov-person" for q in view["quotes"])
    assert len({q["outlet"] for q in view["quotes"]}) >= 2  # across outlets
    page = client.get("/entities/e-aleksandr-volkov-person").text
    assert all(f'href="{q["link"]}"'.replace("&", "&amp;") in page for q in view["quotes"])
    assert client.get("/api/entities/e-nobody").status_code == 404


def test_app_timeline_fits_the_story(client: TestClient) -> None:
    view = client.get("/api/stories/1/timeline").json()
    first, last = view["span"]
    assert "2025-02-01" <= first <= last <= "2025-04-30"
    assert any(r["start"].startswith("2019") for r in view["earlier"])  # "since 2019" is listed, not drawn
    assert any(r["estimated"] for r in view["rows"])
    assert "Hatched bars and ≈ mark estimated dates" in client.get("/stories/1/timeline").text


def test_app_search_articles_and_claims(client: TestClient) -> None:
    view = client.get("/api/search?q=rubber tonnes").json()
    assert view["articles"] and view["claims"]
    assert all("\ue000" in c["snippet"] for c in view["claims"])
    assert any(c["kind"] == "figure" for c in view["claims"])
    page = client.get("/search?q=rubber").text
    assert "<mark>rubber</mark>" in page.lower() or "<mark>Rubber</mark>" in page
    assert client.get("/api/search?q=").json() == {"query": "", "articles": [], "claims": []}
    for odd in ['"fire', "NEAR(fire", "fire OR", "*", "a:b", "'; DROP TABLE items; --"]:
        assert client.get("/api/search", params={"q": odd}).status_code == 200


def test_app_missing_things_are_404(client: TestClient) -> None:
    assert client.get("/api/articles/nope").json() == {"error": "no article nope"}
    assert client.get("/api/stories/999").status_code == 404
    r = client.get("/stories/999")
    assert r.status_code == 404 and "no story 999" in r.text
    assert client.get("/no/such/page").status_code == 404


def test_app_reads_the_recent_stories_ahead(web_db: Path) -> None:
    import time

    store = Store(str(web_db), create=False)
    with TestClient(create_app(store, Settings(read_ahead=2))) as c:
        recent = {s["id"] for s in c.get("/api/stories").json()["stories"][:2]}
        site = c.app.state.site  # type: ignore[attr-defined]
        deadline = time.monotonic() + 60
        while set(site.cached()) != recent and time.monotonic() < deadline:
            time.sleep(0.05)
        assert set(site.cached()) == recent
    store.close()


def test_app_read_only_refuses_writes(client: TestClient) -> None:
    r = client.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    r = client.post("/stories/1/articles", data={"text": "x", "token": "x"})
    assert r.status_code == 403
    assert "Add an article" not in client.get("/stories/1").text


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["serve", "--allow-writes"], "--allow-writes needs a token"),
     (["serve", "--token", "t"], "a token is only for writes"),
     (["serve", "--db", "missing.db"], "no database at missing.db")],
)
def test_app_serve_command_refuses(argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSLEDGER_TOKEN", raising=False)
    assert main(argv) == 2
    assert message in capsys.readouterr().err
