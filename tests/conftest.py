"""Fixtures shared by the whole test run."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
KURSK = SHARED / "examples" / "kursk"
SCORE = SHARED / "eval" / "score.py"


@pytest.fixture
def kursk_dir() -> Path:
    """The shared sample bundle; the test is skipped where it is absent (a user's clone)."""
    if not (KURSK / "gold.json").is_file():
        pytest.skip("../shared/examples/kursk is not present")
    return KURSK


@pytest.fixture
def score_module():  # type: ignore[no-untyped-def]
    """The shared scorer as a module (skipped where absent)."""
    if not SCORE.is_file():
        pytest.skip("../shared/eval/score.py is not present")
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
