"""The terminal view: one table per group with outlets, claims, figures, sources and the verdict."""

from __future__ import annotations

import pytest
from rich.console import Console

from newsledger.model import Document, Event, Group, Ledger, Metadata, Quantity, Quote, item_id
from newsledger.view.terminal import render_ledger


def _span(d: Document, words: str) -> tuple[int, int]:
    i = d.text.index(words)
    return i, i + len(words)


def build_ledger() -> Ledger:
    """A flood on the invented river Brenn, told by two outlets."""
    a = Document(id="a", source="news/a.txt", meta=Metadata(outlet="Valley Post"),
                 text="About 600 villagers were moved out on Sunday. The flood began on 2031-04-06. "
                      "Mayor Ilse Dorn said: the dikes held [bold]almost[/bold] everywhere.")
    b = Document(id="b", source="news/b.txt", meta=Metadata(outlet="Brenn Radio"),
                 text="Hundreds of villagers were evacuated. The flood started on Sunday, April 6. "
                      "The dikes held almost everywhere, Dorn said.")
    n1 = Quantity("a", *_span(a, "About 600 villagers"), "About 600 villagers", 600, 540, 660, "approximate",
                  "villagers moved out")
    n2 = Quantity("b", *_span(b, "Hundreds of villagers"), "Hundreds of villagers", None, 200, 999, "approximate",
                  "villagers evacuated", source="the county office")
    e1 = Event("a", *_span(a, "flood began on 2031-04-06"), "flood began on 2031-04-06", "flood began",
               "2031-04-06", "2031-04-06", "2031-04-06")
    e2 = Event("b", *_span(b, "flood started on Sunday, April 6"), "flood started on Sunday, April 6",
               "flood started", "Sunday, April 6", "2031-04-06", "2031-04-06")
    q1 = Quote("a", *_span(a, "the dikes held [bold]almost[/bold] everywhere"),
               "the dikes held [bold]almost[/bold] everywhere", False, speaker="Ilse Dorn")
    q2 = Quote("b", *_span(b, "The dikes held almost everywhere"), "The dikes held almost everywhere", False,
               speaker="Dorn")
    groups = [
        Group(id="g-evac", label="villagers evacuated", members=(item_id(n1), item_id(n2)), status="compatible",
              why="figures 540–660, 200–999 overlap", independent_sources=1, sources=("the county office",),
              unattributed=1),
        Group(id="g-flood", label="flood began", members=(item_id(e1), item_id(e2)), status="agree",
              why="both place it at 2031-04-06", independent_sources=0, unattributed=2),
        Group(id="g-dikes", label="Ilse Dorn: the dikes held", members=(item_id(q1), item_id(q2)), status="conflict",
              why="a made-up verdict for the test", independent_sources=1, sources=("Ilse Dorn",)),
    ]
    return Ledger(documents=[a, b], quotes=[q1, q2], quantities=[n1, n2], events=[e1, e2], groups=groups)


def _render(ledger: Ledger) -> str:
    console = Console(record=True, width=120)
    render_ledger(ledger, console)
    return console.export_text()


def test_terminal_render_ledger_shows_groups_outlets_figures_and_verdicts() -> None:
    text = _render(build_ledger())
    for label in ("villagers evacuated", "flood began", "Ilse Dorn: the dikes held"):
        assert label in text
    for status in ("COMPATIBLE", "AGREE", "CONFLICT"):
        assert status in text
    # Outlets: the outlet the text credits, with the file and the paragraph.
    assert "Valley Post" in text and "Brenn Radio" in text
    assert "a.txt" in text and "b.txt" in text  # no paragraphs in these hand-built documents
    # Figures as intervals, times as dates, sources or "unattributed".
    assert "540–660" in text and "200–999" in text
    assert "2031-04-06" in text
    assert "the county office" in text and "— (unattributed)" in text
    # The verdict line and the source count.
    assert "compatible: figures 540–660, 200–999 overlap" in text
    assert "1 independent source: the county office; 1 unattributed" in text
    assert "0 independent sources" in text


def test_terminal_render_ledger_prints_article_text_literally() -> None:
    text = _render(build_ledger())
    assert "[bold]almost[/bold]" in text  # never parsed as rich markup


def test_terminal_render_ledger_unknown_member_is_shown() -> None:
    ledger = build_ledger()
    ledger.groups = [Group(id="g-x", label="lost", members=("n-zz-1-2",), status="agree", why="—")]
    assert "n-zz-1-2" in _render(ledger)


@pytest.mark.parametrize("n_docs", [0, 2])
def test_terminal_render_ledger_without_groups(n_docs: int) -> None:
    ledger = build_ledger()
    ledger.documents = ledger.documents[:n_docs]
    ledger.groups = []
    assert f"{n_docs} articles: no claim found in more than one of them." in _render(ledger)


def test_terminal_render_ledger_marks_estimated_dates() -> None:
    import dataclasses

    ledger = build_ledger()
    ledger.events = [dataclasses.replace(ledger.events[1], estimated=True), ledger.events[0]]
    text = _render(ledger)
    assert "≈ 2031-04-06" in text
    assert text.count("≈") == 1


def test_terminal_render_ledger_orders_by_verdict_and_filters_on_status() -> None:
    ledger = build_ledger()
    console = Console(record=True, width=120)
    render_ledger(ledger, console)
    text = console.export_text()
    shown = [text.index(s) for s in ("CONFLICT ", "COMPATIBLE ", "AGREE ")]
    assert shown == sorted(shown)
    console = Console(record=True, width=120)
    render_ledger(ledger, console, statuses=["conflict"])
    text = console.export_text()
    assert "CONFLICT " in text and "COMPATIBLE " not in text and "AGREE " not in text
