"""Tokens and capitalised names: the small shared layer under the quote extractor.

A document is tokenised once with one compiled regex (words keep inner apostrophes and
hyphens, so "Russia’s" and "Seong-kweun" stay whole; every other non-space character is a
token of its own). :func:`find_names` then walks the tokens once and returns the
capitalised runs that look like names, with the titles and roles the text gives them
("Russian President Vladimir Putin" → name "Vladimir Putin", role "president";
"Kim, a former soldier," → name "Kim", role "soldier"). Everything is linear in the
number of tokens.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\w+(?:[’'\-.]\w+)*|\S")
_POSSESSIVE = re.compile(r"[’']s?$", re.IGNORECASE)
# a name may be joined by up to this many lower-case connectors ("Institute for the Study")
_MAX_CONNECTORS = 2
# the longest title, in words ("secretary of state")
_MAX_TITLE_WORDS = 3
# how far after "Name," an appositive may name the person's role ("Kim, a 32-year-old
# former North Korean soldier who ...")
_APPOSITIVE_WINDOW = 10


@dataclass(slots=True)
class Tokens:
    """The tokens of one text as parallel lists (start, end, surface, lower case)."""

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def index_at(self, offset: int) -> int:
        """Index of the first token that starts at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def is_word(self, i: int) -> bool:
        """True when token ``i`` is a word (letters or digits), not punctuation."""
        return self.words[i][0].isalnum() or self.words[i][0] == "_"

    def is_cap(self, i: int) -> bool:
        """True when token ``i`` is a word starting with a capital letter."""
        return self.words[i][0].isupper()

    def bare(self, i: int) -> str:
        """Lower-case token ``i`` without a possessive or contraction ending ("he's" → "he")."""
        low = self.lower[i]
        for suffix in ("’s", "'s", "’d", "'d", "’ll", "'ll", "’re", "'re", "’ve", "'ve"):
            if low.endswith(suffix) and len(low) > len(suffix):
                return low[: -len(suffix)]
        return low

    def possessive(self, i: int) -> bool:
        """True when word ``i`` ends in a possessive "’s"/"'s"."""
        return self.is_word(i) and bool(_POSSESSIVE.search(self.words[i])) and self.words[i][-1] in "sS"

    def name_end(self, i: int) -> int:
        """End offset of token ``i`` without a possessive "’s" ("Putin’s" → end of "Putin")."""
        if self.possessive(i):
            return self.ends[i] - 2
        return self.ends[i]


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word and punctuation tokens with offsets.

    Args:
        text (str): any text.
    Returns:
        Tokens: parallel lists of starts, ends, surfaces and lower-cased surfaces.

    Example: ``tokenize("Russia’s envoy said.").words`` → ``["Russia’s", "envoy", "said", "."]``.
    """
    toks = Tokens(text)
    for m in _TOKEN.finditer(text):
        toks.starts.append(m.start())
        toks.ends.append(m.end())
        toks.words.append(m.group())
        toks.lower.append(m.group().lower())
    return toks


@dataclass(frozen=True, slots=True)
class NameMention:
    """A capitalised name as written, without its titles.

    ``key`` is the lower-cased last word ("putin"), shared by every mention of one person
    in a document; ``roles`` are the titles and role words the text gives that person.
    """

    start: int
    end: int
    text: str
    key: str
    first_token: int
    last_token: int
    person: bool
    roles: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()


def match_title(toks: Tokens, i: int, titles: frozenset[str]) -> int:
    """Number of tokens (0 when none) of the longest title starting at token ``i``."""
    for n in range(_MAX_TITLE_WORDS, 0, -1):
        if i + n > len(toks):
            continue
        phrase = " ".join(toks.bare(k) for k in range(i, i + n))
        if phrase in titles:
            return n
    return 0


def cap_run_end(toks: Tokens, i: int, stop: frozenset[str], connectors: frozenset[str], limit: int) -> int:
    """Index after the capitalised run that starts at token ``i`` (``i`` when none).

    A run is capitalised words, possibly joined by a few lower-case connectors that are
    followed by another capitalised word ("Institute for the Study of War"). It ends after
    a possessive word ("Russia’s"), since what follows belongs to another phrase.
    """
    j = i
    while j < limit:
        if toks.is_word(j) and toks.is_cap(j) and toks.lower[j] not in stop:
            j += 1
            if toks.possessive(j - 1):
                break
            continue
        k = j
        while k < limit and k - j < _MAX_CONNECTORS and toks.lower[k] in connectors:
            k += 1
        if k > j and k < limit and toks.is_word(k) and toks.is_cap(k) and toks.lower[k] not in stop:
            j = k
            continue
        break
    return j


def find_names(
    toks: Tokens,
    *,
    titles: frozenset[str],
    stop: frozenset[str],
    connectors: frozenset[str],
    skip: Callable[[int], bool],
) -> list[NameMention]:
    """The capitalised names of a document, titles stripped, persons marked.

    Args:
        toks (Tokens): the document's tokens.
        titles (frozenset[str]): lower-case titles and role words ("president", "ambassador").
        stop (frozenset[str]): lower-case words never part of a name even when capitalised
            at a sentence start ("the", "he", "in").
        connectors (frozenset[str]): lower-case words that may join one name ("of", "for").
        skip (Callable[[int], bool]): True for an offset to ignore (inside quotation marks).
    Returns:
        list[NameMention]: names in text order. A name is a person when a title or role
        word stands before or inside it, or in an appositive after it, or when its last
        word is that of such a person.

    Example: in "Russian President Vladimir Putin thanked Lee." the first name is
    "Vladimir Putin" with role "president"; "Lee" is not known to be a person.
    """
    raw: list[tuple[int, int, set[str], set[str]]] = []
    n = len(toks)
    i = 0
    while i < n:
        if not (toks.is_word(i) and toks.is_cap(i)) or toks.lower[i] in stop or skip(toks.starts[i]):
            i += 1
            continue
        j = cap_run_end(toks, i, stop, connectors, n)
        if j == i:
            i += 1
            continue
        roles: set[str] = set()
        adjectives: set[str] = set()
        first = i
        k = i
        while k < j:
            t = match_title(toks, k, titles)
            if t:
                roles.add(" ".join(toks.bare(x) for x in range(k, k + t)))
                adjectives.update(toks.bare(x) for x in range(first, k))
                first = k + t
                k += t
            else:
                k += 1
        if first >= j:
            i = j
            continue
        # a lower-case title right before the name: "leader Kim Jong Un"
        for t in range(1, _MAX_TITLE_WORDS + 1):
            b = first - t
            if b >= 0 and not toks.is_cap(b) and match_title(toks, b, titles) == t:
                roles.add(" ".join(toks.bare(x) for x in range(b, first)))
                break
        # an appositive after the name: "Kim, a 32-year-old former soldier who ..."
        if j < n and toks.words[j] == "," and not toks.possessive(j - 1):
            for k in range(j + 1, min(n, j + 1 + _APPOSITIVE_WINDOW)):
                if toks.words[k] in ",.;:" or skip(toks.starts[k]):
                    break
                t = match_title(toks, k, titles)
                if t and not toks.is_cap(k):
                    roles.add(" ".join(toks.bare(x) for x in range(k, k + t)))
                    break
        raw.append((first, j - 1, roles, adjectives))
        i = j
    person_roles: dict[str, set[str]] = {}
    person_adjs: dict[str, set[str]] = {}
    for first, last, roles, adjs in raw:
        if roles:
            key = toks.bare(last)
            person_roles.setdefault(key, set()).update(roles)
            person_adjs.setdefault(key, set()).update(adjs)
    out = []
    for first, last, _roles, _adjs in raw:
        key = toks.bare(last)
        start, end = toks.starts[first], toks.name_end(last)
        out.append(
            NameMention(
                start,
                end,
                toks.text[start:end],
                key,
                first,
                last,
                key in person_roles,
                frozenset(person_roles.get(key, ())),
                frozenset(person_adjs.get(key, ())),
            )
        )
    return out


def persons_with_role(mentions: Iterable[NameMention], roles: Iterable[str]) -> list[NameMention]:
    """Person mentions that hold any of ``roles``, in text order."""
    wanted = set(roles)
    return [m for m in mentions if m.person and m.roles & wanted]
