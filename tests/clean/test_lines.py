"""The one pass over a page's lines: each line's role, with exact spans, values and reasons."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from newsledger.clean.lines import BOILERPLATE_ROLES, ROLES, Line, classify_lines

SRC = Path(__file__).resolve().parents[2] / "src" / "newsledger"
STORY = "A fire tore through a warehouse on the quay overnight, forcing hundreds of residents from their homes, officials said."
MORE = "Crews from three towns fought the blaze until dawn, and some 300 workers were sent home on Friday."


def _roles(text: str) -> list[tuple[str, str, str, str | None]]:
    out = []
    for ln in classify_lines(text):
        assert ln.role in ROLES and 0 <= ln.start < ln.end <= len(text)
        out.append((text[ln.start : ln.end], ln.role, ln.reason, ln.value))
    return out


def test_classify_full_page_header_and_footer() -> None:
    text = (
        "Harbour Herald\n"
        "Home | News | Business | Sport\n"
        "Listen to this article 0:00 / 3:12\n"
        "Fire guts warehouse on the quay\n"
        "Published: 09:12 BST, 3 June 2023 | Updated: 11:40 BST, 3 June 2023\n"
        "By Jane Doe and Tom Bell\n"
        f"{STORY}\n"
        "Sign up for our morning newsletter\n"
        f"{MORE}\n"
        "Facebook Twitter LinkedIn Email\n"
        "Jane Doe is the transport correspondent at the Harbour Herald\n"
        "12 Harbour Road, Suite 4\n"
        "Eastvale, NS 04512\n"
        "English | Español | Français\n"
    )
    assert _roles(text) == [
        ("Harbour Herald", "junk", "masthead", "Harbour Herald"),
        ("Home | News | Business | Sport", "junk", "navigation", None),
        ("Listen to this article 0:00 / 3:12", "junk", "player", None),
        ("Fire guts warehouse on the quay", "headline", "headline", None),
        ("Published: 09:12 BST, 3 June 2023", "date line", "date line", "2023-06-03T09:12:00+01:00"),
        ("Updated: 11:40 BST, 3 June 2023", "date line", "update line", "2023-06-03T11:40:00+01:00"),
        ("By Jane Doe and Tom Bell", "byline", "byline", "Jane Doe and Tom Bell"),
        (STORY, "body", "text", None),
        ("Sign up for our morning newsletter", "junk", "newsletter", None),
        (MORE, "body", "text", None),
        ("Facebook Twitter LinkedIn Email", "junk", "share", None),
        ("Jane Doe is the transport correspondent at the Harbour Herald", "byline", "author box", "Jane Doe"),
        ("12 Harbour Road, Suite 4", "junk", "address", None),
        ("Eastvale, NS 04512", "junk", "address", None),
        ("English | Español | Français", "junk", "language", None),
    ]


def test_date_run_into_first_paragraph_is_a_part_of_its_line() -> None:
    text = f" date 2023-05-17 {STORY}\n{MORE}\n"
    assert classify_lines(text)[:2] == (
        Line(1, 16, "date line", "date line", "2023-05-17"),
        Line(17, 17 + len(STORY), "body", "text"),
    )


def test_date_run_into_heading_is_never_the_title() -> None:
    text = f"date 2023-05-17 Key points\n{STORY}\n"
    assert _roles(text)[:2] == [
        ("date 2023-05-17", "date line", "date line", "2023-05-17"),
        ("Key points", "body", "text", None),
    ]
    assert not any(ln.role == "headline" for ln in classify_lines(text))


def test_date_run_into_a_paragraph_with_a_dateline() -> None:
    text = f" date 2023-05-17 EASTVALE — {STORY}\n"
    assert _roles(text) == [
        ("date 2023-05-17", "date line", "date line", "2023-05-17"),
        ("EASTVALE", "dateline", "dateline", "EASTVALE"),
        (STORY, "body", "text", None),
    ]


def test_date_run_into_a_headline() -> None:
    text = f"date 2023-05-17 Fire guts warehouse on the quay\n{STORY}\n"
    assert _roles(text)[:2] == [
        ("date 2023-05-17", "date line", "date line", "2023-05-17"),
        ("Fire guts warehouse on the quay", "headline", "headline", None),
    ]


def test_wire_dateline_gives_place_and_day() -> None:
    text = f"LONDON, June 3 (Wire) - {STORY}\n{MORE}\n"
    assert _roles(text)[:3] == [
        ("LONDON", "dateline", "dateline", "LONDON"),
        ("June 3", "date line", "wire date", None),  # no year on the line: never guessed
        (STORY, "body", "text", None),
    ]
    text = f"June 3, 2023 (Wire) - {STORY}\n"
    assert _roles(text)[0] == ("June 3, 2023", "date line", "wire date", "2023-06-03")


@pytest.mark.parametrize(
    ("first", "place"),
    [
        ("Eastvale – ", "Eastvale"),
        ("NORTH EASTVALE (Wire) — ", "NORTH EASTVALE"),
        ("EASTVALE: ", "EASTVALE"),
    ],
)
def test_dateline_forms(first: str, place: str) -> None:
    text = f"{first}{STORY}\n"
    head = classify_lines(text)[0]
    assert (text[head.start : head.end], head.role, head.value) == (place, "dateline", place)


def test_update_word_is_no_dateline() -> None:
    text = f"UPDATE: {STORY}\n"
    assert [ln.role for ln in classify_lines(text)] == ["body"]


def test_posted_on_by_line_is_date_and_byline() -> None:
    text = f"Posted on June 3, 2023 by Jane Doe\n{STORY}\n"
    assert _roles(text)[:2] == [
        ("Posted on June 3, 2023", "date line", "date line", "2023-06-03"),
        ("by Jane Doe", "byline", "byline", "Jane Doe"),
    ]


def test_byline_and_date_on_one_line_with_reading_time() -> None:
    text = f"Fire guts warehouse on the quay\nBy Jane Doe • 3 Jun 2023 14:05 • 4 min read\n{STORY}\n"
    assert _roles(text)[:4] == [
        ("Fire guts warehouse on the quay", "headline", "headline", None),
        ("By Jane Doe", "byline", "byline", "Jane Doe"),
        ("3 Jun 2023 14:05", "date line", "date line", "2023-06-03T14:05:00"),
        ("4 min read", "junk", "reading time", None),
    ]


def test_body_sentence_opening_with_a_date_is_no_date_line() -> None:
    text = "Crews battle blaze\nJune 3, 2023 was the hottest day on record, and the fire spread fast, officials said.\n"
    assert [r[1] for r in _roles(text)] == ["headline", "body"]


def test_bare_date_inside_the_story_is_no_date_line() -> None:
    # a live report's time heading between paragraphs: not the page's date
    text = f"{STORY}\n{MORE}\n4 June 2023\n{STORY}\n{MORE}\n"
    assert [r[1] for r in _roles(text)] == ["body"] * 5
    labelled = f"{STORY}\n{MORE}\nUpdated: 4 June 2023\n{STORY}\n{MORE}\n"
    assert _roles(labelled)[2] == ("Updated: 4 June 2023", "date line", "update line", "2023-06-04")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"{STORY}\n{MORE}\n", None),  # the page opens with the story: no headline
        (f"By Jane Doe\n3 June 2023\n{STORY}\n", None),  # a byline and a date are never the title
        (f"Postal Address\n304 Quay St.\nEastvale, NS 04512\nFire Guts Warehouse On The Quay\n{STORY}\n",
         "Fire Guts Warehouse On The Quay"),
        (f"Mailing Address\n14 Quay Street\nEastvale, Nova Scotia\n\nFire, smoke hit the quay\n{STORY}\n",
         "Fire, smoke hit the quay"),
        (f"The Eastvale Star\nFire guts warehouse as smoke forces evacuations\n{STORY}\n",
         "Fire guts warehouse as smoke forces evacuations"),
        (f"Skip to main content\nHome > News > Harbour\nFire guts warehouse on the quay\n{STORY}\n",
         "Fire guts warehouse on the quay"),
        (f"News\nFire guts warehouse as smoke forces evacuations\n{STORY}\n",
         "Fire guts warehouse as smoke forces evacuations"),
        (f"Death Toll Tops 1,600\n{STORY}\n", "Death Toll Tops 1,600"),
        (f"Share this article\n{STORY}\n", None),
    ],
)
def test_headline(text: str, title: str | None) -> None:
    found = [text[ln.start : ln.end] for ln in classify_lines(text) if ln.role == "headline"]
    assert found == ([title] if title else [])


def test_author_box_place() -> None:
    # under the standfirst, a box without a final period is the author's
    text = (
        "Shed fire kills one dock worker\n"
        "The blaze started in a storage shed shortly before midnight and burned for six hours before crews put it out\n"
        "Jane Doe is the transport correspondent at the Harbour Herald\n"
        f"{STORY}\n{MORE}\n"
    )
    assert _roles(text)[2] == ("Jane Doe is the transport correspondent at the Harbour Herald", "byline",
                               "author box", "Jane Doe")
    # inside the story, a sentence about a reporter is the story's
    text = f"{STORY}\n{MORE}\nJane Doe is a reporter for the Harbour Herald.\n{STORY}\n{MORE}\n"
    assert [r[1] for r in _roles(text)] == ["body"] * 5


def test_one_line_statement_inside_the_story_stays() -> None:
    text = f"{STORY}\nThe port promised to respond.\nAirports closed\n{MORE}\n"
    assert [r[1] for r in _roles(text)] == ["body"] * 4


def test_tags_and_masthead_in_margins_only() -> None:
    text = f"Markets\n{STORY}\nWeather\n{MORE}\nWar\n"
    assert _roles(text) == [
        ("Markets", "junk", "section tag", None),
        (STORY, "body", "text", None),
        ("Weather", "body", "text", None),  # a heading inside the story
        (MORE, "body", "text", None),
        ("War", "junk", "section tag", None),
    ]


def test_embedded_post_in_another_script() -> None:
    text = f"{STORY}\n{MORE}\nحريق كبير في الميناء الليلة\n"
    assert _roles(text)[2] == ("حريق كبير في الميناء الليلة", "junk", "other script", None)
    # a page written in that script is not an embed everywhere
    page = "حريق كبير في الميناء الليلة\nحريق كبير في الميناء الليلة مرة أخرى\n"
    assert [r[1] for r in _roles(page)] == ["headline", "body"]


def test_embed_text_above_its_signature() -> None:
    text = (
        f"{STORY}\n"
        "Crews remain at the quay tonight. Residents should keep windows closed.\n"
        "pic.twitter.com/Qe7vLd2Xk9\n"
        "— Harbour Fire Service (@harbourfire) March 11, 2025\n"
        f"{MORE}\n"
    )
    assert [r[2] for r in _roles(text)] == ["text", "social embed", "social_embed", "social_embed", "text"]


def test_captions_in_the_story() -> None:
    text = (
        f"{STORY}\n"
        "Image released by the fire service of crews at the quay on 3 June\n"
        "Jane Doe / Harbour Wire Firefighters work at the burned shed on Friday in Eastvale.\n"
        "Jane Doe / Harbour Wire Firefighters said “it was like a furnace” on Friday in Eastvale.\n"
        f"{MORE}\n"
    )
    assert [(r[1], r[2]) for r in _roles(text)] == [
        ("body", "text"), ("junk", "caption"), ("credit", "caption"), ("body", "text"), ("body", "text"),
    ]


def test_trending_list_items() -> None:
    text = f"{STORY}\nTrending Now\nFerry operator names new chief\nCouncil says “no more delays”\n{MORE}\n"
    assert [r[2] for r in _roles(text)] == ["text", "trending", "trending", "text", "text"]


def test_roles_are_cached_per_text() -> None:
    text = f"Fire at the quay today\n{STORY}\n"
    assert classify_lines(text) is classify_lines(text)
    assert set(ROLES) >= BOILERPLATE_ROLES


def test_clean_never_imports_ingest() -> None:
    """The flow is one way: ingest reads clean's line roles; clean reads nothing of ingest."""
    for path in (SRC / "clean").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert "ingest" not in (node.module or ""), path.name


def test_empty_byline_with_date_and_section() -> None:
    text = f"The contract is voted down\nby | Nov 26, 2014 | Updates\n{STORY}\n"
    assert _roles(text)[1:4] == [
        ("by", "junk", "byline", None),
        ("Nov 26, 2014", "date line", "date line", "2014-11-26"),
        ("Updates", "junk", "section tag", None),
    ]


def test_date_with_section_and_slug() -> None:
    text = f"February 23, 2011 in Nation/World\nQuay fire toll rises\nharbour Updated: Feb 24, 2011 09:37 GMT\n{STORY}\n"
    assert _roles(text)[:3] == [
        ("February 23, 2011 in Nation/World", "date line", "date line", "2011-02-23"),
        ("Quay fire toll rises", "headline", "headline", None),
        ("harbour Updated: Feb 24, 2011 09:37 GMT", "date line", "update line", "2011-02-24T09:37:00+00:00"),
    ]


def test_day_without_year_is_a_date_line_never_the_title() -> None:
    text = f"Tuesday, May 15\nQuay shed sold to a rival\n{STORY}\n"
    assert _roles(text)[:2] == [
        ("Tuesday, May 15", "date line", "yearless date", None),
        ("Quay shed sold to a rival", "headline", "headline", None),
    ]


def test_place_and_day_line_is_furniture() -> None:
    from newsledger.pipeline import prepare_text

    text = f"Eastvale, October 9\n{STORY}\n"
    assert _roles(text)[:2] == [("Eastvale", "dateline", "dateline", "Eastvale"),
                                ("October 9", "date line", "yearless date", None)]
    assert [(b.start, b.end) for b in prepare_text(text).boilerplate] == [(0, 19)]


def test_date_run_into_a_sign_up_box() -> None:
    text = (" date 2023-06-16 Get the free Morning email for news from our reporters Sign up to our free Morning "
            f"email Please enter a valid email address Read our privacy notice Thanks for signing up to the\n{STORY}\n")
    assert [(r[1], r[2]) for r in _roles(text)] == [("date line", "date line"), ("junk", "newsletter"), ("body", "text")]


def test_dash_byline_under_headline() -> None:
    text = f"Herald Journal Sentinel\nFire evacuations lifted in the valley\n- Jane R. Doe\nEASTVALE – {STORY}\n"
    assert _roles(text)[:4] == [
        ("Herald Journal Sentinel", "junk", "masthead", "Herald Journal Sentinel"),
        ("Fire evacuations lifted in the valley", "headline", "headline", None),
        ("- Jane R. Doe", "byline", "byline", "Jane R. Doe"),
        ("EASTVALE", "dateline", "dateline", "EASTVALE"),
    ]


def test_caption_shown_twice() -> None:
    text = (f"{STORY}\nRescuers search the burned shed after the fire.\n"
            f"Rescuers search the burned shed after the fire. (Jane Doe/Wire)\n{MORE}\n")
    assert [(r[1], r[2]) for r in _roles(text)] == [("body", "text"), ("credit", "caption"), ("credit", "caption"),
                                                   ("body", "text")]


def test_title_bar_then_headline() -> None:
    text = f"Quay shed fire spreads | Harbour | Eastvale Star\nQuay shed fire spreads\n{STORY}\n"
    assert _roles(text)[:2] == [("Quay shed fire spreads | Harbour | Eastvale Star", "junk", "page title", None),
                                ("Quay shed fire spreads", "headline", "headline", None)]
    # a title bar with a figure stays text (its words are the headline's)
    text = f"Fire kills 5 at the quay | Harbour | Eastvale Star\nFire kills 5 at the quay\n{STORY}\n"
    assert [r[1] for r in _roles(text)[:2]] == ["body", "headline"]


def test_breadcrumbs_are_never_the_title() -> None:
    text = f"Society ❯ Labour ❯ Unions\nHome>Topics>Strike Vote\nDock workers vote to strike\n{STORY}\n"
    assert [(r[1], r[2]) for r in _roles(text)[:3]] == [
        ("junk", "navigation"), ("junk", "navigation"), ("headline", "headline"),
    ]


@pytest.mark.parametrize(
    ("first", "place"),
    [
        ("EASTVALE :", "EASTVALE"),  # a space before the colon, none after
        ("EASTVALE (Wire) -", "EASTVALE"),  # none after the dash
    ],
)
def test_dateline_spacing(first: str, place: str) -> None:
    text = f"{first}{STORY}\n"
    head = classify_lines(text)[0]
    assert (text[head.start : head.end], head.role) == (place, "dateline")


def test_hyphenated_word_is_no_dateline() -> None:
    text = "Anglo-American crews fought the blaze until dawn on the quay, and some 300 workers were sent home.\n"
    assert [ln.role for ln in classify_lines(text)] == ["body"]


def test_cut_last_line_opening_a_quote_is_no_tag() -> None:
    text = f"{STORY}\n{MORE}\n“We are\n"
    assert [r[1] for r in _roles(text)] == ["body", "body", "body"]


def test_name_beside_the_date_line_is_the_byline() -> None:
    text = f"Why are harbours cutting fees?\nJane R. Doe\n4 min readJun 7, 2024\n{STORY}\n"
    assert _roles(text)[:4] == [
        ("Why are harbours cutting fees?", "headline", "headline", None),
        ("Jane R. Doe", "byline", "byline", "Jane R. Doe"),
        ("4 min read", "junk", "reading time", None),
        ("Jun 7, 2024", "date line", "date line", "2024-06-07"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        f"Harbour Fire Spreads\nJune 3, 2023\n{STORY}\n",  # a short headline above the date
        f"Fire at the quay tonight\nWorld News\nJune 3, 2023\n{STORY}\n",  # an outlet's name
        f"Fire at the quay tonight\nJane Doe\n{STORY}\n",  # no date beside it
    ],
)
def test_capitalised_line_without_date_beside_it_is_no_byline(text: str) -> None:
    assert not any(ln.role == "byline" for ln in classify_lines(text))


def test_dateline_pattern_examples() -> None:
    from newsledger.lexicons import table

    for _kind, _rx, example in table("dateline_patterns.tsv"):
        head = classify_lines(f"{example} {MORE}\n")[0]
        assert head.role in ("dateline", "date line"), example
