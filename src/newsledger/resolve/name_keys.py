"""How names are compared across articles: merge keys, initials and titled forms.

A mention's merge key is its name with what varies between outlets taken out: case,
apostrophes and spacing; a gazetteer alias or a capital replaced by its country ("Holland",
"Amsterdam" → Netherlands); a region word dropped ("Zlatograd Oblast" → Zlatograd); a facility's
kind dropped ("Selby copper mine" → Selby); and, for an organisation, a firm's legal
suffix dropped ("Harlan Freight Co." → Harlan Freight) and a country written first in any of its forms
made one ("Kenyan Defence Forces", "Kenya's Defence Forces" → Kenya Defence Forces;
"Norwegian Polar Institute" → Norway Polar Institute).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.name_lexicons import MentionLexicons, fold_accents, gazetteer_entry
from ..model import Mention

__all__ = ["NameKey", "country_prefix", "initials", "is_acronym", "name_key_of", "normalize_name", "title_prefix"]

_CONNECTORS = frozenset({"of", "for", "the", "and", "de", "du", "da", "del", "van", "von", "on", "in", "&"})
_POSSESSIVE_END = re.compile(r"'s?$")
_MAX_COUNTRY_WORDS = 3


@dataclass(frozen=True, slots=True)
class NameKey:
    """A mention's merge key, its gazetteer canonical name (or None), and whether a region word was dropped."""

    key: str
    canonical: str | None = None
    stripped: bool = False


_ISATION = re.compile(r"(?i)(i)s(ations?)\b")


def normalize_name(name: str) -> str:
    """Casefold, no accents, straight apostrophes, one space, no possessive: "Norway’s" → "norway"."""
    name = " ".join(fold_accents(name).replace("’", "'").replace("‘", "'").split())
    name = _POSSESSIVE_END.sub("", name)
    return name.casefold().strip(" .,;:")


def is_acronym(text: str) -> bool:
    """ "CSR", "E.U.", "AT&T": two to six capitals, dots and "&" aside."""
    core = text.replace(".", "").replace("&", "")
    return 2 <= len(core) <= 6 and core.isupper() and core.isalpha()


def initials(name: str) -> str:
    """Capital initials of a name's words, connectors aside: "Centre for the Study of Rivers" → "CSR"."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _CONNECTORS]
    out = []
    for w in words:
        core = w.replace(".", "")
        out.append(core if is_acronym(w) and len(core) <= 3 else w[0])
    return "".join(ch for ch in "".join(out) if ch.isupper())


def strip_region(name: str, lex: MentionLexicons) -> str:
    """ "Zlatograd Oblast", "Zlatograd region" → "Zlatograd" (X + region word → X)."""
    words = name.split()
    if len(words) >= 2 and words[-1].lower() in lex.region_words:
        head = " ".join(words[:-1])
        # "Islamic State" is no state of a place called "Islamic"
        if words[-1].lower() == "state" and head.lower().endswith("ic"):
            return name
        return head
    return name


def country_prefix(words: list[str], lex: MentionLexicons) -> tuple[str, list[str]] | None:
    """(country, the other words) when a name opens with a country, its demonym or its possessive.

    Example: ``["Kenyan", "National", "Youth", "Service"]`` →
    ``("Kenya", ["National", "Youth", "Service"])``.
    """
    for n in range(min(_MAX_COUNTRY_WORDS, len(words) - 1), 0, -1):
        phrase = _POSSESSIVE_END.sub("", " ".join(words[:n]).replace("’", "'"))
        place = lex.demonyms.get(phrase.lower())
        if place is None:
            entry = gazetteer_entry(lex, phrase)
            place = entry[0] if entry is not None and entry[1] == "GPE" else None
        if place is not None:
            return place, words[n:]
    return None


def _organisation(surface: str, lex: MentionLexicons) -> str:
    words = surface.split()
    found = country_prefix(words, lex)
    if found is not None:
        words = found[0].split() + found[1]
    while len(words) >= 2 and words[-1].lower() in lex.firm_suffixes:
        words.pop()
    return " ".join(words)


def name_key_of(m: Mention, lex: MentionLexicons, states: frozenset[str] = frozenset()) -> NameKey:
    """The merge key of a mention (see the module docstring).

    ``states`` are capitals' names that the batch writes with a region word ("Victoria
    state"): there the bare name is that region, not the country it is the capital of.
    """
    if m.type == "NORP":
        place = lex.demonyms.get(normalize_name(m.text))
        return NameKey("norp:" + (place or normalize_name(m.text)).casefold())
    surface = _POSSESSIVE_END.sub("", " ".join(m.text.replace("’", "'").split()))
    if m.type == "FAC":
        words = surface.split()
        while len(words) >= 2 and words[-1].islower() and any(words[-1] in f.split() for f in lex.facility_words):
            words.pop()
        if len(words) < len(surface.split()):
            return NameKey("fac:" + normalize_name(" ".join(words)))
    if m.type == "ORG":  # "World Health Organisation" / "Organization": one name, two spellings
        surface = _ISATION.sub(r"\1z\2", surface)
    entry = gazetteer_entry(lex, surface)
    if entry is not None:
        if normalize_name(surface) in states:
            return NameKey("n:" + normalize_name(surface))
        return NameKey("g:" + entry[0].casefold(), entry[0])
    stripped = strip_region(surface, lex)
    if stripped != surface:
        entry = gazetteer_entry(lex, stripped)
        # "Tbilisi Oblast" is the region around the capital, not the country the capital stands for
        if entry is not None and normalize_name(stripped) not in lex.capitals:
            return NameKey("g:" + entry[0].casefold(), entry[0], True)
        return NameKey("n:" + normalize_name(stripped), None, True)
    if m.type == "ORG":
        surface = _organisation(surface, lex)
    return NameKey("n:" + normalize_name(surface))


def title_prefix(text: str, start: int, lex: MentionLexicons) -> str | None:
    """Capitalised titles and demonyms written right before a name: "Kenyan President", "Senior General"."""
    offset = max(0, start - 48)
    words = list(re.finditer(r"[A-Z][\w.-]*", text[offset:start]))
    prefix_start = start
    multi = lex.multiword_parts
    for w in reversed(words):
        gap = text[offset + w.end() : prefix_start]
        if gap.strip() or gap.count(" ") > 1:
            break
        low = w.group().lower()
        if low.endswith(".") and low not in lex.titles:
            break  # "Mr Major. Mr Blair": a sentence ends there, not an abbreviated title
        if (lex.is_title(low) or low in lex.demonyms or low in multi
                or (low in lex.title_modifiers and prefix_start < start)):
            prefix_start = offset + w.start()
        else:
            break
    return text[prefix_start:start] if prefix_start < start else None
