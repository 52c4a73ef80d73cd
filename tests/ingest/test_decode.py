"""Decoding: BOMs, UTF-8 with stray bytes, legacy encodings only when clear, empty and binary refused."""

from __future__ import annotations

import pytest

from newsledger.errors import IngestError
from newsledger.ingest.decode import Decoded, decode_text

ARTICLE = ("“We will not sail until the wind drops,” the harbour master said on Monday.\n"
           "Some 200 passengers waited at the terminal – ‘a long night’, one of them said.\n")
WESTERN = "Le café du port a rouvert, déjà plein à midi. “Enfin”, a dit la patronne – ravie.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), Decoded(ARTICLE, "UTF-8")),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), Decoded("\ufeff" + ARTICLE, "UTF-8")),
        (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), Decoded(ARTICLE, "UTF-16LE")),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), Decoded(ARTICLE, "UTF-16BE")),
        # the UTF-32-LE BOM starts with the UTF-16-LE one: UTF-32 is checked first
        (b"\xff\xfe\x00\x00" + ARTICLE.encode("utf-32-le"), Decoded(ARTICLE, "UTF-32LE")),
        (b"\x00\x00\xfe\xff" + ARTICLE.encode("utf-32-be"), Decoded(ARTICLE, "UTF-32BE")),
        (WESTERN.encode("cp1252"), Decoded(WESTERN, "cp1252")),
        (b"It\x92s late, the captain said.\n", Decoded("It’s late, the captain said.\n", "cp1252")),
        ("Паром задерживается из-за шторма, сообщили в порту.\n".encode("koi8-r") * 3,
         Decoded("Паром задерживается из-за шторма, сообщили в порту.\n" * 3, "koi8_r")),
    ],
)
def test_decode_text_reads_each_encoding(data: bytes, expected: Decoded) -> None:
    assert decode_text(data, "a.txt") == expected


def test_decode_text_utf8_with_a_stray_byte_keeps_its_quotation_marks() -> None:
    data = ARTICLE.encode("utf-8").replace(b"harbour", b"harb\x92our")
    got = decode_text(data, "a.txt")
    assert got == Decoded(ARTICLE.replace("harbour", "harb\ufffdour"), "UTF-8", 1)
    assert got.warning == "1 byte that is not valid UTF-8 replaced with U+FFFD"
    assert got.note is None


def test_decode_text_counts_every_bad_byte() -> None:
    data = ARTICLE.encode("utf-8") + b"\xe2\x80 tail \xff"  # a cut 3-byte sequence, a lone byte
    got = decode_text(data, "a.txt")
    assert (got.replaced, got.text.count("\ufffd")) == (3, 2)
    assert got.warning == "3 bytes that are not valid UTF-8 replaced with U+FFFD"


def test_decode_text_names_a_legacy_encoding() -> None:
    assert decode_text(WESTERN.encode("cp1252"), "a.txt").note == "decoded as cp1252"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\r\n\t ", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (b"\xef\xbb\xbf\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\n\xe2\x81\xa0\xc2\xad", "empty file"),
        (b"\xff\xfe" + "\u200b\ufeff \n".encode("utf-16-le"), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file (contains NUL bytes), not text"),
        (b"ab\x01\x02\x03\x04\x05\x06" * 50, "binary file (mostly unprintable characters), not text"),
        (b"\xff\xfe\x00\x00" + b"\xff\xff\xff\xff" * 20, "not UTF-32LE text despite its byte order mark"),
    ],
)
def test_decode_text_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        decode_text(data, "bad.txt")
    assert (info.value.source, info.value.reason) == ("bad.txt", reason)
