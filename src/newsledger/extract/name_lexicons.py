"""The gazetteer and word lists that name mentions are corrected and merged with.

One frozen :class:`MentionLexicons` holds them, loaded once from ``data/en`` by
:func:`default_lexicons`; the mention finder and the entity resolver both read it, and a
test can pass a tiny one. Every table that is looked up phrase by phrase keeps an index of
its entries' first words, so a token that opens no entry is rejected with one dict lookup
and a lookup at every token of a text stays linear.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from ..lexicons import table, word_list

__all__ = ["MentionLexicons", "date_opens_name", "default_lexicons", "demonym_place", "fold_accents",
           "gazetteer_entry", "name_key"]

# prepositions that make a month name right after them a date, not the first word of a name
_DATE_PREPS = frozenset({"in", "on", "since", "by", "until", "from", "during", "last", "early", "late"})


@cache
def _month_names() -> frozenset[str]:
    return frozenset(row[0] for row in table("months.tsv"))


def date_opens_name(parse: Doc, i: int) -> bool:
    """Whether token ``i``, the first of a name, is a month that a preposition makes a date:
    "In May Harlow Mills said" (the model may read "May Harlow Mills" as one name)."""
    return 0 < i < len(parse) and parse[i].text in _month_names() and parse[i - 1].lower_ in _DATE_PREPS


def fold_accents(text: str) -> str:
    """The text without its accents: "Vásquez" → "Vasquez" (outlets write names both ways)."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """Lookup key of a phrase: one space, straight apostrophes, lower case unless all capitals.

    All-capital entries ("NATO", "WHO") are kept as written, so the word "Who" is not "WHO".
    """
    name = " ".join(name.replace("’", "'").split())
    return name if name.isupper() else name.lower()


@dataclass(frozen=True, slots=True)
class MentionLexicons:
    """Word lists the mention finder and the resolver read (data files named per field)."""

    gazetteer: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (canonical, type); gazetteer.tsv
    capitals: frozenset[str] = frozenset()  # keys of the gazetteer's capitals ("washington")
    demonyms: dict[str, str] = field(default_factory=dict)  # lower demonym and plural → place; demonyms.tsv
    titles: frozenset[str] = frozenset()  # titles.txt: "president", "gen.", "prime minister"
    title_modifiers: frozenset[str] = frozenset()  # title_modifiers.txt: "senior", "acting"
    person_nouns: frozenset[str] = frozenset()  # titles and the role nouns of speaker_nouns.tsv
    org_words: frozenset[str] = frozenset()  # org_words.txt: last words of organisations' names
    region_words: frozenset[str] = frozenset()  # region_words.txt: "oblast", "province"
    place_words: frozenset[str] = frozenset()  # place_words.txt: "street", "quay", "sound"
    place_prefixes: dict[str, str] = field(default_factory=dict)  # place_prefixes.tsv: "fort" → GPE
    facility_words: frozenset[str] = frozenset()  # facility_words.txt: "copper mine"
    local_bodies: frozenset[str] = frozenset()  # local_bodies.txt: "town council"
    stopwords: frozenset[str] = frozenset()  # name_stopwords.txt: "the", "monday", "war"
    speech_verbs: frozenset[str] = frozenset()  # speech_verbs.txt, base forms
    place_preps: dict[str, str] = field(default_factory=dict)  # place_preps.tsv: "in" → any
    place_cues: frozenset[str] = frozenset()  # place_cues.txt: "city of"
    org_cues: frozenset[str] = frozenset()  # org_cues.txt: "newspaper"
    place_after: frozenset[str] = frozenset()  # place_after.txt: "residents" in "Ostby residents"
    firm_suffixes: frozenset[str] = frozenset()  # firm_suffixes.txt: "co.", "inc", "holdings"
    # first word of the entries of each phrase table → the most words an entry has
    firsts: dict[str, dict[str, int]] = field(init=False, default_factory=dict)
    # words of the titles and demonyms of several words ("prime", "minister", "south")
    multiword_parts: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        tables: dict[str, Mapping[str, object] | frozenset[str]] = {
            "gazetteer": self.gazetteer, "demonyms": self.demonyms, "titles": self.titles,
        }
        for name, entries in tables.items():
            index: dict[str, int] = {}
            for entry in entries:
                words = entry.split()
                first = words[0].lower()
                index[first] = max(index.get(first, 0), len(words))
            self.firsts[name] = index
        parts = frozenset(w for phrase in (*self.titles, *self.demonyms) if " " in phrase for w in phrase.split())
        object.__setattr__(self, "multiword_parts", parts)

    def is_title(self, phrase: str) -> bool:
        """True for a title or office as written before or after a name ("Gen.", "Prime Minister")."""
        low = " ".join(phrase.lower().split())
        return low in self.titles or low.rstrip(".") in self.titles


def gazetteer_entry(lex: MentionLexicons, name: str) -> tuple[str, str] | None:
    """(canonical, type) of a name in the gazetteer, or None ("Holland" → Netherlands, GPE).

    Example: ``gazetteer_entry(default_lexicons(), "Oslo")`` → ``("Norway", "GPE")``.
    """
    key = name_key(name)
    entry = lex.gazetteer.get(key)
    if entry is None and key.isupper() and len(key) > 3:
        entry = lex.gazetteer.get(key.lower())  # a country in a shouted headline ("PERU")
    return entry


def demonym_place(name: str, lexicons: MentionLexicons | None = None) -> str | None:
    """The place a demonym belongs to: "Mongolian" / "Mongolians" → "Mongolia".

    Example: ``demonym_place("Kenyan")`` → ``"Kenya"``; a non-demonym → None.
    """
    lex = lexicons or default_lexicons()
    return lex.demonyms.get(name_key(name).lower())


@cache
def default_lexicons() -> MentionLexicons:
    """The packaged word lists (cached)."""
    rows = table("gazetteer.tsv")
    gazetteer = {name_key(row[0]): (row[2], row[1]) for row in rows}
    demonyms: dict[str, str] = {}
    for row in table("demonyms.tsv"):
        name, place = row[0].lower(), row[1]
        demonyms[name] = place
        # English plurals of nationality nouns: "Mongolians"; not "Chinese", "French", "Swiss"
        if not name.endswith(("ese", "ch", "sh", "ss", "i")):
            demonyms[name + "s"] = place
    return MentionLexicons(
        gazetteer=gazetteer,
        capitals=frozenset(name_key(row[0]) for row in rows if len(row) > 3 and row[3] == "capital"),
        demonyms=demonyms,
        titles=word_list("titles.txt"),
        title_modifiers=word_list("title_modifiers.txt"),
        person_nouns=word_list("titles.txt") | {r[0].lower() for r in table("speaker_nouns.tsv") if r[1] == "role"},
        org_words=word_list("org_words.txt"),
        region_words=word_list("region_words.txt"),
        place_words=word_list("place_words.txt"),
        place_prefixes={row[0].lower(): row[1] for row in table("place_prefixes.tsv")},
        facility_words=word_list("facility_words.txt"),
        local_bodies=word_list("local_bodies.txt"),
        stopwords=word_list("name_stopwords.txt"),
        speech_verbs=word_list("speech_verbs.txt"),
        place_preps={row[0].lower(): row[1] for row in table("place_preps.tsv")},
        place_cues=word_list("place_cues.txt"),
        org_cues=word_list("org_cues.txt"),
        place_after=word_list("place_after.txt"),
        firm_suffixes=word_list("firm_suffixes.txt"),
    )
