"""The web ledger over PostgreSQL: the same pages from a postgresql:// store (skipped without a server)."""

from __future__ import annotations

from starlette.testclient import TestClient

from newsledger.store.repository import Store
from newsledger.stories.batch import add_articles
from newsledger.web import create_app

from .conftest import HARBOR


def test_web_on_postgresql(pg_url: str) -> None:  # noqa: F811
    store = Store(pg_url)
    result = add_articles(store, [str(HARBOR)])
    sid = result.stories[0]
    with TestClient(create_app(store)) as c:
        assert [s["id"] for s in c.get("/api/stories").json()["stories"]] == [sid]
        view = c.get(f"/api/stories/{sid}").json()
        assert view["counts"]["articles"] == 5 and view["groups"][0]["status"] == "conflict"
        assert c.get(f"/stories/{sid}?status=conflict").status_code == 200
        found = c.get("/api/search?q=rubber tonnes").json()
        assert found["articles"] and found["claims"] and found["claims"][0]["story"] == sid
        article = c.get(view["articles"][0]["link"])
        assert article.status_code == 200 and '<mark id="c-' in article.text
        person = c.get("/api/entities/e-aleksandr-volkov-person").json()
        assert person["quotes"] and person["stories"][0]["id"] == sid
    store.close()
