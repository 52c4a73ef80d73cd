"""Sizes as a user writes them (``--max-bytes 20MB``, ``500k``) and messages in the same unit.

Decimal units (k, kB, M, MB, G, GB: powers of 1000) and binary ones (KiB, MiB, GiB:
powers of 1024), case-insensitive; a bare number counts bytes. A limit keeps the way it
was written, so a message about it speaks in that unit: "file is 612.4k, over the 500k limit".
"""

from __future__ import annotations

import re

__all__ = ["DEFAULT_MAX_BYTES", "ByteLimit", "describe_size", "parse_size"]

_UNITS = {
    "": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3,
    "kib": 1024, "mib": 1024**2, "gib": 1024**3,
}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*")


class ByteLimit(int):
    """A number of bytes that remembers how it was written ("500k" → 500000, text "500k")."""

    text: str
    unit: str

    def __new__(cls, value: int, text: str, unit: str) -> ByteLimit:
        self = super().__new__(cls, value)
        self.text = text
        self.unit = unit
        return self

    def __reduce__(self) -> tuple[type[ByteLimit], tuple[int, str, str]]:
        """Pickled whole (a Dask worker gets the limit with its text and unit)."""
        return (ByteLimit, (int(self), self.text, self.unit))


def parse_size(text: str) -> ByteLimit:
    """``"20MB"`` → 20,000,000 bytes; ``"500k"``, ``"1.5MiB"``, ``"12000"`` likewise.

    Raises:
        ValueError: not a size, or an unknown unit (the message lists the units).
    """
    m = _SIZE.fullmatch(text)
    unit = m.group(2) if m else ""
    if m is None or unit.lower() not in _UNITS:
        units = "k, kB, M, MB, G, GB, KiB, MiB, GiB"
        raise ValueError(f"not a size: {text!r} (a number of bytes, or with a unit: {units})")
    amount = float(m.group(1)) * _UNITS[unit.lower()]
    if not 1 <= amount < 1e18:
        raise ValueError(f"not a size: {text!r} (from 1 byte to 1,000 PB)")
    value = int(amount)
    return ByteLimit(value, text.strip(), unit)


def describe_size(n: int, limit: int) -> str:
    """``n`` bytes written in the unit ``limit`` was given in ("612.4k" for a "500k" limit)."""
    unit = getattr(limit, "unit", "")
    factor = _UNITS.get(unit.lower(), 1)
    if factor == 1:
        return f"{n:,} byte{'s' if n != 1 else ''}"
    value = n / factor
    return f"{value:.4g}{unit}" if value < 10_000 else f"{value:,.0f}{unit}"


# 20 MB of text is ~3 million words: far beyond any article; larger inputs are refused
# rather than read into memory.
DEFAULT_MAX_BYTES = ByteLimit(20_000_000, "20MB", "MB")
