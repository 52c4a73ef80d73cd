"""Quotation marks: the quoted passages of each paragraph, at the character level.

Every paragraph is scanned for the marks news uses: straight and curly double quotes,
curly and straight single quotes, guillemets, „…“. Apostrophes (Freedonia’s, don't,
farmers’ plans) are told apart from closing single quotes by their neighbours. An unclosed
mark ends at its paragraph, unless the next paragraph opens with a mark (a quote running
over paragraphs), so one stray mark never swallows the rest of an article. Every scan is
one pass over the paragraph's marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Marked", "QUOTE_CHARS", "find_marked"]

QUOTE_CHARS = "\"'“”‘’«»„‹›"
_DOUBLE_MARKS = re.compile(r"[\"“”„]")
_GUILLEMETS = re.compile(r"[«»‹›]")
_SINGLE_MARKS = re.compile(r"[‘’']")
_DECADE = re.compile(r"\d\ds\b")
# characters after which a mark opens a quote ('(“Yes”', '—“No”')
_OPEN_AFTER = '([{—–-/"“„«‹'


@dataclass(frozen=True, slots=True)
class Marked:
    """Quoted words between two marks (or a mark and the paragraph's end).

    Attributes:
        start, end: the words inside the marks.
        open_at: offset of the opening mark; close_at: of the closing one (None: unclosed).
        family: "double", "single", "«" or "‹".
        para: index of the paragraph.
        chain: index (in the returned list) of the first quote of a run over paragraphs.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    family: str
    para: int
    chain: int = -1

    @property
    def outer_end(self) -> int:
        """End of the passage with its closing mark."""
        return self.close_at + 1 if self.close_at is not None else self.end


def _double_quotes(text: str, ps: int, pe: int, para: int) -> list[Marked]:
    out: list[Marked] = []
    open_at: int | None = None
    open_char = ""
    for m in _DOUBLE_MARKS.finditer(text, ps, pe):
        p, ch = m.start(), m.group()
        prev = text[p - 1] if p > ps else " "
        nxt = text[p + 1] if p + 1 < pe else " "
        if ch == "„":
            role = "open"
        elif ch == "“":
            # German „…“ closes with the mark English opens with
            role = "close" if open_at is not None and open_char == "„" else "open"
        elif ch == "”":
            role = "open" if open_at is None and prev.isspace() and not nxt.isspace() else "close"
        else:
            can_open = (p == ps or prev.isspace() or prev in _OPEN_AFTER) and not nxt.isspace()
            can_close = not prev.isspace() and p != ps and (p + 1 == pe or not nxt.isalnum())
            if can_open != can_close:
                role = "open" if can_open else "close"
            else:
                role = "close" if open_at is not None else "open"
        if role == "open":
            if open_at is not None:
                # an unclosed mark ends where the next quote opens
                out.append(Marked(open_at + 1, p, open_at, None, "double", para))
            open_at, open_char = p, ch
        elif open_at is not None:
            out.append(Marked(open_at + 1, p, open_at, p, "double", para))
            open_at = None
        # a closing mark with no opening one (an embedded post's last line) is ignored
    if open_at is not None:
        out.append(Marked(open_at + 1, pe, open_at, None, "double", para))
    return out


def _guillemet_quotes(text: str, ps: int, pe: int, para: int) -> list[Marked]:
    out: list[Marked] = []
    opened: dict[str, int] = {}
    pairs = {"«": "»", "‹": "›"}
    closes = {"»": "«", "›": "‹"}
    for m in _GUILLEMETS.finditer(text, ps, pe):
        p, ch = m.start(), m.group()
        if ch in pairs:
            if ch in opened:
                out.append(Marked(opened[ch] + 1, p, opened[ch], None, ch, para))
            opened[ch] = p
        elif closes[ch] in opened:
            o = opened.pop(closes[ch])
            out.append(Marked(o + 1, p, o, p, closes[ch], para))
    for ch, o in opened.items():
        out.append(Marked(o + 1, pe, o, None, ch, para))
    return out


def _single_quotes(text: str, ps: int, pe: int, para: int) -> list[Marked]:
    opens: list[int] = []
    closes: list[tuple[int, bool]] = []  # (position, weak)
    for m in _SINGLE_MARKS.finditer(text, ps, pe):
        p, ch = m.start(), m.group()
        prev = text[p - 1] if p > ps else " "
        nxt = text[p + 1] if p + 1 < pe else " "
        opening = (p == ps or prev.isspace() or prev in _OPEN_AFTER) and (nxt.isalnum() or nxt in '"“')
        # "‘90s" is a shortened year, not a quotation
        if ch in "‘'" and opening and not _DECADE.match(text, p + 1):
            opens.append(p)
            continue
        if ch in "’'" and not prev.isspace() and p != ps and not nxt.isalnum():
            after = text[p + 2] if p + 2 < pe else ""
            # "the soldiers’ efforts": a plural possessive, not a closing mark, when a
            # better close follows before the next opening mark
            weak = prev in "sS" and nxt == " " and after.islower()
            closes.append((p, weak))
    out: list[Marked] = []
    ci = 0
    n = 0
    while n < len(opens):
        o = opens[n]
        limit = opens[n + 1] if n + 1 < len(opens) else pe
        while ci < len(closes) and closes[ci][0] <= o:
            ci += 1
        cands = []
        k = ci
        while k < len(closes) and closes[k][0] < limit:
            cands.append(closes[k])
            k += 1
        strong = [p for p, weak in cands if not weak]
        chosen = strong[0] if strong else (cands[-1][0] if cands else None)
        if chosen is None:
            if limit == pe:
                out.append(Marked(o + 1, pe, o, None, "single", para))
            n += 1
            continue
        out.append(Marked(o + 1, chosen, o, chosen, "single", para))
        n += 1
        while n < len(opens) and opens[n] < chosen:
            n += 1
    return out


def find_marked(text: str, paragraphs: list[tuple[int, int]]) -> list[Marked]:
    """Every quoted passage of every paragraph, nested ones dropped, runs over paragraphs linked.

    Example: ``find_marked('He said “no”.', [(0, 13)])[0]`` covers ``no``.
    """
    found: list[Marked] = []
    for n, (ps, pe) in enumerate(paragraphs):
        found += _double_quotes(text, ps, pe, n)
        found += _guillemet_quotes(text, ps, pe, n)
        found += _single_quotes(text, ps, pe, n)
    found.sort(key=lambda m: (m.open_at, -m.end))
    kept: list[Marked] = []
    for m in found:
        if kept and m.open_at < kept[-1].end:
            continue  # inside another quote
        kept.append(m)
    openers = {(k.para, k.family) for k in kept if k.open_at == paragraphs[k.para][0]}
    out: list[Marked] = []
    for m in kept:
        if m.close_at is None and m.end == paragraphs[m.para][1] and m.family == "single" \
                and (m.para + 1, m.family) not in openers:
            continue  # an apostrophe-like mark that never closes
        out.append(m)
    chained: list[Marked] = []
    for i, m in enumerate(out):
        chain = i
        prev = chained[i - 1] if i else None
        if (prev is not None and prev.close_at is None and prev.para == m.para - 1
                and m.open_at == paragraphs[m.para][0] and prev.family == m.family):
            chain = prev.chain
        chained.append(Marked(m.start, m.end, m.open_at, m.close_at, m.family, m.para, chain))
    return chained
