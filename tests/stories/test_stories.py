"""Stories: a mixed folder splits, a story grows article by article, other stories stay as they were."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from newsledger.cli import main
from newsledger.model import Entity, Ledger, Mention
from newsledger.store.repository import Store
from newsledger.store.schema import documents, features, items, stories, story_documents, story_entities, story_groups
from newsledger.stories import merge_ledgers
from newsledger.stories.update import scope_entities


def _export_all(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["export", "--all", "--db", str(db)]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _members(data: dict[str, Any]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for d in data["documents"]:
        out.setdefault(d["story"], []).append(d["file"])
    return {k: sorted(v) for k, v in out.items()}


def test_stories_mixed_folder_becomes_two_stories(articles: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (articles / "ferry3.txt").unlink()
    db = tmp_path / "nl.db"
    assert main(["analyze", "--db", str(db), str(articles)]) == 0
    out = capsys.readouterr().out
    assert "bakery2.txt joined: shares" in out and "ferry2.txt joined: shares" in out
    assert "Kellin Mills" in out and "Elin Sorvik" in out
    data = _export_all(db, capsys)
    assert _members(data) == {1: ["bakery1.txt", "bakery2.txt"], 2: ["ferry1.txt", "ferry2.txt"]}
    assert [s["id"] for s in data["stories"]] == [1, 2]


def _rows(db: Path, story_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row that belongs to one story."""
    store = Store(str(db), create=False)
    with store.reading() as conn:
        docs = [r.doc_id for r in conn.execute(select(story_documents.c.doc_id)
                                               .where(story_documents.c.story_id == story_id))]
        out = {
            "stories": [tuple(r) for r in conn.execute(select(stories).where(stories.c.id == story_id))],
            "story_documents": [tuple(r) for r in conn.execute(select(story_documents)
                                                              .where(story_documents.c.story_id == story_id))],
            "features": sorted(tuple(r) for r in conn.execute(select(features).where(features.c.story_id == story_id))),
            "story_entities": sorted(tuple(map(str, r)) for r in conn.execute(
                select(story_entities).where(story_entities.c.story_id == story_id))),
            "story_groups": sorted(tuple(map(str, r)) for r in conn.execute(
                select(story_groups).where(story_groups.c.story_id == story_id))),
            "documents": sorted(tuple(map(str, r)) for r in conn.execute(
                select(documents).where(documents.c.id.in_(docs)))),
            "items": sorted(tuple(map(str, r)) for r in conn.execute(select(items).where(items.c.doc_id.in_(docs)))),
        }
    store.close()
    return out


def test_stories_adding_an_article_changes_no_other_story(articles: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "nl.db"
    last = articles / "ferry3.txt"
    held = tmp_path / "ferry3.txt"
    last.rename(held)
    assert main(["analyze", "-q", "--db", str(db), str(articles)]) == 0
    before = _export_all(db, capsys)
    bakery = _rows(db, 1)
    assert all(bakery.values())
    [passengers] = [g for g in before["groups"] if "passengers" in g["label"]]
    assert main(["analyze", "-q", "--db", str(db), str(held)]) == 0
    assert _rows(db, 1) == bakery  # not one row of the other story changed
    after = _export_all(db, capsys)
    assert _members(after)[2] == ["ferry1.txt", "ferry2.txt", "ferry3.txt"]
    [grown] = [g for g in after["groups"] if g["id"] == passengers["id"]]  # the group kept its id
    assert len(grown["members"]) == 3 and set(passengers["members"]) < set(grown["members"])


def test_stories_entities_merge_across_stories_on_full_names_only() -> None:
    def ent(eid: str, name: str, etype: str, doc: str) -> Entity:
        return Entity(eid, name, etype, (name,), (Mention(doc, 0, len(name), name, etype),))

    one = Ledger(entities=[ent("e-lake-varn-loc", "Lake Varn", "LOC", "a"), ent("e-brede-person", "Brede", "PERSON", "a"),
                           ent("e-orrow-gpe", "Orrow", "GPE", "a")])
    two = Ledger(entities=[ent("e-lake-varn-loc", "Lake Varn", "LOC", "b"), ent("e-brede-person", "Brede", "PERSON", "b"),
                           ent("e-kellin-org", "Kellin", "ORG", "b")])
    merged = merge_ledgers([scope_entities(one, 1), scope_entities(two, 2)])
    assert {e.id: sorted(m.doc for m in e.mentions) for e in merged.entities} == {
        "e-lake-varn-loc": ["a", "b"],  # a full name: one entity across stories
        "e-orrow-gpe": ["a"],  # a place is known by one name
        "e-brede-person-s1": ["a"], "e-brede-person-s2": ["b"],  # a bare surname never joins across stories
        "e-kellin-org-s2": ["b"],
    }


def test_stories_story_option_forces_a_story(articles: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "nl.db"
    assert main(["analyze", "-q", "--db", str(db), "--story", "Varn watch", str(articles / "bakery1.txt"),
                 str(articles / "ferry1.txt")]) == 0
    assert main(["stories", "--db", str(db), "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["id"], row["name"], row["articles"]) == (1, "Varn watch", 2)
    assert main(["analyze", "-q", "--db", str(db), "--story", "varn  WATCH", str(articles / "ferry2.txt")]) == 0
    assert main(["analyze", "-q", "--db", str(db), "--story", "9", str(articles / "ferry3.txt")]) == 2
    err = capsys.readouterr().err
    assert "no story 9" in err and "Varn watch" in err
    data = _export_all(db, capsys)
    assert _members(data) == {1: ["bakery1.txt", "ferry1.txt", "ferry2.txt"]}
