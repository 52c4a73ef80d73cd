"""Merge keys, initials and titled forms of names."""

from __future__ import annotations

import pytest

from newsledger.extract.name_lexicons import default_lexicons
from newsledger.model import Mention
from newsledger.resolve.name_keys import country_prefix, initials, is_acronym, name_key_of, normalize_name, title_prefix


def _key(text: str, etype: str, states: frozenset[str] = frozenset()) -> str:
    return name_key_of(Mention("d", 0, len(text), text, etype), default_lexicons(), states).key


@pytest.mark.parametrize(
    ("text", "etype", "key"),
    [
        ("Norway’s", "GPE", "g:norway"),
        ("Oslo", "GPE", "g:norway"),  # a capital stands for its country
        ("Holland", "GPE", "g:netherlands"),  # a gazetteer alias
        ("Zlatograd Oblast", "GPE", "n:zlatograd"),  # a region word dropped
        ("Tbilisi region", "GPE", "n:tbilisi"),  # the region around a capital is no country
        ("Norwegians", "NORP", "norp:norway"),
        ("Harrowgate copper mine", "FAC", "fac:harrowgate"),
        # an organisation: the country written first made one, a legal suffix dropped
        ("Kenyan Defence Forces", "ORG", "n:kenya defence forces"),
        ("Kenya's Defence Forces", "ORG", "n:kenya defence forces"),
        ("Norwegian Polar Institute", "ORG", "n:norway polar institute"),
        ("Harlan Freight Co.", "ORG", "n:harlan freight"),
        ("Tarn Holdings", "ORG", "n:tarn"),
        # a person's name is compared as written
        ("Lena Sandvik", "PERSON", "n:lena sandvik"),
    ],
)
def test_name_keys_key(text: str, etype: str, key: str) -> None:
    assert _key(text, etype) == key


def test_name_keys_capital_written_as_a_region() -> None:
    assert _key("Victoria", "GPE") == "g:seychelles"
    assert _key("Victoria", "GPE", frozenset({"victoria"})) == "n:victoria"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Centre for the Study of Rivers", "CSR"),
        ("Fort Ravel Fire and Rescue Service", "FRFRS"),
        ("EU Border Agency", "EUBA"),
        ("E.U. Border Agency", "EUBA"),
    ],
)
def test_name_keys_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


@pytest.mark.parametrize(("text", "expected"), [("CSR", True), ("E.U.", True), ("AT&T", True), ("Oslo", False),
                                                ("NATIONWIDE", False)])
def test_name_keys_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


def test_name_keys_country_prefix() -> None:
    lex = default_lexicons()
    assert country_prefix(["New", "Zealand's", "Defence", "Force"], lex) == ("New Zealand", ["Defence", "Force"])
    assert country_prefix(["Kenyan", "National", "Youth", "Service"], lex) == ("Kenya", ["National", "Youth", "Service"])
    assert country_prefix(["Tilden", "Shipping"], lex) is None


@pytest.mark.parametrize(
    ("text", "name", "prefix"),
    [
        ("Kenyan President Lena Sandvik spoke.", "Lena Sandvik", "Kenyan President "),
        ("Senior General Tomas Varga spoke.", "Tomas Varga", "Senior General "),
        ("Officials said Lena Sandvik spoke.", "Lena Sandvik", None),
        ("The Senior Tomas Varga spoke.", "Tomas Varga", None),  # a modifier alone is no title
        ("They met the Major. Mr Sandvik spoke.", "Sandvik", "Mr "),  # a sentence ends at "Major."
    ],
)
def test_name_keys_title_prefix(text: str, name: str, prefix: str | None) -> None:
    assert title_prefix(text, text.index(name), default_lexicons()) == prefix


def test_name_keys_normalize_name() -> None:
    assert normalize_name("  Norway’s ") == "norway"
