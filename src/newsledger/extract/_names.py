"""Tokens and capitalised names: the small shared layer under the quote extractor.

A document is tokenised once with one compiled regex (words keep inner apostrophes and
hyphens, so "Freedonia’s" and "Ji-won" stay whole; every other non-space character is a
token of its own). :func:`find_names` then walks the tokens once and returns the
capitalised runs that look like names, with the titles and roles the text gives them
("Sylvanian President Marko Vell" → name "Marko Vell", role "president";
"Lee, a former soldier," → name "Lee", role "soldier"). Everything is linear in the
number of tokens.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from typing import Any

_TOKEN_WS = re.compile(r"\s*(?:\w+(?:[’'\-.]\w+)*|\S)")
_POSSESSIVE = re.compile(r"[’']s?$", re.IGNORECASE)
# a name may be joined by up to this many lower-case connectors ("Institute for Coastal Studies")
_MAX_CONNECTORS = 2
# the longest title, in words ("secretary of state")
_MAX_TITLE_WORDS = 3
# how far after "Name," an appositive may name the person's role ("Lee, a 40-year-old
# former army medic who ...")
_APPOSITIVE_WINDOW = 10


@dataclass(slots=True)
class Tokens:
    """The tokens of one text as parallel lists (start, end, surface, lower case)."""

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    wordy: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def index_at(self, offset: int) -> int:
        """Index of the first token that starts at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def is_word(self, i: int) -> bool:
        """True when token ``i`` is a word (letters or digits), not punctuation."""
        return self.wordy[i]

    def is_cap(self, i: int) -> bool:
        """True when token ``i`` is a word starting with a capital letter."""
        return self.words[i][0].isupper()

    def bare(self, i: int) -> str:
        """Lower-case token ``i`` without a possessive or contraction ending ("he's" → "he")."""
        low = self.lower[i]
        if "’" not in low and "'" not in low:
            return low
        for suffix in ("’s", "'s", "’d", "'d", "’ll", "'ll", "’re", "'re", "’ve", "'ve"):
            if low.endswith(suffix) and len(low) > len(suffix):
                return low[: -len(suffix)]
        return low

    def possessive(self, i: int) -> bool:
        """True when word ``i`` ends in a possessive "’s"/"'s"."""
        return self.is_word(i) and bool(_POSSESSIVE.search(self.words[i])) and self.words[i][-1] in "sS"

    def name_end(self, i: int) -> int:
        """End offset of token ``i`` without a possessive "’s" ("Vell’s" → end of "Vell")."""
        if self.possessive(i):
            return self.ends[i] - 2
        return self.ends[i]


def tokenize(text: str, windows: Iterable[tuple[int, int]] | None = None) -> Tokens:
    """Split ``text`` (or only the given windows of it) into word and punctuation tokens.

    The work is done by C-level calls (``findall``, ``accumulate``, ``map``), so a whole
    article costs a fraction of a spaCy tokenizer pass.

    Args:
        text (str): any text.
        windows (Iterable[tuple[int, int]] | None): sorted, non-overlapping (start, end)
            ranges to tokenise; the whole text when None.
    Returns:
        Tokens: parallel lists of starts, ends, surfaces and lower-cased surfaces.

    Example: ``tokenize("Lorn’s envoy said.").words`` → ``["Lorn’s", "envoy", "said", "."]``.
    """
    toks = Tokens(text)
    for s, e in [(0, len(text))] if windows is None else windows:
        parts = _TOKEN_WS.findall(text, s, e)
        ends = list(accumulate(map(len, parts), initial=s))[1:]
        words = list(map(str.lstrip, parts))
        toks.starts.extend(map(operator.sub, ends, map(len, words)))
        toks.ends.extend(ends)
        toks.words.extend(words)
    toks.lower = list(map(str.lower, toks.words))
    toks.wordy = [w[0].isalnum() or w[0] == "_" for w in toks.words]
    return toks


def trie_pattern(entries: Iterable[str]) -> str:
    """A regex alternation of ``entries`` shaped as a prefix tree (fast to match).

    Python's regex engine tries alternatives one by one; sharing prefixes lets it drop a
    whole branch on the first letter that differs.

    Args:
        entries (Iterable[str]): literal strings.
    Returns:
        str: a pattern matching exactly the entries (no anchors, no groups captured).

    Example: ``trie_pattern(["said", "says"])`` → ``"sa(?:id|ys)"``.
    """
    tree: dict[str, Any] = {}
    for entry in entries:
        node = tree
        for ch in entry:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(tree)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A capitalised name as written, without its titles.

    ``key`` is the lower-cased last word ("vell"), shared by every mention of one person
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
    """Number of tokens of the longest title starting at token ``i``.

    Args:
        toks (Tokens): tokens; i (int): the token; titles (frozenset[str]): lower-case titles.
    Returns:
        int: 0 when no title starts there ("Prime Minister Vell" at "Prime" → 2).
    """
    if toks.bare(i) not in title_first_words(titles):
        return 0
    for n in range(_MAX_TITLE_WORDS, 0, -1):
        if i + n > len(toks):
            continue
        phrase = " ".join(toks.bare(k) for k in range(i, i + n))
        if phrase in titles:
            return n
    return 0


@cache
def title_first_words(titles: frozenset[str]) -> frozenset[str]:
    """The first word of every title ("prime" for "prime minister"), lower case.

    Args:
        titles (frozenset[str]): lower-case titles.
    Returns:
        frozenset[str]: their first words, for a quick set test before any join.
    """
    return frozenset(t.split()[0] for t in titles if t.strip())


def cap_run_end(toks: Tokens, i: int, stop: frozenset[str], connectors: frozenset[str], limit: int) -> int:
    """Index after the capitalised run that starts at token ``i`` (``i`` when none).

    A run is capitalised words, possibly joined by a few lower-case connectors that are
    followed by another capitalised word ("Institute for Coastal Studies"). It ends after
    a possessive word ("Lorn’s"), since what follows belongs to another phrase.

    Args:
        toks (Tokens): tokens; i (int): first token of the run.
        stop (frozenset[str]): words that never belong to a name ("the", "he").
        connectors (frozenset[str]): lower-case joining words ("of", "for").
        limit (int): the run never reaches this token.
    Returns:
        int: the token index after the run.
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
    known: dict[str, frozenset[str]] | None = None,
    lo: int = 0,
    hi: int | None = None,
    roles: frozenset[str] = frozenset(),
) -> list[NameMention]:
    """The capitalised names among tokens [lo, hi), titles stripped, persons marked.

    Args:
        toks (Tokens): the document's tokens.
        titles (frozenset[str]): lower-case titles and role words ("president", "ambassador").
        stop (frozenset[str]): lower-case words never part of a name even when capitalised
            at a sentence start ("the", "he", "in").
        connectors (frozenset[str]): lower-case words that may join one name ("of", "for").
        skip (Callable[[int], bool]): True for an offset to ignore (inside quotation marks).
        known (dict[str, frozenset[str]] | None): roles of persons found elsewhere in the
            document, by last name word (see :func:`titled_names`).
        lo (int): first token; hi (int | None): token after the last (default: all).
        roles (frozenset[str]): lower-case role nouns ("driver", "miner") that make a
            person only in lower case, before the name or in an appositive ("Lee, a
            retired miner"); unlike titles they are never taken out of a capitalised name.
    Returns:
        list[NameMention]: names in text order. A name is a person when a title or role
        word stands before or inside it, or in an appositive after it, or when its last
        word is that of such a person.

    Example: in "Sylvanian President Marko Vell thanked Lee." the first name is
    "Marko Vell" with role "president"; "Lee" is not known to be a person.
    """
    known = known or {}
    raw: list[tuple[int, int, set[str], set[str]]] = []
    n = len(toks) if hi is None else hi
    i = lo
    while i < n:
        if not (toks.is_word(i) and toks.is_cap(i)) or toks.lower[i] in stop or skip(toks.starts[i]):
            i += 1
            continue
        j = cap_run_end(toks, i, stop, connectors, n)
        if j == i:
            i += 1
            continue
        found: set[str] = set()
        adjectives: set[str] = set()
        first = i
        k = i
        while k < j:
            t = match_title(toks, k, titles)
            if t:
                found.add(" ".join(toks.bare(x) for x in range(k, k + t)))
                adjectives.update(toks.bare(x) for x in range(first, k))
                first = k + t
                k += t
            else:
                k += 1
        if first >= j:
            i = j
            continue
        # a lower-case title right before the name: "leader Ana Ruiz"
        # "Dr. Lena Ost": step over the dot of an abbreviated title
        before = first - 1 if first - 1 >= lo and toks.words[first - 1] == "." else first
        for t in range(1, _MAX_TITLE_WORDS + 1):
            b = before - t
            if b >= lo and not toks.is_cap(b) and match_title(toks, b, titles) == t:
                found.add(" ".join(toks.bare(x) for x in range(b, before)))
                break
        if not found and before - 1 >= lo and toks.is_word(before - 1) and toks.lower[before - 1] in roles:
            found.add(toks.lower[before - 1])
        # an appositive after the name: "Lee, a 40-year-old former soldier who ..."
        if j < n and toks.words[j] == "," and not toks.possessive(j - 1):
            for k in range(j + 1, min(n, j + 1 + _APPOSITIVE_WINDOW)):
                if toks.words[k] in ",.;:" or skip(toks.starts[k]):
                    break
                t = match_title(toks, k, titles)
                if t and not toks.is_cap(k):
                    found.add(" ".join(toks.bare(x) for x in range(k, k + t)))
                    break
                if toks.lower[k] in roles and (k + 1 >= n or toks.lower[k + 1] not in roles):
                    found.add(toks.lower[k])
                    break
        raw.append((first, j - 1, found, adjectives))
        i = j
    out = []
    for first, last, given, adjs in raw:
        key = toks.bare(last)
        all_roles = frozenset(given) | known.get(key, frozenset())
        start, end = toks.starts[first], toks.name_end(last)
        out.append(
            NameMention(start, end, toks.text[start:end], key, first, last, bool(all_roles), all_roles, frozenset(adjs))
        )
    return out


def titled_names(
    text: str,
    titles: Iterable[str],
    skip: Callable[[int], bool],
    *,
    appositives: bool = True,
    roles: Iterable[str] = (),
) -> list[NameMention]:
    """Persons the text introduces with a title or a role, found by regexes.

    "Sylvanian President Marko Vell", "leader Ana Ruiz", "Ambassador Lee" (a title
    before capitalised words) and, with ``appositives``, "Lee, a former soldier" /
    "Lee, Freedonia’s envoy to X" (an appositive holding a title). No tokens are made.

    Args:
        text (str): the document text.
        titles (Iterable[str]): lower-case titles.
        skip (Callable[[int], bool]): True for an offset to ignore (inside quotation marks).
        appositives (bool): also look for "Name, a <title> ..." (a second pass).
        roles (Iterable[str]): lower-case role nouns that count in an appositive only
            ("Dana Voss, a 41-year-old pit foreman" → role "foreman").
    Returns:
        list[NameMention]: in text order, each with its role and the capitalised words
        before the title as adjectives ("sylvanian").
    """
    rx_before, rx_appos, rx_title = _title_patterns(tuple(sorted(titles)), tuple(sorted(roles)))
    out: list[NameMention] = []
    for m in rx_before.finditer(text):
        nm = _CAPS.match(text, m.end())
        if nm is None or skip(m.start()):
            continue
        role = " ".join(m.group(1).lower().rstrip(".").split())
        name_start, name_end = nm.start(), nm.end()
        words = nm.group().split()
        if _POSSESSIVE.search(words[-1]) and words[-1][-1] in "sS":
            name_end -= 2
        key = words[-1].lower()
        key = key[:-2] if key.endswith(("’s", "'s")) else key
        before = _ADJ_BEFORE.search(text, max(0, m.start() - 40), m.start())
        adjs = frozenset(w.lower() for w in before.group().split()) if before else frozenset()
        out.append(
            NameMention(name_start, name_end, text[name_start:name_end], key, -1, -1, True, frozenset({role}), adjs)
        )
    if appositives:
        for m in rx_appos.finditer(text):
            if skip(m.start()):
                continue
            # the role in the appositive's own phrase, before a relative clause or a
            # second name ("a driver who is no relation to the chief, X")
            t = rx_title.search(_APPOS_HEAD.split(m.group(2), 1)[0])
            if t is None:
                continue
            key = m.group(1).split()[-1].lower()
            out.append(
                NameMention(
                    m.start(1),
                    m.end(1),
                    m.group(1),
                    key,
                    -1,
                    -1,
                    True,
                    frozenset({t.group().lower().rstrip(".")}),
                    frozenset(),
                )
            )
    out.sort(key=lambda x: x.start)
    return out


_ADJ_BEFORE = re.compile(r"(?<![\w’'])(?:[A-Z][\w’'\-]*\s+){1,2}$")
_CAPS = re.compile(r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3}")


_APPOS_HEAD = re.compile(r"\s(?:who|which|whose|that)\s")


@cache
def _title_patterns(
    titles: tuple[str, ...], roles: tuple[str, ...] = ()
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    alt = trie_pattern(t for t in set(titles) | set(roles) if t)
    # titles as written before a name: lower case or capitalised word by word ("Prime
    # Minister"), so the regex can stay case-sensitive (fast) and demand a capital after
    forms = set(titles) | {" ".join(w[:1].upper() + w[1:] for w in t.split()) for t in titles}
    forms |= {t[:1].upper() + t[1:] for t in titles}
    before = re.compile(r"(?<![\w’'])(" + trie_pattern(sorted(forms)) + r")(?![\w’'\-])\.?\s+(?=[A-Z])")
    appos = re.compile(
        r"(?<![\w’'])([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}),\s+"
        r"((?:a|an|the|[A-Z][\w\-]*[’']s)\s[^,.;:\n\"“”‘’]{0,80})"
    )
    title = re.compile(r"(?<![\w’'])(?:" + alt + r")(?![\w’'\-])")
    return before, appos, title
