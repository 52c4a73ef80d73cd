"""Resolve time expressions to inclusive calendar intervals.

The time finder (:mod:`newsledger.extract.times`) hands over the parts it read on the
parse ("late" + "last" + "month"); this module turns them into ``date_start``/``date_end``
against the article's date. Absolute dates ("March 3, 2023", "22 June", "2023-06-21",
"Nov.19 - 2024 6:45 PM CET") and clock times are parsed by ``dateparser`` (answers
cached). Relative periods stay in code: ``dateparser`` gives one instant where the words
allow an interval ("last summer" becomes a single day, "late last month" the 21st) and
does not parse seasons or "early/mid/late" at all, so those intervals are computed here
from the calendar of the standard library.

A yearless date takes the year that puts it on or before the article's date (after it,
when the clause speaks of the future), and a weekday written with it picks among the
neighbouring years ("Sunday, June 22"). Without an article date the weekday alone fixes
the year: the latest year, up to the current one, in which that day fell on that weekday.

Without a date to resolve against, relative words give only what they allow on their
own: the months ("last summer" → 6, 7, 8) and no dates. Nothing here raises on odd input:
a date outside the calendar ("yesterday" in year 1, "February 30") is unresolved.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
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
    time: str | None = None  # the clock time the words give: "21:40", with its UTC offset "00:00-07:00"

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
def time_words() -> dict[str, dict[str, str]]:
    """Time words (lower case) → {kind: value} from ``time_words.tsv`` (a word may have two kinds)."""
    out: dict[str, dict[str, str]] = {}
    for row in table("time_words.tsv"):
        out.setdefault(row[0].lower(), {})[row[1]] = row[2] if len(row) > 2 else ""
    return out


def word_value(word: str, kind: str) -> str | None:
    """The value of ``word`` as a time word of ``kind``, or None ("last", "shift" → "-1")."""
    return time_words().get(word.lower().strip(), {}).get(kind)


@cache
def timezones() -> dict[str, str]:
    """Time-zone words (upper case) → UTC offset "+HH:MM" ("" where the words give none)."""
    return {row[0].upper(): row[1] if len(row) > 1 else "" for row in table("timezones.tsv")}


def parse_base(published: str | None) -> dt.date | None:
    """The calendar date of a publication instant as written (its local date).

    Example: ``parse_base("2024-11-19T18:45:00+01:00")`` → ``date(2024, 11, 19)``.
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
        kind (str): the shape that was read: "iso", "full", "monthday", "monyear",
            "seasonyear", "monrel", "rel", "weekend", "recent", "ago", "offset", "year", "yearrange", "month",
            "weekday", "day", "clock".
        parts (dict[str, str | None]): the named pieces (``mon``, ``day``, ``year``, ``wd``,
            ``part``, ``shift``, ``what``, ``since``, ``future``, ``text``...); ``text`` is
            the date words as written, for ``dateparser``.
        base (datetime.date | None): the publication date, None when unknown.
    Returns:
        Resolved: the interval (or months only, or nothing).

    Example: ``resolve_parts("rel", {"shift": "last", "what": "summer"}, date(2025, 1, 11))``
    → 2024-06-01..2024-08-31.
    """
    try:
        res = _resolve(kind, parts, base)
    except (ValueError, IndexError, KeyError, OverflowError, TypeError):
        # an impossible date ("February 30, 2024"), one outside the calendar ("yesterday"
        # in year 1) or an unknown word: nothing is claimed
        return Resolved()
    if parts.get("since") and res.date_start is None and not res.months:
        return Resolved()
    if res.time is None and parts.get("clock") and res.date_start is not None and res.date_start == res.date_end:
        res = dataclasses.replace(res, time=_clock_time(res.date_start, parts))
    # "since last August" is the time of X itself: the event it dates (talks stalled, a town
    # held) started then, and X's interval is where that start lies
    return res


def _resolve(kind: str, parts: dict[str, str | None], base: dt.date | None) -> Resolved:
    part = _part(parts.get("part"))
    mon_word, year_word, what = parts.get("mon"), parts.get("year"), (parts.get("what") or "").lower()
    mon = month_numbers()[mon_word.lower().rstrip(".")] if mon_word else None
    year = int(year_word) if year_word else None
    future = bool(parts.get("future"))
    if kind == "iso":
        day = dt.date.fromisoformat((parts.get("text") or "")[:10])
        return Resolved(day, day, (day.month,), _clock_time(day, parts))
    if kind == "full" and mon and year:
        day = parse_absolute(parts.get("text") or "") or dt.date(year, mon, int(parts["day"] or 1))
        if (day.year, day.month) != (year, mon):  # dateparser read other words than ours
            day = dt.date(year, mon, int(parts["day"] or 1))
        return Resolved(day, day, (mon,), _clock_time(day, parts))
    if kind == "monthday" and mon:
        return _month_day(mon, int(parts["day"] or 1), _weekday(parts.get("wd")), base, future)
    if kind == "monrel" and mon and base is not None and what == "year":
        # "in September last year", "in June next year": the month of the year the shift names
        shift = int(word_value(parts.get("shift") or "this", "shift") or 0)
        s, e = _month_interval(base.year + shift, mon, part)
        return Resolved(s, e, (mon,))
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
        if future:
            y = base.year if mon >= base.month else base.year + 1
        else:
            y = base.year if mon <= base.month else base.year - 1
        s, e = _month_interval(y, mon, part)
        return Resolved(s, e, (mon,))
    if kind == "weekday":
        wd = _weekday(parts.get("wd"))
        if base is None or wd is None:
            return Resolved()
        if future:
            # "would send a team on Wednesday": the next such day on or after publication
            day = base + dt.timedelta(days=(wd - base.weekday()) % 7)
            return Resolved(day, day)
        # the latest such day on or before publication: "said on Friday" in a Saturday paper
        day = base - dt.timedelta(days=(base.weekday() - wd) % 7)
        return Resolved(day, day)
    if kind in ("day", "clock"):
        if base is None:
            return Resolved()
        day = base + dt.timedelta(days=int(parts.get("offset") or 0))
        return Resolved(day, day, (), _clock_time(day, parts))
    if kind == "recent":
        if base is None:
            return Resolved()
        n = int(word_value("recent", "recent") or 6)
        return Resolved(_minus(base, n, what or "weeks"), base)
    if kind == "ago":
        return _ago(_count(parts.get("n")), what.rstrip("s"), base)
    if kind == "offset":  # base: the day the story named before ("five days later")
        sign = int(word_value((parts.get("part") or "").lower(), "offset") or 1)
        return _ago(-sign * _count(parts.get("n")), what.rstrip("s"), base)
    if kind == "rel":
        return _relative(parts, part, base)
    if kind == "weekend" and what == "weekend" and base is not None:
        # "at the weekend", "over the weekend": the latest one begun by publication day, or
        # the next one when the clause speaks of the future
        saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)
        if future and saturday + dt.timedelta(days=1) < base:
            saturday += dt.timedelta(weeks=1)
        return Resolved(saturday, saturday + dt.timedelta(days=1))
    return Resolved()


def _weekday(word: str | None) -> int | None:
    value = word_value(word, "weekday") if word else None
    return int(value) if value is not None else None


def _month_day(mon: int, day_n: int, wd: int | None, base: dt.date | None, future: bool) -> Resolved:
    """A yearless date: the year of the article's date (the one before or after, as the
    clause's tense and a written weekday say); without an article date, the weekday alone."""
    if base is None:
        if wd is None:
            return Resolved(months=(mon,))
        this_year = dt.date.today().year
        for y in range(this_year, this_year - 29, -1):  # the weekdays of a date repeat within 28 years
            if _valid(y, mon, day_n) and dt.date(y, mon, day_n).weekday() == wd:
                day = dt.date(y, mon, day_n)
                return Resolved(day, day, (mon,))
        return Resolved(months=(mon,))
    if future:
        order = [base.year if (mon, day_n) >= (base.month, base.day) else base.year + 1]
    else:
        order = [base.year if (mon, day_n) <= (base.month, base.day) else base.year - 1]
    order += [y for y in (base.year, base.year - 1, base.year + 1) if y not in order]
    for y in order:
        if _valid(y, mon, day_n) and (wd is None or dt.date(y, mon, day_n).weekday() == wd):
            day = dt.date(y, mon, day_n)
            return Resolved(day, day, (mon,))
    # the weekday fits none of the neighbouring years: the words contradict each other
    return Resolved(months=(mon,))


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _ago(n: int, unit: str, base: dt.date | None) -> Resolved:
    if base is None:
        return Resolved()
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


def _relative(parts: dict[str, str | None], part: str | None, base: dt.date | None) -> Resolved:
    shift = int(word_value(parts.get("shift") or "this", "shift") or 0)
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
    if what == "day":  # "the next day" (counted from a day the story named)
        day = base + dt.timedelta(days=shift)
        return Resolved(day, day)
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
    wd = _weekday(parts.get("what"))
    if wd is not None:
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
    return word_value(word.rstrip("-"), "part") if word else None


@cache
def count_words() -> dict[str, int]:
    """Count words before a unit and "ago" (lower case) → number: the cardinals of
    ``number_words.tsv`` and the ``count`` words of ``time_words.tsv`` ("a", "several")."""
    out = {row[0].lower(): int(row[2]) for row in table("number_words.tsv")
           if len(row) > 2 and row[1] == "cardinal" and row[2].isdigit()}
    out.update({w: int(kinds["count"]) for w, kinds in time_words().items() if "count" in kinds})
    return out


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower().strip()
    return int(word) if word.isdigit() else count_words().get(word.split()[-1], 1)


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


# US zone names without S/D ("PT", "ET") mean daylight time from the second Sunday of March
# to the first Sunday of November: an hour ahead of the standard offset in the table.
_US_GENERIC_ZONES = frozenset({"PT", "ET", "CT", "MT"})
_OFFSET = re.compile(r"[+-]\d\d:\d\d")


def _clock_time(day: dt.date, parts: dict[str, str | None]) -> str | None:
    """The clock time of the words on ``day``, with the zone's UTC offset where one is named:
    "6:45 PM CET" → "18:45+01:00", "noon PT" in July → "12:00-07:00", "9:40 p.m." → "21:40".

    The clock words ("9:40 p.m.", "midnight") are parsed by ``dateparser``.
    """
    clock = parse_clock(parts.get("clock") or "")
    if clock is None:
        return None
    zone = (parts.get("tz") or "").upper()
    offset = zone if _OFFSET.fullmatch(zone) else timezones().get(zone) or ""
    if zone in _US_GENERIC_ZONES and offset and _us_daylight(day):
        sign = -1 if offset.startswith("-") else 1
        hours = int(offset[1:3]) * sign + 1
        offset = f"{'-' if hours < 0 else '+'}{abs(hours):02d}:{offset[4:6]}"
    return f"{clock.hour:02d}:{clock.minute:02d}{offset}"


def _us_daylight(day: dt.date) -> bool:
    march = dt.date(day.year, 3, 8)
    start = march + dt.timedelta(days=(6 - march.weekday()) % 7)  # second Sunday of March
    november = dt.date(day.year, 11, 1)
    end = november + dt.timedelta(days=(6 - november.weekday()) % 7)  # first Sunday of November
    return start <= day < end


def _dateparser(text: str, settings: dict[str, object]) -> dt.datetime | None:
    import dateparser  # imported here: loading it costs about a second

    try:
        parsed: dt.datetime | None = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    return parsed


@lru_cache(maxsize=4096)
def parse_absolute(text: str) -> dt.date | None:
    """A single absolute date (day, month and year) by ``dateparser``, cached.

    Example: ``parse_absolute("10 January 2024")`` → ``date(2024, 1, 10)``.
    """
    if not text.strip():
        return None
    parsed = _dateparser(text, {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


@lru_cache(maxsize=1024)
def parse_clock(text: str) -> dt.time | None:
    """A clock time by ``dateparser``, cached: "9:40 p.m." → 21:40, "midnight" → 00:00.

    Example: ``parse_clock("4:25 pm")`` → ``time(16, 25)``.
    """
    if not text.strip():
        return None
    # a fixed base day, so that a clock time is never moved to another day
    parsed = _dateparser(text, {"RELATIVE_BASE": dt.datetime(2000, 1, 1, 12), "PREFER_DATES_FROM": "current_period"})
    return parsed.time() if parsed else None
