"""Quotes: who said what, in quotation marks (direct) or as reported speech (indirect).

The cascade, one pass each over the document's tokens:

1. **Marks.** Every paragraph is scanned for the quotation marks news uses (straight and
   curly double quotes, curly and straight single quotes, guillemets, „…“). Apostrophes
   (Freedonia’s, don't, farmers’ plans) are told apart from closing single quotes by their
   neighbours. An unclosed mark ends at its paragraph, unless the next paragraph opens
   with a mark (a quote running over paragraphs), so one stray mark never swallows the
   rest of an article.
2. **Reported speech.** A speech verb followed by "that" (a few words may stand between:
   "confirmed late last month that", "told reporters at the gate that"), a bare speech verb
   followed by a clause with its own subject and finite verb ("said he's committed", "said
   the roof had collapsed", "told reporters the dead were workers"; not "said a prayer"),
   a trailing attribution after a clause ("The pumps failed, Lee said.") and "according
   to X" give the reported clause, up to the end of the clause ("…, as", "…, but", "; ",
   "… and that", which starts the next report). Without "that", a clause holding quoted
   words is left to them.
3. **Attribution.** A quote's speaker is the subject of a speech verb after it
   ("…," Lee said / said Lee / — Lee) or before it in the same sentence ("X said, '…'",
   "X praised the '…'", "X …, saying '…'"), then "according to X", then "X: '…'". A
   quote standing alone takes the speaker of the previous statement of its paragraph (or
   of the paragraph before, when it continues it); a quote that is a paragraph of its own
   takes the person who opens the sentence before it. A colon or dash after a clause
   ("Lee repeated the agency's account: '…'") gives that clause's subject.
4. **Terms.** Quoted names, terms and scare quotes are kept with ``kind="term"``: words
   right after "known as"/"the term"/"so-called", a quoted word right before a name
   ("brother" Lee), name-like capitalised words, a word in a headline, a short fragment
   that nobody in its sentence is said to have said.

Speakers are names without titles ("Sylvanian President Marko Vell" → "Marko Vell"),
groups ("the Sylvanian government" → "Sylvanian government"), or descriptions when the
text names nobody ("a local farmer’s letter" → "local farmer").
Pronouns and bare descriptions ("he", "the ambassador", "the forklift driver") are resolved
to a named person mentioned earlier with that title or role; "the company", "the
authority" to the nearest earlier organisation name ending in a fitting word ("Brannock
Mining Ltd", "Vaskor Water Authority"); "it said" to the body that spoke last. The speaker
span then points at that earlier name.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..clean.sentences import find_paragraphs
from ..lexicons import table, word_list
from ..model import Document, Quote
from ._names import (
    NameMention,
    Tokens,
    cap_run_end,
    find_names,
    match_title,
    title_first_words,
    titled_names,
    tokenize,
    trie_pattern,
)

__all__ = ["QuoteLexicons", "extract_quotes", "inflect_verbs", "load_quote_lexicons"]

_DOUBLE_MARKS = re.compile(r"[\"“”„]")
_GUILLEMETS = re.compile(r"[«»‹›]")
_SINGLE_MARKS = re.compile(r"[‘’']")
_DECADE = re.compile(r"\d\ds\b")
_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"\S+")
QUOTE_CHARS = "\"'“”‘’«»„‹›"
_OPEN_AFTER = '([{—–-/"“„«‹'
_DASHES = "—–-"
# a fragment of at most this many words needs a speaker in its sentence to be a statement
_SHORT_WORDS = 3
# name-like quoted words ("Nightjar", "ZX-9") are terms up to this length
_NAME_LIKE_WORDS = 4
# a line this short without sentence punctuation is a headline or subheading
_HEADING_WORDS = 14
# "said in an interview on Friday that" — words allowed between a verb and "that"
_THAT_WINDOW = 7
# after a closing mark, the speech verb must come within this many tokens ("," Lee said)
_AFTER_WINDOW = 10
# no scan reaches further than this many tokens back or ahead of its anchor, so a run-on
# "sentence" of a badly split page stays linear (speakers and cues sit close by)
_LOOKBACK = 60
_LOOKAHEAD = 120
# how many comma-separated appositives may stand between a subject and its verb
_APPOSITIVES = 3
# how many speech verbs before a quote are tried for a subject
_CUES_TRIED = 3
# how many sentences back a pronoun looks for its person
_PRONOUN_SENTENCES = 8
# reported content at least this much covered by direct quotes is left to the direct quotes
_COVERED = 0.5
# "told reporters at the gate on Wednesday morning that": words a listener verb may put
# between itself and "that"
_THAT_WINDOW_LISTENER = 10
# "said a handful of ships due at the quay had been sent": the longest subject of a
# reported clause without "that", in words, and of one that opens with a bare noun
# ("said crews had asked")
_SUBJECT_WORDS = 9
_BARE_SUBJECT_WORDS = 2
# "told a press briefing on Thursday the ...": the longest listener or opening phrase
_LISTENER_WORDS = 6
# ", the regional water board said." — the longest subject of a trailing attribution
_TRAILING_SUBJECT_WORDS = 7
# how far back "the company" looks for the company it stands for (characters)
_ORG_CHARS = 6000


def inflect_verbs(bases: Iterable[str]) -> frozenset[str]:
    """The base forms with their -s, -ed and -ing forms (lower case).

    Over-generation is harmless: a form that is not English never occurs in a text.

    Args:
        bases (Iterable[str]): verbs in base form ("say", "praise", "admit").
    Returns:
        frozenset[str]: every form, e.g. "praise" → praise, praises, praised, praising.

    Example: ``"admitted" in inflect_verbs(["admit"])`` → True.
    """
    out: set[str] = set()
    for raw in bases:
        base = raw.strip().lower()
        if not base:
            continue
        out.add(base)
        if base.endswith("e"):
            out.update({base + "s", base + "d", base[:-1] + "ing"})
        elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
            out.update({base[:-1] + "ies", base[:-1] + "ied", base + "ing"})
        else:
            plural = base + "es" if base.endswith(("s", "sh", "ch", "x", "z")) else base + "s"
            out.update({plural, base + "ed", base + "ing"})
            if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
                out.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    return frozenset(out)


def _split_verbs(bases: Iterable[str]) -> tuple[frozenset[str], dict[str, str]]:
    """Single-word verb forms, and for two-word verbs ("point out") form → particle."""
    single: list[str] = []
    multi: dict[str, str] = {}
    for base in bases:
        words = base.split()
        if len(words) == 1:
            single.append(words[0])
        elif len(words) == 2:
            for form in inflect_verbs([words[0]]):
                multi[form] = words[1]
    return inflect_verbs(single), multi


@dataclass(frozen=True, slots=True)
class QuoteLexicons:
    """The word lists the quote extractor reads, already inflected and lower-cased.

    Build a small one for a test with :func:`dataclasses.replace` on
    :func:`load_quote_lexicons`, e.g. ``replace(load_quote_lexicons(),
    speech_verbs=inflect_verbs(["say"]))``.
    """

    speech_verbs: frozenset[str]
    speech_phrasal: dict[str, str]
    evaluative_verbs: frozenset[str]
    titles: frozenset[str]
    term_before: tuple[str, ...]
    term_clause: tuple[str, ...]
    pronouns: dict[str, str]
    subject_pronouns: frozenset[str]
    group_nouns: frozenset[str]
    speech_nouns: frozenset[str]
    role_synonyms: dict[str, frozenset[str]]
    determiners: frozenset[str]
    auxiliaries: frozenset[str]
    adverbs: frozenset[str]
    prepositions: frozenset[str]
    connectors: frozenset[str]
    boundaries: frozenset[str]
    clause_ends: frozenset[str]
    passive: frozenset[str]
    object_verbs: frozenset[str]
    finite: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    numerals: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    org_synonyms: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)


@cache
def load_quote_lexicons() -> QuoteLexicons:
    """The default lexicons from ``data/en`` (loaded once).

    Returns:
        QuoteLexicons: speech and evaluative verbs, titles, term cues, pronouns, speaker
        nouns, role synonyms and function words.
    """
    speech, phrasal = _split_verbs(word_list("speech_verbs.txt"))
    evaluative, _ = _split_verbs(word_list("evaluative_verbs.txt"))
    cues = table("term_cues.tsv")
    words = table("function_words.tsv")

    def cat(name: str) -> frozenset[str]:
        return frozenset(row[0].lower() for row in words if len(row) > 1 and row[1] == name)

    nouns = table("speaker_nouns.tsv")
    synonyms: dict[str, set[str]] = {}
    for row in table("role_synonyms.tsv"):
        if len(row) > 1:
            synonyms.setdefault(row[0].lower(), set()).add(row[1].lower())
    orgs: dict[str, set[str]] = {}
    for row in table("org_synonyms.tsv"):
        if len(row) > 1:
            orgs.setdefault(row[0].lower(), set()).add(row[1].lower())
    # irregular pasts ("the fire began", "the crew left") show a clause as -ed forms do
    pasts = {row[1].lower() for row in table("verb_forms.tsv") if len(row) > 1 and row[1].lower() != row[0].lower()}
    kinds = {"cardinal", "scale", "vague"}
    numerals = {r[0].lower() for r in table("number_words.tsv") if len(r) > 1 and r[1] in kinds}
    pronoun_rows = table("pronouns.tsv")
    return QuoteLexicons(
        speech_verbs=speech,
        speech_phrasal=phrasal,
        evaluative_verbs=evaluative,
        titles=word_list("titles.txt"),
        term_before=tuple(sorted({r[0].lower() for r in cues if len(r) > 1 and r[1] == "before"}, key=len)),
        term_clause=tuple(r[0].lower() for r in cues if len(r) > 1 and r[1] == "clause"),
        pronouns={r[0].lower(): r[1] for r in pronoun_rows if len(r) > 1},
        subject_pronouns=frozenset(r[0].lower() for r in pronoun_rows if len(r) > 2 and r[2] == "subject"),
        group_nouns=frozenset(r[0].lower() for r in nouns if len(r) > 1 and r[1] == "group"),
        speech_nouns=frozenset(r[0].lower() for r in nouns if len(r) > 1 and r[1] == "speech"),
        role_synonyms={k: frozenset(v) for k, v in synonyms.items()},
        determiners=cat("determiner"),
        auxiliaries=cat("auxiliary"),
        adverbs=cat("adverb"),
        prepositions=cat("preposition"),
        connectors=cat("connector"),
        boundaries=cat("boundary"),
        clause_ends=cat("clause_end"),
        passive=cat("passive"),
        object_verbs=cat("object_verb"),
        finite=cat("finite") | frozenset(pasts),
        possessives=frozenset(r[0].lower() for r in pronoun_rows if len(r) > 2 and r[2] == "possessive"),
        numerals=frozenset(numerals),
        roles=frozenset(r[0].lower() for r in nouns if len(r) > 1 and r[1] == "role"),
        org_synonyms={k: frozenset(v) for k, v in orgs.items()},
    )


@dataclass(frozen=True, slots=True)
class _Speaker:
    text: str
    start: int
    end: int
    kind: str  # name | group | description


@dataclass(slots=True)
class _Marked:
    """Quoted words between two marks (or a mark and the paragraph end)."""

    start: int  # content start (after the mark)
    end: int  # content end (before the mark)
    open_at: int
    close_at: int | None
    family: str
    para: int
    chain: int = -1  # index of the first quote of a run over paragraphs
    term: str | None = None  # why the words are a name or term, when they are


class _Ctx:
    """One document's text, tokens, sentences, names and quote regions."""

    def __init__(self, doc: Document, lex: QuoteLexicons) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.toks: Tokens = Tokens(doc.text)
        self.paras = list(doc.paragraphs) or find_paragraphs(doc.text)
        self.sents = list(doc.sentences) or self.paras or [(0, len(doc.text))]
        self.sent_starts = [s for s, _ in self.sents]
        self.para_starts = [s for s, _ in self.paras]
        self.regions: list[tuple[int, int]] = []
        self.region_starts: list[int] = []
        self.stop = (
            lex.determiners
            | lex.auxiliaries
            | lex.boundaries
            | lex.prepositions
            | frozenset(lex.pronouns)
            | frozenset({"according"})
        )
        self.intros: list[NameMention] = []
        self.intro_starts: list[int] = []
        self.known: dict[str, frozenset[str]] = {}
        self.known_loaded = False
        self.appositives_loaded = False
        self.boiler: list[tuple[int, int]] = []
        self.boiler_starts: list[int] = []
        self.marked: list[_Marked] = []
        self.marked_starts: list[int] = []
        self.sentence_persons: dict[int, list[NameMention]] = {}
        self.sentence_person_starts: dict[int, list[int]] = {}
        self.cues: list[int] = []
        self.group_speakers: list[tuple[int, _Speaker]] = []
        self.speakers: list[_Speaker] = []
        self.headings: dict[int, bool] = {}
        self.tokenised: set[int] = set()
        self.speaker_starts: list[int] = []
        self.descriptions: list[_Speaker] = []
        self.description_starts: list[int] = []
        self.orgs: frozenset[str] | None = None
        # description head → (ends, spans) of the organisation names it may stand for
        self.org_names: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    # ---------------------------------------------------------------- lookups
    def set_regions(self, marked: list[_Marked]) -> None:
        """Record the quoted regions (marks included) and tokenise the sentences that matter.

        Only sentences holding a quotation mark or a speech verb (and the sentence after a
        closing mark, for '"…." he said.') are tokenised; names elsewhere are found by
        regex when a pronoun or a description needs them.
        """
        self.regions = sorted((m.open_at, (m.close_at + 1) if m.close_at is not None else m.end) for m in marked)
        self.region_starts = [s for s, _ in self.regions]
        lowered = self.text.lower()
        # matching the lower-cased text is much faster than a case-blind regex; the few
        # characters whose lower case is longer ("İ") would shift offsets, so not then
        blind = len(lowered) != len(self.text)
        rx = _cue_regex(self.lex.speech_verbs, self.lex.evaluative_verbs, tuple(sorted(self.lex.speech_phrasal)), blind)
        source = self.text if blind else lowered
        # every sentence with a speech verb may hold reported speech, with or without
        # "that" ("said the roof had collapsed", "…, the council said.")
        self.cues = [m.start() for m in rx.finditer(source)]
        wanted = {self.sentence(p) for p in self.cues}
        for m in marked:
            wanted.add(self.sentence(m.open_at))
            last = self.sentence(m.close_at if m.close_at is not None else max(m.open_at, m.end - 1))
            wanted.update(range(self.sentence(m.open_at), last + 2))
        self.tokenised = {i for i in wanted if i < len(self.sents)}
        windows = [self.sents[i] for i in sorted(self.tokenised)]
        self.toks = tokenize(self.text, _merge(self.text, windows))
        self.boiler = sorted((b.start, b.end) for b in self.doc.boilerplate)
        self.boiler_starts = [b[0] for b in self.boiler]
        self.marked = sorted(marked, key=lambda m: m.start)
        self.marked_starts = [m.start for m in self.marked]

    def load_known(self) -> None:
        """Roles of the persons titled in the tokenised sentences ("President Marko Vell"
        makes a later bare "Vell’s" a person). Set operations find the few title words
        first, so this costs a fraction of a pass over the tokens."""
        if self.known_loaded:
            return
        self.known_loaded = True
        toks, lex = self.toks, self.lex
        hits = title_first_words(lex.titles).intersection(toks.lower)
        known: dict[str, set[str]] = {}
        for i in [i for i, w in enumerate(toks.lower) if w in hits] if hits else []:
            t = match_title(toks, i, lex.titles)
            j = i + t
            if j < len(toks) and toks.words[j] == ".":
                j += 1
            if not t or j >= len(toks) or not toks.is_cap(j) or self.in_quote(toks.starts[i]):
                continue
            end = cap_run_end(toks, j, self.stop, lex.connectors, len(toks))
            if end > j:
                role = " ".join(toks.bare(x) for x in range(i, i + t))
                known.setdefault(toks.bare(end - 1), set()).add(role)
        self.known = {k: frozenset(v) for k, v in known.items()}

    def heading(self, para: int) -> bool:
        """True for a headline-like paragraph: short, no sentence punctuation at its end."""
        found = self.headings.get(para)
        if found is None:
            ps, pe = self.paras[para]
            found = (
                self.text[pe - 1 : pe] not in '.!?:"”’»'
                and len(self.text[ps : min(pe, ps + 400)].split(None, _HEADING_WORDS)) <= _HEADING_WORDS
            )
            self.headings[para] = found
        return found

    def is_boilerplate(self, start: int, end: int) -> bool:
        """Like ``Document.is_boilerplate``, by bisection (boilerplate lines do not overlap)."""
        i = bisect.bisect_left(self.boiler_starts, end) - 1
        return i >= 0 and self.boiler[i][1] > start

    def covered(self, start: int, end: int) -> float:
        """Share of [start, end) that lies inside quotation marks."""
        i = max(0, bisect.bisect_left(self.marked_starts, start) - 1)
        n = 0
        while i < len(self.marked) and self.marked[i].start < end:
            m = self.marked[i]
            if m.term not in _REPORTABLE_TERMS:
                # a quoted term inside a report ('pushed into "retreat work"') is the
                # reporter's wording, not a statement of its own
                n += max(0, min(end, m.end) - max(start, m.start))
            i += 1
        return n / max(1, end - start)

    def persons_in(self, s_idx: int) -> list[NameMention]:
        """Person names of one sentence (cached), outside quotation marks."""
        found = self.sentence_persons.get(s_idx)
        if found is None:
            self.load_known()
            if s_idx in self.tokenised:
                # already tokenised with the document: no second pass over its text
                sent_toks = self.toks
                lo, hi = self.sent_tokens(s_idx)
            else:
                sent_toks = tokenize(self.text, [self.sents[s_idx]])
                lo, hi = 0, len(sent_toks)
            found = [
                n
                for n in find_names(
                    sent_toks,
                    titles=self.lex.titles,
                    stop=self.stop,
                    connectors=self.lex.connectors,
                    skip=self.in_quote,
                    known=self.known,
                    lo=lo,
                    hi=hi,
                    roles=self.lex.roles,
                )
                if n.person
            ]
            self.sentence_persons[s_idx] = found
            self.sentence_person_starts[s_idx] = [p.start for p in found]
        return found

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.region_starts, offset) - 1
        return i >= 0 and offset < self.regions[i][1]

    def sentence(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def sent_tokens(self, s_idx: int) -> tuple[int, int]:
        s, e = self.sents[s_idx]
        return self.toks.index_at(s), self.toks.index_at(e)

    def window(self, s_idx: int, anchor: int) -> tuple[int, int]:
        """The tokens of sentence ``s_idx`` within reach of token ``anchor``."""
        lo, hi = self.sent_tokens(s_idx)
        return max(lo, anchor - _LOOKBACK), min(hi, anchor + _LOOKAHEAD)

    def paragraph(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, offset) - 1)

    def is_cue(self, i: int, evaluative: bool = False) -> int:
        """Length in tokens of the speech (or evaluative) verb at token ``i``; 0 if none."""
        toks = self.toks
        low = toks.lower[i]
        lex = self.lex
        # the set lookups first: almost every token is no speech verb at all
        if (
            low not in lex.speech_verbs
            and low not in lex.speech_phrasal
            and not (evaluative and low in lex.evaluative_verbs)
        ):
            return 0
        if self.in_quote(toks.starts[i]):
            return 0
        # "the claims", "a report": a noun, not a verb
        if i > 0 and (toks.lower[i - 1] in self.lex.determiners or toks.lower[i - 1] in self.lex.possessives):
            # "her promise", "their claims": a noun too
            return 0
        if low in self.lex.speech_verbs or (evaluative and low in self.lex.evaluative_verbs):
            return 1
        particle = self.lex.speech_phrasal.get(low)
        if particle and i + 1 < len(toks) and toks.lower[i + 1] == particle:
            return 2
        return 0

    def aux_or_adverb(self, i: int) -> bool:
        low = self.toks.lower[i]
        if low in self.lex.auxiliaries or low in self.lex.adverbs:
            return True
        return low.endswith("ly") and len(low) > 4 and self.toks.is_word(i) and not self.toks.is_cap(i)

    # ---------------------------------------------------------------- speakers
    def speaker_of_phrase(self, i: int, j: int) -> _Speaker | None:
        """The speaker a noun phrase (tokens [i, j)) names, or None.

        "Freedonia’s ambassador in Lorn Nina Sorel"-like phrases give the name after
        the title; "the Sylvanian government" a group; "the ambassador" the person
        introduced with that title; "he" the person it stands for.
        """
        toks, lex = self.toks, self.lex
        idx: list[int] = []
        depth = 0
        for k in range(i, j):
            w = toks.words[k]
            if w == "(":
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                idx.append(k)
        idx = [k for k in idx if toks.is_word(k) or toks.words[k] in "’'"]
        idx = [k for k in idx if toks.is_word(k)]
        if not idx:
            return None
        if any(toks.lower[k] in lex.auxiliaries for k in idx):
            return None
        last = idx[-1]
        if len(idx) == 1 and toks.bare(last) in lex.pronouns:
            return self.resolve_pronoun(toks.bare(last), toks.starts[last])
        if toks.lower[last] in lex.speech_nouns:
            return self.possessor(idx)
        if toks.bare(last) in lex.pronouns:
            return None
        # trailing capitalised run, possibly two joined by "and" ("Lorn and Sylvania")
        r = len(idx)
        while r > 0:
            k = idx[r - 1]
            if (
                toks.is_cap(k)
                and toks.lower[k] not in self.stop
                or (
                    (toks.lower[k] in lex.connectors or toks.lower[k] == "and")
                    and r - 2 >= 0
                    and toks.is_cap(idx[r - 2])
                    and toks.lower[idx[r - 2]] not in self.stop
                    and r < len(idx)
                )
            ):
                r -= 1
            else:
                break
        run = idx[r:] if r < len(idx) else []
        # "Workers interviewed by this paper": a participle after the head ends it as a
        # preposition does ("the injured worker" keeps its adjective)
        preps = [
            n
            for n, k in enumerate(idx[:r])
            if toks.lower[k] in lex.prepositions
            or (
                n > 0
                and _participle(toks.lower[k])
                and not toks.is_cap(k)
                and toks.lower[idx[n - 1]] not in lex.determiners
                and toks.lower[idx[n - 1]] not in lex.possessives
            )
        ]
        first_prep = preps[0] if preps else None
        head = idx[: first_prep if first_prep is not None else r]
        det = ""
        while head and toks.lower[head[0]] in lex.determiners:
            det = toks.lower[head[0]]
            head = head[1:]
        if run and (first_prep is None or first_prep == 0 or not head):
            return self.name_from_run(run)
        if not head:
            return None
        hw = head[-1]
        hbare = toks.bare(hw)
        singular = hbare[:-1] if hbare.endswith("s") else hbare
        is_title = hbare in lex.titles or hbare in lex.roles or bool(match_title(toks, hw, lex.titles))
        is_group = hbare in lex.group_nouns or ((singular in lex.titles or singular in lex.roles) and singular != hbare)
        body_start = head[0]
        if run and first_prep is not None:
            before_run = toks.lower[run[0] - 1] if run[0] > 0 else ""
            if is_title and not is_group and len(run) >= 3 and before_run in lex.prepositions:
                # "ambassador in Lorn Nina Sorel": the place is one word
                return self.name_from_run(run[1:])
            if toks.is_cap(hw) and not is_title and not is_group:
                start = head[0]
                while start > i and toks.is_cap(start - 1):
                    start -= 1
                return self.name_from_run([k for k in head if k >= start and toks.is_cap(k)])
        if is_group:
            end_k = idx[-1]
            # "Analysts from the Institute ... in Lorn": the place is not the speaker
            if run and len(preps) > 1 and toks.lower[run[0] - 1] in {"in", "at"}:
                end_k = max((k for k in idx if k < run[0] - 1), default=body_start)
            if first_prep is None:
                end_k = head[-1]
                if det == "the" and len(head) == 1 and not toks.is_cap(hw):
                    # "the company said" after "Lindqvist Haulage Ltd": that firm
                    found = self.resolve_org(hbare, toks.starts[i])
                    if found is not None:
                        return found
            return self.span_speaker(body_start, end_k, "group")
        if is_title:
            if first_prep is None and det not in {"a", "an", "another", "one"}:
                adjs = {toks.bare(k) for k in head[:-1]}
                found = self.resolve_description(hbare, adjs, toks.starts[i])
                if found is not None:
                    return found
            return self.span_speaker(body_start, idx[-1] if first_prep is not None else hw, "description")
        if toks.is_cap(hw) and first_prep is None:
            caps = [k for k in head if toks.is_cap(k)]
            return self.name_from_run(caps) if caps else None
        return None

    def span_speaker(self, a: int, b: int, kind: str) -> _Speaker:
        start, end = self.toks.starts[a], self.toks.name_end(b)
        return _Speaker(self.text[start:end], start, end, kind)

    def name_from_run(self, run: list[int]) -> _Speaker | None:
        """A name without its titles ("Sylvanian President Marko Vell" → "Marko Vell")."""
        if not run:
            return None
        toks = self.toks
        first = run[0]
        n = 0
        while n < len(run):
            t = match_title(toks, run[n], self.lex.titles)
            if t:
                n += t
                first = run[n] if n < len(run) else -1
            else:
                n += 1
        if first < 0:
            # a bare title ("President"): the person introduced with it
            return self.resolve_description(toks.bare(run[-1]), set(), toks.starts[run[0]])
        return self.span_speaker(first, run[-1], "name")

    def possessor(self, idx: list[int]) -> _Speaker | None:
        """The owner of a thing said: "a fighter’s message" → fighter, "His words" → he."""
        toks = self.toks
        for n in range(len(idx) - 2, max(-1, len(idx) - 5), -1):
            k = idx[n]
            if toks.lower[k] in self.lex.pronouns and self.lex.pronouns[toks.lower[k]] != "self":
                return self.resolve_pronoun(toks.lower[k], toks.starts[k])
            if toks.possessive(k):
                a = n
                # back to the determiner: "a local farmer’s letter" → "a local farmer"
                while a > 0 and n - a < 4:
                    prev = idx[a - 1]
                    low = toks.lower[prev]
                    if low in self.lex.determiners:
                        a -= 1
                        break
                    if low in self.lex.auxiliaries or low in self.lex.boundaries or self.is_cue(prev, True):
                        break
                    a -= 1
                found = self.speaker_of_phrase(idx[a], k + 1)
                if found is None:
                    # whoever owns the message speaks, even when the text names no one:
                    # "a local farmer’s letter" → "local farmer"
                    while a < n and toks.lower[idx[a]] in self.lex.determiners:
                        a += 1
                    found = self.span_speaker(idx[a], k, "description") if a <= n else None
                return found
        return None

    def resolve_pronoun(self, pronoun: str, pos: int) -> _Speaker | None:
        """The person (or group) a pronoun at ``pos`` stands for; None when unsure."""
        kind = self.lex.pronouns.get(pronoun)
        if kind == "person":
            found = self.person_for(pos)
            d = bisect.bisect_left(self.description_starts, pos) - 1
            if d >= 0:
                desc = self.descriptions[d]
                near = self.sentence(pos) - self.sentence(desc.start) <= 2
                if near and desc.end <= pos and (found is None or found.start < desc.start):
                    return desc
            return found
        if kind == "group":
            i = bisect.bisect_left([p for p, _ in self.group_speakers], pos) - 1
            return self.group_speakers[i][1] if i >= 0 else None
        if kind == "thing":
            # "…, it said.": the body that spoke last (a group, or a name the org words end)
            i = bisect.bisect_left([p for p, _ in self.group_speakers], pos) - 1
            if i >= 0:
                body = self.group_speakers[i][1]
                last = body.text.split()[-1].lower() if body.text.split() else ""
                if body.kind in {"group", "org"} or last in self.org_endings():
                    return body
        return None

    def person_for(self, pos: int) -> _Speaker | None:
        """The named person a personal pronoun at ``pos`` stands for; None when unsure."""
        s_idx = self.sentence(pos)
        persons = self.persons_in(s_idx)
        i = bisect.bisect_left(self.sentence_person_starts[s_idx], pos)
        # the nearest few names before the pronoun (a run-on sentence may hold many)
        here = [self.mention_speaker(p) for p in persons[max(0, i - 3) : i] if p.end <= pos]
        here += self.speakers_in(max(self.sents[s_idx][0], pos - 2000), pos)
        if here:
            return max(here, key=lambda sp: sp.start)
        # the first person named in each earlier sentence: subjects come first
        for back in range(s_idx - 1, max(-1, s_idx - 1 - _PRONOUN_SENTENCES), -1):
            found = [self.mention_speaker(p) for p in self.persons_in(back)]
            found += self.speakers_in(*self.sents[back])
            if found:
                return min(found, key=lambda sp: sp.start)
        return None

    def remember(self, speaker: _Speaker | None) -> None:
        """Keep a named speaker: "Tom Hardy said ... He added" needs no title to resolve."""
        if speaker is not None and speaker.kind == "description":
            # "A diver who asked not to be named told …. 'It ticks,' he said.": the
            # description is the nearest person, though the text names nobody
            i = bisect.bisect_left(self.description_starts, speaker.start)
            if i >= len(self.description_starts) or self.description_starts[i] != speaker.start:
                self.description_starts.insert(i, speaker.start)
                self.descriptions.insert(i, speaker)
        if speaker is not None and speaker.kind == "name":
            i = bisect.bisect_left(self.speaker_starts, speaker.start)
            if i >= len(self.speaker_starts) or self.speaker_starts[i] != speaker.start:
                self.speaker_starts.insert(i, speaker.start)
                self.speakers.insert(i, speaker)

    def speakers_in(self, start: int, end: int) -> list[_Speaker]:
        """Named speakers found so far whose name lies in [start, end)."""
        i = bisect.bisect_left(self.speaker_starts, start)
        j = bisect.bisect_left(self.speaker_starts, end)
        return [sp for sp in self.speakers[i:j] if sp.end <= end]

    def resolve_description(self, head: str, adjectives: set[str], pos: int) -> _Speaker | None:
        """The nearest earlier person introduced with a title a description may stand for."""
        if not self.appositives_loaded:
            # "the former soldier" may point back to "Lee, a former soldier": a second pass
            self.appositives_loaded = True
            self.intros = titled_names(self.text, self.lex.titles, self.in_quote, roles=self.lex.roles)
            self.intro_starts = [m.start for m in self.intros]
        roles = {head} | set(self.lex.role_synonyms.get(head, ()))
        i = bisect.bisect_left(self.intro_starts, pos) - 1
        fallback: NameMention | None = None
        stop = max(-1, i - _LOOKBACK)
        while i > stop:
            m = self.intros[i]
            if m.roles & roles:
                if not adjectives - self.lex.determiners or adjectives & m.adjectives:
                    return self.mention_speaker(m)
                fallback = fallback or m
            i -= 1
        return self.mention_speaker(fallback) if fallback else None

    def resolve_org(self, head: str, pos: int) -> _Speaker | None:
        """The nearest earlier organisation name a description ("the company") stands for.

        A name counts when its last word is the head itself ("the authority" → "Northport
        Water Authority") or a word ``org_synonyms.tsv`` allows ("the firm" → "Lindqvist
        Haulage Ltd"), and no capitalised word follows it (so "Freight" in a longer title
        is no company).
        """
        found = self.org_names.get(head)
        if found is None:
            rx = _org_regex(tuple(sorted({head} | self.lex.org_synonyms.get(head, frozenset()))))
            spans = [(m.start(), m.end()) for m in rx.finditer(self.text) if not self.in_quote(m.start())]
            found = ([e for _, e in spans], spans)
            self.org_names[head] = found
        i = bisect.bisect_right(found[0], pos) - 1
        if i < 0 or found[1][i][0] < pos - _ORG_CHARS:
            return None
        start, end = self.org_span(*found[1][i])
        if " " not in self.text[start:end]:
            # "the union" after "… the Federation said": the full name written before it
            word = self.text[start:end].lower()
            for j in range(i - 1, -1, -1):
                if found[1][j][0] < pos - _ORG_CHARS:
                    break
                a, b = self.org_span(*found[1][j])
                name = self.text[a:b]
                if " " in name and word in name.lower().split():
                    start, end = a, b
                    break
        return _Speaker(self.text[start:end], start, end, "org")

    def org_span(self, start: int, end: int) -> tuple[int, int]:
        """An organisation name found by regex, with its "of …" tail, without opening stop words."""
        # "Federation of Mine and Smelter Workers": the name goes on after "of"
        tail = _ORG_TAIL.match(self.text, end)
        if tail is not None:
            end = tail.end()
        # "The Harbour Authority", "In Lindqvist Haulage Ltd": sentence-initial words go
        for w in _WORD.finditer(self.text, start, end):
            if w.end() >= end or w.group().lower() not in self.stop:
                start = w.start()
                break
        return start, end

    def org_endings(self) -> frozenset[str]:
        """Last words that make a name an organisation ("Authority", "Ltd", "Council")."""
        if self.orgs is None:
            out = set(self.lex.group_nouns) | set(self.lex.org_synonyms)
            for v in self.lex.org_synonyms.values():
                out |= v
            self.orgs = frozenset(out)
        return self.orgs

    def mention_speaker(self, m: NameMention) -> _Speaker:
        return _Speaker(m.text, m.start, m.end, "name")

    def phrase_start(self, j: int, lo: int) -> int:
        """Where the noun phrase ending at token ``j`` starts (not before token ``lo``)."""
        toks, lex = self.toks, self.lex
        i = j
        while i - 1 >= lo:
            t = i - 1
            low = toks.lower[t]
            if not toks.is_word(t):
                if toks.words[t] in "()" or self.abbreviation_dot(t, lo):
                    i = t
                    continue
                break
            if self.in_quote(toks.starts[t]):
                break
            if low in lex.boundaries:
                if low == "and" and t - 1 >= lo and toks.is_cap(t - 1) and toks.is_cap(i):
                    i = t
                    continue
                break
            if low in lex.auxiliaries or self.is_cue(t, evaluative=True):
                break
            if toks.lower[i] in {"the", "a", "an"} and low not in lex.prepositions and not toks.possessive(t):
                # "The next day the authority said": a phrase opens at its determiner
                break
            i = t
        return i

    def abbreviation_dot(self, t: int, lo: int) -> bool:
        """True for the dot of a short capitalised abbreviation inside a name ("St. Anne’s")."""
        toks = self.toks
        return (
            toks.words[t] == "."
            and t - 1 >= lo
            and t + 1 < len(toks)
            and toks.is_cap(t - 1)
            and toks.is_cap(t + 1)
            and len(toks.words[t - 1]) <= 3
            and toks.ends[t - 1] == toks.starts[t]
        )

    def subject_before(self, c: int, lo: int) -> tuple[_Speaker | None, bool]:
        """The subject of the speech verb at token ``c``, and whether the verb is passive."""
        toks = self.toks
        j = c - 1
        passive = False
        while j >= lo and self.aux_or_adverb(j):
            if toks.lower[j] in self.lex.passive:
                passive = True
            j -= 1
        if passive:
            return self.agent(lo, c), True
        if j > lo and toks.lower[j] in {"there", "here"} and toks.is_word(j - 1):
            # "A nurse there told us": the place word is no part of the speaker
            j -= 1
        if j < lo:
            return None, False
        if toks.lower[j] in {"which", "who"} and j - 1 >= lo:
            # "the union, which says …": the phrase the relative clause hangs on
            k = j - 1 if toks.words[j - 1] == "," else j
            i = self.phrase_start(k, lo)
            # "a dispute with the union, which says": the phrase after the preposition
            i = next((x + 1 for x in range(k - 1, i - 1, -1) if toks.lower[x] in self.lex.prepositions), i)
            return (self.speaker_of_phrase(i, k) if i < k else None), False
        if toks.lower[j] == "and" and j > lo:
            # "The union puts the figure higher and says …": the sentence's subject
            return self.coordinated_subject(lo, j), False
        steps = 0
        while toks.words[j] == "," and steps < _APPOSITIVES:
            # "Lee, a member of the committee, stated" / "Vale, 52, who lives here, said":
            # skip the appositives; "The chief, Rob Stan, told": the name in it speaks
            k = j - 1
            while k >= lo and toks.words[k] != ",":
                k -= 1
            seg = k + 1
            if (
                k >= lo
                and seg < j
                and toks.is_cap(seg)
                and not self.appositive_at(seg)
                and cap_run_end(toks, seg, self.stop, self.lex.connectors, j) == j
                and not self.inside_appositive(k, lo)
            ):
                return self.name_from_run(list(range(seg, j))), False
            if k < lo:
                break
            nested = toks.is_cap(seg) and self.inside_appositive(k, lo)
            if not (nested or self.appositive_at(seg) or toks.lower[seg] in {"who", "which", "whose"}):
                return None, False
            j = k
            steps += 1
        if toks.words[j] == ",":
            j -= 1
        if j < lo:
            return None, False
        i = self.phrase_start(j + 1, lo)
        found = self.speaker_of_phrase(i, j + 1) if i <= j else None
        # "A diver who asked not to be named told …": the phrase before "who"
        return (found if found is not None else self.relative_subject(j + 1, lo)), False

    def coordinated_subject(self, lo: int, j: int) -> _Speaker | None:
        """The subject that opens the sentence when a speech verb follows "and" at ``j``."""
        toks, lex = self.toks, self.lex
        a = lo
        while a < j and not toks.is_word(a):
            a += 1
        for v in range(a + 1, min(j, a + 1 + _SUBJECT_WORDS)):
            low = toks.lower[v]
            if not toks.is_word(v) or low in lex.boundaries or low in lex.prepositions:
                return None
            if toks.is_cap(v) or toks.lower[v - 1] in lex.determiners:
                continue
            if low in lex.finite or _participle(low) or (low.endswith("s") and not low.endswith("ss")):
                return self.speaker_of_phrase(a, v)
        return None

    def relative_subject(self, j: int, lo: int) -> _Speaker | None:
        """The subject before a relative clause ending at token ``j``.

        "A diver who asked not to be named told …" → "A diver": the words after "who"
        (no comma, no quotation) describe the speaker and end right before the verb.
        """
        toks = self.toks
        for w in range(j - 1, max(lo, j - _SUBJECT_WORDS) - 1, -1):
            if not toks.is_word(w) or self.in_quote(toks.starts[w]):
                return None
            if toks.lower[w] == "who":
                if w - 1 < lo or not toks.is_word(w - 1):
                    return None
                i = self.phrase_start(w, lo)
                return self.speaker_of_phrase(i, w) if i < w else None
        return None

    def inside_appositive(self, comma: int, lo: int) -> bool:
        """True when the words before ``comma`` are themselves an appositive.

        In "Dana Voss, a foreman who is no relation to the mayor, Ola Voss, told" the name
        after "the mayor," belongs to the relative clause; "The chief, Rob Stan, told"
        names the speaker.
        """
        toks = self.toks
        k = comma - 1
        while k >= lo and toks.words[k] != ",":
            k -= 1
        if k < lo:
            return False
        seg = k + 1
        return toks.lower[seg] in {"a", "an"} or any(
            toks.lower[x] in {"who", "which", "whose"} for x in range(seg, comma)
        )

    def appositive_at(self, k: int) -> bool:
        """True when token ``k`` opens an appositive ("a member of …", "Freedonia’s envoy")."""
        toks = self.toks
        if k >= len(toks):
            return False
        low = toks.lower[k]
        return (
            low in self.lex.determiners
            or toks.possessive(k)
            or low[:1].isdigit()
            or bool(match_title(toks, k, self.lex.titles))
            or low in {"his", "her", "their", "its"}
        )

    def agent(self, lo: int, c: int) -> _Speaker | None:
        """The "by X" agent of a passive speech verb ("remarks made by X ... it was disclosed")."""
        toks = self.toks
        for k in range(c - 1, lo - 1, -1):
            if toks.lower[k] == "by" and k + 1 < c and toks.is_cap(k + 1):
                end = cap_run_end(toks, k + 1, self.stop, self.lex.connectors, c)
                if end > k + 1:
                    return self.name_from_run(list(range(k + 1, end)))
        return None

    def main_subject(self, lo: int, c: int) -> _Speaker | None:
        """The subject at the start of the sentence (for "…, saying" and "…, stating that")."""
        toks, lex = self.toks, self.lex
        i = lo
        if i < c and (toks.lower[i] in lex.prepositions or toks.lower[i] in lex.boundaries):
            comma = next((k for k in range(i, c) if toks.words[k] == ","), None)
            if comma is None:
                return None
            i = comma + 1
        j = i
        while j < c:
            low = toks.lower[j]
            if not toks.is_word(j) and toks.words[j] not in "’'":
                break
            if self.aux_or_adverb(j) or self.is_cue(j, evaluative=True):
                break
            if toks.is_word(j) and not toks.is_cap(j) and low.endswith("ed") and len(low) > 4:
                break
            j += 1
        return self.speaker_of_phrase(i, j) if j > i else None

    def participle_subject(self, c: int, lo: int) -> _Speaker | None:
        """Who speaks in "X's message, expressing '…'" or "X emphasized Y, saying '…'"."""
        toks = self.toks
        if c - 1 >= lo and toks.words[c - 1] == ",":
            i = self.phrase_start(c - 1, lo)
            if i < c - 1 and toks.lower[c - 2] in self.lex.speech_nouns:
                found = self.speaker_of_phrase(i, c - 1)
                if found is not None:
                    return found
        return self.main_subject(lo, c)

    def cue_speaker(self, c: int, lo: int) -> tuple[_Speaker | None, bool]:
        toks = self.toks
        if toks.lower[c].endswith("ing") and c - 1 >= lo and toks.words[c - 1] == ",":
            return self.participle_subject(c, lo), False
        return self.subject_before(c, lo)

    def according_to(self, k: int, hi: int) -> tuple[_Speaker | None, int]:
        """Speaker after "according to" at token ``k``, and the token after its phrase."""
        toks = self.toks
        j = k + 2
        end = j
        while (
            end < hi
            and toks.is_word(end)
            and not (
                toks.lower[end] in self.lex.boundaries
                and not (toks.lower[end] == "and" and toks.is_cap(end - 1) and end + 1 < hi and toks.is_cap(end + 1))
            )
        ):
            end += 1
        if end == j:
            return None, end
        return self.speaker_of_phrase(j, end), end


@cache
def _org_regex(endings: tuple[str, ...]) -> re.Pattern[str]:
    """Capitalised names (up to five words) ending in one of ``endings``, as written."""
    forms = {e[:1].upper() + e[1:] for e in endings} | {e.upper() for e in endings if len(e) <= 4}
    return re.compile(
        r"(?<![\w’'])(?:[A-Z][\w’'&.\-]*[ \t]+){0,4}(?:" + trie_pattern(sorted(forms)) + r")(?![\w’'\-])(?![ \t]+[A-Z])"
    )


_ORG_TAIL = re.compile(
    r"(?:[ \t]+(?:of|for)(?:[ \t]+the)?[ \t]+[A-Z][\w’'&\-]*)"
    r"(?:(?:[ \t]+(?:and|&))?[ \t]+[A-Z][\w’'&\-]*)*"
)


def _participle(low: str) -> bool:
    """A regular past form ("collapsed", "interviewed"), by its ending."""
    return len(low) > 4 and low.endswith("ed")


@cache
def _cue_regex(
    speech: frozenset[str], evaluative: frozenset[str], phrasal: tuple[str, ...], blind: bool
) -> re.Pattern[str]:
    """One regex for every speech and evaluative verb form and "according"."""
    words = set(speech) | set(evaluative) | set(phrasal) | {"according"}
    flags = re.IGNORECASE if blind else 0
    return re.compile(r"(?<![\w’'])(?:" + trie_pattern(sorted(words)) + r")(?![\w’'\-])", flags)


def _merge(text: str, windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted windows, neighbours separated only by white space joined into one."""
    out: list[tuple[int, int]] = []
    for s, e in windows:
        if out and (s <= out[-1][1] or text[out[-1][1] : s].isspace()):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


# ------------------------------------------------------------------ marks
def _double_quotes(text: str, ps: int, pe: int, para: int) -> list[_Marked]:
    out: list[_Marked] = []
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
                out.append(_Marked(open_at + 1, p, open_at, None, "double", para))
            open_at, open_char = p, ch
        elif open_at is not None:
            out.append(_Marked(open_at + 1, p, open_at, p, "double", para))
            open_at = None
        # a closing mark with no opening one (an embedded post's last line) is ignored
    if open_at is not None:
        out.append(_Marked(open_at + 1, pe, open_at, None, "double", para))
    return out


def _guillemet_quotes(text: str, ps: int, pe: int, para: int) -> list[_Marked]:
    out: list[_Marked] = []
    opened: dict[str, int] = {}
    pairs = {"«": "»", "‹": "›"}
    closes = {"»": "«", "›": "‹"}
    for m in _GUILLEMETS.finditer(text, ps, pe):
        p, ch = m.start(), m.group()
        if ch in pairs:
            if ch in opened:
                out.append(_Marked(opened[ch] + 1, p, opened[ch], None, ch, para))
            opened[ch] = p
        elif closes[ch] in opened:
            o = opened.pop(closes[ch])
            out.append(_Marked(o + 1, p, o, p, closes[ch], para))
    for ch, o in opened.items():
        out.append(_Marked(o + 1, pe, o, None, ch, para))
    return out


def _single_quotes(text: str, ps: int, pe: int, para: int) -> list[_Marked]:
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
    out: list[_Marked] = []
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
                out.append(_Marked(o + 1, pe, o, None, "single", para))
            n += 1
            continue
        out.append(_Marked(o + 1, chosen, o, chosen, "single", para))
        n += 1
        while n < len(opens) and opens[n] < chosen:
            n += 1
    return out


def _find_marked(ctx: _Ctx) -> list[_Marked]:
    """Every quoted passage of every paragraph, nested ones dropped, runs linked."""
    text = ctx.text
    found: list[_Marked] = []
    for n, (ps, pe) in enumerate(ctx.paras):
        found += _double_quotes(text, ps, pe, n)
        found += _guillemet_quotes(text, ps, pe, n)
        found += _single_quotes(text, ps, pe, n)
    found.sort(key=lambda m: (m.open_at, -m.end))
    kept: list[_Marked] = []
    for m in found:
        if kept and m.open_at < kept[-1].end:
            continue  # inside another quote
        kept.append(m)
    out: list[_Marked] = []
    openers = {(k.para, k.family) for k in kept if k.open_at == ctx.paras[k.para][0]}
    for m in kept:
        if m.close_at is None and m.end == ctx.paras[m.para][1]:
            continued = (m.para + 1, m.family) in openers
            if m.family == "single" and not continued:
                continue  # an apostrophe-like mark that never closes
        out.append(m)
    for i, m in enumerate(out):
        m.chain = i
        prev = out[i - 1] if i else None
        if (
            prev is not None
            and prev.close_at is None
            and prev.para == m.para - 1
            and m.open_at == ctx.paras[m.para][0]
            and prev.family == m.family
        ):
            m.chain = prev.chain
    return out


# ------------------------------------------------------------------ reported speech
def _clause_end(ctx: _Ctx, i: int, hi: int) -> int:
    """Token index where the reported clause starting at token ``i`` ends."""
    toks = ctx.toks
    t = i
    while t < hi:
        w = toks.words[t]
        if w in ";:—–" or (w == "-" and t > i and toks.starts[t] > toks.ends[t - 1]):
            break
        if t > i and toks.lower[t] in {"and", "but"} and t + 1 < hi and toks.lower[t + 1] == "that":
            # "the dead were workers and that their names ...": the next report starts
            break
        if w == "," and t + 1 < hi:
            nl = toks.lower[t + 1]
            if nl in ctx.lex.clause_ends:
                break
            if nl.endswith("ing") and len(nl) > 5 and not toks.is_cap(t + 1):
                break
        t += 1
    return t


def _span(ctx: _Ctx, a: int, b: int) -> tuple[int, int] | None:
    """Character span of tokens [a, b) without trailing punctuation."""
    if b <= a:
        return None
    start, end = ctx.toks.starts[a], ctx.toks.ends[b - 1]
    while end > start and ctx.text[end - 1] in ".,;: ":
        end -= 1
    return (start, end) if end > start else None


def _reported(ctx: _Ctx, marked: list[_Marked]) -> list[Quote]:
    toks, lex = ctx.toks, ctx.lex
    out: list[Quote] = []
    seen: set[int] = set()

    def emit(a: int, b: int, speaker: _Speaker | None, cue: str) -> None:
        span = _span(ctx, a, b)
        if span is None or span[0] in seen or ctx.is_boilerplate(*span):
            return
        if ctx.covered(*span) >= _COVERED or not any(toks.is_word(k) for k in range(a, b)):
            return
        seen.add(span[0])
        ctx.remember(speaker)
        if speaker is not None:
            ctx.group_speakers.append((speaker.start, speaker))
        out.append(_quote(ctx, span, False, speaker, cue))

    for pos in ctx.cues:
        c = toks.index_at(pos)
        if c >= len(toks) or toks.starts[c] != pos:
            continue
        low = toks.lower[c]
        if low == "according" and c + 1 < len(toks) and toks.lower[c + 1] == "to":
            if ctx.in_quote(toks.starts[c]):
                continue
            lo, hi = ctx.window(ctx.sentence(toks.starts[c]), c)
            speaker, after = ctx.according_to(c, hi)
            if speaker is None:
                continue
            if c == lo or toks.words[c - 1] in ",;":
                if after < hi and toks.words[after] == "," and c == lo:
                    a = after + 1
                    k = a
                    while k < hi and toks.words[k] != ",":
                        k += 1
                    if (
                        k < hi
                        and ctx.appositive_at(a)
                        and (toks.lower[a] in {"a", "an"} or any(match_title(toks, x, lex.titles) for x in range(a, k)))
                    ):
                        # "According to Lee, a former soldier who ..., content"
                        a = k + 1
                    emit(a, _clause_end(ctx, a, hi), speaker, "according to")
                elif c > lo and not any(ctx.is_cue(k) for k in range(lo, c)):
                    emit(lo, c - 1, speaker, "according to")
            continue
        n = ctx.is_cue(c)
        if not n:
            continue
        lo, hi = ctx.window(ctx.sentence(toks.starts[c]), c)
        k = c + n
        start = None
        listener = toks.lower[c] in lex.object_verbs
        for t in range(k, min(hi, k + (_THAT_WINDOW_LISTENER if listener else _THAT_WINDOW))):
            if toks.lower[t] == "that":
                start = t + 1
                break
            if not toks.is_word(t) or ctx.is_cue(t):
                break
            if t == k and not (
                toks.lower[t] in lex.prepositions or ctx.aux_or_adverb(t) or toks.lower[c] in lex.object_verbs
            ):
                # "finding memos ... that emphasize": an object and a relative clause
                break
        subject = toks.bare(k) if k < hi else ""
        # "has lately said he's committed to ...": no "that"
        if (
            start is None
            and subject in lex.subject_pronouns
            and lex.pronouns.get(subject) != "self"
            and k + 1 < hi
            and toks.is_word(k + 1)
            # "reported it too": "it" is an object unless a verb follows it
            and (
                lex.pronouns.get(subject) != "thing"
                or toks.lower[k] != subject
                or _finite_at(ctx, _skip_adverbs(ctx, k + 1, hi), k)
                or toks.lower[k + 1].endswith("s")
            )
        ):
            start = k
        end = -1
        if start is None:
            # "said the roof had collapsed", "told reporters the dead were workers"
            start = _thatless_start(ctx, c, k, hi)
            if start is not None:
                end = _clause_end(ctx, start, hi)
                if ctx.covered(toks.starts[start], toks.ends[end - 1]) > 0:
                    # 'said the plan was withdrawn or "paused"': without "that" the frame
                    # is the writer's; the quoted words carry the statement
                    continue
        cue = " ".join(toks.words[c : c + n])
        if start is None:
            # "The roof collapsed within an hour, Lund said."
            trailing = _trailing(ctx, c, k, hi)
            if trailing is not None:
                a, b, speaker = trailing
                if speaker is not None:
                    emit(a, b, speaker, cue)
            continue
        if start >= hi:
            continue
        speaker, passive = ctx.cue_speaker(c, lo)
        if speaker is None and not passive:
            continue
        if end < 0:
            end = _clause_end(ctx, start, hi)
        emit(start, end, speaker, cue)
        # "said the dead were workers and that their names would follow": two reports
        while end + 2 < hi and toks.lower[end] in {"and", "but"} and toks.lower[end + 1] == "that":
            start = end + 2
            end = _clause_end(ctx, start, hi)
            emit(start, end, speaker, cue)
    return out


def _skip_adverbs(ctx: _Ctx, j: int, hi: int) -> int:
    """The first token from ``j`` that is no adverb ("it first complained" → "complained")."""
    while j + 1 < hi and ctx.toks.lower[j] in ctx.lex.adverbs:
        j += 1
    return j


def _finite_at(ctx: _Ctx, j: int, s: int) -> bool:
    """True when token ``j`` is a finite verb of a clause whose subject starts at ``s``.

    Auxiliaries always are ("had", "was", "would"); a past form ("collapsed", "began") is
    unless it stands right after a determiner, where it is an adjective ("the damaged
    roof", "two injured workers").
    """
    toks, lex = ctx.toks, ctx.lex
    low = toks.lower[j]
    if j <= s or not toks.is_word(j) or toks.is_cap(j):
        return False
    if low in lex.finite and low in lex.auxiliaries:
        return True
    if low not in lex.finite and not _participle(low):
        return False
    prev = toks.bare(j - 1)
    return (
        prev not in lex.determiners
        and prev not in lex.possessives
        and prev not in lex.numerals
        and prev not in lex.prepositions
    )


def _clause_at(ctx: _Ctx, s: int, hi: int) -> bool:
    """True when a clause with its own subject and finite verb starts at token ``s``.

    The subject opens with a determiner, a possessive, a number, a name, a pronoun or (in
    two words at most) a bare noun: "the roof had collapsed", "his crews had been",
    "two dozen engines had been deployed", "crews had asked". An object ("a prayer",
    "the reports") has no verb after it, so it never counts.
    """
    toks, lex = ctx.toks, ctx.lex
    if s >= hi or not toks.is_word(s) or ctx.in_quote(toks.starts[s]):
        return False
    low = toks.bare(s)
    if low in lex.subject_pronouns:
        if lex.pronouns.get(low) == "self":
            return False
        j = s + 1
        while j < hi and ctx.aux_or_adverb(j) and toks.lower[j] not in lex.finite:
            j += 1
        return j < hi and _finite_at(ctx, j, s)
    if (
        low in lex.boundaries
        or low in lex.prepositions
        or low in lex.pronouns
        and low not in lex.possessives
        or ctx.aux_or_adverb(s)
        or ctx.is_cue(s)
    ):
        return False
    opener = (
        toks.is_cap(s)
        or low in lex.determiners
        or low in lex.possessives
        or low in lex.numerals
        or low[:1].isdigit()
        # "more than 300 workers", "about 40 divers": a figure with its qualifier
        or any(toks.lower[x][:1].isdigit() or toks.lower[x] in lex.numerals for x in range(s + 1, min(hi, s + 3)))
    )
    if not opener and toks.lower[s - 1].endswith("ing"):
        # "…, charging cables ran": a participle before a bare noun is no speech verb
        return False
    limit = min(hi, s + 1 + (_SUBJECT_WORDS if opener else _BARE_SUBJECT_WORDS))
    for j in range(s + 1, limit):
        if not toks.is_word(j) or ctx.in_quote(toks.starts[j]):
            return False
        if _finite_at(ctx, j, s):
            return True
        w = toks.bare(j)
        if w in {"who", "which"}:
            return _verb_after_relative(ctx, j, hi)
        after_prep = toks.lower[j - 1] in lex.prepositions
        if w in lex.boundaries or w in lex.subject_pronouns or toks.lower[j] in lex.auxiliaries or ctx.is_cue(j):
            return False
        if (w in lex.determiners or w in lex.possessives) and not after_prep:
            return False
    return False


_QUESTION_WORDS = frozenset({"what", "whether", "how", "why", "when", "where", "who", "which", "if"})


def _verb_after_relative(ctx: _Ctx, w: int, hi: int) -> bool:
    """True when the subject with a relative clause at ``w`` has a verb of its own after it.

    "the men who had been below longest were cold": the relative clause has its verb
    ("had been") and the clause its own ("were"); "the names of the men who had died" has
    only the first, so it is an object.
    """
    toks = ctx.toks
    first = -1
    for j in range(w + 1, min(hi, w + 1 + 2 * _SUBJECT_WORDS)):
        if not toks.is_word(j) or ctx.in_quote(toks.starts[j]) or toks.lower[j] in {"and", "or", "but", "that"}:
            return False
        if not _finite_at(ctx, j, w):
            continue
        if first < 0:
            first = j
        elif not (toks.lower[j - 1] in ctx.lex.auxiliaries or ctx.aux_or_adverb(j - 1)):
            return True
    return False


def _thatless_start(ctx: _Ctx, c: int, k: int, hi: int) -> int | None:
    """Where a reported clause without "that" starts after the speech verb at ``c``.

    "said the roof had collapsed", "said on Thursday the council had voted", "told
    reporters the dead were workers" (a listener first); None for "said a prayer".
    """
    toks, lex = ctx.toks, ctx.lex
    t = k
    while t < hi and t - k < 2 and ctx.aux_or_adverb(t) and toks.lower[t] not in lex.auxiliaries:
        t += 1
    if t >= hi:
        return None
    if toks.lower[c] in lex.object_verbs:
        candidates = range(t + 1, min(hi, t + 1 + _LISTENER_WORDS))
    elif toks.lower[t] in lex.prepositions:
        candidates = range(t + 2, min(hi, t + 1 + _LISTENER_WORDS))
    else:
        candidates = range(t, t + 1)
    for s in candidates:
        if not toks.is_word(s - 1) and s > t:
            return None
        if s > t and toks.lower[s - 1] in _QUESTION_WORDS:
            # "questions about what the visit covered": a question, not a statement
            return None
        if _clause_at(ctx, s, hi):
            return s
    return None


def _trailing(ctx: _Ctx, c: int, k: int, hi: int) -> tuple[int, int, _Speaker | None] | None:
    """A report before its attribution: "The roof fell in within the hour, Lund said."

    Returns the content's tokens (from the sentence start to the comma) and the speaker,
    or None when the words before the comma are no clause ("On Monday, officials said")
    or words after the verb go on to a clause of their own.
    """
    toks, lex = ctx.toks, ctx.lex
    s_lo, _ = ctx.sent_tokens(ctx.sentence(toks.starts[c]))
    if c - s_lo > _LOOKBACK or "," not in toks.words[max(s_lo, c - _TRAILING_SUBJECT_WORDS - 3) : c]:
        return None
    j = k
    while j < hi and toks.is_word(j) and j - k < _AFTER_WINDOW:
        if toks.lower[j] == "that" or toks.lower[j] in lex.auxiliaries or ctx.is_cue(j):
            return None
        j += 1
    if j < hi and toks.words[j] not in ".,!?;":
        return None
    b = c - 1
    while b >= s_lo and ctx.aux_or_adverb(b):
        b -= 1
    if b < s_lo:
        return None
    inverted = toks.words[b] == ","
    if inverted:
        # "…, said Lund."
        comma = b
    else:
        i = ctx.phrase_start(b + 1, s_lo)
        if i <= s_lo or toks.words[i - 1] != "," or b + 1 - i > _TRAILING_SUBJECT_WORDS:
            return None
        comma = i - 1
    a = _after_stamp(ctx, s_lo, comma)
    if comma - a < 3 or toks.lower[a] == "according":
        return None
    if not any(_finite_at(ctx, x, a) for x in range(a + 1, comma)) or any(ctx.is_cue(x) for x in range(a, comma)):
        return None
    speaker: _Speaker | None
    if inverted:
        speaker = ctx.speaker_of_phrase(k, j) if j > k else None
    else:
        speaker, passive = ctx.cue_speaker(c, s_lo)
        if passive:
            return None
    return a, comma, speaker


def _after_stamp(ctx: _Ctx, s_lo: int, hi: int) -> int:
    """The first word of a sentence after a time stamp and dash ("14:40 — …") if any."""
    toks = ctx.toks
    a = s_lo
    while a < hi and not toks.is_word(a):
        a += 1
    for d in range(a + 1, min(hi, a + 4)):
        if toks.words[d] in _DASHES and toks.words[d] != "-":
            if any(ch.isdigit() for x in range(a, d) for ch in toks.words[x]):
                a = d + 1
                while a < hi and not toks.is_word(a):
                    a += 1
            break
    return a


# ------------------------------------------------------------------ direct quotes
def _quote(
    ctx: _Ctx, span: tuple[int, int], direct: bool, speaker: _Speaker | None, cue: str | None, kind: str = "statement"
) -> Quote:
    s, e = span
    return Quote(
        doc=ctx.doc.id,
        start=s,
        end=e,
        text=ctx.text[s:e],
        direct=direct,
        speaker=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        cue=cue,
        kind="term" if kind == "term" else "statement",
    )


def _after_quote(ctx: _Ctx, m: _Marked) -> tuple[_Speaker | None, str | None]:
    """Attribution right after the closing mark: '," Lee said', '," said Lee', '" — Lee'."""
    toks = ctx.toks
    if m.close_at is None:
        return None, None
    a = toks.index_at(m.close_at + 1)
    s_idx = ctx.sentence(m.close_at)
    _, hi = ctx.sent_tokens(s_idx)
    if a >= hi and s_idx + 1 < len(ctx.sents):
        # '"Not now." he said.' — the splitter may cut after the mark
        nlo, nhi = ctx.sent_tokens(s_idx + 1)
        same_para = nlo < nhi and ctx.paragraph(ctx.sents[s_idx + 1][0]) == m.para
        if same_para and (not toks.is_cap(nlo) or toks.words[nlo] in _DASHES):
            a, hi = nlo, nhi
    limit = a
    while (
        limit < hi
        and limit - a < _AFTER_WINDOW
        and not (toks.words[limit][0] in QUOTE_CHARS and ctx.in_quote(toks.starts[limit]))
    ):
        limit += 1
    if (
        a < limit
        and toks.is_word(a)
        and not toks.is_cap(a)
        and ctx.text[m.start : m.end].rstrip()[-1:] not in ".,!?;:"
        and not ctx.is_cue(a)
    ):
        # 'the "safe" shed, workers say, …': the phrase goes on after a quoted word, so a
        # later speech verb is about the sentence, not about the word
        return None, None
    t = a
    while t < limit and toks.words[t] == ",":
        t += 1
    if t >= limit:
        return None, None
    if toks.words[t] in _DASHES:
        # '"…" — Mayor Ann Lee': the signature may be cut off as a sentence of its own
        end = t + 1
        p_hi = min(toks.index_at(ctx.paras[m.para][1]), end + _AFTER_WINDOW)
        if end >= p_hi or not toks.is_cap(end):
            return None, None
        while end < p_hi and toks.is_word(end):
            end += 1
        return ctx.speaker_of_phrase(t + 1, end), toks.words[t]
    if toks.lower[t] == "according" and t + 1 < limit and toks.lower[t + 1] == "to":
        sp, _ = ctx.according_to(t, hi)
        return sp, "according to"
    for c in range(t, limit):
        n = ctx.is_cue(c)
        if not n:
            if not toks.is_word(c) and toks.words[c] not in ",’'":
                return None, None
            continue
        cue = " ".join(toks.words[c : c + n])
        if c == t:
            end = c + n
            # "said Dr. Maria Lopez": the dot of a title abbreviation is not an end
            while end < hi and (toks.is_word(end) or (toks.words[end] == "." and toks.bare(end - 1) in ctx.lex.titles)):
                end += 1
            return ctx.speaker_of_phrase(c + n, end), cue
        j = c
        while j - 1 >= t and ctx.aux_or_adverb(j - 1):
            j -= 1
        phrase = [k for k in range(t, j)]
        comma = next((k for k in phrase if toks.words[k] == ","), None)
        if comma is not None:
            j = comma
        return (ctx.speaker_of_phrase(t, j) if j > t else None), cue
    return None, None


def _before_quote(ctx: _Ctx, m: _Marked) -> tuple[_Speaker | None, str | None, bool, bool]:
    """Attribution earlier in the quote's sentence: a speech verb and its subject.

    Returns (speaker, cue, whether a speaker was found, whether the cue cannot make a
    short fragment a statement: a passive verb or a verb whose subject is unknown).
    """
    toks = ctx.toks
    s_idx = ctx.sentence(m.open_at)
    o = toks.index_at(m.open_at)
    lo, _ = ctx.window(s_idx, o)
    tried = 0
    first_cue: str | None = None
    for c in range(o - 1, lo - 1, -1):
        if toks.lower[c] == "according" and c + 1 < o and toks.lower[c + 1] == "to":
            sp, _ = ctx.according_to(c, o)
            if sp is not None:
                return sp, "according to", True, False
        n = ctx.is_cue(c, evaluative=True)
        if not n:
            continue
        tried += 1
        cue = " ".join(toks.words[c : c + n])
        speaker, passive = ctx.cue_speaker(c, lo)
        if speaker is not None or passive:
            return speaker, cue, speaker is not None, passive
        first_cue = first_cue or cue
        if tried >= _CUES_TRIED:
            break
    # "Smith: '…'" — a bare name before a colon (the splitter may end a sentence there)
    lo = max(toks.index_at(ctx.paras[m.para][0]), o - _LOOKBACK)
    k = o - 1
    if not tried and k >= lo and toks.words[k] == ":":
        i = ctx.phrase_start(k, lo)
        if k - i <= 5:
            sp = ctx.speaker_of_phrase(i, k)
            if sp is not None and sp.kind != "description":
                return sp, ":", True, False
    if not tried and k >= lo and toks.words[k] in ":—–":
        sp = _clause_subject(ctx, k)
        if sp is not None:
            return sp, toks.words[k], True, False
    return None, first_cue, False, False


def _clause_subject(ctx: _Ctx, k: int) -> _Speaker | None:
    """The subject of the clause that a colon or dash at token ``k`` ends.

    "Lee repeated the agency’s account: '…'" and "Its secretary, Ann Lee, was blunt —
    '…'" introduce the quote with a sentence about its speaker.
    """
    toks, lex = ctx.toks, ctx.lex
    s_lo, _ = ctx.sent_tokens(ctx.sentence(toks.starts[k]))
    s_lo = max(s_lo, k - _LOOKBACK)
    for v in range(s_lo + 1, k):
        if not toks.is_word(v) or toks.is_cap(v) or ctx.in_quote(toks.starts[v]):
            continue
        low = toks.lower[v]
        if low in lex.finite or _participle(low) or ctx.is_cue(v, evaluative=True):
            sp, passive = ctx.subject_before(v, s_lo)
            if sp is None and not passive:
                sp = _opening_phrase(ctx, s_lo, k)
            return None if passive else sp
    return None


def _opening_phrase(ctx: _Ctx, s_lo: int, k: int) -> _Speaker | None:
    """The phrase before an appositive that opens a sentence.

    "One diver, a woman in her forties who gave no name, put it simply: …" → "One diver".
    """
    toks = ctx.toks
    a = s_lo
    while a < k and not toks.is_word(a):
        a += 1
    comma = next((x for x in range(a + 1, min(k, a + 1 + _NAME_LIKE_WORDS)) if toks.words[x] == ","), None)
    if comma is None or not ctx.appositive_at(comma + 1):
        return None
    if any(not toks.is_word(x) or toks.lower[x] in ctx.lex.prepositions for x in range(a, comma)):
        return None
    return ctx.speaker_of_phrase(a, comma)


def _term_reason(ctx: _Ctx, m: _Marked, words: int) -> str | None:
    """Why quoted words are a name, term or scare quote (None when they may be speech)."""
    text, toks, lex = ctx.text, ctx.toks, ctx.lex
    content = text[m.start : m.end].strip()
    ps, pe = ctx.paras[m.para]
    short = words <= _NAME_LIKE_WORDS and content[-1:] not in ".!?,"
    title = ctx.doc.meta.title_span
    if short and (ctx.heading(m.para) or (title is not None and title.overlaps(m.open_at, m.end))):
        return "heading"
    rx_before, rx_clause = _term_regexes(lex.term_before, lex.term_clause)
    if rx_before.search(text, max(ps, m.open_at - 40), m.open_at):
        return "term cue"
    o = toks.index_at(m.open_at)
    # "a group called 'X'" names; "he called it 'X'" judges
    if (
        o > 1
        and toks.lower[o - 1] in {"called", "dubbed", "labelled", "labeled", "branded"}
        and (
            o > 1
            and toks.is_word(o - 2)
            and toks.bare(o - 2) not in lex.pronouns
            and (not toks.is_cap(o - 2) or toks.lower[o - 2] in lex.auxiliaries)
        )
    ):
        return "naming"
    if words <= _SHORT_WORDS and content[-1:] not in ".!?,;:" and content[:1].islower():
        reason = _writers_phrase(ctx, o)
        if reason is not None:
            return reason
    if words <= _SHORT_WORDS and m.close_at is not None and content[-1:] not in ".!?,":
        a = m.close_at + 1
        if a + 1 < len(text) and text[a] == " " and text[a + 1].isupper() and not ctx.in_quote(a + 1):
            # '"brother" Lee': a quoted title or nickname before a name
            return "before name"
    core = re.findall(r"[\w’'-]+", content)
    if (
        core
        and len(core) <= _NAME_LIKE_WORDS
        and content[-1:] not in ".!?,"
        and all(w[0].isupper() or w[0].isdigit() for w in core)
    ):
        return "name-like"
    s_start = max(ctx.sents[ctx.sentence(m.open_at)][0], m.open_at - 400)
    at = -1
    for cm in rx_clause.finditer(text, s_start, m.open_at):
        at = cm.end()
    # 'The term "X" refers to ... as a "Y"': a term unless someone speaks in between
    if at >= 0 and not any(ctx.is_cue(k) for k in range(toks.index_at(at), o)):
        return "term in clause"
    if words <= _SHORT_WORDS and o >= 2 and toks.lower[o - 1] == "or" and toks.is_word(o - 2):
        # 'withdrawn or "paused"': the writer's alternative word, not a statement
        return "alternative"
    return None


# term reasons that leave a report around the term standing ('said crews were pushed into
# "retreat work"'); a writer's alternative word ('withdrawn or "paused"') does not
_REPORTABLE_TERMS = frozenset({"term cue", "naming", "what X calls", "after preposition", "modified noun"})

_WHAT_CALLS = re.compile(
    r"(?<![\w’'])(?:what|which|as)\s+(?:[\w’'-]+\s+){1,4}?"
    r"(?:calls?|called|terms?|termed|dubs?|dubbed|describes?\s+as|described\s+as|refers?\s+to\s+as|referred\s+to\s+as)"
    r"\s+(?:(?:a|an|the)\s+)?$",
    re.IGNORECASE,
)
_CALLS = re.compile(r"(?<![\w’'])(?:calls|call|terms)\s+(?:(?:a|an|the)\s+)?$", re.IGNORECASE)


def _writers_phrase(ctx: _Ctx, o: int) -> str | None:
    """Why a short lower-case fragment opening at token ``o`` is the writer's term.

    "what the company calls a 'routine' shift", "a practice the union calls 'X'" name a
    term; "pushed into 'X'" and "its recent 'X'" use the quoted words as a noun phrase of
    the writer's own sentence (a preposition or a possessive with an adjective before
    them), unless a speech or evaluative verb ("warned of 'X'") or a copula ("was in 'X'")
    governs them.
    """
    toks, lex, text = ctx.toks, ctx.lex, ctx.text
    if o < 1 or o >= len(toks):
        return None
    open_at = toks.starts[o]
    lo = max(ctx.paras[ctx.paragraph(open_at)][0], open_at - 80)
    if _WHAT_CALLS.search(text, lo, open_at) or _CALLS.search(text, lo, open_at):
        return "what X calls"
    prev = toks.lower[o - 1]
    if not toks.is_word(o - 1) or ctx.in_quote(toks.starts[o - 1]):
        return None
    if prev in lex.prepositions and prev not in {"as", "like"}:
        if o >= 2 and (
            ctx.is_cue(o - 2, evaluative=True)
            or toks.lower[o - 2] in lex.speech_nouns
            # 'the hull was in "fair shape"': a judgement after a copula
            or toks.lower[o - 2] in lex.auxiliaries
        ):
            return None
        return "after preposition"
    if (
        o >= 3
        and toks.lower[o - 2] in lex.possessives
        and toks.is_word(o - 1)
        and not toks.is_cap(o - 1)
        and prev not in lex.determiners
        and prev not in lex.possessives
    ):
        # "described its recent 'modernisation'": the writer's adjective, the firm's word
        return "modified noun"
    return None


@cache
def _term_regexes(before: tuple[str, ...], clause: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Term cues right before a mark ("known as") and earlier in the sentence ("refers to")."""

    def alt(cues: tuple[str, ...]) -> str:
        return "|".join(r"\s+".join(map(re.escape, c.split())) for c in sorted(cues, key=len, reverse=True))

    return (
        re.compile(r"(?<![\w’'])(?:" + alt(before) + r")[\s,]*$", re.IGNORECASE),
        re.compile(r"(?<![\w’'])(?:" + alt(clause) + r")(?![\w’'])", re.IGNORECASE),
    )


def _standalone(ctx: _Ctx, m: _Marked) -> bool:
    """True when the quote is its sentence (nothing but punctuation around it)."""
    s = ctx.sents[ctx.sentence(m.open_at)]
    e_sent = ctx.sents[ctx.sentence(m.close_at if m.close_at is not None else max(m.start, m.end - 1))]
    after = (m.close_at + 1) if m.close_at is not None else m.end
    return _ALNUM.search(ctx.text, s[0], m.open_at) is None and _ALNUM.search(ctx.text, after, e_sent[1]) is None


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) without surrounding whitespace."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _mark_terms(ctx: _Ctx, marked: list[_Marked]) -> None:
    """Set ``term`` on the quoted passages that are names, terms or scare quotes."""
    toks = ctx.toks
    for m in marked:
        s, e = _trimmed(ctx.text, m.start, m.end)
        if e <= s:
            continue
        words = sum(1 for k in range(toks.index_at(s), toks.index_at(e)) if toks.is_word(k))
        m.term = _term_reason(ctx, m, words)


def _direct(ctx: _Ctx, marked: list[_Marked]) -> list[tuple[_Marked, Quote, bool]]:
    """Each quoted passage as a Quote, with whether it has its own attribution."""
    out: list[tuple[_Marked, Quote, bool]] = []
    toks = ctx.toks
    for m in marked:
        s, e = _trimmed(ctx.text, m.start, m.end)
        if e <= s or not any(ch.isalnum() for ch in ctx.text[s:e]) or ctx.is_boilerplate(s, e):
            continue
        words = sum(1 for k in range(toks.index_at(s), toks.index_at(e)) if toks.is_word(k))
        if m.term is not None:
            out.append((m, _quote(ctx, (s, e), True, None, None, "term"), False))
            continue
        content = ctx.text[s:e]
        first_in_sentence = _ALNUM.search(ctx.text, ctx.sents[ctx.sentence(m.open_at)][0], m.open_at) is None
        after_first = (
            first_in_sentence
            or content[-1:] in ",!?"
            or (m.close_at is not None and ctx.text[m.close_at + 1 : m.close_at + 4].lstrip()[:1] in ",—–")
        )
        speaker: _Speaker | None = None
        cue: str | None = None
        attributed = False
        passive = False
        order = ("after", "before") if after_first else ("before", "after")
        seen: str | None = None
        for way in order:
            if way == "after":
                speaker, cue = _after_quote(ctx, m)
                attributed = speaker is not None
            else:
                speaker, cue, attributed, passive = _before_quote(ctx, m)
            if attributed:
                break
            seen = seen or cue
        cue = cue or seen
        standalone = _standalone(ctx, m)
        # a word or two inside a sentence is only a statement when someone is said to
        # have said it; 'it was disclosed that ... "dozens" of workers' reports, not quotes
        sentence_like = content[:1].isupper() and content[-1:] in ".!?"
        # a speech verb whose subject stays unknown ('"Too late," she said' with no one
        # named before) still makes the words speech; a passive report does not
        spoken = attributed or (cue is not None and not passive)
        if (not spoken or passive) and words <= _SHORT_WORDS and not standalone and not sentence_like:
            out.append((m, _quote(ctx, (s, e), True, None, None, "term"), False))
            continue
        ctx.remember(speaker)
        out.append((m, _quote(ctx, (s, e), True, speaker, cue), attributed))
    return out


def _inherit(ctx: _Ctx, direct: list[tuple[_Marked, Quote, bool]], reported: list[Quote]) -> list[Quote]:
    """Give a quote without attribution the speaker of the statement before it."""
    chain_speaker: dict[int, Quote] = {}
    for m, q, _own in direct:
        if q.kind == "statement" and q.speaker is not None:
            chain_speaker.setdefault(m.chain, q)
    events: list[tuple[int, int, Quote, _Marked | None, bool]] = [
        (q.start, 0, q, m, own) for m, q, own in direct if q.kind == "statement"
    ] + [(q.start, 1, q, None, True) for q in reported]
    events.sort(key=lambda x: (x[0], x[1]))
    last: dict[int, Quote] = {}  # paragraph → its last statement with a speaker
    fixed: dict[int, Quote] = {}
    for _start, _o, q, mark, own in events:
        para = ctx.paragraph(q.start)
        if mark is not None and not own:
            src = chain_speaker.get(mark.chain)
            if src is None:
                src = last.get(para)
            if src is None and mark.open_at == ctx.paras[para][0] and para - 1 in last:
                prev = last[para - 1]
                # "clearly continuing": the paragraph before ended with a quote
                if prev.direct and ctx.text[prev.end : ctx.paras[para - 1][1]].strip(" .,\"”’'»") == "":
                    src = prev
                elif ctx.sentence(prev.start) == ctx.sentence(ctx.paras[para - 1][1] - 1) and _standalone(ctx, mark):
                    # 'Lee said the pumps had failed.' ¶ '"We had no warning."'
                    src = prev
            if src is None and para > 0 and mark.open_at == ctx.paras[para][0] and _standalone(ctx, mark):
                # 'Shift boss Pavel Marek spoke to families at the gate.' ¶ '"Nobody goes down."'
                src = _previous_subject(ctx, q, ctx.paras[para - 1])
            if src is not None and src.speaker is not None:
                q = dataclasses.replace(
                    q, speaker=src.speaker, speaker_start=src.speaker_start, speaker_end=src.speaker_end
                )
                fixed[q.start] = q
        if q.speaker is not None:
            last[para] = q
    return [fixed.get(q.start, q) if q.direct else q for _m, q, _own in direct]


def _previous_subject(ctx: _Ctx, q: Quote, para: tuple[int, int]) -> Quote | None:
    """``q`` with the person who opens the last sentence of the paragraph ``para``.

    A quote that is a paragraph of its own, with no attribution, continues the sentence
    before it: "Rescue chief Ola Brandvik met the families." ¶ "“Nobody goes down.”".
    None when that sentence opens with no person.
    """
    s_idx = ctx.sentence(para[1] - 1)
    s_start = ctx.sents[s_idx][0]
    for p in ctx.persons_in(s_idx)[:1]:
        before = ctx.text[max(s_start, para[0]) : p.start]
        if len(before.split()) <= _APPOSITIVES + 1 and "," not in before:
            return dataclasses.replace(q, speaker=p.text, speaker_start=p.start, speaker_end=p.end)
    return None


def extract_quotes(doc: Document, *, lexicons: QuoteLexicons | None = None) -> list[Quote]:
    """Find who said what in one document: direct quotes, reported speech and quoted terms.

    Args:
        doc (Document): a prepared document (sentences and paragraphs filled by clean).
        lexicons (QuoteLexicons | None): word lists; default :func:`load_quote_lexicons`.
    Returns:
        list[Quote]: sorted by start. ``direct`` is True for words in quotation marks,
        False for reported speech; ``kind="term"`` marks quoted names, terms and scare
        quotes. Quotes inside boilerplate lines are skipped. Odd text gives fewer quotes,
        never an exception.

    Example: in ``'"We will stay," Mayor Ann Lee said.'`` the quote is ``We will stay,``
    with speaker ``"Ann Lee"`` and cue ``"said"``.
    """
    lex = lexicons or load_quote_lexicons()
    ctx = _Ctx(doc, lex)
    marked = _find_marked(ctx)
    ctx.set_regions(marked)
    _mark_terms(ctx, marked)
    reported = _reported(ctx, marked)
    ctx.group_speakers.sort(key=lambda x: x[0])
    direct = _direct(ctx, marked)
    quotes = _inherit(ctx, direct, reported) + reported
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes
