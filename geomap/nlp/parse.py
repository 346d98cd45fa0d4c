"""Parse-tree walks that are safe on a document without a dependency parse (issue 15).

In degraded mode (a blank pipeline, no parser) every token is its own head, but spaCy
3.8 can leave broken left/right edges on some tokens (a standalone ``’``): walking
``token.children`` there reads outside the document and crashes the process
(``[list(t.children) for t in spacy.blank("en")("x ’ y z w v")]``). The rules therefore
walk the tree only through these helpers, which treat a document without ``DEP``
annotation (``doc.has_annotation("DEP")``, worked out once per document) as a forest
of single tokens: no children, no ancestors, a subtree of the token alone.
"""

from __future__ import annotations

_PARSED = "geomap_parsed"


def parsed(doc) -> bool:
    """True when *doc* has a dependency parse (remembered in ``doc.user_data``)."""
    known = doc.user_data.get(_PARSED)
    if known is None:
        known = doc.user_data[_PARSED] = bool(doc.has_annotation("DEP"))
    return known


def children(token) -> list:
    """The token's syntactic children (none without a parse)."""
    return list(token.children) if parsed(token.doc) else []


def ancestors(token) -> list:
    """The token's ancestors, nearest first (none without a parse)."""
    return list(token.ancestors) if parsed(token.doc) else []


def subtree(token) -> list:
    """The token and its descendants in order (the token alone without a parse)."""
    return list(token.subtree) if parsed(token.doc) else [token]


def left_edge(token):
    """The leftmost token of the token's subtree (itself without a parse)."""
    return token.left_edge if parsed(token.doc) else token


def right_edge(token):
    """The rightmost token of the token's subtree (itself without a parse)."""
    return token.right_edge if parsed(token.doc) else token
