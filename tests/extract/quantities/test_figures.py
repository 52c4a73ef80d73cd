"""Figures end to end: the span, value, interval, qualifier, unit and measure of each form.

Every sentence is invented (fictional people and places). Each row asserts the exact figure
the extractor gives for one construction; the measure is asserted word for word.
"""

from __future__ import annotations

import pytest

from newsledger.extract.quantities import extract_quantities
from newsledger.model import Quantity
from newsledger.pipeline import prepare_text


def _figures(text: str) -> list[Quantity]:
    doc = prepare_text(text)
    found = extract_quantities(doc)
    for q in found:
        assert q.text == doc.text[q.start:q.end]
        assert q.doc == doc.id
        assert q.measure and not q.measure.isspace()
    assert [q.start for q in found] == sorted(q.start for q in found)
    return found


Row = tuple[str, str, float | None, float | None, float | None, str, str | None, str]

# (sentence, span, value, low, high, qualifier, unit, measure)
COUNTS: list[Row] = [
    ("Rescuers pulled 14,500 sandbags from the river.",
     "14,500 sandbags", 14500, 14500, 14500, "exact", None, "pulled sandbags"),
    ("Some 3.5 million voters were registered in Brenland.",
     "Some 3.5 million voters", 3.5e6, 3.15e6, 3.85e6, "approximate", None, "voters registered in Brenland"),
    ("Police in Corvale arrested a dozen protesters.",
     "a dozen protesters", 12, 12, 12, "exact", None, "arrested protesters"),
    ("The mill hired three dozen weavers last week.",
     "three dozen weavers", 36, 36, 36, "exact", None, "hired weavers"),
    ("Hundreds of residents were evacuated from Lunport.",
     "Hundreds of residents", None, 200, 999, "approximate", None, "residents evacuated from Lunport"),
    ("Tens of thousands of fans were stranded at the Varno stadium.",
     "Tens of thousands of fans", None, 20000, 99999, "approximate", None, "fans stranded at the Varno stadium"),
    ("Several hundred protesters gathered outside the parliament.",
     "Several hundred protesters", None, 300, 900, "approximate", None, "protesters gathered"),
    ("Millions sought jobs in the cities.",
     "Millions sought", None, 2e6, 9999999, "approximate", None, "sought jobs in the cities"),
    ("Rescuers found between 200 and 300 survivors near Tolbury.",
     "between 200 and 300 survivors", 200, 200, 300, "range", None, "found survivors"),
    ("The agency counted 7,000 to 8,000 tents in the camp.",
     "7,000 to 8,000 tents", 7000, 7000, 8000, "range", None, "counted tents"),
    ("About 15 patients were treated at the clinic.",
     "About 15 patients", 15, 13.5, 16.5, "approximate", None, "patients treated at the clinic"),
    ("Nearly 300 students have been sent home.",
     "Nearly 300 students", 300, 270, 300, "approximate", None, "students sent"),
    ("More than 1,500 jobs were lost in Corvale.",
     "More than 1,500 jobs", 1500, 1500, None, "more_than", None, "jobs lost in Corvale"),
    ("Over a dozen villages were cut off.",
     "Over a dozen villages", 12, 12, None, "more_than", None, "villages cut off"),
    ("At least 40 fishermen were rescued off Tolbury.",
     "At least 40 fishermen", 40, 40, None, "at_least", None, "fishermen rescued off Tolbury"),
    ("Fewer than 20 patients were treated at the Ostia clinic.",
     "Fewer than 20 patients", 20, None, 20, "less_than", None, "patients treated at the Ostia clinic"),
    ("Up to 400 soldiers have been deployed to the border.",
     "Up to 400 soldiers", 400, None, 400, "at_most", None, "soldiers deployed to the border"),
    ("The storm damaged 4, 512 homes across the province.",
     "4, 512 homes", 4512, 4512, 4512, "exact", None, "damaged homes"),
    # small number words with any noun
    ("The flood destroyed three bridges near Varno.",
     "three bridges", 3, 3, 3, "exact", None, "destroyed bridges"),
    ("Two Ostian navy frigates patrolled the strait.",
     "Two Ostian navy frigates", 2, 2, 2, "exact", None, "Ostian navy frigates patrolled strait"),
    ("A mother of four was among the injured.",
     "A mother of four", 4, 4, 4, "exact", None, "mother"),
]

# percentages, points, signs, changes and money
MONEY_AND_RATES: list[Row] = [
    ("The central bank raised its rate to a range of 3.25%-3.5%.",
     "a range of 3.25%-3.5%", 3.25, 3.25, 3.5, "range", "%", "raised rate range"),
    ("Analysts expect the rate to settle at 3.25% to 3.5% by spring.",
     "3.25% to 3.5%", 3.25, 3.25, 3.5, "range", "%", "rate settle"),
    ("The bank cut its main rate by 25 basis points on Thursday.",
     "25 basis points", 25, 25, 25, "exact", "basis points", "bank cut rate"),
    ("Borrowing costs fell by a quarter of a percentage point.",
     "a quarter of a percentage point", 0.25, 0.25, 0.25, "exact", "percentage points", "Borrowing costs fell"),
    ("The council approved a half-point cut in the levy.",
     "a half-point cut", 0.5, 0.5, 0.5, "exact", "points", "approved cut"),
    ("Inflation fell -0.3% in May.",
     "-0.3%", -0.3, -0.3, -0.3, "exact", "%", "Inflation fell"),
    ("The index fell 0.2 points on Friday.",
     "0.2 points", 0.2, 0.2, 0.2, "exact", "points", "index fell"),
    ("The bridge could cost $4 billion to $4.5 billion.",
     "$4 billion to $4.5 billion", 4e9, 4e9, 4.5e9, "range", "$", "bridge cost"),
    ("The repairs will cost $2 million to $2.5 million.",
     "$2 million to $2.5 million", 2e6, 2e6, 2.5e6, "range", "$", "repairs cost"),
    ("The fund lost as much as $40 million in the crash.",
     "as much as $40 million", 4e7, None, 4e7, "at_most", "$", "fund lost in the crash"),
    ("Flood damage exceeding $12 billion was reported.",
     "exceeding $12 billion", 1.2e10, 1.2e10, None, "more_than", "$", "Flood damage exceeding"),
    ("The toll could top 5,000.",
     "top 5,000", 5000, 5000, None, "more_than", None, "toll top"),
    ("The number of arrests passed 1,200 on Sunday.",
     "passed 1,200", 1200, 1200, None, "more_than", None, "number passed"),
    ("Shares surged past $80 in early trading.",
     "past $80", 80, 80, None, "more_than", "$", "Shares surged"),
    ("The Ostian treasury spent 1.2bn on the bridge.",
     "1.2bn", 1.2e9, 1.2e9, 1.2e9, "exact", None, "Ostian treasury spent"),
    ("The insurer estimates that the claim will come to between 4 and 5 million crowns.",
     "between 4 and 5 million crowns", 4e6, 4e6, 5e6, "range", "crowns", "claim come"),
    ("MCC shares closed 11 per cent lower.",
     "11 per cent", 11, 11, 11, "exact", "%", "MCC shares closed lower"),
    ("Employer contributions increased to £8.2bn last year.",
     "£8.2bn", 8.2e9, 8.2e9, 8.2e9, "exact", "£", "Employer contributions increased"),
    ("Losses compared badly with the 784m euro figure of the year before.",
     "784m euro figure", 7.84e8, 7.84e8, 7.84e8, "exact", "€", "compared figure"),
    ("Insurers expect claims in the tens of billions of dollars.",
     "tens of billions of dollars", None, 2e10, 99999999999, "approximate", "$", "claims"),
    ("Shares closed at 64 pence in London.",
     "64 pence", 64, 64, 64, "exact", "pence", "Shares closed in London"),
]

# fractions, multiples, durations, compound adjectives, lengths
PARTS_AND_TIMES: list[Row] = [
    # one unit of time under a bound is a figure
    ("The blackout lasted more than an hour.", "more than an hour", 1, 1, None, "more_than", None, "hour"),
    ("The barge sat idle for over a year.", "over a year", 1, 1, None, "more_than", None, "sat year"),
    ("Three-quarters of the members backed the deal.",
     "Three-quarters of the members", 0.75, 0.75, 0.75, "exact", None, "members backed deal"),
    ("A third of voters stayed home.",
     "A third of voters", 0.333333, 0.333333, 0.333333, "exact", None, "voters stayed"),
    ("One in five adults in Corvale smokes.",
     "One in five adults", 0.2, 0.2, 0.2, "exact", None, "adults in Corvale smokes"),
    ("A half dozen trawlers were seized near the port.",
     "A half dozen trawlers", 6, 6, 6, "exact", None, "trawlers seized near the port"),
    ("Twice as many tourists visited Ostia this year.",
     "Twice as many tourists", 2, 2, 2, "exact", None, "many tourists visited Ostia"),
    ("The union won half of what it asked for.",
     "half of what it asked", 0.5, 0.5, 0.5, "exact", None, "won what it asked"),
    ("Nurses began a 12-day walkout in March.",
     "12-day walkout", 12, 12, 12, "exact", None, "began day walkout"),
    ("The council agreed a three-year lease.",
     "three-year lease", 3, 3, 3, "exact", None, "agreed year lease"),
    ("The ferry crossing took 1 hour 45 minutes.",
     "1 hour 45 minutes", 105, 105, 105, "exact", None, "ferry crossing took minutes"),
    ("The search lasted two and a half days.",
     "two and a half days", 2.5, 2.5, 2.5, "exact", None, "lasted days"),
    ("The strike has lasted over four years.",
     "over four years", 4, 4, None, "more_than", None, "lasted years"),
    ("The strike closed the mine for almost three weeks.",
     "almost three weeks", 3, 2.7, 3, "approximate", None, "closed mine weeks"),
    ("The drought dragged on for nine months.",
     "nine months", 9, 9, 9, "exact", None, "dragged on months"),
    ("It was the club's first title in 23 years.",
     "23 years", 23, 23, 23, "exact", None, "title in years"),
    ("About 20 minutes later, a second blast shook the depot.",
     "About 20 minutes", 20, 18, 22, "approximate", None, "minutes later shook"),
    ("The ferry route is 9 nautical miles of open water.",
     "9 nautical miles of open water", 9, 9, 9, "exact", "nautical miles", "ferry route nautical miles of open water"),
    ("The wreck lay at a depth of 60 metres.",
     "a depth of 60 metres", 60, 60, 60, "exact", "metres", "lay depth metres"),
    ("The tremor struck with a magnitude of 5.3.",
     "a magnitude of 5.3", 5.3, 5.3, 5.3, "exact", None, "struck magnitude"),
    ("The towns of the delta (population 860,000) lost power.",
     "population 860,000", 860000, 860000, 860000, "exact", None, "towns population"),
    ("Grain output reached about 1.2 million tonnes of wheat a year.",
     "about 1.2 million tonnes of wheat", 1.2e6, 1.08e6, 1.32e6, "approximate", "tonnes", "reached tonnes of wheat"),
]


def _check(text: str, row: Row) -> None:
    _, span, value, low, high, qualifier, unit, measure = row
    got = [q for q in _figures(text) if q.text == span]
    assert got, [q.text for q in _figures(text)]
    q = got[0]
    assert q.value == (None if value is None else pytest.approx(value))
    assert q.low == (None if low is None else pytest.approx(low))
    assert q.high == (None if high is None else pytest.approx(high))
    assert (q.qualifier, q.unit, q.measure) == (qualifier, unit, measure)


@pytest.mark.parametrize("row", COUNTS, ids=[r[1] for r in COUNTS])
def test_figures_counts(row: Row) -> None:
    assert len(_figures(row[0])) == 1
    _check(row[0], row)


@pytest.mark.parametrize("row", MONEY_AND_RATES, ids=[r[1] for r in MONEY_AND_RATES])
def test_figures_money_and_rates(row: Row) -> None:
    assert len(_figures(row[0])) == 1
    _check(row[0], row)


@pytest.mark.parametrize("row", PARTS_AND_TIMES, ids=[r[1] for r in PARTS_AND_TIMES])
def test_figures_parts_and_times(row: Row) -> None:
    assert len(_figures(row[0])) == 1
    _check(row[0], row)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb of change between two values: two figures, each exact, not a range
        ("Inflation eased from 3.1% to 2.7% last month.", [("3.1%", 3.1, "exact"), ("2.7%", 2.7, "exact")]),
        # "by" a change "to" the level it reached; "by 3% to 5%" stays a range
        ("The count of open claims fell by 300 to 2,100.", [("300", 300, "exact"), ("2,100", 2100, "exact")]),
        ("Rents rose by 4% to 6% in most districts.", [("4% to 6%", 4, "range")]),
        # a span of time after a change is no bound: "over four years" is four years
        ("Wages will rise 20% over four years.", [("20%", 20, "exact"), ("four years", 4, "exact")]),
        # where a change ended is a figure of its own, not the end of a range
        ("The index fell 0.2 points to 101.4.", [("0.2 points", 0.2, "exact"), ("101.4", 101.4, "exact")]),
        # a bound at the head of a list bounds every count in it
        ("At least 1,400 homes, 45 schools and nine clinics were damaged.",
         [("At least 1,400 homes", 1400, "at_least"), ("45 schools", 45, "at_least"), ("nine clinics", 9, "at_least")]),
    ],
)
def test_figures_changes_and_lists(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(q.text, q.value, q.qualifier) for q in _figures(text)] == expected


def test_figures_sentence_of_several() -> None:
    found = _figures("At least 14 people have died in Varno and dozens more are missing.")
    assert [(q.text, q.measure) for q in found] == [("At least 14 people", "people died"),
                                                    ("dozens more are missing", "missing")]
    assert (found[1].value, found[1].low, found[1].high) == (None, 24, 99)


@pytest.mark.parametrize(("text", "expected"), [
    # "another" adds to a count; "the other two", "the next two" refer to things named before
    ("Another three people died overnight.", [("three people", 3, "people died")]),
    ("One guard was hurt and another two fled.", [("two fled", 2, "fled")]),
    ("The other two ferries stayed in port.", []),
])
def test_figures_another_counts_the_others_refer(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(q.text, q.value, q.measure) for q in _figures(text)] == expected


def test_figures_elliptical_second_figure_shares_the_measure() -> None:
    found = _figures("The Ostian parliament passed the bill with 212 votes in favour and 97 against.")
    assert [q.text for q in found] == ["212 votes", "97"]
    assert found[1].measure == found[0].measure == "passed bill votes"


def test_figures_two_currencies_keep_their_own_spans() -> None:
    found = _figures("The firm must pay a $27bn (£14bn) tax bill.")
    assert [(q.text, q.value, q.unit) for q in found] == [("$27bn", 2.7e10, "$"), ("£14bn", 1.4e10, "£")]
    assert found[0].value == 27_000_000_000


def test_figures_head_and_action_lemmas() -> None:
    (q,) = _figures("The mayor's office said 318 people were killed in the fire.")
    assert (q.measure, q.measure_head, q.action) == ("people killed in the fire", "people", "kill")
