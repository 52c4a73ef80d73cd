"""Claim records and the one rule for links that come from articles (``safe_url``)."""

from __future__ import annotations

import pytest

from newsledger.model import Document, Event, Group, Ledger, Metadata, Quantity, Quote, item_id
from newsledger.web.claims import LedgerIndex, WebLinks, claim_record, details, group_sources, outlet_label, safe_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/news/1", "https://example.org/news/1"),
        ("http://example.org/a?b=1#c", "http://example.org/a?b=1#c"),
        ('https://example.org/"><script>', 'https://example.org/"><script>'),  # linked, but escaped by the page
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html;base64,PHNjcmlwdD4=", None),
        ("vbscript:msgbox(1)", None),
        ("//example.org/x", None),
        ("/relative/path", None),
        ("https://", None),
        ("https://exa mple.org/", None),
        ("https://example.org/\x00", None),
        ("http:\\\\example.org", None),
        ("ftp://example.org/file", None),
        ("", None),
        (None, None),
    ],
)
def test_claims_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def _ledger() -> Ledger:
    text = "Port Alden – Some 300 workers went home, the port said. “We are safe,” said Mara Lind."
    doc = Document("d1", "feeds/1.txt", text, Metadata(title="Quay fire", outlet="Coastline Courier"),
                   sentences=((0, 55), (56, len(text))), paragraphs=((0, len(text)),))
    other = Document("d2", "feeds/2.txt", "About 320 workers went home.", Metadata(),
                     sentences=((0, 28),), paragraphs=((0, 28),))
    n1 = Quantity("d1", 14, 30, "Some 300 workers", 300, 270, 330, "approximate", "workers sent home",
                  source="the port", hedged=False)
    n2 = Quantity("d2", 0, 17, "About 320 workers", 320, 288, 352, "approximate", "workers sent home")
    q = Quote("d1", 57, 69, "We are safe,", True, speaker="Mara Lind", cue="said", speaker_entity="e-mara-lind-person")
    e = Event("d1", 31, 39, "went hom", "go home", "", None, None)
    g = Group("g-1", "workers sent home", (item_id(n1), item_id(n2)), "compatible", "overlap", 1, ("the port",), 1)
    from newsledger.model import Entity

    ents = [Entity("e-mara-lind-person", "Mara Lind", "PERSON", ("Mara Lind",), ())]
    return Ledger(documents=[doc, other], quotes=[q], quantities=[n1, n2], events=[e], entities=ents, groups=[g])


def test_claims_claim_record_and_details() -> None:
    ledger = _ledger()
    index = LedgerIndex(ledger)
    links = WebLinks()
    fig = claim_record(index, ledger.quantities[0], links)
    assert fig["interval"] == "270–330" and fig["qualifier"] == "approximate" and fig["source"] == "the port"
    assert fig["status"] == "compatible" and fig["sentence"] == 0 and fig["paragraph"] == 1
    assert fig["link"] == "/articles/d1?claim=n-d1-14-30#c-n-d1-14-30"
    assert dict(details(fig)) == {"Figure": "workers sent home", "Interval": "270–330", "Qualifier": "approximate",
                                  "Source": "the port", "Hedged": "no", "Group": "workers sent home (compatible)"}
    quote = claim_record(index, ledger.quotes[0], links)
    assert quote["who_link"] == "/entities/e-mara-lind-person" and quote["sentence"] == 1
    assert ("Speaker", "Mara Lind") in details(quote)
    assert ("Group", "none: no other article makes this claim") in details(quote)
    event = claim_record(index, ledger.events[0], links)
    assert ("When", "undated") in details(event)


def test_claims_outlet_label_and_sources() -> None:
    ledger = _ledger()
    assert outlet_label(ledger.documents[0]) == "Coastline Courier"
    assert outlet_label(ledger.documents[1]) == "2.txt"  # never "outlet not named" alone: the file says which
    [source] = group_sources(ledger.groups[0], LedgerIndex(ledger), WebLinks())
    assert source == {"source": "the port", "outlets": ["Coastline Courier"], "claims": 1, "link": None}
