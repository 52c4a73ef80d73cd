"""Who gives a figure (figure_source) and whether the article hedges it."""

from __future__ import annotations

import pytest

from newsledger.extract.quantities import extract_quantities, figure_source
from newsledger.model import Quantity
from newsledger.pipeline import prepare_text


def _one(text: str) -> Quantity:
    doc = prepare_text(text)
    found = extract_quantities(doc)
    assert len(found) == 1, [q.text for q in found]
    q = found[0]
    if q.source is not None:
        assert q.source_start is not None and q.source_end is not None
        assert doc.text[q.source_start:q.source_end] == q.source
    return q


# (text, source or None, hedged)
SOURCES = [
    ("The Vessan fisheries board estimates that roughly 6,200 boats have been laid up.",
     "Vessan fisheries board", False),
    ("According to the Brenish Red Cross, 1,200 families have been displaced.", "Brenish Red Cross", False),
    ("Up to 400 soldiers were deployed, according to the Brenish defence ministry.", "Brenish defence ministry", False),
    ("The Tessel rail company has confirmed that dozens of its carriages were repainted in Varno.",
     "Tessel rail company", False),
    ("Mayor Ilse Brandt confirmed that 17 people had died.", "Ilse Brandt", False),
    # a body named before a report noun wrote it
    ("According to a police statement, three people were arrested.", "police", False),
    # a document nobody is named for that finds what it reports is the source
    ("A safety review published on Friday found 22 cranes without valid checks.", "safety review", False),
    # "its" on a report noun: the body that owns something earlier in the sentence
    ("The ministry said schools were shut. Kessel Mining's profit fell to 40 million euros, according to its "
     "annual report.", "Kessel Mining", False),
    # "data" (the lemmatizer's "datum") from a body shows what the body counted
    ("Data from the port authority showed 4,100 containers were held.", "port authority", False),
    # a figure "of" on a noun that a participle credits to a body
    ("The tally of 300 arrests, released by the city police, was disputed.", "city police", False),
    ("A toll of 41, given by the coast guard on Friday, was revised.", "coast guard", False),
    # a percentage ending the reported clause is still inside it
    ("Harlow Mills said its sales fell by 8%.", "Harlow Mills", False),
    # "the operator" after another body spoke is not that body
    ("The ferry was held in port, the coast guard said. The boat had 150 passengers on board, according "
     "to the operator.", "operator", False),
    ("At least 30 people died in the fire, Chief Inspector Lena Voss told reporters.", "Lena Voss", False),
    ('Governor Piet Maas said, "We evacuated about 5,000 residents from the coast."', "Piet Maas", False),
    ("Heavy rain displaced 2,500 people, the regional emergency service said.", "regional emergency service", False),
    ("Aid groups estimate that up to 40% of the farmland is flooded.", "Aid groups", False),
    ("Analysts say 2,700 soldiers were killed.", "Analysts", False),
    ('An "informal survey" by the league found 11 people were prosecuted.', "league", False),
    ("Police found 40 bodies in the forest.", "Police", False),
    ("Thirteen passengers were taken to hospital, a spokesman for St. Anne’s said.", "spokesman for St. Anne’s", False),
    ("Figures from the Red Cross show 800 homes were destroyed.", "Red Cross", False),
    ("The agency's latest count puts the toll at 212.", "agency", False),
    ('In remarks made by Ada Brenholt, the harbour master, it was revealed that the dredging needs "dozens" of '
     "barges.", "Ada Brenholt", False),
    ("The only damage reported by the club was two windows that were slightly cracked.", "club", False),
    # a named speaker before "according to": the outlets report what the speaker said
    ("The quake killed 300 people, the ministry said, according to local media.", "ministry", False),
    # a pronoun speaker after "according to": the one named for the clause
    ("Villagers say they fled after the river rose 3 metres, according to the Lunport Herald.", "Lunport Herald",
     False),
    # a participle clause closing a report is the speaker's too; one closing the writer's sentence is nobody's
    ("Police said the bridge had been shut all morning, adding up to two hours to the school run.", "Police", False),
    ("Officials said a bus left the road near Varno, killing 12 passengers.", "Officials", False),
    ("A bus left the road near Varno on Monday, killing 12 passengers.", None, False),
    # a figure credited inside another's report: "the N admitted by X" is X's
    ("The guild said many more berths were lost than the 860 admitted by the port on Tuesday.", "port", False),
    # hedges: nobody named
    ("The ministry has reportedly bought some 7,000 tablets for schools.", None, True),
    ("The cartel has allegedly smuggled approximately 300 to 400 rare parrots across the border.", None, True),
    ("An estimated 3,500 people fled the region.", None, True),
    ("The refugees are said to number 9,000 people.", None, True),
    # a hedge in another clause does not reach the figure
    ("The toll reportedly rose overnight, and 40 people died in Varno.", None, False),
    # a verb of speech gives no figure through its object ("revenues added 4%")
    ("Total revenues added 4% in the quarter.", None, False),
    # nobody named, nothing hedged
    ("The two provinces share about 14 miles of road.", None, False),
]


@pytest.mark.parametrize(("text", "source", "hedged"), SOURCES)
def test_source_and_hedge(text: str, source: str | None, hedged: bool) -> None:
    q = _one(text)
    assert (q.source, q.hedged) == (source, hedged)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The harbour master, Lena Voss, came down to the quay. She said around 43 divers were at work.", "Lena Voss"),
        ("Governor Piet Maas said the dam had held. He said 40 officers had been hurt.", "Piet Maas"),
        ("The dam in Varno held. He said 40 officers had been hurt.", None),
        ("The ministry reported 70 deaths on Monday. Another 12 people were missing, it said.", "ministry"),
        ("Reports in the Lunport Herald offered evidence of the evacuations:\n"
         "On Monday night, three dozen injured miners were carried to the Ostia clinic.\n", "Lunport Herald"),
    ],
)
def test_source_from_an_earlier_sentence(text: str, source: str | None) -> None:
    doc = prepare_text(text)
    assert extract_quantities(doc)[-1].source == source


def test_source_of_a_part_is_the_source_of_the_whole() -> None:
    doc = prepare_text("Six miners were taken to hospital, a spokeswoman for the clinic said. "
                       "Two of them remain in a serious condition.")
    assert [(q.text, q.source) for q in extract_quantities(doc)] == [
        ("Six miners", "spokeswoman for the clinic"), ("Two of them", "spokeswoman for the clinic")]


def test_source_disclaimer_hedges_a_named_figure() -> None:
    doc = prepare_text("Rebels claimed 300 soldiers were killed. The claim could not be independently verified.")
    (q,) = extract_quantities(doc)
    assert (q.source, q.hedged) == ("Rebels", True)


def test_source_function_reads_offsets() -> None:
    text = "At least 30 people died in the fire, Chief Inspector Lena Voss told reporters."
    doc = prepare_text(text)
    start = text.index("30")
    assert figure_source(doc, start, start + 2) == ("Lena Voss", text.index("Lena"), text.index("Lena") + 9)
    assert figure_source(doc, 0, 0) is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a dateline is no speaker; the subject nearest the verb is
        ("Velby – At least 12 houses were flooded, the water board said.", "water board"),
        # a figure after the cue that closes its report
        ("Nine were taken to the clinic, the Herald said, two of them badly hurt.", "Herald"),
        # "according to X," at the head of a clause the parser hung on the name
        ("According to the coastguard, about 80 boats and 12 ferries were sent out.", "coastguard"),
        # a verb of finding with a word number
        ("Divers found the wrecks of over a dozen boats in the bay.", "Divers"),
    ],
)
def test_source_from_the_attribution_component(text: str, source: str) -> None:
    doc = prepare_text(text)
    found = extract_quantities(doc)
    assert found and all(q.source == source for q in found), [(q.text, q.source) for q in found]
