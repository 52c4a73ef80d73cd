"""The shared-node dependency matcher finds what spaCy's own finds, on the cue patterns."""

from __future__ import annotations

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from newsledger.clean.parse import load_model, parse_texts
from newsledger.resolve._depmatch import SharedNodeMatcher, tree_roots
from newsledger.resolve.cues import _expand, load_cue_lexicons, load_cue_patterns

TEXTS = [
    "The council, in a statement, said the bridge would reopen on Monday. Its engineers were told by the "
    "mayor that repairs had cost about $4m, according to the budget office.",
    "\"We are not leaving,\" said Tomas Weir, a ferry pilot. He added that crews had worked \"around the "
    "clock\" and warned the port could close, officials said.",
    "The wards, Vera Holt said, were unsafe. Holt, a nurse, told the inquiry she had reported it twice, "
    "and the hospital, which declined to comment, was described by inspectors as understaffed.",
    "Some 96% of members voted to accept the offer, the union said on Tuesday, while a person with "
    "knowledge of the talks said the company had called for a new vote. State television reported that "
    "the junta denied it.",
    "Rain fell. Nobody spoke. The minister: \"We will rebuild.\" Asked whether aid would come, she "
    "declined to say, but told reporters that 300 tents had arrived and that more was expected.",
]


def _plain_and_shared() -> tuple[DependencyMatcher, SharedNodeMatcher]:
    nlp = load_model()
    lists = load_cue_lexicons().lists()
    plain, shared = DependencyMatcher(nlp.vocab), SharedNodeMatcher(nlp.vocab)
    for p in load_cue_patterns():
        plain.add(p.id, [_expand(p.pattern, lists)])
        shared.add(p.id, [_expand(p.pattern, lists)])
    assert shared.share_nodes() > 0  # the cue patterns do write some nodes alike
    return plain, shared


def test_shared_nodes_find_the_matches_of_spacys_matcher() -> None:
    plain, shared = _plain_and_shared()
    texts = TEXTS + [p.example for p in load_cue_patterns()]
    found = 0
    for doc in parse_texts(texts):
        mine = sorted((k, tuple(t)) for k, t in shared(doc))
        assert mine == sorted((k, tuple(t)) for k, t in plain(doc)), doc.text
        found += len(mine)
        for sent in doc.sents:  # the way find_cues calls it: on a span's own Doc
            piece = sent.as_doc()
            assert sorted((k, tuple(t)) for k, t in shared(piece)) == sorted((k, tuple(t)) for k, t in plain(piece))
    assert found > len(texts)


def test_tree_roots_follow_heads_to_each_sentences_root() -> None:
    nlp = load_model()
    # "Rain fell ." and "Crews said it ended ." by hand: heads as token indices
    doc = Doc(nlp.vocab, words=["Rain", "fell", ".", "Crews", "said", "it", "ended", "."],
              heads=[1, 1, 1, 4, 4, 6, 4, 4], deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "punct"])
    assert tree_roots(doc) == [1, 1, 1, 4, 4, 4, 4, 4]
    assert tree_roots(Doc(nlp.vocab, words=[])) == []
    assert tree_roots(doc) == [([t, *t.ancestors])[-1].i for t in doc]
