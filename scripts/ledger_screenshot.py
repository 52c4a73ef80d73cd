#!/usr/bin/env python3
"""Remake the README's screenshot of a story's ledger (docs/ledger.png).

    python scripts/ledger_screenshot.py [--out docs/ledger.png] [--chromium /usr/bin/chromium]

Analyses the invented ``examples/harbor-fire`` bundle into a temporary store, serves it with
``newsledger serve``'s application on a free local port, and has Debian's chromium (driven by
Playwright, launched by path) take a 1200 x 1400 picture of the story's ledger page.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(REPO / "docs" / "ledger.png"))
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsledger.store.repository import Store
    from newsledger.stories.batch import add_articles
    from newsledger.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "shot.db"))
        result = add_articles(store, [str(REPO / "examples" / "harbor-fire")])
        if result.failures or not result.stories:
            print(f"the bundle was not analysed: {result.failures}", file=sys.stderr)
            return 1
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, headless=True,
                                            args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1200, "height": 1400})
                page.goto(f"http://127.0.0.1:{port}/stories/{result.stories[0]}")
                page.screenshot(path=args.out)
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            store.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
