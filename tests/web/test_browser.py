"""The web ledger in a real browser: Playwright drives Debian's chromium against ``newsledger serve``.

A reader's path (stories, a story, conflicts only, a claim followed to its sentence, a highlight's
details on hover and on keyboard focus, search, a person's page), hostile text that must stay
text, and axe-core's accessibility check. Screenshots and axe's findings are kept under
``test-artifacts/web/`` (ignored by git). Skipped where chromium or Playwright is not installed;
``.ci/run`` installs chromium, and Playwright comes with the dev extra (no browser download: the
system's chromium is launched by path).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote, urlsplit

import pytest

from .conftest import ARTIFACTS, HOSTILE_ENTITY_ID, HOSTILE_STORY, HOSTILE_URLS, VECTORS

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# Before any page script: record every alert(), confirm(), prompt() and blocked script or style.
WATCH = """
window.__ran = [];
window.__csp = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function (arg) { window.__ran.push(name + ":" + String(arg)); };
}
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""
# Everything on a page that could run or load something an article put there.
AUDIT = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push("handler " + el.tagName + " " + a.name);
      if (/^(href|src|action|formaction|data|background|poster|xlink:href)$/i.test(a.name)) {
        found.push("url " + el.tagName + " " + a.name + " " + a.value);
      }
      if (a.name === "style" && el.id !== "claim-tip") found.push("style " + el.tagName);  // the box's own place
    }
  }
  for (const tag of ["iframe", "object", "embed", "img", "base", "form[action^='j']", "meta[http-equiv]", "style",
                     "input[type=image]", "details[open]", "math"]) {
    for (const el of document.querySelectorAll(tag)) found.push("element " + el.outerHTML.slice(0, 80));
  }
  const scripts = [...document.scripts].map(s => s.getAttribute("src") || "inline");
  return {found, scripts, svg: document.querySelectorAll("svg").length,
          ran: window.__ran || [], csp: window.__csp || []};
}
"""


def missing(what: str) -> NoReturn:
    """Skip for want of ``what``; under CI=true (where .ci/run installs it) fail instead."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{what}: the browser tests cannot run (CI=true; .ci/run installs chromium and the dev extra)")
    pytest.skip(what)


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if DEBIAN_CHROMIUM.is_file():
        return str(DEBIAN_CHROMIUM)
    missing("no chromium binary found")


def test_browser_missing_chromium_skips_but_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(sys.modules[__name__], "DEBIAN_CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        chromium_path()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        chromium_path()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright for Python is not installed")
    path = chromium_path()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    pg = context.new_page()
    pg.problems = []  # console errors and uncaught exceptions: there should be none
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("dialog", lambda d: (pg.problems.append("dialog " + d.message), d.dismiss()))
    yield pg
    context.close()


def shot(pg: Any, name: str, *, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def path_of(pg: Any) -> str:
    parts = urlsplit(pg.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.slow
def test_browser_a_readers_path(page: Any, live_server: str) -> None:
    pg = page
    pg.goto(live_server + "/")
    assert pg.locator("h1").inner_text() == "Stories"
    shot(pg, "01-stories")

    pg.click('table.stories a[href="/stories/1"]')
    pg.wait_for_url(re.compile(r"/stories/1$"))
    groups = pg.locator("section.group")
    assert groups.count() >= 5
    assert groups.first.get_attribute("data-status") == "conflict"  # conflicts first
    shot(pg, "02-ledger")

    pg.click("p.quick >> text=Conflicts")
    pg.wait_for_url(re.compile(r"status=conflict"))
    statuses = pg.locator("section.group").evaluate_all("els => els.map(e => e.dataset.status)")
    assert statuses and set(statuses) == {"conflict"}
    assert pg.locator('select[name="status"]').input_value() == "conflict"
    shot(pg, "03-conflicts", full=True)

    claim = pg.locator("section.group .claim-card.figure .claim-text a").first
    claim_text = claim.inner_text()
    claim.click()
    pg.wait_for_url(re.compile(r"/articles/[^?]+\?claim=.+#c-"))
    target = pg.locator(":target")
    assert target.evaluate("el => el.tagName") == "MARK" and target.inner_text() == claim_text
    assert target.evaluate("el => el.closest('.sentence').classList.contains('focus')")
    assert target.evaluate("el => { const r = el.getBoundingClientRect(); return r.top > 0 && r.bottom < innerHeight; }")
    shot(pg, "04-claim-in-its-sentence")

    target.hover()
    tip = pg.locator("#claim-tip")
    tip.wait_for(state="visible")
    details = tip.inner_text()
    for label in ("Figure", "Interval", "Qualifier", "Source", "Hedged", "Group"):
        assert label in details, details
    assert "(conflict)" in details
    shot(pg, "05-details-on-hover")

    pg.mouse.move(5, 5)
    pg.keyboard.press("Escape")
    pg.locator("article.doc h1").click()
    focused = ""
    for _ in range(80):
        pg.keyboard.press("Tab")
        focused = pg.evaluate("document.activeElement.tagName + ' ' + document.activeElement.className")
        if focused.startswith("MARK"):
            break
    assert focused.startswith("MARK claim"), focused
    tip.wait_for(state="visible")
    details = tip.inner_text()
    assert any(label in details for label in ("Speaker", "Interval", "When")) and "Group" in details
    assert pg.evaluate("document.activeElement.getAttribute('aria-describedby')").startswith("d-")
    shot(pg, "06-details-on-focus")

    pg.fill("#site-q", "rubber")
    pg.keyboard.press("Enter")
    pg.wait_for_url(re.compile(r"/search\?q=rubber"))
    assert pg.locator(".result mark").count() >= 2
    assert "Claims (" in pg.locator("#claims-h").inner_text()
    shot(pg, "07-search")

    pg.goto(live_server + "/stories/1")
    person = pg.locator(".claim-card.quote .who a").first
    name = person.inner_text()
    person.click()
    pg.wait_for_url(re.compile(r"/entities/"))
    assert pg.locator("h1").inner_text() == name
    assert pg.locator("table.names tbody tr").count() >= 1
    assert pg.locator("#quotes + ul .claim-card").count() >= 1
    shot(pg, "08-person")

    pg.goto(live_server + "/stories/1/timeline")
    assert pg.locator("svg rect.bar").count() >= 5 and pg.locator("svg rect.bar.estimated").count() >= 1
    shot(pg, "09-timeline", full=True)
    assert pg.problems == []


def _hostile_pages(live_server: str, api: Any) -> list[str]:
    pages = ["/", "/search?q=script", "/search?q=alert+onerror", "/search?q=javascript"]
    for story in (2, HOSTILE_STORY):
        pages += [f"/stories/{story}", f"/stories/{story}?status=conflict", f"/stories/{story}/timeline"]
        view = api.get(f"{live_server}/api/stories/{story}").json()
        pages += [a["link"] for a in view["articles"]]
        pages += sorted({v["claim"]["who_link"] for g in view["groups"] for v in g["variants"] if v["claim"]["who_link"]})
        pages.append(view["groups"][0]["link"])  # a group's own page: every claim
    pages.append("/entities/" + quote(HOSTILE_ENTITY_ID, safe=""))
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["with the security policy", "with the policy bypassed"])
def test_browser_hostile_text_stays_text(policy: str, browser: Any, live_server: str) -> None:
    """Every vector is shown as text; none runs, loads or becomes a link, with or without the CSP's help."""
    assert len(VECTORS) == 40
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=policy.endswith("bypassed"))
    context.add_init_script(WATCH)
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    allowed_links = {u for u in HOSTILE_URLS if u.startswith("https://")}
    seen_text = ""
    for path in _hostile_pages(live_server, context.request):
        pg.goto(live_server + path)
        for mark in pg.locator("mark.claim[tabindex]").all()[:12]:  # handlers that need a pointer or focus
            mark.hover()
            mark.focus()
        audit = pg.evaluate(AUDIT)
        assert audit["ran"] == [] and audit["csp"] == [], (path, audit)
        assert audit["scripts"] == ["/static/ledger.js"], (path, audit["scripts"])
        assert audit["svg"] <= 1, path  # only the timeline's own chart
        for item in audit["found"]:
            kind, _tag, *rest = item.split(" ", 3)
            assert kind == "url", (path, item)
            value = rest[-1]
            assert value.startswith(("/", "#", "data:,")) or value in allowed_links, (path, item)
        seen_text += pg.evaluate("document.body.textContent") + "\n"
    assert dialogs == []
    flat = " ".join(seen_text.split())
    missing = [v for v in VECTORS if " ".join(v.split()) not in flat]
    assert missing == [], missing  # each vector was shown, as text
    if policy.startswith("with the security"):
        pg.goto(f"{live_server}/stories/{HOSTILE_STORY}")
        shot(pg, "10-hostile-story")
    context.close()


@pytest.mark.slow
def test_browser_accessibility(browser: Any, live_server: str) -> None:
    """axe-core (vendored) finds no serious or critical violation on each kind of page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)  # to inject axe
    pg = context.new_page()
    first_article = context.request.get(f"{live_server}/api/stories/1").json()["articles"][0]["link"]
    pages = {"stories": "/", "ledger": "/stories/1", "article": first_article,
             "person": "/entities/e-aleksandr-volkov-person", "timeline": "/stories/1/timeline",
             "search": "/search?q=fire", "conflicts": "/stories/1?status=conflict"}
    report: dict[str, list[dict[str, Any]]] = {}
    for kind, path in pages.items():
        pg.goto(live_server + path)
        pg.add_script_tag(path=str(AXE))
        result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        report[kind] = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                         "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    grave = {kind: [v for v in found if v["impact"] in ("serious", "critical")] for kind, found in report.items()}
    assert all(not v for v in grave.values()), grave
    context.close()
