"""Boilerplate: furniture lines flagged as whole-line spans; story sentences, quotes and figures never flagged."""

from __future__ import annotations

import json

import pytest

from newsledger.pipeline import prepare_text

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


@pytest.mark.parametrize("bundle", ["kursk", "boeing-strike-2024", "iran-missile-attack-2024", "myanmar-earthquake-2025"])
def test_real_bundles_boilerplate_recall_and_no_damage(bundle: str) -> None:
    from tests.conftest import SHARED, read_article, require_shared

    folder = require_shared(SHARED / "examples" / bundle)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    for meta in gold["documents"].values():
        text = read_article(folder / meta["file"])
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


STORY = "A fire tore through a warehouse on the quay overnight, forcing hundreds of residents from their homes, officials said."


def test_lines_with_story_words_stay_whole() -> None:
    text = (
        f" date 2023-05-17 {STORY}\n"  # the date run into the paragraph: the line is the story's
        "Jane Doe / Harbour Wire Firefighters said “it was like a furnace” on Friday in Eastvale.\n"
        "Picture released by the port of 40 crews at the quay on 3 March\n"
        "Picture released by the port of crews at the quay on 3 March\n"
        "EASTVALE: Crews from three towns fought the blaze until dawn, and some 300 workers were sent home.\n"
        "Listen to this article 0:00 / 3:12\n"
    )
    doc = prepare_text(text)
    assert [(doc.text[b.start : b.end], b.reason) for b in doc.boilerplate] == [
        ("Picture released by the port of crews at the quay on 3 March", "caption"),
        ("Listen to this article 0:00 / 3:12", "player"),
    ]
    for words in ("it was like a furnace", "40 crews", "some 300 workers", "2023-05-17"):
        i = text.index(words)
        assert not doc.is_boilerplate(i, i + len(words)), words
    assert doc.meta.published == "2023-05-17"


def test_boilerplate_reads_the_same_pass_as_metadata() -> None:
    from newsledger.clean.lines import classify_lines

    text = f"Fire guts warehouse on the quay\nBy Jane Doe\n3 June 2023\n{STORY}\nShare this article\n"
    classify_lines.cache_clear()
    doc = prepare_text(text)
    info = classify_lines.cache_info()
    assert (info.misses, info.hits) == (1, 1)  # one pass: metadata made it, boilerplate read it
    parts = classify_lines(text)
    assert [(b.start, b.end) for b in doc.boilerplate] == [
        (p.start, p.end) for p in parts if p.role in ("byline", "date line", "junk", "credit")
    ]
    assert doc.meta.author_span is not None and doc.meta.published_span is not None
    assert (doc.meta.author_span.start, doc.meta.published_span.start) == (parts[1].start, parts[2].start)
