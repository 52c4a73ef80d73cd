"""Time expressions on the parse: exact spans and dates, with and without an article date."""

from __future__ import annotations

import pytest

from newsledger.extract.times import extract_times, find_times
from newsledger.lexicons import table
from newsledger.model import TimeExpr
from newsledger.pipeline import prepare_text

PUB = "2025-02-08"  # a Saturday


def _times(text: str, published: str | None = PUB, reference: str | None = None) -> list[TimeExpr]:
    doc = prepare_text(text, published=published)
    if reference is not None:
        import dataclasses

        doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, reference=reference))
    times = extract_times(doc)
    for t in times:
        assert t.text == doc.text[t.start : t.end]
    return times


def _one(text: str, published: str | None, words: str, reference: str | None = None) -> TimeExpr:
    times = _times(text, published, reference)
    hits = [t for t in times if t.text == words]
    assert hits, f"{words!r} not found in {[t.text for t in times]}"
    t = hits[0]
    assert t.start == text.index(words)
    return t


@pytest.mark.parametrize("row", table("time_shapes.tsv"), ids=lambda row: row[0])
def test_times_every_shape_example(row: tuple[str, ...]) -> None:
    name, _pattern, example, words = row
    doc = prepare_text(example, published=PUB)
    found = {(doc.parse[f.first : f.last].text, f.kind) for f in find_times(doc.parse)}
    if name.startswith("@"):  # a piece of other shapes: found inside one of them
        assert any(text == words for text, _kind in found), found
    else:
        assert (words, name) in found


@pytest.mark.parametrize(
    ("sentence", "words", "start", "end"),
    [
        ("The lease was signed last summer.", "last summer", "2024-06-01", "2024-08-31"),
        ("The museum announced late last month that the painting was a copy.", "late last month", "2025-01-21",
         "2025-01-31"),
        ("Talks were held last week in the capital.", "last week", "2025-01-27", "2025-02-02"),
        ("The army advanced in recent weeks.", "recent weeks", "2024-12-28", "2025-02-08"),
        ("The shop has been closed since last August.", "since last August", "2024-08-01", "2024-08-31"),
        ("The accord was signed in October 2023.", "October 2023", "2023-10-01", "2023-10-31"),
        ("The post was dated March 3, 2023 by its author.", "March 3, 2023", "2023-03-03", "2023-03-03"),
        ("The minister spoke on Friday.", "Friday", "2025-02-07", "2025-02-07"),
        ("The minister spoke Sunday about the plan.", "Sunday", "2025-02-02", "2025-02-02"),
        ("Exports fell last year.", "last year", "2024-01-01", "2024-12-31"),
        ("The bridge was repaired late last year.", "late last year", "2024-09-01", "2024-12-31"),
        ("Prices rose earlier this month.", "earlier this month", "2025-02-01", "2025-02-08"),
        ("He left the country in 2019.", "2019", "2019-01-01", "2019-12-31"),
        ("She visited the port in June.", "June", "2024-06-01", "2024-06-30"),
        ("Since the war (1914-18) the border was closed.", "1914-18", "1914-01-01", "1918-12-31"),
        ("Rains came in early March 2023.", "early March 2023", "2023-03-01", "2023-03-10"),
        ("The treaty dates from summer 2023.", "summer 2023", "2023-06-01", "2023-08-31"),
        ("Elections are due next summer.", "next summer", "2025-06-01", "2025-08-31"),
        ("Snow fell last winter.", "last winter", "2023-12-01", "2024-02-29"),
        ("The deal was struck 4 March 2023.", "4 March 2023", "2023-03-04", "2023-03-04"),
        ("The envoy arrived two weeks ago.", "two weeks ago", "2025-01-22", "2025-01-28"),
        ("Fighting flared yesterday.", "yesterday", "2025-02-07", "2025-02-07"),
        ("The strike happened last Friday.", "last Friday", "2025-02-07", "2025-02-07"),
        ("The curfew ends next month.", "next month", "2025-03-01", "2025-03-31"),
        ("The ship sailed on March 20.", "March 20", "2024-03-20", "2024-03-20"),
        ("The roof failed on 1 February.", "1 February", "2025-02-01", "2025-02-01"),
        ("The ship sank on the 3rd of March 2021 near the coast.", "3rd of March 2021", "2021-03-03", "2021-03-03"),
        ("Prices fell in mid-2023 and rose in late 2024.", "mid-2023", "2023-05-01", "2023-08-31"),
        ("Prices fell in mid-2023 and rose in late 2024.", "late 2024", "2024-09-01", "2024-12-31"),
        ("The plant lost money between 2014 and 2016.", "2016", "2016-01-01", "2016-12-31"),
        ("The plant closed at the end of 2023.", "2023", "2023-01-01", "2023-12-31"),
        ("The plant opened in the 1990s.", "1990s", "1990-01-01", "1999-12-31"),
        ("In 2019 water broke into the shaft.", "2019", "2019-01-01", "2019-12-31"),
        # a clock time on a day word; "since X" is X's own interval, where the event starts
        ("Two men have been trapped since shortly after 4 a.m. yesterday.", "since shortly after 4 a.m. yesterday",
         "2025-02-07", "2025-02-07"),
        ("Talks have stalled since last spring.", "since last spring", "2024-03-01", "2024-05-31"),
        # a future verb before a bare weekday or month: the next one
        ("The board said it would meet on Wednesday.", "Wednesday", "2025-02-12", "2025-02-12"),
        ("The talks are set to resume on Monday.", "Monday", "2025-02-10", "2025-02-10"),
        ("The council will vote in June.", "June", "2025-06-01", "2025-06-30"),
        ("The board met on Wednesday.", "Wednesday", "2025-02-05", "2025-02-05"),
        ("The mayor spoke this morning.", "this morning", "2025-02-08", "2025-02-08"),
        ("Shots were heard last night.", "last night", "2025-02-07", "2025-02-07"),
        ("The strike began in the early hours of Tuesday.", "early hours of Tuesday", "2025-02-04", "2025-02-04"),
        ("The order was lifted late on Thursday evening.", "late on Thursday evening", "2025-02-06", "2025-02-06"),
    ],
)
def test_times_resolved_against_publication(sentence: str, words: str, start: str, end: str) -> None:
    t = _one(sentence, PUB, words)
    assert (t.date_start, t.date_end) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "words", "start", "end"),
    [
        # ISO dates in running text, with or without a clock time
        ("The board approved the plan on 2024-03-05 after a long debate.", "2024-03-05", "2024-03-05", "2024-03-05"),
        ("The filing is stamped 2023-11-30T14:05:00Z in the register.", "2023-11-30T14:05:00Z",
         "2023-11-30", "2023-11-30"),
        # month only and year only
        ("Shares fell sharply in January.", "January", "2025-01-01", "2025-01-31"),
        ("Flights resumed months after the January incident.", "January", "2025-01-01", "2025-01-31"),
        ("The council has governed since a 1987 coup.", "1987", "1987-01-01", "1987-12-31"),
        ("The ministry counted the damage of the 2019 floods.", "2019", "2019-01-01", "2019-12-31"),
        # clock times with a zone take the article's date, or the day of their clause
        ("The permit expires at noon ET, the city said.", "noon ET", "2025-02-08", "2025-02-08"),
        ("The church bells rang at 9:40 p.m. local time on Tuesday.", "9:40 p.m. local time on Tuesday",
         "2025-02-04", "2025-02-04"),
        ("The dam broke on Thursday afternoon in the valley, at around 3:15 pm local time.",
         "around 3:15 pm local time", "2025-02-06", "2025-02-06"),
        ("The market closed at 16:30 GMT.", "16:30 GMT", "2025-02-08", "2025-02-08"),
        # a clock time alone in a paragraph that named a day before it: that day
        ("A fire broke out late on Tuesday. It started shortly after 9:40 p.m. in a shed.",
         "shortly after 9:40 p.m.", "2025-02-04", "2025-02-04"),
        # "the next day" counts from the last day the story named
        ("Police arrested him on Jan. 30 and charged him the next day.", "next day", "2025-01-31", "2025-01-31"),
        ("The envoy landed on Monday and left the following day.", "following day", "2025-02-04", "2025-02-04"),
        ("The mill shut on 3 December.\nIt had cut shifts the previous week.", "previous week",
         "2024-11-25", "2024-12-01"),
        # "five days later", "two weeks earlier": from the day the story named before
        ("The walkout began on 27 January and ended five days later.", "five days later", "2025-02-01", "2025-02-01"),
        ("The levee gave way on Jan. 20.\nEngineers had flagged seepage two weeks earlier.", "two weeks earlier",
         "2025-01-03", "2025-01-09"),
        # yearless dates take the article's year, checked against a written weekday
        ("The flood peaked on Friday, January 31, officials said.", "Friday, January 31", "2025-01-31", "2025-01-31"),
        ("The ferry sank on Sunday, 15 December.", "Sunday, 15 December", "2024-12-15", "2024-12-15"),
        ("The vote was held on Friday, February 9.", "Friday, February 9", "2024-02-09", "2024-02-09"),
        # a clock time before a full date, as date lines give it
        ("Filed at 09:12 GMT, 21 January 2025 by the desk.", "09:12 GMT, 21 January 2025", "2025-01-21",
         "2025-01-21"),
        # a month and a shifted year: that month of that year
        ("The yard shipped its last hull in October last year.", "October last year", "2024-10-01", "2024-10-31"),
        ("The pier will reopen in early May next year.", "early May next year", "2026-05-01", "2026-05-10"),
        # "the weekend" after a preposition: the latest one begun by publication day (a
        # Saturday: that one), or the next one in a clause of the future
        ("Pickets gathered at the gates over the weekend.", "the weekend", "2025-02-08", "2025-02-09"),
        ("The ferry will sail again at the weekend.", "the weekend", "2025-02-08", "2025-02-09"),
    ],
)
def test_times_new_forms(sentence: str, words: str, start: str, end: str) -> None:
    t = _one(sentence, PUB, words)
    assert (t.date_start, t.date_end) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "published", "words", "time"),
    [
        # a US zone name without S/D is daylight time in summer, standard time in winter
        ("The permit expires at noon PT.", "2023-07-20", "noon PT", "12:00-07:00"),
        ("The permit expires at noon PT.", PUB, "noon PT", "12:00-08:00"),
        ("The church bells rang at 9:40 p.m. local time.", PUB, "9:40 p.m. local time", "21:40"),
        ("The board met at 10:30 GMT on Friday.", PUB, "10:30 GMT on Friday", "10:30+00:00"),
        ("The filing is stamped 2023-11-30T14:05:00+0530 in the register.", PUB, "2023-11-30T14:05:00+0530",
         "14:05+05:30"),
        ("Headline of the day\nNov.19 - 2024 6:45 PM CET\nThe fares went up.", None, "Nov.19 - 2024 6:45 PM CET",
         "18:45+01:00"),
        ("The market fell on Friday.", PUB, "Friday", None),
    ],
)
def test_times_clock_time_with_zone(sentence: str, published: str | None, words: str, time: str | None) -> None:
    assert _one(sentence, published, words).time == time


def test_times_weekday_that_fits_no_year_is_unresolved() -> None:
    t = _one("The flood peaked on Thursday, January 31, officials said.", PUB, "Thursday, January 31")
    assert (t.date_start, t.date_end, t.months) == (None, None, (1,))


def test_times_yearless_date_takes_the_batch_year_as_an_estimate() -> None:
    t = _one("The bridge reopened on Monday, March 3.", None, "Monday, March 3", reference="2025-03-17")
    assert (t.date_start, t.date_end, t.estimated) == ("2025-03-03", "2025-03-03", True)


def test_times_weekday_fixes_the_year_without_any_date() -> None:
    # 22 June fell on a Sunday in 2025 (and next in 2031)
    t = _one("The ferry sank on Sunday, June 22, near the harbour.", None, "Sunday, June 22")
    assert (t.date_start, t.date_end, t.estimated) == ("2025-06-22", "2025-06-22", False)


def test_times_weekday_anchored_by_a_dated_weekday_in_an_undated_article() -> None:
    text = ("The ferry sank on Sunday, June 22, near the harbour. Divers searched through the night after it went "
            "down on Sunday afternoon, and the count rose on Monday.")
    times = {t.text: t for t in _times(text, None)}
    assert (times["Sunday afternoon"].date_start, times["Sunday afternoon"].date_end) == ("2025-06-22", "2025-06-22")
    assert times["Monday"].date_start == "2025-06-23"


@pytest.mark.parametrize(
    ("sentence", "words", "start", "end"),
    [
        # said on a day the sentence gives: that day
        ('"We will finish the job today," the mayor said on Tuesday.', "today", "2025-02-04", "2025-02-04"),
        ('On Wednesday the chief said: "Tonight we mourn."', "Tonight", "2025-02-05", "2025-02-05"),
        # no day given: the article's date, and never after it
        ('"The city is calmer this week," she told reporters.', "this week", "2025-02-03", "2025-02-08"),
        ("He said: “The crews stay out tonight.”", "tonight", "2025-02-08", "2025-02-08"),
    ],
)
def test_times_quoted_today_belongs_to_the_saying(sentence: str, words: str, start: str, end: str) -> None:
    t = _one(sentence, PUB, words)
    assert (t.date_start, t.date_end) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "words", "start", "end", "months"),
    [
        ("The pact was signed last summer.", "last summer", None, None, (6, 7, 8)),
        ("She visited the port in June.", "June", None, None, (6,)),
        ("The accord was signed in October 2023.", "October 2023", "2023-10-01", "2023-10-31", (10,)),
        ("Prices rose late last month.", "late last month", None, None, ()),
        ("The minister spoke on Friday.", "Friday", None, None, ()),
        ("Snow fell late last winter.", "late last winter", None, None, (2,)),
        ("He left the country in 2019.", "2019", "2019-01-01", "2019-12-31", ()),
        ("The ferry docked around midday local time.", "around midday local time", None, None, ()),
    ],
)
def test_times_without_publication_date(
    sentence: str, words: str, start: str | None, end: str | None, months: tuple[int, ...]
) -> None:
    t = _one(sentence, None, words)
    assert (t.date_start, t.date_end, t.months) == (start, end, months)


def test_times_estimated_when_resting_on_the_batch_date() -> None:
    t = _one("The pact was signed last summer.", None, "last summer", reference="2025-01-11")
    assert (t.date_start, t.date_end, t.months, t.estimated) == ("2024-06-01", "2024-08-31", (6, 7, 8), True)
    absolute = _one("The accord was signed in October 2023.", None, "October 2023", reference="2025-01-11")
    assert absolute.estimated is False


@pytest.mark.parametrize(
    "sentence",
    [
        "You may go now.",
        "Now the troops march on.",
        "May God help them, he said.",
        "The March for Peace drew crowds.",
        "About 2,000 soldiers and 1950 vehicles were there.",
        "Toyota showed its 2024 model at the fair.",
        "Fans travelled to Euro 2024 and the Vision 2030 plan was launched.",
        "The 767 freighters stayed on the ground.",
        "He ran the 1500m race and scored 2:1 at half-time.",
        "Good Friday fell early that spring.",
        "Only one of 2000 people was hurt.",
        "The deal came after following weeks of talks.",
        "Theresa May's cabinet met.",
        "The letter was signed by Jan Kowalski.",
        "The talks lasted four years and the 35-day stoppage cost millions.",
        "A 61-year-old woman was hurt during the late hour.",
        "The ferry docked five days late.",
        "Prices rose during the month.",
        "The yard closed for the week.",
        "The story ran in the weekend edition.",
    ],
)
def test_times_not_dates(sentence: str) -> None:
    assert _times(sentence) == []


def test_times_offset_without_a_day_before_it_is_not_dated_from_the_article() -> None:
    assert [t.date_start for t in _times("Two days later, the talks collapsed.")] in ([], [None])
    dated = _times("The depot closed on 2 January.\n\nAn inquiry opened.\n\nTwo days later, the talks collapsed.")
    assert [(t.text, t.date_start) for t in dated if t.date_start] == [("2 January", "2025-01-02")]


def test_times_date_line_is_the_base_when_metadata_has_none() -> None:
    text = "A headline about the front\n\nFeb.3 - 2025 9:15 AM CET\n\nThe talks began last week."
    times = {t.text: t for t in _times(text, None)}
    assert times["Feb.3 - 2025 9:15 AM CET"].date_start == "2025-02-03"
    assert (times["last week"].date_start, times["last week"].date_end) == ("2025-01-27", "2025-02-02")


def test_times_iso_date_line_run_into_the_first_paragraph() -> None:
    text = "date 2023-06-21 The council voted Tuesday to close the pool.\n\nThe vote was close."
    times = {t.text: t for t in _times(text, None)}
    assert times["2023-06-21"].date_start == "2023-06-21"
    assert times["Tuesday"].date_start == "2023-06-20"


def test_times_leading_preposition_left_out() -> None:
    t = _one("It was agreed in October 2023.", PUB, "October 2023")
    assert t.text == "October 2023"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Fighting flared yesterday and will end tomorrow.", "0001-01-01"),
        ("Fighting flared yesterday and will end tomorrow.", "9999-12-31"),
        ("It was 31 February 2024, or February 30, or Monday, February 29, 2023.", PUB),
        ("\u202e\ufeff 2024-13-45 and 2024-02-30T25:99 and 0000-00-00 at 99:99.", PUB),
        ("Monday " * 300, PUB),
        ("", PUB),
    ],
)
def test_times_never_raise(text: str, published: str) -> None:
    for t in _times(text, published):
        assert t.date_start is None or t.date_start <= (t.date_end or t.date_start)


def test_times_outside_the_calendar_are_unresolved() -> None:
    times = {t.text: t for t in _times("Fighting flared yesterday.", "0001-01-01")}
    assert (times["yesterday"].date_start, times["yesterday"].date_end) == (None, None)


def test_times_and_events_never_raise_on_mixtures_of_time_words() -> None:
    """Seeded random runs of time words, numbers and marks: no exception, valid spans."""
    import random

    from newsledger.extract.events import extract_events

    pieces = ["Friday", "March", "14", ",", "2025", "late", "last", "the", "next", "day", "of", "-", "–",
              "9:40", "p.m.", "PT", "local", "time", "since", "2024-13-45", "1914-18", "mid-2023", "1990s",
              "yesterday", "“", "”", "\n", "ago", "two", "weeks", "recent", "summer", "Nov.19", "May", "at", "on",
              "midnight", "0001-01-01", "99:99", "31", "February", "would", "meet", "was", "signed", "."]
    rng = random.Random(20230621)
    for published in (PUB, None, "0001-01-01", "9999-12-31"):
        for _ in range(6):
            text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
            doc = prepare_text(text, published=published)
            times = extract_times(doc)
            for t in times:
                assert t.text == doc.text[t.start : t.end]
            for e in extract_events(doc, times):
                assert e.text == doc.text[e.start : e.end]


@pytest.mark.parametrize(("published", "words", "start", "end"), [
    ("2025-02-12", "over the weekend", "2025-02-08", "2025-02-09"),  # a Wednesday: the weekend before
    ("2025-02-09", "over the weekend", "2025-02-08", "2025-02-09"),  # a Sunday: this one
])
def test_times_the_weekend_is_the_latest_one_begun(published: str, words: str, start: str, end: str) -> None:
    t = _one(f"Crews cleared the quay {words}.", published, "the weekend")
    assert (t.date_start, t.date_end) == (start, end)
    future = _one(f"Crews will clear the quay {words}.", published, "the weekend")
    assert future.date_start == ("2025-02-15" if published == "2025-02-12" else start)
