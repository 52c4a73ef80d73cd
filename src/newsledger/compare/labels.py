"""Labels in plain words for a group, from the structured facts of its members.

A figure group is named by what it counts and where: "deaths in Norland", "injured in
Velka", "workers", "missiles launched", "share voting to reject"; an event group by its
happening or its label ("fire began", "sign fuel contract"); a statement group by its speaker
and its first words. Words come from the facts (lemmas and the lexicons' canonical words),
inflected with ``verb_forms.tsv``, never cut out of a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from ..lexicons import first_column, table
from ..model import Event, Quantity, Quote
from ._words import currency_units, money_words
from .claims import Claim

__all__ = ["group_label"]

_LABEL_WORDS = 8
_VOWELS = "aeiou"
_PARTICLES = frozenset({"out", "off", "up", "down", "away", "back", "over", "in"})
# How a harm is named in a label.
_HARM_NAMES = {
    frozenset({"killed"}): "deaths", frozenset({"wounded"}): "injured", frozenset({"missing"}): "missing",
    frozenset({"captured"}): "captured", frozenset({"trapped"}): "trapped",
    frozenset({"killed", "wounded"}): "dead or injured",
}


@cache
def _participles() -> dict[str, str]:
    return {row[0].lower(): row[2].lower() for row in table("verb_forms.tsv") if len(row) >= 3}


@cache
def _pasts() -> dict[str, str]:
    return {row[0].lower(): row[1].lower() for row in table("verb_forms.tsv") if len(row) >= 2}


@cache
def _dimensions() -> dict[str, str]:
    return {row[0].lower(): row[1].lower() for row in table("dimension_words.tsv") if len(row) >= 2}


def _doubles(verb: str) -> bool:
    """A short verb that doubles its last consonant: "log" → "logged", "drop" → "dropped"."""
    return (len(verb) in (3, 4) and verb[-1] not in _VOWELS + "wxy" and verb[-2] in _VOWELS
            and verb[-3] not in _VOWELS and sum(c in _VOWELS for c in verb) == 1)


def participle(verb: str) -> str:
    """The past participle of a verb's lemma: "launch" → "launched", "bring" → "brought",
    "log" → "logged"; a word that is one already stays ("evacuated")."""
    if " " in verb:
        first, rest = verb.split(" ", 1)
        return f"{participle(first)} {rest}"
    known = _participles().get(verb)
    if known:
        return known
    if verb.endswith("ed") or verb in _participles().values():
        return verb
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    if _doubles(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _forms(verb: str) -> set[str]:
    """The inflected forms of a verb's lemma that only a verb takes (not the bare word, which a
    noun may share: "vote", "strike")."""
    stem = verb[:-1] if verb.endswith("e") else verb + verb[-1] if _doubles(verb) else verb
    return {participle(verb), _pasts().get(verb, participle(verb)), stem + "ing"} - {verb}


def plural(noun: str) -> str:
    """A regular plural: "missile" → "missiles", "body" → "bodies"; a word in -ing stays ("trading")."""
    if noun.endswith("ing"):
        return noun
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es" if not noun.endswith("s") else noun
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _common_place(members: Sequence[Claim]) -> str | None:
    places = [c.places for c in members if c.places]
    if not places:
        return None
    shared = frozenset.intersection(*places)
    if len(shared) != 1:
        return None
    return next(iter(shared)).title()


def _figure_label(members: Sequence[Claim]) -> str:
    harms = Counter(c.casualty for c in members if c.casualty)
    place = _common_place(members)
    where = f" in {place}" if place else ""
    if harms:
        harm = harms.most_common(1)[0][0]
        name = _HARM_NAMES.get(harm, " or ".join(sorted(harm)))
        return name + where
    heads = Counter(c.head for c in members if c.head)
    actions = Counter(c.action for c in members if c.action)
    head = heads.most_common(1)[0][0] if heads else None
    action = actions.most_common(1)[0][0] if actions else None
    units = Counter(c.unit for c in members if c.unit)
    share = bool(units) and units.most_common(1)[0][0] == "%"
    if action and share and (not head or head == "vote"):
        voted = any("vote" in c.weights for c in members)
        return f"share voting to {action}" if voted else f"share {participle(action)}"
    dimension = _dimensions().get(action or "")
    if head and dimension:
        return (dimension if head == dimension else f"{dimension} of {plural(head)}") + where
    unit = units.most_common(1)[0][0] if units else None
    if head and unit in currency_units() and head in money_words():
        return head + where  # a sum of money: "damage", "cost", never "damages put"
    amount = unit is not None and unit != "%" and unit not in currency_units() and " " not in unit and (
        unit.rstrip("s") not in first_column("duration_units.tsv"))
    if head and amount:
        # an amount of a substance: "tonnes of rubber stored", never "rubbers stored"
        shown = action and action != head and not head.startswith(action)
        return f"{unit} of {head}" + (f" {participle(action)}" if shown and action else "") + where
    if head:
        # "workers" rather than "workers worked": a noun made from its verb says it already
        shown = action and action != head and not action.startswith(head) and not head.startswith(action)
        return plural(head) + (f" {participle(action)}" if shown and action else "") + where
    if dimension:
        return dimension + where
    if action:
        return participle(action) + where
    first = members[0].item
    assert isinstance(first, Quantity)
    return first.measure.strip() or first.text


def event_phrase(label: str, texts: Sequence[str]) -> str:
    """An event's label ("sign fuel contract", "talk stall") in plain words ("fuel contract
    signed", "talk stalled"): the word the texts write as a verb is put last, as a participle.
    A verb with its particle ("break down") and a label no text writes as a verb stay as they are."""
    words = label.split()
    if not label.islower() or (len(words) > 1 and words[1] in _PARTICLES):
        return label

    def verbal(word: str) -> bool:
        return any(re.search(rf"\b{re.escape(f)}\b", t, re.IGNORECASE) for f in _forms(word) for t in texts)

    if len(words) == 1:
        return participle(label) if verbal(label) else label

    if verbal(words[0]) and not verbal(words[-1]):
        return " ".join(words[1:]) + " " + participle(words[0])
    if verbal(words[-1]) and not verbal(words[0]):
        return " ".join(words[:-1]) + " " + participle(words[-1])
    return label


def group_label(members: Sequence[Claim]) -> str:
    """A group's label in plain words (see the module docstring).

    Args:
        members (Sequence[Claim]): the group's claims, e.g. "212 people were killed in Norland"
            and "the death toll in Norland reached 212".
    Returns:
        str: e.g. ``"deaths in Norland"``.
    """
    first = members[0].item
    if isinstance(first, Quantity):
        return _figure_label(members)
    if isinstance(first, Event):
        happening = next((c.measure for c in members if any(w.startswith("+") for w in c.measure)), None)
        if happening:
            noun = next(w for w in happening if not w.startswith("+"))
            onset = next(w for w in happening if w.startswith("+"))[1:]
            return f"{noun} {onset}"
        label = Counter(c.item.event for c in members if isinstance(c.item, Event)).most_common(1)[0][0]
        return event_phrase(label, [c.item.text for c in members])
    speaker = next((c.item.speaker for c in members if isinstance(c.item, Quote) and c.item.speaker), None)
    words = first.text.strip(" ,.“”\"'‘’").split()
    text = " ".join(words[:_LABEL_WORDS]) + ("…" if len(words) > _LABEL_WORDS else "")
    return f"{speaker}: {text}" if speaker else text
