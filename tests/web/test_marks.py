"""Article text with overlapping highlights: well formed, escaped, every span wholly marked."""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

import pytest

from newsledger.store.search import MARK_END, MARK_START
from newsledger.web.marks import Layer, mark_text
from newsledger.web.render import snippet_markup


class _Checker(HTMLParser):
    """Checks that every element closes in order; collects the text, and the text inside each layer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.covered: dict[str, list[str]] = defaultdict(list)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        self.stack.append((tag, given.get("id") or given.get("data-of") or ""))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _tag, key in self.stack:
            self.covered[key].append(data)


@pytest.mark.parametrize(
    ("text", "layers", "expected"),
    [
        ("a <b> c", [Layer(2, 5, "mark", {"id": "x"})], 'a <mark id="x">&lt;b&gt;</mark> c'),
        ("abcdef", [Layer(0, 6, "mark", {"id": "q"}), Layer(2, 4, "em")], '<mark id="q">ab<em>cd</em>ef</mark>'),
        # crossing spans: the later one closes with the earlier one and goes on as a continuation
        ("abcdef", [Layer(0, 4, "mark", {"id": "q"}, {"class": "cont"}), Layer(2, 6, "em", {"id": "n"}, {"class": "c"})],
         '<mark id="q">ab<em id="n">cd</em></mark><em class="c">ef</em>'),
        # same offsets: the lower rank is outside
        ("abc", [Layer(0, 3, "em", rank=2), Layer(0, 3, "span", rank=1)], "<span><em>abc</em></span>"),
        # empty and out-of-range spans are skipped, never an error
        ("abc", [Layer(2, 2, "em"), Layer(1, 9, "em"), Layer(-1, 2, "em")], "abc"),
        # attribute values are escaped
        ("abc", [Layer(0, 1, "mark", {"title": '"><script>'})], '<mark title="&#34;&gt;&lt;script&gt;">a</mark>bc'),
    ],
)
def test_marks_mark_text(text: str, layers: list[Layer], expected: str) -> None:
    assert str(mark_text(text, layers)) == expected


@pytest.mark.parametrize("seed", range(30))
def test_marks_random_overlaps_stay_well_formed_and_keep_the_text(seed: int) -> None:
    import random

    rng = random.Random(seed)
    text = "".join(rng.choice("ab <>&\"'\n") for _ in range(80))
    layers = []
    for k in range(12):
        a, b = sorted(rng.sample(range(len(text) + 1), 2))
        layers.append(Layer(a, b, rng.choice(["mark", "span", "em"]), {"id": f"l{k}"}, {"data-of": f"l{k}"}, k % 3))
    out = str(mark_text(text, layers))
    checker = _Checker()
    checker.feed(out)
    checker.close()
    assert checker.stack == []
    assert "".join(checker.text) == text
    # every character of a span is inside one of its pieces, and only the first piece has its id
    for k, layer in enumerate(layers):
        assert "".join(checker.covered[f"l{k}"]) == text[layer.start:layer.end]
        assert out.count(f'id="l{k}"') == (1 if layer.start < layer.end else 0)


@pytest.mark.parametrize(
    ("snippet", "html"),
    [(f"the {MARK_START}quay{MARK_END} <b>", "the <mark>quay</mark> &lt;b&gt;"),
     (f"{MARK_START}<script>{MARK_END}", "<mark>&lt;script&gt;</mark>"),
     (f"open {MARK_START}never closed", "open <mark>never closed</mark>"),  # never left open
     (f"{MARK_END}a{MARK_END}", "<mark>a</mark>")],
)
def test_marks_search_snippet_markup(snippet: str, html: str) -> None:
    assert str(snippet_markup(snippet)) == html
