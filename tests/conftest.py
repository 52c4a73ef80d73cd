"""Fixtures shared by the whole test run."""

from __future__ import annotations

import os
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
