"""Invented articles on two events of one day: a ferry capsizing and a bakers' strike."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLES = {
    "ferry1.txt": "Ferry capsizes on Lake Varn, 40 passengers rescued\nMarch 3, 2031\nDunmore – The ferry Saint Odile "
                  "capsized on Lake Varn on Monday morning. Rescuers pulled 40 passengers from the water, the Varn "
                  "Coast Guard said.\n“The crew did everything they could,” said harbour master Elin Sorvik. Captain "
                  "Tomas Brede was among those rescued.\n",
    "ferry2.txt": "Lake Varn ferry disaster: captain questioned\nMarch 4, 2031\nDunmore – Police questioned Captain "
                  "Tomas Brede on Tuesday after the Saint Odile capsized on Lake Varn. The Varn Coast Guard said 40 "
                  "passengers were rescued and two are missing.\nHarbour master Elin Sorvik said the ferry had passed "
                  "its last inspection.\n",
    "ferry3.txt": "Divers search Lake Varn for two missing after Saint Odile sinking\nMarch 5, 2031\nDunmore – Divers of "
                  "the Varn Coast Guard searched Lake Varn on Wednesday for two passengers still missing from the "
                  "Saint Odile. About 40 passengers were rescued on Monday, the coast guard said.\n“We will not stop "
                  "until we find them,” Elin Sorvik said.\n",
    "bakery1.txt": "Bakers at Kellin Mills walk out over pay\nMarch 3, 2031\nOrrow – Some 300 bakers at Kellin Mills "
                   "walked out on Monday after talks on pay broke down, the Flour Workers Guild said.\n“We asked for a "
                   "fair wage and got nothing,” said guild secretary Ada Brede. The company said it would meet the guild "
                   "on Friday.\n",
    "bakery2.txt": "Kellin Mills strike enters second day\nMarch 4, 2031\nOrrow – About 300 bakers of Kellin Mills stayed "
                   "out on Tuesday, and bread shelves in Orrow were empty. The strike would go on until "
                   "the company raised its offer, Brede said.\n",
}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """The invented articles as files in ``tmp_path/articles``."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
