"""Events: which group changes are news, and how they read as lines and JSON."""

from __future__ import annotations

import pytest

from newsledger.model import Group
from newsledger.watch.notify import Article, GroupChange, WatchEvent, event_line, event_record, group_changes

ARTICLE = Article("Velmora Courier", "Footbridge collapses", "https://velmora.example/a", "2025-05-06",
                  "https://velmora.example/rss", "a")


def _g(gid: str, status: str, members: tuple[str, ...], why: str = "why") -> Group:
    return Group(gid, f"label {gid}", members, status, why)  # type: ignore[arg-type]


@pytest.mark.parametrize(("before", "after", "expected"), [
    # a new conflict, of figures or of anything else
    ([], [_g("g-1", "conflict", ("n-a", "n-b"))], [("conflict", "new")]),
    ([], [_g("g-1", "conflict", ("q-a", "q-b"))], [("conflict", "new")]),
    # a group of figures, new or changed; a group of statements that agrees is no news
    ([], [_g("g-1", "agree", ("n-a", "n-b"))], [("figure", "new")]),
    ([], [_g("g-1", "agree", ("q-a", "q-b"))], []),
    ([_g("g-1", "agree", ("n-a", "n-b"))], [_g("g-1", "compatible", ("n-a", "n-b"))], [("figure", "changed")]),
    ([_g("g-1", "agree", ("n-a", "n-b"))], [_g("g-1", "agree", ("n-a", "n-b", "n-c"))], [("figure", "changed")]),
    # the same members and status: no news, even reworded
    ([_g("g-1", "agree", ("n-a", "n-b"), "one source")], [_g("g-1", "agree", ("n-b", "n-a"), "two sources")], []),
    ([_g("g-1", "conflict", ("n-a", "n-b"))], [_g("g-1", "conflict", ("n-a", "n-b"), "reworded")], []),
    # a conflict that gains a claim, becomes a conflict, or stops being one
    ([_g("g-1", "conflict", ("n-a", "n-b"))], [_g("g-1", "conflict", ("n-a", "n-b", "n-c"))],
     [("conflict", "changed")]),
    ([_g("g-1", "compatible", ("ev-a", "ev-b"))], [_g("g-1", "conflict", ("ev-a", "ev-b", "ev-c"))],
     [("conflict", "changed")]),
    ([_g("g-1", "conflict", ("q-a", "q-b"))], [_g("g-1", "compatible", ("q-a", "q-b", "q-c"))],
     [("conflict", "resolved")]),
])
def test_group_changes(before: list[Group], after: list[Group], expected: list[tuple[str, str]]) -> None:
    assert [(c.kind, c.change) for c in group_changes(before, after)] == expected


def _event(change: GroupChange | None, **kw: object) -> WatchEvent:
    return WatchEvent("article" if change is None else change.kind, 3, "Footbridge collapses — Velmora",
                      ARTICLE, "2025-05-06T10:00:00+00:00", change=change, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("change", "line"), [
    (None, "story 3 (new) · Velmora Courier · Footbridge collapses"),
    (GroupChange("conflict", "new", _g("g-1", "conflict", ("n-a", "n-b"), "12 and 5 cannot both hold"), None),
     "story 3 · new conflict · label g-1: 12 and 5 cannot both hold"),
    (GroupChange("conflict", "resolved", _g("g-1", "compatible", ("n-a",), "overlap"),
                 _g("g-1", "conflict", ("n-a",))),
     "story 3 · no longer a conflict (compatible) · label g-1: overlap"),
    (GroupChange("figure", "changed", _g("g-1", "compatible", ("n-a",), "overlap"), _g("g-1", "agree", ("n-a",))),
     "story 3 · figure now compatible (was agree) · label g-1: overlap"),
    (GroupChange("figure", "new", _g("g-1", "agree", ("n-a",), "both give 2"), None),
     "story 3 · new figure (agree) · label g-1: both give 2"),
])
def test_event_line(change: GroupChange | None, line: str) -> None:
    assert event_line(_event(change, new_story=True)) == line


def test_event_record_of_a_conflict() -> None:
    change = GroupChange("conflict", "changed", _g("g-1", "conflict", ("n-a", "n-b"), "12 and 5 cannot both hold"),
                         _g("g-1", "compatible", ("n-a",)))
    record = event_record(_event(change, claims=({"id": "n-a", "text": "Twelve people"},)))
    assert record["event"] == "conflict" and record["change"] == "changed" and record["story"] == 3
    assert record["group"] == {"id": "g-1", "label": "label g-1", "status": "conflict",
                               "previous_status": "compatible", "why": "12 and 5 cannot both hold",
                               "independent_sources": 0, "claims": [{"id": "n-a", "text": "Twelve people"}]}
    assert record["article"]["url"] == "https://velmora.example/a"
    assert record["line"] == event_line(_event(change))
