"""The timeline's scale fits the story's own span; older events are listed apart, estimates marked."""

from __future__ import annotations

from newsledger.model import Document, Event, Ledger, Metadata
from newsledger.web.claims import LedgerIndex, WebLinks
from newsledger.web.timeline import timeline_view


def _event(doc: str, n: int, label: str, start: str | None, end: str | None, *, estimated: bool = False) -> Event:
    return Event(doc, n, n + 1, "x", label, "words", start, end, estimated=estimated)


def test_timeline_scale_fits_the_story_span() -> None:
    docs = [Document("a", "a.txt", "x" * 50, Metadata(published="2025-03-12")),
            Document("b", "b.txt", "x" * 50, Metadata(published="2025-03-17"))]
    events = [
        _event("a", 1, "lease shed", "2019-01-01", "2019-12-31"),  # "since 2019": before the story's span
        _event("a", 2, "inspect warehouse", "2024-10-01", "2024-10-31"),
        _event("a", 3, "fire break out", "2025-03-11", "2025-03-11"),
        _event("b", 3, "fire break out", "2025-03-11", "2025-03-11"),
        _event("b", 4, "pass inspection", "2025-02-21", "2025-02-28"),
        _event("b", 5, "worker warn", "2025-03-10", "2025-03-16", estimated=True),
        _event("b", 6, "forklift overheat", "2025-01-20", "2025-03-17"),  # reaches past the scale's start
        _event("b", 7, "vote", "2025-06-01", "2025-06-30"),
        _event("b", 8, "talk", None, None),
    ]
    view = timeline_view(LedgerIndex(Ledger(documents=docs, events=events)), WebLinks())
    assert [r["event"] for r in view["earlier"]] == ["lease shed", "inspect warehouse"]
    assert [r["event"] for r in view["later"]] == ["vote"]
    assert [c["event"] for c in view["undated"]] == ["talk"]
    assert view["span"] == ["2025-02-09", "2025-03-17"]  # 31 days before the first article, to the last event
    rows = {r["event"]: r for r in view["rows"]}
    assert len(rows["fire break out"]["claims"]) == 2 and rows["fire break out"]["label"] == "fire break out (2 outlets)"
    assert rows["forklift overheat"]["clipped_before"] and not rows["forklift overheat"]["clipped_after"]
    assert rows["worker warn"]["estimated"] and rows["worker warn"]["when"].startswith("≈ ")
    assert rows["pass inspection"]["x"] < rows["worker warn"]["x"] < rows["fire break out"]["x"]
    assert all(view["label_width"] <= r["x"] <= view["width"] for r in view["rows"])
    assert [t["label"] for t in view["ticks"]][:2] == ["Feb 10", "Feb 17"]  # weekly ticks for five weeks


def test_timeline_without_dated_articles_centres_on_the_events() -> None:
    docs = [Document("a", "a.txt", "x" * 20, Metadata())]
    events = [_event("a", 1, "earlier", "2010-05-01", "2010-05-01"), _event("a", 2, "now", "2024-05-01", "2024-05-02"),
              _event("a", 3, "now too", "2024-05-03", "2024-05-03")]
    view = timeline_view(LedgerIndex(Ledger(documents=docs, events=events)), WebLinks())
    assert [r["event"] for r in view["rows"]] == ["now", "now too"] and view["earlier"][0]["event"] == "earlier"
    assert view["span"] == ["2024-05-01", "2024-05-03"]
