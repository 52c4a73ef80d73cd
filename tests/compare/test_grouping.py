"""Grouping: claims compared as structured facts, on short invented texts run through the pipeline.

Each false group or verdict named in issue #12 has a case here: the texts are our own, the
rule each one checks is general.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import ModuleType

import pytest

from newsledger.compare import blocking, group_claims, ledger_items_from_json
from newsledger.compare.claims import build_claims
from newsledger.compare.loader import json_ids
from newsledger.model import Document, Event, Group, Ledger, Metadata, Quantity, Quote, item_id
from newsledger.pipeline import analyze_texts


def _ledger(texts: list[str]) -> tuple[Ledger, dict[str, Quote | Quantity | Event]]:
    ledger = analyze_texts(texts)
    items: dict[str, Quote | Quantity | Event] = {item_id(x): x for x in [*ledger.quotes, *ledger.quantities,
                                                                          *ledger.events]}
    for x in items.values():
        assert x.text == ledger.documents[[d.id for d in ledger.documents].index(x.doc)].text[x.start:x.end]
    return ledger, items


def _with(ledger: Ledger, items: dict[str, Quote | Quantity | Event], *words: str) -> list[Group]:
    """Groups holding a member whose text contains each of ``words``."""
    return [g for g in ledger.groups if all(any(w in items[m].text for m in g.members) for w in words)]


@pytest.mark.parametrize(
    ("texts", "a", "b"),
    [
        # a bare "people" is never a measure: a crowd on a bridge is not an audience counted elsewhere
        (["Thousands of people gathered on the Varlow bridge on Saturday to watch the parade.",
          "About 300 people attended the parade on the Varlow bridge, organisers said."],
         "Thousands of people", "About 300 people"),
        # one country's death toll is not another's
        (["The death toll in Peru from the earthquake rose to 212, the health ministry said.",
          "In neighbouring Ecuador's capital, Quito, at least 12 people were killed, officials said."],
         "212", "at least 12 people"),
        # a quake and its second quake: different things, not a conflict
        (["A magnitude 6.2 tremor shook the Varno coast on Monday. Its largest aftershock measured 4.8.",
          "The tremor, with a magnitude of 6.2, rattled Varno on Monday. An hour later a second tremor with a "
          "magnitude of 4.8 shook the coast."],
         "a magnitude of 4.8", "6.2 tremor"),
        # climbers flown to a camp and climbers trapped: two happenings
        (["Three dozen stranded climbers were flown to the base camp in Velka last week.",
          "An avalanche trapped two climbers near Velka on Friday."],
         "Three dozen stranded climbers", "two climbers"),
        # one firm's quarterly sales are not another's
        (["Halden Corp said fourth quarter sales rose 2% to $11.1bn, helped by demand for its cable services.",
          "Norbrook Motors said fourth quarter sales rose 9% to $3.2bn as car exports picked up."],
         "2%", "9%"),
        # a capacity is not a count
        (["The barge was carrying about 300 people when it sank near Tolmin, officials said.",
          "The barge was licensed to carry 180 passengers, the river authority said."],
         "about 300 people", "180 passengers"),
        # a projection is not a count
        (["At least 212 people were killed in the floods, the ministry said.",
          "A university model projected the death toll could top 3,000 people."],
         "212 people", "3,000"),
    ],
)
def test_grouping_keeps_different_facts_apart(texts: list[str], a: str, b: str) -> None:
    ledger, items = _ledger(texts)
    assert _with(ledger, items, a, b) == []


def test_grouping_same_quake_agrees_and_its_second_quake_apart() -> None:
    ledger, items = _ledger([
        "A magnitude 6.2 tremor shook the Varno coast on Monday. Its largest aftershock measured 4.8.",
        "The tremor, with a magnitude of 6.2, rattled Varno on Monday. An hour later a second tremor with a "
        "magnitude of 4.8 shook the coast."])
    groups = _with(ledger, items, "6.2 tremor", "a magnitude of 6.2")
    assert len(groups) == 1 and groups[0].status == "agree"


def test_grouping_statements_with_a_bound_and_a_figure_inside_it_are_compatible() -> None:
    ledger, _items = _ledger([
        "At least 14 miners died when the Harl pit flooded on Sunday, the mines inspectorate said.",
        "Seventeen miners were killed when the Harl pit flooded on Sunday, the mines inspectorate said."])
    statements = [g for g in ledger.groups if g.members[0].startswith("q-")]
    assert [g.status for g in statements] == ["compatible"]
    assert "14+" in statements[0].why and "17" in statements[0].why


def test_grouping_statements_with_other_figures_never_agree() -> None:
    ledger, items = _ledger([
        "The county emergency office said about 200 homes were destroyed by the wildfire near Castleford.",
        "More than 300 homes were destroyed by the wildfire near Castleford, the Red Cross said on Sunday."])
    for g in ledger.groups:
        assert g.status == "conflict", g
        assert "the same statement" not in g.why
    figures = _with(ledger, items, "about 200 homes", "More than 300 homes")
    assert figures and "180–220" in figures[0].why and "300+" in figures[0].why


def test_grouping_statement_lifted_against_stay_in_place_is_no_agreement() -> None:
    ledger, _ = _ledger([
        "The city council said the curfew order would stay in place until the end of the month in Varna.",
        "Officials in Varna said the curfew order was lifted on Thursday after a quiet week."])
    assert all(g.status != "agree" for g in ledger.groups)


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ('"The order will stay in place," the mayor of Varna said of the curfew order.',
         '"The order was lifted today," the mayor of Varna said of the curfew order.', "conflict"),
        ("The Varna ministry said the curfew order was not lifted on the island of Vesk.",
         "The Varna ministry said the curfew order was lifted on the island of Vesk.", "conflict"),
        ("The Varna ministry said the curfew order could be lifted on the island of Vesk.",
         "The Varna ministry said the curfew order was lifted on the island of Vesk.", "compatible"),
        ("Police in Varna said a 52-year-old fisherman drowned off the island of Vesk.",
         "Police in Varna said a 54-year-old fisherman drowned off the island of Vesk.", "conflict"),
    ],
)
def test_grouping_statement_verdicts_read_content(a: str, b: str, status: str) -> None:
    from newsledger.compare.statements import judge_statements

    ledger, _ = _ledger([a, b])
    quotes = [q for q in ledger.quotes if q.kind == "statement"]
    by_doc = {q.doc: q for q in quotes}
    assert len(by_doc) == 2
    assert judge_statements(list(by_doc.values()))[0] == status


def test_grouping_synonyms_bring_one_measure_together() -> None:
    ledger, items = _ledger([
        "More than 4,000 members of the Varno nurses' union walked off the job at Ostia hospitals on Monday.",
        "About 4,200 Ostia hospital employees walked off the job on Monday after turning down the pay offer."])
    groups = _with(ledger, items, "4,000 members", "4,200")
    assert len(groups) == 1 and groups[0].status == "compatible"


def test_grouping_orders_conflicts_first() -> None:
    ledger, _ = _ledger([
        "At least 40 people were killed in the Ardenne flood on Monday, the regional governor said. "
        "Some 1,200 homes were flooded in the Ardenne valley.",
        "The Ardenne flood killed 12 people on Monday, police said. "
        "About 1,200 homes were flooded in the Ardenne valley, officials said."])
    order = {"conflict": 0, "compatible": 1, "agree": 2}
    assert [order[g.status] for g in ledger.groups] == sorted(order[g.status] for g in ledger.groups)
    assert ledger.groups and ledger.groups[0].status == "conflict"


def test_grouping_never_within_one_document() -> None:
    ledger, _ = _ledger(["The line has 30 km of road and 45 km of rail.", "Prices rose."])
    assert ledger.groups == []


def test_grouping_of_one_articles_claims_is_empty_before_any_comparing(monkeypatch: pytest.MonkeyPatch) -> None:
    two = ["A magnitude 6.2 tremor shook the Varno coast on Monday, officials said.",
           "The tremor, with a magnitude of 6.2, rattled Varno on Monday, police said."]
    ledger, _ = _ledger(two)
    assert ledger.groups  # in two articles the figures are compared and grouped
    one, _ = _ledger([" ".join(two)])
    assert len(one.quantities) >= 2

    def compared(*_args: object, **_kwargs: object) -> list[object]:
        raise AssertionError("one article's claims were compared")

    monkeypatch.setattr("newsledger.compare.grouping.build_claims", compared)
    assert group_claims(one.documents, one.quotes, one.quantities, one.events, one.entities) == []


def test_grouping_ids_deterministic() -> None:
    texts = ["Ostria has sent some 6,300 of its soldiers to help Veldan hold the valley.",
             "Veldan officials estimate that roughly 6,800 Ostrian troops were deployed to the valley."]
    first, second = analyze_texts(texts).groups, analyze_texts(texts).groups
    assert [g.id for g in first] == [g.id for g in second] and first


def _make_doc(doc_id: str, sentences: list[str]) -> Document:
    text, spans = "", []
    for s in sentences:
        spans.append((len(text), len(text) + len(s)))
        text += s + " "
    return Document(id=doc_id, source=f"news/{doc_id}.txt", text=text, meta=Metadata(), sentences=tuple(spans))


def _synthetic(n_docs: int, seed: int = 3) -> tuple[list[Document], list[Quantity]]:
    """Articles of many small stories, each with figures on a few measures of its own."""
    rng = random.Random(seed)
    measures = ["troops sent", "people killed", "homes destroyed", "refugees", "votes cast", "jobs lost",
                "cases reported", "flights cancelled"]
    docs, qs = [], []
    for i in range(n_docs):
        story = i // 8
        sents = []
        for k in range(4):
            m = measures[(story + k) % len(measures)]
            sents.append(f"Officials of place{story} reported {100 * (k + 1) + rng.randint(0, 9)} {m}.")
        d = _make_doc(f"d{i}", sents)
        docs.append(d)
        for k, s in enumerate(sents):
            m = measures[(story + k) % len(measures)]
            start = d.text.index(s)
            num = s.split(" reported ")[1].split(" ")[0]
            qs.append(Quantity(d.id, start + s.index(num), start + s.index(num) + len(num), num, float(num),
                               float(num), float(num), "exact", m))
    return docs, qs


def test_grouping_blocking_cost_grows_near_linearly() -> None:
    counts = []
    for n in (200, 800):
        calls = {"n": 0}
        docs, qs = _synthetic(n)
        claims = build_claims(docs, [], qs, [], [])

        def counting(a: object, b: object, calls: dict[str, int] = calls) -> float:
            calls["n"] += 1
            return 0.0

        blocking.candidate_pairs(claims, score=counting)  # type: ignore[arg-type]
        counts.append(calls["n"])
    assert counts[1] <= 6 * counts[0]
    assert counts[1] < (800 * 4) ** 2 / 2 / 20


def test_grouping_identical_copies_make_one_agreeing_group() -> None:
    sentence = "The Veldan health office said 312 people were treated in hospital after the flood."
    ledger, items = _ledger([sentence + f" Filler line number {i}." for i in range(6)])
    figures = [g for g in ledger.groups if all(isinstance(items[m], Quantity) for m in g.members)]
    assert len(figures) == 1 and len(figures[0].members) == 6
    assert all(g.status == "agree" for g in ledger.groups)


def _load(path: Path, name: str) -> ModuleType:
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_grouping_sample_bundle_groups_from_perfect_ledger(kursk_dir: Path, score_module: ModuleType) -> None:
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
    figures = score_module.evaluate(export, gold, str(kursk_dir))["sections"]["groups"]["figures"]
    # the export's spans carry no parse of their own: their facts are read again from the articles
    assert figures["found_rate"] >= 0.6
    assert figures["status_accuracy"] == 1.0


def test_grouping_one_firms_own_figure_from_two_articles_is_one_fact() -> None:
    # the measure is the reporting firm's own (own_measures.tsv): the same firm's sales meet
    ledger, items = _ledger([
        "Halden Corp said fourth quarter sales rose 2% to $11.1bn, helped by demand for its cable services.",
        "Halden Corp said its fourth quarter sales rose 2% as demand for cable services held up."])
    groups = _with(ledger, items, "2%")
    assert any(g.status == "agree" and len(g.members) == 2 for g in groups)


def test_grouping_toll_reported_by_two_bodies_is_still_compared() -> None:
    # a toll is no reporter's own measure: two bodies giving two tolls is a conflict to show
    ledger, items = _ledger([
        "The health ministry said 212 people were killed in the Ardenne flood on Monday.",
        "The Red Cross said 230 people were killed in the Ardenne flood on Monday."])
    figures = [g for g in _with(ledger, items, "212 people", "230 people") if g.members[0].startswith("n-")]
    assert len(figures) == 1 and figures[0].status == "conflict" and figures[0].label == "deaths"


@pytest.mark.parametrize(
    ("verb", "form"),
    [("launch", "launched"), ("log", "logged"), ("evacuated", "evacuated"), ("cost", "cost"), ("bring", "brought")],
)
def test_labels_participles(verb: str, form: str) -> None:
    from newsledger.compare.labels import participle

    assert participle(verb) == form


@pytest.mark.parametrize(
    ("label", "text", "plain"),
    [
        ("sign trade pact", "The two governments signed a trade pact in Osrin on Monday.", "trade pact signed"),
        ("talk stall", "Talks over the port lease have stalled since last spring.", "talk stalled"),
        ("burn shed", "A garden shed burned down near the school on Friday.", "shed burned"),
        ("break down", "Talks broke down on Friday.", "break down"),
        ("injure", "Four people were injured on Sunday.", "injured"),
    ],
)
def test_labels_event_in_plain_words(label: str, text: str, plain: str) -> None:
    from newsledger.compare.labels import event_phrase

    assert event_phrase(label, [text]) == plain


def test_labels_figures_in_plain_words() -> None:
    ledger, items = _ledger([
        "The collapsed section of the Morrow pier was 40 metres long, the harbour office said on Monday.",
        "The collapsed section of the Morrow pier was 48 metres long, engineers said on Monday."])
    figures = [g for g in _with(ledger, items, "40 metres", "48 metres") if g.members[0].startswith("n-")]
    assert [(g.label, g.status) for g in figures] == [("length of sections", "conflict")]


_YARD_FIRE = [
    "Orrin Herald\nMarch 12, 2031\n\nA fire tore through a timber yard on the Orrin waterfront late on Tuesday, the "
    "fire service said. The blaze started shortly after 9:40 p.m. in a drying shed, according to the fire service, "
    "and burned until dawn.",
    "Orrin Weekly\nMarch 14, 2031\n\nThe fire that broke out last Tuesday at the timber yard on the Orrin waterfront "
    "destroyed three sheds, the owner said. Insurers are assessing the damage to the yard.",
]


def test_grouping_clock_time_alone_gives_no_date_to_compare() -> None:
    from newsledger.compare.claims import clock_only

    ledger, items = _ledger(_YARD_FIRE)
    clocked = [e for e in ledger.events if e.time_text.startswith("shortly after")]
    assert clocked and all(clock_only(e) for e in clocked)
    assert not any(clock_only(e) for e in ledger.events if "Tuesday" in e.time_text)
    fire = [g for g in _with(ledger, items, "tore through", "broke out") if g.members[0].startswith("ev-")]
    assert len(fire) == 1 and fire[0].status == "agree" and fire[0].label == "fire began"


def test_grouping_statements_of_different_happenings_are_not_the_same_statement() -> None:
    ledger, items = _ledger(_YARD_FIRE)
    said = [g for g in _with(ledger, items, "A fire tore through", "destroyed three sheds") if g.members[0].startswith("q-")]
    assert said and all(g.status == "compatible" and "the same" not in g.why for g in said)


def test_grouping_lengths_of_a_happening_compare_across_units() -> None:
    ledger, items = _ledger([
        "Tessel Courier\nMay 2, 2031\n\nThe last strike at the Tessel steel mill, in 2015, dragged on for six weeks "
        "and cost the firm $2bn, union leaders said on Tuesday.",
        "Orrin Wire\nMay 3, 2031\n\nThe Tessel steel mill reopened after a 40-day walkout in 2015, analysts at "
        "Orrin Bank said on Tuesday."])
    lengths = _with(ledger, items, "six weeks", "40-day walkout")
    assert len(lengths) == 1 and lengths[0].status == "conflict" and lengths[0].label == "strikes lasted"
    assert "42 days and 40 days" in lengths[0].why
    weeks = next(q for q in ledger.quantities if q.text == "six weeks")
    assert weeks.value == 6 and weeks.facts is not None and weeks.facts.days_per_unit == 7


def test_labels_amount_of_a_substance_names_its_unit() -> None:
    ledger, items = _ledger([
        "About 150 tonnes of synthetic rubber were stored in the Orrin depot, the owner said on Monday.",
        "Nearly 600 tonnes of synthetic rubber were stored in the Orrin depot, a port official said on Monday."])
    figures = [g for g in _with(ledger, items, "150 tonnes", "600 tonnes") if g.members[0].startswith("n-")]
    assert [(g.label, g.status) for g in figures] == [("tonnes of rubber stored", "conflict")]


@pytest.mark.parametrize(("sentence", "head"), [
    ("The agency put the total damage to the harbour at about 4 million euros, officials said.", "damage"),
    ("The cost of the new bridge was estimated at $40 million.", "cost"),
    ("Police put the number of protesters at 2,000 on Sunday.", "protester"),
    ("Analysts pegged the losses at 2 billion dollars.", "loss"),
])
def test_facts_value_given_with_at_is_of_the_thing_assessed(sentence: str, head: str) -> None:
    ledger, _ = _ledger([sentence])
    [figure] = ledger.quantities
    assert figure.facts is not None and (figure.facts.head, figure.facts.action) == (head, None)


@pytest.mark.parametrize(("sentence", "head"), [
    ("The number of pupils without classrooms rose to 41,000.", "pupil"),
    ("The total of arrests climbed to more than 90 overnight.", "arrest"),
])
def test_facts_figure_reached_by_a_counting_subject_is_of_what_it_counts(sentence: str, head: str) -> None:
    ledger, _ = _ledger([sentence])
    [figure] = ledger.quantities
    assert figure.facts is not None and figure.facts.head == head


@pytest.mark.parametrize(("sentence", "action"), [
    ("The evacuation of 300 residents began at dawn.", "evacuation"),
    ("The homes of 40 families were flooded.", "flood"),  # a thing "of" the count is no action
])
def test_facts_a_noun_the_count_is_of_is_its_action_only_when_it_names_a_happening(sentence: str,
                                                                                    action: str) -> None:
    ledger, _ = _ledger([sentence])
    [figure] = ledger.quantities
    assert figure.facts is not None and figure.facts.action == action


def test_facts_past_possibility_is_a_count_not_a_projection() -> None:
    ledger, _ = _ledger(["Up to 40 people may have died in the blaze.", "The toll could top 3,000 by May."])
    may, could = ledger.quantities
    assert may.facts is not None and may.facts.modality is None
    assert could.facts is not None and could.facts.modality == "could"


def test_facts_at_a_place_is_no_assessment() -> None:
    ledger, _ = _ledger(["Police put up 300 barriers at the square."])
    [figure] = ledger.quantities
    assert figure.facts is not None and figure.facts.head == "barrier"


def test_labels_sum_of_money_is_named_by_what_it_is() -> None:
    ledger, items = _ledger([
        "The port authority put the damage to the quay at about 3 million euros on Monday.",
        "The port authority put the damage to the quay at 9 million euros, an insurer said on Monday."])
    figures = [g for g in _with(ledger, items, "3 million", "9 million") if g.members[0].startswith("n-")]
    assert [(g.label, g.status) for g in figures] == [("damage", "conflict")]


def test_grouping_lets_go_of_its_texts_but_not_its_words() -> None:
    """What is worked out per claim text lives for one comparison; per word, across comparisons."""
    from newsledger.compare import _words

    ledger, _items = _ledger([
        "Rescuers pulled 40 passengers from the lake on Monday, the coast guard said.",
        "The coast guard said 40 passengers were rescued from the lake on Monday."])
    _words.content_lemmas("forty passengers rescued")
    _words.lemma("passengers")
    groups = group_claims(ledger.documents, ledger.quotes, ledger.quantities, ledger.events, ledger.entities)
    assert any(g.status == "agree" for g in groups)  # the comparison used them, then let them go
    assert _words.content_lemmas.cache_info().currsize == 0
    assert _words.casualty_set_of.cache_info().currsize == 0
    assert _words.phrasal_verbs_in.cache_info().currsize == 0
    from newsledger import meaning

    assert meaning._canon_tuple.cache_info().currsize == 0
    assert _words.lemma.cache_info().currsize > 0
