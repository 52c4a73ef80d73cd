"""Writing an export: one place that turns a file system error into a one-line ExportError."""

from __future__ import annotations

from pathlib import Path

from ..errors import ExportError

__all__ = ["write_output"]


def write_output(path: str | Path | None, text: str, *, newline: str | None = None) -> str:
    """Write ``text`` to ``path`` (nothing for None or "-") and return it.

    Example: ``write_output("ledger.json", "{}\\n")`` writes the file; ``write_output("-", "{}")``
    only returns the text, for the caller to print.

    Raises:
        ExportError: the file cannot be written ("cannot write out/x.json: No such file or directory").
    """
    if path not in (None, "-"):
        try:
            Path(path).write_text(text, encoding="utf-8", newline=newline)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return text
