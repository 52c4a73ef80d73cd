"""Verdicts: do the claims of one group agree, fit together, or contradict each other?

Figures are compared as the intervals their words allow (``low``/``high``, None =
unbounded), never as bare numbers: "some 6,000" (5,400–6,600) and "over 6,500" can both
hold. Times are compared as calendar ranges (``date_start``/``date_end``), or as months
when the year is unknown. Each verdict comes with one line a reader can check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import combinations

from ..model import Event, Quantity, Quote, Status
from ._words import casualty_set_of, content_lemmas, normalise_name

# Two numbers closer than this (relative) are the same figure: "6,500" vs "6500.0".
_REL_TOL = 0.01
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_COUNT_WORDS = {2: "both", 3: "all three", 4: "all four"}

Claim = Quote | Quantity | Event


# ------------------------------------------------------------------ numbers and intervals
def format_number(x: float) -> str:
    """A figure as a reader writes it: ``6500.0`` → ``"6,500"``, ``2.5`` → ``"2.5"``."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def interval(q: Quantity) -> tuple[float | None, float | None]:
    """The interval a quantity allows; a bare value stands for itself when no bound is given."""
    if q.low is None and q.high is None and q.value is not None and q.qualifier == "exact":
        return q.value, q.value
    return q.low, q.high


def format_interval(q: Quantity) -> str:
    """``[5400, 6600]`` → ``"5,400–6,600"``; ``[1500, None]`` → ``"1,500+"``; ``[None, 5]`` → ``"up to 5"``."""
    low, high = interval(q)
    if low is not None and high is not None:
        return format_number(low) if _same(low, high) else f"{format_number(low)}–{format_number(high)}"
    if low is not None:
        return f"{format_number(low)}+"
    if high is not None:
        return f"up to {format_number(high)}"
    return "unknown"


def shown(q: Quantity) -> str:
    """The interval with the figure's unit where articles write it: ``"35,000,000–45,000,000 rand"``,
    ``"$5+"``, ``"71.3%"`` (never ``"%71.3"``)."""
    text = format_interval(q)
    if not q.unit or text == "unknown":
        return text
    from ..extract.quantities import load_quantity_lexicons, with_unit

    return with_unit(text, q.unit.strip(), load_quantity_lexicons())


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= _REL_TOL * max(abs(a), abs(b), 1e-9)


def same_interval(a: Quantity, b: Quantity) -> bool:
    """True when both claims allow exactly the same interval (within 1%)."""
    (al, ah), (bl, bh) = interval(a), interval(b)
    return _same(al, bl) and _same(ah, bh)


def intervals_overlap(a: Quantity, b: Quantity) -> bool:
    """True when some number lies in both intervals (touching ends count: 5,400–6,600 and 6,600+)."""
    (al, ah), (bl, bh) = interval(a), interval(b)
    lo = max(x for x in (al, bl, float("-inf")) if x is not None)
    hi = min(x for x in (ah, bh, float("inf")) if x is not None)
    return lo <= hi * (1 + _REL_TOL) if hi >= 0 else lo <= hi


def casualty_set(q: Quantity) -> frozenset[str]:
    """The casualty components a figure counts: "killed or wounded" → {killed, wounded}; {} if none.

    The measure's own words decide; the span's words are used only when the measure has none.
    """
    return casualty_set_of(q.measure) or casualty_set_of(q.text)


def _measure_name(q: Quantity) -> str:
    return q.measure.strip() or q.text


# ------------------------------------------------------------------ dates
def _parse(d: str | None) -> dt.date | None:
    if not d:
        return None
    try:
        return dt.date.fromisoformat(d[:10])
    except ValueError:
        return None


def _months_between(a: dt.date, b: dt.date) -> set[int]:
    out: set[int] = set()
    y, m = a.year, a.month
    while (y, m) <= (b.year, b.month) and len(out) < 12:
        out.add(m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _event_months(e: Event) -> set[int]:
    if e.months:
        return set(e.months)
    a, b = _parse(e.date_start), _parse(e.date_end)
    return _months_between(a, b) if a and b else set()


def _format_months(months: set[int]) -> str:
    ms = sorted(months)
    if not ms:
        return "an unknown time"
    if len(ms) > 1 and ms == list(range(ms[0], ms[-1] + 1)):
        return f"{_MONTHS[ms[0] - 1]}–{_MONTHS[ms[-1] - 1]}"
    return ", ".join(_MONTHS[m - 1] for m in ms)


def _format_time(e: Event) -> str:
    a, b = _parse(e.date_start), _parse(e.date_end)
    if a and b:
        if a == b:
            when = a.isoformat()
        elif (a.year, a.month) == (b.year, b.month):
            when = f"{_MONTHS[a.month - 1]} {a.year}"
        elif a.year == b.year:
            when = f"{_MONTHS[a.month - 1]}–{_MONTHS[b.month - 1]} {a.year}"
        else:
            when = f"{a.isoformat()} to {b.isoformat()}"
    else:
        when = _format_months(_event_months(e))
    if e.estimated:
        when = _format_months(set(e.months)) if e.months else "a date the article does not give"
    said = e.time_text.strip()
    return f"'{said}' ({when})" if said and said.casefold() != when.casefold() else f"'{when}'"


def events_relation(a: Event, b: Event) -> str:
    """How two times of one event relate: ``"same"``, ``"overlap"``, ``"disjoint"`` or ``"unknown"``.

    Full date ranges are compared when both are known; otherwise months (a season with no
    year, "last spring" → March–May, against "in September" → September).
    """
    if a.estimated or b.estimated:
        # An undated article's dates rest on the batch's date, not its words: only the
        # months its words give ("last summer" → June–August) can be held against another.
        ma = set(a.months) if a.estimated else _event_months(a)
        mb = set(b.months) if b.estimated else _event_months(b)
        if not ma or not mb:
            return "unknown"
        return "same" if ma == mb else "overlap" if ma & mb else "disjoint"
    a0, a1, b0, b1 = _parse(a.date_start), _parse(a.date_end), _parse(b.date_start), _parse(b.date_end)
    if a0 and a1 and b0 and b1:
        if (a0, a1) == (b0, b1):
            return "same"
        return "overlap" if a0 <= b1 and b0 <= a1 else "disjoint"
    ma, mb = _event_months(a), _event_months(b)
    if not ma or not mb:
        return "unknown"
    if ma == mb:
        return "same"
    return "overlap" if ma & mb else "disjoint"


# ------------------------------------------------------------------ verdicts
def _count(n: int) -> str:
    return _COUNT_WORDS.get(n, f"all {n}")


def judge_quantities(
    quantities: Sequence[Quantity], published: Mapping[str, str | None] | None = None,
    different: Callable[[Quantity, Quantity], bool] | None = None,
) -> tuple[Status, str]:
    """The verdict on figures of one group, with its reason.

    Same measure: equal intervals agree, overlapping ones are compatible, disjoint ones
    conflict, unless the larger figure was published later (a count that grew). Related
    measures ("killed" vs "killed or wounded") are compatible unless the part's lower
    bound exceeds the whole's upper bound.

    Args:
        quantities (Sequence[Quantity]): the members, e.g. "at least 700 killed" and
            "over 1,500 killed or wounded".
        published (Mapping[str, str | None] | None): document id → publication date, for
            the rule that a later, larger figure is a rise.
        different: says when two figures count different but related things ("buildings
            collapsed" and "homes damaged"): they can both hold, whatever their numbers.
    Returns:
        tuple[Status, str]: e.g. ``("compatible", "'killed' (700+) is part of ...")``.
    """
    published = published or {}
    qs = _distinct(quantities, published)
    facts: list[str] = []
    status: Status = "agree"
    related: list[tuple[Quantity, Quantity]] = []
    overlapping: set[int] = set()  # ids of figures that overlap another (identity, not equality)
    rises = 0
    for a, b in combinations(qs, 2):
        ca, cb = casualty_set(a), casualty_set(b)
        if ca != cb and ca and cb:
            # Different casualty measures: a part can never exceed the whole it belongs to.
            part, whole = (a, b) if ca < cb else (b, a) if cb < ca else (None, None)
            if part is not None and whole is not None:
                pl, _ = interval(part)
                _, wh = interval(whole)
                if pl is not None and wh is not None and pl > wh * (1 + _REL_TOL):
                    status = "conflict"
                    facts.append(f"'{_measure_name(part)}' ({shown(part)}) cannot exceed "
                                 f"'{_measure_name(whole)}' ({shown(whole)})")
                    continue
            related.append((a, b))
            if status == "agree":
                status = "compatible"
            continue
        if different is not None and different(a, b):
            related.append((a, b))
            if status == "agree":
                status = "compatible"
            continue
        if same_interval(a, b):
            continue
        if intervals_overlap(a, b):
            overlapping.update((id(a), id(b)))
            if status == "agree":
                status = "compatible"
            continue
        early, late = _order_by_date(a, b, published)
        if early is not None and late is not None and _higher(late, early):
            rises += 1
            if status == "agree":
                status = "compatible"
            facts.append(f"the later figure ({shown(late)}) is larger than the earlier "
                         f"({shown(early)}): a rise, not a contradiction")
            continue
        status = "conflict"
        facts.append(f"{shown(a)} and {shown(b)} cannot both hold for "
                     f"'{_measure_name(a)}'")
    if status == "agree":
        return status, f"{_count(len(qs))} give {shown(qs[0])}"
    lead: list[str] = []
    if overlapping:
        values = _unique(shown(q) for q in qs if id(q) in overlapping)
        lead.append(f"figures {', '.join(values)} overlap")
    if related:
        lead.append(_related_phrase(related))
    return status, "; ".join(_unique(lead + facts))


def _distinct(quantities: Sequence[Quantity], published: Mapping[str, str | None]) -> list[Quantity]:
    """One figure per distinct (measure, interval, date): many outlets repeating one figure
    would otherwise cost a comparison for every pair of them."""
    seen: dict[tuple[object, ...], Quantity] = {}
    for q in quantities:
        low, high = interval(q)
        key = (casualty_set(q), q.measure, low, high, (published.get(q.doc) or "")[:10])
        seen.setdefault(key, q)
    return list(seen.values())


def _related_phrase(pairs: list[tuple[Quantity, Quantity]]) -> str:
    a, b = pairs[0]
    ca, cb = casualty_set(a), casualty_set(b)
    if cb < ca:
        a, b = b, a
    if casualty_set(a) < casualty_set(b):
        return (f"'{_measure_name(a)}' ({shown(a)}) is part of '{_measure_name(b)}' "
                f"({shown(b)}): different measures, both can hold")
    return (f"'{_measure_name(a)}' ({shown(a)}) and '{_measure_name(b)}' "
            f"({shown(b)}) are different measures: both can hold")


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen


def _order_by_date(
    a: Quantity, b: Quantity, published: Mapping[str, str | None]
) -> tuple[Quantity | None, Quantity | None]:
    da, db = _parse(published.get(a.doc)), _parse(published.get(b.doc))
    if not da or not db or da == db:
        return None, None
    return (a, b) if da < db else (b, a)


def _higher(late: Quantity, early: Quantity) -> bool:
    eh, ll = interval(early)[1], interval(late)[0]
    return eh is not None and ll is not None and ll > eh


def judge_events(events: Sequence[Event]) -> tuple[Status, str]:
    """The verdict on the times given for one event.

    Args:
        events (Sequence[Event]): the members, e.g. an accord signed "last spring" and one
            signed "in September".
    Returns:
        tuple[Status, str]: ``conflict`` when two times cannot both hold, ``agree`` when all
        are the same range, ``compatible`` when they overlap (or cannot be compared).
    """
    status: Status = "agree"
    why = ""
    # One event per distinct time: copies of one report say nothing new and cost a pair each.
    distinct = list({(e.date_start, e.date_end, e.months, e.time_text.casefold()): e for e in events}.values())
    for a, b in combinations(distinct, 2):
        rel = events_relation(a, b)
        if rel == "disjoint":
            yearless = not (a.date_start and b.date_start)
            tail = ", whatever the year" if yearless else ""
            return "conflict", f"{_format_time(a)} cannot be {_format_time(b)}{tail}"
        if rel in ("overlap", "unknown") and status == "agree":
            status = "compatible"
            why = (f"{_format_time(a)} and {_format_time(b)} overlap" if rel == "overlap"
                   else f"{_format_time(a)} and {_format_time(b)} cannot be compared")
    if status == "agree":
        return status, f"{_count(len(events))} place it at {_format_time(events[0])}"
    return status, why


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when two speaker names plausibly name one person ("Varnholm" ~ "Ilsa Varnholm")."""
    if not a or not b:
        return False
    na, nb = normalise_name(a).split(), normalise_name(b).split()
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    return long_[-len(short):] == short or long_[: len(short)] == short


def judge_quotes(quotes: Sequence[Quote]) -> tuple[Status, str]:
    """The verdict on quotes of one statement: always ``agree`` (grouping already asked for the same words).

    Args:
        quotes (Sequence[Quote]): e.g. two translations of one sentence by one speaker.
    Returns:
        tuple[Status, str]: ``("agree", "the same statement by X in two translations")``.
    """
    speakers = [q.speaker_entity or q.speaker for q in quotes]
    names = _unique(q.speaker for q in quotes if q.speaker)
    texts = {" ".join(sorted(content_lemmas(q.text))) for q in quotes}
    wording = "in the same words" if len(texts) == 1 else "worded differently (two translations or paraphrases)"
    known = [s for s in speakers if s]
    if known and len(known) == len(speakers) and all(
        quotes[0].speaker_entity and q.speaker_entity == quotes[0].speaker_entity
        or same_speaker(q.speaker, quotes[0].speaker)
        for q in quotes
    ):
        who = max(names, key=len) if names else str(known[0])
        return "agree", f"the same statement by the same speaker, {who}, {wording}"
    if names:
        return "agree", f"the same statement, attributed to {' and '.join(names)}, {wording}"
    return "agree", f"the same statement, {wording}"


def judge(claims: Sequence[Claim], published: Mapping[str, str | None] | None = None,
          different: Callable[[Quantity, Quantity], bool] | None = None) -> tuple[Status, str]:
    """The verdict on one group of claims of one kind (figures, times or statements).

    Args:
        claims (Sequence[Claim]): members of one group, all Quantity, all Event or all Quote.
        published (Mapping[str, str | None] | None): document id → publication date.
        different: for figures, says when two count different but related things.
    Returns:
        tuple[Status, str]: the status and a one-line reason.
    Raises:
        ValueError: when the claims mix kinds.
    """
    if all(isinstance(c, Quantity) for c in claims):
        return judge_quantities([c for c in claims if isinstance(c, Quantity)], published, different)
    if all(isinstance(c, Event) for c in claims):
        return judge_events([c for c in claims if isinstance(c, Event)])
    if all(isinstance(c, Quote) for c in claims):
        from .statements import judge_statements

        return judge_statements([c for c in claims if isinstance(c, Quote)])
    raise ValueError(f"a group holds one kind of claim, got {sorted({type(c).__name__ for c in claims})}")
