"""Bytes → text, without a silent guess.

In order:

1. a BOM names the encoding: UTF-32 (checked before UTF-16, whose BOM is a prefix of
   UTF-32-LE's), UTF-8 (the BOM is kept as U+FEFF, so offsets agree with any UTF-8
   reader), UTF-16; the BOM of UTF-16/32 is dropped, as their decoders do;
2. NUL bytes without a BOM: binary, refused;
3. valid UTF-8 is UTF-8;
4. UTF-8 with a few bad bytes (no more bad sequences than valid multi-byte characters: a
   stray byte in an article full of curly quotes) is UTF-8 with each bad sequence replaced
   by U+FFFD, and a warning that counts the bytes;
5. otherwise a legacy encoding, named in the outcome line, only when it is clear:
   Windows-1252 when every non-ASCII character it gives is a Latin letter or typographic
   mark (legacy news is most often in it), else charset-normalizer's best match when its
   measure of mess is low;
6. otherwise, bytes that are nearly all ASCII are read as UTF-8 with replacements (and the
   warning); anything else is refused as undecodable.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..errors import IngestError
from .strings import is_blank

__all__ = ["Decoded", "decode_bytes", "decode_text"]

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),  # kept in the text: see the module docstring
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)
# charset-normalizer's mess ratio (0 = clean) at or under which its best match is trusted
_CONFIDENT_CHAOS = 0.1
# a text that is not UTF-8 and fits no encoding is still read as UTF-8 when at most this
# share of its bytes are bad (a stray byte or two in plain ASCII text)
_STRAY_SHARE = 0.01
# characters Windows-1252 gives for Western European text besides ASCII: typographic
# marks and symbols (Latin letters are accepted by their Unicode category)
_WESTERN_MARKS = frozenset("\u00a0“”‘’‚„–—…€•™«»°·£§¢¥©®×¿¡´¨¸ªº")
_WESTERN_SHARE = 0.95
# at most this share of the letters of Western European text carry an accent
_ACCENTED_SHARE = 0.3
_DETECT_BYTES = 200_000


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and how it was read: ``encoding`` ("UTF-8", "UTF-16LE", "cp1252"…) and the
    number of bytes replaced by U+FFFD because they were not valid in it."""

    text: str
    encoding: str
    replaced: int = 0

    @property
    def note(self) -> str | None:
        """What the outcome line says about the decoding (None for plain UTF-8)."""
        return None if self.encoding == "UTF-8" else f"decoded as {self.encoding}"

    @property
    def warning(self) -> str | None:
        """The warning for replaced bytes, e.g. "1 byte that is not valid UTF-8 replaced with U+FFFD"."""
        if not self.replaced:
            return None
        n = self.replaced
        return f"{n} byte{'s' if n != 1 else ''} that {'are' if n != 1 else 'is'} not valid {self.encoding} " \
               "replaced with U+FFFD"


def decode_bytes(data: bytes, source: str) -> str:
    """The text of ``data`` (see :func:`decode_text`)."""
    return decode_text(data, source).text


def decode_text(data: bytes, source: str) -> Decoded:
    """Text from bytes: by BOM, UTF-8, UTF-8 with a few bad bytes, or a clearly detected encoding.

    Example: ``decode_text("“Go,” he said.".encode() + b"\\xff", "a.txt")`` → UTF-8 text
    ending in U+FFFD, ``replaced`` 1.

    Raises:
        IngestError: empty, binary, or undecodable input.
    """
    if not data.strip():
        raise IngestError(source, "empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data if codec == "utf-8" else data[len(bom) :]
            text, bad = _replacing(body, codec, limit=len(body))
            if bad * 2 > len(body):
                raise IngestError(source, f"not {name} text despite its byte order mark")
            return _checked(Decoded(text, name, bad), source)
    if b"\x00" in data[:8192]:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    limit = max(16, len(data) // 100)
    text, bad = _replacing(data, "utf-8", limit=limit)
    if bad == 0:
        return _checked(Decoded(text, "UTF-8"), source)
    if bad <= limit:
        multibyte = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
        if multibyte >= _bad_sequences(text, data):
            return _checked(Decoded(text, "UTF-8", bad), source)
    legacy = _legacy(data)
    if legacy is not None:
        return _checked(Decoded(data.decode(legacy, errors="replace"), legacy), source)
    if bad <= len(data) * _STRAY_SHARE:
        return _checked(Decoded(text, "UTF-8", bad), source)
    raise IngestError(source, "undecodable: not UTF-8, and no other encoding fits it clearly")


def _bad_sequences(text: str, data: bytes) -> int:
    """U+FFFD put in by decoding (those written in the file as EF BB BD do not count)."""
    return text.count("\ufffd") - data.count(b"\xef\xbf\xbd")


def _replacing(data: bytes, codec: str, *, limit: int) -> tuple[str, int]:
    """``data`` decoded with each bad sequence as U+FFFD (as ``errors="replace"`` does), and the
    number of bad bytes; past ``limit`` bad bytes the rest is decoded without counting."""
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError:
        pass
    view = memoryview(data)
    parts: list[str] = []
    bad = pos = 0
    while pos < len(data):
        if bad > limit:
            parts.append(str(view[pos:], codec, "replace"))
            break
        try:
            parts.append(str(view[pos:], codec))
            break
        except UnicodeDecodeError as exc:
            parts.append(str(view[pos : pos + exc.start], codec))
            parts.append("\ufffd")
            bad += exc.end - exc.start
            pos += exc.end
    return "".join(parts), bad


def _legacy(data: bytes) -> str | None:
    """A legacy encoding that clearly fits ``data``, or None."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_western(western):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is None or best.chaos > _CONFIDENT_CHAOS:
        return None
    return str(best.encoding)


def _looks_western(text: str) -> bool:
    """True when nearly every non-ASCII character is a Latin letter or a typographic mark, and
    accented letters are a minority of the letters (Cyrillic or Greek read as Windows-1252
    gives words made only of accented letters)."""
    head = text[:_DETECT_BYTES]
    wide = [c for c in head if ord(c) > 0x7F]
    if not wide:
        return True
    accented = sum(ord(c) <= 0x24F and unicodedata.category(c).startswith("L") for c in wide)
    ok = accented + sum(c in _WESTERN_MARKS for c in wide)
    letters = sum(c.isascii() and c.isalpha() for c in head) + accented
    return ok >= _WESTERN_SHARE * len(wide) and accented <= _ACCENTED_SHARE * letters


def _checked(decoded: Decoded, source: str) -> Decoded:
    """``decoded``, unless it shows nothing (empty) or is mostly unprintable (binary)."""
    if is_blank(decoded.text):
        raise IngestError(source, "empty file")
    head = decoded.text[:5000]
    printable = sum(ch.isprintable() or ch.isspace() for ch in head)
    if printable < 0.9 * len(head):
        raise IngestError(source, "binary file (mostly unprintable characters), not text")
    return decoded
