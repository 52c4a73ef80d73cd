"""Labels in plain words for a group, from the structured facts of its members.

A figure group is named by what it counts and where: "deaths in Myanmar", "injured in
Thailand", "workers", "missiles launched", "share voting to reject"; an event group by its
happening or its label ("fire began", "sign defense pact"); a statement group by its speaker
and its first words. Words come from the facts (lemmas and the lexicons' canonical words),
inflected with ``verb_forms.tsv``, never cut out of a sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

from ..lexicons import table
from ..model import Event, Quantity, Quote
from .claims import Claim

__all__ = ["group_label"]

_LABEL_WORDS = 8
# How a harm is named in a label.
_HARM_NAMES = {
    frozenset({"killed"}): "deaths", frozenset({"wounded"}): "injured", frozenset({"missing"}): "missing",
    frozenset({"captured"}): "captured", frozenset({"trapped"}): "trapped",
    frozenset({"killed", "wounded"}): "dead or injured",
}


@cache
def _participles() -> dict[str, str]:
    return {row[0].lower(): row[2].lower() for row in table("verb_forms.tsv") if len(row) >= 3}


def participle(verb: str) -> str:
    """The past participle of a verb's lemma: "launch" → "launched", "bring" → "brought"."""
    if " " in verb:
        first, rest = verb.split(" ", 1)
        return f"{participle(first)} {rest}"
    known = _participles().get(verb)
    if known:
        return known
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def plural(noun: str) -> str:
    """A regular plural: "missile" → "missiles", "body" → "bodies", "troop" stays as the lexicon has it."""
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
    if head:
        shown = action and action != head and not action.startswith(head)
        return plural(head) + (f" {participle(action)}" if shown and action else "") + where
    if action:
        return participle(action) + where
    first = members[0].item
    assert isinstance(first, Quantity)
    return first.measure.strip() or first.text


def group_label(members: Sequence[Claim]) -> str:
    """A group's label in plain words (see the module docstring).

    Args:
        members (Sequence[Claim]): the group's claims, e.g. "1,644 people were killed in Myanmar"
            and "the death toll in Myanmar reached 1,644".
    Returns:
        str: e.g. ``"deaths in Myanmar"``.
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
        return Counter(c.item.event for c in members if isinstance(c.item, Event)).most_common(1)[0][0]
    speaker = next((c.item.speaker for c in members if isinstance(c.item, Quote) and c.item.speaker), None)
    words = first.text.strip(" ,.“”\"'‘’").split()
    text = " ".join(words[:_LABEL_WORDS]) + ("…" if len(words) > _LABEL_WORDS else "")
    return f"{speaker}: {text}" if speaker else text
