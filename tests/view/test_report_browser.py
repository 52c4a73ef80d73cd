"""Open the HTML report in headless Chromium: groups shown, a highlighted span for every claim.

The screenshot and the page are kept under ``test-artifacts/`` at the repository root
(ignored by git) so a person can look at them. Skipped where no Chromium is installed.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newsledger.compare import group_claims, ledger_items_from_json
from newsledger.model import Document, Event, Ledger, Metadata, Quantity, Quote, item_id
from newsledger.view.html_report import write_report

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    if os.environ.get("CI", "").strip().lower() == "true":  # .ci/run installs it: its absence is a failure there
        pytest.fail("no chromium binary found (CI=true)")
    pytest.skip("no chromium binary found")


def fictional_ledger() -> Ledger:
    a_text = ("Ostria has sent some 6,300 of its soldiers to the valley, <script>alert(1)</script> officials say. "
              "The accord was signed last spring.")
    b_text = ("Veldan officials estimate that roughly 6,800 Ostrian troops were deployed. "
              "The accord was signed in September.")
    cut_a = a_text.index(" The accord") + 1
    a = Document(id="a", source="news/a.txt", text=a_text, meta=Metadata(title="Ostria sends troops"),
                 sentences=((0, cut_a - 1), (cut_a, len(a_text))))
    cut_b = b_text.index(" The accord") + 1
    b = Document(id="b", source="news/b.txt", text=b_text, sentences=((0, cut_b - 1), (cut_b, len(b_text))))

    def span(d: Document, w: str) -> tuple[int, int]:
        i = d.text.index(w)
        return i, i + len(w)

    quantities = [
        Quantity("a", *span(a, "some 6,300 of its soldiers"), "some 6,300 of its soldiers", 6300, 5670, 6930,
                 "approximate", "soldiers sent"),
        Quantity("b", *span(b, "roughly 6,800 Ostrian troops"), "roughly 6,800 Ostrian troops", 6800, 6120, 7480,
                 "approximate", "troops deployed", source="Veldan officials"),
    ]
    events = [
        Event("a", *span(a, "accord was signed last spring"), "accord was signed last spring", "accord signed",
              "last spring", "2030-03-01", "2030-05-31", (3, 4, 5)),
        Event("b", *span(b, "accord was signed in September"), "accord was signed in September", "accord signed",
              "in September", "2030-09-01", "2030-09-30", (9,)),
    ]
    quotes: list[Quote] = []
    groups = group_claims([a, b], quotes, quantities, events)
    return Ledger(documents=[a, b], quantities=quantities, events=events, groups=groups)


def sample_ledger() -> Ledger | None:
    shared = REPO.parent / "shared"
    gold, maker = shared / "examples" / "kursk" / "gold.json", shared / "eval" / "make_perfect.py"
    if not (gold.is_file() and maker.is_file()):
        return None
    spec = importlib.util.spec_from_file_location("nl_make_perfect_browser", maker)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    ledger = ledger_items_from_json(mod.perfect_ledger(str(gold)), gold.parent)
    ledger.groups = group_claims(ledger.documents, ledger.quotes, ledger.quantities, ledger.events,
                                 ledger.entities)
    return ledger


def run_chromium(binary: str, page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["fictional", "sample"])
def test_report_browser_shows_groups_and_highlights(which: str, tmp_path: Path) -> None:
    binary = chromium()
    ledger = fictional_ledger() if which == "fictional" else sample_ledger()
    if ledger is None:
        pytest.skip("../shared sample bundle is not present")
    assert ledger.groups, "the ledger should have groups to show"
    ARTIFACTS.mkdir(exist_ok=True)
    page = ARTIFACTS / f"report_{which}.html"
    shot = ARTIFACTS / f"report_{which}.png"
    shot.unlink(missing_ok=True)
    write_report(ledger, page)

    dom = run_chromium(binary, page, tmp_path / "profile-dom", "--dump-dom").stdout
    assert "<section" in dom, "chromium returned no DOM"
    for g in ledger.groups:
        section = re.search(rf'<section class="group {g.status}[^"]*" id="{re.escape(g.id)}"[^>]*>', dom)
        assert section, f"group {g.id} missing"
        for m in g.members:
            assert re.search(rf'<mark id="c-{re.escape(m)}" class="[^"]*grouped[^"]*"[^>]*>', dom), f"no highlight for {m}"
    for x in [*ledger.quotes, *ledger.quantities, *ledger.events]:
        assert f'<mark id="c-{item_id(x)}"' in dom
    assert "<script>alert" not in dom
    assert 'class="group hidden' not in dom

    run_chromium(binary, page, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
