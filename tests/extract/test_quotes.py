"""Tests for the quote extractor (extract/quotes.py), on small invented texts.

Each row is (text, expected) where expected lists every quote found as
(span text, direct, speaker, kind), in text order. Every test also checks the offset
invariant ``q.text == doc.text[q.start:q.end]`` and that the speaker span holds the speaker.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from newsledger.extract.quotes import extract_quotes, load_quote_lexicons
from newsledger.model import Boilerplate, Quote
from newsledger.pipeline import prepare_text

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"

Row = tuple[str, bool, str | None, str]


def _quotes(text: str) -> list[Quote]:
    doc = prepare_text(text)
    quotes = extract_quotes(doc)
    for q in quotes:
        assert q.text == doc.text[q.start : q.end]
        assert q.doc == doc.id
        if q.speaker is not None:
            assert q.speaker_start is not None and q.speaker_end is not None
            assert doc.text[q.speaker_start : q.speaker_end] == q.speaker
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    return quotes


def _rows(text: str) -> list[Row]:
    return [(q.text, q.direct, q.speaker, q.kind) for q in _quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curly double quotes, colon after the speech verb, title stripped
        (
            "Mayor Ann Lee said: “We will rebuild the bridge.”",
            [("We will rebuild the bridge.", True, "Ann Lee", "statement")],
        ),
        # straight double quotes, verb before the speaker
        (
            '"It is over," said Tom Hardy.',
            [("It is over,", True, "Tom Hardy", "statement")],
        ),
        # speaker before the verb
        (
            '"It is over," Tom Hardy said.',
            [("It is over,", True, "Tom Hardy", "statement")],
        ),
        # guillemets
        (
            "«The talks are over», Foreign Minister Olga Brandt said.",
            [("The talks are over", True, "Olga Brandt", "statement")],
        ),
        # a dash attribution after the quote
        (
            "“We stand together.” — Mayor Ann Lee",
            [("We stand together.", True, "Ann Lee", "statement")],
        ),
        # a bare name and a colon
        (
            "Ann Lee: “We stand together.”",
            [("We stand together.", True, "Ann Lee", "statement")],
        ),
    ],
)
def test_extract_quotes_marks_and_attribution(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # apostrophes inside words and after a plural are never quotation marks
        # (the sentence is itself a report: its clause is the envoy's)
        (
            "The council’s vote didn’t change the farmers’ plans, Freedonia’s envoy noted.",
            [("The council’s vote didn’t change the farmers’ plans", False, "Freedonia’s envoy", "statement")],
        ),
        ("The council's vote didn't change the farmers' plans.", []),
        # curly single quotes around a fragment that holds an apostrophe
        (
            "Governor Ray Tolan called the storm ‘the worst in the town’s history’ on Friday.",
            [("the worst in the town’s history", True, "Ray Tolan", "statement")],
        ),
        # a plural possessive between two single-quoted fragments
        (
            "Ray Tolan praised the ‘courage’ of the volunteers’ families and said he was ‘deeply grateful’.",
            [
                ("courage", True, "Ray Tolan", "statement"),
                ("deeply grateful", True, "Ray Tolan", "statement"),
            ],
        ),
    ],
)
def test_extract_quotes_apostrophes(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quote split by its attribution is two quotes with one speaker
        (
            '"We are ready," said Tom Hardy, "and we will not wait."',
            [
                ("We are ready,", True, "Tom Hardy", "statement"),
                ("and we will not wait.", True, "Tom Hardy", "statement"),
            ],
        ),
        # a quote standing alone takes the speaker of the statement before it
        (
            "“Becoming a soldier was my choice,” Tom Hardy said. “I do not regret it.”",
            [
                ("Becoming a soldier was my choice,", True, "Tom Hardy", "statement"),
                ("I do not regret it.", True, "Tom Hardy", "statement"),
            ],
        ),
        # a quote running over two paragraphs: unclosed mark, next paragraph opens one
        (
            "“The first phase is done,” said Chief Anna Berg. “We move on now.\n“The second phase starts in May.”",
            [
                ("The first phase is done,", True, "Anna Berg", "statement"),
                ("We move on now.", True, "Anna Berg", "statement"),
                ("The second phase starts in May.", True, "Anna Berg", "statement"),
            ],
        ),
    ],
)
def test_extract_quotes_split_and_continued(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unclosed mark ends with its paragraph
        (
            'Senator Rob Kell said "the vote is rigged and unfair.\nOfficials rejected the claim on Monday.',
            [("the vote is rigged and unfair.", True, "Rob Kell", "statement")],
        ),
        # a closing mark with no opening one is ignored
        ('This line ends with a stray mark,"\nAnother line follows here.', []),
        # an unclosed single mark is an apostrophe-like mark, not a quote
        ("The ‘plan was never finished.\nNobody said a word.", []),
    ],
)
def test_extract_quotes_unbalanced_marks(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police Chief Dan Ortiz said that the road would reopen on Monday.",
            [("the road would reopen on Monday", False, "Dan Ortiz", "statement")],
        ),
        # words between the verb and "that"; the clause ends at ", but"
        (
            "The health ministry confirmed late on Tuesday that two clinics had closed, but gave no reason.",
            [("two clinics had closed", False, "health ministry", "statement")],
        ),
        (
            "According to Vera Holt, the budget was cut in half.",
            [("the budget was cut in half", False, "Vera Holt", "statement")],
        ),
        (
            "The budget was cut in half, according to Vera Holt.",
            [("The budget was cut in half", False, "Vera Holt", "statement")],
        ),
        (
            "The regional agency estimates that 2,500 homes lost power.",
            [("2,500 homes lost power", False, "regional agency", "statement")],
        ),
        # no "that": a pronoun opens the reported clause
        (
            "Coach Ida Renn has lately said she's keen to stay on, but gave no details.",
            [("she's keen to stay on", False, "Ida Renn", "statement")],
        ),
        (
            "Ray Tolan described that the storm had passed.",
            [("the storm had passed", False, "Ray Tolan", "statement")],
        ),
        # the clause ends at ", as": the writer's explanation is not the report
        (
            "Ray Tolan noted that the levee held, as engineers had predicted.",
            [("the levee held", False, "Ray Tolan", "statement")],
        ),
        (
            "Tom Hardy stated that the files were lost.",
            [("the files were lost", False, "Tom Hardy", "statement")],
        ),
        # an appositive between the name and the verb
        (
            "Lia Moss, a member of the water board, claimed that the pipes were old.",
            [("the pipes were old", False, "Lia Moss", "statement")],
        ),
        # a relative clause after an object is not reported speech
        ("Inspectors, finding notes in the drawer that mention bribes, left.", []),
    ],
)
def test_extract_quotes_reported_speech(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no "that": a clause with its own subject and finite verb follows the speech verb
        (
            "Shift boss Ivo Marek said the tunnel had flooded within minutes.",
            [("the tunnel had flooded within minutes", False, "Ivo Marek", "statement")],
        ),
        (
            "Rescue chief Tor Berg said two dozen pumps had been brought in overnight.",
            [("two dozen pumps had been brought in overnight", False, "Tor Berg", "statement")],
        ),
        (
            "Officials say the cause is unknown.",
            [("the cause is unknown", False, "Officials", "statement")],
        ),
        # a listener between the verb and the clause
        (
            "Marek told reporters the trapped miners were alive.",
            [("the trapped miners were alive", False, "Marek", "statement")],
        ),
        (
            "Marek told the Ledger it was the worst flood he had seen.",
            [("it was the worst flood he had seen", False, "Marek", "statement")],
        ),
        (
            "Marek told reporters at the pit head on Friday morning that the air supply was holding.",
            [("the air supply was holding", False, "Marek", "statement")],
        ),
        # the time of the saying, which the parser may hang on the report, is not reported
        (
            "The harbour master said on Thursday the quay would reopen.",
            [("the quay would reopen", False, "harbour master", "statement")],
        ),
        (
            "Kit Arlo, the ferry operator, said on Monday evening her crews were ready.",
            [("her crews were ready", False, "Kit Arlo", "statement")],
        ),
        # a listener told by somebody: the parser may read the report as a relative clause
        (
            "The skipper was told by a harbour clerk that the berth had been sold.",
            [("the berth had been sold", False, "harbour clerk", "statement")],
        ),
        # ... while a verb of writing keeps its relative clause
        ("The letter was written by a clerk that the port had hired.", []),
        # a date with no comma before the name: the parser reads the name as the date's object
        (
            "On Friday Lena Ortiz said the bridge would reopen.",
            [("the bridge would reopen", False, "Lena Ortiz", "statement")],
        ),
        (
            "In May Harlow Mills said its profits had halved.",
            [("its profits had halved", False, "Harlow Mills", "statement")],
        ),
        # a place is left with the report ("in the north" may be where it happened)
        (
            "A spokesman said in the north the fighting had stopped.",
            [("in the north the fighting had stopped", False, "spokesman", "statement")],
        ),
        # "… and that …" goes on with the same report
        (
            "Kit Arlo said the water had reached the square and that the bridge was closed.",
            [("the water had reached the square and that the bridge was closed", False, "Kit Arlo", "statement")],
        ),
        # an object is no clause; an adjective in -ed is no verb; "charging" is no speech here
        ("Rescuers said a prayer at the shaft.", []),
        ("Marek told reporters.", []),
        ("Jon Hale described the damaged bridge.", []),
        ("Inside the old hall, rescuers say, charging cables ran across the floor.", []),
        ("Harbour & Freight Weekly reported it too.", []),
    ],
)
def test_extract_quotes_reported_without_that(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the report first, its attribution after a comma
        (
            "The roof of the gallery gave way shortly after dawn, Ivo Marek said.",
            [("The roof of the gallery gave way shortly after dawn", False, "Ivo Marek", "statement")],
        ),
        (
            "The pumps failed overnight, said Ivo Marek.",
            [("The pumps failed overnight", False, "Ivo Marek", "statement")],
        ),
        (
            "The river rose three metres overnight, officials said on Sunday, in the worst flood for decades.",
            [("The river rose three metres overnight", False, "officials", "statement")],
        ),
        # "it said": the body that spoke last
        (
            "The Vaskor Water Authority said that the dam was sound. The river would crest on Friday, it said.",
            [
                ("the dam was sound", False, "Vaskor Water Authority", "statement"),
                ("The river would crest on Friday", False, "Vaskor Water Authority", "statement"),
            ],
        ),
        # no clause before the comma
        ("On Monday, officials said.", []),
        # a clause of circumstance before the cue is no report: a participle, or "when"
        (
            'Asked whether she would stand again, the senator replied: "Not this time."',
            [("Not this time.", True, "senator", "statement")],
        ),
        (
            "Pressed about the leak, a harbour spokesman said the pipes had been tested in May.",
            [("the pipes had been tested in May", False, "harbour spokesman", "statement")],
        ),
        (
            'When asked if the pier was safe, the engineer replied: "It is now."',
            [("It is now.", True, "engineer", "statement")],
        ),
    ],
)
def test_extract_quotes_trailing_attribution(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role word given in an appositive: "the foreman" is that person, "she" too
        (
            "Dana Voss, a 41-year-old pit foreman, spoke at the gate.\n\n"
            "‘We heard the props crack,’ the foreman said.\n\nShe said that the fans had stopped.",
            [
                ("We heard the props crack,", True, "Dana Voss", "statement"),
                ("the fans had stopped", False, "Dana Voss", "statement"),
            ],
        ),
        # a definite role word stands for the person just introduced with a role of their own
        (
            "Dana Voss, a pit foreman, spoke at the gate. “We heard the props crack,” the miner said.",
            [("We heard the props crack,", True, "Dana Voss", "statement")],
        ),
        # an indefinite one is somebody new
        (
            "Dana Voss, a pit foreman, spoke at the gate. “We heard the props crack,” a miner said.",
            [("We heard the props crack,", True, "miner", "statement")],
        ),
        # a name inside a relative clause of the appositive does not speak
        (
            "Dana Voss, a pit foreman who is no relation to the mayor, Ola Voss, told the Ledger "
            "that the props had cracked.",
            [("the props had cracked", False, "Dana Voss", "statement")],
        ),
        # "the company" / "the authority": the nearest earlier fitting organisation name
        (
            "Brannock Mining Ltd, which runs the pit, was silent on Monday. "
            "The company said the seam had been surveyed in May.",
            [("the seam had been surveyed in May", False, "Brannock Mining Ltd", "statement")],
        ),
        (
            "The Vaskor Water Authority opened the sluices. The next day the authority said the river had peaked.",
            [("the river had peaked", False, "Vaskor Water Authority", "statement")],
        ),
        # a quoted fragment inside reported speech is the speaker's words
        (
            "Brannock Mining Ltd said in a statement that it was “cooperating fully” with inspectors.",
            [
                ("it was “cooperating fully” with inspectors", False, "Brannock Mining Ltd", "statement"),
                ("cooperating fully", True, "Brannock Mining Ltd", "statement"),
            ],
        ),
        # a plural description with a participle phrase speaks as a whole
        (
            "Farm workers interviewed by the Ledger said that the fields had been under water for a week.",
            [
                (
                    "the fields had been under water for a week",
                    False,
                    "Farm workers",
                    "statement",
                )
            ],
        ),
        # a colon or a dash after a sentence about the speaker
        (
            "Rescue chief Ola Brandvik spoke at the gate: “Nobody goes down until the gas is gone.”",
            [("Nobody goes down until the gas is gone.", True, "Ola Brandvik", "statement")],
        ),
        (
            "Its safety officer, Pia Lund, was blunt — “We warned them twice.”",
            [("We warned them twice.", True, "Pia Lund", "statement")],
        ),
        # a quote that is a paragraph of its own continues the sentence before it
        (
            "Rescue chief Ola Brandvik met the families at the gate on Monday.\n\n"
            "“Nobody goes down until the gas is gone.”",
            [("Nobody goes down until the gas is gone.", True, "Ola Brandvik", "statement")],
        ),
        (
            "Kit Arlo said the pumps had failed.\n\n“We had no warning at all.”",
            [
                ("the pumps had failed", False, "Kit Arlo", "statement"),
                ("We had no warning at all.", True, "Kit Arlo", "statement"),
            ],
        ),
        (
            "The water rose fast.\n\n“We had no warning at all.”",
            [("We had no warning at all.", True, None, "statement")],
        ),
    ],
)
def test_extract_quotes_described_speakers(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun resolves to the person named before
        (
            'Governor Ray Tolan visited the site on Monday. "We will rebuild," he said.',
            [("We will rebuild,", True, "Ray Tolan", "statement")],
        ),
        # an abbreviated title with its dot stays out of the name
        (
            '"We did everything we could," said Dr. Maria Lopez, the clinic\'s head.',
            [("We did everything we could,", True, "Maria Lopez", "statement")],
        ),
        # a name between commas after a description speaks; the listener does not
        (
            'The police chief, Rob Stan, told the Lorn Courier: "No one was hurt."',
            [("No one was hurt.", True, "Rob Stan", "statement")],
        ),
        # several appositives between the name and the verb
        (
            "Ms Vale, 52, who has lived there for decades, said the town “will survive”.",
            [("will survive", True, "Vale", "statement")],
        ),
        # a speech verb with a pronoun that names no one: speech, speaker unknown
        (
            '"It is bad," she said.',
            [("It is bad,", True, None, "statement")],
        ),
        # a pronoun resolves to the last named speaker even without a title
        (
            'John Smith said that the dam held. "We were lucky," he added.',
            [("the dam held", False, "John Smith", "statement"), ("We were lucky,", True, "John Smith", "statement")],
        ),
        # a description resolves to the person introduced with that title
        (
            "Ambassador Nina Sorel arrived in the capital on Monday. The ambassador said that the talks would resume.",
            [("the talks would resume", False, "Nina Sorel", "statement")],
        ),
        (
            "Nina Sorel, Freedonia’s ambassador to Sylvania, met officials. "
            "The ambassador said that the talks would resume.",
            [("the talks would resume", False, "Nina Sorel", "statement")],
        ),
        # "the leader" may stand for a president
        (
            "Sylvanian President Marko Vell arrived late. The Sylvanian leader said that taxes would fall.",
            [("taxes would fall", False, "Marko Vell", "statement")],
        ),
        # titles and descriptors stay out of the name
        (
            "Sylvanian President Marko Vell said that taxes would fall.",
            [("taxes would fall", False, "Marko Vell", "statement")],
        ),
        (
            "Freedonia’s ambassador to Sylvania, Nina Sorel, said that the talks would resume.",
            [("the talks would resume", False, "Nina Sorel", "statement")],
        ),
        # organisations and groups speak
        (
            "The Sylvanian government said that the border was closed.",
            [("the border was closed", False, "Sylvanian government", "statement")],
        ),
        (
            "Economists from the Tessel Bureau of Trade (TBT) in Ostia warn that exports are slowing.",
            [("exports are slowing", False, "Economists from the Tessel Bureau of Trade", "statement")],
        ),
        (
            "Regional health officials have warned that the clinic is full.",
            [("the clinic is full", False, "Regional health officials", "statement")],
        ),
        # only a description: the description is the speaker
        (
            "A local farmer’s letter, expressing ‘deep anger’ at the plan, was read aloud.",
            [("deep anger", True, "local farmer", "statement")],
        ),
        (
            "The envoy of Ostia to Varno has also joined in, saying that the ‘ferries will run all winter.’",
            [("ferries will run all winter.", True, "envoy of Ostia to Varno", "statement")],
        ),
        # possessive pronoun + words: "His words ..., stressing that"
        (
            "Senator Tom Hardy spoke for an hour. "
            "His words were broadcast live, stressing that ‘the town will rise again.’",
            [("the town will rise again.", True, "Tom Hardy", "statement")],
        ),
        # an unattributed full sentence stays a statement without a speaker
        (
            "A sign on the door reads: ‘We are closed until spring.’",
            [("We are closed until spring.", True, None, "statement")],
        ),
    ],
)
def test_extract_quotes_speakers(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nicknames, terms and scare quotes are kept as terms
        ("A former jockey known as ‘Nightjar’ runs the stable’s blog.", [("Nightjar", True, None, "term")]),
        ("The term “ZX-9” refers to the new missile.", [("ZX-9", True, None, "term")]),
        (
            "The term “KLV” refers to the guild’s description of the tariff as a “temporary harbour levy.”",
            [("KLV", True, None, "term"), ("temporary harbour levy.", True, None, "term")],
        ),
        ("Ida Renn warmly greeted “cousin” Halvard at the pier.", [("cousin", True, None, "term")]),
        ("The so-called “peace plan” was rejected by the council.", [("peace plan", True, None, "term")]),
        ("Farmers “Betrayed” by New Law", [("Betrayed", True, None, "term")]),
        ("The crowd cheered for the “Blue Hawks” at the stadium.", [("Blue Hawks", True, None, "term")]),
        # a scare quote the sentence goes on after; the speech verb is about the sentence
        (
            "Inside the “safe” shed, workers say, cables ran across the floor.",
            [
                ("Inside the “safe” shed, workers say, cables ran across the floor", False, "workers", "statement"),
                ("safe", True, None, "term"),
            ],
        ),
        ("The supposedly “sealed” shaft flooded first.", [("sealed", True, None, "term")]),
        # the writer's alternative word
        (
            "Officials said the program was withdrawn or “paused” last week.",
            [
                ("the program was withdrawn or “paused” last week", False, "Officials", "statement"),
                ("paused", True, None, "term"),
            ],
        ),
        # a passive report quoting one word is not somebody's statement
        (
            "It was disclosed that the deal involves “dozens” of workers.",
            [("the deal involves “dozens” of workers", False, None, "statement"), ("dozens", True, None, "term")],
        ),
        # but short fragments a named subject praised, dismissed or described are statements
        (
            "Mayor Ann Lee praised the ‘courage’ and ‘skill’ of the crews.",
            [("courage", True, "Ann Lee", "statement"), ("skill", True, "Ann Lee", "statement")],
        ),
        (
            "Although Ada Brenholt and Ivo Marek initially dismissed the survey as “guesswork,” the board did not.",
            [("guesswork,", True, "Ada Brenholt and Ivo Marek", "statement")],
        ),
        (
            "On Tuesday Mayor Ida Renn described the firm had “flown in extra welders” who were doing "
            "“double shifts” on the docks.",
            [
                (
                    "the firm had “flown in extra welders” who were doing “double shifts” on the docks",
                    False,
                    "Ida Renn",
                    "statement",
                ),
                ("flown in extra welders", True, "Ida Renn", "statement"),
                ("double shifts", True, "Ida Renn", "statement"),
            ],
        ),
    ],
)
def test_extract_quotes_terms(text: str, expected: list[Row]) -> None:
    found = sorted(_rows(text), key=lambda r: text.index(r[0]))
    assert found == sorted(expected, key=lambda r: text.index(r[0]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer's noun phrase: after a preposition, a possessive and adjective, "what X calls"
        (
            "The port operator praised its recent “streamlining” of the timetable.",
            [("streamlining", True, None, "term")],
        ),
        ("Fares rose after a change the guild calls “route pruning”.", [("route pruning", True, None, "term")]),
        ("She had harsh words for what the ferry line calls a “minor” refit.", [("minor", True, None, "term")]),
        # ... of four words too
        ('The smugglers used what coast guards call "running with the tide" tactics.',
         [("running with the tide", True, None, "term")]),
        # a term inside a report leaves the report standing
        (
            "Deckhands say they are being pushed into “double rostering” on the night crossings.",
            [
                (
                    "they are being pushed into “double rostering” on the night crossings",
                    False,
                    "Deckhands",
                    "statement",
                ),
                ("double rostering", True, None, "term"),
            ],
        ),
        (
            "Norvale Ferries said the crossing had been running under what it calls “reduced manning”.",
            [
                (
                    "the crossing had been running under what it calls “reduced manning”",
                    False,
                    "Norvale Ferries",
                    "statement",
                ),
                ("reduced manning", True, None, "term"),
            ],
        ),
        ('The dredging plan, described as "a lifeline", was approved.', [("a lifeline", True, None, "term")]),
        # a copula or a speech verb before the preposition keeps the words a statement
        (
            'Ines Varga said the hull was in "fair shape".',
            [
                ('the hull was in "fair shape"', False, "Ines Varga", "statement"),
                ("fair shape", True, "Ines Varga", "statement"),
            ],
        ),
        ("Mayor Ann Lee warned of “grave risks” at the quay.", [("grave risks", True, "Ann Lee", "statement")]),
        # the object of a verb of judgement or speech carries the subject's words after its preposition
        ('Fire chief Mara Lind praised the crews for "remarkable courage".',
         [("remarkable courage", True, "Mara Lind", "statement")]),
        ("Harbour master Ivo Lund described a return to 'sail and oar' at the quay.",
         [("sail and oar", True, "Ivo Lund", "statement")]),
    ],
)
def test_extract_quotes_writers_terms(text: str, expected: list[Row]) -> None:
    found = sorted(_rows(text), key=lambda r: text.index(r[0]))
    assert found == sorted(expected, key=lambda r: text.index(r[0]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body named by its own noun, then "it"
        (
            "The Dam Safety Board said it would send engineers to the spillway on Monday.",
            [("it would send engineers to the spillway on Monday", False, "Dam Safety Board", "statement")],
        ),
        # "which says": the phrase the relative clause hangs on
        (
            "The dispute is with the Seafarers Guild, which says crews are being paid late.",
            [("crews are being paid late", False, "Seafarers Guild", "statement")],
        ),
        # a clause opening with a figure and its qualifier; a time stamp is no part of it
        (
            "08:15 — Norvale Ferries says more than 200 sailings are still cancelled.",
            [("more than 200 sailings are still cancelled", False, "Norvale Ferries", "statement")],
        ),
        (
            "09:40 — Four crew were treated for smoke inhalation, a spokesman for the port said.",
            [("Four crew were treated for smoke inhalation", False, "spokesman for the port", "statement")],
        ),
        # "… and says": the subject that opens the sentence; an adverb after "it"
        (
            "The guild puts the figure higher and says it first raised the fault in writing in March.",
            [("it first raised the fault in writing in March", False, "guild", "statement")],
        ),
        # a subject with a relative clause of its own
        (
            "A nurse there told us the passengers who had been on the car deck were shaken but unhurt.",
            [("the passengers who had been on the car deck were shaken but unhurt", False, "nurse", "statement")],
        ),
        ("The nurse told us the names of the passengers who had left.", []),
        # an indirect question is no statement
        ("The inspectors did not respond to questions about what the survey covered.", []),
        # "her warning" is a noun, not a speech verb
        (
            "The guild leader repeated her warning to the crowd at the quay: “We will not sail.”",
            [("We will not sail.", True, "guild leader", "statement")],
        ),
    ],
)
def test_extract_quotes_reported_bodies_and_figures(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a description speaker is not replaced by a person named earlier
        (
            "Harbour master Olav Brekke said the quay would reopen. "
            "A mechanic who asked not to be named told the Courier that the lifeboats had not been tested. "
            "“The davits are rusted,” he said.",
            [
                ("the quay would reopen", False, "Olav Brekke", "statement"),
                ("the lifeboats had not been tested", False, "mechanic", "statement"),
                ("The davits are rusted,", True, "mechanic", "statement"),
            ],
        ),
        # the phrase before an appositive speaks
        (
            "One docker, a man in his sixties who gave no name, put it simply: “Nobody checked the ramps.”",
            [("Nobody checked the ramps.", True, "docker", "statement")],
        ),
        # a title in lower case after a capitalised one
        (
            "Chief executive Petra Lindahl was calm. She told analysts on a call: “The ships are safe.”",
            [("The ships are safe.", True, "Petra Lindahl", "statement")],
        ),
        # "the union" stands for the full name written earlier, "of …" included
        (
            "The Federation of Ferry and Dock Workers said the ramps were unsafe. "
            "The union said crews would stay ashore.",
            [
                ("the ramps were unsafe", False, "Federation of Ferry and Dock Workers", "statement"),
                ("crews would stay ashore", False, "Federation of Ferry and Dock Workers", "statement"),
            ],
        ),
        # a short form is given as written; a description takes the full name
        (
            "The Federation of Ferry and Dock Workers said the ramps were unsafe. "
            "The Federation said crews would stay ashore. The union said talks had failed.",
            [
                ("the ramps were unsafe", False, "Federation of Ferry and Dock Workers", "statement"),
                ("crews would stay ashore", False, "Federation", "statement"),
                ("talks had failed", False, "Federation of Ferry and Dock Workers", "statement"),
            ],
        ),
    ],
)
def test_extract_quotes_description_and_org_speakers(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", '"', "“““", "‘’", "'", "said that", "according to", '\n\n"\n', "«»‹›„“", "He said: ‘", "’s ’ ‘ ' ' \" ”"],
)
def test_extract_quotes_odd_text_never_crashes(text: str) -> None:
    for q in _quotes(text):
        assert q.end >= q.start


@pytest.mark.parametrize(
    "text",
    [
        "‘a ’b ‘c’ d’ " * 3000,
        '"The x said that y," he said ' * 3000,
        "\n".join('He said "this never closes and' for _ in range(3000)),
    ],
    ids=["single marks", "split quotes", "unclosed marks"],
)
def test_extract_quotes_run_on_text(text: str) -> None:
    """A page with thousands of marks in one 'sentence' (once quadratic: bench/run.py watches speed)."""
    doc = prepare_text(text)
    quotes = extract_quotes(doc)
    assert quotes
    assert all(q.text == doc.text[q.start : q.end] for q in quotes)


@pytest.mark.parametrize(
    ("text", "line"),
    [('Top story\n"Nobody expected this," said Tom Hardy.\nThe end.', 1)],
)
def test_extract_quotes_skips_boilerplate(text: str, line: int) -> None:
    doc = prepare_text(text)
    s, e = doc.paragraphs[line]
    doc = dataclasses.replace(doc, boilerplate=(Boilerplate(s, e, "test"),))
    assert [q for q in extract_quotes(doc) if s <= q.start < e] == []


@pytest.mark.parametrize(
    ("verbs", "text", "expected"),
    [
        (
            ["say"],
            "Tom Hardy said that the road was shut. Tom Hardy noted that it rained.",
            ["the road was shut"],
        ),
    ],
)
def test_extract_quotes_small_lexicon(verbs: list[str], text: str, expected: list[str]) -> None:
    lex = load_quote_lexicons()
    lex = dataclasses.replace(lex, cues=dataclasses.replace(lex.cues, speech_verbs=frozenset(verbs)))
    doc = prepare_text(text)
    assert [q.text for q in extract_quotes(doc, lexicons=lex)] == expected


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_quotes", REPO / "scripts" / "compare_quotes.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("bundle", "floors"),
    [("kursk", {"direct_f1": 0.95, "indirect_recall": 0.85, "speaker_accuracy": 0.90})],
)
def test_extract_quotes_sample_bundle(bundle: str, floors: dict[str, float]) -> None:
    """The shared sample scored by the shared scorer: the floors of the issue."""
    folder = SHARED / "examples" / bundle
    score = SHARED / "eval" / "score.py"
    if not score.is_file() or not (folder / "gold.json").is_file():
        pytest.skip("../shared sample or score.py is not present")
    results = _script().score_systems(folder, score)
    assert results is not None
    figures = results["EXTRACTOR"]["sections"]["quotes"]["figures"]
    for name, floor in floors.items():
        assert figures[name] >= floor, (name, figures[name])
    assert figures["scare_quotes_taken"] == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry, in a statement, said the wards were unsafe.",
         [("the wards were unsafe", False, "ministry", "statement")]),
        ("The wards, Vera Holt said, were unsafe.",
         [("The wards, Vera Holt said, were unsafe", False, "Vera Holt", "statement")]),
        ("The wards were unsafe, Vera Holt, a nurse, told the inquiry.",
         [("The wards were unsafe", False, "Vera Holt", "statement")]),
        # a quote after a sentence that names its speaker through a chant, a colon
        ("The hall erupted with a chant from the members: “Out! Out! Out!”",
         [("Out! Out! Out!", True, "members", "statement")]),
        # a participle closing a report belongs to the reporter
        ("Captain Ila Moor confirmed that the ship had turned back, adding: “We had no choice.”",
         [("the ship had turned back", False, "Ila Moor", "statement"),
          ("We had no choice.", True, "Ila Moor", "statement")]),
    ],
)
def test_extract_quotes_parsed_constructions(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_extract_quotes_paragraph_of_quotes_after_an_attributed_one() -> None:
    """A paragraph that opens with quotes continues the speaker of the paragraph before."""
    text = ('Coach Ivar Dunn spoke after the match. "We were tired," he said.\n\n'
            '"The next game matters more. "We will rest on Monday."')
    rows = _rows(text)
    assert [r[2] for r in rows] == ["Ivar Dunn", "Ivar Dunn", "Ivar Dunn"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "what X called …" without quotation marks reports X's words
        ("The ships turned back in what the navy called a routine drill.",
         [("a routine drill", False, "navy", "statement")]),
        # a report before its attribution holds two statements joined by ", but"
        ("The dam will hold this week, but the spillway needs work, engineer Rosa Tamm said.",
         [("The dam will hold this week", False, "Rosa Tamm", "statement"),
          ("the spillway needs work", False, "Rosa Tamm", "statement")]),
    ],
)
def test_extract_quotes_characterisations_and_split_reports(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation opening its sentence with a comma, then a verb of voice and its subject
        ('"Get out of the building," a firefighter shouted.',
         [("Get out of the building,", True, "firefighter", "statement")]),
        ('"This is a sad day for the town," the senator tweeted on Tuesday.',
         [("This is a sad day for the town,", True, "senator", "statement")]),
        ('"We are not leaving," whispered Noor Adel from the back of the hall.',
         [("We are not leaving,", True, "Noor Adel", "statement")]),
        ('The home side lost again.\n"We gave everything", the coach sighed, "and it was not enough."',
         [("We gave everything", True, "coach", "statement"),
          ("and it was not enough.", True, "coach", "statement")]),
        # a verb of voice governing the quotation
        ('Protesters outside the depot chanted "No more cuts" until midnight.',
         [("No more cuts", True, "Protesters", "statement")]),
        # not a verb of voice, or nobody who speaks: the name stays a term
        ('"Operation Lantern," the army launched on Monday, was its largest in years.',
         [("Operation Lantern,", True, None, "term")]),
        ('"Harbour Lights," the old ferry shouted its horn.', [("Harbour Lights,", True, None, "term")]),
        # the quotation must open its sentence
        ('The pilot, known as "the Hawk," laughed at the question.', [("the Hawk,", True, None, "term")]),
    ],
)
def test_extract_quotes_verbs_of_voice(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun of speech after the quotation names whose words they are
        ('"We will not sail," was the message from striking ferry crews on Monday.',
         [("We will not sail,", True, "striking ferry crews", "statement")]),
        ('"Too little, too late" – that was the verdict of one shop owner.',
         [("Too little, too late", True, "shop owner", "statement")]),
        ('"We are checking the cameras," came the reply from the station police.',
         [("We are checking the cameras,", True, "station police", "statement")]),
        # nobody who speaks, or no noun of speech: a term
        ('"Safety first" was the message of the poster.', [("Safety first", True, None, "term")]),
        ('"Vote no" was the slogan on every wall.', [("Vote no", True, None, "term")]),
    ],
)
def test_extract_quotes_named_as_somebodys_words(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_extract_quotes_headline_quote_takes_the_speaker_of_the_body_quote_holding_its_words() -> None:
    text = ("‘We were left in the dark’: Anger as ferry firm cancels sailings\nBy Ann Lee\n\n"
            "Passengers were stranded at the quay on Monday.\n\n"
            "Rosa Lind, who runs the quay café, said: ‘We were left in the dark and nobody told us anything.’\n")
    assert _rows(text) == [
        ("We were left in the dark", True, "Rosa Lind", "statement"),
        ("We were left in the dark and nobody told us anything.", True, "Rosa Lind", "statement"),
    ]
    # words the body does not hold keep no speaker
    other = text.replace("We were left in the dark and nobody", "Nobody")
    assert _rows(other)[0] == ("We were left in the dark", True, None, "statement")
