"""Boilerplate: junk lines flagged as whole-line spans; story sentences never flagged."""

from __future__ import annotations

import json

import pytest

from newsledger.clean.boilerplate import junk_line_reason
from newsledger.pipeline import prepare_text


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Trending Now", "trending"),
        ("TRENDING NOW", "trending"),
        ("Recent Comments:", "comments"),
        ("Photo: Facebook", "photo"),
        ("Photo credit: www.example.com", "photo"),
        ("Read the original article on Coastline Courier", "credit"),
        ("Share this article", "share"),
        ("Follow us on Telegram", "follow"),
        ("Source", "source"),
        ("www.example.com", "link"),
        ("— Harbour Watch (@harbourwatch) March 3, 2025", "social_embed"),
        ("The smoke is visible from the bay pic.twitter.com/AbC123", "social_embed"),
        ("Share on Facebook | Share on X | Email", "share"),
        ("Listen live | Share this story", "follow"),
        ("(Reporting by Jane Roe; Editing by Tom Bell)", "credit"),
        ("No comments yet. Be the first to comment.", "comments"),
        ("eastvalegazette.example", "link"),
        ("Fire crews | Harbour | Weather", None),
        ("PHOTOS: Crews Battle Harbour Blaze Through the Night as Residents Flee", None),
        ("Some 300 workers were evacuated from the docks.", None),
        ("Sources said the fire started in a storage room.", None),
    ],
)
def test_junk_line_reason(line: str, reason: str | None) -> None:
    assert junk_line_reason(line) == reason


PAGE = """Harbour Fire Spreads to Second Warehouse
By Jane Roe
Mar.14 - 2025 9:12 AM CET
News
Photo: Harbour Watch
Trending Now
Port Alden – A fire that broke out at a harbour warehouse late on Tuesday spread to a second building overnight, officials said.
The smoke could be seen from across the bay all morning,"
— Harbour Watch (@harbourwatch) March 3, 2025
Crews from three towns fought the blaze until dawn, and “some 300 workers” were sent home, the port said.
Conclusion
Investigators will start work once the site has cooled, the fire service said on Wednesday morning.
Recent Comments:
News
"""


def test_find_boilerplate_on_scraped_page() -> None:
    doc = prepare_text(PAGE)
    flagged = [(doc.text[b.start:b.end], b.reason) for b in doc.boilerplate]
    assert flagged == [
        ("By Jane Roe", "byline"),
        ("Mar.14 - 2025 9:12 AM CET", "date line"),
        ("News", "section tag"),
        ("Photo: Harbour Watch", "photo"),
        ("Trending Now", "trending"),
        ('The smoke could be seen from across the bay all morning,"', "social embed"),
        ("— Harbour Watch (@harbourwatch) March 3, 2025", "social_embed"),
        ("Recent Comments:", "comments"),
        ("News", "section tag"),
    ]
    # a mid-article heading and every story sentence stay
    assert not doc.is_boilerplate(PAGE.index("Conclusion"), PAGE.index("Conclusion") + 10)
    assert not doc.is_boilerplate(PAGE.index("some 300"), PAGE.index("some 300") + 8)


def test_kursk_boilerplate_recall_and_no_damage(kursk_dir) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import read_article

    gold = json.loads((kursk_dir / "gold.json").read_text(encoding="utf-8"))
    for meta in gold["documents"].values():
        text = read_article(kursk_dir / meta["file"])
        doc = prepare_text(text, source=meta["file"])
        flagged = {text[b.start:b.end] for b in doc.boilerplate}
        assert set(meta["boilerplate"]) <= flagged, meta["file"]
        key_spans = [q["content"] for q in gold["quotes"] if q["doc"] == meta["file"][:3]]
        key_spans += [n["anchor"] for n in gold["quantities"] if n["doc"] == meta["file"][:3]]
        for words in key_spans:
            i = text.index(words)
            assert not doc.is_boilerplate(i, i + len(words)), words


def test_trending_list_and_embed_with_media_line() -> None:
    text = (
        "The fire that broke out on Tuesday at the quay has left two dock workers dead, officials said on Thursday.\n"
        "Trending Now\n"
        "Ferry operator names new chief executive\n"
        "About 800 residents were moved out of the streets behind the quay on Tuesday night, the council said.\n"
        "Crews remain at the quay tonight. Residents near the harbour front should keep windows closed.\n"
        "pic.twitter.com/Qe7vLd2Xk9\n"
        "— Harbour Fire Service (@harbourfire) March 11, 2025\n"
        "Investigators will begin their work once the site has cooled down, the service said on Friday.\n"
    )
    doc = prepare_text(text)
    flagged = [doc.text[b.start:b.end] for b in doc.boilerplate]
    assert flagged == [
        "Trending Now",
        "Ferry operator names new chief executive",
        "Crews remain at the quay tonight. Residents near the harbour front should keep windows closed.",
        "pic.twitter.com/Qe7vLd2Xk9",
        "— Harbour Fire Service (@harbourfire) March 11, 2025",
    ]


def test_masthead_lines_at_top_and_bottom() -> None:
    text = (
        "Tin & Timber Review\n"
        "Markets\n"
        "Quay Fire Exposes Strains At Tilden Shipping\n"
        "By Jane Roe\n"
        "The fire that broke out on Tuesday at the quay has left two dock workers dead, officials said on Thursday.\n"
        "Investigators will begin their work once the site has cooled down, the service said on Friday.\n"
        "Radio Norde News\n"
    )
    doc = prepare_text(text)
    flagged = [(doc.text[b.start:b.end], b.reason) for b in doc.boilerplate]
    assert flagged == [("Tin & Timber Review", "masthead"), ("Markets", "section tag"), ("By Jane Roe", "byline"),
                       ("Radio Norde News", "section tag")]
    assert doc.meta.title == "Quay Fire Exposes Strains At Tilden Shipping"
    assert doc.meta.outlet == "Tin & Timber Review"
