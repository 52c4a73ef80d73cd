"""Page furniture by a line's own words; lines that hold a quotation or a figure stay story text."""

from __future__ import annotations

import pytest

from newsledger.clean.junk import (
    JunkMatch,
    has_figure,
    has_quotation,
    is_masthead,
    is_other_script,
    junk_line_reason,
    junk_rules,
    latin_share,
    match_junk,
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Trending Now", "trending"),
        ("TRENDING NOW", "trending"),
        ("Recent Comments:", "comments"),
        ("Photo: Facebook", "photo"),
        ("Photo credit: www.example.com", "photo"),
        ("(Photo: Harbour Wire via Picture Desk)", "photo"),
        ("Photo by Jane Roe/Harbour Wire", "photo"),
        ("Read the original article on Harbour Herald", "credit"),
        ("Share this article", "share"),
        ("Follow us on Telegram", "follow"),
        ("Source", "source"),
        ("www.example.com", "link"),
        ("— Harbour Watch (@harbourwatch) March 3, 2025", "social_embed"),
        ("The smoke is visible from the bay pic.twitter.com/AbC123", "social_embed"),
        ("View this post on Instagram", "social_embed"),
        ("Share on Facebook | Share on X | Email", "share"),
        ("Facebook Twitter LinkedIn Email", "share"),
        ("Share: X WhatsApp Copy link", "share"),
        ("Share Post Email Comments (31)", "share"),  # buttons with their counts
        ("Share 2.4K   Tweet   Email 17", "share"),
        ("Comments have been closed for this story.", "comments"),
        ("Story continues", "advert"),
        ("Listen again: the morning programme on 93.7 FM", "player"),
        ("Listen live | Share this story", "follow"),
        ("(Reporting by Jane Roe; Editing by Tom Bell)", "credit"),
        ("No comments yet. Be the first to comment.", "comments"),
        ("eastvalegazette.example", "link"),
        # newsletter and paywall prompts
        ("Sign up for our morning newsletter", "newsletter"),
        ("Get the latest harbour news delivered to your inbox", "newsletter"),
        ("Enter your email address", "newsletter"),
        ("By signing up, you agree to our Terms of Use and Privacy Policy.", "newsletter"),
        ("Already a subscriber? Log in", "paywall"),
        ("You have reached your limit of free articles this month.", "paywall"),
        ("This article is only available to subscribers.", "paywall"),
        ("Support independent journalism in Eastvale today.", "paywall"),
        # section lines, related links, editor's notes
        ("Published in Harbour News", "section"),
        ("Filed under: Harbour, Weather", "tags"),
        ("RELATED: Dock workers vote to walk out over pay", "related"),
        ("READ MORE: Quay fire: what we know so far", "related"),
        ("This story has been updated with comment from the port.", "editor's note"),
        ("Editor's note: An earlier version gave the wrong street name.", "editor's note"),
        ("This is a developing story and will be updated.", "editor's note"),
        # language and country selectors
        ("en_GBEnglish", "language"),
        ("English | Español | Français", "language"),
        ("EN | FR | DE", "language"),
        ("Select language", "language"),
        ("International Edition", "language"),
        # audio-player controls and reading time
        ("Listen to this article 0:00 / 3:12", "player"),
        ("Listen to this article", "player"),
        ("0:00 / 3:12", "player"),
        ("Listen · 4 min", "player"),
        ("1x 1.25x 1.5x 2x", "player"),
        ("4 min read", "reading time"),
        # navigation
        ("Skip to main content", "navigation"),
        ("Home > World > Harbour", "navigation"),
        # captions with a credit, fused or apart, and without one
        ("Jane Roe / Harbour Wire / Harbour Wire Crews carry hoses past the burned shed on Tuesday in Eastvale.", "caption"),
        ("Crews carry hoses past the burned shed on Tuesday in Eastvale. Jane Roe/Harbour Wire", "caption"),
        ("Crews carry hoses past the burned shed on Tuesday. WIRE/Jane Roe", "caption"),
        ("Crews carry hoses past the burned shed on Tuesday. (WIRE Photo/Jane Roe)", "caption"),
        ("Photo: Jane Roe/Harbour Wire Crews carry hoses past the burned shed on Tuesday.", "caption"),
        ("Crews carry hoses past the burned shed on Tuesday (Photo: Harbour Watch)", "caption"),
        ("Picture shared by the port of crews at the quay on 3 March", "caption"),
        ("A handout photo released by the port of the burned shed", "caption"),
        ("FILE PHOTO: Crews work at the quay on March 3, 2025.", "caption"),
        ("Rescuers search the burned shed after the fire. Harbour Wire hide caption", "caption"),
        ("Rescuers look for survivors in the rubble on Monday. Photo by Jane Doe/Wire", "caption"),
        ("Orders were lifted in the county on Saturday. Photo courtesy Eastvale Fire/Facebook |", "caption"),
        ("The post drew hundreds of replies. (Facebook/@harbourpolice)", "caption"),
        ("toggle caption", "player"),
        ("Elaine Doe/Wire", "photo"),
        ("Eastvale Police Department via AP", "photo"),
        ("Harbour Wire photo", "photo"),
        ("(Full-size photo)(All photos)", "photo"),
        # more page furniture
        ("• Download", "player"),
        ("0:00 0:00", "player"),
        ("Play Live Radio", "player"),
        ('• <iframe src="https://example.org/player/1" width="100%">', "markup"),
        ("Type to search", "navigation"),
        ("|", "navigation"),
        ("You Might also Like", "trending"),
        ("Your email address will not be published. Required fields are marked *", "comments"),
        ("comments powered by Disqus", "comments"),
        ("Post a Comment", "comments"),
        ("The Harbour Wire contributed to this report.", "credit"),
        ("Some information for this report was provided by two wire services.", "credit"),
        ("Read at www.example.co.uk", "credit"),
        ("Transcript provided by Radio Eastvale, Copyright Radio Eastvale.", "credit"),
        ("Website: http://www.example.com", "link"),
        ("Tag Archives: harbour", "tags"),
        ("NEWSLETTER", "newsletter"),
        ("Join the Harbour.org mailing list |", "newsletter"),
        ("Select city", "language"),
        ("• facebook", "share"),
        (
            "Get the free Morning email for news from our reporters Sign up to our free Morning email "
            "Please enter a valid email address SIGN UP Read our privacy notice Thanks for signing up to the",
            "newsletter",
        ),
    ],
)
def test_junk_line_reason(line: str, reason: str) -> None:
    assert junk_line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Fire crews | Harbour | Weather",  # short links: furniture only by place (see test_lines)
        "PHOTOS: Crews Battle Harbour Blaze Through the Night as Residents Flee",
        "Some 300 workers were evacuated from the docks.",
        "Sources said the fire started in a storage room.",
        "Photos posted by the fire brigade show a blackened roof and two burned vans.",
        "Published in 1998, the harbour plan was never carried out.",
        "Listen to the workers and you hear the same complaint, the union said.",
        "Sign",
        "Listen live to the debate on Tuesday, the mayor urged residents.",
        "Comments from residents were collected until Friday, the council said.",
        "English officials inspected the quay on Tuesday and found no fault.",
        "This story began, like many on the quay, with a warning that nobody heeded.",
        "Home owners near the quay were told to keep their windows shut.",
        # a caption-like line that quotes somebody, or gives a figure, stays story text
        "Jane Roe / Harbour Wire Crews said “we could not get near it” on Tuesday in Eastvale.",
        "Picture shared by the port of 40 crews at the quay on 3 March",
        "Crews carry 12 hoses past the burned shed on Tuesday in Eastvale. Jane Roe/Harbour Wire",
        "The mayor said the update to the plan was “long overdue” and would be published soon.",
        # a sentence about a newsletter is no sign-up box
        "The union said members who subscribe to the newsletter can sign up for strike pay, officials said.",
        "Subscribe to the union's view and you see a different picture, he said.",
        "The report was updated in March to include 300 more workers.",
        "Recommended safety measures were ignored, the report found.",
        "Join us on the picket line, the union urged.",
        "Copyright law was changed in 2019, the minister said.",
        "To continue reading the ballots, officials needed more staff.",
        "Courtesy calls to the families went on all week, the port said.",
        "Aid Arrives via Sea",
        "Harbour/Quay Fire Latest",
        "Searchlight teams went in.",
    ],
)
def test_junk_line_reason_negatives(line: str) -> None:
    assert junk_line_reason(line) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Postal Address", "address"),
        ("12 Harbour Road, Suite 4", "address"),
        ("304 Quay St.", "address"),
        ("Eastvale, NS 04512", "address"),
        ("Harbour Road, Eastvale EV1 2AB", "address"),
        ("P.O. Box 4471, Eastvale", "address"),
        ("Tel: +1 (555) 010-0199", "address"),
        ("• 555-010-0199 | news@example.org | Text line: 555-010-0100", "address"),
    ],
)
def test_addresses_count_only_outside_the_story(line: str, reason: str) -> None:
    m = match_junk(line)
    assert m is not None and (m.reason, m.margin) == (reason, True)
    assert junk_line_reason(line) is None  # inside the story a street may be the story's


def test_a_street_in_a_sentence_is_no_address() -> None:
    assert match_junk("300 workers marched down Harbour Road") is None


def test_credit_outlet_named() -> None:
    assert match_junk("Read the original article on Harbour Herald") == JunkMatch(
        "credit", "credit", False, "Harbour Herald"
    )
    assert match_junk("Source: Harbour Herald") == JunkMatch("source", "credit", False, "Harbour Herald")
    assert match_junk("Source") == JunkMatch("source", "credit", False, None)


def test_every_data_row_example_matches_its_row() -> None:
    for rule in junk_rules():
        assert rule.pattern.fullmatch(rule.example), (rule.reason, rule.example)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("He said “we stayed until dawn” before leaving.", True),
        ('"We stayed," he said.', True),
        ("Locals call it ‘the old furnace shed’ now.", True),
        ("The workers’ canteen is closed.", False),
        ('The crane drivers worked double shifts all week,"', False),  # a closing mark alone
        ("Nobody said anything.", False),
    ],
)
def test_has_quotation(line: str, expected: bool) -> None:
    assert has_quotation(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Rescuers carry one of 40 survivors on 3 March 2025", True),
        ("Turnout rose to 71.3%", True),
        ("Rescuers at the quay on 3 March 2025", False),
        ("Crews at 9:40 p.m. on June 3 in 2024", False),
        ("Crews at the quay", False),
    ],
)
def test_has_figure(line: str, expected: bool) -> None:
    assert has_figure(line) is expected


def test_masthead_and_scripts() -> None:
    assert is_masthead("Radio Norde News") and is_masthead("Tin & Timber Review")
    assert not is_masthead("Fire in the docks") and not is_masthead("Harbour fire latest news.")
    assert is_other_script("Пожар в порту уничтожил склад")
    assert is_other_script("حريق في الميناء")
    assert not is_other_script("Fire at the port of Đà Nẵng")
    assert not is_other_script("Crews said “Пожар” twice on the radio before the fire spread.")
    assert latin_share("") == 1.0 and latin_share("ab Пж") == 0.5
