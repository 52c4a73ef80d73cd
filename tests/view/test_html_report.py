"""The HTML report: escaping of everything from the articles, one mark per claim, links, timeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsledger.model import Document, Event, Group, Ledger, Metadata, Quantity, Quote, item_id
from newsledger.view.html_report import highlight, render_report, write_report

EVIL = '<script>alert("x")</script>'


def build_ledger() -> Ledger:
    a_text = (f"Headline {EVIL}\nOfficials said 6,300 <b>troops</b> crossed & stayed. "
              "The accord was signed last spring.")
    b_text = "Over 6,800 troops crossed, the ministry said. An accord was signed in September 2030."
    a = Document(id="a", source="news/a.txt", text=a_text, meta=Metadata(title=f"Title {EVIL}", outlet="Wire <i>"))
    b = Document(id="b", source="news/b.txt", text=b_text)

    def span(d: Document, words: str) -> tuple[int, int]:
        i = d.text.index(words)
        return i, i + len(words)

    n1 = Quantity("a", *span(a, "6,300 <b>troops</b>"), "6,300 <b>troops</b>", 6300, 6300, 6300, "exact", "troops",
                  source="<Agency & Co>")
    n2 = Quantity("b", *span(b, "Over 6,800 troops"), "Over 6,800 troops", 6800, 6800, None, "more_than", "troops")
    q1 = Quote("a", *span(a, "6,300 <b>troops</b> crossed & stayed"), "6,300 <b>troops</b> crossed & stayed", False,
               speaker="Officials")
    e1 = Event("a", *span(a, "accord was signed last spring"), "accord was signed last spring", "accord signed",
               "last spring", "2030-03-01", "2030-05-31", (3, 4, 5))
    e2 = Event("b", *span(b, "accord was signed in September 2030"), "accord was signed in September 2030",
               "accord signed", "September 2030", "2030-09-01", "2030-09-30")
    groups = [
        Group("g-1", f"troops {EVIL}", (item_id(n1), item_id(n2)), "compatible", f"overlap {EVIL} & more",
              independent_sources=1, sources=("<Agency & Co>",), unattributed=1),
        Group("g-2", "accord signed", (item_id(e1), item_id(e2)), "conflict", "'last spring' cannot be September"),
    ]
    return Ledger(documents=[a, b], quotes=[q1], quantities=[n1, n2], events=[e1, e2], groups=groups)


def test_html_report_escapes_article_text() -> None:
    page = render_report(build_ledger())
    assert EVIL not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "<b>troops</b>" not in page and "&lt;b&gt;troops&lt;/b&gt;" in page
    assert "&lt;Agency &amp; Co&gt;" in page and "<Agency" not in page
    assert "Wire &lt;i&gt;" in page
    # The only scripts are the report's own inline one.
    assert page.count("<script") == 1


def test_html_report_marks_every_claim_and_links_it() -> None:
    ledger = build_ledger()
    page = render_report(ledger)
    for x in [*ledger.quotes, *ledger.quantities, *ledger.events]:
        ident = f"c-{item_id(x)}"
        assert re.search(rf'<mark id="{re.escape(ident)}"', page), ident
    for g in ledger.groups:
        for m in g.members:
            assert f'href="#c-{m}"' in page
    assert page.count('<mark id="c-') == len(ledger.quotes) + len(ledger.quantities) + len(ledger.events)
    assert page.count("<mark ") == page.count("</mark>")


def test_html_report_is_self_contained_with_timeline() -> None:
    page = render_report(build_ledger())
    assert "<svg" in page and "Timeline" in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
    assert "<link" not in page


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("a <b> c", [(2, 5, "x", "figure")], 'a <mark id="x" class="figure">&lt;b&gt;</mark> c'),
        ("abcdef", [(0, 6, "q", "quote"), (2, 4, "n", "figure")],
         '<mark id="q" class="quote">ab<mark id="n" class="figure">cd</mark>ef</mark>'),
        # Crossing spans: the inner one closes at the outer one's end and goes on after it (well formed).
        ("abcdef", [(0, 4, "q", "quote"), (2, 6, "n", "figure")],
         '<mark id="q" class="quote">ab<mark id="n" class="figure">cd</mark></mark><mark class="figure">ef</mark>'),
    ],
)
def test_html_report_highlight(text: str, spans: list[tuple[int, int, str, str]], expected: str) -> None:
    assert highlight(text, spans) == expected


def test_html_report_writes_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    write_report(build_ledger(), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_html_report_marks_estimated_dates() -> None:
    import dataclasses

    ledger = build_ledger()
    ledger.events = [dataclasses.replace(ledger.events[0], estimated=True), ledger.events[1]]
    page = render_report(ledger)
    assert "≈ 2030-03-01 – 2030-05-31" in page
    assert "≈ accord signed" in page  # the timeline's bar label
    assert "≈ 2030-09-01" not in page
