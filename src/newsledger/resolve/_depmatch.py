"""spaCy's ``DependencyMatcher`` with two shortcuts that leave its matches as they are.

The dependency matcher finds the tokens of every node of every pattern with one token
``Matcher`` (one rule per node), then groups them by the root of their sentence's tree. Two
things there cost more than the matching of trees that follows:

- a node written alike in several patterns (a verb, a ``ccomp``, a ``dobj``) is one rule per
  pattern, so every verb of a text is found as many times as patterns have a verb node;
- each token found walks up the tree to its root, a new ``Token`` object per step.

:class:`SharedNodeMatcher` keeps one token rule per distinct node (every pattern's node
points to it) and reads the roots once per text from the heads array. The trees matched, and
so the matches, are the same (``tests/resolve/test_depmatch.py`` compares the two).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import numpy as np
from spacy.attrs import HEAD
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

__all__ = ["SharedNodeMatcher", "tree_roots"]


def tree_roots(doc: Doc) -> list[int]:
    """For each token, the index of the root of its tree (the token whose head is itself).

    Example: "Officials said it rained." → every token's root is 1 ("said").
    """
    n = len(doc)
    if not n:
        return []
    heads = (doc.to_array([HEAD]).astype(np.int64).reshape(-1) + np.arange(n)).tolist()
    roots = [-1] * n
    for i in range(n):
        path: list[int] = []
        j = i
        while roots[j] < 0 and heads[j] != j and len(path) <= n:
            path.append(j)
            j = heads[j]
        root = roots[j] if roots[j] >= 0 else j
        roots[j] = root
        for k in path:
            roots[k] = root
    return roots


class SharedNodeMatcher(DependencyMatcher):
    """A ``DependencyMatcher`` whose patterns share the token rules of nodes written alike.

    Add every pattern first, then call :meth:`share_nodes` once.
    """

    def share_nodes(self) -> int:
        """Keep one token rule per distinct node; returns how many rules were dropped."""
        first: dict[str, Any] = {}
        dropped = 0
        for key, per_pattern in self._tokens_to_key.items():
            for node_keys, nodes in zip(per_pattern, self._patterns[key], strict=True):
                for j, node in enumerate(nodes):
                    kept = first.setdefault(json.dumps(node, sort_keys=True), node_keys[j])
                    if kept != node_keys[j]:
                        self._matcher.remove(node_keys[j])
                        node_keys[j] = kept
                        dropped += 1
        return dropped

    def _get_keys_to_position_maps(self, doc: Doc) -> defaultdict[int, defaultdict[Any, list[int]]]:
        """As spaCy's: root → token rule → the positions it matched, with the roots read once."""
        roots = tree_roots(doc)
        out: defaultdict[int, defaultdict[Any, list[int]]] = defaultdict(lambda: defaultdict(list))
        for match_id, start, _end in self._matcher(doc):
            out[roots[start]][match_id].append(start)
        return out
