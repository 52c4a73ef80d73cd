"""Outlets a claim is credited through: "according to Harbour Wire", "told The Washington Post".

Asked of the attribution component (the one that says who said or gave a span): when the
claim's speaker is an outlet ("Reuters reported that …"), or when the speaker spoke *to* an
outlet ("…, the harbour master told AFP", "said to The Wall Street Journal", "in an
interview with the BBC"), the claim reached the article through that outlet, which is then
the original behind it. An outlet is a name of ``news_outlets.tsv`` or a name ending in an
outlet word ("Gazette", "Times", ``outlet_words.txt``).
"""

from __future__ import annotations

from itertools import islice

from spacy.tokens import Token

from ...lexicons import first_column, word_list
from ...model import Document
from ...resolve.attribution import Attribution, attributor_for

__all__ = ["is_outlet", "outlets_via"]

_MAX_KIDS = 24
_LISTENER_DEPS = frozenset({"dative", "dobj"})
_LISTENER_PREPS = frozenset({"to", "with"})


def is_outlet(name: str) -> bool:
    """True for the name of a news outlet or agency ("AFP", "The Wall Street Journal", "Harbour Gazette")."""
    words = name.replace("’", "'").strip(" .,'\"").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return False
    if " ".join(words).lower() in first_column("news_outlets.tsv"):
        return True
    return len(words) >= 2 and words[-1][:1].isupper() and words[-1].lower() in word_list("outlet_words.txt")


def _name_at(tok: Token) -> str:
    """The name a token heads (its compounds and flat name words before it)."""
    lo = tok.i
    while lo > 0 and tok.doc[lo - 1].head.i == tok.i and tok.doc[lo - 1].dep_ in ("compound", "det", "amod"):
        lo -= 1
    return tok.doc[lo:tok.i + 1].text


def _listeners(cue: Token) -> list[str]:
    """Who a speech verb's words were told to: "told AFP", "said to The Wall Street Journal"."""
    out: list[str] = []
    for kid in islice(cue.children, _MAX_KIDS):
        if kid.dep_ in _LISTENER_DEPS and kid.pos_ == "PROPN":
            out.append(_name_at(kid))
        elif kid.dep_ == "prep" and kid.lower_ in _LISTENER_PREPS:
            for obj in islice(kid.children, _MAX_KIDS):
                if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                    out.append(_name_at(obj))
        elif kid.dep_ == "prep" and kid.lower_ == "in":  # "said in an interview with the BBC"
            for obj in islice(kid.children, _MAX_KIDS):
                for sub in islice(obj.children, _MAX_KIDS):
                    if sub.dep_ == "prep" and sub.lower_ in _LISTENER_PREPS | {"by"}:
                        out += [_name_at(o) for o in islice(sub.children, _MAX_KIDS)
                                if o.dep_ == "pobj" and o.pos_ == "PROPN"]
    return out


def outlets_via(doc: Document, start: int, end: int) -> tuple[str, ...]:
    """The outlets the claim at characters [start, end) is credited through (see the module docstring).

    Example: in '"The pier is closed," the harbour master told AFP.' the quote gives ``("AFP",)``.

    Args:
        doc (Document): a parsed document.
        start, end (int): the claim's characters.
    Returns:
        tuple[str, ...]: outlet names as written; empty when the claim comes through none.
    """
    if doc.parse is None:
        return ()
    att = attributor_for(doc)
    found: Attribution | None = att.for_span(start, end) or att.lead_in(start)
    if found is None:
        return ()
    names: list[str] = []
    if found.speaker and is_outlet(found.speaker):
        names.append(found.speaker)
    if 0 <= found.cue_token < len(doc.parse):
        names += [n for n in _listeners(doc.parse[found.cue_token]) if is_outlet(n)]
    return tuple(dict.fromkeys(n.strip() for n in names))
