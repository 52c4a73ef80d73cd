"""Bylines and author boxes: the name of who wrote an article, from one line.

Two forms: a cue and a name ("By Jane Doe", "Written by Jane Doe and Tom Bell", cues in
``byline_cues.txt``), and an author box, a line about the writer ("Jane Doe is the energy
reporter for the Harbour Herald", patterns in ``author_lines.tsv``). A name is one to five
capitalised words (with particles such as "de la"), or several joined by commas and "and";
a month or weekday is never part of one ("By Monday Morning" is not a byline).
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import ordered_list, table, word_list

_WORD = r"[A-Z][\w'’.-]*"
_PARTICLE = r"(?:de|van|von|der|den|du|da|di|dos|das|del|la|le|al|el|bin|ibn|ben|y)"
_ONE_NAME = rf"{_WORD}(?:\s+(?:{_WORD}|{_PARTICLE})){{0,4}}"
_NAMES = rf"{_ONE_NAME}(?:(?:\s*,\s*{_ONE_NAME})*\s*,?\s+(?:and|&)\s+{_ONE_NAME})?"
# What may follow the name on a byline: the outlet or role after a separator
# ("By Jane Doe, Harbour Herald", "By Jane Doe | Staff writer").
_BOX_MAX_CHARS = 300
_BARE_NAME_MAX_WORDS = 4
_BARE_NAME = re.compile(rf"{_WORD}(?:\s+(?:{_WORD}|{_PARTICLE})){{1,3}}")
_AFTER = r"(?:\s*[,|–—-]\s*(?:[^\s\"“”.!?]+\s*){1,6})?"


# a name on a byline line, then after a comma or a bar its outlet or role, capitalised
_NAME_AND_CREDIT = re.compile(
    r"(?P<name>[^,|]+?)\s*[,|]\s*(?P<credit>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|the|and|for)){0,5})")


@cache
def byline_cues() -> frozenset[str]:
    """The words that open a byline ("by", "written by"), lower case."""
    return frozenset(ordered_list("byline_cues.txt"))


@cache
def _cue_re() -> re.Pattern[str]:
    cues = sorted(byline_cues(), key=len, reverse=True)
    alts = "|".join(re.escape(c) for c in cues)
    return re.compile(rf"^(?i:{alts})\s*:?\s+(?P<name>{_NAMES}){_AFTER}$")


@cache
def _box_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    roles = "|".join(re.escape(r) for r in sorted(ordered_list("author_roles.txt"), key=len, reverse=True))
    out = []
    for row in table("author_lines.tsv"):
        rx = row[1].replace("{name}", rf"(?-i:(?P<name>{_NAMES}))").replace("{role}", rf"(?:{roles})")
        out.append((row[0], re.compile(rx, re.IGNORECASE)))
    return tuple(out)


@cache
def _not_name_words() -> frozenset[str]:
    months = {row[0].lower() for row in table("months.tsv")}
    days = {row[0].lower() for row in table("time_words.tsv") if len(row) > 1 and row[1] == "weekday"}
    return frozenset(months | days)


def _valid(name: str) -> str | None:
    name = name.strip(" ,")
    words = [w for w in re.findall(r"[\w'’.-]+", name) if w.lower() != "and"]
    if any(w.lower().strip(".") in _not_name_words() for w in words):
        return None
    if len(words) < 2:
        return None
    return name


def _without_outlet(name: str) -> str:
    """The name without an outlet run into it: "JANE DOE Harbour Wire", "Jane Doe Harbour News".

    A name in capitals ends where the capitals end; otherwise a name whose last word ends an
    outlet's name ("news", "press", ``outlet_words.txt``) loses its last two words.
    """
    if " and " in name or "," in name:
        return name
    words = name.split()
    caps = [w.isupper() and len(w.strip(".")) > 1 for w in words]
    if len(words) > 2 and caps[0] and caps[1] and not all(caps):
        return " ".join(words[: caps.index(False)])
    if len(words) > 3 and words[-1].lower() in word_list("outlet_words.txt"):
        return " ".join(words[:-2])
    return name


def find_author(line: str) -> str | None:
    """The name on a byline line ("By Jane Doe, Harbour Herald" → "Jane Doe"), or None.

    The cue must open the line ("By Jane Doe"), so a sentence that opens with "By" is not a
    byline: ``find_author("By the end of the week the fire was out.")`` → None.

    Example: ``find_author("Written by Jane Doe and Tom Bell")`` → ``"Jane Doe and Tom Bell"``.
    """
    m = _cue_re().match(line.strip())
    return None if m is None else _valid(_without_outlet(m.group("name")))


def find_bare_name(line: str) -> str | None:
    """A line that is only a person's name ("Jane R. Doe"): two to four capitalised words.

    Such a line is a byline only beside the page's date line (blogs and many news pages
    print "Jane Doe" above "Jun 7, 2024"); the caller checks that. A name that ends like an
    outlet ("Harbour News") or holds a month or weekday is no name.

    A name may be followed by its outlet or role after a comma or a bar ("Jane Doe, Harbour
    Post"). Example: ``find_bare_name("Jane R. Doe")`` → ``"Jane R. Doe"``;
    ``find_bare_name("World News")`` → None.
    """
    stripped = line.strip()
    credited = _NAME_AND_CREDIT.fullmatch(stripped)
    if credited is not None:  # "Jane Doe, Harbour Post", "Jane Doe | Energy Editor"
        if any(w.lower().strip(".") in _not_name_words() for w in credited.group("credit").split()):
            return None  # "Jane Doe, March 3": a date line
        stripped = credited.group("name")
    if not _BARE_NAME.fullmatch(stripped):
        return None
    words = stripped.split()
    if not 2 <= len(words) <= _BARE_NAME_MAX_WORDS or words[-1].lower() in word_list("outlet_words.txt"):
        return None
    return _valid(stripped)


def find_author_box(line: str) -> str | None:
    """The writer's name in an author box, or None.

    Example: ``find_author_box("Jane Doe is the energy reporter for the Harbour Herald")`` → ``"Jane Doe"``.
    """
    found = match_author_line(line)
    return found[1] if found else None


def match_author_line(line: str) -> tuple[str, str] | None:
    """(reason, name) of a line of ``author_lines.tsv`` ("author box", "byline"), or None.

    Example: ``match_author_line("— Jane Doe")`` → ``("byline", "Jane Doe")``.
    """
    stripped = line.strip()
    if len(stripped) > _BOX_MAX_CHARS:
        return None
    for reason, rx in _box_res():
        m = rx.fullmatch(stripped)
        if m and (name := _valid(m.group("name"))):
            return reason, name
    return None
