"""What a line's own words say about it: page furniture, a credit, or story text.

The patterns are data (``boilerplate_lines.tsv``: one row per kind of line, with an example);
a few kinds are recognised by their make-up instead: a bar of links ("Share on Facebook |
Share on X | Email"), a row of share buttons ("Facebook Twitter LinkedIn Email"), a
language menu ("English | Español", "fr_FRFrançais"), a line in another script than the
page's (the text of an embedded post).

A line that holds a quotation (or, for captions, a figure) is story text even when it looks
like furniture: a caption that quotes somebody may be the only place a statement appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import ordered_list, table, word_list
from .dates import month_pattern

_MAX_CHARS = 600
_SEPARATORS = re.compile(r"\s[|·•]\s")
_MASTHEAD_MAX_WORDS = 5
# a sign-up box run into one line repeats its phrases; a sentence about a newsletter has a few
_PROMPT_HITS = 4
_PROMPT_SHORT_WORDS = 12


@dataclass(frozen=True, slots=True)
class JunkRule:
    """One row of ``boilerplate_lines.tsv``, compiled."""

    reason: str
    role: str  # "junk" or "credit"
    margin: bool  # only above the story's first paragraph or below its last
    keep: str  # "none", "quote", "figure" or "speech": what makes a matching line stay story text
    pattern: re.Pattern[str]
    example: str


@dataclass(frozen=True, slots=True)
class JunkMatch:
    """A line recognised by its own words."""

    reason: str
    role: str
    margin: bool
    outlet: str | None = None  # the outlet a credit line names ("Read the original article on X")


@cache
def junk_rules() -> tuple[JunkRule, ...]:
    """The rows of ``boilerplate_lines.tsv``, placeholders filled and compiled."""
    streets = "|".join(re.escape(w) for w in sorted(ordered_list("street_words.txt"), key=len, reverse=True))
    out = []
    for reason, role, where, keep, rx, example in table("boilerplate_lines.tsv"):
        rx = rx.replace("{street}", streets).replace("{month}", month_pattern())
        out.append(JunkRule(reason, role, where == "margin", keep, re.compile(rx, re.IGNORECASE), example))
    return tuple(out)


def match_junk(line: str) -> JunkMatch | None:
    """The first kind of furniture a line is by its own words, or None.

    A rule whose ``keep`` is "quote" or "figure" does not take a line that holds a
    quotation (or a figure): that line stays story text.

    Example: ``match_junk("Listen to this article 0:00 / 3:12").reason`` → ``"player"``.
    """
    stripped = line.strip().lstrip("•·*▪►").lstrip()  # a bullet of a menu list ("• Download")
    if not stripped or len(stripped) > _MAX_CHARS:
        return None
    for rule in junk_rules():
        m = rule.pattern.fullmatch(stripped)
        if m is None or _kept(stripped, rule.keep):
            continue
        outlet = next((v.strip() for k, v in m.groupdict().items() if k.startswith("outlet") and v), None)
        return JunkMatch(rule.reason, rule.role, rule.margin, outlet)
    return _by_make_up(stripped)


def junk_line_reason(line: str) -> str | None:
    """The reason a line is page furniture by its own words (anywhere on a page), or None.

    Example: ``junk_line_reason("Trending Now")`` → ``"trending"``.
    """
    m = match_junk(line)
    return m.reason if m is not None and not m.margin else None


def _kept(line: str, keep: str) -> bool:
    if keep == "none":
        return False
    if keep == "speech" and _REPORTED.search(line):
        return True
    return has_quotation(line) or (keep == "figure" and has_figure(line))


# reported speech marks a sentence of the story, never a prompt of the page
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)


def _by_make_up(line: str) -> JunkMatch | None:
    parts = [p.strip(" •·") for p in _SEPARATORS.split(line) if p.strip(" •·")]
    if len(parts) > 1:
        found = [match_junk(p) for p in parts]
        if all(f is not None for f in found):
            first = found[0]
            assert first is not None
            return JunkMatch(first.reason, "junk", any(f is not None and f.margin for f in found))
    if _is_share_row(line):
        return JunkMatch("share", "junk", False)
    if _is_language_menu(line):
        return JunkMatch("language", "junk", False)
    if _is_prompt_run(line):
        return JunkMatch("newsletter", "junk", False)
    return None


@cache
def _prompt_re() -> re.Pattern[str]:
    cues = sorted(ordered_list("newsletter_cues.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)


def _is_prompt_run(line: str) -> bool:
    """A sign-up or paywall box run into one line: its phrases come again and again."""
    hits = len(_prompt_re().findall(line))
    words = len(line.split())
    enough = hits >= _PROMPT_HITS or (hits >= 2 and words <= _PROMPT_SHORT_WORDS)
    return enough and not has_quotation(line) and not has_figure(line)


_TOKENS = re.compile(r"[^\s|·•/,]+")
_LOCALE = re.compile(r"(?-i:[a-z]{2,3}[_-][A-Z]{2})")


_COUNT = re.compile(r"\(?\d[\d,.]*[kKmM]?\)?")  # a button's count: "Comments (214)", "Share 1.2K"


def _is_share_row(line: str) -> bool:
    words = [w.lower() for w in _TOKENS.findall(line) if not _COUNT.fullmatch(w)]
    networks = word_list("share_words.txt")
    return len(words) >= 2 and all(w in networks for w in words) and len(set(words)) >= 2


@cache
def _language_re() -> re.Pattern[str]:
    names = sorted(word_list("language_names.txt"), key=len, reverse=True)
    alts = "|".join(re.escape(n) for n in names)
    # one entry: a language name, a locale code glued to one ("fr_FRFrançais"), or a code alone
    entry = rf"(?:{_LOCALE.pattern}\s?(?:{alts})?|(?:{alts})|(?-i:[A-Z]{{2}}))"
    return re.compile(rf"{entry}(?:\s*[|·•/,]?\s*{entry})*", re.IGNORECASE)


def _is_language_menu(line: str) -> bool:
    if len(line) > 200 or not _language_re().fullmatch(line):
        return False
    codes_only = re.fullmatch(r"(?-i:[A-Z]{2})(?:\s*[|·•/,]?\s*(?-i:[A-Z]{2}))*", line)
    # "EN | FR" is a menu; a lone "US" is not
    return not codes_only or len(re.findall(r"[A-Z]{2}", line)) >= 2


_QUOTED = re.compile(
    r"[\"“”„«][^\"“”„«»]*\w[^\"“”„«»]*[\"“”»]"
    r"|(?:^|(?<=[\s(\[—–-]))['‘](?=\w)[^'‘’]*\s[^'‘’]*\w[.,!?]?['’](?!\w)"
)


def has_quotation(line: str) -> bool:
    """Whether a line holds words in quotation marks (double, or single around several words).

    Example: ``has_quotation('Crews at the quay, where “the heat was unbearable”')`` → True.
    """
    return _QUOTED.search(line) is not None


@cache
def _date_words_re() -> re.Pattern[str]:
    month = month_pattern()
    return re.compile(
        rf"{month}\s?\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{month}"
        r"|\b(?:19|20)\d{2}s?\b|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b\.?",
        re.IGNORECASE,
    )


def has_figure(line: str) -> bool:
    """Whether a line holds a figure: a number that is not part of a date, a year or a clock time.

    Example: ``has_figure("Rescuers carry one of 40 survivors on 3 March 2025")`` → True;
    ``has_figure("Rescuers at the quay on 3 March 2025")`` → False.
    """
    rest = _date_words_re().sub(" ", line)
    return re.search(r"\d|%", rest) is not None


def is_masthead(line: str) -> bool:
    """The outlet's name alone on a line ("Eastvale Gazette", "Copper & Tin Review").

    Example: ``is_masthead("Radio Norde News")`` → True; ``is_masthead("Fire in the docks")`` → False.
    """
    words = line.strip().split()
    if not 1 <= len(words) <= _MASTHEAD_MAX_WORDS or line.strip()[-1:] in ".!?:,;\"”’":
        return False
    if any(not (w[:1].isupper() or w in {"&", "and", "of", "the"}) for w in words):
        return False
    return words[-1].lower() in word_list("outlet_words.txt")


def latin_share(text: str) -> float:
    """The share of a text's letters that are Latin (1.0 for a text without letters)."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return 1.0
    return len(_LATIN_LETTER.findall(text)) / letters


_LETTER = re.compile(r"[^\W\d_]")
# Basic Latin, Latin-1, Latin Extended-A/B, IPA, and Latin Extended Additional (Vietnamese)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def is_other_script(line: str) -> bool:
    """A line written mostly in a non-Latin script ("الشهيد" …), at least a few letters long.

    Example: ``is_other_script("Пожар в порту")`` → True; ``is_other_script("Fire at the port")`` → False.
    """
    letters = len(_LETTER.findall(line))
    return letters >= 3 and (letters - len(_LATIN_LETTER.findall(line))) / letters >= 0.6


_TAG_MAX_WORDS = 3
QUOTE_MARKS = "\"“”‘’«»„"  # a line with one is never a tag or a site name


def is_tag(line: str) -> bool:
    """A short tag line: a section name, a kicker ("War", "Markets", "Breaking News").

    Up to three words, no figure, no quotation mark, no sentence end.
    """
    words = line.split()
    return (
        0 < len(words) <= _TAG_MAX_WORDS
        and line[-1:] not in ".!?,;"
        and not any(c.isdigit() or c in QUOTE_MARKS for c in line)
        and any(len(w) >= 3 for w in words)
    )
