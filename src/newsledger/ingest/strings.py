"""Strings from outside (file names, JSON fields, page metadata) made safe to store and print.

Two kinds of invalid text reach us: file names that are not valid UTF-8 (Python hands them
over with each bad byte as a lone surrogate, U+DC80–U+DCFF, by its ``surrogateescape``
rule) and lone surrogates written as ``\\udXXX`` escapes in JSON. Neither can be encoded
as UTF-8, so a database or an export would refuse them. At ingest each lone surrogate
becomes U+FFFD, the replacement character, in names, text and metadata alike: one code
point for one, so every offset into a text stays what it was. (Backslash escapes such as
``\\xff`` would keep a name's bytes readable, but a backslash is a path separator to
``Document.file``.) A name that was not UTF-8 is shown and stored with U+FFFD in place of
each bad byte.

For a terminal line, :func:`printable` also escapes control characters, line breaks and
bidirectional overrides, so that one input is always one line that says what it is.
"""

from __future__ import annotations

import re

__all__ = ["is_blank", "printable", "storable"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters that show nothing: white space, controls, format characters (zero-width
# space and joiners, BOM, soft hyphen, bidirectional marks, invisible operators, tags),
# variation selectors and the blank letters (Hangul fillers, braille blank) that fill
# names on some sites. A text made only of these is an empty file.
_INVISIBLE = re.compile(
    "[\\s\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff]*"
)
# What a terminal line must not hold as it is: controls (C0, DEL, C1), line and paragraph
# separators, bidirectional embeddings, overrides and isolates, and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def storable(text: str) -> str:
    """``text`` as valid UTF-8 of the same length: each lone surrogate becomes U+FFFD.

    Example: the file name ``b"caf\\xe9.txt"``, read as ``"caf\\udce9.txt"`` → ``"caf\ufffd.txt"``.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only white space, BOMs, zero-width and other invisible characters."""
    return _INVISIBLE.fullmatch(text) is not None


def _print_escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    cp = ord(ch)
    if 0xDC80 <= cp <= 0xDCFF:
        return f"\\x{cp - 0xDC00:02x}"  # a byte of a file name that is not UTF-8
    return f"\\x{cp:02x}" if cp <= 0xFF else f"\\u{cp:04x}"


def printable(s: str) -> str:
    """``s`` for one terminal line: controls, line breaks and bidirectional overrides escaped.

    Example: ``printable("a\\nb\\x1b[31m.txt")`` → ``"a\\\\nb\\\\x1b[31m.txt"``.
    """
    return _UNPRINTABLE.sub(_print_escape, s) if _UNPRINTABLE.search(s) else s
