"""Fixtures shared by the whole test run."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = SHARED / "examples"
KURSK = EXAMPLES / "kursk"
SCORE = SHARED / "eval" / "score.py"


def require_shared(path: Path) -> Path:
    """``path`` under ``../shared``; the test is skipped where it is absent (a user's clone),
    and fails instead under CI=true, where a missing bundle means a broken checkout."""
    if not path.exists():
        message = f"{path} is not present"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message} (CI=true: the shared bundles and scorer are required)")
        pytest.skip(message)
    return path


@pytest.fixture
def kursk_dir() -> Path:
    """The shared sample bundle (see :func:`require_shared`)."""
    require_shared(KURSK / "gold.json")
    return KURSK


@pytest.fixture
def score_module() -> ModuleType:
    """The shared scorer as a module (see :func:`require_shared`)."""
    require_shared(SCORE)
    return load_score_module()


def load_score_module() -> ModuleType:
    """``../shared/eval/score.py`` imported as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("nl_score", SCORE)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``long`` run only when asked for (``pytest -m long``)."""
    if "long" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="long run: pytest -m long")
    for item in items:
        if "long" in item.keywords:
            item.add_marker(skip)


def read_article(path: Path) -> str:
    """An article's text exactly as the export format reads it."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


# ------------------------------------------------------------------ a PostgreSQL server
def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster started with the server's own tools (initdb, pg_ctl) on a Unix
    socket in a temporary folder; skipped where no server binaries or no psycopg driver are installed."""
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
