"""Numeric claims: figures with the interval their words allow, what they count and who gives them.

One concern per module, all reading the document's parse (``Document.parse``):

- :mod:`.lexicon`: the tables of ``data/en`` (number words, qualifiers, units, hedges, context words);
- :mod:`.numbers`: numbers in digits and words, vague counts, fractions, multiples;
- :mod:`.nonclaims`: years, dates, times, ages, phone numbers, scores, names and models;
- :mod:`.units`, :mod:`.qualifiers`, :mod:`.figures`: units, bounds, ranges, changes, durations;
- :mod:`.measure`: what a figure counts (the noun a number modifies, its verb, its place);
- :mod:`.source`: who gives a figure (until the attribution component answers it);
- :mod:`.hedges`: whether the article distances itself from it;
- :mod:`.assembly`: :func:`extract_quantities`, the cascade over one document.

Number words are read from our own small table rather than a library: the candidates on
PyPI (``word2number``, unmaintained since 2017; ``text2num``) turn whole strings into
numbers but give no offsets and know nothing of "a dozen", "dozens" or "tens of thousands"
as intervals, which are the cases the ledger needs.
"""

from __future__ import annotations

from .assembly import extract_quantities
from .lexicon import QuantityLexicons, load_quantity_lexicons
from .source import figure_source
from .units import with_unit

__all__ = ["QuantityLexicons", "extract_quantities", "figure_source", "load_quantity_lexicons", "with_unit"]
