"""Resolve time expressions to inclusive calendar intervals.

The time finder (:mod:`newsledger.extract.times`) hands over the parts it matched
("late" + "last" + "month"); this module turns them into ``date_start``/``date_end``
against the publication date. Seasons, "early/mid/late", "last/this/next" and weekdays are
handled here in code: ``dateparser`` gets them wrong ("last summer" becomes a single day)
or does not parse them at all. ``dateparser`` is only the fallback for absolute dates whose
shape our parts do not cover, and its answers are cached.

Without a publication date, relative words give only what they allow on their own: the
months ("last summer" → 6, 7, 8) and no dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache

from ..lexicons import table

# "early/mid/late" split a month at these days and a year into thirds of four months:
# "late last month" → from the 21st, "late last year" → September to December.
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a time expression allows: an inclusive interval, or only months, or nothing."""

    date_start: dt.date | None = None
    date_end: dt.date | None = None
    months: tuple[int, ...] = ()
    instant: str | None = None  # full ISO instant when the words give a clock time and zone

    def iso(self) -> tuple[str | None, str | None]:
        """The interval as ("YYYY-MM-DD", "YYYY-MM-DD") strings (None where open)."""
        return (
            self.date_start.isoformat() if self.date_start else None,
            self.date_end.isoformat() if self.date_end else None,
        )


@cache
def month_numbers() -> dict[str, int]:
    """Month names and abbreviations (lower case, no dot) → month number."""
    out: dict[str, int] = {}
    for row in table("months.tsv"):
        num = int(row[1])
        out[row[0].lower()] = num
        if len(row) > 2 and row[2]:
            for abbr in row[2].split(","):
                out[abbr.strip().lower()] = num
    return out


@cache
def season_months() -> dict[str, tuple[int, ...]]:
    """Season name (lower case) → its months in order (winter: 12, 1, 2)."""
    return {row[0].lower(): tuple(int(m) for m in row[1].split(",")) for row in table("seasons.tsv")}


@cache
def time_words() -> dict[str, tuple[str, str]]:
    """Relative time words (lower case) → (kind, value) from ``time_words.tsv``."""
    return {row[0].lower(): (row[1], row[2] if len(row) > 2 else "") for row in table("time_words.tsv")}


@cache
def timezones() -> dict[str, str]:
    """Time-zone abbreviation (upper case) → UTC offset "+HH:MM"."""
    return {row[0].upper(): row[1] for row in table("timezones.tsv")}


def parse_base(published: str | None) -> dt.date | None:
    """The calendar date of a publication instant as written (its local date).

    Example: ``parse_base("2025-01-11T19:06:00+01:00")`` → ``date(2025, 1, 11)``.
    """
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_interval(year: int, month: int, part: str | None = None) -> tuple[dt.date, dt.date]:
    start, end = dt.date(year, month, 1), _month_end(year, month)
    if part in _MONTH_PARTS:
        lo, hi = _MONTH_PARTS[part]
        start, end = dt.date(year, month, lo), min(end, dt.date(year, month, min(hi, end.day)))
    return start, end


def _year_interval(year: int, part: str | None = None) -> tuple[dt.date, dt.date]:
    if part in _YEAR_PARTS:
        lo, hi = _YEAR_PARTS[part]
        return dt.date(year, lo, 1), _month_end(year, hi)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _season_interval(season: tuple[int, ...], start_year: int) -> tuple[dt.date, dt.date]:
    """A season that starts in ``start_year``; winter ends in the next year."""
    first, last = season[0], season[-1]
    end_year = start_year + (1 if last < first else 0)
    return dt.date(start_year, first, 1), _month_end(end_year, last)


def _narrow_months(months: tuple[int, ...], part: str | None) -> tuple[int, ...]:
    """'late summer' → the last month of the season; 'early' the first, 'mid' the middle."""
    if part == "early":
        return months[:1]
    if part == "mid":
        return months[len(months) // 2 : len(months) // 2 + 1]
    if part == "late":
        return months[-1:]
    return months


def _apply_part(start: dt.date, end: dt.date, part: str | None, base: dt.date) -> tuple[dt.date, dt.date]:
    """'earlier this month' runs from the start to publication; 'later' from it to the end."""
    if part == "earlier":
        return start, min(end, base)
    if part == "later":
        return max(start, base), end
    return start, end


def _season(what: str, shift: int, part: str | None, base: dt.date) -> tuple[dt.date, dt.date]:
    months = season_months()[what]
    # candidate instances around the publication year, oldest first
    spans = [_season_interval(months, y) for y in range(base.year - 2, base.year + 2)]
    if shift < 0:  # the latest one that is over by publication ("last summer" in January)
        start, end = [s for s in spans if s[1] < base][-1]
    elif shift > 0:
        start, end = [s for s in spans if s[0] > base][0]
    else:  # the one running at publication, else the one of that year
        current = [s for s in spans if s[0] <= base <= s[1]]
        start, end = current[0] if current else _season_interval(months, base.year)
    narrowed = _narrow_months(months, part)
    if narrowed != months:
        i = months.index(narrowed[0])
        year, month = _shift_month(start.year, start.month, i)
        return dt.date(year, month, 1), _month_end(year, month)
    return start, end


def resolve_parts(kind: str, parts: dict[str, str | None], base: dt.date | None) -> Resolved:
    """Resolve the parts of one matched time expression.

    Args:
        kind (str): the pattern that matched: "full", "monthday", "monyear", "seasonyear",
            "rel", "recent", "ago", "year", "yearrange", "month", "weekday", "day".
        parts (dict[str, str | None]): the named pieces of the match (``mon``, ``year``,
            ``part``, ``shift``, ``what``, ``since``...).
        base (datetime.date | None): the publication date, None when unknown.
    Returns:
        Resolved: the interval (or months only, or nothing).

    Example: ``resolve_parts("rel", {"shift": "last", "what": "summer"}, date(2025, 1, 11))``
    → 2024-06-01..2024-08-31.
    """
    try:
        res = _resolve(kind, parts, base)
    except (ValueError, IndexError, KeyError, OverflowError):
        # an impossible date ("February 30, 2024"), one outside the calendar ("yesterday"
        # against year 1) or an unknown word: nothing is claimed
        return Resolved()
    if parts.get("since") and res.date_start is None and not res.months:
        return Resolved()
    # "since last August" is the time of X itself: the event it dates (talks stalled, a town
    # held) started then, and X's interval is where that start lies
    return res


def _resolve(kind: str, parts: dict[str, str | None], base: dt.date | None) -> Resolved:
    words = time_words()
    part = _part(parts.get("part"))
    mon_word, year_word, what = parts.get("mon"), parts.get("year"), (parts.get("what") or "").lower()
    mon = month_numbers()[mon_word.lower().rstrip(".")] if mon_word else None
    year = int(year_word) if year_word else None
    if kind == "full" and mon and year:
        day = dt.date(year, mon, int(parts["day"] or 1))
        return Resolved(day, day, (mon,), _instant(day, parts))
    if kind == "monthday" and mon:
        day_n = int(parts["day"] or 1)
        if base is None:
            return Resolved(months=(mon,))
        y = base.year if (mon, day_n) <= (base.month, base.day) else base.year - 1
        day = dt.date(y, mon, day_n)
        return Resolved(day, day, (mon,))
    if kind == "monyear" and mon and year:
        s, e = _month_interval(year, mon, part)
        return Resolved(s, e, (mon,))
    if kind == "seasonyear" and year:
        months = season_months()[what]
        s, e = _season_interval(months, year)
        narrowed = _narrow_months(months, part)
        if narrowed != months:
            y, m = _shift_month(s.year, s.month, months.index(narrowed[0]))
            s, e = dt.date(y, m, 1), _month_end(y, m)
        return Resolved(s, e, narrowed)
    if kind == "year" and year:
        s, e = _year_interval(year, part)
        return Resolved(s, e)
    if kind == "yearrange":
        y1, y2raw = int(parts["y1"] or 0), parts["y2"] or ""
        y2 = int(y2raw) if len(y2raw) == 4 else (y1 // 100) * 100 + int(y2raw)
        if y2 < y1:
            return Resolved()
        return Resolved(dt.date(y1, 1, 1), dt.date(y2, 12, 31))
    if kind == "month" and mon:
        if base is None:
            return Resolved(months=(mon,))
        y = base.year if mon <= base.month else base.year - 1
        s, e = _month_interval(y, mon, part)
        return Resolved(s, e, (mon,))
    if kind == "weekday":
        if base is None:
            return Resolved()
        wd = int(words[what][1])
        if parts.get("future"):
            # "would send a team on Wednesday": the next such day on or after publication
            day = base + dt.timedelta(days=(wd - base.weekday()) % 7)
            return Resolved(day, day)
        # the latest such day on or before publication: "said on Friday" in a Saturday paper
        day = base - dt.timedelta(days=(base.weekday() - wd) % 7)
        return Resolved(day, day)
    if kind == "day":
        if base is None:
            return Resolved()
        day = base + dt.timedelta(days=int(words[what][1]))
        return Resolved(day, day)
    if kind == "recent":
        if base is None:
            return Resolved()
        n = int(words["recent"][1])
        return Resolved(_minus(base, n, parts["what"] or "weeks"), base)
    if kind == "ago":
        if base is None:
            return Resolved()
        n = _count(parts.get("n"))
        unit = (parts["what"] or "").lower().rstrip("s")
        if unit == "day":
            day = base - dt.timedelta(days=n)
            return Resolved(day, day)
        if unit == "week":
            mid = base - dt.timedelta(weeks=n)
            return Resolved(mid - dt.timedelta(days=3), mid + dt.timedelta(days=3))
        if unit == "month":
            y, m = _shift_month(base.year, base.month, -n)
            return Resolved(*_month_interval(y, m), (m,))
        if unit == "year":
            return Resolved(*_year_interval(base.year - n))
        return Resolved()
    if kind == "rel":
        return _relative(parts, part, base)
    return Resolved()


def _relative(parts: dict[str, str | None], part: str | None, base: dt.date | None) -> Resolved:
    words = time_words()
    shift = int(words[(parts.get("shift") or "this").lower()][1])
    what = (parts.get("what") or "").lower()
    seasons = season_months()
    months_by_name = month_numbers()
    if base is None:
        # the words alone: a season or a month name still says which months
        if what in seasons:
            return Resolved(months=_narrow_months(seasons[what], part))
        if what in months_by_name:
            return Resolved(months=(months_by_name[what],))
        return Resolved()
    if what in seasons:
        s, e = _season(what, shift, part, base)
        months = tuple(_month_span(s, e))
        return Resolved(s, e, months)
    if what in months_by_name:
        mon = months_by_name[what]
        if shift < 0:  # "last August": the latest August over before this month
            y = base.year if mon < base.month else base.year - 1
        elif shift > 0:
            y = base.year if mon > base.month else base.year + 1
        else:
            y = base.year
        s, e = _month_interval(y, mon, part)
        return Resolved(*_apply_part(s, e, part, base), (mon,))
    if what == "month":
        y, m = _shift_month(base.year, base.month, shift)
        s, e = _month_interval(y, m, part)
        return Resolved(*_apply_part(s, e, part, base), (m,))
    if what == "year":
        s, e = _year_interval(base.year + shift, part)
        return Resolved(*_apply_part(s, e, part, base))
    if what in ("week", "weekend"):
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=shift)
        if what == "weekend":
            return Resolved(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        return Resolved(*_apply_part(monday, monday + dt.timedelta(days=6), part, base))
    if what in words and words[what][0] == "weekday":
        wd = int(words[what][1])
        if shift < 0:  # "last Friday": the latest Friday before publication day
            back = (base.weekday() - wd) % 7 or 7
            day = base - dt.timedelta(days=back)
        elif shift > 0:
            day = base + dt.timedelta(days=((wd - base.weekday()) % 7 or 7))
        else:
            day = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=wd)
        return Resolved(day, day)
    return Resolved()


def _month_span(start: dt.date, end: dt.date) -> list[int]:
    out, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        out.append(m)
        y, m = _shift_month(y, m, 1)
    return out


def _part(word: str | None) -> str | None:
    if not word:
        return None
    key = word.lower().strip().rstrip("-")
    entry = time_words().get(key) or time_words().get(key + "-")
    return entry[1] if entry and entry[0] == "part" else None


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a few": 3,
    "several": 3,
}


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower().strip()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 1)


def _minus(base: dt.date, n: int, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return base - dt.timedelta(days=n)
    if unit == "month":
        y, m = _shift_month(base.year, base.month, -n)
        return dt.date(y, m, min(base.day, calendar.monthrange(y, m)[1]))
    if unit == "year":
        return dt.date(base.year - n, base.month, min(base.day, 28 if base.month == 2 else base.day))
    return base - dt.timedelta(weeks=n)


def _instant(day: dt.date, parts: dict[str, str | None]) -> str | None:
    """ISO instant of a date line with a clock time: "7:06 PM CET" → T19:06:00+01:00."""
    if not parts.get("hh") or not parts.get("mm"):
        return None
    hour, minute = int(parts["hh"] or 0), int(parts["mm"] or 0)
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"
    tz = timezones().get((parts.get("tz") or "").upper())
    return stamp + tz if tz else stamp


@lru_cache(maxsize=4096)
def parse_absolute(text: str) -> dt.date | None:
    """A single absolute date by ``dateparser`` (fallback for shapes our parts miss), cached.

    Example: ``parse_absolute("10 January 2024")`` → ``date(2024, 1, 10)``.
    """
    import dateparser  # imported here: loading it costs about a second, and most runs never need it

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):  # a date outside the calendar is no date
        return None
    return parsed.date() if parsed else None
