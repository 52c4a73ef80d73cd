"""Fixtures shared by the whole test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = SHARED / "examples"
KURSK = EXAMPLES / "kursk"
SCORE = SHARED / "eval" / "score.py"


def skip_without(path: Path) -> None:
    """Skip the test when a ``../shared`` file is absent (a user's clone); in CI (``CI=true``) fail instead."""
    if path.exists():
        return
    message = f"{path.relative_to(REPO.parent)} is not present"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (CI=true: the shared bundles are required)")
    pytest.skip(message)


@pytest.fixture
def kursk_dir() -> Path:
    """The shared sample bundle; the test is skipped where it is absent (a user's clone)."""
    skip_without(KURSK / "gold.json")
    return KURSK


@pytest.fixture
def score_module():  # type: ignore[no-untyped-def]
    """The shared scorer as a module (skipped where absent)."""
    skip_without(SCORE)
    import importlib.util

    spec = importlib.util.spec_from_file_location("nl_score", SCORE)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_article(path: Path) -> str:
    """An article's text exactly as the export format reads it."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()
