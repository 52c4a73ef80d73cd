"""Independent sources: one agency cited by two outlets counts once; credits; unattributed claims."""

from __future__ import annotations

import pytest

from newsledger.compare.sources import count_sources, names_match, outlet_citations
from newsledger.model import Document, Entity, Mention, Metadata, Quantity, Quote


def doc(doc_id: str, text: str = "Plain text.", credits: tuple[str, ...] = ()) -> Document:
    return Document(id=doc_id, source=f"news/{doc_id}.txt", text=text, meta=Metadata(credits=credits),
                    sentences=((0, len(text)),))


def figure(doc_id: str, source: str | None, source_entity: str | None = None, start: int = 0) -> Quantity:
    return Quantity(doc=doc_id, start=start, end=start + 5, text="about 6,300 refugees"[:5], value=6300, low=5670,
                    high=6930, qualifier="approximate", measure="refugees", source=source,
                    source_entity=source_entity)


def test_sources_two_outlets_citing_one_agency_count_once() -> None:
    docs = {d: doc(d) for d in ("a", "b")}
    report = count_sources([figure("a", "the Veldan Relief Agency"), figure("b", "Veldan Relief Agency officials")],
                           docs)
    assert report.independent == 1
    assert report.unattributed == 0
    assert "one original source" in report.why and "two outlets" in report.why


def test_sources_entity_ids_decide() -> None:
    ent = Entity(id="e1", canonical="Veldan Relief Agency", type="ORG", aliases=("VRA", "Veldan Relief Agency"),
                 mentions=(Mention("a", 0, 3, "VRA", "ORG"),))
    docs = {d: doc(d) for d in ("a", "b")}
    report = count_sources([figure("a", "VRA"), figure("b", "Veldan Relief Agency", "e1")], docs, [ent])
    assert report.independent == 1
    assert report.sources == ("Veldan Relief Agency",)


def test_sources_different_agencies_count_twice() -> None:
    docs = {d: doc(d) for d in ("a", "b", "c")}
    report = count_sources([figure("a", "Veldan intelligence"), figure("b", "Ostrian intelligence"),
                            figure("c", "Ostrian intelligence")], docs)
    assert report.independent == 2
    assert "two outlets cite Ostrian intelligence" in report.why


def test_sources_unattributed_marked() -> None:
    docs = {d: doc(d) for d in ("a", "b", "c")}
    report = count_sources([figure("a", None), figure("b", "Ostrian intelligence"), figure("c", None)], docs)
    assert report.independent == 1
    assert report.unattributed == 2
    assert "two cite nobody" in report.why
    none = count_sources([figure("a", None), figure("b", None)], docs)
    assert none.independent == 0 and none.unattributed == 2
    assert "no named source" in none.why


def test_sources_speaker_names_match_loosely() -> None:
    assert names_match("Varnholm", "Ilsa Varnholm")
    assert names_match("Ostrian intelligence officials", "Ostrian intelligence")
    assert not names_match("Veldan intelligence", "Ostrian intelligence")
    docs = {d: doc(d) for d in ("a", "b")}
    quotes = [Quote(doc="a", start=0, end=5, text="We paid nothing at all.", direct=True, speaker="Ilsa Varnholm"),
              Quote(doc="b", start=0, end=5, text="Nothing was paid at all.", direct=True, speaker="Varnholm")]
    assert count_sources(quotes, docs).independent == 1


def test_sources_institution_next_to_named_official() -> None:
    text_a = ("The Ostrian government confirmed scores of refugees were housed. "
              "Envoy Ilsa Varnholm said the stay was free.")
    a = Document(id="a", source="news/a.txt", text=text_a, sentences=((0, 68), (69, len(text_a))))
    b = doc("b")
    near = Quote(doc="a", start=text_a.index("the stay"), end=len(text_a) - 1, text="the stay was free",
                 direct=False, speaker="Ilsa Varnholm")
    report = count_sources([figure("a", "Ostrian government", start=33), figure("b", "Varnholm")],
                           {"a": a, "b": b}, quotes_by_doc={"a": [near]})
    assert report.independent == 1
    assert "Varnholm" in report.why


@pytest.mark.parametrize(
    ("text", "credits", "expected"),
    [
        ("Troops moved, according to Zorbia Daily.", (), ["Zorbia Daily"]),
        ("Body text.\nRead the original article on Harbour Wire", ("Harbour Wire",), ["Harbour Wire"]),
        ("According to Tomas, a 40-year-old farmer, the road is closed.", (), []),
        ("No credit here.", (), []),
    ],
)
def test_sources_outlet_citations(text: str, credits: tuple[str, ...], expected: list[str]) -> None:
    assert outlet_citations(doc("a", text, credits)) == expected


def test_sources_citations_name_document_and_outlet() -> None:
    docs = {"a": doc("a", "Read the original article on Harbour Wire", ("Harbour Wire",)), "b": doc("b")}
    report = count_sources([figure("a", None), figure("b", "Ostrian intelligence")], docs)
    assert ("a.txt", "Harbour Wire") in report.citations
    assert ("b.txt", "Ostrian intelligence") in report.citations


def test_sources_entity_link_decides_only_for_its_own_names() -> None:
    nation = Entity(id="e-ostrian", canonical="Ostrian", type="NORP", aliases=("Ostrian",), mentions=())
    docs = {d: doc(d) for d in ("a", "b", "c")}
    report = count_sources([figure("a", "Ostrian intelligence", "e-ostrian"),
                            figure("b", "Ostrian special forces", "e-ostrian"),
                            figure("c", "Ostrian intelligence", "e-ostrian")], docs, [nation])
    assert report.independent == 2
    assert set(report.sources) == {"Ostrian intelligence", "Ostrian special forces"}
