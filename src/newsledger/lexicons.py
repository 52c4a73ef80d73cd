"""The one reader of ``data/``: word lists and tables, loaded once and cached.

Each data file is UTF-8 with ``#`` comment lines. ``.txt`` files hold one entry per line;
``.tsv`` files hold tab-separated columns. Extractors take a :class:`Lexicons` argument
(default: :func:`load_lexicons`) so a test can pass a tiny one.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from .errors import LexiconError

DATA = "data/en"


def _read_lines(name: str, lang_dir: str = DATA) -> list[str]:
    try:
        raw = resources.files("newsledger").joinpath(f"{lang_dir}/{name}").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise LexiconError(f"lexicon {name!r} not found in {lang_dir}: {exc}") from exc
    out = []
    for line in raw.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            out.append(line.rstrip("\n\r"))
    return out


@cache
def word_list(name: str) -> frozenset[str]:
    """A ``.txt`` lexicon as a frozen set of lower-cased entries.

    Args:
        name (str): file name inside ``data/en``, e.g. ``"speech_verbs.txt"``.
    Returns:
        frozenset[str]: the entries, stripped and lower-cased.
    """
    return frozenset(line.strip().lower() for line in _read_lines(name))


@cache
def ordered_list(name: str) -> tuple[str, ...]:
    """A ``.txt`` lexicon as a tuple, file order and case kept."""
    return tuple(line.strip() for line in _read_lines(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """A ``.tsv`` lexicon as rows of stripped cells (tab-separated)."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _read_lines(name))


@cache
def first_column(name: str) -> frozenset[str]:
    """The first column of a ``.tsv`` lexicon, lower-cased: a word list that gives an example per row."""
    return frozenset(row[0].lower() for row in table(name) if row and row[0])


def data_path(name: str) -> Path:
    """Filesystem path of a data file (for tools that want to show or edit it)."""
    return Path(str(resources.files("newsledger").joinpath(f"{DATA}/{name}")))
