"""Grouping: which claims go side by side, blocking cost, and the sample bundle's groups."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType

import pytest

from newsledger.compare import candidates, group_claims, ledger_items_from_json
from newsledger.compare.loader import json_ids
from newsledger.model import Document, Event, Metadata, Quantity, Quote, item_id


def make_doc(doc_id: str, sentences: list[str], published: str | None = None) -> Document:
    text, spans = "", []
    for s in sentences:
        spans.append((len(text), len(text) + len(s)))
        text += s + " "
    return Document(id=doc_id, source=f"news/{doc_id}.txt", text=text, meta=Metadata(published=published),
                    sentences=tuple(spans))


def find(doc: Document, words: str, **fields: object) -> Quantity:
    start = doc.text.index(words)
    base: dict[str, object] = {"value": None, "low": None, "high": None, "qualifier": "exact", "measure": ""}
    base.update(fields)
    return Quantity(doc=doc.id, start=start, end=start + len(words), text=words, **base)  # type: ignore[arg-type]


@pytest.fixture
def corpus() -> tuple[list[Document], list[Quote], list[Quantity], list[Event]]:
    a = make_doc("a", ["Ostria has sent some 6,300 of its soldiers to help Veldan hold the northern valley.",
                       "The valley road is about 30 kilometers long.",
                       "Envoy Ilsa Varnholm said: the lodging, the meals - everything about the visit was free."],
                 "2031-02-05")
    b = make_doc("b", ["Veldan officials estimate that roughly 6,800 Ostrian troops were deployed to the valley.",
                       "At least 300 were killed or wounded, the officials said.",
                       "Varnholm said everything about the visit, all of it, was free."], "2031-02-08")
    c = make_doc("c", ["Ostrian forces numbering over 6,300 arrived in the northern valley, Veldan says.",
                       "Harvest output fell to 17 tons per field."], "2031-02-09")
    quantities = [
        find(a, "some 6,300 of its soldiers", value=6300, low=5670, high=6930, qualifier="approximate",
             measure="soldiers sent"),
        find(a, "about 30 kilometers", value=30, low=27, high=33, qualifier="approximate", measure="road"),
        find(b, "roughly 6,800 Ostrian troops", value=6800, low=6120, high=7480, qualifier="approximate",
             measure="troops deployed", source="Veldan officials"),
        find(b, "At least 300", value=300, low=300, qualifier="at_least", measure="killed or wounded"),
        find(c, "over 6,300", value=6300, low=6300, qualifier="more_than", measure="forces", source="Veldan"),
        find(c, "17 tons", value=17, low=17, high=17, measure="harvest output"),
    ]
    qa = "the lodging, the meals - everything about the visit was free"
    qb = "everything about the visit, all of it, was free"
    quotes = [Quote("a", a.text.index(qa), a.text.index(qa) + len(qa), qa, False, speaker="Ilsa Varnholm"),
              Quote("b", b.text.index(qb), b.text.index(qb) + len(qb), qb, False, speaker="Varnholm")]
    return [a, b, c], quotes, quantities, []


def test_candidates_groups_same_measure_across_documents(corpus) -> None:  # type: ignore[no-untyped-def]
    docs, quotes, quantities, events = corpus
    groups = group_claims(docs, quotes, quantities, events)
    by_member = {m: g for g in groups for m in g.members}
    troops = by_member[item_id(quantities[0])]
    assert set(troops.members) == {item_id(quantities[i]) for i in (0, 2, 4)}
    assert troops.status == "compatible"
    assert troops.id.startswith("g-") and troops.id == group_claims(docs, quotes, quantities, events)[0].id
    # Unrelated figures (a road's length, a harvest) stay alone; with no part and whole apart, a claim
    # is in one group at most.
    for i in (1, 3, 5):
        assert item_id(quantities[i]) not in by_member
    assert len(by_member) == sum(len(g.members) for g in groups)
    quote_group = by_member[item_id(quotes[0])]
    assert set(quote_group.members) == {item_id(q) for q in quotes}
    assert quote_group.status == "agree"


def test_candidates_never_groups_within_one_document() -> None:
    d = make_doc("a", ["The line has 30 km of road and 45 km of rail."])
    e = make_doc("b", ["Prices rose."])
    qs = [find(d, "30 km", value=30, low=30, high=30, measure="line"),
          find(d, "45 km", value=45, low=45, high=45, measure="line")]
    assert group_claims([d, e], [], qs, []) == []


def test_candidates_groups_events_and_skips_publication() -> None:
    a = make_doc("a", ["The accord was signed last spring.", "Published 2031-02-11."])
    b = make_doc("b", ["An accord signed in September 2030 binds both sides.", "Published 2031-02-12."])

    def ev(d: Document, words: str, label: str, start: str, end: str, months: tuple[int, ...] = ()) -> Event:
        i = d.text.index(words)
        return Event(d.id, i, i + len(words), words, label, words, start, end, months)

    events = [ev(a, "accord was signed last spring", "accord signed", "2030-03-01", "2030-05-31", (3, 4, 5)),
              ev(b, "accord signed in September 2030", "accord signed", "2030-09-01", "2030-09-30"),
              ev(a, "Published 2031-02-11", "publication", "2031-02-11", "2031-02-11"),
              ev(b, "Published 2031-02-12", "publication", "2031-02-12", "2031-02-12")]
    groups = group_claims([a, b], [], [], events)
    assert len(groups) == 1
    assert groups[0].status == "conflict"
    assert set(groups[0].members) == {item_id(events[0]), item_id(events[1])}


def _synthetic(n_docs: int, seed: int = 3) -> tuple[list[Document], list[Quantity]]:
    """Articles of many small stories, each with figures on a few measures of its own."""
    rng = random.Random(seed)
    measures = ["troops sent", "people killed", "homes destroyed", "refugees", "votes cast", "jobs lost",
                "cases reported", "flights cancelled"]
    docs, qs = [], []
    for i in range(n_docs):
        story = i // 8
        words = [f"story{story}word{k}" for k in range(5)]
        sents = []
        for k in range(4):
            m = measures[(story + k) % len(measures)]
            sents.append(f"Officials of place{story} reported {100 * (k + 1) + rng.randint(0, 9)} {m} "
                         + " ".join(rng.sample(words, 3)) + ".")
        d = make_doc(f"d{i}", sents)
        docs.append(d)
        for k, s in enumerate(sents):
            m = measures[(story + k) % len(measures)]
            start = d.text.index(s)
            num = s.split(" reported ")[1].split(" ")[0]
            qs.append(Quantity(d.id, start + s.index(num), start + s.index(num) + len(num), num, float(num),
                               float(num), float(num), "exact", m))
    return docs, qs


def test_candidates_blocking_cost_grows_near_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = candidates.score_pair

    def counting(a: candidates.Claim, b: candidates.Claim) -> float:
        calls["n"] += 1
        return real(a, b)

    monkeypatch.setattr(candidates, "score_pair", counting)
    counts = []
    for n in (200, 800):
        calls["n"] = 0
        docs, qs = _synthetic(n)
        claims = candidates.build_claims(docs, [], qs, [], [])
        candidates.candidate_pairs(claims)
        counts.append(calls["n"])
    # Four times the articles may cost a bit more than four times the comparisons, never sixteen.
    assert counts[1] <= 6 * counts[0]
    # And far fewer than all pairs of figures.
    assert counts[1] < (800 * 4) ** 2 / 2 / 20


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_candidates_sample_bundle_groups_from_perfect_ledger(kursk_dir: Path, score_module: ModuleType) -> None:
    maker = kursk_dir.parent.parent / "eval" / "make_perfect.py"
    if not maker.is_file():
        pytest.skip("make_perfect.py is not present")
    data = _load(maker, "nl_make_perfect").perfect_ledger(str(kursk_dir / "gold.json"))
    ledger = ledger_items_from_json(data, kursk_dir)
    groups = group_claims(ledger.documents, ledger.quotes, ledger.quantities, ledger.events, ledger.entities)
    ids = json_ids(data)
    export = dict(data)
    export["groups"] = [{"id": g.id, "label": g.label, "members": [ids[m] for m in g.members],
                         "status": g.status, "why": g.why} for g in groups]
    with open(kursk_dir / "gold.json", encoding="utf-8") as fh:
        gold = json.load(fh)
    result = score_module.evaluate(export, gold, str(kursk_dir))
    figures = result["sections"]["groups"]["figures"]
    assert figures["found_rate"] == 1.0, result["sections"]["groups"]["lists"]
    assert figures["status_accuracy"] == 1.0, result["sections"]["groups"]["lists"]


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("killed or wounded in action", {"killed", "wounded"}),
        ("killed, wounded or missing", {"killed", "wounded", "missing"}),
        ("soldiers killed", {"killed"}),
        ("capture of injured soldiers during a raid", {"captured"}),  # "injured" says who, not what
        ("wounded soldiers treated in field hospitals", {"wounded"}),
        ("casualties", {"killed", "wounded"}),
        ("troops sent to the front", set()),
        ("homes destroyed", set()),
    ],
)
def test_candidates_casualty_components(measure: str, expected: set[str]) -> None:
    from newsledger.compare._words import casualty_set_of

    assert set(casualty_set_of(measure)) == expected


def _claim(measure: str, text: str = "") -> candidates.Claim:
    d = make_doc("x", [f"{text or measure}."])
    q = find(d, text or measure, value=300, low=200, high=999, qualifier="approximate", measure=measure)
    return candidates.build_claims([d], [], [q], [], [])[0]


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("troops sent", "soldiers deployed", 0.99, 1.0),  # synonyms fold to one measure
        ("killed", "killed or wounded", 0.5, 0.7),  # a part of the other: related, weaker
        ("killed", "wounded", 0.0, 0.0),  # different harms never meet
        ("troops", "wounded troops treated in hospitals", 0.3, 0.4),  # same people, harm said elsewhere
        ("homes destroyed", "people killed", 0.0, 0.0),
        ("road length", "harvest output", 0.0, 0.0),
    ],
)
def test_candidates_measure_similarity(a: str, b: str, low: float, high: float) -> None:
    assert low <= candidates.measure_similarity(_claim(a), _claim(b)) <= high


def test_candidates_large_story_with_common_actors_still_groups() -> None:
    # More claims than one block holds, all around the same actors: the window still compares them.
    docs, qs = [], []
    for i in range(90):
        d = make_doc(f"s{i}", [f"Ostria says {7000 + 10 * i} troops were sent to Veldan, report {i} adds."])
        docs.append(d)
        qs.append(find(d, f"{7000 + 10 * i} troops", value=7000 + 10 * i, low=7000 + 10 * i,
                       high=7000 + 10 * i, measure="troops sent"))
    groups = group_claims(docs, [], qs, [])
    assert max(len(g.members) for g in groups) >= 45
    assert sum(len(g.members) for g in groups) >= 80


def test_candidates_identical_copies_compared_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = candidates.score_pair

    def counting(a: candidates.Claim, b: candidates.Claim) -> float:
        calls["n"] += 1
        return real(a, b)

    monkeypatch.setattr(candidates, "score_pair", counting)
    sentence = "The Veldan health office said 312 people were treated after the flood."
    docs = [make_doc(f"w{i}", [sentence, f"Filler line number {i}."]) for i in range(40)]
    qs = [find(d, "312 people", value=312, low=312, high=312, measure="people treated") for d in docs]
    groups = group_claims(docs, [], qs, [])
    assert len(groups) == 1 and len(groups[0].members) == 40
    assert groups[0].status == "agree"
    assert calls["n"] == 0  # one distinct claim: nothing to compare


# ------------------------------------------------------------------ phrasal verbs, money, parts, happenings
@pytest.mark.parametrize(
    ("measure", "clause", "expected"),
    [
        ("villagers moved", "About 600 villagers were moved out of the lowlands", [("moved", "evacuated")]),
        ("villagers moved out", "", [("moved", "evacuated")]),
        ("villagers moved", "About 600 villagers moved to the capital last year", []),  # no particle
        ("families ordered", "Some 40 families were ordered out of their homes", [("ordered", "evacuated")]),
        ("sheep moved", "", []),
    ],
)
def test_candidates_phrasal_measure_words(measure: str, clause: str, expected: list[tuple[str, str]]) -> None:
    from newsledger.compare._words import phrasal_measure_words

    assert phrasal_measure_words(measure, clause) == expected


def test_candidates_phrasal_verb_joins_evacuation_figures() -> None:
    a = make_doc("a", ["Rising water on the Brenn forced the evacuation of hundreds of villagers on Sunday."])
    b = make_doc("b", ["About 600 villagers were moved out of the Brenn lowlands on Sunday night."])
    qs = [find(a, "hundreds of villagers", low=200, high=999, qualifier="approximate",
               measure="evacuation of villagers"),
          find(b, "About 600 villagers", value=600, low=540, high=660, qualifier="approximate",
               measure="villagers moved")]
    groups = group_claims([a, b], [], qs, [])
    assert len(groups) == 1
    assert set(groups[0].members) == {item_id(q) for q in qs}
    assert groups[0].status == "compatible"


def _money(doc_id: str, sentence: str, words: str, low: float, high: float, measure: str,
           unit: str = "rand") -> tuple[Document, Quantity]:
    d = make_doc(doc_id, [sentence])
    return d, find(d, words, value=low, low=low, high=high, qualifier="range", measure=measure, unit=unit)


@pytest.mark.parametrize(
    ("b_words", "b_sentence", "b_low", "b_high", "b_measure", "b_unit", "grouped"),
    [
        # An insurer's claim and the operator's damage estimate: one sum in other words.
        ("between 35 and 45 million rand", "The insurer expects the claim to reach between 35 and 45 million rand.",
         35e6, 45e6, "claim to reach rand", "rand", True),
        # The same words but another currency: never the same sum.
        ("between 35 and 45 million pesos", "The insurer expects the claim to reach between 35 and 45 million pesos.",
         35e6, 45e6, "claim to reach pesos", "pesos", False),
        # A money word, but an amount nowhere near: a different sum (the repair bill for one shaft).
        ("3 million rand", "The repair bill for the lift shaft came to 3 million rand.",
         3e6, 3e6, "repair bill for the lift shaft rand", "rand", False),
        # Overlapping amount, but no word saying what the money is for.
        ("between 35 and 45 million rand", "The province pledged aid of between 35 and 45 million rand.",
         35e6, 45e6, "aid pledged rand", "rand", False),
    ],
)
def test_candidates_money_family_needs_currency_and_overlap(
    b_words: str, b_sentence: str, b_low: float, b_high: float, b_measure: str, b_unit: str, grouped: bool
) -> None:
    a, qa = _money("a", "The mine operator put the damage from the collapse at about 40 million rand.",
                   "about 40 million rand", 36e6, 44e6, "damage from the collapse at rand")
    b, qb = _money("b", b_sentence, b_words, b_low, b_high, b_measure, b_unit)
    groups = group_claims([a, b], [], [qa, qb], [])
    assert bool(groups) == grouped
    if grouped:
        assert groups[0].status == "compatible"
        assert "rand" in groups[0].why


def test_candidates_part_beside_its_whole_in_a_second_group() -> None:
    # A mine collapse: two outlets agree on the dead and report the injured; a third gives only
    # a combined toll, which can join one of those groups but must be seen beside both.
    a = make_doc("a", ["Three miners were killed and at least 9 were injured when the Kestrel shaft collapsed."])
    b = make_doc("b", ["The Kestrel collapse left three miners dead and 11 injured, the union said."])
    c = make_doc("c", ["The collapse at the Kestrel shaft left at least 20 miners dead or injured."])
    qs = [find(a, "Three miners", value=3, low=3, high=3, measure="miners killed"),
          find(a, "at least 9", value=9, low=9, qualifier="at_least", measure="injured"),
          find(b, "three miners", value=3, low=3, high=3, measure="miners dead"),
          find(b, "11 injured", value=11, low=11, high=11, measure="injured"),
          find(c, "at least 20 miners", value=20, low=20, qualifier="at_least", measure="miners dead or injured")]
    killed, injured, whole = {item_id(qs[0]), item_id(qs[2])}, {item_id(qs[1]), item_id(qs[3])}, item_id(qs[4])
    groups = group_claims([a, b, c], [], qs, [])
    by_members = {frozenset(g.members): g for g in groups}
    # The death toll still stands as its own group, agreeing.
    assert by_members[frozenset(killed)].status == "agree"
    # The whole is seen beside the dead and beside the injured, compatible both times.
    for part in (killed, injured):
        beside = [g for g in groups if whole in g.members and part <= set(g.members)]
        assert beside and all(g.status == "compatible" for g in beside)
    # A figure stands in two groups only when one of them sets a part beside its whole.
    counts: dict[str, int] = {}
    for g in groups:
        for m in g.members:
            counts[m] = counts.get(m, 0) + 1
    assert max(counts.values()) <= 2
    assert len({g.id for g in groups}) == len(groups)


def test_candidates_part_and_whole_of_one_article_only_make_no_second_group() -> None:
    a = make_doc("a", ["At least 20 miners were dead or injured, among them three miners killed in the shaft."])
    b = make_doc("b", ["Three miners were killed in the Kestrel shaft."])
    qs = [find(a, "At least 20 miners", value=20, low=20, qualifier="at_least", measure="miners dead or injured"),
          find(a, "three miners killed", value=3, low=3, high=3, measure="miners killed"),
          find(b, "Three miners", value=3, low=3, high=3, measure="miners killed")]
    groups = group_claims([a, b], [], qs, [])
    # The two death tolls agree; the whole may join them, but no group repeats a figure.
    members = [m for g in groups for m in g.members]
    assert len(members) == len(set(members))
    assert any({item_id(qs[1]), item_id(qs[2])} <= set(g.members) for g in groups)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast that ripped through the plant", ("explosion", "began")),
        ("explosion tore through the solvent plant early on Friday", ("explosion", "began")),
        ("the quake, which struck the coast", ("earthquake", "began")),
        ("Flooding swept through the lower town late on Monday", ("flood", "began")),
        ("the fire was declared under control on Friday", None),  # no onset: another event
        ("after the storm had passed, volunteers from three towns nearby began", None),  # too far apart
        ("the council began its session", None),  # an onset with no happening
        ("soldiers opened fire on protesters, who began to run", None),  # a content word between them
    ],
)
def test_candidates_happening_of(text: str, expected: tuple[str, str] | None) -> None:
    from newsledger.compare._words import happening_of

    assert happening_of(text) == expected


def _event(d: Document, words: str, label: str, day: str) -> Event:
    i = d.text.index(words)
    return Event(d.id, i, i + len(words), words, label, words, day, day)


def test_candidates_same_happening_groups_events_with_different_labels() -> None:
    # One outlet's span holds the happening; the other's starts at its time, the noun is before it.
    a = make_doc("a", ["An explosion tore through the Varde solvent plant early on Friday, the company said.",
                       "The explosion was investigated by the inspectorate on Saturday."])
    b = make_doc("b", ["The blast that ripped through the plant last Friday injured nine workers."])
    events = [_event(a, "explosion tore through the Varde solvent plant early on Friday", "explosion torn",
                     "2031-05-09"),
              _event(b, "last Friday injured nine workers", "workers injured", "2031-05-09"),
              _event(a, "explosion was investigated by the inspectorate on Saturday", "explosion investigated",
                     "2031-05-10")]
    groups = group_claims([a, b], [], [], events)
    assert len(groups) == 1
    assert set(groups[0].members) == {item_id(events[0]), item_id(events[1])}
    assert groups[0].status == "agree"
