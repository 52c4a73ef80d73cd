"""ClaimReview export: valid against schema.org's definitions (a copy in tests/data), nothing invented."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from newsledger.cli import main
from newsledger.export.claimreview import claim_reviews
from newsledger.store.repository import Store
from newsledger.stories import story_ledger

REPO = Path(__file__).resolve().parents[2]
VOCABULARY = REPO / "tests" / "data" / "schemaorg_claimreview.json"
HARBOR = REPO / "examples" / "harbor-fire"
ORG = ["--org", "Velmora Fact Desk", "--org-url", "https://factdesk.example/"]

# Invented reports of one event, with addresses and outlets: two disagree on a figure.
JSONL = [
    {"id": "courier", "outlet": "Velmora Courier", "url": "https://courier.example/2025/05/06/bridge",
     "published": "2025-05-06", "title": "Footbridge collapses over the Tarrow in Velmora",
     "text": "Velmora – A footbridge over the river Tarrow collapsed on Monday evening as a crowd crossed it after a "
             "concert, the Velmora Fire Brigade said. Twelve people were injured, the brigade said.\n“The deck simply "
             "gave way under them,” said brigade commander Ilse Marrow."},
    {"id": "post", "outlet": "Tarrow Post", "url": "https://tarrowpost.example/news/velmora-bridge-engineers",
     "published": "2025-05-07", "title": "Velmora bridge: engineers inspect the Tarrow span",
     "text": "Velmora – Engineers from the Kessing Works inspected the wreck of the Tarrow footbridge on Tuesday. Five "
             "people were injured when the bridge collapsed on Monday, the Velmora Fire Brigade said.\nCommander Ilse "
             "Marrow said the crowd had been larger than the bridge was built for."},
]


class Vocabulary:
    """The classes and properties of the schema.org copy, and a check of a JSON-LD node against them."""

    def __init__(self, path: Path) -> None:
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        self.parent: dict[str, str | None] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        for term in graph:
            name = _local(term["@id"])
            if term["@type"] == "rdf:Property":
                self.domains[name] = {_local(x["@id"]) for x in _many(term["schema:domainIncludes"])}
                self.ranges[name] = {_local(x["@id"]) for x in _many(term["schema:rangeIncludes"])}
            else:
                sub = term.get("rdfs:subClassOf")
                self.parent[name] = _local(sub["@id"]) if sub else None

    def lineage(self, cls: str) -> list[str]:
        out = [cls]
        while (up := self.parent.get(out[-1])) is not None:
            out.append(up)
        return out

    def errors(self, node: dict[str, Any], where: str = "$") -> list[str]:
        kind = node.get("@type")
        if kind not in self.parent:
            return [f"{where}: unknown type {kind!r}"]
        found = []
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in self.domains:
                found.append(f"{where}.{key}: not a property of the vocabulary")
                continue
            if not self.domains[key] & set(self.lineage(kind)):
                found.append(f"{where}.{key}: not a property of {kind}")
            for i, v in enumerate(_many(value)):
                found += self._value(key, v, f"{where}.{key}[{i}]")
        return found

    def _value(self, key: str, value: Any, where: str) -> list[str]:
        ranges = self.ranges[key]
        if isinstance(value, dict):
            if not ranges & set(self.lineage(value.get("@type", ""))):
                return [f"{where}: a {value.get('@type')} where {sorted(ranges)} is expected"]
            return self.errors(value, where)
        if isinstance(value, bool) or not any(_DATATYPES[r](value) for r in ranges if r in _DATATYPES):
            return [f"{where}: {value!r} is none of {sorted(ranges)}"]
        return []


def _local(term: str) -> str:
    return term.removeprefix("schema:")


def _many(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _is_datetime(v: Any) -> bool:
    if not isinstance(v, str) or "T" not in v:
        return False
    try:
        dt.datetime.fromisoformat(v)
    except ValueError:
        return False
    return True


def _is_date(v: Any) -> bool:
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return False
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return False
    return True


_DATATYPES = {
    "Text": lambda v: isinstance(v, str) and bool(v.strip()),
    "URL": lambda v: isinstance(v, str) and re.fullmatch(r"https?://[^\s/]+(/\S*)?", v) is not None,
    "Date": _is_date,
    "DateTime": _is_datetime,
    "Number": lambda v: isinstance(v, (int, float)),
}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary(VOCABULARY)


@pytest.fixture(scope="module")
def harbor_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("harbor") / "nl.db"
    assert main(["analyze", "-q", "--db", str(db), str(HARBOR)]) == 0
    return str(db)


@pytest.fixture
def velmora_db(tmp_path: Path) -> str:
    src = tmp_path / "velmora.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in JSONL), encoding="utf-8")
    db = tmp_path / "nl.db"
    assert main(["analyze", "-q", "--db", str(db), str(src)]) == 0
    return str(db)


def _export(db: str, tmp_path: Path, *extra: str) -> list[dict[str, Any]]:
    out = tmp_path / "reviews.jsonld"
    assert main(["export", "--db", db, "--format", "claimreview", "-o", str(out), *extra]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.mark.parametrize(("node", "error"), [
    ({"@type": "ClaimReview", "claimReviewed": "x", "rating": 3}, "not a property of the vocabulary"),
    ({"@type": "Claim", "claimReviewed": "x"}, "not a property of Claim"),
    ({"@type": "ClaimReview", "reviewRating": {"@type": "Person", "name": "x"}}, "a Person where ['Rating']"),
    ({"@type": "CreativeWork", "url": "not a url"}, "is none of ['URL']"),
    ({"@type": "CreativeWork", "datePublished": "March 2025"}, "is none of ['Date', 'DateTime']"),
    ({"@type": "Verdict"}, "unknown type"),
])
def test_vocabulary_check_catches_what_schema_org_does_not_define(vocabulary: Vocabulary, node: dict[str, Any],
                                                                   error: str) -> None:
    assert any(error in e for e in vocabulary.errors(node))


def test_claimreview_of_harbor_fire_has_every_field_and_validates(harbor_db: str, tmp_path: Path,
                                                                   vocabulary: Vocabulary) -> None:
    reviews = _export(harbor_db, tmp_path, *ORG)
    ledger = story_ledger(Store(harbor_db, create=False), 1)
    groups = {g.id: g for g in ledger.groups}
    assert [r["identifier"] for r in reviews] == list(groups)  # one review per group, in the ledger's order
    titles = {d.meta.title for d in ledger.documents}
    dates = {d.meta.published for d in ledger.documents}
    today = dt.datetime.now(dt.UTC).date().isoformat()
    for review in reviews:
        assert vocabulary.errors(review) == []
        group = groups[review["identifier"]]
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"].strip()
        assert review["author"] == {"@type": "Organization", "name": "Velmora Fact Desk",
                                    "url": "https://factdesk.example/"}
        assert review["datePublished"] in (today, (dt.date.fromisoformat(today) - dt.timedelta(days=1)).isoformat())
        assert review["creativeWorkStatus"] == "Draft"
        assert review["reviewRating"] == {"@type": "Rating", "ratingExplanation": f"{group.status}: {group.why}"}
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        for work in claim.get("appearance", []):
            # the example's articles have no address: none is made up, and titles and dates are their own
            assert "url" not in work
            assert work.get("name", next(iter(titles))) in titles and work.get("datePublished") in dates
    rubber = next(r for r in reviews if groups[r["identifier"]].label.startswith("tonnes of synthetic rubber"))
    assert "150 to 200 tonnes" in rubber["claimReviewed"] and "nearly 600 tonnes" in rubber["claimReviewed"]
    assert rubber["reviewRating"]["ratingExplanation"].startswith("conflict: 150–200 tonnes and 540–600 tonnes")
    # Radio Alden's article states no title, date or outlet: it is no listed appearance
    assert rubber["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "name": "Port Alden warehouse fire: what we know so far",
         "datePublished": "2025-03-14T09:12:00+00:00"}]
    assert "firstAppearance" not in rubber["itemReviewed"]


def test_claimreview_carries_every_outlet_url_of_the_group(velmora_db: str, tmp_path: Path,
                                                            vocabulary: Vocabulary) -> None:
    reviews = _export(velmora_db, tmp_path, *ORG)
    conflict = next(r for r in reviews if r["reviewRating"]["ratingExplanation"].startswith("conflict"))
    assert vocabulary.errors(conflict) == []
    claim = conflict["itemReviewed"]
    assert claim["appearance"] == [
        {"@type": "CreativeWork", "url": "https://courier.example/2025/05/06/bridge",
         "name": "Footbridge collapses over the Tarrow in Velmora", "datePublished": "2025-05-06",
         "publisher": {"@type": "Organization", "name": "Velmora Courier"}},
        {"@type": "CreativeWork", "url": "https://tarrowpost.example/news/velmora-bridge-engineers",
         "name": "Velmora bridge: engineers inspect the Tarrow span", "datePublished": "2025-05-07",
         "publisher": {"@type": "Organization", "name": "Tarrow Post"}}]
    assert claim["firstAppearance"] == claim["appearance"][0]  # the dates say which came first
    assert claim["author"] == {"@type": "Organization", "name": "Velmora Fire Brigade"}
    assert conflict["claimReviewed"] == (
        "“Twelve people were injured, the brigade said.” (Velmora Courier); “Five people were injured when the "
        "bridge collapsed on Monday, the Velmora Fire Brigade said.” (Tarrow Post)")


def test_claimreview_per_claim(velmora_db: str, tmp_path: Path, vocabulary: Vocabulary) -> None:
    ledger = story_ledger(Store(velmora_db, create=False), 1)
    members = list(dict.fromkeys(m for g in ledger.groups for m in g.members))
    reviews = _export(velmora_db, tmp_path, "--claims")
    assert [r["identifier"] for r in reviews] == members
    for review in reviews:
        assert vocabulary.errors(review) == [] and "author" not in review  # no --org: no author
        assert len(review["itemReviewed"]["appearance"]) == 1
    twelve = next(r for r in reviews if r["claimReviewed"] == "Twelve people were injured, the brigade said.")
    assert twelve["itemReviewed"]["appearance"][0]["url"] == "https://courier.example/2025/05/06/bridge"
    assert twelve["reviewRating"]["ratingExplanation"].startswith("conflict: 12 and 5 cannot both hold")


def test_claimreview_leaves_out_what_no_article_says() -> None:
    from newsledger.model import Group, Ledger, Quantity, item_id
    from newsledger.pipeline import prepare_text

    doc = prepare_text("Some 300 workers were sent home, the union said.\n", source="a.txt")
    n = Quantity(doc.id, 0, 16, "Some 300 workers", 300.0, 270.0, 330.0, "approximate", "workers sent home")
    ledger = Ledger(documents=[doc], quantities=[n],
                    groups=[Group("g-1", "workers sent home", (item_id(n),), "agree", "one figure")])
    [review] = claim_reviews(ledger, today=dt.date(2025, 5, 9))
    assert review["itemReviewed"] == {"@type": "Claim"}  # no address, title, date or outlet: no appearance
    assert review["datePublished"] == "2025-05-09" and "author" not in review
    assert review["claimReviewed"] == "Some 300 workers were sent home, the union said."


@pytest.mark.parametrize(("argv", "message"), [
    (["--org", "X"], "--claims, --org and --org-url go with --format claimreview"),
    (["--format", "claimreview", "--org-url", "factdesk.example"], "is not an http(s) address"),
])
def test_claimreview_options_misused(argv: list[str], message: str, velmora_db: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", velmora_db, *argv]) == 2
    assert message in capsys.readouterr().err
