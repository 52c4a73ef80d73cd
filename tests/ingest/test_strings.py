"""Strings from outside: storable as UTF-8 at the same length, printable on one line, blank when invisible."""

from __future__ import annotations

import pytest

from newsledger.ingest.strings import is_blank, printable, storable


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("plain", "plain"), ("caf\udce9.txt", "caf\ufffd.txt"), ("a\ud800b\udfffc", "a\ufffdb\ufffdc"),
     ("😂 stays", "😂 stays"), ("", "")],
)
def test_storable_replaces_lone_surrogates(raw: str, stored: str) -> None:
    assert storable(raw) == stored
    assert len(storable(raw)) == len(raw)
    storable(raw).encode("utf-8")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[/x] draft.txt", "[/x] draft.txt"),
        ("new\nline.txt", "new\\nline.txt"),
        ("a\rb\tc", "a\\rb\\tc"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("\x7f\x85", "\\x7f\\x85"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("line\u2028sep", "line\\u2028sep"),
        ("caf\udce9", "caf\\xe9"),
        ("café “quoted”", "café “quoted”"),
    ],
)
def test_printable_escapes_controls(raw: str, shown: str) -> None:
    assert printable(raw) == shown


@pytest.mark.parametrize(
    ("text", "blank"),
    [("", True), (" \n\t\r", True), ("\ufeff", True), ("\ufeff\u200b\u200c\u200d\u2060\u00ad\n", True),
     ("\u3164\u2800\ufe0f", True), ("\x00\x01", True), ("a", False), ("\ufeff.", False), ("\u200b😂", False)],
)
def test_is_blank(text: str, blank: bool) -> None:
    assert is_blank(text) is blank
