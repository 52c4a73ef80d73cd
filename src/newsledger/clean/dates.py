"""Publication dates as pages write them: date lines, a labelled date run into the text, page addresses.

A date expression is found by pattern (month names from ``months.tsv``, weekdays from
``time_words.tsv``), so that its exact extent in the line is known; its words are then parsed
by dateparser. Forms: "3 June 2023", "June 3, 2023", "Nov.19 - 2024", "2023-05-17",
"2023-05-17T14:05:00Z", "14/09/2024", each with an optional weekday and clock time before or
after it, and a zone after the time ("09:12 BST, 3 June 2023", "Sept. 14, 2024 at 10:05 a.m.
PT"). A zone whose offset depends on the date ("ET" is -04:00 in July, -05:00 in January) is
looked up in ``date_zones.tsv`` and its offset for that day comes from the tz database.

Every finder returns None when the words do not make a full date: a year is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

import dateparser

from ..lexicons import table

_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ZONE = r"(?-i:(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Z]{2,5}\b)"
_TIME = (
    r"(?:(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?\s?m\b\.?)?|(?:1[0-2]|0?[1-9])\s?[ap]\.?\s?m\b\.?)"
    rf"(?:\s?\(?{_ZONE}\)?)?"
)
_ISO = rf"{_YEAR}-[01]\d-[0-3]\d(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
_NUMERIC = rf"(?:[0-3]?\d[/.][01]?\d[/.]{_YEAR}|{_YEAR}/[01]?\d/[0-3]?\d)"


@cache
def month_pattern() -> str:
    """A regex alternation of month names and abbreviations ("June", "Jun.", "Sept")."""
    names: list[str] = []
    for row in table("months.tsv"):
        names.append(row[0])
        if len(row) > 2 and row[2]:
            names.extend(a.strip() for a in row[2].split(","))
    names.sort(key=len, reverse=True)
    return r"(?:" + "|".join(re.escape(n) for n in names) + r")\b\.?"


@cache
def _weekday_pattern() -> str:
    days = [row[0] for row in table("time_words.tsv") if len(row) > 1 and row[1] == "weekday"]
    forms = sorted({d for day in days for d in (day, day[:3], day[:4])}, key=len, reverse=True)
    return r"(?:" + "|".join(re.escape(d) for d in forms) + r")\b\.?"


@cache
def date_expression() -> str:
    """The regex of one date expression with its optional weekday, time and zone."""
    month, weekday = month_pattern(), _weekday_pattern()
    textual = (
        rf"(?:{month}\s?{_DAY}(?:\s?,\s?|\s|\s?,?\s?-\s?){_YEAR}"
        rf"|{_DAY}(?:\s|-)(?:of\s)?{month}(?:,?\s|-){_YEAR})"
    )
    day = rf"(?:{_ISO}|{textual}|{_NUMERIC})"
    lead = rf"(?:{weekday},?\s)?(?:{_TIME},?\s(?:on\s)?(?:{weekday},?\s)?)?"
    tail = rf"(?:(?:\s?,\s?|\s|\s?[-–—]\s?|\sat\s|\s@\s|\s[|·•]\s){_TIME})?"
    return lead + day + tail


@cache
def _expression_re() -> re.Pattern[str]:
    return re.compile(date_expression(), re.IGNORECASE)


@cache
def _labels() -> tuple[tuple[str, str], ...]:
    rows = sorted(table("date_labels.tsv"), key=lambda r: len(r[0]), reverse=True)
    return tuple((r[0], r[1]) for r in rows)


@cache
def _label_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(label) for label, _ in _labels())
    return re.compile(rf"(?P<label>{alts})\b\s?:?\s*(?:on\s)?", re.IGNORECASE)


@cache
def _zones() -> dict[str, str]:
    return {row[0]: row[1] for row in table("date_zones.tsv")}


_HAS_TIME = re.compile(_TIME, re.IGNORECASE)
_DOTTED = re.compile(rf"(?<![\d.])[0-3]?\d\.[01]?\d\.{_YEAR}(?!\d)")
_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_ZONE_TOKEN = re.compile(r"(?<=[\s(\dMm.])([A-Z]{2,5})\b\)?")


@dataclass(frozen=True, slots=True)
class DatePart:
    """A date found in a line: where its words stand, its value, and the label before it.

    Attributes:
        start: offset of the label (or of the date when there is none) in the line.
        end: offset just after the date words.
        value: ISO-8601 ("2023-06-03", "2023-06-03T09:12:00+01:00").
        kind: "published" or "updated" (from the label; "published" when there is none).
        labelled: whether a label ("Published:", "date") stands before the date.
    """

    start: int
    end: int
    value: str
    kind: str
    labelled: bool


def parse_date(words: str) -> str | None:
    """The ISO-8601 value of one date expression, or None when it is not a full date.

    A time of day gives a full instant, with its UTC offset when a zone is given.

    Example: ``parse_date("Sept. 14, 2024 at 10:05 a.m. PT")`` → ``"2024-09-14T10:05:00-07:00"``.
    """
    return _parse(words.strip())


@lru_cache(maxsize=4096)  # dates of a stream of articles are many: the cache stays bounded
def _parse(words: str) -> str | None:
    if not re.search(_YEAR, words):
        return None
    settings: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first"}
    if _DOTTED.search(words):  # "03.06.2023": pages that write dates with dots put the day first
        settings["DATE_ORDER"] = "DMY"
    raw = words
    zone = next((z for z in _ZONE_TOKEN.finditer(words) if z.group(1) in _zones()), None)
    if zone is not None:
        raw = (words[: zone.start(1)] + words[zone.end(1) :]).replace("()", " ")
        settings.update(TIMEZONE=_zones()[zone.group(1)], RETURN_AS_TIMEZONE_AWARE=True)
    raw = re.sub(r"\s(?:at|@|[|·•])\s", " ", raw)
    try:
        when = dateparser.parse(raw, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError, KeyError):
        return None
    if not isinstance(when, datetime):
        return None
    if _HAS_TIME.search(_DOTTED.sub(" ", words)) or re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", words):
        return when.isoformat(timespec="seconds")
    return when.date().isoformat()


def find_date(line: str, *, whole: bool = False) -> DatePart | None:
    """The first date in a line, with the label that stands right before it.

    Args:
        line (str): one line of text.
        whole (bool): the label and date must fill the line (apart from spaces and ":").
    Returns:
        DatePart | None: None when no full date stands there.

    Example: ``find_date("Published: 3 June 2023", whole=True).value`` → ``"2023-06-03"``.
    """
    if _YEAR_RE.search(line) is None:
        return None
    rx = _expression_re()
    for m in rx.finditer(line):
        label = _label_before(line, m.start())
        start = label[0] if label else m.start()
        end = m.end()
        while end > m.start() and line[end - 1] in " ,":
            end -= 1
        if whole and (line[:start].strip(" :|") or line[end:].strip(" .,|:")):
            continue
        value = parse_date(line[m.start() : end])
        if value is None:
            continue
        kind = label[1] if label else "published"
        return DatePart(start, end, value, kind, label is not None)
    return None


def find_date_prefix(line: str) -> DatePart | None:
    """A labelled date run into the text that follows it on the same line.

    Scraped pages sometimes join the date line to the first paragraph or heading:
    "date 2023-05-17 Crews fought the fire", "date 2020-12-03 e-paper". Only a labelled date
    at the very start counts, followed by a space and more words (not by a comma), so that a
    sentence that opens with a date ("June 3, 2023 was the hottest day", "Posted June 3, 2023,
    the video shows") stays a sentence.

    Example: ``find_date_prefix("date 2023-05-17 Crews fought the fire").end`` → 15.
    """
    stripped = line.lstrip()
    offset = len(line) - len(stripped)
    m = _label_re().match(stripped)
    if m is None:
        return None
    d = _expression_re().match(stripped, m.end())
    if d is None:
        return None
    end = d.end()
    rest = stripped[end:]
    if not re.match(r"\s+\S", rest):  # "Posted June 3, 2023, the video shows": a sentence, not a date line
        return None
    value = parse_date(stripped[d.start() : end])
    if value is None:
        return None
    kind = next(k for label, k in _labels() if label == m.group("label").lower())
    return DatePart(offset, offset + end, value, kind, True)


def starts_with_date_label(line: str) -> bool:
    """Whether a line opens with a date label ("Published:", "Updated", "date")."""
    return _label_re().match(line.strip()) is not None


def strip_date_label(line: str) -> str:
    """The line without its opening date label ("Posted May 15" → "May 15")."""
    stripped = line.strip()
    m = _label_re().match(stripped)
    return stripped[m.end() :] if m else stripped


def _label_before(line: str, at: int) -> tuple[int, str] | None:
    """(start, kind) of a date label that ends right before ``at``, if any."""
    head = line[:at]
    for label, kind in _labels():
        m = re.search(rf"(?i)(?:^|[\s|(])({re.escape(label)})\b\s?:?\s*(?:on\s)?$", head)
        if m:
            return m.start(1), kind
    return None


@cache
def _yearless_re() -> re.Pattern[str]:
    month, weekday = month_pattern(), _weekday_pattern()
    day = rf"(?:{month}\s?{_DAY}|{_DAY}\s(?:of\s)?{month})"
    return re.compile(rf"(?:{weekday},?\s)?{day}(?!,?\s?\d)(?:,?\s(?:at\s)?{_TIME})?", re.IGNORECASE)


def find_yearless_date(line: str) -> tuple[int, int] | None:
    """(start, end) of a day without a year that fills a line, after an optional label.

    Blogs and wire copy write "Tuesday, May 15" or "Posted May 15"; the year, when the page
    gives one, is elsewhere (another date, the page address).

    Example: ``find_yearless_date("Tuesday, May 15")`` → ``(0, 15)``; ``find_yearless_date("May 15, 2007")`` → None.
    """
    stripped = line.strip()
    offset = len(line) - len(line.lstrip())
    label = _label_re().match(stripped)
    at = label.end() if label else 0
    m = _yearless_re().fullmatch(stripped.rstrip(" .,"), at)
    if m is None:
        return None
    return offset, offset + m.end()


def complete_year(words: str, year: int) -> str | None:
    """A yearless date ("June 3") made full with a year stated elsewhere on the page.

    Example: ``complete_year("June 3", 2023)`` → ``"2023-06-03"``.
    """
    return parse_date(f"{words} {year}")


_URL_YEAR = re.compile(r"/((?:19|20)\d{2})(?:/[01]\d)?/")
_URL_DAY = re.compile(r"/((?:19|20)\d{2})-?[01]\d-?[0-3]\d(?=[/-])")


def year_from_url(url: str | None) -> int | None:
    """The year of a page address's date path, even without a day ("/2007/05/slug.html" → 2007)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?", 1)[0])
    m = _URL_YEAR.search(path) or _URL_DAY.search(path)
    return int(m.group(1)) if m else None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})(?:[/-]([01]\d)[/-]|([01]\d))([0-3]\d)(?=[/-]|\.html?\b|$)")


def date_from_url(url: str | None) -> str | None:
    """The date in a page address ("/2024/09/14/slug", "/2023-06-21/slug", "/20230621/").

    Example: ``date_from_url("https://example.org/2024/09/14/fire-on-the-quay/")`` → ``"2024-09-14"``.
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?", 1)[0].split("#", 1)[0])
    for m in _URL_DATE.finditer(path):
        month = m.group(2) or m.group(3)
        try:
            return date(int(m.group(1)), int(month), int(m.group(4))).isoformat()
        except ValueError:
            continue
    return None
