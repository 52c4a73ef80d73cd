"""Sizes as written on the command line, and messages in the same unit."""

from __future__ import annotations

import pytest

from newsledger.ingest.limits import DEFAULT_MAX_BYTES, describe_size, parse_size


@pytest.mark.parametrize(
    ("text", "value", "shown"),
    [("20MB", 20_000_000, "20MB"), ("500k", 500_000, "500k"), ("500 kB", 500_000, "500kB"),
     ("1.5MiB", 1_572_864, "1.5MiB"), ("12000", 12_000, "12,000 bytes"), ("2G", 2_000_000_000, "2G"),
     ("64b", 64, "64 bytes"), ("1gib", 1 << 30, "1gib")],
)
def test_parse_size(text: str, value: int, shown: str) -> None:
    limit = parse_size(text)
    assert limit == value
    assert describe_size(limit, limit) == shown


@pytest.mark.parametrize("text", ["", "MB", "20XB", "-5k", "0", "1e9", "9" * 400])
def test_parse_size_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


@pytest.mark.parametrize(
    ("n", "limit", "shown"),
    [(612_345, "500k", "612.3k"), (1200, "0.001MB", "0.0012MB"), (25_300_000, "20MB", "25.3MB"), (1, "10", "1 byte"), (15_000, "10000", "15,000 bytes"),
     (3 * 10**12, "1MB", "3,000,000MB")],
)
def test_describe_size_in_the_unit_of_the_limit(n: int, limit: str, shown: str) -> None:
    assert describe_size(n, parse_size(limit)) == shown


def test_default_limit_is_20mb() -> None:
    assert (DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES.text) == (20_000_000, "20MB")


def test_byte_limit_pickles_whole() -> None:
    """A Dask worker gets the limit as given, to word its messages in the same unit."""
    import pickle

    limit = pickle.loads(pickle.dumps(parse_size("500k")))
    assert (limit, limit.text, limit.unit) == (500_000, "500k", "k")
