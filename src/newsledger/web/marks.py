"""Article text as HTML with spans that may overlap: sentences, boilerplate lines, claims.

HTML elements must nest, but a quote may run over two sentences and a figure may cross the end
of a quote. Each span is therefore written as one or more pieces: where a span must close
because one around it ends, it closes and opens again right after (a *continuation*). Every
character of every span is inside one of its pieces; only the first piece carries the span's
own attributes (its ``id``, ``tabindex``), continuations carry ``cont_attrs``. All text and
all attribute values are escaped here: article text is untrusted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Layer:
    """One span to mark: ``text[start:end]`` inside ``<tag attrs…>``.

    ``rank`` orders spans that start and end at the same offsets: the lower rank is outside.
    """

    start: int
    end: int
    tag: str
    attrs: Mapping[str, str] = field(default_factory=dict)
    cont_attrs: Mapping[str, str] = field(default_factory=dict)
    rank: int = 0


def _open(layer: Layer, *, first: bool) -> str:
    attrs = layer.attrs if first else layer.cont_attrs
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
    return f"<{layer.tag}{rendered}>"


def mark_text(text: str, layers: Sequence[Layer]) -> Markup:
    """``text`` escaped, with every layer marked; well formed whatever the overlaps.

    Args:
        text (str): the article text, e.g. ``'He said "<b>2</b> died"'``.
        layers (Sequence[Layer]): spans with offsets into ``text``; empty or out-of-range ones are skipped.
    Returns:
        Markup: e.g. ``mark_text("abcdef", [Layer(0, 4, "mark"), Layer(2, 6, "em")])`` →
        ``<mark>ab<em>cd</em></mark><em>ef</em>``.
    """
    valid = [x for x in layers if 0 <= x.start < x.end <= len(text)]
    ordered = sorted(valid, key=lambda x: (x.start, -x.end, x.rank))
    points = sorted({p for x in ordered for p in (x.start, x.end)})
    out: list[str] = []
    stack: list[Layer] = []
    pos = 0
    i = 0
    for p in points:
        out.append(str(escape(text[pos:p])))
        pos = p
        closing = [k for k, x in enumerate(stack) if x.end == p]
        if closing:
            k = closing[0]
            for x in reversed(stack[k:]):
                out.append(f"</{x.tag}>")
            reopen = [x for x in stack[k:] if x.end != p]
            del stack[k:]
            for x in reopen:
                out.append(_open(x, first=False))
                stack.append(x)
        while i < len(ordered) and ordered[i].start == p:
            out.append(_open(ordered[i], first=True))
            stack.append(ordered[i])
            i += 1
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
