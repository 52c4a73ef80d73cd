"""Tests for the attribution component (resolve/attribution.py and its pattern data).

Every construction row of ``data/en/patterns/attribution.jsonl`` is run on its own example;
then sentences of our own for each construction the component must read, asserting the
speaker and the exact reported words.
"""

from __future__ import annotations

import pytest

from newsledger.pipeline import prepare_text
from newsledger.resolve.attribution import Attribution, Attributor
from newsledger.resolve.cues import load_cue_patterns


def _attributions(text: str) -> list[tuple[str | None, str, str | None]]:
    doc = prepare_text(text)
    out = []
    for a in Attributor(doc).attributions:
        content = doc.text[a.content_start:a.content_end] if a.content_start is not None else None
        if a.speaker is not None:
            assert a.speaker_start is not None and a.speaker_end is not None
            assert doc.text[a.speaker_start:a.speaker_end] == a.speaker
        assert doc.text[a.cue_start:a.cue_end] == a.cue
        out.append((a.speaker, a.cue, content))
    return out


@pytest.mark.parametrize("row", load_cue_patterns(), ids=lambda r: r.id)
def test_attribution_pattern_examples(row: object) -> None:
    """Each construction finds what its row says in its own example sentence."""
    from newsledger.resolve.cues import CuePattern

    assert isinstance(row, CuePattern)
    found = _attributions(row.example)
    assert found, row.id
    speaker, cue, content = next(f for f in found if f[1].split()[0].lower() == row.expect["cue"].lower())
    if "speaker" in row.expect:
        assert speaker == row.expect["speaker"]
    if "content" in row.expect:
        assert content is not None and content.lower() == row.expect["content"].lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adverb before "that" is not reported: the report starts after "that"
        (
            "The port authority has said only that the cargo may have been damaged.",
            [("port authority", "said", "the cargo may have been damaged")],
        ),
        # "repeat" reports; a body acting in a coordinated clause after the report is the writer's news
        (
            "Mayor Ivo Brandt repeated on Tuesday that the fares would rise, and the council has asked for an audit.",
            [("Ivo Brandt", "repeated", "the fares would rise")],
        ),
        (
            "Officials say 140 were hurt, and 12 others are missing.",
            [("Officials", "say", "140 were hurt, and 12 others are missing")],
        ),
        # a long description closing the report, whichever way the parser hangs it
        (
            "Two of the ferries had no working radios, a harbour official who asked not to be named told the Gazette.",
            [("harbour official", "told", "Two of the ferries had no working radios")],
        ),
        (
            "The dam could fail within days, a hydrologist at the water board who was not authorised to speak "
            "publicly told AFP.",
            [("hydrologist", "told", "The dam could fail within days")],
        ),
        # ... closing a report inside the report: the inner one stays the first speaker's
        (
            "The regulator first told the mill two years ago that its chimney needed new filters, an inspector at "
            "the regulator who spoke on condition of anonymity told AFP.",
            [("inspector at the regulator", "told",
              "The regulator first told the mill two years ago that its chimney needed new filters"),
             ("regulator", "told", "its chimney needed new filters")],
        ),
        # ... and its words are never part of the inner report
        (
            "The ministry first advised the hospital last year that its generators needed an urgent overhaul, a "
            "senior engineer at the ministry who asked not to be named told AFP.",
            [("ministry", "advised", "its generators needed an urgent overhaul")],
        ),
        # ... the closing cue made a second complement of the inner report's verb, its subject an
        # apposition inside that report
        (
            "The council had warned the club that the stand required an inspection, a senior steward at the "
            "board who asked not to be named told the Courier.",
            [("senior steward", "told", "The council had warned the club that the stand required an inspection"),
             ("council", "warned", "the stand required an inspection")],
        ),
        (
            "The board had told the airline that its jets needed new seals, a senior mechanic at the hangar who "
            "was not allowed to speak publicly told the Ledger.",
            [("senior mechanic", "told", "The board had told the airline that its jets needed new seals"),
             ("board", "told", "its jets needed new seals")],
        ),
        # "according to" closing a coordination holds for all of it; inside the clause it is an aside
        (
            "At least nine people were hurt and dozens evacuated, according to the fire service.",
            [("fire service", "according to", "At least nine people were hurt and dozens evacuated")],
        ),
        (
            "The depot, according to a union official, will shut in March.",
            [("union official", "according to", "The depot, according to a union official, will shut in March")],
        ),
        (
            "In the valley, according to rescuers, six hikers were found.",
            [("rescuers", "according to", "six hikers were found")],
        ),
        (
            "The mill closed in May and, according to the union, 300 jobs were lost.",
            [("union", "according to", "300 jobs were lost")],
        ),
        # a relative clause on the name of "according to" is not reported
        (
            "Nine boats sank in the storm, according to harbour master Ivo Reyes, who urged crews to stay ashore.",
            [("Ivo Reyes", "according to", "Nine boats sank in the storm")],
        ),
        (
            "According to the guild, which represents 2,000 bakers, flour prices doubled.",
            [("guild", "According to", "flour prices doubled")],
        ),
        # a reported clause may end with a sign spaCy counts as punctuation
        (
            "Harlow Mills said its sales fell by 8%.",
            [("Harlow Mills", "said", "its sales fell by 8%")],
        ),
        # a name ending in a report noun is a body, not a report nobody is named for
        (
            "The Northern Weather Survey said on Friday that rainfall had doubled.",
            [("Northern Weather Survey", "said", "rainfall had doubled")],
        ),
        # a "with" clause whose verb of speech has its own subject is another's statement
        (
            "The union said wages had fallen, with members saying they could not pay rent.",
            [("union", "said", "wages had fallen"), ("members", "saying", "they could not pay rent")],
        ),
        (
            "Police said the crowd broke through the barrier, with the organisers insisting the march had been "
            "peaceful.",
            [("Police", "said", "the crowd broke through the barrier"),
             ("organisers", "insisting", "the march had been peaceful")],
        ),
        (
            "Officials said 40 homes were lost, with hundreds more damaged.",
            [("Officials", "said", "40 homes were lost, with hundreds more damaged")],
        ),
        # a participle set off by commas describes its noun: the sentence is no report of its agent
        (
            "The audit, released by the council on Friday, found that 12 contracts were never tendered.",
            [("council", "found", "12 contracts were never tendered")],
        ),
        # a country acting in a clause after the report is the writer's news, not the report
        (
            "The president promised the economy would grow, and the country has signed a loan deal with two banks.",
            [("president", "promised", "the economy would grow")],
        ),
        # a second verb of speech coordinated inside the report is the reporter's next statement
        (
            "The ministry said that the bridge was closed and told reporters it would reopen in May.",
            [("ministry", "said", "the bridge was closed"), ("ministry", "told", "it would reopen in May")],
        ),
        (
            "The club said the pitch was flooded and added that the match would be replayed.",
            [("club", "said", "the pitch was flooded"), ("club", "added", "the match would be replayed")],
        ),
        # ... but not a verb that is not one of speech
        (
            "Residents said the water was brown and smelled of fuel.",
            [("Residents", "said", "the water was brown and smelled of fuel")],
        ),
        # an aside between the subject and its verb
        (
            "The ministry, in a statement, said the wards were unsafe.",
            [("ministry", "said", "the wards were unsafe")],
        ),
        # the attribution inside the reported sentence
        (
            "The wards, Vera Holt said, were unsafe.",
            [("Vera Holt", "said", "The wards, Vera Holt said, were unsafe")],
        ),
        # the attribution after the report, with an appositive
        (
            "The wards were unsafe, Vera Holt, a nurse, told the inquiry.",
            [("Vera Holt", "told", "The wards were unsafe")],
        ),
        # a listener and "that"
        (
            "Ola Brandt told the council that the levy would rise in May.",
            [("Ola Brandt", "told", "the levy would rise in May")],
        ),
        # passive with an agent
        (
            "The closure of the ferry line was announced by the transport board on Friday.",
            [("transport board", "announced", None)],
        ),
        # a relative clause
        (
            "The fund is run by Ines Marr, who said the money had run out.",
            [("Ines Marr", "said", "the money had run out")],
        ),
        # two verbs, one subject
        (
            "Mayor Ott Lind arrived at the site and said the bridge would stay closed.",
            [("Ott Lind", "said", "the bridge would stay closed")],
        ),
        # "according to X" after and before the clause
        (
            "Forty homes lost power, according to the grid operator.",
            [("grid operator", "according to", "Forty homes lost power")],
        ),
        (
            "According to the grid operator, forty homes lost power.",
            [("grid operator", "According to", "forty homes lost power")],
        ),
        # "as reported by"
        (
            "The plant will shut in June, as reported by the Valley Herald.",
            [("Valley Herald", "reported", "The plant will shut in June")],
        ),
        # an organisation speaking through its statement
        (
            "A statement from the port authority said two cranes had failed.",
            [("port authority", "said", "two cranes had failed")],
        ),
        # a source that names nobody
        (
            "A person with knowledge of the talks said a deal was close.",
            [("person with knowledge of the talks", "said", "a deal was close")],
        ),
        # state television speaks; "state" the noun is no speech verb
        (
            "State television said the state of emergency would end.",
            [("State television", "said", "the state of emergency would end")],
        ),
        # a figure reported as the object of a reporting verb
        (
            "Health officials report 212 new cases in the district.",
            [("Health officials", "report", "212 new cases in the district")],
        ),
        # a question is no statement; a noun object is no report
        ("The inspectors wondered whether the dam was safe.", []),
        ("The engineers said whether the dam was safe was unclear.", []),
        ("The union called for a new vote.", []),
    ],
)
def test_attribution_constructions(text: str, expected: list[tuple[str | None, str, str | None]]) -> None:
    found = _attributions(text)
    for row in expected:
        assert row in found, (row, found)
    if not expected:
        assert [f for f in found if f[2] is not None] == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a role the name stands in apposition to, then that role again
        ("The fire chief, Dana Roe, arrived at noon. Crews worked through the night. The chief said the blaze "
         "was contained.", "Dana Roe"),
        ("The head teacher, Ines Kulla, closed the school. Two buses waited outside. The head teacher said the "
         "roads were too icy.", "Ines Kulla"),
        # pronouns: the person last named as a subject, not a nearer object
        ("Ada Lorn thanked the crews and the mayor, Piet Vos. She said the work was done.", "Ada Lorn"),
        # "it": the body that spoke last
        ("The Rail Safety Board said the line was sound. It said repairs would take a week.", "Rail Safety Board"),
        # a description: the person introduced with that title
        ("Ambassador Nina Sorel met the council. The ambassador said the talks would resume.", "Nina Sorel"),
        # "the company": the last organisation whose name fits
        ("Halden Freight Ltd runs the depot. The company said the trucks were safe.", "Halden Freight Ltd"),
        # a title stays out of the name; a time stamp is nobody
        ("09:15 — Fire Chief Aleks Varo said the blaze was under control.", "Aleks Varo"),
    ],
)
def test_attribution_resolves_speakers(text: str, speaker: str) -> None:
    found = _attributions(text)
    assert found[-1][0] == speaker, found


def test_attribution_for_span_gives_the_innermost_report() -> None:
    doc = prepare_text("Officials said the mayor had told them that 300 homes were lost.")
    att = Attributor(doc)
    start = doc.text.index("300 homes")
    found = att.for_span(start, start + len("300 homes"))
    assert isinstance(found, Attribution)
    assert found.speaker == "mayor"


def test_attribution_needs_a_parse() -> None:
    from newsledger.ingest.read import document_from_text

    with pytest.raises(ValueError, match="parsed document"):
        Attributor(document_from_text("Text.", "x.txt"))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a body whose name shows no kind: "the group" is the one body that spoke before
        ("Yorvik Cables said sales had fallen. The group said it would cut 40 jobs.", "Yorvik Cables"),
        # two bodies spoke: "the company" could be either and stays a description
        ("Yorvik Cables said sales had fallen. Brell Optics said pay was late. The company said more.",
         "company"),
        # ... but not a body whose name shows another kind: the guild is no company
        ("Yorvik Cables said sales had fallen. The Tanner Guild said pay was late. The company said more.",
         "Yorvik Cables"),
        ("The ferry sank near the reef, the coast guard said. The operator said the crew was trained.", "operator"),
    ],
)
def test_attribution_org_descriptions(text: str, speaker: str) -> None:
    assert _attributions(text)[-1][0] == speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subject the parser left after its verb, as an object
        ('"The reform could really lift trade in the region," added Pell and Crane\'s Ravi Nair.',
         [("Pell and Crane's Ravi Nair", "added")]),
        # a second verb of speech inside the report shares the outer subject
        ("The unions say the plan does not add up and claim it would cut jobs.",
         [("unions", "say"), ("unions", "claim")]),
    ],
)
def test_attribution_inverted_and_coordinated_speakers(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(s, c) for s, c, _content in _attributions(text)]
    for row in expected:
        assert row in found, found


def test_an_ordinal_is_no_figure_that_makes_an_object_a_report() -> None:
    """ "gave only her first name": "first" is no count; "gave a toll of 40" is a report."""
    found = _attributions("A nurse, who gave only her first name, Ines, said the ward was full.")
    assert [(s, c, x) for s, c, x in found if x is not None] == [("nurse", "said", "the ward was full")]
    assert ("agency", "gave", "a toll of 40") in _attributions("The agency gave a toll of 40.")


def test_a_cue_closing_its_report_whose_subject_the_parser_made_an_object() -> None:
    """The parser may read "…, a senior engineer told the Post" as a complement "told" of the
    report's verb, its subject "engineer" that verb's object: no construction reaches the cue,
    and the phrase after the report's comma still speaks."""
    import dataclasses

    from spacy.tokens import Doc

    from newsledger.clean.parse import load_model

    text = "Two cranes were damaged, a senior engineer told the Post.\n"
    doc = prepare_text(text)
    words = ["Two", "cranes", "were", "damaged", ",", "a", "senior", "engineer", "told", "the", "Post", ".", "\n"]
    heads = [1, 3, 3, 3, 3, 7, 7, 3, 3, 10, 8, 3, 11]
    deps = ["nummod", "nsubjpass", "auxpass", "ROOT", "punct", "det", "amod", "dobj", "ccomp", "det", "dobj",
            "punct", "dep"]
    pos = ["NUM", "NOUN", "AUX", "VERB", "PUNCT", "DET", "ADJ", "NOUN", "VERB", "DET", "PROPN", "PUNCT", "SPACE"]
    tags = ["CD", "NNS", "VBD", "VBN", ",", "DT", "JJ", "NN", "VBD", "DT", "NNP", ".", "_SP"]
    lemmas = ["two", "crane", "be", "damage", ",", "a", "senior", "engineer", "tell", "the", "Post", ".", "\n"]
    spaces = [True, True, True, False, True, True, True, True, True, True, False, False, False]
    parse = Doc(load_model().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
                lemmas=lemmas, sent_starts=[True] + [False] * 12)
    assert parse.text == text
    doc = dataclasses.replace(doc, parse=parse)
    found = [(a.speaker, a.cue, text[a.content_start:a.content_end] if a.content_start is not None else None)
             for a in Attributor(doc).attributions]
    assert found == [("senior engineer", "told", "Two cranes were damaged")]
