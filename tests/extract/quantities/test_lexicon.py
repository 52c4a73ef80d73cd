"""The figure tables are data: each file has a header, each row an example that uses its word."""

from __future__ import annotations

import pytest

from newsledger import lexicons as lx
from newsledger.extract.quantities import load_quantity_lexicons

# file → (column of the word, column of the example)
FILES = {
    "number_words.tsv": (0, 4),
    "qualifiers.tsv": (0, 5),
    "units.tsv": (0, 4),
    "hedges.tsv": (0, 2),
    "figure_words.tsv": (1, 2),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_lexicon_rows_have_examples(name: str) -> None:
    assert lx.data_path(name).read_text(encoding="utf-8").startswith("#")
    word, example = FILES[name]
    for row in lx.table(name):
        assert len(row) > example and row[example], row
        assert row[word].lower() in row[example].lower(), row


def test_lexicon_loads_every_table() -> None:
    lex = load_quantity_lexicons()
    assert lex.cardinals["twelve"] == 12 and lex.scales["dozen"] == 12
    assert lex.vague[("tens", "of", "thousands")] == (20000, 99999)
    assert lex.bounds_before[("as", "much", "as")].qualifier == "at_most"
    assert lex.bound_verbs["exceed"].qualifier == "more_than"
    assert lex.units_post[("basis", "points")].name == "basis points"
    assert lex.hedges[("reportedly",)] == "clause"
    assert "label" in lex.words and lex.max_words >= 4
